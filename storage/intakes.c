#include "storage/intakes.h"

#include "core/date.h"
#include "storage/cftable.h"
#include "storage/client_rows.h"
#include "storage/records.h"

#include <stdlib.h>

struct barrier_ctx {
    struct db *db;
    const char *now;
    long intake;
    struct kv_error *err;
};

static int add_barrier(const char *code, void *ctx)
{
    struct barrier_ctx *c = ctx;
    return records_run(c->db, NULL, c->err,
                       "INSERT INTO intake_barriers (intake_id, kind, " RECORDS_BK_COLS ") "
                       "VALUES (?1, ?2, ?3, ?3, ?4)",
                       "itt"
                       "t",
                       c->intake, code, c->now, c->db->user);
}

int intakes_add(struct db *db, const struct intake_in *in, const char *now, long *id,
                struct kv_error *err)
{
    int rc;
    if ((rc = records_known(db, "indeling", in->classification, "indeling", err)) != KV_OK ||
        (rc = records_known(db, "trede", in->trede, "trede", err)) != KV_OK ||
        (rc = records_known(db, "werkfit", in->werkfit, "werkfit", err)) != KV_OK ||
        (rc = records_known(db, "uitstroomdoel", in->uitstroomdoel, "uitstroomdoel", err)) !=
            KV_OK ||
        (rc = records_known_list(db, "belemmering", in->barriers, "belemmering", err)) != KV_OK)
        return rc;
    /* The axes in one table: code and motivation side by side. */
    const char *axes[][3] = {{"indeling", in->classification, in->classification_motivation},
                             {"trede", in->trede, in->trede_motivation},
                             {"werkfit", in->werkfit, in->werkfit_motivation}};
    for (size_t i = 1; i < sizeof axes / sizeof axes[0]; i++)
        if (axes[i][1] && *axes[i][1] && (axes[i][2] == NULL || *axes[i][2] == '\0'))
            return kv_error_set(err, KV_EUSAGE, "classification without motivation",
                                "Geef een motivering bij de %s.",
                                i == 1 ? "trede" : "conclusie Werkfit");
    if ((rc = records_mark(db, err)) != KV_OK)
        return rc;
    rc = records_run(
        db, id, err,
        "INSERT INTO intakes (client_id, date, work_history, education, "
        "diplomas, availability, motivation, competences, wishes, regelingen, classification,"
        " classification_motivation, trede, trede_motivation, werkfit, werkfit_motivation, "
        "uitstroomdoel, client_comments, " RECORDS_BK_COLS
        ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
        "?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?19, ?20)",
        "idtttttttttttttttttt", in->client, in->date, in->work_history, in->education, in->diplomas,
        in->availability, in->motivation, in->competences, in->wishes, in->regelingen,
        in->classification, in->classification_motivation, in->trede, in->trede_motivation,
        in->werkfit, in->werkfit_motivation, in->uitstroomdoel, in->client_comments, now, db->user);
    if ((rc = records_judged(db, rc, "intakes", records_last_id(db), now, err)) != KV_OK)
        return rc;
    if (rc == KV_OK) {
        struct barrier_ctx cc = {db, now, *id, err};
        rc = records_each_code(in->barriers, add_barrier, &cc);
    }
    /* The intake classifies on each axis it names, on its date, with that axis's
     * motivation. */
    for (size_t i = 0; rc == KV_OK && i < sizeof axes / sizeof axes[0]; i++)
        if (axes[i][1] && *axes[i][1])
            rc = records_classify(db, in->client, axes[i][0], in->date, axes[i][1], axes[i][2], now,
                                  err);
    return rc;
}

/* The intake columns a form shows, in this order. */
const char *const intakes_text_keys[INTAKE_TEXTS] = {
    "work_history",   "education",
    "diplomas",       "availability",
    "motivation",     "competences",
    "wishes",         "regelingen",
    "classification", "classification_motivation",
    "trede",          "trede_motivation",
    "werkfit",        "werkfit_motivation",
    "uitstroomdoel",  "client_comments",
};

void intakes_row_free(struct intake_row *r)
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
        intakes_row_free(&r[i]);
    free(r);
}

static int fill_intake(void *row, sqlite3_stmt *st)
{
    struct intake_row *r = row;
    int ok = 1;
    r->date = client_rows_day(st, 0);
    for (int i = 0; i < INTAKE_TEXTS; i++)
        ok &= (r->text[i] = client_rows_text(st, 1 + i)) != NULL;
    client_rows_copy(r->barriers, sizeof r->barriers, st, 1 + INTAKE_TEXTS);
    return ok ? 0 : -1;
}

