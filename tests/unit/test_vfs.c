/* The encrypting VFS, through real files: every trap listed in DESIGN.md. */
#include "crypto/header.h"
#include "crypto/heldpages.h"
#include "crypto/vfs.h"
#include "storage/maint.h"
#include "storage/login.h"
#include "tests/unit/fixture.h"

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#define SECRET_NAME "Wilhelmina Zwanenburg-Oudshoorn"
#define SECRET_BSN "123456782"
#define SECRET_NOTE "schuldhulpverlening via het MDT"
#define ROLLED_BACK "Nooit-Opgeslagen van Teruggedraaid"

static int setup(void **state)
{
    return fx_setup_created(state);
}

static int teardown(void **state)
{
    kvfs_set_nonce_observer(NULL, NULL); /* a failed test must not leave it set */
    db_use_rollback_journal(0);
    return fx_teardown(state);
}

/* Clients (a table with indexes, a search index kept by triggers, and an overflowing
 * note), filled with distinctive strings: the first client has SECRET_BSN. Straight into
 * klantvolg's own tables, since an open accepts no other schema. */
static void fill(struct db *db, int rows)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db->sql,
                                        "INSERT INTO clients (first_name, last_name, "
                                        "bsn, notes, created_at, updated_at, updated_by) VALUES "
                                        "(?1 || ' ' || ?4, 'Test', CASE ?4 WHEN 0 THEN ?2 ELSE "
                                        "printf('%09d', ?4) END, ?3 || hex(randomblob(?5)), "
                                        "'x', 'x', 'x')",
                                        -1, &st, NULL),
                     SQLITE_OK);
    fx_exec(db, "BEGIN");
    for (int i = 0; i < rows; i++) {
        sqlite3_bind_text(st, 1, SECRET_NAME, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, SECRET_BSN, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, SECRET_NOTE, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 4, i);
        sqlite3_bind_int(st, 5, i % 10 == 0 ? 6000 : 20); /* some rows overflow a page */
        assert_int_equal(sqlite3_step(st), SQLITE_DONE);
        sqlite3_reset(st);
    }
    fx_exec(db, "COMMIT");
    sqlite3_finalize(st);
}

static void assert_no_plaintext(const char *path)
{
    size_t n;
    unsigned char *b = fx_read_file(path, &n);
    assert_non_null(b);
    assert_false(fx_contains(b, n, SECRET_NAME));
    assert_false(fx_contains(b, n, SECRET_BSN));
    assert_false(fx_contains(b, n, SECRET_NOTE));
    assert_false(fx_contains(b, n, ROLLED_BACK));
    assert_false(fx_contains(b, n, "SQLite format 3"));
    assert_false(fx_contains(b, n, "CREATE TABLE"));
    free(b);
}

static void rows_survive_close_and_reopen(void **state)
{
    struct fixture *fx = *state;
    struct db *db = fx_open(fx);
    fill(db, 300);
    db_close(db);
    db = fx_open(fx);
    assert_int_equal(
        fx_int(db, "SELECT count(*) FROM clients WHERE first_name LIKE '" SECRET_NAME " %'"), 300);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM clients WHERE bsn = '" SECRET_BSN "'"), 1);
    assert_int_equal(fx_int(db, "SELECT length(notes) FROM clients WHERE id = 1"),
                     (long)strlen(SECRET_NOTE) + 12000);
    db_close(db);
}

static void no_plaintext_in_file_journal_or_backup(void **state)
{
    struct fixture *fx = *state;
    struct db *db = fx_open(fx);
    char journal[320], backup[320];
    fill(db, 500);
    /* A rolled-back transaction, then VACUUM (which rewrites every page). */
    fx_exec(db, "BEGIN; INSERT INTO clients (first_name, last_name, bsn, created_at, updated_at, "
                "updated_by) VALUES ('" ROLLED_BACK "', '', '999999999', 'x', 'x', 'x'); ROLLBACK");
    fx_exec(db, "DELETE FROM clients WHERE id % 3 = 0; VACUUM");
    /* The WAL caught in the middle of a transaction that spilled, after commits that were
     * not checkpointed. */
    fx_exec(db, "PRAGMA wal_autocheckpoint=0; UPDATE clients SET first_name = first_name || ' "
                "2'; PRAGMA cache_size=5; BEGIN; UPDATE clients SET notes = 'x' WHERE id % 2 = 0");
    snprintf(journal, sizeof journal, "%s-wal", fx->path);
    size_t jn;
    unsigned char *j = fx_read_file(journal, &jn);
    assert_non_null(j);
    assert_true(jn > 4120 * 4);
    free(j);
    assert_no_plaintext(journal);
    fx_exec(db, "ROLLBACK");
    snprintf(backup, sizeof backup, "%s/backup.db", fx->dir);
    struct kv_error err;
    assert_int_equal(maint_backup(db, backup, 0, NULL, &err), KV_OK);
    db_close(db);
    assert_no_plaintext(fx->path);
    assert_no_plaintext(backup);
}

/* temp_store=MEMORY keeps the sorter, temp tables and statement journals in memory;
 * a disk temp file would need SQLITE_TMPDIR, which points nowhere here. */
static void large_sort_and_temp_table_need_no_disk(void **state)
{
    struct fixture *fx = *state;
    struct db *db = fx_open(fx);
    fx_exec(db, "CREATE TABLE big (v TEXT); PRAGMA cache_size = 50");
    fx_exec(db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60000)"
                " INSERT INTO big SELECT hex(randomblob(100)) FROM n");
    setenv("SQLITE_TMPDIR", "/nonexistent-klantvolg-test", 1);
    setenv("TMPDIR", "/nonexistent-klantvolg-test", 1);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM (SELECT v FROM big ORDER BY v DESC)"), 60000);
    fx_exec(db, "CREATE TEMP TABLE scratch AS SELECT v FROM big; "
                "CREATE INDEX temp.scratch_v ON scratch(v)");
    assert_int_equal(fx_int(db, "SELECT count(DISTINCT v) FROM scratch"), 60000);
    fx_exec(db, "BEGIN; UPDATE big SET v = upper(v); SAVEPOINT s; DELETE FROM big; "
                "ROLLBACK TO s; COMMIT");
    assert_int_equal(fx_int(db, "SELECT count(*) FROM big"), 60000);
    unsetenv("SQLITE_TMPDIR");
    unsetenv("TMPDIR");
    db_close(db);
}

/* Should SQLite ever ask the VFS for a temporary file, it gets one in memory. */
static void temporary_files_from_the_vfs_live_in_memory(void **state)
{
    (void)state;
    assert_int_equal(kvfs_register(), SQLITE_OK);
    sqlite3_vfs *vfs = sqlite3_vfs_find(KVFS_NAME);
    assert_non_null(vfs);
    sqlite3_file *f = calloc(1, (size_t)vfs->szOsFile);
    unsigned long before = kvfs_memfiles_opened();
    int out = 0;
    assert_int_equal(vfs->xOpen(vfs, NULL, f,
                                SQLITE_OPEN_TEMP_JOURNAL | SQLITE_OPEN_READWRITE |
                                    SQLITE_OPEN_CREATE | SQLITE_OPEN_DELETEONCLOSE,
                                &out),
                     SQLITE_OK);
    assert_int_equal(kvfs_memfiles_opened(), before + 1);
    unsigned char buf[300000], back[10];
    memset(buf, 'q', sizeof buf);
    assert_int_equal(f->pMethods->xWrite(f, buf, sizeof buf, 1000), SQLITE_OK);
    sqlite3_int64 size;
    assert_int_equal(f->pMethods->xFileSize(f, &size), SQLITE_OK);
    assert_int_equal(size, 301000);
    assert_int_equal(f->pMethods->xRead(f, back, 10, 995), SQLITE_OK);
    assert_memory_equal(back, "\0\0\0\0\0qqqqq", 10);
    assert_int_equal(f->pMethods->xTruncate(f, 500), SQLITE_OK);
    assert_int_equal(f->pMethods->xRead(f, back, 10, 495), SQLITE_IOERR_SHORT_READ);
    /* Grown past 2 MiB it moves from the heap into a mapping of its own, and grows on in
     * place: what was written stays, and a hole reads as zeros. */
    memset(buf, 'r', sizeof buf);
    assert_int_equal(f->pMethods->xWrite(f, buf, sizeof buf, 1500000), SQLITE_OK);
    memset(buf, 's', sizeof buf);
    assert_int_equal(f->pMethods->xWrite(f, buf, sizeof buf, 9000000), SQLITE_OK);
    assert_int_equal(f->pMethods->xFileSize(f, &size), SQLITE_OK);
    assert_int_equal(size, 9300000);
    assert_int_equal(f->pMethods->xRead(f, back, 10, 1499995), SQLITE_OK);
    assert_memory_equal(back, "\0\0\0\0\0rrrrr", 10);
    assert_int_equal(f->pMethods->xRead(f, back, 10, 1799995), SQLITE_OK);
    assert_memory_equal(back, "rrrrr\0\0\0\0\0", 10);
    assert_int_equal(f->pMethods->xRead(f, back, 10, 9299995), SQLITE_IOERR_SHORT_READ);
    assert_memory_equal(back, "sssss\0\0\0\0\0", 10);
    f->pMethods->xClose(f);
    free(f);
    /* Super-journals have no place in the format. */
    sqlite3_file *g = calloc(1, (size_t)vfs->szOsFile);
    assert_int_equal(
        vfs->xOpen(vfs, "/tmp/x-mj01", g,
                   SQLITE_OPEN_SUPER_JOURNAL | SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &out),
        SQLITE_CANTOPEN);
    assert_null(g->pMethods);
    free(g);
}

