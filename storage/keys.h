/* keys.h: operations that change who can open the file, or with which key.
 * Each changes the header and the users table in one write transaction, so other
 * processes' header writes are serialised by SQLite's own lock. Only a beheerder may
 * manage others; everyone may change their own passphrase. */
#ifndef KV_STORAGE_KEYS_H
#define KV_STORAGE_KEYS_H

#include "storage/db.h"

struct new_user {
    const char *name;
    const char *display;
    int role;
    const char *team;
};

int keys_user_add(struct db *db, const struct new_user *u, const char *pass, size_t passlen,
                  const struct kdf_cost *cost, const char *now, struct kv_error *err);

/* Remove the user's key slot and mark them inactive. Refuses one's own account and
 * the last active beheerder. */
int keys_user_disable(struct db *db, const char *name, const char *now, struct kv_error *err);

/* Give a disabled user a key slot again, with a new passphrase. */
int keys_user_enable(struct db *db, const char *name, const char *pass, size_t passlen,
                     const struct kdf_cost *cost, const char *now, struct kv_error *err);

/* Replace one's own slot (new key pair, new salt) under a new passphrase. */
int keys_passwd(struct db *db, const char *pass, size_t passlen, const struct kdf_cost *cost,
                struct kv_error *err);

/* New master key and database id: write a complete new file beside the old one,
 * sealed to every user's public key, and rename it into place. Needs the presence
 * lock exclusively (no other process has the file open). db must be closed after. */
int keys_rekey(struct db *db, struct kv_error *err);

/* Minimum length of a new passphrase, in bytes. */
#define PASSPHRASE_MIN 10

#endif
