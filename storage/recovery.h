/* recovery.h: backups that only the municipality's recovery key opens, and restoring them.
 * On a shared server a backup must not become a way around the directory only klantvolg
 * may enter: a backup that opened with every passphrase would hand each user, once she holds
 * the file, every client. So a server backup keeps the users' slots with their sealed master
 * key wiped (their key pairs stay, for the restore) and adds one recovery slot, sealed to a
 * public key; its secret half is kept offline. Restoring reseals the master key to every
 * user's key pair, so the restored file opens with the passphrases it had. */
#ifndef KV_STORAGE_RECOVERY_H
#define KV_STORAGE_RECOVERY_H

#include "core/error.h"
#include "crypto/header.h"

#define RECOVERY_KEY_BYTES 32

/* Turn h (a copy of the live header) into a backup's: wipe every slot's sealed master key,
 * add the recovery slot for pk. KV_ERR when there is no room or sealing fails. */
int recovery_seal_header(struct header *h, const unsigned char pk[RECOVERY_KEY_BYTES],
                         const unsigned char master[KV_KEY_BYTES], struct kv_error *err);

/* A new key pair for recovery-key new. */
void recovery_keypair(unsigned char pk[RECOVERY_KEY_BYTES], unsigned char sk[RECOVERY_KEY_BYTES]);

/* Write dest (new; 0600; built under a private name and put in place when complete) from
 * the recovery-sealed backup with secret key sk: the same pages, a header whose users' slots
 * hold the master key again and without the recovery slot. KV_EAUTH for the wrong key,
 * KV_EDAMAGED for a backup that is not one (no recovery slot, header not authentic). */
int recovery_restore(const char *backup, const unsigned char sk[RECOVERY_KEY_BYTES],
                     const char *dest, struct kv_error *err);

#endif
