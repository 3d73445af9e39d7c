/* nazorg.h: aftercare after an outflow, with the client's consent and how often: every
 * statement on its table besides the migrations. The writer runs inside the caller's
 * transaction and fills a kv_error in Dutch; the rest are the parts the generic code
 * walks (caseload, dossier, retention, reports). */
#ifndef KV_STORAGE_NAZORG_H
#define KV_STORAGE_NAZORG_H

#include "storage/cftable.h"
#include "storage/db.h"
#include "storage/dsspec.h"
#include "storage/purgespec.h"

/* outflow 0: aftercare not tied to an outflow; dates are day numbers. */
int nazorg_add(struct db *db, long client, long outflow, long start, long end, int consent,
               int frequency_days, const char *now, struct kv_error *err);

/* Its tables in the caseload (caseload.c loads them), up to an entry without sql. */
extern const struct cftable nazorg_caseload[];

/* Its kinds in a dossier: export and import (dossier.c walks them). */
extern const struct dsspec_out nazorg_out;
extern const struct dsspec_in nazorg_in;
/* The position of nazorg col among the client's (?1) nazorg in a dossier. */
#define NAZORG_POS(col) DS_POS("nazorg", "id", col)

/* Its tables for retention (purge.c), up to an entry without table. */
extern const struct purgespec nazorg_purge[];

/* Report facts (reportdata.c): whether outflow (a column) has aftercare, as a column. */
#define NAZORG_AFTER(outflow) "EXISTS (SELECT 1 FROM nazorg z WHERE z.outflow_id = " outflow ")"

#endif