/* ---- nonces ---------------------------------------------------------------------- */

struct nonces {
    unsigned char (*v)[KV_NONCE_BYTES];
    size_t n, cap;
};

static void nonce_push(struct nonces *s, const unsigned char *nonce)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 1024;
        s->v = realloc(s->v, s->cap * KV_NONCE_BYTES);
    }
    memcpy(s->v[s->n++], nonce, KV_NONCE_BYTES);
}

static void observe(const unsigned char *nonce, void *ctx)
{
    nonce_push(ctx, nonce);
}

static int cmp_nonce(const void *a, const void *b)
{
    return memcmp(a, b, KV_NONCE_BYTES);
}

static int has(const struct nonces *sorted, const unsigned char *nonce)
{
    return bsearch(nonce, sorted->v, sorted->n, KV_NONCE_BYTES, cmp_nonce) != NULL;
}

static void assert_unique(struct nonces *s)
{
    qsort(s->v, s->n, KV_NONCE_BYTES, cmp_nonce);
    for (size_t i = 1; i < s->n; i++)
        assert_memory_not_equal(s->v[i - 1], s->v[i], KV_NONCE_BYTES);
}

static uint32_t be32(const unsigned char *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

/* Nonces of the pages in the database file and of the records in its journal; each
 * journal record is also checked to authenticate as a journal page. */
static void scan_files(const struct fixture *fx, const struct page_key *k, struct nonces *out,
                       int *records)
{
    size_t n;
    unsigned char *b = fx_read_file(fx->path, &n);
    for (size_t off = HDR_TOTAL; off + KV_PAGE_SIZE <= n; off += KV_PAGE_SIZE)
        nonce_push(out, b + off + KV_PAGE_DATA);
    free(b);
    char jpath[320];
    snprintf(jpath, sizeof jpath, "%s-journal", fx->path);
    b = fx_read_file(jpath, &n);
    assert_non_null(b);
    unsigned char plain[KV_PAGE_SIZE];
    static const unsigned char magic[8] = {0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7};
    *records = 0;
    /* Header fields: magic, nRec, nonce, dbSize, sector size (at 20), page size. */
    size_t sector = n >= 24 ? be32(b + 20) : 512;
    assert_true(sector >= 512 && sector <= 65536);
    for (size_t seg = 0; seg + sector <= n && memcmp(b + seg, magic, 8) == 0;) {
        uint32_t nrec = be32(b + seg + 8);
        size_t off = seg + sector;
        for (uint32_t i = 0; i < nrec && off + 4 + KV_PAGE_SIZE + 4 <= n; i++) {
            uint32_t pgno = be32(b + off);
            assert_int_equal(page_open(k, PAGE_FILE_JOURNAL, pgno, b + off + 4, plain), 0);
            nonce_push(out, b + off + 4 + KV_PAGE_DATA);
            off += 4 + KV_PAGE_SIZE + 4;
            (*records)++;
        }
        seg = (off + sector - 1) / sector * sector;
    }
    free(b);
}

/* A child process runs sql on the file and dies at once, without closing: whatever it
 * left on disk stays as a crash would leave it. The child must have run sql without an
 * error. */
static void run_and_die(struct fixture *fx, const char *sql)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct kv_error err;
        struct db *db;
        if (db_open(fx->path, FX_ADMIN, FX_PASS, strlen(FX_PASS), 0, NULL, &db, &err) != KV_OK)
            _exit(2);
        _exit(sqlite3_exec(db->sql, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : 3);
    }
    int status;
    waitpid(pid, &status, 0);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* A child that spills a large transaction into the file and dies without commit:
 * a real hot journal. */
static void die_mid_transaction(struct fixture *fx)
{
    run_and_die(fx,
                "PRAGMA cache_size = 5; BEGIN; UPDATE clients SET notes = hex(randomblob(300))");
}

static void nonces_never_repeat_across_writes_rollbacks_and_recovery(void **state)
{
    struct fixture *fx = *state;
    db_use_rollback_journal(1); /* a file made before WAL */
    struct nonces seen = {0}, files = {0}, child = {0};
    kvfs_set_nonce_observer(observe, &seen);
    struct db *db = fx_open(fx);
    fill(db, 400);
    fx_exec(db, "BEGIN; UPDATE clients SET first_name = 'a'; ROLLBACK");
    fx_exec(db, "BEGIN; DELETE FROM clients WHERE id < 50; ROLLBACK; VACUUM");
    long before = fx_int(db, "SELECT sum(length(notes)) FROM clients");
    struct page_key *k = page_key_new(db->master, db->hdr->dbid);
    db_close(db);
    assert_true(seen.n > 100);

    die_mid_transaction(fx);
    int records;
    scan_files(fx, k, &files, &records);
    assert_true(records > 10);
    assert_unique(&files); /* nothing repeats within the files as the child left them */
    struct nonces parent_sorted = seen;
    parent_sorted.v = malloc(seen.n * KV_NONCE_BYTES);
    memcpy(parent_sorted.v, seen.v, seen.n * KV_NONCE_BYTES);
    qsort(parent_sorted.v, parent_sorted.n, KV_NONCE_BYTES, cmp_nonce);
    for (size_t i = 0; i < files.n; i++)
        if (!has(&parent_sorted, files.v[i]))
            nonce_push(&child, files.v[i]); /* written by the child */

    size_t mark = seen.n;
    db = fx_open(fx); /* plays the hot journal back */
    assert_int_equal(fx_int(db, "SELECT sum(length(notes)) FROM clients"), before);
    db_close(db);
    assert_true(seen.n > mark); /* recovery wrote pages */
    kvfs_set_nonce_observer(NULL, NULL);

    struct nonces all = {0};
    for (size_t i = 0; i < seen.n; i++)
        nonce_push(&all, seen.v[i]);
    for (size_t i = 0; i < child.n; i++)
        nonce_push(&all, child.v[i]);
    assert_unique(&all);
    page_key_free(k);
    free(seen.v);
    free(files.v);
    free(child.v);
    free(all.v);
    free(parent_sorted.v);
}

/* ---- tampering ------------------------------------------------------------------- */

static void flipped_byte_anywhere_in_a_page_is_named(void **state)
{
    struct fixture *fx = *state;
    struct db *db = fx_open(fx);
    fill(db, 50);
    long off = HDR_TOTAL + 2L * KV_PAGE_SIZE; /* page 3 */
    for (int i = 0; i < KV_PAGE_SIZE; i++) {  /* data, nonce and tag alike */
        fx_flip_byte(fx->path, off + i);
        assert_int_equal(kvfs_verify_page(db->sql, 3), SQLITE_IOERR_DATA);
        fx_flip_byte(fx->path, off + i);
    }
    assert_int_equal(kvfs_verify_page(db->sql, 3), SQLITE_OK);
    /* Now kept by its bytes (the cache of authenticated pages): a change is still caught. */
    for (int i = 0; i < KV_PAGE_SIZE; i += 61) {
        fx_flip_byte(fx->path, off + i);
        assert_int_equal(kvfs_verify_page(db->sql, 3), SQLITE_IOERR_DATA);
        fx_flip_byte(fx->path, off + i);
        assert_int_equal(kvfs_verify_page(db->sql, 3), SQLITE_OK);
    }
    /* Page 1 is remembered once authenticated; a change on disk must still be caught. */
    assert_int_equal(kvfs_verify_page(db->sql, 1), SQLITE_OK);
    for (int i = 0; i < KV_PAGE_SIZE; i += 97) {
        fx_flip_byte(fx->path, HDR_TOTAL + i);
        assert_int_equal(kvfs_verify_page(db->sql, 1), SQLITE_IOERR_DATA);
        fx_flip_byte(fx->path, HDR_TOTAL + i);
        assert_int_equal(kvfs_verify_page(db->sql, 1), SQLITE_OK);
    }
    db_close(db);

    /* Through the whole stack: the users table's page 2 is read while opening. */
    fx_flip_byte(fx->path, HDR_TOTAL + KV_PAGE_SIZE + 700);
    struct kv_error err;
    assert_int_equal(db_open(fx->path, FX_ADMIN, FX_PASS, strlen(FX_PASS), 0, NULL, &db, &err),
                     KV_EDAMAGED);
    assert_non_null(strstr(err.msg, "pagina 2"));
    assert_null(db);
}

static void swapped_pages_and_foreign_pages_are_detected(void **state)
{
    struct fixture *fx = *state, other;
    struct db *db = fx_open(fx);
    fill(db, 50);
    db_close(db);
    size_t n;
    unsigned char *b = fx_read_file(fx->path, &n);
    unsigned char tmp[KV_PAGE_SIZE];
    unsigned char *p2 = b + HDR_TOTAL + KV_PAGE_SIZE, *p3 = p2 + KV_PAGE_SIZE;
    memcpy(tmp, p2, KV_PAGE_SIZE);
    memcpy(p2, p3, KV_PAGE_SIZE);
    memcpy(p3, tmp, KV_PAGE_SIZE);
    fx_write_file(fx->path, b, n);
    db = fx_open_check(fx);
    assert_int_equal(kvfs_verify_page(db->sql, 2), SQLITE_IOERR_DATA);
    assert_int_equal(kvfs_verify_page(db->sql, 3), SQLITE_IOERR_DATA);
    db_close(db);
    memcpy(p3, p2, KV_PAGE_SIZE); /* undo the swap */
    memcpy(p2, tmp, KV_PAGE_SIZE);
    /* Page 2 of another database (same passphrase, same layout) in its place. */
    fx_init(&other);
    fx_create(&other);
    size_t on;
    unsigned char *ob = fx_read_file(other.path, &on);
    memcpy(p2, ob + HDR_TOTAL + KV_PAGE_SIZE, KV_PAGE_SIZE);
    fx_write_file(fx->path, b, n);
    db = fx_open_check(fx);
    assert_int_equal(kvfs_verify_page(db->sql, 2), SQLITE_IOERR_DATA);
    assert_int_equal(kvfs_verify_page(db->sql, 3), SQLITE_OK);
    db_close(db);
    fx_cleanup(&other);
    free(ob);
    free(b);
}

/* A file made before WAL (a rollback journal), open, with 400 clients; *notes: the total
 * length of their notes. */
static struct db *open_rollback_file(struct fixture *fx, long *notes)
{
    db_use_rollback_journal(1);
    struct db *db = fx_open(fx);
    fill(db, 400);
    *notes = fx_int(db, "SELECT sum(length(notes)) FROM clients");
    return db;
}

static void tampered_hot_journal_fails_open_and_is_kept(void **state)
{
    struct fixture *fx = *state;
    long before;
    struct db *db = open_rollback_file(fx, &before);
    db_close(db);
    die_mid_transaction(fx);
    char jpath[320];
    snprintf(jpath, sizeof jpath, "%s-journal", fx->path);
    size_t jn;
    unsigned char *j = fx_read_file(jpath, &jn);
    assert_non_null(j);
    long rec = (long)be32(j + 20) + 4 + 1000; /* inside the first record's page */
    fx_flip_byte(jpath, rec);
    struct kv_error err;
    assert_int_equal(db_open(fx->path, FX_ADMIN, FX_PASS, strlen(FX_PASS), 0, NULL, &db, &err),
                     KV_EDAMAGED);
    assert_non_null(strstr(err.msg, "journaal"));
    size_t jn2;
    unsigned char *j2 = fx_read_file(jpath, &jn2);
    assert_non_null(j2);       /* the journal is still there ... */
    assert_int_equal(jn2, jn); /* ... whole */
    free(j2);
    fx_flip_byte(jpath, rec);
    db = fx_open(fx); /* repaired journal: recovery completes */
    assert_int_equal(fx_int(db, "SELECT sum(length(notes)) FROM clients"), before);
    db_close(db);
    assert_null(fx_read_file(jpath, &jn2));
    free(j);
}

/* Opening must leave the file and its journal exactly as it found them. */
static void assert_open_refused_and_untouched(struct fixture *fx, const char *jpath, int flags)
{
    size_t dn, jn, dn2, jn2;
    unsigned char *d = fx_read_file(fx->path, &dn), *j = fx_read_file(jpath, &jn);
    struct db *db = NULL;
    struct kv_error err;
    assert_int_equal(db_open(fx->path, FX_ADMIN, FX_PASS, strlen(FX_PASS), flags, NULL, &db, &err),
                     KV_EDAMAGED);
    unsigned char *d2 = fx_read_file(fx->path, &dn2), *j2 = fx_read_file(jpath, &jn2);
    assert_int_equal(dn2, dn);
    assert_memory_equal(d2, d, dn);
    assert_true((j == NULL) == (j2 == NULL));
    if (j != NULL) {
        assert_int_equal(jn2, jn);
        assert_memory_equal(j2, j, jn);
    }
    free(d);
    free(d2);
    free(j);
    free(j2);
}

static void put_be32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

/* The review's forgery: one header sector, no records, nOrig 0. SQLite would truncate
 * the file to nothing and the next open would write a fresh schema into it. */
static void forged_journal_without_records_is_refused_and_kept(void **state)
{
    struct fixture *fx = *state;
    struct db *db = fx_open(fx);
    fill(db, 200);
    db_close(db);
    char jpath[320];
    snprintf(jpath, sizeof jpath, "%s-journal", fx->path);
    unsigned char j[4096] = {0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7};
    put_be32(j + 8, 0);      /* nRec */
    put_be32(j + 12, 12345); /* checksum nonce */
    put_be32(j + 16, 0);     /* nOrig: the size to truncate to */
    put_be32(j + 20, 4096);  /* sector size */
    put_be32(j + 24, 4096);  /* page size */
    fx_write_file(jpath, j, sizeof j);
    assert_open_refused_and_untouched(fx, jpath, 0);
    assert_open_refused_and_untouched(fx, jpath, DB_NO_MIGRATE); /* check too */
    unlink(jpath);
    db = fx_open(fx);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM clients"), 200);
    db_close(db);
}

/* A real hot journal with its sealed header fields changed (nOrig, nRec), or with a
 * super-journal name appended: refused, kept; put back as it was, it plays back. */
static void altered_hot_journal_header_or_super_journal_is_refused(void **state)
{
    struct fixture *fx = *state;
    db_use_rollback_journal(1); /* a file made before WAL */
    struct db *db = fx_open(fx);
    fill(db, 400);
    long before = fx_int(db, "SELECT sum(length(notes)) FROM clients");
    db_close(db);
    die_mid_transaction(fx);
    char jpath[320];
    snprintf(jpath, sizeof jpath, "%s-journal", fx->path);
    size_t jn;
    unsigned char *j = fx_read_file(jpath, &jn);
    assert_non_null(j);
    assert_true(be32(j + 8) > 0); /* a live header: SQLite marked it synced */
    for (int field = 8; field <= 16; field += 8) {
        unsigned char *bad = malloc(jn);
        memcpy(bad, j, jn);
        put_be32(bad + field, field == 16 ? 0 : 1); /* nOrig 0; nRec cut to one record */
        fx_write_file(jpath, bad, jn);
        assert_open_refused_and_untouched(fx, jpath, 0);
        free(bad);
    }
    /* A super-journal name: name, its length, its checksum, the magic, at the end. */
    static const char name[] = "/tmp/elders";
    size_t sn = jn + (sizeof name - 1) + 16;
    unsigned char *sj = calloc(1, sn);
    memcpy(sj, j, jn);
    memcpy(sj + jn, name, sizeof name - 1);
    uint32_t sum = 0;
    for (size_t i = 0; i < sizeof name - 1; i++)
        sum += (unsigned char)name[i];
    put_be32(sj + jn + sizeof name - 1, (uint32_t)(sizeof name - 1));
    put_be32(sj + jn + sizeof name - 1 + 4, sum);
    memcpy(sj + sn - 8, j, 8);
    fx_write_file(jpath, sj, sn);
    assert_open_refused_and_untouched(fx, jpath, 0);
    free(sj);
    fx_write_file(jpath, j, jn);
    db = fx_open(fx);
    assert_int_equal(fx_int(db, "SELECT sum(length(notes)) FROM clients"), before);
    db_close(db);
    free(j);
}

/* A file cut to its header is not a new database. */
static void file_cut_to_its_header_is_refused_and_untouched(void **state)
{
    struct fixture *fx = *state;
    assert_int_equal(truncate(fx->path, HDR_TOTAL), 0);
    char jpath[320];
    snprintf(jpath, sizeof jpath, "%s-journal", fx->path);
    assert_open_refused_and_untouched(fx, jpath, 0);
    assert_open_refused_and_untouched(fx, jpath, DB_NO_MIGRATE);
    struct db *db = NULL;
    struct kv_error err;
    assert_int_equal(db_open(fx->path, FX_ADMIN, FX_PASS, strlen(FX_PASS), 0, NULL, &db, &err),
                     KV_EDAMAGED);
    assert_non_null(strstr(err.msg, "afgekapt"));
}

/* ---- the write-ahead log --------------------------------------------------------- */

#define WAL_FRAME (24 + KV_PAGE_SIZE)

/* Two committed transactions left in the WAL, as a crash leaves them (no checkpoint on
 * close): 300 clients, then one more. */
static void two_commits_in_the_wal(struct fixture *fx, long *frames_first)
{
    struct db *db = fx_open(fx);
    fx_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
    fx_exec(db, "PRAGMA wal_autocheckpoint=0");
    assert_int_equal(sqlite3_db_config(db->sql, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL),
                     SQLITE_OK);
    fill(db, 300);
    char wpath[320];
    snprintf(wpath, sizeof wpath, "%s-wal", fx->path);
    size_t n;
    unsigned char *w = fx_read_file(wpath, &n);
    assert_non_null(w);
    *frames_first = (long)((n - 32) / WAL_FRAME);
    free(w);
    fx_exec(db, "INSERT INTO clients (first_name, last_name, bsn, created_at, updated_at, "
                "updated_by) VALUES ('Laatste', 'Commit', '111222333', 'x', 'x', 'x')");
    db_close(db);
    w = fx_read_file(wpath, &n);
    assert_non_null(w);
    assert_true((long)((n - 32) / WAL_FRAME) > *frames_first);
    free(w);
    assert_no_plaintext(wpath);
}

static long frame_page_ofs(long frame) /* 1-based */
{
    return 32 + (frame - 1) * WAL_FRAME + 24;
}

/* A changed byte in a frame before the last commit: committed data would be lost, so
 * the open fails as damaged and leaves the WAL as it was; repaired, both commits are
 * there. */
static void tampered_committed_frame_is_an_error_and_the_wal_is_kept(void **state)
{
    struct fixture *fx = *state;
    long first;
    two_commits_in_the_wal(fx, &first);
    char wpath[320];
    snprintf(wpath, sizeof wpath, "%s-wal", fx->path);
    long at = frame_page_ofs(2) + 100;
    fx_flip_byte(wpath, at);
    size_t n1, n2;
    unsigned char *w1 = fx_read_file(wpath, &n1);
    struct db *db = NULL;
    struct kv_error err;
    assert_int_equal(db_open(fx->path, FX_ADMIN, FX_PASS, strlen(FX_PASS), 0, NULL, &db, &err),
                     KV_EDAMAGED);
    assert_non_null(strstr(err.msg, "WAL"));
    unsigned char *w2 = fx_read_file(wpath, &n2);
    assert_non_null(w2);
    assert_int_equal(n1, n2);
    assert_memory_equal(w1, w2, n1);
    free(w1);
    free(w2);
    fx_flip_byte(wpath, at);
    db = fx_open(fx);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM clients"), 301);
    db_close(db);
}

/* The last commit's own frame torn (its page not what was sealed): that transaction is
 * dropped, as SQLite drops a frame with a bad checksum; the one before it stays. */
static void torn_last_commit_is_dropped(void **state)
{
    struct fixture *fx = *state;
    long first;
    two_commits_in_the_wal(fx, &first);
    char wpath[320];
    snprintf(wpath, sizeof wpath, "%s-wal", fx->path);
    size_t n;
    unsigned char *w = fx_read_file(wpath, &n);
    long last = (long)((n - 32) / WAL_FRAME);
    free(w);
    fx_flip_byte(wpath, frame_page_ofs(last) + 7);
    struct db *db = fx_open(fx);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM clients"), 300);
    db_close(db);
}

/* A frame of an earlier WAL generation, put into the current one with the current salt
 * in its header, does not authenticate: the salt is in its associated data. */
static void frame_from_an_earlier_wal_generation_does_not_open(void **state)
{
    struct fixture *fx = *state;
    long first;
    two_commits_in_the_wal(fx, &first);
    char wpath[320];
    snprintf(wpath, sizeof wpath, "%s-wal", fx->path);
    size_t on;
    unsigned char *old = fx_read_file(wpath, &on);
    assert_non_null(old);
    struct db *db = fx_open(fx); /* recovers, then a new generation after a checkpoint */
    fx_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
    assert_int_equal(sqlite3_db_config(db->sql, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL),
                     SQLITE_OK);
    fx_exec(db, "PRAGMA wal_autocheckpoint=0");
    fx_exec(db, "UPDATE clients SET last_name = 'Nieuw' WHERE id < 200");
    fx_exec(db, "UPDATE clients SET last_name = 'Nieuwer' WHERE id = 1");
    db_close(db);
    size_t nn;
    unsigned char *cur = fx_read_file(wpath, &nn);
    assert_non_null(cur);
    assert_memory_not_equal(old + 16, cur + 16, 8); /* a new salt */
    /* Frame 2 of the old generation, header and all, but claiming the new salt. */
    unsigned char *bad = malloc(nn);
    memcpy(bad, cur, nn);
    memcpy(bad + 32 + WAL_FRAME, old + 32 + WAL_FRAME, WAL_FRAME);
    memcpy(bad + 32 + WAL_FRAME + 8, cur + 16, 8);
    fx_write_file(wpath, bad, nn);
    struct kv_error err;
    assert_int_equal(db_open(fx->path, FX_ADMIN, FX_PASS, strlen(FX_PASS), 0, NULL, &db, &err),
                     KV_EDAMAGED);
    fx_write_file(wpath, cur, nn);
    db = fx_open(fx);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM clients WHERE last_name LIKE 'Nieuw%'"), 199);
    db_close(db);
    free(bad);
    free(cur);
    free(old);
}

/* Nonces of every frame the WAL holds, across resets of the WAL (each checkpoint that
 * restarts it), a rollback and a crash, never repeat, nor repeat a page's. */
static void wal_nonces_never_repeat_across_resets(void **state)
{
    struct fixture *fx = *state;
    struct nonces seen = {0};
    kvfs_set_nonce_observer(observe, &seen);
    struct db *db = fx_open(fx);
    fill(db, 100);
    for (int round = 0; round < 4; round++) {
        fx_exec(db, "UPDATE clients SET notes = hex(randomblob(200))");
        fx_exec(db, "BEGIN; UPDATE clients SET first_name = 'a'; ROLLBACK");
        fx_exec(db,
                round % 2 ? "PRAGMA wal_checkpoint(RESTART)" : "PRAGMA wal_checkpoint(TRUNCATE)");
    }
    db_close(db);
    kvfs_set_nonce_observer(NULL, NULL);
    assert_true(seen.n > 400);
    assert_unique(&seen);
    free(seen.v);
}

/* A copy (backup, rekey, checkout) is a new file nobody else opens: its pages go into it
 * once, not into a WAL and then again into the file, which doubled a large municipality's
 * backup I/O beside the caseworkers' saves. Over several steps (more than 2 x 1,024
 * pages), and the copy holds what the file held. */
static void a_backup_seals_each_page_once(void **state)
{
    struct fixture *fx = *state;
    struct db *db = fx_open(fx);
    fill(db, 10000);
    struct kv_error err;
    assert_int_equal(db_checkpoint(db, &err), KV_OK);
    long pages = fx_int(db, "PRAGMA page_count");
    assert_true(pages > 3 * 1024);
    struct nonces seen = {0};
    char backup[320];
    snprintf(backup, sizeof backup, "%s/backup.db", fx->dir);
    kvfs_set_nonce_observer(observe, &seen);
    assert_int_equal(maint_backup(db, backup, 0, NULL, &err), KV_OK);
    kvfs_set_nonce_observer(NULL, NULL);
    /* every page once, and the few the copy's generation touches (WAL, then file) */
    assert_true((long)seen.n >= pages);
    assert_true((long)seen.n <= pages + 8);
    free(seen.v);
    long rows = fx_int(db, "SELECT count(*) FROM clients");
    db_close(db);

    struct db *copy = NULL;
    assert_int_equal(db_open(backup, FX_ADMIN, FX_PASS, strlen(FX_PASS), 0, NULL, &copy, &err),
                     KV_OK);
    assert_int_equal(fx_int(copy, "SELECT count(*) FROM clients"), rows);
    db_close(copy);
}

/* Another process saving pairs of rows from the byte on go_fd until the byte on stop_fd
 * (or for 10 s at most). Forked before the parent opens the file: it shares no open file
 * description, and so no lock, with it. */
static pid_t start_saver(struct fixture *fx, int go_fd, int stop_fd)
{
    pid_t pid = fork();
    if (pid != 0)
        return pid;
    char c;
    if (read(go_fd, &c, 1) != 1)
        _exit(1);
    struct db *db = fx_open(fx);
    char sql[300];
    time_t end = time(NULL) + 10;
    for (int i = 0; time(NULL) < end && read(stop_fd, &c, 1) != 1; i++) {
        snprintf(sql, sizeof sql,
                 "BEGIN IMMEDIATE; INSERT INTO config (key, value, created_at, updated_at, "
                 "updated_by) VALUES ('pair.%d.a', 'x', 'x', 'x', 'x'), ('pair.%d.b', 'x', "
                 "'x', 'x', 'x'); COMMIT",
                 i, i);
        if (sqlite3_exec(db->sql, sql, NULL, NULL, NULL) != SQLITE_OK)
            _exit(1);
        struct timespec nap = {0, 2000000};
        nanosleep(&nap, NULL);
    }
    db_close(db);
    _exit(0);
}

/* A copy is made in steps, resting between them, while others save: it is one state of
 * the file (never half a transaction), and it ends while they go on saving (a backup
 * that SQLite started again after every commit elsewhere would end only when they
 * stopped). */
static void a_backup_beside_saves_is_one_state_and_ends_meanwhile(void **state)
{
    struct fixture *fx = *state;
    int go[2], stop[2];
    assert_int_equal(pipe(go), 0);
    assert_int_equal(pipe(stop), 0);
    assert_int_equal(fcntl(stop[0], F_SETFL, O_NONBLOCK), 0); /* the saver only looks */
    pid_t pid = start_saver(fx, go[0], stop[0]);
    assert_true(pid > 0);
    struct db *db = fx_open(fx);
    fill(db, 10000);
    assert_true(fx_int(db, "PRAGMA page_count") > 3 * 1024);
    assert_int_equal(write(go[1], "x", 1), 1);
    const char *pairs = "SELECT count(*) FROM config WHERE key LIKE 'pair.%'";
    while (fx_int(db, pairs) < 2) {
        struct timespec nap = {0, 1000000};
        nanosleep(&nap, NULL);
    }
    char backup[320];
    snprintf(backup, sizeof backup, "%s/backup.db", fx->dir);
    struct kv_error err;
    assert_int_equal(maint_backup(db, backup, 0, NULL, &err), KV_OK);
    assert_int_equal(write(stop[1], "x", 1), 1);
    int status;
    waitpid(pid, &status, 0);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    long after = fx_int(db, pairs);
    db_close(db);
    close(stop[0]);
    close(stop[1]);
    close(go[0]);
    close(go[1]);

    struct db *copy = NULL;
    assert_int_equal(db_open(backup, FX_ADMIN, FX_PASS, strlen(FX_PASS), 0, NULL, &copy, &err),
                     KV_OK);
    long copied = fx_int(copy, pairs);
    assert_true(copied >= 2);
    assert_int_equal(copied % 2, 0);
    assert_true(copied < after);
    db_close(copy);
}

/* ---- fail closed ----------------------------------------------------------------- */

static void wal_page_size_mmap_and_disk_temp_are_refused(void **state)
{
    struct fixture *fx = *state;
    struct db *db = fx_open(fx);
    const char *refused[] = {"PRAGMA journal_mode=DELETE", "PRAGMA journal_mode=OFF",
                             "PRAGMA journal_mode=MEMORY", "PRAGMA page_size=8192",
                             "PRAGMA mmap_size=1048576",   "PRAGMA temp_store=FILE",
                             "PRAGMA synchronous=OFF"};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        char *msg = NULL;
        assert_int_not_equal(sqlite3_exec(db->sql, refused[i], NULL, NULL, &msg), SQLITE_OK);
        assert_non_null(msg);
        assert_non_null(strstr(msg, "klantvolg"));
        sqlite3_free(msg);
    }
    fx_exec(db, "PRAGMA journal_mode=WAL; PRAGMA page_size=4096; PRAGMA mmap_size=0");
    assert_int_equal(fx_int(db, "PRAGMA page_size"), 4096);
    db_close(db);
}

