#include "storage/figures_summary.h"
#include "storage/access.h"
#include "storage/arena.h"
#include "storage/caseload.h"
#include "storage/cftable.h"
#include "storage/figures_blob.h"
#include "storage/schema.h"
#include "storage/stmt.h"
#include "storage/stmtcache.h"

#include "core/status.h"

#include <stdlib.h>
#include <string.h>

/* Does any client wait for its row? */
static int any_dirty(struct db *db, int *yes, struct kv_error *err)
{
    *yes = 0;
    if (schema_version(db->sql) < SCHEMA_FIGURES)
        return KV_OK;
    sqlite3_stmt *st;
    int rc =
        stmtcache_take(&db->stmts, db->sql, "SELECT EXISTS (SELECT 1 FROM figures_dirty)", &st);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "figures summary", err);
    rc = sqlite3_step(st);
    *yes = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
    stmtcache_release(db->stmts, st);
    return rc == SQLITE_ROW ? KV_OK : db_fail(db, rc, "figures summary", err);
}

/* Client i's row as bytes (malloc'ed): its klantmanager by user id (the name is looked up
 * at read time). What the refresh writes and what check compares a stored row with. */
static int row_bytes(struct db *db, sqlite3_stmt *user, const struct caseload *c, size_t i,
                     const struct status_facts *facts, unsigned char **b, size_t *n,
                     struct kv_error *err)
{
    long km_user = 0;
    int rc;
    const char *name = c->clients[i].caseworker;
    if (name != NULL && *name) {
        if ((rc = stmt_bind(user, "t", name)) != SQLITE_OK)
            return db_fail(db, rc, "figures summary", err);
        rc = sqlite3_step(user);
        if (rc == SQLITE_ROW)
            km_user = sqlite3_column_int64(user, 0);
        sqlite3_reset(user);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return db_fail(db, rc, "figures summary", err);
    }
    return figures_blob_encode(&c->files[i], &c->clients[i], &facts[i], km_user, b, n) == 0
               ? KV_OK
               : kv_error_nomem(err);
}

static int write_row(struct db *db, sqlite3_stmt *put, sqlite3_stmt *user, const struct caseload *c,
                     size_t i, const struct status_facts *facts, struct kv_error *err)
{
    unsigned char *b = NULL;
    size_t n = 0;
    int rc = row_bytes(db, user, c, i, facts, &b, &n, err);
    if (rc != KV_OK)
        return rc;
    rc = stmt_bind(put, "lib", c->clients[i].id, FIGURES_BLOB_VERSION, b, (int)n);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(put);
    sqlite3_reset(put);
    free(b);
    return rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, "figures summary", err);
}

int figures_summary_refresh(struct db *db, struct kv_error *err)
{
    int yes;
    int rc = any_dirty(db, &yes, err);
    if (rc != KV_OK || !yes)
        return rc;
    struct caseload *c = NULL;
    struct status_facts *facts = NULL;
    if ((rc = caseload_load_dirty_figures(db, &c, &facts, err)) != KV_OK)
        return rc;
    sqlite3_stmt *put = NULL, *user = NULL;
    /* Bound per client (write_row). */
    int src = stmtcache_take(&db->stmts, db->sql,
                             "INSERT OR REPLACE INTO figures_summary (client_id, v, facts) "
                             "VALUES (?1, ?2, ?3)",
                             &put);
    if (src == SQLITE_OK)
        src = stmtcache_take(&db->stmts, db->sql, "SELECT id FROM users WHERE name = ?1", &user);
    rc = src == SQLITE_OK ? KV_OK : db_fail(db, src, "figures summary", err);
    for (size_t i = 0; rc == KV_OK && i < c->n; i++)
        rc = write_row(db, put, user, c, i, facts, err);
    stmtcache_release(db->stmts, put);
    stmtcache_release(db->stmts, user);
    caseload_free(c);
    free(facts);
    /* A client gone (purged, deleted, pruned from an offline copy) loses its row, and with
     * it the name and dates the row held. */
    if (rc == KV_OK &&
        (src = sqlite3_exec(db->sql,
                            "DELETE FROM figures_summary WHERE client_id IN (SELECT client_id "
                            "FROM figures_dirty) AND client_id NOT IN (SELECT id FROM clients); "
                            "DELETE FROM figures_dirty",
                            NULL, NULL, NULL)) != SQLITE_OK)
        rc = db_fail(db, src, "figures summary", err);
    return rc;
}

