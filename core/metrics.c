#include "core/metrics.h"

#include <stdlib.h>
#include <string.h>

static int nazorg_running(const struct case_file *cf, long today)
{
    for (size_t i = 0; i < cf->n_nazorg; i++)
        if (cf->nazorg[i].start <= today &&
            (cf->nazorg[i].end == NO_DATE || cf->nazorg[i].end >= today))
            return 1;
    return 0;
}

static int by_name(const void *a, const void *b)
{
    const struct caseworker_metrics *x = a, *y = b;
    return strcmp(x->caseworker, y->caseworker);
}

/* Rows by caseworker through an open-addressing index (slot[] holds row numbers + 1, 0
 * empty; cap a power of two above twice the rows): a municipality has hundreds of
 * caseworkers and 50,000 clients, and a scan of the rows per client was quadratic. */
struct row_index {
    size_t *slot;
    size_t cap;
};

static size_t name_hash(const char *s)
{
    size_t h = 5381;
    while (*s)
        h = h * 33 + (unsigned char)*s++;
    return h;
}

static struct caseworker_metrics *row_for(struct caseworker_metrics *rows, size_t *n,
                                          const struct row_index *ix, const char *who)
{
    size_t i = name_hash(who) & (ix->cap - 1);
    for (; ix->slot[i] != 0; i = (i + 1) & (ix->cap - 1))
        if (strcmp(rows[ix->slot[i] - 1].caseworker, who) == 0)
            return &rows[ix->slot[i] - 1];
    ix->slot[i] = *n + 1;
    memset(&rows[*n], 0, sizeof rows[*n]);
    rows[*n].caseworker = who;
    return &rows[(*n)++];
}

void metrics_add(struct caseworker_metrics *to, const struct caseworker_metrics *from)
{
    to->clients += from->clients;
    to->load += from->load;
    to->signals_overdue += from->signals_overdue;
    to->signals_due_soon += from->signals_due_soon;
    to->clients_with_overdue += from->clients_with_overdue;
    to->contact_beyond_norm += from->contact_beyond_norm;
    to->nazorg_running += from->nazorg_running;
    to->handovers += from->handovers;
    to->uninformed += from->uninformed;
}

static void metrics_sub(struct caseworker_metrics *to, const struct caseworker_metrics *from)
{
    to->clients -= from->clients;
    to->load -= from->load;
    to->signals_overdue -= from->signals_overdue;
    to->signals_due_soon -= from->signals_due_soon;
    to->clients_with_overdue -= from->clients_with_overdue;
    to->contact_beyond_norm -= from->contact_beyond_norm;
    to->nazorg_running -= from->nazorg_running;
    to->handovers -= from->handovers;
    to->uninformed -= from->uninformed;
}

/* rows[i] for caseworker name, or n when none; "" is never looked up. */
static size_t row_of(const struct caseworker_metrics *rows, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (rows[i].caseworker != NULL && strcmp(rows[i].caseworker, name) == 0)
            return i;
    return n;
}

/* Every caseworker of d (its total, last, apart) has a row in rows. */
static int all_found(const struct caseworker_metrics *rows, size_t n,
                     const struct caseworker_metrics *d, size_t nd)
{
    for (size_t k = 0; k + 1 < nd; k++)
        if (d[k].caseworker != NULL && *d[k].caseworker != '\0' &&
            row_of(rows, n, d[k].caseworker) == n)
            return 0;
    return 1;
}

static void apply(struct caseworker_metrics *rows, size_t n, int *unassigned,
                  const struct caseworker_metrics *d, size_t nd, int sign)
{
    for (size_t k = 0; k + 1 < nd; k++) {
        if (d[k].caseworker == NULL)
            continue;
        if (*d[k].caseworker == '\0') {
            *unassigned += sign * d[k].clients;
            continue;
        }
        struct caseworker_metrics *r = &rows[row_of(rows, n, d[k].caseworker)];
        if (sign > 0)
            metrics_add(r, &d[k]);
        else
            metrics_sub(r, &d[k]);
    }
}

