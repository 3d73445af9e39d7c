/* Signals: each kind at its boundaries (the day before the lead window, its first day,
 * the due day, the day after), acknowledged and snoozed signals, the status rules, a
 * client with no data at all, the temporary-contract case from DOMAIN.md, and a new
 * klantmanager the client was not told of (Veenendaal). */
#include "core/date.h"
#include "core/signals.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

static long D(int y, int m, int d)
{
    return date_days(y, m, d);
}

static struct signal_config cfg;

static struct case_file empty_case(enum client_status st)
{
    struct case_file cf;
    memset(&cf, 0, sizeof cf);
    cf.client =
        (struct cf_client){42, st, NO_DATE, NO_DATE, NO_DATE, NO_DATE, NULL, NULL, NULL, NULL};
    return cf;
}

/* The one signal of kind k (failing when there are several), or NULL. */
static const struct signal *one(const struct case_file *cf, long today, enum signal_kind k,
                                struct signal_list *l)
{
    signals_free(l);
    assert_int_equal(signals_compute(cf, &cfg, today, l), 0);
    const struct signal *found = NULL;
    for (size_t i = 0; i < l->n; i++) {
        if (l->v[i].kind == k) {
            assert_null(found);
            found = &l->v[i];
        }
    }
    return found;
}

/* Later before the lead window; due soon from its first day through the due day;
 * overdue after. */
static void assert_boundaries(const struct case_file *cf, enum signal_kind k, long due)
{
    struct signal_list l = {0};
    int lead = cfg.lead[k];
    const struct signal *s = one(cf, due - lead - 1, k, &l);
    assert_non_null(s);
    assert_int_equal(s->due, due);
    assert_int_equal(s->severity, SEV_LATER);
    assert_int_equal(s->client_id, 42);
    assert_true(strlen(s->reason) > 10);
    assert_int_equal(one(cf, due - lead, k, &l)->severity, SEV_DUE_SOON);
    assert_int_equal(one(cf, due, k, &l)->severity, SEV_DUE_SOON);
    assert_int_equal(one(cf, due + 1, k, &l)->severity, SEV_OVERDUE);
    signals_free(&l);
}

static void client_with_no_data_at_all_gets_contact_signals_only(void **state)
{
    (void)state;
    struct case_file cf = empty_case(CS_ACTIEF);
    struct signal_list l = {0};
    assert_int_equal(signals_compute(&cf, &cfg, D(2026, 3, 1), &l), 0);
    assert_int_equal(l.n, 2);
    const struct signal *s = one(&cf, D(2026, 3, 1), SIG_CONTACT_NORM, &l);
    assert_int_equal(s->due, D(2026, 3, 1));
    assert_non_null(strstr(s->reason, "Nog geen contact"));
    assert_non_null(one(&cf, D(2026, 3, 1), SIG_CONTACT_STALE, &l));
    signals_free(&l);
}

static void intake_is_due_three_weeks_after_application_then_the_plan(void **state)
{
    (void)state;
    struct case_file cf = empty_case(CS_AANMELDING);
    cf.client.applied_on = D(2026, 3, 1);
    assert_boundaries(&cf, SIG_INTAKE_DEADLINE, D(2026, 3, 22));
    struct signal_list l = {0};
    assert_non_null(strstr(one(&cf, D(2026, 3, 2), SIG_INTAKE_DEADLINE, &l)->reason, "22-3-2026"));
    struct cf_intake in = {1, D(2026, 3, 10), NULL};
    cf.intakes = &in;
    cf.n_intakes = 1;
    assert_null(one(&cf, D(2026, 3, 11), SIG_INTAKE_DEADLINE, &l));
    assert_boundaries(&cf, SIG_PLAN_MISSING, D(2026, 3, 10) + cfg.plan_days);
    assert_boundaries(&cf, SIG_REDIAGNOSIS, D(2026, 3, 10) + 365);
    struct cf_plan plan = {1, D(2026, 3, 20), 0};
    cf.plans = &plan;
    cf.n_plans = 1;
    assert_null(one(&cf, D(2026, 3, 21), SIG_PLAN_MISSING, &l));
    signals_free(&l);
}

