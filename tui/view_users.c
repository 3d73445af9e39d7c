/* view_users.c: the users of the database. */
#include "tui/view.h"

#include "storage/users.h"
#include "tui/text.h"
#include "tui/theme.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

struct users {
    struct user_rec *u;
    size_t n;
    char rotate[64]; /* "sleutelwissel nodig sinds ..." while a rotation is pending */
};

static void header(struct view *v, int y, int w)
{
    (void)v;
    attrset(A_BOLD);
    text_draw(y, 0, w, "GEBRUIKER           ROL                   STATUS         NAAM", 1);
    attrset(theme_attr(TH_NORMAL));
}

static void row(struct view *v, int i, int selected, int y, int w)
{
    const struct user_rec *u = &((struct users *)v->data)->u[i];
    attrset(selected ? theme_attr(TH_SELECTED)
                     : (u->active ? theme_attr(TH_NORMAL) : theme_attr(TH_MUTED)));
    int x = text_draw(y, 0, 20, u->name, 1);
    x += text_draw(y, x, 22, role_name(u->role) ? role_name(u->role) : "?", 1);
    x += text_draw(y, x, 15, u->active ? "actief" : "uitgeschakeld", 1);
    text_draw(y, x, w - x, u->display, 1);
    attrset(theme_attr(TH_NORMAL));
}

static void count_line(struct view *v, char *buf, size_t n)
{
    struct users *u = v->data;
    snprintf(buf, n, "%zu gebruikers%s%s", u->n, u->rotate[0] ? "; " : "", u->rotate);
}

static int handle(struct view *v, int row, enum action a)
{
    (void)row;
    (void)v;
    (void)a;
    return 0;
}

static void free_users(struct view *v)
{
    struct users *u = v->data;
    free(u->u);
    free(u);
    free(v);
}

static const struct view_ops users_ops = {
    .header = header,
    .row = row,
    .count_line = count_line,
    .handle = handle,
    .free = free_users,
};

struct view *view_users_new(struct db *db, struct kv_error *err)
{
    struct view *v = calloc(1, sizeof *v);
    struct users *u = calloc(1, sizeof *u);
    if (v == NULL || u == NULL || users_list(db, &u->u, &u->n, err) != KV_OK) {
        free(v);
        free(u);
        return NULL;
    }
    /* The beheerder sees that a disabled user may still hold the key, and since when. */
    if (db->hdr->flags & HDR_F_ROTATE) {
        char when[24] = "?";
        time_t t = (time_t)db->hdr->rotate_since;
        struct tm tm;
        if (localtime_r(&t, &tm) != NULL)
            strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
        snprintf(u->rotate, sizeof u->rotate, "sleutelwissel nodig sinds %s", when);
    }
    *v = (struct view){
        .ops = &users_ops, .title = "gebruikers", .kind = AV_USERS, .rows = (int)u->n, .data = u};
    return v;
}
