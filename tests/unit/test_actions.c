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
    assert_int_equal(actions_for_key('x', AC_LIST), ACT_DONE);
    assert_int_equal(actions_for_key('d', AC_DOSSIER), ACT_GOAL);
    assert_int_equal(actions_for_key('d', AC_LIST), ACT_NONE);
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

/* klantvolg(1) has the action table: each action's name (for a keys file), its default
 * keys and the screens where it works, one line each in the table's order, and no other. */
static void the_manual_lists_every_action_with_its_keys_and_screens(void **state)
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
    char *p = strstr(text, ".\\\" actions: begin\n.nf\n");
    assert_non_null(p);
    p = strchr(strchr(p, '\n') + 1, '\n') + 1;
    char *end = strstr(p, ".fi\n");
    assert_non_null(end);
    *end = '\0';
    int n, row = 0;
    const struct action_def *t = actions_table(&n);
    for (char *line = strtok(p, "\n"); line; line = strtok(NULL, "\n"), row++) {
        char got[300], want[300], keys[64], views[200];
        size_t k = 0;
        for (const char *c = line; *c && k + 1 < sizeof got; c++) /* spaces: one */
            if (*c != ' ' || (k > 0 && got[k - 1] != ' '))
                got[k++] = *c;
        got[k] = '\0';
        if (row >= n)
            fail_msg("klantvolg(1) lists more actions than the table: '%s'", got);
        actions_key_names(&t[row], keys, sizeof keys);
        actions_views_label(&t[row], views, sizeof views);
        snprintf(want, sizeof want, "%s %s %s", t[row].name, keys, views);
        if (strcmp(got, want) != 0)
            fail_msg("klantvolg(1) has '%s' where the table says '%s'", got, want);
    }
    assert_int_equal(row, n);
}

/* d, i, v and w meant two things each (goal and done, instrument and management
 * information, extend and verdeling, edit goal and what-if): now one each. */
static void d_i_v_w_each_mean_one_thing(void **state)
{
    (void)state;
    int n;
    const struct action_def *t = actions_table(&n);
    for (const char *c = "divw"; *c; c++) {
        int uses = 0;
        for (int i = 0; i < n; i++)
            for (int k = 0; k < ACTION_KEYS && t[i].keys[k]; k++)
                uses += t[i].keys[k] == *c;
        if (uses != 1)
            fail_msg("'%c' is bound to %d actions", *c, uses);
    }
    assert_int_equal(actions_for_key('x', AC_LIST), ACT_DONE);
    assert_int_equal(actions_for_key('M', AC_LIST), ACT_REPORTS);
    assert_int_equal(actions_for_key('t', AC_LIST), ACT_MIX);
    assert_int_equal(actions_for_key('+', AC_LIST), ACT_WHAT_IF);
}

/* On one screen a key has one action: no two actions that share a key work on the same
 * screen in the same context. */
static void no_screen_binds_a_key_twice(void **state)
{
    (void)state;
    int n;
    const struct action_def *t = actions_table(&n);
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++) {
            int views = t[i].views == AV_ANY || t[j].views == AV_ANY || (t[i].views & t[j].views);
            if (!(t[i].contexts & t[j].contexts) || !views)
                continue;
            for (int a = 0; a < ACTION_KEYS && t[i].keys[a]; a++)
                for (int b = 0; b < ACTION_KEYS && t[j].keys[b]; b++)
                    if (t[i].keys[a] == t[j].keys[b])
                        fail_msg("%s and %s share a key on one screen", t[i].name, t[j].name);
        }
}

/* The agenda had s, f and / in its bar and did nothing with them. */
static void the_agenda_offers_only_what_works_there(void **state)
{
    (void)state;
    assert_false(actions_on_view(def(ACT_SORT), AV_AGENDA));
    assert_false(actions_on_view(def(ACT_FILTER), AV_AGENDA));
    assert_false(actions_on_view(def(ACT_SEARCH), AV_AGENDA));
    assert_false(actions_on_view(def(ACT_AGENDA), AV_AGENDA));
    assert_true(actions_on_view(def(ACT_DONE), AV_AGENDA));
    assert_true(actions_on_view(def(ACT_SNOOZE), AV_AGENDA));
    assert_true(actions_on_view(def(ACT_CONTACT), AV_AGENDA));
    assert_true(actions_on_view(def(ACT_UP), AV_AGENDA));
    assert_false(actions_on_view(def(ACT_DONE), AV_CASELOAD));
    assert_false(actions_on_view(def(ACT_WHAT_IF), AV_TEAM));
    assert_true(actions_on_view(def(ACT_WHAT_IF), AV_PRESSURE));
    assert_false(actions_on_view(def(ACT_OPEN), AV_USERS));
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
        cmocka_unit_test_setup(the_manual_lists_every_action_with_its_keys_and_screens, reset),
        cmocka_unit_test_setup(d_i_v_w_each_mean_one_thing, reset),
        cmocka_unit_test_setup(no_screen_binds_a_key_twice, reset),
        cmocka_unit_test_setup(the_agenda_offers_only_what_works_there, reset),
        cmocka_unit_test_setup(a_keys_file_rebinds_and_reports_bad_lines, reset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
