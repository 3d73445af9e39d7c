/* txn.h: the commit pipeline of a tracked transaction (db_begin/db_commit/db_rollback).
 * At commit the transaction's changes are authorised against the state before it
 * (writecheck.h; KV_EAUTH naming the refused change, nothing kept), held to the row rules
 * (rowrules.h), appended to the audit chain (one entry per changed row) and, in an
 * offline copy, kept as a changeset for the checkin. */
#ifndef KV_STORAGE_TXN_H
#define KV_STORAGE_TXN_H

#include "storage/db.h"

/* Start recording the transaction's changes (an SQLite session on db). */
int txn_track(struct db *db, struct kv_error *err);

/* Authorise, log and keep the recorded changes; the session ends either way. Called
 * before the COMMIT: an error leaves the transaction to be rolled back. */
int txn_flush(struct db *db, struct kv_error *err);

/* Forget the recorded changes (rollback, close, lock). */
void txn_untrack(struct db *db);

#endif
