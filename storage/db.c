/* db.c: the connection. What a program holding the master key needs to use the file
 * (open through the VFS with the format's pragmas, the schema held to the migrations',
 * errors mapped, the header updated, plain transactions); logging in is login.c, the
 * tracked transaction's commit pipeline txn.c. Nothing here includes a module above it. */
#include "storage/db.h"
#include "storage/stmt.h"
#include "storage/stmtcache.h"

#include "core/date.h"
#include "core/status.h"
#include "crypto/secmem.h"
#include "crypto/vfs.h"
#include "storage/dbfile.h"
#include "storage/schema.h"

#include <errno.h>
#include <grp.h>
#include <sodium.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int busy_timeout_ms = 10000;
static int rollback_journal;

void db_use_rollback_journal(int yes)
{
    rollback_journal = yes;
    kvfs_allow_rollback_journal(yes);
}

void db_set_busy_timeout(int ms)
{
    busy_timeout_ms = ms < 0 ? 0 : ms;
}

int db_busy_timeout(void)
{
    return busy_timeout_ms;
}

char *db_uri(const char *path, unsigned handle)
{
    static const char safe[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                               "0123456789/._-~";
    size_t n = strlen(path);
    char *enc = malloc(3 * n + 1), *o = enc;
    if (enc == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)path[i];
        if (c != '\0' && strchr(safe, c) != NULL) {
            *o++ = (char)c;
        } else {
            static const char hex[] = "0123456789ABCDEF";
            *o++ = '%';
            *o++ = hex[c >> 4];
            *o++ = hex[c & 15];
        }
    }
    *o = '\0';
    char *uri = sqlite3_mprintf("file:%s?kvkey=%u", enc, handle);
    free(enc);
    return uri;
}

int db_fail(struct db *db, int rc, const char *what, struct kv_error *err)
{
    const char *detail = db && db->sql ? sqlite3_errmsg(db->sql) : sqlite3_errstr(rc);
    char d[400];
    snprintf(d, sizeof d, "%s: %s (%d)", what, detail, rc);
    char kind;
    uint32_t pgno;
    if (db && db->sql && (rc & 0xff) == SQLITE_IOERR &&
        (sqlite3_extended_errcode(db->sql) & 0xff) == SQLITE_IOERR)
        rc = sqlite3_extended_errcode(db->sql); /* open returns primary codes only; a page
                                                 * check (kvfs_verify_page) sets none */
    /* No room: SQLite reports a failed write, the system says why (a full disk, a quota,
     * a file-size limit). The transaction was rolled back. */
    int sys = db && db->sql ? sqlite3_system_errno(db->sql) : 0;
    int wsys = db && db->handle ? kvfs_take_write_errno(db->handle) : 0;
    if (wsys == ENOSPC || wsys == EFBIG || wsys == EDQUOT)
        sys = wsys; /* a WAL or page write the system refused: SQLite's errno is gone */
    if ((rc & 0xff) == SQLITE_IOERR && (sys == ENOSPC || sys == EFBIG || sys == EDQUOT))
        rc = SQLITE_FULL;
    /* An unauthentic page can surface as any I/O error; the VFS remembers which. */
    if ((rc & 0xff) == SQLITE_IOERR && db && db->handle &&
        kvfs_last_failure(db->handle, &kind, &pgno) == 0) {
        if (kind == 'J' && pgno == 0)
            return kv_error_set(err, KV_EDAMAGED, d,
                                "De kop van het journaal van %s is niet echt (gewijzigd, "
                                "vervalst of van een andere database). Er is niets hersteld en "
                                "het journaal is bewaard.",
                                db->path);
        if (kind == 'W')
            return kv_error_set(err, KV_EDAMAGED, d,
                                "Het WAL-bestand van %s is beschadigd of gewijzigd: een frame "
                                "van pagina %u is niet echt en hoort bij vastgelegde gegevens. "
                                "Er is niets hersteld en het WAL-bestand is bewaard.",
                                db->path, pgno);
        if (kind == 'J')
            return kv_error_set(err, KV_EDAMAGED, d,
                                "Het journaal van %s is beschadigd of gewijzigd (record van "
                                "pagina %u). Er is niets hersteld en het journaal is bewaard.",
                                db->path, pgno);
        return kv_error_set(err, KV_EDAMAGED, d,
                            "%s is beschadigd of gewijzigd: pagina %u is niet echt.", db->path,
                            pgno);
    }
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return kv_error_set(err, KV_EBUSY, d,
                            "De database is bezet door een ander proces; probeer het zo opnieuw.");
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return kv_error_set(err, KV_EDAMAGED, d, "%s is beschadigd.", db ? db->path : "");
    case SQLITE_FULL:
        return kv_error_set(err, KV_ERR, d,
                            "De schijf is vol; er is niets opgeslagen en de database is intact.");
    case SQLITE_READONLY:
        return kv_error_set(err, KV_ERR, d, "De database is alleen-lezen; er is niets opgeslagen.");
    /* A failed read, write or sync rolls the transaction back (fault injection shows the
     * file then holds none of the change): say that, not which statement it was. */
    case SQLITE_IOERR:
        return kv_error_set(err, KV_ERR, d,
                            "Lees- of schrijffout op de schijf; er is niets "
                            "opgeslagen. Controleer de schijf, en het bestand met "
                            "'klantvolg check'.");
    case SQLITE_NOMEM:
        return kv_error_set(err, KV_ERR, d, "Onvoldoende geheugen; er is niets opgeslagen.");
    default:
        return kv_error_set(err, KV_ERR, d, "Databasefout bij %s.", what);
    }
}

