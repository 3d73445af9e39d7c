/* records.h: writing the case file. The client, classifications, requests, signal
 * acknowledgements and reminders are written here; the other records by their own module
 * (intakes, plans, instruments, contacts, outflows, nazorg, assignments), with the helpers
 * below that every writer shares. Every writer runs inside the caller's transaction
 * (db_begin/db_commit), validates what the schema cannot (BSN elfproef, ISO dates, known
 * catalogue codes) and fills a kv_error in Dutch. Dates are day numbers (date.h), NO_DATE
 * for none; money is cents. */
#ifndef KV_STORAGE_RECORDS_H
#define KV_STORAGE_RECORDS_H

#include "core/casefile.h"
#include "storage/db.h"

/* The bookkeeping columns every record has, set by each writer. */
#define RECORDS_BK_COLS "created_at, updated_at, updated_by"

/* Prepare sql, bind by a type string and run it: 'i' int64, 't' text (NULL as ''), 'T'
 * text or NULL when NULL/empty, 'd' day number as ISO text or NULL for NO_DATE, 'z' int64
 * or NULL when 0. The last insert's row id goes to *id when id is not NULL. */
int records_run(struct db *db, long *id, struct kv_error *err, const char *sql, const char *types,
                ...);
long records_last_id(struct db *db);
/* KV_OK when code is an active entry of catalogue kind or empty (not given); else
 * KV_EUSAGE naming field. records_known_list: each code of a comma list. */
int records_known(struct db *db, const char *kind, const char *code, const char *field,
                  struct kv_error *err);
int records_known_list(struct db *db, const char *kind, const char *list, const char *field,
                       struct kv_error *err);
/* Call fn for each code of a comma list ("taal,vervoer"), stopping at the first error. */
int records_each_code(const char *list, int (*fn)(const char *code, void *ctx), void *ctx);
/* The row rules (rowrules.c) on a written row: records_mark before the write opens a
 * savepoint, records_judged after it (rc: the write's result) judges row id of table and
 * keeps the write or takes it back, returning the verdict. */
int records_mark(struct db *db, struct kv_error *err);
int records_judged(struct db *db, int rc, const char *table, long id, const char *now,
                   struct kv_error *err);

struct client_in {
    const char *bsn, *first_name, *last_name;
    long birth_date;
    const char *gender, *household, *municipality, *phone, *email;
    long contact_verified_on;
    const char *language_level, *communication_needs; /* comma list: tolk,begeleider,... */
    long applied_on, benefit_start;
    const char *instroomreden;       /* catalogue code */
    const char *arbeidsverplichting; /* volledig, gedeeltelijk, vrijgesteld */
    const char *vrijstelling_reason;
    long vrijstelling_until;
    const char *street, *house_number, *postcode, *city;
    int came_active;         /* the intake was done before klantvolg (an import): actief, not
                                aanmelding, until the records say otherwise (core/status.h) */
    const char *doelgroepen; /* comma list of catalogue codes */
};

/* The client's doelgroepen replaced by the comma list (checked before: records_known_list);
 * "" takes them all off. */
int records_client_doelgroepen(struct db *db, long client, const char *list, struct kv_error *err);
int records_client_add(struct db *db, const struct client_in *c, const char *now, long *id,
                       struct kv_error *err);
/* KV_OK when the client exists, else a KV_ERR naming the number. */
int records_client_exists(struct db *db, long client, struct kv_error *err);

/* A record being saved from what an editor read: KV_ECONFLICT when its version moved on
 * (the message says who saved it and when; what names the record in Dutch). sql selects
 * version, updated_by and updated_at, then any columns fill wants, for ?1 = id. */
int records_same_version(struct db *db, const char *sql, long id, long version, const char *what,
                         void (*fill)(sqlite3_stmt *st, void *ctx), void *ctx,
                         struct kv_error *err);

/* Close the case on date (status afgesloten, closed_on): the date from which the
 * retention period (bewaartermijn) runs. A closed case is KV_EUSAGE, so is a date after
 * today. */
int records_client_close(struct db *db, long client, long date, long today, const char *now,
                         struct kv_error *err);

/* A classification on one of the three axes (catalogue kinds): indeling (the kind of
 * caseload: werk, perspectief, meedoen), trede (participatieladder 1-6) or werkfit (the
 * Werkfit conclusion). axis NULL: the axis whose catalogue holds code. Each axis keeps its
 * own history: the latest row of an axis is the client's classification on it. */
int records_classify(struct db *db, long client, const char *axis, long date, const char *code,
                     const char *motivation, const char *now, struct kv_error *err);

int records_request_add(struct db *db, long client, long date, const char *what, long answered_on,
                        const char *now, struct kv_error *err);
/* A signal acted on: done (with a note), or snoozed until a date (with a reason). It
 * matches the signal by kind code, record and due date, as signals_compute does. */
int records_ack(struct db *db, long client, const char *kind, long ref, long due, int done,
                long snoozed_until, const char *note, const char *now, struct kv_error *err);

/* Undo what was done to a signal (done or snoozed): its acknowledgements are kept, as
 * neither done nor snoozed, so the signal is back on the lists and the audit log holds
 * both steps. KV_ERR with a Dutch message when nothing was acted on. */
int records_ack_undo(struct db *db, long client, const char *kind, long ref, long due,
                     const char *now, struct kv_error *err);

int records_reminder_add(struct db *db, long client, long due, const char *text, long done_on,
                         const char *now, struct kv_error *err);

#endif
