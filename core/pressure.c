#include "core/pressure.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int pressure_norm(const struct pressure_norms *p, const char *classification, const char *team)
{
    for (size_t i = 0; classification && *classification && i < p->n; i++)
        if (strcasecmp(p->v[i].kind, classification) == 0 && p->v[i].norm > 0)
            return p->v[i].norm;
    for (size_t i = 0; team && *team && i < p->n; i++)
        if (strcasecmp(p->v[i].kind, team) == 0 && p->v[i].norm > 0)
            return p->v[i].norm;
    return p->default_norm > 0 ? p->default_norm : PRESSURE_DEFAULT_NORM;
}

/* Rounded half up; the figures are never negative. */
static int round_up(double x)
{
    return (int)(x + 0.5);
}

static int pct(double load, double fte)
{
    return fte > 0 ? round_up(100.0 * load / fte) : 0;
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

/* Percentages and the norm of the mix from the load and the capacity. */
static void finish(struct pressure_row *r, int default_norm)
{
    r->fte = r->hours / PRESSURE_FULL_TIME_HOURS;
    r->load_pct = pct(r->m.load, r->fte);
    r->projected_pct = pct(r->projected_load, r->fte);
    r->over = r->fte > 0 && r->load_pct > 100;
    if (r->fte <= 0)
        r->norm = 0;
    else if (r->m.load > 0)
        r->norm = round_up(r->m.clients * r->fte / r->m.load);
    else
        r->norm = round_up(default_norm * r->fte);
}

static double hours_of(const struct pressure_people *who, const char *caseworker)
{
    double h = who && who->hours ? who->hours(caseworker, who->ctx) : 0;
    return h > 0 ? h : PRESSURE_FULL_TIME_HOURS;
}

size_t pressure_take_unassigned(struct caseworker_metrics *rows, size_t n, int *clients)
{
    size_t k = 0;
    *clients = 0;
    for (size_t i = 0; i < n; i++) {
        if (rows[i].caseworker && *rows[i].caseworker == '\0')
            *clients += rows[i].clients;
        else
            rows[k++] = rows[i];
    }
    return k;
}

int pressure_rows(const struct caseworker_metrics *rows, size_t n,
                  const struct pressure_people *who, const struct pressure_norms *norms,
                  int what_if, struct pressure_row **out, size_t *nout)
{
    struct sortable *s = calloc(n ? n : 1, sizeof *s);
    struct pressure_row *r = calloc(2 * n + 2, sizeof *r);
    if (s == NULL || r == NULL) {
        free(s);
        free(r);
        return -1;
    }
    int default_norm =
        norms && norms->default_norm > 0 ? norms->default_norm : PRESSURE_DEFAULT_NORM;
    long clients = 0;
    double load = 0;
    size_t teams = 0;
    for (size_t i = 0; i < n; i++) {
        s[i].m = &rows[i];
        s[i].team =
            *rows[i].caseworker && who && who->team ? who->team(rows[i].caseworker, who->ctx) : "";
        if (s[i].team == NULL)
            s[i].team = "";
        if (*rows[i].caseworker) {
            clients += rows[i].clients;
            load += rows[i].load;
        }
    }
    qsort(s, n, sizeof *s, by_team_then_name);
    for (size_t i = 0; i < n; i++)
        teams += i == 0 || strcasecmp(s[i].team, s[i - 1].team) != 0;
    size_t k = 0, members = 0;
    struct pressure_row total = {0}, sub = {0};
    for (size_t i = 0; i < n; i++) {
        struct pressure_row *x = &r[k++];
        x->caseworker = s[i].m->caseworker;
        x->team = s[i].team;
        x->m = *s[i].m;
        x->hours = *x->caseworker ? hours_of(who, x->caseworker) : 0;
        /* New clients follow the current shares and the current average load. */
        x->projected_load =
            x->m.load + (clients > 0 && *x->caseworker
                             ? (double)what_if * x->m.clients / clients * (load / clients)
                             : 0);
        finish(x, default_norm);
        metrics_add(&sub.m, &x->m);
        sub.hours += x->hours;
        sub.projected_load += x->projected_load;
        sub.team = x->team;
        members++;
        if (teams > 1 && (members > 1 || *x->caseworker) &&
            (i + 1 == n || strcasecmp(s[i + 1].team, s[i].team) != 0)) {
            finish(&sub, default_norm);
            r[k++] = sub;
        }
        if (i + 1 == n || strcasecmp(s[i + 1].team, s[i].team) != 0) {
            metrics_add(&total.m, &sub.m);
            total.hours += sub.hours;
            total.projected_load += sub.projected_load;
            memset(&sub, 0, sizeof sub);
            members = 0;
        }
    }
    finish(&total, default_norm);
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
