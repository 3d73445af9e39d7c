/* arena.h: memory for everything a caseload holds (records and their texts), freed at
 * once. An arena starts as NULL and grows in blocks. */
#ifndef KV_STORAGE_ARENA_H
#define KV_STORAGE_ARENA_H

#include <sqlite3.h>
#include <stddef.h>

struct arena;

/* n bytes, aligned for any record; NULL when out of memory. */
void *arena_alloc(struct arena **a, size_t n);
/* A column's text copied into the arena; "" when NULL or out of memory. */
const char *arena_text(struct arena **a, sqlite3_stmt *st, int col);
/* b's blocks become a's (freed with it); b is not used again. Allocation goes on in a's
 * current block. */
void arena_adopt(struct arena **a, struct arena *b);
void arena_free(struct arena *a);

#endif
