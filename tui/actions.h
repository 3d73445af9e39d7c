/* actions.h: what a key does, named apart from the key itself. The table holds each
 * action's default keys, its Dutch label for the bottom bar and its help text; the bar
 * and the help screen are generated from it, so they cannot disagree with the keys. */
#ifndef KV_TUI_ACTIONS_H
#define KV_TUI_ACTIONS_H

enum action {
    ACT_NONE = -1,
    ACT_QUIT, ACT_HELP, ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_HOME, ACT_END,
    ACT_REDRAW, ACT_SORT, ACT_SEARCH, ACT_OPEN, ACT_AGENDA, ACT_DONE, ACT_SNOOZE,
    ACT_COUNT
};

struct action_def {
    enum action act;
    int keys[3];          /* curses key codes; 0 ends the list */
    const char *key_label;
    const char *label;    /* short, for the bottom bar; NULL: not in the bar */
    const char *help;
};

const struct action_def *actions_table(int *n);

/* The action bound to a key, or ACT_NONE. */
enum action actions_for_key(int key);

#endif
