/* vfs.h: the encrypting SQLite VFS "klantvolg".
 * It wraps the default (unix) VFS. A database is opened through it with a URI naming
 * a key handle ("file:PATH?kvkey=N"), obtained from kvfs_bind; the handle's page key
 * encrypts every page of the database and of its rollback journal (see page.h), and
 * the first HDR_TOTAL bytes of the database file (the header) are hidden from SQLite.
 * Every page of the write-ahead log is sealed too, bound to its frame (vfs.c); the
 * WAL index (-shm) holds no page contents and is SQLite's own, in plaintext.
 * It fails closed: no key, no open; super-journals and on-disk temporary files are
 * refused (temporary files live in memory); writes that are not whole pages, and
 * pragmas that would change the page size, journal mode (WAL only), mmap or temp store,
 * are errors. An unauthentic page is SQLITE_IOERR_DATA, never zeros. The rollback
 * journal stays readable and writable: files made before WAL convert (one rollback
 * transaction) and may hold a hot journal. */
#ifndef KV_CRYPTO_VFS_H
#define KV_CRYPTO_VFS_H

#include "crypto/page.h"

#include <sqlite3.h>
#include <stdint.h>

#define KVFS_NAME "klantvolg"

/* Each open database file and WAL keeps up to this many authenticated pages by their
 * bytes on disk (pagecache.h), so a page SQLite reads again is not decrypted again while
 * it is unchanged on disk: about 8 KiB each, so at most 32 MiB per file, of which only
 * the slots used become resident (a file of a few thousand pages fits whole, as it would
 * in the kernel's page cache). A copy being made (kvfs_bind_scratch) keeps none. The URI
 * parameter "kvcache=N" sets another number; 0 turns it off. */
#ifndef KVFS_CACHE_PAGES /* a build without it: -DKVFS_CACHE_PAGES=0 (benchmarks) */
#define KVFS_CACHE_PAGES 4096
#endif

/* A database file in rollback mode holds up to this many pages written under its
 * exclusive lock back, in plaintext, until a sync, the lock's end or a truncation
 * (heldpages.h): a transaction larger than SQLite's cache then seals each page once, not
 * at every cache spill. WAL files and their databases hold nothing back. The URI
 * parameter "kvheld=N" sets another number; 0 turns it off. */
#ifndef KVFS_HELD_PAGES
#define KVFS_HELD_PAGES 2048
#endif

/* Register the VFS (idempotent, thread-safe). Returns an SQLite result code. */
int kvfs_register(void);

/* Make key k usable by opens that name the returned handle. k must outlive the binding
 * and every connection opened with it. Returns 0, or -1 when out of memory. */
int kvfs_bind(const struct page_key *k, unsigned *handle);
/* The same for a file under construction that nobody else opens and that is thrown
 * away when its making fails (a copy at a temporary name): journal_mode=MEMORY is allowed
 * too, so a copy is written once rather than through a WAL and again. */
int kvfs_bind_scratch(const struct page_key *k, unsigned *handle);
void kvfs_unbind(unsigned handle);

/* The last page that failed authentication under this handle: file kind ('D', 'J' or
 * 'W') and page number (for the journal and the WAL, the page number the record or frame
 * claims). Returns 0 when
 * there was one, -1 when none. */
int kvfs_last_failure(unsigned handle, char *kind, uint32_t *pgno);

/* The errno of the last write under this handle that the system refused (ENOSPC for a
 * short write), or 0; cleared by the call. */
int kvfs_take_write_errno(unsigned handle);

/* While on, db's handle on its main file refuses SQLite's write lock (SQLITE_READONLY,
 * in WAL and rollback mode alike): a read snapshot's guard against a write joining it.
 * Unlike PRAGMA query_only it leaves the connection's prepared statements valid (a flag
 * pragma expires them all). SQLITE_MISUSE when db's main file is not this VFS's. */
int kvfs_refuse_writes(sqlite3 *db, int on);

/* Number of temporary files opened in memory since start (for tests that prove a
 * large sort never touches the disk). */
unsigned long kvfs_memfiles_opened(void);

/* Number of database and WAL pages decrypted for a read since start (for tests that
 * prove a page read again unchanged is not decrypted again). */
unsigned long kvfs_pages_opened(void);

/* Pages and WAL frames SQLite asked for since start: read from disk, and known unread by
 * what the WAL index says (vfs.c, "stamps"). For the load benchmark. */
void kvfs_page_reads(unsigned long *from_disk, unsigned long *known);

/* For tests: called with every nonce written to any page of any file. */
void kvfs_set_nonce_observer(void (*fn)(const unsigned char *nonce, void *ctx), void *ctx);

/* For tests of files made before WAL: let journal_mode=DELETE through too. */
void kvfs_allow_rollback_journal(int yes);

/* Frames in the connection's WAL not yet copied into the database, as the shared WAL
 * index says now; -1 without one (rollback mode, not opened here). One process's
 * checkpoint counts for all, where a process's own commits do not show another's. */
long kvfs_wal_backlog(sqlite3 *db);

/* Group commit: while on, the sync SQLite makes at the end of db's commits is put off
 * (owed) until kvfs_wal_sync, so the caller can first let the next writer in; a sync
 * after a new WAL header is still made at once. SQLITE_MISUSE when db's main file is not
 * this VFS's. kvfs_wal_sync makes an owed sync (SQLITE_OK when none is owed); until it
 * returns SQLITE_OK the commit is visible to others but may not survive a power cut. */
int kvfs_defer_commit_sync(sqlite3 *db, int on);
int kvfs_wal_sync(sqlite3 *db);

/* Read database page pgno (1-based) of an open connection's main file and
 * authenticate it. Returns SQLITE_OK, SQLITE_IOERR_DATA when not authentic,
 * SQLITE_IOERR_SHORT_READ past the end, or another error. For `check`. */
int kvfs_verify_page(sqlite3 *db, uint32_t pgno);

#endif
