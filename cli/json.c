#include "cli/json.h"

#include "core/utf8.h"

#include <string.h>

void json_string(FILE *f, const char *s)
{
    if (s == NULL) {
        fputs("null", f);
        return;
    }
    const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);
    fputc('"', f);
    while (*p) {
        int n = utf8_seq_len(p, end);
        if (n == 0) {
            fputs("\\ufffd", f);
            p++;
        } else if (n == 2 && p[0] == 0xC2 && p[1] < 0xA0) {
            fprintf(f, "\\u%04x", p[1]); /* C1 control: U+0080..U+009F */
            p += n;
        } else if (n > 1) {
            fwrite(p, 1, (size_t)n, f);
            p += n;
        } else {
            unsigned char c = *p++;
            if (c == '"' || c == '\\')
                fprintf(f, "\\%c", c);
            else if (c == '\n')
                fputs("\\n", f);
            else if (c == '\t')
                fputs("\\t", f);
            else if (c == '\r')
                fputs("\\r", f);
            else if (c < 0x20 || c == 0x7F)
                fprintf(f, "\\u%04x", c);
            else
                fputc(c, f);
        }
    }
    fputc('"', f);
}

void json_sep(struct json_writer *w)
{
    if (!w->first[w->depth])
        fputc(',', w->f);
    w->first[w->depth] = 0;
}

void json_open(struct json_writer *w, char open)
{
    fputc(open, w->f);
    if (w->depth + 1 < JSON_MAX_DEPTH)
        w->depth++;
    w->first[w->depth] = 1;
}

void json_start(struct json_writer *w, char open)
{
    w->depth = 0;
    w->first[0] = 1;
    json_open(w, open);
}

void json_close(struct json_writer *w, char close)
{
    fputc(close, w->f);
    if (w->depth > 0)
        w->depth--;
}

void json_key(struct json_writer *w, const char *k)
{
    json_sep(w);
    json_string(w->f, k);
    fputc(':', w->f);
}

void json_sql_value(struct json_writer *w, sqlite3_value *v)
{
    switch (v ? sqlite3_value_type(v) : SQLITE_NULL) {
    case SQLITE_NULL:
        fputs("null", w->f);
        break;
    case SQLITE_INTEGER:
        fprintf(w->f, "%lld", (long long)sqlite3_value_int64(v));
        break;
    default:
        json_string(w->f, (const char *)sqlite3_value_text(v));
    }
}
