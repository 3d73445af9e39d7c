/* client_rows.h: one client's instruments and goals as rows with their database id and
 * version, for the screens that change them (end or extend an instrument, link a goal).
 * The access rule of access.h applies. Dates are day numbers, NO_DATE for none. */
#ifndef KV_STORAGE_CLIENT_ROWS_H
#define KV_STORAGE_CLIENT_ROWS_H

#include "storage/db.h"

#define LINE_MAX_GOAL 512

/* Free texts (results, goal parts, evaluations, comments, intake texts) are read whole
 * onto the heap, never into a fixed buffer that would cut a long report: free the rows
 * with their own _free function. */

struct instrument_row {
    long id, version;
    char code[64], name[160], provider[160], status[24], end_reason[64];
    char *result;
    long start, planned_end, actual_end;
    long long cost_cents;
    int certificate_promised, certificate_received;
    int extensions;
    long goal; /* 0: none */
};

struct goal_row {
    long id, version, plan;
    char *smart[5]; /* S, M, A, R, T */
    long deadline;
    char status[16];
    char *evaluation;
};

/* The latest intake, to start a re-diagnosis from (the new version is a new row).
 * Texts as stored; barriers as a comma list of codes. found is 0 when there is none. */
#define INTAKE_TEXTS 16
struct intake_row {
    long date;
    char *text[INTAKE_TEXTS]; /* in the order of intake_text_keys */
    char barriers[LINE_MAX_GOAL];
};
extern const char *const intake_text_keys[INTAKE_TEXTS];
int client_latest_intake(struct db *db, long client, struct intake_row *out, int *found,
                         struct kv_error *err);
void intake_row_free(struct intake_row *r);

/* Oldest first (by start, then id); free with client_instruments_free. */
int client_instruments(struct db *db, long client, struct instrument_row **out, size_t *n,
                       struct kv_error *err);
void client_instruments_free(struct instrument_row *r, size_t n);
struct plan_row {
    long id;
    long date, discussed_on;
    int agreed; /* 1, 0, or -1 when not recorded */
    int demands_applications;
    char *comments;
};

/* Plan versions, oldest first; free with client_plans_free. */
int client_plans(struct db *db, long client, struct plan_row **out, size_t *n,
                 struct kv_error *err);
void client_plans_free(struct plan_row *p, size_t n);

/* Oldest first; free with client_goals_free. */
int client_goals(struct db *db, long client, struct goal_row **out, size_t *n,
                 struct kv_error *err);
void client_goals_free(struct goal_row *g, size_t n);
/* The id of the client's latest plan version, 0 when there is none. */
int client_latest_plan(struct db *db, long client, long *plan, struct kv_error *err);

#endif
