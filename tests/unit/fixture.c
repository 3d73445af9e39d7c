#include "tests/unit/fixture.h"

#include "crypto/keyslot.h"
#include "crypto/secmem.h"
#include "storage/login.h"

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

void fx_init(struct fixture *fx)
{
    assert_int_equal(crypto_init(), 0);
    const char *base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(fx->dir, sizeof fx->dir, "%s/kvtest-XXXXXX", base);
    assert_non_null(mkdtemp(fx->dir));
    snprintf(fx->path, sizeof fx->path, "%s/test.db", fx->dir);
    fx->clock = NULL;
}

void fx_create(struct fixture *fx)
{
    struct kv_error err;
    int rc = db_create(fx->path, FX_ADMIN, "Beheerder", FX_PASS, strlen(FX_PASS), &KDF_TEST_MIN,
                       FX_NOW, NULL, &err);
    if (rc != KV_OK)
        fail_msg("db_create: %s (%s)", err.msg, err.detail);
}

struct db *fx_open(struct fixture *fx)
{
    struct kv_error err;
    struct db *db = NULL;
    int rc = db_open(fx->path, FX_ADMIN, FX_PASS, strlen(FX_PASS), 0, fx->clock, &db, &err);
    if (rc != KV_OK)
        fail_msg("db_open: %s (%s)", err.msg, err.detail);
    return db;
}

struct db *fx_open_as(struct fixture *fx, const char *user, const char *pass)
{
    struct kv_error err;
    struct db *db;
    if (db_open(fx->path, user, pass, strlen(pass), 0, fx->clock, &db, &err) != KV_OK)
        fail_msg("%s", err.msg);
    return db;
}

struct db *fx_open_check(struct fixture *fx)
{
    struct kv_error err;
    struct db *db = NULL;
    int rc =
        db_open(fx->path, FX_ADMIN, FX_PASS, strlen(FX_PASS), DB_NO_MIGRATE, fx->clock, &db, &err);
    if (rc != KV_OK)
        fail_msg("db_open (check): %s (%s)", err.msg, err.detail);
    return db;
}

void fx_cleanup(struct fixture *fx)
{
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->dir);
    assert_int_equal(system(cmd), 0);
}

int fx_setup_created(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    assert_non_null(fx);
    fx_init(fx);
    fx_create(fx);
    *state = fx;
    return 0;
}

int fx_teardown(void **state)
{
    struct fixture *fx = *state;
    fx_cleanup(fx);
    free(fx);
    return 0;
}

unsigned char *fx_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return buf;
}

void fx_write_file(const char *path, const unsigned char *buf, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(buf, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

int fx_contains(const unsigned char *hay, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    for (size_t i = 0; m <= n && i <= n - m; i++)
        if (memcmp(hay + i, needle, m) == 0)
            return 1;
    return 0;
}

void fx_flip_byte(const char *path, long off)
{
    int fd = open(path, O_RDWR);
    unsigned char c;
    assert_true(fd >= 0);
    assert_int_equal(pread(fd, &c, 1, off), 1);
    c ^= 0x01;
    assert_int_equal(pwrite(fd, &c, 1, off), 1);
    close(fd);
}

void fx_exec(struct db *db, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(db->sql, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        fail_msg("%s: %s", sql, msg ? msg : sqlite3_errstr(rc));
}

long fx_int(struct db *db, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long v = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

int fx_clock(char out[20], struct kv_error *err)
{
    (void)err;
    snprintf(out, 20, "%s", FX_NOW);
    return KV_OK;
}