/* Read-only, SQLite reads a WAL database only through the WAL's index (-shm): one that
 * exists, or one it can make, which needs write access to the directory (SQLite's rule,
 * not ours). The first statement's failure says nothing a user can act on. */
static int readonly_without_wal_index(struct db *db, struct kv_error *err)
{
    int code = sqlite3_extended_errcode(db->sql);
    if ((code & 0xff) != SQLITE_CANTOPEN && (code & 0xff) != SQLITE_READONLY)
        return err->status;
    char detail[200];
    snprintf(detail, sizeof detail, "read-only open, no usable -shm: %s (%d)",
             sqlite3_errmsg(db->sql), code);
    return kv_error_set(err, KV_ERR, detail,
                        "%s kan hier alleen gelezen worden, en SQLite leest het alleen met de "
                        "index van het WAL-bestand (%s-shm), die ontbreekt en hier niet gemaakt "
                        "kan worden. Er is niets veranderd. Geef schrijfrecht op de map (daar "
                        "komen het WAL-bestand en de index), of open het terwijl klantvolg het "
                        "met schrijfrecht open heeft.",
                        db->path, db->path);
}

int db_exec(struct db *db, const char *sql, struct kv_error *err)
{
    int rc = sqlite3_exec(db->sql, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? KV_OK : db_fail(db, rc, sql, err);
}

static int schema_cookie(struct db *db)
{
    sqlite3_stmt *st;
    int v = -1;
    if (sqlite3_prepare_v2(db->sql, "PRAGMA schema_version", -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

struct first_diff {
    char text[300];
};

static void note_first(enum schema_diff kind, const char *type, const char *name, void *ctx)
{
    struct first_diff *f = ctx;
    if (f->text[0] == '\0')
        schema_diff_text(kind, type, name, f->text, sizeof f->text);
}

/* The schema is trusted (triggers run with this user's rights and are logged as this
 * user's changes), so it must be exactly what the migrations make: any other trigger,
 * view or index was put there by someone holding a key, outside klantvolg. */
static int verify_schema(struct db *db, struct kv_error *err)
{
    struct first_diff f = {""};
    int n = 0;
    int rc = schema_compare(db->sql, note_first, &f, &n);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "compare schema", err);
    if (n == 0)
        return KV_OK;
    char detail[400];
    snprintf(detail, sizeof detail, "schema differs from the migrations' in %d objects, first: %s",
             n, f.text);
    if (n == 1)
        return kv_error_set(err, KV_EDAMAGED, detail,
                            "Het schema van %s is buiten klantvolg om gewijzigd: %s. Het "
                            "bestand wordt niet geopend; 'klantvolg check' toont de afwijking.",
                            db->path, f.text);
    return kv_error_set(err, KV_EDAMAGED, detail,
                        "Het schema van %s is buiten klantvolg om gewijzigd: %s, en nog %d %s. "
                        "Het bestand wordt niet geopend; 'klantvolg check' toont ze.",
                        db->path, f.text, n - 1, n == 2 ? "afwijking" : "afwijkingen");
}

/* The comparison and the cookie from one snapshot: a change another process makes in
 * between must not pass for compared. */
static int verify_schema_at_open(struct db *db, struct kv_error *err)
{
    int rc = db_exec(db, "BEGIN", err);
    if (rc != KV_OK)
        return rc;
    if ((rc = verify_schema(db, err)) == KV_OK)
        db->schema_cookie = schema_cookie(db);
    sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL); /* it only read */
    return rc;
}

/* Under the write lock: has the schema changed since it was compared (another process,
 * or this one's own migration, VACUUM or ANALYZE)? Then compare again. */
int db_schema_still_ours(struct db *db, struct kv_error *err)
{
    if (db->schema_cookie < 0)
        return KV_OK;
    int cookie = schema_cookie(db);
    if (cookie == db->schema_cookie)
        return KV_OK;
    if (schema_version(db->sql) > schema_latest())
        return kv_error_set(err, KV_ERR, "schema migrated by a newer program",
                            "%s is intussen bijgewerkt door een nieuwere klantvolg; werk eerst "
                            "klantvolg bij.",
                            db->path);
    int rc = verify_schema(db, err);
    if (rc == KV_OK)
        db->schema_cookie = cookie;
    return rc;
}

/* After a commit's sync failed (sync_commit): the change may or may not be on disk. */
static const char sync_failed_msg[] =
    "De schijf meldde een fout bij het vastleggen. De wijziging is mogelijk opgeslagen; "
    "klantvolg schrijft niets meer tot de schijf is nagekeken (klantvolg check).";

/* Writers queue for the byte before they ask SQLite for its lock (dbfile.h says why). */
static int enter_queue(struct db *db, struct kv_error *err)
{
    if (db->queued)
        return KV_OK;
    int rc = dbfile_queue_enter(db->file, busy_timeout_ms);
    if (rc == DBFILE_BUSY)
        return kv_error_set(err, KV_EBUSY, "writers' queue: busy timeout",
                            "De database is bezet door een ander proces; probeer het zo opnieuw.");
    if (rc != DBFILE_OK)
        return kv_error_set(err, KV_ERR, strerror(errno),
                            "Kan %s niet vergrendelen om te schrijven: %s.", db->path,
                            strerror(errno));
    db->queued = 1;
    return KV_OK;
}

static void leave_queue(struct db *db)
{
    if (db->queued)
        dbfile_queue_leave(db->file);
    db->queued = 0;
    db->audit_floor = 0; /* the write transaction has ended */
}

int db_begin_untracked(struct db *db, struct kv_error *err)
{
    if (db->sync_failed)
        return kv_error_set(err, KV_ERR, "an earlier commit's sync failed", "%s", sync_failed_msg);
    db->bulk = NULL;
    if (db->handle)
        kvfs_take_write_errno(db->handle); /* an old refusal says nothing of this one */
    int rc = enter_queue(db, err);
    if (rc != KV_OK)
        return rc;
    rc = db_exec(db, "BEGIN IMMEDIATE", err);
    if (rc != KV_OK)
        leave_queue(db);
    else if ((rc = db_schema_still_ours(db, err)) != KV_OK)
        db_rollback(db);
    return rc;
}

/* The SQLite session belongs to the transaction (txn.c); it ends with it. */
static void drop_session(struct db *db)
{
    if (db->session != NULL)
        sqlite3session_delete(db->session);
    db->session = NULL;
}

void db_rollback(struct db *db)
{
    drop_session(db);
    db->bulk = NULL;
    if (db->sql != NULL && !sqlite3_get_autocommit(db->sql))
        sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
    leave_queue(db);
}

long db_data_version(struct db *db)
{
    sqlite3_stmt *st;
    long v = -1;
    if (db->sql == NULL || stmtcache_take(&db->stmts, db->sql, "PRAGMA data_version", &st) != 0)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = (long)sqlite3_column_int64(st, 0);
    stmtcache_release(db->stmts, st);
    return v;
}

/* A snapshot refuses writes through the VFS, which leaves the kept statements valid; a
 * connection on another VFS (none of klantvolg's) falls back on PRAGMA query_only, which
 * expires them. */
static void read_guard(struct db *db, int on)
{
    if (kvfs_refuse_writes(db->sql, on) != SQLITE_OK)
        sqlite3_exec(db->sql, on ? "PRAGMA query_only=1" : "PRAGMA query_only=0", NULL, NULL, NULL);
}

int db_read_begin(struct db *db, struct kv_error *err)
{
    if (db->reading) { /* one inside another: the outer one's snapshot */
        db->reading++;
        return KV_OK;
    }
    if (!sqlite3_get_autocommit(db->sql))
        return KV_OK;
    int rc = db_exec(db, "BEGIN", err);
    /* A deferred BEGIN takes its snapshot at the first read: take it now. */
    if (rc == KV_OK)
        rc = db_exec(db, "SELECT 1 FROM sqlite_schema LIMIT 1", err);
    if (rc != KV_OK) { /* SQLite may have rolled back itself (I/O, memory): then no ROLLBACK */
        if (!sqlite3_get_autocommit(db->sql))
            sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
        return rc;
    }
    read_guard(db, 1);
    db->reading = 1;
    return KV_OK;
}

void db_read_end(struct db *db)
{
    if (db->reading == 0 || --db->reading > 0)
        return;
    sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL);
    if (!sqlite3_get_autocommit(db->sql))
        sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
    read_guard(db, 0);
}

/* SQLite's automatic checkpoint runs inside the COMMIT that crossed its threshold, while
 * this process still holds the writers' queue: every writer behind it waited for a
 * thousand pages to be sealed, written and synced. The WAL hook only notes the WAL's
 * size; the checkpoint runs outside the queue, PASSIVE (it neither waits for nor blocks
 * a writer; what a reader still needs is copied by a later one), and not in the commit
 * either, whose caller waits for "opgeslagen" (at 40,000 clients the one save in sixty
 * that checkpointed was the slowest percent): db_idle, when the screen waits for a key.
 * Past four times the mark a commit does it anyway, so the WAL stays bounded for a
 * process that never idles. */
#define CHECKPOINT_PAGES 1000
#define CHECKPOINT_PAGES_AT_COMMIT (4 * CHECKPOINT_PAGES)

static int note_wal(void *ctx, sqlite3 *sql, const char *name, int pages)
{
    (void)sql, (void)name;
    ((struct db *)ctx)->wal_pages = pages;
    return SQLITE_OK;
}

/* A reader that holds an old snapshot (a report, a backup) keeps the frames after it
 * from being copied, and with readers overlapping the WAL is never copied whole and so
 * never starts again: it grows, and every commit finds it past the mark. Trying again
 * after every commit made thirty processes each sync WAL and file for a few frames at a
 * time, in their saves' time. So after a try that could not copy everything a connection
 * tries again once the WAL has grown by the mark since, or CHECKPOINT_RETRY_S later (the
 * reader may have gone); a try that copied everything starts the count again, as does a
 * WAL that started again. */
#define CHECKPOINT_RETRY_S 10

static long monotonic_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)t.tv_sec;
}

