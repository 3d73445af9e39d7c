/* app.c: the interactive application on an opened database: the frame (title, key bar, help), the
 * main loop with resize handling, the view stack (werkvoorraad, agenda, dossier), and the
 * layers over the top view (a form, the help, the search...: enum layer_kind). The home view is the
 * caseload (werkvoorraad) for casework roles, the team's caseload for a teamleider, the users for a
 * beheerder. */
#include "host/env.h"
#include "host/priv.h"
#include "host/prompt.h"
#include "host/report.h"
#include "core/date.h"
#include "core/utf8.h"
#include "crypto/secmem.h"
#include "storage/access.h"
#include "storage/audit.h"
#include "storage/caseload.h"
#include "storage/catalogue.h"
#include "storage/config.h"
#include "storage/drafts.h"
#include "storage/offline.h"
#include "storage/users.h"
#include "storage/login.h"
#include "tui/actions.h"
#include "tui/form_draw.h"
#include "tui/forms.h"
#include "tui/lineedit.h"
#include "tui/list.h"
#include "tui/picker.h"
#include "tui/text.h"
#include "tui/theme.h"
#include "tui/tui.h"
#include "tui/view.h"

#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define MIN_COLS 80
#define MIN_LINES 24

#define MAX_VIEWS 4

/* What has the keyboard, as a stack: the view at the bottom (always there), over it what
 * opened on it: a form, the form's picker or its "discard?" question, the help, the
 * search or the view's question, the offered draft. Only the top one gets the keys; the
 * screen is drawn from the highest layer that covers the body (opaque) upwards, and the
 * status line belongs to the highest layer that takes it. */
enum layer_kind {
    LAYER_VIEW,
    LAYER_FORM,
    LAYER_PICKER,
    LAYER_CONFIRM,
    LAYER_HELP,
    LAYER_SEARCH,
    LAYER_PROMPT,
    LAYER_OFFER,
    LAYER_COUNT
};

#define MAX_LAYERS 8

struct app;

struct layer {
    int opaque; /* draws the whole body: the layers below it are not drawn */
    /* The body between the title and the status line, over the layer below; NULL: none. */
    void (*draw)(struct app *a, int cursor[2]);
    /* The lines above the bar; 1 when this layer took them, 0 (or NULL) leaves them to
     * the layer below. cursor: where the cursor stands, {-1, 0} for none. */
    int (*status)(struct app *a, int cursor[2]);
    /* A key while this layer is on top; 1 when the application should end. */
    int (*key)(struct app *a, int is_key, wint_t k);
};

static const struct layer layer_table[LAYER_COUNT]; /* defined after the handlers */

struct app {
    struct db *db;
    struct view *view; /* the top of the stack */
    struct list list;
    struct view *below[MAX_VIEWS]; /* views to return to, with their list state */
    struct list below_list[MAX_VIEWS];
    int depth;
    enum layer_kind layer[MAX_LAYERS]; /* layer[0] is LAYER_VIEW */
    int layers;
    int help_top;           /* the help's first line shown */
    struct lineedit search; /* kept after the search closes: it still filters the view */
    struct lineedit answer; /* the answer to the view's prompt */
    struct form_host *form; /* the open form (LAYER_FORM), or NULL */
    char form_client[160];  /* whose record the form writes */
    int pick_field;         /* the field LAYER_PICKER chooses for */
    struct picker picker;
    char status[600]; /* what the last action did, shown once */
    long today;
    int idle_seconds;       /* lock after this long without a key; 0: never */
    long long last_key;     /* idle_clock_ms of the last key */
    long seen_version;      /* db_data_version when the views last read the file */
    long seen_entry;        /* the audit log's newest entry when last looked at */
    int others_changed;     /* a colleague changed records since the views read the file */
    int told_others;        /* the status line said colleagues changed it since */
    int kept;               /* the open form is kept as a draft (locked) */
    struct draft offer;     /* a draft from an earlier session, offered at start */
    char offer_client[160]; /* whom it is about, as the question names it */
    char offline[120];      /* in an offline copy: since when, what waits for checkin */
};

/* Set by SIGHUP (the SSH connection dropped), SIGTERM and SIGINT; the main loop looks
 * at it between keys, so a save in progress always finishes first. */
static volatile sig_atomic_t stop_signal;

static void on_stop(int sig)
{
    stop_signal = sig;
}

static void layer_push(struct app *a, enum layer_kind k)
{
    if (a->layers < MAX_LAYERS)
        a->layer[a->layers++] = k;
}

static void layer_pop(struct app *a)
{
    if (a->layers > 1)
        a->layers--;
}

/* Take away layer k and everything over it (a form closes with its picker and help). */
static void layer_drop(struct app *a, enum layer_kind k)
{
    for (int i = 1; i < a->layers; i++)
        if (a->layer[i] == k) {
            a->layers = i;
            return;
        }
}

static enum layer_kind layer_top(const struct app *a)
{
    return a->layer[a->layers - 1];
}

static int context(const struct app *a)
{
    return a->form ? AC_FORM : a->view->ops->context ? a->view->ops->context : AC_LIST;
}

static void draw_title(const struct app *a)
{
    char t[512];
    if (a->form)
        snprintf(t, sizeof t, " klantvolg — %s%s%s — %s", a->form->form.title,
                 *a->form_client ? " — " : "", a->form_client, a->db->user);
    else if (a->offline[0])
        snprintf(t, sizeof t, " klantvolg — %s — %s — %s", a->offline, a->view->title, a->db->user);
    else {
        const char *role = role_label(a->db->role, "?");
        snprintf(t, sizeof t, " klantvolg — %s — %s — %s (%s)", a->view->title, a->db->path,
                 a->db->user, role);
        if (text_width(t) > COLS) { /* the file's name rather than a cut role */
            const char *base = strrchr(a->db->path, '/');
            snprintf(t, sizeof t, " klantvolg — %s — %s — %s (%s)", a->view->title,
                     base ? base + 1 : a->db->path, a->db->user, role);
        }
    }
    attrset(theme_attr(TH_TITLE));
    text_draw(0, 0, COLS, t, 1);
    attrset(theme_attr(TH_NORMAL));
}

/* Is the action offered here (bar and help): its context, the screen (the table's views),
 * the user's kind of role. */
static int offered(const struct app *a, const struct action_def *d)
{
    if (!(d->contexts & context(a)) || (d->who == AW_TEAM && !access_sees_all(a->db)) ||
        (d->who == AW_CASEWORK && !access_casework(a->db)))
        return 0;
    if (d->act == ACT_INFORMED && !a->form && a->view->ops->client == NULL)
        return 0; /* for any list of clients */
    return a->form || actions_on_view(d, a->view->kind);
}

#define BAR_MAX 48

/* The bottom bar lists the actions with a label offered here, in the table's order; when
 * they do not all fit, the least important (lowest rank, the later first) give way, so
 * at 80 columns a screen keeps its main keys. */
