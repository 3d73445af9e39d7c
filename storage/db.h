/* db.h: the connection to an open klantvolg database. With the master key in hand it
 * reads the header through our own file handle, checks the header MAC, opens SQLite
 * through the encrypting VFS with the pragmas the format requires, refuses a schema
 * other than the one its migrations make (a planted trigger or view: KV_EDAMAGED; not
 * with DB_NO_MIGRATE, where `check` compares) and applies schema migrations. Logging in
 * as a user (the key slot, failed logins, a pending rotation, lock and unlock) is
 * login.h; the tracked transaction txn.h. Every failure fills a kv_error whose status is
 * the exit code the command line uses. */
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
struct db;

/* Where the audit log and the day of derived facts take their time from ("YYYY-MM-DD
 * HH:MM:SS" into out); given at open, NULL for the local wall clock. Tests pass a fixed
 * one; the command line passes none (the log takes the real time, whatever "today" is). */
typedef int (*db_clock)(char out[20], struct kv_error *err);

struct stmtcache;

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
    long long audit_floor;           /* in a tracked write transaction: the audit log's first
                                      * id after its start. A waarneming logged from there
                                      * on grants its own transaction no reach (access.c);
                                      * 0: none */
    int queued;                      /* in the writers' queue (dbfile.h) until the
                                      * write transaction ends */
    int sync_failed;                 /* a commit's sync failed after others could see it:
                                      * this connection writes no more (db.c) */
    int wal_pages;                   /* the WAL's size after the last commit (db.c) */
    int wal_tried;                   /* its size at this connection's last checkpoint that
                                      * could not copy everything (0: none since) */
    long wal_tried_at;               /* when (monotonic seconds) */
    int reading;                     /* db_read_begin's snapshots open (nested count) */
    struct stmtcache *stmts;         /* statements kept on sql (stmtcache.h); freed before
                                      * sql closes */
    const char *bulk;                /* db_begin_bulk's description, until commit */
    long long bulk_start;            /* sqlite3_total_changes at db_begin_bulk */
    int offline;                     /* an offline copy: changesets are kept (offline.h) */
    int migrated_from;               /* the schema version before this open's migration */
    int may_rotate;                  /* a user's read-write open: db_close may rotate the key */
    int schema_cookie;               /* PRAGMA schema_version when the schema was last found
                                      * to be ours; -1: not compared (check, copy targets) */
    long today;                      /* the day derived facts (a client's status) are for:
                                      * the clock's date at open; the caller sets its own
                                      * (KLANTVOLG_NOW, the application's day) */
    db_clock clock;                  /* given at open; NULL: the wall clock */
    void (*leaving)(struct db *db);  /* db_close runs it first (login.c: the last one out
                                      * runs a pending rotation); NULL: nothing */
    /* Run by db_commit after the audit step, in the transaction: derived tables brought up
     * to date (figures_summary_refresh, set by whoever opens a connection that commits:
     * login.c, offline.c's copy). A seam, as leaving: the commit pipeline cannot include
     * the caseload loader that the refresh reads with. NULL: the marks wait. */
    int (*derive)(struct db *db, struct kv_error *err);
};

enum db_flags {
    DB_NO_MIGRATE = 1, /* check: look, change nothing */
    DB_NO_USER = 2,    /* internal: the users table need not hold the user yet */
    DB_CREATE = 4,     /* internal: the file is being built (init, a copy): it may have
                        * no pages yet and schema 0 may be migrated. Any other open
                        * takes a file without pages or schema for damage. */
    DB_NO_ROTATE = 8,  /* internal: do not run a pending master-key rotation */
    DB_SCRATCH = 16,   /* internal, with DB_CREATE: a copy at a temporary name, thrown away
                        * when its making fails, written with its journal in memory (each
                        * page once); the first transaction after the copied pages say WAL
                        * turns WAL on, as in any other file */
};

/* How long to wait for another process's lock, in milliseconds (default 10000). */
void db_set_busy_timeout(int ms);
int db_busy_timeout(void);

