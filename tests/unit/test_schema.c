/* Migrations: from every older version to the latest, data kept, seeds present,
 * constraints in force. (The SQL is the same through the encrypting VFS; the fixture
 * of the other suites migrates real encrypted files.) */
#include "storage/schema.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

static long one_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long v = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void exec_ok(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", sql, msg);
}

static void every_older_version_migrates_to_the_latest_keeping_data(void **state)
{
    (void)state;
    for (int from = 0; from < schema_latest(); from++) {
        sqlite3 *db;
        char *msg = NULL;
        assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
        exec_ok(db, "PRAGMA foreign_keys=ON");
        assert_int_equal(schema_migrate(db, from, &msg), SQLITE_OK);
        assert_int_equal(schema_version(db), from);
        if (from >= 1)
            exec_ok(db, "INSERT INTO users (name, role, created_at, updated_at, updated_by)"
                        " VALUES ('anna', 'klantmanager', 'x', 'x', 'x')");
        assert_int_equal(schema_migrate(db, schema_latest(), &msg), SQLITE_OK);
        assert_int_equal(schema_version(db), schema_latest());
        if (from >= 1)
            assert_int_equal(one_int(db, "SELECT count(*) FROM users WHERE name = 'anna'"), 1);
        assert_int_equal(one_int(db, "SELECT count(*) FROM catalogue WHERE kind = 'trede'"
                                     " AND grp = 'participatieladder'"),
                         6);
        assert_true(one_int(db, "SELECT count(*) FROM instrument_catalogue") >= 15);
        assert_int_equal(one_int(db, "SELECT max_days FROM instrument_catalogue"
                                     " WHERE code = 'werkervaringsplaats'"),
                         366);
        assert_int_equal(one_int(db, "SELECT value FROM config WHERE key = 'signaal.intake_dagen'"),
                         21);
        assert_int_equal(
            one_int(db, "SELECT count(*) FROM config WHERE key LIKE 'signaal.vooraf.%'"), 17);
        /* One model of a norm: no weights on top of it, and full time unless set. */
        assert_int_equal(one_int(db, "SELECT count(*) FROM config WHERE key LIKE 'gewicht%'"), 0);
        assert_int_equal(
            one_int(db, "SELECT value FROM config WHERE key = 'norm.caseload.meedoen'"), 200);
        if (from >= 1)
            assert_int_equal(one_int(db, "SELECT hours_per_week FROM users WHERE name = 'anna'"),
                             36);
        assert_int_equal(one_int(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
        /* Running it again changes nothing. */
        assert_int_equal(schema_migrate(db, schema_latest(), &msg), SQLITE_OK);
        assert_int_equal(one_int(db, "SELECT count(*) FROM catalogue WHERE code = 'trede1'"), 1);
        sqlite3_close(db);
    }
}

static void constraints_refuse_impossible_records(void **state)
{
    (void)state;
    sqlite3 *db;
    char *msg = NULL;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    exec_ok(db, "PRAGMA foreign_keys=ON");
    assert_int_equal(schema_migrate(db, schema_latest(), &msg), SQLITE_OK);
    exec_ok(db,
            "INSERT INTO clients (bsn, first_name, last_name, created_at, updated_at, updated_by)"
            " VALUES ('123456782', 'Anna', 'Bakker', 'x', 'x', 'x')");
    const char *bad[] = {
        /* a second client with the same BSN */
        "INSERT INTO clients (bsn, first_name, last_name, created_at, updated_at, updated_by)"
        " VALUES ('123456782', 'B', 'C', 'x', 'x', 'x')",
        /* an unknown status */
        "UPDATE clients SET status = 'weg'",
        /* an instrument ending before it starts */
        "INSERT INTO client_instruments (client_id, catalogue_id, start, planned_end, created_at,"
        " updated_at, updated_by) VALUES (1, 1, '2026-03-01', '2026-02-01', 'x', 'x', 'x')",
        /* an extension without a reason */
        "INSERT INTO instrument_extensions (instrument_id, old_end, new_end, reason, created_at,"
        " updated_at, updated_by) VALUES (1, '2026-03-01', '2026-04-01', '', 'x', 'x', 'x')",
        /* a record for a client who does not exist */
        "INSERT INTO contacts (client_id, date, created_at, updated_at, updated_by)"
        " VALUES (99, '2026-03-01', 'x', 'x', 'x')",
        /* negative cost */
        "INSERT INTO client_instruments (client_id, catalogue_id, start, planned_end, cost_cents,"
        " created_at, updated_at, updated_by) VALUES (1, 1, '2026-03-01', '2026-04-01', -5, 'x', "
        "'x', 'x')",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (sqlite3_exec(db, bad[i], NULL, NULL, NULL) == SQLITE_OK)
            fail_msg("accepted: %s", bad[i]);
    sqlite3_close(db);
}

static long matches(sqlite3 *db, const char *query)
{
    sqlite3_stmt *st;
    long n = 0;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT count(*) FROM client_search WHERE "
                                        "client_search MATCH ?1",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, query, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    n = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* A search index built before folding (version 9) is rebuilt folded: names stored then
 * are found by their plain spelling, and the index stays in step with later writes. */
static void the_search_index_is_rebuilt_folded(void **state)
{
    (void)state;
    sqlite3 *db;
    char *msg = NULL;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    assert_int_equal(schema_migrate(db, 9, &msg), SQLITE_OK);
    exec_ok(db, "INSERT INTO clients (bsn, first_name, last_name, notes, created_at, updated_at,"
                " updated_by) VALUES ('123456782', 'Emre', 'Yılmaz', 'Straße', 'x', 'x', 'x'),"
                " ('111222333', 'Łukasz', 'Kılıç', '', 'x', 'x', 'x')");
    assert_int_equal(matches(db, "yilmaz"), 0); /* unicode61 alone: ı is not an i */
    assert_int_equal(schema_migrate(db, schema_latest(), &msg), SQLITE_OK);
    assert_int_equal(matches(db, "yilmaz"), 1);
    assert_int_equal(matches(db, "kilic"), 1);
    assert_int_equal(matches(db, "lukasz"), 1);
    assert_int_equal(matches(db, "strasse"), 1);
    assert_int_equal(matches(db, "782"), 1);    /* the BSN's last digits, as shown */
    assert_int_equal(matches(db, "12345*"), 1); /* and its start, as before */
    exec_ok(db, "UPDATE clients SET last_name = 'Øster' WHERE bsn = '123456782'");
    exec_ok(db, "DELETE FROM clients WHERE bsn = '111222333'");
    exec_ok(db, "INSERT INTO clients (bsn, first_name, last_name, created_at, updated_at,"
                " updated_by) VALUES ('100000009', 'Ayşe', 'Şahin', 'x', 'x', 'x')");
    assert_int_equal(matches(db, "yilmaz"), 0);
    assert_int_equal(matches(db, "oster"), 1);
    assert_int_equal(matches(db, "kilic"), 0);
    assert_int_equal(matches(db, "ayse sahin"), 1);
    /* What the triggers indexed is what the content view says. */
    exec_ok(db, "INSERT INTO client_search(client_search, rank) VALUES ('integrity-check', 1)");
    exec_ok(db, "INSERT INTO client_search(client_search) VALUES ('rebuild')");
    assert_int_equal(matches(db, "ayse sahin"), 1);
    sqlite3_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_older_version_migrates_to_the_latest_keeping_data),
        cmocka_unit_test(constraints_refuse_impossible_records),
        cmocka_unit_test(the_search_index_is_rebuilt_folded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
