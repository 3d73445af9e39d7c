/* actions.h: what a key does, named apart from the key itself. The table holds each
 * action's name (for the keys file), the contexts it works in, its default keys, its
 * Dutch label for the bottom bar and its help text; the bar and the help screen are
 * generated from it, so they cannot disagree with the keys. A keys file rebinds actions
 * by name: one "action key [key...]" a line, '#' starts a comment. */
#ifndef KV_TUI_ACTIONS_H
#define KV_TUI_ACTIONS_H

#include <stddef.h>

enum action {
    ACT_NONE = -1,
    ACT_QUIT,
    ACT_HELP,
    ACT_UP,
    ACT_DOWN,
    ACT_PAGE_UP,
    ACT_PAGE_DOWN,
    ACT_HOME,
    ACT_END,
    ACT_REDRAW,
    ACT_RELOAD,
    ACT_SORT,
    ACT_SEARCH,
    ACT_OPEN,
    ACT_AGENDA,
    ACT_DONE,
    ACT_SNOOZE,
    ACT_NEXT_TAB,
    ACT_PREV_TAB,
    ACT_CONTACT,
    ACT_PLAN,
    ACT_GOAL,
    ACT_INSTRUMENT,
    ACT_END_INSTRUMENT,
    ACT_EXTEND,
    ACT_OUTFLOW,
    ACT_NEW_CLIENT,
    ACT_INTAKE,
    ACT_EDIT_GOAL,
    ACT_SAVE,
    ACT_NEXT_FIELD,
    ACT_PREV_FIELD,
    ACT_PICK,
    ACT_CANCEL,
    ACT_LOCK,
    ACT_FILTER,
    ACT_WAARNEMING,
    ACT_PRESSURE,
    ACT_WHAT_IF,
    ACT_MARK,
    ACT_REASSIGN,
    ACT_MIX,
    ACT_REPORTS,
    ACT_PLAN_DOCUMENT,
    ACT_SHOW_ACKED,
    ACT_UNDO,
    ACT_REPORT_DOCUMENT,
    ACT_INFORMED,
    ACT_EDIT_CLIENT,
    ACT_SHOW_BSN,
    ACT_RETURN,
    ACT_COUNT
};

/* Where an action works: a list (werkvoorraad, agenda, users), a dossier, a form. */
enum action_context { AC_LIST = 1, AC_DOSSIER = 2, AC_FORM = 4 };

/* The screens, one bit each: the table says on which of them an action does something, so
 * the key bar, the help (F1) and the manual offer a key only where it works. */
enum action_view {
    AV_CASELOAD = 1 << 0, /* one's own werkvoorraad */
    AV_TEAM = 1 << 1,     /* the team's werkvoorraad, or one klantmanager's in it */
    AV_AGENDA = 1 << 2,
    AV_DOSSIER = 1 << 3,
    AV_USERS = 1 << 4,
    AV_PRESSURE = 1 << 5,
    AV_MIX = 1 << 6,
    AV_REPORTS = 1 << 7,
};
#define AV_ANY 0

#define ACTION_KEYS 4

struct action_def {
    enum action act;
    const char *name;      /* for the keys file */
    int contexts;          /* enum action_context bits */
    int keys[ACTION_KEYS]; /* curses key codes; 0 ends the list */
    const char *label;     /* short, for the bottom bar; NULL: not in the bar */
    const char *help;
    int who;   /* enum action_who: whom the bar and help offer it to */
    int views; /* enum action_view bits where it works; AV_ANY: every screen */
    int rank;  /* in the key bar: when not all fit, the lowest rank goes first */
};

/* Which roles an action is for (the key still answers others, with the reason). */
enum action_who { AW_ALL = 0, AW_CASEWORK = 1, AW_TEAM = 2 };

const struct action_def *actions_table(int *n);

/* The table's entry for an action (never NULL for one of enum action). */
const struct action_def *actions_def(enum action a);

/* Does the action do something on this screen (an enum action_view bit)? */
int actions_on_view(const struct action_def *d, int view);

/* The keys of an action as a keys file writes them ("q Esc"), for the manual. */
void actions_key_names(const struct action_def *d, char *out, size_t n);

/* The screens an action works on, as the manual lists them ("werkvoorraad, agenda"). */
void actions_views_label(const struct action_def *d, char *out, size_t n);

/* The action bound to a key in a context, or ACT_NONE. */
enum action actions_for_key(int key, int context);

/* The keys of an action as shown to people ("q/Esc"), at most max of them, into out. */
void actions_key_label(const struct action_def *d, int max, char *out, size_t n);

/* Read a key name as written in a keys file ("q", "^S", "F2", "Enter", "S-Tab"...);
 * returns the key code, or 0 when the name means no key. */
int actions_parse_key(const char *name);

/* Apply a keys file's text to the table. Bad lines are skipped; the first problem is
 * described (Dutch, with its line number) in msg. Returns the number of bad lines. */
int actions_load(const char *text, char *msg, size_t n);

/* Back to the default keys (for tests). */
void actions_reset(void);

#endif
