/* dossier_load.h: one client's dossier read once into plain structs, for the dossier
 * screen: every record kind the export carries, in the export's order (dossier.c walks the
 * modules' kinds; this fills a typed array per kind), plus the rows the screen edits
 * (instruments, plans, goals with their ids and versions). Texts and dates are ISO text,
 * "" for none; whole numbers and flags are DOSSIER_NONE when not recorded. A nested
 * record names its parent by index in the parent kind's array; a reference to another
 * record (goal, contact, instrument, outflow, an ack's ref) is a position as in the export.
 * Access exactly as dossier_visit for one client: out of reach KV_EAUTH, unknown KV_ERR
 * (client 0, every client to dossier_visit, is KV_EUSAGE here).
 * Nothing is written, the audit log included. */
#ifndef KV_STORAGE_DOSSIER_LOAD_H
#define KV_STORAGE_DOSSIER_LOAD_H

#include "storage/db.h"
#include "storage/instruments.h"
#include "storage/plans.h"

#include <stddef.h>

#define DOSSIER_NONE (-1L)

/* Who made a record and when, and who changed it last. */
struct dossier_bk {
    const char *created_at, *updated_at, *updated_by;
};

struct dossier_client {
    const char *bsn, *first_name, *last_name, *birth_date, *gender, *household, *municipality,
        *street, *house_number, *postcode, *city, *phone, *email, *contact_verified_on,
        *language_level, *communication_needs, *applied_on, *benefit_start, *instroomreden,
        *arbeidsverplichting, *vrijstelling_reason, *vrijstelling_until, *closed_on, *notes;
    const char *status; /* derived, as every reader shows it (clients.h) */
    struct dossier_bk bk;
};

struct dossier_classification {
    const char *axis, *date, *code, *motivation;
    struct dossier_bk bk;
};

struct dossier_assignment {
    const char *user, *role_in_case, *from_date, *to_date, *handover_note, *client_informed_on;
    struct dossier_bk bk;
};

struct dossier_intake {
    const char *date, *work_history, *education, *diplomas, *availability, *motivation,
        *competences, *wishes, *regelingen, *classification, *classification_motivation, *trede,
        *trede_motivation, *werkfit, *werkfit_motivation, *uitstroomdoel, *client_comments;
    struct dossier_bk bk;
};

struct dossier_barrier {
    long intake; /* index in intakes */
    const char *kind, *approach;
    struct dossier_bk bk;
};

struct dossier_plan {
    const char *date, *discussed_on, *client_comments;
    long client_agreed, demands_applications;
    struct dossier_bk bk;
};

struct dossier_goal {
    long plan; /* index in plans */
    const char *specifiek, *meetbaar, *acceptabel, *realistisch, *tijdgebonden, *deadline, *status,
        *evaluation;
    struct dossier_bk bk;
};

struct dossier_instrument {
    const char *instrument; /* its catalogue code */
    long goal;              /* position among the goals, DOSSIER_NONE: none */
    const char *provider, *start, *planned_end, *actual_end, *status, *end_reason, *result;
    long cost_cents, certificate_promised, certificate_received;
    struct dossier_bk bk;
};

struct dossier_extension {
    long instrument; /* index in instruments */
    const char *old_end, *new_end, *reason;
    struct dossier_bk bk;
};

struct dossier_contact {
    const char *date, *channel, *participants, *summary;
    struct dossier_bk bk;
};

struct dossier_agreement {
    long contact; /* position among the contacts, DOSSIER_NONE: none */
    const char *text, *due, *done_on;
    struct dossier_bk bk;
};

struct dossier_outflow {
    const char *date, *reason, *employer, *contract_kind, *contract_end, *route, *returned_on;
    long hours_per_week, partial, instrument; /* instrument: a position, or DOSSIER_NONE */
    struct dossier_bk bk;
};

struct dossier_followup {
    long outflow; /* index in outflows */
    long months, still_off_benefit;
    const char *date, *note;
    struct dossier_bk bk;
};

struct dossier_nazorg {
    long outflow; /* position among the outflows, DOSSIER_NONE: none */
    const char *start, *end;
    long consent, frequency_days, with_employer;
    struct dossier_bk bk;
};

struct dossier_request {
    const char *date, *what, *answered_on;
    struct dossier_bk bk;
};

struct dossier_reminder {
    const char *due, *text, *done_on;
    struct dossier_bk bk;
};

struct dossier_ack {
    const char *kind, *due, *snoozed_until, *note;
    long ref, done; /* ref: the position of the record concerned by kind, 0: the client */
    struct dossier_bk bk;
};

#define DOSSIER_ARRAY(type, name)                                                                  \
    struct dossier_##type *name;                                                                   \
    size_t n_##name

struct dossier_data {
    struct dossier_client client;
    const char **doelgroepen; /* codes, in code order */
    size_t n_doelgroepen;
    DOSSIER_ARRAY(classification, classifications);
    DOSSIER_ARRAY(assignment, assignments);
    DOSSIER_ARRAY(intake, intakes);
    DOSSIER_ARRAY(barrier, barriers);
    DOSSIER_ARRAY(plan, plans);
    DOSSIER_ARRAY(goal, goals);
    DOSSIER_ARRAY(instrument, instruments);
    DOSSIER_ARRAY(extension, extensions);
    DOSSIER_ARRAY(contact, contacts);
    DOSSIER_ARRAY(agreement, agreements);
    DOSSIER_ARRAY(outflow, outflows);
    DOSSIER_ARRAY(followup, followups);
    DOSSIER_ARRAY(nazorg, nazorg);
    DOSSIER_ARRAY(request, requests);
    DOSSIER_ARRAY(reminder, reminders);
    DOSSIER_ARRAY(ack, signal_acks);
    /* For editing: instruments by start (instruments_rows), plans and goals with ids. */
    struct instrument_row *instr;
    size_t n_instr;
    struct plan_row *plan;
    size_t n_plan;
    struct goal_row *goal;
    size_t n_goal;
    struct arena *arena; /* the texts */
};

/* Fill *out (zeroed first); on failure *out holds nothing to free. */
int dossier_load(struct db *db, long client, struct dossier_data *out, struct kv_error *err);
void dossier_data_free(struct dossier_data *d);

#endif
