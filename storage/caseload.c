#include "storage/caseload.h"
#include "storage/users.h"

#include "storage/access.h"
#include "storage/arena.h"
#include "storage/assignments.h"
#include "storage/cftable.h"
#include "storage/contacts.h"
#include "storage/instruments.h"
#include "storage/intakes.h"
#include "storage/nazorg.h"
#include "storage/outflows.h"
#include "storage/plans.h"
#include "storage/clients.h"
#include "storage/stmt.h"
#include "storage/stmtcache.h"

#include "core/bsn.h"
#include "core/date.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- loading ------------------------------------------------------------------------ */

/* The selected clients, as a CTE every query starts with. */
#define SEL_MINE "WITH sel(id) AS (" ACCESS_OWN_SQL("?1") ") "
#define SEL_ALL                                                                                    \
    "WITH sel(id) AS (SELECT c.id FROM clients c WHERE " ACCESS_IN_TEAM_SQL("c.id", "?1") ") "
/* One client (?2), after access_client allowed it. */
#define SEL_ONE "WITH sel(id) AS (SELECT id FROM clients WHERE id = ?2 AND ?1 IS NOT NULL) "
/* The clients whose summary is stale (figures_summary.h), for the refresh and the reader. */
#define SEL_DIRTY "WITH sel(id) AS (SELECT client_id FROM figures_dirty WHERE ?1 IS NOT NULL) "

/* Which clients a load reads: the scope, or one client when client is not 0. */
struct selection {
    enum caseload_scope scope;
    long client;
    int each;    /* the loaded clients one by one (load_table) */
    int whole;   /* every client: whole tables, no selection (load_table) */
    int figures; /* only what the caseload figures read (caseload_load_figures) */
    int dirty;   /* the clients in figures_dirty (SEL_DIRTY), scope apart */
    int inside;  /* for the summary's refresh: no access rule */
};

static void fill_request(void *r, sqlite3_stmt *st, struct arena **a)
{
    *(struct cf_request *)r = (struct cf_request){cftable_long(st, 1), cftable_day(st, 2),
                                                  sqlite3_column_int(st, 3), arena_text(a, st, 4)};
}
static void fill_manual(void *r, sqlite3_stmt *st, struct arena **a)
{
    *(struct cf_manual *)r = (struct cf_manual){cftable_long(st, 1), cftable_day(st, 2),
                                                sqlite3_column_int(st, 3), arena_text(a, st, 4)};
}
static void fill_ack(void *r, sqlite3_stmt *st, struct arena **a)
{
    (void)a;
    *(struct cf_ack *)r = (struct cf_ack){
        signal_kind_parse((const char *)sqlite3_column_text(st, 1)), cftable_long(st, 2),
        cftable_day(st, 3), sqlite3_column_int(st, 4), cftable_day(st, 5)};
}

/* The records written by records.c; each other record's module has its own tables. */
static const struct cftable own_tables[] = {
    CFTABLE("SELECT client_id, id, date, answered_on IS NOT NULL, what FROM requests "
            "WHERE client_id IN sel ORDER BY client_id, id",
            cf_request, requests, fill_request),
    CFTABLE("SELECT client_id, id, due, done_on IS NOT NULL, text FROM reminders "
            "WHERE client_id IN sel ORDER BY client_id, id",
            cf_manual, manual, fill_manual),
    CFTABLE("SELECT client_id, kind, ref, due, done, snoozed_until FROM signal_acks "
            "WHERE client_id IN sel ORDER BY client_id, id",
            cf_ack, acks, fill_ack),
    {NULL, 0, 0, 0, NULL},
};

static const struct cftable *const tables[] = {
    intakes_caseload,  plans_caseload,  instruments_caseload, contacts_caseload,
    outflows_caseload, nazorg_caseload, own_tables,           assignments_caseload,
};

/* For the figures: open requests and reminders only, and only the acknowledgements that
 * can take a signal off (done, or snoozed: signals.c's acted_on). */