static void draw_bar(const struct app *a)
{
    int n, m = 0, x = 0, total = 0;
    const struct action_def *t = actions_table(&n);
    char items[BAR_MAX][96];
    int rank[BAR_MAX], width[BAR_MAX];
    for (int i = 0; i < n && m < BAR_MAX; i++) {
        if (t[i].label == NULL || !offered(a, &t[i]))
            continue;
        char keys[48];
        actions_key_label(&t[i], 1, keys, sizeof keys);
        snprintf(items[m], sizeof items[m], " %s %s ", keys, t[i].label);
        rank[m] = t[i].rank;
        width[m] = text_width(items[m]);
        total += width[m++];
    }
    while (total > COLS) {
        int drop = -1;
        for (int k = 0; k < m; k++)
            if (width[k] > 0 && (drop < 0 || rank[k] <= rank[drop]))
                drop = k;
        if (drop < 0)
            break;
        total -= width[drop];
        width[drop] = 0;
    }
    attrset(theme_attr(TH_BAR));
    for (int k = 0; k < m; k++)
        if (width[k] > 0 && x + width[k] <= COLS)
            x += text_draw(LINES - 1, x, COLS - x, items[k], 0);
    text_draw(LINES - 1, x, COLS - x, "", 1);
    attrset(theme_attr(TH_NORMAL));
}

/* Why a key does nothing here, said at once (before any form opens): a write key for a
 * role that reads along, an overview for a role that has none, a key of another screen.
 * Returns 1 (and the reason in the status) when the action is refused. */
static int refused(struct app *a, enum action act)
{
    const struct action_def *d = act == ACT_NONE ? NULL : actions_def(act);
    if (d == NULL || a->form)
        return 0;
    const char *role = role_label(a->db->role, "?");
    if (d->who == AW_CASEWORK && !access_casework(a->db))
        snprintf(a->status, sizeof a->status,
                 "Een %s leest mee maar wijzigt geen dossier: "
                 "dit legt de klantmanager (of consulent, jobcoach) vast.",
                 role);
    else if (d->who == AW_TEAM && !access_sees_all(a->db))
        snprintf(a->status, sizeof a->status,
                 "Dit is voor een teamleider of "
                 "kwaliteitsmedewerker.");
    else if (!actions_on_view(d, a->view->kind))
        snprintf(a->status, sizeof a->status,
                 "De toets voor '%s' werkt niet op dit scherm "
                 "(F1: de toetsen hier).",
                 d->name);
    else
        return 0;
    return 1;
}

static int is_movement(enum action a)
{
    return a == ACT_UP || a == ACT_DOWN || a == ACT_PAGE_UP || a == ACT_PAGE_DOWN ||
           a == ACT_HOME || a == ACT_END;
}

/* The help as lines: a line of help text is wrapped under its keys, never cut, so it
 * reads whole at 80 columns; a long help scrolls (help_top). */
#define HELP_LINES 400
struct help_text {
    char line[HELP_LINES][160];
    int n;
};

/* text wrapped at w columns from column indent; keys (may be "") stand before the first. */
static void help_add(struct help_text *h, const char *keys, const char *text, int indent, int w)
{
    size_t st[24], ln[24];
    int k = text_wrap(text, w - indent > 10 ? w - indent : 10, st, ln, 24);
    for (int i = 0; i < k && h->n < HELP_LINES; i++, h->n++) {
        char lead[48];
        snprintf(lead, sizeof lead, "%-*s", indent, i == 0 ? keys : "");
        snprintf(h->line[h->n], sizeof h->line[h->n], "%s%.*s", lead, (int)ln[i], text + st[i]);
    }
}

static void help_lines(const struct app *a, struct help_text *h, int w)
{
    int n, ctx = context(a);
    const struct action_def *t = actions_table(&n);
    char keys[48];
    h->n = 0;
    if (a->view->ops->legend != NULL && ctx != AC_FORM) { /* abbreviated columns spelled out */
        help_add(h, "", a->view->ops->legend, 0, w);
        help_add(h, "", " ", 0, w);
    }
    for (int i = 0; i < n; i++) {
        if (!offered(a, &t[i]) || is_movement(t[i].act))
            continue;
        actions_key_label(&t[i], ACTION_KEYS, keys, sizeof keys);
        help_add(h, keys, t[i].help, 17, w);
    }
    help_add(h, "",
             ctx != AC_FORM ? "↑/k ↓/j PgUp PgDn/Spatie Home/g End/G: bewegen door de lijst"
                            : "Pijlen, Home, End, Backspace, Delete en Ctrl-U bewerken het "
                              "veld; j/n of spatie op een ja/nee-veld",
             0, w);
}

/* The keys of this screen, from the table, under a line that says how to close it. */
static void draw_help(struct app *a)
{
    static struct help_text h;
    int rows = LINES - 7;
    help_lines(a, &h, COLS - 4);
    if (a->help_top > h.n - rows)
        a->help_top = h.n - rows;
    if (a->help_top < 0)
        a->help_top = 0;
    char head[200];
    snprintf(head, sizeof head,
             "Toetsen op dit scherm (F1, ? of Esc sluit deze hulp%s; alle "
             "toetsen: man klantvolg)",
             h.n > rows ? "; ↑ ↓ PgUp PgDn bladeren" : "");
    size_t st[2], ln[2]; /* two lines at 80 columns; the third is left empty */
    int nh = text_wrap(head, COLS - 4, st, ln, 2);
    for (int i = 0; i < nh; i++) {
        char part[200];
        snprintf(part, sizeof part, "%.*s", (int)ln[i], head + st[i]);
        text_draw(2 + i, 2, COLS - 4, part, 1);
    }
    for (int i = 0; i < rows && a->help_top + i < h.n; i++)
        text_draw(5 + i, 2, COLS - 4, h.line[a->help_top + i], 1);
    if (h.n > rows) {
        char pos[64];
        snprintf(pos, sizeof pos, "regels %d-%d van %d", a->help_top + 1,
                 a->help_top + rows < h.n ? a->help_top + rows : h.n, h.n);
        attrset(theme_attr(TH_MUTED));
        text_draw(1, COLS - text_width(pos) - 1, text_width(pos) + 1, pos, 0);
        attrset(theme_attr(TH_NORMAL));
    }
}

/* A key while the help is open: movement scrolls it; 1 when the key was used so. */
static int help_scroll(struct app *a, enum action act)
{
    int page = LINES - 7;
    switch (act) {
    case ACT_UP:
        a->help_top--;
        return 1;
    case ACT_DOWN:
        a->help_top++;
        return 1;
    case ACT_PAGE_UP:
        a->help_top -= page;
        return 1;
    case ACT_PAGE_DOWN:
        a->help_top += page;
        return 1;
    case ACT_HOME:
        a->help_top = 0;
        return 1;
    case ACT_END:
        a->help_top = HELP_LINES;
        return 1;
    default:
        return 0;
    }
}

static void draw_row(int row, int selected, int y, int w, void *ctx)
{
    struct view *v = ((struct app *)ctx)->view;
    v->ops->row(v, row, selected, y, w);
}

