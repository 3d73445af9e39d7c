/* The line editor: UTF-8 insertion and deletion by whole characters, cursor moves, the
 * limits. */
#include "tui/lineedit.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

static void type(struct lineedit *e, const long *keys, size_t n)
{
    for (size_t i = 0; i < n; i++)
        lineedit_key(e, keys[i]);
}

static void typing_and_editing_work_by_characters(void **state)
{
    (void)state;
    struct lineedit e;
    lineedit_init(&e, "");
    const long word[] = {'O', 0x308 /* combining diaeresis */, 'l', 0xE7, 'e', 'r'};
    type(&e, word, 6);
    assert_string_equal(e.text, "O\xcc\x88l\xc3\xa7"
                                "er");
    assert_int_equal(lineedit_key(&e, LE_BACKSPACE), 1);
    assert_int_equal(lineedit_key(&e, LE_BACKSPACE), 1);
    assert_int_equal(lineedit_key(&e, LE_BACKSPACE), 1); /* ç is two bytes, one character */
    assert_string_equal(e.text, "O\xcc\x88l");
    lineedit_key(&e, LE_HOME);
    assert_int_equal(lineedit_key(&e, 0x141), 1); /* Ł at the start */
    assert_string_equal(e.text, "\xc5\x81O\xcc\x88l");
    lineedit_key(&e, LE_RIGHT);
    lineedit_key(&e, LE_RIGHT);                       /* over O, then over the combining mark */
    assert_int_equal(lineedit_key(&e, LE_DELETE), 1); /* deletes l */
    assert_string_equal(e.text, "\xc5\x81O\xcc\x88");
    lineedit_key(&e, LE_LEFT);
    assert_int_equal(e.cursor, 3); /* before the two-byte mark, never inside */
    lineedit_key(&e, LE_END);
    assert_int_equal(lineedit_key(&e, 0x1F600), 1); /* four bytes */
    assert_int_equal(e.len, strlen("\xc5\x81O\xcc\x88\xf0\x9f\x98\x80"));
    assert_int_equal(lineedit_key(&e, LE_KILL_LINE), 1);
    assert_int_equal(e.len, 0);
    assert_int_equal(e.cursor, 0);
}

static void control_keys_and_limits_change_nothing(void **state)
{
    (void)state;
    struct lineedit e;
    lineedit_init(&e, "abc");
    assert_int_equal(lineedit_key(&e, 7), 0);         /* a control character */
    assert_int_equal(lineedit_key(&e, 0xD800), 0);    /* a surrogate */
    assert_int_equal(lineedit_key(&e, LE_DELETE), 0); /* at the end */
    lineedit_key(&e, LE_HOME);
    assert_int_equal(lineedit_key(&e, LE_BACKSPACE), 0);
    assert_string_equal(e.text, "abc");
    lineedit_init(&e, "");
    for (int i = 0; i < LINEEDIT_MAX + 10; i++)
        lineedit_key(&e, 0xE9); /* é, two bytes: the buffer fills without cutting one */
    assert_int_equal(e.len, LINEEDIT_MAX - 2);  /* 510 bytes: one more é would not fit */
    assert_int_equal(lineedit_key(&e, 'x'), 1); /* one byte still does */
    assert_int_equal(lineedit_key(&e, 'y'), 0); /* and then the buffer is full */
    assert_int_equal(e.len, LINEEDIT_MAX - 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(typing_and_editing_work_by_characters),
        cmocka_unit_test(control_keys_and_limits_change_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
