#include "crypto/pagecache.h"

#include "crypto/secmem.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

/* Set-associative: a key may sit in any of the WAYS slots of its set, and a put into a
 * full set takes the slot used longest ago. Direct-mapped, a caseworker's reminders (some
 * 1,800 pages scattered over a 200 MB file) lost a third of their pages to other pages of
 * the same slot on every run, each one read and decrypted again. */
#define WAYS 8

struct pagecache {
    size_t slots, sets, raw_len, plain_len;
    uint32_t tick;  /* counts gets and puts: a slot's last use */
    uint32_t *used; /* tick of each slot's last get or put */
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
    if (c == NULL)
        return NULL;
    c->sets = (slots + WAYS - 1) / WAYS;
    c->slots = c->sets * WAYS;
    c->raw_len = raw_len;
    c->plain_len = plain_len;
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
    free(c->used);
    free(c->keys);
    free(c->stamps);
    free(c->held);
    free(c->raw);
    free(c->plain);
    free(c);
}

/* The slot holding key's entry, or -1. */
static long slot_of(const struct pagecache *c, uint32_t key)
{
    size_t first = (size_t)(key % c->sets) * WAYS;
    for (size_t s = first; s < first + WAYS; s++)
        if (c->keys[s] == key + 1)
            return (long)s;
    return -1;
}

/* Where a put of key goes: its own entry, else an empty slot, else the one of its set
 * used longest ago (ticks compared by their distance from now, so the wrap is harmless). */
static size_t slot_for(const struct pagecache *c, uint32_t key)
{
    long own = slot_of(c, key);
    if (own >= 0)
        return (size_t)own;
    size_t first = (size_t)(key % c->sets) * WAYS, oldest = first;
    for (size_t s = first; s < first + WAYS; s++) {
        if (c->keys[s] == 0)
            return s;
        if ((uint32_t)(c->tick - c->used[s]) > (uint32_t)(c->tick - c->used[oldest]))
            oldest = s;
    }
    return oldest;
}

static void touch(struct pagecache *c, size_t s)
{
    c->used[s] = ++c->tick;
}

int pagecache_get(struct pagecache *c, uint32_t key, const unsigned char *raw, unsigned char *plain)
{
    if (c == NULL || c->keys == NULL)
        return 0;
    long s = slot_of(c, key);
    if (s < 0 || memcmp(c->raw + (size_t)s * c->raw_len, raw, c->raw_len) != 0)
        return 0;
    memcpy(plain, c->plain + (size_t)s * c->plain_len, c->plain_len);
    touch(c, (size_t)s);
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
    long s = slot_of(c, key);
    if (s < 0 || !stamps_equal(&c->stamps[s], now))
        return 0;
    memcpy(plain, c->plain + (size_t)s * c->plain_len, c->plain_len);
    touch(c, (size_t)s);
    return 1;
}

void pagecache_stamp(struct pagecache *c, uint32_t key, const struct pagestamp *st)
{
    if (c == NULL || c->keys == NULL)
        return;
    long s = slot_of(c, key);
    if (s >= 0)
        c->stamps[s] = *st;
}

void pagecache_unstamp(struct pagecache *c, uint32_t key)
{
    if (c == NULL || c->keys == NULL)
        return;
    long s = slot_of(c, key);
    if (s >= 0)
        c->stamps[s].set = 0;
}

/* On the first put; a cache that cannot be had is no cache (every get misses). */
static int allocate(struct pagecache *c)
{
    if (c->keys != NULL)
        return 1;
    c->used = calloc(c->slots, sizeof *c->used);
    c->keys = calloc(c->slots, sizeof *c->keys);
    c->stamps = calloc(c->slots, sizeof *c->stamps);
    c->held = calloc(c->slots, 1);
    c->raw = malloc(c->slots * c->raw_len);
    c->plain = malloc(c->slots * c->plain_len);
    if (c->used != NULL && c->keys != NULL && c->stamps != NULL && c->held != NULL &&
        c->raw != NULL && c->plain != NULL) {
        secmem_prefer_huge_pages(c->raw, c->slots * c->raw_len);
        secmem_prefer_huge_pages(c->plain, c->slots * c->plain_len);
        return 1;
    }
    free(c->used);
    free(c->keys);
    free(c->stamps);
    free(c->held);
    free(c->raw);
    free(c->plain);
    c->used = c->keys = NULL;
    c->stamps = NULL;
    c->held = c->raw = c->plain = NULL;
    return 0;
}

void pagecache_put(struct pagecache *c, uint32_t key, const unsigned char *raw,
                   const unsigned char *plain)
{
    if (c == NULL || !allocate(c))
        return;
    size_t s = slot_for(c, key);
    memcpy(c->raw + s * c->raw_len, raw, c->raw_len);
    memcpy(c->plain + s * c->plain_len, plain, c->plain_len);
    c->keys[s] = key + 1;
    c->stamps[s].set = 0;
    c->held[s] = 1;
    touch(c, s);
}

void pagecache_drop(struct pagecache *c, uint32_t key)
{
    if (c == NULL || c->keys == NULL)
        return;
    long s = slot_of(c, key);
    if (s >= 0)
        c->keys[s] = 0;
}

void pagecache_clear(struct pagecache *c)
{
    if (c != NULL && c->keys != NULL)
        memset(c->keys, 0, c->slots * sizeof *c->keys);
}