/* A line being typed (the search, the view's question), with the cursor in it. */
static void draw_line_input(const char *label, const struct lineedit *e, int cursor[2])
{
    char line[700];
    snprintf(line, sizeof line, "%s%s", label, e->text);
    text_draw(LINES - 2, 0, COLS, line, 1);
    char before[LINEEDIT_MAX + 64];
    snprintf(before, sizeof before, "%s%.*s", label, (int)e->cursor, e->text);
    int cx = text_width(before);
    cursor[0] = LINES - 2;
    cursor[1] = cx < COLS ? cx : COLS - 1;
}

static int search_status(struct app *a, int cursor[2])
{
    draw_line_input("Zoeken: ", &a->search, cursor);
    return 1;
}

static int prompt_status(struct app *a, int cursor[2])
{
    draw_line_input(a->view->prompt, &a->answer, cursor);
    return 1;
}

/* text, bold, wrapped over up to lines lines ending just above the bar. */
static void draw_above_bar(const char *text, int lines)
{
    char line[700];
    size_t st[3], ln[3];
    int n = text_wrap(text, COLS, st, ln, lines < 3 ? lines : 3);
    attrset(A_BOLD);
    for (int k = 0; k < n; k++) {
        snprintf(line, sizeof line, "%.*s", (int)ln[k], text + st[k]);
        text_draw(LINES - 1 - n + k, 0, COLS, line, 1);
    }
    attrset(theme_attr(TH_NORMAL));
}

static int offer_status(struct app *a, int cursor[2])
{
    char q[300];
    (void)cursor;
    snprintf(q, sizeof q, "Niet opgeslagen concept: %s %s, %.16s. Verder werken? (j/n)",
             a->offer.kind, a->offer_client, a->offer.saved_at);
    draw_above_bar(q, 2); /* two lines when the client's name needs them */
    return 1;
}

static int confirm_status(struct app *a, int cursor[2])
{
    (void)a;
    (void)cursor;
    attrset(A_BOLD);
    text_draw(LINES - 2, 0, COLS,
              "Er zijn wijzigingen die niet zijn opgeslagen. Weggooien? "
              "(j/n)",
              1);
    attrset(theme_attr(TH_NORMAL));
    return 1;
}

/* What the last action did, up to three lines (who changed what, when; a file's path);
 * 0 when there is nothing to say. */
static int status_message(const struct app *a)
{
    if (!a->status[0])
        return 0;
    draw_above_bar(a->status, 3);
    return 1;
}

static int form_status(struct app *a, int cursor[2])
{
    (void)cursor;
    if (status_message(a))
        return 1;
    attrset(theme_attr(TH_MUTED));
    const struct form *f = &a->form->form;
    text_draw(LINES - 2, 0, COLS,
              f->fields[f->focus].spec->type == FT_NOTE
                  ? "Tekstveld: Enter begint een nieuwe regel, Tab gaat naar het volgende veld."
                  : "* verplicht veld. Datums als 1-3-2026 of 2026-03-01; bedragen als 1.250,00.",
              1);
    attrset(theme_attr(TH_NORMAL));
    return 1;
}

/* The view's count line, or the status over it. */
static int view_status(struct app *a, int cursor[2])
{
    char line[700];
    (void)cursor;
    if (status_message(a))
        return 1;
    a->view->ops->count_line(a->view, line, sizeof line);
    size_t st[2], ln[2]; /* the line free under the list takes the rest */
    int n = text_wrap(line, COLS, st, ln, 2);
    attrset(theme_attr(TH_MUTED));
    for (int k = 0; k < n; k++) {
        char part[700];
        snprintf(part, sizeof part, "%.*s", (int)ln[k], line + st[k]);
        text_draw(LINES - 1 - n + k, 0, COLS, part, 1);
    }
    attrset(theme_attr(TH_NORMAL));
    return 1;
}

/* The help has the whole screen: no status line under it. */
static int help_status(struct app *a, int cursor[2])
{
    (void)a;
    (void)cursor;
    return 1;
}

/* Right on the line under the title: how far the list has been paged, when it is longer
 * than the screen. */
static void draw_position(const struct app *a)
{
    char pos[64];
    if (!list_position(&a->list, pos, sizeof pos))
        return;
    int w = text_width(pos);
    attrset(theme_attr(TH_MUTED));
    text_draw(1, COLS > w ? COLS - w - 1 : 0, w + 1, pos, 0);
    attrset(theme_attr(TH_NORMAL));
}

static void view_draw(struct app *a, int cursor[2])
{
    (void)cursor;
    a->view->ops->header(a->view, 2, COLS);
    a->list.height = LINES - 6;
    list_clamp(&a->list);
    list_draw(&a->list, 3, COLS, draw_row, a);
    draw_position(a);
}

static void form_layer_draw(struct app *a, int cursor[2])
{
    form_draw(&a->form->form, 2, LINES - 5, COLS, cursor);
}

/* The picker over the form's fields; the cursor is its selection, not the field's. */
static void picker_layer_draw(struct app *a, int cursor[2])
{
    picker_draw(&a->picker, 3, form_draw_value_x(&a->form->form, COLS), LINES - 7);
    cursor[0] = -1;
}

static void help_draw(struct app *a, int cursor[2])
{
    (void)cursor;
    draw_help(a);
}

static void draw(struct app *a)
{
    int cursor[2] = {-1, 0};
    erase();
    if (COLS < MIN_COLS || LINES < MIN_LINES) {
        char m[160];
        snprintf(m, sizeof m,
                 "Het venster is te klein (%dx%d); klantvolg heeft minstens %dx%d "
                 "nodig.",
                 COLS, LINES, MIN_COLS, MIN_LINES);
        size_t st[8], ln[8]; /* wrapped: at 60 columns the size it needs was cut off */
        int n = text_wrap(m, COLS > 0 ? COLS : 1, st, ln, LINES < 8 ? LINES : 8);
        for (int k = 0; k < n; k++) {
            char line[160];
            snprintf(line, sizeof line, "%.*s", (int)ln[k], m + st[k]);
            text_draw(k, 0, COLS, line, 0);
        }
        curs_set(0);
        refresh();
        return;
    }
    draw_title(a);
    int base = a->layers - 1;
    while (base > 0 && !layer_table[a->layer[base]].opaque)
        base--;
    for (int i = base; i < a->layers; i++)
        if (layer_table[a->layer[i]].draw)
            layer_table[a->layer[i]].draw(a, cursor);
    for (int i = a->layers - 1; i >= 0; i--) {
        const struct layer *l = &layer_table[a->layer[i]];
        if (l->status && l->status(a, cursor))
            break;
    }
    draw_bar(a);
    if (cursor[0] >= 0) {
        move(cursor[0], cursor[1]);
        curs_set(1);
    } else {
        curs_set(0);
    }
    refresh();
}

/* A key for the line editor, or 0 when it is not one. */
static long edit_key(int is_key, wint_t k)
{
    if (!is_key)
        return k == 127 || k == 8 ? LE_BACKSPACE : k == 21 ? LE_KILL_LINE : k >= 32 ? (long)k : 0;
    switch (k) {
    case KEY_LEFT:
        return LE_LEFT;
    case KEY_RIGHT:
        return LE_RIGHT;
    case KEY_HOME:
        return LE_HOME;
    case KEY_END:
        return LE_END;
    case KEY_BACKSPACE:
        return LE_BACKSPACE;
    case KEY_DC:
        return LE_DELETE;
    default:
        return 0;
    }
}

