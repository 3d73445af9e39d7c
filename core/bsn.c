#include "core/bsn.h"

#include <string.h>

bool bsn_parse(const char *s, char out[BSN_LEN + 1])
{
    char d[BSN_LEN + 1];
    int n = 0;
    for (; s != NULL && *s; s++) {
        if (*s >= '0' && *s <= '9') {
            if (n == BSN_LEN)
                return false;
            d[n++] = *s;
        } else if (*s != ' ' && *s != '.' && *s != '-') {
            return false;
        }
    }
    if (n == BSN_LEN - 1) { /* an eight-digit number carries an implicit leading zero */
        memmove(d + 1, d, (size_t)n);
        d[0] = '0';
        n++;
    }
    if (n != BSN_LEN)
        return false;
    /* Elfproef: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 must be a multiple of 11 (and not 0). */
    long sum = 0;
    for (int i = 0; i < 8; i++)
        sum += (long)(9 - i) * (d[i] - '0');
    sum -= d[8] - '0';
    if (sum <= 0 || sum % 11 != 0)
        return false;
    memcpy(out, d, BSN_LEN);
    out[BSN_LEN] = '\0';
    return true;
}

void bsn_mask(const char bsn[BSN_LEN + 1], char out[BSN_LEN + 1])
{
    memset(out, '*', BSN_LEN - 3);
    memcpy(out + BSN_LEN - 3, bsn + BSN_LEN - 3, 3);
    out[BSN_LEN] = '\0';
}
