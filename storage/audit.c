#include "storage/audit.h"
#include "storage/access.h"
#include "storage/stmt.h"
#include "storage/tables.h"
#include "storage/rowrules.h"
#include "storage/writecheck.h"

#include "core/casefile.h"
#include "core/date.h"
#include "core/roles.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int nomem(struct kv_error *err)
{
    return kv_error_set(err, KV_ERR, "out of memory", "Onvoldoende geheugen.");
}

/* ---- the clock ---------------------------------------------------------------------- */

static int (*clock_fn)(char out[20], struct kv_error *err);

void audit_set_clock(int (*now)(char out[20], struct kv_error *err))
{
    clock_fn = now;
}

static void audit_now(char out[20])
{
    struct kv_error ignored;
    if (clock_fn != NULL && clock_fn(out, &ignored) == KV_OK)
        return;
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

void audit_today(char out[11])
{
    char now[20];
    audit_now(now);
    memcpy(out, now, 10);
    out[10] = '\0';
}

/* ---- the chain ---------------------------------------------------------------------- */

static void hex(const unsigned char *b, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[b[i] >> 4];
        out[2 * i + 1] = digits[b[i] & 15];
    }
    out[2 * n] = '\0';
}

/* Each field enters with its length, so no two different entries hash the same text. */
static void put(crypto_generichash_state *h, const char *s)
{
    unsigned char len[8];
    size_t n = s ? strlen(s) : 0;
    for (int i = 0; i < 8; i++)
        len[i] = (unsigned char)((unsigned long long)n >> (8 * i));
    crypto_generichash_update(h, len, sizeof len);
    crypto_generichash_update(h, (const unsigned char *)(s ? s : ""), n);
}

static void detail_hash(const char *detail, char out[AUDIT_HASH_HEX])
{
    unsigned char d[32];
    crypto_generichash(d, sizeof d, (const unsigned char *)(detail ? detail : ""),
                       detail ? strlen(detail) : 0, NULL, 0);
    hex(d, sizeof d, out);
}

static void entry_hash(const char *prev, long id, const struct audit_entry *e,
                       const char *dhash, char out[AUDIT_HASH_HEX])
{
    char num[2][24];
    unsigned char d[32];
    crypto_generichash_state h;
    snprintf(num[0], sizeof num[0], "%ld", id);
    snprintf(num[1], sizeof num[1], "%ld", e->client);
    crypto_generichash_init(&h, NULL, 0, sizeof d);
    put(&h, prev);
    put(&h, num[0]);
    put(&h, e->at);
    put(&h, e->user);
    put(&h, e->action);
    put(&h, num[1]);
    put(&h, e->record);
    put(&h, dhash);
    crypto_generichash_final(&h, d, sizeof d);
    hex(d, sizeof d, out);
}

static const char ZERO_HASH[] = "0000000000000000000000000000000000000000000000000000000000000000";

static int step_done(struct db *db, sqlite3_stmt *st, const char *what, struct kv_error *err)
{
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, what, err);
}

/* Append with the given user (a failed login names who tried, not who writes). */
static int append_as(struct db *db, const char *user, const char *action, long client,
                     const char *record, const char *detail, struct kv_error *err)
{
    sqlite3_stmt *st;
    long id = 1;
    char prev[AUDIT_HASH_HEX], dh[AUDIT_HASH_HEX], hash[AUDIT_HASH_HEX], at[20];
    memcpy(prev, ZERO_HASH, sizeof prev);
    int rc = sqlite3_prepare_v2(db->sql, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1",
                                -1, &st, NULL);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "audit head", err);
    if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        id = sqlite3_column_int64(st, 0) + 1;
        snprintf(prev, sizeof prev, "%s", (const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(db, rc, "audit head", err);
    audit_now(at);
    struct audit_entry e = {id, at, user, action, record ? record : "", detail ? detail : "",
                            client, NULL};
    detail_hash(e.detail, dh);
    entry_hash(prev, id, &e, dh, hash);
    rc = stmt_prepare(db->sql, &st, "INSERT INTO audit (id, at, user, action, client_id, record, "
                      "detail, detail_hash, prev, hash) VALUES (?1, ?2, ?3, ?4, nullif(?5, 0), "
                      "?6, ?7, ?8, ?9, ?10)", "ltttlttttt", id, at, user, action, client,
                      e.record, e.detail, dh, prev, hash);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "audit", err);
    return step_done(db, st, "audit", err);
}

