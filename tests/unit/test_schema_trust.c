/* The trusted schema: the schema is trusted (its triggers run inside every user's
 * transactions and are logged as their changes), so a file whose schema is not the one
 * the migrations make is refused at open as damaged (exit 4), a change made by another
 * process while a file is open is refused at the next write, and schema_compare (what
 * `check` prints) names every extra, missing or changed object. Real encrypted files;
 * the attacker is a key holder running SQL past klantvolg's rules. */
#include "storage/schema.h"
#include "storage/txn.h"
#include "storage/login.h"
#include "tests/unit/fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

struct seen {
    int n;
    char text[8][300];
};

static void collect(enum schema_diff kind, const char *type, const char *name, void *ctx)
{
    struct seen *s = ctx;
    if (s->n < 8)
        schema_diff_text(kind, type, name, s->text[s->n], sizeof s->text[0]);
    s->n++;
}

static int saw(const struct seen *s, const char *text)
{
    for (int i = 0; i < s->n && i < 8; i++)
        if (strcmp(s->text[i], text) == 0)
            return 1;
    return 0;
}

/* Plant SQL as a key holder would: straight through SQLite, past every rule. */
static void plant(struct fixture *fx, const char *sql)
{
    struct db *db = fx_open(fx);
    fx_exec(db, sql);
    db_close(db);
}

static int open_status(struct fixture *fx, struct kv_error *err)
{
    struct db *db = NULL;
    int rc = db_open(fx->path, FX_ADMIN, FX_PASS, strlen(FX_PASS), 0, NULL, &db, err);
    db_close(db);
    return rc;
}

static struct seen compare_as_check(struct fixture *fx)
{
    struct seen s = {0};
    int n = -1;
    struct db *db = fx_open_check(fx);
    assert_int_equal(schema_compare(db->sql, collect, &s, &n), SQLITE_OK);
    assert_int_equal(n, s.n);
    db_close(db);
    return s;
}

static void a_database_as_the_migrations_made_it_opens_and_compares_clean(void **state)
{
    struct fixture *fx = *state;
    struct seen s = compare_as_check(fx);
    assert_int_equal(s.n, 0);
    /* SQLite's statistics tables, once ANALYZE made them, are SQLite's own. */
    plant(fx, "ANALYZE");
    struct db *db = fx_open(fx);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'"),
                     1);
    db_close(db);
    s = compare_as_check(fx);
    assert_int_equal(s.n, 0);
}

static void a_planted_trigger_is_refused_at_open_with_exit_4_and_named(void **state)
{
    struct fixture *fx = *state;
    plant(fx, "CREATE TRIGGER promote AFTER UPDATE ON clients BEGIN "
              "UPDATE users SET role = 'beheerder' WHERE name = 'km'; END");
    struct kv_error err;
    assert_int_equal(open_status(fx, &err), KV_EDAMAGED);
    assert_int_equal(KV_EDAMAGED, 4);
    assert_non_null(strstr(err.msg, "trigger 'promote' onbekend"));
    struct seen s = compare_as_check(fx);
    assert_int_equal(s.n, 1);
    assert_true(saw(&s, "trigger 'promote' onbekend"));
}

static void a_changed_trigger_a_view_and_a_dropped_index_are_each_named(void **state)
{
    struct fixture *fx = *state;
    plant(fx, "DROP TRIGGER clients_search_ai;"
              "CREATE TRIGGER clients_search_ai AFTER INSERT ON clients BEGIN "
              "INSERT INTO client_search(rowid, first_name) VALUES (new.id, 'x'); END;"
              "CREATE VIEW everyone AS SELECT * FROM clients;"
              "DROP INDEX audit_user;"
              "CREATE TABLE stash (x)");
    struct kv_error err;
    assert_int_equal(open_status(fx, &err), KV_EDAMAGED);
    struct seen s = compare_as_check(fx);
    assert_int_equal(s.n, 4);
    assert_true(saw(&s, "trigger 'clients_search_ai' gewijzigd"));
    assert_true(saw(&s, "view 'everyone' onbekend"));
    assert_true(saw(&s, "index 'audit_user' ontbreekt"));
    assert_true(saw(&s, "tabel 'stash' onbekend"));
}

static void a_trigger_planted_while_open_is_refused_at_the_next_write(void **state)
{
    struct fixture *fx = *state;
    struct db *mine = fx_open(fx);
    plant(fx, "CREATE TRIGGER later AFTER INSERT ON contacts BEGIN SELECT 1; END");
    struct kv_error err;
    assert_int_equal(db_begin(mine, &err), KV_EDAMAGED);
    assert_non_null(strstr(err.msg, "trigger 'later' onbekend"));
    assert_int_not_equal(sqlite3_get_autocommit(mine->sql), 0); /* nothing left open */
    db_close(mine);
}

