/* test_error: the shared error messages (core/error.c). */
#include "core/error.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

static void memory_that_ran_out_has_one_message(void **state)
{
    (void)state;
    struct kv_error err;
    assert_int_equal(kv_error_nomem(&err), KV_ERR);
    assert_int_equal(err.status, KV_ERR);
    assert_string_equal(err.msg, "Onvoldoende geheugen.");
    assert_string_equal(err.detail, "out of memory");
    assert_int_equal(kv_error_nomem(NULL), KV_ERR); /* a caller without an error record */
}

static void a_failed_file_operation_names_path_and_reason(void **state)
{
    (void)state;
    struct kv_error err;
    errno = ENOENT;
    assert_int_equal(kv_error_io(&err, "lezen", "/x/y"), KV_ERR);
    assert_string_equal(err.msg, "Kan /x/y niet lezen: No such file or directory.");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(memory_that_ran_out_has_one_message),
        cmocka_unit_test(a_failed_file_operation_names_path_and_reason),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
