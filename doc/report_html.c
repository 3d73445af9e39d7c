#include "doc/report_html.h"

#include "doc/html.h"
#include "core/date.h"
#include "core/labels.h"
#include "core/money.h"
#include "core/reports.h"
#include "storage/config.h"
#include "storage/users.h"

#include <stdlib.h>
#include <string.h>

/* What the reports add to the shared style. */
static const char STYLE[] =
    ".kop { color: #444; margin: 0 0 .8em; }\n"
    "table.kop th { width: 28%; font-weight: normal; color: #444; }\n"
    "table.cijfers { font-size: .92em; margin: .4em 0 1em; }\n"
    "table.cijfers th, table.cijfers td { border-bottom: 1px solid #ddd;"
    " padding: .2em .4em .2em 0; }\n"
    "table.cijfers thead th { border-bottom: 1px solid #888; vertical-align: bottom; }\n"
    "table.cijfers .n { text-align: right; white-space: nowrap; }\n"
    "table.cijfers thead th.n { white-space: normal; font-weight: normal; font-size: .9em; }\n"
    "table.cijfers tbody th { font-weight: normal; }\n"
    "table.breed { font-size: .8em; }\n"
    "table.cijfers tr.totaal th, table.cijfers tr.totaal td { font-weight: bold;"
    " border-top: 1px solid #888; }\n"
    "table.cijfers tr.team th, table.cijfers tr.team td { font-style: italic; }\n"
    ".uitleg { color: #333; }\n"
    ".cohort { border-left: 4px solid #b5651d; padding-left: .6em; }\n"
    ".cohort h2 { color: #8a4a12; border-color: #b5651d; }\n"
    ".raad { border: 1px solid #999; padding: .4em .6em; background: #f4f4f4; }\n"
    ".voet { margin-top: 2em; font-size: .85em; color: #555; }\n"
    "section { page-break-inside: auto; }\n"
    "@media print { .nieuwe-pagina { page-break-before: always; } }\n";

/* ---- the page around the figures ------------------------------------------------------- */

void report_html_meta_fill(struct db *db, const struct report_data *d, const char *user,
                           struct report_html_meta *m)
{
    struct kv_error err;
    struct config_entry *cfg = NULL;
    size_t n = 0;
    int configured = 0;
    m->municipality[0] = '\0';
    if (config_list(db, &cfg, &n, &err) == KV_OK)
        for (size_t i = 0; i < n; i++)
            if (strcmp(cfg[i].key, CONFIG_MUNICIPALITY) == 0 && *cfg[i].value)
                configured =
                    snprintf(m->municipality, sizeof m->municipality, "%s", cfg[i].value) > 0;
    free(cfg);
    /* Not configured: the municipalities the clients live in (several may share a
     * database), in the order first met. */
    for (size_t i = 0; d && !configured && i < d->n; i++) {
        const char *g = d->clients[i].municipality;
        size_t len = strlen(m->municipality);
        if (g && *g && !strstr(m->municipality, g) && len + strlen(g) + 3 < sizeof m->municipality)
            snprintf(m->municipality + len, sizeof m->municipality - len, "%s%s", len ? ", " : "",
                     g);
    }
    char *last = strrchr(m->municipality, ','); /* "A, B en C" */
    if (!configured && last) {
        memmove(last + 3, last + 1, strlen(last + 1) + 1);
        memcpy(last, " en", 3);
    }
    struct user_rec u;
    int found = 0;
    if (users_get(db, user, &u, &found, &err) == KV_OK && found && *u.display)
        snprintf(m->made_by, sizeof m->made_by, "%s (%s)", u.display, user);
    else
        snprintf(m->made_by, sizeof m->made_by, "%s", user);
}

static void head_row(FILE *f, const char *head)
{
    fprintf(f, "<tr><th>%s</th><td>", head);
}

static void page_begin(FILE *f, const char *title, const struct report_html_meta *m)
{
    html_begin(f, title, STYLE, NULL);
    fputs("<h1>", f);
    html_esc(f, title);
    fputs("</h1>\n<p class=\"kop\">", f);
    if (*m->municipality) {
        /* "Veenendaal en Rhenen": several municipalities share a service. */
        fputs(strstr(m->municipality, " en ") ? "Gemeenten " : "Gemeente ", f);
        html_esc(f, m->municipality);
        fputs(" — ", f);
    }
    fputs("Participatiewet, managementinformatie</p>\n<table class=\"kop\">\n", f);
    if (m->period) {
        head_row(f, "Periode");
        html_long_day(f, m->from);
        fputs(" tot en met ", f);
        html_long_day(f, m->to);
        fputs("</td></tr>\n", f);
    }
    head_row(f, "Stand op");
    html_long_day(f, m->as_of_day);
    fputs(m->as_of ? " (wat later is vastgelegd, telt niet mee)</td></tr>\n" : "</td></tr>\n", f);
    head_row(f, "Gemaakt door");
    html_esc(f, m->made_by);
    fputs(", op ", f);
    html_long_day(f, m->made_on);
    fputs(", met klantvolg</td></tr>\n</table>\n", f);
    fputs("<p class=\"uitleg\">Geteld zijn klanten, niet activiteiten: drie instrumenten van één "
          "klant zijn één klant.</p>\n",
          f);
    if (m->council)
        fputs("<p class=\"raad\">Voor de raad: aantallen van 1 tot 4 klanten staan er als "
              "&lt;5, wat daaruit af te leiden is (een bedrag, een mediaan, een aandeel) als x. "
              "Geen van beide is in een grafiek getekend.</p>\n",
              f);
}

