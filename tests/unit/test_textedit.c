/* The multi-line editor: insertion and deletion by whole characters, wrapping at words by
 * display columns (multibyte and wide characters), the cursor moving up and down over
 * wrapped rows, and the limit refused with a flag instead of a silent cut. */
#include "tui/textedit.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static void type(struct textedit *e, const char *ascii)
{
    for (const char *p = ascii; *p; p++)
        textedit_key(e, (unsigned char)*p);
}

static void inserting_and_deleting_go_by_characters(void **state)
{
    (void)state;
    struct textedit e;
    assert_int_equal(textedit_init(&e, "", TEXTEDIT_NOTE_MAX, 1), 0);
    const long name[] = {'K', 0x131 /* ı */, 'l', 0x131, 0xE7 /* ç */};
    for (int i = 0; i < 5; i++)
        assert_int_equal(textedit_key(&e, name[i]), TE_CHANGED);
    assert_string_equal(e.text, "K\xc4\xb1l\xc4\xb1\xc3\xa7");
    assert_int_equal(e.chars, 5);
    assert_int_equal(e.len, 8);
    assert_int_equal(textedit_key(&e, LE_BACKSPACE), TE_CHANGED); /* ç: two bytes, one char */
    assert_string_equal(e.text, "K\xc4\xb1l\xc4\xb1");
    assert_int_equal(e.chars, 4);
    assert_int_equal(textedit_key(&e, LE_LEFT), TE_MOVED);
    assert_int_equal(e.cursor, 4);                        /* before ı, never inside */
    assert_int_equal(textedit_key(&e, '\n'), TE_CHANGED); /* a line break in a note */
    assert_string_equal(e.text, "K\xc4\xb1l\n\xc4\xb1");
    textedit_key(&e, LE_HOME);
    assert_int_equal(e.cursor, 5); /* the start of the row */
    assert_int_equal(textedit_key(&e, LE_DELETE), TE_CHANGED);
    assert_string_equal(e.text, "K\xc4\xb1l\n");
    assert_int_equal(textedit_key(&e, LE_DELETE), TE_NOTHING); /* at the end */
    assert_int_equal(textedit_key(&e, 7), TE_NOTHING);         /* a control character */
    assert_int_equal(textedit_key(&e, 0xD800), TE_NOTHING);    /* a surrogate */
    textedit_free(&e);
    textedit_free(&e); /* twice is harmless */
}

static void a_one_line_field_takes_no_line_break_and_ctrl_u_clears_it(void **state)
{
    (void)state;
    struct textedit e;
    textedit_init(&e, "Jansen", TEXTEDIT_LINE_MAX, 0);
    assert_int_equal(textedit_key(&e, '\n'), TE_NOTHING);
    assert_int_equal(textedit_key(&e, TE_UP), TE_EDGE);
    assert_int_equal(textedit_key(&e, TE_DOWN), TE_EDGE);
    textedit_key(&e, LE_HOME);
    assert_int_equal(e.cursor, 0);
    assert_int_equal(textedit_key(&e, LE_KILL_LINE), TE_CHANGED);
    assert_string_equal(e.text, "");
    textedit_free(&e);
    /* In a note Ctrl-U deletes back to the start of the line only. */
    textedit_init(&e, "eerste regel\ntweede", TEXTEDIT_NOTE_MAX, 1);
    assert_int_equal(textedit_key(&e, LE_KILL_LINE), TE_CHANGED);
    assert_string_equal(e.text, "eerste regel\n");
    assert_int_equal(textedit_key(&e, LE_KILL_LINE), TE_NOTHING);
    textedit_free(&e);
}

static void check_rows(const char *s, int width, const size_t *want, size_t n)
{
    struct textedit_row *r;
    size_t got = textedit_wrap(s, strlen(s), width, &r);
    assert_int_equal(got, n);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(r[i].start, want[2 * i]);
        assert_int_equal(r[i].len, want[2 * i + 1]);
    }
    free(r);
}

static void wrapping_breaks_at_spaces_by_display_columns(void **state)
{
    (void)state;
    /* "aaa bbb ccc": at 7 columns two rows, at 5 three; the space broken at is left out. */
    check_rows("aaa bbb ccc", 7, (const size_t[]){0, 7, 8, 3}, 2);
    check_rows("aaa bbb ccc", 5, (const size_t[]){0, 3, 4, 3, 8, 3}, 3);
    /* "één twee" at 4 columns: één is 3 columns in 5 bytes. */
    check_rows("\xc3\xa9\xc3\xa9n twee", 4, (const size_t[]){0, 5, 6, 4}, 2);
    /* Wide characters take two columns: 日本語 (6 columns) does not fit in 5, so it is
     * broken inside: 日本 (4) | 語 (the space then テ would make 5: fits, ス not) |
     * テス | ト. */
    check_rows("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e \xe3\x83\x86\xe3\x82\xb9\xe3\x83\x88", 5,
               (const size_t[]){0, 6, 6, 3, 10, 6, 16, 3}, 4);
    /* Line breaks end rows, an empty line is an empty row, and a word wider than a row
     * goes on over rows. */
    check_rows("ab\n\ncd", 10, (const size_t[]){0, 2, 3, 0, 4, 2}, 3);
    check_rows("abcdefgh", 3, (const size_t[]){0, 3, 3, 3, 6, 2}, 3);
    check_rows("", 10, (const size_t[]){0, 0}, 1);
    check_rows("ab\n", 10, (const size_t[]){0, 2, 3, 0}, 2);  /* the cursor's row after it */
    check_rows("aaa bbb ccc", 0, (const size_t[]){0, 11}, 1); /* no width: no wrapping */
}

