/* demo.c: `klantvolg --demo`: a demo database made on first use, opened at once.
 * It holds the demo team (a beheerder, a teamleider and five klantmanagers; every demo
 * account has the passphrase DEMO_PASS, printed at start) and their caseload, generated
 * by demogen.c from a fixed seed (--clients N for larger databases). --caseworkers M
 * (more than five) makes a municipality instead: teams of about ten klantmanagers, each
 * with a teamleider, Werk teams carrying 85 clients per full-time klantmanager and Meedoen
 * teams 200, the audits' backlog on one caseload in every other team. It opens as a
 * klantmanager (the main job); --user picks another demo account. */
#include "cli/cli.h"
#include "cli/demogen.h"
#include "host/env.h"
#include "host/out.h"
#include "core/date.h"
#include "storage/keys.h"
#include "storage/users.h"
#include "storage/login.h"
#include "tui/tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEMO_USER "demo"
#define DEMO_PASS "klantvolg-demo"
#define DEMO_CASEWORKER "km.bakker"
#define DEMO_TEAMLEIDER "tl.jansen"
#define DEMO_KWALITEIT "kw.visser" /* with --caseworkers: no team, sees every client */

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

/* The municipality of --caseworkers M: every account, and how each caseload is made. */
struct roster {
    struct new_user *users;
    size_t n_users;
    const char **caseworkers; /* the klantmanagers among users */
    struct demogen_caseload *loads;
    double *hours; /* per klantmanager */
    int n;
    char (*names)[2][32]; /* storage: name and display of each user */
    char (*teams)[32];
};

static void roster_free(struct roster *r)
{
    free(r->users);
    free(r->caseworkers);
    free(r->loads);
    free(r->hours);
    free(r->names);
    free(r->teams);
}

#define TEAM_SIZE 10

/* M klantmanagers in teams of about TEAM_SIZE: the demo's five first, in the first Werk
 * team under tl.jansen; one team in about five a Meedoen team (Berkelland: 40 % of the
 * clients are Meedoen at 200 per klantmanager against 85 for Werk and Perspectief, so a
 * fifth of the klantmanagers). Every fourth generated klantmanager works 28.8 hours (0.8
 * FTE) and gets a caseload to match. */
static int roster_make(int m, struct roster *r)
{
    int n_teams = m < TEAM_SIZE ? 1 : (m + TEAM_SIZE / 2) / TEAM_SIZE;
    memset(r, 0, sizeof *r);
    r->users = calloc((size_t)(m + n_teams + 1), sizeof *r->users);
    r->caseworkers = calloc((size_t)m, sizeof *r->caseworkers);
    r->loads = calloc((size_t)m, sizeof *r->loads);
    r->hours = calloc((size_t)m, sizeof *r->hours);
    r->names = calloc((size_t)(m + n_teams + 1), sizeof *r->names);
    r->teams = calloc((size_t)n_teams, sizeof *r->teams);
    if (!r->users || !r->caseworkers || !r->loads || !r->hours || !r->names || !r->teams)
        return -1;
    int werk = 0, meedoen = 0;
    for (int t = 0; t < n_teams; t++) {
        int is_meedoen = t % 9 == 4 || t % 9 == 8;
        int size = m / n_teams + (t < m % n_teams);
        snprintf(r->teams[t], sizeof r->teams[t], "%s %d", is_meedoen ? "Meedoen" : "Werk",
                 is_meedoen ? ++meedoen : ++werk);
        char(*u)[32] = r->names[r->n_users];
        if (t == 0)
            snprintf(u[0], 32, "%s", team[0].name), snprintf(u[1], 32, "%s", team[0].display);
        else
            snprintf(u[0], 32, "tl.%03d", t + 1), snprintf(u[1], 32, "Teamleider %s", r->teams[t]);
        r->users[r->n_users++] = (struct new_user){u[0], u[1], ROLE_TEAMLEIDER, r->teams[t]};
        for (int k = 0; k < size; k++) {
            int i = r->n;
            u = r->names[r->n_users];
            if (i + 1 < (int)(sizeof team / sizeof team[0]))
                snprintf(u[0], 32, "%s", team[i + 1].name),
                    snprintf(u[1], 32, "%s", team[i + 1].display);
            else
                snprintf(u[0], 32, "km.%03d", i + 1), snprintf(u[1], 32, "Klantmanager %d", i + 1);
            r->users[r->n_users++] = (struct new_user){u[0], u[1], ROLE_KLANTMANAGER, r->teams[t]};
            r->caseworkers[i] = u[0];
            r->hours[i] = i >= 5 && i % 4 == 3 ? 28.8 : 36;
            r->loads[i].mix = is_meedoen ? DEMOGEN_MEEDOEN : DEMOGEN_WERK;
            r->loads[i].share = (int)((is_meedoen ? 200 : 85) * r->hours[i] / 36 + 0.5);
            r->loads[i].backlog = t % 2 == 0 && k == 4 % size;
            r->n++;
        }
    }
    /* The municipality's view: management reports and pressure over every team. */
    r->users[r->n_users++] =
        (struct new_user){DEMO_KWALITEIT, "Kees Visser", ROLE_KWALITEITSMEDEWERKER, ""};
    return 0;
}

