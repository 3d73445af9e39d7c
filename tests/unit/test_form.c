/* The form logic: focus moves, typing marks the form dirty, required and typed fields
 * validate with Dutch messages, errors show only once a field was left or a save was
 * tried, pickers own choice fields, yes/no toggles, and a draft restores every value. */
#include "tui/form.h"

#include "core/casefile.h"
#include "core/date.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static int not_in_future(const struct form *f, int i, char *msg, size_t n)
{
    if (form_date(f, i) <= f->today)
        return 1;
    snprintf(msg, n, "Een contact kan niet in de toekomst liggen.");
    return 0;
}

static const struct field_spec specs[] = {
    {"date", "Datum", FT_DATE, 1, NULL, not_in_future},
    {"channel", "Kanaal", FT_CHOICE, 1, "kanaal", NULL},
    {"summary", "Verslag", FT_NOTE, 1, NULL, NULL},
    {"hours", "Uren", FT_NUMBER, 0, NULL, NULL},
    {"cost", "Kosten", FT_MONEY, 0, NULL, NULL},
    {"agreed", "Akkoord", FT_YESNO, 0, NULL, NULL},
    {"tags", "Doelgroepen", FT_MULTI, 0, "doelgroep", NULL},
};

static const struct form_option channels[] = {{"telefoon", "Telefonisch"},
                                              {"huisbezoek", "Huisbezoek"}};
static const struct form_option tags[] = {
    {"jongere", "Jongere"}, {"55plus", "55-plus"}, {"statushouder", "Statushouder"}};

static void setup_form(struct form *f)
{
    form_init(f, "Contact", specs, 7, date_days(2026, 3, 1), NULL);
    form_set_options(f, 1, channels, 2);
    form_set_options(f, 6, tags, 3);
}

static void type(struct form *f, const char *s)
{
    for (; *s; s++)
        form_key(f, (unsigned char)*s);
}

static void tab_moves_focus_round_and_marks_fields_touched(void **state)
{
    (void)state;
    struct form f;
    setup_form(&f);
    assert_int_equal(f.focus, 0);
    assert_int_equal(form_key(&f, FK_NEXT), FORM_MOVED);
    assert_int_equal(f.focus, 1);
    assert_true(f.fields[0].touched);
    assert_false(f.fields[1].touched);
    assert_int_equal(form_key(&f, FK_PREV), FORM_MOVED);
    assert_int_equal(form_key(&f, FK_PREV), FORM_MOVED); /* wraps to the last */
    assert_int_equal(f.focus, 6);
    assert_int_equal(form_key(&f, FK_DOWN), FORM_MOVED);
    assert_int_equal(f.focus, 0);
    assert_false(f.dirty);
    form_free(&f);
}

static void typing_changes_the_focused_field_and_makes_the_form_dirty(void **state)
{
    (void)state;
    struct form f;
    setup_form(&f);
    form_set(&f, 0, "1-3-2026"); /* a default is not a change */
    assert_false(f.dirty);
    form_key(&f, FK_NEXT);
    form_key(&f, FK_NEXT);
    type(&f, "Gebeld");
    assert_string_equal(form_text(&f, 2), "Gebeld");
    assert_true(f.dirty);
    assert_int_equal(form_key(&f, LE_BACKSPACE), FORM_CHANGED);
    assert_string_equal(form_text(&f, 2), "Gebel");
    form_free(&f);
}

