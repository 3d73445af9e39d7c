#include "storage/contacts.h"

#include "storage/cftable.h"
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

/* Its part of the caseload (caseload.c). */
static void fill_cf_contact(void *r, sqlite3_stmt *st, struct arena **a)
{
    (void)a;
    *(struct cf_contact *)r = (struct cf_contact){cftable_long(st, 1), cftable_day(st, 2)};
}

static void fill_cf_agreement(void *r, sqlite3_stmt *st, struct arena **a)
{
    *(struct cf_agreement *)r = (struct cf_agreement){
        cftable_long(st, 1), cftable_day(st, 2), sqlite3_column_int(st, 3), arena_text(a, st, 4)};
}

const struct cftable contacts_caseload[] = {
    CFTABLE(
        "SELECT client_id, id, date FROM contacts WHERE client_id IN sel ORDER BY client_id, date",
        cf_contact, contacts, fill_cf_contact),
    CFTABLE("SELECT client_id, id, due, done_on IS NOT NULL, text FROM agreements "
            "WHERE client_id IN sel ORDER BY client_id, id",
            cf_agreement, agreements, fill_cf_agreement),
    {NULL, 0, 0, 0, NULL},
};

/* For the caseload figures: the contact norm and nazorg's contacts read only the latest
 * contact (the latest on or after nazorg's start is the latest, when it is that late);
 * agreements only when open with a due date. */
const struct cftable contacts_figures[] = {
    /* One seek per client to its last entry of contacts_client: half the CPU of reading
     * the whole index for the maximum. */
    CFTABLE("SELECT client_id, 0, d FROM (SELECT c.id AS client_id, (SELECT max(date) FROM "
            "contacts k WHERE k.client_id = c.id) AS d FROM clients c) WHERE client_id IN sel "
            "AND d IS NOT NULL ORDER BY client_id",
            cf_contact, contacts, fill_cf_contact),
    CFTABLE("SELECT client_id, id, due, 0, NULL FROM agreements WHERE client_id IN sel AND "
            "done_on IS NULL AND due IS NOT NULL ORDER BY client_id, due",
            cf_agreement, agreements, fill_cf_agreement),
    {NULL, 0, 0, 0, NULL},
};

/* Its part of a dossier (dossier.c). */
const struct dsspec_out contacts_out = {"contacts",
                                        "SELECT id AS _id, date, channel, participants, "
                                        "summary" DS_BK " FROM contacts WHERE client_id = ?1 "
                                        "ORDER BY id",
                                        NULL};
/* SQL built from macros between string pieces reads best as written. */
/* clang-format off */
const struct dsspec_out contacts_agreements_out = {
    "agreements",
    "SELECT id AS _id, " DS_POS("contacts", "id", "contact_id") " AS contact, text, "
    "due, done_on" DS_BK " FROM agreements WHERE client_id = ?1 ORDER BY id",
    NULL};
/* clang-format on */

static const char *const contact_dates[] = {"date", NULL};
static const char *const agreement_dates[] = {"due", "done_on", NULL};
static const struct dsspec_code contact_codes[] = {{"channel", "kanaal"}, {NULL, NULL}};
static const struct dsspec_ref agreement_refs[] = {{"contact", "contacts"}, {NULL, NULL}};
const struct dsspec_in contacts_in = {
    "contacts",
    "INSERT INTO contacts (client_id, date, channel, participants, summary" DS_IBK ") "
    "VALUES (:_client, :date, coalesce(:channel, ''), coalesce(:participants, ''), "
    "coalesce(:summary, '')" DS_IBKV ")",
    contact_dates,
    contact_codes,
    dsspec_no_refs,
    NULL,
    "contacts",
    NULL};
const struct dsspec_in contacts_agreements_in = {
    "agreements",
    "INSERT INTO agreements (client_id, contact_id, text, due, done_on" DS_IBK ") "
    "VALUES (:_client, :contact, :text, :due, :done_on" DS_IBKV ")",
    agreement_dates,
    dsspec_no_codes,
    agreement_refs,
    NULL,
    "agreements",
    NULL};

/* Its rows of a client, for retention (purge.c): children first. */
const struct purgespec contacts_purge[] = {
    {"agreements", "client_id = ?1"},
    {"contacts", "client_id = ?1"},
    {NULL, NULL},
};
