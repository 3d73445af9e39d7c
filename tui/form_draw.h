/* form_draw.h: how a form looks. A '*' for required fields, the label, the value beside
 * it in a column as wide as the longest label (under it when the terminal is too narrow
 * for both); a note (FT_NOTE) wrapped over rows, scrolled to its cursor while it is
 * written, with its count of characters against the limit. Under a field its error (in the overdue
 * colour, marked "!") or its advice (the SMART lint, marked "*"), so a message stands next to what
 * it is about. The form scrolls to keep the focused field in view; the cursor stands in the focused
 * value. */
#ifndef KV_TUI_FORM_DRAW_H
#define KV_TUI_FORM_DRAW_H

#include "tui/form.h"

/* Draw f in rows y..y+h-1 at width w. cursor gets the row and column for the terminal's
 * cursor (in the focused text value), or row -1 when it should be hidden. The fields'
 * wrap width is set to what is shown, so up and down move over the rows as drawn. */
void form_draw(struct form *f, int y, int h, int w, int cursor[2]);

/* The column where values start at width w (where a pick list opens over them). */
int form_draw_value_x(const struct form *f, int w);

#endif
