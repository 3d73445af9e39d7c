/* tables.h: the column names of a table, for code that handles rows generically (the
 * audit log's details, applying an offline copy's changesets). */
#ifndef KV_STORAGE_TABLES_H
#define KV_STORAGE_TABLES_H

#include "storage/db.h"

struct table_columns {
    char table[64];
    int n;
    char **name;
};

/* Load c for table (expecting ncol columns; 0: however many there are), unless it holds
 * that table already. */
int table_columns_load(struct db *db, const char *table, int ncol, struct table_columns *c,
                       struct kv_error *err);
void table_columns_free(struct table_columns *c);

/* Index of a column, or -1. */
int table_column_index(const struct table_columns *c, const char *name);

/* The table a column refers to when it names another case record (client_id: clients,
 * plan_id: plans, ...); NULL for any other column. */
const char *table_reference(const char *col);

/* created_at, updated_at, updated_by, version: who and when, not what. */
int table_bookkeeping(const char *col);

#endif
