/* text.h: drawing UTF-8 text by display width (wcwidth), never by byte count, so
 * names like Ölçer, Łukasz or Arabic script line up and are cut at a character. */
#ifndef KV_TUI_TEXT_H
#define KV_TUI_TEXT_H

/* Draw s at (y, x) using at most w columns; pad with spaces to w when pad is set.
 * Returns the columns used. */
int text_draw(int y, int x, int w, const char *s, int pad);

/* Display width of s (invalid bytes count as one column each). */
int text_width(const char *s);

#include <stddef.h>

/* Split s into at most max lines of at most w columns, at spaces (a word wider than w
 * stands alone and is cut when drawn). starts[k] is where line k begins in s, lens[k]
 * its length in bytes. Returns the number of lines. */
int text_wrap(const char *s, int w, size_t *starts, size_t *lens, int max);

#endif