static void goals_agreements_requests_and_manual_reminders(void **state)
{
    (void)state;
    struct case_file cf = empty_case(CS_ACTIEF);
    struct cf_goal goals[] = {{7, D(2026, 6, 1), 0, "Werk als postbode", {NULL}},
                              {8, D(2026, 5, 1), 1, "Gesloten doel", {NULL}}};
    struct cf_agreement ag = {3, D(2026, 4, 15), 0, "CV opsturen"};
    struct cf_request rq = {4, D(2026, 4, 1), 0, "vraag over reiskosten"};
    struct cf_manual mr = {5, D(2026, 5, 20), 0, "Bellen met werkgever"};
    cf.goals = goals;
    cf.n_goals = 2;
    cf.agreements = &ag;
    cf.n_agreements = 1;
    cf.requests = &rq;
    cf.n_requests = 1;
    cf.manual = &mr;
    cf.n_manual = 1;
    assert_boundaries(&cf, SIG_GOAL_DEADLINE, D(2026, 6, 1)); /* only the open goal */
    assert_boundaries(&cf, SIG_AGREEMENT_DUE, D(2026, 4, 15));
    assert_boundaries(&cf, SIG_REQUEST_OPEN, D(2026, 4, 1) + cfg.request_days);
    assert_boundaries(&cf, SIG_MANUAL, D(2026, 5, 20));
}

static void contact_norm_follows_the_classification(void **state)
{
    (void)state;
    struct case_file cf = empty_case(CS_ACTIEF);
    struct cf_contact c[] = {{1, D(2026, 1, 10)}, {2, D(2026, 2, 1)}};
    cf.contacts = c;
    cf.n_contacts = 2;
    cf.client.classification = "werk";
    assert_boundaries(&cf, SIG_CONTACT_NORM, D(2026, 2, 1) + 30);
    cf.client.classification = "meedoen";
    assert_boundaries(&cf, SIG_CONTACT_NORM, D(2026, 2, 1) + 120);
    cf.client.classification = "onbekend";
    assert_boundaries(&cf, SIG_CONTACT_NORM, D(2026, 2, 1) + cfg.default_norm_days);
    cf.client.contact_verified_on = D(2025, 6, 1);
    assert_boundaries(&cf, SIG_CONTACT_STALE, D(2025, 6, 1) + 365);
    cf.client.vrijstelling_until = D(2026, 7, 1);
    assert_boundaries(&cf, SIG_VRIJSTELLING_ENDING, D(2026, 7, 1));
}

static void instrument_ending_becomes_overdue_and_maximum_duration_is_flagged(void **state)
{
    (void)state;
    struct case_file cf = empty_case(CS_ACTIEF);
    struct cf_instrument in = {
        9, "Werkervaringsplaats", D(2026, 1, 5), D(2026, 9, 1), NO_DATE, 183, "", ""};
    cf.instruments = &in;
    cf.n_instruments = 1;
    struct signal_list l = {0};
    const struct signal *s = one(&cf, D(2026, 8, 17), SIG_INSTRUMENT_ENDING, &l);
    assert_int_equal(s->severity, SEV_LATER);
    assert_int_equal(one(&cf, D(2026, 8, 18), SIG_INSTRUMENT_ENDING, &l)->severity, SEV_DUE_SOON);
    assert_int_equal(one(&cf, D(2026, 9, 1), SIG_INSTRUMENT_ENDING, &l)->severity, SEV_DUE_SOON);
    assert_null(one(&cf, D(2026, 9, 2), SIG_INSTRUMENT_ENDING, &l));
    s = one(&cf, D(2026, 9, 2), SIG_INSTRUMENT_OVERDUE, &l);
    assert_int_equal(s->severity, SEV_OVERDUE);
    assert_non_null(strstr(s->reason, "niet vastgelegd"));
    /* 5 Jan + 183 days = 7 Jul: the planned end lies beyond the maximum. */
    assert_boundaries(&cf, SIG_MAX_DURATION, D(2026, 1, 5) + 183);
    in.actual_end = D(2026, 6, 30); /* ended, with a result: nothing more to say */
    assert_null(one(&cf, D(2026, 9, 2), SIG_INSTRUMENT_OVERDUE, &l));
    assert_null(one(&cf, D(2026, 9, 2), SIG_MAX_DURATION, &l));
    signals_free(&l);
}