static const struct cftable own_figures[] = {
    CFTABLE("SELECT client_id, id, date, 0, NULL FROM requests "
            "WHERE client_id IN sel AND answered_on IS NULL ORDER BY client_id, date",
            cf_request, requests, fill_request),
    CFTABLE("SELECT client_id, id, due, 0, NULL FROM reminders "
            "WHERE client_id IN sel AND done_on IS NULL ORDER BY client_id, due",
            cf_manual, manual, fill_manual),
    CFTABLE("SELECT client_id, kind, ref, due, done, snoozed_until FROM signal_acks "
            "WHERE client_id IN sel AND (done <> 0 OR snoozed_until IS NOT NULL) "
            "ORDER BY client_id, id",
            cf_ack, acks, fill_ack),
    {NULL, 0, 0, 0, NULL},
};

/* What signals_compute and metrics_caseload read of a case file and no more; the
 * equivalence with the full load is tests/unit/test_figures.c's. */
static const struct cftable *const figure_tables[] = {
    intakes_figures,   plans_figures,   instruments_figures, contacts_figures,
    outflows_caseload, nazorg_caseload, own_figures,         assignments_caseload,
};

/* The table's query with its selection replaced by cond: "IN sel" made SQLite build the
 * selection afresh for every client, and for a scope of every client it is a lookup
 * per row that selects nothing away. NULL when out of memory (or sql has no " IN sel"). */
static char *without_sel(const char *sql, const char *cond)
{
    const char *in = strstr(sql, " IN sel"); /* client_id, or the clients' own c.id */
    if (in == NULL)
        return NULL;
    return sqlite3_mprintf("%.*s %s%s", (int)(in - sql), sql, cond, in + strlen(" IN sel"));
}

static int prepare(struct db *db, const struct selection *sel, const char *sql, sqlite3_stmt **st,
                   struct kv_error *err)
{
    char *full = sel->each    ? without_sel(sql, "= ?2")
                 : sel->whole ? without_sel(sql, "IS NOT NULL")
                              : sqlite3_mprintf("%s%s",
                                                sel->client                ? SEL_ONE
                                                : sel->dirty               ? SEL_DIRTY
                                                : sel->scope == SCOPE_MINE ? SEL_MINE
                                                                           : SEL_ALL,
                                                sql);
    if (full == NULL)
        return kv_error_nomem(err);
    /* The whole-table form has no parameters left to bind. */
    const char *types = sel->whole ? "" : sel->client ? "ll" : "l";
    /* Kept on the connection: the summary's refresh runs these at every save. */
    int rc = stmtcache_take(&db->stmts, db->sql, full, st);
    sqlite3_free(full);
    if (rc == SQLITE_OK && (rc = stmt_bind(*st, types, db->user_id, sel->client)) != SQLITE_OK) {
        stmtcache_release(db->stmts, *st);
        *st = NULL;
    }
    return rc == SQLITE_OK ? KV_OK : db_fail(db, rc, "caseload", err);
}

static long find_client(const struct caseload *c, long id)
{
    size_t i = caseload_find(c, id);
    return i < c->n ? (long)i : -1;
}

/* The clients' row; the figures leave out the trede and werkfit (NULL), which they do not
 * read, and keep the doelgroepen, which the werkvoorraad's filter reads. */
#define LATEST(axis)                                                                               \
    "(SELECT code FROM classifications WHERE client_id = c.id AND axis = '" axis "' "              \
    "ORDER BY date DESC, id DESC LIMIT 1)"
#define DOELGROEPEN                                                                                \
    "(SELECT group_concat(code, ',') FROM client_doelgroepen d WHERE d.client_id = c.id)"
/* The open klantmanager assignment (its user's name, its id, from and informed dates,
 * whether another klantmanager had the client before) as the full load reads it, per
 * client; the figures find it in one pass over the assignments instead (load_km). */
#define KM_NAME "(SELECT name FROM users WHERE id = k.user_id)"
#define KM_COLS                                                                                    \
    "k.id, k.from_date, k.client_informed_on, EXISTS (SELECT 1 FROM assignments p WHERE "          \
    "p.client_id = c.id AND p.role_in_case = 'klantmanager' AND p.to_date IS NOT NULL AND "        \
    "p.user_id <> k.user_id)"