static int search_key(struct app *a, int is_key, wint_t k)
{
    if (!is_key && (k == '\n' || k == '\r')) {
        layer_pop(a); /* keep the filter */
        return 0;
    }
    if (!is_key && k == 27) {
        layer_pop(a);
        lineedit_init(&a->search, "");
    } else if (!lineedit_key(&a->search, edit_key(is_key, k))) {
        return 0;
    }
    a->list.count = a->view->ops->filter(a->view, a->search.text);
    a->list.selected = a->list.top = 0;
    return 0;
}

/* The view's question: Enter hands the line to the view, Esc drops it. */
static void take_view_news(struct app *a);

static int prompt_key(struct app *a, int is_key, wint_t k)
{
    if (!is_key && (k == '\n' || k == '\r')) {
        a->view->ops->answer(a->view, a->list.selected, a->answer.text, a->status,
                             sizeof a->status);
        take_view_news(a);
    } else if (!is_key && k == 27) {
        snprintf(a->status, sizeof a->status, "Niets veranderd.");
    } else {
        long e = edit_key(is_key, k);
        if (e)
            lineedit_key(&a->answer, e);
        return 0;
    }
    layer_pop(a);
    a->view->prompt = NULL;
    return 0;
}

/* ---- forms ----------------------------------------------------------------------------- */

static void push(struct app *a, struct view *child)
{
    a->below[a->depth] = a->view;
    a->below_list[a->depth++] = a->list;
    a->view = child;
    memset(&a->list, 0, sizeof a->list);
    a->list.count = child->rows;
}

/* After a save every view on the stack reads its data again, so lists, signals and the
 * dossier show what was just written. */
/* An offline copy says so in the title, with what is not checked in yet. */
static void refresh_offline(struct app *a)
{
    struct offline_state st;
    struct kv_error err;
    a->offline[0] = '\0';
    if (offline_state(a->db, &st, &err) != KV_OK || (!st.is_copy && !st.out))
        return;
    long day;
    char d[11] = "?";
    st.since[10] = '\0';
    if (date_parse(st.since, &day))
        date_format_nl(day, d);
    if (st.is_copy)
        snprintf(a->offline, sizeof a->offline, "offline kopie van %s, %ld %s niet ingecheckt", d,
                 st.pending, st.pending == 1 ? "wijziging" : "wijzigingen");
    else /* on the server, while one's caseload is out: edits here may meet edits there */
        snprintf(a->offline, sizeof a->offline, "uw werkvoorraad is uitgecheckt sinds %s", d);
}

/* Where the file stands: its data version and the log's newest entry (-1: unknown). */
static void file_now(struct app *a, long *version, long *entry)
{
    *version = db_data_version(a->db);
    *entry = -1;
    audit_changed_by_others(a->db, entry);
}

/* The views on the stack up to depth `upto` read their data again; after a save in one
 * client's file (client not 0), a view that can reads only that client. */
static void reload_stack(struct app *a, int upto, long client)
{
    struct kv_error err;
    int whole = upto == a->depth && client == 0;
    /* Before the reads: a colleague's commit during them is announced later, not lost. */
    long version = -1, entry = -1;
    if (whole)
        file_now(a, &version, &entry);
    refresh_offline(a);
    for (int i = 0; i <= upto; i++) {
        struct view *v = i == a->depth ? a->view : a->below[i];
        struct list *l = i == a->depth ? &a->list : &a->below_list[i];
        kv_error_clear(&err);
        int rc = KV_OK;
        if (client != 0 && v->ops->reload_client)
            rc = v->ops->reload_client(v, client, &err);
        else if (v->ops->reload)
            rc = v->ops->reload(v, &err);
        if (rc != KV_OK && !a->status[0])
            snprintf(a->status, sizeof a->status, "%s", err.msg);
        l->count = v->rows;
        list_clamp(l);
    }
    if (whole) { /* everything read: nothing behind any more */
        a->seen_version = version;
        a->seen_entry = entry;
        a->others_changed = a->told_others = 0;
    } else if (client != 0) {
        /* The save's own message took the status line: a colleague's change said before it
         * (and wiped by the next key) is said again, since the lists still lack it. */
        a->told_others = 0;
    }
}

/* Idle: a colleague's change since the views read the file is said once, with the key
 * that reads it (the lists are not read again by themselves: at 50,000 clients that would
 * be a tenth of a second every time anyone saves). Every commit to the file moves its
 * data version, also a colleague merely opening a dossier (the log's entry); the log tells
 * the two apart, else on a shared server the hint would stand there all day. */
static void notice_others(struct app *a)
{
    if (a->told_others || a->form != NULL || a->status[0])
        return;
    long v = db_data_version(a->db);
    if (v < 0 || v == a->seen_version)
        return;
    if (!a->others_changed) {
        /* A log that could not be read at the last look: every commit counts, as before. */
        int changed = a->seen_entry < 0 ? 1 : audit_changed_by_others(a->db, &a->seen_entry);
        if (changed == 0)
            a->seen_version = v; /* only read: nothing to look at until the next commit */
        if (changed <= 0)
            return;
        a->others_changed = 1;
    }
    a->told_others = 1;
    snprintf(a->status, sizeof a->status,
             "Collega's hebben intussen iets gewijzigd; Ctrl-R (F5) leest alles opnieuw.");
}

static void reload_views_after(struct app *a, long client)
{
    reload_stack(a, a->depth, client);
}

static void reload_views(struct app *a)
{
    reload_views_after(a, 0);
}

static void close_form(struct app *a)
{
    formhost_free(a->form);
    a->form = NULL;
    layer_drop(a, LAYER_FORM);
}

static void open_form(struct app *a, struct form_host *h, const char *client)
{
    a->form = h;
    layer_push(a, LAYER_FORM);
    snprintf(a->form_client, sizeof a->form_client, "%s", client);
    if (h->advise)
        h->advise(h);
}

static void save_form(struct app *a)
{
    struct kv_error err;
    char now[20];
    kv_error_clear(&err);
    if (env_now(now, &err) != KV_OK) {
        snprintf(a->status, sizeof a->status, "%s", err.msg);
        return;
    }
    if (formhost_save(a->form, a->db, now, &err) != KV_OK) {
        if (formhost_place_error(a->form, &err)) /* under its field, the cursor there */
            snprintf(a->status, sizeof a->status,
                     "Niet opgeslagen: zie de melding onder het "
                     "veld.");
        else if (a->db->sync_failed) /* committed, perhaps not on disk: it says so */
            snprintf(a->status, sizeof a->status, "%s", err.msg);
        else
            snprintf(a->status, sizeof a->status, "Niet opgeslagen: %s", err.msg);
        if (err.status == KV_ECONFLICT) /* behind the form, show what is stored now */
            reload_views(a);            /* (it keeps the status set above) */
        return;                         /* the form stays as typed */
    }
    snprintf(a->status, sizeof a->status, "%s", a->form->saved);
    /* A new client or a waarneming: on to that client's dossier. */
    long registered = a->form->client == 0 ? a->form->record : 0;
    int wrote = !a->form->no_write;
    /* One client's file changed, unless a handover of marked clients moved several. */
    long changed = a->form->no_draft ? 0 : a->form->client;
    close_form(a);
    if (wrote) {
        reload_views_after(a, changed);
    } else { /* a filter: the same data, other rows */
        a->list.count = a->view->rows;
        a->list.selected = a->list.top = 0;
    }
    if (registered && a->depth < MAX_VIEWS) {
        struct view *d = view_dossier_new(a->db, registered, a->today, &err);
        if (d != NULL)
            push(a, d);
    }
}

