/* codes.h: comma lists of catalogue codes ("55plus,statushouder"), the form doelgroepen
 * and multiple choices are kept in. Whole codes only: "jongere" is not in "jongeren". */
#ifndef KV_CORE_CODES_H
#define KV_CORE_CODES_H

#include <stdbool.h>
#include <stddef.h>

/* Is code in list? NULL and "" hold nothing. */
bool codes_contains(const char *list, const char *code);

/* The next code of a list: from *p, its start in *code and length in *len, with *p moved
 * past it. False when *p is at the end (or NULL). */
bool codes_next(const char **p, const char **code, size_t *len);

#endif
