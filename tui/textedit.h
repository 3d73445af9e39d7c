/* textedit.h: the editor behind every form field, one line or many. Pure logic, as
 * lineedit.h and htop's LineEditor: a key goes in, the text and cursor change; drawing is
 * elsewhere (form_draw.c). The text lives on the heap and has a limit in characters; a
 * key that would pass the limit is refused and says so (refused), so nothing is ever cut
 * silently. A multi-line text wraps at words by display columns (core/utf8), and the
 * cursor moves up and down over the wrapped rows as they are shown. */
#ifndef KV_TUI_TEXTEDIT_H
#define KV_TUI_TEXTEDIT_H

#include "tui/lineedit.h"

#include <stddef.h>

/* Characters a free text (report, note, motivation, comment, goal) may hold, and a
 * one-line field (a name, a date, a code). */
#define TEXTEDIT_NOTE_MAX 10000
#define TEXTEDIT_LINE_MAX 500

struct textedit {
    char *text;      /* NUL-terminated UTF-8 on the heap; "" after init, never NULL */
    size_t len, cap; /* bytes used and allocated */
    size_t cursor;   /* byte offset, always at a character boundary */
    size_t chars;    /* characters in text */
    size_t max;      /* characters allowed */
    int multiline;   /* '\n' inserts a line break; up and down move over rows */
    int width;       /* columns to wrap at, set by whoever draws it; 0: no wrapping */
    int goal;        /* the column up and down aim for; -1: the cursor's own */
    int refused;     /* the last key was refused because the text is full */
};

/* Start with initial (NULL: empty), limited to max characters. A longer initial text is
 * kept whole (nothing stored is cut); only typing more is refused. Returns 0, or -1 when
 * out of memory (the editor is then empty and usable). */
int textedit_init(struct textedit *e, const char *initial, size_t max, int multiline);

/* Replace the text (cursor at its end); 0, or -1 when out of memory (text unchanged). */
int textedit_set(struct textedit *e, const char *text);

void textedit_free(struct textedit *e);

/* Keys beyond the line editor's (LE_LEFT ... LE_KILL_LINE). */
enum textedit_key { TE_UP = -20, TE_DOWN = -21 };

enum textedit_result {
    TE_NOTHING, /* nothing happened (a control character, Delete at the end) */
    TE_CHANGED, /* the text changed */
    TE_MOVED,   /* only the cursor moved */
    TE_EDGE,    /* up on the first row or down on the last: the caller may move on */
    TE_REFUSED, /* the text is full (refused is set); nothing changed */
};

/* Apply a key: a code point to insert ('\n' in a multi-line text), a lineedit_key or a
 * textedit_key. Home and End go to the start and end of the shown row; Ctrl-U
 * (LE_KILL_LINE) clears a one-line field, and in a multi-line text only deletes back to
 * the start of the line, so one slip never wipes a whole report. */
enum textedit_result textedit_key(struct textedit *e, long key);

/* One shown row of a wrapped text: bytes start..start+len of it. A row broken at a space
 * leaves that space out (it stands at start+len); a line break ends a row. */
struct textedit_row {
    size_t start, len;
};

/* Wrap the n bytes at s into rows of at most width columns (width <= 0: one row per
 * line), breaking at spaces, a word wider than a row on its own rows. *rows is malloc'ed
 * (free()); returns the number of rows (at least 1), 0 when out of memory. */
size_t textedit_wrap(const char *s, size_t n, int width, struct textedit_row **rows);

/* The row (of rows, from textedit_wrap of e's text) holding the cursor, and its column. */
size_t textedit_cursor_row(const struct textedit *e, const struct textedit_row *rows, size_t n,
                           int *col);

/* Display columns of the n bytes at s. */
int textedit_width(const char *s, size_t n);

#endif
