/* theme.h: colours as meanings, not as colours. Monochrome terminals and NO_COLOR get
 * attributes (bold, reverse, dim) that carry the same meaning. */
#ifndef KV_TUI_THEME_H
#define KV_TUI_THEME_H

enum theme_role {
    TH_NORMAL,
    TH_TITLE,
    TH_BAR,
    TH_SELECTED,
    TH_MUTED,
    TH_OVERDUE,
    TH_DUE_SOON,
    TH_COUNT
};

/* After initscr: choose colours or the monochrome scheme. */
void theme_init(void);

/* The curses attribute for a role. */
int theme_attr(enum theme_role r);

#endif
