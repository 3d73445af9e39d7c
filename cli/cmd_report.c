/* cmd_report.c: `klantvolg report caseload|uitstroom`: management figures computed from
 * the case records (core/metrics.c), for a teamleider or kwaliteitsmedewerker. */
#include "cli/cli.h"
#include "cli/env.h"
#include "cli/json.h"
#include "cli/out.h"
#include "core/date.h"
#include "core/metrics.h"
#include "storage/caseload.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "60,33" from 6033 (percent of one client). */
static void weighted(long x100, char *out, size_t n)
{
    snprintf(out, n, "%ld,%02ld", x100 / 100, x100 % 100);
}

static void print_caseload(const struct caseworker_metrics *r, size_t n, enum cli_format f, long today)
{
    char d[11], w[24];
    date_format_nl(today, d);
    if (f == FMT_TEXT) {
        out_printf(stdout,
                   "Caseload op %s (gewogen: klanten maal het gewicht van hun classificatie)\n\n",
                   d);
        out_printf(stdout, "%-16s %7s %8s %8s %10s %10s %9s %7s %11s\n", "KLANTMANAGER", "KLANTEN",
                   "GEWOGEN", "TE LAAT", "BINNENKORT", "KL.TE LAAT", "CONT>NORM", "NAZORG",
                   "WISSELINGEN");
    }
    for (size_t i = 0; i < n; i++) {
        const struct caseworker_metrics *m = &r[i];
        const char *who = m->caseworker ? (*m->caseworker ? m->caseworker : "niet toegewezen") : NULL;
        if (f == FMT_TEXT) {
            weighted(m->weighted_x100, w, sizeof w);
            if (who == NULL)
                out_printf(stdout, "\n");
            out_printf(stdout, "%-16s %7d %8s %8d %10d %10d %9d %7d %11d\n", who ? who : "TEAM",
                       m->clients, w, m->signals_overdue, m->signals_due_soon,
                       m->clients_with_overdue, m->contact_beyond_norm, m->nazorg_running,
                       m->handovers);
        } else if (f == FMT_TSV) {
            char name[128];
            out_printf(stdout, "%s\t%d\t%ld.%02ld\t%d\t%d\t%d\t%d\t%d\t%d\n",
                       out_line(name, sizeof name, who ? who : "TEAM"), m->clients,
                       m->weighted_x100 / 100, m->weighted_x100 % 100, m->signals_overdue,
                       m->signals_due_soon, m->clients_with_overdue, m->contact_beyond_norm,
                       m->nazorg_running, m->handovers);
        } else {
            out_printf(stdout, "{\"caseworker\":");
            json_string(stdout, who);
            out_printf(
                stdout,
                ",\"clients\":%d,\"weighted_percent\":%ld,\"signals_overdue\":%d,"
                "\"signals_due_soon\":%d,\"clients_with_overdue\":%d,\"contact_beyond_norm\":%d,"
                "\"nazorg_running\":%d,\"handovers\":%d}\n",
                m->clients, m->weighted_x100, m->signals_overdue, m->signals_due_soon,
                m->clients_with_overdue, m->contact_beyond_norm, m->nazorg_running, m->handovers);
        }
    }
}

static void print_counts(const char *title, const char *dim, const struct count_by *v, size_t n,
                         enum cli_format f)
{
    for (size_t i = 0; i < n; i++) {
        char line[256];
        const char *key = out_line(line, sizeof line, *v[i].key ? v[i].key : "onbekend");
        if (f == FMT_TEXT)
            out_printf(stdout, "  %-24s %6d\n", key, v[i].clients);
        else if (f == FMT_TSV)
            out_printf(stdout, "%s\t%s\t%d\n", dim, key, v[i].clients);
        else {
            out_printf(stdout, "{\"%s\":", dim);
            json_string(stdout, *v[i].key ? v[i].key : "onbekend");
            out_printf(stdout, ",\"clients\":%d}\n", v[i].clients);
        }
    }
    (void)title;
}

static void print_outflow(const struct outflow_metrics *m, long from, long to, enum cli_format f)
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
    print_counts("reden", "reason", m->by_reason, m->n_reason, f);
    if (f == FMT_TEXT)
        out_printf(stdout, "\nNaar route:\n");
    print_counts("route", "route", m->by_route, m->n_route, f);
}

int cmd_report(struct cli *c)
{
    struct kv_error err;
    enum cli_format f;
    long today, from, to;
    const char *what = c->a.nwords == 2 ? c->a.words[1] : "";
    int caseload = strcmp(what, "caseload") == 0, outflow = strcmp(what, "uitstroom") == 0;
    static const char *const mi[] = {"effectiviteit", "wachttijden", "nazorg", "ontwikkeling",
                                     "beweging", "kosten"};
    for (size_t i = 0; i < sizeof mi / sizeof mi[0]; i++)
        if (strcmp(what, mi[i]) == 0)
            return report_mi(c, what);
    if (!caseload && !outflow) {
        out_printf(stderr, "klantvolg: gebruik: klantvolg report caseload|uitstroom|effectiviteit|"
                           "wachttijden|nazorg|ontwikkeling|beweging|kosten ...\n");
        return KV_EUSAGE;
    }
    unsigned allowed = OPT_DB | OPT_USER | OPT_PASSFD | OPT_FORMAT | (outflow ? OPT_FROM | OPT_TO : 0);
    if (cli_expect(c, allowed, 2, "report neemt één soort rapport") != 0 ||
        cli_format(c, FMT_TEXT | FMT_TSV | FMT_JSON, &f) != 0)
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
    struct caseload *cl = NULL;
    struct metrics_client *mc = NULL;
    struct caseworker_metrics *rows = NULL;
    size_t nrows = 0;
    if (caseload_load(db, SCOPE_ALL, &cl, &err) != KV_OK ||
        (caseload && caseload_metrics(db, cl, today, &rows, &nrows, &err) != KV_OK)) {
        rc = cli_report(&err);
    } else if (caseload) {
        print_caseload(rows, nrows, f, today);
    } else if ((mc = caseload_metrics_clients(cl)) == NULL) {
        rc = KV_ERR;
    } else {
        struct outflow_metrics om;
        metrics_outflow(mc, cl->n, from, to, &om);
        print_outflow(&om, from, to, f);
    }
    free(rows);
    free(mc);
    caseload_free(cl);
    db_close(db);
    return rc;
}
