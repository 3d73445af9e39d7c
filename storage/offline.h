/* offline.h: a caseload taken along on a laptop, and brought back.
 *
 * Checkout (on the server) writes a new encrypted file: a new master key and database id,
 * one key slot (the user's own, so their passphrase opens it and no one else's does),
 * the user's own and duo clients with every record, the catalogues, configuration and
 * users; everything else is deleted and vacuumed out of it. The server records the
 * checkout (checkouts), the copy records where it came from (offline).
 *
 * In the copy the application works as on the server; every write transaction's
 * changeset (SQLite's session extension, the one the audit log uses) is kept in
 * offline_changes.
 *
 * Checkin (on the server) applies those changesets in one transaction, as the user, under
 * the server's access rules and into its audit log. Records made offline get new ids on
 * the server and references to them follow. A field changed on both sides since the
 * checkout is a conflict, put to a resolver: keep mine, keep theirs, or merge text.
 * A copy of another database, one whose checkout was revoked, or a damaged one is
 * refused with nothing applied; checking in again applies only what is new. */
#ifndef KV_STORAGE_OFFLINE_H
#define KV_STORAGE_OFFLINE_H

#include "storage/db.h"

struct checkout_row {
    long id;
    char user[64];
    char path[512];
    char state[16]; /* wordt_gemaakt, uit, ingecheckt, ingetrokken */
    char since[20];
    char done_at[20]; /* "" while out */
    long clients;
};

/* Write the user's caseload to dest (which must not exist). *id: the checkout's number,
 * *clients: how many clients went along. For klantmanager, consulent inkomen, jobcoach. */
int offline_checkout(struct db *db, const char *dest, const char *now, long *id, long *clients,
                     struct kv_error *err);

/* The checkouts, newest first (every user's for a teamleider or beheerder, else one's
 * own); *rows malloc'ed. */
int offline_list(struct db *db, struct checkout_row **rows, size_t *n, struct kv_error *err);

/* Revoke a checkout that is out: its changes will be refused. The user themself, a
 * teamleider or a beheerder. */
int offline_revoke(struct db *db, long id, const char *now, struct kv_error *err);

/* In a copy: since when, and how many changed records wait to be checked in. On the
 * server: whether the user's own caseload is out (since when, in which file). */
struct offline_state {
    int is_copy;
    char since[20];
    long pending;
    int out;
    char path[512];
};
int offline_state(struct db *db, struct offline_state *st, struct kv_error *err);

/* A field changed on both sides. mine and theirs are the values as text (NULL: empty);
 * the resolver sets choice. */
enum resolution { RES_NONE, RES_MINE, RES_THEIRS, RES_MERGE };
struct conflict {
    const char *table;
    long id; /* the record on the server */
    long client;
    const char *field;
    const char *base, *mine, *theirs;
    int is_text; /* merge is offered only for text */
    enum resolution choice;
};

/* Decide c->choice; RES_NONE leaves it open (then nothing is applied). Return nonzero to
 * stop asking. */
typedef int (*conflict_resolver)(struct conflict *c, void *ctx);

struct checkin_result {
    long changesets, applied, inserted, conflicts, unresolved;
    int already; /* nothing new: checked in before */
};

/* Check the copy in. copy must be opened by the same user. KV_ECONFLICT when conflicts
 * were left open (nothing applied); KV_EDAMAGED for a damaged copy or one of another
 * database; KV_EAUTH for a revoked checkout or another user's copy. */
int offline_checkin(struct db *server, struct db *copy, conflict_resolver resolve, void *ctx,
                    const char *now, struct checkin_result *res, struct kv_error *err);

#endif
