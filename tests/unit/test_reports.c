/* Management figures on a small fixture worked out by hand (period 2025, as of the end of
 * 2026): one client with three activities is one client and one outflow; a stop early
 * counted by its reason; an instrument started the day before the period, one on its last
 * day, one ended only after the as-of date; a client who came back on benefit; two
 * outflow records of one client counted once; waiting times by nearest rank; the "<5"
 * rule for the council. */
#include "core/date.h"
#include "core/labels.h"
#include "core/reports.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#define D(y, m, d) date_days(y, m, d)
#define NO REPORT_NO_DATE

static const char *const AF = "afgerond", *const STOP = "voortijdig_gestopt", *const RUN = "lopend";

static struct rf_instrument a_in[3], b_in[1], c_in[1], d_in[2], e_in[1], g_in[3];
static struct rf_outflow a_out[1], c_out[1], f_out[2], g_out[1];
static struct rf_client cl[7];

static void fixture(void)
{
    /* A: three activities, then work with nazorg; the outflow names the jobcoaching (3). */
    a_in[0] = (struct rf_instrument){"wep",         "Gemeente",    AF,     "werk",
                                     D(2025, 2, 1), D(2025, 5, 1), 100000, 1};
    a_in[1] = (struct rf_instrument){"cursus",      "ROC",         AF,    "doel_bereikt",
                                     D(2025, 3, 1), D(2025, 4, 1), 80000, 2};
    a_in[2] = (struct rf_instrument){"jobcoaching",  "Jobcoach",    AF, "werk",
                                     D(2025, 3, 15), D(2025, 6, 1), 0,  3};
    a_out[0] = (struct rf_outflow){D(2025, 6, 15), "werk", NO, 1, "", 3};
    cl[0] = (struct rf_client){.applied_on = D(2025, 1, 2),
                               .first_intake = D(2025, 1, 16),
                               .first_plan = D(2025, 1, 30),
                               .doelgroepen = "55plus",
                               .instruments = a_in,
                               .n_instruments = 3,
                               .outflows = a_out,
                               .n_outflows = 1};
    /* B: stopped early, ill. */
    b_in[0] = (struct rf_instrument){"wep",         "Gemeente",    STOP,   "ziekte",
                                     D(2025, 4, 1), D(2025, 5, 1), 100000, 4};
    cl[1] = (struct rf_client){.applied_on = D(2025, 3, 1),
                               .first_intake = D(2025, 3, 22),
                               .first_plan = D(2025, 4, 1),
                               .doelgroepen = "",
                               .instruments = b_in,
                               .n_instruments = 1,
                               .outflows = NULL,
                               .n_outflows = 0};
    /* C: completed, work five months later, back on benefit two months after that. */
    c_in[0] = (struct rf_instrument){"wep",         "Gemeente",     AF,     "werk",
                                     D(2025, 8, 1), D(2025, 10, 1), 100000, 5};
    c_out[0] = (struct rf_outflow){D(2026, 3, 1), "werk", D(2026, 5, 1), 0, "", 0};
    cl[2] = (struct rf_client){.applied_on = D(2025, 7, 1),
                               .first_intake = D(2025, 7, 8),
                               .first_plan = NO,
                               .doelgroepen = "statushouder",
                               .instruments = c_in,
                               .n_instruments = 1,
                               .outflows = c_out,
                               .n_outflows = 1};
    /* D: a wep started before the period, a course on its last day. */
    d_in[0] = (struct rf_instrument){"wep",           "Gemeente",    AF,     "werk",
                                     D(2024, 12, 20), D(2025, 2, 1), 100000, 6};
    d_in[1] = (struct rf_instrument){"cursus", "ROC", RUN, "", D(2025, 12, 31), NO, 80000, 7};
    cl[3] = (struct rf_client){.applied_on = D(2024, 12, 1),
                               .first_intake = D(2024, 12, 10),
                               .first_plan = D(2024, 12, 15),
                               .doelgroepen = "",
                               .instruments = d_in,
                               .n_instruments = 2,
                               .outflows = NULL,
                               .n_outflows = 0};
    /* E: completed, but only after the as-of date: as of then it was running. */
    e_in[0] = (struct rf_instrument){"wep",         "Gemeente",     AF,     "werk",
                                     D(2025, 6, 1), D(2027, 1, 15), 100000, 8};
    cl[4] = (struct rf_client){.applied_on = D(2025, 5, 1),
                               .first_intake = D(2025, 5, 29),
                               .first_plan = D(2025, 5, 30),
                               .doelgroepen = "",
                               .instruments = e_in,
                               .n_instruments = 1,
                               .outflows = NULL,
                               .n_outflows = 0};
    /* F: two outflow records for one job (two providers claimed it), back in three months. */
    f_out[0] = (struct rf_outflow){D(2025, 9, 1), "werk", D(2025, 12, 1), 0, "", 0};
    f_out[1] = (struct rf_outflow){D(2025, 11, 1), "werk", NO, 0, "", 0};
    cl[5] = (struct rf_client){.applied_on = NO,
                               .first_intake = NO,
                               .first_plan = NO,
                               .doelgroepen = "",
                               .instruments = NULL,
                               .n_instruments = 0,
                               .outflows = f_out,
                               .n_outflows = 2};
    /* G (issue 15): two coaching trajectories with two providers and a training, then one
     * job, a day after the second coaching ended; the outflow names that coaching (12). */
    g_in[0] = (struct rf_instrument){"jobcoaching", "Jobcoach A",   AF,     "afgerond",
                                     D(2025, 2, 1), D(2025, 4, 30), 300000, 11};
    g_in[1] = (struct rf_instrument){"jobcoaching", "Jobcoach B",    AF,     "werk",
                                     D(2025, 6, 1), D(2025, 10, 31), 300000, 12};
    g_in[2] = (struct rf_instrument){"cursus",      "ROC",          AF,    "afgerond",
                                     D(2025, 3, 1), D(2025, 3, 31), 80000, 13};
    g_out[0] = (struct rf_outflow){D(2025, 11, 1), "werk", NO, 0, "jobcoach", 12};
    cl[6] = (struct rf_client){.applied_on = NO,
                               .first_intake = NO,
                               .first_plan = NO,
                               .doelgroepen = "",
                               .instruments = g_in,
                               .n_instruments = 3,
                               .outflows = g_out,
                               .n_outflows = 1};
}

