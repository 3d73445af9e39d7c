#include "storage/db.h"
#include "storage/stmt.h"
#include "storage/clients.h"

#include "crypto/secmem.h"
#include "crypto/vfs.h"
#include "storage/audit.h"
#include "storage/dbfile.h"
#include "storage/keys.h"
#include "storage/schema.h"
#include "storage/txn.h"

#include <errno.h>
#include <grp.h>
#include <sodium.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

static int exec(struct db *db, const char *sql, struct kv_error *err)
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
    int rc = exec(db, "BEGIN", err);
    if (rc != KV_OK)
        return rc;
    if ((rc = verify_schema(db, err)) == KV_OK)
        db->schema_cookie = schema_cookie(db);
    sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL); /* it only read */
    return rc;
}

/* Under the write lock: has the schema changed since it was compared (another process,
 * or this one's own migration, VACUUM or ANALYZE)? Then compare again. */
static int schema_still_ours(struct db *db, struct kv_error *err)
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

int db_begin_untracked(struct db *db, struct kv_error *err)
{
    db->bulk = NULL;
    if (db->handle)
        kvfs_take_write_errno(db->handle); /* an old refusal says nothing of this one */
    int rc = exec(db, "BEGIN IMMEDIATE", err);
    if (rc == KV_OK && (rc = schema_still_ours(db, err)) != KV_OK)
        db_rollback(db);
    return rc;
}

int db_begin(struct db *db, struct kv_error *err)
{
    int rc = db_begin_untracked(db, err);
    if (rc == KV_OK && db->audited && (rc = txn_track(db, err)) != KV_OK)
        db_rollback(db);
    return rc;
}

int db_begin_bulk(struct db *db, const char *what, struct kv_error *err)
{
    int rc = db_begin_untracked(db, err);
    if (rc == KV_OK && db->audited) {
        db->bulk = what;
        db->bulk_start = sqlite3_total_changes64(db->sql);
    }
    return rc;
}

/* The bulk transaction's one entry: what, and how many rows it wrote. */
static int bulk_entry(struct db *db, struct kv_error *err)
{
    char detail[128];
    snprintf(detail, sizeof detail, "{\"wat\":\"%s\",\"rijen\":%lld}", db->bulk,
             sqlite3_total_changes64(db->sql) - db->bulk_start);
    db->bulk = NULL;
    return audit_append(db, "bulk", 0, "", detail, err);
}

int db_commit(struct db *db, struct kv_error *err)
{
    int rc = db->bulk ? bulk_entry(db, err) : txn_flush(db, err);
    if (rc == KV_OK)
        rc = exec(db, "COMMIT", err);
    if (rc != KV_OK)
        db_rollback(db);
    return rc;
}

void db_rollback(struct db *db)
{
    txn_untrack(db);
    db->bulk = NULL;
    if (db->sql != NULL && !sqlite3_get_autocommit(db->sql))
        sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
}

/* The header on disk now (another process may have disabled someone since we opened),
 * authenticated: does it ask for a rotation? */
static int rotation_pending_on_disk(struct db *db)
{
    struct header *h = calloc(1, sizeof *h);
    struct header_status st;
    int yes = h != NULL && header_read(dbfile_fd(db->file), h, &st) == 0 &&
              header_verify(h, db->key->mackey) == 0 && (h->flags & HDR_F_ROTATE);
    header_free(h);
    return yes;
}

/* Leaving the file (close, idle lock): the last one out runs a pending rotation. */
static void rotate_if_last(struct db *db)
{
    if (db->may_rotate && db->sql != NULL && sqlite3_get_autocommit(db->sql) &&
        rotation_pending_on_disk(db)) {
        struct kv_error ignored; /* busy or failed: the next open or close tries again */
        keys_rotate(db, NULL, &ignored);
    }
}

void db_close(struct db *db)
{
    if (db == NULL)
        return;
    rotate_if_last(db);
    txn_untrack(db);
    if (db->sql != NULL)
        sqlite3_close_v2(db->sql);
    if (db->handle)
        kvfs_unbind(db->handle);
    page_key_free(db->key);
    secmem_free(db->master);
    header_free(db->hdr);
    dbfile_close(db->file);
    free(db->path);
    free(db);
}

