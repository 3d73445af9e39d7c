/* cmd_catalogue.c: `klantvolg catalogue` and `klantvolg config`: the beheerder's
 * catalogues and settings. Listing is open to every user; changing is for a beheerder. */
#include "cli/cli.h"
#include "host/out.h"
#include "storage/catalogue.h"
#include "storage/config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage(const char *text)
{
    out_printf(stderr, "klantvolg: %s\n", text);
    return KV_EUSAGE;
}

int cmd_catalogue(struct cli *c)
{
    struct kv_error err;
    char msg[200];
    const char *sub = c->a.nwords > 1 ? c->a.words[1] : "";
    int list = strcmp(sub, "list") == 0, add = strcmp(sub, "add") == 0,
        off = strcmp(sub, "disable") == 0, on = strcmp(sub, "enable") == 0;
    if (!list && !add && !off && !on)
        return usage("gebruik: klantvolg catalogue list [SOORT] | add SOORT CODE --name "
                     "OMSCHRIJVING | disable SOORT CODE | enable SOORT CODE");
    if (args_only(&c->a, OPT_DB | OPT_USER | OPT_PASSFD | (add ? OPT_NAME : 0), "catalogue", msg,
                  sizeof msg) != 0)
        return usage(msg);
    if ((list && c->a.nwords > 3) || (!list && c->a.nwords != 4))
        return usage(list ? "catalogue list neemt hoogstens een soort"
                          : "catalogue add/disable/enable verwacht SOORT en CODE");
    struct db *db;
    int rc = cli_open(c, 0, &db);
    if (rc != 0)
        return rc;
    if (list) {
        struct catalogue_entry *e;
        size_t n;
        if ((rc = catalogue_list(db, c->a.nwords == 3 ? c->a.words[2] : NULL, &e, &n, &err)) ==
            KV_OK) {
            for (size_t i = 0; i < n; i++)
                out_tsv(stdout, 5, e[i].kind, e[i].code, e[i].label, e[i].grp,
                        e[i].active ? "actief" : "uitgeschakeld");
            free(e);
        }
    } else if (add) {
        rc = catalogue_add(db, c->a.words[2], c->a.words[3], c->a.name, c->now, &err);
    } else {
        rc = catalogue_set_active(db, c->a.words[2], c->a.words[3], on, c->now, &err);
    }
    db_close(db);
    return rc == KV_OK ? 0 : cli_report(&err);
}

int cmd_config(struct cli *c)
{
    struct kv_error err;
    char msg[200];
    const char *sub = c->a.nwords > 1 ? c->a.words[1] : "";
    int list = strcmp(sub, "list") == 0, set = strcmp(sub, "set") == 0;
    if ((!list && !set) || (list && c->a.nwords != 2) || (set && c->a.nwords != 4))
        return usage("gebruik: klantvolg config list | config set SLEUTEL WAARDE");
    if (args_only(&c->a, OPT_DB | OPT_USER | OPT_PASSFD, "config", msg, sizeof msg) != 0)
        return usage(msg);
    struct db *db;
    int rc = cli_open(c, 0, &db);
    if (rc != 0)
        return rc;
    if (list) {
        struct config_entry *e;
        size_t n;
        if ((rc = config_list(db, &e, &n, &err)) == KV_OK) {
            for (size_t i = 0; i < n; i++)
                out_tsv(stdout, 2, e[i].key, e[i].value);
            free(e);
        }
    } else {
        rc = config_set(db, c->a.words[2], c->a.words[3], c->now, &err);
    }
    db_close(db);
    return rc == KV_OK ? 0 : cli_report(&err);
}
