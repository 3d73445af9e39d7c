#include "storage/offline.h"

#include "crypto/keyslot.h"
#include "crypto/page.h"
#include "crypto/secmem.h"
#include "storage/access.h"
#include "storage/audit.h"
#include "storage/copy.h"
#include "storage/dbfile.h"
#include "storage/figures_summary.h"
#include "storage/maint.h"
#include "storage/purge.h"
#include "storage/schema.h"
#include "storage/stmt.h"
#include "storage/tables.h"
#include "storage/rowrules.h"
#include "storage/writecheck.h"
#include "storage/txn.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int nomem(struct kv_error *err)
{
    return kv_error_nomem(err);
}

static void dbid_hex(const struct db *db, char out[2 * KV_DBID_BYTES + 1])
{
    sodium_bin2hex(out, 2 * KV_DBID_BYTES + 1, db->hdr->dbid, KV_DBID_BYTES);
}

static int exec(struct db *db, const char *sql, struct kv_error *err)
{
    int rc = sqlite3_exec(db->sql, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? KV_OK : db_fail(db, rc, sql, err);
}

/* The outcome of stmt_run as a klantvolg status. */
static int ran(struct db *db, int rc, const char *what, struct kv_error *err)
{
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? KV_OK : db_fail(db, rc, what, err);
}

/* ---- checkout ------------------------------------------------------------------------- */

/* The copy's header: a new database id and no slot yet. *mine: this user's slot, sealing
 * the copy's new master key (its wrapped secret unchanged, so the same passphrase opens
 * it), which the copy gets only once it has been pruned. */
static struct header *copy_header(struct db *db, const unsigned char *master, struct slot *mine,
                                  struct kv_error *err)
{
    struct header *cur = calloc(1, sizeof *cur), *h = header_new();
    struct header_status st;
    struct page_key *k = NULL;
    int rc = KV_OK;
    if (cur == NULL || h == NULL) {
        rc = nomem(err);
    } else if (header_read(dbfile_fd(db->file), cur, &st) != 0 ||
               header_verify(cur, db->key->mackey) != 0) {
        rc = kv_error_set(err, KV_EDAMAGED, "header unreadable on checkout",
                          "De kop van %s "
                          "is beschadigd of gewijzigd; er is niets uitgecheckt.",
                          db->path);
    } else {
        struct slot *s = header_find_slot(cur, db->user);
        if (s == NULL) {
            rc = kv_error_set(err, KV_EAUTH, "no slot",
                              "Gebruiker '%s' heeft geen sleutel in "
                              "deze database.",
                              db->user);
        } else {
            *mine = *s;
            h->nslots = 0;
            if (keyslot_reseal(mine, master) != KEYSLOT_OK ||
                (k = page_key_new(master, h->dbid)) == NULL)
                rc = nomem(err);
            else
                header_seal(h, k->mackey);
        }
    }
    page_key_free(k);
    header_free(cur);
    if (rc != KV_OK) {
        header_free(h);
        return NULL;
    }
    return h;
}

/* In the new copy: only the user's own and duo clients stay; the server's log, other
 * users' drafts and the checkouts go; the copy learns where it came from. Then vacuumed,
 * so what was deleted is not in the file either. */
static int prune(struct db *cp, long user_id, const char *user, const char *server_dbid, long id,
                 const char *now, long *clients, struct kv_error *err)
{
    sqlite3_stmt *st;
    long rows = 0;
    int rc = db_begin_untracked(cp, err);
    if (rc != KV_OK)
        return rc;
    rc = stmt_prepare(cp->sql, &st,
                      "SELECT id FROM clients WHERE id NOT IN (" ACCESS_OWN_SQL("?1") ")", "l",
                      user_id);
    if (rc != SQLITE_OK) {
        db_rollback(cp);
        return db_fail(cp, rc, "checkout", err);
    }
    long *gone = NULL;
    size_t n = 0, cap = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (n == cap) {
            long *v = realloc(gone, (cap = cap ? 2 * cap : 256) * sizeof *v);
            if (v == NULL)
                break;
            gone = v;
        }
        gone[n++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    rc = KV_OK;
    for (size_t i = 0; i < n && rc == KV_OK; i++)
        rc = purge_client_rows(cp, gone[i], &rows, err);
    free(gone);
    if (rc == KV_OK)
        rc = exec(cp,
                  "DELETE FROM audit; DELETE FROM checkouts; DELETE FROM offline_changes; "
                  "DELETE FROM offline",
                  err);
    if (rc == KV_OK)
        rc = ran(cp, stmt_run(cp->sql, "DELETE FROM drafts WHERE user_id <> ?1", "l", user_id),
                 "checkout", err);
    if (rc == KV_OK)
        rc = ran(cp,
                 stmt_run(cp->sql,
                          "INSERT INTO offline (id, server_dbid, checkout_id, user, "
                          "since) VALUES (1, ?1, ?2, ?3, ?4)",
                          "tltt", server_dbid, id, user, now),
                 "checkout", err);
    if (rc == KV_OK)
        rc = exec(cp, "INSERT INTO client_search(client_search) VALUES ('optimize')", err);
    rc = rc == KV_OK ? db_commit(cp, err) : (db_rollback(cp), rc);
    if (rc == KV_OK && (rc = exec(cp, "VACUUM", err)) == KV_OK) {
        if (sqlite3_prepare_v2(cp->sql, "SELECT count(*) FROM clients", -1, &st, NULL) ==
            SQLITE_OK) {
            if (sqlite3_step(st) == SQLITE_ROW)
                *clients = sqlite3_column_int64(st, 0);
            sqlite3_finalize(st);
        }
    }
    return rc;
}

static int checkout_row_add(struct db *db, const char *dest, const char *now, long *id,
                            struct kv_error *err)
{
    int rc = db_begin_untracked(db, err);
    if (rc != KV_OK)
        return rc;
    rc = stmt_run(db->sql,
                  "INSERT INTO checkouts (user_id, path, state, since, created_at, "
                  "updated_at, updated_by) VALUES (?1, ?2, 'wordt_gemaakt', ?3, ?3, ?3, ?4)",
                  "lttt", db->user_id, dest, now, db->user);
    if (rc != SQLITE_DONE) {
        db_rollback(db);
        return db_fail(db, rc, "checkout", err);
    }
    *id = sqlite3_last_insert_rowid(db->sql);
    return db_commit(db, err);
}

/* The copy exists: the checkout is out, and the log says so. Or it failed: forget it. */
static int checkout_row_finish(struct db *db, long id, const char *copy_dbid, long clients,
                               const char *dest, struct kv_error *err)
{
    struct kv_error ignored;
    int rc = db_begin_untracked(db, copy_dbid ? err : &ignored);
    if (rc == KV_OK)
        rc = ran(db,
                 copy_dbid ? stmt_run(db->sql,
                                      "UPDATE checkouts SET state = 'uit', "
                                      "copy_dbid = ?1, clients = ?2 WHERE id = ?3",
                                      "tll", copy_dbid, clients, id)
                           : stmt_run(db->sql, "DELETE FROM checkouts WHERE id = ?1", "l", id),
                 "checkout", copy_dbid ? err : &ignored);
    if (rc == KV_OK && copy_dbid) {
        sqlite3_str *d = sqlite3_str_new(db->sql);
        sqlite3_str_appendf(d, "{\"checkout\":%ld,\"klanten\":%ld,\"bestand\":", id, clients);
        audit_json_text(d, dest);
        sqlite3_str_appendchar(d, 1, '}');
        char *detail = sqlite3_str_finish(d);
        rc = detail ? audit_append(db, "checkout", 0, "", detail, err) : nomem(err);
        sqlite3_free(detail);
    }
    return rc == KV_OK ? db_commit(db, copy_dbid ? err : &ignored) : (db_rollback(db), rc);
}

static int put_slot(struct db *db, struct header *h, void *ctx, struct kv_error *err)
{
    (void)db;
    (void)err;
    h->slots[0] = *(const struct slot *)ctx;
    h->nslots = 1;
    return KV_OK;
}

/* The pruned copy gets its one key slot: from now on the user's passphrase opens it. */
static int open_up(struct db *cp, const struct slot *mine, struct kv_error *err)
{
    int rc = db_begin_untracked(cp, err);
    if (rc != KV_OK)
        return rc;
    if ((rc = db_header_update(cp, put_slot, (void *)mine, err)) != KV_OK) {
        db_rollback(cp);
        return rc;
    }
    return db_commit(cp, err);
}

/* The finished copy to dest, which must still not exist; tmp goes. */
static int place(const char *tmp, const char *dest, struct kv_error *err)
{
    if (link(tmp, dest) != 0)
        return errno == EEXIST ? kv_error_set(err, KV_ERR, "exists",
                                              "%s bestaat al; er is niets "
                                              "overschreven.",
                                              dest)
                               : kv_error_set(err, KV_ERR, strerror(errno),
                                              "Kan %s niet plaatsen: %s.", dest, strerror(errno));
    unlink(tmp);
    dbfile_sync_parent(dest);
    return KV_OK;
}

/* The copy is built, pruned and vacuumed under a private temporary name next to dest
 * (copy_database_private) and without a key slot, so until it is complete it is neither
 * at dest nor openable by anyone: a crash at any moment leaves at most a temporary file
 * whose master key existed only in this process. Then it gets the user's slot and is
 * linked into place. */
int offline_checkout(struct db *db, const char *dest, const char *now, long *id, long *clients,
                     struct kv_error *err)
{
    *id = *clients = 0;
    if (!access_casework(db))
        return kv_error_set(err, KV_EAUTH, "checkout for casework roles",
                            "Uitchecken is voor "
                            "wie een eigen werkvoorraad heeft (klantmanager, consulent inkomen, "
                            "jobcoach).");
    if (db->offline)
        return kv_error_set(err, KV_EUSAGE, "checkout from a copy",
                            "Dit is zelf een offline "
                            "kopie; check uit op de server.");
    if (access(dest, F_OK) == 0)
        return kv_error_set(err, KV_ERR, "exists", "%s bestaat al; er is niets overschreven.",
                            dest);
    unsigned char *master = secmem_alloc(KV_KEY_BYTES);
    if (master == NULL)
        return nomem(err);
    randombytes_buf(master, KV_KEY_BYTES);
    struct header *h = NULL;
    struct db *cp = NULL;
    struct slot mine;
    char *tmp = NULL;
    char server[2 * KV_DBID_BYTES + 1], copy[2 * KV_DBID_BYTES + 1];
    int placed = 0, rc = checkout_row_add(db, dest, now, id, err);
    if (rc == KV_OK && (h = copy_header(db, master, &mine, err)) == NULL)
        rc = err->status;
    if (rc == KV_OK)
        rc = copy_database_private(db, h, master, dest, &tmp, err);
    if (rc == KV_OK)
        rc = db_open_keyed(tmp, master, 0, db->clock, &cp, err);
    if (rc == KV_OK) /* the pruned clients' summary rows go with them */
        cp->derive = figures_summary_refresh;
    dbid_hex(db, server);
    if (rc == KV_OK)
        rc = prune(cp, db->user_id, db->user, server, *id, now, clients, err);
    if (rc == KV_OK)
        rc = open_up(cp, &mine, err);
    if (rc == KV_OK)
        dbid_hex(cp, copy);
    if (rc == KV_OK) /* the pruned pages into tmp: its WAL does not follow it */
        rc = db_checkpoint(cp, err);
    db_close(cp);
    if (tmp != NULL)
        dbfile_remove_sidecars(tmp);
    sodium_memzero(&mine, sizeof mine);
    if (rc == KV_OK && (rc = place(tmp, dest, err)) == KV_OK) {
        placed = 1;
        free(tmp);
        tmp = NULL;
    }
    if (rc == KV_OK)
        rc = checkout_row_finish(db, *id, copy, *clients, dest, err);
    header_free(h);
    secmem_free(master);
    if (rc != KV_OK) {
        if (tmp != NULL)
            unlink(tmp);
        if (placed)
            unlink(dest);
        if (*id)
            checkout_row_finish(db, *id, NULL, 0, dest, err);
    }
    free(tmp);
    return rc;
}

/* ---- the server's list, revoking, the copy's state ----------------------------------- */

int offline_list(struct db *db, struct checkout_row **rows, size_t *n, struct kv_error *err)
{
    sqlite3_stmt *st;
    *rows = NULL;
    *n = 0;
    int all = role_oversees(db->role) || role_sees_all(db->role);
    int rc = stmt_prepare(db->sql, &st,
                          "SELECT c.id, u.name, c.path, c.state, c.since, "
                          "coalesce(c.done_at, ''), c.clients FROM checkouts c JOIN users u "
                          "ON u.id = c.user_id WHERE ?1 OR c.user_id = ?2 ORDER BY c.id DESC",
                          "il", all, db->user_id);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "checkouts", err);
    size_t cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            struct checkout_row *v = realloc(*rows, (cap = cap ? 2 * cap : 8) * sizeof *v);
            if (v == NULL)
                break;
            *rows = v;
        }
        struct checkout_row *r = &(*rows)[(*n)++];
        r->id = sqlite3_column_int64(st, 0);
        snprintf(r->user, sizeof r->user, "%s", (const char *)sqlite3_column_text(st, 1));
        snprintf(r->path, sizeof r->path, "%s", (const char *)sqlite3_column_text(st, 2));
        snprintf(r->state, sizeof r->state, "%s", (const char *)sqlite3_column_text(st, 3));
        snprintf(r->since, sizeof r->since, "%s", (const char *)sqlite3_column_text(st, 4));
        snprintf(r->done_at, sizeof r->done_at, "%s", (const char *)sqlite3_column_text(st, 5));
        r->clients = sqlite3_column_int64(st, 6);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE  ? KV_OK
           : rc == SQLITE_ROW ? nomem(err)
                              : db_fail(db, rc, "checkouts", err);
}

