/* kvtool: a test helper that drives the real storage layer from separate processes,
 * for the crash and concurrency tests. The passphrase comes from $KVTOOL_PASS.
 *   kvtool writer DB USER N       commit transactions 1..N, printing each number
 *                                 after its COMMIT returned
 *   kvtool verify DB USER         print "rows maxseq": committed rows and the highest
 *                                 number; exit 1 if any number 1..max is missing
 *   kvtool counter DB USER N      N read-modify-write increments of one counter, with
 *                                 reads in between; exit 1 on any error
 *   kvtool get DB USER            print the counter
 *   kvtool hold DB USER SECONDS   keep the database open (print "open" first)
 *   kvtool lock DB USER SECONDS   hold the write lock (print "locked" first)
 *   kvtool sql DB USER SQL        run SQL as it stands, past every rule of klantvolg (to
 *                                 tamper with the audit log, as an intruder with the key)
 *   kvtool change DB USER SQL     run SQL in one write transaction the way the program
 *                                 writes (recorded, access-checked, logged; in an
 *                                 offline copy kept for checkin)
 *   kvtool plain DB USER          every page of the file decrypted, to standard output
 *                                 (to show that purged data is gone from the file)
 *   kvtool forge COPY USER SQL    what a passphrase holder can do to an offline copy: run
 *                                 SQL past every rule (foreign keys off), roll it back,
 *                                 and keep its changeset for checkin as the program
 *                                 would (a hand-made changeset) */
#include "crypto/secmem.h"
#include "crypto/page.h"
#include "storage/db.h"
#include "storage/dbfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct db *open_db(const char *path, const char *user)
{
    struct kv_error err;
    struct db *db;
    const char *pass = getenv("KVTOOL_PASS");
    if (pass == NULL || db_open(path, user, pass, strlen(pass), 0, &db, &err) != KV_OK) {
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

static int writer(struct db *db, long n)
{
    if (exec(db, "CREATE TABLE IF NOT EXISTS seq (n INTEGER PRIMARY KEY, pad BLOB)") != SQLITE_OK)
        return 1;
    long start = one_int(db, "SELECT coalesce(max(n), 0) FROM seq") + 1;
    for (long i = start; i < start + n; i++) {
        char sql[200];
        snprintf(sql, sizeof sql,
                 "BEGIN IMMEDIATE; INSERT INTO seq VALUES (%ld, randomblob(%ld)); "
                 "UPDATE seq SET pad = randomblob(50) WHERE n = %ld; COMMIT",
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
    long rows = one_int(db, "SELECT count(*) FROM seq");
    long max = one_int(db, "SELECT coalesce(max(n), 0) FROM seq");
    printf("%ld %ld\n", rows, max);
    return rows == max ? 0 : 1;
}

static int counter(struct db *db, long n)
{
    if (exec(db, "CREATE TABLE IF NOT EXISTS counter (id INTEGER PRIMARY KEY, v INTEGER);"
                 "INSERT OR IGNORE INTO counter VALUES (1, 0)") != SQLITE_OK)
        return 1;
    for (long i = 0; i < n; i++) {
        if (exec(db, "BEGIN IMMEDIATE") != SQLITE_OK)
            return 1;
        long v = one_int(db, "SELECT v FROM counter WHERE id = 1");
        char sql[100];
        snprintf(sql, sizeof sql, "UPDATE counter SET v = %ld WHERE id = 1", v + 1);
        if (v < 0 || exec(db, sql) != SQLITE_OK || exec(db, "COMMIT") != SQLITE_OK)
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

static int forge(struct db *db, const char *sql)
{
    sqlite3_session *s = NULL;
    sqlite3_stmt *st;
    void *set = NULL;
    int n = 0, rc = 1;
    if (exec(db, "PRAGMA foreign_keys=OFF") != SQLITE_OK || exec(db, "BEGIN") != SQLITE_OK)
        return 1;
    if (sqlite3session_create(db->sql, "main", &s) == SQLITE_OK &&
        sqlite3session_attach(s, NULL) == SQLITE_OK && exec(db, sql) == SQLITE_OK &&
        sqlite3session_changeset(s, &n, &set) == SQLITE_OK && n > 0)
        rc = 0;
    sqlite3session_delete(s);
    exec(db, "ROLLBACK");
    if (rc == 0 && sqlite3_prepare_v2(db->sql, "INSERT INTO offline_changes (at, changes, "
                                      "changeset) VALUES ('2026-03-01 10:00:00', 1, ?1)", -1,
                                      &st, NULL) == SQLITE_OK) {
        sqlite3_bind_blob(st, 1, set, n, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? 0 : 1;
        sqlite3_finalize(st);
    }
    sqlite3_free(set);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 4 || crypto_init() != 0) {
        fprintf(stderr, "usage: kvtool writer|verify|counter|get|lock|dirty|hold|sql|change|forge|plain DB USER [N|SQL]\n");
        return 2;
    }
    db_set_busy_timeout(60000);
    struct db *db = open_db(argv[2], argv[3]);
    long n = argc > 4 && strcmp(argv[1], "sql") != 0 && strcmp(argv[1], "change") != 0 &&
             strcmp(argv[1], "forge") != 0 ? atol(argv[4]) : 0;
    int rc = 2;
    if (strcmp(argv[1], "writer") == 0)
        rc = writer(db, n);
    else if (strcmp(argv[1], "verify") == 0)
        rc = verify(db);
    else if (strcmp(argv[1], "counter") == 0)
        rc = counter(db, n);
    else if (strcmp(argv[1], "get") == 0) {
        printf("%ld\n", one_int(db, "SELECT v FROM counter WHERE id = 1"));
        rc = 0;
    } else if (strcmp(argv[1], "lock") == 0) {
        rc = exec(db, "BEGIN IMMEDIATE") == SQLITE_OK ? 0 : 1;
        printf("locked\n");
        fflush(stdout);
        sleep((unsigned)n);
        exec(db, "COMMIT");
    } else if (strcmp(argv[1], "dirty") == 0) { /* a write under way: the journal exists */
        rc = exec(db, "BEGIN IMMEDIATE; CREATE TABLE IF NOT EXISTS kvtool_dirty (x); INSERT INTO "
                      "kvtool_dirty VALUES (randomblob(20000))") == SQLITE_OK ? 0 : 1;
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
