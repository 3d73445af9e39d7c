/* config.h: the municipality's settings (the config table), read and written in one
 * place. Signal lead times and contact norms, caseload norms and the retention period
 * each come from keys with a common prefix; unknown or malformed values keep their
 * defaults (a bad setting must not stop the caseworkers' screens). */
#ifndef KV_STORAGE_CONFIG_H
#define KV_STORAGE_CONFIG_H

#include "core/pressure.h"
#include "core/signals.h"
#include "storage/db.h"

#include <stddef.h>

struct config_entry {
    char key[64], value[64];
};

/* Every setting, ordered by key. *out malloc'ed (free()). */
int config_list(struct db *db, struct config_entry **out, size_t *n, struct kv_error *err);

/* The one setting that is text: the municipality's name, which heads the printed reports
 * ("" or absent: not set). */
#define CONFIG_MUNICIPALITY "gemeente"

/* Set an existing key (beheerder); values are whole numbers of 0 to 3650. A caseload norm
 * (norm.caseload.KIND) may be set for any team or cluster, not only the seeded ones;
 * CONFIG_MUNICIPALITY takes a name of up to 63 bytes. */
int config_set(struct db *db, const char *key, const char *value, const char *now,
               struct kv_error *err);

/* Signal configuration: defaults overridden by the config table. Free with
 * config_signals_free. */
int config_signals(struct db *db, struct signal_config *c, struct kv_error *err);
void config_signals_free(struct signal_config *c);

/* Caseload norms per kind of caseload: a classification or a team or cluster (config
 * keys norm.caseload and norm.caseload.KIND, in clients per full-time klantmanager). */
int config_norms(struct db *db, struct pressure_norms *p, struct kv_error *err);
void config_norms_free(struct pressure_norms *p);

/* The whole number under key, or *out unchanged when the key is absent or not a number of
 * 0 to 3650. */
int config_int(struct db *db, const char *key, int *out, struct kv_error *err);

#endif
