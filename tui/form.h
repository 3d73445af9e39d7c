/* form.h: a form as a table of field descriptors (label, type, required, validator),
 * each field edited by the text editor (textedit.h): one line, or many for free text. Pure logic,
 * as the line editor: keys go in, focus and values change, validation fills a Dutch message per
 * field; drawing is in form_draw.c and saving belongs to whoever built the form. A form can be
 * written to a draft string and read back, so an interrupted form is never lost. */
#ifndef KV_TUI_FORM_H
#define KV_TUI_FORM_H

#include "tui/textedit.h"

#include <stddef.h>

struct kv_error;

enum field_type {
    FT_TEXT,   /* a short text on one line: a name, a number, an employer */
    FT_NOTE,   /* free text over many lines: a report, note, motivation, comment, goal */
    FT_DATE,   /* Dutch (1-3-2026) or ISO date */
    FT_NUMBER, /* a whole number 0..9999 */
    FT_MONEY,  /* euros: "1.234,56" */
    FT_CHOICE, /* one code from the options (picker) */
    FT_MULTI,  /* a comma list of codes from the options (multi-select picker) */
    FT_YESNO,  /* "ja" or "nee" */
};

struct form_option {
    char code[64];
    char label[160];
};

struct form;

/* Extra validation beyond the type: write a Dutch message to msg and return 0 when the
 * value is not acceptable. Called only for a non-empty value that passed the type check. */
typedef int (*field_check)(const struct form *f, int field, char *msg, size_t n);

/* For checks: when ok is false, write text to msg (n bytes). Returns ok. */
int form_ensure(int ok, char *msg, size_t n, const char *text);

/* The rules every writer obeys (core/rules.h) as checks of one field, with the rule's
 * own message, so a form refuses what storage would refuse and says it the same way. */
/* A date not after today (the field's label names it in the message). */
int form_rule_not_future(const struct form *f, int field, char *msg, size_t n);
/* A phone number, an e-mail address, a BSN with the elfproef. */
int form_rule_phone(const struct form *f, int field, char *msg, size_t n);
int form_rule_email(const struct form *f, int field, char *msg, size_t n);
int form_rule_bsn(const struct form *f, int field, char *msg, size_t n);
/* For checks built on another rule: ok when rc is KV_OK, else err's message to msg. */
int form_rule(int rc, const struct kv_error *err, char *msg, size_t n);

struct field_spec {
    const char *key;   /* stable name, for drafts */
    const char *label; /* Dutch */
    enum field_type type;
    int required;
    const char *catalogue; /* the catalogue kind that fills the options, or NULL */
    field_check check;
};

struct field {
    const struct field_spec *spec;
    struct textedit edit;              /* the value as typed; codes for CHOICE and MULTI */
    const struct form_option *options; /* borrowed; CHOICE and MULTI */
    size_t n_options;
    int touched;       /* left once: its error may be shown */
    char error[200];   /* "" when valid */
    char hint[300];    /* advice shown under the field (lint), "" for none */
    char refused[200]; /* why the database refused refused_value, "" for none */
    char refused_value[64];
};

#define FORM_MAX_FIELDS 24

struct form {
    const char *title;
    struct field fields[FORM_MAX_FIELDS];
    int n;
    int focus;
    int dirty;   /* changed since it was opened or restored */
    int tried;   /* a save was attempted: show every error */
    long letter; /* the letter that asked for the picker, 0: none */
    long today;  /* day number, for date checks */
    void *ctx;   /* the owner's, for checks */
};

/* Set up a form from n specs (at most FORM_MAX_FIELDS), on its first field. A note
 * holds TEXTEDIT_NOTE_MAX characters, any other field TEXTEDIT_LINE_MAX. */
void form_init(struct form *f, const char *title, const struct field_spec *specs, int n, long today,
               void *ctx);

/* Free the fields' texts (the form itself is the caller's). */
void form_free(struct form *f);

/* Field index by key, or -1. */
int form_find(const struct form *f, const char *key);

/* Set a value without marking the form dirty (defaults, or a record being edited). */
void form_set(struct form *f, int field, const char *value);
void form_set_options(struct form *f, int field, const struct form_option *o, size_t n);

enum form_result { FORM_NOTHING, FORM_CHANGED, FORM_MOVED, FORM_PICK, FORM_REFUSED };

enum form_key {
    FK_NEXT = -100,
    FK_PREV = -101,
    FK_UP = -102,
    FK_DOWN = -103,
    FK_TOGGLE = -104,
};

/* Apply a key: a code point or a lineedit_key edits the focused field (on a yes/no field
 * 'j' and 'n' set it and space toggles; '\n' breaks the line in a note); FK_NEXT/FK_PREV
 * move the focus and mark the field left as touched; FK_UP/FK_DOWN move over the rows of
 * a note and past its first or last row to the field before or after, as they do from
 * any other field. FK_TOGGLE or a space on a choice field asks for the picker, and so
 * does a letter (the picker then starts at the option it begins: form_pick_letter). A
 * note that is full refuses more with FORM_REFUSED (see form_refusal). */
enum form_result form_key(struct form *f, long key);

/* The letter that opened the picker on the focused choice field (0 for none), taken once. */
long form_pick_letter(struct form *f);

/* The Dutch message for a refused key: which field is full and at how many characters. */
void form_refusal(const struct form *f, char *msg, size_t n);

/* Validate every field (errors in field.error). Returns the number of invalid fields;
 * with mark_all the errors of untouched fields are shown too and the focus moves to
 * the first invalid one. */
int form_validate(struct form *f, int mark_all);

/* The database refused the field's value (a BSN another client has): the message stands
 * under the field, as the form's own checks do, while the value stays as it is, and the
 * cursor goes there. */
void form_refuse(struct form *f, int field, const char *msg);

/* The error to show for a field now: touched or after a save attempt. */
const char *form_shown_error(const struct form *f, int field);

/* Values. Empty text gives "". A date or number that does not parse gives NO_DATE/-1 and
 * 0 from form_money (validation catches those first). */
const char *form_text(const struct form *f, int field);
long form_date(const struct form *f, int field);
long form_number(const struct form *f, int field);
long long form_money(const struct form *f, int field);
int form_yes(const struct form *f, int field);

/* The label of the chosen option(s) of a CHOICE/MULTI field, written to out. */
void form_choice_label(const struct form *f, int field, char *out, size_t n);

/* A draft: "key=value" lines with \n, \\ and = escaped in values, the whole of every
 * value, and where the cursor stood (_focus: the field's key, _cursor: the byte offset).
 * form_draft returns a malloc'ed string (NULL on no memory); form_restore sets the fields
 * it names, puts the cursor back and marks the form dirty; unknown keys are skipped. */
char *form_draft(const struct form *f);
void form_restore(struct form *f, const char *draft);

#endif