static void open_picker(struct app *a)
{
    struct form *f = &a->form->form;
    const struct field *fd = &f->fields[f->focus];
    if (fd->spec->type != FT_CHOICE && fd->spec->type != FT_MULTI)
        return;
    a->pick_field = f->focus;
    picker_init(&a->picker, fd->spec->label, fd->options, fd->n_options, fd->spec->type == FT_MULTI,
                fd->edit.text);
    long letter = form_pick_letter(f);
    if (letter) /* typed on the field: start at the option it begins */
        picker_key(&a->picker, ACT_NONE, letter);
    layer_push(a, LAYER_PICKER);
}

static void picker_in(struct app *a, int is_key, wint_t k)
{
    enum action act = actions_for_key((int)k, AC_LIST);
    long key = is_key ? (k == KEY_ENTER ? '\n' : 0) : (long)k;
    switch (picker_key(&a->picker, is_movement(act) ? act : ACT_NONE, key)) {
    case PICK_DONE: {
        char value[TEXTEDIT_LINE_MAX * 4 + 1];
        struct form *f = &a->form->form;
        picker_result(&a->picker, value, sizeof value);
        if (strcmp(value, form_text(f, a->pick_field)) != 0) {
            form_set(f, a->pick_field, value);
            f->dirty = 1;
            if (a->form->picked)
                a->form->picked(a->form, a->db, a->pick_field);
        }
        layer_pop(a);
        break;
    }
    case PICK_CANCEL:
        layer_pop(a);
        break;
    case PICK_GOING:
        break;
    }
}

/* After a key on the form or its picker: the messages under the fields, the advice. */
static void form_check(struct app *a)
{
    form_validate(&a->form->form, 0);
    if (a->form->advise)
        a->form->advise(a->form);
}

/* "Discard the changes?" over a form: j closes it, n or Esc goes back to it. */
static int confirm_key(struct app *a, int is_key, wint_t k)
{
    a->status[0] = '\0';
    if (!is_key && (k == 'j' || k == 'J'))
        close_form(a);
    else if (!is_key && (k == 'n' || k == 'N' || k == 27))
        layer_pop(a);
    return 0;
}

static int picker_layer_key(struct app *a, int is_key, wint_t k)
{
    a->status[0] = '\0';
    picker_in(a, is_key, k);
    form_check(a);
    return 0;
}

static int form_in(struct app *a, int is_key, wint_t k)
{
    struct form *f = &a->form->form;
    a->status[0] = '\0';
    int printable = !is_key && k >= 32 && k != 127;
    enum action act = printable ? ACT_NONE : actions_for_key((int)k, AC_FORM);
    int note = f->fields[f->focus].spec->type == FT_NOTE;
    if (note && (k == '\n' || k == '\r' || k == KEY_ENTER)) /* a new line, not a move */
        act = ACT_NONE;
    switch (act) {
    case ACT_SAVE:
        save_form(a);
        return 0;
    case ACT_CANCEL:
        if (f->dirty)
            layer_push(a, LAYER_CONFIRM);
        else
            close_form(a);
        return 0;
    case ACT_HELP:
        layer_push(a, LAYER_HELP);
        a->help_top = 0;
        return 0;
    case ACT_REDRAW:
        clear();
        return 0;
    case ACT_NEXT_FIELD:
        form_key(f, is_key && k == KEY_DOWN ? FK_DOWN : FK_NEXT);
        break;
    case ACT_PREV_FIELD:
        form_key(f, is_key && k == KEY_UP ? FK_UP : FK_PREV);
        break;
    case ACT_PICK:
        open_picker(a);
        break;
    default: {
        long e = note && (k == '\n' || k == '\r' || k == KEY_ENTER) ? '\n' : edit_key(is_key, k);
        enum form_result r = e ? form_key(f, e) : FORM_NOTHING;
        if (r == FORM_PICK)
            open_picker(a);
        else if (r == FORM_REFUSED)
            form_refusal(f, a->status, sizeof a->status);
    }
    }
    form_check(a);
    return 0;
}

/* A form on the chosen client: the ones every client has, or the view's own. */
static struct form_host *form_for(struct app *a, enum action act, const char **name,
                                  struct kv_error *err)
{
    struct view *v = a->view;
    if (act == ACT_FILTER) {
        *name = "";
        return v->ops->form ? v->ops->form(v, a->list.selected, act, err) : NULL;
    }
    if (act == ACT_NEW_CLIENT || act == ACT_WAARNEMING) {
        *name = "";
        if (v->ops->client == NULL) /* a list of users, not of clients */
            return NULL;
        return act == ACT_NEW_CLIENT ? forms_client_new(a->db, a->today, err)
                                     : forms_waarneming(a->db, a->today, err);
    }
    long client =
        v->ops->client && a->list.count > 0 ? v->ops->client(v, a->list.selected, name) : 0;
    if (act == ACT_REASSIGN)
        *name = ""; /* the form may be about several clients; its title says how many */
    if (client == 0) {
        kv_error_set(err, KV_EUSAGE, "no client", "Kies eerst een klant.");
        return NULL;
    }
    switch (act) {
    case ACT_CONTACT:
        return forms_contact(a->db, client, a->today, err);
    case ACT_PLAN:
        return forms_plan(a->db, client, a->today, err);
    case ACT_INTAKE:
        return forms_intake(a->db, client, a->today, err);
    case ACT_GOAL:
        return forms_goal(a->db, client, a->today, err);
    case ACT_INSTRUMENT:
        return forms_instrument_add(a->db, client, a->today, err);
    case ACT_OUTFLOW:
        return forms_outflow(a->db, client, a->today, err);
    case ACT_RETURN:
        return forms_return(a->db, client, a->today, err);
    case ACT_INFORMED:
        return forms_informed(a->db, client, a->today, err);
    default:
        return v->ops->form ? v->ops->form(v, a->list.selected, act, err) : NULL;
    }
}

static int opens_form(enum action act)
{
    return act == ACT_CONTACT || act == ACT_PLAN || act == ACT_GOAL || act == ACT_INSTRUMENT ||
           act == ACT_OUTFLOW || act == ACT_RETURN || act == ACT_END_INSTRUMENT ||
           act == ACT_EXTEND || act == ACT_NEW_CLIENT || act == ACT_INTAKE || act == ACT_FILTER ||
           act == ACT_EDIT_GOAL || act == ACT_WAARNEMING || act == ACT_REASSIGN ||
           act == ACT_INFORMED || act == ACT_EDIT_CLIENT;
}

/* ---- drafts, signals and the lock ------------------------------------------------------- */

