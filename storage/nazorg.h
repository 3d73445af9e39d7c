/* nazorg.h: aftercare after an outflow, with the client's consent and how often. The writer
 * runs inside the caller's transaction and fills a kv_error in Dutch. */
#ifndef KV_STORAGE_NAZORG_H
#define KV_STORAGE_NAZORG_H

#include "storage/db.h"

/* outflow 0: aftercare not tied to an outflow; dates are day numbers. */
int nazorg_add(struct db *db, long client, long outflow, long start, long end, int consent,
               int frequency_days, const char *now, struct kv_error *err);

#endif
