/* app.c: the interactive application: login, the frame (title, key bar, help), the
 * main loop with resize handling, and the home view: the caseload (werkvoorraad) for
 * casework roles, the team's caseload for a teamleider, the users for a beheerder. */
#include "cli/cli.h"
#include "cli/env.h"
#include "cli/prompt.h"
#include "tui/actions.h"
#include "tui/lineedit.h"
#include "tui/list.h"
#include "tui/text.h"
#include "tui/theme.h"
#include "tui/view.h"
#include "storage/users.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIN_COLS 80
#define MIN_LINES 24
#define LOGIN_TRIES 3

#define MAX_VIEWS 4

struct app {
    struct cli *cli;
    struct db *db;
    struct view *view;              /* the top of the stack */
    struct list list;
    struct view *below[MAX_VIEWS];  /* views to return to, with their list state */
    struct list below_list[MAX_VIEWS];
    int depth;
    int show_help;
    int searching;              /* the search prompt has the keyboard */
    struct lineedit search;
    int prompting;              /* the view's prompt has the keyboard */
    struct lineedit answer;
    char status[600];           /* what the last action did, shown once */
    long today;
};

static void draw_title(const struct app *a)
{
    char t[512];
    snprintf(t, sizeof t, " klantvolg — %s — %s — %s (%s)", a->view->title, a->cli->db_path,
             a->db->user, a->db->role >= 0 ? role_name(a->db->role) : "?");
    attrset(theme_attr(TH_TITLE));
    text_draw(0, 0, COLS, t, 1);
    attrset(theme_attr(TH_NORMAL));
}

/* The bottom bar lists the actions that have a label, from the table. */
static void draw_bar(void)
{
    int n, x = 0;
    const struct action_def *t = actions_table(&n);
    attrset(theme_attr(TH_BAR));
    move(LINES - 1, 0);
    for (int i = 0; i < n; i++) {
        if (t[i].label == NULL)
            continue;
        char item[64];
        snprintf(item, sizeof item, " %s %s ", t[i].key_label, t[i].label);
        x += text_draw(LINES - 1, x, COLS - x, item, 0);
    }
    text_draw(LINES - 1, x, COLS - x, "", 1);
    attrset(theme_attr(TH_NORMAL));
}

static void draw_help(void)
{
    int n;
    const struct action_def *t = actions_table(&n);
    text_draw(2, 2, COLS - 4, "Toetsen (Esc of q sluit deze hulp)", 1);
    for (int i = 0; i < n && 4 + i < LINES - 2; i++) {
        text_draw(4 + i, 2, 14, t[i].key_label, 1);
        text_draw(4 + i, 17, COLS - 19, t[i].help, 1);
    }
}

static void draw_row(int row, int selected, int y, int w, void *ctx)
{
    struct view *v = ((struct app *)ctx)->view;
    v->row(v, row, selected, y, w);
}

static void draw(struct app *a)
{
    erase();
    if (COLS < MIN_COLS || LINES < MIN_LINES) {
        char m[160];
        snprintf(m, sizeof m, "Het venster is te klein (%dx%d); klantvolg heeft minstens %dx%d "
                 "nodig.", COLS, LINES, MIN_COLS, MIN_LINES);
        text_draw(0, 0, COLS, m, 0);
        refresh();
        return;
    }
    draw_title(a);
    if (a->show_help) {
        draw_help();
    } else {
        a->view->header(a->view, 2, COLS);
        a->list.height = LINES - 6;
        list_clamp(&a->list);
        list_draw(&a->list, 3, COLS, draw_row, a);
        char count[700];
        if (a->searching || a->prompting) {
            const char *label = a->searching ? "Zoeken: " : a->view->prompt;
            const struct lineedit *e = a->searching ? &a->search : &a->answer;
            snprintf(count, sizeof count, "%s%s", label, e->text);
            text_draw(LINES - 2, 0, COLS, count, 1);
            char before[LINEEDIT_MAX + 64];
            snprintf(before, sizeof before, "%s%.*s", label, (int)e->cursor, e->text);
            int cx = text_width(before);
            move(LINES - 2, cx < COLS ? cx : COLS - 1);
        } else if (a->status[0]) {
            attrset(A_BOLD);
            text_draw(LINES - 2, 0, COLS, a->status, 1);
            attrset(theme_attr(TH_NORMAL));
        } else {
            a->view->count_line(a->view, count, sizeof count);
            attrset(theme_attr(TH_MUTED));
            text_draw(LINES - 2, 0, COLS, count, 1);
            attrset(theme_attr(TH_NORMAL));
        }
    }
    draw_bar();
    refresh();
}

/* A key for the line editor, or 0 when it is not one. */
static long edit_key(int is_key, wint_t k)
{
    if (!is_key)
        return k == 127 || k == 8 ? LE_BACKSPACE : k == 21 ? LE_KILL_LINE : (long)k;
    switch (k) {
    case KEY_LEFT: return LE_LEFT;
    case KEY_RIGHT: return LE_RIGHT;
    case KEY_HOME: return LE_HOME;
    case KEY_END: return LE_END;
    case KEY_BACKSPACE: return LE_BACKSPACE;
    case KEY_DC: return LE_DELETE;
    default: return 0;
    }
}

static void search_key(struct app *a, int is_key, wint_t k)
{
    if (!is_key && (k == '\n' || k == '\r')) {
        a->searching = 0; /* keep the filter */
        curs_set(0);
        return;
    }
    if (!is_key && k == 27) {
        a->searching = 0;
        curs_set(0);
        lineedit_init(&a->search, "");
    } else if (!lineedit_key(&a->search, edit_key(is_key, k))) {
        return;
    }
    a->list.count = a->view->filter(a->view, a->search.text);
    a->list.selected = a->list.top = 0;
}