/* An open form with something typed goes into the database as the user's draft. */
static void keep_form(struct app *a)
{
    struct kv_error err;
    char now[20];
    if (a->form == NULL || !a->form->form.dirty || db_is_locked(a->db))
        return;
    kv_error_clear(&err);
    if (env_now(now, &err) == KV_OK && forms_keep(a->db, a->form, now, &err) == KV_OK)
        a->kept = 1;
}

/* The passphrase typed on the lock screen, into guarded memory; 1 on Enter, -1 when a
 * stop signal came, 0 to keep reading. */
static int read_pass(char *buf, size_t *len, int *shown)
{
    wint_t k;
    int got = get_wch(&k);
    if (stop_signal)
        return -1;
    if (got == ERR || (got == KEY_CODE_YES && k != KEY_BACKSPACE && k != KEY_ENTER))
        return 0;
    if (k == '\n' || k == '\r' || k == KEY_ENTER)
        return 1;
    if (k == 127 || k == 8 || k == KEY_BACKSPACE) {
        while (*len > 0 && ((unsigned char)buf[--*len] & 0xC0) == 0x80)
            ;
        *shown = *shown > 0 ? *shown - 1 : 0;
    } else if (k == 21 || k == 27) { /* Ctrl-U, Esc: start again */
        *len = 0;
        *shown = 0;
    } else if (k >= 32 && *len + 4 < PASS_MAX) {
        *len += utf8_encode((unsigned long)k, buf + *len);
        (*shown)++;
    }
    buf[*len] = '\0';
    return 0;
}

static void draw_lock(const struct app *a, int shown, const char *msg)
{
    char line[700];
    erase();
    attrset(theme_attr(TH_TITLE));
    text_draw(0, 0, COLS, " klantvolg — vergrendeld", 1);
    attrset(theme_attr(TH_NORMAL));
    snprintf(line, sizeof line, "Wachtwoord voor %s (%s): ", a->db->user, a->db->path);
    int x = text_draw(3, 2, COLS - 4, line, 0);
    for (int i = 0; i < shown && 2 + x + i < COLS - 1; i++)
        mvaddch(3, 2 + x + i, '*');
    if (*msg) {
        attrset(theme_attr(TH_OVERDUE));
        text_draw(5, 2, COLS - 4, msg, 1);
        attrset(theme_attr(TH_NORMAL));
    }
    if (a->kept)
        text_draw(7, 2, COLS - 4, "Het open formulier is als concept in de database bewaard.", 1);
    move(3, 2 + x + shown < COLS ? 2 + x + shown : COLS - 1);
    curs_set(1);
    refresh();
}

/* Lock: keep the form as a draft, wipe the keys, ask for the passphrase. Returns 0 when
 * unlocked, or the exit code (3 after three wrong passphrases, 128+N on a signal). */
static int lock_screen(struct app *a)
{
    struct kv_error err;
    char msg[600] = "";
    keep_form(a);
    db_lock(a->db);
    char *buf = secmem_alloc(PASS_MAX);
    if (buf == NULL)
        return 1;
    size_t len = 0;
    int shown = 0, tries = 0, rc = 0;
    buf[0] = '\0';
    for (;;) {
        draw_lock(a, shown, msg);
        int r = read_pass(buf, &len, &shown);
        if (r < 0) {
            rc = 128 + stop_signal;
            break;
        }
        if (r == 0)
            continue;
        kv_error_clear(&err);
        if (db_unlock(a->db, buf, len, &err) == KV_OK)
            break;
        snprintf(msg, sizeof msg, "%s", err.msg);
        len = 0;
        shown = 0;
        buf[0] = '\0';
        if (++tries == LOGIN_TRIES || err.status != KV_EAUTH) {
            rc = err.status == KV_EAUTH ? KV_EAUTH : (int)err.status;
            break;
        }
    }
    secmem_free(buf);
    if (rc != 0)
        return rc;
    if (a->kept) { /* the form is still on screen: the draft is not needed */
        kv_error_clear(&err);
        drafts_drop(a->db, &err);
        a->kept = 0;
    }
    reload_views(a); /* colleagues may have changed things meanwhile */
    snprintf(a->status, sizeof a->status, "Ontgrendeld.");
    return 0;
}

/* Name the client of the offered draft, so the question says whose work it is. */
static void name_offer(struct app *a)
{
    struct caseload *cl = NULL;
    struct kv_error err;
    kv_error_clear(&err);
    if (a->offer.client == 0)
        snprintf(a->offer_client, sizeof a->offer_client, "(nieuwe klant)");
    else if (caseload_load_client(a->db, a->offer.client, &cl, &err) == KV_OK && cl->n > 0)
        snprintf(a->offer_client, sizeof a->offer_client, "voor %s", cl->clients[0].name);
    else
        snprintf(a->offer_client, sizeof a->offer_client, "voor klant %ld", a->offer.client);
    caseload_free(cl);
}

/* The answer to "continue with the draft?": j opens it (over the client's dossier),
 * n throws it away. */
static int offer_key(struct app *a, int is_key, wint_t k)
{
    struct kv_error err;
    kv_error_clear(&err);
    (void)is_key;
    if (k != 'j' && k != 'J' && k != 'n' && k != 'N' && k != 27)
        return 0;
    layer_pop(a); /* before the form it may open over it */
    if (k == 'j' || k == 'J') {
        struct form_host *h = forms_resume(a->db, &a->offer, a->today, &err);
        if (h == NULL) {
            snprintf(a->status, sizeof a->status, "Concept niet te openen: %s", err.msg);
        } else {
            const char *name = "";
            struct view *d = a->offer.client && a->depth < MAX_VIEWS
                                 ? view_dossier_new(a->db, a->offer.client, a->today, &err)
                                 : NULL;
            if (d != NULL) {
                push(a, d);
                d->ops->client(d, 0, &name);
            }
            open_form(a, h, name);
            drafts_drop(a->db, &err);
        }
    } else {
        drafts_drop(a->db, &err);
        snprintf(a->status, sizeof a->status, "Concept weggegooid.");
    }
    draft_free(&a->offer);
    return 0;
}

/* ---- the views ------------------------------------------------------------------------- */

/* After a view changed its own rows: the new count, and what it wants said and selected. */
static void take_view_news(struct app *a)
{
    struct view *v = a->view;
    a->list.count = v->rows;
    if (v->status != NULL) {
        snprintf(a->status, sizeof a->status, "%s", v->status);
        v->status = NULL;
    }
    if (v->select_row > 0) { /* a jump: the row at the top, what follows it in view */
        a->list.selected = a->list.top = v->select_row - 1;
        v->select_row = 0;
    }
    list_clamp(&a->list);
    if (v->wrote_client != 0) { /* it read itself again; the ones under it have not */
        long client = v->wrote_client;
        v->wrote_client = 0;
        char said[sizeof a->status];
        snprintf(said, sizeof said, "%s", a->status);
        reload_stack(a, a->depth - 1, client);
        snprintf(a->status, sizeof a->status, "%s", said);
    }
}

