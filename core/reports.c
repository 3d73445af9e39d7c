#include "core/reports.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Months as days: within 3, 6 and 12 months of an event. */
#define DAYS_3 91
#define DAYS_6 182
#define DAYS_12 365

int report_is_work(const char *reason)
{
    return reason && (strcmp(reason, "werk") == 0 || strcmp(reason, "zelfstandige") == 0);
}

void report_cell(int clients, int council, char *out, size_t n)
{
    if (council && clients > 0 && clients < 5)
        snprintf(out, n, "<5");
    else
        snprintf(out, n, "%d", clients);
}

static int in_list(const char *list, const char *code, size_t len)
{
    for (const char *p = list; p && *p;) {
        const char *comma = strchr(p, ',');
        size_t k = comma ? (size_t)(comma - p) : strlen(p);
        if (k == len && strncmp(p, code, k) == 0)
            return 1;
        p = comma ? comma + 1 : p + k;
    }
    return 0;
}

/* ---- effectiveness --------------------------------------------------------------------- */

struct acc {
    struct effect_row *rows;
    size_t n, cap;
};

static struct effect_row *row_for(struct acc *a, const char *key)
{
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->rows[i].key, key) == 0)
            return &a->rows[i];
    if (a->n == a->cap) {
        struct effect_row *v = realloc(a->rows, (a->cap = a->cap ? 2 * a->cap : 16) * sizeof *v);
        if (v == NULL)
            return NULL;
        a->rows = v;
    }
    memset(&a->rows[a->n], 0, sizeof a->rows[a->n]);
    a->rows[a->n].key = key;
    return &a->rows[a->n++];
}

static int belongs(const struct rf_instrument *in, enum effect_by by, const char *key)
{
    if (key == NULL || by == EFFECT_DOELGROEP)
        return 1;
    return strcmp(by == EFFECT_INSTRUMENT ? in->code : in->provider, key) == 0;
}

/* One client's instruments of one key (all of them for key NULL), as one client. */
static void count_client(struct effect_row *r, const struct rf_client *c, enum effect_by by,
                         const char *key, long from, long to, long as_of)
{
    long done = -1, first_start = -1;
    const struct rf_instrument *stop = NULL;
    int any = 0;
    for (size_t i = 0; i < c->n_instruments; i++) {
        const struct rf_instrument *in = &c->instruments[i];
        if (!belongs(in, by, key) || in->start < from || in->start > to)
            continue;
        any = 1;
        r->cost_cents += in->cost_cents;
        if (first_start < 0 || in->start < first_start)
            first_start = in->start;
        int ended = in->actual_end >= 0 && in->actual_end <= as_of;
        if (ended && strcmp(in->status, "afgerond") == 0 && (done < 0 || in->actual_end < done))
            done = in->actual_end;
        else if (ended && strcmp(in->status, "voortijdig_gestopt") == 0 && stop == NULL)
            stop = in;
    }
    if (!any)
        return;
    r->started++;
    if (done < 0) {
        if (stop != NULL) {
            r->stopped++;
            size_t k = 0;
            while (k < r->n_stopped_by && strcmp(r->stopped_by[k].reason, stop->end_reason) != 0)
                k++;
            if (k == r->n_stopped_by && k < REPORT_MAX_REASONS)
                r->stopped_by[r->n_stopped_by++].reason = stop->end_reason;
            if (k < REPORT_MAX_REASONS)
                r->stopped_by[k].clients++;
        }
        return;
    }
    r->completed++;
    /* The first outflow for work from the start on, within a year of the end. */
    const struct rf_outflow *o = NULL;
    for (size_t i = 0; i < c->n_outflows; i++) {
        const struct rf_outflow *x = &c->outflows[i];
        if (report_is_work(x->reason) && x->date >= first_start && x->date <= done + DAYS_12 &&
            x->date <= as_of && (o == NULL || x->date < o->date))
            o = x;
    }
    if (o == NULL)
        return;
    r->work_3 += o->date <= done + DAYS_3;
    r->work_6 += o->date <= done + DAYS_6;
    r->work_12++;
    if (o->date + DAYS_6 <= as_of) {
        r->measurable_6++;
        r->still_off_6 += o->returned_on < 0 || o->returned_on > o->date + DAYS_6;
    }
}

static int by_key(const void *a, const void *b)
{
    return strcmp(((const struct effect_row *)a)->key, ((const struct effect_row *)b)->key);
}

/* The keys a client's instruments fall under. */
static int add_keys(struct acc *a, const struct rf_client *c, enum effect_by by)
{
    if (by == EFFECT_DOELGROEP) {
        if (c->doelgroepen == NULL || *c->doelgroepen == '\0')
            return row_for(a, "") ? 0 : -1;
        for (const char *p = c->doelgroepen; *p;) {
            const char *comma = strchr(p, ',');
            size_t k = comma ? (size_t)(comma - p) : strlen(p);
            int found = 0;
            for (size_t i = 0; i < a->n && !found; i++)
                found = strlen(a->rows[i].key) == k && strncmp(a->rows[i].key, p, k) == 0;
            if (!found) {
                char *key = strndup(p, k); /* owned by the row: freed in report_effect */
                if (key == NULL || row_for(a, key) == NULL) {
                    free(key);
                    return -1;
                }
            }
            p = comma ? comma + 1 : p + k;
        }
        return 0;
    }
    for (size_t i = 0; i < c->n_instruments; i++)
        if (row_for(a, by == EFFECT_INSTRUMENT ? c->instruments[i].code
                                               : c->instruments[i].provider) == NULL)
            return -1;
    return 0;
}

