/* The action table: keys per context, labels generated from the keys, and a keys file
 * that rebinds actions by name and reports bad lines with their number. */
#include "tui/actions.h"

#include <curses.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

static int reset(void **state)
{
    (void)state;
    actions_reset();
    return 0;
}

static void one_key_means_different_actions_in_different_contexts(void **state)
{
    (void)state;
    assert_int_equal(actions_for_key('d', AC_LIST), ACT_DONE);
    assert_int_equal(actions_for_key('d', AC_DOSSIER), ACT_GOAL);
    assert_int_equal(actions_for_key('\t', AC_DOSSIER), ACT_NEXT_TAB);
    assert_int_equal(actions_for_key('\t', AC_FORM), ACT_NEXT_FIELD);
    assert_int_equal(actions_for_key(27, AC_FORM), ACT_CANCEL);
    assert_int_equal(actions_for_key(27, AC_LIST), ACT_QUIT);
    assert_int_equal(actions_for_key(KEY_F(2), AC_FORM), ACT_SAVE);
    assert_int_equal(actions_for_key(KEY_F(2), AC_LIST), ACT_NONE);
    assert_int_equal(actions_for_key('c', AC_LIST), ACT_CONTACT);
    assert_int_equal(actions_for_key('c', AC_DOSSIER), ACT_CONTACT);
}

static void every_action_has_a_unique_name_and_help(void **state)
{
    (void)state;
    int n;
    const struct action_def *t = actions_table(&n);
    assert_int_equal(n, ACT_COUNT);
    for (int i = 0; i < n; i++) {
        assert_non_null(t[i].help);
        assert_true(t[i].keys[0] != 0);
        for (int j = i + 1; j < n; j++) {
            assert_string_not_equal(t[i].name, t[j].name);
            assert_int_not_equal(t[i].act, t[j].act);
        }
    }
}

static const struct action_def *def(enum action a)
{
    int n;
    const struct action_def *t = actions_table(&n);
    for (int i = 0; i < n; i++)
        if (t[i].act == a)
            return &t[i];
    return NULL;
}

/* klantvolg(1) lists the names a keys file may use: every action's, and no other. */
static void the_manual_lists_every_action_name(void **state)
{
    (void)state;
    const char *src = getenv("KV_SRCDIR");
    char path[1024], text[200000];
    snprintf(path, sizeof path, "%s/man/klantvolg.1", src ? src : ".");
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t len = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[len] = '\0';
    char *list = strstr(text, "Action names:");
    assert_non_null(list);
    char *end = strchr(list, '.');
    assert_non_null(end);
    *end = '\0';
    for (char *p = list; *p; p++)
        if (*p == '\n')
            *p = ' ';
    int n, listed = 0;
    const struct action_def *t = actions_table(&n);
    for (int i = 0; i < n; i++) {
        char word[80];
        snprintf(word, sizeof word, " %s,", t[i].name);
        char *at = strstr(list, word);
        if (at == NULL) { /* the last one ends the sentence, the first follows a colon */
            snprintf(word, sizeof word, " %s", t[i].name);
            at = strstr(list, word);
            if (at != NULL && at[strlen(word)] != '\0')
                at = NULL;
        }
        if (at == NULL)
            fail_msg("klantvolg(1) does not list the action '%s'", t[i].name);
    }
    for (char *p = list + strlen("Action names:"); *p; p++)
        listed += *p == ',';
    assert_int_equal(listed + 1, n); /* and nothing that is not one */
}

static void key_names_parse_and_labels_follow_the_keys(void **state)
{
    (void)state;
    assert_int_equal(actions_parse_key("q"), 'q');
    assert_int_equal(actions_parse_key("^S"), 19);
    assert_int_equal(actions_parse_key("F2"), KEY_F(2));
    assert_int_equal(actions_parse_key("f12"), KEY_F(12));
    assert_int_equal(actions_parse_key("S-Tab"), KEY_BTAB);
    assert_int_equal(actions_parse_key("enter"), '\n');
    assert_int_equal(actions_parse_key("F13"), 0);
    assert_int_equal(actions_parse_key("qq"), 0);
    assert_int_equal(actions_parse_key(""), 0);
    char label[64];
    actions_key_label(def(ACT_QUIT), ACTION_KEYS, label, sizeof label);
    assert_string_equal(label, "q/Esc");
    actions_key_label(def(ACT_QUIT), 1, label, sizeof label);
    assert_string_equal(label, "q");
    actions_key_label(def(ACT_SAVE), ACTION_KEYS, label, sizeof label);
    assert_string_equal(label, "F2/Ctrl-S");
    actions_key_label(def(ACT_OPEN), ACTION_KEYS, label, sizeof label);
    assert_string_equal(label, "Enter");
}

static void a_keys_file_rebinds_and_reports_bad_lines(void **state)
{
    (void)state;
    char msg[200];
    const char *file = "# mijn toetsen\n"
                       "contact  k ^K   # contact met k\n"
                       "\n"
                       "opslaan F10\r\n"
                       "vliegen x\n"
                       "zoeken F99\n"
                       "terug\n";
    assert_int_equal(actions_load(file, msg, sizeof msg), 3);
    assert_string_equal(msg, "toetsenbestand regel 5: onbekende actie 'vliegen'.");
    assert_int_equal(actions_for_key('k', AC_LIST), ACT_CONTACT); /* the user's choice wins */
    char up[32];
    actions_key_label(def(ACT_UP), ACTION_KEYS, up, sizeof up);
    assert_string_equal(up, "↑");
    assert_int_equal(actions_for_key(11, AC_DOSSIER), ACT_CONTACT);
    assert_int_equal(actions_for_key('c', AC_DOSSIER), ACT_NONE);
    assert_int_equal(actions_for_key(KEY_F(10), AC_FORM), ACT_SAVE);
    assert_int_equal(actions_for_key(KEY_F(2), AC_FORM), ACT_NONE);
    assert_int_equal(actions_for_key('/', AC_LIST), ACT_SEARCH); /* bad line: unchanged */
    assert_int_equal(actions_for_key('q', AC_LIST), ACT_QUIT);
    char label[64];
    actions_key_label(def(ACT_SAVE), ACTION_KEYS, label, sizeof label);
    assert_string_equal(label, "F10");
    assert_int_equal(actions_load("zoeken F99\n", msg, sizeof msg), 1);
    assert_string_equal(msg, "toetsenbestand regel 1: onbekende toets 'F99'.");
    assert_int_equal(actions_load("help a b c d e\n", msg, sizeof msg), 1);
    assert_string_equal(msg, "toetsenbestand regel 1: hooguit 4 toetsen per actie.");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(one_key_means_different_actions_in_different_contexts, reset),
        cmocka_unit_test_setup(every_action_has_a_unique_name_and_help, reset),
        cmocka_unit_test_setup(key_names_parse_and_labels_follow_the_keys, reset),
        cmocka_unit_test_setup(the_manual_lists_every_action_name, reset),
        cmocka_unit_test_setup(a_keys_file_rebinds_and_reports_bad_lines, reset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
