/* The strict JSON reader used by import. */
#include "cli/jsonread.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static int parse(const char *s, struct jval *v, char *msg)
{
    size_t col;
    return json_parse(s, strlen(s), v, msg, 120, &col);
}

static void objects_arrays_strings_and_integers_are_read(void **state)
{
    (void)state;
    struct jval v;
    char msg[120];
    assert_int_equal(parse(" {\"bsn\":\"123456782\",\"n\":-42,\"ok\":true,\"x\":null,"
                           "\"list\":[1,[2],{}],\"naam\":\"\\u00d6l\\u00e7er \\\"jr\\\"\\n\"} ",
                           &v, msg),
                     0);
    assert_int_equal(v.t, J_OBJ);
    assert_string_equal(json_get(&v, "bsn")->s, "123456782");
    assert_int_equal(json_get(&v, "n")->i, -42);
    assert_int_equal(json_get(&v, "ok")->t, J_BOOL);
    assert_int_equal(json_get(&v, "x")->t, J_NULL);
    assert_int_equal(json_get(&v, "list")->n, 3);
    assert_string_equal(json_get(&v, "naam")->s, "Ölçer \"jr\"\n");
    assert_null(json_get(&v, "onbekend"));
    json_free(&v);
    assert_int_equal(parse("\"\\ud83d\\ude00 \xc5\x81ukasz\"", &v, msg), 0); /* surrogate pair */
    assert_string_equal(v.s, "\xf0\x9f\x98\x80 \xc5\x81ukasz");
    json_free(&v);
}

static void bad_input_is_refused_with_a_reason(void **state)
{
    (void)state;
    struct jval v;
    char msg[120];
    size_t col;
    const struct {
        const char *in, *why;
    } bad[] = {
        {"{\"a\":1", "houdt op"},  /* truncated line */
        {"{\"a\":tr", "houdt op"}, /* truncated inside true */
        {"{\"a\":nope}", "onverwacht"},
        {"{\"a\":\"x", "houdt op"},            /* truncated string */
        {"{\"a\":\"\xff\"}", "UTF-8"},         /* invalid byte */
        {"{\"a\":\"\xc3\"}", "UTF-8"},         /* cut-off sequence */
        {"{\"a\":\"\xed\xa0\x80\"}", "UTF-8"}, /* an encoded surrogate */
        {"{\"a\":1.5}", "gehele"},
        {"{\"a\":1e3}", "gehele"},
        {"{\"a\":1,\"a\":2}", "twee keer"},
        {"{\"a\":1} x", "na het einde"},
        {"{\"a\":\"\\ud800\"}", "UTF-16"},
        {"{\"a\":\"\\u0000\"}", "nulteken"},
        {"{\"a\":\"tab\there\"}", "stuurteken"},
        {"{\"a\":01}", "voorloopnul"},
        {"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", "diep"},
        {"", "houdt op"},
        {"{a:1}", "veldnaam"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (json_parse(bad[i].in, strlen(bad[i].in), &v, msg, sizeof msg, &col) == 0)
            fail_msg("accepted: %s", bad[i].in);
        if (strstr(msg, bad[i].why) == NULL)
            fail_msg("'%s': message '%s' lacks '%s'", bad[i].in, msg, bad[i].why);
        assert_true(col >= 1);
    }
    assert_int_equal(json_parse("{\"a\":1,   x}", 12, &v, msg, sizeof msg, &col), -1);
    assert_int_equal(col, 11); /* points at the x */
}

/* Many members: a duplicate is found past the first few (by hash, not by comparing each
 * key with every other), and strings made only of escapes decode within their own length
 * (ASan would see a write past it). */
static void large_objects_and_dense_escapes_are_read_exactly(void **state)
{
    (void)state;
    struct jval v;
    char msg[120];
    size_t cap = 1000 * 16 + 64, at = 0;
    char *s = malloc(cap);
    assert_non_null(s);
    at += (size_t)snprintf(s + at, cap - at, "{");
    for (int i = 0; i < 1000; i++)
        at += (size_t)snprintf(s + at, cap - at, "%s\"k%d\":%d", i ? "," : "", i, i);
    snprintf(s + at, cap - at, "}");
    assert_int_equal(parse(s, &v, msg), 0);
    assert_int_equal(v.n, 1000);
    assert_int_equal(json_get(&v, "k999")->i, 999);
    json_free(&v);
    snprintf(s + at, cap - at, ",\"k517\":0}"); /* the 1001st member repeats the 518th */
    assert_int_equal(parse(s, &v, msg), -1);
    assert_string_equal(msg, "veld komt twee keer voor");
    free(s);
    assert_int_equal(parse("[\"\\n\\t\\\"\\\\\\u00e9\\ud83d\\ude00\\/\"]", &v, msg), 0);
    assert_string_equal(v.items[0].s, "\n\t\"\\\xc3\xa9\xf0\x9f\x98\x80/");
    json_free(&v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(objects_arrays_strings_and_integers_are_read),
        cmocka_unit_test(bad_input_is_refused_with_a_reason),
        cmocka_unit_test(large_objects_and_dense_escapes_are_read_exactly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
