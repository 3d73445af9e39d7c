/* Caseload pressure with figures worked out by hand. One model of a norm (issue 15): a
 * norm counts clients of one kind per full-time klantmanager (36 hours); a caseload's
 * load is the sum over kinds of clients / norm (metrics.c gives it as m.load), scaled by
 * the klantmanager's hours; nothing is weighted on top. Team subtotals and the total;
 * clients without a klantmanager left out of the capacity and of the what-if spread; the
 * what-if projection; the bar. */
#include "core/pressure.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static const char *team_of(const char *who, void *ctx)
{
    (void)ctx;
    return strcmp(who, "cor") == 0 || strcmp(who, "dirk") == 0 ? "Meedoen" : "Werk";
}

static double hours_of(const char *who, void *ctx)
{
    (void)ctx;
    return strcmp(who, "eva") == 0 ? 28.8 : 36; /* eva: 0.8 FTE */
}

static const struct pressure_people people = {team_of, hours_of, NULL};

/* load: clients of each kind over that kind's norm (Werk 85, Meedoen 200). */
static const struct caseworker_metrics rows[] = {
    {"", 5, 5.0 / 85, 0, 0, 0, 0, 0, 0, 0},                      /* not assigned */
    {"anna", 60, 60.0 / 85, 3, 4, 2, 5, 1, 0, 0},                /* 60 Werk */
    {"ben", 102, 102.0 / 85, 1, 0, 1, 0, 0, 2, 0},               /* 102 Werk */
    {"cor", 230, 230.0 / 200, 0, 2, 0, 7, 3, 1, 0},              /* 230 Meedoen */
    {"dirk", 140, 40.0 / 85 + 100.0 / 200, 0, 0, 0, 0, 0, 0, 0}, /* 40 Werk + 100 Meedoen */
    {"eva", 68, 68.0 / 85, 0, 0, 0, 0, 0, 0, 0},                 /* 68 Werk at 0.8 FTE */
};

static const struct kind_norm norms_v[] = {{"meedoen", 200}, {"jongeren", 70}, {"werk", 85}};
static const struct pressure_norms norms = {norms_v, 3, 85};

static const struct pressure_row *row_of(const struct pressure_row *r, size_t n, const char *who)
{
    for (size_t i = 0; i < n; i++)
        if (r[i].caseworker && strcmp(r[i].caseworker, who) == 0)
            return &r[i];
    fail_msg("no row %s", who);
    return NULL;
}

static void each_load_is_clients_over_the_norm_of_their_kind(void **state)
{
    (void)state;
    struct pressure_row *r;
    size_t n;
    assert_int_equal(pressure_rows(rows, 6, &people, &norms, 0, &r, &n), 0);
    /* 230 Meedoen at 200: 230/200 = 115 %, over. Not 230 x 0.45 / 200 = 52 %. */
    const struct pressure_row *cor = row_of(r, n, "cor");
    assert_int_equal(cor->load_pct, 115);
    assert_true(cor->over);
    assert_int_equal(cor->norm, 200);
    /* 102 Werk at 85: 102/85 = 120 %, over. */
    const struct pressure_row *ben = row_of(r, n, "ben");
    assert_int_equal(ben->load_pct, 120);
    assert_true(ben->over);
    assert_int_equal(ben->norm, 85);
    /* 60 Werk at 85: 70.6 %, not over. */
    const struct pressure_row *anna = row_of(r, n, "anna");
    assert_int_equal(anna->load_pct, 71);
    assert_false(anna->over);
    /* 40 Werk + 100 Meedoen: 40/85 + 100/200 = 0.4706 + 0.5 = 97 %; the norm of that mix
     * is 140 / 0.9706 = 144 clients. */
    const struct pressure_row *dirk = row_of(r, n, "dirk");
    assert_int_equal(dirk->load_pct, 97);
    assert_false(dirk->over);
    assert_int_equal(dirk->norm, 144);
    /* 0.8 FTE (28.8 of 36 hours): the Werk norm is 85 x 0.8 = 68, and 68 clients are
     * 100 %, not over. */
    const struct pressure_row *eva = row_of(r, n, "eva");
    assert_int_equal(eva->norm, 68);
    assert_int_equal(eva->load_pct, 100);
    assert_false(eva->over);
    free(r);
}

