/* cmd_offline.c: `klantvolg checkout` and `klantvolg checkin`: a caseload taken along on
 * a laptop and brought back (storage/offline.h). Conflicts are asked field by field on a
 * terminal, or decided by --resolve. */
#include "cli/cli.h"
#include "host/priv.h"
#include "host/out.h"
#include "host/prompt.h"
#include "storage/keys.h"
#include "storage/offline.h"
#include "storage/login.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int checkout_list(struct db *db)
{
    struct kv_error err;
    struct checkout_row *r;
    size_t n;
    if (offline_list(db, &r, &n, &err) != KV_OK)
        return cli_report(&err);
    out_printf(stdout, "%4s  %-14s %-16s %-12s %7s  %s\n", "NR", "GEBRUIKER", "SINDS", "STAND",
               "KLANTEN", "BESTAND");
    for (size_t i = 0; i < n; i++) {
        char path[1024]; /* a path may hold a newline too: one line per checkout */
        out_printf(stdout, "%4ld  %-14s %-16.16s %-12s %7ld  %s%s%.16s\n", r[i].id, r[i].user,
                   r[i].since, r[i].state, r[i].clients, out_line(path, sizeof path, r[i].path),
                   *r[i].done_at ? "  tot " : "", r[i].done_at);
    }
    size_t out = 0;
    for (size_t i = 0; i < n; i++)
        out += strcmp(r[i].state, "uit") == 0;
    out_printf(stdout, "%zu uitchecks, waarvan %zu nu uit\n", n, out);
    free(r);
    return 0;
}

/* The copy leaves the building: its slot gets at least Argon2id's moderate cost, under
 * the passphrase the user just gave. */
static int harden_copy(struct cli *c, const char *path, const struct pass *p, struct kv_error *err)
{
    struct db *cp;
    int rc = db_open(path, c->user, p->buf, p->len, 0, NULL, &cp, err);
    if (rc == KV_OK)
        rc = keys_raise_cost(cp, p->buf, p->len, &KDF_OFFLINE, err);
    db_close(cp);
    return rc;
}

/* Open the server database, keeping the passphrase for the copy's slot. */
static int open_keeping_pass(struct cli *c, struct pass *p, struct db **db)
{
    struct kv_error err;
    char prompt[600];
    snprintf(prompt, sizeof prompt, "Wachtwoord voor %s (%s): ", c->user, c->db_path);
    if (prompt_passphrase(prompt, c->a.passfd, p, &err) != KV_OK)
        return cli_report(&err);
    if (db_open(c->db_path, c->user, p->buf, p->len, 0, NULL, db, &err) != KV_OK) {
        pass_free(p);
        return cli_report(&err);
    }
    return 0;
}

/* The copy is made, and hardened, where the database is when this is the served one, then
 * handed to the user's file with her own ids (priv.h). */
static int checkout_to(struct cli *c, struct db *db, const struct pass *p, long *id, long *clients,
                       struct kv_error *err)
{
    char *spool = priv_active() ? priv_spool_path(c->db_path) : NULL;
    if (priv_active() && spool == NULL)
        return kv_error_nomem(err);
    const char *dest = spool ? spool : c->a.to;
    int rc = offline_checkout(db, dest, c->now, id, clients, err);
    if (rc == KV_OK)
        rc = harden_copy(c, dest, p, err);
    if (rc == KV_OK && spool != NULL)
        rc = priv_deliver(spool, c->a.to, 0, err);
    else if (rc != KV_OK && spool != NULL)
        unlink(spool);
    free(spool);
    return rc;
}

int cmd_checkout(struct cli *c)
{
    struct kv_error err;
    const char *what = c->a.nwords >= 2 ? c->a.words[1] : "";
    int list = strcmp(what, "list") == 0, revoke = strcmp(what, "revoke") == 0;
    if (cli_expect(c, OPT_DB | OPT_USER | OPT_PASSFD | (list || revoke ? 0 : OPT_TO),
                   list     ? 2
                   : revoke ? 3
                            : 1,
                   "gebruik: klantvolg checkout --to BESTAND | "
                   "checkout list | checkout revoke NR") != 0)
        return KV_EUSAGE;
    long id = 0, clients = 0;
    if (revoke && cli_client_word(c->a.words[2], &id) != 0)
        return KV_EUSAGE;
    if (!list && !revoke && c->a.to == NULL) {
        out_printf(stderr, "klantvolg: checkout heeft --to BESTAND nodig: waar de kopie komt\n");
        return KV_EUSAGE;
    }
    struct db *db;
    struct pass p = {0};
    int rc = list || revoke ? cli_open(c, 0, &db) : open_keeping_pass(c, &p, &db);
    if (rc != 0)
        return rc;
    if (list) {
        rc = checkout_list(db);
    } else if (revoke) {
        rc = offline_revoke(db, id, c->now, &err) == KV_OK ? 0 : cli_report(&err);
        if (rc == 0)
            out_printf(stdout,
                       "Uitcheck %ld is ingetrokken: wijzigingen uit die kopie worden geweigerd.\n",
                       id);
    } else if (checkout_to(c, db, &p, &id, &clients, &err) != KV_OK) {
        rc = cli_report(&err);
    } else {
        out_printf(stdout,
                   "Werkvoorraad van %s (%ld klanten) uitgecheckt naar %s (uitcheck %ld).\n"
                   "Open de kopie met: klantvolg --db %s\n"
                   "Breng hem terug met: klantvolg checkin %s\n",
                   db->user, clients, c->a.to, id, c->a.to, c->a.to);
    }
    if (p.buf != NULL)
        pass_free(&p);
    db_close(db);
    return rc;
}