/* marks (SQL, or NULL) run first, then the refresh, in one transaction of its own. */
static int refresh_alone(struct db *db, const char *marks, struct kv_error *err)
{
    int rc = db_begin_untracked(db, err);
    if (rc == KV_OK && marks != NULL)
        rc = db_exec(db, marks, err);
    if (rc == KV_OK)
        rc = figures_summary_refresh(db, err);
    if (rc != KV_OK) {
        db_rollback(db);
        return rc;
    }
    return db_commit_untracked(db, err);
}

int figures_summary_fill(struct db *db, struct kv_error *err)
{
    return refresh_alone(db, NULL, err);
}

int figures_summary_rebuild(struct db *db, struct kv_error *err)
{
    if (schema_version(db->sql) < SCHEMA_FIGURES)
        return KV_OK;
    return refresh_alone(db,
                         "INSERT OR IGNORE INTO figures_dirty SELECT id FROM clients; "
                         "INSERT OR IGNORE INTO figures_dirty SELECT client_id FROM "
                         "figures_summary",
                         err);
}

/* ---- reading ---------------------------------------------------------------------- */

/* The users' names by id, sorted by id; the names in the caseload's arena. */
struct names {
    long *id;
    const char **name;
    size_t n;
};

static int names_load(struct db *db, struct caseload *c, struct names *u, struct kv_error *err)
{
    sqlite3_stmt *st;
    int rc = stmt_prepare(db->sql, &st, "SELECT id, name FROM users ORDER BY id", "");
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "caseload users", err);
    size_t cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (u->n == cap) {
            cap = cap ? 2 * cap : 64;
            long *id = realloc(u->id, cap * sizeof *id);
            if (id)
                u->id = id;
            const char **name = id ? realloc(u->name, cap * sizeof *name) : NULL;
            if (name == NULL) {
                sqlite3_finalize(st);
                return kv_error_nomem(err);
            }
            u->name = name;
        }
        u->id[u->n] = cftable_long(st, 0);
        u->name[u->n++] = arena_text(&c->arena, st, 1);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, "caseload users", err);
}

/* The index of id in the sorted v[n], or n. */
static size_t ids_find(const long *v, size_t n, long id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && v[lo] == id ? lo : n;
}

/* The stale clients, sorted. */
static int dirty_load(struct db *db, long **v, size_t *n, struct kv_error *err)
{
    sqlite3_stmt *st;
    int rc =
        stmt_prepare(db->sql, &st, "SELECT client_id FROM figures_dirty ORDER BY client_id", "");
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "caseload summary", err);
    size_t cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            long *more = realloc(*v, (cap = cap ? 2 * cap : 64) * sizeof *more);
            if (more == NULL) {
                sqlite3_finalize(st);
                return kv_error_nomem(err);
            }
            *v = more;
        }
        (*v)[(*n)++] = cftable_long(st, 0);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, "caseload summary", err);
}

/* Room in c's arrays for one client more. */
static int grow(struct caseload *c, size_t *cap, struct kv_error *err)
{
    if (c->n < *cap)
        return KV_OK;
    size_t more = *cap ? 2 * *cap : 1024;
    struct case_file *f = realloc(c->files, more * sizeof *f);
    if (f)
        c->files = f;
    struct client_summary *s = f ? realloc(c->clients, more * sizeof *s) : NULL;
    if (s == NULL)
        return kv_error_nomem(err);
    c->clients = s;
    *cap = more;
    return KV_OK;
}

/* Every summary row but the stale clients', decoded into c (in id order); a row of
 * another version, malformed, or naming an unknown user goes to *redo to be read
 * narrowly. */
