#include "tui/textedit.h"

#include "core/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static size_t count_chars(const char *s, size_t n)
{
    size_t k = 0;
    unsigned long cp;
    for (size_t at = 0, l; (l = utf8_next(s + at, s + n, &cp)) > 0; at += l)
        k++;
    return k;
}

int textedit_width(const char *s, size_t n)
{
    int w = 0;
    unsigned long cp;
    for (size_t at = 0, l; (l = utf8_next(s + at, s + n, &cp)) > 0; at += l)
        w += utf8_width(cp);
    return w;
}

static int reserve(struct textedit *e, size_t need)
{
    if (need + 1 <= e->cap)
        return 0;
    size_t cap = e->cap ? e->cap : 64;
    while (cap < need + 1)
        cap *= 2;
    char *t = realloc(e->text, cap);
    if (t == NULL)
        return -1;
    e->text = t;
    e->cap = cap;
    return 0;
}

int textedit_init(struct textedit *e, const char *initial, size_t max, int multiline)
{
    memset(e, 0, sizeof *e);
    e->max = max;
    e->multiline = multiline;
    e->goal = -1;
    if (reserve(e, 0) != 0) {
        static char empty[1];
        e->text = empty; /* usable and empty; textedit_free knows it */
        return -1;
    }
    e->text[0] = '\0';
    return initial ? textedit_set(e, initial) : 0;
}

int textedit_set(struct textedit *e, const char *text)
{
    size_t n = strlen(text);
    if (reserve(e, n) != 0)
        return -1;
    memmove(e->text, text, n + 1);
    e->len = e->cursor = n;
    e->chars = count_chars(text, n);
    e->goal = -1;
    e->refused = 0;
    return 0;
}

void textedit_free(struct textedit *e)
{
    if (e->cap)
        free(e->text);
    e->text = NULL;
    e->len = e->cap = e->cursor = e->chars = 0;
}

