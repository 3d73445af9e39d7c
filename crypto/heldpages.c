#include "crypto/heldpages.h"

#include "crypto/secmem.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

struct heldpages {
    size_t max, page_len, n;
    size_t mask;          /* index slots - 1 (a power of two, at least twice max) */
    uint32_t *index;      /* position + 1 of each slot's page; 0: empty */
    uint32_t *pgnos;      /* page number at each position */
    uint32_t *order;      /* held_sorted's answer */
    unsigned char *pages; /* max * page_len, NULL until the first put */
    uint32_t last;
};

struct heldpages *held_new(size_t max, size_t page_len)
{
    if (max == 0 || max > UINT32_MAX / 4)
        return NULL;
    struct heldpages *h = calloc(1, sizeof *h);
    if (h == NULL)
        return NULL;
    size_t slots = 1;
    while (slots < 2 * max)
        slots <<= 1;
    *h = (struct heldpages){.max = max, .page_len = page_len, .mask = slots - 1};
    return h;
}

static void release(struct heldpages *h)
{
    free(h->index);
    free(h->pgnos);
    free(h->order);
    free(h->pages);
    h->index = h->pgnos = h->order = NULL;
    h->pages = NULL;
}

void held_free(struct heldpages *h)
{
    if (h == NULL)
        return;
    held_clear(h);
    release(h);
    free(h);
}

/* On the first put: a buffer that cannot be had holds nothing (writes go through). */
static int allocate(struct heldpages *h)
{
    if (h->pages != NULL)
        return 1;
    h->index = calloc(h->mask + 1, sizeof *h->index);
    h->pgnos = malloc(h->max * sizeof *h->pgnos);
    h->order = malloc(h->max * sizeof *h->order);
    h->pages = malloc(h->max * h->page_len);
    if (h->index != NULL && h->pgnos != NULL && h->order != NULL && h->pages != NULL) {
        secmem_prefer_huge_pages(h->pages, h->max * h->page_len);
        return 1;
    }
    release(h);
    return 0;
}

/* The index slot of pgno: where it is, or the empty slot where it would go. */
static size_t slot_of(const struct heldpages *h, uint32_t pgno)
{
    size_t s = ((size_t)pgno * 2654435761u) & h->mask;
    while (h->index[s] != 0 && h->pgnos[h->index[s] - 1] != pgno)
        s = (s + 1) & h->mask;
    return s;
}

int held_put(struct heldpages *h, uint32_t pgno, const unsigned char *page)
{
    if (h == NULL || !allocate(h))
        return -1;
    size_t s = slot_of(h, pgno);
    if (h->index[s] == 0) {
        if (h->n == h->max)
            return -1;
        h->pgnos[h->n] = pgno;
        h->index[s] = (uint32_t)++h->n;
    }
    memcpy(h->pages + (size_t)(h->index[s] - 1) * h->page_len, page, h->page_len);
    if (pgno > h->last)
        h->last = pgno;
    return 0;
}

const unsigned char *held_get(const struct heldpages *h, uint32_t pgno)
{
    if (h == NULL || h->n == 0)
        return NULL;
    size_t s = slot_of(h, pgno);
    return h->index[s] == 0 ? NULL : h->pages + (size_t)(h->index[s] - 1) * h->page_len;
}

size_t held_count(const struct heldpages *h)
{
    return h == NULL ? 0 : h->n;
}

uint32_t held_last(const struct heldpages *h)
{
    return h == NULL ? 0 : h->last;
}

static int by_number(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

const uint32_t *held_sorted(struct heldpages *h)
{
    if (h == NULL || h->n == 0)
        return NULL;
    memcpy(h->order, h->pgnos, h->n * sizeof *h->order);
    qsort(h->order, h->n, sizeof *h->order, by_number);
    return h->order;
}

void held_clear(struct heldpages *h)
{
    if (h == NULL || h->n == 0)
        return;
    sodium_memzero(h->pages, h->n * h->page_len);
    /* Only the slots in use: clearing the whole index each flush would cost more than
     * the flush saves for a small transaction. All are found before any is emptied, as
     * an emptied slot would cut the probe chains of those after it. */
    for (size_t i = 0; i < h->n; i++)
        h->order[i] = (uint32_t)slot_of(h, h->pgnos[i]);
    for (size_t i = 0; i < h->n; i++)
        h->index[h->order[i]] = 0;
    h->n = 0;
    h->last = 0;
}
