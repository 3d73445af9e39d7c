#include "tui/form_draw.h"

#include "tui/text.h"
#include "tui/theme.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MSG_LINES 3
#define MIN_VALUE_W 30 /* narrower than this beside the labels: values go under them */
#define NOTE_ROWS 3    /* rows an unfocused note shows before "(nog N regels)" */

/* Where labels and values go at width w: a label column as wide as the longest label
 * (in display columns, with the '*' mark and a space after), values beside it; or, when
 * that leaves values too little room, every value on the rows under its label. */
struct layout {
    int value_x, value_w, stacked;
};

static void layout(const struct form *f, int w, struct layout *l)
{
    int longest = 0;
    for (int i = 0; i < f->n; i++) {
        int lw = 2 + text_width(f->fields[i].spec->label);
        longest = lw > longest ? lw : longest;
    }
    l->stacked = longest + 1 + MIN_VALUE_W > w;
    l->value_x = l->stacked ? 4 : longest + 1;
    l->value_w = w - l->value_x;
}

int form_draw_value_x(const struct form *f, int w)
{
    struct layout l;
    layout(f, w, &l);
    return l.value_x;
}

/* The message under a field: its error, else its advice, with the mark that says which. */
static void message(const struct form *f, int i, char *out, size_t n)
{
    const char *e = form_shown_error(f, i);
    out[0] = '\0';
    if (*e || *f->fields[i].hint)
        snprintf(out, n, "%s %s", *e ? "!" : "*", *e ? e : f->fields[i].hint);
}

static int msg_lines(const struct form *f, int i, int w)
{
    char m[400];
    size_t s[MSG_LINES], l[MSG_LINES];
    message(f, i, m, sizeof m);
    return *m ? text_wrap(m, w, s, l, MSG_LINES) : 0;
}

/* Rows a focused note may take of the form's h: room to write, and the fields around. */
static int focused_rows(int h)
{
    return h / 2 > NOTE_ROWS ? h / 2 : NOTE_ROWS;
}

/* Rows the value of field i takes: one, or a note's wrapped rows (at least NOTE_ROWS
 * while it is being written, at most NOTE_ROWS otherwise). */
static int value_rows(const struct form *f, int i, const struct layout *l, int h)
{
    const struct field *fd = &f->fields[i];
    if (fd->spec->type != FT_NOTE)
        return 1;
    struct textedit_row *r;
    int n = (int)textedit_wrap(fd->edit.text, fd->edit.len, l->value_w, &r);
    free(r);
    if (i == f->focus)
        return n < NOTE_ROWS ? NOTE_ROWS : n > focused_rows(h) ? focused_rows(h) : n;
    return n > NOTE_ROWS ? NOTE_ROWS : n < 1 ? 1 : n;
}

static int field_rows(const struct form *f, int i, const struct layout *l, int h)
{
    return l->stacked + value_rows(f, i, l, h) + msg_lines(f, i, l->value_w);
}

/* The first field drawn, so that the focused one and its message fit in h rows. */
static int first_shown(const struct form *f, const struct layout *l, int h)
{
    int first = 0, used = 0;
    for (int i = 0; i <= f->focus; i++)
        used += field_rows(f, i, l, h);
    while (used > h && first < f->focus) {
        used -= field_rows(f, first, l, h);
        first++;
    }
    return first;
}

/* The part of a long one-line value that holds the cursor; returns the cursor's column. */
static int draw_line(const struct field *fd, int y, int x, int w, int focused)
{
    const char *t = fd->edit.text;
    size_t start = 0, cur = fd->edit.cursor;
    while (focused && start < cur && textedit_width(t + start, cur - start) >= w) {
        do /* one whole character further */
            start++;
        while (start < cur && ((unsigned char)t[start] & 0xC0) == 0x80);
    }
    text_draw(y, x, w, t + start, 1);
    return x + textedit_width(t + start, cur - start);
}

/* A note's rows from its top; the focused one scrolled to keep the cursor in view, and
 * the cursor's place in cursor. An unfocused note that goes on says how far. */
