#include "storage/client_rows.h"

#include "core/casefile.h"
#include "core/date.h"
#include "storage/access.h"
#include "storage/stmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void client_rows_copy(char *dst, size_t n, sqlite3_stmt *st, int col)
{
    const char *t = (const char *)sqlite3_column_text(st, col);
    snprintf(dst, n, "%s", t ? t : "");
}

char *client_rows_text(sqlite3_stmt *st, int col)
{
    const char *t = (const char *)sqlite3_column_text(st, col);
    return strdup(t ? t : "");
}

long client_rows_day(sqlite3_stmt *st, int col)
{
    long d;
    const char *t = (const char *)sqlite3_column_text(st, col);
    return t && date_parse(t, &d) ? d : NO_DATE;
}

int client_rows_read(struct db *db, long client, const char *sql, size_t elem,
                     int (*fill)(void *row, sqlite3_stmt *st), void (*release)(void *v, size_t n),
                     void **out, size_t *n, struct kv_error *err)
{
    *out = NULL;
    *n = 0;
    int rc = access_client(db, client, err);
    if (rc != KV_OK)
        return rc;
    sqlite3_stmt *st;
    if ((rc = stmt_prepare(db->sql, &st, sql, "l", client)) != SQLITE_OK)
        return db_fail(db, rc, "client rows", err);
    size_t cap = 0;
    char *v = NULL;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 8;
            char *w = realloc(v, cap * elem);
            if (w == NULL) {
                release(v, *n);
                sqlite3_finalize(st);
                *n = 0;
                return kv_error_nomem(err);
            }
            v = w;
        }
        memset(v + *n * elem, 0, elem);
        if (fill(v + (*n)++ * elem, st) != 0) {
            release(v, *n);
            sqlite3_finalize(st);
            *n = 0;
            return kv_error_nomem(err);
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        release(v, *n);
        *n = 0;
        return db_fail(db, rc, "client rows", err);
    }
    *out = v;
    return KV_OK;
}