static void checkpoint_from(struct db *db, int pages)
{
    if (db->sql == NULL || !sqlite3_get_autocommit(db->sql))
        return;
    if (db->wal_pages < db->wal_tried)
        db->wal_tried = 0;
    int due = db->wal_pages - db->wal_tried >= pages ||
              (db->wal_tried > 0 && db->wal_pages >= pages &&
               monotonic_s() - db->wal_tried_at >= CHECKPOINT_RETRY_S);
    /* What another process copied counts too: the WAL index says how much is left.
     * Deciding on this process's own commits alone, thirty processes each checkpointed
     * at every thousand frames, a hundred checkpoints a second among them. */
    long left = kvfs_wal_backlog(db->sql);
    if (!due || (left >= 0 && left < pages))
        return;
    int log = -1, done = -1;
    sqlite3_wal_checkpoint_v2(db->sql, "main", SQLITE_CHECKPOINT_PASSIVE, &log, &done);
    if (log >= 0 && done == log) {
        db->wal_pages = db->wal_tried = 0; /* all in the file: the WAL starts again */
    } else {
        db->wal_tried = db->wal_pages;
        db->wal_tried_at = monotonic_s();
    }
}

void db_idle(struct db *db)
{
    if (db != NULL)
        checkpoint_from(db, CHECKPOINT_PAGES);
}

