/* Who classifies and refers how, worked out by hand: classifications per caseworker, the
 * instruments most clients got (a client counted once however often), the team row,
 * unassigned clients in the team only, and rounding of percentages. */
#include "core/mix.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

static void side_by_side(void **state)
{
    (void)state;
    /* anna: two werk clients, one meedoen; ben: one perspectief; one client unassigned.
     * wep went to anna's first client twice and to ben's client: two clients. */
    struct cf_instrument twice[] = {{1, "wep", 0, 0, -1, 0, "", ""},
                                    {2, "wep", 0, 0, -1, 0, "", ""}};
    struct cf_instrument course[] = {{3, "cursus", 0, 0, -1, 0, "", ""}};
    struct cf_instrument wep[] = {{4, "wep", 0, 0, -1, 0, "", ""}};
    struct cf_instrument lks[] = {{5, "lks", 0, 0, -1, 0, "", ""}};
    struct case_file f[5];
    memset(f, 0, sizeof f);
    f[0].instruments = twice, f[0].n_instruments = 2;
    f[1].instruments = course, f[1].n_instruments = 1;
    f[3].instruments = wep, f[3].n_instruments = 1;
    f[4].instruments = lks, f[4].n_instruments = 1;
    struct metrics_client c[] = {{&f[0], "anna", "werk", 0},
                                 {&f[1], "anna", "werk", 0},
                                 {&f[2], "anna", "meedoen", 0},
                                 {&f[3], "ben", "perspectief", 0},
                                 {&f[4], "", "", 0}};
    struct mix m;
    assert_int_equal(mix_compute(c, 5, &m), 0);
    assert_int_equal(m.ntop, 3);
    assert_string_equal(m.top[0], "wep");    /* two clients */
    assert_string_equal(m.top[1], "cursus"); /* one each: by name */
    assert_string_equal(m.top[2], "lks");
    assert_int_equal(m.n, 3);
    assert_string_equal(m.rows[0].caseworker, "anna");
    assert_int_equal(m.rows[0].clients, 3);
    assert_int_equal(m.rows[0].by_class[0], 2);
    assert_int_equal(m.rows[0].by_class[2], 1);
    assert_int_equal(m.rows[0].with_instrument[0], 1);
    assert_int_equal(m.rows[0].with_instrument[1], 1);
    assert_string_equal(m.rows[1].caseworker, "ben");
    assert_int_equal(m.rows[1].by_class[1], 1);
    assert_null(m.rows[2].caseworker);
    assert_int_equal(m.rows[2].clients, 5);
    assert_int_equal(m.rows[2].by_class[3], 1); /* the unassigned one, no classification */
    assert_int_equal(m.rows[2].with_instrument[0], 2);
    assert_int_equal(m.rows[2].with_instrument[2], 1);
    assert_int_equal(mix_pct(2, 3), 67);
    assert_int_equal(mix_pct(1, 8), 13);
    assert_int_equal(mix_pct(0, 0), 0);
    mix_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(side_by_side),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
