/* pagecache.h: the pages one open file has authenticated, kept by their exact bytes on
 * disk. A read whose bytes equal those of the entry for its slot gets the plaintext
 * without decrypting: the same bytes under the same key open to the same plaintext, so
 * nothing is returned that was not authenticated. It serves what SQLite's own cache has
 * dropped: pages beyond its size, and every page after another process's commit, which
 * makes SQLite throw its whole cache away. Direct-mapped by key (a page or frame
 * number); the arrays are allocated on the first put and zeroed when freed. One per open
 * file, which SQLite never uses from two threads at once. */
#ifndef KV_CRYPTO_PAGECACHE_H
#define KV_CRYPTO_PAGECACHE_H

#include <stddef.h>
#include <stdint.h>

struct pagecache;

/* slots entries of raw_len bytes on disk and plain_len of plaintext; slots 0: NULL, no
 * cache (every call below accepts NULL). */
struct pagecache *pagecache_new(size_t slots, size_t raw_len, size_t plain_len);
void pagecache_free(struct pagecache *c);

/* 1 and plain filled when key's entry holds exactly raw; else 0, plain untouched. */
int pagecache_get(struct pagecache *c, uint32_t key, const unsigned char *raw,
                  unsigned char *plain);
/* When the bytes on disk were last known to be an entry's: two equal stamps mean the
 * same bytes, as the caller knows (vfs.c: the WAL generation and how far checkpoints
 * have copied). set 0: no stamp, never equal. */
struct pagestamp {
    uint32_t word[4];
    int set;
};

/* 1 and plain filled when key's entry carries a stamp equal to *now: the bytes on disk
 * need not be read to know they are the entry's. Else 0, plain untouched. */
int pagecache_get_stamped(struct pagecache *c, uint32_t key, const struct pagestamp *now,
                          unsigned char *plain);
/* Stamp key's entry (when there is one) with *s, or take its stamp away. */
void pagecache_stamp(struct pagecache *c, uint32_t key, const struct pagestamp *s);
void pagecache_unstamp(struct pagecache *c, uint32_t key);

/* Keep raw (as on disk) and the plaintext it authenticated as for key, unstamped. */
void pagecache_put(struct pagecache *c, uint32_t key, const unsigned char *raw,
                   const unsigned char *plain);
/* Forget key (its bytes on disk are changing or unknown), or every key. */
void pagecache_drop(struct pagecache *c, uint32_t key);
void pagecache_clear(struct pagecache *c);

#endif