static void draw_note(const struct field *fd, int y, int x, int w, int rows, int focused,
                      int cursor[2])
{
    struct textedit_row *r;
    size_t n = textedit_wrap(fd->edit.text, fd->edit.len, w, &r);
    if (n == 0)
        return;
    int col = 0;
    size_t cr = textedit_cursor_row(&fd->edit, r, n, &col);
    size_t top = focused && cr >= (size_t)rows ? cr - (size_t)rows + 1 : 0;
    for (int k = 0; k < rows; k++) {
        size_t i = top + (size_t)k;
        char *part = NULL;
        if (!focused && k == rows - 1 && n > top + (size_t)rows) {
            if (asprintf(&part, "(nog %zu regels; Tab erheen om alles te zien)",
                         n - top - (size_t)k) < 0)
                part = NULL;
            attrset(theme_attr(TH_MUTED));
        } else if (i < n &&
                   asprintf(&part, "%.*s", (int)r[i].len, fd->edit.text + r[i].start) < 0) {
            part = NULL;
        }
        text_draw(y + k, x, w, part ? part : "", 1);
        free(part);
    }
    if (focused) {
        cursor[0] = y + (int)(cr - top);
        cursor[1] = x + (col < w ? col : w - 1);
    }
    free(r);
}

/* The label (and a note's count of characters under it while it is written). */
static void draw_label(const struct form *f, int i, const struct layout *l, int row, int rows,
                       int w)
{
    const struct field *fd = &f->fields[i];
    int focused = i == f->focus;
    char label[300];
    snprintf(label, sizeof label, "%s %s", fd->spec->required ? "*" : " ", fd->spec->label);
    attrset(focused ? (int)A_BOLD : theme_attr(TH_NORMAL));
    int used = text_draw(row, 0, l->stacked ? w : l->value_x, label, !l->stacked);
    if (fd->spec->type != FT_NOTE || !focused)
        return;
    snprintf(label, sizeof label, "%zu/%zu tekens", fd->edit.chars, fd->edit.max);
    attrset(fd->edit.chars >= fd->edit.max ? theme_attr(TH_OVERDUE) : theme_attr(TH_MUTED));
    if (l->stacked)
        text_draw(row, used + 2 < w ? used + 2 : w, w - used - 2 > 0 ? w - used - 2 : 0, label, 0);
    else if (rows > 1)
        text_draw(row + 1, 2, l->value_x - 3, label, 1);
}

void form_draw(struct form *f, int y, int h, int w, int cursor[2])
{
    struct layout l;
    char shown[400];
    int row = y;
    cursor[0] = -1;
    cursor[1] = 0;
    layout(f, w, &l);
    for (int i = 0; i < f->n; i++)
        f->fields[i].edit.width = l.value_w; /* up and down go over the rows as drawn */
    for (int i = first_shown(f, &l, h); i < f->n && row < y + h; i++) {
        const struct field *fd = &f->fields[i];
        int focused = i == f->focus, rows = value_rows(f, i, &l, h);
        if (rows > y + h - row - l.stacked)
            rows = y + h - row - l.stacked;
        draw_label(f, i, &l, row, rows, w);
        row += l.stacked;
        if (rows < 1)
            break;
        attrset(focused ? theme_attr(TH_SELECTED) : theme_attr(TH_NORMAL));
        enum field_type t = fd->spec->type;
        if (t == FT_CHOICE || t == FT_MULTI) {
            form_choice_label(f, i, shown, sizeof shown);
            if (!*shown && focused)
                snprintf(shown, sizeof shown, "(spatie: kiezen uit de lijst; een letter springt)");
            text_draw(row, l.value_x, l.value_w, shown, 1);
        } else if (t == FT_YESNO && !fd->edit.len && focused) {
            text_draw(row, l.value_x, l.value_w, "(j of n)", 1);
        } else if (t == FT_NOTE) {
            draw_note(fd, row, l.value_x, l.value_w, rows, focused, cursor);
        } else {
            int c = draw_line(fd, row, l.value_x, l.value_w, focused);
            if (focused && t != FT_YESNO) {
                cursor[0] = row;
                cursor[1] = c;
            }
        }
        attrset(theme_attr(TH_NORMAL));
        row += rows;
        message(f, i, shown, sizeof shown);
        size_t st[MSG_LINES], ln[MSG_LINES];
        int n = *shown ? text_wrap(shown, l.value_w, st, ln, MSG_LINES) : 0;
        attrset(*form_shown_error(f, i) ? theme_attr(TH_OVERDUE) : theme_attr(TH_DUE_SOON));
        for (int k = 0; k < n && row < y + h; k++) {
            char part[400];
            snprintf(part, sizeof part, "%s%.*s", k ? "  " : "", (int)ln[k], shown + st[k]);
            text_draw(row++, l.value_x, l.value_w, part, 1);
        }
        attrset(theme_attr(TH_NORMAL));
    }
    if (cursor[1] >= w)
        cursor[1] = w - 1;
}
