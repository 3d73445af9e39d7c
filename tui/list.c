#include "tui/list.h"

#include <stdio.h>

void list_clamp(struct list *l)
{
    if (l->height < 1)
        l->height = 1;
    if (l->selected >= l->count)
        l->selected = l->count - 1;
    if (l->selected < 0)
        l->selected = 0;
    if (l->top > l->selected)
        l->top = l->selected;
    if (l->selected >= l->top + l->height)
        l->top = l->selected - l->height + 1;
    if (l->top < 0)
        l->top = 0;
}

int list_handle(struct list *l, enum action a)
{
    switch (a) {
    case ACT_UP: l->selected--; break;
    case ACT_DOWN: l->selected++; break;
    case ACT_PAGE_UP: l->selected -= l->height; l->top -= l->height; break;
    case ACT_PAGE_DOWN: l->selected += l->height; l->top += l->height; break;
    case ACT_HOME: l->selected = 0; break;
    case ACT_END: l->selected = l->count - 1; break;
    default: return 0;
    }
    if (l->top > l->count - l->height)
        l->top = l->count - l->height;
    list_clamp(l);
    return 1;
}

void list_draw(const struct list *l, int y, int w,
               void (*draw_row)(int row, int selected, int y, int w, void *ctx), void *ctx)
{
    for (int i = 0; i < l->height && l->top + i < l->count; i++)
        draw_row(l->top + i, l->top + i == l->selected, y + i, w, ctx);
}

int list_position(const struct list *l, char *buf, size_t n)
{
    if (n > 0)
        buf[0] = '\0';
    if (l->count <= l->height)
        return 0;
    int last = l->top + l->height < l->count ? l->top + l->height : l->count;
    snprintf(buf, n, "regels %d-%d van %d", l->top + 1, last, l->count);
    return 1;
}
