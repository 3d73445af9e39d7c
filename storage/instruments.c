#include "storage/instruments.h"

#include "core/date.h"
#include "core/rules.h"
#include "storage/cftable.h"
#include "storage/client_rows.h"
#include "storage/plans.h"
#include "storage/records.h"

#include <stdlib.h>
#include <string.h>

int instruments_add(struct db *db, const struct instrument_in *in, const char *now, long *id,
                    struct kv_error *err)
{
    int rc;
    /* before the write: the schema's own CHECK would refuse it without saying why */
    if ((rc = rules_end_not_before_start(in->start, in->planned_end, "Instrument", err)) != KV_OK ||
        (rc = rules_end_not_before_start(in->start, in->actual_end, "Instrument", err)) != KV_OK ||
        (rc = records_known(db, "eindreden", in->end_reason, "eindreden", err)) != KV_OK)
        return rc;
    if ((rc = records_mark(db, err)) != KV_OK)
        return rc;
    rc = records_run(
        db, id, err,
        "INSERT INTO client_instruments (client_id, catalogue_id, goal_id, "
        "provider, start, planned_end, actual_end, cost_cents, status, end_reason, result, "
        "certificate_promised, certificate_received, " RECORDS_BK_COLS ") SELECT ?1, c.id, ?3, "
        "c.provider, ?4, coalesce(?5, date(?4, '+' || c.default_days || ' days')), ?6, "
        "CASE WHEN ?7 < 0 THEN c.default_cost_cents ELSE ?7 END, coalesce(?8, 'lopend'), "
        "?9, ?10, ?11, ?12, ?13, ?13, ?14 FROM instrument_catalogue c WHERE c.code = ?2",
        "itzdddiTttiitt", in->client, in->code, in->goal, in->start, in->planned_end,
        in->actual_end, in->cost_cents, in->status, in->end_reason, in->result,
        (long)in->certificate_promised, (long)in->certificate_received, now, db->user);
    if (rc == KV_OK && sqlite3_changes(db->sql) == 0)
        rc = kv_error_set(err, KV_EUSAGE, "unknown instrument",
                          "Instrument '%s' staat niet in "
                          "de catalogus.",
                          in->code ? in->code : "");
    return records_judged(db, rc, "client_instruments", records_last_id(db), now, err);
}

struct span {
    long start, planned;
};

static void fill_span(sqlite3_stmt *st, void *ctx)
{
    struct span *s = ctx;
    const char *a = (const char *)sqlite3_column_text(st, 3);
    const char *b = (const char *)sqlite3_column_text(st, 4);
    if (!a || !date_parse(a, &s->start) || !b || !date_parse(b, &s->planned))
        s->start = s->planned = NO_DATE;
}

/* The instrument's start and planned end, read at the version the editor had. */
static int instrument_state(struct db *db, long id, long version, long *start, long *planned,
                            struct kv_error *err)
{
    struct span s = {NO_DATE, NO_DATE};
    int rc = records_same_version(db,
                                  "SELECT version, updated_by, updated_at, start, planned_end FROM "
                                  "client_instruments WHERE id = ?1",
                                  id, version, "instrument", fill_span, &s, err);
    *start = s.start;
    *planned = s.planned;
    return rc;
}

int instruments_end(struct db *db, long id, long version, long actual_end, const char *status,
                    const char *end_reason, const char *result, int certificate_received,
                    const char *now, struct kv_error *err)
{
    long start, planned;
    int rc;
    if (status == NULL || (strcmp(status, "afgerond") && strcmp(status, "voortijdig_gestopt")))
        return kv_error_set(err, KV_EUSAGE, "bad end status",
                            "Een instrument eindigt als "
                            "afgerond of voortijdig gestopt.");
    if (end_reason == NULL || !*end_reason || result == NULL || !*result)
        return kv_error_set(err, KV_EUSAGE, "end reason or result missing",
                            "Bij het beëindigen "
                            "zijn de eindreden en het resultaat verplicht.");
    if (actual_end == NO_DATE)
        return kv_error_set(err, KV_EUSAGE, "no end date", "De einddatum is verplicht.");
    if ((rc = instrument_state(db, id, version, &start, &planned, err)) != KV_OK ||
        (rc = rules_end_not_before_start(start, actual_end, "Instrument", err)) != KV_OK ||
        (rc = records_known(db, "eindreden", end_reason, "eindreden", err)) != KV_OK)
        return rc;
    if ((rc = records_mark(db, err)) != KV_OK)
        return rc;
    rc = records_run(db, NULL, err,
                     "UPDATE client_instruments SET actual_end = ?3, status = ?4, "
                     "end_reason = ?5, result = ?6, certificate_received = ?7, updated_at = ?8, "
                     "updated_by = ?9, version = version + 1 WHERE id = ?1 AND version = ?2",
                     "iidtttitt", id, version, actual_end, status, end_reason, result,
                     (long)certificate_received, now, db->user);
    return records_judged(db, rc, "client_instruments", id, now, err);
}

