#include "storage/plans.h"

#include "storage/records.h"

int plans_add(struct db *db, long client, long date, long discussed_on, int agreed,
                     int demands_applications, const char *comments, const char *now, long *id,
                     struct kv_error *err)
{
    long own = 0;
    int rc = records_mark(db, err);
    if (rc == KV_OK)
        rc = records_run(db, &own, err,
                 "INSERT INTO plans (client_id, date, discussed_on, client_agreed, "
                 "demands_applications, client_comments, " RECORDS_BK_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, "
                 "?6, ?7, ?7, ?8)",
                 "iddiittt", client, date, discussed_on, (long)agreed, (long)demands_applications,
                 comments, now, db->user);
    if (rc == KV_OK && id)
        *id = own;
    return records_judged(db, rc, "plans", own, now, err);
}

int plans_goal_add(struct db *db, const struct goal_in *g, const char *now, long *id,
                     struct kv_error *err)
{
    return records_run(db, id, err,
               "INSERT INTO goals (plan_id, client_id, specifiek, meetbaar, "
               "acceptabel, realistisch, tijdgebonden, deadline, status, " RECORDS_BK_COLS ") VALUES "
               "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, coalesce(?9, 'open'), ?10, ?10, ?11)",
               "iitttttdTtt", g->plan, g->client, g->s, g->m, g->a, g->r, g->t, g->deadline,
               g->status, now, db->user);
}

int plans_goal_update(struct db *db, long id, long version, const struct goal_in *g,
                        const char *evaluation, const char *now, struct kv_error *err)
{
    int rc =
        records_same_version(db, "SELECT version, updated_by, updated_at FROM goals WHERE id = ?1",
                             id, version, "doel", NULL, NULL, err);
    if (rc != KV_OK)
        return rc;
    return records_run(db, NULL, err,
               "UPDATE goals SET specifiek = ?3, meetbaar = ?4, acceptabel = ?5, "
               "realistisch = ?6, tijdgebonden = ?7, deadline = ?8, status = coalesce(?9, status), "
               "evaluation = ?10, updated_at = ?11, updated_by = ?12, version = version + 1 "
               "WHERE id = ?1 AND version = ?2",
               "iitttttdTttt", id, version, g->s, g->m, g->a, g->r, g->t, g->deadline, g->status,
               evaluation, now, db->user);
}

int plans_goal_evaluate(struct db *db, long goal, const char *evaluation, const char *now,
                          struct kv_error *err)
{
    return records_run(db, NULL, err,
               "UPDATE goals SET evaluation = ?2, updated_at = ?3, updated_by = ?4, "
               "version = version + 1 WHERE id = ?1",
               "ittt", goal, evaluation, now, db->user);
}