static void follow_ups_at_3_6_and_12_months_until_recorded(void **state)
{
    (void)state;
    struct case_file cf = empty_case(CS_UITGESTROOMD);
    struct cf_outflow o = {11, D(2026, 1, 31), NO_DATE, "werk", ""};
    cf.outflows = &o;
    cf.n_outflows = 1;
    struct signal_list l = {0};
    assert_int_equal(signals_compute(&cf, &cfg, D(2026, 2, 1), &l), 0);
    signals_sort(&l);
    long want[] = {D(2026, 4, 30), D(2026, 7, 31), D(2027, 1, 31)};
    size_t k = 0;
    for (size_t i = 0; i < l.n; i++)
        if (l.v[i].kind == SIG_FOLLOWUP)
            assert_int_equal(l.v[i].due, want[k++]);
    assert_int_equal(k, 3);
    struct cf_followup done = {11, 3, D(2026, 5, 2)};
    cf.followups = &done;
    cf.n_followups = 1;
    signals_free(&l);
    assert_int_equal(signals_compute(&cf, &cfg, D(2026, 5, 3), &l), 0);
    k = 0;
    for (size_t i = 0; i < l.n; i++)
        k += l.v[i].kind == SIG_FOLLOWUP;
    assert_int_equal(k, 2);
    signals_free(&l);
    struct cf_followup later[] = {{11, 6, D(2026, 8, 1)}, {11, 12, D(2027, 2, 1)}};
    cf.followups = later;
    cf.n_followups = 2;
    cf.client.status = CS_AFGESLOTEN; /* outcomes are measured after closing too */
    assert_boundaries(&cf, SIG_FOLLOWUP, D(2026, 4, 30));
}

/* DOMAIN.md: a teacher with a temporary contract found work herself; she came back after
 * the contract ended, when nazorg had just expired. Both ends must be signalled ahead. */
static void temporary_contract_and_nazorg_are_signalled_before_they_end(void **state)
{
    (void)state;
    struct case_file cf = empty_case(CS_NAZORG);
    struct cf_outflow o = {1, D(2026, 1, 5), D(2026, 8, 1), "werk", "eigen_initiatief"};
    struct cf_nazorg n = {2, D(2026, 1, 5), D(2026, 7, 5), 1, 30};
    struct cf_contact c = {3, D(2026, 5, 20)};
    cf.outflows = &o;
    cf.n_outflows = 1;
    cf.nazorg = &n;
    cf.n_nazorg = 1;
    cf.contacts = &c;
    cf.n_contacts = 1;
    assert_boundaries(&cf, SIG_CONTRACT_END, D(2026, 8, 1));
    assert_boundaries(&cf, SIG_NAZORG_END, D(2026, 7, 5));
    struct signal_list l = {0};
    /* Monthly nazorg contact counts from the last contact after nazorg began. */
    const struct signal *s = one(&cf, D(2026, 6, 1), SIG_NAZORG_CONTACT, &l);
    assert_int_equal(s->due, D(2026, 6, 19));
    assert_int_equal(s->severity, SEV_LATER);
    assert_int_equal(one(&cf, D(2026, 6, 12), SIG_NAZORG_CONTACT, &l)->severity, SEV_DUE_SOON);
    n.consent = 0; /* the client declined nazorg: no contact is due */
    assert_null(one(&cf, D(2026, 6, 12), SIG_NAZORG_CONTACT, &l));
    n.consent = 1;
    assert_null(one(&cf, D(2026, 7, 6), SIG_NAZORG_CONTACT, &l)); /* nazorg over */
    /* No contact norm, intake or goals for a client who left benefit. */
    assert_null(one(&cf, D(2026, 6, 1), SIG_CONTACT_NORM, &l));
    signals_free(&l);
}

static void done_and_snoozed_signals_stay_away_until_their_date(void **state)
{
    (void)state;
    struct case_file cf = empty_case(CS_ACTIEF);
    struct cf_goal g = {7, D(2026, 6, 1), 0, "Taalniveau B1", {NULL}};
    cf.goals = &g;
    cf.n_goals = 1;
    struct cf_ack ack = {SIG_GOAL_DEADLINE, 7, D(2026, 6, 1), 0, D(2026, 6, 10)};
    cf.acks = &ack;
    cf.n_acks = 1;
    struct signal_list l = {0};
    assert_null(one(&cf, D(2026, 6, 9), SIG_GOAL_DEADLINE, &l));      /* snoozed */
    assert_non_null(one(&cf, D(2026, 6, 10), SIG_GOAL_DEADLINE, &l)); /* back */
    ack.done = 1;
    ack.snoozed_until = NO_DATE;
    assert_null(one(&cf, D(2026, 7, 1), SIG_GOAL_DEADLINE, &l)); /* done */
    g.deadline = D(2026, 9, 1); /* a new deadline is a new signal */
    assert_non_null(one(&cf, D(2026, 7, 1), SIG_GOAL_DEADLINE, &l));
    signals_free(&l);
}