static void team_subtotals_and_the_total(void **state)
{
    (void)state;
    struct pressure_row *r;
    size_t n;
    assert_int_equal(pressure_rows(rows, 6, &people, &norms, 0, &r, &n), 0);
    /* "" (not assigned); Meedoen: cor, dirk, subtotal; Werk: anna, ben, eva, subtotal; the
     * total. */
    assert_int_equal(n, 9);
    assert_string_equal(r[0].caseworker, "");
    assert_int_equal(r[0].norm, 0);
    assert_string_equal(r[1].caseworker, "cor");
    assert_string_equal(r[2].caseworker, "dirk");
    assert_null(r[3].caseworker);
    assert_string_equal(r[3].team, "Meedoen");
    /* Meedoen: 1.15 + 0.9706 = 2.1206 full-time caseloads on 2 FTE: 106 %. */
    assert_int_equal(r[3].m.clients, 370);
    assert_int_equal(r[3].load_pct, 106);
    assert_true(r[3].over);
    /* Werk: (60 + 102 + 68) / 85 = 2.7059 on 1 + 1 + 0.8 = 2.8 FTE: 96.6 %; its norm is
     * 230 x 2.8 / 2.7059 = 238 clients. */
    assert_null(r[7].caseworker);
    assert_string_equal(r[7].team, "Werk");
    assert_int_equal(r[7].m.clients, 230);
    assert_int_equal(r[7].load_pct, 97);
    assert_int_equal(r[7].norm, 238);
    assert_int_equal(r[7].m.signals_overdue, 4);
    /* The total: the clients nobody has count as load (5/85 = 0.0588), not as capacity:
     * (2.1206 + 2.7059 + 0.0588) / 4.8 FTE = 101.8 %. */
    assert_null(r[8].caseworker);
    assert_null(r[8].team);
    assert_int_equal(r[8].m.clients, 605);
    assert_int_equal(r[8].load_pct, 102);
    assert_int_equal(r[8].m.nazorg_running, 4);
    assert_int_equal(r[8].m.handovers, 3);
    assert_int_equal(r[8].projected_pct, r[8].load_pct);
    free(r);
}

static void the_norm_of_a_client_is_that_of_their_kind(void **state)
{
    (void)state;
    assert_int_equal(pressure_norm(&norms, "meedoen", "Werk"), 200);
    assert_int_equal(pressure_norm(&norms, "werk", "Meedoen"), 85); /* the kind, not the team */
    assert_int_equal(pressure_norm(&norms, "", "Jongeren"), 70);    /* a youth unit's norm */
    assert_int_equal(pressure_norm(&norms, "perspectief", "Jongeren"), 70); /* no norm of its own */
    assert_int_equal(pressure_norm(&norms, "trede3", ""), 85);
}

static void what_if_spreads_new_clients_by_the_current_mix(void **state)
{
    (void)state;
    struct pressure_row *r;
    size_t n;
    /* anna and ben only: 162 clients making 162/85 = 1.9059 caseloads, on average 1/85.
     * 81 new clients: anna gets 81 x 60/162 = 30 of them, 30/85 = 0.3529 more: 90/85 =
     * 106 %; ben 51 more: 153/85 = 180 %. */
    assert_int_equal(pressure_rows(rows + 1, 2, &people, &norms, 81, &r, &n), 0);
    assert_int_equal(n, 3);
    assert_int_equal(r[0].load_pct, 71);
    assert_int_equal(r[0].projected_pct, 106);
    assert_int_equal(r[1].projected_pct, 180);
    assert_null(r[2].caseworker);
    assert_null(r[2].team); /* one team: no subtotal, it would repeat the total */
    assert_int_equal(r[2].projected_pct, 143); /* 243/85 on 2 FTE */
    free(r);
}