/* Rebuild the file as the release before this one made it: every object dropped, then
 * migrations 1..version run afresh (plus extra, a key holder's SQL, when not NULL), and
 * the administrator's row back. Pages stay encrypted through the real VFS throughout. */
static void rebuild_at(struct fixture *fx, int version, const char *extra)
{
    struct db *db = fx_open(fx);
    char names[128][64];
    int n = 0;
    sqlite3_stmt *st;
    /* Virtual tables first: their shadow tables go with them (and may not be dropped). */
    assert_int_equal(sqlite3_prepare_v2(db->sql,
                                        "SELECT name FROM sqlite_schema WHERE type = "
                                        "'table' AND name NOT LIKE 'sqlite_%' ORDER BY "
                                        "sql LIKE 'CREATE VIRTUAL%' DESC",
                                        -1, &st, NULL),
                     SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW && n < 128)
        snprintf(names[n++], sizeof names[0], "%s", sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    fx_exec(db, "PRAGMA foreign_keys = OFF");
    /* Views (the search index's) go before the tables they read. */
    char views[16][64];
    int nv = 0;
    assert_int_equal(sqlite3_prepare_v2(db->sql,
                                        "SELECT name FROM sqlite_schema WHERE type = "
                                        "'view'",
                                        -1, &st, NULL),
                     SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW && nv < 16)
        snprintf(views[nv++], sizeof views[0], "%s", sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    for (int i = 0; i < nv; i++) {
        char sql[128];
        snprintf(sql, sizeof sql, "DROP VIEW \"%.63s\"", views[i]);
        fx_exec(db, sql);
    }
    for (int i = 0; i < n; i++) {
        char sql[128];
        snprintf(sql, sizeof sql, "DROP TABLE IF EXISTS \"%.63s\"", names[i]);
        fx_exec(db, sql);
    }
    assert_int_equal(fx_int(db, "SELECT count(*) FROM sqlite_schema"), 0);
    fx_exec(db, "PRAGMA user_version = 0");
    char *msg = NULL;
    assert_int_equal(schema_migrate(db->sql, version, &msg), SQLITE_OK);
    fx_exec(db, "INSERT INTO users (name, display_name, role, created_at, updated_at, updated_by)"
                " VALUES ('" FX_ADMIN "', 'Beheerder', 'beheerder', 'x', 'x', 'x')");
    if (extra)
        fx_exec(db, extra);
    db_close(db);
}

static void a_database_at_an_older_version_still_migrates(void **state)
{
    struct fixture *fx = *state;
    rebuild_at(fx, schema_latest() - 1, NULL);
    struct seen s = compare_as_check(fx); /* sound at its own version */
    assert_int_equal(s.n, 0);
    struct db *db = fx_open_check(fx);
    assert_int_equal(schema_version(db->sql), schema_latest() - 1);
    db_close(db);
    db = fx_open(fx);
    assert_int_equal(schema_version(db->sql), schema_latest());
    db_close(db);
    s = compare_as_check(fx);
    assert_int_equal(s.n, 0);
}

static void a_trigger_planted_in_an_older_version_is_refused_before_migrating(void **state)
{
    struct fixture *fx = *state;
    rebuild_at(fx, schema_latest() - 1,
               "CREATE TRIGGER on_migrate AFTER INSERT ON config BEGIN SELECT 1; END");
    struct kv_error err;
    assert_int_equal(open_status(fx, &err), KV_EDAMAGED);
    assert_non_null(strstr(err.msg, "trigger 'on_migrate' onbekend"));
    struct db *db = fx_open_check(fx);
    assert_int_equal(schema_version(db->sql), schema_latest() - 1); /* not migrated */
    db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            a_database_as_the_migrations_made_it_opens_and_compares_clean, fx_setup_created,
            fx_teardown),
        cmocka_unit_test_setup_teardown(a_planted_trigger_is_refused_at_open_with_exit_4_and_named,
                                        fx_setup_created, fx_teardown),
        cmocka_unit_test_setup_teardown(a_changed_trigger_a_view_and_a_dropped_index_are_each_named,
                                        fx_setup_created, fx_teardown),
        cmocka_unit_test_setup_teardown(a_trigger_planted_while_open_is_refused_at_the_next_write,
                                        fx_setup_created, fx_teardown),
        cmocka_unit_test_setup_teardown(a_database_at_an_older_version_still_migrates,
                                        fx_setup_created, fx_teardown),
        cmocka_unit_test_setup_teardown(
            a_trigger_planted_in_an_older_version_is_refused_before_migrating, fx_setup_created,
            fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
