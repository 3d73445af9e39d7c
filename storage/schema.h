/* schema.h: numbered forward migrations, kept in PRAGMA user_version. */
#ifndef KV_STORAGE_SCHEMA_H
#define KV_STORAGE_SCHEMA_H

#include <sqlite3.h>
#include <stddef.h>

/* The first version with the audit log. */
#define SCHEMA_AUDIT 7
/* The first version with offline copies. */
#define SCHEMA_OFFLINE 8

/* The id a new client gets: past every client there is and every client the audit log
 * names, so a number freed by a purge is never given to someone else (who would then
 * inherit the purged person's log). For the column list of an INSERT INTO clients. */
#define SCHEMA_NEW_CLIENT_ID                                                                       \
    "(SELECT max(coalesce((SELECT max(id) FROM clients), 0), "                                     \
    "coalesce((SELECT max(client_id) FROM audit), 0)) + 1)"

/* The first version with the header generation (db.h). */
#define SCHEMA_HEADER_GEN 11

/* The first version with the pressure screen's per-client summary (figures_summary.h). */
#define SCHEMA_FIGURES 16
/* The last version that marks every client for its summary row to be written again (a
 * change of what the rows hold): db_open writes them after migrating past it. */
#define SCHEMA_FIGURES_REFILL 17

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

/* How an object of the schema differs from the one the migrations make. */
enum schema_diff { SCHEMA_EXTRA, SCHEMA_MISSING, SCHEMA_CHANGED };

/* Called once per difference, in order of type and name. */
typedef void (*schema_diff_fn)(enum schema_diff kind, const char *type, const char *name,
                               void *ctx);

/* Compare db's schema with the one migrations 1..N make on an empty database, N being
 * db's version: every table, index, view and trigger by type, name, table and exact SQL
 * text (SQLite's own objects, such as the search index's shadow tables, the automatic
 * indexes and sqlite_sequence, included, because the migrations make them too). Only
 * the statistics tables ANALYZE makes (sqlite_stat*) may be absent, and must match when
 * present. Any other object, such as a trigger planted by a key holder, would run inside
 * every colleague's transaction. *ndiff is the number of differences; found (may be
 * NULL) hears each. Returns an SQLite result code; a version newer than this program is
 * SQLITE_ERROR. Reads only; db may be in a transaction. */
int schema_compare(sqlite3 *db, schema_diff_fn found, void *ctx, int *ndiff);

/* One difference in Dutch, for a person: "trigger 'x' onbekend", "tabel 'y' ontbreekt",
 * "index 'z' gewijzigd". The name is as the file has it (the caller makes it safe to
 * print). */
void schema_diff_text(enum schema_diff kind, const char *type, const char *name, char *out,
                      size_t n);

#endif
