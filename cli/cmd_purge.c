/* cmd_purge.c: `klantvolg purge`: the retention duty, for a beheerder. Lists the clients
 * whose case closed before the date (default: today less the bewaartermijn), and with a
 * confirmation (or --force) erases them from the file. --dry-run only lists. */
#include "cli/cli.h"
#include "host/env.h"
#include "host/out.h"
#include "core/date.h"
#include "storage/purge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void print_list(const struct purge_item *it, size_t n, const char *before)
{
    char d[11];
    long days;
    date_parse(before, &days);
    date_format_nl(days, d);
    out_printf(stdout, "Dossiers afgesloten voor %s: %zu\n", d, n);
    if (n > 0)
        out_printf(stdout, "%8s  %-12s %s\n", "KLANT", "AFGESLOTEN", "RECORDS");
    for (size_t i = 0; i < n; i++) {
        date_parse(it[i].closed_on, &days);
        date_format_nl(days, d);
        out_printf(stdout, "%8ld  %-12s %ld\n", it[i].client, d, it[i].rows);
    }
}

/* The confirmation: the number of clients typed back, on a terminal. */
static int confirmed(size_t n)
{
    if (!isatty(STDIN_FILENO)) {
        out_printf(stderr, "klantvolg: wissen vraagt om bevestiging op een terminal; gebruik "
                           "--force in een script, of eerst --dry-run\n");
        return 0;
    }
    out_printf(
        stdout,
        "Deze %zu dossiers worden definitief gewist. Typ het aantal (%zu) om door te gaan: ", n, n);
    fflush(stdout);
    char line[32];
    if (fgets(line, sizeof line, stdin) == NULL)
        return 0;
    line[strcspn(line, "\n")] = '\0';
    char want[24];
    snprintf(want, sizeof want, "%zu", n);
    return strcmp(line, want) == 0;
}

int cmd_purge(struct cli *c)
{
    struct kv_error err;
    long today, before_days = 0;
    if (cli_expect(c, OPT_DB | OPT_USER | OPT_PASSFD | OPT_BEFORE | OPT_DRY_RUN | OPT_FORCE, 1,
                   "purge neemt geen argumenten; de datum gaat met --before") != 0)
        return KV_EUSAGE;
    if (c->a.before && cli_date_opt("before", c->a.before, 0, &before_days) != 0)
        return KV_EUSAGE;
    if (env_today(&today, &err) != KV_OK)
        return cli_report(&err);
    if (c->a.before && before_days > today) {
        out_printf(stderr, "klantvolg: --before ligt in de toekomst\n");
        return KV_EUSAGE;
    }
    struct db *db;
    int rc = cli_open(c, 0, &db);
    if (rc != 0)
        return rc;
    char before[11];
    struct purge_item *items = NULL;
    size_t n = 0, purged = 0;
    if (c->a.before)
        date_format_iso(before_days, before);
    else if ((rc = purge_default_before(db, today, before, &err)) != KV_OK)
        goto fail;
    if ((rc = purge_list(db, before, &items, &n, &err)) != KV_OK)
        goto fail;
    print_list(items, n, before);
    free(items);
    if (n == 0 || (c->a.given & OPT_DRY_RUN)) {
        if (n > 0)
            out_printf(stdout, "Proefrun: er is niets gewist.\n");
        db_close(db);
        return 0;
    }
    if (!(c->a.given & OPT_FORCE) && !confirmed(n)) {
        out_printf(stdout, "Niet bevestigd: er is niets gewist.\n");
        db_close(db);
        return KV_ERR;
    }
    if ((rc = purge_run(db, before, &purged, &err)) != KV_OK)
        goto fail;
    db_close(db);
    out_printf(stdout,
               "%zu %s gewist; het bestand is opgeschoond (VACUUM) en het wissen staat in het "
               "auditlog.\n",
               purged, purged == 1 ? "dossier" : "dossiers");
    return 0;
fail:
    db_close(db);
    return cli_report(&err);
}
