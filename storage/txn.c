/* txn.c: the tracked transaction (txn.h). The SQLite session records the transaction's
 * changes; at commit they are authorised against the state before them (writecheck),
 * held to the row rules (rowrules), appended to the audit chain one entry per changed
 * row, and in an offline copy kept as a changeset for the checkin. */
#include "storage/txn.h"
#include "storage/audit.h"
#include "storage/rowrules.h"
#include "storage/stmt.h"
#include "storage/stmtcache.h"
#include "storage/tables.h"
#include "storage/writecheck.h"

#include "core/casefile.h"
#include "core/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The log itself, drafts (kept per user, not case records), the search index (derived
 * from clients), the figures' summary (derived from the case tables, figures_summary.h),
 * the bookkeeping of offline copies (logged as checkout and checkin) and the header
 * generation (written with every header change) are not tracked. */
static int tracked(void *ctx, const char *table)
{
    (void)ctx;
    return strcmp(table, "audit") != 0 && strcmp(table, "drafts") != 0 &&
           strncmp(table, "client_search", 13) != 0 && strncmp(table, "sqlite_", 7) != 0 &&
           strncmp(table, "offline", 7) != 0 && strcmp(table, "checkouts") != 0 &&
           strcmp(table, "header_gen") != 0 && strncmp(table, "figures_", 8) != 0;
}

static int txn_track(struct db *db, struct kv_error *err)
{
    sqlite3_session *s;
    int rc = sqlite3session_create(db->sql, "main", &s);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "session", err);
    sqlite3session_table_filter(s, tracked, NULL);
    if ((rc = sqlite3session_attach(s, NULL)) != SQLITE_OK) {
        sqlite3session_delete(s);
        return db_fail(db, rc, "session", err);
    }
    db->session = s;
    return KV_OK;
}

static void txn_untrack(struct db *db)
{
    if (db->session != NULL)
        sqlite3session_delete(db->session);
    db->session = NULL;
}

/* -1 when a text could not be had (out of memory): the entry would not say what changed. */
static int json_value(sqlite3_str *s, sqlite3_value *v)
{
    const char *t;
    switch (v ? sqlite3_value_type(v) : SQLITE_NULL) {
    case SQLITE_INTEGER:
        sqlite3_str_appendf(s, "%lld", (long long)sqlite3_value_int64(v));
        break;
    case SQLITE_FLOAT:
        sqlite3_str_appendf(s, "%!.15g", sqlite3_value_double(v));
        break;
    case SQLITE_TEXT:
        if ((t = (const char *)sqlite3_value_text(v)) == NULL)
            return -1;
        audit_json_text(s, t);
        break;
    case SQLITE_BLOB:
        sqlite3_str_appendf(s, "\"(%d bytes)\"", sqlite3_value_bytes(v));
        break;
    default:
        sqlite3_str_appendall(s, "null");
    }
    return 0;
}

/* One side of a change as a JSON object: the fields present on that side, bookkeeping
 * columns left out (the entry itself says who and when). */
static int json_side(sqlite3_str *s, const char *key, sqlite3_changeset_iter *it, int old,
                     const struct table_columns *c)
{
    int first = 1;
    sqlite3_str_appendf(s, ",\"%s\":{", key);
    for (int i = 0; i < c->n; i++) {
        sqlite3_value *v = NULL;
        if ((old ? sqlite3changeset_old(it, i, &v) : sqlite3changeset_new(it, i, &v)) !=
                SQLITE_OK ||
            v == NULL || table_bookkeeping(c->name[i]))
            continue;
        sqlite3_str_appendf(s, "%s\"%s\":", first ? "" : ",", c->name[i]);
        if (json_value(s, v) != 0)
            return -1;
        first = 0;
    }
    sqlite3_str_appendchar(s, 1, '}');
    return 0;
}

/* A column's value in this change: new for an insert, old for a delete; for an update the
 * new value when it changed, else the old one (present for key columns). NULL when the
 * change does not carry it. */
static sqlite3_value *value_of(sqlite3_changeset_iter *it, int op, int i)
{
    sqlite3_value *v = NULL;
    if (op != SQLITE_DELETE && sqlite3changeset_new(it, i, &v) == SQLITE_OK && v != NULL)
        return v;
    v = NULL;
    if (op != SQLITE_INSERT && sqlite3changeset_old(it, i, &v) == SQLITE_OK)
        return v;
    return NULL;
}

/* One entry per changed row: the record (table#key), the client it concerns (as the
 * write check found it) and the old and new values. */