/* The view's question: Enter hands the line to the view, Esc drops it. */
static void prompt_key(struct app *a, int is_key, wint_t k)
{
    if (!is_key && (k == '\n' || k == '\r')) {
        a->view->answer(a->view, a->list.selected, a->answer.text, a->status, sizeof a->status);
        a->list.count = a->view->rows;
        list_clamp(&a->list);
    } else if (!is_key && k == 27) {
        snprintf(a->status, sizeof a->status, "Niets veranderd.");
    } else {
        lineedit_key(&a->answer, edit_key(is_key, k));
        return;
    }
    a->prompting = 0;
    a->view->prompt = NULL;
    curs_set(0);
}

static int run(struct app *a)
{
    for (;;) {
        draw(a);
        wint_t k;
        int got = get_wch(&k);
        if (got == ERR)
            continue;
        int is_key = got == KEY_CODE_YES;
        if (is_key && k == KEY_RESIZE)
            continue;
        if (a->searching) {
            search_key(a, is_key, k);
            continue;
        }
        if (a->prompting) {
            prompt_key(a, is_key, k);
            continue;
        }
        a->status[0] = '\0';
        enum action act = actions_for_key((int)k);
        if (a->show_help) {
            if (act == ACT_QUIT || act == ACT_HELP)
                a->show_help = 0;
            continue;
        }
        if (act == ACT_QUIT && a->depth > 0) { /* back to the view below */
            a->view->free(a->view);
            a->depth--;
            a->view = a->below[a->depth];
            a->list = a->below_list[a->depth];
            continue;
        }
        if (act == ACT_QUIT)
            return 0;
        struct view *child = NULL;
        struct kv_error err;
        kv_error_clear(&err);
        if (act == ACT_AGENDA && a->depth < MAX_VIEWS && a->db->role != ROLE_BEHEERDER &&
            strncmp(a->view->title, "agenda", 6) != 0) {
            int all = a->db->role == ROLE_TEAMLEIDER || a->db->role == ROLE_KWALITEITSMEDEWERKER;
            child = view_agenda_new(a->db, all, a->today, a->cli->now, &err);
        } else if (act == ACT_OPEN && a->view->open && a->depth < MAX_VIEWS && a->list.count > 0) {
            child = a->view->open(a->view, a->list.selected, &err);
        }
        if ((act == ACT_AGENDA || act == ACT_OPEN) && child == NULL && err.status != KV_OK)
            snprintf(a->status, sizeof a->status, "%s", err.msg);
        if (act == ACT_AGENDA || act == ACT_OPEN) {
            if (child != NULL) {
                a->below[a->depth] = a->view;
                a->below_list[a->depth++] = a->list;
                a->view = child;
                memset(&a->list, 0, sizeof a->list);
                a->list.count = child->rows;
            }
            continue;
        }
        if (act == ACT_HELP)
            a->show_help = 1;
        else if (a->view->handle(a->view, act) && a->view->prompt && a->view->answer) {
            a->prompting = 1;
            lineedit_init(&a->answer, "");
            curs_set(1);
        } else if (act == ACT_SEARCH && a->view->filter) {
            a->searching = 1;
            curs_set(1);
        }
        else if (act == ACT_REDRAW)
            clear();
        else
            list_handle(&a->list, act);
    }
}

/* Three tries for a wrong passphrase, then exit code 3. Other failures end at once. */
static int login(struct cli *c, struct db **db)
{
    struct kv_error err;
    for (int tries = 1;; tries++) {
        struct pass p;
        char prompt[600];
        snprintf(prompt, sizeof prompt, "klantvolg: wachtwoord voor %s (%s): ", c->user,
                 c->db_path);
        if (prompt_passphrase(prompt, c->a.passfd, &p, &err) != KV_OK)
            return cli_report(&err);
        int rc = db_open(c->db_path, c->user, p.buf, p.len, 0, db, &err);
        pass_free(&p);
        if (rc == KV_OK)
            return 0;
        int wrong = rc == KV_EAUTH && strstr(err.detail, "slot did not open") != NULL;
        if (!wrong || tries == LOGIN_TRIES || c->a.passfd >= 0)
            return cli_report(&err);
        fprintf(stderr, "klantvolg: %s Probeer het opnieuw.\n", err.msg);
    }
}

int tui_main(struct cli *c)
{
    struct app a;
    struct kv_error err;
    memset(&a, 0, sizeof a);
    a.cli = c;
    int rc = login(c, &a.db);
    if (rc != 0)
        return rc;
    /* Read what the screen shows, then hold no transaction while waiting for keys. */
    long today;
    if (env_today(&today, &err) != KV_OK) {
        db_close(a.db);
        return cli_report(&err);
    }
    int role = a.db->role;
    a.view = role == ROLE_BEHEERDER ? view_users_new(a.db, &err)
             : view_caseload_new(a.db, role == ROLE_TEAMLEIDER || role == ROLE_KWALITEITSMEDEWERKER,
                                 today, &err);
    if (a.view == NULL) {
        db_close(a.db);
        return cli_report(&err);
    }
    a.list.count = a.view->rows;
    a.today = today;
    initscr();
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    theme_init();
    rc = run(&a);
    endwin();
    while (a.depth > 0) {
        a.view->free(a.view);
        a.view = a.below[--a.depth];
    }
    a.view->free(a.view);
    db_close(a.db);
    return rc;
}
