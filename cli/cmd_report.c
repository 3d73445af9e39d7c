/* cmd_report.c: `klantvolg report caseload|uitstroom`: management figures computed from
 * the case records (core/metrics.c), for a teamleider or kwaliteitsmedewerker. */
#include "cli/cli.h"
#include "host/batch.h"
#include "host/env.h"
#include "cli/json.h"
#include "host/out.h"
#include "doc/report_html.h"
#include "core/date.h"
#include "core/labels.h"
#include "core/metrics.h"
#include "core/pressure.h"
#include "storage/caseload.h"
#include "storage/figures_summary.h"
#include "storage/reportdata.h"
#include "storage/users.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Hours as Dutch write them: "36", "28,8". */
static void hours_nl(double h, char *out, size_t n)
{
    snprintf(out, n, "%.1f", h);
    char *dot = strchr(out, '.');
    if (dot && dot[1] == '0')
        *dot = '\0';
    else if (dot)
        *dot = ',';
}

static void print_caseload(const struct pressure_row *r, size_t n, enum cli_format f, long today)
{
    char d[11], h[24], norm[16], pct[16];
    date_format_nl(today, d);
    if (f == FMT_TEXT) {
        out_printf(
            stdout,
            "Caseload op %s: elke klant telt tegen de norm van zijn soort caseload (klanten per "
            "voltijds\nklantmanager van 36 uur), naar uren geschaald; NORM is wat die mix "
            "bij 100%% is\n\n",
            d);
        out_printf(stdout, "%-16s %7s %5s %5s %9s %8s %10s %10s %9s %7s %11s\n", "KLANTMANAGER",
                   "KLANTEN", "UREN", "NORM", "BELASTING", "TE LAAT", "BINNENKORT", "KL.TE LAAT",
                   "CONT>NORM", "NAZORG", "WISSELINGEN");
    }
    for (size_t i = 0; i < n; i++) {
        const struct pressure_row *x = &r[i];
        const struct caseworker_metrics *m = &x->m;
        const char *who =
            x->caseworker ? (*x->caseworker ? x->caseworker : "niet toegewezen") : NULL;
        char label[80];
        /* Subtotals per team are for reading; machine formats sum the rows themselves. */
        if (who == NULL && x->team != NULL && f != FMT_TEXT)
            continue;
        if (who == NULL)
            snprintf(label, sizeof label, x->team ? "team %s" : "TEAM", x->team);
        else
            snprintf(label, sizeof label, "%s", who);
        if (f == FMT_TEXT) {
            if (x->norm > 0) {
                hours_nl(x->hours, h, sizeof h);
                snprintf(norm, sizeof norm, "%d", x->norm);
                snprintf(pct, sizeof pct, "%d%%%s", x->load_pct, x->over ? " >" : "  ");
            } else {
                snprintf(h, sizeof h, "-");
                snprintf(norm, sizeof norm, "-");
                snprintf(pct, sizeof pct, "-  ");
            }
            if (who == NULL && x->team == NULL)
                out_printf(stdout, "\n");
            out_printf(stdout, "%-16s %7d %5s %5s %9s %8d %10d %10d %9d %7d %11d\n", label,
                       m->clients, h, norm, pct, m->signals_overdue, m->signals_due_soon,
                       m->clients_with_overdue, m->contact_beyond_norm, m->nazorg_running,
                       m->handovers);
        } else if (f == FMT_TSV) {
            out_printf(stdout, "%s\t%d\t%g\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\n", label,
                       m->clients, x->hours, x->norm, x->load_pct, x->over, m->signals_overdue,
                       m->signals_due_soon, m->clients_with_overdue, m->contact_beyond_norm,
                       m->nazorg_running, m->handovers);
        } else {
            out_printf(stdout, "{\"caseworker\":");
            json_string(stdout, who);
            out_printf(stdout, ",\"team\":");
            json_string(stdout, x->team);
            out_printf(stdout,
                       ",\"clients\":%d,\"hours\":%g,\"norm\":%d,\"load_percent\":%d,\"over\":%s,"
                       "\"signals_overdue\":%d,\"signals_due_soon\":%d,\"clients_with_overdue\":%d,"
                       "\"contact_beyond_norm\":%d,\"nazorg_running\":%d,\"handovers\":%d}\n",
                       m->clients, x->hours, x->norm, x->load_pct, x->over ? "true" : "false",
                       m->signals_overdue, m->signals_due_soon, m->clients_with_overdue,
                       m->contact_beyond_norm, m->nazorg_running, m->handovers);
        }
    }
}