int intakes_latest(struct db *db, long client, struct intake_row *out, int *found,
                   struct kv_error *err)
{
    struct intake_row *v;
    size_t n;
    int rc = client_rows_read(
        db, client,
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

/* Its part of the caseload (caseload.c). */
static void fill_cf_intake(void *r, sqlite3_stmt *st, struct arena **a)
{
    *(struct cf_intake *)r =
        (struct cf_intake){cftable_long(st, 1), cftable_day(st, 2), arena_text(a, st, 3)};
}

const struct cftable intakes_caseload[] = {
    CFTABLE("SELECT client_id, id, date, uitstroomdoel FROM intakes WHERE client_id IN sel "
            "ORDER BY client_id, date",
            cf_intake, intakes, fill_cf_intake),
    {NULL, 0, 0, 0, NULL},
};

/* For the caseload figures (caseload_load_figures): signals read only a client's first
 * and last intake date, both from the index. */
const struct cftable intakes_figures[] = {
    CFTABLE("SELECT client_id, 0, CASE k.n WHEN 0 THEN lo ELSE hi END, NULL FROM (SELECT "
            "client_id, min(date) AS lo, max(date) AS hi FROM intakes WHERE client_id IN sel "
            "GROUP BY client_id) JOIN (SELECT 0 AS n UNION ALL SELECT 1) k ORDER BY client_id",
            cf_intake, intakes, fill_cf_intake),
    {NULL, 0, 0, 0, NULL},
};

/* Its part of a dossier (dossier.c). */
static const struct dsspec_out barriers_out = {"barriers",
                                               "SELECT id AS _id, kind, approach" DS_BK
                                               " FROM intake_barriers WHERE intake_id = ?1 "
                                               "ORDER BY id",
                                               NULL};
static const struct dsspec_out *const intake_parts_out[] = {&barriers_out, NULL};
const struct dsspec_out intakes_out = {
    "intakes",
    "SELECT id AS _id, date, work_history, education, diplomas, availability, motivation, "
    "competences, wishes, regelingen, classification, classification_motivation, trede, "
    "trede_motivation, werkfit, werkfit_motivation, uitstroomdoel, client_comments" DS_BK
    " FROM intakes WHERE client_id = ?1 ORDER BY date, id",
    intake_parts_out};

static const char *const intake_dates[] = {"date", NULL};
static const struct dsspec_code barrier_codes[] = {{"kind", "belemmering"}, {NULL, NULL}};
static const struct dsspec_code intake_codes[] = {{"classification", "classificatie"},
                                                  {"trede", "trede"},
                                                  {"werkfit", "werkfit"},
                                                  {"uitstroomdoel", "uitstroomdoel"},
                                                  {NULL, NULL}};
static const struct dsspec_in barriers_in = {
    "barriers",
    "INSERT INTO intake_barriers (intake_id, kind, approach" DS_IBK ") VALUES (:_parent, "
    ":kind, coalesce(:approach, '')" DS_IBKV ")",
    dsspec_no_dates,
    barrier_codes,
    dsspec_no_refs,
    NULL,
    NULL,
    "intake_barriers"};
static const struct dsspec_in *const intake_parts_in[] = {&barriers_in, NULL};
const struct dsspec_in intakes_in = {
    "intakes",
    "INSERT INTO intakes (client_id, date, work_history, education, diplomas, "
    "availability, motivation, competences, wishes, regelingen, classification, "
    "classification_motivation, trede, trede_motivation, werkfit, werkfit_motivation, "
    "uitstroomdoel, client_comments" DS_IBK ") VALUES "
    "(:_client, :date, coalesce(:work_history, ''), coalesce(:education, ''), "
    "coalesce(:diplomas, ''), coalesce(:availability, ''), coalesce(:motivation, ''), "
    "coalesce(:competences, ''), coalesce(:wishes, ''), coalesce(:regelingen, ''), "
    "coalesce(:classification, ''), coalesce(:classification_motivation, ''), "
    "coalesce(:trede, ''), coalesce(:trede_motivation, ''), coalesce(:werkfit, ''), "
    "coalesce(:werkfit_motivation, ''), "
    "coalesce(:uitstroomdoel, ''), coalesce(:client_comments, '')" DS_IBKV ")",
    intake_dates,
    intake_codes,
    dsspec_no_refs,
    intake_parts_in,
    NULL,
    NULL};

/* Its rows of a client, for retention (purge.c): children first. */
const struct purgespec intakes_purge[] = {
    {"intake_barriers", "intake_id IN (SELECT id FROM intakes WHERE client_id = ?1)"},
    {"intakes", "client_id = ?1"},
    {NULL, NULL},
};
