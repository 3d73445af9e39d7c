#include "tui/form.h"

#include "core/casefile.h"
#include "core/codes.h"
#include "core/date.h"
#include "core/money.h"
#include "core/rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int form_ensure(int ok, char *msg, size_t n, const char *text)
{
    if (!ok)
        snprintf(msg, n, "%s", text);
    return ok;
}

int form_rule(int rc, const struct kv_error *err, char *msg, size_t n)
{
    return form_ensure(rc == KV_OK, msg, n, err->msg);
}

int form_rule_not_future(const struct form *f, int field, char *msg, size_t n)
{
    struct kv_error err;
    return form_rule(
        rules_not_future(form_date(f, field), f->today, f->fields[field].spec->label, &err), &err,
        msg, n);
}

int form_rule_phone(const struct form *f, int field, char *msg, size_t n)
{
    struct kv_error err;
    return form_rule(rules_phone(form_text(f, field), &err), &err, msg, n);
}

int form_rule_email(const struct form *f, int field, char *msg, size_t n)
{
    struct kv_error err;
    return form_rule(rules_email(form_text(f, field), &err), &err, msg, n);
}

int form_rule_bsn(const struct form *f, int field, char *msg, size_t n)
{
    struct kv_error err;
    char bsn[BSN_LEN + 1];
    return form_rule(rules_bsn(form_text(f, field), bsn, &err), &err, msg, n);
}

void form_init(struct form *f, const char *title, const struct field_spec *specs, int n, long today,
               void *ctx)
{
    memset(f, 0, sizeof *f);
    f->title = title;
    f->n = n < FORM_MAX_FIELDS ? n : FORM_MAX_FIELDS;
    f->today = today;
    f->ctx = ctx;
    for (int i = 0; i < f->n; i++) {
        int note = specs[i].type == FT_NOTE;
        f->fields[i].spec = &specs[i];
        textedit_init(&f->fields[i].edit, "", note ? TEXTEDIT_NOTE_MAX : TEXTEDIT_LINE_MAX, note);
    }
}

void form_free(struct form *f)
{
    for (int i = 0; i < f->n; i++)
        textedit_free(&f->fields[i].edit);
}

int form_find(const struct form *f, const char *key)
{
    for (int i = 0; i < f->n; i++)
        if (strcmp(f->fields[i].spec->key, key) == 0)
            return i;
    return -1;
}

void form_set(struct form *f, int field, const char *value)
{
    if (field >= 0 && field < f->n)
        textedit_set(&f->fields[field].edit, value ? value : "");
}

void form_set_options(struct form *f, int field, const struct form_option *o, size_t n)
{
    if (field >= 0 && field < f->n) {
        f->fields[field].options = o;
        f->fields[field].n_options = n;
    }
}

static int move_focus(struct form *f, int to)
{
    if (to < 0 || to >= f->n || to == f->focus)
        return 0;
    f->fields[f->focus].touched = 1;
    f->focus = to;
    return 1;
}

/* Up and down go over a note's rows first; past its edge, as from any field, to the
 * field before or after. */
static enum form_result vertical(struct form *f, struct field *fd, long key)
{
    int down = key == FK_DOWN;
    if (fd->spec->type == FT_NOTE) {
        enum textedit_result r = textedit_key(&fd->edit, down ? TE_DOWN : TE_UP);
        if (r != TE_EDGE)
            return r == TE_MOVED ? FORM_MOVED : FORM_NOTHING;
    }
    return move_focus(f, (f->focus + (down ? 1 : f->n - 1)) % f->n) ? FORM_MOVED : FORM_NOTHING;
}

static int is_letter(long key)
{
    return key > ' ' && key != 127 && key <= 0x10FFFF;
}

long form_pick_letter(struct form *f)
{
    long l = f->letter;
    f->letter = 0;
    return l;
}

void form_refusal(const struct form *f, char *msg, size_t n)
{
    const struct field *fd = &f->fields[f->focus];
    snprintf(msg, n,
             "%s is vol: maximaal %zu tekens. Er is niets afgeknipt; kort de tekst in "
             "om verder te typen.",
             fd->spec->label, fd->edit.max);
}

