#include "core/pressure.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int norm_for(const struct pressure_norms *p, const char *team)
{
    for (size_t i = 0; team && i < p->n; i++)
        if (strcasecmp(p->v[i].team, team) == 0)
            return p->v[i].norm;
    return p->default_norm > 0 ? p->default_norm : 85;
}

static int pct(long x100, int norm)
{
    return norm > 0 ? (int)((x100 + norm / 2) / norm) : 0;
}

struct sortable {
    const struct caseworker_metrics *m;
    const char *team;
};

static int by_team_then_name(const void *a, const void *b)
{
    const struct sortable *x = a, *y = b;
    int c = strcasecmp(x->team, y->team);
    return c ? c : strcmp(x->m->caseworker, y->m->caseworker);
}

static void finish(struct pressure_row *r)
{
    r->load_pct = pct(r->m.weighted_x100, r->norm);
    r->projected_pct = pct(r->projected_x100, r->norm);
}

int pressure_rows(const struct caseworker_metrics *rows, size_t n,
                  const char *(*team_of)(const char *caseworker, void *ctx), void *ctx,
                  const struct pressure_norms *norms, int what_if, struct pressure_row **out,
                  size_t *nout)
{
    struct sortable *s = calloc(n ? n : 1, sizeof *s);
    struct pressure_row *r = calloc(2 * n + 2, sizeof *r);
    if (s == NULL || r == NULL) {
        free(s);
        free(r);
        return -1;
    }
    long clients = 0, weighted = 0;
    size_t teams = 0;
    for (size_t i = 0; i < n; i++) {
        s[i].m = &rows[i];
        s[i].team = *rows[i].caseworker ? team_of(rows[i].caseworker, ctx) : "";
        if (s[i].team == NULL)
            s[i].team = "";
        if (*rows[i].caseworker) {
            clients += rows[i].clients;
            weighted += rows[i].weighted_x100;
        }
    }
    qsort(s, n, sizeof *s, by_team_then_name);
    for (size_t i = 0; i < n; i++)
        teams += i == 0 || strcasecmp(s[i].team, s[i - 1].team) != 0;
    size_t k = 0, members = 0;
    struct pressure_row total = {NULL, NULL, {0}, 0, 0, 0, 0}, sub = total;
    for (size_t i = 0; i < n; i++) {
        struct pressure_row *x = &r[k++];
        x->caseworker = s[i].m->caseworker;
        x->team = s[i].team;
        x->m = *s[i].m;
        x->norm = *x->caseworker ? norm_for(norms, x->team) : 0;
        /* New clients follow the current shares and the current average weight. */
        long extra = clients > 0 && *x->caseworker
                         ? (long)((long long)what_if * x->m.clients * weighted /
                                  ((long long)clients * clients))
                         : 0;
        x->projected_x100 = x->m.weighted_x100 + extra;
        finish(x);
        metrics_add(&sub.m, &x->m);
        sub.norm += x->norm;
        sub.projected_x100 += x->projected_x100;
        sub.team = x->team;
        members++;
        if (teams > 1 && members > 1 && (i + 1 == n || strcasecmp(s[i + 1].team, s[i].team) != 0)) {
            finish(&sub);
            r[k++] = sub;
        }
        if (i + 1 == n || strcasecmp(s[i + 1].team, s[i].team) != 0) {
            metrics_add(&total.m, &sub.m);
            total.norm += sub.norm;
            total.projected_x100 += sub.projected_x100;
            memset(&sub, 0, sizeof sub);
            members = 0;
        }
    }
    finish(&total);
    r[k++] = total;
    free(s);
    *out = r;
    *nout = k;
    return 0;
}

void pressure_bar(int pct, int width, char *out, size_t n)
{
    static const char *const eighth[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
    size_t used = 0;
    int over = pct > 100, cells = over ? width - 1 : width;
    long units = (long)(over ? 100 : pct < 0 ? 0 : pct) * cells * 8 / 100;
    out[0] = '\0';
    for (int i = 0; i < cells && used + 4 < n; i++, units -= 8) {
        const char *c = units >= 8 ? "█" : units > 0 ? eighth[units] : " ";
        used += (size_t)snprintf(out + used, n - used, "%s", c);
    }
    if (over && used + 2 < n)
        snprintf(out + used, n - used, ">");
}
