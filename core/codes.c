#include "core/codes.h"

#include <string.h>

bool codes_next(const char **p, const char **code, size_t *len)
{
    if (*p == NULL || **p == '\0')
        return false;
    const char *comma = strchr(*p, ',');
    *code = *p;
    *len = comma ? (size_t)(comma - *p) : strlen(*p);
    *p = comma ? comma + 1 : *p + *len;
    return true;
}

bool codes_contains(const char *list, const char *code)
{
    size_t want = strlen(code), len;
    const char *c;
    for (const char *p = list; codes_next(&p, &c, &len);)
        if (len == want && strncmp(c, code, len) == 0)
            return true;
    return false;
}
