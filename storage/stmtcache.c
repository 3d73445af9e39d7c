#include "storage/stmtcache.h"

#include <stdlib.h>
#include <string.h>

/* Enough for the refresh's statements, a dossier's and a save's; past it the least
 * recently used statement not in use makes room. */
#define STMTCACHE_SLOTS 96

struct slot {
    char *sql;
    sqlite3_stmt *st;
    int taken;
    unsigned long used; /* the cache's clock at its last take */
};

struct stmtcache {
    struct slot v[STMTCACHE_SLOTS];
    int n;
    unsigned long clock;
};

/* A slot for a new statement: a free one, else the least recently used one not taken
 * (finalized), so the statements in use now (a save's) find room however many others a
 * session ran before. -1 when every slot is taken. */
static int free_slot(struct stmtcache *k)
{
    if (k->n < STMTCACHE_SLOTS)
        return k->n++;
    int old = -1;
    for (int i = 0; i < k->n; i++)
        if (!k->v[i].taken && (old < 0 || k->v[i].used < k->v[old].used))
            old = i;
    if (old >= 0) {
        sqlite3_finalize(k->v[old].st);
        free(k->v[old].sql);
        k->v[old] = (struct slot){0};
    }
    return old;
}

int stmtcache_take(struct stmtcache **c, sqlite3 *db, const char *sql, sqlite3_stmt **st)
{
    *st = NULL;
    struct stmtcache *k = *c;
    for (int i = 0; k != NULL && i < k->n; i++)
        if (k->v[i].sql != NULL && !k->v[i].taken && strcmp(k->v[i].sql, sql) == 0) {
            k->v[i].taken = 1;
            k->v[i].used = ++k->clock;
            *st = k->v[i].st;
            return SQLITE_OK;
        }
    int rc = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL);
    if (rc != SQLITE_OK || *st == NULL)
        return rc != SQLITE_OK ? rc : SQLITE_MISUSE;
    if (k == NULL && (k = *c = calloc(1, sizeof *k)) == NULL)
        return SQLITE_OK; /* uncached: finalized on release */
    char *copy = strdup(sql);
    int at = copy != NULL ? free_slot(k) : -1;
    if (at >= 0)
        k->v[at] = (struct slot){copy, *st, 1, ++k->clock};
    else
        free(copy); /* uncached: finalized on release */
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
        sqlite3_finalize(c->v[i].st); /* NULL (an emptied slot) is fine */
        free(c->v[i].sql);
    }
    free(c);
}
