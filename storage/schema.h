/* schema.h: numbered forward migrations, kept in PRAGMA user_version. */
#ifndef KV_STORAGE_SCHEMA_H
#define KV_STORAGE_SCHEMA_H

#include <sqlite3.h>

/* The first version with the audit log. */
#define SCHEMA_AUDIT 7
/* The first version with offline copies. */
#define SCHEMA_OFFLINE 8

/* The id a new client gets: past every client there is and every client the audit log
 * names, so a number freed by a purge is never given to someone else (who would then
 * inherit the purged person's log). For the column list of an INSERT INTO clients. */
#define SCHEMA_NEW_CLIENT_ID                                                           \
    "(SELECT max(coalesce((SELECT max(id) FROM clients), 0), "                         \
    "coalesce((SELECT max(client_id) FROM audit), 0)) + 1)"

/* The version a fully migrated database has. */
int schema_latest(void);

/* Apply the migrations after the current version up to target (schema_latest() for
 * all) in one transaction. Returns an SQLite result code; *errmsg (sqlite3_free) on
 * failure. A database newer than this program is SQLITE_ERROR with a message. */
int schema_migrate(sqlite3 *db, int target, char **errmsg);

/* Register the SQL functions the schema uses (kv_fold: the search index's folding) on
 * a connection; schema_migrate does it too. An SQLite result code. */
int schema_functions(sqlite3 *db);

/* The current version, or -1 on error. */
int schema_version(sqlite3 *db);

#endif