int audit_append(struct db *db, const char *action, long client, const char *record,
                 const char *detail, struct kv_error *err)
{
    return append_as(db, db->user, action, client, record, detail, err);
}

int audit_note(struct db *db, const char *action, long client, const char *record,
               const char *detail, struct kv_error *err)
{
    if (!sqlite3_get_autocommit(db->sql))
        return audit_append(db, action, client, record, detail, err);
    int rc = db_begin_untracked(db, err);
    if (rc != KV_OK)
        return rc;
    if ((rc = audit_append(db, action, client, record, detail, err)) != KV_OK) {
        db_rollback(db);
        return rc;
    }
    return db_commit(db, err);
}

/* ---- changes, from an SQLite session ------------------------------------------------ */

/* The log itself, drafts (kept per user, not case records), the search index (derived
 * from clients), the bookkeeping of offline copies (logged as checkout and checkin) and
 * the header generation (written with every header change) are not tracked. */
static int tracked(void *ctx, const char *table)
{
    (void)ctx;
    return strcmp(table, "audit") != 0 && strcmp(table, "drafts") != 0 &&
           strncmp(table, "client_search", 13) != 0 && strncmp(table, "sqlite_", 7) != 0 &&
           strncmp(table, "offline", 7) != 0 && strcmp(table, "checkouts") != 0 &&
           strcmp(table, "header_gen") != 0;
}

int audit_track(struct db *db, struct kv_error *err)
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

void audit_untrack(struct db *db)
{
    if (db->session != NULL)
        sqlite3session_delete(db->session);
    db->session = NULL;
}


void audit_json_text(sqlite3_str *s, const char *t)
{
    sqlite3_str_appendchar(s, 1, '"');
    for (const unsigned char *p = (const unsigned char *)t; *p; p++) {
        if (*p == '"' || *p == '\\')
            sqlite3_str_appendf(s, "\\%c", *p);
        else if (*p == '\n')
            sqlite3_str_appendall(s, "\\n");
        else if (*p < 0x20 || *p == 0x7F)
            sqlite3_str_appendf(s, "\\u%04x", *p);
        else if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
            sqlite3_str_appendf(s, "\\u%04x", *++p); /* a C1 control, as JSON output has it */
        else
            sqlite3_str_appendchar(s, 1, (char)*p);
    }
    sqlite3_str_appendchar(s, 1, '"');
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
                SQLITE_OK || v == NULL || table_bookkeeping(c->name[i]))
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
    sqlite3_str_appendf(det, "{\"op\":\"%s\"", op == SQLITE_INSERT ? "insert"
                                                : op == SQLITE_DELETE ? "delete" : "update");
    if (op != SQLITE_INSERT)
        lost |= json_side(det, "old", it, 1, c) != 0;
    if (op != SQLITE_DELETE)
        lost |= json_side(det, "new", it, 0, c) != 0;
    sqlite3_str_appendchar(det, 1, '}');
    char *record = sqlite3_str_finish(rec), *detail = sqlite3_str_finish(det);
    rc = record && detail && !lost ? audit_append(db, "wijziging", client, record, detail, err)
                                   : nomem(err);
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

/* Judge the transaction's changes against the state before it: undo them inside a
 * savepoint (the changeset inverted), judge, and roll the savepoint back, which brings
 * them back exactly. Judging after the fact would let a change approve itself (an
 * assignment inserted first) or escape (a record whose client it deleted). */
