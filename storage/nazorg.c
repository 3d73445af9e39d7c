#include "storage/nazorg.h"

#include "storage/cftable.h"
#include "storage/outflows.h"
#include "storage/records.h"

int nazorg_add(struct db *db, long client, long outflow, long start, long end, int consent,
               int frequency_days, const char *now, struct kv_error *err)
{
    long id = 0;
    int rc = records_mark(db, err);
    if (rc == KV_OK)
        rc = records_run(db, &id, err,
                         "INSERT INTO nazorg (client_id, outflow_id, start, end, consent, "
                         "frequency_days, " RECORDS_BK_COLS
                         ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)",
                         "izddiitt", client, outflow, start, end, (long)consent,
                         (long)frequency_days, now, db->user);
    return records_judged(db, rc, "nazorg", id, now, err);
}

/* Its part of the caseload (caseload.c). */
static void fill_cf_nazorg(void *r, sqlite3_stmt *st, struct arena **a)
{
    (void)a;
    *(struct cf_nazorg *)r =
        (struct cf_nazorg){cftable_long(st, 1), cftable_day(st, 2), cftable_day(st, 3),
                           sqlite3_column_int(st, 4), sqlite3_column_int(st, 5)};
}

const struct cftable nazorg_caseload[] = {
    CFTABLE("SELECT client_id, id, start, end, consent, frequency_days FROM nazorg "
            "WHERE client_id IN sel ORDER BY client_id, start",
            cf_nazorg, nazorg, fill_cf_nazorg),
    {NULL, 0, 0, 0, NULL},
};

/* Its part of a dossier (dossier.c). */
/* SQL built from macros between string pieces reads best as written. */
/* clang-format off */
const struct dsspec_out nazorg_out = {
    "nazorg",
    "SELECT id AS _id, " OUTFLOWS_POS("outflow_id") " AS outflow, start, end, "
    "consent, frequency_days, with_employer" DS_BK " FROM nazorg WHERE client_id = ?1 "
    "ORDER BY id",
    NULL};
/* clang-format on */

static const char *const nazorg_dates[] = {"start", "end", NULL};
static const struct dsspec_ref nazorg_refs[] = {{"outflow", "outflows"}, {NULL, NULL}};
const struct dsspec_in nazorg_in = {
    "nazorg",
    "INSERT INTO nazorg (client_id, outflow_id, start, end, consent, frequency_days, "
    "with_employer" DS_IBK ") VALUES (:_client, :outflow, :start, :end, coalesce(:consent, 1),"
    " coalesce(:frequency_days, 30), coalesce(:with_employer, 0)" DS_IBKV ")",
    nazorg_dates,
    dsspec_no_codes,
    nazorg_refs,
    NULL,
    "nazorg",
    NULL};

/* Its rows of a client, for retention (purge.c): children first. */
const struct purgespec nazorg_purge[] = {
    {"nazorg", "client_id = ?1"},
    {NULL, NULL},
};
