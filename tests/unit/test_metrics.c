/* Metrics on a small fixture with hand-computed figures, including the pitfall from the
 * audits: activities are not clients, and an outflow is counted once. Today: 1-3-2026. */
#include "core/date.h"
#include "core/metrics.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* Two loads equal but for the rounding of floating point. */
#define assert_near(a, b) assert_true((a) - (b) < 1e-9 && (b) - (a) < 1e-9)

static long D(int y, int m, int d)
{
    return date_days(y, m, d);
}

static struct case_file base(long id, enum client_status st)
{
    struct case_file cf;
    memset(&cf, 0, sizeof cf);
    cf.client = (struct cf_client){id,      st,   D(2026, 1, 1), D(2026, 1, 1), D(2026, 2, 1),
                                   NO_DATE, NULL, NULL,          NULL,          NULL};
    return cf;
}

static void caseload_figures_per_caseworker_and_team(void **state)
{
    (void)state;
    struct signal_config cfg;
    signals_default_config(&cfg);
    const struct cf_intake intake = {1, D(2026, 1, 10), NULL};
    const struct cf_plan plan = {1, D(2026, 1, 20), 0};
    /* A (anna, werk): last contact 15-1, norm 30 days: overdue since 14-2. */
    struct case_file a = base(1, CS_ACTIEF);
    struct cf_contact ca = {1, D(2026, 1, 15)};
    a.intakes = &intake;
    a.n_intakes = 1;
    a.plans = &plan;
    a.n_plans = 1;
    a.contacts = &ca;
    a.n_contacts = 1;
    a.client.classification = "werk";
    /* B (anna, meedoen): contact within the norm; a goal due 5-3: due soon. */
    struct case_file b = base(2, CS_ACTIEF);
    struct cf_contact cb = {2, D(2026, 2, 20)};
    struct cf_goal gb = {3, D(2026, 3, 5), 0, "Vrijwilligerswerk vinden", {NULL}};
    b.intakes = &intake;
    b.n_intakes = 1;
    b.plans = &plan;
    b.n_plans = 1;
    b.contacts = &cb;
    b.n_contacts = 1;
    b.goals = &gb;
    b.n_goals = 1;
    b.client.classification = "meedoen";
    /* C (bram, perspectief): left for work in January, nazorg running, three instruments
     * behind it, all ended: nothing due yet. */
    struct case_file c = base(3, CS_NAZORG);
    struct cf_outflow oc = {4, D(2026, 1, 15), NO_DATE, "werk", "jobcoach"};
    struct cf_nazorg nc = {5, D(2026, 1, 15), D(2026, 7, 15), 1, 30};
    struct cf_contact cc = {6, D(2026, 2, 10)};
    struct cf_instrument ic[3] = {
        {7, "Sollicitatietraining", D(2025, 9, 1), D(2025, 10, 1), D(2025, 10, 1), 0, "", ""},
        {8, "Jobcoaching", D(2025, 10, 1), D(2026, 1, 15), D(2026, 1, 15), 0, "", ""},
        {9, "Cursus", D(2025, 11, 1), D(2025, 12, 1), D(2025, 12, 1), 0, "", ""}};
    c.outflows = &oc;
    c.n_outflows = 1;
    c.nazorg = &nc;
    c.n_nazorg = 1;
    c.contacts = &cc;
    c.n_contacts = 1;
    c.instruments = ic;
    c.n_instruments = 3;
    c.client.classification = "perspectief";
    /* C changed klantmanager in December, and once long ago (not counted). */
    struct cf_handover hc[2] = {{D(2024, 6, 1)}, {D(2025, 12, 1)}};
    c.handovers = hc;
    c.n_handovers = 2;
    /* Each client against the norm of their kind: Werk 85, Meedoen 200, Perspectief 0
     * (the default, 85). */
    struct metrics_client mc[] = {
        {&a, "anna", "werk", 85}, {&b, "anna", "meedoen", 200}, {&c, "bram", "perspectief", 0}};
    struct caseworker_metrics *rows;
    size_t n;
    assert_int_equal(metrics_caseload(mc, 3, &cfg, D(2026, 3, 1), &rows, &n), 0);
    assert_int_equal(n, 3);
    assert_string_equal(rows[0].caseworker, "anna");
    assert_int_equal(rows[0].clients, 2);
    assert_near(rows[0].load, 1.0 / 85 + 1.0 / 200);
    assert_int_equal(rows[0].signals_overdue, 1);
    assert_int_equal(rows[0].signals_due_soon, 1);
    assert_int_equal(rows[0].clients_with_overdue, 1);
    assert_int_equal(rows[0].contact_beyond_norm, 1);
    assert_int_equal(rows[0].nazorg_running, 0);
    assert_string_equal(rows[1].caseworker, "bram");
    assert_int_equal(rows[1].clients, 1);
    assert_near(rows[1].load, 1.0 / 85);
    assert_int_equal(rows[1].signals_overdue, 0);
    assert_int_equal(rows[1].signals_due_soon, 0);
    assert_int_equal(rows[1].nazorg_running, 1);
    assert_int_equal(rows[1].handovers, 1);
    assert_null(rows[2].caseworker); /* team total */
    assert_int_equal(rows[2].clients, 3);
    assert_near(rows[2].load, 2.0 / 85 + 1.0 / 200);
    assert_int_equal(rows[2].signals_overdue, 1);
    assert_int_equal(rows[2].nazorg_running, 1);
    free(rows);
}

