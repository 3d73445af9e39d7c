#include "storage/arena.h"

#include <stdlib.h>
#include <string.h>

struct arena {
    struct arena *next;
    size_t used, cap;
    unsigned char data[];
};

void *arena_alloc(struct arena **a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (*a == NULL || (*a)->used + n > (*a)->cap) {
        size_t cap = n > 65536 ? n : 65536;
        struct arena *b = malloc(sizeof *b + cap);
        if (b == NULL)
            return NULL;
        b->next = *a;
        b->used = 0;
        b->cap = cap;
        *a = b;
    }
    void *p = (*a)->data + (*a)->used;
    (*a)->used += n;
    return p;
}

const char *arena_text(struct arena **a, sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    size_t n = t ? strlen((const char *)t) : 0;
    char *p = arena_alloc(a, n + 1);
    if (p != NULL) {
        memcpy(p, t ? (const char *)t : "", n);
        p[n] = '\0';
    }
    return p ? p : "";
}

void arena_adopt(struct arena **a, struct arena *b)
{
    struct arena **tail = a;
    while (*tail != NULL)
        tail = &(*tail)->next;
    *tail = b;
}

void arena_free(struct arena *a)
{
    while (a != NULL) {
        struct arena *next = a->next;
        free(a);
        a = next;
    }
}
