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
    {"schulden", "Schulden"},
    {"taal", "Taal"},
    {"vervoer", "Vervoer"},
    {"psychisch", "Psychisch"},
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

static const struct form_option names[] = {
    {"a", "Ahmed"},
    {"o", "\xc3\x96"
          "mer"},
    {"s", "\xc5\x9e"
          "ahin"},
    {"i", "\xc4\xb0"
          "pek"},
};

/* Issue 16 item 9: letters jump, folded as search folds (o finds Ömer, s Şahin, i İpek),
 * and mark nothing in a multiple choice; a letter no label begins with stays put. */
static void letters_jump_folded_and_never_mark(void **state)
{
    (void)state;
    struct picker p;
    char out[64];
    picker_init(&p, "Kies", names, 4, 1, "");
    assert_int_equal(picker_key(&p, ACT_NONE, 'o'), PICK_GOING);
    assert_int_equal(p.list.selected, 1);
    assert_int_equal(picker_key(&p, ACT_NONE, 'S'), PICK_GOING);
    assert_int_equal(p.list.selected, 2);
    assert_int_equal(picker_key(&p, ACT_NONE, 0x131 /* ı */), PICK_GOING);
    assert_int_equal(p.list.selected, 3);
    assert_int_equal(picker_key(&p, ACT_NONE, 'j'), PICK_GOING); /* no label: no move */
    assert_int_equal(p.list.selected, 3);
    for (int i = 0; i < 4; i++)
        assert_int_equal(p.marked[i], 0);
    picker_key(&p, ACT_NONE, 'a');
    picker_key(&p, ACT_NONE, ' ');
    picker_key(&p, ACT_NONE, 's');
    assert_int_equal(picker_key(&p, ACT_NONE, '\n'), PICK_DONE);
    picker_result(&p, out, sizeof out);
    assert_string_equal(out, "a"); /* only the one Space ticked */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_single_choice_starts_on_the_current_value_and_jumps_by_letter),
        cmocka_unit_test(letters_jump_folded_and_never_mark),
        cmocka_unit_test(a_multiple_choice_marks_and_keeps_option_order),
        cmocka_unit_test(enter_with_nothing_marked_takes_the_highlighted_option),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