#define KM_JOIN                                                                                    \
    "LEFT JOIN assignments k ON k.id = (SELECT id FROM assignments WHERE client_id = c.id AND "    \
    "to_date IS NULL AND role_in_case = 'klantmanager' ORDER BY from_date DESC, id DESC LIMIT 1) "
#define CLIENTS_SQL(name, doelgroepen, status, trede, werkfit, km, join)                           \
    "SELECT c.id, c.first_name || ' ' || c.last_name, c.bsn, 0, c.applied_on, c.benefit_start, "   \
    "c.contact_verified_on, c.vrijstelling_until, c.arbeidsverplichting, " LATEST(                 \
        "indeling") ", " name ", " doelgroepen ", " status ", " trede ", " werkfit ", " km         \
                    " FROM clients c " join "WHERE c.id IN sel ORDER BY c.id"
/* The figures' status facts from the client's row: the rest (the latest intake and
 * outflow) come from load_status, in client order instead of per client; the view
 * client_status_facts defines them all. */
#define FIGURES_STATUS "c.closed_on, c.status = 'actief', NULL, NULL, 0, NULL, NULL, NULL"

/* facts: for the figures, each client's status facts from its row (malloc'ed, c->n), for
 * load_status to complete; NULL for the full load, whose query has them all. */
static int load_clients(struct db *db, const struct selection *scope, struct caseload *c,
                        struct status_facts **facts, struct kv_error *err)
{
    sqlite3_stmt *st;
    int rc = prepare(db, scope,
                     scope->figures
                         ? CLIENTS_SQL("NULL", DOELGROEPEN, FIGURES_STATUS, "NULL", "NULL",
                                       "NULL, NULL, NULL, NULL", "")
                         : CLIENTS_SQL(KM_NAME, DOELGROEPEN, CLIENTS_STATUS_COLS, LATEST("trede"),
                                       LATEST("werkfit"), KM_COLS, CLIENTS_STATUS_JOIN KM_JOIN),
                     &st, err);
    if (rc != KV_OK)
        return rc;
    size_t cap = 0;
    long today = db->today;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (c->n == cap) {
            cap = cap ? 2 * cap : 256;
            struct case_file *f = realloc(c->files, cap * sizeof *f);
            struct client_summary *s = f ? realloc(c->clients, cap * sizeof *s) : NULL;
            if (f)
                c->files = f;
            struct status_facts *sf = s && facts ? realloc(*facts, cap * sizeof **facts) : NULL;
            if (s)
                c->clients = s;
            if (s == NULL || (facts && sf == NULL)) {
                stmtcache_release(db->stmts, st);
                return kv_error_nomem(err);
            }
            if (facts)
                *facts = sf;
        }
        if (facts)
            (*facts)[c->n] = (struct status_facts){.closed_on = cftable_day(st, 12),
                                                   .came_active = sqlite3_column_int(st, 13),
                                                   .last_intake = NO_DATE,
                                                   .last_outflow = NO_DATE,
                                                   .returned_on = NO_DATE,
                                                   .nazorg_start = NO_DATE,
                                                   .nazorg_end = NO_DATE};
        struct case_file *f = &c->files[c->n];
        struct client_summary *s = &c->clients[c->n];
        memset(f, 0, sizeof *f);
        memset(s, 0, sizeof *s);
        s->id = cftable_long(st, 0);
        s->name = arena_text(&c->arena, st, 1);
        const char *bsn = (const char *)sqlite3_column_text(st, 2);
        if (bsn && strlen(bsn) == BSN_LEN)
            bsn_mask(bsn, s->bsn_masked);
        s->classification = arena_text(&c->arena, st, 9);
        s->caseworker = arena_text(&c->arena, st, 10);
        s->doelgroepen = arena_text(&c->arena, st, 11);
        f->client = (struct cf_client){s->id,
                                       clients_status_at(st, 12, today),
                                       cftable_day(st, 4),
                                       cftable_day(st, 5),
                                       cftable_day(st, 6),
                                       cftable_day(st, 7),
                                       s->classification,
                                       arena_text(&c->arena, st, 8),
                                       arena_text(&c->arena, st, 20),
                                       arena_text(&c->arena, st, 21)};
        if (sqlite3_column_type(st, 22) != SQLITE_NULL)
            f->km = (struct cf_km){cftable_long(st, 22), cftable_day(st, 23),
                                   sqlite3_column_int(st, 25), cftable_day(st, 24)};
        c->n++;
    }
    stmtcache_release(db->stmts, st);
    return rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, "caseload clients", err);
}

