/* list.h: a scrolling list with a selection, for every screen that lists records.
 * Pure state (move, page, clamp) apart from drawing; rows are drawn by a callback so
 * the widget knows nothing of what it lists. */
#ifndef KV_TUI_LIST_H
#define KV_TUI_LIST_H

#include "tui/actions.h"

#include <stddef.h>

struct list {
    int count; /* rows */
    int selected;
    int top;    /* first visible row */
    int height; /* visible rows */
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

/* Columns. Every width is in display columns (wcwidth), never bytes: printf's "%-30s"
 * pads by bytes and so shifted every column after a name with ı, ş, ł or 王 to the left.
 * A column gets at least min columns (its width at 80: the mins add up to 80); the room a
 * wider terminal has goes, in order, to the columns whose content (want, measured by the
 * caller with list_width) is wider than min, up to want; the last column takes the rest. One blank
 * column is counted in each width but the last, before the next column. */
struct list_col {
    int min;
    int want;
};

/* Fill widths[0..n) for a screen w columns wide. */
void list_layout(const struct list_col *cols, int n, int w, int *widths);

/* The display width of s (what a cell of it needs, the blank after it included). */
int list_width(const char *s);

/* s cut at a character to leave one blank column in w, padded with spaces to w columns,
 * into out (n bytes): a cell for a row built as one line of text. */
void list_cell(char *out, size_t n, const char *s, int w);

/* A row of n cells as one line into out (size bytes); the last cell uses all its width. */
void list_cells(char *out, size_t size, const char *const *text, const int *widths, int n);

#endif
