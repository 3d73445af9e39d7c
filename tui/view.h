/* view.h: one screen that lists records, behind one interface (as tig's view_ops): the
 * frame (title, key bar, help, resize) and the list widget are shared; a view supplies
 * its column header, its rows, its count line and the actions of its own. */
#ifndef KV_TUI_VIEW_H
#define KV_TUI_VIEW_H

#include "tui/actions.h"

#include <stddef.h>

struct db;
struct kv_error;
struct case_file;
struct client_summary;

struct form_host;
struct view;

/* What one kind of view does: a static const table in each view_*.c, shared by all its
 * instances. Hooks that may be NULL say so. */
struct view_ops {
    int context; /* enum action_context; 0 means AC_LIST */
    /* What the screen's columns mean, shown first in its help (F1); NULL: nothing. */
    const char *legend;
    void (*header)(struct view *v, int y, int w);
    void (*row)(struct view *v, int row, int selected, int y, int w);
    void (*count_line)(struct view *v, char *buf, size_t n);
    /* An action on the list (row: the selected one); 1 when the view used it. */
    int (*handle)(struct view *v, int row, enum action a);
    /* Show only rows matching text ("" shows all); returns the number of rows shown.
     * NULL when the view cannot be searched. */
    int (*filter)(struct view *v, const char *text);
    /* Drop what narrows the rows besides the search (the 'f' filter); 1 when there was
     * something to drop. NULL: the view has no such filter. */
    int (*unfilter)(struct view *v);
    /* The view Enter opens on a row (NULL with err filled when it cannot); NULL when the
     * view opens nothing. */
    struct view *(*open)(struct view *v, int row, struct kv_error *err);
    /* The answer to the view's prompt (see struct view): fills msg (Dutch) with what
     * happened. NULL: the view never asks. */
    void (*answer)(struct view *v, int row, const char *text, char *msg, size_t n);
    /* A key no action claimed (a view's own shortcut); 1 when used. NULL: none. */
    int (*key)(struct view *v, int key);
    /* The client a row is about (its name in *name), 0 for none: forms on a client open
     * from any list. NULL: a list of something else than clients. */
    long (*client)(struct view *v, int row, const char **name);
    /* The form an action opens on a row that only this view knows (an instrument of the
     * dossier); NULL with err filled when it cannot, NULL with err clear when the view
     * has no such form. */
    struct form_host *(*form)(struct view *v, int row, enum action a, struct kv_error *err);
    /* Read the data again after a save (keeping sort, filter, tab). NULL: static view. */
    int (*reload)(struct view *v, struct kv_error *err);
    /* After a save that changed one client's file: read only that client again (a list
     * of 50,000 clients need not be read for one contact). NULL: reload. */
    int (*reload_client)(struct view *v, long client, struct kv_error *err);
    /* The terminal is now w columns wide: lay the rows out again (rows may change).
     * NULL: the rows do not depend on the width. */
    void (*resize)(struct view *v, int w);
    /* The date changed while the session ran (past midnight): signals and groups count
     * from today, before the reload that follows. NULL: the view does not depend on it. */
    void (*set_today)(struct view *v, long today);
    void (*free)(struct view *v);
};

/* One open view: its kind's operations and its own state. */
struct view {
    const struct view_ops *ops;
    const char *title;     /* Dutch, for the title bar */
    enum action_view kind; /* which screen this is (the action table's views) */
    int rows;
    /* A view asks for one line of text by setting prompt (in handle); the answer goes to
     * ops->answer. */
    const char *prompt;
    /* Set by handle or open (taken once by the application): a message for the status
     * line, and 1 + the row to select (0: leave the selection). */
    const char *status;
    int select_row;
    /* Set by handle or answer when the view wrote one client's file itself (the agenda's
     * done, snooze and undo), having read itself again: the views under it read that
     * client again (taken once by the application). */
    long wrote_client;
    void *data;
};

/* Put fresh's contents into v (whose address the application holds) and free the old
 * contents with fresh's shell: how a view reloads itself. */
void view_swap_free(struct view *v, struct view *fresh);

/* The users of the database (for a beheerder). */
struct view *view_users_new(struct db *db, struct kv_error *err);

/* The caseload: the user's own clients, or all of them (teamleider). today is a day
 * number; signals come from core/signals.c with the configured lead times. */
struct view *view_caseload_new(struct db *db, int all, long today, struct kv_error *err);

/* The agenda: the signals of the caseload (or the team's), grouped as overdue, today,
 * this week and later; it opens with the overdue ones folded into one line with their
 * count (Enter there unfolds and folds). Enter opens the client, d marks done, z snoozes,
 * h shows the done and snoozed ones too and u undoes them. */
struct view *view_agenda_new(struct db *db, int all, long today, struct kv_error *err);

/* One klantmanager's clients, for a teamleider (the team's werkvoorraad, filtered): there
 * clients are marked (m) and handed over (r). */
struct view *view_caseload_of(struct db *db, const char *caseworker, long today,
                              struct kv_error *err);

/* Caseload pressure per klantmanager, for a teamleider or kwaliteitsmedewerker: load
 * against the norm with a bar, team totals, what-if (w); Enter drills into one caseload. */
struct view *view_pressure_new(struct db *db, long today, struct kv_error *err);

/* Who classifies and refers how: per klantmanager the share of clients per
 * classification and per instrument the team uses most, next to the team's (v). */
struct view *view_mix_new(struct db *db, struct kv_error *err);

/* The management reports for a period (this year so far; f asks for another), with bars. */
struct view *view_reports_new(struct db *db, long today, struct kv_error *err);

/* One client's dossier, in tabs; it reads and owns the client's records (access as in
 * storage/access.h: an unreachable client is KV_EAUTH). */
struct view *view_dossier_new(struct db *db, long client, long today, struct kv_error *err);

#endif
