#include "host/out.h"

#include "core/safetext.h"

#include <stdarg.h>
#include <stdlib.h>

static int put_safe(FILE *f, const char *s, enum safetext_mode m)
{
    char small[1024];
    size_t need = safetext_copy(small, sizeof small, s, m);
    char *buf = need < sizeof small ? small : malloc(need + 1);
    if (buf == NULL)
        return -1;
    if (buf != small)
        safetext_copy(buf, need + 1, s, m);
    size_t put = fwrite(buf, 1, need, f);
    if (buf != small)
        free(buf);
    return put == need ? (int)need : -1;
}

int out_printf(FILE *f, const char *fmt, ...)
{
    char small[1024], *text = small;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return -1;
    if ((size_t)n >= sizeof small) {
        if ((text = malloc((size_t)n + 1)) == NULL)
            return -1;
        va_start(ap, fmt);
        vsnprintf(text, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    int rc = put_safe(f, text, SAFETEXT_TEXT);
    if (text != small)
        free(text);
    return rc;
}

void out_tsv(FILE *f, int n, ...)
{
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++) {
        const char *cell = va_arg(ap, const char *);
        if (i)
            fputc('\t', f);
        put_safe(f, cell ? cell : "", SAFETEXT_LINE);
    }
    va_end(ap);
    fputc('\n', f);
}

const char *out_line(char *buf, size_t n, const char *s)
{
    safetext_copy(buf, n, s ? s : "", SAFETEXT_LINE);
    return buf;
}
