/* json.h: writing JSON text: strings escaped, invalid UTF-8 replaced by U+FFFD, so every
 * line klantvolg writes is valid JSON whatever the database holds. */
#ifndef KV_CLI_JSON_H
#define KV_CLI_JSON_H

#include <sqlite3.h>
#include <stdio.h>

/* "text" with quotes and escapes; NULL is written as null. */
void json_string(FILE *f, const char *s);

/* Nested JSON written as it comes: commas placed, depth kept. */
#define JSON_MAX_DEPTH 16

struct json_writer {
    FILE *f;
    int depth;
    int first[JSON_MAX_DEPTH]; /* nothing written yet at this level */
};

/* A new top-level value ('{' or '['), a nested one, its end; a key; a separator before a
 * value in an array. */
void json_start(struct json_writer *w, char open);
void json_open(struct json_writer *w, char open);
void json_close(struct json_writer *w, char close);
void json_key(struct json_writer *w, const char *k);
void json_sep(struct json_writer *w);
/* A field's value from SQLite: null (also for v NULL), an integer, or text. */
void json_sql_value(struct json_writer *w, sqlite3_value *v);

#endif