static void page_end(FILE *f)
{
    fputs("<p class=\"voet\">Gemaakt met klantvolg uit de dossiers zelf; dezelfde cijfers geeft "
          "<code>klantvolg report</code> als tekst, csv of JSON.</p>\n",
          f);
    html_end(f);
}

/* ---- tables ----------------------------------------------------------------------------- */

struct hcol {
    const char *key; /* the JSON's name of the column */
    int count;       /* a count of clients: "<5" for a council */
};

static void table_begin(FILE *f, const char *first, const struct hcol *c, size_t n)
{
    fprintf(f, "<table class=\"cijfers%s\">\n<thead><tr><th>", n > 6 ? " breed" : "");
    html_esc(f, first);
    fputs("</th>", f);
    for (size_t i = 0; i < n; i++) {
        fputs("<th class=\"n\">", f);
        html_esc(f, labels_nl(NULL, "", c[i].key));
        fputs("</th>", f);
    }
    fputs("</tr></thead>\n<tbody>\n", f);
}

static void table_end(FILE *f)
{
    fputs("</tbody>\n</table>\n", f);
}

/* A row: label, then cells; a count of 1 to 4 is "<5" for a council. A cell written as
 * "€ 1.234,56" carries the JSON's "1234.56" in data-v. cls: NULL or a row class. */
static void table_row(FILE *f, const char *cls, const char *figure, const char *key,
                      const char *label, const struct hcol *c, const char *const *cells,
                      const char *const *machine, size_t n, int council)
{
    fputs("<tr", f);
    if (cls)
        fprintf(f, " class=\"%s\"", cls);
    fputs("><th>", f);
    html_esc(f, label);
    fputs("</th>", f);
    for (size_t i = 0; i < n; i++) {
        const char *v = cells[i] ? cells[i] : "";
        if (c[i].count && *v && strspn(v, "0123456789") == strlen(v) &&
            report_withheld(atoi(v), council))
            v = "<5";
        fputs("<td class=\"n\" data-cell=\"", f);
        html_esc(f, figure);
        fputc('|', f);
        html_esc(f, key);
        fprintf(f, "|%s\"", c[i].key);
        if (machine && machine[i]) {
            fputs(" data-v=\"", f);
            html_esc(f, machine[i]);
            fputc('"', f);
        }
        fputc('>', f);
        html_esc(f, v);
        fputs("</td>", f);
    }
    fputs("</tr>\n", f);
}

static void euros_machine(char *out, size_t n, long cents)
{
    snprintf(out, n, "%ld.%02ld", cents / 100, cents % 100);
}

static void section(FILE *f, const char *title, const char *cls)
{
    fprintf(f, "<section class=\"%s\">\n<h2>", cls ? cls : "deel");
    html_esc(f, title);
    fputs("</h2>\n", f);
}

/* ---- bars ------------------------------------------------------------------------------- */

struct bars {
    struct html_bar *v;
    char (*shown)[40];
    char (*cell)[160]; /* data-cell, when the chart stands for a table */
    size_t n;
};

static int bars_new(struct bars *b, size_t n)
{
    b->v = calloc(n ? n : 1, sizeof *b->v);
    b->shown = calloc(n ? n : 1, sizeof *b->shown);
    b->cell = calloc(n ? n : 1, sizeof *b->cell);
    b->n = 0;
    return b->v && b->shown && b->cell ? 0 : -1;
}

static void bars_free(struct bars *b)
{
    free(b->v);
    free(b->shown);
    free(b->cell);
}

/* A bar of a count of clients: hidden for a council when 1 to 4. */
static void bar_count(struct bars *b, const char *label, const char *key, int clients, int council)
{
    struct html_bar *x = &b->v[b->n];
    report_cell(clients, council, b->shown[b->n], sizeof b->shown[b->n]);
    *x = (struct html_bar){label, key, clients, b->shown[b->n], report_withheld(clients, council),
                           NULL};
    b->n++;
}

/* A bar of money spent on some clients: withheld ("x") with their count. */
static void bar_money(struct bars *b, const char *label, const char *key, long cents, int clients,
                      int council)
{
    struct html_bar *x = &b->v[b->n];
    int hide = report_withheld(clients, council);
    if (hide)
        snprintf(b->shown[b->n], sizeof b->shown[b->n], "x");
    else
        money_format(cents, b->shown[b->n], sizeof b->shown[b->n]);
    *x = (struct html_bar){label, key, cents, b->shown[b->n], hide, NULL};
    b->n++;
}

/* ---- effectiviteit ---------------------------------------------------------------------- */

static const struct hcol attrib_cols[] = {{"naar_werk", 1}, {"meetbaar_6m", 1}, {"nog_uit_6m", 1}};