static int summary_rows(struct db *db, struct caseload *c, size_t *cap, const struct names *u,
                        const long *dirty, size_t ndirty, long **redo, size_t *nredo,
                        struct kv_error *err)
{
    sqlite3_stmt *st;
    int rc = stmt_prepare(db->sql, &st,
                          "SELECT client_id, v, facts FROM figures_summary ORDER BY client_id", "");
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "caseload summary", err);
    size_t redo_cap = 0;
    int out = KV_OK;
    while (out == KV_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        long id = cftable_long(st, 0);
        if (ids_find(dirty, ndirty, id) < ndirty)
            continue;
        if ((out = grow(c, cap, err)) != KV_OK)
            break;
        struct case_file *f = &c->files[c->n];
        struct client_summary *s = &c->clients[c->n];
        struct status_facts facts;
        long user = 0;
        size_t k = u->n;
        const unsigned char *b = sqlite3_column_blob(st, 2);
        int ok = sqlite3_column_int(st, 1) == FIGURES_BLOB_VERSION &&
                 figures_blob_decode(b, (size_t)sqlite3_column_bytes(st, 2), &c->arena, f, s,
                                     &facts, &user) == 0 &&
                 (user == 0 || (k = ids_find(u->id, u->n, user)) < u->n);
        if (!ok) {
            if (*nredo == redo_cap) {
                long *more =
                    realloc(*redo, (redo_cap = redo_cap ? 2 * redo_cap : 16) * sizeof *more);
                if (more == NULL) {
                    out = kv_error_nomem(err);
                    break;
                }
                *redo = more;
            }
            (*redo)[(*nredo)++] = id;
            continue;
        }
        s->id = f->client.id = id;
        s->caseworker = user ? u->name[k] : "";
        f->client.status = status_derive(&facts, db->today);
        c->n++;
    }
    sqlite3_finalize(st);
    if (out != KV_OK)
        return out;
    return rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, "caseload summary", err);
}

/* d's clients appended to c, d's arena handed to c; d freed. */
static int adopt(struct caseload *c, size_t *cap, struct caseload *d, struct kv_error *err)
{
    int rc = KV_OK;
    for (size_t i = 0; rc == KV_OK && i < d->n; i++)
        if ((rc = grow(c, cap, err)) == KV_OK) {
            c->files[c->n] = d->files[i];
            c->clients[c->n++] = d->clients[i];
        }
    arena_adopt(&c->arena, d->arena);
    d->arena = NULL;
    caseload_free(d);
    return rc;
}

struct place {
    long id;
    size_t at;
};

static int by_id(const void *a, const void *b)
{
    long x = ((const struct place *)a)->id, y = ((const struct place *)b)->id;
    return (x > y) - (x < y);
}

/* c's clients in id order again, after the narrowly read ones were appended. */
static int sort_by_id(struct caseload *c, struct kv_error *err)
{
    size_t n = c->n ? c->n : 1;
    struct place *ix = malloc(n * sizeof *ix);
    struct case_file *f = malloc(n * sizeof *f);
    struct client_summary *s = malloc(n * sizeof *s);
    if (ix == NULL || f == NULL || s == NULL) {
        free(ix);
        free(f);
        free(s);
        return kv_error_nomem(err);
    }
    for (size_t i = 0; i < c->n; i++)
        ix[i] = (struct place){c->clients[i].id, i};
    qsort(ix, c->n, sizeof *ix, by_id);
    for (size_t i = 0; i < c->n; i++) {
        f[i] = c->files[ix[i].at];
        s[i] = c->clients[ix[i].at];
    }
    free(ix);
    free(c->files);
    free(c->clients);
    c->files = f;
    c->clients = s;
    return KV_OK;
}

/* In the read transaction: the rows, then the stale clients and the rows that would not
 * decode read narrowly, into c in id order. */
static int read_all(struct db *db, struct caseload *c, struct kv_error *err)
{
    struct names u = {0};
    long *dirty = NULL, *redo = NULL;
    size_t ndirty = 0, nredo = 0, cap = 0;
    int rc = names_load(db, c, &u, err);
    if (rc == KV_OK)
        rc = dirty_load(db, &dirty, &ndirty, err);
    if (rc == KV_OK)
        rc = summary_rows(db, c, &cap, &u, dirty, ndirty, &redo, &nredo, err);
    if (rc == KV_OK && ndirty > 0) {
        struct caseload *d;
        if ((rc = caseload_load_dirty_figures(db, &d, NULL, err)) == KV_OK)
            rc = adopt(c, &cap, d, err);
    }
    for (size_t i = 0; rc == KV_OK && i < nredo; i++) {
        struct caseload *d;
        if ((rc = caseload_load_client_figures(db, redo[i], &d, err)) == KV_OK)
            rc = adopt(c, &cap, d, err);
    }
    if (rc == KV_OK && (ndirty > 0 || nredo > 0))
        rc = sort_by_id(c, err);
    free(u.id);
    free(u.name);
    free(dirty);
    free(redo);
    return rc;
}

