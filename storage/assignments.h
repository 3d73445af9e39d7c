/* assignments.h: who has a client in which role (klantmanager, ...) from when, and the
 * handover: the date the client was told of a new klantmanager. Writers run inside the
 * caller's transaction and fill a kv_error in Dutch; dates are day numbers. The rest are
 * the parts the generic code walks (caseload, dossier, retention). The access rule
 * (access.h) and the write check read assignments too: who may see or change a client. */
#ifndef KV_STORAGE_ASSIGNMENTS_H
#define KV_STORAGE_ASSIGNMENTS_H

#include "storage/cftable.h"
#include "storage/db.h"
#include "storage/dsspec.h"
#include "storage/purgespec.h"

/* Open an assignment of client to the user named from the day from; closes the previous
 * open assignment of the same role in the case (to_date = from) and keeps both. The user
 * who has it already is KV_EUSAGE (nothing handed over); so is informed_on (when the
 * client was told, NO_DATE: not yet) after today (the day of now). */
int assignments_open(struct db *db, long client, const char *user, const char *role_in_case,
                     long from, const char *handover_note, long informed_on, const char *now,
                     struct kv_error *err);

/* Record on the client's open klantmanager assignment the date the client was told of
 * their (new) klantmanager, by that klantmanager or a teamleider over the client: it ends
 * the signal and the warning of an uninformed handover. A date after today, a client
 * without a klantmanager: KV_EUSAGE; anyone else: KV_EAUTH. A date recorded already is
 * kept (KV_EUSAGE naming it) unless replace. */
int assignments_informed(struct db *db, long client, long date, long today, int replace,
                         const char *now, struct kv_error *err);
/* The date recorded for the current klantmanager; NO_DATE when none. */
int assignments_informed_date(struct db *db, long client, long *date, struct kv_error *err);

/* *yes: the user named is the client's klantmanager now. */
int assignments_is_klantmanager(struct db *db, long client, const char *user, int *yes,
                                struct kv_error *err);

/* Its tables in the caseload (caseload.c loads them), up to an entry without sql. */
extern const struct cftable assignments_caseload[];

/* Its kinds in a dossier: export and import (dossier.c walks them). */
extern const struct dsspec_out assignments_out;
extern const struct dsspec_in assignments_in;

/* Its tables for retention (purge.c), up to an entry without table. */
extern const struct purgespec assignments_purge[];

#endif
