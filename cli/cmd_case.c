/* cmd_case.c: commands on the case file. `reminders`: the signals of the user's caseload
 * (or, for a teamleider, of all clients), for a login message or cron. */
#include "cli/cli.h"
#include "host/env.h"
#include "cli/json.h"
#include "host/out.h"
#include "core/date.h"
#include "core/signals.h"
#include "storage/caseload.h"
#include "storage/records.h"
#include "storage/outflows.h"
#include "storage/assignments.h"
#include "storage/access.h"
#include "storage/clients.h"
#include "storage/reportdata.h"
#include "storage/txn.h"
#include "core/labels.h"
#include "core/bsn.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const sev_code[] = {"te_laat", "binnenkort", "later"};
static const char *const sev_head[] = {"TE LAAT", "BINNENKORT", "LATER"};

struct row {
    const struct signal *s;
    const struct client_summary *c;
};

static int by_severity_then_due(const void *a, const void *b)
{
    const struct row *x = a, *y = b;
    if (x->s->severity != y->s->severity)
        return (int)x->s->severity - (int)y->s->severity;
    if (x->s->due != y->s->due)
        return x->s->due < y->s->due ? -1 : 1;
    return strcmp(x->c->name, y->c->name);
}

static void print_text(const struct row *r, size_t n, const char *who, long today, int all)
{
    char d[11];
    size_t count[3] = {0};
    for (size_t i = 0; i < n; i++)
        count[r[i].s->severity]++;
    date_format_nl(today, d);
    out_printf(stdout, "Signalen voor %s op %s: %zu te laat, %zu binnenkort", who, d, count[0],
               count[1]);
    if (count[2])
        out_printf(stdout, ", %zu later", count[2]);
    out_printf(stdout, "\n");
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || r[i].s->severity != r[i - 1].s->severity)
            out_printf(stdout, "\n%s\n", sev_head[r[i].s->severity]);
        date_format_nl(r[i].s->due, d);
        char name[256], reason[512];
        out_printf(stdout, "  %-10s  %s (%s)", d, out_line(name, sizeof name, r[i].c->name),
                   r[i].c->bsn_masked);
        if (all)
            out_printf(stdout, " [%s]",
                       *r[i].c->caseworker ? r[i].c->caseworker : "niet toegewezen");
        out_printf(stdout, "  %s\n", out_line(reason, sizeof reason, r[i].s->reason));
    }
}

static void print_rows(const struct row *r, size_t n, enum cli_format f)
{
    char iso[11];
    for (size_t i = 0; i < n; i++) {
        const struct signal *s = r[i].s;
        const struct client_summary *c = r[i].c;
        date_format_iso(s->due, iso);
        if (f == FMT_TSV) {
            char id[24];
            snprintf(id, sizeof id, "%ld", c->id);
            out_tsv(stdout, 8, iso, sev_code[s->severity], id, c->name, c->bsn_masked,
                    c->caseworker, signal_kind_code(s->kind), s->reason);
            continue;
        }
        out_printf(stdout, "{\"due\":\"%s\",\"severity\":\"%s\",\"client\":%ld,\"name\":", iso,
                   sev_code[s->severity], c->id);
        json_string(stdout, c->name);
        out_printf(stdout, ",\"bsn\":\"%s\",\"caseworker\":", c->bsn_masked);
        json_string(stdout, c->caseworker);
        out_printf(stdout, ",\"kind\":\"%s\",\"reason\":", signal_kind_code(s->kind));
        json_string(stdout, s->reason);
        out_printf(stdout, "}\n");
    }
}

