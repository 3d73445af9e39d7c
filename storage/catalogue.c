#include "storage/catalogue.h"
#include "storage/stmt.h"
#include "storage/stmtcache.h"
#include "storage/txn.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int need_beheerder(struct db *db, struct kv_error *err)
{
    if (role_administers(db->role))
        return KV_OK;
    return kv_error_set(err, KV_EAUTH, "not a beheerder",
                        "Alleen een beheerder mag catalogi en instellingen wijzigen.");
}

static void text(char *dst, size_t n, sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    snprintf(dst, n, "%s", t ? (const char *)t : "");
}

int catalogue_list(struct db *db, const char *kind, struct catalogue_entry **out, size_t *n,
                   struct kv_error *err)
{
    sqlite3_stmt *st;
    *out = NULL;
    *n = 0;
    int rc = stmt_prepare(db->sql, &st,
                          "SELECT kind, code, label, grp, active FROM catalogue "
                          "WHERE ?1 IS NULL OR kind = ?1 UNION ALL SELECT 'instrument', code, "
                          "name, category, active FROM instrument_catalogue WHERE ?1 IS NULL OR "
                          "?1 = 'instrument' ORDER BY 1, 4, 2",
                          "t", kind);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "catalogue", err);
    size_t cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 64;
            struct catalogue_entry *v = realloc(*out, cap * sizeof *v);
            if (v == NULL) {
                rc = SQLITE_NOMEM;
                break;
            }
            *out = v;
        }
        struct catalogue_entry *e = &(*out)[(*n)++];
        text(e->kind, sizeof e->kind, st, 0);
        text(e->code, sizeof e->code, st, 1);
        text(e->label, sizeof e->label, st, 2);
        text(e->grp, sizeof e->grp, st, 3);
        e->active = sqlite3_column_int(st, 4);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        *n = 0;
        return db_fail(db, rc, "catalogue", err);
    }
    return KV_OK;
}