/* The next row of st; each: when client *k's rows are done, on to the next client's
 * (?2), so that one statement reads the loaded clients one by one. */
static int step_rows(struct db *db, sqlite3_stmt *st, int each, const struct caseload *c, size_t *k)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_DONE && each && ++*k < c->n) {
        sqlite3_reset(st);
        if ((rc = stmt_bind(st, "ll", db->user_id, c->clients[*k].id)) != SQLITE_OK)
            return rc;
    }
    return rc;
}

/* Prepare sql for the scope's selection or, with each, for the loaded clients one at a
 * time: bound to the first client, and step_rows binds each next one. */
static int prepare_each(struct db *db, const struct selection *scope, int each, int figures,
                        const struct caseload *c, const char *sql, sqlite3_stmt **st,
                        struct kv_error *err)
{
    struct selection one = {SCOPE_MINE, c->n > 0 ? c->clients[0].id : 0, 1, 0, figures, 0, 0};
    return prepare(db, each ? &one : scope, sql, st, err);
}

/* One table: all rows into one array, then each client's slice pointed at. each: read
 * the loaded clients' rows one client at a time (an index seek each) instead of through
 * the scope's selection, which a team's scope evaluates per client of the municipality
 * in every table's query. scope->whole: the whole table, in client order. */
static int load_table(struct db *db, const struct selection *scope, int each,
                      const struct cftable *t, struct caseload *c, struct kv_error *err)
{
    sqlite3_stmt *st;
    if (each && c->n == 0)
        return KV_OK;
    int rc = prepare_each(db, scope, each, scope->figures, c, t->sql, &st, err);
    if (rc != KV_OK)
        return rc;
    size_t n = 0, cap = 64, k = 0;
    unsigned char *rows = malloc(cap * t->elem);
    long *owner = malloc(cap * sizeof *owner);
    while (rows && owner) {
        if ((rc = step_rows(db, st, each, c, &k)) != SQLITE_ROW)
            break;
        if (n == cap) {
            cap *= 2;
            unsigned char *r2 = realloc(rows, cap * t->elem);
            long *o2 = r2 ? realloc(owner, cap * sizeof *o2) : NULL;
            if (r2)
                rows = r2;
            if (o2 == NULL) {
                free(rows);
                rows = NULL;
                break;
            }
            owner = o2;
        }
        owner[n] = cftable_long(st, 0);
        t->fill(rows + n * t->elem, st, &c->arena);
        n++;
    }
    stmtcache_release(db->stmts, st);
    if (rows == NULL || owner == NULL) {
        free(rows);
        free(owner);
        return kv_error_nomem(err);
    }
    if (rc != SQLITE_DONE) {
        free(rows);
        free(owner);
        return db_fail(db, rc, "caseload records", err);
    }
    unsigned char *stored = n ? arena_alloc(&c->arena, n * t->elem) : NULL;
    if (n && stored == NULL) {
        free(rows);
        free(owner);
        return kv_error_nomem(err);
    }
    if (n)
        memcpy(stored, rows, n * t->elem);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && owner[j] == owner[i])
            j++;
        long idx = find_client(c, owner[i]);
        if (idx >= 0) {
            unsigned char *f = (unsigned char *)&c->files[idx];
            *(const void **)(f + t->ptr_off) = stored + i * t->elem;
            *(size_t *)(f + t->n_off) = j - i;
        }
        i = j;
    }
    free(rows);
    free(owner);
    return KV_OK;
}

