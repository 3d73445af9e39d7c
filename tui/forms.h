/* forms.h: the forms of the dossier, each a table of fields and a save (formhost.h).
 * Each constructor reads what the form needs (catalogues, the client's goals or
 * instruments), fills defaults (today, the catalogue's duration and cost) and returns a
 * host the application shows; NULL with err filled when it cannot. */
#ifndef KV_TUI_FORMS_H
#define KV_TUI_FORMS_H

#include "tui/formhost.h"

struct instrument_row;

/* A contact (date, channel, participants, summary) with an optional agreement. */
struct form_host *forms_contact(struct db *db, long client, long today, struct kv_error *err);

/* A new plan version: discussed with the client on, agreed, the client's comments. */
struct form_host *forms_plan(struct db *db, long client, long today, struct kv_error *err);

/* A SMART goal in the latest plan, with the lint shown under the parts as one types. */
struct form_host *forms_goal(struct db *db, long client, long today, struct kv_error *err);

/* Change the goal r (its parts, deadline, status, evaluation) from the version read. */
struct goal_row;
struct form_host *forms_goal_edit(struct db *db, long client, const struct goal_row *r, long today,
                                  struct kv_error *err);

/* An instrument from the catalogue (planned end and cost filled in from it). */
struct form_host *forms_instrument_add(struct db *db, long client, long today,
                                       struct kv_error *err);
/* End or extend the instrument r of client. */
struct form_host *forms_instrument_end(struct db *db, long client, const struct instrument_row *r,
                                       long today, struct kv_error *err);
struct form_host *forms_instrument_extend(struct db *db, long client,
                                          const struct instrument_row *r, long today,
                                          struct kv_error *err);

/* A new intake version; a re-diagnosis starts from the latest intake. */
struct form_host *forms_intake(struct db *db, long client, long today, struct kv_error *err);

/* A new client, registered into the user's own caseload; after a successful save
 * h->record is its id. */
struct form_host *forms_client_new(struct db *db, long today, struct kv_error *err);

/* Correct the client's details (address, contact, arbeidsverplichting, vrijstelling and
 * every other field of registration), from the version read; each change goes into the
 * audit log with its old and new value. */
struct form_host *forms_client_edit(struct db *db, long client, long today, struct kv_error *err);

/* An outflow, its nazorg (period, the client's consent) and the client's new status. */
struct form_host *forms_outflow(struct db *db, long client, long today, struct kv_error *err);
/* A return to benefit after the latest outflow (outflows_return). */
struct form_host *forms_return(struct db *db, long client, long today, struct kv_error *err);

/* Hand clients over to another klantmanager (a teamleider): to whom, the handover note
 * (required: the new klantmanager reads it when first opening the client) and when the
 * client was told. At most FORMS_HANDOVER_MAX clients at once. */
#define FORMS_HANDOVER_MAX 500
struct form_host *forms_handover(struct db *db, const long *clients, size_t n, long today,
                                 struct kv_error *err);

/* The date client was told of their new klantmanager (not after today): ends the
 * signal of an uninformed handover for the klantmanager and the teamleider. */
struct form_host *forms_informed(struct db *db, long client, long today, struct kv_error *err);

/* A colleague's client opened for today as waarneming, with a reason; after it is
 * accepted h->record is the client's id. */
struct form_host *forms_waarneming(struct db *db, long today, struct kv_error *err);

/* Keep the form as the user's draft in the database (replacing an older one). */
int forms_keep(struct db *db, const struct form_host *h, const char *now, struct kv_error *err);

/* Open a kept draft's form again, filled with what was typed. */
struct draft;
struct form_host *forms_resume(struct db *db, const struct draft *d, long today,
                               struct kv_error *err);

#endif
