/* view_reports.c: the management reports on screen, for a teamleider or
 * kwaliteitsmedewerker: the same figures as `klantvolg report` (core/reports.c) for one
 * period, one section after another, each count with a bar against the largest in its
 * table. f asks for another period. */
#include "tui/view.h"

#include "doc/html.h"
#include "doc/report_html.h"
#include "core/date.h"
#include "core/labels.h"
#include "core/money.h"
#include "core/pressure.h"
#include "core/reports.h"
#include "storage/reportdata.h"
#include "tui/list.h"
#include "tui/text.h"
#include "tui/theme.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rline {
    char text[400];
    int head;
};

struct reports_view {
    struct db *db;
    long from, to, today; /* the period; figures as they stand today */
    struct rline *lines;
    size_t n, cap;
    int saving;  /* the prompt asks where to save, not for a period */
    int label_w; /* the label column: wider on a wider terminal */
};

/* 32 columns at 80; half of every column more, up to 60, so that at 200 columns no
 * label that fits is cut ("Arbeidsbeperking / doelgroepregister"). */
static int label_width(int cols)
{
    int w = cols > 80 ? 32 + (cols - 80) / 2 : 32;
    return w > 60 ? 60 : w;
}

static struct reports_view *rv(struct view *v)
{
    return v->data;
}

__attribute__((format(printf, 3, 4))) static void line(struct reports_view *r, int head,
                                                       const char *fmt, ...)
{
    if (r->n == r->cap) {
        struct rline *v = realloc(r->lines, (r->cap = r->cap ? 2 * r->cap : 128) * sizeof *v);
        if (v == NULL)
            return;
        r->lines = v;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->lines[r->n].text, sizeof r->lines[r->n].text, fmt, ap);
    va_end(ap);
    r->lines[r->n++].head = head;
}

/* "  key        123 ██████▍" with the bar against max. */
static void bar_line(struct reports_view *r, const char *key, long value, long max,
                     const char *shown)
{
    char bar[96], k[160];
    pressure_bar(max > 0 ? (int)(100 * value / max) : 0, 20, bar, sizeof bar);
    list_cell(k, sizeof k, key, r->label_w + 1); /* whole characters, display columns */
    line(r, 0, "  %s%14s %s", k, shown, bar);
}

/* Rows of dimensions under their Dutch headings, keys by their labels. With money each
 * row shows its cost, and "per klant naar werk" (dimension werk) what it says: the cost
 * per client, as `klantvolg report kosten`. */
static void dims(struct reports_view *r, const struct report_data *rd, const struct dim_rows *d,
                 int money)
{
    for (size_t i = 0; i < d->n; i++) {
        int per_client = money && strcmp(d->v[i].dim, "werk") == 0;
        if (i == 0 || strcmp(d->v[i].dim, d->v[i - 1].dim) != 0) {
            line(r, 1, "%s", labels_nl(NULL, "dim", d->v[i].dim));
        }
        long max = 0;
        for (size_t k = 0; k < d->n; k++)
            if (strcmp(d->v[k].dim, d->v[i].dim) == 0)
                max = money ? (d->v[k].cost_cents > max ? d->v[k].cost_cents : max)
                            : (d->v[k].clients > max ? d->v[k].clients : max);
        char shown[40];
        if (per_client) {
            char m[32];
            money_format(report_per_client(&d->v[i]), m, sizeof m);
            snprintf(shown, sizeof shown, "%s (%d)", m, d->v[i].clients);
        } else if (money) {
            money_format(d->v[i].cost_cents, shown, sizeof shown);
        } else {
            snprintf(shown, sizeof shown, "%d", d->v[i].clients);
        }
        const char *key = labels_nl(&rd->labels.l, labels_kind_of(d->v[i].dim), d->v[i].key);
        char k[160];
        list_cell(k, sizeof k, key, r->label_w + 1);
        if (per_client)
            line(r, 0, "  %s%22s", k, shown);
        else
            bar_line(r, key, money ? d->v[i].cost_cents : d->v[i].clients, max, shown);
    }
}

/* Attributed outflow (each client who left for work once, rows to the total), then the
 * cohort per instrument (overlapping, no total). */
