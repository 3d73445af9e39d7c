/* kvtool: a test helper that drives the real storage layer from separate processes,
 * for the crash and concurrency tests. The passphrase comes from $KVTOOL_PASS.
 *   kvtool writer DB USER N       commit transactions 1..N, printing each number
 *                                 after its COMMIT returned (rows of offline_changes:
 *                                 a table of klantvolg's own schema, which is all an
 *                                 open accepts, with a number and a blob)
 *   kvtool verify DB USER         print "rows maxseq": committed rows and the highest
 *                                 number; exit 1 if any number 1..max is missing
 *   kvtool counter DB USER N      N read-modify-write increments of one counter, with
 *                                 reads in between; exit 1 on any error
 *   kvtool get DB USER            print the counter
 *   kvtool hold DB USER SECONDS   keep the database open (print "open" first)
 *   kvtool lock DB USER SECONDS   hold the write lock (print "locked" first)
 *   kvtool queue DB USER SECONDS  begin a write transaction the way the program does
 *                                 (the writers' queue, then the write lock), print
 *                                 "queued", hold it, commit
 *   kvtool sql DB USER SQL        run SQL as it stands, past every rule of klantvolg (to
 *                                 tamper with the audit log, as an intruder with the key)
 *   kvtool change DB USER SQL     run SQL in one write transaction the way the program
 *                                 writes (recorded, access-checked, logged; in an
 *                                 offline copy kept for checkin)
 *   kvtool plain DB USER          every page of the file decrypted, to standard output
 *                                 (to show that purged data is gone from the file)
 *   kvtool slotcost DB NAME OPS MEM [COPY]  set the KDF costs of NAME's slot in both header
 *                                 copies (or copy COPY, 0 or 1)
 *                                 with a fresh checksum, no key needed (the MAC is left
 *                                 as it was, as an attacker with the file alone leaves it)
 *   kvtool plant DB USER NAME     add a key slot for NAME (passphrase $KVTOOL_PASS) with
 *                                 the master key, past every rule (a planted way in)
 *   kvtool forge COPY USER SQL    what a passphrase holder can do to an offline copy: run
 *                                 SQL past every rule (foreign keys off), roll it back,
 *                                 and keep its changeset for checkin as the program
 *                                 would (a hand-made changeset) */
#include "crypto/keyslot.h"
#include "crypto/secmem.h"
#include "crypto/page.h"
#include "storage/db.h"
#include "storage/txn.h"
#include "storage/dbfile.h"
#include "storage/login.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct db *open_db(const char *path, const char *user)
{
    struct kv_error err;
    struct db *db;
    const char *pass = getenv("KVTOOL_PASS");
    if (pass == NULL || db_open(path, user, pass, strlen(pass), 0, NULL, &db, &err) != KV_OK) {
        fprintf(stderr, "kvtool: open: %s (%s)\n", pass ? err.msg : "no KVTOOL_PASS",
                pass ? err.detail : "");
        exit(err.status ? (int)err.status : 1);
    }
    return db;
}

static int exec(struct db *db, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(db->sql, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        fprintf(stderr, "kvtool: %s: %s\n", sql, msg ? msg : sqlite3_errstr(rc));
        sqlite3_free(msg);
    }
    return rc;
}

static long one_int(struct db *db, const char *sql)
{
    sqlite3_stmt *st;
    long v = -1;
    if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = (long)sqlite3_column_int64(st, 0);
    else
        fprintf(stderr, "kvtool: %s: %s\n", sql, sqlite3_errmsg(db->sql));
    sqlite3_finalize(st);
    return v;
}

/* KVTOOL_CHECKPOINT=N: a checkpoint after every N pages of WAL, so that a kill lands
 * in one often (crash.sh). */
static int writer(struct db *db, long n)
{
    const char *ckpt = getenv("KVTOOL_CHECKPOINT");
    if (ckpt != NULL) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA wal_autocheckpoint=%d", atoi(ckpt));
        if (exec(db, sql) != SQLITE_OK)
            return 1;
    }
    long start = one_int(db, "SELECT coalesce(max(seq), 0) FROM offline_changes") + 1;
    for (long i = start; i < start + n; i++) {
        char sql[300];
        snprintf(sql, sizeof sql,
                 "BEGIN IMMEDIATE; INSERT INTO offline_changes VALUES (%ld, 'kvtool', 0, "
                 "randomblob(%ld)); UPDATE offline_changes SET changeset = randomblob(50) "
                 "WHERE seq = %ld; COMMIT",
                 i, 100 + (i * 37) % 3000, i / 2);
        if (exec(db, sql) != SQLITE_OK)
            return 1;
        printf("%ld\n", i);
        fflush(stdout);
    }
    return 0;
}

