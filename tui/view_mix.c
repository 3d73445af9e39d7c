/* view_mix.c: who classifies and refers how (core/mix.c), for a teamleider: per
 * klantmanager the share of clients in each classification and, for the instruments the
 * team uses most, the share of clients who got one; the team's row last. A share 20
 * points or more away from the team's is marked with '!', in colour and in text. */
#include "tui/view.h"

#include "core/mix.h"
#include "storage/caseload.h"
#include "tui/list.h"
#include "tui/text.h"
#include "tui/theme.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mix_view {
    struct caseload *cl;
    struct mix m;
};

static struct mix_view *mv(struct view *v)
{
    return v->data;
}

static void header(struct view *v, int y, int w)
{
    struct mix_view *x = mv(v);
    char line[300];
    int k = snprintf(line, sizeof line, "%-16s %4s %6s %6s %6s %6s |", "KLANTMANAGER", "KL.",
                     "WERK", "PERSP", "MEED", "OVER");
    for (size_t t = 0; t < x->m.ntop && k > 0 && (size_t)k < sizeof line; t++)
        k += snprintf(line + k, sizeof line - (size_t)k, " %6.6s", x->m.top[t]);
    attrset(A_BOLD);
    text_draw(y, 0, w, line, 1);
    attrset(theme_attr(TH_NORMAL));
}

/* "  45%" or " 70%!" when 20 points or more from the team. */
static int cell(char *out, size_t n, int part, int whole, int team_pct, int *odd)
{
    int p = mix_pct(part, whole);
    int off = p - team_pct >= 20 || team_pct - p >= 20;
    *odd |= off;
    return snprintf(out, n, " %4d%%%s", p, off ? "!" : " ");
}

static void row(struct view *v, int i, int selected, int y, int w)
{
    struct mix_view *x = mv(v);
    const struct mix_row *r = &x->m.rows[i], *team = &x->m.rows[x->m.n - 1];
    char line[300];
    int odd = 0;
    char who[96];
    list_cell(who, sizeof who, r->caseworker ? r->caseworker : "TEAM", 17);
    size_t k = (size_t)snprintf(line, sizeof line, "%s%4d ", who, r->clients);
    for (int c = 0; c < MIX_CLASSES && k < sizeof line; c++)
        k += (size_t)cell(line + k, sizeof line - k, r->by_class[c], r->clients,
                          mix_pct(team->by_class[c], team->clients), &odd);
    if (k < sizeof line)
        k += (size_t)snprintf(line + k, sizeof line - k, "|");
    for (size_t t = 0; t < x->m.ntop && k < sizeof line; t++)
        k += (size_t)cell(line + k, sizeof line - k, r->with_instrument[t], r->clients,
                          mix_pct(team->with_instrument[t], team->clients), &odd);
    int attr = r->caseworker ? (odd ? theme_attr(TH_DUE_SOON) : 0) : (int)A_BOLD;
    attrset((selected ? theme_attr(TH_SELECTED) : theme_attr(TH_NORMAL)) | attr);
    text_draw(y, 0, w, line, 1);
    attrset(theme_attr(TH_NORMAL));
}

static void count_line(struct view *v, char *buf, size_t n)
{
    struct mix_view *x = mv(v);
    size_t k = (size_t)snprintf(buf, n,
                                "Aandeel van de klanten; ! = 20 punten of meer van het "
                                "team.");
    for (size_t t = 0; t < x->m.ntop && k < n; t++)
        k += (size_t)snprintf(buf + k, n - k, "%s%s", t ? ", " : " Instrumenten: ", x->m.top[t]);
}

static int handle(struct view *v, int row, enum action a)
{
    (void)v, (void)row, (void)a;
    return 0;
}

static void free_mix(struct view *v)
{
    mix_free(&mv(v)->m);
    caseload_free(mv(v)->cl);
    free(v->data);
    free(v);
}

static const struct view_ops mix_ops = {
    .header = header,
    .row = row,
    .count_line = count_line,
    .handle = handle,
    .free = free_mix,
};

struct view *view_mix_new(struct db *db, struct kv_error *err)
{
    struct view *v = calloc(1, sizeof *v);
    struct mix_view *x = calloc(1, sizeof *x);
    struct metrics_client *mc = NULL;
    int rc = v && x ? caseload_load(db, SCOPE_ALL, &x->cl, err) : KV_ERR;
    if (rc == KV_OK) {
        mc = caseload_metrics_clients(x->cl);
        if (mc == NULL || mix_compute(mc, x->cl->n, &x->m) != 0)
            rc = KV_ERR;
    }
    free(mc);
    if (rc != KV_OK) {
        if (err->status == KV_OK)
            kv_error_nomem(err);
        if (x) {
            mix_free(&x->m);
            caseload_free(x->cl);
        }
        free(x);
        free(v);
        return NULL;
    }
    *v = (struct view){
        .ops = &mix_ops, .title = "verdeling", .kind = AV_MIX, .rows = (int)x->m.n, .data = x};
    return v;
}
