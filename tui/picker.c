#include "tui/picker.h"

#include "core/codes.h"
#include "core/utf8.h"
#include "tui/text.h"
#include "tui/theme.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

void picker_init(struct picker *p, const char *title, const struct form_option *o, size_t n,
                 int multi, const char *current)
{
    memset(p, 0, sizeof *p);
    p->title = title;
    p->options = o;
    p->n = n < sizeof p->marked ? (int)n : (int)sizeof p->marked;
    p->multi = multi;
    p->list.count = p->n;
    p->list.height = 10;
    int first = -1;
    for (int i = 0; i < p->n; i++) {
        if (codes_contains(current, o[i].code)) {
            p->marked[i] = (unsigned char)multi;
            if (first < 0)
                first = i;
        }
    }
    p->list.selected = first < 0 ? 0 : first;
    list_clamp(&p->list);
}

/* Does the label begin with the typed letter? Folded as search folds (core/utf8), so a
 * plain 'o' finds Ömer and 's' Şahin. */
static int begins_with(const char *label, long key)
{
    char typed[5] = {0}, k[8], l[8];
    typed[utf8_encode((unsigned long)key, typed)] = '\0';
    utf8_fold(typed, k, sizeof k);
    utf8_fold(label, l, sizeof l);
    return strncmp(l, k, strlen(k)) == 0;
}

static int jump(struct picker *p, long key)
{
    for (int k = 1; k <= p->n; k++) {
        int i = (p->list.selected + k) % p->n;
        if (begins_with(p->options[i].label, key)) {
            p->list.selected = i;
            list_clamp(&p->list);
            return 1;
        }
    }
    return 0;
}

enum picker_result picker_key(struct picker *p, enum action a, long key)
{
    if (key == '\n' || key == '\r' || key == KEY_ENTER)
        return p->n > 0 || p->multi ? PICK_DONE : PICK_CANCEL;
    if (key == 27)
        return PICK_CANCEL;
    if (key == ' ' && p->multi && p->n > 0) {
        p->marked[p->list.selected] ^= 1;
        return PICK_GOING;
    }
    if (key > ' ' && key != 127 && key <= 0x10FFFF && !(key >= 0xD800 && key <= 0xDFFF)) {
        jump(p, key); /* a letter only moves; Space or Enter chooses */
        return PICK_GOING;
    }
    list_handle(&p->list, a);
    return PICK_GOING;
}

void picker_result(const struct picker *p, char *out, size_t n)
{
    size_t k = 0;
    out[0] = '\0';
    if (!p->multi) {
        if (p->n > 0)
            snprintf(out, n, "%s", p->options[p->list.selected].code);
        return;
    }
    int any = 0;
    for (int i = 0; i < p->n; i++)
        any |= p->marked[i];
    for (int i = 0; i < p->n && k < n; i++) {
        /* Nothing marked: Enter takes the highlighted one, as in a single choice. */
        if (any ? !p->marked[i] : i != p->list.selected)
            continue;
        int w = snprintf(out + k, n - k, "%s%s", k ? "," : "", p->options[i].code);
        k += w > 0 ? (size_t)w : 0;
    }
}

static void draw_option(int row, int selected, int y, int w, void *ctx)
{
    struct picker *p = ctx;
    char buf[220];
    snprintf(buf, sizeof buf, "%s%s", p->multi ? (p->marked[row] ? "[x] " : "[ ] ") : "",
             p->options[row].label);
    attrset(selected ? theme_attr(TH_SELECTED) : theme_attr(TH_NORMAL));
    text_draw(y, p->x, 1, "", 1);
    text_draw(y, p->x + 1, w - 2, buf, 1);
    attrset(theme_attr(TH_NORMAL));
}

void picker_draw(struct picker *p, int y, int x, int h)
{
    char t[200];
    snprintf(t, sizeof t, " %s — %s ", p->title,
             p->multi ? "Spatie: aan/uit, Enter: klaar, Esc: "
                        "terug"
                      : "Enter: kiezen, Esc: terug");
    int tw = text_width(t);
    if (COLS - x - 2 < tw) /* further left rather than cut the keys it says */
        x = COLS - 2 - tw > 0 ? COLS - 2 - tw : 0;
    p->x = x;
    int w = COLS - x - 2;
    attrset(theme_attr(TH_TITLE));
    text_draw(y, x, w, t, 1);
    attrset(theme_attr(TH_NORMAL));
    p->list.height = h - 1 < p->n ? h - 1 : p->n;
    if (p->list.height < 1)
        p->list.height = 1;
    list_clamp(&p->list);
    for (int i = 0; i < p->list.height; i++)
        text_draw(y + 1 + i, x, w, "", 1);
    list_draw(&p->list, y + 1, w, draw_option, p);
    if (p->n == 0)
        text_draw(y + 1, x + 1, w - 2, "(geen keuzes in de catalogus)", 1);
}
