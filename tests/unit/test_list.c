/* The list widget's state: moving, paging and clamping, without a terminal. */
#include "tui/list.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

static void moves_stop_at_both_ends(void **state)
{
    (void)state;
    struct list l = {.count = 5, .height = 3};
    assert_true(list_handle(&l, ACT_UP));
    assert_int_equal(l.selected, 0);
    for (int i = 0; i < 10; i++)
        list_handle(&l, ACT_DOWN);
    assert_int_equal(l.selected, 4);
    assert_int_equal(l.top, 2); /* the selection stays visible */
    list_handle(&l, ACT_HOME);
    assert_int_equal(l.selected, 0);
    assert_int_equal(l.top, 0);
    assert_false(list_handle(&l, ACT_QUIT));
}

static void paging_moves_a_screen_and_clamps(void **state)
{
    (void)state;
    struct list l = {.count = 100, .height = 10};
    list_handle(&l, ACT_PAGE_DOWN);
    assert_int_equal(l.selected, 10);
    assert_int_equal(l.top, 10);
    list_handle(&l, ACT_END);
    assert_int_equal(l.selected, 99);
    assert_int_equal(l.top, 90);
    list_handle(&l, ACT_PAGE_DOWN);
    assert_int_equal(l.selected, 99);
    assert_int_equal(l.top, 90);
    l.height = 30; /* the terminal grew */
    list_clamp(&l);
    assert_int_equal(l.selected, 99);
    assert_true(l.top <= 99 && l.top >= 70);
}

static void empty_list_is_safe(void **state)
{
    (void)state;
    struct list l = {.count = 0, .height = 10};
    list_handle(&l, ACT_DOWN);
    list_handle(&l, ACT_END);
    assert_int_equal(l.selected, 0);
    assert_int_equal(l.top, 0);
}

static void position_says_where_the_page_stands(void **state)
{
    (void)state;
    char buf[64];
    struct list l = {.count = 45, .height = 20};
    assert_int_equal(list_position(&l, buf, sizeof buf), 1);
    assert_string_equal(buf, "regels 1-20 van 45");
    list_handle(&l, ACT_PAGE_DOWN);
    list_position(&l, buf, sizeof buf);
    assert_string_equal(buf, "regels 21-40 van 45");
    list_handle(&l, ACT_PAGE_DOWN);
    list_position(&l, buf, sizeof buf);
    assert_string_equal(buf, "regels 26-45 van 45"); /* the end: the last row shown is the count */
    l.count = 20;
    list_clamp(&l);
    assert_int_equal(list_position(&l, buf, sizeof buf), 0);
    assert_string_equal(buf, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(moves_stop_at_both_ends),
        cmocka_unit_test(paging_moves_a_screen_and_clamps),
        cmocka_unit_test(empty_list_is_safe),
        cmocka_unit_test(position_says_where_the_page_stands),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