int catalogue_has(struct db *db, const char *kind, const char *code, int active_only)
{
    sqlite3_stmt *st;
    /* "classificatie" (files from before the three axes) is any of the three. */
    if (stmt_take(&db->stmts, db->sql, &st,
                  "SELECT 1 FROM catalogue WHERE (kind = ?1 OR (?1 = "
                  "'classificatie' AND kind IN ('indeling', 'trede', 'werkfit'))) AND "
                  "code = ?2 AND (?3 = 0 OR active = 1)",
                  "tti", kind, code, active_only) != SQLITE_OK)
        return -1;
    int rc = sqlite3_step(st);
    stmtcache_release(db->stmts, st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int catalogue_municipality(struct db *db, const char *typed, char out[160], struct kv_error *err)
{
    sqlite3_stmt *st;
    char known[400] = "";
    size_t k = 0;
    int n = 0, rc;
    snprintf(out, 160, "%s", typed ? typed : "");
    if (typed == NULL || *typed == '\0')
        return KV_OK;
    /* The match first, then (only when there is none) the names to choose from. */
    if ((rc = stmt_prepare(db->sql, &st,
                           "SELECT label, lower(label) = lower(trim(?1)) OR "
                           "code = lower(trim(?1)) FROM catalogue WHERE kind = 'gemeente' AND "
                           "active = 1 ORDER BY 2 DESC, label",
                           "t", typed)) != SQLITE_OK)
        return db_fail(db, rc, "municipality", err);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *label = (const char *)sqlite3_column_text(st, 0);
        if (n++ == 0 && sqlite3_column_int(st, 1)) {
            snprintf(out, 160, "%s", label);
            sqlite3_finalize(st);
            return KV_OK;
        }
        if (k + 1 < sizeof known) {
            int w = snprintf(known + k, sizeof known - k, "%s%s", k ? ", " : "", label);
            k += w > 0 ? (size_t)w : 0;
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_fail(db, rc, "municipality", err);
    if (n == 0)
        return KV_OK; /* no list yet: the beheerder has not set one up */
    return kv_error_set(err, KV_EUSAGE, "unknown municipality",
                        "Gemeente '%s' is onbekend; "
                        "kies uit: %s (de beheerder vult de lijst aan: catalogue add gemeente).",
                        typed, known);
}

static int kind_exists(struct db *db, const char *kind)
{
    sqlite3_stmt *st;
    int found = strcmp(kind, "gemeente") == 0; /* a list that starts empty */
    if (stmt_prepare(db->sql, &st, "SELECT 1 FROM catalogue WHERE kind = ?1 LIMIT 1", "t", kind) ==
        SQLITE_OK) {
        found |= sqlite3_step(st) == SQLITE_ROW;
        sqlite3_finalize(st);
    }
    return found;
}

static int valid_code(const char *code)
{
    size_t n = strlen(code);
    if (n == 0 || n > 63)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((code[i] >= 'a' && code[i] <= 'z') || (code[i] >= '0' && code[i] <= '9') ||
              code[i] == '_'))
            return 0;
    return 1;
}

/* Run one write in its own transaction. Parameters: ?1..?3 texts, ?4 an integer, ?5 now,
 * ?6 the user; a statement uses those it needs (unused numbers bind harmlessly). */
static int write(struct db *db, const char *sql, const char *a, const char *b, const char *c,
                 long i, const char *now, int *changed, struct kv_error *err)
{
    sqlite3_stmt *st;
    int rc = db_begin(db, err);
    if (rc != KV_OK)
        return rc;
    rc = stmt_prepare(db->sql, &st, sql, "tttltt", a, b, c, i, now, db->user);
    if (rc != SQLITE_OK) {
        db_rollback(db);
        return db_fail(db, rc, "catalogue", err);
    }
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    *changed = sqlite3_changes(db->sql);
    if (rc != SQLITE_DONE) {
        int out = strstr(sqlite3_errmsg(db->sql), "UNIQUE")
                      ? kv_error_set(err, KV_ERR, "exists", "'%s' bestaat al in %s.", b, a)
                      : db_fail(db, rc, "catalogue", err);
        db_rollback(db);
        return out;
    }
    return db_commit(db, err);
}

int catalogue_add(struct db *db, const char *kind, const char *code, const char *label,
                  const char *now, struct kv_error *err)
{
    int rc = need_beheerder(db, err), changed;
    if (rc != KV_OK)
        return rc;
    if (!kind_exists(db, kind))
        return kv_error_set(err, KV_EUSAGE, "unknown kind", "Onbekende catalogus '%s'.", kind);
    if (!valid_code(code))
        return kv_error_set(err, KV_EUSAGE, "bad code",
                            "Ongeldige code '%s': gebruik a-z, 0-9 "
                            "en '_' (maximaal 63 tekens).",
                            code);
    if (label == NULL || *label == '\0')
        return kv_error_set(err, KV_EUSAGE, "no label", "Een omschrijving (--name) is verplicht.");
    return write(db,
                 "INSERT INTO catalogue (kind, code, label, sort, created_at, updated_at, "
                 "updated_by) SELECT ?1, ?2, ?3, coalesce(max(sort), 0) + 1 + ?4, ?5, ?5, ?6 "
                 "FROM catalogue WHERE kind = ?1",
                 kind, code, label, 0, now, &changed, err);
}

int catalogue_set_active(struct db *db, const char *kind, const char *code, int active,
                         const char *now, struct kv_error *err)
{
    int rc = need_beheerder(db, err), changed = 0;
    if (rc != KV_OK)
        return rc;
    rc = strcmp(kind, "instrument") == 0
             ? write(db,
                     "UPDATE instrument_catalogue SET active = ?4, updated_at = ?5, "
                     "updated_by = ?6, version = version + 1 WHERE code = ?2",
                     kind, code, "", active, now, &changed, err)
             : write(db,
                     "UPDATE catalogue SET active = ?4, updated_at = ?5, updated_by = ?6, "
                     "version = version + 1 WHERE kind = ?1 AND code = ?2",
                     kind, code, "", active, now, &changed, err);
    if (rc == KV_OK && changed == 0)
        return kv_error_set(err, KV_ERR, "no such entry", "'%s' staat niet in catalogus %s.", code,
                            kind);
    return rc;
}

int catalogue_instrument(struct db *db, const char *code, int *default_days, int *max_days,
                         long long *cost_cents, struct kv_error *err)
{
    sqlite3_stmt *st;
    int rc = stmt_prepare(db->sql, &st,
                          "SELECT default_days, max_days, default_cost_cents FROM "
                          "instrument_catalogue WHERE code = ?1",
                          "t", code);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "instrument catalogue", err);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *default_days = sqlite3_column_int(st, 0);
        *max_days = sqlite3_column_int(st, 1);
        *cost_cents = sqlite3_column_int64(st, 2);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return KV_OK;
    if (rc == SQLITE_DONE)
        return kv_error_set(err, KV_ERR, "unknown instrument",
                            "Instrument '%s' staat niet in de "
                            "catalogus.",
                            code);
    return db_fail(db, rc, "instrument catalogue", err);
}