static int judge_before(struct db *db, const void *set, int n, long **clients,
                        struct kv_error *err)
{
    int rc = sqlite3_exec(db->sql, "SAVEPOINT kv_writecheck", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "write check savepoint", err);
    rc = sqlite3changeset_apply_v2(db->sql, n, (void *)set, NULL, refuse_conflict, NULL, NULL,
                                   NULL, SQLITE_CHANGESETAPPLY_INVERT);
    int out = rc == SQLITE_OK ? writecheck_changeset(db, set, n, clients, err)
                              : db_fail(db, rc, "undoing the transaction for the write check",
                                        err);
    rc = sqlite3_exec(db->sql, "ROLLBACK TO kv_writecheck; RELEASE kv_writecheck", NULL, NULL,
                      NULL);
    if (rc != SQLITE_OK && out == KV_OK)
        out = db_fail(db, rc, "write check savepoint", err);
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
    audit_today(day);
    int rc = rowrules_changeset(db, set, n, date_parse(day, &today) ? today : NO_DATE, err);
    if (rc == KV_EUSAGE) {
        char msg[sizeof err->msg];
        snprintf(msg, sizeof msg, "%s", err->msg);
        snprintf(err->msg, sizeof err->msg, "%.480s; er is niets opgeslagen.", msg);
    }
    return rc;
}

/* In an offline copy each transaction's changes are also kept, to be checked in. */
static int keep_changeset(struct db *db, const void *set, int n, int changes,
                          struct kv_error *err)
{
    sqlite3_stmt *st;
    char at[20];
    audit_now(at);
    int rc = stmt_prepare(db->sql, &st, "INSERT INTO offline_changes (at, changes, changeset) "
                          "VALUES (?1, ?2, ?3)", "tib", at, changes, set, n);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "offline changes", err);
    return step_done(db, st, "offline changes", err);
}

int audit_flush(struct db *db, struct kv_error *err)
{
    if (db->session == NULL)
        return KV_OK;
    int n = 0;
    void *set = NULL;
    int rc = sqlite3session_changeset(db->session, &n, &set);
    audit_untrack(db);
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

/* ---- reading ------------------------------------------------------------------------ */

/* A line a person reads: for a change the fields with old and new value, for a waarneming
 * its reason, for an export its format. */
#define SUMMARY_SQL                                                                          \
    "CASE WHEN NOT json_valid(detail) THEN '' "                                            \
    "WHEN action = 'wijziging' THEN CASE json_extract(detail, '$.op') "                    \
    "  WHEN 'insert' THEN 'nieuw' WHEN 'delete' THEN 'verwijderd' "                        \
    "  ELSE coalesce((SELECT group_concat(o.key || ': ' || coalesce(o.atom, '(leeg)') || "  \
    "  ' -> ' || coalesce(json_extract(detail, '$.new.\"' || o.key || '\"'), '(leeg)'), "    \
    "  '; ') FROM json_each(detail, '$.old') o WHERE o.key IN (SELECT n.key FROM "         \
    "  json_each(detail, '$.new') n)), '') END "                                           \
    "WHEN action = 'waarneming' THEN 'reden: ' || json_extract(detail, '$.reden') "        \
    "WHEN action = 'export' THEN 'formaat ' || json_extract(detail, '$.formaat') "         \
    "WHEN action = 'bsn_inzien' THEN 'volledig BSN getoond' "                              \
    "WHEN action = 'aanmelding_mislukt' THEN json_extract(detail, '$.reden') "             \
    "WHEN action = 'aanmeldingen_onleesbaar' THEN json_extract(detail, '$.overgeslagen') || "\
    "  ' onleesbare regels overgeslagen' "                                                 \
    "WHEN action = 'purge' THEN 'afgesloten op ' || json_extract(detail, '$.afgesloten_op') "\
    "  || ', ' || json_extract(detail, '$.rijen') || ' rijen gewist' "                     \
    "WHEN action = 'bulk' THEN json_extract(detail, '$.wat') || ', ' || "                  \
    "  json_extract(detail, '$.rijen') || ' rijen' "                                       \
    "ELSE '' END"

int audit_list(struct db *db, const struct audit_filter *f,
               int (*each)(const struct audit_entry *e, void *ctx), void *ctx,
               struct kv_error *err)
{
#define AUDIT_LIST_SQL(order)                                                                  \
    "SELECT id, at, user, action, coalesce(client_id, 0), record, detail, " SUMMARY_SQL         \
    " FROM audit WHERE (?1 = 0 OR client_id = ?1) AND (?2 IS NULL OR user = ?2) "               \
    "AND (?3 IS NULL OR substr(at, 1, 10) >= ?3) AND (?4 IS NULL OR substr(at, 1, 10) <= ?4) "  \
    "AND (?5 IS NULL OR action = ?5) ORDER BY id " order " LIMIT ?6"
    sqlite3_stmt *st;
    int rc = stmt_prepare(db->sql, &st, f->newest_first ? AUDIT_LIST_SQL("DESC")
                                                        : AUDIT_LIST_SQL("ASC"),
                          "lttttl", f->client, f->user, f->from, f->to, f->action,
                          f->limit > 0 ? f->limit : -1L);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "audit", err);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct audit_entry e = {
            sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
            (const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 3),
            (const char *)sqlite3_column_text(st, 5), (const char *)sqlite3_column_text(st, 6),
            sqlite3_column_int64(st, 4), (const char *)sqlite3_column_text(st, 7)};
        if (e.summary == NULL)
            e.summary = "";
        if (each(&e, ctx)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, "audit", err);
}

