/* The rules every writer obeys (core/rules.h), each with the day it starts to bite and
 * its one message. Dates worked by hand: today is 2 December 2026. */
#include "core/rules.h"

#include "core/casefile.h"
#include "core/date.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

static long D(const char *iso)
{
    long d;
    assert_true(date_parse(iso, &d));
    return d;
}

static void a_record_may_be_dated_today_but_not_tomorrow(void **state)
{
    (void)state;
    struct kv_error err;
    long today = D("2026-12-02");
    assert_int_equal(rules_not_future(D("2026-12-02"), today, "Datum contact", &err), KV_OK);
    assert_int_equal(rules_not_future(D("2020-01-01"), today, "Datum contact", &err), KV_OK);
    assert_int_equal(rules_not_future(NO_DATE, today, "Datum contact", &err), KV_OK);
    assert_int_equal(rules_not_future(D("2026-12-03"), today, "Datum contact", &err), KV_EUSAGE);
    assert_string_equal(err.msg, "Datum contact (3-12-2026) ligt na vandaag (2-12-2026).");
}

static void an_end_on_its_start_day_passes_the_day_before_does_not(void **state)
{
    (void)state;
    struct kv_error err;
    assert_int_equal(rules_end_not_before_start(D("2026-03-01"), D("2026-03-01"), "Nazorg", &err),
                     KV_OK);
    assert_int_equal(rules_end_not_before_start(D("2026-03-01"), NO_DATE, "Nazorg", &err), KV_OK);
    assert_int_equal(
        rules_end_not_before_start(D("2026-03-01"), D("2026-02-28"), "Instrument", &err),
        KV_EUSAGE);
    assert_string_equal(err.msg, "Instrument: het einde (28-2-2026) ligt voor het begin "
                                 "(1-3-2026).");
}

static void nazorg_ends_at_most_24_months_after_its_start(void **state)
{
    (void)state;
    struct kv_error err;
    /* 15-1-2026 + 24 months = 15-1-2028 */
    assert_int_equal(rules_nazorg_period(D("2026-01-15"), D("2028-01-15"), &err), KV_OK);
    assert_int_equal(rules_nazorg_period(D("2026-01-15"), D("2026-07-15"), &err), KV_OK);
    assert_int_equal(rules_nazorg_period(D("2026-01-15"), D("2028-01-16"), &err), KV_EUSAGE);
    assert_string_equal(err.msg, "Nazorg duurt hooguit 24 maanden: vanaf 15-1-2026 uiterlijk "
                                 "tot 15-1-2028.");
    /* 29-2-2028 + 24 months clamps to 28-2-2030 */
    assert_int_equal(rules_nazorg_period(D("2028-02-29"), D("2030-02-28"), &err), KV_OK);
    assert_int_equal(rules_nazorg_period(D("2028-02-29"), D("2030-03-01"), &err), KV_EUSAGE);
}

static void a_client_is_18_on_the_day_of_registration(void **state)
{
    (void)state;
    struct kv_error err;
    /* born 3-12-2008: 18 on 3-12-2026 */
    assert_int_equal(rules_adult_at(D("2008-12-03"), D("2026-12-03"), &err), KV_OK);
    assert_int_equal(rules_adult_at(D("1990-06-01"), D("2026-12-02"), &err), KV_OK);
    assert_int_equal(rules_adult_at(D("2008-12-03"), D("2026-12-02"), &err), KV_EUSAGE);
    assert_string_equal(err.msg, "Een klant is bij aanmelding minstens 18 (Participatiewet); "
                                 "geboren 3-12-2008 is op 2-12-2026 te jong.");
    assert_int_equal(rules_adult_at(NO_DATE, D("2026-12-02"), &err), KV_OK);
}

