/* report_mi.c: the management reports computed from the case records (core/reports.c):
 * effectiviteit (per instrument, provider or doelgroep), wachttijden, nazorg,
 * ontwikkeling, beweging and kosten, for a period and as of a date, as text, tsv, csv or
 * JSON; --council writes "<5" for counts of one to four clients. */
#include "cli/cli.h"
#include "host/batch.h"
#include "host/env.h"
#include "host/out.h"
#include "doc/report_html.h"
#include "cli/table.h"
#include "core/date.h"
#include "core/labels.h"
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

/* A withheld figure (council): derived from a count of 1 to 4 clients. */
#define WITHHELD "x"

/* Columns as a person reads them in text (labels, widened to fit), as codes otherwise. */
static void columns(const struct table_col *in, int n, enum cli_format f, struct table_col *out)
{
    for (int i = 0; i < n; i++) {
        out[i] = in[i];
        if (f != FMT_TEXT)
            continue;
        out[i].name = labels_nl(NULL, "", in[i].name);
        int w = (int)strlen(out[i].name);
        if (out[i].width < w)
            out[i].width = w;
    }
}

/* A key as shown: its label in text, its code otherwise. */
static const char *shown(const struct report_data *d, const char *kind, const char *key,
                         enum cli_format f)
{
    return f == FMT_TEXT ? labels_nl(&d->labels.l, labels_kind_of(kind), key) : key;
}

static const struct table_col attrib_cols[] = {
    {"figuur", 13, 0},      {"sleutel", 36, 0},    {"naar_werk", 9, 1},
    {"meetbaar_6m", 11, 1}, {"nog_uit_6m", 10, 1},
};

/* Attributed outflow: each client who left for work once, rows that sum to the total. */
static int attributed(const struct report_data *d, const struct period *p, enum effect_by e,
                      const char *by, enum cli_format f, int council, const struct table *whole)
{
    struct attrib_row *r;
    size_t n;
    if (report_attributed(d->clients, d->n, e, p->from, p->to, p->as_of, &r, &n) != 0)
        return -1;
    if (council)
        report_attributed_fold(r, &n);
    int text = f == FMT_TEXT;
    struct table_col cols[5];
    columns(attrib_cols, 5, f, cols);
    cols[1].name = text ? labels_nl(NULL, "", by) : by;
    struct table t = {cols + text, 5 - text, f, council};
    if (text) {
        out_printf(
            stdout,
            "Uitstroom naar werk in de periode, toegeschreven: elke klant een keer, aan %s\n"
            "dat de uitstroom noemt (anders: niet toegeschreven); de rijen tellen op tot het "
            "totaal.%s\n\n",
            e == EFFECT_PROVIDER ? "de aanbieder van het instrument" : "het instrument",
            council ? " Rijen van 1 tot 4\nklanten zijn samengenomen als overig; is overig zelf "
                      "kleiner dan 5, dan gaat ook de\nkleinste andere rij erin, anders volgt "
                      "het kleine aantal uit het totaal."
                    : "");
        table_header(&t);
    }
    for (size_t i = 0; i < n; i++) {
        char v[3][16];
        snprintf(v[0], sizeof v[0], "%d", r[i].clients);
        snprintf(v[1], sizeof v[1], "%d", r[i].measurable_6);
        snprintf(v[2], sizeof v[2], "%d", r[i].still_off_6);
        const char *key = r[i].key ? shown(d, by, r[i].key, f) : "TOTAAL";
        const char *cells[] = {"toegeschreven", key, v[0], v[1], v[2]};
        const char *all[] = {"toegeschreven", key, v[0], "", "", "", "", "", "", v[1], v[2], ""};
        if (text)
            table_row(&t, cells + 1);
        else
            table_row(whole, all);
    }
    free(r);
    return 0;
}

/* Machine formats: one table of both figures; the figuur column tells them apart. */
static const struct table_col all_cols[] = {
    {"figuur", 13, 0},  {"sleutel", 36, 0},     {"naar_werk", 9, 1},   {"gestart", 7, 1},
    {"afgerond", 8, 1}, {"gestopt", 7, 1},      {"werk_3m", 7, 1},     {"werk_6m", 7, 1},
    {"werk_12m", 8, 1}, {"meetbaar_6m", 11, 1}, {"nog_uit_6m", 10, 1}, {"kosten_euro", 14, 0},
};

static const struct table_col cohort_cols[] = {
    {"figuur", 13, 0},      {"sleutel", 36, 0},    {"gestart", 7, 1},      {"afgerond", 8, 1},
    {"gestopt", 7, 1},      {"werk_3m", 7, 1},     {"werk_6m", 7, 1},      {"werk_12m", 8, 1},
    {"meetbaar_6m", 11, 1}, {"nog_uit_6m", 10, 1}, {"kosten_euro", 14, 0},
};

