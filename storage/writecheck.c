#include "storage/writecheck.h"
#include "storage/stmt.h"

#include "storage/access.h"
#include "storage/tables.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What a beheerder keeps. */
static const char *const admin_tables[] = {"users", "catalogue", "instrument_catalogue", "config"};

enum kind { KIND_CASE, KIND_ASSIGNMENT, KIND_ADMIN, KIND_OTHER };

static int listed(const char *table, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], table) == 0)
            return 1;
    return 0;
}

static enum kind kind_of(const char *table)
{
    if (strcmp(table, TABLE_ASSIGNMENTS) == 0)
        return KIND_ASSIGNMENT;
    if (listed(table, table_case_order, table_case_count)) /* a client's file (tables.h) */
        return KIND_CASE;
    if (listed(table, admin_tables, sizeof admin_tables / sizeof admin_tables[0]))
        return KIND_ADMIN;
    return KIND_OTHER;
}

/* A row the changeset inserts, for the rows that refer to it. */
struct fresh {
    char table[32];
    long id, client;
};

#define SIDE_MAX 16

/* The clients one side of a row concerns. before: the old side, whose clients are
 * clients as they were, never ones the changeset registers (in a copy's changeset those
 * may carry the same numbers as other people's clients on the server). */
struct side {
    long client[SIDE_MAX];
    int n, before;
};

struct judge {
    struct db *db;
    struct fresh *fresh;
    size_t nfresh, cap;
    struct table_columns cols;
    struct kv_error *err;
    char label[160]; /* the change being judged: "contacts#12 verwijderen" */
};