/* The commit's sync is made after the writers' queue is left (group commit, vfs.h): the
 * next writer need not wait for this one's disk, and one sync covers every commit
 * written before it. Thirty caseworkers' saves waited in line mostly for syncs. The
 * caller hears "saved" only once the sync is done.
 * A sync that fails leaves a commit others can already see, and the system may have
 * dropped the pages it could not write (a later sync then succeeds without them). So the
 * connection writes nothing more: a save tried again would otherwise be stored twice,
 * and every save after it would rest on frames that may never reach the disk. */
static int sync_commit(struct db *db, struct kv_error *err)
{
    int rc = kvfs_wal_sync(db->sql);
    if (rc == SQLITE_OK)
        return KV_OK;
    db->sync_failed = 1;
    return kv_error_set(err, KV_ERR, sqlite3_errstr(rc), "%s", sync_failed_msg);
}

int db_commit_untracked(struct db *db, struct kv_error *err)
{
    int deferred = db->queued && kvfs_defer_commit_sync(db->sql, 1) == SQLITE_OK;
    int rc = db_exec(db, "COMMIT", err);
    if (deferred)
        kvfs_defer_commit_sync(db->sql, 0);
    if (rc != KV_OK) {
        db_rollback(db);
        if (deferred)
            kvfs_wal_sync(db->sql); /* whatever it owes; the error is the commit's */
        return rc;
    }
    leave_queue(db);
    if (deferred && (rc = sync_commit(db, err)) != KV_OK)
        return rc;
    checkpoint_from(db, CHECKPOINT_PAGES_AT_COMMIT);
    return KV_OK;
}

