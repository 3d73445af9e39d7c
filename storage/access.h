/* access.h: who may see which client, in one place. A klantmanager, consulent inkomen or
 * jobcoach sees the clients with an open assignment of theirs (own or duo), and for the
 * rest of the day a client opened as waarneming (with a reason, logged); teamleider and
 * kwaliteitsmedewerker see every client of their team; a beheerder sees no client
 * content. Screens and
 * commands ask here; they never decide access themselves. Who may write is checked on
 * the changes, against the state before them (writecheck.h). */
#ifndef KV_STORAGE_ACCESS_H
#define KV_STORAGE_ACCESS_H

#include "storage/db.h"

/* SQL: the clients user me (an expression: their id) has an open assignment for, as
 * klantmanager or in a duo: "own or duo", the set casework sees and writes. */
#define ACCESS_OWN_SQL(me)                                                                         \
    "SELECT client_id FROM assignments WHERE user_id = " me " AND to_date IS NULL"

/* SQL: is client (an expression) in the team of user me (an expression: their id)? A
 * teamleider or kwaliteitsmedewerker without a team oversees every client; with one,
 * the clients whose klantmanager is in that team, and clients without a klantmanager
 * (so someone can assign them). */
#define ACCESS_IN_TEAM_SQL(client, me)                                                             \
    "((SELECT team FROM users WHERE id = " me ") = '' OR NOT EXISTS (SELECT 1 FROM "               \
    "assignments a WHERE a.client_id = " client " AND a.to_date IS NULL AND "                      \
    "a.role_in_case = 'klantmanager') OR EXISTS (SELECT 1 FROM assignments a JOIN users u "        \
    "ON u.id = a.user_id WHERE a.client_id = " client " AND a.to_date IS NULL AND "                \
    "a.role_in_case = 'klantmanager' AND u.team = (SELECT team FROM users WHERE id = " me ")))"

/* Is the role one that does casework (klantmanager, consulent inkomen, jobcoach)? */
int access_casework(const struct db *db);

/* Does this user's role see every client? */
int access_sees_all(const struct db *db);

/* KV_OK when the user may see client; KV_EAUTH for a client of someone else, KV_ERR for
 * one that does not exist, each with a Dutch message. */
int access_client(struct db *db, long client, struct kv_error *err);

/* May this user register new clients (into their own caseload)? Casework roles and the
 * teamleider may; a kwaliteitsmedewerker reads, a beheerder sees no client content.
 * KV_OK or KV_EAUTH with a Dutch message. */
int access_may_add_client(struct db *db, struct kv_error *err);

/* May this user hand client to the user with id to (0: only the client is asked, as for
 * closing its current assignment)? Judged on the database as it is now; assignments_open
 * asks before writing and the write check at commit asks again on the state before the
 * transaction, so the screen and the command line share the rule.
 * A teamleider or kwaliteitsmedewerker: a client of her team (ACCESS_IN_TEAM_SQL; one
 * without a team oversees every client), to an active klantmanager, consulent inkomen or
 * jobcoach of her team (of any team, when she has none). A casework role: only to
 * themselves (a client they register; the write check makes sure it is new). A beheerder:
 * nobody. KV_OK, or KV_EAUTH (KV_EUSAGE for an unknown or disabled user, KV_ERR for an
 * unknown client) with a Dutch message. */
int access_may_assign(struct db *db, long client, long to, struct kv_error *err);

/* The part of access_may_assign about the new klantmanager: the user with id to is
 * active, has a casework role, and is in this user's team when she has one. For a screen
 * that offers only who may take clients. */
int access_may_receive(struct db *db, long to, struct kv_error *err);

/* Open another caseworker's client for today as waarneming: a casework role and a reason
 * (at least five letters) are needed; the reason goes into the audit log, and that entry
 * is what lets access_client pass. A client already in reach needs none (KV_OK). */
int access_waarneming(struct db *db, long client, const char *reason, struct kv_error *err);

/* The handover note a teamleider left for this user, when the client was handed to
 * them and they have not opened the client since: "" otherwise. Call before access_open
 * (which logs the open that makes it read). Into out: "Overdracht op DATE van PREVIOUS
 * KLANTMANAGER door TEAMLEIDER: NOTE", and then whether the client was not told yet. */
int access_handover_note(struct db *db, long client, char *out, size_t n, struct kv_error *err);

/* Opening a client file: access_client, and the open is logged ("inzien"). */
int access_open(struct db *db, long client, struct kv_error *err);

#endif
