/* Money in cents: the Dutch and international forms people type, and nothing ambiguous. */
#include "core/money.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

static long long cents(const char *s)
{
    long long c = -12345;
    assert_true(money_parse(s, &c));
    return c;
}

static void typed_amounts_become_exact_cents(void **state)
{
    (void)state;
    assert_int_equal(cents("12,50"), 1250);
    assert_int_equal(cents("12,5"), 1250);
    assert_int_equal(cents("1.234,56"), 123456);
    assert_int_equal(cents("\xe2\x82\xac 1.234,56"), 123456);
    assert_int_equal(cents("\xe2\x82\xac"
                           "500"),
                     50000);
    assert_int_equal(cents("1234.56"), 123456);
    assert_int_equal(cents("1.234"), 123400);        /* Dutch thousands */
    assert_int_equal(cents("4.200.000"), 420000000); /* Haarlem's Work First budget */
    assert_int_equal(cents("0,01"), 1);
    assert_int_equal(cents("-75,00"), -7500);
    assert_int_equal(cents(" 300 "), 30000);
}

static void malformed_or_ambiguous_amounts_are_refused(void **state)
{
    (void)state;
    long long c;
    const char *bad[] = {"",         "abc",       "12,345", "1.23.4",       "12.34.56",
                         "1,234.56", "12,",       ",50",    "1..0",         "€",
                         "12 50",    "1.2345,00", "10e3",   "9999999999,00"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (money_parse(bad[i], &c))
            fail_msg("accepted '%s' as %lld", bad[i], c);
    assert_false(money_parse(NULL, &c));
}

static void format_is_dutch_notation(void **state)
{
    (void)state;
    char out[32];
    money_format(123456, out, sizeof out);
    assert_string_equal(out, "\xe2\x82\xac 1.234,56");
    money_format(5, out, sizeof out);
    assert_string_equal(out, "\xe2\x82\xac 0,05");
    money_format(-50000, out, sizeof out);
    assert_string_equal(out, "-\xe2\x82\xac 500,00");
    money_format(720000000, out, sizeof out);
    assert_string_equal(out, "\xe2\x82\xac 7.200.000,00");
    long long back;
    money_format(98765432, out, sizeof out);
    assert_true(money_parse(out, &back));
    assert_int_equal(back, 98765432);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(typed_amounts_become_exact_cents),
        cmocka_unit_test(malformed_or_ambiguous_amounts_are_refused),
        cmocka_unit_test(format_is_dutch_notation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