/* One klantmanager assignment of a client, as load_km reads it. */
struct km_row {
    long id, user;
    const char *from; /* ISO text, compared as SQL compares it */
    int open;
    long from_day, informed_on;
    const char *name;
};

/* The client's open assignment (the latest from_date, then id: KM_JOIN's choice) into its
 * summary and case file, and whether an ended one was someone else's (KM_COLS). */
static void km_settle(struct caseload *c, long client, const struct km_row *r, size_t n)
{
    long idx = find_client(c, client);
    const struct km_row *open = NULL;
    for (size_t i = 0; i < n; i++)
        if (r[i].open && (open == NULL || strcmp(r[i].from, open->from) > 0 ||
                          (strcmp(r[i].from, open->from) == 0 && r[i].id > open->id)))
            open = &r[i];
    if (idx < 0 || open == NULL)
        return;
    int handed_over = 0;
    for (size_t i = 0; i < n; i++)
        handed_over |= !r[i].open && r[i].user != open->user;
    c->clients[idx].caseworker = open->name;
    c->files[idx].km = (struct cf_km){open->id, open->from_day, handed_over, open->informed_on};
}

/* The figures' klantmanagers: one pass over the klantmanager assignments in client order
 * (an index scan) instead of two correlated lookups and a sort per client. each, whole:
 * as load_table. The rows of one client are kept until the next client's start. */
static int load_km(struct db *db, const struct selection *scope, int each, struct caseload *c,
                   struct kv_error *err)
{
    sqlite3_stmt *st;
    if (each && c->n == 0)
        return KV_OK;
    int rc = prepare_each(db, scope, each, 1, c,
                          "SELECT a.client_id, a.id, a.user_id, a.from_date, a.to_date IS NULL, "
                          "a.client_informed_on, u.name FROM assignments a JOIN users u ON u.id = "
                          "a.user_id WHERE a.client_id IN sel AND a.role_in_case = 'klantmanager' "
                          "ORDER BY a.client_id",
                          &st, err);
    if (rc != KV_OK)
        return rc;
    struct km_row *rows = NULL;
    size_t n = 0, cap = 0, k = 0;
    long client = 0;
    for (;;) {
        rc = step_rows(db, st, each, c, &k);
        if (rc != SQLITE_ROW || cftable_long(st, 0) != client) {
            if (n > 0)
                km_settle(c, client, rows, n);
            n = 0;
            if (rc != SQLITE_ROW)
                break;
            client = cftable_long(st, 0);
        }
        if (n == cap) {
            struct km_row *more = realloc(rows, (cap = cap ? 2 * cap : 16) * sizeof *rows);
            if (more == NULL) {
                rc = SQLITE_NOMEM;
                break;
            }
            rows = more;
        }
        /* The texts into the arena: the statement's own last only until the next step. */
        rows[n++] = (struct km_row){cftable_long(st, 1),          cftable_long(st, 2),
                                    arena_text(&c->arena, st, 3), sqlite3_column_int(st, 4),
                                    cftable_day(st, 3),           cftable_day(st, 5),
                                    arena_text(&c->arena, st, 6)};
    }
    free(rows);
    stmtcache_release(db->stmts, st);
    return rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, "caseload klantmanagers", err);
}

/* The figures' client status, after their tables: client_status_facts' latest intake is
 * the one the figures read (intakes_figures), its latest outflow (with its nazorg) comes
 * from one scan of the outflows in client, date and id order (the last of a client's rows
 * is the view's choice) instead of the view's lookups per client; then status_derive on
 * the connection's day, as clients_status_at. */
