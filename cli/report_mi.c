/* report_mi.c: the management reports computed from the case records (core/reports.c):
 * effectiviteit (per instrument, provider or doelgroep), wachttijden, nazorg,
 * ontwikkeling, beweging and kosten, for a period and as of a date, as text, tsv, csv or
 * JSON; --council writes "<5" for counts of one to four clients. */
#include "cli/cli.h"
#include "cli/env.h"
#include "cli/out.h"
#include "cli/table.h"
#include "core/date.h"
#include "core/money.h"
#include "core/reports.h"
#include "storage/reportdata.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct period {
    long from, to, as_of;
};

static void num(char *out, size_t n, long v)
{
    snprintf(out, n, "%ld", v);
}

static void intro(const char *what, const struct period *p, enum cli_format f)
{
    char a[11], b[11], c[11];
    if (f != FMT_TEXT)
        return;
    date_format_nl(p->from, a);
    date_format_nl(p->to, b);
    date_format_nl(p->as_of, c);
    out_printf(stdout, "%s, %s tot en met %s, stand op %s\n(klanten, niet activiteiten)\n\n", what,
               a, b, c);
}

static void euros(char *out, size_t n, long cents, enum cli_format f)
{
    if (f == FMT_TEXT)
        money_format(cents, out, n);
    else /* machine-readable: euros with a decimal point */
        snprintf(out, n, "%ld.%02ld", cents / 100, cents % 100);
}

static const struct table_col effect_cols[] = {
    {"sleutel", 20, 0},       {"gestart", 7, 1},        {"afgerond", 8, 1},
    {"gestopt", 7, 1},        {"werk_3m", 7, 1},        {"werk_6m", 7, 1},
    {"werk_12m", 8, 1},       {"meetbaar_6m", 11, 1},   {"nog_uit_6m", 10, 1},
    {"kosten_euro", 12, 0},
};

static void effect_row(const struct table *t, const struct effect_row *r)
{
    char v[9][24], cost[32];
    num(v[0], sizeof v[0], r->started);
    num(v[1], sizeof v[1], r->completed);
    num(v[2], sizeof v[2], r->stopped);
    num(v[3], sizeof v[3], r->work_3);
    num(v[4], sizeof v[4], r->work_6);
    num(v[5], sizeof v[5], r->work_12);
    num(v[6], sizeof v[6], r->measurable_6);
    num(v[7], sizeof v[7], r->still_off_6);
    euros(cost, sizeof cost, r->cost_cents, t->f);
    const char *label = r->key ? (*r->key ? r->key : "(geen)") : "TOTAAL";
    const char *cells[] = {label, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], cost};
    table_row(t, cells);
}

static int effect(const struct report_data *d, const struct period *p, const char *by,
                  enum cli_format f, int council)
{
    enum effect_by e = strcmp(by, "aanbieder") == 0  ? EFFECT_PROVIDER
                       : strcmp(by, "doelgroep") == 0 ? EFFECT_DOELGROEP
                                                      : EFFECT_INSTRUMENT;
    struct effect_row *r;
    size_t n;
    if (report_effect(d->clients, d->n, e, p->from, p->to, p->as_of, &r, &n) != 0) {
        out_printf(stderr, "klantvolg: Onvoldoende geheugen.\n");
        return KV_ERR;
    }
    char title[80];
    snprintf(title, sizeof title, "Effectiviteit per %s: gestart in de periode", by);
    intro(title, p, f);
    struct table_col cols[10];
    memcpy(cols, effect_cols, sizeof cols);
    cols[0].name = by;
    struct table t = {cols, 10, f, council};
    table_header(&t);
    for (size_t i = 0; i < n; i++)
        effect_row(&t, &r[i]);
    if (f == FMT_TEXT) {
        out_printf(stdout,
                   "\nWerk binnen 3, 6 en 12 maanden (91, 182, 365 dagen) na het einde van een "
                   "afgerond instrument;\nnog uit: niet terug in de uitkering 6 maanden na de "
                   "uitstroom (van wie dat al te meten is).\nTOTAAL telt elke klant één keer.\n");
        out_printf(stdout, "\nVoortijdig gestopt, naar eindreden:\n");
        for (size_t i = 0; i < n; i++)
            for (size_t k = 0; k < r[i].n_stopped_by; k++) {
                char cell[8];
                report_cell(r[i].stopped_by[k].clients, council, cell, sizeof cell);
                out_printf(stdout, "  %-22s %-22s %5s\n",
                           r[i].key ? (*r[i].key ? r[i].key : "(geen)") : "TOTAAL",
                           r[i].stopped_by[k].reason, cell);
            }
    }
    report_effect_free(r, n, e);
    return 0;
}

