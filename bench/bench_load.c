/* bench_load.c: many caseworkers at once on one encrypted file, as on the shared server.
 * N processes log in as the demo's klantmanagers and, until the time is up, open clients
 * (the open logged, then a dossier read), log contacts and save goals (short write transactions), and run their
 * reminders (the whole caseload with signals). Reported: operations and saves per second,
 * the save latency (begin to commit, waiting for the lock included) at p50 and p99, every
 * error a user would have seen, and whether every save that said "saved" is in the file.
 * The baseline is the same mix in one process, measured first in the same run.
 * --think MS pauses a random 0..2*MS between operations (a person reads and types); 0 is
 * a stress test with no pause at all.
 *   bench_load --db DEMO.db [--procs 30] [--seconds 60] [--think 0]
 * The database is a demo made by `klantvolg --demo` (passphrase klantvolg-demo). */
#include "core/date.h"
#include "crypto/keyslot.h"
#include "storage/access.h"
#include "storage/caseload.h"
#include "storage/client_rows.h"
#include "storage/dossier.h"
#include "storage/records.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PASS "klantvolg-demo"
#define MAX_SAVES 200000

static const char *const users[] = {"km.bakker", "km.devries", "km.elamrani", "km.kowalski",
                                    "km.yilmaz"};

struct result {            /* what one process reports, through a file */
    long ops, saves, errors, contacts_saved;
    double busy_seconds;
    char first_error[1100];
    int n_lat;
    float lat_ms[MAX_SAVES];
};

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void fail(struct result *r, const struct kv_error *err)
{
    if (r->errors++ == 0)
        snprintf(r->first_error, sizeof r->first_error, "%s (%s)", err->msg, err->detail);
}

static void ignore_visit(void *ctx) { (void)ctx; }
static void ignore_key(void *ctx, const char *k) { (void)ctx, (void)k; }
static void ignore_field(void *ctx, const char *k, sqlite3_value *v) { (void)ctx, (void)k, (void)v; }
static const struct dossier_visitor reader = {ignore_visit, ignore_visit, ignore_key, ignore_visit,
                                              ignore_visit, ignore_visit, ignore_field, ignore_key};

/* One save: a contact, or a goal in the client's latest plan. */
static int save(struct db *db, long client, int goal, long today, const char *now, long seq,
                struct kv_error *err)
{
    char text[96];
    long id, plan;
    int rc = db_begin(db, err);
    if (rc != KV_OK)
        return rc;
    snprintf(text, sizeof text, "bench %ld %ld", (long)getpid(), seq);
    if (!goal) {
        rc = records_contact_add(db, client, today, "telefoon", "", text, now, &id, err);
    } else if ((rc = client_latest_plan(db, client, &plan, err)) == KV_OK) {
        if (plan == 0)
            rc = records_plan_add(db, client, today, NO_DATE, 0, 0, "", now, &plan, err);
        struct goal_in g = {plan, client, text, "3 sollicitaties per week", "eigen wens",
                            "haalbaar", "binnen 3 maanden", today + 90, NULL};
        if (rc == KV_OK)
            rc = records_goal_add(db, &g, now, &id, err);
    }
    if (rc == KV_OK)
        rc = db_commit(db, err);
    if (rc != KV_OK)
        db_rollback(db);
    return rc;
}

static int think_ms;

static void worker(const char *path, int index, double seconds, struct result *r)
{
    struct kv_error err;
    struct db *db;
    const char *user = users[index % 5];
    long today = date_days(2026, 3, 1);
    unsigned seed = (unsigned)getpid();
    memset(r, 0, sizeof *r);
    if (db_open(path, user, PASS, strlen(PASS), 0, &db, &err) != KV_OK) {
        fail(r, &err);
        return;
    }
    struct caseload *cl = NULL;
    if (caseload_load(db, SCOPE_MINE, &cl, &err) != KV_OK || cl->n == 0) {
        fail(r, &err);
        caseload_free(cl);
        db_close(db);
        return;
    }
    double start = now_s(), end = start + seconds;
    for (long seq = 0; now_s() < end; seq++) {
        long client = cl->clients[rand_r(&seed) % cl->n].id;
        int pick = rand_r(&seed) % 100, rc;
        if (pick < 40) { /* open a client: the open is logged, as on screen */
            rc = access_open(db, client, &err);
            if (rc == KV_OK)
                rc = dossier_visit(db, client, &reader, NULL, &err);
        } else if (pick < 85) { /* save a contact (30) or a goal (15) */
            double t0 = now_s();
            rc = save(db, client, pick >= 70, today, "2026-03-01 12:00:00", seq, &err);
            double ms = (now_s() - t0) * 1000.0;
            if (rc == KV_OK) {
                r->saves++;
                r->contacts_saved += pick < 70;
                if (r->n_lat < MAX_SAVES)
                    r->lat_ms[r->n_lat++] = (float)ms;
            }
        } else { /* reminders: the caseload and its signals */
            struct caseload *c2 = NULL;
            struct signal_list s = {0};
            size_t *first = NULL;
            rc = caseload_load(db, SCOPE_MINE, &c2, &err);
            if (rc == KV_OK)
                rc = caseload_signals(db, c2, today, &s, &first, &err);
            free(first);
            signals_free(&s);
            caseload_free(c2);
        }
        if (rc != KV_OK)
            fail(r, &err);
        r->ops++;
        if (think_ms > 0) {
            long ms = rand_r(&seed) % (2 * think_ms + 1);
            struct timespec nap = {ms / 1000, (ms % 1000) * 1000000};
            nanosleep(&nap, NULL);
        }
    }
    r->busy_seconds = now_s() - start;
    caseload_free(cl);
    db_close(db);
}

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