static void effect(struct reports_view *r, const struct report_data *d, long as_of)
{
    struct attrib_row *a;
    size_t na;
    if (report_attributed(d->clients, d->n, EFFECT_INSTRUMENT, r->from, r->to, as_of, &a, &na) ==
        0) {
        line(r, 1, "UITSTROOM NAAR WERK, toegeschreven: elke klant een keer, aan het instrument");
        line(r, 0, "  %-*s %14s", r->label_w, "dat de uitstroom noemt", "klanten");
        for (size_t i = 0; i < na; i++) {
            char shown[40];
            snprintf(shown, sizeof shown, "%d", a[i].clients);
            bar_line(r, a[i].key ? labels_nl(&d->labels.l, "instrument", a[i].key) : "TOTAAL",
                     a[i].clients, a[na - 1].clients, shown);
        }
        free(a);
    }
    struct effect_row *e;
    size_t n;
    if (report_effect(d->clients, d->n, EFFECT_INSTRUMENT, r->from, r->to, as_of, &e, &n) != 0)
        return;
    /* A client can be in several rows: no total. */
    line(r, 1, "EFFECTIVITEIT (cohort, geen totaal): werk binnen 6 mnd na einde instrument");
    line(r, 0, "  %-*s %14s", r->label_w, "instrument", "gestart/afgr./werk");
    for (size_t i = 0; i < n; i++) {
        char shown[40];
        snprintf(shown, sizeof shown, "%d/%d/%d", e[i].started, e[i].completed, e[i].work_6);
        bar_line(r, labels_nl(&d->labels.l, "instrument", e[i].key), e[i].work_6, e[i].completed,
                 shown);
    }
    report_effect_free(e, n, EFFECT_INSTRUMENT);
}

static void waiting(struct reports_view *r, const struct report_data *d, long as_of)
{
    struct waiting w;
    report_waiting(d->clients, d->n, r->from, r->to, as_of, &w);
    const struct {
        const char *label;
        const struct wait_stat *s;
    } rows[] = {{"aanmelding -> intake", &w.to_intake},
                {"intake -> plan", &w.to_plan},
                {"plan -> eerste instrument", &w.to_instrument},
                {"aanmelding -> instrument", &w.total}};
    line(r, 1, "WACHTTIJDEN in dagen: mediaan / 90e percentiel (aangemeld in de periode)");
    int max = 0;
    for (size_t i = 0; i < 4; i++)
        max = rows[i].s->p90 > max ? rows[i].s->p90 : max;
    for (size_t i = 0; i < 4; i++) {
        char shown[40];
        snprintf(shown, sizeof shown, "%d / %d (%d)", rows[i].s->median, rows[i].s->p90,
                 rows[i].s->clients);
        bar_line(r, rows[i].label, rows[i].s->median, max, shown);
    }
}

static void nazorg(struct reports_view *r, const struct report_data *d, long as_of)
{
    struct nazorg_row w[2];
    report_nazorg(d->clients, d->n, r->from, r->to, as_of, w);
    line(r, 1, "NAZORG: terug in de uitkering binnen 6 maanden na uitstroom naar werk");
    for (int i = 1; i >= 0; i--) {
        char shown[40];
        snprintf(shown, sizeof shown, "%d van %d", w[i].back_6, w[i].measurable_6);
        bar_line(r, i ? "met nazorg" : "zonder nazorg", w[i].back_6, w[i].measurable_6, shown);
    }
}

static void build(struct reports_view *r)
{
    long today = r->today;
    struct report_data *d;
    struct kv_error err;
    r->n = 0;
    if (reportdata_load(r->db, &d, &err) != KV_OK) {
        line(r, 0, "%s", err.msg);
        return;
    }
    struct dim_rows dr;
    if (report_development(d->clients, d->n, r->from, r->to, &dr) == 0) {
        line(r, 1, "ONTWIKKELING VAN HET KLANTENBESTAND");
        dims(r, d, &dr, 0);
        dim_rows_free(&dr);
    }
    effect(r, d, today);
    waiting(r, d, today);
    nazorg(r, d, today);
    if (report_cost(d->clients, d->n, r->from, r->to, &dr) == 0) {
        line(r, 1, "KOSTEN van instrumenten gestart in de periode");
        dims(r, d, &dr, 1);
        dim_rows_free(&dr);
    }
    if (report_movement(d->clients, d->n, r->from, r->to, &dr) == 0) {
        line(r, 1, "BEWEGING van begin tot eind van de periode");
        dims(r, d, &dr, 0);
        dim_rows_free(&dr);
    }
    reportdata_free(d);
}

static void header(struct view *v, int y, int w)
{
    char a[11], b[11], t[120];
    date_format_nl(rv(v)->from, a);
    date_format_nl(rv(v)->to, b);
    snprintf(t, sizeof t, "Managementinformatie %s tot en met %s (klanten, niet activiteiten)", a,
             b);
    attrset(A_BOLD);
    text_draw(y, 0, w, t, 1);
    attrset(theme_attr(TH_NORMAL));
}

