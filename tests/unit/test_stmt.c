/* test_stmt: prepared statements whose binds are all checked (storage/stmt.c), and the
 * statements a connection keeps (storage/stmtcache.c). */
#include "storage/stmt.h"
#include "storage/stmtcache.h"

#include <stdio.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

static sqlite3 *open_mem(void)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "CREATE TABLE t (i INTEGER, l INTEGER, s TEXT, b BLOB, "
                                  "n TEXT, UNIQUE (i))",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    return db;
}

static void every_type_is_bound_in_order(void **state)
{
    (void)state;
    sqlite3 *db = open_mem();
    const unsigned char blob[3] = {1, 0, 2};
    assert_int_equal(stmt_run(db, "INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5)", "iltbn", 7,
                              5000000000L, "Yılmaz", blob, 3),
                     SQLITE_DONE);
    sqlite3_stmt *st;
    assert_int_equal(stmt_prepare(db, &st,
                                  "SELECT i, l, s, length(b), n IS NULL FROM t "
                                  "WHERE s = ?1",
                                  "t", "Yılmaz"),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 7);
    assert_true(sqlite3_column_int64(st, 1) == 5000000000LL);
    assert_string_equal((const char *)sqlite3_column_text(st, 2), "Yılmaz");
    assert_int_equal(sqlite3_column_int(st, 3), 3);
    assert_int_equal(sqlite3_column_int(st, 4), 1);
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static void a_null_text_binds_null(void **state)
{
    (void)state;
    sqlite3 *db = open_mem();
    assert_int_equal(stmt_run(db, "INSERT INTO t (i, s) VALUES (?1, ?2)", "it", 1, NULL),
                     SQLITE_DONE);
    sqlite3_stmt *st;
    assert_int_equal(stmt_prepare(db, &st, "SELECT count(*) FROM t WHERE s IS NULL", "", NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 1);
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static void too_few_values_are_refused_and_nothing_runs(void **state)
{
    (void)state;
    sqlite3 *db = open_mem();
    /* With an unchecked bind this would insert a row with s NULL. */
    assert_int_equal(stmt_run(db, "INSERT INTO t (i, s) VALUES (?1, ?2)", "i", 1), SQLITE_RANGE);
    sqlite3_stmt *st = (sqlite3_stmt *)&st;
    assert_int_equal(stmt_prepare(db, &st, "INSERT INTO t (i) VALUES (?1)", "ii", 1, 2),
                     SQLITE_RANGE);
    assert_null(st);
    assert_int_equal(stmt_run(db, "INSERT INTO t (i) VALUES (?1)", "x", 1), SQLITE_MISUSE);
    assert_int_equal(stmt_prepare(db, &st, "SELECT count(*) FROM t", NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static void a_failing_step_is_reported(void **state)
{
    (void)state;
    sqlite3 *db = open_mem();
    assert_int_equal(stmt_run(db, "INSERT INTO t (i) VALUES (?1)", "i", 1), SQLITE_DONE);
    assert_int_equal(stmt_run(db, "INSERT INTO t (i) VALUES (?1)", "i", 1), SQLITE_CONSTRAINT);
    assert_int_equal(stmt_run(db, "SELEC nonsense", ""), SQLITE_ERROR);
    sqlite3_close(db);
}

static void rebinding_after_reset_checks_too(void **state)
{
    (void)state;
    sqlite3 *db = open_mem();
    sqlite3_stmt *st;
    assert_int_equal(stmt_prepare(db, &st, "INSERT INTO t (i, s) VALUES (?1, ?2)", "it", 1, "a"),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_reset(st);
    assert_int_equal(stmt_bind(st, "it", 2, "b"), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_reset(st);
    assert_int_equal(stmt_bind(st, "i", 3), SQLITE_RANGE);
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static void a_copied_text_and_a_value_outlive_their_source(void **state)
{
    (void)state;
    sqlite3 *db = open_mem();
    sqlite3_stmt *st;
    char buf[8] = "eerst";
    assert_int_equal(stmt_prepare(db, &st, "INSERT INTO t (i, s) VALUES (?1, ?2)", "ic", 1, buf),
                     SQLITE_OK);
    strcpy(buf, "daarna"); /* 'c' copied the text at the bind: the row keeps "eerst" */
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    sqlite3_stmt *q;
    assert_int_equal(stmt_prepare(db, &q, "SELECT s FROM t WHERE i = 1", ""), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    /* A value from one statement bound into another ('v'); NULL binds NULL. */
    assert_int_equal(stmt_run(db, "INSERT INTO t (i, s, n) VALUES (?1, ?2, ?3)", "ivv", 2,
                              sqlite3_column_value(q, 0), NULL),
                     SQLITE_DONE);
    sqlite3_finalize(q);
    assert_int_equal(stmt_prepare(db, &q,
                                  "SELECT count(*) FROM t WHERE s = 'eerst' AND n IS "
                                  "NULL",
                                  ""),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(q, 0), 2);
    sqlite3_finalize(q);
    sqlite3_close(db);
}

static void binding_in_pieces_starts_where_told(void **state)
{
    (void)state;
    sqlite3 *db = open_mem();
    sqlite3_stmt *st;
    assert_int_equal(
        sqlite3_prepare_v2(db, "INSERT INTO t (i, l, s) VALUES (?, ?, ?)", -1, &st, NULL),
        SQLITE_OK);
    assert_int_equal(stmt_bind_at(st, 1, "i", 4), SQLITE_OK);
    assert_int_equal(stmt_bind_at(st, 2, "dt", 9.5, "x"), SQLITE_OK);
    assert_int_equal(stmt_bind_at(st, 4, "i", 1), SQLITE_RANGE); /* no 4th parameter */
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    assert_int_equal(stmt_prepare(db, &st, "SELECT l, s FROM t WHERE i = 4", ""), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_true(sqlite3_column_double(st, 0) == 9.5);
    assert_string_equal((const char *)sqlite3_column_text(st, 1), "x");
    sqlite3_finalize(st);
    sqlite3_close(db);
}

/* ---- stmtcache ---- */

static int open_statements(sqlite3 *db)
{
    int n = 0;
    for (sqlite3_stmt *st = sqlite3_next_stmt(db, NULL); st; st = sqlite3_next_stmt(db, st))
        n++;
    return n;
}

static void a_released_statement_comes_back_reset_and_unbound(void **state)
{
    (void)state;
    sqlite3 *db = open_mem();
    struct stmtcache *c = NULL;
    sqlite3_stmt *st, *again;
    assert_int_equal(stmtcache_take(&c, db, "SELECT ?1", &st), SQLITE_OK);
    assert_int_equal(stmt_bind(st, "i", 5), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 5);
    stmtcache_release(c, st); /* mid-result: a kept statement must not hold its read */
    assert_int_equal(sqlite3_stmt_busy(st), 0);
    assert_int_equal(stmtcache_take(&c, db, "SELECT ?1", &again), SQLITE_OK);
    assert_ptr_equal(again, st);
    assert_int_equal(sqlite3_step(again), SQLITE_ROW);
    assert_int_equal(sqlite3_column_type(again, 0), SQLITE_NULL); /* the 5 is gone */
    stmtcache_release(c, again);
    assert_int_equal(open_statements(db), 1);
    stmtcache_free(c);
    assert_int_equal(open_statements(db), 0);
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static void a_statement_in_use_is_not_handed_out_twice(void **state)
{
    (void)state;
    sqlite3 *db = open_mem();
    struct stmtcache *c = NULL;
    sqlite3_stmt *a, *b;
    assert_int_equal(stmtcache_take(&c, db, "SELECT 1", &a), SQLITE_OK);
    assert_int_equal(stmtcache_take(&c, db, "SELECT 1", &b), SQLITE_OK);
    assert_ptr_not_equal(a, b);
    assert_int_equal(sqlite3_step(a), SQLITE_ROW);
    assert_int_equal(sqlite3_step(b), SQLITE_ROW);
    stmtcache_release(c, a);
    stmtcache_release(c, b);
    stmtcache_free(c);
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static void a_bad_text_is_refused_and_past_the_slots_statements_are_finalized(void **state)
{
    (void)state;
    sqlite3 *db = open_mem();
    struct stmtcache *c = NULL;
    sqlite3_stmt *st = (sqlite3_stmt *)&c, *many[120];
    assert_int_not_equal(stmtcache_take(&c, db, "SELEKT 1", &st), SQLITE_OK);
    assert_null(st);
    assert_int_equal(stmtcache_take(&c, db, "", &st), SQLITE_MISUSE);
    assert_null(st);
    for (int i = 0; i < 120; i++) {
        char sql[32];
        snprintf(sql, sizeof sql, "SELECT %d", i);
        assert_int_equal(stmtcache_take(&c, db, sql, &many[i]), SQLITE_OK);
    }
    for (int i = 0; i < 120; i++)
        stmtcache_release(c, many[i]);
    int kept = open_statements(db);
    assert_true(kept > 0 && kept < 120); /* the rest finalized on release */
    stmtcache_release(c, NULL);
    stmtcache_free(c);
    stmtcache_free(NULL);
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

/* A full cache makes room: the least recently used statement not in use goes, the ones
 * used lately stay, and nothing is left open after the free. */
static void a_full_cache_drops_the_least_recently_used(void **state)
{
    (void)state;
    sqlite3 *db = open_mem();
    struct stmtcache *c = NULL;
    sqlite3_stmt *st, *last = NULL, *again;
    char sql[32];
    for (int i = 0; i < 100; i++) {
        snprintf(sql, sizeof sql, "SELECT %d", i);
        assert_int_equal(stmtcache_take(&c, db, sql, &st), SQLITE_OK);
        stmtcache_release(c, st);
        last = st;
    }
    int kept = open_statements(db);
    assert_true(kept > 10 && kept < 100);
    assert_int_equal(stmtcache_take(&c, db, "SELECT 99", &again), SQLITE_OK);
    assert_ptr_equal(again, last); /* the latest is still there */
    stmtcache_release(c, again);
    assert_int_equal(open_statements(db), kept);
    stmtcache_free(c);
    assert_int_equal(open_statements(db), 0);
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

/* A kept statement comes bound and goes back to the cache: the next take of the same text
 * gets the same statement, reset and bound anew; a bind that fails returns it unbound. */
static void a_kept_statement_is_bound_each_time_and_reused(void **state)
{
    (void)state;
    sqlite3 *db = open_mem();
    struct stmtcache *c = NULL;
    const char *ins = "INSERT INTO t (i, s) VALUES (?1, ?2)";
    sqlite3_stmt *st, *first;
    const struct {
        const char *types;
        int i;
        const char *s;
        int want;
    } rows[] = {{"it", 1, "Kowalczyk", SQLITE_DONE},
                {"it", 2, "Öztürk", SQLITE_DONE},
                {"it", 1, "twice", SQLITE_CONSTRAINT}};
    for (int k = 0; k < 3; k++) {
        assert_int_equal(stmt_take(&c, db, &st, ins, rows[k].types, rows[k].i, rows[k].s),
                         SQLITE_OK);
        assert_int_equal(sqlite3_step(st), rows[k].want);
        stmtcache_release(c, st);
    }
    st = (sqlite3_stmt *)&c;
    assert_int_equal(stmt_take(&c, db, &st, ins, "i", 3), SQLITE_RANGE); /* too few values */
    assert_null(st);
    const char *sel = "SELECT group_concat(s, '|') FROM t WHERE i <= ?1";
    assert_int_equal(stmt_take(&c, db, &st, sel, "i", 9), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "Kowalczyk|Öztürk");
    first = st;
    stmtcache_release(c, st);
    assert_int_equal(stmt_take(&c, db, &st, sel, "i", 1), SQLITE_OK);
    assert_ptr_equal(st, first);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "Kowalczyk");
    stmtcache_release(c, st);
    st = first;
    assert_int_equal(stmt_take(&c, db, &st, sel, "ii", 1, 2), SQLITE_RANGE);
    assert_null(st);
    assert_int_equal(stmt_take(&c, db, &st, "SELEKT", ""), SQLITE_ERROR);
    assert_null(st);
    assert_int_equal(open_statements(db), 2); /* the insert and the select, kept */
    stmtcache_free(c);
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_type_is_bound_in_order),
        cmocka_unit_test(a_null_text_binds_null),
        cmocka_unit_test(too_few_values_are_refused_and_nothing_runs),
        cmocka_unit_test(a_failing_step_is_reported),
        cmocka_unit_test(rebinding_after_reset_checks_too),
        cmocka_unit_test(a_copied_text_and_a_value_outlive_their_source),
        cmocka_unit_test(binding_in_pieces_starts_where_told),
        cmocka_unit_test(a_released_statement_comes_back_reset_and_unbound),
        cmocka_unit_test(a_statement_in_use_is_not_handed_out_twice),
        cmocka_unit_test(a_bad_text_is_refused_and_past_the_slots_statements_are_finalized),
        cmocka_unit_test(a_full_cache_drops_the_least_recently_used),
        cmocka_unit_test(a_kept_statement_is_bound_each_time_and_reused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
