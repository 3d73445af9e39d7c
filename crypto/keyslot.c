#include "crypto/keyslot.h"

#include "crypto/secmem.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

const struct kdf_cost KDF_DEFAULT = {crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                     crypto_pwhash_MEMLIMIT_INTERACTIVE};
const struct kdf_cost KDF_TEST_MIN = {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
const struct kdf_cost KDF_OFFLINE = {crypto_pwhash_OPSLIMIT_MODERATE,
                                     crypto_pwhash_MEMLIMIT_MODERATE};

int keyslot_cost_ok(const struct slot *s)
{
    if (s->kdf_alg != crypto_pwhash_ALG_ARGON2ID13 || s->opslimit < crypto_pwhash_OPSLIMIT_MIN ||
        s->opslimit > KDF_MAX_OPSLIMIT || s->memlimit < crypto_pwhash_MEMLIMIT_MIN ||
        s->memlimit > KDF_MAX_MEMLIMIT)
        return -1;
    return 0;
}

/* The wrapped secret key is bound to the user name and public key: a slot's box cannot
 * be moved to another name. Binding to the database is done by the header MAC. */
static void slot_ad(const struct slot *s, unsigned char ad[SLOT_NAME_BYTES + SLOT_PK_BYTES])
{
    memcpy(ad, s->name, SLOT_NAME_BYTES);
    memcpy(ad + SLOT_NAME_BYTES, s->pk, SLOT_PK_BYTES);
}

static int derive_kek(const struct slot *s, const char *pass, size_t passlen, unsigned char *kek)
{
    if (keyslot_cost_ok(s) != 0)
        return -1;
    return crypto_pwhash(kek, KV_KEY_BYTES, pass, passlen, s->salt, s->opslimit,
                         (size_t)s->memlimit, crypto_pwhash_ALG_ARGON2ID13);
}

int keyslot_reseal(struct slot *s, const unsigned char master[KV_KEY_BYTES])
{
    return crypto_box_seal(s->sealed, master, KV_KEY_BYTES, s->pk) == 0 ? KEYSLOT_OK
                                                                        : KEYSLOT_TAMPERED;
}

int keyslot_create(struct slot *s, const char *name, const char *pass, size_t passlen,
                   const struct kdf_cost *cost, const unsigned char master[KV_KEY_BYTES])
{
    unsigned char *sk = secmem_alloc(crypto_box_SECRETKEYBYTES);
    unsigned char *kek = secmem_alloc(KV_KEY_BYTES);
    unsigned char ad[SLOT_NAME_BYTES + SLOT_PK_BYTES];
    int rc = KEYSLOT_NOMEM;
    if (sk == NULL || kek == NULL)
        goto out;
    memset(s, 0, sizeof *s);
    strncpy(s->name, name, SLOT_NAME_BYTES - 1);
    s->kdf_alg = crypto_pwhash_ALG_ARGON2ID13;
    s->opslimit = cost->opslimit;
    s->memlimit = cost->memlimit;
    randombytes_buf(s->salt, sizeof s->salt);
    randombytes_buf(s->sk_nonce, sizeof s->sk_nonce);
    crypto_box_keypair(s->pk, sk);
    if (derive_kek(s, pass, passlen, kek) != 0)
        goto out;
    slot_ad(s, ad);
    crypto_aead_xchacha20poly1305_ietf_encrypt(s->sk_box, NULL, sk, crypto_box_SECRETKEYBYTES, ad,
                                               sizeof ad, NULL, s->sk_nonce, kek);
    rc = keyslot_reseal(s, master);
out:
    secmem_free(sk);
    secmem_free(kek);
    return rc;
}

int keyslot_open(const struct slot *s, const char *pass, size_t passlen, unsigned char *master_out)
{
    unsigned char *sk = secmem_alloc(crypto_box_SECRETKEYBYTES);
    unsigned char *kek = secmem_alloc(KV_KEY_BYTES);
    unsigned char ad[SLOT_NAME_BYTES + SLOT_PK_BYTES];
    int rc = KEYSLOT_NOMEM;
    if (sk == NULL || kek == NULL)
        goto out;
    rc = KEYSLOT_BAD_COST;
    if (keyslot_cost_ok(s) != 0)
        goto out;
    rc = KEYSLOT_WRONG_PASSPHRASE;
    if (derive_kek(s, pass, passlen, kek) != 0)
        goto out;
    slot_ad(s, ad);
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(sk, NULL, NULL, s->sk_box, SLOT_SKBOX_BYTES, ad,
                                                   sizeof ad, s->sk_nonce, kek) != 0)
        goto out;
    /* The passphrase was right; a seal that does not open means the slot was altered. */
    rc = crypto_box_seal_open(master_out, s->sealed, SLOT_SEALED_BYTES, s->pk, sk) == 0
             ? KEYSLOT_OK
             : KEYSLOT_TAMPERED;
out:
    secmem_free(sk);
    secmem_free(kek);
    return rc;
}

int keyslot_make_recovery(struct slot *s, const unsigned char pk[SLOT_PK_BYTES],
                          const unsigned char master[KV_KEY_BYTES])
{
    memset(s, 0, sizeof *s);
    snprintf(s->name, sizeof s->name, "%s", SLOT_RECOVERY_NAME);
    s->flags = SLOT_F_RECOVERY;
    memcpy(s->pk, pk, SLOT_PK_BYTES);
    return keyslot_reseal(s, master);
}

int keyslot_open_recovery(const struct slot *s, const unsigned char sk[32],
                          unsigned char *master_out)
{
    unsigned char pk[crypto_box_PUBLICKEYBYTES];
    if (!(s->flags & SLOT_F_RECOVERY) || crypto_scalarmult_base(pk, sk) != 0 ||
        sodium_memcmp(pk, s->pk, sizeof pk) != 0)
        return KEYSLOT_WRONG_PASSPHRASE;
    return crypto_box_seal_open(master_out, s->sealed, SLOT_SEALED_BYTES, s->pk, sk) == 0
               ? KEYSLOT_OK
               : KEYSLOT_TAMPERED;
}

void keyslot_unseal(struct slot *s)
{
    sodium_memzero(s->sealed, sizeof s->sealed);
}
