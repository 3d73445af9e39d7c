/* plans.h: the plan van aanpak and its SMART goals: every statement on their tables
 * besides the migrations. Writers run inside the caller's transaction and fill a kv_error
 * in Dutch; dates are day numbers (NO_DATE: none). The rest are the rows for editing and
 * the parts the generic code walks (caseload, dossier, retention, reports). */
#ifndef KV_STORAGE_PLANS_H
#define KV_STORAGE_PLANS_H

#include "storage/cftable.h"
#include "storage/db.h"
#include "storage/dsspec.h"
#include "storage/purgespec.h"

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

struct plan_row {
    long id;
    long date, discussed_on;
    int agreed; /* 1, 0, or -1 when not recorded */
    int demands_applications;
    char *comments;
};

/* Plan versions, oldest first; the access rule applies. Free with plans_rows_free. */
int plans_rows(struct db *db, long client, struct plan_row **out, size_t *n, struct kv_error *err);
void plans_rows_free(struct plan_row *p, size_t n);

struct goal_row {
    long id, version, plan;
    char *smart[5]; /* S, M, A, R, T */
    long deadline;
    char status[16];
    char *evaluation;
};

/* The client's goals, oldest first; free with plans_goal_rows_free. */
int plans_goal_rows(struct db *db, long client, struct goal_row **out, size_t *n,
                    struct kv_error *err);
void plans_goal_rows_free(struct goal_row *g, size_t n);
/* The id of the client's latest plan version, 0 when there is none. */
int plans_latest(struct db *db, long client, long *plan, struct kv_error *err);

/* Its tables in the caseload (caseload.c loads them), up to an entry without sql. */
extern const struct cftable plans_caseload[];
/* Only what the caseload figures read (caseload_load_figures). */
extern const struct cftable plans_figures[];

/* Its kinds in a dossier: export and import (dossier.c walks them). */
extern const struct dsspec_out plans_out;
extern const struct dsspec_in plans_in;
/* The position of goal col among the client's (?1) goals in a dossier: numbered across
 * all plans. */
#define PLANS_GOAL_POS(col)                                                                        \
    "(SELECT n FROM (SELECT g.id, row_number() OVER (ORDER BY p.id, g.id) - 1 AS n FROM goals g "  \
    "JOIN plans p ON p.id = g.plan_id WHERE g.client_id = ?1) WHERE id = " col ")"

/* Its tables for retention (purge.c), up to an entry without table. */
extern const struct purgespec plans_purge[];

/* Report facts (reportdata.c): the date of the first plan of client (a column). */
#define PLANS_FIRST_DATE(client) "(SELECT min(date) FROM plans WHERE client_id = " client ")"

#endif