static void cohort_row(const struct table *t, const struct report_data *d, const char *by,
                       const struct effect_row *r, int council)
{
    char v[8][24], cost[32];
    int text = t->f == FMT_TEXT;
    snprintf(v[0], sizeof v[0], "%d", r->started);
    snprintf(v[1], sizeof v[1], "%d", r->completed);
    snprintf(v[2], sizeof v[2], "%d", r->stopped);
    snprintf(v[3], sizeof v[3], "%d", r->work_3);
    snprintf(v[4], sizeof v[4], "%d", r->work_6);
    snprintf(v[5], sizeof v[5], "%d", r->work_12);
    snprintf(v[6], sizeof v[6], "%d", r->measurable_6);
    snprintf(v[7], sizeof v[7], "%d", r->still_off_6);
    /* The cost of fewer than 5 clients, with a known unit price, gives their number away. */
    if (report_withheld(r->started, council))
        snprintf(cost, sizeof cost, WITHHELD);
    else
        euros(cost, sizeof cost, r->cost_cents, t->f);
    const char *key = *r->key ? shown(d, by, r->key, t->f) : "(geen)";
    const char *cells[] = {"cohort", key, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], cost};
    const char *all[] = {"cohort", key, "", v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], cost};
    table_row(t, text ? cells + 1 : all);
}

static int effect(const struct report_data *d, const struct period *p, const char *by,
                  enum cli_format f, int council)
{
    enum effect_by e = strcmp(by, "aanbieder") == 0   ? EFFECT_PROVIDER
                       : strcmp(by, "doelgroep") == 0 ? EFFECT_DOELGROEP
                                                      : EFFECT_INSTRUMENT;
    struct effect_row *r;
    size_t n;
    int text = f == FMT_TEXT;
    char title[80];
    snprintf(title, sizeof title, "Effectiviteit per %s", by);
    intro(title, p, f);
    struct table_col cols[12];
    if (text)
        columns(cohort_cols, 11, f, cols);
    else
        columns(all_cols, 12, f, cols);
    cols[1].name = text ? labels_nl(NULL, "", by) : by;
    struct table t = {cols + text, text ? 10 : 12, f, council};
    if (!text)
        table_header(&t); /* one table: the figuur column tells the two apart */
    /* A client belongs to several doelgroepen: no attribution to one of them. */
    if (e != EFFECT_DOELGROEP && attributed(d, p, e, by, f, council, &t) != 0)
        goto nomem;
    if (report_effect(d->clients, d->n, e, p->from, p->to, p->as_of, &r, &n) != 0)
        goto nomem;
    if (text) {
        out_printf(
            stdout,
            "%sCohort: van wie in de periode een %s startte, hoeveel werk vonden binnen 3, 6 "
            "en 12 maanden\n(91, 182, 365 dagen) na het einde van dat instrument. Een klant "
            "kan in meer rijen staan:\ndeze rijen tellen niet op en hebben geen totaal.%s\n\n",
            e != EFFECT_DOELGROEP ? "\n" : "",
            e == EFFECT_DOELGROEP ? "instrument (per doelgroep)" : "instrument",
            council ? " x: afgeleid van minder dan 5 klanten." : "");
        table_header(&t);
    }
    for (size_t i = 0; i < n; i++)
        cohort_row(&t, d, by, &r[i], council);
    if (text) {
        out_printf(
            stdout,
            "\nNog uit: niet terug in de uitkering 6 maanden na de uitstroom (van wie dat al te "
            "meten is).\n");
        out_printf(stdout, "\nVoortijdig gestopt, naar eindreden:\n");
        for (size_t i = 0; i < n; i++)
            for (size_t k = 0; k < r[i].n_stopped_by; k++) {
                char cell[8];
                report_cell(r[i].stopped_by[k].clients, council, cell, sizeof cell);
                out_printf(stdout, "  %-36s %-30s %5s\n",
                           *r[i].key ? shown(d, by, r[i].key, f) : "(geen)",
                           labels_nl(&d->labels.l, "eindreden", r[i].stopped_by[k].reason), cell);
            }
    }
    report_effect_free(r, n, e);
    return 0;
nomem:
    fprintf(stderr, "klantvolg: " KV_MSG_NOMEM "\n");
    return KV_ERR;
}

static const struct table_col wait_cols[] = {
    {"stap", 32, 0},
    {"klanten", 7, 1},
    {"mediaan_dagen", 13, 0},
    {"p90_dagen", 9, 0},
};