static const struct effect_row *find(const struct effect_row *r, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (key ? r[i].key && strcmp(r[i].key, key) == 0 : r[i].key == NULL)
            return &r[i];
    fail_msg("no row %s", key ? key : "(total)");
    return NULL;
}

static void effect_per_instrument(void **state)
{
    (void)state;
    fixture();
    struct effect_row *r;
    size_t n;
    assert_int_equal(report_effect(cl, 6, EFFECT_INSTRUMENT, D(2025, 1, 1), D(2025, 12, 31),
                                   D(2026, 12, 31), &r, &n),
                     0);
    assert_int_equal(n, 3); /* cursus, jobcoaching, wep; cohorts overlap: no total */
    for (size_t i = 0; i < n; i++)
        assert_non_null(r[i].key);
    const struct effect_row *wep = find(r, n, "wep");
    assert_int_equal(wep->started, 4);   /* A, B, C, E; not D's, started before */
    assert_int_equal(wep->completed, 2); /* A, C; E only after the as-of date */
    assert_int_equal(wep->stopped, 1);
    assert_string_equal(wep->stopped_by[0].reason, "ziekte");
    assert_int_equal(wep->stopped_by[0].clients, 1);
    assert_int_equal(wep->work_3, 1); /* A, six weeks after the end */
    assert_int_equal(wep->work_6, 2); /* and C, five months after */
    assert_int_equal(wep->work_12, 2);
    assert_int_equal(wep->measurable_6, 2);
    assert_int_equal(wep->still_off_6, 1); /* C came back after two months */
    assert_int_equal(wep->cost_cents, 400000);
    const struct effect_row *cursus = find(r, n, "cursus");
    assert_int_equal(cursus->started, 2); /* A, and D on the period's last day */
    assert_int_equal(cursus->completed, 1);
    assert_int_equal(cursus->work_3, 1);
    report_effect_free(r, n, EFFECT_INSTRUMENT);
}

