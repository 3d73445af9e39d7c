/* outflows.h: a client's outflow (uitstroom), the return to benefit after it, and the
 * follow-ups that check whether the client stayed off benefit: every statement on their
 * tables besides the migrations. Writers run inside the caller's transaction and fill a
 * kv_error in Dutch; dates are day numbers. The rest are the parts the generic code walks
 * (caseload, dossier, retention, reports). */
#ifndef KV_STORAGE_OUTFLOWS_H
#define KV_STORAGE_OUTFLOWS_H

#include "storage/cftable.h"
#include "storage/db.h"
#include "storage/dsspec.h"
#include "storage/purgespec.h"

struct outflow_in {
    long client, date;
    const char *reason, *employer, *contract_kind;
    long contract_end;
    int hours_per_week, partial;
    const char *route;
    long instrument; /* 0: none */
};
int outflows_add(struct db *db, const struct outflow_in *o, const char *now, long *id,
                 struct kv_error *err);
/* A return to benefit after the client's latest outflow (the one the status follows): the
 * status becomes terug. Refused (KV_EUSAGE) without an outflow, before the outflow's date,
 * after today, or when a return is recorded already (the message names its date). */
int outflows_return(struct db *db, long client, long date, long today, const char *now,
                    struct kv_error *err);
int outflows_followup_add(struct db *db, long outflow, int months, long date, int still_off,
                          const char *note, const char *now, struct kv_error *err);

/* Its tables in the caseload (caseload.c loads them), up to an entry without sql. */
extern const struct cftable outflows_caseload[];

/* Its kinds in a dossier: export and import (dossier.c walks them). */
extern const struct dsspec_out outflows_out;
extern const struct dsspec_in outflows_in;
/* The position of outflow col among the client's (?1) outflows in a dossier. */
#define OUTFLOWS_POS(col) DS_POS("outflows", "id", col)

/* Its tables for retention (purge.c), up to an entry without table. */
extern const struct purgespec outflows_purge[];

/* Report facts (reportdata.c), for the clients of the CTE sel: how many outflows, and
 * the outflows by client: client id, date, reason, returned on, the column aftercare (a
 * flag of outflow o, NAZORG_AFTER), route, instrument id (0: none). */
#define OUTFLOWS_REPORT_COUNT "SELECT count(*) FROM outflows WHERE client_id IN sel"
#define OUTFLOWS_REPORT_ROWS(aftercare)                                                            \
    "SELECT o.client_id, o.date, o.reason, o.returned_on, " aftercare ", o.route, "                \
    "coalesce(o.instrument_id, 0) FROM outflows o WHERE o.client_id IN sel ORDER BY "              \
    "o.client_id, o.date, o.id"

#endif