int offline_revoke(struct db *db, long id, const char *now, struct kv_error *err)
{
    int any = role_oversees(db->role);
    int rc = db_begin_untracked(db, err);
    if (rc == KV_OK)
        rc = ran(db,
                 stmt_run(db->sql,
                          "UPDATE checkouts SET state = 'ingetrokken', done_at = ?1, "
                          "updated_at = ?1, updated_by = ?2, version = version + 1 WHERE "
                          "id = ?3 AND state = 'uit' AND (?4 OR user_id = ?5)",
                          "ttlil", now, db->user, id, any, db->user_id),
                 "checkout", err);
    if (rc == KV_OK && sqlite3_changes(db->sql) == 0)
        rc = kv_error_set(err, KV_EUSAGE, "not revocable",
                          "Uitcheck %ld is er niet, is al "
                          "ingecheckt of ingetrokken, of is niet van u.",
                          id);
    char detail[64];
    snprintf(detail, sizeof detail, "{\"checkout\":%ld}", id);
    if (rc == KV_OK)
        rc = audit_append(db, "checkout_ingetrokken", 0, "", detail, err);
    return rc == KV_OK ? db_commit(db, err) : (db_rollback(db), rc);
}

int offline_state(struct db *db, struct offline_state *st, struct kv_error *err)
{
    memset(st, 0, sizeof *st);
    sqlite3_stmt *q;
    if (!db->offline) {
        int rc = stmt_prepare(db->sql, &q,
                              "SELECT since, path FROM checkouts WHERE user_id = ?1 "
                              "AND state = 'uit' ORDER BY id DESC LIMIT 1",
                              "l", db->user_id);
        if (rc != SQLITE_OK)
            return db_fail(db, rc, "checkouts", err);
        if ((rc = sqlite3_step(q)) == SQLITE_ROW) {
            st->out = 1;
            snprintf(st->since, sizeof st->since, "%s", (const char *)sqlite3_column_text(q, 0));
            snprintf(st->path, sizeof st->path, "%s", (const char *)sqlite3_column_text(q, 1));
        }
        sqlite3_finalize(q);
        return rc == SQLITE_ROW || rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, "checkouts", err);
    }
    int rc = sqlite3_prepare_v2(db->sql,
                                "SELECT o.since, (SELECT coalesce(sum(changes), 0) FROM "
                                "offline_changes WHERE seq > o.checked_in) FROM offline o",
                                -1, &q, NULL);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "offline", err);
    if ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        st->is_copy = 1;
        snprintf(st->since, sizeof st->since, "%s", (const char *)sqlite3_column_text(q, 0));
        st->pending = sqlite3_column_int64(q, 1);
    }
    sqlite3_finalize(q);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, "offline", err);
}

