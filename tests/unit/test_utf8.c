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
    assert_int_equal(len("\xc3\xa9", 2), 2);         /* é */
    assert_int_equal(len("\xe2\x82\xac", 3), 3);     /* € */
    assert_int_equal(len("\xf0\x9f\x98\x80", 4), 4); /* an emoji */
    assert_int_equal(len("\xf4\x8f\xbf\xbf", 4), 4); /* U+10FFFF */
    assert_true(utf8_valid("Łukasz Öztürk فاطمة", strlen("Łukasz Öztürk فاطمة")));
    assert_true(utf8_valid("", 0));
    char out[4];
    assert_int_equal(utf8_encode(0x20AC, out), 3);
    assert_memory_equal(out, "\xe2\x82\xac", 3);
    assert_int_equal(utf8_encode(0x1F600, out), 4);
    assert_int_equal(len(out, 4), 4); /* what it writes, it accepts */
}

static void invalid_sequences_are_refused(void **state)
{
    (void)state;
    const char *bad[] = {"\x80",
                         "\xc0\xaf",
                         "\xc1\xbf",
                         "\xe0\x80\xaf",
                         "\xed\xa0\x80",
                         "\xf0\x80\x80\xaf",
                         "\xf4\x90\x80\x80",
                         "\xf5\x80\x80\x80",
                         "\xff",
                         "\xc3",
                         "\xe2\x82",
                         "\xc3\x28"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(len(bad[i], strlen(bad[i])), 0);
        assert_false(utf8_valid(bad[i], strlen(bad[i])));
    }
    assert_int_equal(len("\xc3\xa9", 1), 0);     /* cut off by the end */
    assert_false(utf8_valid("J\xe9r\xf4me", 6)); /* Latin-1 */
}

static void a_copy_is_cut_at_a_character_boundary(void **state)
{
    (void)state;
    char out[6];
    assert_string_equal(utf8_copy(out, sizeof out, "Ölçer"), "Ölç"); /* 5 bytes fit, not 'e' half */
    assert_string_equal(utf8_copy(out, 5, "Ölçer"), "Öl");           /* ç would be cut */
    assert_string_equal(utf8_copy(out, sizeof out, "abc"), "abc");
    assert_string_equal(utf8_copy(out, 2, "€"), ""); /* 3 bytes, 1 room */
    assert_true(utf8_valid(out, strlen(out)));
}

static void fold_is(const char *in, const char *want)
{
    char out[256];
    size_t n = utf8_fold(in, out, sizeof out);
    if (strcmp(out, want) != 0)
        fail_msg("fold(%s) = '%s', wanted '%s'", in, out, want);
    assert_int_equal(n, strlen(want));
}

/* Every letter the issue names, and the names of a Dutch caseload. */
static void search_folds_every_latin_letter_to_ascii(void **state)
{
    (void)state;
    static const char *const pairs[][2] = {
        {"ı", "i"},  {"İ", "i"},  {"ş", "s"},  {"Ş", "s"}, {"ğ", "g"}, {"Ğ", "g"},  {"ç", "c"},
        {"Ç", "c"},  {"ł", "l"},  {"Ł", "l"},  {"ø", "o"}, {"Ø", "o"}, {"ß", "ss"}, {"ẞ", "ss"},
        {"æ", "ae"}, {"Æ", "ae"}, {"œ", "oe"}, {"å", "a"}, {"Å", "a"}, {"é", "e"},  {"è", "e"},
        {"ê", "e"},  {"ë", "e"},  {"ï", "i"},  {"î", "i"}, {"ö", "o"}, {"ó", "o"},  {"ô", "o"},
        {"ő", "o"},  {"ü", "u"},  {"ú", "u"},  {"û", "u"}, {"ű", "u"}, {"ñ", "n"},  {"ã", "a"},
        {"õ", "o"},  {"ą", "a"},  {"ę", "e"},  {"ń", "n"}, {"ś", "s"}, {"ź", "z"},  {"ż", "z"},
        {"ć", "c"},  {"ă", "a"},  {"â", "a"},  {"ţ", "t"}, {"ț", "t"}, {"ș", "s"},  {"Ș", "s"},
        {"č", "c"},  {"š", "s"},  {"ž", "z"},  {"ř", "r"}, {"ě", "e"}, {"ů", "u"},  {"đ", "d"},
        {"ð", "d"},  {"þ", "th"}, {"ĳ", "ij"}, {"ə", "e"}, {"ơ", "o"}, {"ư", "u"},  {"ế", "e"},
        {"ý", "y"},  {"ÿ", "y"},  {"à", "a"},  {"á", "a"}, {"ä", "a"}, {"í", "i"},  {"ì", "i"},
        {"ò", "o"},  {"ù", "u"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        fold_is(pairs[i][0], pairs[i][1]);
    fold_is("Yılmaz", "yilmaz");
    fold_is("Kılıç", "kilic");
    fold_is("Łukasz Wiśniewska", "lukasz wisniewska");
    fold_is("Şahin Doğan", "sahin dogan");
    fold_is("Øster Ærø", "oster aero");
    fold_is("Straße", "strasse");
    fold_is("İbrahim Çelik", "ibrahim celik");
    fold_is("Nguyễn Thị Ánh", "nguyen thi anh");
    fold_is("Ștefan Țurcanu", "stefan turcanu");
    fold_is("Öztürk-de Vries 123", "ozturk-de vries 123");
    /* Other scripts, digits and signs stay as they are. */
    fold_is("فاطمة 王芳 × ÷ €", "فاطمة 王芳 × ÷ €");
    fold_is("\xff\xc3", "\xff\xc3"); /* not UTF-8: copied, not lost */
}

/* The whole of Latin-1's and Latin Extended-A's letters is in the table, as plain
 * lowercase ASCII no longer than the letter's UTF-8 form. */
static void the_table_covers_latin_1_and_extended_a(void **state)
{
    (void)state;
    for (unsigned long cp = 0xC0; cp <= 0x24F; cp++) {
        const char *a = utf8_fold_char(cp);
        if (cp == 0xD7 || cp == 0xF7) { /* × and ÷ are not letters */
            assert_null(a);
            continue;
        }
        if (cp < 0x180 && a == NULL)
            fail_msg("U+%04lX is not folded", cp);
        if (a == NULL)
            continue;
        char enc[4];
        assert_true(strlen(a) >= 1 && strlen(a) <= utf8_encode(cp, enc));
        for (const char *c = a; *c; c++)
            assert_true(*c >= 'a' && *c <= 'z');
    }
    assert_null(utf8_fold_char('a'));
    assert_null(utf8_fold_char(0x0410)); /* Cyrillic А: not Latin */
}

static void a_fold_is_cut_at_a_character_boundary(void **state)
{
    (void)state;
    char out[5];
    assert_int_equal(utf8_fold("Straße", out, sizeof out), 7);
    assert_string_equal(out, "stra"); /* "ss" does not fit whole: neither half is written */
    char tiny[1];
    assert_int_equal(utf8_fold("abc", tiny, sizeof tiny), 3);
    assert_string_equal(tiny, "");
    char w[8];
    utf8_fold("ab王芳", w, sizeof w);
    assert_string_equal(w, "ab王"); /* 芳 would not fit with the NUL */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_sequences_have_their_length),
        cmocka_unit_test(invalid_sequences_are_refused),
        cmocka_unit_test(a_copy_is_cut_at_a_character_boundary),
        cmocka_unit_test(search_folds_every_latin_letter_to_ascii),
        cmocka_unit_test(the_table_covers_latin_1_and_extended_a),
        cmocka_unit_test(a_fold_is_cut_at_a_character_boundary),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
