#include "storage/intakes.h"

#include "core/date.h"
#include "storage/records.h"

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
        (rc = records_known(db, "uitstroomdoel", in->uitstroomdoel, "uitstroomdoel", err)) != KV_OK ||
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
    rc = records_run(db, id, err,
             "INSERT INTO intakes (client_id, date, work_history, education, "
             "diplomas, availability, motivation, competences, wishes, regelingen, classification,"
             " classification_motivation, trede, trede_motivation, werkfit, werkfit_motivation, "
             "uitstroomdoel, client_comments, " RECORDS_BK_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
             "?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?19, ?20)",
             "idtttttttttttttttttt", in->client, in->date, in->work_history, in->education,
             in->diplomas, in->availability, in->motivation, in->competences, in->wishes,
             in->regelingen, in->classification, in->classification_motivation, in->trede,
             in->trede_motivation, in->werkfit, in->werkfit_motivation, in->uitstroomdoel,
             in->client_comments, now, db->user);
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
