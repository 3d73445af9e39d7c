/* Text made safe for a terminal (core/safetext.h): every control character a terminal
 * acts on (C0, ESC sequences, DEL, C1 as UTF-8) and every invalid byte becomes U+FFFD;
 * newline and tab stay only in multi-line text; Turkish, Polish, Arabic and the rest of
 * Unicode stay as they are. */
#include "core/safetext.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#define R "\xef\xbf\xbd" /* U+FFFD as UTF-8 */

static void check_copy(const char *in, enum safetext_mode m, const char *want)
{
    char out[256];
    size_t need = safetext_copy(out, sizeof out, in, m);
    assert_string_equal(out, want);
    assert_int_equal(need, strlen(want));
    assert_int_equal(safetext_is_clean(in, m), strcmp(in, want) == 0);
}

static void escape_sequences_lose_their_esc(void **state)
{
    (void)state;
    check_copy("Jan\x1b[2JBakker", SAFETEXT_LINE, "Jan" R "[2JBakker");
    check_copy("\x1b]0;titel\x07", SAFETEXT_TEXT, R "]0;titel" R); /* OSC + BEL */
    check_copy("\x1b]8;;file:///etc\x1b\\x", SAFETEXT_LINE, R "]8;;file:///etc" R "\\x");
    check_copy("a\x1b", SAFETEXT_LINE, "a" R); /* at the end */
}

static void every_c0_control_and_del_are_replaced(void **state)
{
    (void)state;
    for (int c = 1; c < 0x20; c++) {
        char in[4] = {'a', (char)c, 'b', 0};
        char out[16];
        safetext_copy(out, sizeof out, in, SAFETEXT_LINE);
        assert_string_equal(out, "a" R "b");
        safetext_copy(out, sizeof out, in, SAFETEXT_TEXT);
        assert_string_equal(out, c == '\n' || c == '\t' ? in : "a" R "b");
    }
    check_copy("a\x7f"
               "b",
               SAFETEXT_TEXT, "a" R "b");
    check_copy("een\r\nregel", SAFETEXT_TEXT, "een" R "\nregel"); /* CR would overwrite */
}

static void c1_controls_in_utf8_and_as_raw_bytes_are_replaced(void **state)
{
    (void)state;
    check_copy("a\xc2\x9b"
               "2Jb",
               SAFETEXT_LINE, "a" R "2Jb"); /* U+009B CSI */
    check_copy("\xc2\x80\xc2\x85\xc2\x9d\xc2\x9f", SAFETEXT_TEXT, R R R R);
    check_copy("a\x9b"
               "2J",
               SAFETEXT_LINE, "a" R "2J");                     /* a bare 0x9B byte */
    check_copy("\xc2\xa0nbsp", SAFETEXT_LINE, "\xc2\xa0nbsp"); /* U+00A0 is text */
}

static void invalid_utf8_is_replaced_byte_by_byte(void **state)
{
    (void)state;
    check_copy("a\xff"
               "b",
               SAFETEXT_LINE, "a" R "b");
    check_copy("\xc0\xaf", SAFETEXT_LINE, R R);             /* overlong '/' */
    check_copy("\xed\xa0\x80", SAFETEXT_LINE, R R R);       /* a surrogate */
    check_copy("\xf4\x90\x80\x80", SAFETEXT_LINE, R R R R); /* past U+10FFFF */
    check_copy("\xc3", SAFETEXT_LINE, R);                   /* cut off */
}

static void text_in_any_script_is_kept_intact(void **state)
{
    (void)state;
    const char *kept[] = {
        "Öztürk Yılmaz, Şükrü Ağaoğlu, İğdır",       /* Turkish */
        "Łukasz Żółć, Grzegorz Brzęczyszczykiewicz", /* Polish */
        "فاطمة الزهراء عبد الله",                    /* Arabic */
        "日本語, e\xcc\x81, 👍🏽",            /* wide, combining, astral */
        R,                                           /* a U+FFFD already there */
    };
    for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++) {
        check_copy(kept[i], SAFETEXT_LINE, kept[i]);
        assert_true(safetext_is_clean(kept[i], SAFETEXT_LINE));
    }
    check_copy("regel 1\nregel 2\tkolom", SAFETEXT_TEXT, "regel 1\nregel 2\tkolom");
    check_copy("regel 1\nregel 2\tkolom", SAFETEXT_LINE, "regel 1" R "regel 2" R "kolom");
}

static void a_copy_that_does_not_fit_is_cut_at_a_character(void **state)
{
    (void)state;
    char out[6];
    assert_int_equal(safetext_copy(out, sizeof out,
                                   "ab\x1b"
                                   "cd",
                                   SAFETEXT_LINE),
                     7);
    assert_string_equal(out, "ab" R); /* 5 bytes: the 'c' would not fit with the NUL */
    assert_int_equal(safetext_copy(out, 4, "abŁ", SAFETEXT_LINE), 4);
    assert_string_equal(out, "ab"); /* Ł (2 bytes) does not fit: not half of it */
    assert_int_equal(safetext_copy(NULL, 0, "a\x1b", SAFETEXT_LINE), 4); /* measuring */
}

static void next_reports_the_code_point_to_show(void **state)
{
    (void)state;
    unsigned long cp;
    const char *s = "Ş\x1b";
    assert_int_equal(safetext_next(s, s + strlen(s), SAFETEXT_LINE, &cp), 2);
    assert_int_equal(cp, 0x15E);
    assert_int_equal(safetext_next(s + 2, s + strlen(s), SAFETEXT_LINE, &cp), 1);
    assert_int_equal(cp, SAFETEXT_REPLACEMENT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(escape_sequences_lose_their_esc),
        cmocka_unit_test(every_c0_control_and_del_are_replaced),
        cmocka_unit_test(c1_controls_in_utf8_and_as_raw_bytes_are_replaced),
        cmocka_unit_test(invalid_utf8_is_replaced_byte_by_byte),
        cmocka_unit_test(text_in_any_script_is_kept_intact),
        cmocka_unit_test(a_copy_that_does_not_fit_is_cut_at_a_character),
        cmocka_unit_test(next_reports_the_code_point_to_show),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