static void row(struct view *v, int i, int selected, int y, int w)
{
    const struct rline *l = &rv(v)->lines[i];
    attrset((selected ? theme_attr(TH_SELECTED) : theme_attr(TH_NORMAL)) |
            (l->head ? (int)A_BOLD : 0));
    text_draw(y, 0, w, l->text, 1);
    attrset(theme_attr(TH_NORMAL));
}

static void count_line(struct view *v, char *buf, size_t n)
{
    (void)v;
    snprintf(buf, n,
             "f: andere periode (twee datums)   e: als document (HTML)   klantvolg "
             "report: dezelfde cijfers als tekst, csv of JSON");
}

static int handle(struct view *v, int row, enum action a)
{
    (void)row;
    if (a == ACT_REPORT_DOCUMENT) {
        rv(v)->saving = 1;
        v->prompt = "Managementinformatie opslaan als (Enter: in uw thuismap): ";
        return 1;
    }
    if (a != ACT_FILTER)
        return 0;
    rv(v)->saving = 0;
    v->prompt = "Periode van en tot (bijv. 1-1-2025 31-12-2025): ";
    return 1;
}

struct doc {
    struct reports_view *r;
    const struct report_data *d;
};

static int doc_to(FILE *f, void *ctx, struct kv_error *err)
{
    struct doc *doc = ctx;
    struct reports_view *r = doc->r;
    struct report_html_meta m = {.from = r->from,
                                 .to = r->to,
                                 .as_of_day = r->today,
                                 .made_on = r->today,
                                 .period = 1,
                                 .as_of = 1};
    report_html_meta_fill(r->db, doc->d, r->db->user, &m);
    if (report_html_mi(f, doc->d, NULL, NULL, &m) != 0)
        return kv_error_nomem(err);
    return KV_OK;
}

/* The figures on screen, for the same period, as a document in the user's own directory
 * (written with her own ids, as P writes the plan). */
static void save(struct reports_view *r, const char *typed, char *msg, size_t n)
{
    struct kv_error err;
    struct report_data *d;
    char path[1024], name[80], a[11], b[11];
    date_format_iso(r->from, a);
    date_format_iso(r->to, b);
    snprintf(name, sizeof name, "managementinformatie-%s-tot-%s.html", a, b);
    if (*typed)
        snprintf(path, sizeof path, "%s", typed);
    else
        html_home_path(name, path, sizeof path);
    kv_error_clear(&err);
    if (reportdata_load(r->db, &d, &err) != KV_OK) {
        snprintf(msg, n, "%s", err.msg);
        return;
    }
    struct doc doc = {r, d};
    if (html_save(path, doc_to, &doc, &err) != KV_OK)
        snprintf(msg, n, "%s", err.msg);
    else
        snprintf(msg, n,
                 "Managementinformatie geschreven naar %s (open het in een browser om "
                 "af te drukken).",
                 path);
    reportdata_free(d);
}

static void answer(struct view *v, int row, const char *text, char *msg, size_t n)
{
    (void)row;
    struct reports_view *r = rv(v);
    char a[32] = "", b[32] = "";
    long from, to;
    if (r->saving) {
        r->saving = 0;
        save(r, text, msg, n);
        return;
    }
    if (sscanf(text, "%31s %31s", a, b) != 2 || !date_parse(a, &from) || !date_parse(b, &to) ||
        to < from) {
        snprintf(msg, n, "Geef twee datums, de eerste niet na de tweede: '%s'.", text);
        return;
    }
    r->from = from;
    r->to = to < r->today ? to : r->today;
    build(r);
    v->rows = (int)r->n;
    snprintf(msg, n, "Periode %s tot en met %s.", a, b);
}

static void free_reports(struct view *v)
{
    free(rv(v)->lines);
    free(v->data);
    free(v);
}

static const struct view_ops reports_ops = {
    .header = header,
    .row = row,
    .count_line = count_line,
    .handle = handle,
    .answer = answer,
    .free = free_reports,
};

struct view *view_reports_new(struct db *db, long today, struct kv_error *err)
{
    struct view *v = calloc(1, sizeof *v);
    struct reports_view *r = calloc(1, sizeof *r);
    if (v == NULL || r == NULL) {
        free(v);
        free(r);
        kv_error_nomem(err);
        return NULL;
    }
    int y, m, d;
    date_ymd(today, &y, &m, &d);
    r->db = db;
    r->from = date_days(y, 1, 1);
    r->to = r->today = today;
    r->label_w = label_width(COLS);
    build(r);
    *v = (struct view){.ops = &reports_ops,
                       .title = "managementinformatie",
                       .kind = AV_REPORTS,
                       .rows = (int)r->n,
                       .data = r};
    return v;
}
