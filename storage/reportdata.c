#include "storage/reportdata.h"
#include "storage/access.h"
#include "storage/instruments.h"
#include "storage/intakes.h"
#include "storage/nazorg.h"
#include "storage/outflows.h"
#include "storage/plans.h"
#include "storage/stmt.h"

#include "core/date.h"

#include <stdlib.h>
#include <string.h>

/* A text kept for the report's lifetime ("" for NULL). */
static const char *keep(struct report_data *d, sqlite3_stmt *st, int col)
{
    const char *t = (const char *)sqlite3_column_text(st, col);
    if (d->nstrings == d->capstrings) {
        char **v = realloc(d->strings,
                           (d->capstrings = d->capstrings ? 2 * d->capstrings : 256) * sizeof *v);
        if (v == NULL)
            return NULL;
        d->strings = v;
    }
    char *s = strdup(t ? t : "");
    if (s != NULL)
        d->strings[d->nstrings++] = s;
    return s;
}

static long day(sqlite3_stmt *st, int col)
{
    long d;
    const char *t = (const char *)sqlite3_column_text(st, col);
    return t && date_parse(t, &d) ? d : REPORT_NO_DATE;
}

static long count(struct db *db, const char *sql)
{
    sqlite3_stmt *st;
    long n = -1;
    if (stmt_prepare(db->sql, &st, sql, "l", db->user_id) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            n = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    return n;
}

#define TEAM                                                                                       \
    "WITH sel(id) AS (SELECT c.id FROM clients c WHERE " ACCESS_IN_TEAM_SQL("c.id", "?1") ") "

/* Rows of (client id, ...) ordered by client id, matched to d->clients (by id order). */
static int each_row(struct db *db, const char *sql, struct report_data *d, long *ids,
                    int (*take)(struct report_data *d, size_t client, sqlite3_stmt *st),
                    struct kv_error *err)
{
    sqlite3_stmt *st;
    int rc = stmt_prepare(db->sql, &st, sql, "l", db->user_id);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "report data", err);
    size_t k = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        long id = sqlite3_column_int64(st, 0);
        while (k < d->n && ids[k] < id)
            k++;
        if (k < d->n && ids[k] == id && take(d, k, st) != 0) {
            sqlite3_finalize(st);
            return kv_error_nomem(err);
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, "report data", err);
}

static int take_instrument(struct report_data *d, size_t c, sqlite3_stmt *st)
{
    struct rf_instrument *in = &d->instruments[d->ni++];
    *in = (struct rf_instrument){keep(d, st, 1),
                                 keep(d, st, 2),
                                 keep(d, st, 3),
                                 keep(d, st, 4),
                                 day(st, 5),
                                 day(st, 6),
                                 sqlite3_column_int64(st, 7),
                                 sqlite3_column_int64(st, 8)};
    if (d->clients[c].n_instruments++ == 0)
        d->clients[c].instruments = in;
    return in->code && in->provider && in->status && in->end_reason ? 0 : -1;
}

static int take_outflow(struct report_data *d, size_t c, sqlite3_stmt *st)
{
    struct rf_outflow *o = &d->outflows[d->no++];
    *o = (struct rf_outflow){day(st, 1),     keep(d, st, 2),
                             day(st, 3),     sqlite3_column_int(st, 4),
                             keep(d, st, 5), sqlite3_column_int64(st, 6)};
    if (d->clients[c].n_outflows++ == 0)
        d->clients[c].outflows = o;
    return o->reason && o->route ? 0 : -1;
}

static int take_class(struct report_data *d, size_t c, sqlite3_stmt *st)
{
    struct rf_class *k = &d->classes[d->nk++];
    *k = (struct rf_class){day(st, 1), keep(d, st, 2), keep(d, st, 3)};
    if (d->clients[c].n_classes++ == 0)
        d->clients[c].classes = k;
    return k->group && k->code ? 0 : -1;
}