static int record_change(struct db *db, sqlite3_changeset_iter *it, struct table_columns *c,
                         long client, struct kv_error *err)
{
    const char *table;
    int ncol, op, indirect;
    unsigned char *pk;
    int npk;
    sqlite3changeset_op(it, &table, &ncol, &op, &indirect);
    sqlite3changeset_pk(it, &pk, &npk);
    int rc = table_columns_load(db, table, ncol, c, err);
    if (rc != KV_OK)
        return rc;
    sqlite3_str *rec = sqlite3_str_new(db->sql), *det = sqlite3_str_new(db->sql);
    sqlite3_str_appendall(rec, table);
    int lost = 0; /* a value that could not be had (out of memory) */
    for (int i = 0, first = 1; i < ncol; i++) {
        if (!pk[i])
            continue;
        sqlite3_value *v = value_of(it, op, i);
        const char *t = v ? (const char *)sqlite3_value_text(v) : "";
        lost |= t == NULL;
        sqlite3_str_appendf(rec, "%c%s", first ? '#' : ',', t ? t : "");
        first = 0;
    }
    sqlite3_str_appendf(det, "{\"op\":\"%s\"",
                        op == SQLITE_INSERT   ? "insert"
                        : op == SQLITE_DELETE ? "delete"
                                              : "update");
    if (op != SQLITE_INSERT)
        lost |= json_side(det, "old", it, 1, c) != 0;
    if (op != SQLITE_DELETE)
        lost |= json_side(det, "new", it, 0, c) != 0;
    sqlite3_str_appendchar(det, 1, '}');
    char *record = sqlite3_str_finish(rec), *detail = sqlite3_str_finish(det);
    rc = record && detail && !lost ? audit_append(db, "wijziging", client, record, detail, err)
                                   : kv_error_nomem(err);
    sqlite3_free(record);
    sqlite3_free(detail);
    return rc;
}

static int refuse_conflict(void *ctx, int kind, sqlite3_changeset_iter *it)
{
    (void)ctx;
    (void)kind;
    (void)it;
    return SQLITE_CHANGESET_ABORT;
}

/* The undo: inside a savepoint, the changeset inverted; judged, and rolled back, which
 * brings the changes back exactly. */
static int judge_undone(struct db *db, const void *set, int n, long **clients, struct kv_error *err)
{
    int rc = sqlite3_exec(db->sql, "SAVEPOINT kv_writecheck", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "write check savepoint", err);
    rc = sqlite3changeset_apply_v2(db->sql, n, (void *)set, NULL, refuse_conflict, NULL, NULL, NULL,
                                   SQLITE_CHANGESETAPPLY_INVERT);
    int out = rc == SQLITE_OK ? writecheck_changeset(db, set, n, clients, err)
                              : db_fail(db, rc, "undoing the transaction for the write check", err);
    rc =
        sqlite3_exec(db->sql, "ROLLBACK TO kv_writecheck; RELEASE kv_writecheck", NULL, NULL, NULL);
    if (rc != SQLITE_OK && out == KV_OK)
        out = db_fail(db, rc, "write check savepoint", err);
    return out;
}

/* Judge the transaction's changes against the state before it. Judging after the fact
 * would let a change approve itself (an assignment inserted first) or escape (a record
 * whose client it deleted). Most saves only add records (a contact, a goal), and then the
 * state the judge reads is the same with them in place (writecheck.h), so the undo is
 * skipped: applying a changeset sets a pragma twice, and a pragma makes SQLite compile
 * every statement of the connection again at its next use (at 40,000 clients, a third
 * of a save's time). */
static int judge_before(struct db *db, const void *set, int n, long **clients, struct kv_error *err)
{
    int out = writecheck_inserts_case_records_only(set, n)
                  ? writecheck_changeset(db, set, n, clients, err)
                  : judge_undone(db, set, n, clients, err);
    if (out == KV_EAUTH) { /* the change is named; say that nothing was kept */
        char msg[sizeof err->msg];
        snprintf(msg, sizeof msg, "%s", err->msg);
        snprintf(err->msg, sizeof err->msg, "%.480s; er is niets opgeslagen.", msg);
    }
    return out;
}

/* The rules on every row the transaction writes (rowrules.h), whichever path wrote it:
 * the last word, after the writers' own checks. */
