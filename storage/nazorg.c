#include "storage/nazorg.h"

#include "storage/records.h"

int nazorg_add(struct db *db, long client, long outflow, long start, long end, int consent,
                       int frequency_days, const char *now, struct kv_error *err)
{
    long id = 0;
    int rc = records_mark(db, err);
    if (rc == KV_OK)
        rc = records_run(db, &id, err,
                 "INSERT INTO nazorg (client_id, outflow_id, start, end, consent, "
                 "frequency_days, " RECORDS_BK_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)",
                 "izddiitt", client, outflow, start, end, (long)consent, (long)frequency_days, now,
                 db->user);
    return records_judged(db, rc, "nazorg", id, now, err);
}
