#include "storage/instruments.h"

#include "core/date.h"
#include "core/rules.h"
#include "storage/records.h"

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
    rc = records_run(db, id, err,
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

int instruments_end(struct db *db, long id, long version, long actual_end,
                           const char *status, const char *end_reason, const char *result,
                           int certificate_received, const char *now, struct kv_error *err)
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

int instruments_extend(struct db *db, long id, long version, long new_end,
                              const char *reason, const char *now, struct kv_error *err)
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