int metrics_patch(struct caseworker_metrics *rows, size_t n, int *unassigned,
                  const struct caseworker_metrics *old, size_t nold,
                  const struct caseworker_metrics *new_rows, size_t nnew)
{
    if (!all_found(rows, n, old, nold) || !all_found(rows, n, new_rows, nnew))
        return -1;
    apply(rows, n, unassigned, old, nold, -1);
    apply(rows, n, unassigned, new_rows, nnew, +1);
    return 0;
}

int metrics_caseload(const struct metrics_client *c, size_t n, const struct signal_config *cfg,
                     long today, struct caseworker_metrics **rows_out, size_t *nrows)
{
    struct caseworker_metrics *rows = calloc(n + 1, sizeof *rows);
    struct signal_list sig = {0};
    struct row_index ix = {NULL, 16};
    while (ix.cap < 2 * (n + 1))
        ix.cap *= 2;
    ix.slot = calloc(ix.cap, sizeof *ix.slot);
    size_t nr = 0;
    if (rows == NULL || ix.slot == NULL) {
        free(rows);
        free(ix.slot);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        struct caseworker_metrics one = {0};
        sig.n = 0;
        if (signals_compute(c[i].cf, cfg, today, &sig) != 0) {
            free(rows);
            free(ix.slot);
            signals_free(&sig);
            return -1;
        }
        one.clients = 1;
        /* One model: a client is 1/norm of a full-time caseload of their kind; nothing is
         * weighted on top of that. */
        one.load = 1.0 / (c[i].norm > 0 ? c[i].norm : 85);
        for (size_t k = 0; k < sig.n; k++) {
            one.signals_overdue += sig.v[k].severity == SEV_OVERDUE;
            one.signals_due_soon += sig.v[k].severity == SEV_DUE_SOON;
            if (sig.v[k].kind == SIG_CONTACT_NORM && sig.v[k].severity == SEV_OVERDUE)
                one.contact_beyond_norm = 1;
        }
        one.clients_with_overdue = one.signals_overdue > 0;
        one.nazorg_running = nazorg_running(c[i].cf, today);
        one.uninformed = signals_uninformed(c[i].cf);
        for (size_t k = 0; k < c[i].cf->n_handovers; k++)
            one.handovers +=
                c[i].cf->handovers[k].date > today - 365 && c[i].cf->handovers[k].date <= today;
        metrics_add(row_for(rows, &nr, &ix, c[i].caseworker ? c[i].caseworker : ""), &one);
    }
    free(ix.slot);
    signals_free(&sig);
    qsort(rows, nr, sizeof *rows, by_name);
    memset(&rows[nr], 0, sizeof rows[nr]);
    for (size_t i = 0; i < nr; i++)
        metrics_add(&rows[nr], &rows[i]); /* the team total, caseworker NULL */
    *rows_out = rows;
    *nrows = nr + 1;
    return 0;
}

static void count(struct count_by *v, size_t *n, const char *key)
{
    key = key ? key : "";
    for (size_t i = 0; i < *n; i++)
        if (strcmp(v[i].key, key) == 0) {
            v[i].clients++;
            return;
        }
    if (*n < METRICS_MAX_KEYS)
        v[(*n)++] = (struct count_by){key, 1};
}

void metrics_outflow(const struct metrics_client *c, size_t n, long from, long to,
                     struct outflow_metrics *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < n; i++) {
        const struct cf_outflow *first = NULL;
        for (size_t k = 0; k < c[i].cf->n_outflows; k++) {
            const struct cf_outflow *o = &c[i].cf->outflows[k];
            if (o->date >= from && o->date <= to && (first == NULL || o->date < first->date))
                first = o;
        }
        if (first == NULL)
            continue;
        out->clients++;
        if (first->reason &&
            (strcmp(first->reason, "werk") == 0 || strcmp(first->reason, "zelfstandige") == 0))
            out->to_work++;
        count(out->by_reason, &out->n_reason, first->reason);
        count(out->by_route, &out->n_route, first->route);
    }
}
