#include "storage/stmtcache.h"

#include <stdlib.h>
#include <string.h>

/* Enough for the refresh's statements and a few more; past it, statements are prepared
 * and finalized as before, which is correct, only slower. */
#define STMTCACHE_SLOTS 48

struct slot {
    char *sql;
    sqlite3_stmt *st;
    int taken;
};

struct stmtcache {
    struct slot v[STMTCACHE_SLOTS];
    int n;
};

int stmtcache_take(struct stmtcache **c, sqlite3 *db, const char *sql, sqlite3_stmt **st)
{
    *st = NULL;
    struct stmtcache *k = *c;
    for (int i = 0; k != NULL && i < k->n; i++)
        if (!k->v[i].taken && strcmp(k->v[i].sql, sql) == 0) {
            k->v[i].taken = 1;
            *st = k->v[i].st;
            return SQLITE_OK;
        }
    int rc = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL);
    if (rc != SQLITE_OK || *st == NULL)
        return rc != SQLITE_OK ? rc : SQLITE_MISUSE;
    if (k == NULL && (k = *c = calloc(1, sizeof *k)) == NULL)
        return SQLITE_OK; /* uncached: finalized on release */
    char *copy = k->n < STMTCACHE_SLOTS ? strdup(sql) : NULL;
    if (copy != NULL) {
        k->v[k->n] = (struct slot){copy, *st, 1};
        k->n++;
    }
    return SQLITE_OK;
}

void stmtcache_release(struct stmtcache *c, sqlite3_stmt *st)
{
    if (st == NULL)
        return;
    for (int i = 0; c != NULL && i < c->n; i++)
        if (c->v[i].st == st) {
            sqlite3_reset(st);
            sqlite3_clear_bindings(st);
            c->v[i].taken = 0;
            return;
        }
    sqlite3_finalize(st);
}

void stmtcache_free(struct stmtcache *c)
{
    if (c == NULL)
        return;
    for (int i = 0; i < c->n; i++) {
        sqlite3_finalize(c->v[i].st);
        free(c->v[i].sql);
    }
    free(c);
}