static int attributed(FILE *f, const struct report_data *d, const struct report_html_meta *m,
                      enum effect_by e, const char *by)
{
    struct attrib_row *r;
    size_t n;
    struct bars b;
    if (report_attributed(d->clients, d->n, e, m->from, m->to, m->as_of_day, &r, &n) != 0)
        return -1;
    if (m->council)
        report_attributed_fold(r, &n);
    if (bars_new(&b, n) != 0) {
        free(r);
        bars_free(&b);
        return -1;
    }
    const char *whom = e == EFFECT_PROVIDER ? "aanbieder" : "instrument";
    char title[120];
    snprintf(title, sizeof title, "Uitstroom naar werk, toegeschreven per %s", whom);
    section(f, title, NULL);
    fprintf(f,
            "<p class=\"uitleg\">Elke klant die in de periode naar werk uitstroomde, telt één "
            "keer: bij %s dat de uitstroom noemt, anders bij <em>niet toegeschreven</em>. Twee "
            "aanbieders kunnen niet allebei dezelfde baan claimen; de rijen tellen op tot het "
            "totaal.%s</p>\n",
            e == EFFECT_PROVIDER ? "de aanbieder van het instrument" : "het instrument",
            m->council ? " Rijen van 1 tot 4 klanten zijn samengenomen als overig; is overig "
                         "zelf kleiner dan 5, dan gaat ook de kleinste andere rij erin, anders "
                         "volgt het kleine aantal uit het totaal."
                       : "");
    for (size_t i = 0; i < n; i++)
        if (r[i].key)
            bar_count(&b, labels_nl(&d->labels.l, labels_kind_of(by), r[i].key), r[i].key,
                      r[i].clients, m->council);
    html_bars(f, "Klanten uitgestroomd naar werk", b.v, b.n);
    table_begin(f, labels_nl(NULL, "", by), attrib_cols, 3);
    for (size_t i = 0; i < n; i++) {
        char v[3][16];
        snprintf(v[0], sizeof v[0], "%d", r[i].clients);
        snprintf(v[1], sizeof v[1], "%d", r[i].measurable_6);
        snprintf(v[2], sizeof v[2], "%d", r[i].still_off_6);
        const char *cells[] = {v[0], v[1], v[2]};
        const char *key = r[i].key ? r[i].key : "TOTAAL";
        table_row(f, r[i].key ? NULL : "totaal", "toegeschreven", key,
                  r[i].key ? labels_nl(&d->labels.l, labels_kind_of(by), key) : "Totaal",
                  attrib_cols, cells, NULL, 3, m->council);
    }
    table_end(f);
    fputs("<p class=\"uitleg\">Meetbaar 6 mnd: wier uitstroom ten minste 6 maanden voor de "
          "stand ligt; nog uit 6 mnd: van hen, wie 6 maanden later niet terug in de uitkering "
          "was.</p>\n</section>\n",
          f);
    bars_free(&b);
    free(r);
    return 0;
}

static const struct hcol cohort_cols[] = {
    {"gestart", 1},  {"afgerond", 1},    {"gestopt", 1},    {"werk_3m", 1},    {"werk_6m", 1},
    {"werk_12m", 1}, {"meetbaar_6m", 1}, {"nog_uit_6m", 1}, {"kosten_euro", 0}};

static void cohort_table(FILE *f, const struct report_data *d, const char *by,
                         const struct effect_row *r, size_t n, int council)
{
    table_begin(f, labels_nl(NULL, "", by), cohort_cols, 9);
    for (size_t i = 0; i < n; i++) {
        char v[8][16], cost[32], machine[32];
        int k[] = {r[i].started, r[i].completed, r[i].stopped,      r[i].work_3,
                   r[i].work_6,  r[i].work_12,   r[i].measurable_6, r[i].still_off_6};
        for (int j = 0; j < 8; j++)
            snprintf(v[j], sizeof v[j], "%d", k[j]);
        /* The cost of fewer than 5 clients, with a known unit price, gives their number
         * away (as report_mi.c). */
        int hide = report_withheld(r[i].started, council);
        if (hide) {
            snprintf(cost, sizeof cost, "x");
            snprintf(machine, sizeof machine, "x");
        } else {
            money_format(r[i].cost_cents, cost, sizeof cost);
            euros_machine(machine, sizeof machine, r[i].cost_cents);
        }
        const char *cells[] = {v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], cost};
        const char *mach[] = {NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, machine};
        const char *key = *r[i].key ? r[i].key : "(geen)";
        table_row(f, NULL, "cohort", key,
                  *r[i].key ? labels_nl(&d->labels.l, labels_kind_of(by), r[i].key) : "(geen)",
                  cohort_cols, cells, mach, 9, council);
    }
    table_end(f);
}

