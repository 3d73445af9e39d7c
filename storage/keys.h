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

/* Remove the user's key slot and mark them inactive, and mark a master-key rotation
 * pending (HDR_F_ROTATE, since now, unless it already was): the user may have kept the
 * master key. Refuses one's own account and the last active beheerder. */
int keys_user_disable(struct db *db, const char *name, const char *now, struct kv_error *err);

/* Give a disabled user a key slot again, with a new passphrase. */
int keys_user_enable(struct db *db, const char *name, const char *pass, size_t passlen,
                     const struct kdf_cost *cost, const char *now, struct kv_error *err);

/* Replace one's own slot (new key pair, new salt) under a new passphrase. */
int keys_passwd(struct db *db, const char *pass, size_t passlen, const struct kdf_cost *cost,
                struct kv_error *err);

/* What a key slot is, judged against the users table (keys_classify). */
enum slot_kind {
    SLOT_KIND_USER,         /* an active user's slot */
    SLOT_KIND_RECOVERY,     /* the recovery slot (header.h) */
    SLOT_KIND_EMPTY,        /* holds no master key (header.h): reported, harmless */
    SLOT_KIND_ORPHAN,       /* no active user of that name: planted or left behind */
    SLOT_KIND_DUPLICATE,    /* a name that has more than one slot */
    SLOT_KIND_BAD_RECOVERY, /* the recovery flag under another name */
    SLOT_KIND_BAD_COST,     /* KDF algorithm or costs out of bounds (keyslot.h): unusable */
};

/* kinds[i] for every slot of h. KV_OK, or an error reading the users table. */
int keys_classify(struct db *db, const struct header *h, enum slot_kind *kinds,
                  struct kv_error *err);
/* A kind that `check` calls unsound and a rotation drops. */
int keys_kind_is_bad(enum slot_kind k);
/* Dutch, for check and user list. */
const char *keys_kind_label(enum slot_kind k);

/* Rotate the master key: write a complete new file beside the old one (same database
 * id, so offline copies still check in), with a new master key sealed to every active
 * user's slot and the recovery slot; orphan, duplicate and false recovery slots are
 * dropped (the running user's own first slot is kept), empty slots stay empty; the
 * pending mark is cleared. Renamed into place. Needs the presence lock exclusively (no
 * other process has the file open): KV_EBUSY otherwise, with nothing changed. A crash
 * leaves the old file whole. Anyone may trigger it (db_open, db_close); db must be
 * closed after. *dropped (may be NULL) gets the number of slots dropped. */
int keys_rotate(struct db *db, int *dropped, struct kv_error *err);

/* keys_rotate on demand, for a beheerder. */
int keys_rekey(struct db *db, int *dropped, struct kv_error *err);

/* Rewrite one's own slot (new key pair and salt, same passphrase) with at least the
 * limits of min when it has less; nothing when it has as much. For offline copies,
 * whose header can be attacked at leisure once a laptop is lost. */
int keys_raise_cost(struct db *db, const char *pass, size_t passlen, const struct kdf_cost *min,
                    struct kv_error *err);

/* Minimum length of a new passphrase, in bytes. */
#define PASSPHRASE_MIN 10

#endif