int report_effect(const struct rf_client *c, size_t n, enum effect_by by, long from, long to,
                  long as_of, struct effect_row **rows, size_t *nrows)
{
    struct acc a = {0};
    if (to > as_of)
        to = as_of;
    for (size_t i = 0; i < n; i++)
        if (add_keys(&a, &c[i], by) != 0)
            goto nomem;
    for (size_t k = 0; k < a.n; k++)
        for (size_t i = 0; i < n; i++) {
            if (by == EFFECT_DOELGROEP &&
                !(*a.rows[k].key ? in_list(c[i].doelgroepen, a.rows[k].key, strlen(a.rows[k].key))
                                 : c[i].doelgroepen == NULL || *c[i].doelgroepen == '\0'))
                continue;
            count_client(&a.rows[k], &c[i], by, by == EFFECT_DOELGROEP ? NULL : a.rows[k].key,
                         from, to, as_of);
        }
    /* Keys nobody started in the period say nothing. */
    size_t kept = 0;
    for (size_t k = 0; k < a.n; k++)
        if (a.rows[k].started > 0)
            a.rows[kept++] = a.rows[k];
        else if (by == EFFECT_DOELGROEP && *a.rows[k].key)
            free((char *)a.rows[k].key);
    a.n = kept;
    qsort(a.rows, a.n, sizeof *a.rows, by_key);
    struct effect_row *v = realloc(a.rows, (a.n + 1) * sizeof *v);
    if (v == NULL)
        goto nomem;
    a.rows = v;
    struct effect_row *total = &a.rows[a.n++];
    memset(total, 0, sizeof *total); /* key NULL: everyone */
    for (size_t i = 0; i < n; i++)
        count_client(total, &c[i], by, NULL, from, to, as_of);
    *rows = a.rows;
    *nrows = a.n;
    return 0;
nomem:
    report_effect_free(a.rows, a.n, by);
    return -1;
}

void report_effect_free(struct effect_row *rows, size_t n, enum effect_by by)
{
    for (size_t i = 0; by == EFFECT_DOELGROEP && i < n; i++)
        if (rows[i].key && *rows[i].key)
            free((char *)rows[i].key);
    free(rows);
}

/* ---- waiting times --------------------------------------------------------------------- */

static int by_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Nearest rank: the median is the value at rank ceil(n/2), p90 at ceil(0.9 n). */
static void stat(int *v, int n, struct wait_stat *s)
{
    s->clients = n;
    s->median = s->p90 = -1;
    if (n == 0)
        return;
    qsort(v, (size_t)n, sizeof *v, by_int);
    s->median = v[(n + 1) / 2 - 1];
    s->p90 = v[(9 * n + 9) / 10 - 1];
}

static long first_instrument(const struct rf_client *c, long as_of)
{
    long first = -1;
    for (size_t i = 0; i < c->n_instruments; i++)
        if (c->instruments[i].start <= as_of && (first < 0 || c->instruments[i].start < first))
            first = c->instruments[i].start;
    return first;
}

void report_waiting(const struct rf_client *c, size_t n, long from, long to, long as_of,
                    struct waiting *out)
{
    int *v[4];
    int k[4] = {0};
    for (int j = 0; j < 4; j++)
        v[j] = malloc((n ? n : 1) * sizeof *v[j]);
    for (size_t i = 0; v[0] && v[1] && v[2] && v[3] && i < n; i++) {
        long a = c[i].applied_on, in = c[i].first_intake, pl = c[i].first_plan,
             ins = first_instrument(&c[i], as_of);
        if (a < from || a > to || a > as_of)
            continue;
        in = in <= as_of ? in : -1;
        pl = pl <= as_of ? pl : -1;
        if (in >= a)
            v[0][k[0]++] = (int)(in - a);
        if (in >= 0 && pl >= in)
            v[1][k[1]++] = (int)(pl - in);
        if (pl >= 0 && ins >= pl)
            v[2][k[2]++] = (int)(ins - pl);
        if (ins >= a)
            v[3][k[3]++] = (int)(ins - a);
    }
    struct wait_stat *s[4] = {&out->to_intake, &out->to_plan, &out->to_instrument, &out->total};
    for (int j = 0; j < 4; j++) {
        stat(v[j] ? v[j] : k, v[j] ? k[j] : 0, s[j]);
        free(v[j]);
    }
}

/* ---- nazorg ------------------------------------------------------------------------------ */

void report_nazorg(const struct rf_client *c, size_t n, long from, long to, long as_of,
                   struct nazorg_row with[2])
{
    memset(with, 0, 2 * sizeof *with);
    for (size_t i = 0; i < n; i++) {
        const struct rf_outflow *o = NULL;
        for (size_t k = 0; k < c[i].n_outflows; k++) {
            const struct rf_outflow *x = &c[i].outflows[k];
            if (report_is_work(x->reason) && x->date >= from && x->date <= to &&
                x->date <= as_of && (o == NULL || x->date < o->date))
                o = x;
        }
        if (o == NULL)
            continue;
        struct nazorg_row *r = &with[o->nazorg != 0];
        int back = o->returned_on >= 0 && o->returned_on <= as_of;
        r->outflows++;
        if (o->date + DAYS_6 <= as_of) {
            r->measurable_6++;
            r->back_6 += back && o->returned_on <= o->date + DAYS_6;
        }
        if (o->date + DAYS_12 <= as_of) {
            r->measurable_12++;
            r->back_12 += back && o->returned_on <= o->date + DAYS_12;
        }
    }
}
