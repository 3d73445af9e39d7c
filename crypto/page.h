/* page.h: sealing one database or journal page.
 * A page is KV_PAGE_SIZE bytes; SQLite leaves the last KV_PAGE_RESERVE bytes unused,
 * and there we keep a random 24-byte nonce and the 16-byte Poly1305 tag. The first
 * KV_PAGE_DATA bytes are encrypted with XChaCha20-Poly1305; the associated data binds
 * the page to the database id, the kind of file and the page number, so a page cannot
 * be moved within a file, between files, or between databases unnoticed. */
#ifndef KV_CRYPTO_PAGE_H
#define KV_CRYPTO_PAGE_H

#include <stddef.h>
#include <stdint.h>

#define KV_PAGE_SIZE 4096
#define KV_NONCE_BYTES 24
#define KV_TAG_BYTES 16
#define KV_PAGE_RESERVE (KV_NONCE_BYTES + KV_TAG_BYTES)
#define KV_PAGE_DATA (KV_PAGE_SIZE - KV_PAGE_RESERVE)
#define KV_KEY_BYTES 32
#define KV_DBID_BYTES 16

enum page_file { PAGE_FILE_DB = 'D', PAGE_FILE_JOURNAL = 'J', PAGE_FILE_WAL = 'W' };

/* At most this many caller bytes may follow the page number in the associated data. */
#define KV_PAGE_AD_EXTRA_MAX 32

/* Key material for pages of one database; allocated in guarded memory. */
struct page_key {
    unsigned char key[KV_KEY_BYTES];    /* derived from the master key */
    unsigned char mackey[KV_KEY_BYTES]; /* for the header MAC */
    unsigned char dbid[KV_DBID_BYTES];
};

/* Derive the page and header keys from a master key; NULL when out of memory. */
struct page_key *page_key_new(const unsigned char master[KV_KEY_BYTES],
                              const unsigned char dbid[KV_DBID_BYTES]);
void page_key_free(struct page_key *k);

/* Encrypt a whole page from in to out (may not overlap). nonce NULL means a fresh
 * random one, which is what every real write uses; a fixed nonce is for the golden
 * vector. The reserve bytes of in are ignored. */
void page_seal(const struct page_key *k, enum page_file f, uint32_t pgno, const unsigned char *in,
               unsigned char *out, const unsigned char *nonce);

/* Decrypt and authenticate; out gets the plaintext with its reserve bytes zeroed, as
 * SQLite had them in memory. Returns 0, or -1 when the page is not authentic (out is
 * then zeroed: no unauthenticated byte ever reaches SQLite). */
int page_open(const struct page_key *k, enum page_file f, uint32_t pgno, const unsigned char *in,
              unsigned char *out);

/* The same with extra associated data after the page number (a WAL frame binds its
 * WAL's salt, commit size and frame number: see vfs.c). page_seal and page_open are
 * these with no extra bytes. */
void page_seal_ad(const struct page_key *k, enum page_file f, uint32_t pgno,
                  const unsigned char *extra, size_t extralen, const unsigned char *in,
                  unsigned char *out, const unsigned char *nonce);
int page_open_ad(const struct page_key *k, enum page_file f, uint32_t pgno,
                 const unsigned char *extra, size_t extralen, const unsigned char *in,
                 unsigned char *out);

/* A page in a frame of the write-ahead log: besides its page number it is bound to the
 * WAL's salt (a frame of an earlier WAL generation, or of another WAL, does not open), to
 * the commit size its frame header gives (SQLite's checksums are not keyed: without
 * this a frame inside a transaction could be made its end) and to its frame number
 * (1-based) within the WAL. */
struct wal_frame {
    unsigned char salt[8]; /* bytes 16..23 of the WAL header, as on disk */
    uint32_t pgno, commit, index;
};
void page_seal_frame(const struct page_key *k, const struct wal_frame *w, const unsigned char *in,
                     unsigned char *out, const unsigned char *nonce);
int page_open_frame(const struct page_key *k, const struct wal_frame *w, const unsigned char *in,
                    unsigned char *out);

#endif