void db_release(struct db *db)
{
    drop_session(db);
    stmtcache_free(db->stmts);
    db->stmts = NULL;
    if (db->sql != NULL)
        sqlite3_close_v2(db->sql);
    db->sql = NULL;
    leave_queue(db);
    if (db->handle)
        kvfs_unbind(db->handle);
    db->handle = 0;
    page_key_free(db->key);
    db->key = NULL;
}

void db_close(struct db *db)
{
    if (db == NULL)
        return;
    db_idle(db);
    if (db->leaving != NULL)
        db->leaving(db);
    db_release(db);
    secmem_free(db->master);
    header_free(db->hdr);
    dbfile_close(db->file);
    free(db->path);
    free(db);
}

/* ---- the clock ---------------------------------------------------------------------- */

void db_now(const struct db *db, char out[20])
{
    struct kv_error ignored;
    if (db != NULL && db->clock != NULL && db->clock(out, &ignored) == KV_OK)
        return;
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

void db_today_iso(const struct db *db, char out[11])
{
    char now[20];
    db_now(db, now);
    memcpy(out, now, 10);
    out[10] = '\0';
}

long db_clock_today(const struct db *db)
{
    char iso[11];
    long d;
    db_today_iso(db, iso);
    return date_parse(iso, &d) ? d : NO_DATE;
}

/* kv_status(the CLIENTS_STATUS_COLS): the code of the status on db->today, for SQL
 * readers (the user data is the struct db, so db_unlock registers it again). */
static void sql_status(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    long f[8];
    for (int i = 0; i < 8 && i < argc; i++) {
        const char *t = (const char *)sqlite3_value_text(argv[i]);
        if (i == 1 || i == 4)
            f[i] = sqlite3_value_int(argv[i]);
        else if (t == NULL || !date_parse(t, &f[i]))
            f[i] = NO_DATE;
    }
    struct status_facts sf = {.closed_on = f[0],
                              .came_active = (int)f[1],
                              .last_intake = f[2],
                              .last_outflow = f[3],
                              .partial = (int)f[4],
                              .returned_on = f[5],
                              .nazorg_start = f[6],
                              .nazorg_end = f[7]};
    const struct db *db = sqlite3_user_data(ctx);
    sqlite3_result_text(ctx, status_code(status_derive(&sf, db->today)), -1, SQLITE_STATIC);
}

int db_register_functions(struct db *db)
{
    sqlite3_wal_hook(db->sql, note_wal, db); /* in place of SQLite's automatic checkpoint */
    return sqlite3_create_function(db->sql, "kv_status", 8, SQLITE_UTF8, db, sql_status, NULL,
                                   NULL);
}

struct db *db_alloc(const char *path, db_clock clock)
{
    struct db *db = calloc(1, sizeof *db);
    if (db == NULL)
        return NULL;
    db->role = -1;
    db->schema_cookie = -1;
    db->clock = clock;
    db->path = strdup(path);
    db->hdr = calloc(1, sizeof *db->hdr);
    db->master = secmem_alloc(KV_KEY_BYTES);
    if (db->path == NULL || db->hdr == NULL || db->master == NULL) {
        db_close(db);
        return NULL;
    }
    return db;
}

static int nomem(struct kv_error *err)
{
    return kv_error_nomem(err);
}

/* The file handle and header, with every way a file can fail to be ours told apart. */
int db_open_file(struct db *db, int flags, struct kv_error *err)
{
    int rc = dbfile_open(db->path, busy_timeout_ms, &db->file);
    if (rc == DBFILE_BUSY)
        return kv_error_set(err, KV_EBUSY, "presence lock held exclusively",
                            "%s wordt op dit moment opnieuw versleuteld (rekey); probeer het zo "
                            "opnieuw.",
                            db->path);
    if (rc != DBFILE_OK) {
        if (errno == ENOENT)
            return kv_error_set(err, KV_ERR, strerror(errno), "Database %s bestaat niet.",
                                db->path);
        return kv_error_set(err, KV_ERR, strerror(errno), "Kan %s niet openen: %s.", db->path,
                            strerror(errno));
    }
    struct header_status *st = &db->hdr_status;
    int fd = dbfile_fd(db->file);
    if (header_read(fd, db->hdr, st) != 0) {
        if (st->plain_sqlite)
            return kv_error_set(err, KV_EDAMAGED, "plain SQLite file",
                                "%s is een onversleutelde SQLite-database, geen "
                                "klantvolg-database.",
                                db->path);
        if (st->copy[0] == HDR_COPY_FOREIGN && st->copy[1] != HDR_COPY_DAMAGED)
            return kv_error_set(err, KV_EDAMAGED, "bad magic", "%s is geen klantvolg-database.",
                                db->path);
        if (st->copy[0] == HDR_COPY_SHORT)
            return kv_error_set(err, KV_EDAMAGED, "shorter than the header",
                                "%s is afgekapt: het bestand is korter dan de kop.", db->path);
        return kv_error_set(err, KV_EDAMAGED, "both header copies invalid",
                            "De kop van %s is beschadigd (beide kopieën).", db->path);
    }
    off_t size = dbfile_size(db->file);
    if (size < HDR_TOTAL || (size - HDR_TOTAL) % KV_PAGE_SIZE != 0)
        return kv_error_set(err, KV_EDAMAGED, "size not header + whole pages",
                            "%s is afgekapt: de lengte (%lld bytes) is geen geheel aantal "
                            "pagina's.",
                            db->path, (long long)size);
    /* SQLite would take a file without pages for a new database and write a fresh
     * schema into it: only a file being built may be empty. */
    if (size == HDR_TOTAL && !(flags & DB_CREATE))
        return kv_error_set(err, KV_EDAMAGED, "header only",
                            (db->hdr->flags & HDR_F_INITIALISED)
                                ? "%s is afgekapt: alleen de kop is over, alle gegevens "
                                  "ontbreken. Er is niets veranderd."
                                : "%s is niet volledig aangemaakt: er zijn geen gegevens. Er "
                                  "is niets veranderd.",
                            db->path);
    return KV_OK;
}

static int load_user(struct db *db, int flags, struct kv_error *err)
{
    sqlite3_stmt *st;
    int rc = stmt_prepare(db->sql, &st, "SELECT id, role, active FROM users WHERE name = ?1", "t",
                          db->user);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "load user", err);
    rc = sqlite3_step(st);
    int out = KV_OK;
    if (rc == SQLITE_ROW) {
        db->user_id = sqlite3_column_int64(st, 0);
        db->role = role_parse((const char *)sqlite3_column_text(st, 1));
        if (!sqlite3_column_int(st, 2) && !(flags & DB_NO_USER))
            out = kv_error_set(err, KV_EAUTH, "user disabled", "Gebruiker '%s' is uitgeschakeld.",
                               db->user);
    } else if (rc == SQLITE_DONE) {
        if (!(flags & DB_NO_USER))
            out = kv_error_set(err, KV_EAUTH, "slot without user row",
                               "Gebruiker '%s' heeft geen toegang tot deze database.", db->user);
    } else {
        out = db_fail(db, rc, "load user", err);
    }
    sqlite3_finalize(st);
    return out;
}