static void no_key_no_open_and_no_plaintext_copies(void **state)
{
    struct fixture *fx = *state;
    sqlite3 *raw = NULL;
    char uri[400];
    assert_int_equal(kvfs_register(), SQLITE_OK);
    snprintf(uri, sizeof uri, "file:%s", fx->path);
    assert_int_not_equal(
        sqlite3_open_v2(uri, &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI, KVFS_NAME), SQLITE_OK);
    sqlite3_close(raw);
    struct db *db = fx_open(fx);
    char sql[400], out[320];
    snprintf(out, sizeof out, "%s/plain.db", fx->dir);
    snprintf(sql, sizeof sql, "VACUUM INTO '%s'", out);
    assert_int_not_equal(sqlite3_exec(db->sql, sql, NULL, NULL, NULL), SQLITE_OK);
    snprintf(sql, sizeof sql, "ATTACH '%s' AS other", out);
    assert_int_not_equal(sqlite3_exec(db->sql, sql, NULL, NULL, NULL), SQLITE_OK);
    size_t n = 0;
    unsigned char *b = fx_read_file(out, &n);
    if (b != NULL)
        assert_false(fx_contains(b, n, "SQLite format 3"));
    free(b);
    db_close(db);
}

static sqlite3_file *main_file(struct db *db)
{
    sqlite3_file *f = NULL;
    assert_int_equal(sqlite3_file_control(db->sql, "main", SQLITE_FCNTL_FILE_POINTER, &f),
                     SQLITE_OK);
    return f;
}