static void stopped_table(FILE *f, const struct report_data *d, const char *by,
                          const struct effect_row *r, size_t n, int council)
{
    int any = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < r[i].n_stopped_by; k++) {
            char cell[8];
            if (!any++)
                fprintf(f,
                        "<h3>Voortijdig gestopt, naar eindreden</h3>\n<table class=\"cijfers\">"
                        "\n<thead><tr><th>%s</th><th>eindreden</th><th class=\"n\">klanten</th>"
                        "</tr></thead>\n<tbody>\n",
                        labels_nl(NULL, "", by));
            report_cell(r[i].stopped_by[k].clients, council, cell, sizeof cell);
            fputs("<tr><td>", f);
            html_esc(f,
                     *r[i].key ? labels_nl(&d->labels.l, labels_kind_of(by), r[i].key) : "(geen)");
            fputs("</td><td>", f);
            html_esc(f, labels_nl(&d->labels.l, "eindreden", r[i].stopped_by[k].reason));
            fprintf(f, "</td><td class=\"n\">%s</td></tr>\n", strcmp(cell, "<5") ? cell : "&lt;5");
        }
    if (any)
        table_end(f);
}

static int effect(FILE *f, const struct report_data *d, const struct report_html_meta *m,
                  const char *by)
{
    enum effect_by e = strcmp(by, "aanbieder") == 0   ? EFFECT_PROVIDER
                       : strcmp(by, "doelgroep") == 0 ? EFFECT_DOELGROEP
                                                      : EFFECT_INSTRUMENT;
    struct effect_row *r;
    size_t n;
    struct bars started = {0}, work = {0};
    /* A client belongs to several doelgroepen: no attribution to one of them. */
    if (e != EFFECT_DOELGROEP && attributed(f, d, m, e, by) != 0)
        return -1;
    if (report_effect(d->clients, d->n, e, m->from, m->to, m->as_of_day, &r, &n) != 0)
        return -1;
    if (bars_new(&started, n) != 0 || bars_new(&work, n) != 0) {
        bars_free(&started);
        bars_free(&work);
        report_effect_free(r, n, e);
        return -1;
    }
    char title[120];
    snprintf(title, sizeof title, "Cohort per %s: werk na afloop (geen totaal)",
             labels_nl(NULL, "", by));
    section(f, title, "cohort");
    fprintf(f,
            "<p class=\"uitleg\"><strong>Cohortcijfers</strong>, geen toegeschreven uitstroom: "
            "van de klanten die in de periode een instrument%s startten, hoeveel het afrondden "
            "of voortijdig stopten, en hoeveel van wie het afrondde binnen 3, 6 en 12 maanden "
            "(91, 182, 365 dagen) na het einde ervan werk vonden. Een klant kan in meer rijen "
            "staan: deze rijen tellen <strong>niet</strong> op en hebben geen totaal.</p>\n",
            e == EFFECT_DOELGROEP ? " (per doelgroep)" : "");
    for (size_t i = 0; i < n; i++) {
        const char *key = *r[i].key ? r[i].key : "(geen)";
        const char *label =
            *r[i].key ? labels_nl(&d->labels.l, labels_kind_of(by), r[i].key) : "(geen)";
        bar_count(&started, label, key, r[i].started, m->council);
        bar_count(&work, label, key, r[i].work_6, m->council);
    }
    html_bars(f, "Cohort: klanten die in de periode startten", started.v, started.n);
    html_bars(f, "Cohort: van hen aan het werk binnen 6 maanden na afronding", work.v, work.n);
    cohort_table(f, d, by, r, n, m->council);
    stopped_table(f, d, by, r, n, m->council);
    fputs("</section>\n", f);
    bars_free(&started);
    bars_free(&work);
    report_effect_free(r, n, e);
    return 0;
}

/* ---- wachttijden and nazorg ----------------------------------------------------------- */

/* A step as a reader sees it: "aanmelding → intake" for the key "aanmelding -> intake". */
static const char *arrow(const char *step)
{
    static const char *const steps[][2] = {
        {"aanmelding -> intake", "aanmelding → intake"},
        {"intake -> plan", "intake → plan"},
        {"plan -> eerste instrument", "plan → eerste instrument"},
        {"aanmelding -> eerste instrument", "aanmelding → eerste instrument"}};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
        if (strcmp(step, steps[i][0]) == 0)
            return steps[i][1];
    return step;
}

static const struct hcol wait_cols[] = {{"klanten", 1}, {"mediaan_dagen", 0}, {"p90_dagen", 0}};

