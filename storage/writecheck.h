/* writecheck.h: who may make which change, judged on the changes themselves (an SQLite
 * changeset) against the database as it was before them. Every write goes through it:
 * txn_flush at each commit, and a checkin before it applies an offline copy's changes.
 *
 * Judging against the state before the changes is what keeps a change from granting
 * itself rights: an assignment made in the same transaction, a client deleted in it, or
 * a record moved to another client in it count as they were.
 *
 * The rules, per role:
 * - klantmanager, consulent inkomen, jobcoach: insert and update the records of a client
 *   in reach (access_client) or of a client inserted in the same changeset (registering
 *   a client is casework, access_may_add_client). An update counts the record's old
 *   client and its new one; every case record a row refers to (a goal's plan, an
 *   agreement's contact) counts too. An assignment only for a client inserted in the same
 *   changeset, to themselves. They delete nothing (the application deletes no case
 *   record) and write no users, catalogue, configuration or anything else.
 * - teamleider, kwaliteitsmedewerker: insert and update assignments as
 *   access_may_assign allows (old and new client, the new klantmanager); nothing else.
 * - beheerder: users, catalogues and configuration; no client's records, no assignments.
 * Untracked tables (the log, drafts, the search index, offline bookkeeping) never reach
 * a changeset the application makes; in one made by hand they are refused too. */
#ifndef KV_STORAGE_WRITECHECK_H
#define KV_STORAGE_WRITECHECK_H

#include "storage/db.h"

/* Judge every change in the changeset set (n bytes) as db's user, against db as it is
 * now, which must be the state before the changes. KV_OK, or KV_EAUTH whose message
 * says why and names the first refused change ("... (geweigerd: contacts#12 wijzigen)":
 * table, record id, what), without a full stop, for the caller to add what was not done;
 * other statuses for
 * errors. When clients is not NULL it receives (on KV_OK) a malloc'ed array with one
 * entry per change, in changeset order: the client the change concerns (the new client
 * of an insert or update, the old one of a delete; 0: none). */
int writecheck_changeset(struct db *db, const void *set, int n, long **clients,
                         struct kv_error *err);

/* True when the changeset only inserts records into a client's file (tables.h), never a
 * client, an assignment, a user or any other table, and changes or deletes nothing: then
 * everything the judge reads (assignments, users, clients, the records referred to) is
 * the same before and after it, save the inserted rows, which the judge takes from the
 * changeset itself, so it may be judged against the database with the changes in place.
 * False when it cannot be read. */
int writecheck_inserts_case_records_only(const void *set, int n);

#endif
