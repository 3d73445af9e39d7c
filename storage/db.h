/* db.h: an open klantvolg database, and the one way to open or create one.
 * Opening reads the header through our own file handle, opens the user's key slot,
 * checks the header MAC, then opens SQLite through the encrypting VFS with the pragmas
 * the format requires, refuses a schema other than the one its migrations make (a
 * planted trigger or view: KV_EDAMAGED; not with DB_NO_MIGRATE, where `check` compares)
 * and applies schema migrations. Every failure fills a kv_error
 * whose status is the exit code the command line uses. */
#ifndef KV_STORAGE_DB_H
#define KV_STORAGE_DB_H

#include "core/error.h"
#include "core/roles.h"
#include "crypto/header.h"
#include "crypto/keyslot.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

struct dbfile;

struct db {
    sqlite3 *sql;
    struct dbfile *file;
    struct header *hdr; /* as read at open, or last written */
    struct header_status hdr_status;
    unsigned char *master; /* guarded memory; wiped at close */
    struct page_key *key;
    unsigned handle; /* VFS key binding */
    char *path;
    char user[SLOT_NAME_BYTES];
    int role; /* enum role, or -1 */
    long user_id;
    struct sqlite3_session *session; /* the open write transaction's changes (audit.h) */
    int audited;                     /* the schema has the audit log and the file is writable */
    const char *bulk;                /* db_begin_bulk's description, until commit */
    long long bulk_start;            /* sqlite3_total_changes at db_begin_bulk */
    int offline;                     /* an offline copy: changesets are kept (offline.h) */
    int may_rotate;                  /* a user's read-write open: db_close may rotate the key */
    int schema_cookie;               /* PRAGMA schema_version when the schema was last found
                                      * to be ours; -1: not compared (check, copy targets) */
    long today;                      /* the day derived facts (a client's status) are for:
                                      * the local date at open; the caller sets its own
                                      * (KLANTVOLG_NOW, the application's day) */
};

enum db_flags {
    DB_NO_MIGRATE = 1, /* check: look, change nothing */
    DB_NO_USER = 2,    /* internal: the users table need not hold the user yet */
    DB_CREATE = 4,     /* internal: the file is being built (init, a copy): it may have
                        * no pages yet and schema 0 may be migrated. Any other open
                        * takes a file without pages or schema for damage. */
    DB_NO_ROTATE = 8,  /* internal: do not run a pending master-key rotation */
};

/* How long to wait for another process's lock, in milliseconds (default 10000). */
void db_set_busy_timeout(int ms);
int db_busy_timeout(void);

/* Everything in the WAL into the file, and the WAL emptied (TRUNCATE): for a file about
 * to be copied byte-wise or put in place under another name, whose WAL would not go with
 * it. An error when any frame stayed behind (a reader elsewhere, a failed write). */
int db_checkpoint(struct db *db, struct kv_error *err);

/* For tests of files made before WAL: opens keep (or put) the file in rollback-journal
 * mode. Process-wide; 0 again for WAL. */
void db_use_rollback_journal(int yes);

/* Opening refuses as damaged (KV_EDAMAGED) a file cut to its header, a schema of 0
 * outside DB_CREATE, and a header older than the generation the pages record (the
 * header_gen table, written in the transaction of every header write). When a
 * rotation is pending (HDR_F_ROTATE) and nobody else has the file open, a writable
 * open rotates the master key first (keys_rotate) and opens the new file; so does
 * db_close, when it is the last. A failed rotation is left for the next chance. */
int db_open(const char *path, const char *user, const char *pass, size_t passlen, int flags,
            struct db **out, struct kv_error *err);

/* Create path atomically with one user (role beheerder) holding the first key slot.
 * The file appears complete or not at all; an existing file is never touched. It is
 * mode 0600, or 0660 owned by group when group is not NULL (a shared server: the user
 * must belong to the group); SQLite gives the journal the same mode and group. */
int db_create(const char *path, const char *user, const char *display, const char *pass,
              size_t passlen, const struct kdf_cost *cost, const char *now, const char *group,
              struct kv_error *err);

void db_close(struct db *db);

/* Lock an open database for the idle lock: run a pending rotation when last (as
 * db_close), close SQLite and the file (a locked session does not count as having the
 * file open), wipe the master and page keys. The struct stays (callers keep their
 * pointer) but may not be used until db_unlock. Write what must be kept (a draft)
 * before locking. */
void db_lock(struct db *db);
int db_is_locked(const struct db *db);

/* Open the file again with the passphrase into the same struct. A wrong passphrase is
 * KV_EAUTH and leaves the database locked. */
int db_unlock(struct db *db, const char *pass, size_t passlen, struct kv_error *err);

/* Map an SQLite result to a kv_error: busy, damaged (naming the page), disk full, or
 * a plain error; returns the status. */
int db_fail(struct db *db, int rc, const char *what, struct kv_error *err);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK with the errors mapped. A schema changed by another
 * process since open is compared again at BEGIN, under the write lock, and refused
 * (KV_EDAMAGED) unless it is what the migrations make. Between db_begin and
 * db_commit every change is recorded and, at commit, checked against the user's right to
 * write that client's records and written to the audit log (audit.h); a refused change
 * rolls the whole transaction back with KV_EAUTH. */
int db_begin(struct db *db, struct kv_error *err);
/* A transaction whose changes are not logged one by one: the log gets one entry saying
 * what (what: "import", "demo") and how many rows. For loads of many records by a role
 * allowed to do them; the caller checks the role. */
int db_begin_bulk(struct db *db, const char *what, struct kv_error *err);
/* A transaction that only the audit log itself writes in. */
int db_begin_untracked(struct db *db, struct kv_error *err);
int db_commit(struct db *db, struct kv_error *err);
void db_rollback(struct db *db);

/* Inside a write transaction: read the header afresh from disk, let edit change it,
 * seal it with the master key and write both copies, and record its sequence number
 * as the generation in the pages (same transaction). edit returns KV_OK or a status
 * (with err filled) to abandon the change. */
int db_header_update(struct db *db,
                     int (*edit)(struct db *, struct header *, void *, struct kv_error *),
                     void *ctx, struct kv_error *err);

/* "file:PATH?kvkey=N" with PATH percent-encoded; caller frees with sqlite3_free. */
char *db_uri(const char *path, unsigned handle);

/* Record generation seq in the pages (header_gen), inside a write transaction. */
int db_set_generation(struct db *db, uint64_t seq, struct kv_error *err);

/* Open a second connection to another file with this database's key (same database
 * id), for backup and rekey targets. The file must hold a header already. */
int db_open_keyed(const char *path, const unsigned char *master, int flags, struct db **out,
                  struct kv_error *err);

#endif
