/* Display width of UTF-8 text: by wcwidth, never by bytes; invalid bytes and the end
 * of the string are handled (a regression: the end once read as an invalid byte). */
#include "tui/text.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

static void width_counts_columns_not_bytes(void **state)
{
    (void)state;
    assert_int_equal(text_width(""), 0);
    assert_int_equal(text_width("Anna"), 4);
    assert_int_equal(text_width("Łukasz Ölçer"), 12);
    assert_int_equal(text_width("Yılmaz"), 6);
    assert_int_equal(text_width("فاطمة"), 5);
    assert_int_equal(text_width("日本"), 4);      /* wide characters take two columns */
    assert_int_equal(text_width("e\xcc\x81"), 1); /* e + combining acute */
}

static void invalid_bytes_count_as_one_column_each_and_stop_at_the_end(void **state)
{
    (void)state;
    const char two[] = "a\xff\0hidden";
    assert_int_equal(text_width(two), 2);
    assert_int_equal(text_width("\xc3"), 1); /* a cut-off sequence */
    assert_int_equal(text_width(NULL), 0);
}

static void wrapping_breaks_at_spaces_by_display_width(void **state)
{
    (void)state;
    size_t st[3], ln[3];
    const char *s = "Öztürk één twee drie";
    int n = text_wrap(s, 10, st, ln, 3);
    assert_int_equal(n, 2);
    assert_int_equal(st[0], 0);
    assert_int_equal(ln[0], strlen("Öztürk één")); /* 10 columns, 14 bytes */
    assert_string_equal(s + st[1], "twee drie");
    assert_int_equal(ln[1], 9);
    n = text_wrap("heel-lang-woord kort", 5, st, ln, 3);
    assert_int_equal(n, 2);
    assert_int_equal(ln[0], strlen("heel-lang-woord"));          /* too wide alone: stands alone */
    assert_int_equal(text_wrap("a b c d e f", 1, st, ln, 3), 3); /* at most max */
    assert_int_equal(text_wrap("", 10, st, ln, 3), 0);
}

int main(void)
{
    if (setlocale(LC_ALL, "C.UTF-8") == NULL)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(width_counts_columns_not_bytes),
        cmocka_unit_test(wrapping_breaks_at_spaces_by_display_width),
        cmocka_unit_test(invalid_bytes_count_as_one_column_each_and_stop_at_the_end),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