static void required_fields_and_types_are_validated_in_dutch(void **state)
{
    (void)state;
    struct form f;
    setup_form(&f);
    assert_int_equal(form_validate(&f, 0), 3); /* date, channel, summary */
    assert_string_equal(f.fields[0].error, "Datum is verplicht.");
    assert_string_equal(f.fields[2].error, "Verslag is verplicht.");
    form_set(&f, 0, "31-2-2026");
    form_set(&f, 1, "telefoon");
    form_set(&f, 2, "Gesprek");
    form_set(&f, 3, "12a");
    form_set(&f, 4, "12,345");
    assert_int_equal(form_validate(&f, 0), 3);
    assert_string_equal(f.fields[0].error, "'31-2-2026' is geen datum; schrijf bijvoorbeeld "
                                           "1-3-2026.");
    assert_string_equal(f.fields[3].error, "'12a' is geen heel getal van 0 tot 9999.");
    assert_string_equal(f.fields[4].error, "'12,345' is geen bedrag; schrijf bijvoorbeeld "
                                           "1.250,00.");
    form_set(&f, 0, "2026-03-01");
    form_set(&f, 3, "32");
    form_set(&f, 4, "1.250,50");
    assert_int_equal(form_validate(&f, 0), 0);
    assert_int_equal(form_date(&f, 0), date_days(2026, 3, 1));
    assert_int_equal(form_number(&f, 3), 32);
    assert_int_equal(form_money(&f, 4), 125050);
    form_free(&f);
}

static void the_spec_check_runs_after_the_type_check(void **state)
{
    (void)state;
    struct form f;
    setup_form(&f);
    form_set(&f, 0, "2-3-2026");
    form_validate(&f, 0);
    assert_string_equal(f.fields[0].error, "Een contact kan niet in de toekomst liggen.");
    form_set(&f, 0, "morgen");
    form_validate(&f, 0);
    assert_string_equal(f.fields[0].error, "'morgen' is geen datum; schrijf bijvoorbeeld "
                                           "1-3-2026.");
    form_free(&f);
}

static void errors_show_once_left_or_after_a_save_attempt(void **state)
{
    (void)state;
    struct form f;
    setup_form(&f);
    form_validate(&f, 0);
    assert_string_equal(form_shown_error(&f, 0), "");
    form_key(&f, FK_NEXT);
    form_validate(&f, 0);
    assert_string_equal(form_shown_error(&f, 0), "Datum is verplicht.");
    assert_string_equal(form_shown_error(&f, 2), "");
    form_key(&f, FK_NEXT);
    form_set(&f, 0, "1-3-2026");
    assert_int_equal(form_validate(&f, 1), 2);
    assert_int_equal(f.focus, 1); /* the first invalid field */
    assert_string_equal(form_shown_error(&f, 2), "Verslag is verplicht.");
    form_free(&f);
}

/* A value the database refused (a BSN another client has) keeps its message under the
 * field, across validations, until the value changes; the focus goes there. */
static void a_refused_value_keeps_its_message_until_it_changes(void **state)
{
    (void)state;
    struct form f;
    setup_form(&f);
    form_set(&f, 3, "12");
    form_key(&f, FK_NEXT);
    form_refuse(&f, 3, "Er is al een klant met BSN 12.");
    assert_int_equal(f.focus, 3);
    form_key(&f, FK_NEXT);
    form_validate(&f, 0);
    assert_string_equal(form_shown_error(&f, 3), "Er is al een klant met BSN 12.");
    f.focus = 3;
    form_key(&f, '3');
    form_validate(&f, 0);
    assert_string_equal(form_shown_error(&f, 3), ""); /* 123: not refused */
    form_free(&f);
}

