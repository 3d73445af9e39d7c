/* heldpages.h: pages a database file was given under an exclusive lock in rollback mode,
 * held back in plaintext until they must reach the disk (a sync, the lock's end, a
 * truncation, a full buffer). A transaction larger than SQLite's cache writes the same
 * pages out again and again (a cache spill); plain SQLite hands each to the kernel's page
 * cache for a copy, where here each would cost a seal. Held back, each page is sealed once
 * per flush. SQLite's crash model allows it: a write not yet synced may be lost, and no
 * other connection reads the file while the writer holds its exclusive lock. At most max
 * pages; one per open file, never used from two threads at once. */
#ifndef KV_CRYPTO_HELDPAGES_H
#define KV_CRYPTO_HELDPAGES_H

#include <stddef.h>
#include <stdint.h>

struct heldpages;

/* Room for max pages of page_len bytes, allocated at the first put; max 0: NULL (held
 * pages off; every call below accepts NULL). */
struct heldpages *held_new(size_t max, size_t page_len);
/* Wipes what it held. */
void held_free(struct heldpages *h);

/* Keep page as pgno's latest contents (replacing an earlier one). 0, or -1 when full
 * (flush first) or when memory cannot be had (write it through). */
int held_put(struct heldpages *h, uint32_t pgno, const unsigned char *page);
/* pgno's held contents, or NULL. */
const unsigned char *held_get(const struct heldpages *h, uint32_t pgno);
size_t held_count(const struct heldpages *h);
/* The highest page number held, 0 when none. */
uint32_t held_last(const struct heldpages *h);

/* The numbers of the held pages in ascending order (held_count of them, in an array the
 * buffer owns, valid until the next call), or NULL when none; the contents stay held
 * until held_clear. */
const uint32_t *held_sorted(struct heldpages *h);
/* Forget every page (wiping its plaintext). */
void held_clear(struct heldpages *h);

#endif
