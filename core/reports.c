#include "core/reports.h"

#include "core/codes.h"
#include "core/date.h"

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
    if (report_withheld(clients, council))
        snprintf(out, n, "<5");
    else
        snprintf(out, n, "%d", clients);
}

/* The client's first outflow dated from..to (for work only, when asked). */
static const struct rf_outflow *first_outflow(const struct rf_client *c, long from, long to,
                                              int work_only)
{
    const struct rf_outflow *o = NULL;
    for (size_t i = 0; i < c->n_outflows; i++) {
        const struct rf_outflow *x = &c->outflows[i];
        if (x->date >= from && x->date <= to && (!work_only || report_is_work(x->reason)) &&
            (o == NULL || x->date < o->date))
            o = x;
    }
    return o;
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

/* Is there an outflow for work from start up to days after end (not after as_of)? The
 * earliest such outflow into *first. */
static int work_within(const struct rf_client *c, long start, long end, long days, long as_of,
                       const struct rf_outflow **first)
{
    const struct rf_outflow *o =
        first_outflow(c, start, end + days < as_of ? end + days : as_of, 1);
    if (o != NULL && (*first == NULL || o->date < (*first)->date))
        *first = o;
    return o != NULL;
}

/* One client's instruments of one key (all of them for key NULL), as one client. Each
 * completed instrument's windows count from its own end: an outflow a day after the second
 * of two trajectories ended is work within 3 months of that one. */
static void count_client(struct effect_row *r, const struct rf_client *c, enum effect_by by,
                         const char *key, long from, long to, long as_of)
{
    const struct rf_instrument *stop = NULL;
    const struct rf_outflow *o = NULL;
    int any = 0, done = 0, w3 = 0, w6 = 0, w12 = 0;
    for (size_t i = 0; i < c->n_instruments; i++) {
        const struct rf_instrument *in = &c->instruments[i];
        if (!belongs(in, by, key) || in->start < from || in->start > to)
            continue;
        any = 1;
        r->cost_cents += in->cost_cents;
        int ended = in->actual_end != REPORT_NO_DATE && in->actual_end <= as_of;
        if (ended && strcmp(in->status, "afgerond") == 0) {
            done = 1;
            w3 |= work_within(c, in->start, in->actual_end, DAYS_3, as_of, &o);
            w6 |= work_within(c, in->start, in->actual_end, DAYS_6, as_of, &o);
            w12 |= work_within(c, in->start, in->actual_end, DAYS_12, as_of, &o);
        } else if (ended && strcmp(in->status, "voortijdig_gestopt") == 0 && stop == NULL) {
            stop = in;
        }
    }
    if (!any)
        return;
    r->started++;
    if (!done) {
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
    r->work_3 += w3;
    r->work_6 += w6;
    r->work_12 += w12;
    if (o != NULL && o->date + DAYS_6 <= as_of) {
        r->measurable_6++;
        r->still_off_6 += o->returned_on == REPORT_NO_DATE || o->returned_on > o->date + DAYS_6;
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
        const char *code;
        size_t k;
        for (const char *p = c->doelgroepen; codes_next(&p, &code, &k);) {
            int found = 0;
            for (size_t i = 0; i < a->n && !found; i++)
                found = strlen(a->rows[i].key) == k && strncmp(a->rows[i].key, code, k) == 0;
            if (!found) {
                char *key = strndup(code, k); /* owned by the row: freed in report_effect */
                if (key == NULL || row_for(a, key) == NULL) {
                    free(key);
                    return -1;
                }
            }
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
                !(*a.rows[k].key ? codes_contains(c[i].doelgroepen, a.rows[k].key)
                                 : c[i].doelgroepen == NULL || *c[i].doelgroepen == '\0'))
                continue;
            count_client(&a.rows[k], &c[i], by, by == EFFECT_DOELGROEP ? NULL : a.rows[k].key, from,
                         to, as_of);
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
    /* No total: cohorts overlap (one client, two instruments), and a sum of them is the
     * double count the Berkelland audit found. The attributed outflow has the total. */
    *rows = a.rows;
    *nrows = a.n;
    return 0;
nomem:
    report_effect_free(a.rows, a.n, by);
    return -1;
}

/* The instrument an outflow names, among the client's. */
static const struct rf_instrument *named(const struct rf_client *c, const struct rf_outflow *o)
{
    for (size_t i = 0; o->instrument != 0 && i < c->n_instruments; i++)
        if (c->instruments[i].id == o->instrument)
            return &c->instruments[i];
    return NULL;
}

static int by_attrib_key(const void *a, const void *b)
{
    return strcmp(((const struct attrib_row *)a)->key, ((const struct attrib_row *)b)->key);
}

int report_attributed(const struct rf_client *c, size_t n, enum effect_by by, long from, long to,
                      long as_of, struct attrib_row **rows, size_t *nrows)
{
    struct attrib_row *v = NULL, total = {NULL, 0, 0, 0};
    size_t nv = 0, cap = 0;
    if (to > as_of)
        to = as_of;
    for (size_t i = 0; i < n; i++) {
        const struct rf_outflow *o = first_outflow(&c[i], from, to, 1);
        if (o == NULL)
            continue;
        const struct rf_instrument *in = named(&c[i], o);
        const char *key = in == NULL                ? REPORT_UNATTRIBUTED
                          : by == EFFECT_INSTRUMENT ? in->code
                          : *in->provider           ? in->provider
                                                    : REPORT_NO_PROVIDER;
        size_t k = 0;
        while (k < nv && strcmp(v[k].key, key) != 0)
            k++;
        if (k == nv) {
            if (nv == cap) {
                struct attrib_row *w = realloc(v, (cap = cap ? 2 * cap : 16) * sizeof *w);
                if (w == NULL) {
                    free(v);
                    return -1;
                }
                v = w;
            }
            v[nv++] = (struct attrib_row){key, 0, 0, 0};
        }
        int measurable = o->date + DAYS_6 <= as_of;
        int off =
            measurable && (o->returned_on == REPORT_NO_DATE || o->returned_on > o->date + DAYS_6);
        v[k].clients++, total.clients++;
        v[k].measurable_6 += measurable, total.measurable_6 += measurable;
        v[k].still_off_6 += off, total.still_off_6 += off;
    }
    struct attrib_row *w = realloc(v, (nv + 1) * sizeof *w);
    if (w == NULL) {
        free(v);
        return -1;
    }
    qsort(w, nv, sizeof *w, by_attrib_key);
    w[nv++] = total;
    *rows = w;
    *nrows = nv;
    return 0;
}

static void fold(struct attrib_row *other, struct attrib_row *r)
{
    other->clients += r->clients;
    other->measurable_6 += r->measurable_6;
    other->still_off_6 += r->still_off_6;
    r->clients = -1; /* gone */
}

void report_attributed_fold(struct attrib_row *rows, size_t *nrows)
{
    if (*nrows == 0)
        return;
    size_t n = *nrows - 1; /* the total stays */
    struct attrib_row other = {REPORT_OTHER, 0, 0, 0};
    for (size_t i = 0; i < n; i++)
        if (rows[i].clients > 0 && rows[i].clients < 5)
            fold(&other, &rows[i]);
    /* Secondary: an "overig" of 1 to 4 would follow from the total minus the others. */
    while (other.clients > 0 && other.clients < 5) {
        struct attrib_row *small = NULL;
        for (size_t i = 0; i < n; i++)
            if (rows[i].clients > 0 && (small == NULL || rows[i].clients < small->clients))
                small = &rows[i];
        if (small == NULL)
            break;
        fold(&other, small);
    }
    struct attrib_row total = rows[n];
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (rows[i].clients >= 0)
            rows[k++] = rows[i];
    if (other.clients > 0)
        rows[k++] = other;
    rows[k++] = total;
    *nrows = k;
}

int report_withheld(int clients, int council)
{
    return council && clients > 0 && clients < 5;
}

long report_per_client(const struct dim_row *r)
{
    return r->clients > 0 ? r->cost_cents / r->clients : 0;
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
        in = in <= as_of ? in : REPORT_NO_DATE;
        pl = pl <= as_of ? pl : REPORT_NO_DATE;
        if (in >= a)
            v[0][k[0]++] = (int)(in - a);
        if (in != REPORT_NO_DATE && pl >= in)
            v[1][k[1]++] = (int)(pl - in);
        if (pl != REPORT_NO_DATE && ins >= pl)
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
        const struct rf_outflow *o = first_outflow(&c[i], from, to < as_of ? to : as_of, 1);
        if (o == NULL)
            continue;
        struct nazorg_row *r = &with[o->nazorg != 0];
        int back = o->returned_on != REPORT_NO_DATE && o->returned_on <= as_of;
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

/* ---- dimensions ----------------------------------------------------------------------- */

void dim_rows_free(struct dim_rows *r)
{
    for (size_t i = 0; i < r->nowned; i++)
        free(r->owned[i]);
    free(r->owned);
    free(r->v);
    memset(r, 0, sizeof *r);
}

/* Add clients and cost under dim/key; keys are borrowed unless own is set (copied). */
static int add(struct dim_rows *r, const char *dim, const char *key, int clients, long cost,
               int own)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->v[i].dim, dim) == 0 && strcmp(r->v[i].key, key) == 0) {
            r->v[i].clients += clients;
            r->v[i].cost_cents += cost;
            return 0;
        }
    if (r->n == r->cap) {
        struct dim_row *v = realloc(r->v, (r->cap = r->cap ? 2 * r->cap : 32) * sizeof *v);
        if (v == NULL)
            return -1;
        r->v = v;
    }
    if (own) {
        char **o = realloc(r->owned, (r->nowned + 1) * sizeof *o);
        char *k = o ? strdup(key) : NULL;
        if (o)
            r->owned = o;
        if (k == NULL)
            return -1;
        r->owned[r->nowned++] = k;
        key = k;
    }
    r->v[r->n++] = (struct dim_row){dim, key, clients, cost};
    return 0;
}

static int tally(struct dim_rows *r, const char *dim, const char *key, long cost, int own)
{
    return add(r, dim, key, 1, cost, own);
}

/* Put a dimension's zero rows in place, so a table always has them in this order. */
static int zeros(struct dim_rows *r, const char *dim, const char *const *keys, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (add(r, dim, keys[i], 0, 0, 0) != 0)
            return -1;
    return 0;
}

const char *report_age_band(long birth, long day)
{
    static const struct {
        int from;
        const char *band;
    } bands[] = {{65, "65+"}, {55, "55-64"}, {45, "45-54"}, {35, "35-44"}, {27, "27-34"}};
    int by, bm, bd, ty, tm, td;
    date_ymd(birth, &by, &bm, &bd);
    date_ymd(day, &ty, &tm, &td);
    int age = ty - by - (tm < bm || (tm == bm && td < bd));
    for (size_t i = 0; i < sizeof bands / sizeof bands[0]; i++)
        if (age >= bands[i].from)
            return bands[i].band;
    return "18-26";
}

int report_on_benefit(const struct rf_client *c, long day)
{
    if (c->benefit_start == REPORT_NO_DATE || c->benefit_start > day)
        return 0;
    const struct rf_outflow *last = NULL;
    for (size_t i = 0; i < c->n_outflows; i++)
        if (c->outflows[i].date <= day && (last == NULL || c->outflows[i].date > last->date))
            last = &c->outflows[i];
    return last == NULL || (last->returned_on != REPORT_NO_DATE && last->returned_on <= day);
}

/* The client's classification in a group on day: the latest on or before it. */
static const char *class_on(const struct rf_client *c, const char *group, long day)
{
    const struct rf_class *k = NULL;
    for (size_t i = 0; i < c->n_classes; i++)
        if (strcmp(c->classes[i].group, group) == 0 && c->classes[i].date <= day &&
            (k == NULL || c->classes[i].date >= k->date))
            k = &c->classes[i];
    return k ? k->code : NULL;
}

static const char *duration_band(long days)
{
    return days < 183    ? "<0,5"
           : days < 365  ? "0,5-1"
           : days < 730  ? "1-2"
           : days < 1096 ? "2-3"
           : days < 1461 ? "3-4"
           : days < 1826 ? "4-5"
                         : ">5";
}

static const char *or_none(const char *s)
{
    return s && *s ? s : "(onbekend)";
}

/* One count (and cost) for each code of a comma list; "(geen)" for an empty one. */
static int each_code(struct dim_rows *r, const char *dim, const char *list, long cost)
{
    if (list == NULL || *list == '\0')
        return add(r, dim, "(geen)", 1, cost, 0);
    const char *code;
    size_t k;
    for (const char *p = list; codes_next(&p, &code, &k);) {
        char key[64];
        snprintf(key, sizeof key, "%.*s", (int)k, code);
        if (add(r, dim, key, 1, cost, 1) != 0)
            return -1;
    }
    return 0;
}

/* Rows of one dimension together, keys in order within it (zero rows first kept). */
static int by_dim_key(const void *a, const void *b)
{
    const struct dim_row *x = a, *y = b;
    int c = strcmp(x->dim, y->dim);
    return c ? c : strcmp(x->key, y->key);
}

int report_development(const struct rf_client *c, size_t n, long from, long to,
                       struct dim_rows *out)
{
    static const char *const durations[] = {"<0,5", "0,5-1", "1-2", "2-3", "3-4", "4-5", ">5"};
    memset(out, 0, sizeof *out);
    int start = 0, end = 0, rc = 0;
    for (size_t i = 0; i < n; i++) {
        start += report_on_benefit(&c[i], from - 1);
        end += report_on_benefit(&c[i], to);
    }
    if (add(out, "omvang", "begin", start, 0, 0) || add(out, "omvang", "eind", end, 0, 0) ||
        zeros(out, "duur", durations, 7))
        return -1;
    for (size_t i = 0; i < n && rc == 0; i++) {
        const struct rf_client *x = &c[i];
        if (x->benefit_start >= from && x->benefit_start <= to)
            rc |= tally(out, "instroom", or_none(x->instroomreden), 0, 0);
        const struct rf_outflow *o = first_outflow(x, from, to, 0);
        if (o != NULL) {
            rc |= tally(out, "uitstroom", or_none(o->reason), 0, 0);
            rc |= tally(out, "route", or_none(o->route), 0, 0);
        }
        if (!report_on_benefit(x, to))
            continue;
        rc |= tally(out, "duur", duration_band(to - x->benefit_start), 0, 0);
        rc |= tally(out, "leeftijd",
                    x->birth_date != REPORT_NO_DATE ? report_age_band(x->birth_date, to)
                                                    : "(onbekend)",
                    0, 0);
        rc |= tally(out, "huishouden", or_none(x->household), 0, 0);
        rc |= each_code(out, "doelgroep", x->doelgroepen, 0);
        rc |= tally(out, "indeling", or_none(class_on(x, "indeling", to)), 0, 0);
        rc |= tally(out, "gemeente", or_none(x->municipality), 0, 0);
    }
    /* omvang and duur keep their own order; the others by key. */
    size_t fixed = 2 + 7;
    if (out->n > fixed)
        qsort(out->v + fixed, out->n - fixed, sizeof *out->v, by_dim_key);
    return rc ? -1 : 0;
}

/* How far towards work a classification is; 0 when it is not on a scale. */
static int step(const char *group, const char *code)
{
    static const struct {
        const char *code;
        int step;
    } indeling[] = {{"meedoen", 1}, {"perspectief", 2}, {"werk", 3}};
    if (code == NULL)
        return 0;
    if (strcmp(group, "participatieladder") == 0)
        return strncmp(code, "trede", 5) == 0 ? atoi(code + 5) : 0;
    for (size_t i = 0; i < sizeof indeling / sizeof indeling[0]; i++)
        if (strcmp(code, indeling[i].code) == 0)
            return indeling[i].step;
    return 0;
}

int report_movement(const struct rf_client *c, size_t n, long from, long to, struct dim_rows *out)
{
    static const char *const groups[] = {"participatieladder", "indeling"};
    static const char *const ways[] = {"omhoog", "gelijk", "omlaag"};
    memset(out, 0, sizeof *out);
    for (size_t g = 0; g < 2; g++)
        if (zeros(out, groups[g], ways, 3) != 0)
            return -1;
    for (size_t i = 0; i < n; i++)
        for (size_t g = 0; g < 2; g++) {
            int a = step(groups[g], class_on(&c[i], groups[g], from));
            int b = step(groups[g], class_on(&c[i], groups[g], to));
            if (a == 0 || b == 0)
                continue;
            out->v[3 * g + (b > a ? 0 : b == a ? 1 : 2)].clients++;
        }
    return 0;
}

int report_cost(const struct rf_client *c, size_t n, long from, long to, struct dim_rows *out)
{
    memset(out, 0, sizeof *out);
    if (add(out, "werk", "per klant naar werk", 0, 0, 0) != 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        const struct rf_client *x = &c[i];
        long started = 0;
        int any = 0;
        for (size_t k = 0; k < x->n_instruments && rc == 0; k++) {
            const struct rf_instrument *in = &x->instruments[k];
            if (in->start < from || in->start > to)
                continue;
            /* A client once per instrument, however many they started; all the cost. */
            int again = 0;
            for (size_t j = 0; j < k; j++)
                again |= strcmp(x->instruments[j].code, in->code) == 0 &&
                         x->instruments[j].start >= from && x->instruments[j].start <= to;
            rc |= add(out, "instrument", in->code, again ? 0 : 1, in->cost_cents, 0);
            started += in->cost_cents;
            any = 1;
        }
        if (any)
            rc |= each_code(out, "doelgroep", x->doelgroepen, started);
        const struct rf_outflow *o = first_outflow(x, from, to, 1);
        if (o != NULL) {
            long all = 0;
            for (size_t k = 0; k < x->n_instruments; k++)
                if (x->instruments[k].start <= o->date)
                    all += x->instruments[k].cost_cents;
            out->v[0].clients++;
            out->v[0].cost_cents += all;
        }
    }
    if (out->n > 1)
        qsort(out->v + 1, out->n - 1, sizeof *out->v, by_dim_key);
    return rc ? -1 : 0;
}
