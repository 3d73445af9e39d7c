/* bench_screens.c: what the screens do at a municipality's size, without curses: the same
 * load and compute functions the pressure screen (tui/view_pressure.c) and the werkvoorraad
 * (tui/view_caseload.c) call, timed against a bare read of the rows they read, in the same
 * run. The database is a demo made by `klantvolg --demo --clients N --caseworkers M`
 * (passphrase klantvolg-demo). Reported per step: milliseconds (best of 3), the ratio to
 * the bare read, and the screen's target; beside the wall clock, the process's CPU time,
 * which a shared machine's other load disturbs far less (what the step costs, not what
 * it waited). Key derivation (opening) is timed apart.
 *   bench_screens --db DEMO.db [--all kw.visser] [--team tl.jansen] */
#include "core/casefilter.h"
#include "core/date.h"
#include "core/pressure.h"
#include "crypto/keyslot.h"
#include "storage/caseload.h"
#include "storage/figures_summary.h"
#include "storage/search.h"
#include "storage/users.h"
#include "storage/login.h"

#include "bench/bare_read.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PASS "klantvolg-demo"
#define ROUNDS 3

static double clock_ms(clockid_t id)
{
    struct timespec t;
    clock_gettime(id, &t);
    return (double)t.tv_sec * 1000.0 + (double)t.tv_nsec / 1e6;
}

static double now_ms(void)
{
    return clock_ms(CLOCK_MONOTONIC);
}
static double cpu_ms(void)
{
    return clock_ms(CLOCK_PROCESS_CPUTIME_ID);
}

static void die(const char *what, const struct kv_error *err)
{
    fprintf(stderr, "bench_screens: %s: %s (%s)\n", what, err->msg, err->detail);
    exit(1);
}

/* The rows a caseload load reads, stepped through and dropped: the floor for a screen
 * that shows every client with its signals. */
static long bare_read(struct db *db)
{
    static const char *const sql[] = {
        "SELECT id, first_name, last_name, bsn, status, applied_on, benefit_start, "
        "contact_verified_on, vrijstelling_until FROM clients",
        "SELECT client_id, user_id, role_in_case, from_date, to_date FROM assignments",
        "SELECT client_id, date, code FROM classifications",
        "SELECT client_id, code FROM client_doelgroepen",
        "SELECT client_id, id, date, uitstroomdoel FROM intakes",
        "SELECT client_id, id, date, demands_applications FROM plans",
        "SELECT client_id, id, deadline, status, specifiek, meetbaar, acceptabel, realistisch, "
        "tijdgebonden FROM goals",
        "SELECT i.client_id, i.id, c.name, i.start, i.planned_end, i.actual_end, c.max_days "
        "FROM client_instruments i JOIN instrument_catalogue c ON c.id = i.catalogue_id",
        "SELECT client_id, id, date FROM contacts",
        "SELECT client_id, id, date, contract_end, reason, route FROM outflows",
        "SELECT client_id, id, start, end, consent, frequency_days FROM nazorg",
        "SELECT outflow_id, months, date FROM followups",
        "SELECT client_id, id, due, done_on, text FROM reminders"};
    return bare_read_rows(db->sql, sql, sizeof sql / sizeof sql[0]);
}

/* The pressure screen opening: view_pressure.c's load() and compute() (from the
 * per-client summary, figures_summary_load); how 1: with the whole case files
 * (caseload_load, what it read before the figures' own load); 2: the figures' narrow load
 * (caseload_load_figures, what it read before the summary). */
