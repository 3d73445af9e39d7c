/* The command line parser: options anywhere, values inline or separate, usage errors. */
#include "cli/args.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

static int parse(struct args *a, char *msg, int n, ...)
{
    char *argv[16] = {"klantvolg"};
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++)
        argv[i + 1] = va_arg(ap, char *);
    va_end(ap);
    return args_parse(n + 1, argv, a, msg, 200);
}

static void options_before_and_after_words_with_inline_values(void **state)
{
    (void)state;
    struct args a;
    char msg[200];
    assert_int_equal(parse(&a, msg, 7, "--db", "x.db", "user", "add", "anna", "--role=jobcoach",
                           "--passphrase-fd=3"),
                     0);
    assert_string_equal(a.db, "x.db");
    assert_string_equal(a.role, "jobcoach");
    assert_int_equal(a.passfd, 3);
    assert_int_equal(a.newpassfd, -1);
    assert_int_equal(a.nwords, 3);
    assert_string_equal(a.words[2], "anna");
    assert_int_equal(args_only(&a, OPT_DB | OPT_ROLE | OPT_PASSFD, "user", msg, 200), 0);
    assert_int_equal(args_only(&a, OPT_DB | OPT_PASSFD, "user", msg, 200), 2);
    assert_non_null(strstr(msg, "--role"));
}

static void usage_errors_say_what_is_wrong(void **state)
{
    (void)state;
    struct args a;
    char msg[200];
    assert_int_equal(parse(&a, msg, 1, "--bogus"), 2);
    assert_non_null(strstr(msg, "--bogus"));
    assert_int_equal(parse(&a, msg, 1, "--db"), 2);
    assert_non_null(strstr(msg, "waarde"));
    assert_int_equal(parse(&a, msg, 2, "--passphrase-fd", "drie"), 2);
    assert_int_equal(parse(&a, msg, 1, "--force=ja"), 2);
    assert_int_equal(parse(&a, msg, 1, "-x"), 2);
    assert_int_equal(parse(&a, msg, 2, "--", "-x"), 0);
    assert_string_equal(a.words[0], "-x");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(options_before_and_after_words_with_inline_values),
        cmocka_unit_test(usage_errors_say_what_is_wrong),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
