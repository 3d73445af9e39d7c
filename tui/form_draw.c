#include "tui/form_draw.h"

#include "tui/text.h"
#include "tui/theme.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#define LABEL_W 24

#define MSG_LINES 3

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

/* The first field drawn, so that the focused one and its message fit in h rows. */
static int first_shown(const struct form *f, int h, int w)
{
    int first = 0, used = 0;
    for (int i = 0; i <= f->focus; i++)
        used += 1 + msg_lines(f, i, w);
    while (used > h && first < f->focus) {
        used -= 1 + msg_lines(f, first, w);
        first++;
    }
    return first;
}

/* The part of a long value that holds the cursor; returns the cursor's column. */
static int draw_value(const struct field *fd, int y, int x, int w, int focused)
{
    const char *t = fd->edit.text;
    size_t start = 0;
    char before[LINEEDIT_MAX];
    for (;;) {
        snprintf(before, sizeof before, "%.*s", (int)(fd->edit.cursor - start), t + start);
        if (!focused || text_width(before) < w || start >= fd->edit.cursor)
            break;
        do /* one whole character further */
            start++;
        while (start < fd->edit.cursor && ((unsigned char)t[start] & 0xC0) == 0x80);
    }
    text_draw(y, x, w, t + start, 1);
    return x + text_width(before);
}

void form_draw(const struct form *f, int y, int h, int w, int cursor[2])
{
    int cy = -1, cx = 0, row = y;
    char label[LABEL_W + 8], shown[400];
    int vw = w - LABEL_W - 1;
    for (int i = first_shown(f, h, vw); i < f->n && row < y + h; i++) {
        const struct field *fd = &f->fields[i];
        int focused = i == f->focus;
        snprintf(label, sizeof label, "%s %s", fd->spec->required ? "*" : " ", fd->spec->label);
        attrset(focused ? (int)A_BOLD : theme_attr(TH_NORMAL));
        text_draw(row, 0, LABEL_W, label, 1);
        attrset(focused ? theme_attr(TH_SELECTED) : theme_attr(TH_NORMAL));
        enum field_type t = fd->spec->type;
        if (t == FT_CHOICE || t == FT_MULTI) {
            form_choice_label(f, i, shown, sizeof shown);
            if (!*shown && focused)
                snprintf(shown, sizeof shown, "(spatie: kiezen uit de lijst)");
            text_draw(row, LABEL_W, vw, shown, 1);
        } else if (t == FT_YESNO && !fd->edit.len && focused) {
            text_draw(row, LABEL_W, vw, "(j of n)", 1);
        } else {
            int c = draw_value(fd, row, LABEL_W, vw, focused);
            if (focused && t != FT_YESNO) {
                cy = row;
                cx = c;
            }
        }
        attrset(theme_attr(TH_NORMAL));
        row++;
        message(f, i, shown, sizeof shown);
        size_t st[MSG_LINES], ln[MSG_LINES];
        int n = *shown ? text_wrap(shown, vw, st, ln, MSG_LINES) : 0;
        attrset(*form_shown_error(f, i) ? theme_attr(TH_OVERDUE) : theme_attr(TH_DUE_SOON));
        for (int k = 0; k < n && row < y + h; k++) {
            char part[400];
            snprintf(part, sizeof part, "%s%.*s", k ? "  " : "", (int)ln[k], shown + st[k]);
            text_draw(row++, LABEL_W, vw, part, 1);
        }
        attrset(theme_attr(TH_NORMAL));
    }
    cursor[0] = cy;
    cursor[1] = cx < w ? cx : w - 1;
}
