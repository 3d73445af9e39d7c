/* plans.h: the plan van aanpak and its SMART goals. Writers run inside the caller's
 * transaction and fill a kv_error in Dutch; dates are day numbers (NO_DATE: none). */
#ifndef KV_STORAGE_PLANS_H
#define KV_STORAGE_PLANS_H

#include "storage/db.h"

int plans_add(struct db *db, long client, long date, long discussed_on, int agreed,
              int demands_applications, const char *comments, const char *now, long *id,
              struct kv_error *err);

struct goal_in {
    long plan, client;
    const char *s, *m, *a, *r, *t;
    long deadline;
    const char *status; /* open, behaald, niet_behaald, vervallen */
};
int plans_goal_add(struct db *db, const struct goal_in *g, const char *now, long *id,
                   struct kv_error *err);

/* Change a goal (its parts, deadline, status, evaluation) from the version the editor
 * read; KV_ECONFLICT when someone saved it since (records_same_version). */
int plans_goal_update(struct db *db, long id, long version, const struct goal_in *g,
                      const char *evaluation, const char *now, struct kv_error *err);

/* The evaluation of a goal (how it went), written after adding or on review. */
int plans_goal_evaluate(struct db *db, long goal, const char *evaluation, const char *now,
                        struct kv_error *err);

#endif