static int verify(struct db *db)
{
    long rows = one_int(db, "SELECT count(*) FROM offline_changes");
    long max = one_int(db, "SELECT coalesce(max(seq), 0) FROM offline_changes");
    printf("%ld %ld\n", rows, max);
    return rows == max ? 0 : 1;
}

#define COUNTER "SELECT CAST(value AS INTEGER) FROM config WHERE key = 'kvtool.counter'"

static int counter(struct db *db, long n)
{
    if (exec(db, "INSERT OR IGNORE INTO config (key, value, created_at, updated_at, updated_by)"
                 " VALUES ('kvtool.counter', '0', 'x', 'x', 'kvtool')") != SQLITE_OK)
        return 1;
    struct kv_error err;
    for (long i = 0; i < n; i++) {
        if (db_begin_untracked(db, &err) != KV_OK) /* the writers' queue, as the program */
            return fprintf(stderr, "kvtool: %s\n", err.msg), 1;
        long v = one_int(db, COUNTER);
        char sql[100];
        snprintf(sql, sizeof sql, "UPDATE config SET value = '%ld' WHERE key = 'kvtool.counter'",
                 v + 1);
        if (v < 0 || exec(db, sql) != SQLITE_OK || db_commit_untracked(db, &err) != KV_OK)
            return 1;
        if (one_int(db, "SELECT count(*) FROM users") < 1) /* a reader in between */
            return 1;
    }
    return 0;
}

static int plain(struct db *db)
{
    unsigned char in[KV_PAGE_SIZE], out[KV_PAGE_SIZE];
    int fd = dbfile_fd(db->file);
    for (uint32_t pgno = 1;; pgno++) {
        ssize_t n = pread(fd, in, sizeof in, HDR_TOTAL + (off_t)(pgno - 1) * KV_PAGE_SIZE);
        if (n != (ssize_t)sizeof in)
            return 0;
        if (page_open(db->key, PAGE_FILE_DB, pgno, in, out) != 0) {
            fprintf(stderr, "kvtool: page %u is not authentic\n", pgno);
            return 1;
        }
        fwrite(out, 1, sizeof out, stdout);
    }
}

static int plant_slot(struct db *db, struct header *h, void *ctx, struct kv_error *err)
{
    (void)err;
    const char *pass = getenv("KVTOOL_PASS");
    struct slot *s = &h->slots[h->nslots++];
    return keyslot_create(s, ctx, pass, strlen(pass), &KDF_TEST_MIN, db->master) == KEYSLOT_OK
               ? KV_OK
               : KV_ERR;
}

static int plant(struct db *db, const char *name)
{
    struct kv_error err;
    if (db_begin_untracked(db, &err) != KV_OK ||
        db_header_update(db, plant_slot, (void *)name, &err) != KV_OK ||
        db_commit(db, &err) != KV_OK) {
        fprintf(stderr, "kvtool: plant: %s\n", err.msg);
        return 1;
    }
    return 0;
}

static int slotcost(const char *path, const char *name, uint64_t ops, uint64_t mem, int only)
{
    int fd = open(path, O_RDWR);
    struct header *h = calloc(1, sizeof *h);
    unsigned char *buf = malloc(HDR_COPY_SIZE);
    int rc = fd < 0 || h == NULL || buf == NULL;
    for (int c = 0; c < 2 && rc == 0; c++) {
        struct slot *s;
        if (only >= 0 && c != only)
            continue;
        if (header_read_copy(fd, c, h) != HDR_COPY_OK || (s = header_find_slot(h, name)) == NULL) {
            rc = 1;
            break;
        }
        s->opslimit = ops;
        s->memlimit = mem;
        header_encode(h, buf);
        rc = pwrite(fd, buf, HDR_COPY_SIZE, (off_t)c * HDR_COPY_SIZE) != HDR_COPY_SIZE;
    }
    if (fd >= 0)
        close(fd);
    free(buf);
    free(h);
    return rc;
}

/* As the program's session records (txn.c's tracked): not the figures' summary, which the
 * triggers write beside any change and the commit derives again. */
static int recorded(void *ctx, const char *table)
{
    (void)ctx;
    return strncmp(table, "figures_", 8) != 0;
}