static void slices_of_page_one_match_the_whole_page_and_reserve_reads_zero(void **state)
{
    struct fixture *fx = *state;
    struct db *db = fx_open(fx);
    sqlite3_file *f = main_file(db);
    unsigned char page[KV_PAGE_SIZE], first[100], counter[16];
    assert_int_equal(f->pMethods->xRead(f, page, KV_PAGE_SIZE, 0), SQLITE_OK);
    assert_int_equal(f->pMethods->xRead(f, first, 100, 0), SQLITE_OK);
    assert_int_equal(f->pMethods->xRead(f, counter, 16, 24), SQLITE_OK);
    assert_memory_equal(first, page, 100);
    assert_memory_equal(counter, page + 24, 16);
    assert_memory_equal(page, "SQLite format 3", 16); /* SQLite sees its own format */
    assert_int_equal(page[20], KV_PAGE_RESERVE);
    for (int i = KV_PAGE_DATA; i < KV_PAGE_SIZE; i++)
        assert_int_equal(page[i], 0);
    assert_int_equal(f->pMethods->xRead(f, page, KV_PAGE_SIZE, KV_PAGE_SIZE), SQLITE_OK);
    for (int i = KV_PAGE_DATA; i < KV_PAGE_SIZE; i++)
        assert_int_equal(page[i], 0);
    /* Change a byte of page 1's ciphertext behind SQLite's back, nonce and tag kept: a
     * slice read gives the plaintext authenticated before, never the altered bytes, and
     * the next whole-page read reports the damage. */
    unsigned char whole[KV_PAGE_SIZE], again[16];
    assert_int_equal(f->pMethods->xRead(f, whole, KV_PAGE_SIZE, 0), SQLITE_OK);
    fx_flip_byte(fx->path, HDR_TOTAL + 30);
    assert_int_equal(f->pMethods->xRead(f, again, 16, 24), SQLITE_OK);
    assert_memory_equal(again, whole + 24, 16);
    assert_int_equal(f->pMethods->xRead(f, page, KV_PAGE_SIZE, 0), SQLITE_IOERR_DATA);
    /* A new nonce (a real rewrite elsewhere) forces the slice to be authenticated. */
    fx_flip_byte(fx->path, HDR_TOTAL + KV_PAGE_DATA + 3);
    assert_int_equal(f->pMethods->xRead(f, again, 16, 24), SQLITE_IOERR_DATA);
    db_close(db);
}

