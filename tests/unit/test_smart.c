/* The SMART lint: required parts, a measurable target, a deadline, and vague words named
 * with their reason; only missing elements block saving. */
#include "core/date.h"
#include "core/smart.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

static long day(int y, int m, int d)
{
    return date_days(y, m, d);
}

static const struct smart_finding *find(const struct smart_report *r, enum smart_kind k,
                                        enum smart_part p)
{
    for (int i = 0; i < r->n; i++)
        if (r->f[i].kind == k && r->f[i].part == p)
            return &r->f[i];
    return NULL;
}

static void a_smart_goal_has_no_findings(void **state)
{
    (void)state;
    struct smart_goal g = {{"Solliciteren op administratieve functies bij werkgevers in de regio",
                            "Minimaal 4 sollicitaties per maand, bijgehouden in een logboek",
                            "Mevrouw wil zelf administratief werk en heeft ingestemd",
                            "Zij heeft MBO-4 administratie en 3 jaar ervaring",
                            "Evaluatie op 1 juni 2026"},
                           day(2026, 6, 1),
                           true};
    struct smart_report r;
    assert_int_equal(smart_lint(&g, day(2026, 3, 1), &r), 0);
    assert_false(smart_blocks_save(&r));
}

static void vague_words_are_named_with_their_reason_but_do_not_block(void **state)
{
    (void)state;
    struct smart_goal g = {{"Voorlopig eerst werken aan de taal", "Zo veel mogelijk lessen volgen",
                            "Meneer gaat proberen mee te doen", "Haalbaar", "Zo snel mogelijk"},
                           day(2026, 9, 1),
                           false};
    struct smart_report r;
    smart_lint(&g, day(2026, 3, 1), &r);
    const struct smart_finding *f = find(&r, SMART_VAGUE_WORD, SMART_S);
    assert_non_null(f);
    assert_string_equal(f->word, "Voorlopig"); /* as written */
    assert_non_null(strstr(f->reason, "tot wanneer"));
    int in_s = 0;
    for (int i = 0; i < r.n; i++)
        in_s += r.f[i].part == SMART_S && r.f[i].kind == SMART_VAGUE_WORD;
    assert_int_equal(in_s, 2); /* voorlopig and eerst */
    assert_non_null(find(&r, SMART_VAGUE_WORD, SMART_M));
    assert_non_null(find(&r, SMART_NOT_MEASURABLE, SMART_M));
    assert_non_null(find(&r, SMART_VAGUE_WORD, SMART_A));
    assert_non_null(find(&r, SMART_VAGUE_WORD, SMART_T));
    assert_false(smart_blocks_save(&r));
}

static void words_are_matched_whole_not_inside_other_words(void **state)
{
    (void)state;
    struct smart_goal g = {{"Eersteklas rijbewijs halen", "Examen 1 keer afleggen", "Gemotiveerd",
                            "Kan het", "Uiterlijk in mei"},
                           day(2026, 5, 31),
                           false};
    struct smart_report r;
    smart_lint(&g, day(2026, 3, 1), &r);
    assert_null(find(&r, SMART_VAGUE_WORD, SMART_S)); /* "Eersteklas" is not "eerst" */
    assert_int_equal(r.n, 0);
}

static void missing_parts_and_deadline_block_saving(void **state)
{
    (void)state;
    struct smart_goal g = {{"Werk vinden", "  ", NULL, "Ja", "Dit jaar"}, -1, false};
    struct smart_report r;
    smart_lint(&g, day(2026, 3, 1), &r);
    assert_non_null(find(&r, SMART_MISSING, SMART_M));
    assert_non_null(find(&r, SMART_MISSING, SMART_A));
    assert_non_null(find(&r, SMART_NO_DEADLINE, SMART_DEADLINE));
    assert_true(smart_blocks_save(&r));
}

static void a_new_deadline_may_not_lie_in_the_past_but_an_old_one_may(void **state)
{
    (void)state;
    struct smart_goal g = {{"Werk als postbode", "20 uur per week", "Eigen wens",
                            "Rijbewijs aanwezig", "Start voor 1 maart"},
                           day(2026, 2, 28),
                           true};
    struct smart_report r;
    smart_lint(&g, day(2026, 3, 1), &r);
    assert_non_null(find(&r, SMART_DEADLINE_PAST, SMART_DEADLINE));
    assert_true(smart_blocks_save(&r));
    g.deadline = day(2026, 3, 1); /* today itself is allowed */
    smart_lint(&g, day(2026, 3, 1), &r);
    assert_int_equal(r.n, 0);
    g.deadline = day(2026, 2, 28);
    g.deadline_changed = false; /* an existing goal whose deadline has passed */
    smart_lint(&g, day(2026, 3, 1), &r);
    assert_false(smart_blocks_save(&r));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_smart_goal_has_no_findings),
        cmocka_unit_test(vague_words_are_named_with_their_reason_but_do_not_block),
        cmocka_unit_test(words_are_matched_whole_not_inside_other_words),
        cmocka_unit_test(missing_parts_and_deadline_block_saving),
        cmocka_unit_test(a_new_deadline_may_not_lie_in_the_past_but_an_old_one_may),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