static void effect_per_doelgroep(void **state)
{
    (void)state;
    fixture();
    struct effect_row *r;
    size_t n;
    assert_int_equal(report_effect(cl, 6, EFFECT_DOELGROEP, D(2025, 1, 1), D(2025, 12, 31),
                                   D(2026, 12, 31), &r, &n),
                     0);
    assert_int_equal(n, 3);                       /* "", 55plus, statushouder; no total */
    assert_int_equal(find(r, n, "")->started, 3); /* B, D, E */
    assert_int_equal(find(r, n, "55plus")->started, 1);
    assert_int_equal(find(r, n, "55plus")->work_3, 1);
    assert_int_equal(find(r, n, "statushouder")->completed, 1);
    report_effect_free(r, n, EFFECT_DOELGROEP);
}

static void a_period_ending_before_as_of_sees_nothing_later(void **state)
{
    (void)state;
    fixture();
    struct effect_row *r;
    size_t n;
    /* As of 30 June 2025: C and E had not started; A's outflow of 15 June is in, but
     * nothing can be measured six months on. */
    assert_int_equal(report_effect(cl, 6, EFFECT_INSTRUMENT, D(2025, 1, 1), D(2025, 12, 31),
                                   D(2025, 6, 30), &r, &n),
                     0);
    const struct effect_row *wep = find(r, n, "wep");
    assert_int_equal(wep->started, 3); /* A, B, E (1 June) */
    assert_int_equal(wep->completed, 1);
    assert_int_equal(wep->work_3, 1);
    assert_int_equal(wep->measurable_6, 0);
    report_effect_free(r, n, EFFECT_INSTRUMENT);
}

static const struct attrib_row *find_a(const struct attrib_row *r, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (key ? r[i].key && strcmp(r[i].key, key) == 0 : r[i].key == NULL)
            return &r[i];
    fail_msg("no row %s", key ? key : "(total)");
    return NULL;
}

/* Issue 15, item 1: one outflow, one credit. Work in 2025 (as of 31-12-2025): A on 15-6
 * (names A's jobcoaching, provider Jobcoach), F on 1-9 (its first; names nothing), G on
 * 1-11 (names G's second coaching, Jobcoach B). C's is in 2026. By instrument: jobcoaching
 * 2 (A, G), niet_toegeschreven 1 (F), total 3 = 2 + 1; not a job for G's cursus or first
 * coaching. By provider: Jobcoach 1, Jobcoach B 1, niet_toegeschreven 1, total 3; nothing
 * for Jobcoach A or ROC, which the old count credited too. Measurable six months on: only
 * A (15-6 + 182 days = 14-12), and she stayed off. */
static void each_outflow_is_credited_once(void **state)
{
    (void)state;
    fixture();
    struct attrib_row *r;
    size_t n;
    assert_int_equal(report_attributed(cl, 7, EFFECT_INSTRUMENT, D(2025, 1, 1), D(2025, 12, 31),
                                       D(2025, 12, 31), &r, &n),
                     0);
    assert_int_equal(n, 3);
    assert_int_equal(find_a(r, n, "jobcoaching")->clients, 2);
    assert_int_equal(find_a(r, n, REPORT_UNATTRIBUTED)->clients, 1);
    assert_int_equal(find_a(r, n, NULL)->clients, 3);
    assert_int_equal(find_a(r, n, NULL)->measurable_6, 1);
    assert_int_equal(find_a(r, n, NULL)->still_off_6, 1);
    assert_null(r[n - 1].key); /* the total last */
    free(r);
    assert_int_equal(report_attributed(cl, 7, EFFECT_PROVIDER, D(2025, 1, 1), D(2025, 12, 31),
                                       D(2025, 12, 31), &r, &n),
                     0);
    assert_int_equal(n, 4);
    assert_int_equal(find_a(r, n, "Jobcoach")->clients, 1);
    assert_int_equal(find_a(r, n, "Jobcoach B")->clients, 1);
    assert_int_equal(find_a(r, n, REPORT_UNATTRIBUTED)->clients, 1);
    int sum = 0;
    for (size_t i = 0; i + 1 < n; i++)
        sum += r[i].clients;
    assert_int_equal(sum, r[n - 1].clients); /* the rows add up to the total */
    free(r);
}