int cmd_reminders(struct cli *c)
{
    struct kv_error err;
    enum cli_format fmt;
    long today;
    if (cli_expect(c, OPT_DB | OPT_USER | OPT_PASSFD | OPT_DAYS | OPT_ALL | OPT_FORMAT, 1,
                   "reminders neemt geen argumenten") != 0 ||
        cli_format(c, FMT_TEXT | FMT_TSV | FMT_JSON, &fmt) != 0)
        return KV_EUSAGE;
    if (env_today(&today, &err) != KV_OK)
        return cli_report(&err);
    struct db *db;
    int rc = cli_open(c, 0, &db);
    if (rc != 0)
        return rc;
    struct caseload *cl = NULL;
    struct signal_list sig = {0};
    size_t *first = NULL;
    int all = (c->a.given & OPT_ALL) != 0;
    if (caseload_load(db, all ? SCOPE_ALL : SCOPE_MINE, &cl, &err) != KV_OK ||
        caseload_signals(db, cl, today, &sig, &first, &err) != KV_OK) {
        rc = cli_report(&err);
        goto out;
    }
    /* Without --days: what needs attention now. With --days N: also what falls due within
     * N days. */
    struct row *rows = malloc((sig.n ? sig.n : 1) * sizeof *rows);
    size_t n = 0;
    if (rows == NULL) {
        rc = KV_ERR;
        goto out;
    }
    for (size_t ci = 0; ci < cl->n; ci++)
        for (size_t i = first[ci]; i < first[ci + 1]; i++) {
            const struct signal *s = &sig.v[i];
            if (c->a.days >= 0 ? s->due <= today + c->a.days : s->severity != SEV_LATER)
                rows[n++] = (struct row){s, &cl->clients[ci]};
        }
    qsort(rows, n, sizeof *rows, by_severity_then_due);
    if (fmt == FMT_TEXT)
        print_text(rows, n, all ? "alle klanten" : c->user, today, all);
    else
        print_rows(rows, n, fmt);
    free(rows);
out:
    free(first);
    signals_free(&sig);
    caseload_free(cl);
    db_close(db);
    return rc;
}

/* `klantvolg assign ID USER`: a new klantmanager for a client, from today, by a
 * teamleider within her team. The previous assignment is closed, not overwritten; the
 * handover note and the date the client was told are kept with the new one. With
 * --informed and the client's own klantmanager (or without USER) the date is recorded on
 * the assignment there is: the signal of an uninformed handover ends. */
int cmd_assign(struct cli *c)
{
    struct kv_error err;
    long today, informed = NO_DATE, client;
    const char *usage = "gebruik: klantvolg assign KLANT-ID [GEBRUIKER] [--note TEKST] "
                        "[--informed DATUM [--force]]";
    if (cli_expect(c, OPT_DB | OPT_USER | OPT_PASSFD | OPT_NOTE | OPT_INFORMED | OPT_FORCE,
                   c->a.nwords == 2 ? 2 : 3, usage) != 0)
        return KV_EUSAGE;
    if (c->a.nwords == 2 && !c->a.informed) {
        out_printf(stderr,
                   "klantvolg: zonder GEBRUIKER hoort er --informed DATUM bij\n"
                   "klantvolg: %s\n",
                   usage);
        return KV_EUSAGE;
    }
    if (cli_client_word(c->a.words[1], &client) != 0)
        return KV_EUSAGE;
    if (c->a.informed && !date_parse(c->a.informed, &informed)) {
        out_printf(stderr, "klantvolg: --informed verwacht een datum, niet '%s'\n", c->a.informed);
        return KV_EUSAGE;
    }
    if (env_today(&today, &err) != KV_OK)
        return cli_report(&err);
    struct db *db;
    int rc = cli_open(c, 0, &db), only_informed = c->a.nwords == 2;
    if (rc != 0)
        return rc;
    /* Who may assign what is storage's rule (access_may_assign), shared with the screen;
     * so is the refusal of a handover to the klantmanager the client has. */
    if (db_begin(db, &err) == KV_OK) {
        rc = records_client_exists(db, client, &err);
        if (rc == KV_OK && !only_informed && informed != NO_DATE)
            rc = assignments_is_klantmanager(db, client, c->a.words[2], &only_informed, &err);
        if (rc == KV_OK && only_informed)
            rc = assignments_informed(db, client, informed, today, (c->a.given & OPT_FORCE) != 0,
                                      c->now, &err);
        else if (rc == KV_OK)
            rc = assignments_open(db, client, c->a.words[2], "klantmanager", today,
                                  c->a.note ? c->a.note : "", informed, c->now, &err);
        rc = rc == KV_OK ? db_commit(db, &err) : (db_rollback(db), rc);
        if (rc == KV_OK) {
            char day[11];
            date_format_nl(informed, day);
            if (only_informed)
                out_printf(stdout, "Klant %ld is op %s ingelicht over de klantmanager.\n", client,
                           day);
            else
                out_printf(stdout, "Klant %ld is toegewezen aan %s.\n", client, c->a.words[2]);
            db_close(db);
            return 0;
        }
    }
    db_close(db);
    if (strcmp(err.detail, "informed already") == 0)
        out_printf(stderr, "klantvolg: een andere datum vervangt die alleen met --force\n");
    return cli_report(&err);
}

