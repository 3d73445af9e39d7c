/* Dutch words for codes: report labels, and the history's names for records and fields. */
#include "core/labels.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

static void records_and_fields_have_dutch_names(void **state)
{
    (void)state;
    assert_string_equal(labels_record("clients"), "Klantgegevens");
    assert_string_equal(labels_record("contacts"), "Contact");
    assert_string_equal(labels_record("goals"), "Doel");
    assert_string_equal(labels_record("client_instruments"), "Instrument");
    assert_string_equal(labels_field("summary"), "Samenvatting");
    assert_string_equal(labels_field("status"), "Status");
    assert_string_equal(labels_field("contact_verified_on"), "Contactgegevens gecontroleerd op");
    assert_string_equal(labels_field("client_informed_on"), "Klant geïnformeerd op");
}

static void an_unknown_code_stays_itself(void **state)
{
    (void)state;
    assert_string_equal(labels_record("new_table"), "new_table");
    assert_string_equal(labels_field("new_field"), "new_field");
    assert_string_equal(labels_nl(NULL, "dim", "indeling"), "Indeling");
    assert_string_equal(labels_nl(NULL, NULL, "werk_3m"), "werk <3 mnd");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(records_and_fields_have_dutch_names),
        cmocka_unit_test(an_unknown_code_stays_itself),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
