/* demogen.h: the demo caseload: a deterministic, realistic set of clients and their
 * records, written through storage/records.h. The same seed and "today" give the same
 * database. */
#ifndef KV_CLI_DEMOGEN_H
#define KV_CLI_DEMOGEN_H

#include "storage/db.h"

/* How one caseworker's caseload is made. */
enum demogen_mix { DEMOGEN_MIXED, DEMOGEN_WERK, DEMOGEN_MEEDOEN };
struct demogen_caseload {
    int share;            /* relative number of clients (the norm of the team's kind,
                           * scaled by hours: 85 Werk, 200 Meedoen) */
    enum demogen_mix mix; /* MIXED: Berkelland's classifications; WERK: werk and
                           * perspectief; MEEDOEN: meedoen */
    int backlog;          /* the audits' backlog: clients out of sight, lapsed
                           * re-diagnoses, instruments ended unrecorded; 0: a
                           * caseload kept up, with a handful due each day */
};

struct demogen {
    unsigned long long seed;
    long today;                     /* day number */
    const char *now;                /* timestamp for the bookkeeping columns */
    const char *const *caseworkers; /* user names to spread clients over */
    int n_caseworkers;
    int clients;                          /* generated clients, besides the DOMAIN.md cases */
    const struct demogen_caseload *loads; /* n_caseworkers entries; NULL: the small demo
                                           * as it always was (equal shares, mixed, every
                                           * caseload with the audits' findings) */
};

/* Write the caseload in one transaction; nothing is written on failure. */
int demogen_run(struct db *db, const struct demogen *g, struct kv_error *err);

#endif
