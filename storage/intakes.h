/* intakes.h: the intake (the first conversation's findings) with its barriers: every
 * statement on their tables besides the migrations. The writer runs inside the caller's
 * transaction, checks catalogue codes and fills a kv_error in Dutch; the rest are the
 * parts the generic code walks (caseload, dossier, retention, reports). */
#ifndef KV_STORAGE_INTAKES_H
#define KV_STORAGE_INTAKES_H

#include "storage/client_rows.h"
#include "storage/cftable.h"
#include "storage/db.h"
#include "storage/dsspec.h"
#include "storage/purgespec.h"

struct intake_in {
    long client, date;
    const char *work_history, *education, *diplomas, *availability, *motivation, *competences,
        *wishes, *regelingen, *classification, *classification_motivation, *uitstroomdoel,
        *client_comments;
    /* optional: the ladder step and the Werkfit conclusion, each classified on the
     * intake's date with its own motivation (required when the step or conclusion is) */
    const char *trede, *trede_motivation, *werkfit, *werkfit_motivation;
    const char *barriers; /* comma list of belemmering codes */
};
/* The intake, its barriers, and a classification on each axis it names (on its date). */
int intakes_add(struct db *db, const struct intake_in *in, const char *now, long *id,
                struct kv_error *err);

/* The latest intake, to start a re-diagnosis from (the new version is a new row).
 * Texts as stored; barriers as a comma list of codes. found is 0 when there is none. */
#define INTAKE_TEXTS 16
struct intake_row {
    long date;
    char *text[INTAKE_TEXTS]; /* in the order of intakes_text_keys */
    char barriers[LINE_MAX_GOAL];
};
extern const char *const intakes_text_keys[INTAKE_TEXTS];
int intakes_latest(struct db *db, long client, struct intake_row *out, int *found,
                   struct kv_error *err);
void intakes_row_free(struct intake_row *r);

/* Its tables in the caseload (caseload.c loads them), up to an entry without sql. */
extern const struct cftable intakes_caseload[];
/* Only what the caseload figures read (caseload_load_figures). */
extern const struct cftable intakes_figures[];

/* Its kinds in a dossier: export and import (dossier.c walks them). */
extern const struct dsspec_out intakes_out;
extern const struct dsspec_in intakes_in;

/* Its tables for retention (purge.c), up to an entry without table. */
extern const struct purgespec intakes_purge[];

/* Report facts (reportdata.c): the date of the first intake of client (a column). */
#define INTAKES_FIRST_DATE(client) "(SELECT min(date) FROM intakes WHERE client_id = " client ")"

#endif
