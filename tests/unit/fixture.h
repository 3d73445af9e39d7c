/* fixture.h: real encrypted databases in a fresh temporary directory, for tests.
 * Key slots use the minimum Argon2id cost so tests stay fast; everything else is the
 * production path (db_create, db_open, the VFS). */
#ifndef KV_TEST_FIXTURE_H
#define KV_TEST_FIXTURE_H

#include "storage/db.h"

#include <stddef.h>

#define FX_ADMIN "beheer"
#define FX_PASS "correct horse battery"
#define FX_NOW "2026-03-01 09:00:00"

struct fixture {
    char dir[256];
    char path[300]; /* dir/test.db, created by fx_create */
    db_clock clock; /* what fx_open and its kind open with; NULL (fx_init): the wall clock */
};

/* Make a temporary directory; path names a database in it (not yet created). */
void fx_init(struct fixture *fx);
/* Create the database at fx->path with FX_ADMIN / FX_PASS. */
void fx_create(struct fixture *fx);
/* Open as FX_ADMIN; fails the test on error. */
struct db *fx_open(struct fixture *fx);
/* Open as another user; fails the test on error. */
struct db *fx_open_as(struct fixture *fx, const char *user, const char *pass);
/* Open as FX_ADMIN the way `check` does: no migration, no reads until asked. */
struct db *fx_open_check(struct fixture *fx);
/* Remove the directory and everything in it. */
void fx_cleanup(struct fixture *fx);

/* cmocka setup/teardown: *state is a fixture with a created database. */
int fx_setup_created(void **state);
int fx_teardown(void **state);

/* Whole-file helpers. */
unsigned char *fx_read_file(const char *path, size_t *len); /* malloc'ed; NULL if absent */
void fx_write_file(const char *path, const unsigned char *buf, size_t len);
int fx_contains(const unsigned char *hay, size_t n, const char *needle);
void fx_flip_byte(const char *path, long off);

/* A clock at FX_NOW, for fx->clock and db_open. */
int fx_clock(char out[20], struct kv_error *err);

/* Run SQL that must succeed. */
void fx_exec(struct db *db, const char *sql);
/* A single integer from a query. */
long fx_int(struct db *db, const char *sql);

#endif
