/* catalogue.h: the catalogues and configuration a beheerder maintains: classification
 * schemes, doelgroepen, barriers, reasons, routes, channels, instruments, and the config
 * keys (lead times, norms, weights). Entries are disabled, never deleted: old records
 * keep pointing at them. */
#ifndef KV_STORAGE_CATALOGUE_H
#define KV_STORAGE_CATALOGUE_H

#include "storage/db.h"

struct catalogue_entry {
    char kind[32], code[64], label[160], grp[48];
    int active;
};

/* Entries of one kind, or of all kinds (kind NULL); *out malloc'ed. */
int catalogue_list(struct db *db, const char *kind, struct catalogue_entry **out, size_t *n,
                   struct kv_error *err);

/* Add an entry (beheerder); the kind must exist already. */
int catalogue_add(struct db *db, const char *kind, const char *code, const char *label,
                  const char *now, struct kv_error *err);

/* Disable (active 0) or enable an entry (beheerder). */
int catalogue_set_active(struct db *db, const char *kind, const char *code, int active,
                         const char *now, struct kv_error *err);

/* Is code an entry of catalogue kind (only active entries when active_only)? Kind
 * "classificatie" stands for any of the three classification kinds (indeling, trede,
 * werkfit), as older files name them. 1 yes,
 * 0 no, -1 on a database error (sqlite3_errcode tells which). */
int catalogue_has(struct db *db, const char *kind, const char *code, int active_only);

/* The municipality as the gemeente catalogue names it (its label), for a name typed in
 * any case or its code: a typo at registration must not reach the council reports. A
 * file whose catalogue has no gemeente yet accepts any name as typed; "" stays "". An
 * unknown one is KV_EUSAGE listing the known ones. */
int catalogue_municipality(struct db *db, const char *typed, char out[160], struct kv_error *err);

/* An instrument's defaults: planned days, maximum days (0: none) and cost in cents.
 * KV_ERR when the code is not in the instrument catalogue. */
int catalogue_instrument(struct db *db, const char *code, int *default_days, int *max_days,
                         long long *cost_cents, struct kv_error *err);

#endif