/* Esc on a list first takes off what narrows it (a kept search, the 'f' filter) and says
 * so; 1 when it did. People press Esc to get out of something: out of a filter before out
 * of the screen. */
static int escape_filters(struct app *a)
{
    int search = a->search.text[0] && a->view->ops->filter;
    int only = a->view->ops->unfilter && a->view->ops->unfilter(a->view);
    if (search)
        lineedit_init(&a->search, "");
    if (!search && !only)
        return 0;
    if (a->view->ops->filter)
        a->list.count = a->view->ops->filter(a->view, a->search.text);
    a->list.selected = a->list.top = 0;
    snprintf(a->status, sizeof a->status, "%s gewist.",
             search && only ? "Zoekfilter en filter"
             : search       ? "Zoekfilter"
                            : "Filter");
    return 1;
}

/* Esc on the home screen never ends the program (losing the session and the login costs
 * people their place): it clears a filter, else only says how to quit. Returns 0 (go on). */
static int home_escape(struct app *a)
{
    if (!escape_filters(a))
        snprintf(a->status, sizeof a->status, "Afsluiten met q.");
    return 0;
}

/* One key on a view; returns 1 when the application should end. */
static int view_in(struct app *a, int is_key, wint_t k)
{
    enum action act = actions_for_key((int)k, context(a));
    a->status[0] = '\0';
    if (act == ACT_QUIT && !is_key && k == 27 && escape_filters(a))
        return 0;
    if (act == ACT_QUIT && a->depth > 0) { /* back to the view below */
        a->view->ops->free(a->view);
        a->depth--;
        a->view = a->below[a->depth];
        a->list = a->below_list[a->depth];
        return 0;
    }
    if (act == ACT_QUIT && !is_key && k == 27) /* Esc on the home screen never ends it */
        return home_escape(a);
    if (act == ACT_QUIT)
        return 1;
    if (refused(a, act))
        return 0;
    struct kv_error err;
    kv_error_clear(&err);
    /* A list without forms of its own may use f (filter) for itself (the reports' period). */
    if (opens_form(act) && !(act == ACT_FILTER && a->view->ops->form == NULL)) {
        const char *name = "";
        struct form_host *h = form_for(a, act, &name, &err);
        if (h != NULL)
            open_form(a, h, name);
        else if (err.status != KV_OK)
            snprintf(a->status, sizeof a->status, "%s", err.msg);
        return 0;
    }
    struct view *child = NULL;
    /* refused() has checked role and screen (the table's views): no screen reopens itself. */
    if (act == ACT_AGENDA && a->depth < MAX_VIEWS) {
        child = view_agenda_new(a->db, access_sees_all(a->db), a->today, &err);
    } else if ((act == ACT_PRESSURE || act == ACT_MIX || act == ACT_REPORTS) &&
               a->depth < MAX_VIEWS) {
        child = act == ACT_MIX       ? view_mix_new(a->db, &err)
                : act == ACT_REPORTS ? view_reports_new(a->db, a->today, &err)
                                     : view_pressure_new(a->db, a->today, &err);
    } else if (act == ACT_OPEN && a->view->ops->open && a->depth < MAX_VIEWS && a->list.count > 0) {
        child = a->view->ops->open(a->view, a->list.selected, &err);
    }
    if (act == ACT_AGENDA || act == ACT_OPEN || act == ACT_PRESSURE || act == ACT_MIX ||
        act == ACT_REPORTS) {
        if (child != NULL)
            push(a, child);
        else if (err.status != KV_OK)
            snprintf(a->status, sizeof a->status, "%s", err.msg);
        else if (act == ACT_OPEN) /* a row that opens in place (the agenda's folded line) */
            take_view_news(a);
        return 0;
    }
    if (act == ACT_HELP) {
        layer_push(a, LAYER_HELP);
        a->help_top = 0;
    } else if (a->view->ops->handle(a->view, a->list.count > 0 ? a->list.selected : -1, act)) {
        take_view_news(a);
        if (a->view->prompt && a->view->ops->answer) {
            layer_push(a, LAYER_PROMPT);
            lineedit_init(&a->answer, "");
        }
    } else if (act == ACT_SEARCH && a->view->ops->filter) {
        /* A new search: typing after a kept one ran the names together. */
        layer_push(a, LAYER_SEARCH);
        lineedit_init(&a->search, "");
    } else if (act == ACT_REDRAW) {
        clear();
    } else if (act == ACT_RELOAD) {
        a->status[0] = '\0';
        reload_views(a);
        if (!a->status[0])
            snprintf(a->status, sizeof a->status, "Opnieuw gelezen.");
    } else if (act == ACT_NONE && !is_key && a->view->ops->key &&
               a->view->ops->key(a->view, (int)k)) {
        a->list.count = a->view->rows;
        a->list.selected = a->list.top = 0;
    } else {
        list_handle(&a->list, act);
    }
    return 0;
}

/* Keys already waiting (a paste, fast typing) are taken before the screen is drawn again:
 * a paste of a long report then costs one redraw, not one per character. */
static int keys_waiting(void)
{
    wint_t k;
    timeout(0);
    int got = get_wch(&k);
    timeout(1000);
    if (got == ERR)
        return 0;
    if (got == KEY_CODE_YES)
        ungetch((int)k);
    else
        unget_wch((wchar_t)k);
    return 1;
}

/* Today follows the clock: a session that runs past midnight counts signals, groups and
 * the dates forms allow from the new day. Looked at on every key and every idle tick (a
 * second), so a screen left open shows the new day within a second of it. */
static void follow_clock(struct app *a)
{
    struct kv_error err;
    long today;
    kv_error_clear(&err);
    if (env_today(&today, &err) != KV_OK || today == a->today)
        return;
    a->today = today;
    a->db->today = today; /* the day a client's status is derived for */
    for (int i = 0; i <= a->depth; i++) {
        struct view *v = i == a->depth ? a->view : a->below[i];
        if (v->ops->set_today)
            v->ops->set_today(v, today);
    }
    if (a->form)
        a->form->form.today = today;
    char d[11];
    date_format_nl(today, d);
    snprintf(a->status, sizeof a->status, "Het is %s geworden: de signalen zijn bijgewerkt.", d);
    reload_views(a);
}

/* A key while the help is open: it closes as it opened (over a form: F1, ? or Esc; over a
 * list: F1, q or Esc), other keys scroll it. */
static int help_key(struct app *a, int is_key, wint_t k)
{
    a->status[0] = '\0';
    if (a->form) {
        enum action act = actions_for_key((int)k, AC_FORM);
        if (act == ACT_HELP || act == ACT_CANCEL || (!is_key && k == '?'))
            layer_pop(a);
        else
            help_scroll(a, actions_for_key((int)k, AC_LIST));
        return 0;
    }
    enum action act = actions_for_key((int)k, context(a));
    if (act == ACT_QUIT || act == ACT_HELP || (!is_key && k == 27))
        layer_pop(a);
    else
        help_scroll(a, act);
    return 0;
}