typedef int (*client_date_write)(struct db *db, long client, long date, long today, const char *now,
                                 struct kv_error *err);

/* The shape of `close ID [DATE]` and `outflow return ID [DATE]`: the client is word `at`,
 * the optional date (default today) the one after it; write runs in one transaction for
 * whoever may write the client's records. 0 with *client and day (d-m-yyyy) to report, or
 * the exit status once the problem is said. */
static int client_date_cmd(struct cli *c, int at, const char *usage, client_date_write write,
                           long *client, char day[11])
{
    struct kv_error err;
    long today, date;
    int has_date = c->a.nwords == at + 2;
    if (cli_expect(c, OPT_DB | OPT_USER | OPT_PASSFD, has_date ? at + 2 : at + 1, usage) != 0 ||
        cli_client_word(c->a.words[at], client) != 0)
        return KV_EUSAGE;
    if (env_today(&today, &err) != KV_OK)
        return cli_report(&err);
    if (cli_date_opt("datum", has_date ? c->a.words[at + 1] : NULL, today, &date) != 0)
        return KV_EUSAGE;
    struct db *db;
    int rc = cli_open(c, 0, &db);
    if (rc != 0)
        return rc;
    if ((rc = db_begin(db, &err)) == KV_OK) {
        rc = records_client_exists(db, *client, &err);
        if (rc == KV_OK)
            rc = write(db, *client, date, today, c->now, &err);
        rc = rc == KV_OK ? db_commit(db, &err) : (db_rollback(db), rc);
    }
    db_close(db);
    if (rc != KV_OK)
        return cli_report(&err);
    date_format_nl(date, day);
    return 0;
}

/* `klantvolg close ID [DATE]`: close a client's case (default today), by whoever may
 * write the client's records: the retention period runs from that date. */
int cmd_close(struct cli *c)
{
    long client;
    char d[11];
    int rc = client_date_cmd(c, 1, "gebruik: klantvolg close KLANT-ID [DATUM]",
                             records_client_close, &client, d);
    if (rc == 0)
        out_printf(stdout, "Het dossier van klant %ld is afgesloten op %s.\n", client, d);
    return rc;
}

/* `klantvolg outflow return ID [DATE]`: the client came back on benefit (default today)
 * after the latest outflow; the status becomes terug. The audit log keeps the change. */
int cmd_outflow(struct cli *c)
{
    const char *usage = "gebruik: klantvolg outflow return KLANT-ID [DATUM]";
    long client;
    char d[11];
    if (c->a.nwords < 2 || strcmp(c->a.words[1], "return") != 0) {
        out_printf(stderr, "klantvolg: %s\n", usage);
        return KV_EUSAGE;
    }
    int rc = client_date_cmd(c, 2, usage, outflows_return, &client, d);
    if (rc == 0)
        out_printf(stdout, "Klant %ld is op %s teruggekeerd in de uitkering (status: terug).\n",
                   client, d);
    return rc;
}

/* `client edit ID --FIELD VALUE ...`: correct a client's details after registration
 * (core/clientfields.h names the fields); the audit log keeps old and new values.
 * `client show ID`: the details with the status, address and classifications. */
