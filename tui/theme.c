#include "tui/theme.h"

#include <curses.h>
#include <stdlib.h>

static int attrs[TH_COUNT];

void theme_init(void)
{
    const char *nc = getenv("NO_COLOR");
    int colour = has_colors() && (nc == NULL || *nc == '\0');
    attrs[TH_NORMAL] = A_NORMAL;
    attrs[TH_TITLE] = A_BOLD | A_REVERSE;
    attrs[TH_BAR] = A_REVERSE;
    attrs[TH_SELECTED] = A_REVERSE;
    attrs[TH_MUTED] = A_DIM;
    attrs[TH_OVERDUE] = A_BOLD;
    attrs[TH_DUE_SOON] = A_UNDERLINE;
    if (!colour || start_color() != OK)
        return;
    use_default_colors();
    init_pair(1, COLOR_WHITE, COLOR_BLUE);
    init_pair(2, COLOR_RED, -1);
    init_pair(3, COLOR_YELLOW, -1);
    attrs[TH_TITLE] = COLOR_PAIR(1) | A_BOLD;
    attrs[TH_BAR] = COLOR_PAIR(1);
    attrs[TH_OVERDUE] = COLOR_PAIR(2) | A_BOLD;
    attrs[TH_DUE_SOON] = COLOR_PAIR(3);
}

int theme_attr(enum theme_role r)
{
    return attrs[r];
}