static int waiting(FILE *f, const struct report_data *d, const struct report_html_meta *m)
{
    struct waiting w;
    struct bars b;
    report_waiting(d->clients, d->n, m->from, m->to, m->as_of_day, &w);
    if (bars_new(&b, 4) != 0) {
        bars_free(&b);
        return -1;
    }
    section(f, "Wachttijden van klanten aangemeld in de periode", NULL);
    fputs("<p class=\"uitleg\">Dagen van de ene stap tot de volgende, voor wie in de periode "
          "werd aangemeld (zover zij op de stand gekomen waren): de mediaan (de helft wacht "
          "korter) en het 90e percentiel (een op de tien wacht langer).</p>\n",
          f);
    const struct {
        const char *label;
        const struct wait_stat *s;
    } rows[] = {{"aanmelding -> intake", &w.to_intake},
                {"intake -> plan", &w.to_plan},
                {"plan -> eerste instrument", &w.to_instrument},
                {"aanmelding -> eerste instrument", &w.total}};
    char cells[4][3][16];
    for (size_t i = 0; i < 4; i++) {
        /* With fewer than 5 clients a median tells a council about persons. */
        int hide = report_withheld(rows[i].s->clients, m->council);
        snprintf(cells[i][0], 16, "%d", rows[i].s->clients);
        snprintf(cells[i][1], 16,
                 rows[i].s->median < 0 ? "-"
                 : hide                ? "<5"
                                       : "%d",
                 rows[i].s->median);
        snprintf(cells[i][2], 16, rows[i].s->p90 < 0 ? "-" : hide ? "<5" : "%d", rows[i].s->p90);
        struct html_bar *x = &b.v[b.n];
        if (rows[i].s->median < 0)
            snprintf(b.shown[b.n], sizeof b.shown[b.n], "niemand");
        else if (hide)
            snprintf(b.shown[b.n], sizeof b.shown[b.n], "<5 klanten");
        else
            snprintf(b.shown[b.n], sizeof b.shown[b.n], "%d dagen", rows[i].s->median);
        *x = (struct html_bar){
            arrow(rows[i].label),          rows[i].label, rows[i].s->median, b.shown[b.n],
            hide || rows[i].s->median < 0, NULL};
        b.n++;
    }
    html_bars(f, "Mediaan in dagen", b.v, b.n);
    table_begin(f, "stap", wait_cols, 3);
    for (size_t i = 0; i < 4; i++) {
        const char *c[] = {cells[i][0], cells[i][1], cells[i][2]};
        table_row(f, NULL, "stap", rows[i].label, arrow(rows[i].label), wait_cols, c, NULL, 3,
                  m->council);
    }
    table_end(f);
    fputs("</section>\n", f);
    bars_free(&b);
    return 0;
}

static const struct hcol nazorg_cols[] = {
    {"naar_werk", 1}, {"meetbaar_6m", 1}, {"terug_6m", 1}, {"meetbaar_12m", 1}, {"terug_12m", 1}};

static int nazorg(FILE *f, const struct report_data *d, const struct report_html_meta *m)
{
    struct nazorg_row w[2];
    struct bars b;
    report_nazorg(d->clients, d->n, m->from, m->to, m->as_of_day, w);
    if (bars_new(&b, 2) != 0) {
        bars_free(&b);
        return -1;
    }
    section(f, "Terug in de uitkering na uitstroom naar werk", NULL);
    fputs("<p class=\"uitleg\">Klanten die in de periode naar werk uitstroomden, elk één keer, "
          "met en zonder nazorg: hoeveel binnen 6 en 12 maanden terugkwamen in de uitkering, "
          "van wie dat op de stand al te meten was.</p>\n",
          f);
    for (int i = 1; i >= 0; i--) {
        /* A share of fewer than 5 clients, or of 1 to 4 who came back, says who. */
        int hide = report_withheld(w[i].measurable_6, m->council) ||
                   report_withheld(w[i].back_6, m->council) || w[i].measurable_6 == 0;
        long pct = w[i].measurable_6
                       ? (100L * w[i].back_6 + w[i].measurable_6 / 2) / w[i].measurable_6
                       : 0;
        if (w[i].measurable_6 == 0)
            snprintf(b.shown[b.n], sizeof b.shown[b.n], "nog niet te meten");
        else if (hide)
            snprintf(b.shown[b.n], sizeof b.shown[b.n], "x");
        else
            snprintf(b.shown[b.n], sizeof b.shown[b.n], "%ld%% (%d van %d)", pct, w[i].back_6,
                     w[i].measurable_6);
        b.v[b.n] = (struct html_bar){i ? "met nazorg" : "zonder nazorg",
                                     i ? "met nazorg" : "zonder nazorg",
                                     pct,
                                     b.shown[b.n],
                                     hide,
                                     NULL};
        b.n++;
    }
    html_bars_against(f,
                      "Terug in de uitkering binnen 6 maanden, in procenten van wie te meten "
                      "is",
                      b.v, b.n, 100, 0, NULL);
    table_begin(f, "nazorg", nazorg_cols, 5);
    for (int i = 1; i >= 0; i--) {
        char v[5][16];
        int k[] = {w[i].outflows, w[i].measurable_6, w[i].back_6, w[i].measurable_12, w[i].back_12};
        for (int j = 0; j < 5; j++)
            snprintf(v[j], sizeof v[j], "%d", k[j]);
        const char *c[] = {v[0], v[1], v[2], v[3], v[4]};
        const char *key = i ? "met nazorg" : "zonder nazorg";
        table_row(f, NULL, "nazorg", key, key, nazorg_cols, c, NULL, 5, m->council);
    }
    table_end(f);
    fputs("</section>\n", f);
    bars_free(&b);
    return 0;
}

/* ---- dimensions: ontwikkeling, beweging, kosten --------------------------------------- */

size_t report_html_months(long from, long to)
{
    int y1, m1, d1, y2, m2, d2;
    date_ymd(from, &y1, &m1, &d1);
    date_ymd(to, &y2, &m2, &d2);
    return to < from ? 0 : (size_t)((y2 - y1) * 12 + m2 - m1 + 1);
}

