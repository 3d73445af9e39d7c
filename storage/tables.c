#include "storage/tables.h"
#include "storage/stmt.h"
#include "storage/stmtcache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void table_columns_free(struct table_columns *c)
{
    for (int i = 0; i < c->n; i++)
        sqlite3_free(c->name[i]);
    free(c->name);
    memset(c, 0, sizeof *c);
}

int table_columns_load(struct db *db, const char *table, int ncol, struct table_columns *c,
                       struct kv_error *err)
{
    if (strcmp(c->table, table) == 0 && (ncol == 0 || c->n == ncol))
        return KV_OK;
    table_columns_free(c);
    sqlite3_stmt *st;
    int rc = stmt_take(&db->stmts, db->sql, &st,
                       "SELECT name, (SELECT count(*) FROM pragma_table_info(?1)) "
                       "FROM pragma_table_info(?1) ORDER BY cid",
                       "t", table);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "columns", err);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int total = sqlite3_column_int(st, 1);
        if (c->name == NULL && (c->name = calloc((size_t)total, sizeof *c->name)) == NULL)
            break;
        const char *name = (const char *)sqlite3_column_text(st, 0);
        if (c->n < total &&
            (name == NULL || (c->name[c->n++] = sqlite3_mprintf("%s", name)) == NULL))
            break;
    }
    stmtcache_release(db->stmts, st);
    /* Out of memory or a read error: no half list, and nothing cached under the name. */
    if (rc != SQLITE_DONE) {
        table_columns_free(c);
        return db_fail(db, rc == SQLITE_ROW ? SQLITE_NOMEM : rc, "columns", err);
    }
    snprintf(c->table, sizeof c->table, "%s", table);
    if (c->n == 0 || (ncol != 0 && c->n != ncol))
        return kv_error_set(err, KV_ERR, "column count", "Interne fout (kolommen van %s).", table);
    return KV_OK;
}

int table_column_index(const struct table_columns *c, const char *name)
{
    for (int i = 0; i < c->n; i++)
        if (strcmp(c->name[i], name) == 0)
            return i;
    return -1;
}

int table_bookkeeping(const char *col)
{
    return strcmp(col, "created_at") == 0 || strcmp(col, "updated_at") == 0 ||
           strcmp(col, "updated_by") == 0 || strcmp(col, "version") == 0;
}

/* The write check judges a changeset that only inserts into these tables (clients apart)
 * without undoing it (writecheck_inserts_case_records_only). That holds while each of
 * their rows names its client, or a record that does, by integer ids under foreign keys,
 * and no trigger on them writes clients, assignments, users or another tracked table. */
const char *const table_case_order[] = {
    TABLE_CLIENTS,     TABLE_DOELGROEPEN, TABLE_CLASSIFICATIONS, TABLE_ASSIGNMENTS,
    TABLE_INTAKES,     TABLE_BARRIERS,    TABLE_PLANS,           TABLE_GOALS,
    TABLE_INSTRUMENTS, TABLE_EXTENSIONS,  TABLE_CONTACTS,        TABLE_AGREEMENTS,
    TABLE_OUTFLOWS,    TABLE_NAZORG,      TABLE_FOLLOWUPS,       TABLE_REQUESTS,
    TABLE_REMINDERS,   TABLE_ACKS,
};
const size_t table_case_count = sizeof table_case_order / sizeof table_case_order[0];

const char *table_reference(const char *col)
{
    static const struct {
        const char *col, *table;
    } refs[] = {
        {"client_id", TABLE_CLIENTS},
        {"plan_id", TABLE_PLANS},
        {"goal_id", TABLE_GOALS},
        {"intake_id", TABLE_INTAKES},
        {"instrument_id", TABLE_INSTRUMENTS},
        {"outflow_id", TABLE_OUTFLOWS},
        {"contact_id", TABLE_CONTACTS},
    };
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++)
        if (strcmp(refs[i].col, col) == 0)
            return refs[i].table;
    return NULL;
}