static int waiting(const struct report_data *d, const struct period *p, enum cli_format f,
                   int council)
{
    struct waiting w;
    report_waiting(d->clients, d->n, p->from, p->to, p->as_of, &w);
    intro("Wachttijden van klanten aangemeld in de periode", p, f);
    struct table_col cols[4];
    columns(wait_cols, 4, f, cols);
    struct table t = {cols, 4, f, council};
    table_header(&t);
    const struct {
        const char *label;
        const struct wait_stat *s;
    } rows[] = {{"aanmelding -> intake", &w.to_intake},
                {"intake -> plan", &w.to_plan},
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
    {"nazorg", 14, 0},  {"naar_werk", 9, 1},     {"meetbaar_6m", 11, 1},
    {"terug_6m", 8, 1}, {"meetbaar_12m", 12, 1}, {"terug_12m", 9, 1},
};

static int nazorg(const struct report_data *d, const struct period *p, enum cli_format f,
                  int council)
{
    struct nazorg_row w[2];
    report_nazorg(d->clients, d->n, p->from, p->to, p->as_of, w);
    intro("Terug in de uitkering na uitstroom naar werk in de periode", p, f);
    struct table_col cols[6];
    columns(nazorg_cols, 6, f, cols);
    struct table t = {cols, 6, f, council};
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
 * text each dimension under its own heading, with labels. For the council a cost and a
 * cost per client of 1 to 4 clients are withheld with the count. */
static int dims(int (*compute)(const struct rf_client *, size_t, long, long, struct dim_rows *),
                const char *title, const struct report_data *d, const struct period *p,
                enum cli_format f, int council, int with_cost)
{
    static const struct table_col spec[] = {{"dimensie", 12, 0},
                                            {"waarde", 36, 0},
                                            {"klanten", 8, 1},
                                            {"kosten_euro", 14, 0},
                                            {"per_klant_euro", 14, 0}};
    struct table_col cols[5];
    struct dim_rows r;
    if (compute(d->clients, d->n, p->from, p->to, &r) != 0) {
        out_printf(stderr, "klantvolg: " KV_MSG_NOMEM "\n");
        return KV_ERR;
    }
    intro(title, p, f);
    columns(spec, 5, f, cols);
    /* In text the dimension is a heading over its rows, not a column. */
    int text = f == FMT_TEXT;
    struct table t = {cols + text, (with_cost ? 5 : 3) - text, f, council};
    if (!text)
        table_header(&t);
    else if (council && with_cost)
        out_printf(stdout, "x: afgeleid van minder dan 5 klanten, niet getoond.\n\n");
    for (size_t i = 0; i < r.n; i++) {
        if (text && (i == 0 || strcmp(r.v[i].dim, r.v[i - 1].dim) != 0)) {
            out_printf(stdout, "%s%s\n", i ? "\n" : "", labels_nl(NULL, "dim", r.v[i].dim));
            table_header(&t);
        }
        char k[16], cost[32], per[32];
        snprintf(k, sizeof k, "%d", r.v[i].clients);
        euros(cost, sizeof cost, r.v[i].cost_cents, f);
        euros(per, sizeof per, report_per_client(&r.v[i]), f);
        if (report_withheld(r.v[i].clients, council)) {
            snprintf(cost, sizeof cost, WITHHELD);
            snprintf(per, sizeof per, WITHHELD);
        }
        const char *cells[] = {r.v[i].dim, shown(d, r.v[i].dim, r.v[i].key, f), k, cost, per};
        table_row(&t, cells + text);
    }
    dim_rows_free(&r);
    return 0;
}

/* The report as a printable page (doc/report_html.h) on stdout. */
static int html(struct cli *c, struct db *db, const struct report_data *d, const char *what,
                const char *by, const struct period *p, long today, int council)
{
    struct report_html_meta m = {.from = p->from,
                                 .to = p->to,
                                 .as_of_day = p->as_of,
                                 .made_on = today,
                                 .period = 1,
                                 .as_of = 1,
                                 .council = council};
    report_html_meta_fill(db, d, c->user, &m);
    if (report_html_mi(stdout, d, what, by, &m) != 0) {
        fprintf(stderr, "klantvolg: " KV_MSG_NOMEM "\n");
        return KV_ERR;
    }
    return 0;
}

int report_mi(struct cli *c, const char *what)
{
    struct kv_error err;
    enum cli_format f;
    long today;
    struct period p;
    int is_effect = strcmp(what, "effectiviteit") == 0;
    unsigned allowed = OPT_DB | OPT_USER | OPT_PASSFD | OPT_FORMAT | OPT_FROM | OPT_TO | OPT_AS_OF |
                       OPT_COUNCIL | (is_effect ? OPT_BY : 0);
    if (cli_expect(c, allowed, 2, "report neemt één soort rapport") != 0 ||
        cli_format(c, FMT_TEXT | FMT_TSV | FMT_JSON | FMT_CSV | FMT_HTML, &f) != 0)
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
    batch_priority(); /* reads only from here on (host/batch.h) */
    struct report_data *data;
    if (reportdata_load(db, &data, &err) != KV_OK) {
        db_close(db);
        return cli_report(&err);
    }
    int council = (c->a.given & OPT_COUNCIL) != 0;
    if (f == FMT_HTML)
        rc = html(c, db, data, what, by, &p, today, council);
    else if (is_effect)
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
