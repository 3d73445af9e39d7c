#include "storage/outflows.h"

#include "core/date.h"
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
             "contract_kind, contract_end, hours_per_week, partial, route, instrument_id, " RECORDS_BK_COLS
             ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12)",
             "idtttdiitztt", o->client, o->date, o->reason, o->employer, o->contract_kind,
             o->contract_end, (long)o->hours_per_week, (long)o->partial, o->route, o->instrument,
             now, db->user);
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
               "iidittt", outflow, (long)months, date, (long)still_off, note, now, db->user);
}