static int obeys_rules(struct db *db, const void *set, int n, struct kv_error *err)
{
    char day[11];
    long today;
    db_today_iso(db, day);
    int rc = rowrules_changeset(db, set, n, date_parse(day, &today) ? today : NO_DATE, err);
    if (rc == KV_EUSAGE) {
        char msg[sizeof err->msg];
        snprintf(msg, sizeof msg, "%s", err->msg);
        snprintf(err->msg, sizeof err->msg, "%.480s; er is niets opgeslagen.", msg);
    }
    return rc;
}

/* In an offline copy each transaction's changes are also kept, to be checked in. */
static int keep_changeset(struct db *db, const void *set, int n, int changes, struct kv_error *err)
{
    char at[20];
    db_now(db, at);
    int rc = stmt_run(db->sql,
                      "INSERT INTO offline_changes (at, changes, changeset) "
                      "VALUES (?1, ?2, ?3)",
                      "tib", at, changes, set, n);
    return rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, "offline changes", err);
}

static int txn_flush(struct db *db, struct kv_error *err)
{
    if (db->session == NULL)
        return KV_OK;
    int n = 0;
    void *set = NULL;
    int rc = sqlite3session_changeset(db->session, &n, &set);
    txn_untrack(db);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "changeset", err);
    if (n == 0) {
        sqlite3_free(set);
        return KV_OK;
    }
    long *clients = NULL;
    if ((rc = judge_before(db, set, n, &clients, err)) != KV_OK ||
        (rc = obeys_rules(db, set, n, err)) != KV_OK) {
        free(clients);
        sqlite3_free(set);
        return rc;
    }
    sqlite3_changeset_iter *it;
    if ((rc = sqlite3changeset_start(&it, n, set)) != SQLITE_OK) {
        free(clients);
        sqlite3_free(set);
        return db_fail(db, rc, "changeset", err);
    }
    struct table_columns c = {0};
    int out = KV_OK, changes = 0;
    while (out == KV_OK && (rc = sqlite3changeset_next(it)) == SQLITE_ROW) {
        out = record_change(db, it, &c, clients[changes], err);
        changes++;
    }
    table_columns_free(&c);
    /* Out of memory while reading the changes: fail, never commit them unlogged. */
    if (out == KV_OK && rc != SQLITE_DONE)
        out = db_fail(db, rc, "changeset", err);
    sqlite3changeset_finalize(it);
    free(clients);
    if (out == KV_OK && db->offline && changes > 0)
        out = keep_changeset(db, set, n, changes, err);
    sqlite3_free(set);
    return out;
}

/* ---- begin and commit --------------------------------------------------------------- */

/* Where the audit log stands as the transaction begins: a waarneming it logs itself must
 * not let it pass its own write check (access_client). */
static int audit_mark(struct db *db, struct kv_error *err)
{
    sqlite3_stmt *st;
    int rc = stmtcache_take(&db->stmts, db->sql, "SELECT coalesce(max(id), 0) + 1 FROM audit", &st);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "audit mark", err);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        db->audit_floor = sqlite3_column_int64(st, 0);
    stmtcache_release(db->stmts, st);
    return rc == SQLITE_ROW ? KV_OK : db_fail(db, rc, "audit mark", err);
}

int db_begin(struct db *db, struct kv_error *err)
{
    int rc = db_begin_untracked(db, err);
    if (rc == KV_OK && db->audited &&
        ((rc = txn_track(db, err)) != KV_OK || (rc = audit_mark(db, err)) != KV_OK))
        db_rollback(db);
    return rc;
}

int db_begin_bulk(struct db *db, const char *what, struct kv_error *err)
{
    int rc = db_begin_untracked(db, err);
    if (rc == KV_OK && db->audited) {
        db->bulk = what;
        db->bulk_start = sqlite3_total_changes64(db->sql);
    }
    return rc;
}

/* The bulk transaction's one entry: what, and how many rows it wrote. */
static int bulk_entry(struct db *db, struct kv_error *err)
{
    char detail[128];
    snprintf(detail, sizeof detail, "{\"wat\":\"%s\",\"rijen\":%lld}", db->bulk,
             sqlite3_total_changes64(db->sql) - db->bulk_start);
    db->bulk = NULL;
    return audit_append(db, "bulk", 0, "", detail, err);
}

int db_commit(struct db *db, struct kv_error *err)
{
    int rc = db->bulk ? bulk_entry(db, err) : txn_flush(db, err);
    /* After the audit step, in the same transaction: the pressure screen's summary rows of
     * the clients this transaction (or an untracked one before it) touched. */
    if (rc == KV_OK && db->derive != NULL)
        rc = db->derive(db, err);
    if (rc != KV_OK) {
        db_rollback(db);
        return rc;
    }
    return db_commit_untracked(db, err);
}
