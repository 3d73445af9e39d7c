/* Warnings from a loaded case file: consistency (latest intake and plan count), claims
 * by providers whose instruments ended "to work" around an outflow, vague open goals, a
 * handover the client was not told of (what the teamleider's `warnings` shows). */
#include "core/consistency.h"
#include "core/date.h"
#include "core/warnings.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

static long D(int y, int m, int d)
{
    return date_days(y, m, d);
}

static struct case_file base(void)
{
    struct case_file cf;
    memset(&cf, 0, sizeof cf);
    cf.client = (struct cf_client){9,       CS_ACTIEF, NO_DATE,    NO_DATE, D(2026, 1, 1),
                                   NO_DATE, "meedoen", "volledig", NULL,    NULL};
    return cf;
}

static int count(const struct case_warning_list *l, int kind)
{
    int n = 0;
    for (size_t i = 0; i < l->n; i++)
        n += l->v[i].kind == kind;
    return n;
}

static void the_latest_intake_and_plan_decide(void **state)
{
    (void)state;
    struct case_file cf = base();
    cf.client.classification = "werk";
    /* An old intake said volunteer work; the newest says regular work: consistent. */
    struct cf_intake in[2] = {{1, D(2026, 2, 1), "regulier"},
                              {2, D(2025, 2, 1), "vrijwilligerswerk"}};
    cf.intakes = in;
    cf.n_intakes = 2;
    struct case_warning_list w = {0};
    assert_int_equal(casefile_warnings(&cf, D(2026, 3, 1), &w), 0);
    assert_int_equal(count(&w, CONS_VOLUNTEER_VS_FULL_DUTY), 0);
    in[1].date = D(2026, 2, 15); /* now the volunteer intake is the newest */
    assert_int_equal(casefile_warnings(&cf, D(2026, 3, 1), &w), 0);
    assert_int_equal(count(&w, CONS_VOLUNTEER_VS_FULL_DUTY), 1);
    assert_int_equal(w.v[0].client_id, 9);
    case_warnings_free(&w);
    /* Exempt, and the newest plan demands applications. */
    struct case_file ex = base();
    ex.client.arbeidsverplichting = "vrijgesteld";
    ex.client.classification = "b2";
    struct cf_plan pl[2] = {{1, D(2025, 6, 1), 0}, {2, D(2026, 1, 1), 1}};
    ex.plans = pl;
    ex.n_plans = 2;
    assert_int_equal(casefile_warnings(&ex, D(2026, 3, 1), &w), 0);
    assert_int_equal(count(&w, CONS_EXEMPTION_VS_APPLICATIONS), 1);
    case_warnings_free(&w);
}

static void two_providers_ending_to_work_around_one_outflow_are_flagged(void **state)
{
    (void)state;
    struct case_file cf = base();
    cf.client.classification = "werk";
    struct cf_outflow o = {5, D(2026, 1, 15), NO_DATE, "werk", "eigen_initiatief"};
    struct cf_instrument ins[3] = {
        {1, "Traject", D(2025, 9, 1), D(2026, 3, 1), D(2026, 1, 10), 0, "Re-integratiebedrijf",
         "werk"},
        {2, "Jobcoaching", D(2025, 9, 1), D(2026, 3, 1), D(2026, 1, 20), 0, "Jobcoach", "werk"},
        {3, "Cursus", D(2025, 1, 1), D(2025, 3, 1), D(2025, 3, 1), 0, "ROC",
         "werk"}}; /* too early */
    cf.outflows = &o;
    cf.n_outflows = 1;
    cf.instruments = ins;
    cf.n_instruments = 3;
    struct case_warning_list w = {0};
    assert_int_equal(casefile_warnings(&cf, D(2026, 3, 1), &w), 0);
    assert_int_equal(count(&w, CONS_OUTFLOW_CLAIMED_TWICE), 1);
    assert_non_null(strstr(w.v[0].text, "Re-integratiebedrijf en Jobcoach"));
    case_warnings_free(&w);
    ins[1].end_reason = "afgerond"; /* ended, but not as "to work": no claim */
    assert_int_equal(casefile_warnings(&cf, D(2026, 3, 1), &w), 0);
    assert_int_equal(count(&w, CONS_OUTFLOW_CLAIMED_TWICE), 0);
    case_warnings_free(&w);
}

static void open_vague_goals_are_listed_closed_ones_not(void **state)
{
    (void)state;
    struct case_file cf = base();
    cf.client.classification = "werk";
    struct cf_goal g[2] = {{1,
                            D(2026, 6, 1),
                            0,
                            "Voorlopig eerst rust",
                            {"Voorlopig eerst rust", "Zo veel mogelijk", "Ja", "Ja", "Later"}},
                           {2, D(2026, 6, 1), 1, "Oud", {"Voorlopig", "", "", "", ""}}};
    cf.goals = g;
    cf.n_goals = 2;
    struct case_warning_list w = {0};
    assert_int_equal(casefile_warnings(&cf, D(2026, 3, 1), &w), 0);
    assert_int_equal(count(&w, CASE_WARNING_SMART), 1);
    assert_int_equal(w.v[0].ref, 1);
    assert_non_null(strstr(w.v[0].text, "'Voorlopig' (Specifiek)"));
    assert_non_null(strstr(w.v[0].text, "'Later' (Tijdgebonden)"));
    case_warnings_free(&w);
    cf.client.status = CS_AFGESLOTEN; /* a closed case is not worked on */
    assert_int_equal(casefile_warnings(&cf, D(2026, 3, 1), &w), 0);
    assert_int_equal(w.n, 0);
}

static void a_handover_without_the_date_the_client_was_told_is_a_warning(void **state)
{
    (void)state;
    struct case_file cf = base();
    cf.km = (struct cf_km){31, D(2026, 2, 20), 1, NO_DATE};
    struct case_warning_list w = {0};
    assert_int_equal(casefile_warnings(&cf, D(2026, 3, 1), &w), 0);
    assert_int_equal(count(&w, CASE_WARNING_UNINFORMED), 1);
    for (size_t i = 0; i < w.n; i++)
        if (w.v[i].kind == CASE_WARNING_UNINFORMED) {
            assert_int_equal(w.v[i].ref, 31);
            assert_int_equal(w.v[i].client_id, 9);
            assert_string_equal(w.v[i].text, "Nieuwe klantmanager sinds 20-2-2026; niet "
                                             "vastgelegd dat de klant is ingelicht");
        }
    w.n = 0;
    cf.km.informed_on = D(2026, 2, 27); /* recorded: gone */
    assert_int_equal(casefile_warnings(&cf, D(2026, 3, 1), &w), 0);
    assert_int_equal(count(&w, CASE_WARNING_UNINFORMED), 0);
    w.n = 0;
    cf.km = (struct cf_km){31, D(2026, 2, 20), 0, NO_DATE}; /* the first klantmanager */
    assert_int_equal(casefile_warnings(&cf, D(2026, 3, 1), &w), 0);
    assert_int_equal(count(&w, CASE_WARNING_UNINFORMED), 0);
    case_warnings_free(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_latest_intake_and_plan_decide),
        cmocka_unit_test(two_providers_ending_to_work_around_one_outflow_are_flagged),
        cmocka_unit_test(open_vague_goals_are_listed_closed_ones_not),
        cmocka_unit_test(a_handover_without_the_date_the_client_was_told_is_a_warning),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
