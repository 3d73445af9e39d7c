/* cmd_export.c: `klantvolg export`: every dossier the user may see as JSON lines, one
 * client per line (format in klantvolg(5)); --client ID for one person (inzage), and
 * --format text for a document that person can read; --format research for the
 * anonymised export (research.h). */
#include "cli/cli.h"
#include "host/priv.h"
#include "doc/plan.h"
#include "cli/inzage.h"
#include "host/env.h"
#include "cli/json.h"
#include "host/out.h"
#include "cli/research.h"
#include "storage/access.h"
#include "storage/dossier.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <stdio.h>
#include <string.h>

static void begin_client(void *ctx)
{
    json_start(ctx, '{');
}

static void end_client(void *ctx)
{
    struct json_writer *w = ctx;
    json_close(w, '}');
    fputc('\n', w->f);
}

static void begin_array(void *ctx, const char *k)
{
    json_key(ctx, k);
    json_open(ctx, '[');
}

static void end_array(void *ctx)
{
    json_close(ctx, ']');
}

static void begin_object(void *ctx)
{
    json_sep(ctx);
    json_open(ctx, '{');
}

static void end_object(void *ctx)
{
    json_close(ctx, '}');
}

static void field(void *ctx, const char *k, sqlite3_value *v)
{
    json_key(ctx, k);
    json_sql_value(ctx, v);
}

static void code(void *ctx, const char *c)
{
    struct json_writer *w = ctx;
    json_sep(w);
    json_string(w->f, c);
}

static const struct dossier_visitor json_visitor = {
    begin_client, end_client, begin_array, end_array, begin_object, end_object, field, code,
};

int cmd_export(struct cli *c)
{
    struct kv_error err;
    enum cli_format fmt;
    if (c->a.format == NULL)
        c->a.format = "json"; /* the one format of a dossier */
    if (cli_expect(
            c, OPT_DB | OPT_USER | OPT_PASSFD | OPT_CLIENT | OPT_FORMAT | OPT_WAARNEMING | OPT_TO,
            1, "export neemt geen argumenten") != 0 ||
        cli_format(c, FMT_JSON | FMT_TEXT | FMT_RESEARCH | FMT_PLAN, &fmt) != 0)
        return KV_EUSAGE;
    if (fmt == FMT_PLAN && !(c->a.given & OPT_CLIENT)) {
        out_printf(stderr, "klantvolg: --format plan is het plan van aanpak van één klant: geef "
                           "--client ID\n");
        return KV_EUSAGE;
    }
    if (fmt == FMT_RESEARCH && (c->a.given & OPT_CLIENT)) {
        out_printf(stderr, "klantvolg: --format research gaat over alle klanten, niet over één "
                           "(--client)\n");
        return KV_EUSAGE;
    }
    long today;
    if (env_today(&today, &err) != KV_OK)
        return cli_report(&err);
    if ((c->a.given & OPT_WAARNEMING) && c->a.client <= 0) {
        out_printf(stderr, "klantvolg: --waarneming hoort bij --client ID: waarnemen doet u voor "
                           "één klant.\n");
        return KV_EUSAGE;
    }
    /* --to: the user's file, opened with her own ids before anything is read (priv.h). */
    FILE *out = stdout;
    if (c->a.to != NULL) {
        int fd = priv_open_user(c->a.to, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0600);
        if (fd < 0 || (out = fdopen(fd, "w")) == NULL) {
            out_printf(stderr, "klantvolg: kan %s niet schrijven: %s\n", c->a.to, strerror(errno));
            if (fd >= 0)
                close(fd);
            return KV_ERR;
        }
    }
    struct db *db;
    int rc = cli_open(c, 0, &db);
    if (rc != 0) {
        if (out != stdout)
            fclose(out);
        return rc;
    }
    if ((c->a.given & OPT_WAARNEMING) &&
        access_waarneming(db, c->a.client, c->a.waarneming, &err) != KV_OK) {
        db_close(db);
        if (out != stdout)
            fclose(out);
        return cli_report(&err);
    }
    struct json_writer w = {out, 0, {1}};
    long client = c->a.client > 0 ? c->a.client : 0;
    struct inzage z = {out, db->user, c->now, client != 0, 0, {0}, 0};
    if (fmt == FMT_PLAN) {
        rc = plan_write(db, client, today, out, &err);
    } else if (fmt == FMT_TEXT) {
        rc = dossier_export(db, client, "text", &inzage_visitor, &z, &err);
    } else if (fmt == FMT_RESEARCH) {
        /* For research on the whole caseload: a team-wide role. */
        struct research r = {{out, 0, {1}}, today, {{0}}, 0, 0, 0};
        rc = access_sees_all(db)
                 ? dossier_export(db, 0, "research", &research_visitor, &r, &err)
                 : kv_error_set(&err, KV_EAUTH, "research export for team-wide roles",
                                "De export voor onderzoek is voor een teamleider of "
                                "kwaliteitsmedewerker.");
    } else {
        rc = dossier_export(db, client, "json", &json_visitor, &w, &err);
    }
    db_close(db);
    int bad = fflush(out) != 0 || ferror(out) || (out != stdout && fsync(fileno(out)) != 0);
    if (out != stdout && fclose(out) != 0)
        bad = 1;
    if (rc != KV_OK)
        return cli_report(&err);
    if (bad) {
        out_printf(stderr, "klantvolg: de uitvoer kon niet worden geschreven.\n");
        return KV_ERR;
    }
    return 0;
}
