/* txn.h: the tracked transaction and its commit pipeline. Between db_begin and db_commit
 * an SQLite session records every change; at commit the changes are authorised against
 * the state before them (writecheck.h; KV_EAUTH naming the refused change, nothing
 * kept), held to the row rules (rowrules.h), appended to the audit chain (one entry per
 * changed row) and, in an offline copy, kept as a changeset for the checkin. db_rollback
 * (db.h) ends a tracked transaction as it ends a plain one. */
#ifndef KV_STORAGE_TXN_H
#define KV_STORAGE_TXN_H

#include "storage/db.h"

/* BEGIN IMMEDIATE (as db_begin_untracked) and start recording the changes. */
int db_begin(struct db *db, struct kv_error *err);

/* A transaction whose changes are not logged one by one: the log gets one entry saying
 * what (what: "import", "demo") and how many rows. For loads of many records by a role
 * allowed to do them; the caller checks the role. */
int db_begin_bulk(struct db *db, const char *what, struct kv_error *err);

/* Run the pipeline, then COMMIT; on any error the whole transaction is rolled back. A
 * transaction begun untracked commits as db_commit_untracked. */
int db_commit(struct db *db, struct kv_error *err);

#endif