/* The teamleider's count of handovers the client was not told of: per klantmanager (the
 * new one) and in the total. Of dirk's three clients one came to him on 1-2-2026 without
 * the date recorded, one with it (3-2), one was his from the start: 1. */
static void handovers_the_client_was_not_told_of_are_counted_per_klantmanager(void **state)
{
    (void)state;
    struct signal_config cfg;
    signals_default_config(&cfg);
    struct case_file a = base(1, CS_ACTIEF), b = base(2, CS_ACTIEF), c = base(3, CS_ACTIEF);
    a.km = (struct cf_km){11, D(2026, 2, 1), 1, NO_DATE};
    b.km = (struct cf_km){12, D(2026, 2, 1), 1, D(2026, 2, 3)};
    c.km = (struct cf_km){13, D(2025, 2, 1), 0, NO_DATE};
    struct metrics_client mc[] = {
        {&a, "dirk", "werk", 85}, {&b, "dirk", "werk", 85}, {&c, "dirk", "werk", 85}};
    struct caseworker_metrics *rows;
    size_t n;
    assert_int_equal(metrics_caseload(mc, 3, &cfg, D(2026, 3, 1), &rows, &n), 0);
    assert_int_equal(n, 2);
    assert_int_equal(rows[0].uninformed, 1);
    assert_int_equal(rows[1].uninformed, 1); /* the total */
    free(rows);
}

/* Issue 15: a Meedoen client was weighted at 0.45 and then held against the Meedoen norm
 * of 200 as well. One model: 40 Werk clients (norm 85) and 100 Meedoen clients (norm 200)
 * are 40/85 + 100/200 = 0.4706 + 0.5 = 0.9706 of a full-time caseload, with no weight on
 * top; 230 Meedoen clients are 230/200 = 1.15. */
/* A municipality: 900 clients over 300 klantmanagers, each name a fresh string (as the
 * caseload's arena gives them): 300 rows of 3 clients, by name, and the total. */
static void hundreds_of_caseworkers_each_get_one_row(void **state)
{
    (void)state;
    struct signal_config cfg;
    signals_default_config(&cfg);
    struct case_file cf = base(1, CS_ACTIEF);
    static struct metrics_client mc[900];
    static char names[900][16];
    for (int i = 0; i < 900; i++) {
        snprintf(names[i], sizeof names[i], "km.%03d", (i * 7) % 300);
        mc[i] = (struct metrics_client){&cf, names[i], "werk", 85};
    }
    struct caseworker_metrics *rows;
    size_t n;
    assert_int_equal(metrics_caseload(mc, 900, &cfg, D(2026, 3, 1), &rows, &n), 0);
    assert_int_equal(n, 301);
    for (size_t i = 0; i < 300; i++) {
        char want[16];
        snprintf(want, sizeof want, "km.%03zu", i);
        assert_string_equal(rows[i].caseworker, want);
        assert_int_equal(rows[i].clients, 3);
    }
    assert_null(rows[300].caseworker);
    assert_int_equal(rows[300].clients, 900);
    free(rows);
}

