/* contacts.h: contacts with the client and the agreements made in them: every statement
 * on their tables besides the migrations. Writers run inside the caller's transaction and
 * fill a kv_error in Dutch; dates are day numbers. The rest are the parts the generic
 * code walks (caseload, dossier, retention). */
#ifndef KV_STORAGE_CONTACTS_H
#define KV_STORAGE_CONTACTS_H

#include "storage/cftable.h"
#include "storage/db.h"
#include "storage/dsspec.h"
#include "storage/purgespec.h"

int contacts_add(struct db *db, long client, long date, const char *channel,
                 const char *participants, const char *summary, const char *now, long *id,
                 struct kv_error *err);
/* An agreement, made in contact (0: outside a contact); done_on NO_DATE: not done yet. */
int contacts_agreement_add(struct db *db, long client, long contact, const char *text, long due,
                           long done_on, const char *now, struct kv_error *err);

/* Its tables in the caseload (caseload.c loads them), up to an entry without sql. */
extern const struct cftable contacts_caseload[];
/* Only what the caseload figures read (caseload_load_figures). */
extern const struct cftable contacts_figures[];

/* Its kinds in a dossier: export and import (dossier.c walks them). */
extern const struct dsspec_out contacts_out;
extern const struct dsspec_in contacts_in;
extern const struct dsspec_out contacts_agreements_out;
extern const struct dsspec_in contacts_agreements_in;
/* The position of agreement col among the client's (?1) agreements in a dossier. */
#define CONTACTS_AGREEMENT_POS(col) DS_POS("agreements", "id", col)

/* Its tables for retention (purge.c), up to an entry without table. */
extern const struct purgespec contacts_purge[];

#endif