static size_t pressure_open(struct db *db, long today, int how)
{
    struct kv_error err;
    struct caseload *cl = NULL;
    struct caseworker_metrics *m = NULL;
    struct pressure_norms norms = {0};
    struct user_rec *users = NULL;
    struct pressure_row *rows = NULL;
    size_t nm = 0, nusers = 0, n = 0;
    if ((how == 1   ? caseload_load(db, SCOPE_ALL, &cl, &err)
         : how == 2 ? caseload_load_figures(db, SCOPE_ALL, &cl, &err)
                    : figures_summary_load(db, &cl, &err)) != KV_OK ||
        caseload_metrics(db, cl, today, &m, &nm, &err) != KV_OK ||
        config_norms(db, &norms, &err) != KV_OK || users_list(db, &users, &nusers, &err) != KV_OK)
        die("pressure", &err);
    struct users_index idx = {users, nusers};
    struct pressure_people who = users_pressure_people(&idx);
    if (pressure_rows(m, nm - 1, &who, &norms, 0, &rows, &n) != 0)
        exit(1);
    size_t clients = cl->n;
    free(rows);
    free(users);
    config_norms_free(&norms);
    free(m);
    caseload_free(cl);
    return clients;
}

/* The werkvoorraad of the team opening: view_caseload_new's load (the per-client summary,
 * as the pressure screen's; the rows' summaries from the signals are a pass over memory).
 * *cl_out keeps the caseload for the keypress. */
static size_t werkvoorraad_open(struct db *db, long today, struct caseload **cl_out)
{
    struct kv_error err;
    struct caseload *cl = NULL;
    struct signal_list sig = {0};
    size_t *first = NULL;
    if (figures_summary_load(db, &cl, &err) != KV_OK ||
        caseload_signals(db, cl, today, &sig, &first, &err) != KV_OK)
        die("werkvoorraad", &err);
    size_t n = cl->n;
    free(first);
    signals_free(&sig);
    if (cl_out)
        *cl_out = cl;
    else
        caseload_free(cl);
    return n;
}

/* After a save in one client's file: that client read again with its signals. */
static void reload_one(struct db *db, long client, long today)
{
    struct kv_error err;
    struct caseload *cl = NULL;
    struct signal_list sig = {0};
    size_t *first = NULL;
    if (caseload_load_client(db, client, &cl, &err) != KV_OK ||
        caseload_signals(db, cl, today, &sig, &first, &err) != KV_OK)
        die("reload one client", &err);
    free(first);
    signals_free(&sig);
    caseload_free(cl);
}

/* A keypress in the list's search: the search index for the text so far, then the filter
 * over every row (view_caseload.c's filter_rows). */
static size_t keypress(struct db *db, const struct caseload *cl, const char *text)
{
    struct kv_error err;
    long *ids = NULL;
    size_t n = 0, shown = 0;
    struct casefilter only;
    memset(&only, 0, sizeof only);
    if (search_clients(db, text, &ids, &n, &err) != KV_OK)
        die("search", &err);
    for (size_t i = 0, k = 0; i < cl->n; i++) {
        while (k < n && ids[k] < cl->clients[i].id)
            k++;
        if (k < n && ids[k] == cl->clients[i].id &&
            casefilter_match(&only, db->user, cl->clients[i].caseworker,
                             cl->clients[i].classification, cl->clients[i].doelgroepen, 0))
            shown++;
    }
    free(ids);
    return shown;
}

struct step {
    const char *name;
    const char *target;
    double best, best_cpu;
    double limit; /* ms; 0: none */
};

static struct db *open_as(const char *path, const char *user, double *ms)
{
    struct kv_error err;
    struct db *db;
    double t = now_ms();
    if (db_open(path, user, PASS, strlen(PASS), 0, NULL, &db, &err) != KV_OK)
        die(user, &err);
    *ms = now_ms() - t;
    return db;
}

static double start_cpu;

static double start(void)
{
    start_cpu = cpu_ms();
    return now_ms();
}

static void take(struct step *s, double t0)
{
    double d = now_ms() - t0, c = cpu_ms() - start_cpu;
    if (d < s->best)
        s->best = d;
    if (c < s->best_cpu)
        s->best_cpu = c;
}

/* The pressure screen after a save in one client's file (view_pressure.c's reload_client):
 * that client's figures patched into the municipality's, not everything read again. */
