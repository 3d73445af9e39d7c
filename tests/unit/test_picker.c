/* The picker: it starts on the current value, a letter jumps to the next label with it,
 * Space marks in a multiple choice, and the result is in option order; Enter with nothing
 * marked takes the highlighted option; Esc cancels. */
#include "tui/picker.h"

#include <curses.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

static const struct form_option opts[] = {
    {"schulden", "Schulden"}, {"taal", "Taal"}, {"vervoer", "Vervoer"}, {"psychisch", "Psychisch"},
};

static void a_single_choice_starts_on_the_current_value_and_jumps_by_letter(void **state)
{
    (void)state;
    struct picker p;
    char out[64];
    picker_init(&p, "Kies", opts, 4, 0, "vervoer");
    assert_int_equal(p.list.selected, 2);
    assert_int_equal(picker_key(&p, ACT_NONE, 's'), PICK_GOING); /* wraps round to Schulden */
    assert_int_equal(p.list.selected, 0);
    assert_int_equal(picker_key(&p, ACT_DOWN, 0), PICK_GOING);
    assert_int_equal(picker_key(&p, ACT_NONE, '\n'), PICK_DONE);
    picker_result(&p, out, sizeof out);
    assert_string_equal(out, "taal");
    assert_int_equal(picker_key(&p, ACT_NONE, 27), PICK_CANCEL);
}

static void a_multiple_choice_marks_and_keeps_option_order(void **state)
{
    (void)state;
    struct picker p;
    char out[64];
    picker_init(&p, "Kies", opts, 4, 1, "psychisch,taal");
    assert_true(p.marked[1] && p.marked[3]);
    assert_int_equal(p.list.selected, 1);
    picker_key(&p, ACT_NONE, ' '); /* unmark taal */
    picker_key(&p, ACT_NONE, 's');
    picker_key(&p, ACT_NONE, ' '); /* mark schulden */
    assert_int_equal(picker_key(&p, ACT_NONE, '\n'), PICK_DONE);
    picker_result(&p, out, sizeof out);
    assert_string_equal(out, "schulden,psychisch");
}

static void enter_with_nothing_marked_takes_the_highlighted_option(void **state)
{
    (void)state;
    struct picker p;
    char out[64];
    picker_init(&p, "Kies", opts, 4, 1, "");
    picker_key(&p, ACT_NONE, 'v');
    picker_result(&p, out, sizeof out);
    assert_string_equal(out, "vervoer");
    picker_init(&p, "Kies", opts, 0, 0, "");
    assert_int_equal(picker_key(&p, ACT_NONE, '\n'), PICK_CANCEL); /* nothing to choose */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_single_choice_starts_on_the_current_value_and_jumps_by_letter),
        cmocka_unit_test(a_multiple_choice_marks_and_keeps_option_order),
        cmocka_unit_test(enter_with_nothing_marked_takes_the_highlighted_option),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
