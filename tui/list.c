#include "tui/list.h"

#include "core/utf8.h"
#include "tui/text.h"

#include <stdio.h>
#include <string.h>

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
    case ACT_UP:
        l->selected--;
        break;
    case ACT_DOWN:
        l->selected++;
        break;
    case ACT_PAGE_UP:
        l->selected -= l->height;
        l->top -= l->height;
        break;
    case ACT_PAGE_DOWN:
        l->selected += l->height;
        l->top += l->height;
        break;
    case ACT_HOME:
        l->selected = 0;
        break;
    case ACT_END:
        l->selected = l->count - 1;
        break;
    default:
        return 0;
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

void list_layout(const struct list_col *cols, int n, int w, int *widths)
{
    int left = w;
    for (int i = 0; i < n; i++) {
        widths[i] = cols[i].min;
        left -= cols[i].min;
    }
    for (int i = 0; i < n - 1 && left > 0; i++) {
        int more = cols[i].want - widths[i];
        if (more > left)
            more = left;
        if (more > 0) {
            widths[i] += more;
            left -= more;
        }
    }
    if (n > 0 && left > 0)
        widths[n - 1] += left;
}

int list_width(const char *s)
{
    return text_width(s) + 1;
}

/* s cut to cols display columns at a character, padded with spaces to pad columns. */
static void fit(char *out, size_t n, const char *s, int cols, int pad)
{
    size_t k = 0, len = strlen(s);
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    int used = 0;
    if (n == 0)
        return;
    while (p < end) {
        int l = utf8_seq_len(p, end);
        if (l <= 0)
            l = 1; /* an invalid byte: shown as one column, as text_draw does */
        char one[5];
        memcpy(one, p, (size_t)l);
        one[l] = '\0';
        int cw = text_width(one);
        if (used + cw > cols || k + (size_t)l + 1 >= n)
            break;
        memcpy(out + k, p, (size_t)l);
        k += (size_t)l;
        used += cw;
        p += l;
    }
    for (; used < pad && k + 1 < n; used++)
        out[k++] = ' ';
    out[k] = '\0';
}

void list_cell(char *out, size_t n, const char *s, int w)
{
    fit(out, n, s, w - 1, w);
}

void list_cells(char *out, size_t size, const char *const *text, const int *widths, int n)
{
    size_t k = 0;
    if (size > 0)
        out[0] = '\0';
    for (int i = 0; i < n && k + 1 < size; i++) {
        fit(out + k, size - k, text[i], i < n - 1 ? widths[i] - 1 : widths[i], widths[i]);
        k += strlen(out + k);
    }
}
