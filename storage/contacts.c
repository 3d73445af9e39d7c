#include "storage/contacts.h"

#include "storage/records.h"

int contacts_add(struct db *db, long client, long date, const char *channel,
                        const char *participants, const char *summary, const char *now, long *id,
                        struct kv_error *err)
{
    int rc = records_known(db, "kanaal", channel, "kanaal", err);
    if (rc != KV_OK || (rc = records_mark(db, err)) != KV_OK)
        return rc;
    rc = records_run(db, id, err,
             "INSERT INTO contacts (client_id, date, channel, participants, "
             "summary, " RECORDS_BK_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
             "idttttt", client, date, channel, participants, summary, now, db->user);
    return records_judged(db, rc, "contacts", records_last_id(db), now, err);
}

int contacts_agreement_add(struct db *db, long client, long contact, const char *text, long due,
                          long done_on, const char *now, struct kv_error *err)
{
    return records_run(db, NULL, err,
               "INSERT INTO agreements (client_id, contact_id, text, due, done_on,"
               " " RECORDS_BK_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
               "iztddtt", client, contact, text, due, done_on, now, db->user);
}