static int load_status(struct db *db, const struct selection *scope, int each, struct caseload *c,
                       struct status_facts *facts, struct kv_error *err)
{
    if (c->n == 0)
        return KV_OK;
    for (size_t i = 0; i < c->n; i++)
        for (size_t k = 0; k < c->files[i].n_intakes; k++)
            if (facts[i].last_intake == NO_DATE ||
                c->files[i].intakes[k].date > facts[i].last_intake)
                facts[i].last_intake = c->files[i].intakes[k].date;
    sqlite3_stmt *st;
    int rc = prepare_each(db, scope, each, 1, c,
                          "SELECT o.client_id, o.date, coalesce(o.partial, 0), o.returned_on, "
                          "(SELECT max(z.start) FROM nazorg z WHERE z.outflow_id = o.id), "
                          "(SELECT CASE WHEN count(*) > count(z.end) THEN NULL ELSE max(z.end) "
                          "END FROM nazorg z WHERE z.outflow_id = o.id) FROM outflows o "
                          "WHERE o.client_id IN sel ORDER BY o.client_id, o.date, o.id",
                          &st, err);
    if (rc != KV_OK)
        return rc;
    size_t k = 0;
    while ((rc = step_rows(db, st, each, c, &k)) == SQLITE_ROW) {
        long idx = find_client(c, cftable_long(st, 0));
        if (idx < 0)
            continue;
        struct status_facts *f = &facts[idx];
        f->last_outflow = cftable_day(st, 1);
        f->partial = sqlite3_column_int(st, 2);
        f->returned_on = cftable_day(st, 3);
        f->nazorg_start = cftable_day(st, 4);
        f->nazorg_end = cftable_day(st, 5);
    }
    stmtcache_release(db->stmts, st);
    if (rc != SQLITE_DONE)
        return db_fail(db, rc, "caseload status", err);
    for (size_t i = 0; i < c->n; i++)
        c->files[i].client.status = status_derive(&facts[i], db->today);
    return KV_OK;
}

int caseload_one_team(struct db *db, int *yes, struct kv_error *err)
{
    sqlite3_stmt *st;
    int rc =
        stmt_prepare(db->sql, &st, "SELECT team <> '' FROM users WHERE id = ?1", "l", db->user_id);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "caseload team", err);
    rc = sqlite3_step(st);
    *yes = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, "caseload team", err);
}

/* keep: for the figures, each client's status facts (malloc'ed, one per client) to the
 * caller instead of freed; NULL otherwise. */
static int load(struct db *db, const struct selection *scope, struct caseload **out,
                struct status_facts **keep, struct kv_error *err)
{
    *out = NULL;
    if (!scope->inside && scope->client == 0 && scope->scope == SCOPE_ALL && !access_sees_all(db))
        return kv_error_set(err, KV_EAUTH, "scope all refused",
                            "Alle klanten zien is voor een teamleider of kwaliteitsmedewerker; "
                            "'%s' ziet alleen de eigen klanten.",
                            db->user);
    int rc;
    if (!scope->inside && scope->client != 0 &&
        (rc = access_client(db, scope->client, err)) != KV_OK)
        return rc;
    struct caseload *c = calloc(1, sizeof *c);
    if (c == NULL)
        return kv_error_nomem(err);
    /* One read transaction: every table from the same state of the file (the caller's,
     * when it has one open). */
    int own = sqlite3_get_autocommit(db->sql);
    rc = own ? sqlite3_exec(db->sql, "BEGIN", NULL, NULL, NULL) : SQLITE_OK;
    if (rc != SQLITE_OK) {
        caseload_free(c);
        return db_fail(db, rc, "caseload", err);
    }
    struct status_facts *facts = NULL;
    rc = load_clients(db, scope, c, scope->figures ? &facts : NULL, err);
    int each = 0;
    struct selection rest = *scope;
    if (rc == KV_OK && scope->client == 0 && !scope->dirty && !scope->inside &&
        scope->scope == SCOPE_ALL) {
        rc = caseload_one_team(db, &each, err);
        rest.whole = !each; /* no team: every client of the municipality */
    }
    if (rc == KV_OK && scope->figures)
        rc = load_km(db, &rest, each, c, err);
    const struct cftable *const *list = scope->figures ? figure_tables : tables;
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
        for (const struct cftable *t = list[i]; rc == KV_OK && t->sql; t++)
            rc = load_table(db, &rest, each, t, c, err);
    if (rc == KV_OK && scope->figures)
        rc = load_status(db, &rest, each, c, facts, err);
    if (rc == KV_OK && keep != NULL) {
        *keep = facts;
        facts = NULL;
    }
    free(facts);
    if (own)
        sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL);
    if (rc != KV_OK) {
        caseload_free(c);
        return rc;
    }
    *out = c;
    return KV_OK;
}