static int continuation(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

/* Characters are walked as utf8_next walks them: a stray continuation byte is one. */
static size_t prev_char(const struct textedit *e, size_t at)
{
    size_t p = at;
    if (p == 0)
        return 0;
    do
        p--;
    while (p > 0 && at - p < 4 && continuation((unsigned char)e->text[p]));
    unsigned long cp;
    return p + utf8_next(e->text + p, e->text + e->len, &cp) == at ? p : at - 1;
}

static size_t next_char(const struct textedit *e, size_t at)
{
    unsigned long cp;
    return at + utf8_next(e->text + at, e->text + e->len, &cp);
}

static void cut(struct textedit *e, size_t from, size_t to)
{
    e->chars -= count_chars(e->text + from, to - from);
    memmove(e->text + from, e->text + to, e->len - to + 1);
    e->len -= to - from;
}

static enum textedit_result insert(struct textedit *e, long key)
{
    if (key == '\n' ? !e->multiline
                    : key < 32 || key == 127 || key > 0x10FFFF || (key >= 0xD800 && key <= 0xDFFF))
        return TE_NOTHING; /* control characters and surrogates are not text */
    if (e->chars >= e->max) {
        e->refused = 1;
        return TE_REFUSED;
    }
    char buf[4];
    size_t n = utf8_encode((unsigned long)key, buf);
    if (reserve(e, e->len + n) != 0) {
        e->refused = 1;
        return TE_REFUSED;
    }
    memmove(e->text + e->cursor + n, e->text + e->cursor, e->len - e->cursor + 1);
    memcpy(e->text + e->cursor, buf, n);
    e->len += n;
    e->cursor += n;
    e->chars++;
    return TE_CHANGED;
}

static int push_row(struct textedit_row **v, size_t *n, size_t *cap, size_t start, size_t len)
{
    if (*n == *cap) {
        struct textedit_row *w = realloc(*v, 2 * *cap * sizeof *w);
        if (w == NULL)
            return -1;
        *v = w;
        *cap *= 2;
    }
    (*v)[(*n)++] = (struct textedit_row){start, len};
    return 0;
}

size_t textedit_wrap(const char *s, size_t n, int width, struct textedit_row **rows)
{
    size_t cap = 8, k = 0, at = 0;
    struct textedit_row *v = malloc(cap * sizeof *v);
    if (v == NULL)
        return 0;
    for (;;) {
        size_t p = at, end, next, space = SIZE_MAX;
        int col = 0, last = 0;
        unsigned long cp;
        for (;;) {
            if (p >= n || s[p] == '\n') { /* the end of a line */
                end = p;
                next = p + 1;
                last = p >= n;
                break;
            }
            size_t l = utf8_next(s + p, s + n, &cp);
            int w = utf8_width(cp);
            if (width > 0 && col + w > width && p > at) { /* full: break at the last space */
                end = cp == ' ' ? p : space != SIZE_MAX ? space : p;
                next = cp == ' ' || space != SIZE_MAX ? end + 1 : end;
                break;
            }
            if (cp == ' ' && p > at)
                space = p;
            col += w;
            p += l;
        }
        if (push_row(&v, &k, &cap, at, end - at) != 0) {
            free(v);
            return 0;
        }
        if (last)
            break;
        at = next;
    }
    *rows = v;
    return k;
}

size_t textedit_cursor_row(const struct textedit *e, const struct textedit_row *rows, size_t n,
                           int *col)
{
    size_t r = 0;
    for (size_t i = 0; i < n && rows[i].start <= e->cursor; i++)
        r = i;
    size_t to = e->cursor < rows[r].start + rows[r].len ? e->cursor : rows[r].start + rows[r].len;
    *col = textedit_width(e->text + rows[r].start, to - rows[r].start);
    return r;
}

/* The offset in row whose column is the last not past goal. */
static size_t at_column(const struct textedit *e, const struct textedit_row *row, int goal)
{
    size_t p = row->start, end = row->start + row->len;
    int col = 0;
    unsigned long cp;
    while (p < end) {
        size_t l = utf8_next(e->text + p, e->text + end, &cp);
        int w = utf8_width(cp);
        if (col + w > goal)
            break;
        col += w;
        p += l;
    }
    return p;
}

/* Up (-1) or down (+1) one shown row; Home (0, to == 0) and End (0, to == 1) of it. */
static enum textedit_result rows_move(struct textedit *e, int dir, int to_end)
{
    struct textedit_row *rows;
    size_t n = textedit_wrap(e->text, e->len, e->multiline ? e->width : 0, &rows);
    if (n == 0)
        return TE_NOTHING;
    int col;
    size_t r = textedit_cursor_row(e, rows, n, &col), before = e->cursor;
    enum textedit_result res = TE_MOVED;
    if (dir == 0) {
        e->cursor = rows[r].start + (to_end ? rows[r].len : 0);
        e->goal = -1;
    } else if ((dir < 0 && r == 0) || (dir > 0 && r + 1 >= n)) {
        res = TE_EDGE;
    } else {
        if (e->goal < 0)
            e->goal = col;
        e->cursor = at_column(e, &rows[dir < 0 ? r - 1 : r + 1], e->goal);
    }
    free(rows);
    return res == TE_MOVED && e->cursor == before && dir == 0 ? TE_NOTHING : res;
}

/* The start of the line (after the last line break) the cursor is in. */
static size_t line_start(const struct textedit *e)
{
    size_t p = e->cursor;
    while (p > 0 && e->text[p - 1] != '\n')
        p--;
    return p;
}

enum textedit_result textedit_key(struct textedit *e, long key)
{
    size_t before = e->cursor;
    e->refused = 0;
    if (key != TE_UP && key != TE_DOWN)
        e->goal = -1;
    switch (key) {
    case LE_LEFT:
        e->cursor = prev_char(e, e->cursor);
        return e->cursor != before ? TE_MOVED : TE_NOTHING;
    case LE_RIGHT:
        e->cursor = next_char(e, e->cursor);
        return e->cursor != before ? TE_MOVED : TE_NOTHING;
    case LE_HOME:
        return rows_move(e, 0, 0);
    case LE_END:
        return rows_move(e, 0, 1);
    case TE_UP:
        return rows_move(e, -1, 0);
    case TE_DOWN:
        return rows_move(e, 1, 0);
    case LE_BACKSPACE:
        if (e->cursor == 0)
            return TE_NOTHING;
        e->cursor = prev_char(e, e->cursor);
        cut(e, e->cursor, before);
        return TE_CHANGED;
    case LE_DELETE:
        if (e->cursor >= e->len)
            return TE_NOTHING;
        cut(e, e->cursor, next_char(e, e->cursor));
        return TE_CHANGED;
    case LE_KILL_LINE: {
        size_t from = e->multiline ? line_start(e) : 0, to = e->multiline ? e->cursor : e->len;
        if (from == to)
            return TE_NOTHING;
        cut(e, from, to);
        e->cursor = from;
        return TE_CHANGED;
    }
    default:
        return insert(e, key);
    }
}