/* Issue 16: a team of one had no row of its own, so nothing on screen named her team.
 * cor (Meedoen) and anna (Werk): each followed by her team's row, then the total. */
static void a_team_of_one_has_its_own_row(void **state)
{
    (void)state;
    struct pressure_row *r;
    size_t n;
    const struct caseworker_metrics two[] = {rows[1], rows[3]}; /* anna, cor */
    assert_int_equal(pressure_rows(two, 2, &people, &norms, 0, &r, &n), 0);
    assert_int_equal(n, 5);
    assert_string_equal(r[0].caseworker, "cor");
    assert_null(r[1].caseworker);
    assert_string_equal(r[1].team, "Meedoen");
    assert_int_equal(r[1].m.clients, 230);
    assert_int_equal(r[1].load_pct, 115);
    assert_string_equal(r[2].caseworker, "anna");
    assert_null(r[3].caseworker);
    assert_string_equal(r[3].team, "Werk");
    assert_int_equal(r[3].m.clients, 60);
    assert_null(r[4].caseworker);
    assert_null(r[4].team);
    assert_int_equal(r[4].m.clients, 290);
    free(r);
}

/* Clients without a klantmanager are no klantmanager: 2 of them come out of the rows (not
 * a sixth klantmanager "(geen)"), the others keep their order, the total row is apart. */
static void clients_without_a_klantmanager_are_counted_apart(void **state)
{
    (void)state;
    struct caseworker_metrics cw[] = {{.caseworker = "km.a", .clients = 80},
                                      {.caseworker = "", .clients = 2},
                                      {.caseworker = "km.b", .clients = 70},
                                      {.caseworker = NULL, .clients = 152}};
    int unassigned = -1;
    assert_int_equal(pressure_take_unassigned(cw, 3, &unassigned), 2);
    assert_int_equal(unassigned, 2);
    assert_string_equal(cw[0].caseworker, "km.a");
    assert_string_equal(cw[1].caseworker, "km.b");
    assert_null(cw[3].caseworker); /* the total is not touched */
    struct pressure_row *r;
    size_t n;
    assert_int_equal(pressure_rows(cw, 2, NULL, NULL, 0, &r, &n), 0);
    assert_int_equal(n, 3); /* two klantmanagers and the total */
    assert_int_equal(r[n - 1].m.clients, 150);
    free(r);
    assert_int_equal(pressure_take_unassigned(cw, 2, &unassigned), 2);
    assert_int_equal(unassigned, 0);
}

static void the_bar_in_eighths(void **state)
{
    (void)state;
    char b[128];
    pressure_bar(50, 10, b, sizeof b);
    assert_string_equal(b, "█████     ");
    pressure_bar(55, 10, b, sizeof b);
    assert_string_equal(b, "█████▌    ");
    pressure_bar(0, 4, b, sizeof b);
    assert_string_equal(b, "    ");
    pressure_bar(130, 10, b, sizeof b);
    assert_string_equal(b, "█████████>");
    pressure_bar(100, 10, b, sizeof b);
    assert_string_equal(b, "██████████");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(each_load_is_clients_over_the_norm_of_their_kind),
        cmocka_unit_test(team_subtotals_and_the_total),
        cmocka_unit_test(the_norm_of_a_client_is_that_of_their_kind),
        cmocka_unit_test(what_if_spreads_new_clients_by_the_current_mix),
        cmocka_unit_test(a_team_of_one_has_its_own_row),
        cmocka_unit_test(the_bar_in_eighths),
        cmocka_unit_test(clients_without_a_klantmanager_are_counted_apart),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
