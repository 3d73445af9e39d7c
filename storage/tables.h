/* tables.h: the tables of a client's file by name, and the column names of a table, for
 * code that handles rows generically (the audit log's details, the row rules, the write
 * check, applying an offline copy's changesets). A record's own module writes its SQL on
 * its table; everything else names the table through here. */
#ifndef KV_STORAGE_TABLES_H
#define KV_STORAGE_TABLES_H

#include "storage/db.h"

#define TABLE_CLIENTS "clients"
#define TABLE_DOELGROEPEN "client_doelgroepen"
#define TABLE_CLASSIFICATIONS "classifications"
#define TABLE_ASSIGNMENTS "assignments"
#define TABLE_INTAKES "intakes"
#define TABLE_BARRIERS "intake_barriers"
#define TABLE_PLANS "plans"
#define TABLE_GOALS "goals"
#define TABLE_INSTRUMENTS "client_instruments"
#define TABLE_EXTENSIONS "instrument_extensions"
#define TABLE_CONTACTS "contacts"
#define TABLE_AGREEMENTS "agreements"
#define TABLE_OUTFLOWS "outflows"
#define TABLE_NAZORG "nazorg"
#define TABLE_FOLLOWUPS "followups"
#define TABLE_REQUESTS "requests"
#define TABLE_REMINDERS "reminders"
#define TABLE_ACKS "signal_acks"

/* The tables of a client's file, parents before children (the order a checkin inserts
 * new records in; deletions go the other way), assignments among them. */
extern const char *const table_case_order[];
extern const size_t table_case_count;

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
