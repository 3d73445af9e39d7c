/* jsonread.h: a strict JSON reader for import: objects, arrays, strings (UTF-8 checked,
 * escapes decoded), integers, true/false/null. Fractions and exponents are refused: no
 * field of the format needs them (money is in cents). Errors name the column and the
 * reason in Dutch. */
#ifndef KV_CLI_JSONREAD_H
#define KV_CLI_JSONREAD_H

#include <stddef.h>

enum jtype { J_NULL, J_BOOL, J_INT, J_STR, J_ARR, J_OBJ };

struct jmember;

struct jval {
    enum jtype t;
    long long i;             /* J_INT, J_BOOL */
    char *s;                 /* J_STR, NUL-terminated UTF-8 */
    struct jval *items;      /* J_ARR */
    struct jmember *members; /* J_OBJ */
    size_t n;                /* items or members */
};

struct jmember {
    char *key;
    struct jval val;
};

/* Parse text[0..len) as exactly one JSON value (surrounding whitespace allowed). On
 * failure returns -1 with a Dutch message in msg and the 1-based column in *col. */
int json_parse(const char *text, size_t len, struct jval *out, char *msg, size_t msglen,
               size_t *col);
void json_free(struct jval *v);

/* Member of an object by key, or NULL. */
const struct jval *json_get(const struct jval *obj, const char *key);

#endif