long report_html_month_end(long from, size_t i)
{
    int y, m, d;
    date_ymd(from, &y, &m, &d);
    long months = (long)(m - 1) + (long)i + 1; /* the month after the i-th, from January */
    return date_days(y + (int)(months / 12), (int)(months % 12) + 1, 1) - 1;
}

static void month_label(long from, size_t i, char *out, size_t n)
{
    int y, m, d;
    date_ymd(report_html_month_end(from, i), &y, &m, &d);
    snprintf(out, n, "%s %d", html_month_short(m), y);
}

/* The clients on benefit at the end of each month of the period (the last: on to). */
static int size_line(FILE *f, const struct report_data *d, const struct report_html_meta *m)
{
    size_t n = report_html_months(m->from, m->to);
    if (n < 2)
        return 0;
    struct html_point *p = calloc(n, sizeof *p);
    if (p == NULL)
        return -1;
    for (size_t i = 0; i < n; i++) {
        long day = report_html_month_end(m->from, i);
        day = day > m->to ? m->to : day;
        int k = 0;
        for (size_t c = 0; c < d->n; c++)
            k += report_on_benefit(&d->clients[c], day) != 0;
        month_label(m->from, i, p[i].label, sizeof p[i].label);
        p[i].value = k;
        p[i].hidden = report_withheld(k, m->council);
    }
    html_line(f, "Klanten in de uitkering aan het eind van elke maand", p, n);
    free(p);
    return 0;
}

static const struct hcol dim_cols[] = {{"klanten", 1}, {"kosten_euro", 0}, {"per_klant_euro", 0}};

/* One dimension's rows [a, z): a chart of the counts, which carries the figures itself
 * (each bar's number is the table's cell); with money a chart of the cost and a table of
 * clients, cost and cost per client. */
static int one_dim(FILE *f, const struct report_data *d, const struct dim_rows *r, size_t a,
                   size_t z, int money, int council)
{
    struct bars b;
    if (bars_new(&b, z - a) != 0) {
        bars_free(&b);
        return -1;
    }
    const char *dim = r->v[a].dim;
    fputs("<h3>", f);
    html_esc(f, labels_nl(NULL, "dim", dim));
    fputs("</h3>\n", f);
    for (size_t i = a; i < z; i++) {
        const char *label = labels_nl(&d->labels.l, labels_kind_of(dim), r->v[i].key);
        if (money) {
            bar_money(&b, label, r->v[i].key, r->v[i].cost_cents, r->v[i].clients, council);
        } else {
            bar_count(&b, label, r->v[i].key, r->v[i].clients, council);
            snprintf(b.cell[b.n - 1], sizeof b.cell[b.n - 1], "%s|%s|klanten", dim, r->v[i].key);
            b.v[b.n - 1].cell = b.cell[b.n - 1];
        }
    }
    /* "per klant naar werk" is a cost per client, not a sum: no bars of it. */
    if (!(money && strcmp(dim, "werk") == 0))
        html_bars(f, NULL, b.v, b.n);
    bars_free(&b);
    if (!money)
        return 0;
    table_begin(f, labels_nl(NULL, "dim", dim), dim_cols, 3);
    for (size_t i = a; i < z; i++) {
        char k[16], cost[32], per[32], mc[32], mp[32];
        snprintf(k, sizeof k, "%d", r->v[i].clients);
        money_format(r->v[i].cost_cents, cost, sizeof cost);
        money_format(report_per_client(&r->v[i]), per, sizeof per);
        euros_machine(mc, sizeof mc, r->v[i].cost_cents);
        euros_machine(mp, sizeof mp, report_per_client(&r->v[i]));
        if (report_withheld(r->v[i].clients, council)) {
            snprintf(cost, sizeof cost, "x");
            snprintf(per, sizeof per, "x");
            snprintf(mc, sizeof mc, "x");
            snprintf(mp, sizeof mp, "x");
        }
        const char *cells[] = {k, cost, per};
        const char *mach[] = {NULL, mc, mp};
        table_row(f, NULL, dim, r->v[i].key,
                  labels_nl(&d->labels.l, labels_kind_of(dim), r->v[i].key), dim_cols, cells, mach,
                  3, council);
    }
    table_end(f);
    return 0;
}

static int dims(FILE *f,
                int (*compute)(const struct rf_client *, size_t, long, long, struct dim_rows *),
                const char *title, const char *explain, const struct report_data *d,
                const struct report_html_meta *m, int money, int line)
{
    struct dim_rows r;
    if (compute(d->clients, d->n, m->from, m->to, &r) != 0)
        return -1;
    int rc = 0;
    section(f, title, NULL);
    fprintf(f, "<p class=\"uitleg\">%s</p>\n", explain);
    if (line)
        rc = size_line(f, d, m);
    for (size_t a = 0, z; rc == 0 && a < r.n; a = z) {
        for (z = a + 1; z < r.n && strcmp(r.v[z].dim, r.v[a].dim) == 0; z++)
            ;
        rc = one_dim(f, d, &r, a, z, money, m->council);
    }
    fputs("</section>\n", f);
    dim_rows_free(&r);
    return rc;
}

