/* stmtcache.h: prepared statements kept on a connection by their text, for the queries it
 * runs again at every open and save (the summary's refresh, the access check, the audit
 * log, a dossier's queries: compiling them was most of their cost). A statement taken is
 * the caller's until released; released, it is reset and unbound and kept for the next
 * taker of the same text. stmtcache_free finalizes them all: call it before the
 * connection closes (a connection with statements left open stays open, and so does its
 * file). A flag pragma expires every statement on the connection, kept ones too, so that
 * each is compiled again at its next step: db_read_begin guards its snapshot in the VFS
 * (kvfs_refuse_writes) rather than with PRAGMA query_only. */
#ifndef KV_STORAGE_STMTCACHE_H
#define KV_STORAGE_STMTCACHE_H

#include <sqlite3.h>

struct stmtcache;

/* *st for sql on db: the kept one when there is one not taken, else freshly prepared
 * (and kept, in place of the least recently used one when the cache is full; *c is made
 * on first use). An SQLite
 * result code; on failure *st is NULL. */
int stmtcache_take(struct stmtcache **c, sqlite3 *db, const char *sql, sqlite3_stmt **st);

/* st back: reset, unbound and kept if it came from the cache's text, else finalized.
 * NULL does nothing. */
void stmtcache_release(struct stmtcache *c, sqlite3_stmt *st);

/* Every kept statement finalized, the cache freed. NULL does nothing. */
void stmtcache_free(struct stmtcache *c);

#endif