static int load(struct db *db, struct report_data *d, struct kv_error *err)
{
    long nc = count(db, TEAM "SELECT count(*) FROM sel");
    long nins = count(db, TEAM INSTRUMENTS_REPORT_COUNT);
    long nout = count(db, TEAM OUTFLOWS_REPORT_COUNT);
    long ncls = count(db, TEAM "SELECT count(*) FROM classifications WHERE client_id IN sel");
    if (nc < 0 || nins < 0 || nout < 0 || ncls < 0)
        return db_fail(db, sqlite3_errcode(db->sql), "report data", err);
    d->clients = calloc((size_t)nc + 1, sizeof *d->clients);
    d->instruments = calloc((size_t)nins + 1, sizeof *d->instruments);
    d->outflows = calloc((size_t)nout + 1, sizeof *d->outflows);
    d->classes = calloc((size_t)ncls + 1, sizeof *d->classes);
    long *ids = calloc((size_t)nc + 1, sizeof *ids);
    if (!d->clients || !d->instruments || !d->outflows || !d->classes || !ids) {
        free(ids);
        return kv_error_nomem(err);
    }
    sqlite3_stmt *st;
    /* SQL built from macros between string pieces reads best as written. */
    /* clang-format off */
    int rc = stmt_prepare(
        db->sql, &st,
        TEAM "SELECT c.id, c.applied_on, " INTAKES_FIRST_DATE("c.id") ", "
        PLANS_FIRST_DATE("c.id") ", (SELECT group_concat(code) FROM client_doelgroepen WHERE "
        "client_id = c.id), c.benefit_start, c.birth_date, c.household, c.municipality, "
        "c.instroomreden FROM clients c WHERE c.id IN sel ORDER BY c.id",
        "l", db->user_id);
    /* clang-format on */
    if (rc != SQLITE_OK) {
        free(ids);
        return db_fail(db, rc, "report data", err);
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && d->n < (size_t)nc) {
        ids[d->n] = sqlite3_column_int64(st, 0);
        d->clients[d->n++] = (struct rf_client){.applied_on = day(st, 1),
                                                .first_intake = day(st, 2),
                                                .first_plan = day(st, 3),
                                                .doelgroepen = keep(d, st, 4),
                                                .benefit_start = day(st, 5),
                                                .birth_date = day(st, 6),
                                                .household = keep(d, st, 7),
                                                .municipality = keep(d, st, 8),
                                                .instroomreden = keep(d, st, 9)};
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        rc = db_fail(db, rc, "report data", err);
    else
        rc = each_row(db, TEAM INSTRUMENTS_REPORT_ROWS, d, ids, take_instrument, err);
    if (rc == KV_OK)
        rc = each_row(db, TEAM OUTFLOWS_REPORT_ROWS(NAZORG_AFTER("o.id")), d, ids, take_outflow,
                      err);
    if (rc == KV_OK)
        /* The group a report counts by is the axis (core/reports.h's names for it), so
         * an entry a beheerder added counts on its axis too. */
        rc = each_row(db,
                      TEAM "SELECT k.client_id, k.date, CASE k.axis WHEN 'trede' THEN "
                           "'participatieladder' ELSE k.axis END, k.code FROM classifications k "
                           "WHERE k.client_id IN sel ORDER BY k.client_id, k.date, k.id",
                      d, ids, take_class, err);
    free(ids);
    return rc;
}

int reportdata_labels(struct db *db, struct catalogue_labels *out, struct kv_error *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db->sql,
                                "SELECT kind, code, label FROM catalogue UNION ALL "
                                "SELECT 'instrument', code, name FROM instrument_catalogue",
                                -1, &st, NULL);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "labels", err);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->l.n == out->cap) {
            struct label *v =
                realloc(out->v, (out->cap = out->cap ? 2 * out->cap : 128) * sizeof *v);
            if (v == NULL)
                break;
            out->v = v;
        }
        struct label *x = &out->v[out->l.n];
        const char *t[3];
        for (int k = 0; k < 3; k++)
            t[k] = (const char *)sqlite3_column_text(st, k);
        x->kind = strdup(t[0] ? t[0] : "");
        x->code = strdup(t[1] ? t[1] : "");
        x->label = strdup(t[2] ? t[2] : "");
        out->l.n++;
        if (!x->kind || !x->code || !x->label)
            break;
    }
    sqlite3_finalize(st);
    out->l.v = out->v;
    if (rc != SQLITE_DONE) {
        reportdata_labels_free(out);
        return rc == SQLITE_ROW ? kv_error_nomem(err) : db_fail(db, rc, "labels", err);
    }
    return KV_OK;
}

void reportdata_labels_free(struct catalogue_labels *l)
{
    for (size_t i = 0; i < l->l.n; i++) {
        free((char *)l->v[i].kind);
        free((char *)l->v[i].code);
        free((char *)l->v[i].label);
    }
    free(l->v);
    memset(l, 0, sizeof *l);
}

int reportdata_load(struct db *db, struct report_data **out, struct kv_error *err)
{
    *out = NULL;
    if (!access_sees_all(db))
        return kv_error_set(err, KV_EAUTH, "reports for team roles",
                            "Managementinformatie is "
                            "voor een teamleider of kwaliteitsmedewerker.");
    struct report_data *d = calloc(1, sizeof *d);
    if (d == NULL)
        return kv_error_nomem(err);
    int rc = sqlite3_exec(db->sql, "BEGIN", NULL, NULL, NULL); /* one state of the file */
    if (rc != SQLITE_OK) {
        free(d);
        return db_fail(db, rc, "report data", err);
    }
    rc = load(db, d, err);
    if (rc == KV_OK)
        rc = reportdata_labels(db, &d->labels, err);
    sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL);
    if (rc != KV_OK) {
        reportdata_free(d);
        return rc;
    }
    *out = d;
    return KV_OK;
}

void reportdata_free(struct report_data *d)
{
    if (d == NULL)
        return;
    reportdata_labels_free(&d->labels);
    for (size_t i = 0; i < d->nstrings; i++)
        free(d->strings[i]);
    free(d->strings);
    free(d->clients);
    free(d->instruments);
    free(d->outflows);
    free(d->classes);
    free(d);
}