/* With with_acked the agenda sees what was done or snoozed, marked, to undo it; without,
 * nothing changes for any other list. */
static void done_and_snoozed_signals_can_be_seen_marked(void **state)
{
    (void)state;
    struct case_file cf = empty_case(CS_ACTIEF);
    struct cf_goal g = {7, D(2026, 6, 1), 0, "Taalniveau B1", {NULL}};
    cf.goals = &g;
    cf.n_goals = 1;
    struct cf_ack ack = {SIG_GOAL_DEADLINE, 7, D(2026, 6, 1), 0, D(2026, 6, 10)};
    cf.acks = &ack;
    cf.n_acks = 1;
    struct signal_list l = {0};
    cfg.with_acked = 1;
    const struct signal *s = one(&cf, D(2026, 6, 9), SIG_GOAL_DEADLINE, &l);
    assert_non_null(s);
    assert_int_equal(s->acked, ACK_SNOOZED);
    assert_int_equal(s->snoozed_until, D(2026, 6, 10));
    s = one(&cf, D(2026, 6, 10), SIG_GOAL_DEADLINE, &l); /* the snooze is over: open */
    assert_int_equal(s->acked, ACK_NONE);
    ack.done = 1;
    ack.snoozed_until = NO_DATE;
    s = one(&cf, D(2026, 7, 1), SIG_GOAL_DEADLINE, &l);
    assert_int_equal(s->acked, ACK_DONE);
    assert_int_equal(s->snoozed_until, NO_DATE);
    cfg.with_acked = 0;
    assert_null(one(&cf, D(2026, 7, 1), SIG_GOAL_DEADLINE, &l));
    signals_free(&l);
}

static void a_closed_case_keeps_only_follow_ups_and_reminders(void **state)
{
    (void)state;
    struct case_file cf = empty_case(CS_AFGESLOTEN);
    struct cf_goal g = {7, D(2026, 6, 1), 0, "Oud doel", {NULL}};
    struct cf_instrument in = {9, "Cursus", D(2026, 1, 1), D(2026, 3, 1), NO_DATE, 0, "", ""};
    struct cf_manual m = {5, D(2026, 5, 1), 0, "Dossier archiveren"};
    cf.goals = &g;
    cf.n_goals = 1;
    cf.instruments = &in;
    cf.n_instruments = 1;
    cf.manual = &m;
    cf.n_manual = 1;
    struct signal_list l = {0};
    assert_int_equal(signals_compute(&cf, &cfg, D(2026, 4, 1), &l), 0);
    assert_int_equal(l.n, 1);
    assert_int_equal(l.v[0].kind, SIG_MANUAL);
    signals_free(&l);
}

static void signals_sort_by_due_date(void **state)
{
    (void)state;
    struct case_file cf = empty_case(CS_ACTIEF);
    struct cf_manual m[] = {
        {1, D(2026, 5, 1), 0, "c"}, {2, D(2026, 3, 1), 0, "a"}, {3, D(2026, 4, 1), 0, "b"}};
    cf.manual = m;
    cf.n_manual = 3;
    cf.client.contact_verified_on = D(2026, 1, 1);
    struct signal_list l = {0};
    assert_int_equal(signals_compute(&cf, &cfg, D(2026, 2, 1), &l), 0);
    signals_sort(&l);
    for (size_t i = 1; i < l.n; i++)
        assert_true(l.v[i - 1].due <= l.v[i].due);
    assert_string_equal(signal_kind_label(SIG_CONTRACT_END), "Einde contract");
    for (int k = 0; k < SIG_COUNT; k++) /* every kind has a code that parses back */
        assert_int_equal(signal_kind_parse(signal_kind_code(k)), k);
    assert_int_equal(signal_kind_parse("onzin"), -1);
    signals_free(&l);
}

