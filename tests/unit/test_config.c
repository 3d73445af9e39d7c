/* test_config: the municipality's settings, read and written through storage/config.c on
 * a real encrypted database. */
#include "storage/config.h"
#include "storage/keys.h"
#include "tests/unit/fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

static int norm_of(const struct pressure_norms *p, const char *kind)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->v[i].kind, kind) == 0)
            return p->v[i].norm;
    return -1;
}

static int contact_days(const struct signal_config *c, const char *cls)
{
    for (size_t i = 0; i < c->n_norms; i++)
        if (strcmp(c->norms[i].classification, cls) == 0)
            return c->norms[i].days;
    return -1;
}

static void the_seeded_settings_are_read(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct db *db = fx_open(fx);
    struct signal_config c;
    assert_int_equal(config_signals(db, &c, &err), KV_OK);
    assert_int_equal(c.intake_days, 21);
    assert_int_equal(c.plan_days, 42);
    assert_int_equal(c.default_norm_days, 90);
    assert_int_equal(contact_days(&c, "werk"), 30);
    assert_int_equal(contact_days(&c, "meedoen"), 120);
    config_signals_free(&c);
    struct pressure_norms p;
    assert_int_equal(config_norms(db, &p, &err), KV_OK);
    assert_int_equal(p.default_norm, 85);
    assert_int_equal(norm_of(&p, "meedoen"), 200);
    assert_int_equal(norm_of(&p, "jongeren"), 70);
    config_norms_free(&p);
    int years = -1;
    assert_int_equal(config_int(db, "bewaartermijn_jaren", &years, &err), KV_OK);
    assert_int_equal(years, 7);
    int absent = 42;
    assert_int_equal(config_int(db, "bestaat.niet", &absent, &err), KV_OK);
    assert_int_equal(absent, 42);
    db_close(db);
}

static void a_bad_stored_value_keeps_the_default(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct db *db = fx_open(fx);
    fx_exec(db, "UPDATE config SET value = 'veel' WHERE key = 'signaal.intake_dagen'");
    fx_exec(db, "UPDATE config SET value = '-3' WHERE key = 'norm.caseload.meedoen'");
    fx_exec(db, "UPDATE config SET value = '45' WHERE key = 'norm.contact_dagen'");
    struct signal_config c;
    assert_int_equal(config_signals(db, &c, &err), KV_OK);
    assert_int_equal(c.intake_days, 21); /* the built-in default */
    assert_int_equal(c.default_norm_days, 45);
    assert_int_equal(contact_days(&c, "werk"), 30);
    config_signals_free(&c);
    struct pressure_norms p;
    assert_int_equal(config_norms(db, &p, &err), KV_OK);
    assert_int_equal(norm_of(&p, "meedoen"), 85); /* the configured default norm */
    config_norms_free(&p);
    db_close(db);
}

static void setting_a_value_checks_role_range_and_key(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct db *db = fx_open(fx);
    assert_int_equal(config_set(db, "signaal.intake_dagen", "14", FX_NOW, &err), KV_OK);
    assert_int_equal(config_set(db, "signaal.intake_dagen", "3651", FX_NOW, &err), KV_EUSAGE);
    assert_non_null(strstr(err.msg, "0 tot 3650"));
    assert_int_equal(config_set(db, "signaal.intake_dagen", "", FX_NOW, &err), KV_EUSAGE);
    assert_int_equal(config_set(db, "signaal.onbekend", "3", FX_NOW, &err), KV_EUSAGE);
    assert_non_null(strstr(err.msg, "Onbekende instelling"));
    /* A team's caseload norm is new; a malformed team name is not a key. */
    assert_int_equal(config_set(db, "norm.caseload.team_oost", "70", FX_NOW, &err), KV_OK);
    assert_int_equal(config_set(db, "norm.caseload.Team Oost", "70", FX_NOW, &err), KV_EUSAGE);
    struct config_entry *e;
    size_t n;
    assert_int_equal(config_list(db, &e, &n, &err), KV_OK);
    int seen = 0;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(e[i].key, "signaal.intake_dagen") == 0)
            seen += strcmp(e[i].value, "14") == 0;
        if (strcmp(e[i].key, "norm.caseload.team_oost") == 0)
            seen += strcmp(e[i].value, "70") == 0;
        if (i > 0)
            assert_true(strcmp(e[i - 1].key, e[i].key) < 0);
    }
    assert_int_equal(seen, 2);
    free(e);
    /* The change is in the audit log with its old and new value. */
    assert_int_equal(fx_int(db, "SELECT count(*) FROM audit WHERE detail LIKE '%intake_dagen%' "
                                "AND detail LIKE '%21%' AND detail LIKE '%14%'"),
                     1);
    db_close(db);
    struct new_user km = {"anna", "Anna de Wit", ROLE_KLANTMANAGER, "Werk"};
    db = fx_open(fx);
    assert_int_equal(keys_user_add(db, &km, "anna-wachtwoord", 15, &KDF_TEST_MIN, FX_NOW, &err),
                     KV_OK);
    db_close(db);
    db = fx_open_as(fx, "anna", "anna-wachtwoord");
    assert_int_equal(config_set(db, "signaal.intake_dagen", "7", FX_NOW, &err), KV_EAUTH);
    db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(the_seeded_settings_are_read, fx_setup_created,
                                        fx_teardown),
        cmocka_unit_test_setup_teardown(a_bad_stored_value_keeps_the_default, fx_setup_created,
                                        fx_teardown),
        cmocka_unit_test_setup_teardown(setting_a_value_checks_role_range_and_key, fx_setup_created,
                                        fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