static void up_and_down_move_over_wrapped_rows_keeping_the_column(void **state)
{
    (void)state;
    struct textedit e;
    textedit_init(&e, "aaa bbb ccc", TEXTEDIT_NOTE_MAX, 1);
    e.width = 5;
    int col;
    struct textedit_row *r;
    size_t n = textedit_wrap(e.text, e.len, e.width, &r);
    assert_int_equal(textedit_cursor_row(&e, r, n, &col), 2);
    assert_int_equal(col, 3);
    free(r);
    assert_int_equal(textedit_key(&e, TE_UP), TE_MOVED);
    assert_int_equal(e.cursor, 7); /* the end of bbb */
    assert_int_equal(textedit_key(&e, TE_UP), TE_MOVED);
    assert_int_equal(e.cursor, 3);
    assert_int_equal(textedit_key(&e, TE_UP), TE_EDGE);
    assert_int_equal(e.cursor, 3);
    textedit_key(&e, TE_DOWN);
    textedit_key(&e, TE_DOWN);
    assert_int_equal(e.cursor, 11);
    assert_int_equal(textedit_key(&e, TE_DOWN), TE_EDGE);
    textedit_key(&e, LE_HOME);
    assert_int_equal(e.cursor, 8); /* Home: the start of the shown row */
    textedit_free(&e);

    /* The column aimed for survives a short row: 6, then 1 ("x"), then 6 again. */
    textedit_init(&e, "abcdef\nx\nabcdef", TEXTEDIT_NOTE_MAX, 1);
    e.width = 10;
    e.cursor = 6;
    textedit_key(&e, TE_DOWN);
    assert_int_equal(e.cursor, 8);
    textedit_key(&e, TE_DOWN);
    assert_int_equal(e.cursor, 15);
    textedit_free(&e);

    /* Wide characters: from column 2 (after 日) down to column 2 of "abcd"; from column 1
     * up, 日 (columns 0-1) does not fit before column 1, so the cursor stands before it. */
    textedit_init(&e, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\nabcd", TEXTEDIT_NOTE_MAX, 1);
    e.width = 10;
    e.cursor = 3;
    textedit_key(&e, TE_DOWN);
    assert_int_equal(e.cursor, 12);
    textedit_key(&e, LE_LEFT); /* to 11, column 1 (a key, so the old aim is forgotten) */
    assert_int_equal(e.cursor, 11);
    textedit_key(&e, TE_UP);
    assert_int_equal(e.cursor, 0);
    textedit_free(&e);
}

static void the_limit_is_refused_with_a_flag_never_cut(void **state)
{
    (void)state;
    struct textedit e;
    textedit_init(&e, "", 5, 1);
    type(&e, "abcde");
    assert_int_equal(textedit_key(&e, 'f'), TE_REFUSED);
    assert_int_equal(e.refused, 1);
    assert_string_equal(e.text, "abcde");
    assert_int_equal(textedit_key(&e, LE_BACKSPACE), TE_CHANGED);
    assert_int_equal(e.refused, 0);
    assert_int_equal(textedit_key(&e, 'x'), TE_CHANGED);
    assert_string_equal(e.text, "abcdx");
    /* A stored text longer than the limit is kept whole; only more typing is refused. */
    assert_int_equal(textedit_set(&e, "abcdefgh"), 0);
    assert_string_equal(e.text, "abcdefgh");
    assert_int_equal(e.chars, 8);
    assert_int_equal(textedit_key(&e, 'i'), TE_REFUSED);
    textedit_free(&e);

    /* A note holds 10,000 characters, here two bytes each, and refuses the next one. */
    textedit_init(&e, "", TEXTEDIT_NOTE_MAX, 1);
    for (int i = 0; i < TEXTEDIT_NOTE_MAX; i++)
        assert_int_equal(textedit_key(&e, 0xE9), TE_CHANGED);
    assert_int_equal(e.chars, 10000);
    assert_int_equal(e.len, 20000);
    assert_int_equal(textedit_key(&e, 0xE9), TE_REFUSED);
    assert_int_equal(e.len, 20000);
    textedit_free(&e);
}

static void invalid_bytes_are_one_character_each(void **state)
{
    (void)state;
    struct textedit e;
    textedit_init(&e, "a\xff\xc3", TEXTEDIT_NOTE_MAX, 1);
    assert_int_equal(e.chars, 3);
    assert_int_equal(textedit_key(&e, LE_LEFT), TE_MOVED);
    assert_int_equal(e.cursor, 2);
    assert_int_equal(textedit_key(&e, LE_BACKSPACE), TE_CHANGED);
    assert_string_equal(e.text, "a\xc3");
    textedit_free(&e);
}

int main(void)
{
    if (setlocale(LC_ALL, "C.UTF-8") == NULL)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(inserting_and_deleting_go_by_characters),
        cmocka_unit_test(a_one_line_field_takes_no_line_break_and_ctrl_u_clears_it),
        cmocka_unit_test(wrapping_breaks_at_spaces_by_display_columns),
        cmocka_unit_test(up_and_down_move_over_wrapped_rows_keeping_the_column),
        cmocka_unit_test(the_limit_is_refused_with_a_flag_never_cut),
        cmocka_unit_test(invalid_bytes_are_one_character_each),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
