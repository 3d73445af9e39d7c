#include "core/money.h"

#include <stdio.h>
#include <string.h>

static const char *skip_spaces(const char *s)
{
    while (*s == ' ')
        s++;
    return s;
}

/* Digits with optional thousands separators sep (groups of exactly three). */
static bool parse_whole(const char *s, size_t len, char sep, long long *out)
{
    long long v = 0;
    size_t group = 0, digits = 0;
    bool seen_sep = false;
    for (size_t i = 0; i < len; i++) {
        if (s[i] >= '0' && s[i] <= '9') {
            v = v * 10 + (s[i] - '0');
            group++;
            digits++;
            if (v > MONEY_MAX_CENTS / 100)
                return false;
        } else if (sep && s[i] == sep) {
            if (digits == 0 || (seen_sep && group != 3) || (!seen_sep && group > 3))
                return false;
            seen_sep = true;
            group = 0;
        } else {
            return false;
        }
    }
    if (digits == 0 || (seen_sep && group != 3))
        return false;
    *out = v;
    return true;
}

bool money_parse(const char *s, long long *cents)
{
    if (s == NULL)
        return false;
    s = skip_spaces(s);
    bool neg = false;
    if (*s == '-') {
        neg = true;
        s = skip_spaces(s + 1);
    }
    if (strncmp(s, "\xe2\x82\xac", 3) == 0) /* € */
        s = skip_spaces(s + 3);
    size_t len = strlen(s);
    while (len > 0 && s[len - 1] == ' ')
        len--;
    /* A comma is the decimal separator and dots group thousands ("1.234,56"). Without
     * a comma, one dot followed by one or two digits is a decimal point ("1234.56");
     * otherwise dots group thousands ("1.234", "1.234.567"). */
    const char *dec = memchr(s, ',', len);
    char thousands = '.';
    if (dec == NULL) {
        const char *dot = memchr(s, '.', len);
        size_t after = dot ? len - (size_t)(dot - s) - 1 : 0;
        if (dot && memchr(dot + 1, '.', after) == NULL && after >= 1 && after <= 2) {
            dec = dot;
            thousands = 0;
        }
    }
    long long whole, frac = 0;
    size_t wlen = dec ? (size_t)(dec - s) : len;
    if (!parse_whole(s, wlen, thousands, &whole))
        return false;
    if (dec) {
        size_t flen = len - wlen - 1;
        if (flen == 0 || flen > 2)
            return false;
        for (size_t i = 0; i < flen; i++) {
            char c = dec[1 + i];
            if (c < '0' || c > '9')
                return false;
            frac = frac * 10 + (c - '0');
        }
        if (flen == 1)
            frac *= 10;
    }
    *cents = (neg ? -1 : 1) * (whole * 100 + frac);
    return true;
}

void money_format(long long cents, char *out, size_t n)
{
    char digits[32], grouped[48];
    unsigned long long a = (unsigned long long)(cents < 0 ? -cents : cents);
    snprintf(digits, sizeof digits, "%llu", a / 100);
    size_t len = strlen(digits), o = 0;
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            grouped[o++] = '.';
        grouped[o++] = digits[i];
    }
    grouped[o] = '\0';
    snprintf(out, n, "%s\xe2\x82\xac %s,%02llu", cents < 0 ? "-" : "", grouped, a % 100);
}
