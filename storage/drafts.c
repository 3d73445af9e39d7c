#include "storage/drafts.h"
#include "storage/stmt.h"
#include "storage/txn.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int step_done(struct db *db, sqlite3_stmt *st, const char *what, struct kv_error *err)
{
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, what, err);
}

int drafts_put(struct db *db, const char *kind, long client, long record, long version,
               const char *body, const char *now, struct kv_error *err)
{
    sqlite3_stmt *st;
    int rc = db_begin(db, err);
    if (rc != KV_OK)
        return rc;
    rc = stmt_prepare(db->sql, &st,
                      "INSERT OR REPLACE INTO drafts (user_id, kind, client_id, "
                      "record_id, record_version, body, created_at, updated_at, "
                      "updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)",
                      "ltlllttt", db->user_id, kind, client, record, version, body, now, db->user);
    if (rc != SQLITE_OK) {
        db_rollback(db);
        return db_fail(db, rc, "draft", err);
    }
    if ((rc = step_done(db, st, "draft", err)) == KV_OK && (rc = db_commit(db, err)) == KV_OK)
        return KV_OK;
    db_rollback(db);
    return rc;
}

int drafts_get(struct db *db, struct draft *out, int *found, struct kv_error *err)
{
    sqlite3_stmt *st;
    memset(out, 0, sizeof *out);
    *found = 0;
    int rc = stmt_prepare(db->sql, &st,
                          "SELECT kind, client_id, record_id, record_version, "
                          "updated_at, body FROM drafts WHERE user_id = ?1",
                          "l", db->user_id);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "draft", err);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        snprintf(out->kind, sizeof out->kind, "%s", (const char *)sqlite3_column_text(st, 0));
        out->client = (long)sqlite3_column_int64(st, 1);
        out->record = (long)sqlite3_column_int64(st, 2);
        out->version = (long)sqlite3_column_int64(st, 3);
        snprintf(out->saved_at, sizeof out->saved_at, "%s",
                 (const char *)sqlite3_column_text(st, 4));
        out->body = strdup((const char *)sqlite3_column_text(st, 5));
        *found = out->body != NULL;
        rc = out->body ? SQLITE_DONE : SQLITE_NOMEM;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, "draft", err);
}

int drafts_drop(struct db *db, struct kv_error *err)
{
    sqlite3_stmt *st;
    int rc = stmt_prepare(db->sql, &st, "DELETE FROM drafts WHERE user_id = ?1", "l", db->user_id);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "draft", err);
    return step_done(db, st, "draft", err);
}

void draft_free(struct draft *d)
{
    free(d->body);
    d->body = NULL;
}
