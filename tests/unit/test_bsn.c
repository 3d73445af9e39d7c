/* BSN: the elfproef, the forms people type, and masking for lists. */
#include "core/bsn.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

static void valid_numbers_pass_the_elfproef_in_any_typed_form(void **state)
{
    (void)state;
    char out[BSN_LEN + 1];
    assert_true(bsn_parse("123456782", out));
    assert_string_equal(out, "123456782");
    assert_true(bsn_parse("1234.56.782", out));
    assert_string_equal(out, "123456782");
    assert_true(bsn_parse(" 111 222 333 ", out));
    assert_string_equal(out, "111222333");
    assert_true(bsn_parse("10000021", out)); /* eight digits: a leading zero is implied */
    assert_string_equal(out, "010000021");
    assert_true(bsn_parse("012345672", out));
}

static void wrong_numbers_are_refused(void **state)
{
    (void)state;
    char out[BSN_LEN + 1] = "unchanged";
    const char *bad[] = {"123456789",  "123456783", "000000000", "12345678",  "1234567",
                         "1234567820", "12345678x", "",          "abcdefghi", "123,456,782"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(bsn_parse(bad[i], out));
    assert_false(bsn_parse(NULL, out));
    assert_string_equal(out, "unchanged"); /* nothing written on failure */
}

static void mask_shows_only_the_last_three_digits(void **state)
{
    (void)state;
    char out[BSN_LEN + 1];
    bsn_mask("123456782", out);
    assert_string_equal(out, "******782");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_numbers_pass_the_elfproef_in_any_typed_form),
        cmocka_unit_test(wrong_numbers_are_refused),
        cmocka_unit_test(mask_shows_only_the_last_three_digits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