/* Everything in the WAL into the file, and the WAL emptied (TRUNCATE): for a file about
 * to be copied byte-wise or put in place under another name, whose WAL would not go with
 * it. An error when any frame stayed behind (a reader elsewhere, a failed write). */
int db_checkpoint(struct db *db, struct kv_error *err);

/* The WAL copied into the file (PASSIVE) when this connection's last commit left it at a
 * thousand pages or more; else nothing. A commit does not do it, so that the one who saved
 * is not kept waiting for it: call it when the user waits on nothing (the screen waiting
 * for a key); db_close calls it. A commit still does it itself once the WAL passes four
 * times the mark (a command that commits and commits without idling). */
void db_idle(struct db *db);

/* For tests of files made before WAL: opens keep (or put) the file in rollback-journal
 * mode. Process-wide; 0 again for WAL. */
void db_use_rollback_journal(int yes);

/* Close SQLite and the file and wipe the keys (db->leaving first). NULL is fine. */
void db_close(struct db *db);

/* The time by db's clock, and its date as YYYY-MM-DD and as a day number. */
void db_now(const struct db *db, char out[20]);
void db_today_iso(const struct db *db, char out[11]);
long db_clock_today(const struct db *db);

/* Map an SQLite result to a kv_error: busy, damaged (naming the page), disk full, or
 * a plain error; returns the status. */
int db_fail(struct db *db, int rc, const char *what, struct kv_error *err);

/* A plain transaction (BEGIN IMMEDIATE ... COMMIT), nothing recorded: for the audit log
 * itself, copies and bookkeeping. A schema changed by another process since open is
 * compared again at BEGIN, under the write lock, and refused (KV_EDAMAGED) unless it is
 * what the migrations make. A failed commit rolls back. A tracked transaction, whose
 * changes are authorised and logged, is txn.h's db_begin. */
int db_begin_untracked(struct db *db, struct kv_error *err);
int db_commit_untracked(struct db *db, struct kv_error *err);
/* Roll back whatever transaction is open, tracked or not. */
void db_rollback(struct db *db);

/* SQLite's data_version: it changes when another connection commits to the file (a
 * colleague's save), so a screen can say its lists are behind. -1 on an error. Cheap: no
 * page is read. */
long db_data_version(struct db *db);

/* A read snapshot for a screen that reads in several loads (the dossier: its case file,
 * its records, its log): every read until db_read_end sees one state of the file, however
 * many commits others make meanwhile, and nothing can write in it (a write inside is an
 * error, never folded into the snapshot). Pairs nest (the outermost holds the snapshot);
 * inside a transaction of another kind it adds nothing and db_read_end leaves that one
 * alone. */
int db_read_begin(struct db *db, struct kv_error *err);
void db_read_end(struct db *db);

/* sql on the connection, its error mapped (db_fail). */
int db_exec(struct db *db, const char *sql, struct kv_error *err);
/* The schema compared again when another process changed it (see db_begin_untracked). */
int db_schema_still_ours(struct db *db, struct kv_error *err);

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
int db_open_keyed(const char *path, const unsigned char *master, int flags, db_clock clock,
                  struct db **out, struct kv_error *err);

/* The steps of an open, for login.c: a struct for path (NULL: out of memory), the file
 * handle and header with every way a file can fail to be ours told apart, and, with the
 * master key in db->master, SQLite opened, checked and migrated. */
struct db *db_alloc(const char *path, db_clock clock);
int db_open_file(struct db *db, int flags, struct kv_error *err);
int db_finish_open(struct db *db, int flags, struct kv_error *err);
/* Let go of SQLite, the VFS binding and the page key, keeping the struct, the file and
 * the master (db_lock's first half). */
void db_release(struct db *db);
/* The SQL functions readers use (kv_status) and the WAL hook (both hold the struct's
 * address); again after the struct moved (db_unlock). */
int db_register_functions(struct db *db);

#endif