/* ---- checkin ---------------------------------------------------------------------------- */

struct resolver {
    enum resolution policy; /* --resolve, or RES_NONE */
    int ask;                /* a terminal to ask on */
};

static void show(const struct conflict *k)
{
    out_printf(stderr,
               "Conflict: %s %ld (klant %ld), veld %s\n  bij het uitchecken: %s\n"
               "  in de kopie:        %s\n  op de server:       %s\n",
               k->table, k->id, k->client, k->field, k->base, k->mine, k->theirs);
}

static int ask(struct conflict *k, void *ctx)
{
    struct resolver *r = ctx;
    k->choice = r->policy;
    if (k->choice == RES_MERGE && !k->is_text)
        k->choice = RES_NONE; /* only text merges */
    if (k->choice != RES_NONE)
        return 0;
    show(k);
    if (!r->ask)
        return 0;
    for (;;) {
        out_printf(stderr, "Kies: (m) mijn waarde, (s) die van de server%s, (q) stoppen: ",
                   k->is_text ? ", (b) beide samenvoegen" : "");
        char line[16];
        if (fgets(line, sizeof line, stdin) == NULL)
            return 1;
        switch (line[0]) {
        case 'm':
            k->choice = RES_MINE;
            return 0;
        case 's':
            k->choice = RES_THEIRS;
            return 0;
        case 'b':
            if (k->is_text) {
                k->choice = RES_MERGE;
                return 0;
            }
            break;
        case 'q':
            return 1;
        }
    }
}

static int resolve_option(const char *v, enum resolution *out)
{
    static const struct {
        const char *name;
        enum resolution r;
    } names[] = {{"mine", RES_MINE}, {"theirs", RES_THEIRS}, {"merge", RES_MERGE}};
    *out = RES_NONE;
    if (v == NULL)
        return 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(v, names[i].name) == 0) {
            *out = names[i].r;
            return 0;
        }
    out_printf(stderr, "klantvolg: --resolve kent mine, theirs en merge, niet '%s'\n", v);
    return KV_EUSAGE;
}

/* Both files with one passphrase; the copy asks again on a terminal when it differs
 * (a passphrase changed on one side since the checkout). */
static int open_both(struct cli *c, const char *copy_path, struct db **server, struct db **copy,
                     struct kv_error *err)
{
    struct pass p;
    char prompt[600];
    snprintf(prompt, sizeof prompt, "Wachtwoord voor %s (%s): ", c->user, c->db_path);
    int rc = prompt_passphrase(prompt, c->a.passfd, &p, err);
    if (rc != KV_OK)
        return rc;
    rc = db_open(c->db_path, c->user, p.buf, p.len, 0, NULL, server, err);
    if (rc == KV_OK)
        rc = db_open(copy_path, c->user, p.buf, p.len, 0, NULL, copy, err);
    pass_free(&p);
    if (rc == KV_EAUTH && *server != NULL && c->a.passfd < 0) {
        snprintf(prompt, sizeof prompt, "Wachtwoord van de kopie (%s): ", copy_path);
        if ((rc = prompt_passphrase(prompt, -1, &p, err)) == KV_OK) {
            rc = db_open(copy_path, c->user, p.buf, p.len, 0, NULL, copy, err);
            pass_free(&p);
        }
    }
    return rc;
}

int cmd_checkin(struct cli *c)
{
    struct kv_error err;
    struct resolver r = {RES_NONE, 0};
    if (cli_expect(c, OPT_DB | OPT_USER | OPT_PASSFD | OPT_RESOLVE, 2,
                   "gebruik: klantvolg checkin BESTAND [--resolve mine|theirs|merge]") != 0 ||
        resolve_option(c->a.resolve, &r.policy) != 0)
        return KV_EUSAGE;
    if (access(c->a.words[1], F_OK) != 0) {
        out_printf(stderr, "klantvolg: %s bestaat niet\n", c->a.words[1]);
        return KV_ERR;
    }
    r.ask = isatty(STDIN_FILENO) && c->a.passfd != STDIN_FILENO;
    struct db *server = NULL, *copy = NULL;
    struct checkin_result res;
    int rc = open_both(c, c->a.words[1], &server, &copy, &err);
    if (rc == KV_OK)
        rc = offline_checkin(server, copy, ask, &r, c->now, &res, &err);
    db_close(copy);
    db_close(server);
    if (rc == KV_ECONFLICT) {
        cli_report(&err);
        out_printf(stderr, "klantvolg: beslis met --resolve mine|theirs|merge, of op een terminal; "
                           "de kopie is onveranderd.\n");
        return KV_ERR;
    }
    if (rc != KV_OK)
        return cli_report(&err);
    if (res.already)
        out_printf(stdout, "%s is al ingecheckt; er is niets nieuws.\n", c->a.words[1]);
    else
        out_printf(stdout, "Ingecheckt: %ld %s, %ld %s gewijzigd, %ld nieuw, %ld %s beslist.\n",
                   res.changesets, res.changesets == 1 ? "transactie" : "transacties", res.applied,
                   res.applied == 1 ? "record" : "records", res.inserted, res.conflicts,
                   res.conflicts == 1 ? "conflict" : "conflicten");
    return 0;
}