static void partial_writes_and_pages_without_reserve_are_refused(void **state)
{
    struct fixture *fx = *state;
    struct db *db = fx_open(fx);
    sqlite3_file *f = main_file(db);
    unsigned char page[KV_PAGE_SIZE];
    size_t n1, n2;
    unsigned char *before = fx_read_file(fx->path, &n1);
    assert_int_equal(f->pMethods->xRead(f, page, KV_PAGE_SIZE, 0), SQLITE_OK);
    assert_int_equal(f->pMethods->xWrite(f, page, 100, 0), SQLITE_IOERR_WRITE);
    assert_int_equal(f->pMethods->xWrite(f, page, KV_PAGE_SIZE, 10), SQLITE_IOERR_WRITE);
    page[20] = 0; /* a page 1 claiming no reserve */
    assert_int_equal(f->pMethods->xWrite(f, page, KV_PAGE_SIZE, 0), SQLITE_IOERR_WRITE);
    unsigned char *after = fx_read_file(fx->path, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(before, after, n1); /* nothing reached the file */
    free(before);
    free(after);
    db_close(db);
}

/* SQLite may write a page past the end while pages below it were never written (a page
 * freed in the transaction that made it goes onto the freelist unwritten). Such a gap
 * must read back as an authentic zero page, not as damage: SQLite takes free pages from
 * the list again (its trans2 test failed with "disk I/O error" under cache spill). */
static void pages_skipped_past_the_end_read_as_zeros_not_damage(void **state)
{
    struct fixture *fx = *state;
    struct db *db = fx_open(fx);
    sqlite3_file *f = main_file(db);
    sqlite3_int64 size;
    assert_int_equal(f->pMethods->xFileSize(f, &size), SQLITE_OK);
    assert_int_equal(size % KV_PAGE_SIZE, 0);
    unsigned char page[KV_PAGE_SIZE], back[KV_PAGE_SIZE];
    memset(page, 0x5a, sizeof page);
    assert_int_equal(f->pMethods->xWrite(f, page, KV_PAGE_SIZE, size + 2 * KV_PAGE_SIZE),
                     SQLITE_OK);
    for (int k = 0; k < 2; k++) {
        memset(back, 0xff, sizeof back);
        assert_int_equal(f->pMethods->xRead(f, back, KV_PAGE_SIZE, size + k * KV_PAGE_SIZE),
                         SQLITE_OK);
        for (int i = 0; i < KV_PAGE_SIZE; i++)
            assert_int_equal(back[i], 0);
    }
    assert_int_equal(f->pMethods->xRead(f, back, KV_PAGE_SIZE, size + 2 * KV_PAGE_SIZE), SQLITE_OK);
    assert_memory_equal(back, page, KV_PAGE_DATA);
    /* Still sealed: no zero page in plaintext on disk. */
    size_t n;
    unsigned char *raw = fx_read_file(fx->path, &n);
    assert_int_equal(n, HDR_TOTAL + size + 3 * KV_PAGE_SIZE);
    int zeros = 0;
    for (int i = 0; i < KV_PAGE_SIZE; i++)
        zeros += raw[HDR_TOTAL + size + i] == 0;
    assert_true(zeros < KV_PAGE_SIZE / 2);
    free(raw);
    db_close(db);
}

/* ---- the cache of authenticated pages --------------------------------------------- */

/* SQLite drops its whole cache when another connection commits; the VFS keeps the pages
 * it authenticated by their bytes on disk, so reading them again decrypts only what
 * changed, and the change itself is read, never the page as it was. */
static void pages_read_again_unchanged_are_not_decrypted_again(void **state)
{
    struct fixture *fx = *state;
    struct db *db = fx_open(fx);
    fill(db, 300);
    db_close(db);
    db = fx_open(fx);
    const char *q = "SELECT sum(length(notes)) + count(*) FROM clients WHERE last_name = 'Test'";
    unsigned long before = kvfs_pages_opened();
    long total = fx_int(db, q);
    unsigned long first = kvfs_pages_opened() - before;
    assert_true(first > 40); /* the table and its overflow pages */

    long moved = fx_int(db, "SELECT length(notes) + 1 FROM clients WHERE id = 2");
    struct db *other = fx_open(fx);
    fx_exec(other, "UPDATE clients SET last_name = 'Anders' WHERE id = 2");
    db_close(other);
    before = kvfs_pages_opened();
    assert_int_equal(fx_int(db, q), total - moved); /* the change is seen */
    unsigned long again = kvfs_pages_opened() - before;
    assert_true(again < first / 4); /* the changed pages and the WAL's, no more */
    assert_int_equal(fx_int(db, "SELECT last_name = 'Anders' FROM clients WHERE id = 2"), 1);
    db_close(db);
}

/* Two connections as two processes. The reader keeps what it authenticated stamped by
 * the WAL index, and is served unread what the index says cannot have changed; through
 * commits, checkpoints of each kind and new WAL generations it must see every change at
 * once. A stamp kept too long (a checkpoint's pages not forgotten, a frame taken from an
 * older generation) shows as a wrong sum. */
static void pages_known_unread_follow_every_commit_and_checkpoint(void **state)
{
    struct fixture *fx = *state;
    struct db *w = fx_open(fx);
    fill(w, 300);
    struct db *r = fx_open(fx);
    const char *q = "SELECT sum(length(notes)) * 7 + sum(id * length(last_name)) FROM clients";
    const char *ckpt[] = {"PRAGMA wal_checkpoint(PASSIVE)", "PRAGMA wal_checkpoint(FULL)",
                          "PRAGMA wal_checkpoint(RESTART)", "PRAGMA wal_checkpoint(TRUNCATE)"};
    unsigned seed = 17;
    unsigned long disk0, known0, disk1, known1;
    kvfs_page_reads(&disk0, &known0);
    for (int round = 0; round < 300; round++) {
        long want = fx_int(w, q);
        assert_int_equal(fx_int(r, q), want);
        char sql[200];
        int id = 1 + (int)(rand_r(&seed) % 300), n = 1 + (int)(rand_r(&seed) % 40);
        snprintf(sql, sizeof sql,
                 "UPDATE clients SET last_name = substr('Wiśniewska-Öztürk-عبدالله', 1, %d), "
                 "notes = notes || 'x' WHERE id BETWEEN %d AND %d",
                 1 + round % 20, id, id + n);
        fx_exec(w, sql);
        if (round % 7 == 3) /* the reader holds an old snapshot over a checkpoint */
            fx_exec(r, "BEGIN; SELECT count(*) FROM clients");
        if (round % 3 == 0)
            sqlite3_exec(w->sql, ckpt[rand_r(&seed) % 4], NULL, NULL, NULL);
        if (round % 7 == 3)
            fx_exec(r, "COMMIT");
    }
    kvfs_page_reads(&disk1, &known1);
    assert_true(known1 - known0 > (disk1 - disk0) / 4); /* unread, though every round changes */
    db_close(r);
    db_close(w);
}

/* A checkpoint that copies more frames than are worth naming one by one makes every
 * page be read again once, not at every other look from then on: after it, a reader with
 * a small cache reads the file again from what it keeps. */
static void pages_are_known_again_after_a_checkpoint_of_many_frames(void **state)
{
    struct fixture *fx = *state;
    struct db *w = fx_open(fx);
    fill(w, 300);
    struct db *holder = fx_open(fx), *r = fx_open(fx);
    fx_exec(holder, "BEGIN; SELECT count(*) FROM clients"); /* no restart meanwhile */
    fx_exec(w, "PRAGMA wal_autocheckpoint = 0");
    for (int round = 0; round < 400; round++)
        fx_exec(w, "UPDATE clients SET notes = notes || 'x'");
    char wpath[320];
    snprintf(wpath, sizeof wpath, "%s-wal", fx->path);
    size_t n;
    unsigned char *wal = fx_read_file(wpath, &n);
    free(wal);
    assert_true(n > 17000ul * (4096 + 24)); /* more frames than FORGET_AT_MOST */
    fx_exec(holder, "COMMIT");
    sqlite3_exec(w->sql, "PRAGMA wal_checkpoint(PASSIVE)", NULL, NULL, NULL);
    const char *q = "SELECT sum(length(notes)) + sum(id * length(last_name)) FROM clients";
    fx_exec(r, "PRAGMA cache_size = 5");
    long want = fx_int(w, q);
    assert_int_equal(fx_int(r, q), want);
    unsigned long disk0, known0, disk1, known1;
    kvfs_page_reads(&disk0, &known0);
    for (int i = 0; i < 5; i++)
        assert_int_equal(fx_int(r, q), want);
    kvfs_page_reads(&disk1, &known1);
    assert_true(known1 - known0 > 4 * (disk1 - disk0));
    db_close(r);
    db_close(holder);
    db_close(w);
}

/* SQLite's exclusive locking mode, set once the WAL is open, writes through the shared
 * index without taking its write lock through us. A transaction larger than the cache
 * spills frames past the index's end and reads them back; rolled back, those frames are
 * written over by the next writer at the same places, in the same WAL generation. Had
 * they been kept as known, this connection would see its own rolled-back change. */
static void frames_of_a_rolled_back_exclusive_transaction_are_not_kept(void **state)
{
    struct fixture *fx = *state;
    struct db *x = fx_open(fx);
    fill(x, 300);
    fx_exec(x, "PRAGMA wal_autocheckpoint = 0; PRAGMA wal_checkpoint(TRUNCATE)");
    fx_exec(x, "UPDATE clients SET last_name = 'Eerst' WHERE id = 1"); /* nothing copied: no
                                                                         restart follows */
    const char *q = "SELECT sum(length(notes)) * 7 + sum(id * length(last_name)) FROM clients";
    fx_exec(x, "PRAGMA cache_size = 5; PRAGMA locking_mode = EXCLUSIVE");
    fx_exec(x, "BEGIN; UPDATE clients SET notes = '" ROLLED_BACK "' || notes, "
               "last_name = 'Teruggedraaid'");
    assert_true(fx_int(x, q) > 0); /* the spilled frames, read back */
    fx_exec(x, "ROLLBACK; PRAGMA locking_mode = NORMAL");
    assert_true(fx_int(x, q) > 0); /* the next read gives the locks back */
    struct db *y = fx_open(fx);
    fx_exec(y, "UPDATE clients SET notes = substr(notes, 3), last_name = 'Wiśniewska-Öztürk'");
    long want = fx_int(y, q);
    assert_int_equal(fx_int(x, q), want);
    assert_int_equal(fx_int(x, "SELECT count(*) FROM clients WHERE last_name = 'Teruggedraaid'"),
                     0);
    db_close(y);
    db_close(x);
}

/* A file of a few thousand pages is kept whole, as the kernel keeps it for plain SQLite:
 * scanning it again through a small SQLite cache decrypts almost nothing again. */
static void a_file_of_a_thousand_pages_is_read_again_without_decrypting(void **state)
{
    struct fixture *fx = *state;
    struct db *db = fx_open(fx);
    fx_exec(db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400) "
                "INSERT INTO clients (first_name, last_name, bsn, notes, created_at, "
                "updated_at, updated_by) SELECT 'Ayşe', 'Groot', printf('%09d', i), "
                "hex(randomblob(5000)), 'x', 'x', 'x' FROM n");
    db_close(db);
    db = fx_open(fx);
    fx_exec(db, "PRAGMA cache_size=20");
    const char *q = "SELECT sum(length(notes)) FROM clients WHERE last_name = 'Groot'";
    unsigned long before = kvfs_pages_opened();
    assert_int_equal(fx_int(db, q), 400 * 10000);
    unsigned long first = kvfs_pages_opened() - before;
    assert_true(first > 1000); /* 400 notes of three pages each */
    before = kvfs_pages_opened();
    assert_int_equal(fx_int(db, q), 400 * 10000);
    unsigned long again = kvfs_pages_opened() - before;
    assert_true(again < first / 20);
    db_close(db);
}