int instruments_extend(struct db *db, long id, long version, long new_end, const char *reason,
                       const char *now, struct kv_error *err)
{
    long start, planned;
    int rc;
    if (reason == NULL || !*reason)
        return kv_error_set(err, KV_EUSAGE, "no reason", "Een verlenging heeft een reden nodig.");
    if ((rc = instrument_state(db, id, version, &start, &planned, err)) != KV_OK)
        return rc;
    if (new_end == NO_DATE || new_end <= planned) {
        char p[11];
        date_format_nl(planned, p);
        return kv_error_set(err, KV_EUSAGE, "not later",
                            "De nieuwe einddatum moet na de huidige "
                            "(%s) liggen.",
                            p);
    }
    rc = records_run(db, NULL, err,
                     "INSERT INTO instrument_extensions (instrument_id, old_end, new_end, "
                     "reason, " RECORDS_BK_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
                     "iddttt", id, planned, new_end, reason, now, db->user);
    if (rc == KV_OK)
        rc = records_run(db, NULL, err,
                         "UPDATE client_instruments SET planned_end = ?3, updated_at = ?4,"
                         " updated_by = ?5, version = version + 1 WHERE id = ?1 AND version = ?2",
                         "iidtt", id, version, new_end, now, db->user);
    return rc;
}

void instruments_rows_free(struct instrument_row *r, size_t n)
{
    for (size_t i = 0; r && i < n; i++)
        free(r[i].result);
    free(r);
}

static void release_instruments(void *v, size_t n)
{
    instruments_rows_free(v, n);
}

static int fill_instrument(void *row, sqlite3_stmt *st)
{
    struct instrument_row *r = row;
    r->id = (long)sqlite3_column_int64(st, 0);
    r->version = (long)sqlite3_column_int64(st, 1);
    client_rows_copy(r->code, sizeof r->code, st, 2);
    client_rows_copy(r->name, sizeof r->name, st, 3);
    client_rows_copy(r->provider, sizeof r->provider, st, 4);
    client_rows_copy(r->status, sizeof r->status, st, 5);
    client_rows_copy(r->end_reason, sizeof r->end_reason, st, 6);
    r->result = client_rows_text(st, 7);
    r->start = client_rows_day(st, 8);
    r->planned_end = client_rows_day(st, 9);
    r->actual_end = client_rows_day(st, 10);
    r->cost_cents = sqlite3_column_int64(st, 11);
    r->certificate_promised = sqlite3_column_int(st, 12);
    r->certificate_received = sqlite3_column_int(st, 13);
    r->extensions = sqlite3_column_int(st, 14);
    r->goal = (long)sqlite3_column_int64(st, 15);
    return r->result ? 0 : -1;
}

int instruments_rows(struct db *db, long client, struct instrument_row **out, size_t *n,
                     struct kv_error *err)
{
    return client_rows_read(
        db, client,
        "SELECT i.id, i.version, c.code, c.name, i.provider, i.status, i.end_reason, "
        "i.result, i.start, i.planned_end, i.actual_end, i.cost_cents, "
        "i.certificate_promised, i.certificate_received, (SELECT count(*) FROM "
        "instrument_extensions e WHERE e.instrument_id = i.id), coalesce(i.goal_id, 0) "
        "FROM client_instruments i JOIN instrument_catalogue c ON c.id = i.catalogue_id "
        "WHERE i.client_id = ?1 ORDER BY i.start, i.id",
        sizeof **out, fill_instrument, release_instruments, (void **)out, n, err);
}

/* Its part of the caseload (caseload.c). */
static void fill_cf_instrument(void *r, sqlite3_stmt *st, struct arena **a)
{
    *(struct cf_instrument *)r = (struct cf_instrument){
        cftable_long(st, 1), arena_text(a, st, 2),      cftable_day(st, 3),   cftable_day(st, 4),
        cftable_day(st, 5),  sqlite3_column_int(st, 6), arena_text(a, st, 7), arena_text(a, st, 8)};
}

