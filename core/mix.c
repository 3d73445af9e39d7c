#include "core/mix.h"

#include <stdlib.h>
#include <string.h>

const char *const mix_class_names[MIX_CLASSES] = {"werk", "perspectief", "meedoen", "overig"};

int mix_pct(int part, int whole)
{
    return whole > 0 ? (200 * part + whole) / (2 * whole) : 0;
}

static int class_index(const char *code)
{
    for (int i = 0; i < MIX_CLASSES - 1; i++)
        if (code && strcmp(code, mix_class_names[i]) == 0)
            return i;
    return MIX_CLASSES - 1;
}

static int has_instrument(const struct case_file *cf, const char *name)
{
    for (size_t i = 0; i < cf->n_instruments; i++)
        if (cf->instruments[i].name && strcmp(cf->instruments[i].name, name) == 0)
            return 1;
    return 0;
}

struct tally {
    const char *name;
    int clients;
};

static int by_clients_then_name(const void *a, const void *b)
{
    const struct tally *x = a, *y = b;
    return x->clients != y->clients ? y->clients - x->clients : strcmp(x->name, y->name);
}

/* The instruments by the number of clients who got one, most first. */
static int top_instruments(const struct metrics_client *c, size_t n, struct mix *out)
{
    struct tally *t = NULL;
    size_t nt = 0, cap = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < c[i].cf->n_instruments; k++) {
            const char *name = c[i].cf->instruments[k].name;
            int first = 1; /* once per client */
            for (size_t j = 0; name && j < k; j++)
                if (c[i].cf->instruments[j].name && strcmp(c[i].cf->instruments[j].name, name) == 0)
                    first = 0;
            if (name == NULL || !first)
                continue;
            size_t j = 0;
            while (j < nt && strcmp(t[j].name, name) != 0)
                j++;
            if (j == nt) {
                if (nt == cap) {
                    struct tally *v = realloc(t, (cap = cap ? 2 * cap : 16) * sizeof *v);
                    if (v == NULL) {
                        free(t);
                        return -1;
                    }
                    t = v;
                }
                t[nt++] = (struct tally){name, 0};
            }
            t[j].clients++;
        }
    if (nt > 0)
        qsort(t, nt, sizeof *t, by_clients_then_name);
    for (out->ntop = 0; out->ntop < MIX_TOP && out->ntop < nt; out->ntop++)
        out->top[out->ntop] = t[out->ntop].name;
    free(t);
    return 0;
}

static int by_name(const void *a, const void *b)
{
    const struct mix_row *x = a, *y = b;
    return strcmp(x->caseworker, y->caseworker);
}

static void count(struct mix_row *r, const struct metrics_client *c, const struct mix *m)
{
    r->clients++;
    r->by_class[class_index(c->classification)]++;
    for (size_t t = 0; t < m->ntop; t++)
        r->with_instrument[t] += has_instrument(c->cf, m->top[t]);
}

int mix_compute(const struct metrics_client *c, size_t n, struct mix *out)
{
    memset(out, 0, sizeof *out);
    if (top_instruments(c, n, out) != 0 || (out->rows = calloc(n + 1, sizeof *out->rows)) == NULL)
        return -1;
    struct mix_row team = {0};
    for (size_t i = 0; i < n; i++) {
        if (c[i].caseworker == NULL || *c[i].caseworker == '\0') {
            count(&team, &c[i], out);
            continue;
        }
        size_t k = 0;
        while (k < out->n && strcmp(out->rows[k].caseworker, c[i].caseworker) != 0)
            k++;
        if (k == out->n)
            out->rows[out->n++].caseworker = c[i].caseworker;
        count(&out->rows[k], &c[i], out);
        count(&team, &c[i], out);
    }
    qsort(out->rows, out->n, sizeof *out->rows, by_name);
    out->rows[out->n++] = team;
    return 0;
}

void mix_free(struct mix *m)
{
    free(m->rows);
    memset(m, 0, sizeof *m);
}
