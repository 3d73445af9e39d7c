#include "crypto/page.h"

#include "crypto/secmem.h"

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

#define AD_BYTES (KV_DBID_BYTES + 1 + 4)
#define FRAME_AD_BYTES (AD_BYTES + KV_FRAME_BOUND)

static void make_ad(const struct page_key *k, enum page_file f, uint32_t pgno,
                    unsigned char ad[AD_BYTES])
{
    memcpy(ad, k->dbid, KV_DBID_BYTES);
    ad[KV_DBID_BYTES] = (unsigned char)f;
    for (int i = 0; i < 4; i++)
        ad[KV_DBID_BYTES + 1 + i] = (unsigned char)(pgno >> (8 * i));
}

static void seal_ad(const struct page_key *k, const unsigned char *ad, size_t adlen,
                    const unsigned char *in, unsigned char *out, const unsigned char *nonce)
{
    unsigned char *n = out + KV_PAGE_DATA;
    unsigned char *tag = n + KV_NONCE_BYTES;
    if (nonce != NULL)
        memcpy(n, nonce, KV_NONCE_BYTES);
    else
        randombytes_buf(n, KV_NONCE_BYTES);
    crypto_aead_xchacha20poly1305_ietf_encrypt_detached(out, tag, NULL, in, KV_PAGE_DATA, ad,
                                                        adlen, NULL, n, k->key);
}

static int open_ad(const struct page_key *k, const unsigned char *ad, size_t adlen,
                   const unsigned char *in, unsigned char *out)
{
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

void page_seal(const struct page_key *k, enum page_file f, uint32_t pgno,
               const unsigned char *in, unsigned char *out, const unsigned char *nonce)
{
    unsigned char ad[AD_BYTES];
    make_ad(k, f, pgno, ad);
    seal_ad(k, ad, sizeof ad, in, out, nonce);
}

int page_open(const struct page_key *k, enum page_file f, uint32_t pgno,
              const unsigned char *in, unsigned char *out)
{
    unsigned char ad[AD_BYTES];
    make_ad(k, f, pgno, ad);
    return open_ad(k, ad, sizeof ad, in, out);
}

/* A frame's page number comes from its header (big-endian, as SQLite wrote it); the
 * commit size and both salts follow as the raw header bytes 4-15. */
static void make_frame_ad(const struct page_key *k, const unsigned char *fhdr,
                          unsigned char ad[FRAME_AD_BYTES])
{
    uint32_t pgno = ((uint32_t)fhdr[0] << 24) | ((uint32_t)fhdr[1] << 16) |
                    ((uint32_t)fhdr[2] << 8) | fhdr[3];
    make_ad(k, PAGE_FILE_WAL, pgno, ad);
    memcpy(ad + AD_BYTES, fhdr + 4, KV_FRAME_BOUND);
}

void frame_seal(const struct page_key *k, const unsigned char *fhdr, const unsigned char *in,
                unsigned char *out, const unsigned char *nonce)
{
    unsigned char ad[FRAME_AD_BYTES];
    make_frame_ad(k, fhdr, ad);
    seal_ad(k, ad, sizeof ad, in, out, nonce);
}

int frame_open(const struct page_key *k, const unsigned char *fhdr, const unsigned char *in,
               unsigned char *out)
{
    unsigned char ad[FRAME_AD_BYTES];
    make_frame_ad(k, fhdr, ad);
    return open_ad(k, ad, sizeof ad, in, out);
}