const struct cftable instruments_caseload[] = {
    CFTABLE("SELECT i.client_id, i.id, c.name, i.start, i.planned_end, i.actual_end, c.max_days, "
            "i.provider, i.end_reason "
            "FROM client_instruments i JOIN instrument_catalogue c ON c.id = i.catalogue_id "
            "WHERE i.client_id IN sel AND i.status <> 'gepland' ORDER BY i.client_id, i.start",
            cf_instrument, instruments, fill_cf_instrument),
    {NULL, 0, 0, 0, NULL},
};

/* For the caseload figures: only a running instrument (no actual end) makes a signal. */
const struct cftable instruments_figures[] = {
    CFTABLE("SELECT i.client_id, i.id, NULL, i.start, i.planned_end, NULL, c.max_days, NULL, "
            "NULL FROM client_instruments i JOIN instrument_catalogue c ON c.id = i.catalogue_id "
            "WHERE i.client_id IN sel AND i.actual_end IS NULL AND i.status <> 'gepland' "
            "ORDER BY i.client_id, i.start",
            cf_instrument, instruments, fill_cf_instrument),
    {NULL, 0, 0, 0, NULL},
};

/* Its part of a dossier (dossier.c). */
static const struct dsspec_out extensions_out = {"extensions",
                                                 "SELECT id AS _id, old_end, new_end, reason" DS_BK
                                                 " FROM instrument_extensions "
                                                 "WHERE instrument_id = ?1 ORDER BY id",
                                                 NULL};
static const struct dsspec_out *const instrument_parts_out[] = {&extensions_out, NULL};
/* SQL built from macros between string pieces reads best as written. */
/* clang-format off */
const struct dsspec_out instruments_out = {
    "instruments",
    "SELECT i.id AS _id, c.code AS instrument, " PLANS_GOAL_POS("i.goal_id") " AS goal, "
    "i.provider, i.start, i.planned_end, i.actual_end, i.cost_cents, i.status, "
    "i.end_reason, i.result, i.certificate_promised, i.certificate_received, "
    "i.created_at, i.updated_at, i.updated_by FROM client_instruments i JOIN "
    "instrument_catalogue c ON c.id = i.catalogue_id WHERE i.client_id = ?1 "
    "ORDER BY i.id",
    instrument_parts_out};
/* clang-format on */

static const char *const instrument_dates[] = {"start", "planned_end", "actual_end", NULL};
static const char *const extension_dates[] = {"old_end", "new_end", NULL};
static const struct dsspec_code instrument_codes[] = {{"end_reason", "eindreden"}, {NULL, NULL}};
static const struct dsspec_ref instrument_refs[] = {{"goal", "goals"}, {NULL, NULL}};
static const struct dsspec_in extensions_in = {
    "extensions",
    "INSERT INTO instrument_extensions (instrument_id, old_end, new_end, reason" DS_IBK
    ") VALUES (:_parent, :old_end, :new_end, :reason" DS_IBKV ")",
    extension_dates,
    dsspec_no_codes,
    dsspec_no_refs,
    NULL,
    NULL,
    "instrument_extensions"};
static const struct dsspec_in *const instrument_parts_in[] = {&extensions_in, NULL};
const struct dsspec_in instruments_in = {
    "instruments",
    "INSERT INTO client_instruments (client_id, catalogue_id, goal_id, provider, "
    "start, planned_end, actual_end, cost_cents, status, end_reason, result, "
    "certificate_promised, certificate_received" DS_IBK ") SELECT :_client, c.id, "
    ":goal, coalesce(:provider, c.provider), :start, :planned_end, :actual_end, "
    "coalesce(:cost_cents, c.default_cost_cents), coalesce(:status, 'lopend'), "
    "coalesce(:end_reason, ''), coalesce(:result, ''), "
    "coalesce(:certificate_promised, 0), coalesce(:certificate_received, 0)" DS_IBKV
    " FROM instrument_catalogue c WHERE c.code = :instrument",
    instrument_dates,
    instrument_codes,
    instrument_refs,
    instrument_parts_in,
    "instruments",
    "client_instruments"};

/* Its rows of a client, for retention (purge.c): children first. */
const struct purgespec instruments_purge[] = {
    {"instrument_extensions",
     "instrument_id IN (SELECT id FROM client_instruments WHERE client_id = ?1)"},
    {"client_instruments", "client_id = ?1"},
    {NULL, NULL},
};