static const struct layer layer_table[LAYER_COUNT] = {
    [LAYER_VIEW] = {1, view_draw, view_status, view_in},
    [LAYER_FORM] = {1, form_layer_draw, form_status, form_in},
    [LAYER_PICKER] = {0, picker_layer_draw, NULL, picker_layer_key},
    [LAYER_CONFIRM] = {0, NULL, confirm_status, confirm_key},
    [LAYER_HELP] = {1, help_draw, help_status, help_key},
    [LAYER_SEARCH] = {0, NULL, search_status, search_key},
    [LAYER_PROMPT] = {0, NULL, prompt_status, prompt_key},
    [LAYER_OFFER] = {0, NULL, offer_status, offer_key},
};

/* Milliseconds on a clock for the idle lock: whole seconds of the wall clock locked up to
 * a second early, and a clock set back kept the screen open. Time asleep counts (a laptop
 * closed for an hour locks when opened), where the system has such a clock. */
static long long idle_clock_ms(void)
{
    struct timespec t;
#ifdef CLOCK_BOOTTIME
    if (clock_gettime(CLOCK_BOOTTIME, &t) != 0)
#endif
        clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static int run(struct app *a)
{
    file_now(a, &a->seen_version, &a->seen_entry);
    for (;;) {
        if (!a->form || !keys_waiting()) {
            draw(a);
            if (!db_is_locked(a->db))
                db_idle(a->db); /* the save is on screen; now the WAL's checkpoint */
        }
        wint_t k;
        int got = get_wch(&k); /* returns within a second (timeout), for signals and idling */
        if (stop_signal) {
            keep_form(a);
            return 128 + stop_signal;
        }
        long long now = idle_clock_ms();
        if (!db_is_locked(a->db))
            follow_clock(a);
        if (got == ERR) {
            if (!db_is_locked(a->db))
                notice_others(a);
            if (a->idle_seconds > 0 && now - a->last_key >= a->idle_seconds * 1000LL) {
                int rc = lock_screen(a);
                if (rc != 0)
                    return rc;
                a->last_key = idle_clock_ms();
            }
            continue;
        }
        a->last_key = now;
        int is_key = got == KEY_CODE_YES;
        if (is_key && k == KEY_RESIZE) {
            if (a->view->ops->resize) { /* texts wrapped at the old width: wrap them again */
                a->view->ops->resize(a->view, COLS);
                a->list.count = a->view->rows;
                list_clamp(&a->list);
            }
            continue;
        }
        if (actions_for_key((int)k, AC_FORM | AC_LIST | AC_DOSSIER) == ACT_LOCK) {
            int rc = lock_screen(a);
            if (rc != 0)
                return rc;
            continue;
        }
        if (layer_table[layer_top(a)].key(a, is_key, k))
            return 0;
    }
}

/* ---- start ----------------------------------------------------------------------------- */

/* The keys file: $KLANTVOLG_KEYS, else $XDG_CONFIG_HOME/klantvolg/keys, else
 * ~/.config/klantvolg/keys. A missing file is no error; bad lines are reported once. */
static void load_keys(char *msg, size_t n)
{
    char path[1024];
    const char *env = getenv("KLANTVOLG_KEYS"), *xdg = getenv("XDG_CONFIG_HOME");
    const char *home = getenv("HOME");
    if (env && *env)
        snprintf(path, sizeof path, "%s", env);
    else if (xdg && *xdg == '/')
        snprintf(path, sizeof path, "%s/klantvolg/keys", xdg);
    else if (home && *home)
        snprintf(path, sizeof path, "%s/.config/klantvolg/keys", home);
    else
        return;
    FILE *fp = priv_fopen_user(path, "r"); /* hers: read with her own ids */
    if (fp == NULL)
        return;
    static char text[16384];
    size_t len = fread(text, 1, sizeof text - 1, fp);
    text[len] = '\0';
    fclose(fp);
    char first[300];
    int bad = actions_load(text, first, sizeof first);
    if (bad)
        snprintf(msg, n, "%s (%d regel%s overgeslagen; zie man klantvolg)", first, bad,
                 bad == 1 ? "" : "s");
}

/* The idle lock's delay: the configured minutes (vergrendel_na_minuten, default 10; 0 never
 * locks), or KLANTVOLG_IDLE_LOCK (seconds) when set; a set-id program lets that variable
 * only shorten the configured lock, never lengthen or switch it off. */
static int configured_idle_seconds(struct db *db);

static int idle_seconds(struct db *db)
{
    int conf = configured_idle_seconds(db);
    const char *env = getenv("KLANTVOLG_IDLE_LOCK");
    if (env == NULL || *env == '\0')
        return conf;
    int want = atoi(env) > 0 ? atoi(env) : 0;
    if (!priv_setid())
        return want;
    return want > 0 && (conf == 0 || want < conf) ? want : conf;
}

static int configured_idle_seconds(struct db *db)
{
    struct config_entry *c;
    size_t n;
    struct kv_error err;
    int minutes = 10;
    if (config_list(db, &c, &n, &err) == KV_OK) {
        for (size_t i = 0; i < n; i++)
            if (strcmp(c[i].key, "vergrendel_na_minuten") == 0)
                minutes = atoi(c[i].value);
        free(c);
    }
    return minutes * 60;
}

/* Ctrl-S saves a form: the terminal must not take it for flow control. */
static void no_flow_control(void)
{
    struct termios t;
    if (tcgetattr(STDIN_FILENO, &t) == 0) {
        t.c_iflag &= ~(tcflag_t)IXON;
        tcsetattr(STDIN_FILENO, TCSANOW, &t);
        def_prog_mode();
    }
}

int tui_main(struct db *db, const char *greeting)
{
    struct app a;
    struct kv_error err;
    memset(&a, 0, sizeof a);
    a.db = db;
    a.layer[0] = LAYER_VIEW;
    a.layers = 1;
    /* Read what the screen shows, then hold no transaction while waiting for keys. */
    long today;
    if (env_today(&today, &err) != KV_OK) {
        db_close(a.db);
        return host_report(&err);
    }
    a.db->today = today; /* the day a client's status is derived for */
    int role = a.db->role;
    a.view = role_administers(role) ? view_users_new(a.db, &err)
                                    : view_caseload_new(a.db, access_sees_all(a.db), today, &err);
    if (a.view == NULL) {
        db_close(a.db);
        return host_report(&err);
    }
    a.list.count = a.view->rows;
    a.today = today;
    refresh_offline(&a);
    load_keys(a.status, sizeof a.status);
    if (!a.status[0])
        snprintf(a.status, sizeof a.status, "%s", greeting ? greeting : "");
    a.idle_seconds = idle_seconds(a.db);
    int found = 0;
    if (drafts_get(a.db, &a.offer, &found, &err) == KV_OK && found) {
        layer_push(&a, LAYER_OFFER);
        name_offer(&a);
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop; /* no SA_RESTART: a waiting read returns at once */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    initscr();
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    no_flow_control();
    timeout(1000);
    theme_init();
    a.last_key = idle_clock_ms();
    int rc = run(&a);
    endwin();
    draft_free(&a.offer);
    close_form(&a);
    while (a.depth > 0) {
        a.view->ops->free(a.view);
        a.view = a.below[--a.depth];
    }
    a.view->ops->free(a.view);
    db_close(a.db);
    return rc;
}