int caseload_load(struct db *db, enum caseload_scope scope, struct caseload **out,
                  struct kv_error *err)
{
    struct selection sel = {scope, 0, 0, 0, 0, 0, 0};
    return load(db, &sel, out, NULL, err);
}

int caseload_load_figures(struct db *db, enum caseload_scope scope, struct caseload **out,
                          struct kv_error *err)
{
    struct selection sel = {scope, 0, 0, 0, 1, 0, 0};
    return load(db, &sel, out, NULL, err);
}

int caseload_load_every_figures(struct db *db, struct caseload **out, struct status_facts **facts,
                                struct kv_error *err)
{
    struct selection sel = {SCOPE_ALL, 0, 0, 1, 1, 0, 1};
    if (facts != NULL)
        *facts = NULL;
    return load(db, &sel, out, facts, err);
}

int caseload_load_dirty_figures(struct db *db, struct caseload **out, struct status_facts **facts,
                                struct kv_error *err)
{
    struct selection sel = {SCOPE_ALL, 0, 0, 0, 1, 1, 1};
    if (facts != NULL)
        *facts = NULL;
    return load(db, &sel, out, facts, err);
}

static int load_client(struct db *db, long client, int figures, struct caseload **out,
                       struct kv_error *err)
{
    struct selection sel = {SCOPE_MINE, client, 0, 0, figures, 0, 0};
    int rc = load(db, &sel, out, NULL, err);
    if (rc == KV_OK && (*out)->n == 0) {
        caseload_free(*out);
        *out = NULL;
        return kv_error_set(err, KV_EAUTH, "client out of reach",
                            "Klant %ld bestaat niet of "
                            "hoort niet bij uw klanten.",
                            client);
    }
    return rc;
}

int caseload_load_client(struct db *db, long client, struct caseload **out, struct kv_error *err)
{
    return load_client(db, client, 0, out, err);
}

int caseload_load_client_figures(struct db *db, long client, struct caseload **out,
                                 struct kv_error *err)
{
    return load_client(db, client, 1, out, err);
}

void caseload_free(struct caseload *c)
{
    if (c == NULL)
        return;
    free(c->files);
    free(c->clients);
    arena_free(c->arena);
    free(c);
}

static int signals_of(struct db *db, const struct caseload *cl, long today, int with_acked,
                      struct signal_list *out, size_t **first, struct kv_error *err)
{
    struct signal_config cfg;
    *first = NULL;
    int rc = config_signals(db, &cfg, err);
    if (rc != KV_OK)
        return rc;
    cfg.with_acked = with_acked;
    size_t *f = malloc((cl->n + 1) * sizeof *f);
    for (size_t i = 0; f != NULL && i < cl->n; i++) {
        f[i] = out->n;
        if (signals_compute(&cl->files[i], &cfg, today, out) != 0) {
            free(f);
            f = NULL;
        }
    }
    config_signals_free(&cfg);
    if (f == NULL) {
        signals_free(out);
        return kv_error_nomem(err);
    }
    f[cl->n] = out->n;
    *first = f;
    return KV_OK;
}

int caseload_signals(struct db *db, const struct caseload *cl, long today, struct signal_list *out,
                     size_t **first, struct kv_error *err)
{
    return signals_of(db, cl, today, 0, out, first, err);
}

int caseload_signals_acked(struct db *db, const struct caseload *cl, long today,
                           struct signal_list *out, size_t **first, struct kv_error *err)
{
    return signals_of(db, cl, today, 1, out, first, err);
}