static int refuse(struct judge *j, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int refuse(struct judge *j, const char *fmt, ...)
{
    char why[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    if (why[0] >= 'a' && why[0] <= 'z')
        why[0] = (char)(why[0] - 'a' + 'A');
    return kv_error_set(j->err, KV_EAUTH, "write check refused a change", "%s (geweigerd: %s)", why,
                        j->label);
}

static const char *who(const struct db *db)
{
    return role_label(db->role, "gebruiker zonder rol");
}

static sqlite3_value *new_value(sqlite3_changeset_iter *it, int i)
{
    sqlite3_value *v = NULL;
    return sqlite3changeset_new(it, i, &v) == SQLITE_OK ? v : NULL;
}

static sqlite3_value *old_value(sqlite3_changeset_iter *it, int i)
{
    sqlite3_value *v = NULL;
    return sqlite3changeset_old(it, i, &v) == SQLITE_OK ? v : NULL;
}

static int is_int(sqlite3_value *v)
{
    return v != NULL && sqlite3_value_type(v) == SQLITE_INTEGER;
}

/* The record's name as the log writes it: table#key. */
static void set_label(struct judge *j, sqlite3_changeset_iter *it, const char *table, int ncol,
                      int op)
{
    unsigned char *pk;
    int npk, at;
    sqlite3changeset_pk(it, &pk, &npk);
    at = snprintf(j->label, sizeof j->label, "%s", table);
    for (int i = 0, first = 1; i < ncol && at < (int)sizeof j->label; i++) {
        if (!pk[i])
            continue;
        sqlite3_value *v = op == SQLITE_INSERT ? new_value(it, i) : old_value(it, i);
        const char *t = v ? (const char *)sqlite3_value_text(v) : NULL;
        at += snprintf(j->label + at, sizeof j->label - (size_t)at, "%c%.40s", first ? '#' : ',',
                       t ? t : "");
        first = 0;
    }
    if (at < (int)sizeof j->label)
        snprintf(j->label + at, sizeof j->label - (size_t)at, " %s",
                 op == SQLITE_INSERT   ? "toevoegen"
                 : op == SQLITE_DELETE ? "verwijderen"
                                       : "wijzigen");
}

/* ---- what the changeset inserts -------------------------------------------------------- */

static int fresh_add(struct judge *j, const char *table, long id, long client)
{
    if (j->nfresh == j->cap) {
        struct fresh *v = realloc(j->fresh, (j->cap = j->cap ? 2 * j->cap : 32) * sizeof *v);
        if (v == NULL)
            return kv_error_nomem(j->err);
        j->fresh = v;
    }
    struct fresh *f = &j->fresh[j->nfresh++];
    snprintf(f->table, sizeof f->table, "%s", table);
    f->id = id;
    f->client = client;
    return KV_OK;
}

static const struct fresh *fresh_find(const struct judge *j, const char *table, long id)
{
    for (size_t i = 0; i < j->nfresh; i++)
        if (j->fresh[i].id == id && strcmp(j->fresh[i].table, table) == 0)
            return &j->fresh[i];
    return NULL;
}

/* Inserted case records with an id: clients (their own client) and the rest with their
 * client_id. */
static int collect_fresh(struct judge *j, const void *set, int n)
{
    sqlite3_changeset_iter *it;
    if (sqlite3changeset_start(&it, n, (void *)set) != SQLITE_OK)
        return kv_error_set(j->err, KV_EDAMAGED, "changeset unreadable",
                            "De wijzigingen zijn "
                            "onleesbaar");
    int rc = KV_OK, step = SQLITE_DONE;
    while (rc == KV_OK && (step = sqlite3changeset_next(it)) == SQLITE_ROW) {
        const char *table;
        int ncol, op, indirect;
        sqlite3changeset_op(it, &table, &ncol, &op, &indirect);
        if (op != SQLITE_INSERT || kind_of(table) == KIND_OTHER || kind_of(table) == KIND_ADMIN)
            continue;
        if ((rc = table_columns_load(j->db, table, ncol, &j->cols, j->err)) != KV_OK)
            break;
        int idcol = table_column_index(&j->cols, "id");
        int ccol = table_column_index(&j->cols, "client_id");
        sqlite3_value *id = idcol >= 0 ? new_value(it, idcol) : NULL;
        sqlite3_value *client = ccol >= 0 ? new_value(it, ccol) : NULL;
        if (!is_int(id))
            continue;
        if (strcmp(table, "clients") == 0)
            rc = fresh_add(j, table, sqlite3_value_int64(id), sqlite3_value_int64(id));
        else if (is_int(client))
            rc = fresh_add(j, table, sqlite3_value_int64(id), sqlite3_value_int64(client));
    }
    sqlite3changeset_finalize(it);
    if (rc == KV_OK && step != SQLITE_DONE) /* read to its end, or not judged at all */
        rc = step == SQLITE_NOMEM ? kv_error_nomem(j->err)
                                  : kv_error_set(j->err, KV_EDAMAGED, "changeset unreadable",
                                                 "De wijzigingen zijn onleesbaar");
    return rc;
}

static int fresh_client(const struct judge *j, long client)
{
    return fresh_find(j, "clients", client) != NULL;
}

/* ---- the state before ------------------------------------------------------------------ */

/* The client of record id in table (clients, or a table with client_id): for a reference
 * in what the changeset writes, one it inserts if there is one (a copy numbers its new
 * records itself), else the record as it was; for the old side of a change (before), only
 * the record as it was. 0: no such record. */
static int resolve(struct judge *j, const char *table, long id, int before, long *client)
{
    const struct fresh *f = before ? NULL : fresh_find(j, table, id);
    *client = 0;
    if (f != NULL || strcmp(table, "clients") == 0) {
        *client = f ? f->client : id;
        return KV_OK;
    }
    char *sql = sqlite3_mprintf("SELECT client_id FROM \"%w\" WHERE id = ?1", table);
    sqlite3_stmt *st;
    int rc = sql ? sqlite3_prepare_v2(j->db->sql, sql, -1, &st, NULL) : SQLITE_NOMEM;
    sqlite3_free(sql);
    if (rc != SQLITE_OK)
        return db_fail(j->db, rc, "write check", j->err);
    if ((rc = stmt_bind(st, "l", id)) == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
        *client = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? KV_OK
                                                 : db_fail(j->db, rc, "write check", j->err);
}

/* The row as it was, for an update or a deletion (NULL in *st when there was none). */
static int row_before(struct judge *j, const char *table, long id, sqlite3_stmt **st)
{
    char *sql = sqlite3_mprintf("SELECT * FROM \"%w\" WHERE id = ?1", table);
    int rc = sql ? sqlite3_prepare_v2(j->db->sql, sql, -1, st, NULL) : SQLITE_NOMEM;
    sqlite3_free(sql);
    if (rc != SQLITE_OK)
        return db_fail(j->db, rc, "write check", j->err);
    if ((rc = stmt_bind(*st, "l", id)) == SQLITE_OK && (rc = sqlite3_step(*st)) == SQLITE_ROW)
        return KV_OK;
    sqlite3_finalize(*st);
    *st = NULL;
    return rc == SQLITE_DONE ? KV_OK : db_fail(j->db, rc, "write check", j->err);
}

/* Add to s the clients that the values v (NULL: not on this side) refer to: a client's
 * own id, client_id, and the client of every other case record named. before: v are the
 * old side of the change, so the records they name existed before it. */
static int side_add(struct judge *j, const char *table, sqlite3_value *const *v, int before,
                    struct side *s)
{
    for (int i = 0; i < j->cols.n; i++) {
        const char *col = j->cols.name[i];
        const char *ref = strcmp(table, "clients") == 0 && strcmp(col, "id") == 0
                              ? "clients"
                              : table_reference(col);
        if (ref == NULL || !is_int(v[i]))
            continue;
        long client, id = sqlite3_value_int64(v[i]);
        int rc = resolve(j, ref, id, before, &client);
        if (rc != KV_OK)
            return rc;
        if (client == 0)
            return refuse(j, "het verwijst naar %s %ld, dat niet bestaat", ref, id);
        int known = 0;
        for (int k = 0; k < s->n && !known; k++)
            known = s->client[k] == client;
        if (known)
            continue;
        /* No table has that many references; were one added, its rows are refused rather
         * than judged by their first clients alone. */
        if (s->n == SIDE_MAX)
            return refuse(j, "het verwijst naar meer dan %d klanten", SIDE_MAX);
        s->client[s->n++] = client;
    }
    return KV_OK;
}

/* ---- the rules ------------------------------------------------------------------------- */

/* May a casework role write this client's records: one in reach, or (fresh) one the
 * changeset registers. */
static int client_writable(struct judge *j, long client, int fresh)
{
    if (fresh && fresh_client(j, client))
        return KV_OK;
    struct kv_error why;
    int rc = access_client(j->db, client, &why);
    if (rc == KV_EAUTH)
        return refuse(j, "klant %ld hoort niet bij uw klanten", client);
    if (rc == KV_ERR && strcmp(why.detail, "no such client") == 0)
        return refuse(j, "klant %ld bestaat niet", client);
    if (rc != KV_OK)
        *j->err = why;
    return rc;
}

static int side_writable(struct judge *j, const struct side *s)
{
    int rc = KV_OK;
    for (int i = 0; i < s->n && rc == KV_OK; i++)
        rc = client_writable(j, s->client[i], !s->before);
    return rc;
}

static int assign_allowed(struct judge *j, long client, long to)
{
    struct kv_error why;
    int rc = access_may_assign(j->db, client, to, &why);
    if (rc == KV_OK)
        return KV_OK;
    if (rc == KV_EAUTH || rc == KV_EUSAGE || rc == KV_ERR) {
        /* the rule's own sentence, without its full stop */
        size_t len = strlen(why.msg);
        if (len > 0 && why.msg[len - 1] == '.')
            why.msg[len - 1] = '\0';
        return refuse(j, "%s", why.msg);
    }
    *j->err = why;
    return rc;
}

/* A casework role's one change to an existing assignment: the date the client was told
 * of the handover (assignments_informed), on their own open assignment, and nothing else. */
static int informed_only(struct judge *j, sqlite3_value *const *before, sqlite3_value *const *after,
                         int ucol)
{
    int tcol = table_column_index(&j->cols, "to_date");
    int icol = table_column_index(&j->cols, "client_informed_on");
    if (tcol < 0 || icol < 0 || !is_int(before[ucol]) ||
        sqlite3_value_int64(before[ucol]) != j->db->user_id ||
        sqlite3_value_type(before[tcol]) != SQLITE_NULL)
        return refuse(j,
                      "een %s legt alleen bij de eigen, lopende toewijzing vast wanneer de "
                      "klant is ingelicht",
                      who(j->db));
    for (int i = 0; i < j->cols.n; i++)
        if (after[i] != NULL && i != icol && !table_bookkeeping(j->cols.name[i]))
            return refuse(j,
                          "een %s wijzigt aan een toewijzing alleen de datum waarop de klant "
                          "is ingelicht",
                          who(j->db));
    return KV_OK;
}

/* An assignment: by a casework role only for a client the changeset registers, to
 * themselves, or the informed date on their own (informed_only); by a team-wide role
 * within access_may_assign, for the old and the new client and the new klantmanager. */
static int judge_assignment(struct judge *j, int op, sqlite3_value *const *before,
                            sqlite3_value *const *after, const struct side *old,
                            const struct side *new)
{
    int ccol = table_column_index(&j->cols, "client_id");
    int ucol = table_column_index(&j->cols, "user_id");
    if (ccol < 0 || ucol < 0)
        return refuse(j, "onbekende vorm van een toewijzing");
    sqlite3_value *client = after[ccol] ? after[ccol] : before[ccol];
    sqlite3_value *user = after[ucol] ? after[ucol] : before[ucol];
    if (op == SQLITE_DELETE)
        return refuse(j, "toewijzingen worden afgesloten, niet verwijderd");
    if (access_casework(j->db)) {
        if (op == SQLITE_UPDATE)
            return informed_only(j, before, after, ucol);
        if (op != SQLITE_INSERT || !is_int(client) || !fresh_client(j, sqlite3_value_int64(client)))
            return refuse(j,
                          "een %s wijst alleen een klant toe die in dezelfde wijziging is "
                          "aangemeld, en dan aan zichzelf",
                          who(j->db));
        if (!is_int(user) || sqlite3_value_int64(user) != j->db->user_id)
            return refuse(j, "een %s wijst een nieuwe klant alleen aan zichzelf toe", who(j->db));
        return KV_OK;
    }
    int rc = KV_OK;
    for (int i = 0; i < old->n && rc == KV_OK; i++)
        rc = assign_allowed(j, old->client[i], 0);
    long to = (op == SQLITE_INSERT || after[ucol] || after[ccol]) && is_int(user)
                  ? sqlite3_value_int64(user)
                  : 0;
    for (int i = 0; i < new->n &&rc == KV_OK; i++)
        rc = assign_allowed(j, new->client[i], to);
    if (rc == KV_OK && (op == SQLITE_INSERT || after[ucol]) && !is_int(user))
        rc = refuse(j, "een toewijzing zonder klantmanager");
    return rc;
}

/* The role's part: which kinds of records and which operations. A client's doelgroep is
 * a property kept as a row: taking one off corrects the record (client edit
 * --doelgroepen, the K form) and deletes nothing of the dossier's history. */
static int role_allows(struct judge *j, enum kind k, int op, const char *table)
{
    struct db *db = j->db;
    if (access_casework(db)) {
        if (k == KIND_CASE && op == SQLITE_DELETE && strcmp(table, "client_doelgroepen") != 0)
            return refuse(j, "een %s verwijdert geen records uit een dossier", who(db));
        if (k == KIND_CASE || (k == KIND_ASSIGNMENT && op != SQLITE_DELETE))
            return KV_OK; /* which assignment changes: judge_assignment */
        if (k == KIND_ASSIGNMENT)
            return refuse(j, "een %s wijzigt geen toewijzingen; dat doet de teamleider", who(db));
        return refuse(j,
                      "een %s wijzigt geen gebruikers, catalogus, instellingen of "
                      "auditlog",
                      who(db));
    }
    if (access_sees_all(db)) {
        if (k == KIND_ASSIGNMENT)
            return KV_OK;
        return refuse(j, "een %s leest mee maar wijzigt geen dossier", who(db));
    }
    if (role_administers(db->role) && k == KIND_ADMIN)
        return KV_OK;
    if (role_administers(db->role))
        return refuse(j, "een beheerder ziet en wijzigt geen klantdossiers en wijst geen "
                         "klanten toe");
    return refuse(j, "een %s wijzigt niets", who(db));
}

/* One change: the role's part, then every client on each side. *primary: the client the
 * change concerns, for the log. */
static int judge_change(struct judge *j, sqlite3_changeset_iter *it, long *primary)
{
    const char *table;
    int ncol, op, indirect;
    sqlite3changeset_op(it, &table, &ncol, &op, &indirect);
    set_label(j, it, table, ncol, op);
    *primary = 0;
    enum kind k = kind_of(table);
    int rc = role_allows(j, k, op, table);
    if (rc != KV_OK || k == KIND_ADMIN)
        return rc;
    if ((rc = table_columns_load(j->db, table, ncol, &j->cols, j->err)) != KV_OK)
        return rc;
    sqlite3_value **before = calloc((size_t)ncol, sizeof *before);
    sqlite3_value **after = calloc((size_t)ncol, sizeof *after);
    sqlite3_value **claimed = calloc((size_t)ncol, sizeof *claimed);
    if (before == NULL || after == NULL || claimed == NULL) {
        free(before);
        free(after);
        free(claimed);
        return kv_error_nomem(j->err);
    }
    struct side old = {{0}, 0, 1}, new = {{0}, 0, 0};
    sqlite3_stmt *row = NULL;
    int idcol = table_column_index(&j->cols, "id");
    for (int i = 0; i < ncol; i++) {
        if (op != SQLITE_DELETE)
            after[i] = new_value(it, i);
        if (op != SQLITE_INSERT)
            claimed[i] = old_value(it, i);
    }
    if (op != SQLITE_INSERT && idcol >= 0 && is_int(claimed[idcol]))
        rc = row_before(j, table, sqlite3_value_int64(claimed[idcol]), &row);
    /* The old side: the row as it was; what the changeset says it was counts as well. (A
     * copy's update of a row the server no longer has is a conflict the checkin reports;
     * at a commit the row is always there.) */
    for (int i = 0; row != NULL && i < ncol; i++)
        before[i] = sqlite3_column_value(row, i);
    if (rc == KV_OK && op != SQLITE_INSERT && row != NULL)
        rc = side_add(j, table, before, 1, &old);
    if (rc == KV_OK && op != SQLITE_INSERT)
        rc = side_add(j, table, claimed, 1, &old);
    if (row == NULL)
        memcpy(before, claimed, (size_t)ncol * sizeof *before);
    if (rc == KV_OK && op != SQLITE_DELETE)
        rc = side_add(j, table, after, 0, &new);
    if (rc == KV_OK && k == KIND_ASSIGNMENT)
        rc = judge_assignment(j, op, before, after, &old, &new);
    else if (rc == KV_OK) {
        if (op == SQLITE_INSERT && strcmp(table, "clients") == 0) {
            struct kv_error why;
            if (access_may_add_client(j->db, &why) != KV_OK)
                rc = refuse(j, "een %s legt geen nieuwe klanten vast", who(j->db));
        }
        if (rc == KV_OK)
            rc = side_writable(j, &old);
        if (rc == KV_OK)
            rc = side_writable(j, &new);
    }
    if (rc == KV_OK)
        *primary = new.n ? new.client[0] : old.n ? old.client[0] : 0;
    sqlite3_finalize(row);
    free(before);
    free(after);
    free(claimed);
    return rc;
}

int writecheck_inserts_case_records_only(const void *set, int n)
{
    sqlite3_changeset_iter *it;
    if (sqlite3changeset_start(&it, n, (void *)set) != SQLITE_OK)
        return 0;
    int only = 1, step;
    while (only && (step = sqlite3changeset_next(it)) == SQLITE_ROW) {
        const char *table;
        int ncol, op, indirect;
        only = sqlite3changeset_op(it, &table, &ncol, &op, &indirect) == SQLITE_OK &&
               op == SQLITE_INSERT && kind_of(table) == KIND_CASE && strcmp(table, "clients") != 0;
    }
    if (only && step != SQLITE_DONE)
        only = 0;
    sqlite3changeset_finalize(it);
    return only;
}

int writecheck_changeset(struct db *db, const void *set, int n, long **clients,
                         struct kv_error *err)
{
    struct judge j;
    memset(&j, 0, sizeof j);
    j.db = db;
    j.err = err;
    long *out = NULL;
    size_t nout = 0, cap = 0;
    int rc = collect_fresh(&j, set, n);
    sqlite3_changeset_iter *it = NULL;
    if (rc == KV_OK && sqlite3changeset_start(&it, n, (void *)set) != SQLITE_OK)
        rc = kv_error_set(err, KV_EDAMAGED, "changeset unreadable",
                          "De wijzigingen zijn "
                          "onleesbaar");
    int step = SQLITE_DONE;
    while (rc == KV_OK && (step = sqlite3changeset_next(it)) == SQLITE_ROW) {
        long client;
        if ((rc = judge_change(&j, it, &client)) != KV_OK)
            break;
        if (nout == cap) {
            long *v = realloc(out, (cap = cap ? 2 * cap : 64) * sizeof *v);
            if (v == NULL) {
                rc = kv_error_nomem(err);
                break;
            }
            out = v;
        }
        out[nout++] = client;
    }
    /* A changeset that could not be read to its end (out of memory) is not judged: never
     * let the changes not seen pass. */
    if (rc == KV_OK && step != SQLITE_DONE)
        rc = step == SQLITE_NOMEM ? kv_error_nomem(err)
                                  : kv_error_set(err, KV_EDAMAGED, "changeset unreadable",
                                                 "De wijzigingen zijn onleesbaar");
    if (it != NULL)
        sqlite3changeset_finalize(it);
    table_columns_free(&j.cols);
    free(j.fresh);
    if (rc == KV_OK && clients != NULL)
        *clients = out;
    else
        free(out);
    return rc;
}