int audit_changes(struct db *db, long entry,
                  int (*each)(const char *field, const char *old, const char *new_value,
                              void *ctx),
                  void *ctx, struct kv_error *err)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(
        db->sql,
        "SELECT n.key, (SELECT o.value FROM json_each(a.detail, '$.old') o WHERE o.key = n.key), "
        "n.value FROM audit a, json_each(a.detail, '$.new') n WHERE a.id = ?1 "
        "AND a.action = 'wijziging' AND json_valid(a.detail) "
        "AND json_extract(a.detail, '$.op') = 'update' ORDER BY n.id",
        -1, &st, NULL);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "audit changes", err);
    sqlite3_bind_int64(st, 1, entry);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (each((const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
                 (const char *)sqlite3_column_text(st, 2), ctx)) {
            rc = SQLITE_DONE;
            break;
        }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, "audit changes", err);
}

int audit_field(struct db *db, long entry, const char *field, char *out, size_t n,
                struct kv_error *err)
{
    sqlite3_stmt *st;
    out[0] = '\0';
    int rc = stmt_prepare(db->sql, &st,
                          "SELECT coalesce((SELECT n.value FROM json_each(a.detail, '$.new') n "
                          "WHERE n.key = ?2), (SELECT o.value FROM json_each(a.detail, '$.old') o "
                          "WHERE o.key = ?2)) FROM audit a WHERE a.id = ?1 AND a.action = "
                          "'wijziging' AND json_valid(a.detail)", "lt", entry, field);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "audit field", err);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL)
        snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, "audit field", err);
}

static int purged_later(struct db *db, long id, long client)
{
    sqlite3_stmt *st;
    int yes = 0;
    if (stmt_prepare(db->sql, &st, "SELECT 1 FROM audit WHERE action = 'purge' AND client_id = "
                     "?1 AND id > ?2", "ll", client, id) != SQLITE_OK)
        return 0;
    yes = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return yes;
}

static const char *col(sqlite3_stmt *st, int i)
{
    const char *t = (const char *)sqlite3_column_text(st, i);
    return t ? t : "";
}

