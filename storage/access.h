/* access.h: who may see which client, in one place. A klantmanager, consulent inkomen or
 * jobcoach sees the clients with an open assignment of theirs (own or duo); teamleider
 * and kwaliteitsmedewerker see every client. Screens and commands ask here; they never
 * decide access themselves. */
#ifndef KV_STORAGE_ACCESS_H
#define KV_STORAGE_ACCESS_H

#include "storage/db.h"

/* Does this user's role see every client? */
int access_sees_all(const struct db *db);

/* KV_OK when the user may see client; KV_EAUTH for a client of someone else, KV_ERR for
 * one that does not exist, each with a Dutch message. */
int access_client(struct db *db, long client, struct kv_error *err);

/* May this user register new clients (into their own caseload)? Casework roles and the
 * teamleider may; a kwaliteitsmedewerker reads, a beheerder sees no client content.
 * KV_OK or KV_EAUTH with a Dutch message. */
int access_may_add_client(struct db *db, struct kv_error *err);

#endif
