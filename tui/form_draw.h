/* form_draw.h: how a form looks. One line a field: a '*' for required fields, the label,
 * the value; under a field its error (in the overdue colour, marked "!") or its advice
 * (the SMART lint, marked "*"), so a message stands next to what it is about. The form
 * scrolls to keep the focused field in view; the cursor stands in the focused value. */
#ifndef KV_TUI_FORM_DRAW_H
#define KV_TUI_FORM_DRAW_H

#include "tui/form.h"

/* Draw f in rows y..y+h-1 at width w. cursor gets the row and column for the terminal's
 * cursor (in the focused text value), or row -1 when it should be hidden. */
void form_draw(const struct form *f, int y, int h, int w, int cursor[2]);

#endif