/* ---- checkin -------------------------------------------------------------------------- */

/* Parents before children (tables.h): the order new records are inserted in (deletions
 * go the other way), so a reference always finds its record's new id. */
#define table_order table_case_order
#define N_ORDER table_case_count

struct id_map {
    struct {
        const char *table;
        long from, to;
    } * v;
    size_t n, cap;
};

static long mapped(const struct id_map *m, const char *table, long id)
{
    for (size_t i = 0; i < m->n; i++)
        if (m->v[i].from == id && strcmp(m->v[i].table, table) == 0)
            return m->v[i].to;
    return 0;
}

static int map_add(struct id_map *m, const char *table, long from, long to)
{
    if (m->n == m->cap) {
        void *v = realloc(m->v, (m->cap = m->cap ? 2 * m->cap : 64) * sizeof *m->v);
        if (v == NULL)
            return -1;
        m->v = v;
    }
    for (size_t i = 0; i < N_ORDER; i++) /* a pointer that outlives the changeset */
        if (strcmp(table_order[i], table) == 0)
            table = table_order[i];
    m->v[m->n].table = table;
    m->v[m->n].from = from;
    m->v[m->n++].to = to;
    return 0;
}

static int same_value(sqlite3_value *a, sqlite3_value *b)
{
    int ta = a ? sqlite3_value_type(a) : SQLITE_NULL, tb = b ? sqlite3_value_type(b) : SQLITE_NULL;
    if (ta == SQLITE_NULL || tb == SQLITE_NULL)
        return ta == tb;
    if (ta == SQLITE_INTEGER && tb == SQLITE_INTEGER)
        return sqlite3_value_int64(a) == sqlite3_value_int64(b);
    const char *x = (const char *)sqlite3_value_text(a), *y = (const char *)sqlite3_value_text(b);
    return x && y && strcmp(x, y) == 0;
}