static void choice_fields_take_codes_from_the_picker_only(void **state)
{
    (void)state;
    struct form f;
    setup_form(&f);
    form_key(&f, FK_NEXT);
    /* A letter asks for the picker, to start at the option it begins; it ticks nothing. */
    assert_int_equal(form_key(&f, 'h'), FORM_PICK);
    assert_int_equal(form_pick_letter(&f), 'h');
    assert_int_equal(form_pick_letter(&f), 0); /* taken once */
    assert_string_equal(form_text(&f, 1), "");
    assert_false(f.dirty);
    assert_int_equal(form_key(&f, ' '), FORM_PICK);
    assert_int_equal(form_key(&f, FK_TOGGLE), FORM_PICK);
    form_set(&f, 1, "huisbezoek");
    char label[64];
    form_choice_label(&f, 1, label, sizeof label);
    assert_string_equal(label, "Huisbezoek");
    assert_int_equal(form_key(&f, LE_BACKSPACE), FORM_CHANGED);
    assert_string_equal(form_text(&f, 1), "");
    form_set(&f, 1, "fax");
    form_validate(&f, 0);
    assert_string_equal(f.fields[1].error, "'fax' staat niet in de lijst; kies met de spatiebalk.");
    form_set(&f, 1, "telefoon,huisbezoek");
    form_validate(&f, 0);
    assert_string_equal(f.fields[1].error, "Kies één waarde.");
    form_set(&f, 6, "jongere,statushouder");
    form_validate(&f, 0);
    assert_string_equal(f.fields[6].error, "");
    form_choice_label(&f, 6, label, sizeof label);
    assert_string_equal(label, "Jongere, Statushouder");
    form_free(&f);
}

static void yes_no_takes_j_n_and_space(void **state)
{
    (void)state;
    struct form f;
    setup_form(&f);
    f.focus = 5;
    assert_int_equal(form_key(&f, 'j'), FORM_CHANGED);
    assert_true(form_yes(&f, 5));
    assert_int_equal(form_key(&f, 'j'), FORM_NOTHING);
    assert_int_equal(form_key(&f, ' '), FORM_CHANGED);
    assert_string_equal(form_text(&f, 5), "nee");
    assert_int_equal(form_key(&f, 'q'), FORM_NOTHING);
    assert_false(form_yes(&f, 5));
    form_free(&f);
}

static void a_draft_restores_every_value_with_newlines_and_equals(void **state)
{
    (void)state;
    struct form f, g;
    setup_form(&f);
    form_set(&f, 0, "1-3-2026");
    form_set(&f, 1, "telefoon");
    form_set(&f, 2, "a=b\\c\nverder; Łukasz, Ölçer");
    form_set(&f, 6, "jongere,55plus");
    char *d = form_draft(&f);
    assert_non_null(d);
    setup_form(&g);
    form_restore(&g, d);
    assert_true(g.dirty);
    for (int i = 0; i < 7; i++)
        assert_string_equal(form_text(&g, i), form_text(&f, i));
    free(d);
    form_restore(&g, "unknown=1\ndate=2-3-2026\nbroken line\nsummary=not reached\n");
    assert_string_equal(form_text(&g, 0), "2-3-2026");
    assert_string_equal(form_text(&g, 2), "a=b\\c\nverder; Łukasz, Ölçer");
    form_free(&f);
    form_free(&g);
}

static const struct field_spec note_specs[] = {
    {"datum", "Datum", FT_DATE, 1, NULL, NULL},
    {"verslag", "Verslag", FT_NOTE, 1, NULL, NULL},
    {"naam", "Naam", FT_TEXT, 0, NULL, NULL},
};

static void a_note_breaks_lines_and_up_down_go_over_its_rows_first(void **state)
{
    (void)state;
    struct form f;
    form_init(&f, "Contact", note_specs, 3, date_days(2026, 3, 1), NULL);
    assert_int_equal(f.focus, 0); /* a form opens on its first field */
    form_key(&f, FK_NEXT);
    type(&f, "eerste");
    assert_int_equal(form_key(&f, '\n'), FORM_CHANGED);
    type(&f, "tweede");
    assert_string_equal(form_text(&f, 1), "eerste\ntweede");
    assert_int_equal(form_key(&f, FK_UP), FORM_MOVED); /* to the first row, same field */
    assert_int_equal(f.focus, 1);
    assert_int_equal(f.fields[1].edit.cursor, 6);
    assert_int_equal(form_key(&f, FK_UP), FORM_MOVED); /* past the first row: Datum */
    assert_int_equal(f.focus, 0);
    form_key(&f, FK_DOWN);
    form_key(&f, FK_DOWN); /* the second row */
    assert_int_equal(f.focus, 1);
    assert_int_equal(form_key(&f, FK_DOWN), FORM_MOVED); /* past the last row: Naam */
    assert_int_equal(f.focus, 2);
    assert_int_equal(form_key(&f, '\n'), FORM_NOTHING); /* a one-line field has no breaks */
    form_free(&f);
}

