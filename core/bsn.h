/* bsn.h: the Dutch citizen service number (burgerservicenummer).
 * Nine digits passing the elfproef; an old eight-digit number is the same number with a
 * leading zero. Lists show only the last three digits. */
#ifndef KV_CORE_BSN_H
#define KV_CORE_BSN_H

#include <stdbool.h>

#define BSN_LEN 9

/* Normalise s (digits, optionally separated by spaces, dots or dashes; 8 or 9 digits)
 * into out (9 digits + NUL) and check the elfproef. Returns true when valid. */
bool bsn_parse(const char *s, char out[BSN_LEN + 1]);

/* "******782" from a valid 9-digit BSN; out needs BSN_LEN + 1 bytes. */
void bsn_mask(const char bsn[BSN_LEN + 1], char out[BSN_LEN + 1]);

#endif