/* Without --caseworkers the team grows with the clients: the demo's five while they carry
 * them, else the smallest municipality (roster_make) whose caseloads at their norms hold
 * every client, so no caseload is far over its norm. */
static int team_for(int clients)
{
    for (int m = 6;; m++) {
        struct roster r;
        long room = 0;
        if (roster_make(m, &r) != 0) {
            roster_free(&r);
            return -1;
        }
        for (int i = 0; i < r.n; i++)
            room += r.loads[i].share;
        roster_free(&r);
        if (room >= clients || m >= clients)
            return m;
    }
}

#define DEMO_SEED 20261122ULL
#define DEMO_CLIENTS 350
#define DEMO_TEAM_ROOM (5 * 85 + 75) /* what the demo's own five carry (its 350 and more) */

/* The demo's fixed team of five, the teamleider over all. Its caseload is made as it
 * always was (every caseload with the audits' findings; the screen tests know its
 * clients by name and date): demogen's loads are for the municipality. */
static const char *const caseworkers[] = {"km.bakker", "km.yilmaz", "km.devries", "km.elamrani",
                                          "km.kowalski"};

/* Accounts with the cheapest key derivation libsodium allows beyond the demo's own seven:
 * a municipality's hundreds of accounts would take minutes at the interactive cost, and
 * every demo account's passphrase is printed anyway. */
static int add_users(struct db *db, const struct new_user *u, size_t n, const char *now,
                     struct kv_error *err)
{
    int rc = KV_OK;
    for (size_t i = 0; i < n && rc == KV_OK; i++) {
        int own = 0;
        for (size_t k = 0; k < sizeof team / sizeof team[0]; k++)
            own |= strcmp(u[i].name, team[k].name) == 0;
        rc = keys_user_add(db, &u[i], DEMO_PASS, strlen(DEMO_PASS),
                           own ? &KDF_DEFAULT : &KDF_TEST_MIN, now, err);
    }
    return rc;
}

static int set_hours(struct db *db, const struct roster *r, const char *now, struct kv_error *err)
{
    int rc = KV_OK;
    for (int i = 0; i < r->n && rc == KV_OK; i++)
        if (r->hours[i] != 36)
            rc = users_set_hours(db, r->caseworkers[i], r->hours[i], now, err);
    return rc;
}