static void phone_numbers_have_10_to_15_digits_and_a_plus_only_in_front(void **state)
{
    (void)state;
    struct kv_error err;
    const char *good[] = {"",
                          "0612345678",
                          "06-12345678",
                          "+31 6 1234 5678",
                          "(020) 123 45 67",
                          "0031.6.12345678",
                          "+441234567890123"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        assert_int_equal(rules_phone(good[i], &err), KV_OK);
    assert_int_equal(rules_phone(NULL, &err), KV_OK);
    const char *bad[] = {"061234567" /* 9 */, "+4412345678901234" /* 16 */,
                         "06 1234 567a",      "06+12345678",
                         "tel 0612345678",    "0612345678\n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(rules_phone(bad[i], &err), KV_EUSAGE);
    rules_phone("061234567", &err);
    assert_string_equal(err.msg, "Telefoonnummer '061234567' is ongeldig: 10 tot 15 cijfers, "
                                 "+ alleen vooraan (06-12345678, +31 6 1234 5678).");
}

static void email_addresses_are_name_at_a_domain_with_a_dot(void **state)
{
    (void)state;
    struct kv_error err;
    const char *good[] = {"", "a@b.nl", "j.de.vries@gemeente-berkelland.nl", "x+y@mail.co.uk",
                          "zoë@voorbeeld.nl"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        assert_int_equal(rules_email(good[i], &err), KV_OK);
    const char *bad[] = {"geen",     "@b.nl",    "a@",       "a@b",     "a@@b.nl", "a@b@c.nl",
                         "a b@c.nl", "a@b.nl.",  "a@.b.nl",  ".a@b.nl", "a.@b.nl", "a..b@c.nl",
                         "a@b..nl",  "<a@b.nl>", "a@b.nl\t", "a@-b.nl"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(rules_email(bad[i], &err), KV_EUSAGE);
    }
    char longest[300];
    memset(longest, 'a', 250);
    memcpy(longest + 50, "@", 1);
    memcpy(longest + 246, ".nl", 4); /* 249 bytes */
    assert_int_equal(rules_email(longest, &err), KV_OK);
    memset(longest + 246, 'a', 8);
    memcpy(longest + 254, ".nl", 4); /* 257 bytes */
    assert_int_equal(rules_email(longest, &err), KV_EUSAGE);
    rules_email("a@b", &err);
    assert_string_equal(err.msg, "E-mailadres 'a@b' is ongeldig (zoals naam@voorbeeld.nl).");
}

static void a_postcode_is_stored_as_1234_ab(void **state)
{
    (void)state;
    struct kv_error err;
    assert_int_equal(rules_postcode("7271 AB", &err), KV_OK);
    assert_int_equal(rules_postcode("", &err), KV_OK);
    static const char *const bad[] = {"12 AB",   "ABCD 12",  "7271ab",  "7271 ab",
                                      "0271 AB", "7271  AB", "7271 ABC"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(rules_postcode(bad[i], &err), KV_EUSAGE);
    assert_string_equal(err.msg, "Postcode '7271 ABC' is ongeldig (zoals 1234 AB).");
}

static void a_bsn_passes_the_elfproef(void **state)
{
    (void)state;
    struct kv_error err;
    char out[BSN_LEN + 1];
    /* 9*1+8*2+7*3+6*4+5*5+4*6+3*7+2*8-1*2 = 154 = 14*11 */
    assert_int_equal(rules_bsn("123456782", out, &err), KV_OK);
    assert_string_equal(out, "123456782");
    /* 9+8+7+6+5+4+3+2-1 = 43, not a multiple of 11 */
    assert_int_equal(rules_bsn("111111111", out, &err), KV_EUSAGE);
    assert_string_equal(err.msg, "BSN '111111111' is ongeldig (9 cijfers en de elfproef).");
}

static void a_client_status_is_one_of_six(void **state)
{
    (void)state;
    struct kv_error err;
    assert_int_equal(rules_client_status("actief", &err), KV_OK);
    assert_int_equal(rules_client_status("terug", &err), KV_OK); /* a return to benefit */
    assert_int_equal(rules_client_status("afgesloten", &err), KV_OK);
    assert_int_equal(rules_client_status("Actief", &err), KV_EUSAGE);
    assert_int_equal(rules_client_status("slapend", &err), KV_EUSAGE);
    assert_string_equal(err.msg, "Status 'slapend' bestaat niet (aanmelding, actief, "
                                 "uitgestroomd, nazorg, terug of afgesloten).");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_record_may_be_dated_today_but_not_tomorrow),
        cmocka_unit_test(an_end_on_its_start_day_passes_the_day_before_does_not),
        cmocka_unit_test(nazorg_ends_at_most_24_months_after_its_start),
        cmocka_unit_test(a_client_is_18_on_the_day_of_registration),
        cmocka_unit_test(phone_numbers_have_10_to_15_digits_and_a_plus_only_in_front),
        cmocka_unit_test(email_addresses_are_name_at_a_domain_with_a_dot),
        cmocka_unit_test(a_bsn_passes_the_elfproef),
        cmocka_unit_test(a_client_status_is_one_of_six),
        cmocka_unit_test(a_postcode_is_stored_as_1234_ab),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