/* A VFS stacked above may grow the file with xTruncate (SQLite's crash simulator turns a
 * size hint into one): the new pages read as zeros, not as damage, and are sealed on disk;
 * the whole file still reads (SQLite's savepoint4 through the crash VFS reads every byte). */
static void pages_grown_by_truncate_read_as_zeros_not_damage(void **state)
{
    struct fixture *fx = *state;
    struct db *db = fx_open(fx);
    sqlite3_file *f = main_file(db);
    sqlite3_int64 size, grown;
    assert_int_equal(f->pMethods->xFileSize(f, &size), SQLITE_OK);
    assert_int_equal(size % KV_PAGE_SIZE, 0);
    assert_int_equal(f->pMethods->xTruncate(f, size + 3 * KV_PAGE_SIZE), SQLITE_OK);
    assert_int_equal(f->pMethods->xFileSize(f, &grown), SQLITE_OK);
    assert_int_equal(grown, size + 3 * KV_PAGE_SIZE);
    unsigned char back[KV_PAGE_SIZE];
    for (sqlite3_int64 at = 0; at < grown; at += KV_PAGE_SIZE) {
        memset(back, 0xff, sizeof back);
        assert_int_equal(f->pMethods->xRead(f, back, KV_PAGE_SIZE, at), SQLITE_OK);
        if (at >= size)
            for (int i = 0; i < KV_PAGE_SIZE; i++)
                assert_int_equal(back[i], 0);
    }
    size_t n;
    unsigned char *raw = fx_read_file(fx->path, &n);
    assert_int_equal(n, HDR_TOTAL + grown);
    for (sqlite3_int64 at = size; at < grown; at += KV_PAGE_SIZE) {
        int zeros = 0;
        for (int i = 0; i < KV_PAGE_SIZE; i++)
            zeros += raw[HDR_TOTAL + at + i] == 0;
        assert_true(zeros < KV_PAGE_SIZE / 2); /* sealed, not zeros in plaintext */
    }
    free(raw);
    /* A part page could never be sealed; shrinking is as before. */
    assert_int_not_equal(f->pMethods->xTruncate(f, grown + 100), SQLITE_OK);
    assert_int_equal(f->pMethods->xTruncate(f, size), SQLITE_OK);
    assert_int_equal(f->pMethods->xFileSize(f, &grown), SQLITE_OK);
    assert_int_equal(grown, size);
    fx_exec(db, "PRAGMA quick_check");
    db_close(db);
}

