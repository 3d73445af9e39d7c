/* keyslot.h: one user's key slot.
 * Each user has an X25519 key pair. The secret key is wrapped with XChaCha20-Poly1305
 * under a key derived from the passphrase by Argon2id (own salt and cost per slot);
 * the master key is sealed to the public key (crypto_box_seal). So a passphrase change
 * rewrites one slot, and a new master key (rekey) can be sealed to every user without
 * knowing anyone's passphrase. */
#ifndef KV_CRYPTO_KEYSLOT_H
#define KV_CRYPTO_KEYSLOT_H

#include "crypto/header.h"

#include <stddef.h>
#include <stdint.h>

struct kdf_cost {
    uint64_t opslimit;
    uint64_t memlimit;
};

/* libsodium's INTERACTIVE limits: what every new slot gets. */
extern const struct kdf_cost KDF_DEFAULT;
/* The smallest limits libsodium allows: only for unit tests of this module. */
extern const struct kdf_cost KDF_TEST_MIN;
/* libsodium's MODERATE limits: the least an offline copy's slot gets (it leaves the
 * building on a laptop, where its header can be attacked offline at leisure). */
extern const struct kdf_cost KDF_OFFLINE;

/* What a slot may ask of the KDF: libsodium's minimum up to KDF_MAX_OPSLIMIT passes and
 * KDF_MAX_MEMLIMIT bytes. The costs are read before anything is authenticated, so a
 * slot outside these bounds is damage (a huge memlimit or opslimit would stall or kill
 * the login), never tried. */
#define KDF_MAX_OPSLIMIT 16u
#define KDF_MAX_MEMLIMIT (1024ull * 1024 * 1024)

/* KEYSLOT_BAD_COST: algorithm or costs out of bounds; nothing was derived. */
enum keyslot_result {
    KEYSLOT_OK = 0,
    KEYSLOT_WRONG_PASSPHRASE = -1,
    KEYSLOT_TAMPERED = -2,
    KEYSLOT_NOMEM = -3,
    KEYSLOT_BAD_COST = -4
};

/* 0 when the slot's algorithm and costs are within bounds, -1 when not. */
int keyslot_cost_ok(const struct slot *s);

/* Fill s for user name with a new key pair, wrapped under pass and sealing master. */
int keyslot_create(struct slot *s, const char *name, const char *pass, size_t passlen,
                   const struct kdf_cost *cost, const unsigned char master[KV_KEY_BYTES]);

/* Unwrap: master_out (guarded memory of KV_KEY_BYTES) gets the master key. */
int keyslot_open(const struct slot *s, const char *pass, size_t passlen, unsigned char *master_out);

/* Seal a (new) master key to the slot's public key; passphrase untouched. */
int keyslot_reseal(struct slot *s, const unsigned char master[KV_KEY_BYTES]);

/* Recovery: a slot that holds the master key sealed to a public key whose secret half is
 * kept offline by the municipality (no passphrase, no wrapped secret key). Server backups
 * carry one, and their users' slots with the sealed master key wiped (keyslot_unseal), so
 * only the recovery key opens them. */
/* (SLOT_F_RECOVERY and SLOT_RECOVERY_NAME are in header.h.) */

/* Fill s as the recovery slot for pk, sealing master. */
int keyslot_make_recovery(struct slot *s, const unsigned char pk[SLOT_PK_BYTES],
                          const unsigned char master[KV_KEY_BYTES]);

/* Open a recovery slot with the secret key: KEYSLOT_WRONG_PASSPHRASE when sk is not the
 * slot's key or the slot is not a recovery slot. */
int keyslot_open_recovery(const struct slot *s, const unsigned char sk[32],
                          unsigned char *master_out);

/* Wipe the sealed master key: the slot keeps its name and key pair, so a restore can
 * reseal to it, but opens nothing. */
void keyslot_unseal(struct slot *s);

#endif