enum form_result form_key(struct form *f, long key)
{
    if (f->n == 0)
        return FORM_NOTHING;
    struct field *fd = &f->fields[f->focus];
    switch (key) {
    case FK_NEXT:
        return move_focus(f, (f->focus + 1) % f->n) ? FORM_MOVED : FORM_NOTHING;
    case FK_PREV:
        return move_focus(f, (f->focus + f->n - 1) % f->n) ? FORM_MOVED : FORM_NOTHING;
    case FK_UP:
    case FK_DOWN:
        return vertical(f, fd, key);
    default:
        break;
    }
    enum field_type t = fd->spec->type;
    if (t == FT_CHOICE || t == FT_MULTI) {
        /* Codes come from the picker only, so a stored code is always a known one;
         * Backspace or Ctrl-U clears an optional choice. A letter opens the picker at
         * the option it begins; it ticks nothing. */
        if (key == FK_TOGGLE || key == ' ')
            return FORM_PICK;
        if (is_letter(key)) {
            f->letter = key;
            return FORM_PICK;
        }
        if ((key == LE_BACKSPACE || key == LE_KILL_LINE || key == LE_DELETE) && fd->edit.len) {
            textedit_set(&fd->edit, "");
            f->dirty = 1;
            return FORM_CHANGED;
        }
        return FORM_NOTHING;
    }
    if (t == FT_YESNO) {
        const char *v = fd->edit.text;
        const char *nv = key == 'j' || key == 'J'         ? "ja"
                         : key == 'n' || key == 'N'       ? "nee"
                         : key == ' ' || key == FK_TOGGLE ? (strcmp(v, "ja") == 0 ? "nee" : "ja")
                                                          : NULL;
        if (nv == NULL || strcmp(nv, v) == 0)
            return FORM_NOTHING;
        textedit_set(&fd->edit, nv);
        f->dirty = 1;
        return FORM_CHANGED;
    }
    if (key == FK_TOGGLE)
        return FORM_NOTHING;
    switch (textedit_key(&fd->edit, key)) {
    case TE_CHANGED:
        f->dirty = 1;
        return FORM_CHANGED;
    case TE_REFUSED:
        return FORM_REFUSED;
    case TE_MOVED:
        return FORM_MOVED;
    default:
        return FORM_NOTHING;
    }
}

static const struct form_option *option(const struct field *fd, const char *code, size_t len)
{
    for (size_t i = 0; i < fd->n_options; i++)
        if (strlen(fd->options[i].code) == len && strncmp(fd->options[i].code, code, len) == 0)
            return &fd->options[i];
    return NULL;
}

static int parse_number(const char *s, long *out)
{
    char *end;
    if (*s < '0' || *s > '9')
        return 0;
    long v = strtol(s, &end, 10);
    if (*end != '\0' || v > 9999)
        return 0;
    *out = v;
    return 1;
}

/* The type's own check; the message quotes the value. */
static int check_value(const struct field *fd, char *msg, size_t n);

/* msg and the field's value live in one struct: compose apart, then copy. */
static int check_type(const struct field *fd, char *msg, size_t n)
{
    char out[sizeof fd->error];
    out[0] = '\0';
    int ok = check_value(fd, out, sizeof out);
    if (!ok)
        snprintf(msg, n, "%s", out);
    return ok;
}

static int check_value(const struct field *fd, char *msg, size_t n)
{
    const char *v = fd->edit.text;
    long d;
    long long c;
    switch (fd->spec->type) {
    case FT_DATE:
        if (date_parse(v, &d))
            return 1;
        snprintf(msg, n, "'%s' is geen datum; schrijf bijvoorbeeld 1-3-2026.", v);
        return 0;
    case FT_NUMBER:
        if (parse_number(v, &d))
            return 1;
        snprintf(msg, n, "'%s' is geen heel getal van 0 tot 9999.", v);
        return 0;
    case FT_MONEY:
        if (money_parse(v, &c) && c >= 0)
            return 1;
        snprintf(msg, n, "'%s' is geen bedrag; schrijf bijvoorbeeld 1.250,00.", v);
        return 0;
    case FT_YESNO:
        if (strcmp(v, "ja") == 0 || strcmp(v, "nee") == 0)
            return 1;
        snprintf(msg, n, "Kies ja of nee (j/n).");
        return 0;
    case FT_CHOICE:
    case FT_MULTI: {
        size_t len;
        for (const char *p = v, *code; codes_next(&p, &code, &len);) {
            if (option(fd, code, len) == NULL) {
                snprintf(msg, n, "'%.*s' staat niet in de lijst; kies met de spatiebalk.",
                         (int)(len < 60 ? len : 60), code);
                return 0;
            }
            if (fd->spec->type == FT_CHOICE && code[len] == ',') {
                snprintf(msg, n, "Kies één waarde.");
                return 0;
            }
        }
        return 1;
    }
    case FT_TEXT:
    case FT_NOTE:
        return 1;
    }
    return 1;
}

void form_refuse(struct form *f, int field, const char *msg)
{
    if (field < 0 || field >= f->n)
        return;
    struct field *fd = &f->fields[field];
    snprintf(fd->refused, sizeof fd->refused, "%s", msg);
    snprintf(fd->refused_value, sizeof fd->refused_value, "%s", fd->edit.text);
    snprintf(fd->error, sizeof fd->error, "%s", msg);
    fd->touched = 1;
    f->focus = field;
}

int form_validate(struct form *f, int mark_all)
{
    int bad = 0, first = -1;
    for (int i = 0; i < f->n; i++) {
        struct field *fd = &f->fields[i];
        fd->error[0] = '\0';
        if (fd->edit.len == 0) {
            if (fd->spec->required)
                snprintf(fd->error, sizeof fd->error, "%s is verplicht.", fd->spec->label);
        } else if (check_type(fd, fd->error, sizeof fd->error) && fd->spec->check) {
            fd->spec->check(f, i, fd->error, sizeof fd->error);
        }
        if (!fd->error[0] && fd->refused[0] && strcmp(fd->edit.text, fd->refused_value) == 0)
            memcpy(fd->error, fd->refused, sizeof fd->error); /* the same size, terminated */
        if (fd->error[0]) {
            bad++;
            if (first < 0)
                first = i;
        }
    }
    if (mark_all) {
        f->tried = 1;
        if (first >= 0)
            f->focus = first;
    }
    return bad;
}