/* Everything a checkin pass needs. */
struct pass {
    struct db *server;
    int apply; /* 0: look for conflicts only; 1: write */
    struct id_map map;
    struct conflict *c; /* the conflicts found (first pass) and their choices */
    size_t nc, capc;
    struct checkin_result *res;
    struct table_columns cols;
    struct kv_error *err;
};

static char *text_of(sqlite3_value *v)
{
    const char *t = v ? (const char *)sqlite3_value_text(v) : NULL;
    return strdup(t ? t : "");
}

static struct conflict *find_conflict(struct pass *p, const char *table, long id, const char *field)
{
    for (size_t i = 0; i < p->nc; i++)
        if (p->c[i].id == id && strcmp(p->c[i].table, table) == 0 &&
            strcmp(p->c[i].field, field) == 0)
            return &p->c[i];
    return NULL;
}

static int conflict_add(struct pass *p, const char *table, long id, long client, const char *field,
                        sqlite3_value *base, sqlite3_value *mine, sqlite3_value *theirs)
{
    if (p->nc == p->capc) {
        struct conflict *v = realloc(p->c, (p->capc = p->capc ? 2 * p->capc : 8) * sizeof *v);
        if (v == NULL)
            return nomem(p->err);
        p->c = v;
    }
    int is_text = (mine && sqlite3_value_type(mine) == SQLITE_TEXT) ||
                  (theirs && sqlite3_value_type(theirs) == SQLITE_TEXT);
    p->c[p->nc++] = (struct conflict){
        strdup(table),   id,      client,  strdup(field), text_of(base), text_of(mine),
        text_of(theirs), is_text, RES_NONE};
    return KV_OK;
}

/* Prepare the statement built in s (which this frees), with the errors mapped. */
static int prepare_built(struct pass *p, sqlite3_str *s, sqlite3_stmt **st)
{
    char *sql = sqlite3_str_finish(s);
    int rc = sql ? sqlite3_prepare_v2(p->server->sql, sql, -1, st, NULL) : SQLITE_NOMEM;
    sqlite3_free(sql);
    return rc == SQLITE_OK ? KV_OK : db_fail(p->server, rc, "checkin", p->err);
}

/* The server's row as it is now: one statement per call, column values read by index. */
static int server_row(struct pass *p, const char *table, long id, sqlite3_stmt **st)
{
    sqlite3_str *s = sqlite3_str_new(p->server->sql);
    sqlite3_str_appendf(s, "SELECT * FROM \"%w\" WHERE id = ?1", table);
    int rc = prepare_built(p, s, st);
    if (rc != KV_OK)
        return rc;
    rc = stmt_bind(*st, "l", id);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(*st);
    if (rc == SQLITE_ROW)
        return KV_OK;
    sqlite3_finalize(*st);
    *st = NULL;
    return rc == SQLITE_DONE ? KV_OK : db_fail(p->server, rc, "checkin", p->err);
}

/* A value from the changeset, with a reference to a record made offline translated to
 * that record's id on the server. */
static int bind_value(struct pass *p, sqlite3_stmt *st, int at, const char *col, sqlite3_value *v)
{
    const char *ref = table_reference(col);
    long to = ref && v && sqlite3_value_type(v) == SQLITE_INTEGER
                  ? mapped(&p->map, ref, sqlite3_value_int64(v))
                  : 0;
    return to ? stmt_bind_at(st, at, "l", to) : stmt_bind_at(st, at, "v", v);
}

static int run(struct pass *p, sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return KV_OK;
    if ((rc & 0xff) == SQLITE_CONSTRAINT)
        return kv_error_set(p->err, KV_ERR, sqlite3_errmsg(p->server->sql),
                            "Een record van de "
                            "kopie past niet op de server (%s); er is niets ingecheckt.",
                            sqlite3_errmsg(p->server->sql));
    return db_fail(p->server, rc, "checkin", p->err);
}

static int do_insert(struct pass *p, sqlite3_changeset_iter *it, const char *table, int ncol)
{
    struct table_columns *c = &p->cols;
    int idcol = table_column_index(c, "id");
    sqlite3_str *s = sqlite3_str_new(p->server->sql);
    sqlite3_str_appendf(s, "INSERT INTO \"%w\" (", table);
    for (int i = 0, first = 1; i < ncol; i++) {
        if (i == idcol && strcmp(table, "clients") != 0)
            continue;
        sqlite3_str_appendf(s, "%s\"%w\"", first ? "" : ", ", c->name[i]);
        first = 0;
    }
    sqlite3_str_appendall(s, ") VALUES (");
    for (int i = 0, first = 1; i < ncol; i++) {
        if (i == idcol && strcmp(table, "clients") != 0)
            continue;
        sqlite3_str_appendf(s, "%s%s", first ? "" : ", ", i == idcol ? SCHEMA_NEW_CLIENT_ID : "?");
        first = 0;
    }
    sqlite3_str_appendchar(s, 1, ')');
    sqlite3_stmt *st;
    int rc = prepare_built(p, s, &st);
    if (rc != KV_OK)
        return rc;
    int bound = SQLITE_OK; /* a copied value can fail for lack of memory, leaving NULL */
    for (int i = 0, at = 1; i < ncol; i++) {
        if (i == idcol)
            continue;
        sqlite3_value *v = NULL;
        sqlite3changeset_new(it, i, &v);
        int b = bind_value(p, st, at++, c->name[i], v);
        bound = bound == SQLITE_OK ? b : bound;
    }
    if (bound != SQLITE_OK) {
        sqlite3_finalize(st);
        return nomem(p->err);
    }
    if ((rc = run(p, st)) != KV_OK)
        return rc;
    p->res->inserted++;
    if (idcol >= 0) {
        sqlite3_value *v = NULL;
        sqlite3changeset_new(it, idcol, &v);
        if (v && map_add(&p->map, table, sqlite3_value_int64(v),
                         (long)sqlite3_last_insert_rowid(p->server->sql)) != 0)
            return nomem(p->err);
    }
    return KV_OK;
}

/* Text from both sides, the server's first, each kept whole. */
static char *merged(const char *theirs, const char *mine)
{
    if (!*theirs)
        return strdup(mine);
    if (!*mine || strcmp(theirs, mine) == 0)
        return strdup(theirs);
    size_t n = strlen(theirs) + strlen(mine) + 32;
    char *m = malloc(n);
    if (m != NULL)
        snprintf(m, n, "%s\n[offline:] %s", theirs, mine);
    return m;
}