void db_lock(struct db *db)
{
    rotate_if_last(db);
    txn_untrack(db);
    if (db->sql != NULL)
        sqlite3_close_v2(db->sql);
    db->sql = NULL;
    /* A locked screen is not at work: it lets go of the file (and its presence lock),
     * so sessions left locked overnight do not keep a rotation or rekey from running.
     * db_unlock opens the file by its name again, rotated or not. */
    dbfile_close(db->file);
    db->file = NULL;
    if (db->handle)
        kvfs_unbind(db->handle);
    db->handle = 0;
    page_key_free(db->key);
    db->key = NULL;
    sodium_memzero(db->master, KV_KEY_BYTES);
}

int db_is_locked(const struct db *db)
{
    return db->sql == NULL;
}

int db_unlock(struct db *db, const char *pass, size_t passlen, struct kv_error *err)
{
    struct db *fresh;
    int rc = db_open(db->path, db->user, pass, passlen, 0, &fresh, err);
    if (rc != KV_OK)
        return rc;
    /* What the locked struct still holds goes; the fresh one moves into its place. */
    secmem_free(db->master);
    header_free(db->hdr);
    dbfile_close(db->file);
    free(db->path);
    *db = *fresh;
    free(fresh);
    /* SQL functions were registered with the fresh struct's address as their user data;
     * that struct is gone, so they are registered again with the one that lives on. */
    rc = clients_sql_functions(db);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "register SQL functions", err);
    return KV_OK;
}

