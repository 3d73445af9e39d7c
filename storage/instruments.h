/* instruments.h: a client's instruments (from the instrument catalogue) and their
 * extensions: every statement on their tables besides the migrations. Writers run inside
 * the caller's transaction and fill a kv_error in Dutch; dates are day numbers (NO_DATE:
 * none), money is cents. The rest are the rows for editing and the parts the generic
 * code walks (caseload, dossier, retention, reports). */
#ifndef KV_STORAGE_INSTRUMENTS_H
#define KV_STORAGE_INSTRUMENTS_H

#include "storage/cftable.h"
#include "storage/db.h"
#include "storage/dsspec.h"
#include "storage/purgespec.h"

struct instrument_in {
    long client;
    const char *code;        /* instrument catalogue code */
    long goal;               /* 0: none */
    long start, planned_end; /* planned_end NO_DATE: start + the catalogue's default days */
    long cost_cents;         /* -1: the catalogue's default cost */
    const char *status;      /* gepland, lopend, afgerond, voortijdig_gestopt */
    long actual_end;
    const char *end_reason, *result;
    int certificate_promised, certificate_received;
};
int instruments_add(struct db *db, const struct instrument_in *in, const char *now, long *id,
                    struct kv_error *err);

/* End a running instrument: status afgerond or voortijdig_gestopt, the end date (not
 * before the start), an end reason from the catalogue and a result, both required.
 * version is the one the caller read: when someone saved the instrument since, nothing
 * changes and the result is KV_ECONFLICT, the message naming who changed it and when. */
int instruments_end(struct db *db, long id, long version, long actual_end, const char *status,
                    const char *end_reason, const char *result, int certificate_received,
                    const char *now, struct kv_error *err);
/* Extend the planned end to new_end (after the current one) with a reason (required);
 * the old and new end stay in instrument_extensions. Same version rule as above. */
int instruments_extend(struct db *db, long id, long version, long new_end, const char *reason,
                       const char *now, struct kv_error *err);

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

/* The client's instruments, oldest first (by start, then id), with their id and version
 * for editing; the access rule applies. Free with instruments_rows_free. */
int instruments_rows(struct db *db, long client, struct instrument_row **out, size_t *n,
                     struct kv_error *err);
void instruments_rows_free(struct instrument_row *r, size_t n);

/* Its tables in the caseload (caseload.c loads them), up to an entry without sql. */
extern const struct cftable instruments_caseload[];
/* Only what the caseload figures read (caseload_load_figures). */
extern const struct cftable instruments_figures[];

/* Its kinds in a dossier: export and import (dossier.c walks them). */
extern const struct dsspec_out instruments_out;
extern const struct dsspec_in instruments_in;
/* The position of instrument col among the client's (?1) instruments in a dossier. */
#define INSTRUMENTS_POS(col) DS_POS("client_instruments", "id", col)

/* Its tables for retention (purge.c), up to an entry without table. */
extern const struct purgespec instruments_purge[];

/* Report facts (reportdata.c), for the clients of the CTE sel: how many instruments
 * began (not gepland), and those instruments by client: client id, code, provider,
 * status, end reason, start, actual end, cost in cents, id. */
#define INSTRUMENTS_REPORT_COUNT                                                                   \
    "SELECT count(*) FROM client_instruments WHERE client_id IN sel AND status <> 'gepland'"
#define INSTRUMENTS_REPORT_ROWS                                                                    \
    "SELECT i.client_id, c.code, i.provider, i.status, i.end_reason, i.start, i.actual_end, "      \
    "i.cost_cents, i.id FROM client_instruments i JOIN instrument_catalogue c ON c.id = "          \
    "i.catalogue_id WHERE i.client_id IN sel AND i.status <> 'gepland' ORDER BY i.client_id, "     \
    "i.start, i.id"

#endif
