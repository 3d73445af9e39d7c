#include "storage/client_rows.h"

#include "core/casefile.h"
#include "core/date.h"
#include "storage/access.h"
#include "storage/stmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void copy(char *dst, size_t n, sqlite3_stmt *st, int col)
{
    const char *t = (const char *)sqlite3_column_text(st, col);
    snprintf(dst, n, "%s", t ? t : "");
}

/* A free text whole on the heap; NULL when out of memory. */
static char *text(sqlite3_stmt *st, int col)
{
    const char *t = (const char *)sqlite3_column_text(st, col);
    return strdup(t ? t : "");
}

static long day(sqlite3_stmt *st, int col)
{
    long d;
    const char *t = (const char *)sqlite3_column_text(st, col);
    return t && date_parse(t, &d) ? d : NO_DATE;
}

/* Run sql for one client (?1) and fill rows of size elem through fill (-1: out of
 * memory; the row is released with the others through release); the client must be in
 * reach. */
static int rows(struct db *db, long client, const char *sql, size_t elem,
                int (*fill)(void *row, sqlite3_stmt *st), void (*release)(void *v, size_t n),
                void **out, size_t *n, struct kv_error *err)
{
    *out = NULL;
    *n = 0;
    int rc = access_client(db, client, err);
    if (rc != KV_OK)
        return rc;
    sqlite3_stmt *st;
    if ((rc = stmt_prepare(db->sql, &st, sql, "l", client)) != SQLITE_OK)
        return db_fail(db, rc, "client rows", err);
    size_t cap = 0;
    char *v = NULL;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 8;
            char *w = realloc(v, cap * elem);
            if (w == NULL) {
                release(v, *n);
                sqlite3_finalize(st);
                *n = 0;
                return kv_error_nomem(err);
            }
            v = w;
        }
        memset(v + *n * elem, 0, elem);
        if (fill(v + (*n)++ * elem, st) != 0) {
            release(v, *n);
            sqlite3_finalize(st);
            *n = 0;
            return kv_error_nomem(err);
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        release(v, *n);
        *n = 0;
        return db_fail(db, rc, "client rows", err);
    }
    *out = v;
    return KV_OK;
}

void client_instruments_free(struct instrument_row *r, size_t n)
{
    for (size_t i = 0; r && i < n; i++)
        free(r[i].result);
    free(r);
}

static void release_instruments(void *v, size_t n)
{
    client_instruments_free(v, n);
}

static int fill_instrument(void *row, sqlite3_stmt *st)
{
    struct instrument_row *r = row;
    r->id = (long)sqlite3_column_int64(st, 0);
    r->version = (long)sqlite3_column_int64(st, 1);
    copy(r->code, sizeof r->code, st, 2);
    copy(r->name, sizeof r->name, st, 3);
    copy(r->provider, sizeof r->provider, st, 4);
    copy(r->status, sizeof r->status, st, 5);
    copy(r->end_reason, sizeof r->end_reason, st, 6);
    r->result = text(st, 7);
    r->start = day(st, 8);
    r->planned_end = day(st, 9);
    r->actual_end = day(st, 10);
    r->cost_cents = sqlite3_column_int64(st, 11);
    r->certificate_promised = sqlite3_column_int(st, 12);
    r->certificate_received = sqlite3_column_int(st, 13);
    r->extensions = sqlite3_column_int(st, 14);
    r->goal = (long)sqlite3_column_int64(st, 15);
    return r->result ? 0 : -1;
}

int client_instruments(struct db *db, long client, struct instrument_row **out, size_t *n,
                       struct kv_error *err)
{
    return rows(db, client,
                "SELECT i.id, i.version, c.code, c.name, i.provider, i.status, i.end_reason, "
                "i.result, i.start, i.planned_end, i.actual_end, i.cost_cents, "
                "i.certificate_promised, i.certificate_received, (SELECT count(*) FROM "
                "instrument_extensions e WHERE e.instrument_id = i.id), coalesce(i.goal_id, 0) "
                "FROM client_instruments i JOIN instrument_catalogue c ON c.id = i.catalogue_id "
                "WHERE i.client_id = ?1 ORDER BY i.start, i.id",
                sizeof **out, fill_instrument, release_instruments, (void **)out, n, err);
}

void client_goals_free(struct goal_row *g, size_t n)
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
    client_goals_free(v, n);
}