static int is_offline_copy(struct db *db)
{
    sqlite3_stmt *st;
    int yes = 0;
    if (sqlite3_prepare_v2(db->sql, "SELECT 1 FROM offline", -1, &st, NULL) == SQLITE_OK) {
        yes = sqlite3_step(st) == SQLITE_ROW;
        sqlite3_finalize(st);
    }
    return yes;
}

/* The generation the pages record; 0 when the schema has no header_gen yet. */
static int read_generation(struct db *db, uint64_t *gen, struct kv_error *err)
{
    sqlite3_stmt *st;
    *gen = 0;
    int rc = sqlite3_prepare_v2(db->sql, "SELECT seq FROM header_gen WHERE id = 1", -1, &st, NULL);
    if (rc != SQLITE_OK) /* no such table: an older schema, opened without migrating */
        return sqlite3_errcode(db->sql) == SQLITE_ERROR ? KV_OK
                                                        : db_fail(db, rc, "generation", err);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *gen = (uint64_t)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, "generation", err);
}

/* A header older than the pages is an old header put back (with slots since removed). */
static int check_generation(struct db *db, struct kv_error *err)
{
    uint64_t gen;
    int rc = read_generation(db, &gen, err);
    if (rc != KV_OK || gen <= db->hdr->seq)
        return rc;
    return kv_error_set(err, KV_EDAMAGED, "header older than the pages",
                        "De kop van %s is ouder dan de gegevens (kop %llu, gegevens %llu): er "
                        "is een oude kop teruggezet. Er is niets veranderd.",
                        db->path, (unsigned long long)db->hdr->seq, (unsigned long long)gen);
}