/* An update of a server record: each changed field that the server did not change in
 * the meantime is taken; one it did change is a conflict, decided in the first pass. */
static int do_update(struct pass *p, sqlite3_changeset_iter *it, const char *table, int ncol,
                     long id)
{
    struct table_columns *c = &p->cols;
    sqlite3_stmt *cur;
    int rc = server_row(p, table, id, &cur);
    if (rc != KV_OK)
        return rc;
    if (cur == NULL)
        return kv_error_set(p->err, KV_ECONFLICT, "row gone",
                            "Record %s %ld is op de server "
                            "verwijderd maar in de kopie gewijzigd; er is niets ingecheckt.",
                            table, id);
    int cidx = table_column_index(c, "client_id");
    long client = strcmp(table, "clients") == 0 ? id
                  : cidx >= 0                   ? sqlite3_column_int64(cur, cidx)
                                                : 0;
    sqlite3_str *s = sqlite3_str_new(p->server->sql);
    sqlite3_str_appendf(s, "UPDATE \"%w\" SET ", table);
    int nset = 0;
    struct {
        int col;
        sqlite3_value *v;
        char *text;
    } set[64];
    for (int i = 0; i < ncol && i < 64 && rc == KV_OK; i++) {
        sqlite3_value *mine = NULL, *base = NULL;
        if (sqlite3changeset_new(it, i, &mine) != SQLITE_OK || mine == NULL ||
            table_bookkeeping(c->name[i]))
            continue;
        sqlite3changeset_old(it, i, &base);
        sqlite3_value *theirs = sqlite3_column_value(cur, i);
        char *text = NULL;
        if (same_value(theirs, mine))
            continue; /* the same change on both sides */
        if (!same_value(theirs, base)) {
            struct conflict *k = find_conflict(p, table, id, c->name[i]);
            if (!p->apply) {
                rc = conflict_add(p, table, id, client, c->name[i], base, mine, theirs);
                continue;
            }
            const char *now_theirs = (const char *)sqlite3_column_text(cur, i);
            if (k == NULL || strcmp(k->theirs, now_theirs ? now_theirs : "") != 0) {
                rc = kv_error_set(p->err, KV_ECONFLICT, "changed during checkin",
                                  "Record %s %ld "
                                  "is tijdens het inchecken opnieuw gewijzigd; probeer het "
                                  "opnieuw. Er is niets ingecheckt.",
                                  table, id);
                continue;
            }
            if (k->choice == RES_THEIRS)
                continue;
            if (k->choice == RES_MERGE && k->is_text && (text = merged(k->theirs, k->mine)) == NULL)
                rc = nomem(p->err);
        }
        sqlite3_str_appendf(s, "%s\"%w\" = ?", nset ? ", " : "", c->name[i]);
        set[nset].col = i;
        set[nset].v = mine;
        set[nset++].text = text;
    }
    if (rc == KV_OK && nset > 0 && p->apply) {
        sqlite3_value *by = NULL, *at = NULL;
        int ub = table_column_index(c, "updated_by"), ua = table_column_index(c, "updated_at");
        if (ub >= 0)
            sqlite3changeset_new(it, ub, &by);
        if (ua >= 0)
            sqlite3changeset_new(it, ua, &at);
        if (table_column_index(c, "version") >= 0)
            sqlite3_str_appendall(s, ", version = version + 1");
        if (ua >= 0 && at)
            sqlite3_str_appendall(s, ", updated_at = ?");
        if (ub >= 0 && by)
            sqlite3_str_appendall(s, ", updated_by = ?");
        sqlite3_str_appendall(s, " WHERE id = ?");
        sqlite3_stmt *st;
        rc = prepare_built(p, s, &st);
        s = NULL;
        if (rc == KV_OK) {
            int k = 1, b = SQLITE_OK;
            for (int j = 0; j < nset && b == SQLITE_OK; j++)
                b = set[j].text ? stmt_bind_at(st, k++, "c", set[j].text)
                                : bind_value(p, st, k++, c->name[set[j].col], set[j].v);
            if (b == SQLITE_OK && ua >= 0 && at)
                b = stmt_bind_at(st, k++, "v", at);
            if (b == SQLITE_OK && ub >= 0 && by)
                b = stmt_bind_at(st, k++, "v", by);
            if (b == SQLITE_OK)
                b = stmt_bind_at(st, k++, "l", id);
            if (b != SQLITE_OK) { /* out of memory: never a field applied as NULL */
                sqlite3_finalize(st);
                rc = nomem(p->err);
            } else if ((rc = run(p, st)) == KV_OK) {
                p->res->applied++;
            }
        }
    }
    for (int j = 0; j < nset; j++)
        free(set[j].text);
    if (s != NULL)
        sqlite3_free(sqlite3_str_finish(s));
    sqlite3_finalize(cur);
    return rc;
}

/* A deletion of a server record: only when the server left it as it was. */
static int do_delete(struct pass *p, sqlite3_changeset_iter *it, const char *table, int ncol,
                     long id)
{
    sqlite3_stmt *cur;
    int rc = server_row(p, table, id, &cur);
    if (rc != KV_OK || cur == NULL)
        return rc; /* gone on both sides */
    int changed = 0;
    for (int i = 0; i < ncol; i++) {
        sqlite3_value *base = NULL;
        sqlite3changeset_old(it, i, &base);
        if (!table_bookkeeping(p->cols.name[i]) && !same_value(sqlite3_column_value(cur, i), base))
            changed = 1;
    }
    sqlite3_finalize(cur);
    if (changed)
        return kv_error_set(p->err, KV_ECONFLICT, "deleted but changed",
                            "Record %s %ld is in de "
                            "kopie verwijderd maar op de server gewijzigd; er is niets "
                            "ingecheckt.",
                            table, id);
    if (!p->apply)
        return KV_OK;
    sqlite3_str *s = sqlite3_str_new(p->server->sql);
    sqlite3_str_appendf(s, "DELETE FROM \"%w\" WHERE id = ?1", table);
    sqlite3_stmt *st;
    if ((rc = prepare_built(p, s, &st)) != KV_OK)
        return rc;
    if (stmt_bind(st, "l", id) != SQLITE_OK) {
        sqlite3_finalize(st);
        return nomem(p->err);
    }
    if ((rc = run(p, st)) == KV_OK)
        p->res->applied++;
    return rc;
}

