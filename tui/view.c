#include "tui/view.h"

void view_swap_free(struct view *v, struct view *fresh)
{
    struct view old = *v;
    *v = *fresh;
    *fresh = old;
    fresh->ops->free(fresh); /* the old data, in the shell fresh came in */
}
