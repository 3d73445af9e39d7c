/* The werkvoorraad filter: own or duo clients, a classification, a doelgroep among a
 * client's several, only clients with overdue signals, and how it reads in Dutch. */
#include "core/casefilter.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

static void no_filter_lets_everyone_through(void **state)
{
    (void)state;
    struct casefilter f = {0};
    assert_false(casefilter_active(&f));
    assert_true(casefilter_match(&f, "anna", "teun", "", "", 0));
    assert_true(casefilter_match(&f, "anna", NULL, NULL, NULL, 0));
    char d[100];
    casefilter_describe(&f, d, sizeof d);
    assert_string_equal(d, "");
}

static void own_and_duo_split_on_the_klantmanager(void **state)
{
    (void)state;
    struct casefilter f = {.who = CFW_OWN};
    assert_true(casefilter_match(&f, "anna", "anna", "werk", "", 0));
    assert_false(casefilter_match(&f, "anna", "teun", "werk", "", 0));
    f.who = CFW_DUO;
    assert_false(casefilter_match(&f, "anna", "anna", "werk", "", 0));
    assert_true(casefilter_match(&f, "anna", "teun", "werk", "", 0));
    assert_true(casefilter_match(&f, "anna", "", "werk", "", 0)); /* no klantmanager */
    assert_int_equal(casefilter_who_parse("eigen"), CFW_OWN);
    assert_int_equal(casefilter_who_parse("duo"), CFW_DUO);
    assert_int_equal(casefilter_who_parse(""), CFW_ALL);
}

static void classification_doelgroep_and_overdue_combine(void **state)
{
    (void)state;
    struct casefilter f = {
        .who = CFW_ALL, .classification = "werk", .doelgroep = "jongere", .overdue_only = true};
    assert_true(casefilter_active(&f));
    assert_true(casefilter_match(&f, "anna", "anna", "werk", "statushouder,jongere", 2));
    assert_false(casefilter_match(&f, "anna", "anna", "meedoen", "jongere", 2));
    assert_false(casefilter_match(&f, "anna", "anna", "werk", "jongeren", 2)); /* whole codes */
    assert_false(casefilter_match(&f, "anna", "anna", "werk", "jongere", 0));
    f.who = CFW_OWN;
    char d[100];
    casefilter_describe(&f, d, sizeof d);
    assert_string_equal(d, "eigen klanten, indeling werk, doelgroep jongere, alleen te laat");
}

/* A teamleider's drill-down: one klantmanager's clients. */
static void one_caseworkers_clients(void **state)
{
    (void)state;
    struct casefilter f = {0};
    snprintf(f.caseworker, sizeof f.caseworker, "km.bakker");
    assert_true(casefilter_active(&f));
    assert_true(casefilter_match(&f, "tl.jansen", "km.bakker", "werk", "", 0));
    assert_false(casefilter_match(&f, "tl.jansen", "km.bakkers", "werk", "", 0));
    assert_false(casefilter_match(&f, "tl.jansen", NULL, "werk", "", 0));
    f.overdue_only = true;
    char d[100];
    casefilter_describe(&f, d, sizeof d);
    assert_string_equal(d, "klantmanager km.bakker, alleen te laat");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(no_filter_lets_everyone_through),
        cmocka_unit_test(own_and_duo_split_on_the_klantmanager),
        cmocka_unit_test(classification_doelgroep_and_overdue_combine),
        cmocka_unit_test(one_caseworkers_clients),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