static int fill_goal(void *row, sqlite3_stmt *st)
{
    struct goal_row *r = row;
    int ok = 1;
    r->id = (long)sqlite3_column_int64(st, 0);
    r->version = (long)sqlite3_column_int64(st, 1);
    r->plan = (long)sqlite3_column_int64(st, 2);
    for (int i = 0; i < 5; i++)
        ok &= (r->smart[i] = text(st, 3 + i)) != NULL;
    r->deadline = day(st, 8);
    copy(r->status, sizeof r->status, st, 9);
    ok &= (r->evaluation = text(st, 10)) != NULL;
    return ok ? 0 : -1;
}

int client_goals(struct db *db, long client, struct goal_row **out, size_t *n, struct kv_error *err)
{
    return rows(db, client,
                "SELECT id, version, plan_id, specifiek, meetbaar, acceptabel, realistisch, "
                "tijdgebonden, deadline, status, evaluation FROM goals WHERE client_id = ?1 "
                "ORDER BY id",
                sizeof **out, fill_goal, release_goals, (void **)out, n, err);
}

void client_plans_free(struct plan_row *p, size_t n)
{
    for (size_t i = 0; p && i < n; i++)
        free(p[i].comments);
    free(p);
}

static void release_plans(void *v, size_t n)
{
    client_plans_free(v, n);
}

static int fill_plan(void *row, sqlite3_stmt *st)
{
    struct plan_row *r = row;
    r->id = (long)sqlite3_column_int64(st, 0);
    r->date = day(st, 1);
    r->discussed_on = day(st, 2);
    r->agreed = sqlite3_column_type(st, 3) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 3);
    r->demands_applications = sqlite3_column_int(st, 4);
    r->comments = text(st, 5);
    return r->comments ? 0 : -1;
}

int client_plans(struct db *db, long client, struct plan_row **out, size_t *n, struct kv_error *err)
{
    return rows(db, client,
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

int client_latest_plan(struct db *db, long client, long *plan, struct kv_error *err)
{
    long *ids;
    size_t n;
    int rc = rows(db, client,
                  "SELECT id FROM plans WHERE client_id = ?1 ORDER BY date DESC, "
                  "id DESC LIMIT 1",
                  sizeof *ids, fill_id, release_plain, (void **)&ids, &n, err);
    *plan = rc == KV_OK && n ? ids[0] : 0;
    free(rc == KV_OK ? ids : NULL);
    return rc;
}

/* The intake columns a form shows, in this order. */
const char *const intake_text_keys[INTAKE_TEXTS] = {
    "work_history",   "education",
    "diplomas",       "availability",
    "motivation",     "competences",
    "wishes",         "regelingen",
    "classification", "classification_motivation",
    "trede",          "trede_motivation",
    "werkfit",        "werkfit_motivation",
    "uitstroomdoel",  "client_comments",
};

void intake_row_free(struct intake_row *r)
{
    for (int i = 0; r && i < INTAKE_TEXTS; i++) {
        free(r->text[i]);
        r->text[i] = NULL;
    }
}

static void release_intakes(void *v, size_t n)
{
    struct intake_row *r = v;
    for (size_t i = 0; r && i < n; i++)
        intake_row_free(&r[i]);
    free(r);
}

static int fill_intake(void *row, sqlite3_stmt *st)
{
    struct intake_row *r = row;
    int ok = 1;
    r->date = day(st, 0);
    for (int i = 0; i < INTAKE_TEXTS; i++)
        ok &= (r->text[i] = text(st, 1 + i)) != NULL;
    copy(r->barriers, sizeof r->barriers, st, 1 + INTAKE_TEXTS);
    return ok ? 0 : -1;
}

int client_latest_intake(struct db *db, long client, struct intake_row *out, int *found,
                         struct kv_error *err)
{
    struct intake_row *v;
    size_t n;
    int rc = rows(db, client,
                  "SELECT date, work_history, education, diplomas, availability, "
                  "motivation, competences, wishes, regelingen, classification, "
                  "classification_motivation, trede, trede_motivation, werkfit, "
                  "werkfit_motivation, uitstroomdoel, client_comments, (SELECT "
                  "group_concat(kind, ',') FROM (SELECT kind FROM intake_barriers b WHERE "
                  "b.intake_id = i.id ORDER BY b.id)) FROM intakes i WHERE client_id = ?1 ORDER "
                  "BY date DESC, id DESC LIMIT 1",
                  sizeof *v, fill_intake, release_intakes, (void **)&v, &n, err);
    *found = rc == KV_OK && n > 0;
    if (*found) {
        *out = v[0]; /* its texts now belong to out */
        n = 0;
    }
    if (rc == KV_OK)
        release_intakes(v, n);
    return rc;
}
