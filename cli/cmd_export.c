/* cmd_export.c: `klantvolg export`: every dossier the user may see as JSON lines, one
 * client per line (format in klantvolg(5)); --client ID for one person (inzage), and
 * --format text for a document that person can read. */
#include "cli/cli.h"
#include "cli/inzage.h"
#include "cli/json.h"
#include "storage/access.h"
#include "storage/dossier.h"

#include <stdio.h>
#include <string.h>

#define MAX_DEPTH 16

struct writer {
    FILE *f;
    int depth;
    int first[MAX_DEPTH]; /* nothing written yet at this level */
    long clients;
};

static void sep(struct writer *w)
{
    if (!w->first[w->depth])
        fputc(',', w->f);
    w->first[w->depth] = 0;
}

static void push(struct writer *w, char open)
{
    fputc(open, w->f);
    if (w->depth + 1 < MAX_DEPTH)
        w->depth++;
    w->first[w->depth] = 1;
}

static void pop(struct writer *w, char close)
{
    fputc(close, w->f);
    if (w->depth > 0)
        w->depth--;
}

static void key(struct writer *w, const char *k)
{
    sep(w);
    json_string(w->f, k);
    fputc(':', w->f);
}

static void begin_client(void *ctx)
{
    struct writer *w = ctx;
    w->depth = 0;
    w->first[0] = 1;
    push(w, '{');
}

static void end_client(void *ctx)
{
    struct writer *w = ctx;
    pop(w, '}');
    fputc('\n', w->f);
    w->clients++;
}

static void begin_array(void *ctx, const char *k)
{
    key(ctx, k);
    push(ctx, '[');
}

static void end_array(void *ctx)
{
    pop(ctx, ']');
}

static void begin_object(void *ctx)
{
    sep(ctx);
    push(ctx, '{');
}

static void end_object(void *ctx)
{
    pop(ctx, '}');
}

static void field(void *ctx, const char *k, sqlite3_value *v)
{
    struct writer *w = ctx;
    key(w, k);
    switch (sqlite3_value_type(v)) {
    case SQLITE_NULL:
        fputs("null", w->f);
        break;
    case SQLITE_INTEGER:
        fprintf(w->f, "%lld", (long long)sqlite3_value_int64(v));
        break;
    default:
        json_string(w->f, (const char *)sqlite3_value_text(v));
    }
}

static void code(void *ctx, const char *c)
{
    struct writer *w = ctx;
    sep(w);
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
    if (cli_expect(c, OPT_DB | OPT_USER | OPT_PASSFD | OPT_CLIENT | OPT_FORMAT | OPT_WAARNEMING, 1,
                   "export neemt geen argumenten") != 0 ||
        cli_format(c, FMT_JSON | FMT_TEXT, &fmt) != 0)
        return KV_EUSAGE;
    if ((c->a.given & OPT_WAARNEMING) && c->a.client <= 0) {
        fprintf(stderr, "klantvolg: --waarneming hoort bij --client ID: waarnemen doet u voor "
                        "één klant.\n");
        return KV_EUSAGE;
    }
    struct db *db;
    int rc = cli_open(c, 0, &db);
    if (rc != 0)
        return rc;
    if ((c->a.given & OPT_WAARNEMING) &&
        access_waarneming(db, c->a.client, c->a.waarneming, &err) != KV_OK) {
        db_close(db);
        return cli_report(&err);
    }
    struct writer w = {stdout, 0, {1}, 0};
    long client = c->a.client > 0 ? c->a.client : 0;
    struct inzage z = {stdout, db->user, c->now, client != 0, 0, {0}, 0};
    if (fmt == FMT_TEXT) {
        rc = dossier_export(db, client, "text", &inzage_visitor, &z, &err);
    } else {
        rc = dossier_export(db, client, "json", &json_visitor, &w, &err);
    }
    db_close(db);
    if (rc != KV_OK)
        return cli_report(&err);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "klantvolg: de uitvoer kon niet worden geschreven.\n");
        return KV_ERR;
    }
    return 0;
}