int db_set_generation(struct db *db, uint64_t seq, struct kv_error *err)
{
    if (schema_version(db->sql) < SCHEMA_HEADER_GEN)
        return KV_OK; /* an older file opened without migrating: nothing to record in */
    sqlite3_stmt *st;
    int rc =
        stmt_prepare(db->sql, &st, "UPDATE header_gen SET seq = ?1 WHERE id = 1", "l", (long)seq);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "generation", err);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, "generation", err);
}

int db_checkpoint(struct db *db, struct kv_error *err)
{
    int log = -1, done = -1;
    int rc = sqlite3_wal_checkpoint_v2(db->sql, "main", SQLITE_CHECKPOINT_TRUNCATE, &log, &done);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "checkpoint", err);
    return log == done ? KV_OK : db_fail(db, SQLITE_BUSY, "checkpoint", err);
}

/* WAL, so readers never wait for a writer. A file made before WAL converts here, in one
 * rollback transaction (a hot journal it holds is played back first); the mode is kept
 * in the file, so every later open finds it set. SQLite answers with the mode it is in:
 * anything but the one asked for (another process holding the file in the old mode) is
 * busy, never a silent fallback. */
static int set_journal_mode(struct db *db, int scratch, struct kv_error *err)
{
    const char *want = scratch ? "memory" : rollback_journal ? "delete" : "wal";
    char sql[40];
    snprintf(sql, sizeof sql, "PRAGMA journal_mode=%s", want);
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "journal mode", err);
    rc = sqlite3_step(st);
    int ok = rc == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL &&
             strcmp((const char *)sqlite3_column_text(st, 0), want) == 0;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return db_fail(db, rc, "journal mode", err);
    return ok ? KV_OK : db_fail(db, SQLITE_BUSY, "journal mode", err);
}

