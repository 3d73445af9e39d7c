/* demogen.h: the demo caseload: a deterministic, realistic set of clients and their
 * records, written through storage/records.h. The same seed and "today" give the same
 * database. */
#ifndef KV_CLI_DEMOGEN_H
#define KV_CLI_DEMOGEN_H

#include "storage/db.h"

struct demogen {
    unsigned long long seed;
    long today;                  /* day number */
    const char *now;             /* timestamp for the bookkeeping columns */
    const char *const *caseworkers; /* user names to spread clients over */
    int n_caseworkers;
    int clients;                 /* generated clients, besides the DOMAIN.md cases */
};

/* Write the caseload in one transaction; nothing is written on failure. */
int demogen_run(struct db *db, const struct demogen *g, struct kv_error *err);

#endif
