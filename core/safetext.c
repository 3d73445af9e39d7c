#include "core/safetext.h"

#include "core/utf8.h"

#include <string.h>

static unsigned long decode(const unsigned char *p, size_t k)
{
    if (k == 1)
        return p[0];
    unsigned long cp = p[0] & (0x7F >> k);
    for (size_t i = 1; i < k; i++)
        cp = cp << 6 | (p[i] & 0x3F);
    return cp;
}

static int is_control(unsigned long cp, enum safetext_mode m)
{
    if (cp == '\n' || cp == '\t')
        return m == SAFETEXT_LINE;
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

size_t safetext_next(const char *s, const char *end, enum safetext_mode m, unsigned long *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    int k = utf8_seq_len(p, (const unsigned char *)end);
    if (k == 0) {
        *cp = SAFETEXT_REPLACEMENT;
        return 1;
    }
    *cp = decode(p, (size_t)k);
    if (is_control(*cp, m))
        *cp = SAFETEXT_REPLACEMENT;
    return (size_t)k;
}

size_t safetext_copy(char *out, size_t n, const char *s, enum safetext_mode m)
{
    const char *end = s + strlen(s);
    size_t need = 0, at = 0;
    int full = n == 0;
    while (s < end) {
        unsigned long cp;
        char enc[4];
        s += safetext_next(s, end, m, &cp);
        size_t k = utf8_encode(cp, enc);
        need += k;
        if (!full && at + k < n) {
            memcpy(out + at, enc, k);
            at += k;
        } else {
            full = 1; /* nothing after a character that did not fit */
        }
    }
    if (n > 0)
        out[at] = '\0';
    return need;
}

int safetext_is_clean(const char *s, enum safetext_mode m)
{
    const char *end = s + strlen(s);
    while (s < end) {
        unsigned long cp;
        size_t k = safetext_next(s, end, m, &cp);
        if (cp == SAFETEXT_REPLACEMENT && (k != 3 || memcmp(s, "\xef\xbf\xbd", 3) != 0))
            return 0;
        s += k;
    }
    return 1;
}
