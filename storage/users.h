/* users.h: the users table. Who may log in is decided by the key slots in the header
 * (keys.h); this table says who they are and what role they have. */
#ifndef KV_STORAGE_USERS_H
#define KV_STORAGE_USERS_H

#include "core/pressure.h"
#include "storage/db.h"

struct user_rec {
    long id;
    char name[SLOT_NAME_BYTES];
    char display[128];
    int role;
    char team[64];
    double hours; /* per week; 36 is full time (caseload norms scale with it) */
    int active;
    char created_at[32];
    char updated_at[32];
    char updated_by[SLOT_NAME_BYTES];
    int has_slot; /* filled by users_list from the header */
};

/* KV_OK and *found set; *found 0 when there is no such user. */
int users_get(struct db *db, const char *name, struct user_rec *out, int *found,
              struct kv_error *err);

/* All users by name; *out is malloc'ed (free()). */
int users_list(struct db *db, struct user_rec **out, size_t *n, struct kv_error *err);

/* Inside a transaction. */
int users_insert(struct db *db, const struct user_rec *u, const char *now, struct kv_error *err);
int users_set_active(struct db *db, const char *name, int active, const char *now,
                     struct kv_error *err);

/* Set a user's hours per week (beheerder; more than 0, at most 60). KV_EUSAGE for no
 * such user or hours out of range. */
int users_set_hours(struct db *db, const char *name, double hours, const char *now,
                    struct kv_error *err);

/* Number of active users with this role. */
int users_count_active(struct db *db, int role, int *count, struct kv_error *err);

/* Users as users_list gives them, looked up by name: what caseload pressure asks of a
 * klantmanager (her team, her hours). The result's ctx points at idx, which must outlive
 * it; someone not in idx has no team and no hours. */
struct users_index {
    const struct user_rec *u;
    size_t n;
};
struct pressure_people users_pressure_people(const struct users_index *idx);

#endif
