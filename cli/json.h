/* json.h: writing JSON text: strings escaped, invalid UTF-8 replaced by U+FFFD, so every
 * line klantvolg writes is valid JSON whatever the database holds. */
#ifndef KV_CLI_JSON_H
#define KV_CLI_JSON_H

#include <stdio.h>

/* "text" with quotes and escapes; NULL is written as null. */
void json_string(FILE *f, const char *s);

#endif
