/* figures_summary.h: the per-client summary the pressure screen and the team's werkvoorraad
 * read. figures_summary holds one row per client, its figures case file as figures_blob
 * encodes it; figures_dirty the clients whose row is stale, marked by triggers on every
 * table the figures read (the migrations SCHEMA_FIGURES and SCHEMA_FIGURES_REFILL), so no
 * write path can forget it. The commit pipeline
 * (db_commit) rewrites the marked rows inside the same transaction; after an untracked
 * write they wait for the next commit, and caseload_load_figures reads them narrowly
 * meanwhile. Both tables are derived: not tracked, logged, exported or checked in. */
#ifndef KV_STORAGE_FIGURES_SUMMARY_H
#define KV_STORAGE_FIGURES_SUMMARY_H

#include "storage/caseload.h"
#include "storage/db.h"

/* caseload_load_figures(SCOPE_ALL)'s caseload, for the pressure screen and the team's
 * werkvoorraad (which reads no running instrument's name: it is not kept): for a user who
 * sees every client of the municipality, one scan of the summary rows, decoded (the
 * status derived on db->today, the klantmanager named from users), with the clients
 * marked stale, and any row of another version or malformed, read narrowly, all in one
 * read transaction; for a teamleider of one team, or a file before the summary,
 * caseload_load_figures itself. */
int figures_summary_load(struct db *db, struct caseload **out, struct kv_error *err);

/* Inside a write transaction: every marked client's row rewritten (read narrowly, encoded,
 * upserted; a client gone loses its row) and figures_dirty emptied. KV_OK at once when
 * nothing is marked or the file predates the summary. */
int figures_summary_refresh(struct db *db, struct kv_error *err);

/* The same in a transaction of its own (after the migration, which marks every client). */
int figures_summary_fill(struct db *db, struct kv_error *err);

/* For `check`: every row against its client read narrowly now, in one read transaction.
 * wrong: rows whose bytes differ, clients without a row and rows without a client, none of
 * them marked stale (a marked client waits for the next commit: counted in stale);
 * first_wrong: the lowest such client, 0 when none. A file before the summary: all 0. */
struct summary_verdict {
    long rows, stale, wrong, first_wrong;
};
int figures_summary_verify(struct db *db, struct summary_verdict *v, struct kv_error *err);

/* For `check --repair`: every client marked and its row written again, and rows without
 * a client dropped, in one transaction. */
int figures_summary_rebuild(struct db *db, struct kv_error *err);

#endif