/* ---- the reports ------------------------------------------------------------------------- */

static int one_report(FILE *f, const struct report_data *d, const char *what, const char *by,
                      const struct report_html_meta *m)
{
    if (strcmp(what, "effectiviteit") == 0)
        return effect(f, d, m, by);
    if (strcmp(what, "wachttijden") == 0)
        return waiting(f, d, m);
    if (strcmp(what, "nazorg") == 0)
        return nazorg(f, d, m);
    if (strcmp(what, "ontwikkeling") == 0)
        return dims(f, report_development, "Ontwikkeling van het klantenbestand",
                    "Omvang aan begin en eind, instroom en uitstroom in de periode, en van wie "
                    "aan het eind in de uitkering is: duur, leeftijd, huishouden, doelgroep, "
                    "indeling en gemeente.",
                    d, m, 0, 1);
    if (strcmp(what, "beweging") == 0)
        return dims(f, report_movement, "Beweging op de participatieladder en tussen indelingen",
                    "Klanten die zowel aan het begin als aan het eind van de periode waren "
                    "ingedeeld: een stap richting werk (omhoog), terug (omlaag) of gelijk.",
                    d, m, 0, 0);
    return dims(f, report_cost, "Kosten van instrumenten gestart in de periode",
                "Per instrument en doelgroep: de klanten met een instrument dat in de periode "
                "startte en wat die instrumenten kostten; per klant naar werk: wat alle "
                "instrumenten kostten van wie in de periode naar werk uitstroomde, gedeeld door "
                "hun aantal.",
                d, m, 1, 0);
}

static const char *report_title(const char *what, const char *by, char *buf, size_t n)
{
    if (what == NULL)
        return "Managementinformatie";
    if (strcmp(what, "effectiviteit") == 0)
        snprintf(buf, n, "Effectiviteit per %s", labels_nl(NULL, "", by));
    else if (strcmp(what, "wachttijden") == 0)
        snprintf(buf, n, "Wachttijden");
    else if (strcmp(what, "nazorg") == 0)
        snprintf(buf, n, "Nazorg en terugkeer in de uitkering");
    else if (strcmp(what, "ontwikkeling") == 0)
        snprintf(buf, n, "Ontwikkeling van het klantenbestand");
    else if (strcmp(what, "beweging") == 0)
        snprintf(buf, n, "Beweging van klanten");
    else
        snprintf(buf, n, "Kosten van instrumenten");
    return buf;
}

int report_html_mi(FILE *f, const struct report_data *d, const char *what, const char *by,
                   const struct report_html_meta *m)
{
    static const char *const all[] = {"ontwikkeling", "effectiviteit", "wachttijden",
                                      "nazorg",       "kosten",        "beweging"};
    char title[120];
    int rc = 0;
    page_begin(f, report_title(what, by ? by : "instrument", title, sizeof title), m);
    if (what)
        rc = one_report(f, d, what, by ? by : "instrument", m);
    for (size_t i = 0; what == NULL && rc == 0 && i < sizeof all / sizeof all[0]; i++) {
        if (i > 0) /* printed, each report starts a page */
            fputs("<div class=\"nieuwe-pagina\"></div>\n", f);
        rc = one_report(f, d, all[i], "instrument", m);
    }
    page_end(f);
    return rc;
}

/* ---- uitstroom and caseload (cmd_report.c's figures) ---------------------------------- */

/* Clients by reason or route: a chart that carries the figures (each bar's number is
 * the JSON's row). */
static void counts(FILE *f, const struct labels *l, const char *dim, const char *title,
                   const struct count_by *v, size_t n)
{
    struct html_bar bars[METRICS_MAX_KEYS];
    char shown[METRICS_MAX_KEYS][16], cell[METRICS_MAX_KEYS][160];
    n = n < METRICS_MAX_KEYS ? n : METRICS_MAX_KEYS;
    fputs("<h3>", f);
    html_esc(f, title);
    fputs("</h3>\n", f);
    for (size_t i = 0; i < n; i++) {
        const char *key = *v[i].key ? v[i].key : "onbekend";
        snprintf(shown[i], sizeof shown[i], "%d", v[i].clients);
        snprintf(cell[i], sizeof cell[i], "%s|%s|clients", dim, key);
        bars[i] = (struct html_bar){
            labels_nl(l, labels_kind_of(dim), key), key, v[i].clients, shown[i], 0, cell[i]};
    }
    html_bars(f, NULL, bars, n);
}

void report_html_outflow(FILE *f, const struct outflow_metrics *om, const struct labels *l,
                         const int *per_month, size_t months, const struct report_html_meta *m)
{
    page_begin(f, "Uitstroom", m);
    section(f, "Uitstroom in de periode", NULL);
    fprintf(f,
            "<p class=\"uitleg\">Klanten uitgestroomd: <strong data-cell=\"totaal||clients\">"
            "%d</strong>, waarvan naar werk: <strong data-cell=\"totaal||to_work\">%d</strong>. "
            "Elke klant telt één keer, met de eerste uitstroom in de periode.</p>\n",
            om->clients, om->to_work);
    if (months >= 2) {
        struct html_point *p = calloc(months, sizeof *p);
        if (p) {
            for (size_t i = 0; i < months; i++) {
                month_label(m->from, i, p[i].label, sizeof p[i].label);
                p[i].value = per_month[i];
            }
            html_line(f, "Klanten uitgestroomd per maand", p, months);
            free(p);
        }
    }
    counts(f, l, "reason", "Naar reden", om->by_reason, om->n_reason);
    counts(f, l, "route", "Naar route", om->by_route, om->n_route);
    fputs("</section>\n", f);
    page_end(f);
}

