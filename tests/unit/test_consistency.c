/* Consistency warnings: the DOMAIN.md cases that letters and plans got wrong. */
#include "core/consistency.h"
#include "core/date.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

static long today(void)
{
    return date_days(2026, 3, 1);
}

static void volunteer_diagnosis_next_to_full_duty_is_flagged(void **state)
{
    (void)state;
    /* The 64-year-old: the diagnosis says volunteer work, the plan a full duty to apply. */
    struct consistency_in in = {"volledig", -1,  "vrijwilligerswerk", "meedoen", 1, NULL, 0,
                                NULL,       NULL};
    struct consistency_warning w[CONSISTENCY_MAX];
    assert_int_equal(consistency_check(&in, today(), w), 1);
    assert_int_equal(w[0].kind, CONS_VOLUNTEER_VS_FULL_DUTY);
    assert_non_null(strstr(w[0].text, "vrijwilligerswerk"));
    in.arbeidsverplichting = "gedeeltelijk"; /* a duty fitted to the person: consistent */
    assert_int_equal(consistency_check(&in, today(), w), 0);
    in.arbeidsverplichting = "volledig";
    in.uitstroomdoel = "regulier";
    in.classification = "trede2"; /* far from work by the participatieladder */
    assert_int_equal(consistency_check(&in, today(), w), 1);
    in.classification = "werk";
    assert_int_equal(consistency_check(&in, today(), w), 0);
}

static void exemption_while_the_plan_demands_applications_is_flagged_until_it_ends(void **state)
{
    (void)state;
    /* The dyslexic client whose exemption was buried under letters threatening cuts. */
    struct consistency_in in = {
        "vrijgesteld", date_days(2026, 6, 1), "regulier", "b2", 1, NULL, 0, NULL, NULL};
    struct consistency_warning w[CONSISTENCY_MAX];
    assert_int_equal(consistency_check(&in, today(), w), 1);
    assert_int_equal(w[0].kind, CONS_EXEMPTION_VS_APPLICATIONS);
    in.plan_demands_applications = 0;
    assert_int_equal(consistency_check(&in, today(), w), 0);
    in.plan_demands_applications = 1;
    in.vrijstelling_until = date_days(2026, 2, 28); /* the exemption has ended */
    assert_int_equal(consistency_check(&in, today(), w), 0);
}

static void an_outflow_claimed_by_two_providers_is_flagged_once(void **state)
{
    (void)state;
    /* DOMAIN.md: the teacher who found work herself, reported by two providers. */
    struct outflow_claim claims[] = {{7, "Re-integratiebedrijf A"},
                                     {7, "Uitzendbureau B"},
                                     {7, "Uitzendbureau B"},
                                     {8, "Jobcoach"},
                                     {8, "Jobcoach"}};
    struct consistency_in in = {"volledig", -1, "regulier", "werk", 1, claims, 5, NULL, NULL};
    struct consistency_warning w[CONSISTENCY_MAX];
    assert_int_equal(consistency_check(&in, today(), w), 1);
    assert_int_equal(w[0].kind, CONS_OUTFLOW_CLAIMED_TWICE);
    assert_int_equal(w[0].ref, 7);
    assert_non_null(strstr(w[0].text, "Re-integratiebedrijf A en Uitzendbureau B"));
}

static void an_empty_case_has_nothing_to_contradict(void **state)
{
    (void)state;
    struct consistency_in in = {NULL, -1, NULL, NULL, 0, NULL, 0, NULL, NULL};
    struct consistency_warning w[CONSISTENCY_MAX];
    assert_int_equal(consistency_check(&in, today(), w), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(volunteer_diagnosis_next_to_full_duty_is_flagged),
        cmocka_unit_test(exemption_while_the_plan_demands_applications_is_flagged_until_it_ends),
        cmocka_unit_test(an_outflow_claimed_by_two_providers_is_flagged_once),
        cmocka_unit_test(an_empty_case_has_nothing_to_contradict),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