static void pressure_reload_one(struct db *db, long client, long today, struct step *s)
{
    struct kv_error err;
    struct caseload *cl = NULL, *kept = NULL;
    struct caseworker_metrics *m = NULL;
    size_t nm = 0;
    int unassigned = 0;
    if (caseload_load_figures(db, SCOPE_ALL, &cl, &err) != KV_OK ||
        caseload_metrics(db, cl, today, &m, &nm, &err) != KV_OK)
        die("pressure", &err);
    size_t ncw = pressure_take_unassigned(m, nm - 1, &unassigned);
    double t = start();
    if (caseload_patch(db, cl, client, today, m, ncw, &unassigned, &kept, &err) != KV_OK)
        die("pressure reload one client", &err);
    take(s, t);
    caseload_free(kept);
    free(m);
    caseload_free(cl);
}

int main(int argc, char **argv)
{
    const char *path = NULL, *all_user = "kw.visser", *team_user = "tl.jansen";
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--db") == 0)
            path = argv[i + 1];
        else if (strcmp(argv[i], "--all") == 0)
            all_user = argv[i + 1];
        else if (strcmp(argv[i], "--team") == 0)
            team_user = argv[i + 1];
    }
    if (path == NULL || sodium_init() < 0) {
        fprintf(stderr, "usage: bench_screens --db DEMO.db [--all USER] [--team USER]\n");
        return 2;
    }
    long today = date_days(2026, 3, 1);
    double kdf_all, kdf_team;
    struct db *all = open_as(path, all_user, &kdf_all);
    struct db *team = open_as(path, team_user, &kdf_team);
    struct step s[] = {
        {"bare read of the same rows", "", 1e99, 1e99, 0},
        {"pressure screen (all)", "200 ms", 1e99, 1e99, 200},
        {"pressure, full case files", "", 1e99, 1e99, 0},
        {"pressure, narrow load", "", 1e99, 1e99, 0},
        {"werkvoorraad, municipality", "500 ms", 1e99, 1e99, 500},
        {"werkvoorraad, one team", "500 ms", 1e99, 1e99, 500},
        {"reload after a save (1 client)", "16 ms", 1e99, 1e99, 16},
        {"keypress: search 'jan' (all)", "16 ms", 1e99, 1e99, 16},
        {"pressure: reload after a save", "16 ms", 1e99, 1e99, 16},
    };
    size_t n_all = 0, n_team = 0, n_shown = 0;
    long rows = 0, client = 0;
    for (int round = 0; round < ROUNDS; round++) {
        double t = start();
        rows = bare_read(all);
        take(&s[0], t);
        t = start();
        n_all = pressure_open(all, today, 0);
        take(&s[1], t);
        t = start();
        pressure_open(all, today, 1);
        take(&s[2], t);
        t = start();
        pressure_open(all, today, 2);
        take(&s[3], t);
        struct caseload *cl = NULL;
        t = start();
        werkvoorraad_open(all, today, &cl);
        take(&s[4], t);
        t = start();
        n_team = werkvoorraad_open(team, today, NULL);
        take(&s[5], t);
        client = cl->n ? cl->clients[cl->n / 2].id : 0;
        t = start();
        reload_one(all, client, today);
        take(&s[6], t);
        t = start();
        n_shown = keypress(all, cl, "jan");
        take(&s[7], t);
        pressure_reload_one(all, client, today, &s[8]);
        caseload_free(cl);
    }
    printf("Screens on %zu clients (%ld rows read); %s's team: %zu clients; best of %d\n", n_all,
           rows, team_user, n_team, ROUNDS);
    printf("key derivation apart: opening as %s %.0f ms, as %s %.0f ms; search 'jan': %zu rows\n\n",
           all_user, kdf_all, team_user, kdf_team, n_shown);
    printf("%-32s %9s %7s %9s %7s %7s  %s\n", "step", "wall ms", "ratio", "cpu ms", "ratio",
           "target", "(on cpu time)");
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
        printf("%-32s %9.1f %6.2fx %9.1f %6.2fx %7s  %s\n", s[i].name, s[i].best,
               s[i].best / s[0].best, s[i].best_cpu, s[i].best_cpu / s[0].best_cpu, s[i].target,
               s[i].limit == 0               ? ""
               : s[i].best_cpu <= s[i].limit ? "met"
                                             : "NOT met");
    db_close(team);
    db_close(all);
    return 0;
}
