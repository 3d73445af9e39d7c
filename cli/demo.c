/* demo.c: `klantvolg --demo`: a demo database made on first use, opened at once.
 * It holds the demo team (a beheerder, a teamleider and five klantmanagers; every demo
 * account has the passphrase DEMO_PASS, printed at start) and their caseload, generated
 * by demogen.c from a fixed seed (--clients N for larger databases). It opens as a
 * klantmanager (the main job); --user picks another demo account. */
#include "cli/cli.h"
#include "cli/demogen.h"
#include "cli/env.h"
#include "cli/out.h"
#include "core/date.h"
#include "storage/keys.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEMO_USER "demo"
#define DEMO_PASS "klantvolg-demo"
#define DEMO_CASEWORKER "km.bakker"
#define DEMO_TEAMLEIDER "tl.jansen"

/* The klantmanagers' team is their cluster; the teamleider has none of her own, so she
 * oversees all three (access.h: a team-wide role without a team sees every client). */
static const struct new_user team[] = {
    {"tl.jansen", "Marieke Jansen", ROLE_TEAMLEIDER, ""},
    {"km.bakker", "Sanne Bakker", ROLE_KLANTMANAGER, "Werk"},
    {"km.yilmaz", "Emre Yılmaz", ROLE_KLANTMANAGER, "Werk"},
    {"km.devries", "Joost de Vries", ROLE_KLANTMANAGER, "Werk"},
    {"km.elamrani", "Fatima El Amrani", ROLE_KLANTMANAGER, "Perspectief"},
    {"km.kowalski", "Łukasz Kowalski", ROLE_KLANTMANAGER, "Meedoen"},
};

static char *demo_path(const struct cli *c)
{
    if (c->a.db != NULL)
        return strdup(c->a.db);
    char *def = env_db_path(NULL);
    if (def == NULL)
        return NULL;
    char *slash = strrchr(def, '/');
    size_t n = strlen(def) + 16;
    char *p = malloc(n);
    if (p != NULL)
        snprintf(p, n, "%.*sdemo.db", slash ? (int)(slash - def + 1) : 0, def);
    free(def);
    return p;
}

#define DEMO_SEED 20261122ULL
#define DEMO_CLIENTS 350

static int make_demo(const char *path, const char *now, int clients, struct kv_error *err)
{
    struct db *db;
    int rc = db_create(path, DEMO_USER, "Demo Beheerder", DEMO_PASS, strlen(DEMO_PASS),
                       &KDF_DEFAULT, now, NULL, err);
    if (rc != KV_OK)
        return rc;
    if ((rc = db_open(path, DEMO_USER, DEMO_PASS, strlen(DEMO_PASS), 0, &db, err)) != KV_OK)
        return rc;
    for (size_t i = 0; i < sizeof team / sizeof team[0] && rc == KV_OK; i++)
        rc = keys_user_add(db, &team[i], DEMO_PASS, strlen(DEMO_PASS), &KDF_DEFAULT, now, err);
    static const char *const caseworkers[] = {"km.bakker", "km.yilmaz", "km.devries",
                                              "km.elamrani", "km.kowalski"};
    long today;
    char day[11];
    snprintf(day, sizeof day, "%.10s", now); /* the date part of "YYYY-MM-DD hh:mm:ss" */
    struct demogen g = {DEMO_SEED, date_parse(day, &today) ? today : 0, now, caseworkers, 5,
                        clients};
    if (rc == KV_OK)
        rc = demogen_run(db, &g, err);
    db_close(db);
    if (rc != KV_OK)
        unlink(path); /* no half-made demo left behind */
    return rc;
}

/* The first status line: how to look as the other roles (the title says who this is).
 * Each fits on one line of 80 columns. */
static void demo_greeting(struct cli *c)
{
    if (strcmp(c->user, DEMO_TEAMLEIDER) == 0)
        snprintf(c->greeting, sizeof c->greeting, "Als klantmanager: klantvolg --demo   "
                 "als beheerder: klantvolg --demo --user %s", DEMO_USER);
    else if (strcmp(c->user, DEMO_USER) == 0)
        snprintf(c->greeting, sizeof c->greeting, "Als klantmanager: klantvolg --demo   "
                 "als teamleider: --user %s", DEMO_TEAMLEIDER);
    else
        snprintf(c->greeting, sizeof c->greeting, "Als teamleider: klantvolg --demo --user %s"
                 "   als beheerder: --user %s", DEMO_TEAMLEIDER, DEMO_USER);
}

int cmd_demo(struct cli *c)
{
    struct kv_error err;
    char *path = demo_path(c);
    if (path == NULL)
        return KV_ERR;
    if (access(path, F_OK) != 0) {
        int clients = c->a.clients >= 0 ? c->a.clients : DEMO_CLIENTS;
        if (env_make_parent(path, &err) != KV_OK || make_demo(path, c->now, clients, &err) != KV_OK) {
            free(path);
            return cli_report(&err);
        }
    }
    /* The main job first: a klantmanager on her werkvoorraad, unless --user names
     * another demo account (the teamleider, the beheerder "demo"). */
    const char *user = c->a.user != NULL ? c->a.user : DEMO_CASEWORKER;
    out_printf(stdout, "Demodatabase: %s\nGebruiker: %s   wachtwoord: %s\n"
           "Alle demo-accounts hebben dit wachtwoord: 'klantvolg --db %s user list'.\n"
           "Als teamleider: klantvolg --demo --user %s   als beheerder: klantvolg --demo "
           "--user %s\n"
           "Signalen van een klantmanager: 'klantvolg --db %s --user %s reminders'.\n",
           path, user, DEMO_PASS, path, DEMO_TEAMLEIDER, DEMO_USER, path, DEMO_CASEWORKER);
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        free(path);
        return 0; /* made for a script: nothing to open a screen on */
    }
    int fds[2];
    if (pipe(fds) != 0) {
        free(path);
        return KV_ERR;
    }
    /* Log in as the demo user without typing: the passphrase is printed anyway. */
    if (write(fds[1], DEMO_PASS "\n", sizeof DEMO_PASS) < 0) {
        /* the read below reports the missing passphrase */
    }
    close(fds[1]);
    free(c->db_path);
    c->db_path = path;
    snprintf(c->user, sizeof c->user, "%s", user);
    demo_greeting(c);
    c->a.passfd = fds[0];
    int rc = tui_main(c);
    close(fds[0]);
    return rc;
}
