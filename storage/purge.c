#include "storage/purge.h"
#include "storage/stmt.h"
#include "storage/audit.h"
#include "storage/config.h"
#include "storage/assignments.h"
#include "storage/contacts.h"
#include "storage/instruments.h"
#include "storage/intakes.h"
#include "storage/nazorg.h"
#include "storage/outflows.h"
#include "storage/plans.h"
#include "storage/purgespec.h"
#include "storage/txn.h"

#include "core/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The rows written by records.c and the client's own, after every other record kind. */
static const struct purgespec own[] = {
    {"requests", "client_id = ?1"},
    {"reminders", "client_id = ?1"},
    {"signal_acks", "client_id = ?1"},
    {"classifications", "client_id = ?1"},
    {NULL, NULL},
};
static const struct purgespec client_own[] = {
    {"client_doelgroepen", "client_id = ?1"},
    {"drafts", "client_id = ?1"},
    {"clients", "id = ?1"},
    {NULL, NULL},
};

/* Every table that holds a client's records, children before parents (nazorg refers to
 * an outflow, an outflow to an instrument, an instrument to a goal). */
static const struct purgespec *const owned[] = {
    nazorg_purge, outflows_purge,    instruments_purge, plans_purge, intakes_purge, contacts_purge,
    own,          assignments_purge, client_own,
};

#define N_OWNED (sizeof owned / sizeof owned[0])

static int beheerder(struct db *db, struct kv_error *err)
{
    if (role_administers(db->role))
        return KV_OK;
    return kv_error_set(err, KV_EAUTH, "purge for beheerder",
                        "Wissen na de bewaartermijn is "
                        "voor een beheerder.");
}

/* Run "SELECT count(*)" or "DELETE" over one table for one client. */
static int each_table(struct db *db, const struct purgespec *t, const char *verb, long client,
                      long *count, struct kv_error *err)
{
    char *sql = sqlite3_mprintf("%s FROM \"%w\" WHERE %s", verb, t->table, t->where);
    if (sql == NULL)
        return kv_error_nomem(err);
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL);
    sqlite3_free(sql);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "purge", err);
    if ((rc = stmt_bind(st, "l", client)) == SQLITE_OK)
        rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *count += sqlite3_column_int64(st, 0);
    else if (rc == SQLITE_DONE)
        *count += sqlite3_changes(db->sql);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, "purge", err);
}

int purge_default_before(struct db *db, long today, char out[11], struct kv_error *err)
{
    int years = 7;
    int rc = config_int(db, "bewaartermijn_jaren", &years, err);
    if (rc != KV_OK)
        return rc;
    int y, m, d;
    date_ymd(today, &y, &m, &d);
    y -= years;
    if (m == 2 && d == 29)
        d = 28;
    date_format_iso(date_days(y, m, d), out);
    return KV_OK;
}

int purge_list(struct db *db, const char *before, struct purge_item **items, size_t *n,
               struct kv_error *err)
{
    *items = NULL;
    *n = 0;
    int rc = beheerder(db, err);
    if (rc != KV_OK)
        return rc;
    sqlite3_stmt *st;
    if ((rc = stmt_prepare(db->sql, &st,
                           "SELECT id, closed_on FROM clients WHERE status = "
                           "'afgesloten' AND closed_on IS NOT NULL AND closed_on < ?1 ORDER BY "
                           "closed_on, id",
                           "t", before)) != SQLITE_OK)
        return db_fail(db, rc, "purge", err);
    size_t cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 16;
            struct purge_item *v = realloc(*items, cap * sizeof *v);
            if (v == NULL) {
                sqlite3_finalize(st);
                return kv_error_nomem(err);
            }
            *items = v;
        }
        struct purge_item *it = &(*items)[(*n)++];
        it->client = sqlite3_column_int64(st, 0);
        snprintf(it->closed_on, sizeof it->closed_on, "%s",
                 (const char *)sqlite3_column_text(st, 1));
        it->rows = 0;
    }
    sqlite3_finalize(st);
    rc = rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, "purge", err);
    for (size_t i = 0; i < *n && rc == KV_OK; i++)
        for (size_t k = 0; k < N_OWNED && rc == KV_OK; k++)
            for (const struct purgespec *t = owned[k]; t->table && rc == KV_OK; t++)
                rc = each_table(db, t, "SELECT count(*)", (*items)[i].client, &(*items)[i].rows,
                                err);
    if (rc != KV_OK) { /* a read error half way: no list (it leaked before) */
        free(*items);
        *items = NULL;
        *n = 0;
    }
    return rc;
}

int purge_client_rows(struct db *db, long client, long *rows, struct kv_error *err)
{
    int rc = KV_OK;
    for (size_t k = 0; k < N_OWNED && rc == KV_OK; k++)
        for (const struct purgespec *t = owned[k]; t->table && rc == KV_OK; t++)
            rc = each_table(db, t, "DELETE", client, rows, err);
    return rc;
}

/* One client gone: its rows, its audit details; then the purge entry itself. */
static int purge_one(struct db *db, const struct purge_item *it, struct kv_error *err)
{
    long rows = 0;
    int rc = purge_client_rows(db, it->client, &rows, err);
    if (rc == KV_OK)
        rc = audit_erase_client(db, it->client, err);
    char detail[100];
    snprintf(detail, sizeof detail, "{\"afgesloten_op\":\"%s\",\"rijen\":%ld}", it->closed_on,
             rows);
    return rc == KV_OK ? audit_append(db, "purge", it->client, "", detail, err) : rc;
}

int purge_run(struct db *db, const char *before, size_t *purged, struct kv_error *err)
{
    struct purge_item *items;
    size_t n;
    *purged = 0;
    /* Untracked: the log must not receive, as "old values", what is being erased. */
    int rc = db_begin_untracked(db, err);
    if (rc != KV_OK)
        return rc;
    if ((rc = purge_list(db, before, &items, &n, err)) != KV_OK) {
        db_rollback(db);
        return rc;
    }
    for (size_t i = 0; i < n && rc == KV_OK; i++)
        rc = purge_one(db, &items[i], err);
    free(items);
    /* The search index keeps deleted terms in its segments until they are merged. */
    if (rc == KV_OK && n > 0 &&
        (rc = sqlite3_exec(db->sql,
                           "INSERT INTO client_search(client_search) VALUES "
                           "('optimize')",
                           NULL, NULL, NULL)) != SQLITE_OK)
        rc = db_fail(db, rc, "purge index", err);
    if (rc != KV_OK || (rc = db_commit(db, err)) != KV_OK) {
        db_rollback(db);
        return rc;
    }
    *purged = n;
    /* Freed pages were zeroed (secure_delete); VACUUM rewrites the file without them. */
    if (n > 0 && (rc = sqlite3_exec(db->sql, "VACUUM", NULL, NULL, NULL)) != SQLITE_OK) {
        /* The purge is committed: say so, or the user would take it for undone. */
        struct kv_error why;
        int status = db_fail(db, rc, "vacuum", &why);
        return kv_error_set(err, status, why.detail,
                            "%zu %s wel gewist en in het auditlog "
                            "vastgelegd, maar het bestand is niet opgeschoond: VACUUM mislukte "
                            "(%s). De gewiste gegevens zijn in het bestand al overschreven en "
                            "de database is intact.",
                            n, n == 1 ? "dossier is" : "dossiers zijn",
                            (rc & 0xff) == SQLITE_FULL ? "de schijf is vol" : "schijffout");
    }
    return KV_OK;
}
