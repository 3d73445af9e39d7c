/* list.h: a scrolling list with a selection, for every screen that lists records.
 * Pure state (move, page, clamp) apart from drawing; rows are drawn by a callback so
 * the widget knows nothing of what it lists. */
#ifndef KV_TUI_LIST_H
#define KV_TUI_LIST_H

#include "tui/actions.h"

#include <stddef.h>

struct list {
    int count;      /* rows */
    int selected;
    int top;        /* first visible row */
    int height;     /* visible rows */
};

/* Apply a movement action; returns 1 when it was one (handled), else 0. */
int list_handle(struct list *l, enum action a);

/* Keep selection and top within bounds after count or height changed. */
void list_clamp(struct list *l);

/* Where the visible rows stand in a list longer than the screen, as "regels 21-40 van 140"
 * (the last shown is the count at the end): 1 when written, 0 (buf empty) when every row
 * fits. Tells people, and screen tests, how far they have paged. */
int list_position(const struct list *l, char *buf, size_t n);

/* Draw rows top..top+height at screen rows y.., width w; draw_row gets the row index,
 * whether it is selected, and where to draw. */
void list_draw(const struct list *l, int y, int w,
               void (*draw_row)(int row, int selected, int y, int w, void *ctx), void *ctx);

#endif
