#include "storage/outflows.h"

#include "core/date.h"
#include "storage/cftable.h"
#include "storage/instruments.h"
#include "storage/records.h"
#include "storage/stmt.h"

int outflows_add(struct db *db, const struct outflow_in *o, const char *now, long *id,
                 struct kv_error *err)
{
    int rc;
    if ((rc = records_known(db, "uitstroomreden", o->reason, "uitstroomreden", err)) != KV_OK ||
        (rc = records_known(db, "route", o->route, "route", err)) != KV_OK ||
        (rc = records_mark(db, err)) != KV_OK)
        return rc;
    rc = records_run(db, id, err,
                     "INSERT INTO outflows (client_id, date, reason, employer, "
                     "contract_kind, contract_end, hours_per_week, partial, route, "
                     "instrument_id, " RECORDS_BK_COLS
                     ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12)",
                     "idtttdiitztt", o->client, o->date, o->reason, o->employer, o->contract_kind,
                     o->contract_end, (long)o->hours_per_week, (long)o->partial, o->route,
                     o->instrument, now, db->user);
    return records_judged(db, rc, "outflows", records_last_id(db), now, err);
}

int outflows_return(struct db *db, long client, long date, long today, const char *now,
                    struct kv_error *err)
{
    sqlite3_stmt *st;
    long id = 0, out = NO_DATE, back = NO_DATE;
    char a[11], b[11];
    if (date > today)
        return kv_error_set(err, KV_EUSAGE, "return in the future",
                            "Een terugkeer in de "
                            "uitkering ligt niet na vandaag.");
    int rc = stmt_prepare(db->sql, &st,
                          "SELECT id, date, returned_on FROM outflows WHERE "
                          "client_id = ?1 ORDER BY date DESC, id DESC LIMIT 1",
                          "i", client);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "outflow return", err);
    if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        id = (long)sqlite3_column_int64(st, 0);
        date_parse((const char *)sqlite3_column_text(st, 1), &out);
        if (sqlite3_column_type(st, 2) != SQLITE_NULL)
            date_parse((const char *)sqlite3_column_text(st, 2), &back);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(db, rc, "outflow return", err);
    if (id == 0)
        return kv_error_set(err, KV_EUSAGE, "no outflow",
                            "Klant %ld heeft geen uitstroom; een "
                            "terugkeer hoort bij een uitstroom.",
                            client);
    date_format_nl(out, a);
    date_format_nl(back, b);
    if (back != NO_DATE)
        return kv_error_set(err, KV_EUSAGE, "returned already",
                            "De terugkeer is al vastgelegd "
                            "op %s (uitstroom van %s).",
                            b, a);
    if (date < out)
        return kv_error_set(err, KV_EUSAGE, "return before outflow",
                            "De terugkeer ligt voor de "
                            "uitstroom van %s.",
                            a);
    return records_run(db, NULL, err,
                       "UPDATE outflows SET returned_on = ?2, updated_at = ?3, "
                       "updated_by = ?4, version = version + 1 WHERE id = ?1",
                       "idtt", id, date, now, db->user);
}

int outflows_followup_add(struct db *db, long outflow, int months, long date, int still_off,
                          const char *note, const char *now, struct kv_error *err)
{
    return records_run(db, NULL, err,
                       "INSERT INTO followups (outflow_id, months, date, still_off_benefit,"
                       " note, " RECORDS_BK_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
                       "iidittt", outflow, (long)months, date, (long)still_off, note, now,
                       db->user);
}

/* Its part of the caseload (caseload.c). */
static void fill_cf_outflow(void *r, sqlite3_stmt *st, struct arena **a)
{
    *(struct cf_outflow *)r =
        (struct cf_outflow){cftable_long(st, 1), cftable_day(st, 2), cftable_day(st, 3),
                            arena_text(a, st, 4), arena_text(a, st, 5)};
}

static void fill_cf_followup(void *r, sqlite3_stmt *st, struct arena **a)
{
    (void)a;
    *(struct cf_followup *)r =
        (struct cf_followup){cftable_long(st, 1), sqlite3_column_int(st, 2), cftable_day(st, 3)};
}

const struct cftable outflows_caseload[] = {
    CFTABLE("SELECT client_id, id, date, contract_end, reason, route FROM outflows WHERE client_id "
            "IN sel "
            "ORDER BY client_id, date",
            cf_outflow, outflows, fill_cf_outflow),
    CFTABLE("SELECT o.client_id, f.outflow_id, f.months, f.date FROM followups f "
            "JOIN outflows o ON o.id = f.outflow_id WHERE o.client_id IN sel ORDER BY o.client_id",
            cf_followup, followups, fill_cf_followup),
    {NULL, 0, 0, 0, NULL},
};

/* Its part of a dossier (dossier.c). */
static const struct dsspec_out followups_out = {
    "followups",
    "SELECT id AS _id, months, date, still_off_benefit, note" DS_BK " FROM followups "
    "WHERE outflow_id = ?1 ORDER BY months",
    NULL};
static const struct dsspec_out *const outflow_parts_out[] = {&followups_out, NULL};
/* SQL built from macros between string pieces reads best as written. */
/* clang-format off */
const struct dsspec_out outflows_out = {
    "outflows",
    "SELECT id AS _id, date, reason, employer, contract_kind, contract_end, "
    "hours_per_week, partial, route, " INSTRUMENTS_POS("instrument_id")
    " AS instrument, returned_on" DS_BK " FROM outflows WHERE client_id = ?1 ORDER BY id",
    outflow_parts_out};
/* clang-format on */

static const char *const outflow_dates[] = {"date", "contract_end", "returned_on", NULL};
static const char *const followup_dates[] = {"date", NULL};
static const struct dsspec_code outflow_codes[] = {
    {"reason", "uitstroomreden"}, {"route", "route"}, {NULL, NULL}};
static const struct dsspec_ref outflow_refs[] = {{"instrument", "instruments"}, {NULL, NULL}};
static const struct dsspec_in followups_in = {
    "followups",
    "INSERT INTO followups (outflow_id, months, date, still_off_benefit, note" DS_IBK
    ") VALUES (:_parent, :months, :date, :still_off_benefit, coalesce(:note, '')" DS_IBKV ")",
    followup_dates,
    dsspec_no_codes,
    dsspec_no_refs,
    NULL,
    NULL,
    NULL};
static const struct dsspec_in *const outflow_parts_in[] = {&followups_in, NULL};
const struct dsspec_in outflows_in = {
    "outflows",
    "INSERT INTO outflows (client_id, date, reason, employer, contract_kind, "
    "contract_end, hours_per_week, partial, route, instrument_id, returned_on" DS_IBK ") "
    "VALUES (:_client, :date, :reason, coalesce(:employer, ''), "
    "coalesce(:contract_kind, ''), :contract_end, coalesce(:hours_per_week, 0), "
    "coalesce(:partial, 0), coalesce(:route, ''), :instrument, :returned_on" DS_IBKV ")",
    outflow_dates,
    outflow_codes,
    outflow_refs,
    outflow_parts_in,
    "outflows",
    NULL};

/* Its rows of a client, for retention (purge.c): children first. */
const struct purgespec outflows_purge[] = {
    {"followups", "outflow_id IN (SELECT id FROM outflows WHERE client_id = ?1)"},
    {"outflows", "client_id = ?1"},
    {NULL, NULL},
};