static const struct hcol caseload_cols[] = {{"clients", 0},
                                            {"hours", 0},
                                            {"norm", 0},
                                            {"load_percent", 0},
                                            {"signals_overdue", 0},
                                            {"signals_due_soon", 0},
                                            {"clients_with_overdue", 0},
                                            {"contact_beyond_norm", 0},
                                            {"nazorg_running", 0},
                                            {"handovers", 0}};

void report_html_caseload(FILE *f, const struct pressure_row *r, size_t n,
                          const struct report_html_meta *m)
{
    struct bars b;
    page_begin(f, "Caseload per klantmanager", m);
    section(f, "Belasting tegen de norm", NULL);
    fputs("<p class=\"uitleg\">Elke klant telt tegen de norm van zijn soort caseload (klanten "
          "per voltijds klantmanager van 36 uur), naar uren geschaald; de norm is wat die mix bij "
          "100% is. Boven 100% is de caseload te hoog.</p>\n",
          f);
    if (bars_new(&b, n) == 0) {
        for (size_t i = 0; i < n; i++) {
            if (r[i].caseworker == NULL || r[i].norm <= 0)
                continue;
            snprintf(b.shown[b.n], sizeof b.shown[b.n], "%d%%%s", r[i].load_pct,
                     r[i].over ? " (boven de norm)" : "");
            b.v[b.n] = (struct html_bar){
                r[i].caseworker, r[i].caseworker, r[i].load_pct, b.shown[b.n], 0, NULL};
            b.n++;
        }
        html_bars_against(f, "Belasting in procenten van de norm", b.v, b.n, 100, 100,
                          "norm (100%)");
    }
    bars_free(&b);
    fputs("<table class=\"cijfers breed\">\n<thead><tr><th>klantmanager</th><th class=\"n\">klanten"
          "</th><th class=\"n\">uren</th><th class=\"n\">norm</th><th class=\"n\">belasting</th>"
          "<th class=\"n\">signalen te laat</th><th class=\"n\">binnenkort</th><th class=\"n\">"
          "klanten met te laat</th><th class=\"n\">contact boven norm</th><th class=\"n\">"
          "nazorg</th><th class=\"n\">wisselingen</th></tr></thead>\n<tbody>\n",
          f);
    for (size_t i = 0; i < n; i++) {
        const struct pressure_row *x = &r[i];
        const struct caseworker_metrics *c = &x->m;
        char label[160], key[160], v[10][24];
        if (x->caseworker)
            snprintf(label, sizeof label, "%s", *x->caseworker ? x->caseworker : "niet toegewezen");
        else
            snprintf(label, sizeof label, x->team ? "team %s" : "Totaal", x->team);
        /* As the JSON names the row: the total has no name. */
        snprintf(key, sizeof key, "%s", x->caseworker || x->team ? label : "");
        snprintf(v[0], 24, "%d", c->clients);
        snprintf(v[1], 24, "%g", x->hours);
        snprintf(v[2], 24, "%d", x->norm);
        snprintf(v[3], 24, "%d", x->load_pct);
        snprintf(v[4], 24, "%d", c->signals_overdue);
        snprintf(v[5], 24, "%d", c->signals_due_soon);
        snprintf(v[6], 24, "%d", c->clients_with_overdue);
        snprintf(v[7], 24, "%d", c->contact_beyond_norm);
        snprintf(v[8], 24, "%d", c->nazorg_running);
        snprintf(v[9], 24, "%d", c->handovers);
        char shown_pct[24], shown_norm[24], shown_hours[24];
        snprintf(shown_pct, sizeof shown_pct, x->norm > 0 ? "%d%%" : "—", x->load_pct);
        snprintf(shown_norm, sizeof shown_norm, x->norm > 0 ? "%d" : "—", x->norm);
        snprintf(shown_hours, sizeof shown_hours, x->norm > 0 ? "%g" : "—", x->hours);
        char *dot = strchr(shown_hours, '.'); /* 28,8 hours, as Dutch write it */
        if (dot)
            *dot = ',';
        const char *cells[] = {v[0], shown_hours, shown_norm, shown_pct, v[4],
                               v[5], v[6],        v[7],       v[8],      v[9]};
        const char *mach[] = {NULL, v[1], v[2], v[3], NULL, NULL, NULL, NULL, NULL, NULL};
        table_row(f,
                  x->caseworker ? NULL
                  : x->team     ? "team"
                                : "totaal",
                  "caseload", key, label, caseload_cols, cells, mach, 10, 0);
    }
    table_end(f);
    fputs("</section>\n", f);
    page_end(f);
}
