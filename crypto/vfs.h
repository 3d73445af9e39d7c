/* vfs.h: the encrypting SQLite VFS "klantvolg".
 * It wraps the default (unix) VFS. A database is opened through it with a URI naming
 * a key handle ("file:PATH?kvkey=N"), obtained from kvfs_bind; the handle's page key
 * encrypts every page of the database and of its rollback journal (see page.h), and
 * the first HDR_TOTAL bytes of the database file (the header) are hidden from SQLite.
 * Databases run in WAL mode: every WAL frame's page is sealed under its frame header
 * (frame_seal), and the WAL index (-shm) stays the unix VFS's own, plaintext, holding
 * page and frame numbers only. A rollback journal is still read and written (a file
 * from before WAL, leaving WAL for a rekey).
 * It fails closed: no key, no open; super-journals and on-disk temporary files
 * are refused (temporary files live in memory); writes that are not whole pages, and
 * pragmas that would change the page size, journal mode, mmap or temp store, are
 * errors. An unauthentic page is SQLITE_IOERR_DATA, never zeros. */
#ifndef KV_CRYPTO_VFS_H
#define KV_CRYPTO_VFS_H

#include "crypto/page.h"

#include <sqlite3.h>
#include <stdint.h>

#define KVFS_NAME "klantvolg"

/* Register the VFS (idempotent, thread-safe). Returns an SQLite result code. */
int kvfs_register(void);

/* Make key k usable by opens that name the returned handle. k must outlive the binding
 * and every connection opened with it. Returns 0, or -1 when out of memory. */
int kvfs_bind(const struct page_key *k, unsigned *handle);
void kvfs_unbind(unsigned handle);

/* The last page that failed authentication under this handle: file kind ('D', 'J' or 'W')
 * and page number (for the journal, the page number the record claims). Returns 0 when
 * there was one, -1 when none. */
int kvfs_last_failure(unsigned handle, char *kind, uint32_t *pgno);

/* Number of temporary files opened in memory since start (for tests that prove a
 * large sort never touches the disk). */
unsigned long kvfs_memfiles_opened(void);

/* For tests: called with every nonce written to any page of any file. */
void kvfs_set_nonce_observer(void (*fn)(const unsigned char *nonce, void *ctx), void *ctx);

/* Read database page pgno (1-based) of an open connection's main file and
 * authenticate it. Returns SQLITE_OK, SQLITE_IOERR_DATA when not authentic,
 * SQLITE_IOERR_SHORT_READ past the end, or another error. For `check`. */
int kvfs_verify_page(sqlite3 *db, uint32_t pgno);

/* A private file-control op (outside SQLite's numbers): see kvfs_allow_leave_wal. */
#define KVFS_FCNTL_LEAVE_WAL 0x4b560001

/* Let this connection's next "PRAGMA journal_mode=DELETE" through, once. Only klantvolg
 * itself leaves WAL, before a file is replaced under its name (a rekey), so that no
 * -wal or -shm of the old file is left for the new one. SQLITE_OK or an error. */
int kvfs_allow_leave_wal(sqlite3 *db);

#endif
