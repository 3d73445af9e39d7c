/* drafts.h: a form that could not be finished (the connection dropped, the process was
 * told to stop, the screen locked) kept inside the encrypted database, one per user,
 * until it is taken up again or thrown away. Storage keeps the text; the screens decide
 * what it means. */
#ifndef KV_STORAGE_DRAFTS_H
#define KV_STORAGE_DRAFTS_H

#include "storage/db.h"

struct draft {
    char kind[32];
    long client, record, version; /* 0 when not applicable */
    char saved_at[20];
    char *body; /* malloc'ed; free with draft_free */
};

/* Keep the user's draft, replacing an older one; one short transaction of its own. */
int drafts_put(struct db *db, const char *kind, long client, long record, long version,
               const char *body, const char *now, struct kv_error *err);

/* The user's draft, if any (*found 0 when none). */
int drafts_get(struct db *db, struct draft *out, int *found, struct kv_error *err);

/* Throw the user's draft away (taken up or refused). */
int drafts_drop(struct db *db, struct kv_error *err);

void draft_free(struct draft *d);

#endif
