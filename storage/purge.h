/* purge.h: the retention duty. Clients whose case was closed (status afgesloten, with a
 * closing date) before a date are listed, and purged: every record about them deleted
 * in one transaction, the details of their audit entries erased (the chain stays
 * verifiable, audit.h), one "purge" entry per client written, and the file then
 * vacuumed with secure delete on, so their data is gone from the file itself, not only
 * from the tables. Only a beheerder purges; the list shows numbers and dates, no
 * content. */
#ifndef KV_STORAGE_PURGE_H
#define KV_STORAGE_PURGE_H

#include "storage/db.h"

struct purge_item {
    long client;
    char closed_on[11];
    long rows; /* records about the client, the client row included */
};

/* today less the configured bewaartermijn_jaren (7 by default), as YYYY-MM-DD. */
int purge_default_before(struct db *db, long today, char out[11], struct kv_error *err);

/* The clients closed before `before` (YYYY-MM-DD); *items malloc'ed (free()). */
int purge_list(struct db *db, const char *before, struct purge_item **items, size_t *n,
               struct kv_error *err);

/* Purge them. *purged: how many clients. Refused (KV_EAUTH) for any role but beheerder. */
int purge_run(struct db *db, const char *before, size_t *purged, struct kv_error *err);

/* Inside the caller's transaction: delete every record about client (children first),
 * adding the number of rows to *rows. No audit entry; the caller decides what to log. */
int purge_client_rows(struct db *db, long client, long *rows, struct kv_error *err);

#endif
