/* lineedit.h: the one line editor behind every text field and the search prompt.
 * Pure logic (as htop's LineEditor): a key goes in, the text and cursor change; drawing
 * is elsewhere. Text is UTF-8 and the cursor moves by whole characters. */
#ifndef KV_TUI_LINEEDIT_H
#define KV_TUI_LINEEDIT_H

#include <stddef.h>

#define LINEEDIT_MAX 512

struct lineedit {
    char text[LINEEDIT_MAX]; /* NUL-terminated UTF-8 */
    size_t len;              /* bytes */
    size_t cursor;           /* byte offset, always at a character boundary */
};

void lineedit_init(struct lineedit *e, const char *initial);

enum lineedit_key {
    LE_LEFT = -1,
    LE_RIGHT = -2,
    LE_HOME = -3,
    LE_END = -4,
    LE_BACKSPACE = -5,
    LE_DELETE = -6,
    LE_KILL_LINE = -7 /* Ctrl-U: clear */
};

/* Apply a key: a Unicode code point (>= 32) to insert, or an lineedit_key. Returns 1
 * when the text changed, 0 when only the cursor moved or nothing happened (a full
 * buffer refuses input rather than cutting a character in half). */
int lineedit_key(struct lineedit *e, long key);

#endif