/* Issue 15, item 2: windows from the end of that instrument. G's first coaching ended
 * 30-4, the second 31-10, the job came 1-11: one day after the second ended, so within 3
 * months of it (it was 185 days after the first: outside 3 and 6 months of that one). Her
 * cursus ended 31-3: 215 days before the job, within 12 months only. */
static void work_within_months_of_the_end_of_that_instrument(void **state)
{
    (void)state;
    fixture();
    struct effect_row *r;
    size_t n;
    assert_int_equal(report_effect(cl + 6, 1, EFFECT_INSTRUMENT, D(2025, 1, 1), D(2025, 12, 31),
                                   D(2025, 12, 31), &r, &n),
                     0);
    const struct effect_row *coach = find(r, n, "jobcoaching");
    assert_int_equal(coach->started, 1); /* two trajectories, one client */
    assert_int_equal(coach->completed, 1);
    assert_int_equal(coach->work_3, 1);
    assert_int_equal(coach->work_6, 1);
    assert_int_equal(coach->work_12, 1);
    assert_int_equal(coach->cost_cents, 600000);
    const struct effect_row *cursus = find(r, n, "cursus");
    assert_int_equal(cursus->work_3, 0);
    assert_int_equal(cursus->work_6, 0);
    assert_int_equal(cursus->work_12, 1);
    report_effect_free(r, n, EFFECT_INSTRUMENT);
}

/* Issue 15, item 3: rows of 1 to 4 fold into overig, and an overig of 1 to 4 takes the
 * smallest other row along. a 7, b 3, c 1, d 6, total 17: b and c make overig 4, still
 * fewer than 5, so d (6, smaller than a's 7) joins: a 7, overig 10, total 17. Then a 12
 * and b 2 (total 14): overig 2 takes a along: overig 14, total 14. */
static void small_rows_fold_into_overig_for_the_council(void **state)
{
    (void)state;
    struct attrib_row r[] = {
        {"a", 7, 7, 6}, {"b", 3, 3, 3}, {"c", 1, 1, 0}, {"d", 6, 2, 2}, {NULL, 17, 13, 11}};
    size_t n = 5;
    report_attributed_fold(r, &n);
    assert_int_equal(n, 3);
    assert_string_equal(r[0].key, "a");
    assert_int_equal(r[0].clients, 7);
    assert_string_equal(r[1].key, REPORT_OTHER);
    assert_int_equal(r[1].clients, 10);
    assert_int_equal(r[1].measurable_6, 6);
    assert_int_equal(r[1].still_off_6, 5);
    assert_null(r[2].key);
    assert_int_equal(r[2].clients, 17);
    struct attrib_row s[] = {{"a", 12, 0, 0}, {"b", 2, 0, 0}, {NULL, 14, 0, 0}};
    n = 3;
    report_attributed_fold(s, &n);
    assert_int_equal(n, 2);
    assert_string_equal(s[0].key, REPORT_OTHER);
    assert_int_equal(s[0].clients, 14);
    /* A cost or a share of 1 to 4 clients is withheld with the count. */
    assert_true(report_withheld(4, 1));
    assert_true(report_withheld(1, 1));
    assert_false(report_withheld(5, 1));
    assert_false(report_withheld(0, 1));
    assert_false(report_withheld(3, 0));
}