/* One entry against the chain so far; a Dutch reason when it does not fit. */
static int verify_one(struct db *db, sqlite3_stmt *st, struct audit_verdict *v)
{
    long id = sqlite3_column_int64(st, 0);
    struct audit_entry e = {id, col(st, 1), col(st, 2), col(st, 3), col(st, 5), col(st, 6),
                            sqlite3_column_int64(st, 4), NULL};
    const char *dh = col(st, 7), *prev = col(st, 8), *hash = col(st, 9);
    char want[AUDIT_HASH_HEX];
    const char *why = NULL;
    if (id != v->head_id + 1)
        why = id > v->head_id + 1 ? "ontbreekt: de nummering heeft een gat"
                                  : "staat niet op volgorde";
    else if (strcmp(prev, v->head) != 0)
        why = "verwijst niet naar de vorige regel";
    if (why == NULL) {
        entry_hash(prev, id, &e, dh, want);
        if (strcmp(want, hash) != 0)
            why = "is gewijzigd (de hash klopt niet)";
    }
    if (why == NULL) {
        detail_hash(e.detail, want);
        if (strcmp(want, dh) != 0) {
            if (e.detail[0] == '\0' && e.client && purged_later(db, id, e.client))
                v->erased++;
            else
                why = "heeft een gewijzigde toelichting";
        }
    }
    if (why != NULL) {
        v->bad_id = id > v->head_id + 1 ? v->head_id + 1 : id;
        snprintf(v->why, sizeof v->why, "Auditregel %ld %s.", v->bad_id, why);
        return 1;
    }
    v->entries++;
    v->head_id = id;
    snprintf(v->head, sizeof v->head, "%s", hash);
    return 0;
}

int audit_verify(struct db *db, struct audit_verdict *v, struct kv_error *err)
{
    memset(v, 0, sizeof *v);
    memcpy(v->head, ZERO_HASH, sizeof v->head);
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db->sql, "SELECT id, at, user, action, coalesce(client_id, 0), "
                                "record, detail, detail_hash, prev, hash FROM audit ORDER BY id",
                                -1, &st, NULL);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "audit", err);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && !verify_one(db, st, v))
        ;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(db, rc, "audit", err);
    return KV_OK;
}

int audit_erase_client(struct db *db, long client, struct kv_error *err)
{
    sqlite3_stmt *st;
    int rc = stmt_prepare(db->sql, &st, "UPDATE audit SET detail = '' WHERE client_id = ?1", "l",
                          client);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "audit erase", err);
    return step_done(db, st, "audit erase", err);
}

/* ---- failed logins ------------------------------------------------------------------ */

static char *side_path(const char *db_path)
{
    size_t n = strlen(db_path) + sizeof "-aanmeldingen";
    char *p = malloc(n);
    if (p != NULL)
        snprintf(p, n, "%s-aanmeldingen", db_path);
    return p;
}

/* The reasons a failed login is written with; a line with any other reason is not ours. */
static const char *const login_reasons[] = {"onbekende gebruiker", "onjuist wachtwoord",
                                            "ongeldige gebruikersnaam"};

/* A name that could not be a user is written as "?", so nothing the person typed (a tab,
 * a newline, a quote) reaches the side file. */
static const char INVALID_NAME[] = "?";

void audit_failed_login(const char *db_path, const char *user, const char *why)
{
    struct stat dbst;
    char *path = side_path(db_path);
    if (path == NULL || stat(db_path, &dbst) != 0) {
        free(path);
        return;
    }
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW,
                  dbst.st_mode & 0660);
    free(path);
    if (fd < 0)
        return;
    struct stat st;
    if (fstat(fd, &st) == 0 && st.st_size == 0) {
        if (st.st_gid != dbst.st_gid)
            (void)!fchown(fd, (uid_t)-1, dbst.st_gid);
        /* The database's own bits, whatever the umask: on a shared server every user's
         * process writes here through the group. */
        (void)!fchmod(fd, dbst.st_mode & 0660);
    }
    if (!user_name_valid(user)) {
        user = INVALID_NAME;
        why = login_reasons[2];
    }
    char at[20], line[256];
    audit_now(at);
    int n = snprintf(line, sizeof line, "%s\t%s\t%s\n", at, user, why);
    if (flock(fd, LOCK_EX) == 0 && n > 0 && (size_t)n < sizeof line)
        (void)!write(fd, line, (size_t)n);
    close(fd);
}

