/* records.h: writing the case file, one function per kind of record. Every function
 * runs inside the caller's transaction (db_begin/db_commit), validates what the schema
 * cannot (BSN elfproef, ISO dates, known catalogue codes) and fills a kv_error in Dutch.
 * Dates are day numbers (date.h), NO_DATE for none; money is cents. */
#ifndef KV_STORAGE_RECORDS_H
#define KV_STORAGE_RECORDS_H

#include "core/casefile.h"
#include "storage/db.h"

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

/* Open an assignment of client to the user named from the day from; closes the previous
 * open assignment of the same role in the case (to_date = from) and keeps both. The user
 * who has it already is KV_EUSAGE (nothing handed over); so is informed_on (when the
 * client was told, NO_DATE: not yet) after today (the day of now). */
int records_assign(struct db *db, long client, const char *user, const char *role_in_case,
                   long from, const char *handover_note, long informed_on, const char *now,
                   struct kv_error *err);

/* Record on the client's open klantmanager assignment the date the client was told of
 * their (new) klantmanager, by that klantmanager or a teamleider over the client: it ends
 * the signal and the warning of an uninformed handover. A date after today, a client
 * without a klantmanager: KV_EUSAGE; anyone else: KV_EAUTH. */
int records_informed(struct db *db, long client, long date, long today, int replace,
                     const char *now, struct kv_error *err);
/* (records_informed: a date recorded already is kept (KV_EUSAGE naming it) unless
 * replace.) The date recorded for the current klantmanager; NO_DATE when none. */
int records_informed_date(struct db *db, long client, long *date, struct kv_error *err);

/* *yes: the user named is the client's klantmanager now. */
int records_is_klantmanager(struct db *db, long client, const char *user, int *yes,
                            struct kv_error *err);

/* A classification on one of the three axes (catalogue kinds): indeling (the kind of
 * caseload: werk, perspectief, meedoen), trede (participatieladder 1-6) or werkfit (the
 * Werkfit conclusion). axis NULL: the axis whose catalogue holds code. Each axis keeps its
 * own history: the latest row of an axis is the client's classification on it. */
int records_classify(struct db *db, long client, const char *axis, long date, const char *code,
                     const char *motivation, const char *now, struct kv_error *err);

struct intake_in {
    long client, date;
    const char *work_history, *education, *diplomas, *availability, *motivation, *competences,
        *wishes, *regelingen, *classification, *classification_motivation, *uitstroomdoel,
        *client_comments;
    /* optional: the ladder step and the Werkfit conclusion, each classified on the
     * intake's date with its own motivation (required when the step or conclusion is) */
    const char *trede, *trede_motivation, *werkfit, *werkfit_motivation;
    const char *barriers; /* comma list of belemmering codes */
};
int records_intake_add(struct db *db, const struct intake_in *in, const char *now, long *id,
                       struct kv_error *err);

int records_plan_add(struct db *db, long client, long date, long discussed_on, int agreed,
                     int demands_applications, const char *comments, const char *now, long *id,
                     struct kv_error *err);

struct goal_in {
    long plan, client;
    const char *s, *m, *a, *r, *t;
    long deadline;
    const char *status; /* open, behaald, niet_behaald, vervallen */
};
int records_goal_add(struct db *db, const struct goal_in *g, const char *now, long *id,
                     struct kv_error *err);

/* Change a goal (its parts, deadline, status, evaluation) from the version the editor
 * read; KV_ECONFLICT as for instruments. */
int records_goal_update(struct db *db, long id, long version, const struct goal_in *g,
                        const char *evaluation, const char *now, struct kv_error *err);

/* The evaluation of a goal (how it went), written after adding or on review. */
int records_goal_evaluate(struct db *db, long goal, const char *evaluation, const char *now,
                          struct kv_error *err);

struct instrument_in {
    long client;
    const char *code;        /* instrument catalogue code */
    long goal;               /* 0: none */
    long start, planned_end; /* planned_end NO_DATE: start + the catalogue's default days */
    long cost_cents;         /* -1: the catalogue's default cost */
    const char *status;      /* gepland, lopend, afgerond, voortijdig_gestopt */
    long actual_end;
    const char *end_reason, *result;
    int certificate_promised, certificate_received;
};
int records_instrument_add(struct db *db, const struct instrument_in *in, const char *now, long *id,
                           struct kv_error *err);

/* End a running instrument: status afgerond or voortijdig_gestopt, the end date (not
 * before the start), an end reason from the catalogue and a result, both required.
 * version is the one the caller read: when someone saved the instrument since, nothing
 * changes and the result is KV_ECONFLICT, the message naming who changed it and when. */
int records_instrument_end(struct db *db, long id, long version, long actual_end,
                           const char *status, const char *end_reason, const char *result,
                           int certificate_received, const char *now, struct kv_error *err);
/* Extend the planned end to new_end (after the current one) with a reason (required);
 * the old and new end stay in instrument_extensions. Same version rule as above. */
int records_instrument_extend(struct db *db, long id, long version, long new_end,
                              const char *reason, const char *now, struct kv_error *err);

int records_contact_add(struct db *db, long client, long date, const char *channel,
                        const char *participants, const char *summary, const char *now, long *id,
                        struct kv_error *err);
int records_agreement_add(struct db *db, long client, long contact, const char *text, long due,
                          long done_on, const char *now, struct kv_error *err);

struct outflow_in {
    long client, date;
    const char *reason, *employer, *contract_kind;
    long contract_end;
    int hours_per_week, partial;
    const char *route;
    long instrument; /* 0: none */
};
int records_outflow_add(struct db *db, const struct outflow_in *o, const char *now, long *id,
                        struct kv_error *err);
/* A return to benefit after the client's latest outflow (the one the status follows): the
 * status becomes terug. Refused (KV_EUSAGE) without an outflow, before the outflow's date,
 * after today, or when a return is recorded already (the message names its date). */
int records_outflow_return(struct db *db, long client, long date, long today, const char *now,
                           struct kv_error *err);
int records_nazorg_add(struct db *db, long client, long outflow, long start, long end, int consent,
                       int frequency_days, const char *now, struct kv_error *err);
int records_followup_add(struct db *db, long outflow, int months, long date, int still_off,
                         const char *note, const char *now, struct kv_error *err);
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
