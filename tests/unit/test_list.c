/* The list widget's state: moving, paging and clamping, without a terminal. */
#include "tui/list.h"

#include <locale.h>
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

/* Cells are cut and padded in display columns: ı, ş, ł take one column but two bytes,
 * 王 two columns; "%-10s" would pad each by bytes and move the next column. */
static void cells_pad_by_display_columns(void **state)
{
    (void)state;
    char out[64];
    list_cell(out, sizeof out, "Kılıç", 8);
    assert_string_equal(out, "Kılıç   "); /* 5 columns and 3 spaces, 7 bytes of letters */
    list_cell(out, sizeof out, "王小明", 8);
    assert_string_equal(out, "王小明  ");
    list_cell(out, sizeof out, "Wróblewska-Żółć", 8); /* cut at a character, one blank kept */
    assert_string_equal(out, "Wróblew ");
    list_cell(out, sizeof out, "王小明王", 6); /* a wide character that does not fit stays out */
    assert_string_equal(out, "王小  ");
    const char *row[] = {"1-3-2026", "Şükrü", "Signaal"};
    int widths[] = {10, 8, 7};
    list_cells(out, sizeof out, row, widths, 3);
    assert_string_equal(out, "1-3-2026  Şükrü   Signaal"); /* the last cell uses its width */
}

/* At 80 columns every column keeps its least width; a wider screen first widens the
 * columns whose content needs it, up to that, and gives the rest to the last. */
static void layout_widens_what_needs_it(void **state)
{
    (void)state;
    struct list_col cols[] = {{12, 12}, {31, 45}, {37, 0}}; /* 80 columns in all */
    int w[3];
    list_layout(cols, 3, 80, w);
    assert_int_equal(w[0], 12);
    assert_int_equal(w[1], 31);
    assert_int_equal(w[2], 37);
    list_layout(cols, 3, 200, w);
    assert_int_equal(w[1], 45);
    assert_int_equal(w[2], 143);
    struct list_col small[] = {{12, 12}, {31, 10}, {37, 0}}; /* short names keep the least */
    list_layout(small, 3, 200, w);
    assert_int_equal(w[1], 31);
    assert_int_equal(list_width("王小明"), 7);
    assert_int_equal(list_width("Kılıç"), 6);
}

int main(void)
{
    if (setlocale(LC_ALL, "C.UTF-8") == NULL) /* widths by wcwidth need a UTF-8 locale */
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(moves_stop_at_both_ends),
        cmocka_unit_test(paging_moves_a_screen_and_clamps),
        cmocka_unit_test(empty_list_is_safe),
        cmocka_unit_test(position_says_where_the_page_stands),
        cmocka_unit_test(cells_pad_by_display_columns),
        cmocka_unit_test(layout_widens_what_needs_it),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
