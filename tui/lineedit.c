#include "tui/lineedit.h"

#include "core/utf8.h"

#include <string.h>

void lineedit_init(struct lineedit *e, const char *initial)
{
    size_t n = initial ? strlen(initial) : 0;
    if (n >= LINEEDIT_MAX)
        n = 0;
    memcpy(e->text, initial ? initial : "", n);
    e->text[n] = '\0';
    e->len = e->cursor = n;
}

static int continuation(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

static size_t prev_char(const struct lineedit *e, size_t at)
{
    if (at == 0)
        return 0;
    do
        at--;
    while (at > 0 && continuation((unsigned char)e->text[at]));
    return at;
}

static size_t next_char(const struct lineedit *e, size_t at)
{
    if (at >= e->len)
        return e->len;
    do
        at++;
    while (at < e->len && continuation((unsigned char)e->text[at]));
    return at;
}

static void cut(struct lineedit *e, size_t from, size_t to)
{
    memmove(e->text + from, e->text + to, e->len - to + 1);
    e->len -= to - from;
}

int lineedit_key(struct lineedit *e, long key)
{
    size_t before = e->cursor;
    switch (key) {
    case LE_LEFT:
        e->cursor = prev_char(e, e->cursor);
        return 0;
    case LE_RIGHT:
        e->cursor = next_char(e, e->cursor);
        return 0;
    case LE_HOME:
        e->cursor = 0;
        return 0;
    case LE_END:
        e->cursor = e->len;
        return 0;
    case LE_BACKSPACE:
        if (e->cursor == 0)
            return 0;
        e->cursor = prev_char(e, e->cursor);
        cut(e, e->cursor, before);
        return 1;
    case LE_DELETE:
        if (e->cursor >= e->len)
            return 0;
        cut(e, e->cursor, next_char(e, e->cursor));
        return 1;
    case LE_KILL_LINE:
        if (e->len == 0)
            return 0;
        lineedit_init(e, "");
        return 1;
    default:
        break;
    }
    if (key < 32 || key == 127 || key > 0x10FFFF || (key >= 0xD800 && key <= 0xDFFF))
        return 0; /* control characters and surrogates are not text */
    char buf[4];
    size_t n = utf8_encode((unsigned long)key, buf);
    if (e->len + n >= LINEEDIT_MAX)
        return 0;
    memmove(e->text + e->cursor + n, e->text + e->cursor, e->len - e->cursor + 1);
    memcpy(e->text + e->cursor, buf, n);
    e->len += n;
    e->cursor += n;
    return 1;
}