static int make_demo(const char *path, const char *now, int clients, int n_cw, struct kv_error *err)
{
    struct roster r = {0};
    if (n_cw > 5 && roster_make(n_cw, &r) != 0) {
        roster_free(&r);
        return kv_error_nomem(err);
    }
    struct db *db;
    int rc = db_create(path, DEMO_USER, "Demo Beheerder", DEMO_PASS, strlen(DEMO_PASS),
                       &KDF_DEFAULT, now, NULL, err);
    if (rc == KV_OK)
        rc = db_open(path, DEMO_USER, DEMO_PASS, strlen(DEMO_PASS), 0, NULL, &db, err);
    if (rc != KV_OK) {
        roster_free(&r);
        return rc;
    }
    if (r.n > 0)
        rc = add_users(db, r.users, r.n_users, now, err);
    else
        rc = add_users(db, team, (size_t)(n_cw < 5 ? n_cw + 1 : 6), now, err);
    if (rc == KV_OK && r.n > 0)
        rc = set_hours(db, &r, now, err);
    long today;
    char day[11];
    snprintf(day, sizeof day, "%.10s", now); /* the date part of "YYYY-MM-DD hh:mm:ss" */
    struct demogen g = {DEMO_SEED,
                        date_parse(day, &today) ? today : 0,
                        now,
                        r.n ? r.caseworkers : caseworkers,
                        r.n ? r.n : (n_cw < 5 ? n_cw : 5),
                        clients,
                        r.n ? r.loads : NULL};
    if (rc == KV_OK)
        rc = demogen_run(db, &g, err);
    db_close(db);
    roster_free(&r);
    if (rc != KV_OK)
        unlink(path); /* no half-made demo left behind */
    return rc;
}

/* The first status line: how to look as the other roles (the title says who this is).
 * Each fits on one line of 80 columns. */
static void demo_greeting(struct cli *c)
{
    if (strcmp(c->user, DEMO_TEAMLEIDER) == 0)
        snprintf(c->greeting, sizeof c->greeting,
                 "Als klantmanager: klantvolg --demo   "
                 "als beheerder: klantvolg --demo --user %s",
                 DEMO_USER);
    else if (strcmp(c->user, DEMO_USER) == 0)
        snprintf(c->greeting, sizeof c->greeting,
                 "Als klantmanager: klantvolg --demo   "
                 "als teamleider: --user %s",
                 DEMO_TEAMLEIDER);
    else
        snprintf(c->greeting, sizeof c->greeting,
                 "Als teamleider: klantvolg --demo --user %s"
                 "   als beheerder: --user %s",
                 DEMO_TEAMLEIDER, DEMO_USER);
}

int cmd_demo(struct cli *c)
{
    struct kv_error err;
    char *path = demo_path(c);
    if (path == NULL)
        return KV_ERR;
    if (access(path, F_OK) != 0) {
        int clients = c->a.clients >= 0 ? c->a.clients : DEMO_CLIENTS;
        int n_cw = c->a.caseworkers >= 0       ? c->a.caseworkers
                   : clients <= DEMO_TEAM_ROOM ? 5
                                               : team_for(clients);
        if (n_cw < 1) {
            free(path);
            out_printf(stderr, "klantvolg: --caseworkers verwacht minstens 1 klantmanager\n");
            return KV_EUSAGE;
        }
        if (env_make_parent(path, &err) != KV_OK ||
            make_demo(path, c->now, clients, n_cw, &err) != KV_OK) {
            free(path);
            return cli_report(&err);
        }
    }
    /* The main job first: a klantmanager on her werkvoorraad, unless --user names
     * another demo account (the teamleider, the beheerder "demo"). */
    const char *user = c->a.user != NULL ? c->a.user : DEMO_CASEWORKER;
    out_printf(stdout,
               "Demodatabase: %s\nGebruiker: %s   wachtwoord: %s\n"
               "Alle demo-accounts hebben dit wachtwoord: 'klantvolg --db %s user list'.\n"
               "Als teamleider: klantvolg --demo --user %s   als beheerder: klantvolg --demo "
               "--user %s\n"
               "Signalen van een klantmanager: 'klantvolg --db %s --user %s reminders'.\n",
               path, user, DEMO_PASS, path, DEMO_TEAMLEIDER, DEMO_USER, path, DEMO_CASEWORKER);
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        free(path);
        return 0; /* made for a script: nothing to open a screen on */
    }
    free(c->db_path);
    c->db_path = path;
    snprintf(c->user, sizeof c->user, "%s", user);
    demo_greeting(c);
    /* Log in as the demo user without typing: the passphrase is printed anyway. */
    struct db *db;
    if (db_open(path, c->user, DEMO_PASS, strlen(DEMO_PASS), 0, NULL, &db, &err) != KV_OK)
        return cli_report(&err);
    return tui_main(db, c->greeting);
}