int figures_summary_load(struct db *db, struct caseload **out, struct kv_error *err)
{
    *out = NULL;
    if (!access_sees_all(db) || schema_version(db->sql) < SCHEMA_FIGURES)
        return caseload_load_figures(db, SCOPE_ALL, out, err);
    /* One read transaction: the rows and the stale marks from the same state. */
    int rc = sqlite3_exec(db->sql, "BEGIN", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "figures summary", err);
    int team = 0;
    struct caseload *c = NULL;
    if ((rc = caseload_one_team(db, &team, err)) == KV_OK && !team)
        rc = (c = calloc(1, sizeof *c)) ? read_all(db, c, err) : kv_error_nomem(err);
    sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL);
    if (rc == KV_OK && team) /* a team's clients: selected as before */
        return caseload_load_figures(db, SCOPE_ALL, out, err);
    if (rc != KV_OK) {
        caseload_free(c);
        return rc;
    }
    *out = c;
    return KV_OK;
}

/* ---- checking ---------------------------------------------------------------------- */

static void verdict_wrong(struct summary_verdict *v, long client)
{
    if (v->wrong++ == 0 || client < v->first_wrong)
        v->first_wrong = client;
}

/* Merge the rows (in client order) with the clients read now (in id order). */
static int compare_rows(struct db *db, const struct caseload *c, const struct status_facts *facts,
                        const long *dirty, size_t ndirty, struct summary_verdict *v,
                        struct kv_error *err)
{
    sqlite3_stmt *rows = NULL, *user = NULL;
    int src =
        stmtcache_take(&db->stmts, db->sql,
                       "SELECT client_id, v, facts FROM figures_summary ORDER BY client_id", &rows);
    if (src == SQLITE_OK)
        src = stmtcache_take(&db->stmts, db->sql, "SELECT id FROM users WHERE name = ?1", &user);
    int rc = src == SQLITE_OK ? KV_OK : db_fail(db, src, "figures summary", err);
    size_t i = 0;
    int step = rc == KV_OK ? sqlite3_step(rows) : SQLITE_DONE;
    while (rc == KV_OK && (step == SQLITE_ROW || i < c->n)) {
        long row = step == SQLITE_ROW ? cftable_long(rows, 0) : 0;
        long client = i < c->n ? c->clients[i].id : 0;
        int has_row = step == SQLITE_ROW && (i >= c->n || row <= client);
        int has_client = i < c->n && (step != SQLITE_ROW || client <= row);
        long id = has_client ? client : row;
        if (has_row)
            v->rows++;
        if (ids_find(dirty, ndirty, id) < ndirty)
            v->stale++;
        else if (!has_row || !has_client)
            verdict_wrong(v, id);
        else {
            unsigned char *b = NULL;
            size_t n = 0;
            rc = row_bytes(db, user, c, i, facts, &b, &n, err);
            if (rc == KV_OK && (sqlite3_column_int(rows, 1) != FIGURES_BLOB_VERSION ||
                                (size_t)sqlite3_column_bytes(rows, 2) != n ||
                                memcmp(sqlite3_column_blob(rows, 2), b, n) != 0))
                verdict_wrong(v, id);
            free(b);
        }
        if (has_row)
            step = sqlite3_step(rows);
        if (has_client)
            i++;
    }
    if (rc == KV_OK && step != SQLITE_DONE && step != SQLITE_ROW)
        rc = db_fail(db, step, "figures summary", err);
    stmtcache_release(db->stmts, rows);
    stmtcache_release(db->stmts, user);
    return rc;
}

int figures_summary_verify(struct db *db, struct summary_verdict *v, struct kv_error *err)
{
    memset(v, 0, sizeof *v);
    if (schema_version(db->sql) < SCHEMA_FIGURES)
        return KV_OK;
    int rc = db_read_begin(db, err);
    if (rc != KV_OK)
        return rc;
    struct caseload *c = NULL;
    struct status_facts *facts = NULL;
    long *dirty = NULL;
    size_t ndirty = 0;
    if ((rc = dirty_load(db, &dirty, &ndirty, err)) == KV_OK &&
        (rc = caseload_load_every_figures(db, &c, &facts, err)) == KV_OK)
        rc = compare_rows(db, c, facts, dirty, ndirty, v, err);
    db_read_end(db);
    caseload_free(c);
    free(facts);
    free(dirty);
    return rc;
}