/* A deletion in a table without an id (client_doelgroepen): by its key columns. */
static int delete_by_key(struct pass *p, sqlite3_changeset_iter *it, const char *table, int ncol)
{
    unsigned char *pk;
    int npk;
    sqlite3changeset_pk(it, &pk, &npk);
    sqlite3_str *s = sqlite3_str_new(p->server->sql);
    sqlite3_str_appendf(s, "DELETE FROM \"%w\" WHERE 1", table);
    for (int i = 0; i < ncol; i++)
        if (pk[i])
            sqlite3_str_appendf(s, " AND \"%w\" = ?", p->cols.name[i]);
    sqlite3_stmt *st;
    int rc = prepare_built(p, s, &st);
    if (rc != KV_OK)
        return rc;
    int b = SQLITE_OK;
    for (int i = 0, at = 1; i < ncol && b == SQLITE_OK; i++) {
        sqlite3_value *v = NULL;
        if (!pk[i])
            continue;
        sqlite3changeset_old(it, i, &v);
        b = bind_value(p, st, at++, p->cols.name[i], v);
    }
    if (b != SQLITE_OK) { /* a key bound as NULL would delete nothing, or the wrong rows */
        sqlite3_finalize(st);
        return nomem(p->err);
    }
    if ((rc = run(p, st)) == KV_OK)
        p->res->applied++;
    return rc;
}

/* One pass over the combined changeset, table by table: inserts and updates parents
 * first, deletions children first. */
static int walk(struct pass *p, const void *set, int n)
{
    int rc = KV_OK;
    for (int phase = 0; phase < 2 && rc == KV_OK; phase++)
        for (size_t t = 0; t < N_ORDER && rc == KV_OK; t++) {
            const char *want = table_order[phase == 0 ? t : N_ORDER - 1 - t];
            sqlite3_changeset_iter *it;
            if (sqlite3changeset_start(&it, n, (void *)set) != SQLITE_OK)
                return nomem(p->err);
            int next = SQLITE_DONE;
            while (rc == KV_OK && (next = sqlite3changeset_next(it)) == SQLITE_ROW) {
                const char *table;
                int ncol, op, indirect;
                sqlite3changeset_op(it, &table, &ncol, &op, &indirect);
                if (strcmp(table, want) != 0 || (op == SQLITE_DELETE) != (phase == 1))
                    continue;
                if ((rc = table_columns_load(p->server, table, ncol, &p->cols, p->err)) != KV_OK)
                    break;
                int idcol = table_column_index(&p->cols, "id");
                sqlite3_value *idv = NULL;
                if (idcol >= 0)
                    (op == SQLITE_INSERT ? sqlite3changeset_new : sqlite3changeset_old)(it, idcol,
                                                                                        &idv);
                long id = idv ? sqlite3_value_int64(idv) : 0;
                if (op == SQLITE_INSERT)
                    rc = p->apply ? do_insert(p, it, table, ncol) : KV_OK;
                else if (idcol < 0) /* client_doelgroepen: keyed by its values */
                    rc = p->apply ? delete_by_key(p, it, table, ncol) : KV_OK;
                else if (op == SQLITE_UPDATE)
                    rc = do_update(p, it, table, ncol, id);
                else
                    rc = do_delete(p, it, table, ncol, id);
            }
            /* Out of memory while reading: an error, never a pass that skipped changes. */
            if (rc == KV_OK && next != SQLITE_DONE)
                rc = nomem(p->err);
            sqlite3changeset_finalize(it);
        }
    return rc;
}

/* The pending changesets of the copy (after `after`), combined into their net effect. */
static int pending(struct db *copy, long after, void **set, int *n, long *last, long *count,
                   struct kv_error *err)
{
    sqlite3_changegroup *g;
    sqlite3_stmt *st;
    *set = NULL;
    *n = 0;
    *last = after;
    *count = 0;
    if (sqlite3changegroup_new(&g) != SQLITE_OK)
        return nomem(err);
    int rc = stmt_prepare(copy->sql, &st,
                          "SELECT seq, changeset FROM offline_changes WHERE "
                          "seq > ?1 ORDER BY seq",
                          "l", after);
    if (rc != SQLITE_OK) {
        sqlite3changegroup_delete(g);
        return db_fail(copy, rc, "offline changes", err);
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *last = sqlite3_column_int64(st, 0);
        (*count)++;
        if ((rc = sqlite3changegroup_add(g, sqlite3_column_bytes(st, 1),
                                         (void *)sqlite3_column_blob(st, 1))) != SQLITE_OK) {
            rc = rc == SQLITE_NOMEM ? rc : SQLITE_CORRUPT;
            break;
        }
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_NOMEM) {
        sqlite3changegroup_delete(g);
        return nomem(err);
    }
    if (rc != SQLITE_DONE) {
        sqlite3changegroup_delete(g);
        return kv_error_set(err, KV_EDAMAGED, "changesets unreadable",
                            "De wijzigingen in de "
                            "kopie zijn onleesbaar; er is niets ingecheckt.");
    }
    rc = sqlite3changegroup_output(g, n, set);
    sqlite3changegroup_delete(g);
    return rc == SQLITE_OK ? KV_OK : nomem(err);
}

struct copy_origin {
    char server_dbid[2 * KV_DBID_BYTES + 1];
    long checkout;
    char user[64];
};

static int origin(struct db *copy, struct copy_origin *o, struct kv_error *err)
{
    sqlite3_stmt *st;
    memset(o, 0, sizeof *o);
    int rc = copy->offline ? sqlite3_prepare_v2(copy->sql,
                                                "SELECT server_dbid, checkout_id, "
                                                "user FROM offline",
                                                -1, &st, NULL)
                           : SQLITE_NOTFOUND;
    if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        snprintf(o->server_dbid, sizeof o->server_dbid, "%s",
                 (const char *)sqlite3_column_text(st, 0));
        o->checkout = sqlite3_column_int64(st, 1);
        snprintf(o->user, sizeof o->user, "%s", (const char *)sqlite3_column_text(st, 2));
    }
    if (rc == SQLITE_OK)
        sqlite3_finalize(st);
    return o->checkout ? KV_OK
                       : kv_error_set(err, KV_EUSAGE, "not a copy",
                                      "%s is geen offline "
                                      "kopie.",
                                      copy->path);
}

