/* stmt.h: prepare a statement and bind all its parameters in one checked call.
 * Why: a bind that fails (out of memory, an index the statement does not have) leaves that
 * parameter NULL and the statement still runs; a write would store less than it was given.
 * Parameters are ?1, ?2, ... in the order of `types`, one character each:
 *   'i' int   'l' long   't' const char * (NULL binds NULL)   'n' no argument: NULL
 *   'b' const void *, int (a blob and its length; NULL binds NULL)
 *   'd' double
 *   'c' const char * copied (SQLITE_TRANSIENT): for a buffer gone before the step
 *   'v' const sqlite3_value * (copied; NULL binds NULL)
 * Text ('t') and blobs are bound SQLITE_STATIC: they must outlive the statement's last step. */
#ifndef KV_STORAGE_STMT_H
#define KV_STORAGE_STMT_H

#include <sqlite3.h>

/* Prepare sql on db and bind. Returns SQLITE_OK with *st ready to step, or the first
 * failing SQLite result code with *st NULL (nothing to finalize). */
int stmt_prepare(sqlite3 *db, sqlite3_stmt **st, const char *sql, const char *types, ...);

/* Bind st's parameters again (after sqlite3_reset); SQLITE_OK or the first failure. */
int stmt_bind(sqlite3_stmt *st, const char *types, ...);

/* Bind ?first, ?first+1, ... by types, for a statement built with a varying number of
 * parameters and bound in pieces; SQLITE_OK or the first failure. The caller built the
 * text, so no count is checked here. */
int stmt_bind_at(sqlite3_stmt *st, int first, const char *types, ...);

/* Prepare, bind, step once and finalize a statement that returns no rows: SQLITE_DONE
 * (or SQLITE_ROW for a statement that yields one) on success, else the failing code. */
int stmt_run(sqlite3 *db, const char *sql, const char *types, ...);

/* As stmt_prepare, with the statement kept on a connection's cache (stmtcache.h), for
 * the queries run at every open and save: compiling them again each time was a tenth of
 * a caseworker's CPU, much of it inside the writers' queue. A statement taken goes back with
 * stmtcache_release, never sqlite3_finalize. */
struct stmtcache;
int stmt_take(struct stmtcache **cache, sqlite3 *db, sqlite3_stmt **st, const char *sql,
              const char *types, ...);

#endif