static const struct table_col wait_cols[] = {
    {"stap", 32, 0}, {"klanten", 7, 1}, {"mediaan_dagen", 13, 0}, {"p90_dagen", 9, 0},
};

static int waiting(const struct report_data *d, const struct period *p, enum cli_format f,
                   int council)
{
    struct waiting w;
    report_waiting(d->clients, d->n, p->from, p->to, p->as_of, &w);
    intro("Wachttijden van klanten aangemeld in de periode", p, f);
    struct table t = {wait_cols, 4, f, council};
    table_header(&t);
    const struct { const char *label; const struct wait_stat *s; } rows[] = {
        {"aanmelding -> intake", &w.to_intake}, {"intake -> plan", &w.to_plan},
        {"plan -> eerste instrument", &w.to_instrument},
        {"aanmelding -> eerste instrument", &w.total}};
    for (size_t i = 0; i < 4; i++) {
        char k[16], m[16], q[16];
        num(k, sizeof k, rows[i].s->clients);
        /* With fewer than 5 clients a median tells a council about persons: hidden too. */
        int hide = council && rows[i].s->clients > 0 && rows[i].s->clients < 5;
        snprintf(m, sizeof m, rows[i].s->median < 0 ? "-" : hide ? "<5" : "%d", rows[i].s->median);
        snprintf(q, sizeof q, rows[i].s->p90 < 0 ? "-" : hide ? "<5" : "%d", rows[i].s->p90);
        const char *cells[] = {rows[i].label, k, m, q};
        table_row(&t, cells);
    }
    return 0;
}

static const struct table_col nazorg_cols[] = {
    {"nazorg", 14, 0},     {"naar_werk", 9, 1},   {"meetbaar_6m", 11, 1}, {"terug_6m", 8, 1},
    {"meetbaar_12m", 12, 1}, {"terug_12m", 9, 1},
};

static int nazorg(const struct report_data *d, const struct period *p, enum cli_format f,
                  int council)
{
    struct nazorg_row w[2];
    report_nazorg(d->clients, d->n, p->from, p->to, p->as_of, w);
    intro("Terug in de uitkering na uitstroom naar werk in de periode", p, f);
    struct table t = {nazorg_cols, 6, f, council};
    table_header(&t);
    for (int i = 1; i >= 0; i--) {
        char v[5][16];
        num(v[0], sizeof v[0], w[i].outflows);
        num(v[1], sizeof v[1], w[i].measurable_6);
        num(v[2], sizeof v[2], w[i].back_6);
        num(v[3], sizeof v[3], w[i].measurable_12);
        num(v[4], sizeof v[4], w[i].back_12);
        const char *cells[] = {i ? "met nazorg" : "zonder nazorg", v[0], v[1], v[2], v[3], v[4]};
        table_row(&t, cells);
    }
    return 0;
}

/* A report of dimensions: one table (dimensie, waarde, klanten[, kosten, per klant]); in
 * text each dimension under its own heading. */