static int client_edit(struct cli *c, struct db *db, long client)
{
    struct kv_error err;
    struct client_change ch[ARGS_MAX_FIELDS];
    size_t n = 0;
    for (int i = 0; i < c->a.nfields; i++)
        ch[n++] = (struct client_change){client_field_find(c->a.field[i]), c->a.field_value[i]};
    int rc = db_begin(db, &err);
    if (rc == KV_OK) {
        rc = records_client_exists(db, client, &err);
        if (rc == KV_OK)
            rc = clients_update(db, client, 0, ch, n, c->now, &n, &err);
        rc = rc == KV_OK ? db_commit(db, &err) : (db_rollback(db), rc);
    }
    if (rc != KV_OK)
        return cli_report(&err);
    if (n == 0)
        out_printf(stdout, "Klant %ld: niets gewijzigd (de velden hadden deze waarden al).\n",
                   client);
    else
        out_printf(stdout, "Klant %ld: %zu %s gewijzigd.\n", client, n, n == 1 ? "veld" : "velden");
    return 0;
}

static int client_show(struct db *db, long client)
{
    struct kv_error err;
    struct client_values *v = malloc(sizeof *v);
    struct client_class k[AXIS_COUNT];
    enum client_status st;
    if (v == NULL)
        return cli_report((kv_error_nomem(&err), &err));
    int rc = access_open(db, client, &err);
    if (rc == KV_OK)
        rc = clients_values(db, client, v, &err);
    if (rc == KV_OK)
        rc = clients_status(db, client, &st, &err);
    if (rc == KV_OK)
        rc = clients_classes(db, client, k, &err);
    if (rc != KV_OK) {
        free(v);
        return cli_report(&err);
    }
    struct catalogue_labels cat = {0};
    if (reportdata_labels(db, &cat, &err) != KV_OK) {
        free(v);
        return cli_report(&err);
    }
    char masked[10], line[CLIENT_VALUE_MAX], head[64];
    out_printf(stdout, "%-34s %s\n", "Status", status_label(st));
    for (size_t i = 0; i < client_fields_n; i++) {
        const char *val = v->v[i];
        if (client_fields[i].type == CFT_BSN && strlen(val) == 9) {
            bsn_mask(val, masked); /* the full BSN only where its viewing is logged */
            val = masked;
        } else if (client_fields[i].type == CFT_CATALOGUE) { /* the catalogue's words */
            val = labels_nl(&cat.l, client_fields[i].choices, val);
        }
        out_printf(stdout, "%-34s %s\n", client_fields[i].label, out_line(line, sizeof line, val));
    }
    reportdata_labels_free(&cat);
    /* Each classification with its own date and its own motivation. */
    for (int a = 0; a < AXIS_COUNT; a++) {
        out_printf(stdout, "%-34s %s%s%s%s\n", class_axis_label[a],
                   *k[a].code ? out_line(line, sizeof line, k[a].label) : "-",
                   *k[a].date ? " (" : "", k[a].date, *k[a].date ? ")" : "");
        snprintf(head, sizeof head, "Motivering %s",
                 a == AXIS_WERKFIT ? "Werkfit"
                 : a == AXIS_TREDE ? "trede"
                                   : "indeling");
        if (*k[a].motivation)
            out_printf(stdout, "%-34s %s\n", head, out_line(line, sizeof line, k[a].motivation));
    }
    free(v);
    return 0;
}

int cmd_client(struct cli *c)
{
    const char *usage = "gebruik: klantvolg client edit KLANT-ID --VELD WAARDE ... | "
                        "client show KLANT-ID";
    int edit = c->a.nwords == 3 && strcmp(c->a.words[1], "edit") == 0;
    int show = c->a.nwords == 3 && strcmp(c->a.words[1], "show") == 0;
    if (!edit && !show) {
        out_printf(stderr, "klantvolg: %s\n", usage);
        return KV_EUSAGE;
    }
    if (cli_expect(c, OPT_DB | OPT_USER | OPT_PASSFD | (edit ? OPT_FIELDS : 0), 3, usage) != 0)
        return KV_EUSAGE;
    long client;
    if (cli_client_word(c->a.words[2], &client) != 0)
        return KV_EUSAGE;
    if (edit && c->a.nfields == 0) {
        out_printf(stderr, "klantvolg: geef minstens één veld, bijvoorbeeld --straat Dorpsstraat "
                           "(zie man klantvolg)\n");
        return KV_EUSAGE;
    }
    struct db *db;
    int rc = cli_open(c, 0, &db);
    if (rc != 0)
        return rc;
    rc = edit ? client_edit(c, db, client) : client_show(db, client);
    db_close(db);
    return rc;
}
