/* plan.h: the plan van aanpak as a document the client reads, discusses and signs: one
 * self-contained, printable HTML page in Dutch (inline CSS, nothing from the network) with
 * client and klantmanager, when it was discussed, each goal with its SMART parts, the
 * instruments, the open agreements, the client's own comments and two signature blocks.
 * When the client's communication needs say so (laaggeletterd, dyslexie) it uses larger
 * type and plain-language headings. Used by `export --format plan` and the plan tab. */
#ifndef KV_DOC_PLAN_H
#define KV_DOC_PLAN_H

#include "core/error.h"
#include "storage/db.h"

#include <stdio.h>

/* Write the current plan of client to out. The export is logged (dossier_export, "plan")
 * before anything is written. KV_ERR with a Dutch message when the client has no plan;
 * access errors as dossier_export gives them. today: day number, for the "made on" line. */
int plan_write(struct db *db, long client, long today, FILE *out, struct kv_error *err);

/* "plan-van-aanpak-LASTNAME-YYYY-MM-DD.html" for client (letters and digits only, so it is
 * a safe file name), into buf. KV_OK, or the access error. */
int plan_file_name(struct db *db, long client, long today, char *buf, size_t n,
                   struct kv_error *err);

#endif