static int dims(int (*compute)(const struct rf_client *, size_t, long, long, struct dim_rows *),
                const char *title, const struct report_data *d, const struct period *p,
                enum cli_format f, int council, int with_cost)
{
    static const struct table_col cols[] = {
        {"dimensie", 12, 0}, {"waarde", 26, 0}, {"klanten", 8, 1}, {"kosten_euro", 14, 0},
        {"per_klant_euro", 14, 0}};
    struct dim_rows r;
    if (compute(d->clients, d->n, p->from, p->to, &r) != 0) {
        out_printf(stderr, "klantvolg: Onvoldoende geheugen.\n");
        return KV_ERR;
    }
    intro(title, p, f);
    /* In text the dimension is a heading over its rows, not a column. */
    int text = f == FMT_TEXT;
    struct table t = {cols + text, (with_cost ? 5 : 3) - text, f, council};
    if (!text)
        table_header(&t);
    for (size_t i = 0; i < r.n; i++) {
        if (text && (i == 0 || strcmp(r.v[i].dim, r.v[i - 1].dim) != 0)) {
            out_printf(stdout, "%s%s\n", i ? "\n" : "", r.v[i].dim);
            table_header(&t);
        }
        char k[16], cost[32], per[32];
        num(k, sizeof k, r.v[i].clients);
        euros(cost, sizeof cost, r.v[i].cost_cents, f);
        euros(per, sizeof per, r.v[i].clients ? r.v[i].cost_cents / r.v[i].clients : 0, f);
        /* A cost per client of fewer than 5 clients says too much about them. */
        if (council && r.v[i].clients > 0 && r.v[i].clients < 5)
            snprintf(per, sizeof per, "<5");
        const char *cells[] = {r.v[i].dim, r.v[i].key, k, cost, per};
        table_row(&t, cells + text);
    }
    dim_rows_free(&r);
    return 0;
}

int report_mi(struct cli *c, const char *what)
{
    struct kv_error err;
    enum cli_format f;
    long today;
    struct period p;
    int is_effect = strcmp(what, "effectiviteit") == 0;
    unsigned allowed = OPT_DB | OPT_USER | OPT_PASSFD | OPT_FORMAT | OPT_FROM | OPT_TO |
                       OPT_AS_OF | OPT_COUNCIL | (is_effect ? OPT_BY : 0);
    if (cli_expect(c, allowed, 2, "report neemt één soort rapport") != 0 ||
        cli_format(c, FMT_TEXT | FMT_TSV | FMT_JSON | FMT_CSV, &f) != 0)
        return KV_EUSAGE;
    const char *by = c->a.by ? c->a.by : "instrument";
    if (strcmp(by, "instrument") != 0 && strcmp(by, "aanbieder") != 0 &&
        strcmp(by, "doelgroep") != 0) {
        out_printf(stderr, "klantvolg: --by kent instrument, aanbieder en doelgroep, niet '%s'\n",
                   by);
        return KV_EUSAGE;
    }
    if (env_today(&today, &err) != KV_OK)
        return cli_report(&err);
    int y, m, d;
    date_ymd(today, &y, &m, &d);
    if (cli_period(c, date_days(y, 1, 1), today, &p.from, &p.to) != 0 ||
        cli_date_opt("as-of", c->a.as_of, today, &p.as_of) != 0)
        return KV_EUSAGE;
    if (p.to > p.as_of)
        p.to = p.as_of; /* nothing after the as-of date is seen */
    struct db *db;
    int rc = cli_open(c, 0, &db);
    if (rc != 0)
        return rc;
    struct report_data *data;
    if (reportdata_load(db, &data, &err) != KV_OK) {
        db_close(db);
        return cli_report(&err);
    }
    int council = (c->a.given & OPT_COUNCIL) != 0;
    if (is_effect)
        rc = effect(data, &p, by, f, council);
    else if (strcmp(what, "wachttijden") == 0)
        rc = waiting(data, &p, f, council);
    else if (strcmp(what, "ontwikkeling") == 0)
        rc = dims(report_development, "Ontwikkeling van het klantenbestand", data, &p, f, council,
                  0);
    else if (strcmp(what, "beweging") == 0)
        rc = dims(report_movement, "Beweging op de participatieladder en tussen indelingen", data,
                  &p, f, council, 0);
    else if (strcmp(what, "kosten") == 0)
        rc = dims(report_cost, "Kosten van instrumenten gestart in de periode", data, &p, f,
                  council, 1);
    else
        rc = nazorg(data, &p, f, council);
    reportdata_free(data);
    db_close(db);
    return rc;
}
