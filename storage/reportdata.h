/* reportdata.h: the facts management reports are computed from (core/reports.h), read
 * for every client of the team in one read transaction. For a teamleider or
 * kwaliteitsmedewerker (all clients of their team); KV_EAUTH for other roles. */
#ifndef KV_STORAGE_REPORTDATA_H
#define KV_STORAGE_REPORTDATA_H

#include "core/labels.h"
#include "core/reports.h"
#include "storage/db.h"

/* The catalogues' labels (and the instrument catalogue's names, kind "instrument"), for
 * labels_nl: what text and screens show for a code. */
struct catalogue_labels {
    struct labels l; /* points into v */
    struct label *v;
    size_t cap;
};

int reportdata_labels(struct db *db, struct catalogue_labels *out, struct kv_error *err);
void reportdata_labels_free(struct catalogue_labels *l);

struct report_data {
    struct catalogue_labels labels;
    struct rf_client *clients;
    size_t n;
    struct rf_instrument *instruments; /* the clients point into these */
    struct rf_outflow *outflows;
    struct rf_class *classes;
    char **strings; /* owned texts */
    size_t nstrings, capstrings;
    size_t ni, no, nk; /* instruments, outflows, classes filled (loading) */
};

int reportdata_load(struct db *db, struct report_data **out, struct kv_error *err);
void reportdata_free(struct report_data *d);

#endif