/* With the master key in db->master: authenticate the header, open SQLite. */
int db_finish_open(struct db *db, int flags, struct kv_error *err)
{
    int rc;
    /* A journal in memory only for a file being built, never for one that holds data. */
    if ((flags & DB_SCRATCH) &&
        (!(flags & DB_CREATE) || dbfile_size(db->file) != HDR_TOTAL || dbfile_readonly(db->file)))
        return kv_error_set(err, KV_ERR, "scratch open of a file with pages",
                            "Interne fout (kopie).");
    db->key = page_key_new(db->master, db->hdr->dbid);
    if (db->key == NULL)
        return nomem(err);
    if (header_verify(db->hdr, db->key->mackey) != 0)
        return kv_error_set(err, KV_EDAMAGED, "header MAC mismatch",
                            "De kop van %s is gewijzigd buiten klantvolg om.", db->path);
    if (kvfs_register() != SQLITE_OK ||
        (flags & DB_SCRATCH ? kvfs_bind_scratch(db->key, &db->handle)
                            : kvfs_bind(db->key, &db->handle)) != 0)
        return kv_error_set(err, KV_ERR, "VFS registration failed", "Interne fout (VFS).");
    char *uri = db_uri(db->path, db->handle);
    if (uri == NULL)
        return nomem(err);
    int oflags = SQLITE_OPEN_URI | SQLITE_OPEN_FULLMUTEX |
                 (dbfile_readonly(db->file) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE);
    rc = sqlite3_open_v2(uri, &db->sql, oflags, KVFS_NAME);
    sqlite3_free(uri);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "open", err);
    sqlite3_extended_result_codes(db->sql, 1);
    sqlite3_busy_timeout(db->sql, busy_timeout_ms);
    sqlite3_db_config(db->sql, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    /* The schema is trusted (the search index's triggers need that: SQLite refuses FTS5
     * from untrusted triggers), which is why verify_schema accepts only the migrations'. */
    sqlite3_db_config(db->sql, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 1, NULL);
    if ((rc = schema_functions(db->sql)) != SQLITE_OK) /* the search index's triggers use them */
        return db_fail(db, rc, "functions", err);
    db->today = db_clock_today(db);
    if ((rc = db_register_functions(db)) != SQLITE_OK)
        return db_fail(db, rc, "functions", err);
    /* The reserve must be set before SQLite writes the first page of a new file. */
    if ((flags & DB_CREATE) && dbfile_size(db->file) == HDR_TOTAL && !dbfile_readonly(db->file)) {
        int reserve = KV_PAGE_RESERVE;
        rc = sqlite3_file_control(db->sql, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
        if (rc != SQLITE_OK)
            return db_fail(db, rc, "set reserve bytes", err);
    }
    rc = db_exec(db,
                 "PRAGMA temp_store=MEMORY; PRAGMA synchronous=FULL; "
                 "PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON; PRAGMA cell_size_check=ON",
                 err);
    if (rc != KV_OK && dbfile_readonly(db->file))
        return readonly_without_wal_index(db, err);
    if (rc != KV_OK)
        return rc;
    if (!dbfile_readonly(db->file) &&
        (rc = set_journal_mode(db, (flags & DB_SCRATCH) != 0, err)) != KV_OK)
        return rc;
    /* Only init builds a schema from nothing; elsewhere schema 0 means the pages were
     * lost (a forged journal, a cut file) and migrating would hide it. */
    if (!(flags & DB_CREATE) && (rc = schema_version(db->sql)) <= 0)
        return rc < 0 ? db_fail(db, sqlite3_errcode(db->sql), "schema version", err)
                      : kv_error_set(err, KV_EDAMAGED, "schema 0 outside init",
                                     "%s is beschadigd: de gegevens ontbreken (geen schema). "
                                     "Er is niets veranderd.",
                                     db->path);
    /* Before any migration writes: an old header put back must find the file as it was. */
    if ((rc = check_generation(db, err)) != KV_OK)
        return rc;
    /* Before anything writes (a migration, the failed logins) and so could fire a
     * trigger. A version newer than this program is left to the migration's message. */
    if (!(flags & DB_NO_MIGRATE) && schema_version(db->sql) <= schema_latest() &&
        (rc = verify_schema_at_open(db, err)) != KV_OK)
        return rc;
    db->migrated_from = schema_version(db->sql);
    if (!(flags & DB_NO_MIGRATE) && !dbfile_readonly(db->file)) {
        char *msg = NULL;
        rc = schema_migrate(db->sql, schema_latest(), &msg);
        if (rc != SQLITE_OK) {
            int s = msg && schema_version(db->sql) > schema_latest()
                        ? kv_error_set(err, KV_ERR, msg,
                                       "%s is gemaakt door een nieuwere klantvolg; werk eerst "
                                       "klantvolg bij.",
                                       db->path)
                        : db_fail(db, rc, "migrate", err);
            sqlite3_free(msg);
            return s;
        }
    }
    /* check (DB_NO_MIGRATE) reads nothing it need not: pages are verified one by one. */
    if ((flags & DB_NO_MIGRATE) || schema_version(db->sql) < 1)
        return KV_OK;
    if ((rc = load_user(db, flags, err)) != KV_OK)
        return rc;
    db->audited = !dbfile_readonly(db->file) && schema_version(db->sql) >= SCHEMA_AUDIT;
    db->offline = schema_version(db->sql) >= SCHEMA_OFFLINE && is_offline_copy(db);
    return KV_OK;
}

int db_open_keyed(const char *path, const unsigned char *master, int flags, db_clock clock,
                  struct db **out, struct kv_error *err)
{
    struct db *db = db_alloc(path, clock);
    int rc;
    *out = NULL;
    if (db == NULL)
        return nomem(err);
    memcpy(db->master, master, KV_KEY_BYTES);
    if ((rc = db_open_file(db, flags, err)) != KV_OK ||
        (rc = db_finish_open(db, flags | DB_NO_USER, err)) != KV_OK) {
        db_close(db);
        return rc;
    }
    *out = db;
    return KV_OK;
}

int db_header_update(struct db *db,
                     int (*edit)(struct db *, struct header *, void *, struct kv_error *),
                     void *ctx, struct kv_error *err)
{
    struct header *h = calloc(1, sizeof *h);
    struct header_status st;
    int fd = dbfile_fd(db->file);
    int rc;
    if (h == NULL)
        return nomem(err);
    if (header_read(fd, h, &st) != 0 || header_verify(h, db->key->mackey) != 0) {
        rc = kv_error_set(err, KV_EDAMAGED, "header unreadable or MAC mismatch on update",
                          "De kop van %s is beschadigd of gewijzigd; er is niets veranderd.",
                          db->path);
        goto out;
    }
    if ((rc = edit(db, h, ctx, err)) != KV_OK)
        goto out;
    h->flags |= HDR_F_INITIALISED; /* only an open file with a schema gets here */
    if (header_write(fd, h, db->key->mackey) != 0) {
        rc = kv_error_set(err, KV_ERR, strerror(errno), "Kan de kop van %s niet schrijven: %s.",
                          db->path, strerror(errno));
        goto out;
    }
    /* Header first, then the generation, committed by the caller: a crash in between
     * leaves the header newer than the pages, which opens; never older. */
    if ((rc = db_set_generation(db, h->seq, err)) != KV_OK)
        goto out;
    memcpy(db->hdr, h, sizeof *h);
    db->hdr_status.copy[0] = db->hdr_status.copy[1] = HDR_COPY_OK;
out:
    header_free(h);
    return rc;
}