/* ---- pages held back in rollback mode (heldpages.h) ------------------------------- */

static void held_pages_keep_the_latest_of_each_page_in_order(void **state)
{
    (void)state;
    struct heldpages *h = held_new(64, 16);
    unsigned char page[16];
    assert_null(held_get(h, 7));
    /* 64 pages whose numbers collide in a small index, each written twice */
    for (int round = 0; round < 2; round++)
        for (uint32_t i = 0; i < 64; i++) {
            memset(page, (int)(i + 100 * round) & 0xff, sizeof page);
            assert_int_equal(held_put(h, 1 + i * 128, page), 0);
        }
    assert_int_equal(held_count(h), 64);
    assert_int_equal(held_last(h), 1 + 63 * 128);
    memset(page, 0, sizeof page);
    assert_int_equal(held_put(h, 5, page), -1); /* full: flush first */
    for (uint32_t i = 0; i < 64; i++)
        assert_int_equal(held_get(h, 1 + i * 128)[3], (int)(i + 100) & 0xff);
    const uint32_t *order = held_sorted(h);
    for (size_t i = 1; i < 64; i++)
        assert_true(order[i - 1] < order[i]);
    held_clear(h);
    assert_int_equal(held_count(h), 0);
    for (uint32_t i = 0; i < 64; i++)
        assert_null(held_get(h, 1 + i * 128));
    assert_int_equal(held_put(h, 5, page), 0); /* room again after a clear */
    assert_non_null(held_get(h, 5));
    held_free(h);
    assert_null(held_new(0, 16)); /* off */
    assert_int_equal(held_put(NULL, 1, page), -1);
}