static int digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* "YYYY-MM-DD HH:MM:SS", a real date and time of day. */
static int timestamp_valid(const char *t)
{
    long day;
    char date[11];
    if (strlen(t) != 19 || !digits(t, 4) || t[4] != '-' || !digits(t + 5, 2) || t[7] != '-' ||
        !digits(t + 8, 2) || t[10] != ' ' || !digits(t + 11, 2) || t[13] != ':' ||
        !digits(t + 14, 2) || t[16] != ':' || !digits(t + 17, 2))
        return 0;
    memcpy(date, t, 10);
    date[10] = '\0';
    return date_parse(date, &day) && atoi(t + 11) < 24 && atoi(t + 14) < 60 && atoi(t + 17) < 60;
}

/* One line of the side file: "AT<TAB>USER<TAB>WHY", each field checked. The fields point
 * into line (which this cuts up); 0 for a line that is not one the writer makes. */
static int parse_login_line(char *line, const char **at, const char **user, const char **why)
{
    char *u = strchr(line, '\t'), *w = u ? strchr(u + 1, '\t') : NULL;
    if (w == NULL || strchr(w + 1, '\t') != NULL)
        return 0;
    *u++ = '\0';
    *w++ = '\0';
    if (!timestamp_valid(line) || !(user_name_valid(u) || strcmp(u, INVALID_NAME) == 0))
        return 0;
    for (size_t i = 0; i < sizeof login_reasons / sizeof login_reasons[0]; i++)
        if (strcmp(w, login_reasons[i]) == 0) {
            *at = line;
            *user = u;
            *why = login_reasons[i];
            return 1;
        }
    return 0;
}

/* Lines into entries: the user is who tried, the time when. Whoever can write the side
 * file can add lines, so each is held to the format the writer uses; the others are
 * skipped, and how many is itself an entry (by whoever took the file in). */
static int take_lines(struct db *db, char *text, struct kv_error *err)
{
    int rc = KV_OK;
    long skipped = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); rc == KV_OK && line;
         line = strtok_r(NULL, "\n", &save)) {
        const char *at, *user, *why;
        if (!parse_login_line(line, &at, &user, &why)) {
            skipped++;
            continue;
        }
        sqlite3_str *d = sqlite3_str_new(db->sql);
        sqlite3_str_appendall(d, "{\"tijd\":");
        audit_json_text(d, at);
        sqlite3_str_appendall(d, ",\"reden\":");
        audit_json_text(d, why);
        sqlite3_str_appendchar(d, 1, '}');
        char *detail = sqlite3_str_finish(d);
        rc = detail ? append_as(db, user, "aanmelding_mislukt", 0, "", detail, err) : nomem(err);
        sqlite3_free(detail);
    }
    if (rc == KV_OK && skipped > 0) {
        char detail[64];
        snprintf(detail, sizeof detail, "{\"overgeslagen\":%ld}", skipped);
        rc = audit_append(db, "aanmeldingen_onleesbaar", 0, "", detail, err);
    }
    return rc;
}

int audit_take_failed_logins(struct db *db, struct kv_error *err)
{
    char *path = side_path(db->path);
    if (path == NULL)
        return nomem(err);
    int fd = open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW);
    free(path);
    if (fd < 0)
        return KV_OK; /* none, or not ours to take */
    struct stat st;
    int rc = KV_OK;
    if (flock(fd, LOCK_EX) != 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
        st.st_size == 0 || st.st_size > 1 << 20) {
        close(fd);
        return KV_OK;
    }
    char *text = malloc((size_t)st.st_size + 1);
    ssize_t got = text ? pread(fd, text, (size_t)st.st_size, 0) : -1;
    if (got == st.st_size) {
        text[got] = '\0';
        if ((rc = db_begin_untracked(db, err)) == KV_OK) {
            rc = take_lines(db, text, err);
            rc = rc == KV_OK ? db_commit(db, err) : (db_rollback(db), rc);
        }
        if (rc == KV_OK)
            (void)!ftruncate(fd, 0);
    }
    free(text);
    close(fd);
    return rc;
}
