/* cmd_warnings.c: `klantvolg warnings`: contradictions, vague goals and handovers the
 * client was not told of in the caseload (core/warnings.c), per client. */
#include "cli/cli.h"
#include "host/env.h"
#include "host/out.h"
#include "core/warnings.h"
#include "storage/caseload.h"

#include <stdio.h>
#include <string.h>

int cmd_warnings(struct cli *c)
{
    struct kv_error err;
    enum cli_format fmt;
    long today;
    if (cli_expect(c, OPT_DB | OPT_USER | OPT_PASSFD | OPT_ALL | OPT_FORMAT, 1,
                   "warnings neemt geen argumenten") != 0 ||
        cli_format(c, FMT_TEXT | FMT_TSV, &fmt) != 0)
        return KV_EUSAGE;
    int tsv = fmt == FMT_TSV;
    if (env_today(&today, &err) != KV_OK)
        return cli_report(&err);
    struct db *db;
    int rc = cli_open(c, 0, &db);
    if (rc != 0)
        return rc;
    struct caseload *cl = NULL;
    if (caseload_load(db, (c->a.given & OPT_ALL) ? SCOPE_ALL : SCOPE_MINE, &cl, &err) != KV_OK) {
        db_close(db);
        return cli_report(&err);
    }
    size_t clients = 0, total = 0;
    for (size_t i = 0; i < cl->n; i++) {
        struct case_warning_list w = {0};
        if (casefile_warnings(&cl->files[i], today, &w) != 0) {
            rc = KV_ERR;
            case_warnings_free(&w);
            break;
        }
        const struct client_summary *s = &cl->clients[i];
        char name[256], id[24];
        snprintf(id, sizeof id, "%ld", s->id);
        if (w.n && !tsv)
            out_printf(stdout, "%s%s (%s)%s%s\n", clients ? "\n" : "",
                       out_line(name, sizeof name, s->name), s->bsn_masked,
                       (c->a.given & OPT_ALL) ? " - " : "",
                       (c->a.given & OPT_ALL) ? s->caseworker : "");
        for (size_t k = 0; k < w.n; k++) {
            char text[1024];
            if (tsv)
                out_tsv(stdout, 5, id, s->name, s->bsn_masked,
                        w.v[k].kind == CASE_WARNING_SMART        ? "smart"
                        : w.v[k].kind == CASE_WARNING_UNINFORMED ? "niet_ingelicht"
                                                                 : "tegenstrijdig",
                        w.v[k].text);
            else
                out_printf(stdout, "  - %s\n", out_line(text, sizeof text, w.v[k].text));
        }
        clients += w.n > 0;
        total += w.n;
        case_warnings_free(&w);
    }
    if (!tsv && rc == 0)
        out_printf(stdout, "%s%zu waarschuwingen bij %zu van de %zu klanten.\n",
                   clients ? "\n" : "", total, clients, cl->n);
    caseload_free(cl);
    db_close(db);
    return rc;
}
