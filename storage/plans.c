#include "storage/plans.h"

#include "storage/cftable.h"
#include "storage/client_rows.h"
#include "storage/records.h"

#include <stdlib.h>

int plans_add(struct db *db, long client, long date, long discussed_on, int agreed,
              int demands_applications, const char *comments, const char *now, long *id,
              struct kv_error *err)
{
    long own = 0;
    int rc = records_mark(db, err);
    if (rc == KV_OK)
        rc = records_run(db, &own, err,
                         "INSERT INTO plans (client_id, date, discussed_on, client_agreed, "
                         "demands_applications, client_comments, " RECORDS_BK_COLS
                         ") VALUES (?1, ?2, ?3, ?4, ?5, "
                         "?6, ?7, ?7, ?8)",
                         "iddiittt", client, date, discussed_on, (long)agreed,
                         (long)demands_applications, comments, now, db->user);
    if (rc == KV_OK && id)
        *id = own;
    return records_judged(db, rc, "plans", own, now, err);
}

int plans_goal_add(struct db *db, const struct goal_in *g, const char *now, long *id,
                   struct kv_error *err)
{
    return records_run(db, id, err,
                       "INSERT INTO goals (plan_id, client_id, specifiek, meetbaar, "
                       "acceptabel, realistisch, tijdgebonden, deadline, status, " RECORDS_BK_COLS
                       ") VALUES "
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
    return records_run(
        db, NULL, err,
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

void plans_goal_rows_free(struct goal_row *g, size_t n)
{
    for (size_t i = 0; g && i < n; i++) {
        for (int k = 0; k < 5; k++)
            free(g[i].smart[k]);
        free(g[i].evaluation);
    }
    free(g);
}

static void release_goals(void *v, size_t n)
{
    plans_goal_rows_free(v, n);
}

static int fill_goal(void *row, sqlite3_stmt *st)
{
    struct goal_row *r = row;
    int ok = 1;
    r->id = (long)sqlite3_column_int64(st, 0);
    r->version = (long)sqlite3_column_int64(st, 1);
    r->plan = (long)sqlite3_column_int64(st, 2);
    for (int i = 0; i < 5; i++)
        ok &= (r->smart[i] = client_rows_text(st, 3 + i)) != NULL;
    r->deadline = client_rows_day(st, 8);
    client_rows_copy(r->status, sizeof r->status, st, 9);
    ok &= (r->evaluation = client_rows_text(st, 10)) != NULL;
    return ok ? 0 : -1;
}

int plans_goal_rows(struct db *db, long client, struct goal_row **out, size_t *n,
                    struct kv_error *err)
{
    return client_rows_read(
        db, client,
        "SELECT id, version, plan_id, specifiek, meetbaar, acceptabel, realistisch, "
        "tijdgebonden, deadline, status, evaluation FROM goals WHERE client_id = ?1 "
        "ORDER BY id",
        sizeof **out, fill_goal, release_goals, (void **)out, n, err);
}

void plans_rows_free(struct plan_row *p, size_t n)
{
    for (size_t i = 0; p && i < n; i++)
        free(p[i].comments);
    free(p);
}

static void release_plans(void *v, size_t n)
{
    plans_rows_free(v, n);
}

static int fill_plan(void *row, sqlite3_stmt *st)
{
    struct plan_row *r = row;
    r->id = (long)sqlite3_column_int64(st, 0);
    r->date = client_rows_day(st, 1);
    r->discussed_on = client_rows_day(st, 2);
    r->agreed = sqlite3_column_type(st, 3) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 3);
    r->demands_applications = sqlite3_column_int(st, 4);
    r->comments = client_rows_text(st, 5);
    return r->comments ? 0 : -1;
}

int plans_rows(struct db *db, long client, struct plan_row **out, size_t *n, struct kv_error *err)
{
    return client_rows_read(db, client,
                            "SELECT id, date, discussed_on, client_agreed, demands_applications,"
                            " client_comments FROM plans WHERE client_id = ?1 ORDER BY id",
                            sizeof **out, fill_plan, release_plans, (void **)out, n, err);
}

static int fill_id(void *row, sqlite3_stmt *st)
{
    *(long *)row = (long)sqlite3_column_int64(st, 0);
    return 0;
}

static void release_plain(void *v, size_t n)
{
    (void)n;
    free(v);
}

int plans_latest(struct db *db, long client, long *plan, struct kv_error *err)
{
    long *ids;
    size_t n;
    int rc = client_rows_read(db, client,
                              "SELECT id FROM plans WHERE client_id = ?1 ORDER BY date DESC, "
                              "id DESC LIMIT 1",
                              sizeof *ids, fill_id, release_plain, (void **)&ids, &n, err);
    *plan = rc == KV_OK && n ? ids[0] : 0;
    free(rc == KV_OK ? ids : NULL);
    return rc;
}

/* Its part of the caseload (caseload.c). */
static void fill_cf_plan(void *r, sqlite3_stmt *st, struct arena **a)
{
    (void)a;
    *(struct cf_plan *)r =
        (struct cf_plan){cftable_long(st, 1), cftable_day(st, 2), sqlite3_column_int(st, 3)};
}

static void fill_cf_goal(void *r, sqlite3_stmt *st, struct arena **a)
{
    struct cf_goal *g = r;
    *g = (struct cf_goal){cftable_long(st, 1),
                          cftable_day(st, 2),
                          sqlite3_column_int(st, 3),
                          arena_text(a, st, 4),
                          {NULL}};
    for (int i = 0; i < 5; i++)
        g->smart[i] = arena_text(a, st, 4 + i);
}

const struct cftable plans_caseload[] = {
    CFTABLE("SELECT client_id, id, date, demands_applications FROM plans WHERE client_id IN sel "
            "ORDER BY client_id, date, id",
            cf_plan, plans, fill_cf_plan),
    CFTABLE("SELECT client_id, id, deadline, status <> 'open', specifiek, meetbaar, acceptabel, "
            "realistisch, tijdgebonden FROM goals "
            "WHERE client_id IN sel ORDER BY client_id, id",
            cf_goal, goals, fill_cf_goal),
    {NULL, 0, 0, 0, NULL},
};

/* For the caseload figures: whether a client has a plan (one row) and the open goals
 * with a deadline, the only goals a signal is made of. */
const struct cftable plans_figures[] = {
    CFTABLE("SELECT client_id, 0, NULL, 0 FROM plans WHERE client_id IN sel GROUP BY client_id "
            "ORDER BY client_id",
            cf_plan, plans, fill_cf_plan),
    CFTABLE("SELECT client_id, id, deadline, 0, NULL, NULL, NULL, NULL, NULL FROM goals "
            "WHERE client_id IN sel AND status = 'open' AND deadline IS NOT NULL "
            "ORDER BY client_id, deadline",
            cf_goal, goals, fill_cf_goal),
    {NULL, 0, 0, 0, NULL},
};

/* Its part of a dossier (dossier.c). */
static const struct dsspec_out goals_out = {
    "goals",
    "SELECT id AS _id, specifiek, meetbaar, acceptabel, realistisch, tijdgebonden, "
    "deadline, status, evaluation" DS_BK " FROM goals WHERE plan_id = ?1 ORDER BY id",
    NULL};
static const struct dsspec_out *const plan_parts_out[] = {&goals_out, NULL};
const struct dsspec_out plans_out = {
    "plans",
    "SELECT id AS _id, date, discussed_on, client_agreed, demands_applications, "
    "client_comments" DS_BK " FROM plans WHERE client_id = ?1 ORDER BY id",
    plan_parts_out};

static const char *const plan_dates[] = {"date", "discussed_on", NULL};
static const char *const goal_dates[] = {"deadline", NULL};
static const struct dsspec_in goals_in = {
    "goals",
    "INSERT INTO goals (plan_id, client_id, specifiek, meetbaar, acceptabel, realistisch, "
    "tijdgebonden, deadline, status, evaluation" DS_IBK ") VALUES (:_parent, :_client, "
    "coalesce(:specifiek, ''), coalesce(:meetbaar, ''), coalesce(:acceptabel, ''), "
    "coalesce(:realistisch, ''), coalesce(:tijdgebonden, ''), :deadline, "
    "coalesce(:status, 'open'), coalesce(:evaluation, '')" DS_IBKV ")",
    goal_dates,
    dsspec_no_codes,
    dsspec_no_refs,
    NULL,
    "goals",
    NULL};
static const struct dsspec_in *const plan_parts_in[] = {&goals_in, NULL};
const struct dsspec_in plans_in = {
    "plans",
    "INSERT INTO plans (client_id, date, discussed_on, client_agreed, "
    "demands_applications, client_comments" DS_IBK ") VALUES (:_client, :date, :discussed_on,"
    " :client_agreed, coalesce(:demands_applications, 0), coalesce(:client_comments, '')" DS_IBKV
    ")",
    plan_dates,
    dsspec_no_codes,
    dsspec_no_refs,
    plan_parts_in,
    NULL,
    NULL};

/* Its rows of a client, for retention (purge.c): children first. */
const struct purgespec plans_purge[] = {
    {"goals", "client_id = ?1"},
    {"plans", "client_id = ?1"},
    {NULL, NULL},
};
