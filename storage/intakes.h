/* intakes.h: the intake (the first conversation's findings) and its barriers. A writer runs
 * inside the caller's transaction, checks catalogue codes and fills a kv_error in Dutch. */
#ifndef KV_STORAGE_INTAKES_H
#define KV_STORAGE_INTAKES_H

#include "storage/db.h"

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

#endif
