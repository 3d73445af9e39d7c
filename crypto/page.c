#include "crypto/page.h"

#include "crypto/secmem.h"

#include <pthread.h>
#include <sodium.h>
#include <string.h>

#define KDF_CONTEXT "klantvlg"
enum { SUBKEY_PAGES = 1, SUBKEY_HEADER_MAC = 2 };

struct page_key *page_key_new(const unsigned char master[KV_KEY_BYTES],
                              const unsigned char dbid[KV_DBID_BYTES])
{
    struct page_key *k = secmem_alloc(sizeof *k);
    if (k == NULL)
        return NULL;
    if (crypto_kdf_derive_from_key(k->key, sizeof k->key, SUBKEY_PAGES, KDF_CONTEXT, master) != 0 ||
        crypto_kdf_derive_from_key(k->mackey, sizeof k->mackey, SUBKEY_HEADER_MAC, KDF_CONTEXT,
                                   master) != 0) {
        secmem_free(k);
        return NULL;
    }
    memcpy(k->dbid, dbid, KV_DBID_BYTES);
    return k;
}

void page_key_free(struct page_key *k)
{
    secmem_free(k);
}

/* ---- nonces ------------------------------------------------------------------------
 * Every sealed page takes a fresh random nonce, never one derived from a counter or the
 * page (rollbacks, recovery and VACUUM bring old pages back; a counter would repeat).
 * Asking the kernel for 24 bytes per page costs a system call per write (3-5 us on the
 * project's machine: a third of a seal). So nonces are drawn NONCE_BATCH at a time: 32
 * fresh bytes from the kernel key a ChaCha20 keystream (used once, then wiped), cut into
 * nonces. Each batch is as random as the kernel's bytes and independent of every other.
 * The batch is per thread; a forked child must never take the nonces its parent still
 * holds, so the child handler of pthread_atfork empties the batch (the fork's only
 * thread in the child is the one whose batch was copied). */
#define NONCE_BATCH 64

static _Thread_local struct {
    unsigned char buf[NONCE_BATCH * KV_NONCE_BYTES];
    unsigned left;
} nonces;

static pthread_once_t nonce_once = PTHREAD_ONCE_INIT;

static void nonces_drop(void)
{
    sodium_memzero(nonces.buf, sizeof nonces.buf);
    nonces.left = 0;
}

static void nonces_register_fork(void)
{
    pthread_atfork(NULL, NULL, nonces_drop);
}

static void nonce_fresh(unsigned char out[KV_NONCE_BYTES])
{
    if (nonces.left == 0) {
        static const unsigned char zero[crypto_stream_chacha20_NONCEBYTES];
        unsigned char seed[crypto_stream_chacha20_KEYBYTES];
        pthread_once(&nonce_once, nonces_register_fork);
        randombytes_buf(seed, sizeof seed);
        crypto_stream_chacha20(nonces.buf, sizeof nonces.buf, zero, seed);
        sodium_memzero(seed, sizeof seed);
        nonces.left = NONCE_BATCH;
    }
    unsigned char *n = nonces.buf + --nonces.left * KV_NONCE_BYTES;
    memcpy(out, n, KV_NONCE_BYTES);
    sodium_memzero(n, KV_NONCE_BYTES); /* taken once: never handed out again */
}

#define AD_BASE (KV_DBID_BYTES + 1 + 4)
#define AD_BYTES (AD_BASE + KV_PAGE_AD_EXTRA_MAX)

/* Returns the length used: the database id, the file kind, the page number, then the
 * caller's extra bytes (none for the database and the journal). */
static size_t make_ad(const struct page_key *k, enum page_file f, uint32_t pgno,
                      const unsigned char *extra, size_t extralen, unsigned char ad[AD_BYTES])
{
    memcpy(ad, k->dbid, KV_DBID_BYTES);
    ad[KV_DBID_BYTES] = (unsigned char)f;
    for (int i = 0; i < 4; i++)
        ad[KV_DBID_BYTES + 1 + i] = (unsigned char)(pgno >> (8 * i));
    if (extralen > KV_PAGE_AD_EXTRA_MAX)
        extralen = KV_PAGE_AD_EXTRA_MAX;
    if (extralen > 0)
        memcpy(ad + AD_BASE, extra, extralen);
    return AD_BASE + extralen;
}

void page_seal(const struct page_key *k, enum page_file f, uint32_t pgno, const unsigned char *in,
               unsigned char *out, const unsigned char *nonce)
{
    page_seal_ad(k, f, pgno, NULL, 0, in, out, nonce);
}

int page_open(const struct page_key *k, enum page_file f, uint32_t pgno, const unsigned char *in,
              unsigned char *out)
{
    return page_open_ad(k, f, pgno, NULL, 0, in, out);
}

void page_seal_ad(const struct page_key *k, enum page_file f, uint32_t pgno,
                  const unsigned char *extra, size_t extralen, const unsigned char *in,
                  unsigned char *out, const unsigned char *nonce)
{
    unsigned char ad[AD_BYTES];
    unsigned char *n = out + KV_PAGE_DATA;
    unsigned char *tag = n + KV_NONCE_BYTES;
    size_t adlen = make_ad(k, f, pgno, extra, extralen, ad);
    if (nonce != NULL)
        memcpy(n, nonce, KV_NONCE_BYTES);
    else
        nonce_fresh(n);
    crypto_aead_xchacha20poly1305_ietf_encrypt_detached(out, tag, NULL, in, KV_PAGE_DATA, ad, adlen,
                                                        NULL, n, k->key);
}

int page_open_ad(const struct page_key *k, enum page_file f, uint32_t pgno,
                 const unsigned char *extra, size_t extralen, const unsigned char *in,
                 unsigned char *out)
{
    unsigned char ad[AD_BYTES];
    size_t adlen = make_ad(k, f, pgno, extra, extralen, ad);
    int rc = crypto_aead_xchacha20poly1305_ietf_decrypt_detached(
        out, NULL, in, KV_PAGE_DATA, in + KV_PAGE_DATA + KV_NONCE_BYTES, ad, adlen,
        in + KV_PAGE_DATA, k->key);
    if (rc != 0) {
        memset(out, 0, KV_PAGE_SIZE);
        return -1;
    }
    memset(out + KV_PAGE_DATA, 0, KV_PAGE_RESERVE);
    return 0;
}

/* The frame's extra associated data: the WAL's salt as on disk, the commit size and the
 * frame number, both little-endian. */
static void frame_extra(const struct wal_frame *w, unsigned char extra[16])
{
    memcpy(extra, w->salt, 8);
    for (int i = 0; i < 4; i++) {
        extra[8 + i] = (unsigned char)(w->commit >> (8 * i));
        extra[12 + i] = (unsigned char)(w->index >> (8 * i));
    }
}

void page_seal_frame(const struct page_key *k, const struct wal_frame *w, const unsigned char *in,
                     unsigned char *out, const unsigned char *nonce)
{
    unsigned char extra[16];
    frame_extra(w, extra);
    page_seal_ad(k, PAGE_FILE_WAL, w->pgno, extra, sizeof extra, in, out, nonce);
}

int page_open_frame(const struct page_key *k, const struct wal_frame *w, const unsigned char *in,
                    unsigned char *out)
{
    unsigned char extra[16];
    frame_extra(w, extra);
    return page_open_ad(k, PAGE_FILE_WAL, w->pgno, extra, sizeof extra, in, out);
}
