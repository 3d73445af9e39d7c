#include "crypto/pagecache.h"

#include "crypto/secmem.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

/* Direct-mapped: a key has one slot, key % slots. Eight ways a set with the slot used
 * longest ago replaced was tried (2026-12-06): a caseworker's reminders at 40,000 clients
 * decrypted 32 pages instead of 533, but with report loops and a backup beside thirty
 * paced caseworkers the p99 save went from 24-46 ms to 59-351 ms (eight paired runs),
 * the cause not found; see README, "Many caseworkers on one file". */
struct pagecache {
    size_t slots, raw_len, plain_len;
    uint32_t *keys; /* key + 1 of each slot's entry; 0: empty */
    struct pagestamp *stamps;
    unsigned char *held;  /* 1: the slot's plaintext was ever written (to be wiped) */
    unsigned char *raw;   /* slots * raw_len, NULL until the first put */
    unsigned char *plain; /* slots * plain_len */
};

struct pagecache *pagecache_new(size_t slots, size_t raw_len, size_t plain_len)
{
    if (slots == 0)
        return NULL;
    struct pagecache *c = calloc(1, sizeof *c);
    if (c != NULL)
        *c = (struct pagecache){slots, raw_len, plain_len, NULL, NULL, NULL, NULL, NULL};
    return c;
}

void pagecache_free(struct pagecache *c)
{
    if (c == NULL)
        return;
    /* Only the slots ever used: the rest was never touched, and wiping it would make
     * the whole array resident for nothing. */
    for (size_t s = 0; c->held != NULL && s < c->slots; s++)
        if (c->held[s])
            sodium_memzero(c->plain + s * c->plain_len, c->plain_len);
    free(c->keys);
    free(c->stamps);
    free(c->held);
    free(c->raw);
    free(c->plain);
    free(c);
}

static size_t slot_of(const struct pagecache *c, uint32_t key)
{
    return key % c->slots;
}

int pagecache_get(struct pagecache *c, uint32_t key, const unsigned char *raw, unsigned char *plain)
{
    if (c == NULL || c->keys == NULL)
        return 0;
    size_t s = slot_of(c, key);
    if (c->keys[s] != key + 1 || memcmp(c->raw + s * c->raw_len, raw, c->raw_len) != 0)
        return 0;
    memcpy(plain, c->plain + s * c->plain_len, c->plain_len);
    return 1;
}

static int stamps_equal(const struct pagestamp *a, const struct pagestamp *b)
{
    return a->set && b->set && memcmp(a->word, b->word, sizeof a->word) == 0;
}

int pagecache_get_stamped(struct pagecache *c, uint32_t key, const struct pagestamp *now,
                          unsigned char *plain)
{
    if (c == NULL || c->keys == NULL)
        return 0;
    size_t s = slot_of(c, key);
    if (c->keys[s] != key + 1 || !stamps_equal(&c->stamps[s], now))
        return 0;
    memcpy(plain, c->plain + s * c->plain_len, c->plain_len);
    return 1;
}

void pagecache_stamp(struct pagecache *c, uint32_t key, const struct pagestamp *st)
{
    if (c == NULL || c->keys == NULL)
        return;
    size_t s = slot_of(c, key);
    if (c->keys[s] == key + 1)
        c->stamps[s] = *st;
}

void pagecache_unstamp(struct pagecache *c, uint32_t key)
{
    if (c == NULL || c->keys == NULL)
        return;
    size_t s = slot_of(c, key);
    if (c->keys[s] == key + 1)
        c->stamps[s].set = 0;
}

/* On the first put; a cache that cannot be had is no cache (every get misses). Slots
 * fill at random, a page at a time: in huge pages the first few puts would zero the
 * whole 16 MiB of each array, and thirty processes starting together zeroed 2 GiB inside
 * their first writers' turns (a fifth of the CPU in the first seconds at 40,000 clients,
 * and the slowest percent of the saves; README, "Memory a process touches"). */
static int allocate(struct pagecache *c)
{
    if (c->keys != NULL)
        return 1;
    c->keys = calloc(c->slots, sizeof *c->keys);
    c->stamps = calloc(c->slots, sizeof *c->stamps);
    c->held = calloc(c->slots, 1);
    c->raw = malloc(c->slots * c->raw_len);
    c->plain = malloc(c->slots * c->plain_len);
    if (c->keys != NULL && c->stamps != NULL && c->held != NULL && c->raw != NULL &&
        c->plain != NULL) {
        secmem_avoid_huge_pages(c->raw, c->slots * c->raw_len);
        secmem_avoid_huge_pages(c->plain, c->slots * c->plain_len);
        return 1;
    }
    free(c->keys);
    free(c->stamps);
    free(c->held);
    free(c->raw);
    free(c->plain);
    c->keys = NULL;
    c->stamps = NULL;
    c->held = c->raw = c->plain = NULL;
    return 0;
}

void pagecache_put(struct pagecache *c, uint32_t key, const unsigned char *raw,
                   const unsigned char *plain)
{
    if (c == NULL || !allocate(c))
        return;
    size_t s = slot_of(c, key);
    memcpy(c->raw + s * c->raw_len, raw, c->raw_len);
    memcpy(c->plain + s * c->plain_len, plain, c->plain_len);
    c->keys[s] = key + 1;
    c->stamps[s].set = 0;
    c->held[s] = 1;
}

void pagecache_drop(struct pagecache *c, uint32_t key)
{
    if (c == NULL || c->keys == NULL)
        return;
    size_t s = slot_of(c, key);
    if (c->keys[s] == key + 1)
        c->keys[s] = 0;
}

void pagecache_clear(struct pagecache *c)
{
    if (c != NULL && c->keys != NULL)
        memset(c->keys, 0, c->slots * sizeof *c->keys);
}