static void print_counts(const struct labels *l, const char *dim, const struct count_by *v,
                         size_t n, enum cli_format f)
{
    for (size_t i = 0; i < n; i++) {
        char line[256];
        const char *key = out_line(line, sizeof line, *v[i].key ? v[i].key : "onbekend");
        if (f == FMT_TEXT)
            out_printf(stdout, "  %-32s %6d\n", labels_nl(l, labels_kind_of(dim), key),
                       v[i].clients);
        else if (f == FMT_TSV)
            out_printf(stdout, "%s\t%s\t%d\n", dim, key, v[i].clients);
        else {
            out_printf(stdout, "{\"%s\":", dim);
            json_string(stdout, *v[i].key ? v[i].key : "onbekend");
            out_printf(stdout, ",\"clients\":%d}\n", v[i].clients);
        }
    }
}

static void print_outflow(const struct outflow_metrics *m, const struct labels *l, long from,
                          long to, enum cli_format f)
{
    char a[11], b[11];
    date_format_nl(from, a);
    date_format_nl(to, b);
    if (f == FMT_TEXT) {
        out_printf(stdout, "Uitstroom van %s tot en met %s (klanten, elk één keer geteld)\n\n", a,
                   b);
        out_printf(stdout, "Klanten uitgestroomd: %d, waarvan naar werk: %d\n\nNaar reden:\n",
                   m->clients, m->to_work);
    } else if (f == FMT_TSV) {
        out_printf(stdout, "totaal\tklanten\t%d\ntotaal\tnaar_werk\t%d\n", m->clients, m->to_work);
    } else {
        out_printf(stdout, "{\"clients\":%d,\"to_work\":%d}\n", m->clients, m->to_work);
    }
    print_counts(l, "reason", m->by_reason, m->n_reason, f);
    if (f == FMT_TEXT)
        out_printf(stdout, "\nNaar route:\n");
    print_counts(l, "route", m->by_route, m->n_route, f);
}

/* The outflow report as a printable page, with the clients who left in each month. */
static int outflow_html(struct cli *c, struct db *db, const struct metrics_client *mc, size_t n,
                        const struct outflow_metrics *om, const struct labels *l, long from,
                        long to, long today)
{
    struct report_html_meta hm = {
        .from = from, .to = to, .as_of_day = today, .made_on = today, .period = 1};
    size_t months = report_html_months(from, to);
    int *per = calloc(months ? months : 1, sizeof *per);
    if (per == NULL) {
        fprintf(stderr, "klantvolg: " KV_MSG_NOMEM "\n");
        return KV_ERR;
    }
    for (size_t i = 0; i < months; i++) {
        long a = i ? report_html_month_end(from, i - 1) + 1 : from;
        long b = report_html_month_end(from, i);
        struct outflow_metrics one;
        metrics_outflow(mc, n, a, b < to ? b : to, &one);
        per[i] = one.clients;
    }
    report_html_meta_fill(db, NULL, c->user, &hm);
    report_html_outflow(stdout, om, l, per, months, &hm);
    free(per);
    return 0;
}