struct metrics_client *caseload_metrics_clients(const struct caseload *cl)
{
    struct metrics_client *mc = calloc(cl->n ? cl->n : 1, sizeof *mc);
    for (size_t i = 0; mc != NULL && i < cl->n; i++)
        mc[i] = (struct metrics_client){&cl->files[i], cl->clients[i].caseworker,
                                        cl->clients[i].classification, 0};
    return mc;
}

/* The team of a klantmanager by name, from users sorted by name. */
/* The team of the user called name; u is users_list's, sorted by name (a binary search:
 * a municipality asks once per client, 50,000 times over hundreds of users). */
static const char *team_in(const struct user_rec *u, size_t n, const char *name)
{
    size_t lo = 0, hi = n;
    while (name && *name && lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(u[mid].name, name);
        if (c == 0)
            return u[mid].team;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return "";
}

int caseload_metrics(struct db *db, const struct caseload *cl, long today,
                     struct caseworker_metrics **rows, size_t *n, struct kv_error *err)
{
    struct signal_config cfg = {0};
    struct pressure_norms norms = {0};
    struct metrics_client *mc = NULL;
    struct user_rec *users = NULL;
    size_t nusers = 0;
    int rc = config_signals(db, &cfg, err);
    if (rc == KV_OK && (rc = config_norms(db, &norms, err)) == KV_OK &&
        (rc = users_list(db, &users, &nusers, err)) == KV_OK) {
        if ((mc = caseload_metrics_clients(cl)) == NULL)
            rc = kv_error_nomem(err);
        /* Each client counts against the norm of their own kind of caseload. */
        for (size_t i = 0; mc != NULL && i < cl->n; i++)
            mc[i].norm = pressure_norm(&norms, mc[i].classification,
                                       team_in(users, nusers, mc[i].caseworker));
        if (rc == KV_OK && metrics_caseload(mc, cl->n, &cfg, today, rows, n) != 0)
            rc = kv_error_nomem(err);
    }
    free(mc);
    free(users);
    config_norms_free(&norms);
    config_signals_free(&cfg);
    return rc;
}

int caseload_metrics_one(struct db *db, const struct caseload *cl, size_t i, long today,
                         struct caseworker_metrics **rows, size_t *n, struct kv_error *err)
{
    /* A caseload of one that borrows cl's file and summary (and frees nothing). */
    struct caseload one = {.n = 1, .files = &cl->files[i], .clients = &cl->clients[i]};
    return caseload_metrics(db, &one, today, rows, n, err);
}

size_t caseload_find(const struct caseload *cl, long id)
{
    size_t lo = 0, hi = cl->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cl->clients[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < cl->n && cl->clients[lo].id == id ? lo : cl->n;
}

int caseload_patch(struct db *db, struct caseload *cl, long client, long today,
                   struct caseworker_metrics *rows, size_t n, int *unassigned,
                   struct caseload **kept, struct kv_error *err)
{
    size_t i = caseload_find(cl, client);
    struct caseworker_metrics *old = NULL, *now = NULL;
    size_t nold = 0, nnow = 0;
    struct caseload *one = NULL;
    *kept = NULL;
    int rc = i == cl->n ? kv_error_set(err, KV_ERR, "client not in the caseload", "%s",
                                       "Klant niet in de lijst.")
                        : caseload_metrics_one(db, cl, i, today, &old, &nold, err);
    if (rc == KV_OK && (rc = caseload_load_client_figures(db, client, &one, err)) == KV_OK)
        rc = caseload_metrics(db, one, today, &now, &nnow, err);
    if (rc == KV_OK && metrics_patch(rows, n, unassigned, old, nold, now, nnow) != 0)
        rc = kv_error_set(err, KV_ERR, "a klantmanager without a row", "%s",
                          "Klantmanager niet in de lijst.");
    if (rc == KV_OK) { /* the list's file is the one just read: the next patch's old */
        cl->files[i] = one->files[0];
        cl->clients[i] = one->clients[0];
        *kept = one;
        one = NULL;
    }
    caseload_free(one);
    free(old);
    free(now);
    return rc;
}