/* Issue 15, item 5: labels for people, codes for machines. */
static void labels_not_codes(void **state)
{
    (void)state;
    static const struct label cat_v[] = {
        {"instroomreden", "andere_gemeente", "Uit andere gemeente"},
        {"route", "wsp", "Werkgeversservicepunt"},
        {"doelgroep", "55plus", "55-plus"},
        {"uitstroomreden", "werk", "Werk in loondienst"}};
    struct labels cat = {cat_v, 4};
    assert_string_equal(labels_nl(&cat, labels_kind_of("instroom"), "andere_gemeente"),
                        "Uit andere gemeente");
    assert_string_equal(labels_nl(&cat, labels_kind_of("route"), "wsp"), "Werkgeversservicepunt");
    assert_string_equal(labels_nl(&cat, labels_kind_of("doelgroep"), "55plus"), "55-plus");
    assert_string_equal(labels_nl(&cat, labels_kind_of("uitstroom"), "werk"), "Werk in loondienst");
    assert_string_equal(labels_nl(NULL, "", "werk_3m"), "werk <3 mnd");
    assert_string_equal(labels_nl(NULL, "", "kosten_euro"), "kosten");
    assert_string_equal(labels_nl(NULL, "dim", "werk"), "Naar werk");
    assert_string_equal(labels_nl(&cat, "instrument", REPORT_UNATTRIBUTED), "niet toegeschreven");
    assert_string_equal(labels_nl(&cat, "route", "onbekende_code"), "onbekende_code");
}

static void waiting_times_by_nearest_rank(void **state)
{
    (void)state;
    fixture();
    struct waiting w;
    report_waiting(cl, 6, D(2025, 1, 1), D(2025, 12, 31), D(2026, 12, 31), &w);
    /* Applied in 2025: A, B, C, E. To intake 14, 21, 7, 28 days. */
    assert_int_equal(w.to_intake.clients, 4);
    assert_int_equal(w.to_intake.median, 14);
    assert_int_equal(w.to_intake.p90, 28);
    /* Intake to plan: 14, 10, 1 (C has no plan). */
    assert_int_equal(w.to_plan.clients, 3);
    assert_int_equal(w.to_plan.median, 10);
    assert_int_equal(w.to_plan.p90, 14);
    /* Plan to first instrument: 2, 0, 2. */
    assert_int_equal(w.to_instrument.median, 2);
    /* Application to first instrument: 30, 31, 31, 31. */
    assert_int_equal(w.total.clients, 4);
    assert_int_equal(w.total.median, 31);
    assert_int_equal(w.total.p90, 31);
    report_waiting(cl, 6, D(2030, 1, 1), D(2030, 12, 31), D(2030, 12, 31), &w);
    assert_int_equal(w.to_intake.clients, 0);
    assert_int_equal(w.to_intake.median, -1);
}

static void returns_with_and_without_nazorg(void **state)
{
    (void)state;
    fixture();
    struct nazorg_row with[2];
    report_nazorg(cl, 6, D(2025, 1, 1), D(2025, 12, 31), D(2026, 12, 31), with);
    /* Work in 2025: A (nazorg, stayed) and F (no nazorg, back in three months, once). C's
     * outflow is in 2026. */
    assert_int_equal(with[1].outflows, 1);
    assert_int_equal(with[1].measurable_6, 1);
    assert_int_equal(with[1].back_6, 0);
    assert_int_equal(with[1].back_12, 0);
    assert_int_equal(with[0].outflows, 1);
    assert_int_equal(with[0].back_6, 1);
    assert_int_equal(with[0].back_12, 1);
}

static void small_cells_for_the_council(void **state)
{
    (void)state;
    char b[8];
    report_cell(4, 1, b, sizeof b);
    assert_string_equal(b, "<5");
    report_cell(0, 1, b, sizeof b);
    assert_string_equal(b, "0");
    report_cell(5, 1, b, sizeof b);
    assert_string_equal(b, "5");
    report_cell(3, 0, b, sizeof b);
    assert_string_equal(b, "3");
}

/* Who they are, where they live, since when on benefit, how they were classified. */
static struct rf_class a_cls[4], b_cls[1], d_cls[4];

