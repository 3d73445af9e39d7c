/* Caseload pressure with figures worked out by hand: loads against the norm of each
 * kind of caseload, team subtotals and the total, clients without a klantmanager left out
 * of the norm and of the what-if spread, the what-if projection, and the bar. */
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
    return strcmp(who, "cor") == 0 ? "Meedoen" : "Werk";
}

static const struct caseworker_metrics rows[] = {
    {"", 5, 500, 0, 0, 0, 0, 0, 0},          /* not assigned */
    {"anna", 80, 8000, 3, 4, 2, 5, 1, 0},
    {"ben", 100, 9000, 1, 0, 1, 0, 0, 2},
    {"cor", 190, 8550, 0, 2, 0, 7, 3, 1},  /* Meedoen: 190 clients weighing 45 % */
};

static const struct team_norm norms_v[] = {{"meedoen", 200}};
static const struct pressure_norms norms = {norms_v, 1, 85};

static void loads_against_the_norm_of_each_kind(void **state)
{
    (void)state;
    struct pressure_row *r;
    size_t n;
    assert_int_equal(pressure_rows(rows, 4, team_of, NULL, &norms, 0, &r, &n), 0);
    /* "" (not assigned); Meedoen: cor; Werk: anna, ben and their subtotal; the total. A
     * team of one has no subtotal: it would repeat its one row. */
    assert_int_equal(n, 6);
    assert_string_equal(r[0].caseworker, "");
    assert_int_equal(r[0].norm, 0);
    assert_string_equal(r[1].caseworker, "cor");
    assert_int_equal(r[1].norm, 200);
    assert_int_equal(r[1].load_pct, 43);      /* 85.50 / 200 */
    assert_string_equal(r[2].caseworker, "anna");
    assert_int_equal(r[2].load_pct, 94);      /* 80 / 85 */
    assert_string_equal(r[3].caseworker, "ben");
    assert_int_equal(r[3].load_pct, 106);     /* 90 / 85 */
    assert_null(r[4].caseworker);
    assert_string_equal(r[4].team, "Werk");
    assert_int_equal(r[4].m.clients, 180);
    assert_int_equal(r[4].norm, 170);
    assert_int_equal(r[4].load_pct, 100);     /* 170 / 170 */
    assert_int_equal(r[4].m.signals_overdue, 4);
    assert_null(r[5].caseworker);
    assert_null(r[5].team);
    assert_int_equal(r[5].m.clients, 375);
    assert_int_equal(r[5].m.weighted_x100, 26050);
    assert_int_equal(r[5].norm, 370);
    assert_int_equal(r[5].load_pct, 70);      /* 260.50 / 370 */
    assert_int_equal(r[5].m.nazorg_running, 4);
    assert_int_equal(r[5].m.handovers, 3);
    assert_int_equal(r[5].projected_pct, r[5].load_pct);
    free(r);
}

static void what_if_spreads_new_clients_by_the_current_mix(void **state)
{
    (void)state;
    struct pressure_row *r;
    size_t n;
    assert_int_equal(pressure_rows(rows, 4, team_of, NULL, &norms, 37, &r, &n), 0);
    /* 370 assigned clients weighing 255.50: 37 new ones weigh 25.55 together, shared as
     * 80:100:190. anna gets 37 * 80/370 = 8 clients of 0.6905 = 5.52. */
    assert_int_equal(r[2].projected_x100, 8552);
    assert_int_equal(r[2].projected_pct, 101);
    assert_int_equal(r[3].projected_x100, 9690);
    assert_int_equal(r[3].projected_pct, 114);
    assert_int_equal(r[1].projected_x100, 9862);
    assert_int_equal(r[1].projected_pct, 49);
    assert_int_equal(r[0].projected_x100, 500); /* no klantmanager, nothing added */
    assert_int_equal(r[5].projected_x100, 500 + 8552 + 9690 + 9862);
    free(r);
}

static void one_team_has_no_subtotal(void **state)
{
    (void)state;
    struct pressure_row *r;
    size_t n;
    assert_int_equal(pressure_rows(rows + 1, 2, team_of, NULL, &norms, 0, &r, &n), 0);
    assert_int_equal(n, 3);
    assert_null(r[2].caseworker);
    assert_null(r[2].team);
    free(r);
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
        cmocka_unit_test(loads_against_the_norm_of_each_kind),
        cmocka_unit_test(what_if_spreads_new_clients_by_the_current_mix),
        cmocka_unit_test(one_team_has_no_subtotal),
        cmocka_unit_test(the_bar_in_eighths),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