static void a_mixed_caseload_is_the_sum_over_kinds_of_clients_over_norm(void **state)
{
    (void)state;
    struct signal_config cfg;
    signals_default_config(&cfg);
    struct case_file cf = base(1, CS_ACTIEF);
    static struct metrics_client mc[370];
    for (int i = 0; i < 370; i++)
        mc[i] = (struct metrics_client){&cf, i < 140 ? "anna" : "cor", i < 40 ? "werk" : "meedoen",
                                        i < 40 ? 85 : 200};
    struct caseworker_metrics *rows;
    size_t n;
    assert_int_equal(metrics_caseload(mc, 370, &cfg, D(2026, 3, 1), &rows, &n), 0);
    assert_int_equal(n, 3);
    assert_int_equal(rows[0].clients, 140);
    assert_int_equal((int)(100 * rows[0].load + 0.5), 97);
    assert_near(rows[0].load, 40.0 / 85 + 100.0 / 200);
    assert_int_equal(rows[1].clients, 230);
    assert_near(rows[1].load, 1.15);
    free(rows);
}

static void outflow_counts_clients_once_whatever_the_activities(void **state)
{
    (void)state;
    /* C: one outflow after three instruments (one client, not three successes). */
    struct case_file c = base(3, CS_NAZORG);
    struct cf_outflow oc = {4, D(2026, 1, 15), NO_DATE, "werk", "jobcoach"};
    struct cf_instrument ic[3] = {
        {7, "a", D(2025, 9, 1), D(2025, 10, 1), D(2025, 10, 1), 0, "", ""},
        {8, "b", D(2025, 10, 1), D(2026, 1, 15), D(2026, 1, 15), 0, "", ""},
        {9, "c", D(2025, 11, 1), D(2025, 12, 1), D(2025, 12, 1), 0, "", ""}};
    c.outflows = &oc;
    c.n_outflows = 1;
    c.instruments = ic;
    c.n_instruments = 3;
    /* D: left, came back, left again in the period: counted once, by the first route. */
    struct case_file d = base(5, CS_UITGESTROOMD);
    struct cf_outflow od[2] = {{10, D(2026, 2, 20), NO_DATE, "werk", "netwerk"},
                               {11, D(2026, 1, 10), NO_DATE, "werk", "uitzendbureau"}};
    d.outflows = od;
    d.n_outflows = 2;
    /* E: the day before the period. F: the last day of it, moved away. */
    struct case_file e = base(6, CS_UITGESTROOMD);
    struct cf_outflow oe = {12, D(2025, 12, 31), NO_DATE, "werk", "jobcoach"};
    e.outflows = &oe;
    e.n_outflows = 1;
    struct case_file f = base(7, CS_AFGESLOTEN);
    struct cf_outflow of = {13, D(2026, 3, 31), NO_DATE, "verhuizing", ""};
    f.outflows = &of;
    f.n_outflows = 1;
    struct case_file none = base(8, CS_ACTIEF);
    struct metrics_client mc[] = {{&c, "bram", "", 0},
                                  {&d, "", "", 0},
                                  {&e, "anna", "", 0},
                                  {&f, "anna", "", 0},
                                  {&none, "anna", "", 0}};
    struct outflow_metrics m;
    metrics_outflow(mc, 5, D(2026, 1, 1), D(2026, 3, 31), &m);
    assert_int_equal(m.clients, 3);
    assert_int_equal(m.to_work, 2);
    int work = 0, move = 0, jobcoach = 0, agency = 0, network = 0;
    for (size_t i = 0; i < m.n_reason; i++) {
        work += strcmp(m.by_reason[i].key, "werk") == 0 ? m.by_reason[i].clients : 0;
        move += strcmp(m.by_reason[i].key, "verhuizing") == 0 ? m.by_reason[i].clients : 0;
    }
    for (size_t i = 0; i < m.n_route; i++) {
        jobcoach += strcmp(m.by_route[i].key, "jobcoach") == 0 ? m.by_route[i].clients : 0;
        agency += strcmp(m.by_route[i].key, "uitzendbureau") == 0 ? m.by_route[i].clients : 0;
        network += strcmp(m.by_route[i].key, "netwerk") == 0 ? m.by_route[i].clients : 0;
    }
    assert_int_equal(work, 2);
    assert_int_equal(move, 1);
    assert_int_equal(jobcoach, 1); /* C only; E lies before the period */
    assert_int_equal(agency, 1);   /* D's first outflow */
    assert_int_equal(network, 0);  /* D's second is not a second client */
}

/* After a save in one client's file the pressure screen patches the figures (metrics_patch)
 * instead of reading every client again: take out what the client counted for, put in what
 * it counts for now. It must give what a full recount gives, also when the client moves to
 * another klantmanager or to nobody; a klantmanager without a row asks for a full read. */