struct summary {
    long ops, saves, errors, contacts_saved;
    double seconds, p50, p99, max;
    char first_error[1100];
};

/* Run procs workers for seconds; each writes its result to a file the parent reads. */
static int run(const char *path, int procs, double seconds, struct summary *s)
{
    char tmpl[] = "/tmp/bench_load.XXXXXX";
    if (mkdtemp(tmpl) == NULL)
        return -1;
    for (int i = 0; i < procs; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            struct result *r = malloc(sizeof *r);
            if (r == NULL)
                _exit(1);
            worker(path, i, seconds, r);
            char f[300];
            snprintf(f, sizeof f, "%s/%d", tmpl, i);
            FILE *fp = fopen(f, "wb");
            if (fp == NULL || fwrite(r, sizeof *r, 1, fp) != 1)
                _exit(1);
            fclose(fp);
            _exit(0);
        }
    }
    while (wait(NULL) > 0)
        ;
    memset(s, 0, sizeof *s);
    float *all = malloc((size_t)procs * MAX_SAVES * sizeof *all);
    struct result *r = malloc(sizeof *r);
    size_t n = 0;
    for (int i = 0; all && r && i < procs; i++) {
        char f[300];
        snprintf(f, sizeof f, "%s/%d", tmpl, i);
        FILE *fp = fopen(f, "rb");
        if (fp == NULL || fread(r, sizeof *r, 1, fp) != 1) {
            s->errors++;
            snprintf(s->first_error, sizeof s->first_error, "worker %d reported nothing", i);
            if (fp)
                fclose(fp);
            continue;
        }
        fclose(fp);
        remove(f);
        s->ops += r->ops;
        s->saves += r->saves;
        s->contacts_saved += r->contacts_saved;
        if (r->errors && !s->errors)
            snprintf(s->first_error, sizeof s->first_error, "%s", r->first_error);
        s->errors += r->errors;
        if (r->busy_seconds > s->seconds)
            s->seconds = r->busy_seconds;
        memcpy(all + n, r->lat_ms, (size_t)r->n_lat * sizeof *all);
        n += (size_t)r->n_lat;
    }
    rmdir(tmpl);
    if (n > 0) {
        qsort(all, n, sizeof *all, cmp_float);
        s->p50 = all[n / 2];
        s->p99 = all[(size_t)((double)n * 0.99) < n ? (size_t)((double)n * 0.99) : n - 1];
        s->max = all[n - 1];
    }
    free(all);
    free(r);
    return 0;
}

/* Contacts written by this benchmark, counted in the file. */
static long bench_contacts(const char *path)
{
    struct kv_error err;
    struct db *db;
    if (db_open(path, "demo", PASS, strlen(PASS), 0, &db, &err) != KV_OK)
        return -1;
    sqlite3_stmt *st;
    long n = -1;
    if (sqlite3_prepare_v2(db->sql, "SELECT count(*) FROM contacts WHERE summary LIKE 'bench %'",
                           -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        n = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    db_close(db);
    return n;
}

static void report(const char *label, int procs, const struct summary *s,
                   const struct summary *base)
{
    double secs = s->seconds > 0 ? s->seconds : 1;
    printf("%-22s %5d %9.0f %9.1f %8.2f %8.2f %8.2f %7ld", label, procs, (double)s->ops / secs,
           (double)s->saves / secs, s->p50, s->p99, s->max, s->errors);
    if (base && base->p50 > 0)
        printf("   p50 %.1fx, p99 %.1fx of one process's", s->p50 / base->p50, s->p99 / base->p99);
    printf("\n");
}

int main(int argc, char **argv)
{
    const char *path = NULL;
    int procs = 30;
    double seconds = 60;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--db") == 0)
            path = argv[i + 1];
        else if (strcmp(argv[i], "--procs") == 0)
            procs = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--seconds") == 0)
            seconds = atof(argv[i + 1]);
        else if (strcmp(argv[i], "--think") == 0)
            think_ms = atoi(argv[i + 1]);
    }
    if (path == NULL || procs < 1 || seconds <= 0 || sodium_init() < 0) {
        fprintf(stderr, "usage: bench_load --db DEMO.db [--procs N] [--seconds S] [--think MS]\n");
        return 2;
    }
    long before = bench_contacts(path);
    struct summary one, many;
    double base_secs = seconds / 4 > 5 ? seconds / 4 : 5;
    printf("Load: one encrypted file, %d processes as klantmanagers for %.0f s (baseline: one "
           "process, %.0f s)\n", procs, seconds, base_secs);
    printf("mix: 40%% open a client, 30%% log a contact, 15%% save a goal, 15%% reminders; "
           "pause %s\n\n", think_ms ? "0 to 2x the --think time" : "none (stress)");
    if (think_ms)
        printf("pause between operations: 0-%d ms (mean %d ms)\n", 2 * think_ms, think_ms);
    printf("%-22s %5s %9s %9s %8s %8s %8s %7s\n", "", "procs", "ops/s", "saves/s", "p50 ms",
           "p99 ms", "max ms", "errors");
    if (run(path, 1, base_secs, &one) != 0 || run(path, procs, seconds, &many) != 0)
        return 1;
    report("one caseworker", 1, &one, NULL);
    report("all at once", procs, &many, &one);
    long after = bench_contacts(path);
    long saved = one.contacts_saved + many.contacts_saved;
    printf("\nlost writes: %ld (contacts reported saved %ld, found in the file %ld)\n",
           saved - (after - before), saved, after - before);
    if (one.errors + many.errors)
        printf("first error: %s\n", many.errors ? many.first_error : one.first_error);
    printf("target: no error, no lost write, p99 save under 100 ms: %s\n",
           one.errors + many.errors == 0 && saved == after - before && many.p99 < 100 ? "met"
                                                                                      : "NOT met");
    return 0;
}