static int forge(struct db *db, const char *sql)
{
    sqlite3_session *s = NULL;
    sqlite3_stmt *st;
    void *set = NULL;
    int n = 0, rc = 1;
    if (exec(db, "PRAGMA foreign_keys=OFF") != SQLITE_OK || exec(db, "BEGIN") != SQLITE_OK)
        return 1;
    if (sqlite3session_create(db->sql, "main", &s) == SQLITE_OK &&
        (sqlite3session_table_filter(s, recorded, NULL), 1) &&
        sqlite3session_attach(s, NULL) == SQLITE_OK && exec(db, sql) == SQLITE_OK &&
        sqlite3session_changeset(s, &n, &set) == SQLITE_OK && n > 0)
        rc = 0;
    sqlite3session_delete(s);
    exec(db, "ROLLBACK");
    if (rc == 0 && sqlite3_prepare_v2(db->sql,
                                      "INSERT INTO offline_changes (at, changes, "
                                      "changeset) VALUES ('2026-03-01 10:00:00', 1, ?1)",
                                      -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_blob(st, 1, set, n, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? 0 : 1;
        sqlite3_finalize(st);
    }
    sqlite3_free(set);
    return rc;
}

int main(int argc, char **argv)
{
    if ((argc == 6 || argc == 7) && strcmp(argv[1], "slotcost") == 0)
        return slotcost(argv[2], argv[3], strtoull(argv[4], NULL, 10), strtoull(argv[5], NULL, 10),
                        argc == 7 ? atoi(argv[6]) : -1);
    if (argc < 4 || crypto_init() != 0) {
        fprintf(stderr, "usage: kvtool "
                        "writer|verify|counter|get|lock|queue|dirty|hold|sql|change|forge|plain DB "
                        "USER [N|SQL]\n");
        return 2;
    }
    const char *busy = getenv("KVTOOL_BUSY_MS"); /* how long this one waits for others */
    db_set_busy_timeout(busy != NULL ? atoi(busy) : 60000);
    struct db *db = open_db(argv[2], argv[3]);
    long n = argc > 4 && strcmp(argv[1], "sql") != 0 && strcmp(argv[1], "change") != 0 &&
                     strcmp(argv[1], "plant") != 0 && strcmp(argv[1], "forge") != 0
                 ? atol(argv[4])
                 : 0;
    int rc = 2;
    if (strcmp(argv[1], "writer") == 0)
        rc = writer(db, n);
    else if (strcmp(argv[1], "verify") == 0)
        rc = verify(db);
    else if (strcmp(argv[1], "counter") == 0)
        rc = counter(db, n);
    else if (strcmp(argv[1], "get") == 0) {
        printf("%ld\n", one_int(db, COUNTER));
        rc = 0;
    } else if (strcmp(argv[1], "lock") == 0) {
        rc = exec(db, "BEGIN IMMEDIATE") == SQLITE_OK ? 0 : 1;
        printf("locked\n");
        fflush(stdout);
        sleep((unsigned)n);
        exec(db, "COMMIT");
    } else if (strcmp(argv[1], "queue") == 0) {
        struct kv_error err;
        rc = db_begin_untracked(db, &err) == KV_OK ? 0
                                                   : (fprintf(stderr, "kvtool: %s\n", err.msg), 5);
        if (rc == 0) {
            printf("queued\n");
            fflush(stdout);
            sleep((unsigned)n);
            rc = db_commit_untracked(db, &err) == KV_OK ? 0 : 1;
        }
    } else if (strcmp(argv[1], "dirty") == 0) { /* a write under way: the journal exists */
        rc = exec(db, "BEGIN IMMEDIATE; INSERT INTO offline_changes VALUES ((SELECT "
                      "coalesce(max(seq), 0) + 1 FROM offline_changes), 'kvtool', 0, "
                      "randomblob(20000))") == SQLITE_OK
                 ? 0
                 : 1;
        printf("dirty\n");
        fflush(stdout);
        sleep((unsigned)n);
        exec(db, "ROLLBACK");
    } else if (strcmp(argv[1], "sql") == 0 && argc > 4) {
        rc = exec(db, argv[4]) == SQLITE_OK ? 0 : 1;
    } else if (strcmp(argv[1], "change") == 0 && argc > 4) {
        struct kv_error err;
        rc = db_begin(db, &err) != KV_OK || exec(db, argv[4]) != SQLITE_OK ? 1 : 0;
        if (rc == 0 && db_commit(db, &err) != KV_OK) {
            fprintf(stderr, "kvtool: %s\n", err.msg);
            rc = err.status;
        } else if (rc != 0) {
            db_rollback(db);
        }
    } else if (strcmp(argv[1], "plant") == 0 && argc > 4) {
        rc = plant(db, argv[4]);
    } else if (strcmp(argv[1], "forge") == 0 && argc > 4) {
        rc = forge(db, argv[4]);
    } else if (strcmp(argv[1], "plain") == 0) {
        rc = plain(db);
    } else if (strcmp(argv[1], "hold") == 0) {
        printf("open\n");
        fflush(stdout);
        sleep((unsigned)n);
        rc = 0;
    }
    db_close(db);
    return rc;
}
