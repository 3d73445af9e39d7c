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
    assert_false(user_name_valid("a123456789012345678901234567890123456789012345678901234567890123"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_role_round_trips_through_its_name),
        cmocka_unit_test(user_names_are_login_like),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
