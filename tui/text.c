#include "tui/text.h"

#include "core/safetext.h"

#include <stdio.h>

#include <curses.h>
#include <string.h>
#include <wchar.h>

/* Walks s one character at a time, as core/safetext.h says it is to be shown: control
 * characters and invalid bytes become U+FFFD, so nothing in a name or note reaches the
 * terminal as a command. (wchar_t holds a code point: glibc's is UCS-4.) */
static int next_char(const char **s, wchar_t *wc)
{
    if (**s == '\0')
        return 0;
    unsigned long cp;
    *s += safetext_next(*s, *s + strlen(*s), SAFETEXT_LINE, &cp);
    *wc = (wchar_t)cp;
    return 1;
}

int text_width(const char *s)
{
    wchar_t wc;
    int w = 0;
    while (s && next_char(&s, &wc)) {
        int cw = wcwidth(wc);
        w += cw > 0 ? cw : (cw == 0 ? 0 : 1);
    }
    return w;
}

int text_draw(int y, int x, int w, const char *s, int pad)
{
    wchar_t wc;
    int used = 0;
    move(y, x);
    while (s && next_char(&s, &wc)) {
        int cw = wcwidth(wc);
        if (cw < 0) { /* printable to us, not to this locale */
            wc = L'?';
            cw = 1;
        }
        if (used + cw > w)
            break;
        wchar_t one[2] = {wc, 0};
        addnwstr(one, 1);
        used += cw;
    }
    for (; pad && used < w; used++)
        addch(' ');
    return used;
}

int text_wrap(const char *s, int w, size_t *starts, size_t *lens, int max)
{
    int n = 0;
    size_t at = 0, len = strlen(s);
    char part[1024];
    while (at < len && n < max) {
        size_t end = len, fits = at; /* fits: the last space (or the end) that still fits */
        for (size_t k = at; k <= len; k++) {
            if (k < len && s[k] != ' ')
                continue;
            snprintf(part, sizeof part, "%.*s", (int)(k - at), s + at);
            if (text_width(part) > w) {
                end = fits > at ? fits : k; /* a word too wide alone ends its own line */
                break;
            }
            fits = k;
        }
        starts[n] = at;
        lens[n++] = end - at;
        at = end + (end < len);
    }
    return n;
}
