/* dbfile.h: the process's own handle on a database file, apart from SQLite's.
 * It reads and writes the header, and holds an open-file-description read lock on one
 * header byte for as long as the database is open here: `rekey` must take that byte
 * exclusively, which is how it knows no other process has the file open. One handle is
 * shared per inode within a process (refcounted) because closing any descriptor of a
 * file drops the process's POSIX locks on it, SQLite's included. */
#ifndef KV_STORAGE_DBFILE_H
#define KV_STORAGE_DBFILE_H

#include <stdbool.h>
#include <sys/types.h>

struct dbfile;

enum dbfile_result { DBFILE_OK = 0, DBFILE_ERRNO = -1, DBFILE_BUSY = -2 };

/* Open path and take the shared presence lock, waiting up to timeout_ms while a
 * rekey holds it. DBFILE_ERRNO leaves errno set (ENOENT for a missing file). */
int dbfile_open(const char *path, int timeout_ms, struct dbfile **out);

/* Take the presence lock exclusively without waiting: DBFILE_BUSY when another
 * process (or another handle here) has the file open. */
int dbfile_lock_exclusive(struct dbfile *f);

/* The writers' queue: one more byte, taken before SQLite's write lock and given back
 * when the transaction ends. SQLite's busy handler polls with growing sleeps, so under
 * load the lock sits idle between writers and a waiter can lose every race; a blocked
 * lock is handed over by the kernel the moment it is free. It only orders writers;
 * SQLite's lock still guards the data. Nested per handle (connections of one process
 * share it). DBFILE_BUSY after timeout_ms; a read-only handle does not queue. */
int dbfile_queue_enter(struct dbfile *f, int timeout_ms);
void dbfile_queue_leave(struct dbfile *f);
/* Writers are served in the order they came: each takes a ticket from PATH-kvq and waits
 * for the one before it alone. Tickets handed out on this file so far (0 when the
 * handle cannot keep the order, and waits on the byte unordered). */
unsigned long long dbfile_queue_tickets(const struct dbfile *f);

int dbfile_fd(const struct dbfile *f);
bool dbfile_readonly(const struct dbfile *f);
off_t dbfile_size(const struct dbfile *f); /* -1 on error */

/* fsync the directory holding path, so a rename or link into it survives a crash.
 * Returns 0 or -1. */
int dbfile_sync_parent(const char *path);

/* Copy from in's position to its end into out at out's position, then fsync out. For
 * copies that must not go through SQLite (a restored backup's pages, a file handed to a
 * user). Returns 0 or -1 (errno set). */
int dbfile_copy_rest(int in, int out);

/* Remove PATH-journal, PATH-wal and PATH-shm: for a file nobody else has open (a
 * temporary copy; the file under an exclusive lock once its WAL is empty). */
void dbfile_remove_sidecars(const char *path);

/* Drop one reference; the last closes the descriptor. Accepts NULL. */
void dbfile_close(struct dbfile *f);

#endif
