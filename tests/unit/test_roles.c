/* Roles parse from and print to their Dutch names; user names are checked. */
#include "core/roles.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

static void every_role_round_trips_through_its_name(void **state)
{
    (void)state;
    for (int r = 0; r < ROLE_COUNT; r++)
        assert_int_equal(role_parse(role_name(r)), r);
    assert_int_equal(role_parse("Beheerder"), -1);
    assert_int_equal(role_parse("admin"), -1);
    assert_int_equal(role_parse(NULL), -1);
    assert_null(role_name(ROLE_COUNT));
}

static void a_stored_value_that_is_no_role_gets_the_callers_label(void **state)
{
    (void)state;
    assert_string_equal(role_label(ROLE_TEAMLEIDER, "?"), "teamleider");
    assert_string_equal(role_label(-1, "zonder rol"), "zonder rol");
    assert_string_equal(role_label(ROLE_COUNT, "?"), "?");
}

/* The table the roles' rights follow (DESIGN.md, "Roles"): a row per role, a column per
 * predicate: casework, sees all, administers, oversees. */
static void each_role_has_exactly_its_rights(void **state)
{
    (void)state;
    static const struct {
        int role;
        bool c, s, a, o;
    } want[] = {
        {ROLE_KLANTMANAGER, true, false, false, false},
        {ROLE_CONSULENT_INKOMEN, true, false, false, false},
        {ROLE_JOBCOACH, true, false, false, false},
        {ROLE_TEAMLEIDER, false, true, false, true},
        {ROLE_KWALITEITSMEDEWERKER, false, true, false, false},
        {ROLE_BEHEERDER, false, false, true, true},
        {-1, false, false, false, false},
        {ROLE_COUNT, false, false, false, false},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        assert_int_equal(role_casework(want[i].role), want[i].c);
        assert_int_equal(role_sees_all(want[i].role), want[i].s);
        assert_int_equal(role_administers(want[i].role), want[i].a);
        assert_int_equal(role_oversees(want[i].role), want[i].o);
    }
}

static void user_names_are_login_like(void **state)
{
    (void)state;
    assert_true(user_name_valid("km.bakker"));
    assert_true(user_name_valid("j_de-vries2"));
    assert_false(user_name_valid(""));
    assert_false(user_name_valid(".hidden"));
    assert_false(user_name_valid("Anna"));
    assert_false(user_name_valid("anna bakker"));
    assert_false(user_name_valid("ånna"));
    assert_false(
        user_name_valid("a123456789012345678901234567890123456789012345678901234567890123"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_role_round_trips_through_its_name),
        cmocka_unit_test(a_stored_value_that_is_no_role_gets_the_callers_label),
        cmocka_unit_test(user_names_are_login_like),
        cmocka_unit_test(each_role_has_exactly_its_rights),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