int cmd_report(struct cli *c)
{
    struct kv_error err;
    enum cli_format f;
    long today, from, to;
    const char *what = c->a.nwords == 2 ? c->a.words[1] : "";
    int caseload = strcmp(what, "caseload") == 0, outflow = strcmp(what, "uitstroom") == 0;
    static const char *const mi[] = {"effectiviteit", "wachttijden", "nazorg",
                                     "ontwikkeling",  "beweging",    "kosten"};
    for (size_t i = 0; i < sizeof mi / sizeof mi[0]; i++)
        if (strcmp(what, mi[i]) == 0)
            return report_mi(c, what);
    if (!caseload && !outflow) {
        out_printf(stderr, "klantvolg: gebruik: klantvolg report caseload|uitstroom|effectiviteit|"
                           "wachttijden|nazorg|ontwikkeling|beweging|kosten ...\n");
        return KV_EUSAGE;
    }
    unsigned allowed =
        OPT_DB | OPT_USER | OPT_PASSFD | OPT_FORMAT | (outflow ? OPT_FROM | OPT_TO : 0);
    if (cli_expect(c, allowed, 2, "report neemt één soort rapport") != 0 ||
        cli_format(c, FMT_TEXT | FMT_TSV | FMT_JSON | FMT_HTML, &f) != 0)
        return KV_EUSAGE;
    if (env_today(&today, &err) != KV_OK)
        return cli_report(&err);
    int y, m, d;
    date_ymd(today, &y, &m, &d);
    if (cli_period(c, date_days(y, 1, 1), today, &from, &to) != 0)
        return KV_EUSAGE;
    struct db *db;
    int rc = cli_open(c, 0, &db);
    if (rc != 0)
        return rc;
    batch_priority(); /* reads only from here on (host/batch.h) */
    struct caseload *cl = NULL;
    struct metrics_client *mc = NULL;
    struct caseworker_metrics *rows = NULL;
    size_t nrows = 0, nusers = 0, nprows = 0;
    struct user_rec *users = NULL;
    struct pressure_norms norms = {0};
    struct pressure_row *prows = NULL;
    struct users_index ppl = {NULL, 0};
    struct pressure_people who = users_pressure_people(&ppl);
    /* From the per-client summary, as the pressure screen reads it: the same figures and
     * outflows as a load of every record (tests/unit/test_figures.c), in a fraction of
     * the time, and so a fraction of the time a read snapshot holds checkpoints back. */
    if (figures_summary_load(db, &cl, &err) != KV_OK ||
        (caseload && (caseload_metrics(db, cl, today, &rows, &nrows, &err) != KV_OK ||
                      config_norms(db, &norms, &err) != KV_OK ||
                      users_list(db, &users, &nusers, &err) != KV_OK))) {
        rc = cli_report(&err);
    } else if (caseload) {
        ppl = (struct users_index){users, nusers};
        int unassigned;
        size_t ncw = pressure_take_unassigned(rows, nrows - 1, &unassigned);
        if (pressure_rows(rows, ncw, &who, &norms, 0, &prows, &nprows) != 0) {
            fprintf(stderr, "klantvolg: " KV_MSG_NOMEM "\n");
            rc = KV_ERR;
        } else if (f == FMT_HTML) {
            struct report_html_meta hm = {.as_of_day = today, .made_on = today};
            report_html_meta_fill(db, NULL, c->user, &hm);
            report_html_caseload(stdout, prows, nprows, &hm);
        } else {
            print_caseload(prows, nprows, f, today);
            if (f == FMT_TEXT && unassigned > 0) /* nobody's load: apart, to be assigned */
                out_printf(stdout,
                           "\n%d %s zonder klantmanager (niet in de belasting; "
                           "toewijzen met assign).\n",
                           unassigned, unassigned == 1 ? "klant" : "klanten");
        }
    } else if ((mc = caseload_metrics_clients(cl)) == NULL) {
        rc = KV_ERR;
    } else {
        struct outflow_metrics om;
        struct catalogue_labels labels;
        metrics_outflow(mc, cl->n, from, to, &om);
        if (reportdata_labels(db, &labels, &err) != KV_OK) {
            rc = cli_report(&err);
        } else {
            if (f == FMT_HTML)
                rc = outflow_html(c, db, mc, cl->n, &om, &labels.l, from, to, today);
            else
                print_outflow(&om, &labels.l, from, to, f);
            reportdata_labels_free(&labels);
        }
    }
    free(prows);
    free(users);
    config_norms_free(&norms);
    free(rows);
    free(mc);
    caseload_free(cl);
    db_close(db);
    return rc;
}