static void patching_one_client_equals_counting_everything_again(void **state)
{
    (void)state;
    struct signal_config cfg;
    signals_default_config(&cfg);
    long today = D(2026, 3, 1);
    struct case_file a = base(1, CS_ACTIEF), b = base(2, CS_ACTIEF), c = base(3, CS_NAZORG);
    struct cf_contact old_contact = {1, D(2026, 1, 2)}, new_contact = {2, D(2026, 2, 28)};
    a.contacts = &old_contact; /* beyond the contact norm: overdue */
    a.n_contacts = 1;
    struct cf_nazorg nc = {5, D(2026, 1, 15), D(2026, 7, 15), 1, 30};
    c.nazorg = &nc;
    c.n_nazorg = 1;
    struct metrics_client before[] = {
        {&a, "anna", "werk", 85}, {&b, "anna", "meedoen", 200}, {&c, "bram", "werk", 85}};
    struct caseworker_metrics *rows, *old, *now, *want;
    size_t n, nold, nnow, nwant;
    assert_int_equal(metrics_caseload(before, 3, &cfg, today, &rows, &n), 0);
    int unassigned = 0;
    /* a: a contact today, and handed from anna to bram. */
    assert_int_equal(metrics_caseload(before, 1, &cfg, today, &old, &nold), 0);
    struct case_file a2 = a;
    a2.contacts = &new_contact;
    struct metrics_client after[] = {
        {&a2, "bram", "werk", 85}, {&b, "anna", "meedoen", 200}, {&c, "bram", "werk", 85}};
    assert_int_equal(metrics_caseload(after, 1, &cfg, today, &now, &nnow), 0);
    assert_int_equal(metrics_patch(rows, n - 1, &unassigned, old, nold, now, nnow), 0);
    assert_int_equal(metrics_caseload(after, 3, &cfg, today, &want, &nwant), 0);
    assert_int_equal(nwant, n);
    for (size_t i = 0; i + 1 < n; i++) {
        assert_string_equal(rows[i].caseworker, want[i].caseworker);
        assert_int_equal(rows[i].clients, want[i].clients);
        assert_near(rows[i].load, want[i].load);
        assert_int_equal(rows[i].signals_overdue, want[i].signals_overdue);
        assert_int_equal(rows[i].signals_due_soon, want[i].signals_due_soon);
        assert_int_equal(rows[i].clients_with_overdue, want[i].clients_with_overdue);
        assert_int_equal(rows[i].contact_beyond_norm, want[i].contact_beyond_norm);
        assert_int_equal(rows[i].nazorg_running, want[i].nazorg_running);
    }
    assert_int_equal(rows[0].clients, 1); /* anna kept b */
    assert_int_equal(rows[1].clients, 2);
    free(old);
    free(want);
    /* Then to nobody: counted apart. */
    old = now;
    nold = nnow;
    struct metrics_client nobody[] = {{&a2, "", "werk", 85}};
    assert_int_equal(metrics_caseload(nobody, 1, &cfg, today, &now, &nnow), 0);
    assert_int_equal(metrics_patch(rows, n - 1, &unassigned, old, nold, now, nnow), 0);
    assert_int_equal(unassigned, 1);
    assert_int_equal(rows[1].clients, 1);
    free(old);
    free(now);
    /* To a klantmanager the figures have no row for: refused, nothing changed. */
    struct metrics_client stranger[] = {{&a2, "cem", "werk", 85}};
    assert_int_equal(metrics_caseload(nobody, 1, &cfg, today, &old, &nold), 0);
    assert_int_equal(metrics_caseload(stranger, 1, &cfg, today, &now, &nnow), 0);
    assert_int_equal(metrics_patch(rows, n - 1, &unassigned, old, nold, now, nnow), -1);
    assert_int_equal(unassigned, 1);
    assert_int_equal(rows[0].clients + rows[1].clients, 2);
    free(old);
    free(now);
    free(rows);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(caseload_figures_per_caseworker_and_team),
        cmocka_unit_test(a_mixed_caseload_is_the_sum_over_kinds_of_clients_over_norm),
        cmocka_unit_test(hundreds_of_caseworkers_each_get_one_row),
        cmocka_unit_test(outflow_counts_clients_once_whatever_the_activities),
        cmocka_unit_test(handovers_the_client_was_not_told_of_are_counted_per_klantmanager),
        cmocka_unit_test(patching_one_client_equals_counting_everything_again),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
