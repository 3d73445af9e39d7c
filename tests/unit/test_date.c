/* Dates: ISO and Dutch input forms, impossible dates refused, day arithmetic exact. */
#include "core/date.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

static void iso_and_dutch_forms_give_the_same_day(void **state)
{
    (void)state;
    long a, b, c;
    assert_true(date_parse("2026-03-01", &a));
    assert_true(date_parse("1-3-2026", &b));
    assert_true(date_parse("01-03-2026", &c));
    assert_int_equal(a, b);
    assert_int_equal(a, c);
    char out[11];
    date_format_iso(a, out);
    assert_string_equal(out, "2026-03-01");
}

static void impossible_and_malformed_dates_are_refused(void **state)
{
    (void)state;
    long d;
    const char *bad[] = {"2026-02-29", "2025-13-01", "31-4-2026", "2026-3-1x",
                         "",           "2026/03/01", "1-3-26",    "00-01-2026",
                         "2026-00-10", "abc",        "1-3-2026 ", "12026-01-01"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(date_parse(bad[i], &d));
    assert_true(date_parse("2024-02-29", &d)); /* a leap day */
    assert_false(date_parse(NULL, &d));
}

static void day_numbers_count_real_days(void **state)
{
    (void)state;
    assert_int_equal(date_days(1970, 1, 1), 0);
    assert_int_equal(date_days(2026, 3, 1) - date_days(2026, 2, 28), 1);
    assert_int_equal(date_days(2025, 1, 1) - date_days(2024, 1, 1), 366);
    for (long d = date_days(1999, 12, 1); d < date_days(2031, 1, 1); d += 17) {
        int y, m, dd;
        date_ymd(d, &y, &m, &dd);
        assert_true(date_valid(y, m, dd));
        assert_int_equal(date_days(y, m, dd), d);
    }
}

static void months_are_added_with_the_end_of_month_clamped(void **state)
{
    (void)state;
    char out[11];
    date_format_iso(date_add_months(date_days(2026, 1, 31), 1), out);
    assert_string_equal(out, "2026-02-28");
    date_format_iso(date_add_months(date_days(2028, 1, 31), 1), out);
    assert_string_equal(out, "2028-02-29");
    date_format_iso(date_add_months(date_days(2026, 11, 15), 3), out);
    assert_string_equal(out, "2027-02-15");
    date_format_iso(date_add_months(date_days(2026, 6, 30), 12), out);
    assert_string_equal(out, "2027-06-30");
    date_format_nl(date_days(2026, 3, 1), out);
    assert_string_equal(out, "1-3-2026");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(iso_and_dutch_forms_give_the_same_day),
        cmocka_unit_test(impossible_and_malformed_dates_are_refused),
        cmocka_unit_test(day_numbers_count_real_days),
        cmocka_unit_test(months_are_added_with_the_end_of_month_clamped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