/* Opened again, the file holds notes of this total length and `check` finds it sound. */
static void assert_reopens_sound_with_notes(struct fixture *fx, long length)
{
    struct db *db = fx_open(fx);
    assert_int_equal(fx_int(db, "SELECT sum(length(notes)) FROM clients"), length);
    struct kv_error err;
    struct check_report r;
    assert_int_equal(maint_check(db, &r, &err), KV_OK);
    assert_true(maint_sound(&r));
    db_close(db);
}

/* A transaction that does not fit SQLite's cache spills its pages to the file again and
 * again; held back, each page is sealed once, and the file reads the same afterwards. A
 * rollback of such a transaction leaves the file as it was. */
static void a_transaction_larger_than_the_cache_seals_each_page_once(void **state)
{
    struct fixture *fx = *state;
    long before;
    struct db *db = open_rollback_file(fx, &before);
    long pages = fx_int(db, "PRAGMA page_count");
    fx_exec(db, "PRAGMA cache_size = 5");
    struct nonces seen = {0};
    kvfs_set_nonce_observer(observe, &seen);
    fx_exec(db, "BEGIN; UPDATE clients SET notes = notes || 'a'; "
                "UPDATE clients SET notes = notes || 'b'; UPDATE clients SET notes = notes || 'c'; "
                "COMMIT");
    kvfs_set_nonce_observer(NULL, NULL);
    /* each page at most once to the journal and once to the file (three spills each
     * without holding) */
    long pages_after = fx_int(db, "PRAGMA page_count");
    assert_true((long)seen.n <= pages + pages_after + 8);
    assert_int_equal(fx_int(db, "SELECT sum(length(notes)) FROM clients"), before + 3 * 400);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM clients WHERE notes LIKE '%abc'"), 400);
    fx_exec(db, "BEGIN; UPDATE clients SET notes = 'weg'; UPDATE clients SET last_name = 'X'; "
                "ROLLBACK");
    assert_int_equal(fx_int(db, "SELECT sum(length(notes)) FROM clients"), before + 3 * 400);
    db_close(db);
    assert_reopens_sound_with_notes(fx, before + 3 * 400);
    free(seen.v);
}

/* A page held back and written again after page 1 has switched the file to WAL (as a
 * backup from a WAL file into a rollback-mode one does at its commit) is replaced where it
 * is held: written through instead, the older held copy would be read back and then
 * flushed over it. */
static void a_held_page_written_again_is_replaced_where_it_is_held(void **state)
{
    struct fixture *fx = *state;
    long notes;
    struct db *db = open_rollback_file(fx, &notes);
    sqlite3_file *f = main_file(db);
    sqlite3_int64 last = (sqlite3_int64)(fx_int(db, "PRAGMA page_count") - 1) * KV_PAGE_SIZE;
    fx_exec(db, "BEGIN EXCLUSIVE; SELECT count(*) FROM clients");
    unsigned char p1[KV_PAGE_SIZE], orig[KV_PAGE_SIZE], page[KV_PAGE_SIZE], back[KV_PAGE_SIZE];
    assert_int_equal(f->pMethods->xRead(f, p1, KV_PAGE_SIZE, 0), SQLITE_OK);
    assert_int_equal(f->pMethods->xRead(f, orig, KV_PAGE_SIZE, last), SQLITE_OK);
    memcpy(page, orig, sizeof page);
    page[100] ^= 1;
    assert_int_equal(f->pMethods->xWrite(f, page, KV_PAGE_SIZE, last), SQLITE_OK); /* held */
    memcpy(back, p1, sizeof back);
    back[18] = back[19] = 2; /* WAL from here on */
    assert_int_equal(f->pMethods->xWrite(f, back, KV_PAGE_SIZE, 0), SQLITE_OK);
    page[100] ^= 3;
    assert_int_equal(f->pMethods->xWrite(f, page, KV_PAGE_SIZE, last), SQLITE_OK);
    assert_int_equal(f->pMethods->xRead(f, back, KV_PAGE_SIZE, last), SQLITE_OK);
    assert_memory_equal(back, page, KV_PAGE_SIZE);
    /* as it was, for SQLite, whose cache never saw any of this */
    assert_int_equal(f->pMethods->xWrite(f, p1, KV_PAGE_SIZE, 0), SQLITE_OK);
    assert_int_equal(f->pMethods->xWrite(f, orig, KV_PAGE_SIZE, last), SQLITE_OK);
    fx_exec(db, "ROLLBACK");
    db_close(db);
    assert_reopens_sound_with_notes(fx, notes);
}

static int is_zero8(const unsigned char *b)
{
    static const unsigned char zero[8];
    return memcmp(b, zero, 8) == 0;
}

/* A process that commits a spilled transaction and dies at once, still holding its
 * exclusive lock (locking_mode=EXCLUSIVE: no unlock follows the commit), has put every
 * page in the file: the journal was finalised only after them. */
static void a_commit_is_in_the_file_before_its_journal_goes(void **state)
{
    struct fixture *fx = *state;
    long before;
    db_close(open_rollback_file(fx, &before));
    run_and_die(fx, "PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = 5; BEGIN; "
                    "UPDATE clients SET notes = notes || 'zz'; COMMIT");
    char jpath[320];
    snprintf(jpath, sizeof jpath, "%s-journal", fx->path);
    /* committed: in exclusive mode the journal stays with its header zeroed, not hot */
    size_t jn = 0;
    unsigned char *j = fx_read_file(jpath, &jn);
    assert_true(j == NULL || jn < 8 || is_zero8(j));
    free(j);
    assert_reopens_sound_with_notes(fx, before + 2 * 400);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(rows_survive_close_and_reopen, setup, teardown),
        cmocka_unit_test(held_pages_keep_the_latest_of_each_page_in_order),
        cmocka_unit_test_setup_teardown(a_transaction_larger_than_the_cache_seals_each_page_once,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(a_commit_is_in_the_file_before_its_journal_goes, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_held_page_written_again_is_replaced_where_it_is_held,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(pages_read_again_unchanged_are_not_decrypted_again, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(pages_known_unread_follow_every_commit_and_checkpoint,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(pages_are_known_again_after_a_checkpoint_of_many_frames,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(frames_of_a_rolled_back_exclusive_transaction_are_not_kept,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(a_file_of_a_thousand_pages_is_read_again_without_decrypting,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(pages_skipped_past_the_end_read_as_zeros_not_damage, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(pages_grown_by_truncate_read_as_zeros_not_damage, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(no_plaintext_in_file_journal_or_backup, setup, teardown),
        cmocka_unit_test_setup_teardown(large_sort_and_temp_table_need_no_disk, setup, teardown),
        cmocka_unit_test(temporary_files_from_the_vfs_live_in_memory),
        cmocka_unit_test_setup_teardown(nonces_never_repeat_across_writes_rollbacks_and_recovery,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(flipped_byte_anywhere_in_a_page_is_named, setup, teardown),
        cmocka_unit_test_setup_teardown(swapped_pages_and_foreign_pages_are_detected, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(tampered_hot_journal_fails_open_and_is_kept, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(forged_journal_without_records_is_refused_and_kept, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(altered_hot_journal_header_or_super_journal_is_refused,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(file_cut_to_its_header_is_refused_and_untouched, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(tampered_committed_frame_is_an_error_and_the_wal_is_kept,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(torn_last_commit_is_dropped, setup, teardown),
        cmocka_unit_test_setup_teardown(frame_from_an_earlier_wal_generation_does_not_open, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(wal_nonces_never_repeat_across_resets, setup, teardown),
        cmocka_unit_test_setup_teardown(a_backup_seals_each_page_once, setup, teardown),
        cmocka_unit_test_setup_teardown(a_backup_beside_saves_is_one_state_and_ends_meanwhile,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(wal_page_size_mmap_and_disk_temp_are_refused, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(no_key_no_open_and_no_plaintext_copies, setup, teardown),
        cmocka_unit_test_setup_teardown(
            slices_of_page_one_match_the_whole_page_and_reserve_reads_zero, setup, teardown),
        cmocka_unit_test_setup_teardown(partial_writes_and_pages_without_reserve_are_refused, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
