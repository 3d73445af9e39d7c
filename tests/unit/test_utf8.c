/* Strict UTF-8: valid sequences of every length, and each kind of invalid one. */
#include "core/utf8.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

static int len(const char *s, size_t n)
{
    return utf8_seq_len((const unsigned char *)s, (const unsigned char *)s + n);
}

static void valid_sequences_have_their_length(void **state)
{
    (void)state;
    assert_int_equal(len("a", 1), 1);
    assert_int_equal(len("\xc3\xa9", 2), 2);             /* é */
    assert_int_equal(len("\xe2\x82\xac", 3), 3);         /* € */
    assert_int_equal(len("\xf0\x9f\x98\x80", 4), 4);     /* an emoji */
    assert_int_equal(len("\xf4\x8f\xbf\xbf", 4), 4);     /* U+10FFFF */
    assert_true(utf8_valid("Łukasz Öztürk فاطمة", strlen("Łukasz Öztürk فاطمة")));
    assert_true(utf8_valid("", 0));
    char out[4];
    assert_int_equal(utf8_encode(0x20AC, out), 3);
    assert_memory_equal(out, "\xe2\x82\xac", 3);
    assert_int_equal(utf8_encode(0x1F600, out), 4);
    assert_int_equal(len(out, 4), 4);                    /* what it writes, it accepts */
}

static void invalid_sequences_are_refused(void **state)
{
    (void)state;
    const char *bad[] = {"\x80", "\xc0\xaf", "\xc1\xbf", "\xe0\x80\xaf", "\xed\xa0\x80",
                         "\xf0\x80\x80\xaf", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80",
                         "\xff", "\xc3", "\xe2\x82", "\xc3\x28"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(len(bad[i], strlen(bad[i])), 0);
        assert_false(utf8_valid(bad[i], strlen(bad[i])));
    }
    assert_int_equal(len("\xc3\xa9", 1), 0);             /* cut off by the end */
    assert_false(utf8_valid("J\xe9r\xf4me", 6));         /* Latin-1 */
}

static void a_copy_is_cut_at_a_character_boundary(void **state)
{
    (void)state;
    char out[6];
    assert_string_equal(utf8_copy(out, sizeof out, "Ölçer"), "Ölç");   /* 5 bytes fit, not 'e' half */
    assert_string_equal(utf8_copy(out, 5, "Ölçer"), "Öl");               /* ç would be cut */
    assert_string_equal(utf8_copy(out, sizeof out, "abc"), "abc");
    assert_string_equal(utf8_copy(out, 2, "€"), "");                     /* 3 bytes, 1 room */
    assert_true(utf8_valid(out, strlen(out)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_sequences_have_their_length),
        cmocka_unit_test(invalid_sequences_are_refused),
        cmocka_unit_test(a_copy_is_cut_at_a_character_boundary),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
