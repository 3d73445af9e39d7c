/* The anonymised export's visitor: ages become bands counted on the day of the export
 * (a birthday tomorrow is not yet a year older), dates become months, and fields and
 * arrays that are not on the allow-list (names, BSN, free text, assignments) never reach
 * the output, however they arrive. */
#include "cli/research.h"
#include "core/date.h"
#include "core/reports.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static void ages_become_bands_counted_on_the_day(void **state)
{
    (void)state;
    long today = date_days(2026, 3, 1);
    assert_string_equal(report_age_band(date_days(1999, 3, 1), today), "27-34");
    assert_string_equal(report_age_band(date_days(1999, 3, 2), today), "18-26");
    assert_string_equal(report_age_band(date_days(1991, 3, 1), today), "35-44");
    assert_string_equal(report_age_band(date_days(1981, 3, 1), today), "45-54");
    assert_string_equal(report_age_band(date_days(1971, 3, 2), today), "45-54");
    assert_string_equal(report_age_band(date_days(1961, 3, 1), today), "65+");
    assert_string_equal(report_age_band(date_days(1961, 3, 2), today), "55-64");
}

/* Feed the visitor values as the dossier walk does, through an SQLite statement. */
static sqlite3 *mem;

static void feed(struct research *r, const char *key, const char *text)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(mem, "SELECT ?1", -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    research_visitor.field(r, key, sqlite3_column_value(st, 0));
    sqlite3_finalize(st);
}

static void only_the_allow_list_passes(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    struct research r = {{f, 0, {1}}, date_days(2026, 3, 1), {{0}}, 0, 0, 0};
    assert_int_equal(sqlite3_open(":memory:", &mem), SQLITE_OK);
    const struct dossier_visitor *v = &research_visitor;
    v->begin_client(&r);
    feed(&r, "bsn", "123456782");
    feed(&r, "first_name", "Sanne");
    feed(&r, "birth_date", "1976-05-04");
    feed(&r, "municipality", "Berkelland");
    feed(&r, "benefit_start", "2025-02-17");
    feed(&r, "notes", "Vertrouwelijk");
    v->begin_array(&r, "assignments");
    v->begin_object(&r);
    feed(&r, "user", "km.bakker");
    feed(&r, "handover_note", "Zie dossier");
    v->end_object(&r);
    v->end_array(&r);
    v->begin_array(&r, "contacts");
    v->begin_object(&r);
    feed(&r, "date", "2026-02-20");
    feed(&r, "channel", "gesprek");
    feed(&r, "summary", "Over haar schulden");
    v->end_object(&r);
    v->end_array(&r);
    v->begin_array(&r, "doelgroepen");
    v->code(&r, "55plus");
    v->end_array(&r);
    v->end_client(&r);
    fclose(f);
    sqlite3_close(mem);
    const char *p = strstr(buf, "\"leeftijd\"");
    assert_non_null(p);
    assert_string_equal(p, "\"leeftijd\":\"45-54\",\"municipality\":\"Berkelland\","
                           "\"benefit_start\":\"2025-02\",\"contacts\":[{\"date\":\"2026-02\","
                           "\"channel\":\"gesprek\"}],\"doelgroepen\":[\"55plus\"]}\n");
    assert_int_equal(strncmp(buf, "{\"pseudoniem\":\"p", 16), 0);
    assert_int_equal(r.clients, 1);
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ages_become_bands_counted_on_the_day),
        cmocka_unit_test(only_the_allow_list_passes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