/* Is this copy the one the server handed out, to this user, and may it come back? */
static int check_checkout(struct db *server, struct db *copy, const struct copy_origin *o,
                          char state[16], long *applied, long *audit_applied, struct kv_error *err)
{
    char mine[2 * KV_DBID_BYTES + 1], copy_id[2 * KV_DBID_BYTES + 1];
    dbid_hex(server, mine);
    dbid_hex(copy, copy_id);
    if (strcmp(o->server_dbid, mine) != 0)
        return kv_error_set(err, KV_EDAMAGED, "copy of another database",
                            "%s is een kopie van "
                            "een andere database; er is niets ingecheckt.",
                            copy->path);
    if (strcmp(o->user, server->user) != 0)
        return kv_error_set(err, KV_EAUTH, "another user's copy",
                            "%s is de kopie van '%s'; "
                            "alleen die gebruiker checkt haar in.",
                            copy->path, o->user);
    sqlite3_stmt *st;
    int rc = stmt_prepare(server->sql, &st,
                          "SELECT state, applied, copy_dbid, audit_applied "
                          "FROM checkouts WHERE id = ?1 AND user_id = ?2",
                          "ll", o->checkout, server->user_id);
    if (rc != SQLITE_OK)
        return db_fail(server, rc, "checkin", err);
    int found = sqlite3_step(st) == SQLITE_ROW, same = 0;
    if (found) {
        snprintf(state, 16, "%s", (const char *)sqlite3_column_text(st, 0));
        *applied = sqlite3_column_int64(st, 1);
        same = strcmp((const char *)sqlite3_column_text(st, 2), copy_id) == 0;
        *audit_applied = sqlite3_column_int64(st, 3);
    }
    sqlite3_finalize(st);
    if (!found || !same)
        return kv_error_set(err, KV_EDAMAGED, "unknown checkout",
                            "%s hoort niet bij een "
                            "uitcheck van deze database; er is niets ingecheckt.",
                            copy->path);
    if (strcmp(state, "ingetrokken") == 0)
        return kv_error_set(err, KV_EAUTH, "revoked",
                            "Uitcheck %ld is ingetrokken; de "
                            "wijzigingen in deze kopie worden geweigerd.",
                            o->checkout);
    return KV_OK;
}

static void pass_free(struct pass *p)
{
    for (size_t i = 0; i < p->nc; i++) {
        free((char *)p->c[i].table);
        free((char *)p->c[i].field);
        free((char *)p->c[i].base);
        free((char *)p->c[i].mine);
        free((char *)p->c[i].theirs);
    }
    free(p->c);
    free(p->map.v);
    table_columns_free(&p->cols);
}

/* A checked entry into the server's log, its detail made anew from the checked fields:
 * when it happened in the copy, and the copy's own detail as klantvolg writes it. */
static int carry_one(struct pass *p, const struct audit_carried *c)
{
    long to = mapped(&p->map, "clients", c->client);
    sqlite3_str *d = sqlite3_str_new(p->server->sql);
    sqlite3_str_appendall(d, "{\"offline_om\":");
    audit_json_text(d, c->at);
    if (strcmp(c->action, "bsn_inzien") == 0) {
        sqlite3_str_appendall(d, ",\"kopie\":{\"veld\":\"bsn\"}");
    } else if (strcmp(c->action, "export") == 0) {
        sqlite3_str_appendall(d, ",\"kopie\":{\"formaat\":");
        audit_json_text(d, c->format);
        sqlite3_str_appendchar(d, 1, '}');
    } else if (strcmp(c->action, "aanmelding_mislukt") == 0) {
        sqlite3_str_appendall(d, ",\"kopie\":{\"tijd\":");
        audit_json_text(d, c->at);
        sqlite3_str_appendall(d, ",\"reden\":");
        audit_json_text(d, c->reason);
        sqlite3_str_appendchar(d, 1, '}');
    }
    sqlite3_str_appendchar(d, 1, '}');
    char *detail = sqlite3_str_finish(d);
    const char *who = strcmp(c->action, "aanmelding_mislukt") == 0 ? c->user : p->server->user;
    int rc =
        detail ? audit_append_as(p->server, who, c->action, to ? to : c->client, "", detail, p->err)
               : nomem(p->err);
    sqlite3_free(detail);
    return rc;
}

/* What was looked at in the copy (opens, full BSNs shown, exports) and failed logins go
 * into the server's log too, with the time it happened there (for a failed login the
 * attempt's, and the name that was tried); changes need not, they arrive as changes.
 * Not a waarneming: its entry grants access on the server from the time it is logged
 * there, which would be the checkin's. The copy is its holder's to alter, so an entry
 * not in the form klantvolg writes is not carried but counted, as unreadable lines of
 * the failed-login file are (audit.c). *last: the copy's last entry taken. */
static int take_copy_log(struct pass *p, struct db *copy, long after, long *last)
{
    sqlite3_stmt *st;
    *last = after;
    int rc = stmt_prepare(
        copy->sql, &st,
        "SELECT id, CASE WHEN action <> 'aanmelding_mislukt' THEN at WHEN json_valid(detail) "
        "THEN json_extract(detail, '$.tijd') END, action, coalesce(client_id, 0), record, "
        "user, CASE WHEN json_valid(detail) THEN json_extract(detail, '$.reden') END, "
        "CASE WHEN json_valid(detail) THEN json_extract(detail, '$.formaat') END FROM audit "
        "WHERE id > ?1 AND action IN ('inzien', 'bsn_inzien', 'export', 'aanmelding_mislukt') "
        "ORDER BY id",
        "l", after);
    if (rc != SQLITE_OK)
        return db_fail(copy, rc, "copy log", p->err);
    rc = KV_OK;
    long skipped = 0;
    int step = SQLITE_DONE;
    while (rc == KV_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        *last = sqlite3_column_int64(st, 0);
        struct audit_carried c = {(const char *)sqlite3_column_text(st, 2),
                                  (const char *)sqlite3_column_text(st, 1),
                                  (const char *)sqlite3_column_text(st, 5),
                                  (const char *)sqlite3_column_text(st, 4),
                                  sqlite3_column_int64(st, 3),
                                  (const char *)sqlite3_column_text(st, 6),
                                  (const char *)sqlite3_column_text(st, 7)};
        if (audit_carried_valid(&c))
            rc = carry_one(p, &c);
        else
            skipped++;
    }
    if (rc == KV_OK && step != SQLITE_DONE)
        rc = db_fail(copy, step, "copy log", p->err);
    sqlite3_finalize(st);
    return rc == KV_OK ? audit_append_skipped(p->server, skipped, "offline kopie", p->err) : rc;
}