static void people(void)
{
    fixture();
    a_out[0].route = "jobcoach";
    cl[0].benefit_start = D(2024, 6, 1), cl[0].birth_date = D(1970, 5, 1);
    cl[0].household = "alleenstaand", cl[0].municipality = "Berkelland";
    cl[0].instroomreden = "ontslag";
    a_cls[0] = (struct rf_class){D(2024, 7, 1), "indeling", "werk"};
    a_cls[1] = (struct rf_class){D(2024, 7, 1), "participatieladder", "trede3"};
    a_cls[2] = (struct rf_class){D(2025, 5, 1), "indeling", "meedoen"};
    a_cls[3] = (struct rf_class){D(2025, 5, 1), "werkfit", "b1"};
    cl[0].classes = a_cls, cl[0].n_classes = 4;
    cl[1].benefit_start = D(2025, 3, 15), cl[1].birth_date = D(1999, 3, 1);
    cl[1].household = "samenwonend", cl[1].municipality = "Winterswijk";
    cl[1].instroomreden = "studie_gestopt";
    b_cls[0] = (struct rf_class){D(2025, 4, 1), "indeling", "perspectief"};
    cl[1].classes = b_cls, cl[1].n_classes = 1;
    cl[2].benefit_start = D(2025, 7, 1), cl[2].birth_date = D(1990, 1, 1);
    cl[2].household = "", cl[2].municipality = "Berkelland", cl[2].instroomreden = "";
    cl[3].benefit_start = D(2019, 12, 1), cl[3].birth_date = D(1960, 12, 31);
    cl[3].household = "alleenstaand", cl[3].municipality = "Winterswijk";
    cl[3].instroomreden = "ontslag";
    d_cls[0] = (struct rf_class){D(2020, 1, 1), "indeling", "meedoen"};
    d_cls[1] = (struct rf_class){D(2020, 1, 1), "participatieladder", "trede2"};
    d_cls[2] = (struct rf_class){D(2025, 9, 1), "indeling", "perspectief"};
    d_cls[3] = (struct rf_class){D(2025, 9, 1), "participatieladder", "trede4"};
    cl[3].classes = d_cls, cl[3].n_classes = 4;
    cl[4].benefit_start = NO, cl[4].birth_date = NO; /* E only applied */
    cl[5].benefit_start = D(2023, 1, 1), cl[5].birth_date = NO;
}

static int count_of(const struct dim_rows *r, const char *dim, const char *key)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->v[i].dim, dim) == 0 && strcmp(r->v[i].key, key) == 0)
            return r->v[i].clients;
    return -1; /* no row */
}

static long cost_of(const struct dim_rows *r, const char *dim, const char *key)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->v[i].dim, dim) == 0 && strcmp(r->v[i].key, key) == 0)
            return r->v[i].cost_cents;
    return -1;
}

static void caseload_development(void **state)
{
    (void)state;
    people();
    struct dim_rows r;
    assert_int_equal(report_development(cl, 6, D(2025, 1, 1), D(2025, 12, 31), &r), 0);
    assert_int_equal(count_of(&r, "omvang", "begin"), 3); /* A, D, F */
    assert_int_equal(count_of(&r, "omvang", "eind"), 3);  /* B, C, D: A and F left */
    assert_int_equal(count_of(&r, "instroom", "studie_gestopt"), 1);
    assert_int_equal(count_of(&r, "instroom", "(onbekend)"), 1);
    assert_int_equal(count_of(&r, "instroom", "ontslag"), -1); /* A and D came before */
    assert_int_equal(count_of(&r, "uitstroom", "werk"), 2);    /* A; F once, not twice */
    assert_int_equal(count_of(&r, "route", "jobcoach"), 1);
    assert_int_equal(count_of(&r, "route", "(onbekend)"), 1);
    assert_int_equal(count_of(&r, "duur", "<0,5"), 0);
    assert_int_equal(count_of(&r, "duur", "0,5-1"), 2);     /* B 291 days, C 183 */
    assert_int_equal(count_of(&r, "duur", ">5"), 1);        /* D since 2019 */
    assert_int_equal(count_of(&r, "leeftijd", "18-26"), 1); /* B, 26 */
    assert_int_equal(count_of(&r, "leeftijd", "35-44"), 1); /* C, 35 */
    assert_int_equal(count_of(&r, "leeftijd", "65+"), 1);   /* D, 65 that very day */
    assert_int_equal(count_of(&r, "huishouden", "alleenstaand"), 1);
    assert_int_equal(count_of(&r, "doelgroep", "(geen)"), 2);
    assert_int_equal(count_of(&r, "doelgroep", "statushouder"), 1);
    assert_int_equal(count_of(&r, "indeling", "perspectief"), 2); /* B; D since September */
    assert_int_equal(count_of(&r, "indeling", "(onbekend)"), 1);
    assert_int_equal(count_of(&r, "gemeente", "Winterswijk"), 2);
    assert_int_equal(count_of(&r, "gemeente", "Berkelland"), 1);
    /* The order of a table: omvang, then duur by band, then the rest by name. */
    assert_string_equal(r.v[0].dim, "omvang");
    assert_string_equal(r.v[2].key, "<0,5");
    assert_string_equal(r.v[8].key, ">5");
    dim_rows_free(&r);
}