static void a_full_field_refuses_with_a_message_and_keeps_everything(void **state)
{
    (void)state;
    struct form f;
    form_init(&f, "Contact", note_specs, 3, date_days(2026, 3, 1), NULL);
    f.focus = 1;
    for (int i = 0; i < TEXTEDIT_NOTE_MAX; i++)
        form_key(&f, i % 7 == 6 ? ' ' : 'a');
    assert_int_equal(f.fields[1].edit.chars, TEXTEDIT_NOTE_MAX);
    assert_int_equal(form_key(&f, 'b'), FORM_REFUSED);
    assert_int_equal(strlen(form_text(&f, 1)), TEXTEDIT_NOTE_MAX);
    char msg[200];
    form_refusal(&f, msg, sizeof msg);
    assert_string_equal(msg, "Verslag is vol: maximaal 10000 tekens. Er is niets afgeknipt; "
                             "kort de tekst in om verder te typen.");
    f.focus = 2; /* a one-line field holds 500 */
    for (int i = 0; i < TEXTEDIT_LINE_MAX; i++)
        assert_int_equal(form_key(&f, 0x131 /* ı */), FORM_CHANGED);
    assert_int_equal(form_key(&f, 'x'), FORM_REFUSED);
    form_free(&f);
}

static void a_draft_keeps_a_long_report_whole_and_the_cursor_where_it_was(void **state)
{
    (void)state;
    struct form f, g;
    form_init(&f, "Contact", note_specs, 3, date_days(2026, 3, 1), NULL);
    form_init(&g, "Contact", note_specs, 3, date_days(2026, 3, 1), NULL);
    char report[1201];
    for (int i = 0; i < 1200; i++)
        report[i] = "Klant belde over de sollicitatie.\n"[i % 34];
    report[1200] = '\0';
    form_set(&f, 1, report);
    f.focus = 1;
    f.fields[1].edit.cursor = 700;
    char *d = form_draft(&f);
    assert_non_null(d);
    form_restore(&g, d);
    free(d);
    assert_string_equal(form_text(&g, 1), report); /* 1,200 characters, not 511 */
    assert_int_equal(g.focus, 1);
    assert_int_equal(g.fields[1].edit.cursor, 700);
    /* A cursor past the text stands at its end. */
    form_restore(&g, "_focus=verslag\n_cursor=99999\n");
    assert_int_equal(g.fields[1].edit.cursor, g.fields[1].edit.len);
    form_free(&f);
    form_free(&g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tab_moves_focus_round_and_marks_fields_touched),
        cmocka_unit_test(typing_changes_the_focused_field_and_makes_the_form_dirty),
        cmocka_unit_test(required_fields_and_types_are_validated_in_dutch),
        cmocka_unit_test(the_spec_check_runs_after_the_type_check),
        cmocka_unit_test(errors_show_once_left_or_after_a_save_attempt),
        cmocka_unit_test(choice_fields_take_codes_from_the_picker_only),
        cmocka_unit_test(a_refused_value_keeps_its_message_until_it_changes),
        cmocka_unit_test(yes_no_takes_j_n_and_space),
        cmocka_unit_test(a_draft_restores_every_value_with_newlines_and_equals),
        cmocka_unit_test(a_note_breaks_lines_and_up_down_go_over_its_rows_first),
        cmocka_unit_test(a_full_field_refuses_with_a_message_and_keeps_everything),
        cmocka_unit_test(a_draft_keeps_a_long_report_whole_and_the_cursor_where_it_was),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