/* The checkout done: state, how far, and the log entry (in the applying transaction). */
static int close_checkout(struct db *server, long id, long last, long audit_last, const char *now,
                          const struct checkin_result *res, struct kv_error *err)
{
    int rc = ran(server,
                 stmt_run(server->sql,
                          "UPDATE checkouts SET state = 'ingecheckt', "
                          "applied = ?1, audit_applied = ?2, done_at = coalesce(done_at, "
                          "?3) WHERE id = ?4",
                          "lltl", last, audit_last, now, id),
                 "checkin", err);
    char detail[160];
    snprintf(detail, sizeof detail,
             "{\"checkout\":%ld,\"transacties\":%ld,\"gewijzigd\":%ld,"
             "\"nieuw\":%ld,\"conflicten\":%ld}",
             id, res->changesets, res->applied, res->inserted, res->conflicts);
    return rc == KV_OK ? audit_append(server, "checkin", 0, "", detail, err) : rc;
}

int offline_checkin(struct db *server, struct db *copy, conflict_resolver resolve, void *ctx,
                    const char *now, struct checkin_result *res, struct kv_error *err)
{
    struct copy_origin o;
    struct check_report r;
    char state[16] = "";
    long applied = 0, audit_applied = 0, audit_last = 0, last;
    memset(res, 0, sizeof *res);
    int rc = maint_check(copy, &r, err);
    if (rc == KV_OK && !maint_sound(&r))
        rc = kv_error_set(err, KV_EDAMAGED, "damaged copy",
                          "%s is beschadigd%s; er is niets "
                          "ingecheckt.",
                          copy->path, r.first_bad ? " (pagina's niet echt)" : "");
    if (rc == KV_OK && (rc = origin(copy, &o, err)) == KV_OK)
        rc = check_checkout(server, copy, &o, state, &applied, &audit_applied, err);
    void *set = NULL;
    int n = 0;
    if (rc == KV_OK)
        rc = pending(copy, applied, &set, &n, &last, &res->changesets, err);
    /* Judged before anything is applied or asked, against the server as it is now: a copy
     * whose changes the user could not have made on the server is refused whole, the
     * first refused change named (ids as the copy has them). The commit judges again,
     * on the server's ids. */
    if (rc == KV_OK && n > 0 &&
        (rc = writecheck_changeset(server, set, n, NULL, err)) == KV_EAUTH) {
        char msg[sizeof err->msg];
        snprintf(msg, sizeof msg, "%s", err->msg);
        snprintf(err->msg, sizeof err->msg, "%.480s; er is niets ingecheckt.", msg);
    }
    /* The rules every writer obeys, on the copy's rows as the copy holds them: a contact
     * dated after today is refused before anything is asked, as a form refuses it. (The
     * commit checks the server's rows again.) */
    if (rc == KV_OK && n > 0 &&
        (rc = rowrules_changeset(copy, set, n, rowrules_today(now), err)) == KV_EUSAGE) {
        char msg[sizeof err->msg];
        snprintf(msg, sizeof msg, "%s", err->msg);
        snprintf(err->msg, sizeof err->msg, "%.480s; er is niets ingecheckt.", msg);
        rc = err->status = KV_ERR; /* the copy's content is refused, not the command */
    }
    if (rc != KV_OK) {
        sqlite3_free(set);
        return rc;
    }
    struct pass p;
    memset(&p, 0, sizeof p);
    p.server = server;
    p.res = res;
    p.err = err;
    /* First pass, without holding the write lock: the conflicts, each put to the user. */
    rc = walk(&p, set, n);
    res->conflicts = (long)p.nc;
    int stop = 0;
    for (size_t i = 0; rc == KV_OK && i < p.nc; i++) {
        if (!stop && resolve)
            stop = resolve(&p.c[i], ctx);
        if (p.c[i].choice == RES_NONE || (p.c[i].choice == RES_MERGE && !p.c[i].is_text))
            res->unresolved++;
    }
    if (rc == KV_OK && res->unresolved)
        rc =
            kv_error_set(err, KV_ECONFLICT, "unresolved conflicts",
                         "%ld %s niet beslist; er is "
                         "niets ingecheckt.",
                         res->unresolved, res->unresolved == 1 ? "conflict is" : "conflicten zijn");
    /* Second pass: everything in one transaction, as this user, into the log. */
    if (rc == KV_OK && (rc = db_begin(server, err)) == KV_OK) {
        p.apply = 1;
        res->applied = res->inserted = 0;
        rc = walk(&p, set, n);
        if (rc == KV_OK)
            rc = take_copy_log(&p, copy, audit_applied, &audit_last);
        if (rc == KV_OK &&
            (res->changesets > 0 || strcmp(state, "uit") == 0 || audit_last > audit_applied))
            rc = close_checkout(server, o.checkout, last, audit_last, now, res, err);
        rc = rc == KV_OK ? db_commit(server, err) : (db_rollback(server), rc);
    }
    res->already = rc == KV_OK && res->changesets == 0 && strcmp(state, "ingecheckt") == 0;
    pass_free(&p);
    sqlite3_free(set);
    if (rc == KV_OK && res->changesets > 0) {
        /* The copy learns what has been checked in (it may be a copy of the laptop's
         * file; the server's record is what counts). */
        struct kv_error ignored;
        if (db_begin_untracked(copy, &ignored) == KV_OK) {
            if (ran(copy, stmt_run(copy->sql, "UPDATE offline SET checked_in = ?1", "l", last),
                    "checkin", &ignored) == KV_OK)
                db_commit(copy, &ignored);
            else
                db_rollback(copy);
        }
    }
    return rc;
}
