/* cmd_audit.c: `klantvolg audit`: the audit log for a teamleider or beheerder, filtered by
 * client, user and period; `audit head` prints the newest entry's number and hash, to be
 * kept outside the file (mail, a logbook) so that cutting off the end of the chain shows. */
#include "cli/cli.h"
#include "cli/json.h"
#include "host/out.h"
#include "core/date.h"
#include "storage/audit.h"

#include <stdio.h>
#include <string.h>

struct out {
    enum cli_format f;
    long n;
};

static int print_entry(const struct audit_entry *e, void *ctx)
{
    struct out *o = ctx;
    o->n++;
    if (o->f == FMT_TSV) {
        char id[24], client[24];
        snprintf(id, sizeof id, "%ld", e->id);
        snprintf(client, sizeof client, "%ld", e->client);
        out_tsv(stdout, 7, id, e->at, e->user, e->action, client, e->record, e->summary);
    } else if (o->f == FMT_JSON) {
        out_printf(stdout, "{\"id\":%ld,\"at\":", e->id);
        json_string(stdout, e->at);
        out_printf(stdout, ",\"user\":");
        json_string(stdout, e->user);
        out_printf(stdout, ",\"action\":");
        json_string(stdout, e->action);
        if (e->client)
            out_printf(stdout, ",\"client\":%ld", e->client);
        else
            out_printf(stdout, ",\"client\":null");
        out_printf(stdout, ",\"record\":");
        json_string(stdout, e->record);
        out_printf(stdout, ",\"detail\":%s}\n", *e->detail ? e->detail : "null");
    } else {
        char client[24] = "-";
        if (e->client)
            snprintf(client, sizeof client, "%ld", e->client);
        char user[128], action[128], record[256], summary[1024];
        out_printf(stdout, "%6ld  %.19s  %-16s %-18s %7s  %s%s%s\n", e->id, e->at,
                   out_line(user, sizeof user, e->user), out_line(action, sizeof action, e->action),
                   client, out_line(record, sizeof record, e->record),
                   *e->record && *e->summary ? ": " : "",
                   out_line(summary, sizeof summary, e->summary));
    }
    return 0;
}

static int head(struct db *db)
{
    struct audit_verdict v;
    struct kv_error err;
    if (audit_verify(db, &v, &err) != KV_OK)
        return cli_report(&err);
    if (v.bad_id) {
        out_printf(stderr, "klantvolg: %s De keten is niet in orde; zie 'klantvolg check'.\n",
                   v.why);
        return KV_EDAMAGED;
    }
    out_printf(stdout, "%ld %s\n", v.head_id, v.head);
    return 0;
}

int cmd_audit(struct cli *c)
{
    struct kv_error err;
    enum cli_format f;
    long from = 0, to = 0;
    int is_head = c->a.nwords == 2 && strcmp(c->a.words[1], "head") == 0;
    unsigned allowed = OPT_DB | OPT_PASSFD | OPT_USER |
                       (is_head ? 0 : OPT_CLIENT | OPT_FROM | OPT_TO | OPT_FORMAT);
    if (cli_expect(c, allowed, is_head ? 2 : 1,
                   "gebruik: klantvolg audit [--client ID] "
                   "[--user NAAM] [--from DATUM] [--to DATUM] | klantvolg audit head") != 0 ||
        cli_format(c, FMT_TEXT | FMT_TSV | FMT_JSON, &f) != 0)
        return KV_EUSAGE;
    if (cli_period(c, 0, 0, &from, &to) != 0)
        return KV_EUSAGE;
    struct db *db;
    int rc = cli_open(c, 0, &db);
    if (rc != 0)
        return rc;
    if (!role_oversees(db->role)) {
        kv_error_set(&err, KV_EAUTH, "audit for teamleider or beheerder",
                     "Het auditlog is voor "
                     "een teamleider of beheerder; '%s' is %s.",
                     db->user, role_label(db->role, "zonder rol"));
        db_close(db);
        return cli_report(&err);
    }
    if (is_head) {
        rc = head(db);
        db_close(db);
        return rc;
    }
    char f_iso[11], t_iso[11];
    if (c->a.from)
        date_format_iso(from, f_iso);
    if (c->a.to)
        date_format_iso(to, t_iso);
    struct audit_filter filter = {c->a.client > 0 ? c->a.client : 0,
                                  c->audit_user,
                                  c->a.from ? f_iso : NULL,
                                  c->a.to ? t_iso : NULL,
                                  NULL,
                                  0,
                                  0};
    struct out o = {f, 0};
    if (f == FMT_TEXT)
        out_printf(stdout, "%6s  %-19s  %-16s %-18s %7s  %s\n", "NR", "TIJD", "GEBRUIKER", "ACTIE",
                   "KLANT", "RECORD: WAT");
    rc = audit_list(db, &filter, print_entry, &o, &err);
    db_close(db);
    if (rc != KV_OK)
        return cli_report(&err);
    if (f == FMT_TEXT)
        out_printf(stdout, "%ld regels\n", o.n);
    return 0;
}
