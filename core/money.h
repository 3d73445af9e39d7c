/* money.h: amounts in whole euro cents, never floating point.
 * Input in the forms people type: "12,50", "1.234,56", "€ 1.234,56", "1234.56", "500".
 * Output in Dutch notation: "€ 1.234,56". */
#ifndef KV_CORE_MONEY_H
#define KV_CORE_MONEY_H

#include <stdbool.h>
#include <stddef.h>

/* The largest amount accepted: € 999.999.999,99. */
#define MONEY_MAX_CENTS 99999999999LL

/* Parse s into cents. Returns false for anything ambiguous or malformed: a thousands
 * separator in the wrong place, more than two decimals, letters, empty input. */
bool money_parse(const char *s, long long *cents);

/* "€ 1.234,56" (or "-€ 12,00"); out needs at least 24 bytes. */
void money_format(long long cents, char *out, size_t n);

#endif