static void movement_up_and_down(void **state)
{
    (void)state;
    people();
    struct dim_rows r;
    assert_int_equal(report_movement(cl, 6, D(2025, 1, 1), D(2025, 12, 31), &r), 0);
    assert_int_equal(count_of(&r, "participatieladder", "omhoog"), 1); /* D: trede 2 to 4 */
    assert_int_equal(count_of(&r, "participatieladder", "gelijk"), 1); /* A: trede 3 */
    assert_int_equal(count_of(&r, "participatieladder", "omlaag"), 0);
    assert_int_equal(count_of(&r, "indeling", "omhoog"), 1); /* D: to perspectief */
    assert_int_equal(count_of(&r, "indeling", "omlaag"), 1); /* A: werk to meedoen */
    assert_int_equal(count_of(&r, "indeling", "gelijk"), 0); /* B had none on 1-1 */
    dim_rows_free(&r);
}

static void cost_per_instrument_doelgroep_and_work(void **state)
{
    (void)state;
    people();
    struct dim_rows r;
    assert_int_equal(report_cost(cl, 6, D(2025, 1, 1), D(2025, 12, 31), &r), 0);
    assert_int_equal(count_of(&r, "instrument", "wep"), 4);
    assert_int_equal(cost_of(&r, "instrument", "wep"), 400000);
    assert_int_equal(count_of(&r, "instrument", "cursus"), 2);
    assert_int_equal(cost_of(&r, "instrument", "cursus"), 160000);
    assert_int_equal(count_of(&r, "doelgroep", "55plus"), 1);
    assert_int_equal(cost_of(&r, "doelgroep", "55plus"), 180000);
    assert_int_equal(count_of(&r, "doelgroep", "(geen)"), 3); /* B, D, E */
    assert_int_equal(cost_of(&r, "doelgroep", "(geen)"), 280000);
    /* Left for work in 2025: A (three instruments before, 1.800 euro) and F (none). */
    assert_int_equal(count_of(&r, "werk", "per klant naar werk"), 2);
    assert_int_equal(cost_of(&r, "werk", "per klant naar werk"), 180000);
    /* Issue 15, item 4: what "per klant naar werk" shows: 1.800 euro / 2 clients = 900. */
    for (size_t i = 0; i < r.n; i++)
        if (strcmp(r.v[i].dim, "werk") == 0)
            assert_int_equal(report_per_client(&r.v[i]), 90000);
    dim_rows_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(effect_per_instrument),
        cmocka_unit_test(effect_per_doelgroep),
        cmocka_unit_test(a_period_ending_before_as_of_sees_nothing_later),
        cmocka_unit_test(each_outflow_is_credited_once),
        cmocka_unit_test(work_within_months_of_the_end_of_that_instrument),
        cmocka_unit_test(small_rows_fold_into_overig_for_the_council),
        cmocka_unit_test(labels_not_codes),
        cmocka_unit_test(waiting_times_by_nearest_rank),
        cmocka_unit_test(returns_with_and_without_nazorg),
        cmocka_unit_test(small_cells_for_the_council),
        cmocka_unit_test(caseload_development),
        cmocka_unit_test(movement_up_and_down),
        cmocka_unit_test(cost_per_instrument_doelgroep_and_work),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