const char *form_shown_error(const struct form *f, int field)
{
    const struct field *fd = &f->fields[field];
    return (fd->touched || f->tried) ? fd->error : "";
}

const char *form_text(const struct form *f, int field)
{
    return field >= 0 && field < f->n ? f->fields[field].edit.text : "";
}

long form_date(const struct form *f, int field)
{
    long d;
    return date_parse(form_text(f, field), &d) ? d : NO_DATE;
}

long form_number(const struct form *f, int field)
{
    long v;
    return parse_number(form_text(f, field), &v) ? v : -1;
}

long long form_money(const struct form *f, int field)
{
    long long c;
    return money_parse(form_text(f, field), &c) ? c : 0;
}

int form_yes(const struct form *f, int field)
{
    return strcmp(form_text(f, field), "ja") == 0;
}

void form_choice_label(const struct form *f, int field, char *out, size_t n)
{
    const struct field *fd = &f->fields[field];
    size_t k = 0;
    out[0] = '\0';
    const char *code;
    size_t len;
    for (const char *p = fd->edit.text; k < n && codes_next(&p, &code, &len);) {
        const struct form_option *o = option(fd, code, len);
        int w = o ? snprintf(out + k, n - k, "%s%s", k ? ", " : "", o->label)
                  : snprintf(out + k, n - k, "%s%.*s", k ? ", " : "", (int)len, code);
        k += w > 0 ? (size_t)w : 0;
    }
}

/* ---- drafts --------------------------------------------------------------------------- */

/* Where the cursor stood, kept with the draft under keys no field has. */
#define DRAFT_FOCUS "_focus"
#define DRAFT_CURSOR "_cursor"

char *form_draft(const struct form *f)
{
    size_t cap = 64 + (f->n ? strlen(f->fields[f->focus].spec->key) : 0) + 2 * 32;
    for (int i = 0; i < f->n; i++)
        cap += strlen(f->fields[i].spec->key) + 2 * f->fields[i].edit.len + 2;
    char *s = malloc(cap), *p = s;
    if (s == NULL)
        return NULL;
    *p = '\0';
    if (f->n)
        p += sprintf(p, DRAFT_FOCUS "=%s\n" DRAFT_CURSOR "=%zu\n", f->fields[f->focus].spec->key,
                     f->fields[f->focus].edit.cursor);
    for (int i = 0; i < f->n; i++) {
        p += sprintf(p, "%s=", f->fields[i].spec->key);
        for (const char *v = f->fields[i].edit.text; *v; v++) {
            if (*v == '\n' || *v == '\\' || *v == '=') {
                *p++ = '\\';
                *p++ = *v == '\n' ? 'n' : *v;
            } else {
                *p++ = *v;
            }
        }
        *p++ = '\n';
    }
    *p = '\0';
    return s;
}

/* Put the cursor back where the draft says it was, at a character boundary. */
static void restore_cursor(struct form *f, int field, const char *offset)
{
    if (field < 0)
        return;
    struct textedit *e = &f->fields[field].edit;
    char *end;
    unsigned long at = strtoul(offset, &end, 10);
    f->focus = field;
    if (*offset == '\0' || *end != '\0')
        return;
    if (at > e->len) /* the text is shorter than it was: its end */
        at = e->len;
    e->cursor = 0;
    while (e->cursor < at && textedit_key(e, LE_RIGHT) == TE_MOVED)
        ;
}

void form_restore(struct form *f, const char *draft)
{
    char key[64], cursor[32] = "";
    int focus = -1;
    const char *p = draft;
    char *val = malloc(draft ? strlen(draft) + 1 : 1);
    if (val == NULL)
        return;
    while (p && *p) {
        const char *eq = strchr(p, '=');
        const char *nl = strchr(p, '\n');
        if (eq == NULL || (nl && nl < eq))
            break;
        snprintf(key, sizeof key, "%.*s", (int)(eq - p < 63 ? eq - p : 63), p);
        size_t k = 0;
        for (p = eq + 1; *p && *p != '\n'; p++) {
            char c = *p;
            if (c == '\\' && p[1]) {
                c = *++p == 'n' ? '\n' : *p;
            }
            val[k++] = c;
        }
        val[k] = '\0';
        if (*p == '\n')
            p++;
        int i = form_find(f, key);
        if (i >= 0) {
            form_set(f, i, val);
            f->dirty = 1;
        } else if (strcmp(key, DRAFT_FOCUS) == 0) {
            focus = form_find(f, val);
        } else if (strcmp(key, DRAFT_CURSOR) == 0) {
            snprintf(cursor, sizeof cursor, "%s", val);
        }
    }
    free(val);
    restore_cursor(f, focus, cursor);
}