static struct db *db_alloc(const char *path)
{
    struct db *db = calloc(1, sizeof *db);
    if (db == NULL)
        return NULL;
    db->role = -1;
    db->schema_cookie = -1;
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
static int open_file(struct db *db, int flags, struct kv_error *err)
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
static int set_journal_mode(struct db *db, struct kv_error *err)
{
    const char *want = rollback_journal ? "delete" : "wal";
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(
        db->sql, rollback_journal ? "PRAGMA journal_mode=DELETE" : "PRAGMA journal_mode=WAL", -1,
        &st, NULL);
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
static int finish_open(struct db *db, int flags, struct kv_error *err)
{
    int rc;
    db->key = page_key_new(db->master, db->hdr->dbid);
    if (db->key == NULL)
        return nomem(err);
    if (header_verify(db->hdr, db->key->mackey) != 0)
        return kv_error_set(err, KV_EDAMAGED, "header MAC mismatch",
                            "De kop van %s is gewijzigd buiten klantvolg om.", db->path);
    if (kvfs_register() != SQLITE_OK || kvfs_bind(db->key, &db->handle) != 0)
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
    db->today = clients_wall_today();
    if ((rc = clients_sql_functions(db)) != SQLITE_OK)
        return db_fail(db, rc, "functions", err);
    /* The reserve must be set before SQLite writes the first page of a new file. */
    if ((flags & DB_CREATE) && dbfile_size(db->file) == HDR_TOTAL && !dbfile_readonly(db->file)) {
        int reserve = KV_PAGE_RESERVE;
        rc = sqlite3_file_control(db->sql, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
        if (rc != SQLITE_OK)
            return db_fail(db, rc, "set reserve bytes", err);
    }
    rc = exec(db,
              "PRAGMA temp_store=MEMORY; PRAGMA synchronous=FULL; "
              "PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON; PRAGMA cell_size_check=ON",
              err);
    if (rc != KV_OK)
        return rc;
    if (!dbfile_readonly(db->file) && (rc = set_journal_mode(db, err)) != KV_OK)
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
    if (db->audited && !(flags & DB_NO_USER)) {
        /* Failed logins waiting outside the file; a busy file leaves them for next time. */
        struct kv_error ignored;
        audit_take_failed_logins(db, &ignored);
    }
    return KV_OK;
}

int db_open(const char *path, const char *user, const char *pass, size_t passlen, int flags,
            struct db **out, struct kv_error *err)
{
    struct db *db = db_alloc(path);
    int rc;
    *out = NULL;
    if (db == NULL)
        return nomem(err);
    snprintf(db->user, sizeof db->user, "%s", user);
    if ((rc = open_file(db, flags, err)) != KV_OK)
        goto fail;
    struct slot *s = header_find_slot(db->hdr, user);
    if (s == NULL) {
        audit_failed_login(path, user, "onbekende gebruiker");
        rc = kv_error_set(err, KV_EAUTH, "no key slot for user",
                          "Gebruiker '%s' heeft geen toegang tot deze database.", user);
        goto fail;
    }
    if (slot_is_empty(s)) { /* a server backup: only the recovery key opens it (recovery.h) */
        rc = kv_error_set(err, KV_EAUTH, "slot holds no master key",
                          "%s is een serverback-up: alleen de herstelsleutel van de gemeente "
                          "opent die ('klantvolg restore').",
                          path);
        goto fail;
    }
    switch (keyslot_open(s, pass, passlen, db->master)) {
    case KEYSLOT_OK:
        break;
    case KEYSLOT_WRONG_PASSPHRASE:
        audit_failed_login(path, user, "onjuist wachtwoord");
        rc = kv_error_set(err, KV_EAUTH, "slot did not open",
                          "Onjuist wachtwoord voor gebruiker '%s'.", user);
        goto fail;
    case KEYSLOT_BAD_COST:
        rc = kv_error_set(err, KV_EDAMAGED, "KDF algorithm or cost out of bounds",
                          "De sleutel van gebruiker '%s' in %s is beschadigd of gewijzigd: "
                          "onmogelijke kosten voor de sleutelafleiding.",
                          user, path);
        goto fail;
    case KEYSLOT_TAMPERED:
        rc = kv_error_set(err, KV_EDAMAGED, "sealed master key did not open",
                          "De sleutel van gebruiker '%s' in %s is gewijzigd of beschadigd.", user,
                          path);
        goto fail;
    default:
        rc = nomem(err);
        goto fail;
    }
    if ((rc = finish_open(db, flags, err)) != KV_OK)
        goto fail;
    if (!(flags & (DB_NO_MIGRATE | DB_NO_USER | DB_CREATE | DB_NO_ROTATE)) &&
        !dbfile_readonly(db->file)) {
        struct kv_error busy; /* left for the next open or close */
        if ((db->hdr->flags & HDR_F_ROTATE) && keys_rotate(db, NULL, &busy) == KV_OK) {
            /* The file under the name is the rotated one: open it as anyone would. */
            db_close(db);
            return db_open(path, user, pass, passlen, flags | DB_NO_ROTATE, out, err);
        }
        db->may_rotate = 1;
    }
    *out = db;
    return KV_OK;
fail:
    db_close(db);
    return rc;
}

int db_open_keyed(const char *path, const unsigned char *master, int flags, struct db **out,
                  struct kv_error *err)
{
    struct db *db = db_alloc(path);
    int rc;
    *out = NULL;
    if (db == NULL)
        return nomem(err);
    memcpy(db->master, master, KV_KEY_BYTES);
    if ((rc = open_file(db, flags, err)) != KV_OK ||
        (rc = finish_open(db, flags | DB_NO_USER, err)) != KV_OK) {
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

struct first_user {
    const char *name, *display, *now;
};

static int insert_first_user(struct db *db, const struct first_user *u, struct kv_error *err)
{
    sqlite3_stmt *st;
    int rc = stmt_prepare(db->sql, &st,
                          "INSERT INTO users (name, display_name, role, "
                          "created_at, updated_at, updated_by) VALUES (?1, ?2, 'beheerder', ?3, "
                          "?3, ?1)",
                          "ttt", u->name, u->display ? u->display : "", u->now);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "insert first user", err);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, "insert first user", err);
}

/* The schema exists: from now on a file without it is damaged (db_header_update sets
 * the mark on every write). */
static int mark_initialised(struct db *db, struct header *h, void *ctx, struct kv_error *err)
{
    (void)db;
    (void)ctx;
    (void)err;
    h->flags |= HDR_F_INITIALISED;
    return KV_OK;
}

/* Writes a header with one slot for user into a new temporary file next to path. */
static int write_new_header(int fd, const char *user, const char *pass, size_t passlen,
                            const struct kdf_cost *cost, unsigned char *master,
                            struct kv_error *err)
{
    struct header *h = header_new();
    struct page_key *k = NULL;
    int rc = KV_OK;
    if (h == NULL)
        return nomem(err);
    randombytes_buf(master, KV_KEY_BYTES);
    k = page_key_new(master, h->dbid);
    if (k == NULL || keyslot_create(&h->slots[0], user, pass, passlen, cost, master) != 0) {
        rc = nomem(err);
        goto out;
    }
    h->nslots = 1;
    if (header_write(fd, h, k->mackey) != 0)
        rc = kv_error_set(err, KV_ERR, strerror(errno), "Kan de kop niet schrijven: %s.",
                          strerror(errno));
out:
    page_key_free(k);
    header_free(h);
    return rc;
}

/* The shared group: owned by it and readable and writable for it, set on the file before
 * it appears under its name. */
static int share_with_group(int fd, const char *group, struct kv_error *err)
{
    errno = 0;
    struct group *g = getgrnam(group);
    if (g == NULL)
        return kv_error_set(err, KV_EUSAGE, "no such group", "Groep '%s' bestaat niet.", group);
    if (fchown(fd, (uid_t)-1, g->gr_gid) != 0)
        return kv_error_set(err, KV_ERR, strerror(errno),
                            "Kan de database niet aan groep '%s' "
                            "geven: %s (u moet lid zijn van die groep).",
                            group, strerror(errno));
    if (fchmod(fd, 0660) != 0)
        return kv_error_set(err, KV_ERR, strerror(errno), "Kan de rechten niet zetten: %s.",
                            strerror(errno));
    return KV_OK;
}

int db_create(const char *path, const char *user, const char *display, const char *pass,
              size_t passlen, const struct kdf_cost *cost, const char *now, const char *group,
              struct kv_error *err)
{
    size_t n = strlen(path) + 16;
    char *tmp = malloc(n);
    unsigned char *master = secmem_alloc(KV_KEY_BYTES);
    struct db *db = NULL;
    int fd = -1, rc;
    if (tmp == NULL || master == NULL) {
        rc = nomem(err);
        goto out;
    }
    if (access(path, F_OK) == 0) {
        rc = kv_error_set(err, KV_ERR, "exists", "%s bestaat al; er is niets overschreven.", path);
        goto out;
    }
    snprintf(tmp, n, "%s.new-XXXXXX", path);
    fd = mkostemp(tmp, O_CLOEXEC); /* O_EXCL, mode 0600 */
    if (fd < 0) {
        rc = kv_error_set(err, KV_ERR, strerror(errno), "Kan %s niet aanmaken: %s.", path,
                          strerror(errno));
        tmp[0] = '\0';
        goto out;
    }
    if (group != NULL && (rc = share_with_group(fd, group, err)) != KV_OK)
        goto out;
    if ((rc = write_new_header(fd, user, pass, passlen, cost, master, err)) != KV_OK)
        goto out;
    if ((rc = db_open_keyed(tmp, master, DB_NO_USER | DB_CREATE, &db, err)) != KV_OK)
        goto out;
    struct first_user u = {user, display, now};
    if ((rc = db_begin_untracked(db, err)) != KV_OK)
        goto out;
    if ((rc = insert_first_user(db, &u, err)) != KV_OK ||
        (rc = db_header_update(db, mark_initialised, NULL, err)) != KV_OK ||
        (rc = db_commit(db, err)) != KV_OK) {
        db_rollback(db);
        goto out;
    }
    if ((rc = db_checkpoint(db, err)) != KV_OK) /* the pages into tmp before it is linked */
        goto out;
    db_close(db);
    db = NULL;
    if (fsync(fd) != 0) {
        rc = kv_error_set(err, KV_ERR, strerror(errno), "Kan %s niet wegschrijven: %s.", path,
                          strerror(errno));
        goto out;
    }
    /* link() fails if path exists: of two processes creating one file, one wins. */
    if (link(tmp, path) != 0) {
        rc = errno == EEXIST ? kv_error_set(err, KV_ERR, "exists",
                                            "%s bestaat al; er is niets overschreven.", path)
                             : kv_error_set(err, KV_ERR, strerror(errno),
                                            "Kan %s niet aanmaken: %s.", path, strerror(errno));
        goto out;
    }
    dbfile_sync_parent(path);
    rc = KV_OK;
out:
    db_close(db);
    if (fd >= 0)
        close(fd);
    if (tmp != NULL && tmp[0] != '\0') {
        dbfile_remove_sidecars(tmp);
        unlink(tmp);
    }
    free(tmp);
    secmem_free(master);
    return rc;
}