/* The Veenendaal finding: clients did not know their klantmanager had changed. Handed over
 * on 2-3-2026: due 14 days later, 16-3, and due soon from the handover itself (lead 14);
 * overdue from 17-3. Recording the date ends it; marking it done does not. */
static void a_handover_the_client_was_not_told_of_signals_until_the_date_is_recorded(void **state)
{
    (void)state;
    struct case_file cf = empty_case(CS_ACTIEF);
    cf.client.contact_verified_on = D(2026, 2, 1);
    cf.km = (struct cf_km){77, D(2026, 3, 2), 1, NO_DATE};
    assert_int_equal(signals_uninformed(&cf), 1);
    struct signal_list l = {0};
    const struct signal *s = one(&cf, D(2026, 3, 2), SIG_UNINFORMED, &l);
    assert_non_null(s);
    assert_int_equal(s->due, D(2026, 3, 16));
    assert_int_equal(s->ref, 77);
    assert_int_equal(s->severity, SEV_DUE_SOON);
    assert_string_equal(s->reason, "Nieuwe klantmanager sinds 2-3-2026; klant nog niet "
                                   "ingelicht");
    assert_int_equal(one(&cf, D(2026, 3, 16), SIG_UNINFORMED, &l)->severity, SEV_DUE_SOON);
    assert_int_equal(one(&cf, D(2026, 3, 17), SIG_UNINFORMED, &l)->severity, SEV_OVERDUE);
    /* Marked done without a date: still there. Snoozed: away until then, as any signal. */
    struct cf_ack ack = {SIG_UNINFORMED, 77, D(2026, 3, 16), 1, NO_DATE};
    cf.acks = &ack;
    cf.n_acks = 1;
    assert_non_null(one(&cf, D(2026, 3, 20), SIG_UNINFORMED, &l));
    ack = (struct cf_ack){SIG_UNINFORMED, 77, D(2026, 3, 16), 0, D(2026, 3, 25)};
    assert_null(one(&cf, D(2026, 3, 20), SIG_UNINFORMED, &l));
    assert_non_null(one(&cf, D(2026, 3, 25), SIG_UNINFORMED, &l));
    cf.n_acks = 0;
    /* The date recorded (even the day before the handover): gone. */
    cf.km.informed_on = D(2026, 3, 1);
    assert_int_equal(signals_uninformed(&cf), 0);
    assert_null(one(&cf, D(2026, 3, 20), SIG_UNINFORMED, &l));
    /* A first klantmanager is no handover; a closed case asks nothing; no assignment loaded
     * (all zero) is nothing either. */
    cf.km = (struct cf_km){77, D(2026, 3, 2), 0, NO_DATE};
    assert_null(one(&cf, D(2026, 3, 20), SIG_UNINFORMED, &l));
    cf.km.handed_over = 1;
    cf.client.status = CS_AFGESLOTEN;
    assert_int_equal(signals_uninformed(&cf), 0);
    cf.client.status = CS_ACTIEF;
    memset(&cf.km, 0, sizeof cf.km);
    assert_null(one(&cf, D(2026, 3, 20), SIG_UNINFORMED, &l));
    assert_string_equal(signal_kind_code(SIG_UNINFORMED), "klant_inlichten");
    signals_free(&l);
}

int main(void)
{
    signals_default_config(&cfg);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(client_with_no_data_at_all_gets_contact_signals_only),
        cmocka_unit_test(intake_is_due_three_weeks_after_application_then_the_plan),
        cmocka_unit_test(goals_agreements_requests_and_manual_reminders),
        cmocka_unit_test(contact_norm_follows_the_classification),
        cmocka_unit_test(instrument_ending_becomes_overdue_and_maximum_duration_is_flagged),
        cmocka_unit_test(follow_ups_at_3_6_and_12_months_until_recorded),
        cmocka_unit_test(temporary_contract_and_nazorg_are_signalled_before_they_end),
        cmocka_unit_test(done_and_snoozed_signals_stay_away_until_their_date),
        cmocka_unit_test(done_and_snoozed_signals_can_be_seen_marked),
        cmocka_unit_test(a_closed_case_keeps_only_follow_ups_and_reminders),
        cmocka_unit_test(signals_sort_by_due_date),
        cmocka_unit_test(a_handover_the_client_was_not_told_of_signals_until_the_date_is_recorded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
