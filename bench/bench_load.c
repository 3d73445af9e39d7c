/* bench_load.c: many caseworkers at once on one encrypted file, as on the shared server.
 * N processes log in as the demo's klantmanagers and, until the time is up, open clients
 * (the open logged, then a dossier read), log contacts and save goals (short write transactions),
 * and run their reminders (the whole caseload with signals). Reported: operations and saves per
 * second, the save latency (begin to commit, waiting for the lock included) at p50 and p99, every
 * error a user would have seen, and whether every save that said "saved" is in the file.
 * The baseline is the same mix in one process, measured in the same run, for as long and
 * on a copy of the same file: every operation adds to the file (contacts, goals, the audit
 * log) and the reminders read a caseload that grows with it, so a baseline run for less
 * time on the fresh file, with the thirty after it on the file it had grown, was the
 * faster for that alone. The two take turns (--rounds K, default 3: one process for S/K
 * seconds, then all of them for S/K, K times), so that a machine that is slower for a
 * while slows both: measured one after the other, the one process's rate moved from 264
 * to 391 operations a second between runs on one quiet machine, and the ratio with it.
 * Every process logs in before any starts its clock (start_together).
 * --think MS pauses a random 0..2*MS between operations (a person reads and types); 0 is
 * a stress test with no pause at all.
 * --readers R: beside the caseworkers (not in the baseline), R teamleiders run every
 * management report in a loop, each as its command would (report caseload and uitstroom
 * load the caseload, the six others the report data), and one beheerder makes backups in
 * a loop; reported: reports and backups done, their p50 and p99, and their errors.
 * --as-one 1: every process logs in as the same klantmanager as the baseline, so both
 * runs pile their contacts and goals on the same clients (the baseline otherwise adds to
 * one klantmanager's clients what the thirty spread over nine, and its reminders slow
 * down with it over a minute).
 *   bench_load --db DEMO.db [--procs 30] [--seconds 60] [--think 0] [--readers 0]
 *              [--as-one 0|1] [--rounds 3]
 * The database is a demo made by `klantvolg --demo` (passphrase klantvolg-demo); the
 * klantmanagers and teamleiders are those in it, taken in turn. */
#include "core/date.h"
#include "core/reports.h"
#include "crypto/keyslot.h"
#include "storage/access.h"
#include "storage/caseload.h"
#include "storage/dossier.h"
#include "storage/figures_summary.h"
#include "storage/maint.h"
#include "storage/plans.h"
#include "storage/contacts.h"
#include "storage/reportdata.h"
#include "storage/users.h"
#include "storage/txn.h"
#include "storage/login.h"
#include "storage/dbfile.h"
#include "crypto/vfs.h"
#include "host/batch.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PASS "klantvolg-demo"
#define MAX_SAVES 200000

#define MAX_BACKUPS 4096

/* The demo's klantmanagers and teamleiders, read from the file. */
static struct user_rec *people;
static size_t n_people;
static const char **klantmanagers, **teamleiders;
static int n_km, n_tl;

struct result { /* what one process reports, through a file */
    long ops, saves, errors, contacts_saved;
    long backups;                     /* readers: ops are reports, lat_ms their times */
    double busy_seconds, cpu_seconds; /* cpu: user + system, from the go */
    unsigned long disk_reads, known_reads, decrypted; /* pages, in the whole process */
    double backlog_sum;                               /* WAL frames not yet checkpointed, */
    long backlog_max;                                 /* as each operation found them */
    char first_error[1100];
    int n_lat, n_backup_lat;
    float backup_lat_ms[MAX_BACKUPS];
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

static void ignore_visit(void *ctx)
{
    (void)ctx;
}
static void ignore_key(void *ctx, const char *k)
{
    (void)ctx, (void)k;
}
static void ignore_field(void *ctx, const char *k, sqlite3_value *v)
{
    (void)ctx, (void)k, (void)v;
}
static const struct dossier_visitor reader = {ignore_visit, ignore_visit, ignore_key,
                                              ignore_visit, ignore_visit, ignore_visit,
                                              ignore_field, ignore_key};

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
        rc = contacts_add(db, client, today, "telefoon", "", text, now, &id, err);
    } else if ((rc = plans_latest(db, client, &plan, err)) == KV_OK) {
        if (plan == 0)
            rc = plans_add(db, client, today, NO_DATE, 0, 0, "", now, &plan, err);
        struct goal_in g = {plan,
                            client,
                            text,
                            "3 sollicitaties per week",
                            "eigen wens",
                            "haalbaar",
                            "binnen 3 maanden",
                            today + 90,
                            NULL};
        if (rc == KV_OK)
            rc = plans_goal_add(db, &g, now, &id, err);
    }
    if (rc == KV_OK)
        rc = db_commit(db, err);
    if (rc != KV_OK)
        db_rollback(db);
    return rc;
}

static int think_ms;
static int one_klantmanager;          /* --as-one: every process the same klantmanager */
static int ready_fd = -1, go_fd = -1; /* run's start barrier, in the forked processes */
static double cpu_at_go;              /* this process's CPU seconds when the run began */

static double cpu_seconds(void)
{
    struct rusage u;
    if (getrusage(RUSAGE_SELF, &u) != 0)
        return 0;
    return (double)u.ru_utime.tv_sec + (double)u.ru_utime.tv_usec / 1e6 +
           (double)u.ru_stime.tv_sec + (double)u.ru_stime.tv_usec / 1e6;
}

/* Every process logs in (a key derivation: for 30 processes seconds of CPU) before any
 * starts its clock, so a run measures the operations and not 29 logins taking the first
 * seconds of the others' runs (the one-process baseline has none beside it). Says it is
 * ready (or gave up: its exit closes the descriptor too), then waits for the go. */
static void start_together(void)
{
    char b = 1;
    if (ready_fd >= 0) {
        if (write(ready_fd, &b, 1) != 1) {
            /* the parent then counts one fewer; it starts when every writer is gone */
        }
        close(ready_fd);
        ready_fd = -1;
    }
    while (go_fd >= 0 && read(go_fd, &b, 1) > 0)
        ;
    cpu_at_go = cpu_seconds();
}

/* A pause of 0 to 2x the think time, as a caseworker reads the screen between keys. */
static void think(unsigned *seed)
{
    long ms = rand_r(seed) % (2 * think_ms + 1);
    struct timespec nap = {ms / 1000, (ms % 1000) * 1000000};
    nanosleep(&nap, NULL);
}

static void worker(const char *path, int index, double seconds, struct result *r)
{
    struct kv_error err;
    struct db *db;
    const char *user = klantmanagers[index % (one_klantmanager ? 1 : n_km)];
    long today = date_days(2026, 3, 1);
    unsigned seed = (unsigned)getpid();
    memset(r, 0, sizeof *r);
    if (db_open(path, user, PASS, strlen(PASS), 0, NULL, &db, &err) != KV_OK) {
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
    start_together();
    double start = now_s(), end = start + seconds;
    /* Paced, the caseworkers do not all press a key at the same moment: each starts
     * after a pause as between two operations. */
    if (think_ms > 0)
        think(&seed);
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
        long backlog = kvfs_wal_backlog(db->sql);
        r->backlog_sum += backlog > 0 ? (double)backlog : 0;
        if (backlog > r->backlog_max)
            r->backlog_max = backlog;
        db_idle(db); /* as the screen does once it shows the result (tui/app.c) */
        if (think_ms > 0)
            think(&seed);
    }
    r->busy_seconds = now_s() - start;
    caseload_free(cl);
    db_close(db);
}

/* Report k of the eight, as `klantvolg report` computes it: caseload and uitstroom on the
 * per-client summary, the six management reports on the report data. */
static int one_report(struct db *db, int k, long today, struct kv_error *err)
{
    int y, m, d;
    date_ymd(today, &y, &m, &d);
    long from = date_days(y, 1, 1);
    if (k < 2) {
        struct caseload *cl = NULL;
        struct caseworker_metrics *rows = NULL;
        struct metrics_client *mc = NULL;
        size_t n = 0;
        int rc = figures_summary_load(db, &cl, err); /* as cmd_report.c */
        if (rc == KV_OK && k == 0)
            rc = caseload_metrics(db, cl, today, &rows, &n, err);
        if (rc == KV_OK && k == 1 && (mc = caseload_metrics_clients(cl)) != NULL) {
            struct outflow_metrics om;
            metrics_outflow(mc, cl->n, from, today, &om);
        }
        free(mc);
        free(rows);
        caseload_free(cl);
        return rc;
    }
    struct report_data *rd;
    int rc = reportdata_load(db, &rd, err);
    if (rc != KV_OK)
        return rc;
    struct dim_rows r = {0};
    struct effect_row *e = NULL;
    size_t n = 0;
    struct waiting w;
    struct nazorg_row z[2];
    switch (k) {
    case 2:
        report_effect(rd->clients, rd->n, EFFECT_INSTRUMENT, from, today, today, &e, &n);
        report_effect_free(e, n, EFFECT_INSTRUMENT);
        break;
    case 3:
        report_waiting(rd->clients, rd->n, from, today, today, &w);
        break;
    case 4:
        report_nazorg(rd->clients, rd->n, from, today, today, z);
        break;
    case 5:
        report_development(rd->clients, rd->n, from, today, &r);
        break;
    case 6:
        report_movement(rd->clients, rd->n, from, today, &r);
        break;
    default:
        report_cost(rd->clients, rd->n, from, today, &r);
        break;
    }
    dim_rows_free(&r);
    reportdata_free(rd);
    return KV_OK;
}

/* A teamleider running every report in turn (index >= 0), or the beheerder's backup
 * loop (index -1), until the time is up. */
static void report_loop(const char *path, int index, double seconds, struct result *r)
{
    struct kv_error err;
    struct db *db;
    const char *user = index < 0 ? "demo" : teamleiders[index % n_tl];
    long today = date_days(2026, 3, 1);
    memset(r, 0, sizeof *r);
    if (db_open(path, user, PASS, strlen(PASS), 0, NULL, &db, &err) != KV_OK) {
        fail(r, &err);
        return;
    }
    char dest[300];
    snprintf(dest, sizeof dest, "%s.bench-backup", path);
    batch_priority(); /* as `klantvolg report` and `backup` do after their open */
    start_together();
    double start = now_s(), end = start + seconds;
    for (int k = index < 0 ? 0 : index % 8; now_s() < end; k = (k + 1) % 8) {
        double t0 = now_s();
        int rc = index < 0 ? maint_backup(db, dest, 1, NULL, &err) : one_report(db, k, today, &err);
        float ms = (float)((now_s() - t0) * 1000.0);
        if (rc != KV_OK) {
            fail(r, &err);
            continue;
        }
        if (index < 0 && r->n_backup_lat < MAX_BACKUPS)
            r->backup_lat_ms[r->n_backup_lat++] = ms, r->backups++;
        else if (index >= 0 && r->n_lat < MAX_SAVES)
            r->lat_ms[r->n_lat++] = ms, r->ops++;
    }
    remove(dest);
    r->busy_seconds = now_s() - start;
    db_close(db);
}

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

/* Latencies gathered over the rounds, for percentiles at the end. */
struct lats {
    float *v;
    size_t n, cap;
};

static int lats_add(struct lats *l, const float *v, size_t n)
{
    if (l->n + n > l->cap) {
        size_t cap = l->cap ? l->cap : 1024;
        while (cap < l->n + n)
            cap *= 2;
        float *nv = realloc(l->v, cap * sizeof *nv);
        if (nv == NULL)
            return -1;
        l->v = nv;
        l->cap = cap;
    }
    memcpy(l->v + l->n, v, n * sizeof *v);
    l->n += n;
    return 0;
}

struct summary { /* summed over the rounds */
    long ops, saves, errors, contacts_saved;
    unsigned long disk_reads, known_reads, decrypted;
    double seconds, p50, p99, max, cpu, backlog_sum;
    long backlog_max;
    struct lats lat;
    char first_error[1100];
};

struct readers { /* the teamleiders' reports and the backups beside the load */
    long reports, backups, errors;
    double cpu; /* CPU seconds the readers used */
    double report_p50, report_p99, backup_p50, backup_p99;
    struct lats report_lat, backup_lat;
    char first_error[1100];
};

/* p50, p99 and max of v[0..n), sorted in place. */
static void percentiles(float *v, size_t n, double *p50, double *p99, double *max)
{
    if (n == 0)
        return;
    qsort(v, n, sizeof *v, cmp_float);
    size_t k = (size_t)((double)n * 0.99);
    *p50 = v[n / 2];
    *p99 = v[k < n ? k : n - 1];
    if (max)
        *max = v[n - 1];
}

/* One round: procs workers for seconds, and n_readers teamleiders and a backup loop beside
 * them when n_readers > 0; each writes its result to a file the parent reads, and the
 * parent adds it to *s and *rs. */
static int run(const char *path, int procs, int n_readers, double seconds, struct summary *s,
               struct readers *rs)
{
    char tmpl[] = "/tmp/bench_load.XXXXXX";
    if (mkdtemp(tmpl) == NULL)
        return -1;
    int extra = n_readers > 0 ? n_readers + 1 : 0;
    int ready[2], go[2];
    if (pipe(ready) != 0 || pipe(go) != 0)
        return -1;
    for (int i = 0; i < procs + extra; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            close(ready[0]);
            close(go[1]);
            ready_fd = ready[1];
            go_fd = go[0];
            struct result *r = malloc(sizeof *r);
            if (r == NULL)
                _exit(1);
            unsigned long disk0, known0, opened0 = kvfs_pages_opened(); /* the parent's */
            kvfs_page_reads(&disk0, &known0);
            if (i < procs)
                worker(path, i, seconds, r);
            else
                report_loop(path, i - procs < n_readers ? i - procs : -1, seconds, r);
            kvfs_page_reads(&r->disk_reads, &r->known_reads);
            r->disk_reads -= disk0;
            r->known_reads -= known0;
            r->decrypted = kvfs_pages_opened() - opened0;
            r->cpu_seconds = cpu_at_go > 0 ? cpu_seconds() - cpu_at_go : 0;
            char f[300];
            snprintf(f, sizeof f, "%s/%d", tmpl, i);
            FILE *fp = fopen(f, "wb");
            if (fp == NULL || fwrite(r, sizeof *r, 1, fp) != 1)
                _exit(1);
            fclose(fp);
            _exit(0);
        }
    }
    close(ready[1]);
    close(go[0]);
    char b;
    while (read(ready[0], &b, 1) > 0) /* until every process is ready or gone */
        ;
    close(ready[0]);
    close(go[1]); /* go */
    while (wait(NULL) > 0)
        ;
    struct result *r = malloc(sizeof *r);
    double round_seconds = 0;
    for (int i = 0; r && i < procs + extra; i++) {
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
        if (i >= procs) {
            if (rs == NULL)
                continue;
            if (r->errors && !rs->errors)
                snprintf(rs->first_error, sizeof rs->first_error, "%s", r->first_error);
            rs->errors += r->errors;
            rs->reports += r->ops;
            rs->backups += r->backups;
            rs->cpu += r->cpu_seconds;
            if (lats_add(&rs->report_lat, r->lat_ms, (size_t)r->n_lat) != 0 ||
                lats_add(&rs->backup_lat, r->backup_lat_ms, (size_t)r->n_backup_lat) != 0)
                break;
            continue;
        }
        s->ops += r->ops;
        s->saves += r->saves;
        s->disk_reads += r->disk_reads;
        s->known_reads += r->known_reads;
        s->decrypted += r->decrypted;
        s->cpu += r->cpu_seconds;
        s->backlog_sum += r->backlog_sum;
        if (r->backlog_max > s->backlog_max)
            s->backlog_max = r->backlog_max;
        s->contacts_saved += r->contacts_saved;
        if (r->errors && !s->errors)
            snprintf(s->first_error, sizeof s->first_error, "%s", r->first_error);
        s->errors += r->errors;
        if (r->busy_seconds > round_seconds)
            round_seconds = r->busy_seconds;
        if (lats_add(&s->lat, r->lat_ms, (size_t)r->n_lat) != 0)
            break;
    }
    s->seconds += round_seconds;
    rmdir(tmpl);
    free(r);
    return 0;
}

/* The percentiles over every round's latencies, once the rounds are done; the latencies
 * are freed. */
static void finish(struct summary *s, struct readers *rs)
{
    percentiles(s->lat.v, s->lat.n, &s->p50, &s->p99, &s->max);
    free(s->lat.v);
    s->lat = (struct lats){0};
    if (rs) {
        percentiles(rs->report_lat.v, rs->report_lat.n, &rs->report_p50, &rs->report_p99, NULL);
        percentiles(rs->backup_lat.v, rs->backup_lat.n, &rs->backup_p50, &rs->backup_p99, NULL);
        free(rs->report_lat.v);
        free(rs->backup_lat.v);
        rs->report_lat = rs->backup_lat = (struct lats){0};
    }
}

/* The klantmanagers and teamleiders of the demo, in name order. */
static int load_people(const char *path)
{
    struct kv_error err;
    struct db *db;
    if (db_open(path, "demo", PASS, strlen(PASS), 0, NULL, &db, &err) != KV_OK)
        return -1;
    int rc = users_list(db, &people, &n_people, &err);
    db_close(db);
    klantmanagers = calloc(n_people + 1, sizeof *klantmanagers);
    teamleiders = calloc(n_people + 1, sizeof *teamleiders);
    if (rc != KV_OK || klantmanagers == NULL || teamleiders == NULL)
        return -1;
    for (size_t i = 0; i < n_people; i++) {
        if (people[i].role == ROLE_KLANTMANAGER && people[i].active)
            klantmanagers[n_km++] = people[i].name;
        if (people[i].role == ROLE_TEAMLEIDER && people[i].active)
            teamleiders[n_tl++] = people[i].name;
    }
    return n_km > 0 && n_tl > 0 ? 0 : -1;
}

/* A copy of the database for the baseline: the file alone, as nobody has it open and its
 * last connection emptied the WAL. */
static int copy_for_baseline(const char *path, const char *copy)
{
    char wal[4096];
    snprintf(wal, sizeof wal, "%s-wal", path);
    if (access(wal, F_OK) == 0) {
        fprintf(stderr, "bench_load: %s has a WAL: is the database in use?\n", path);
        return -1;
    }
    int in = open(path, O_RDONLY | O_CLOEXEC);
    int out = open(copy, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    int rc = in >= 0 && out >= 0 ? dbfile_copy_rest(in, out) : -1;
    if (rc != 0)
        fprintf(stderr, "bench_load: copying %s to %s: %s\n", path, copy, strerror(errno));
    if (in >= 0)
        close(in);
    if (out >= 0)
        close(out);
    return rc;
}

static void remove_copy(const char *copy)
{
    unlink(copy);
    dbfile_remove_sidecars(copy);
}

/* Contacts written by this benchmark, counted in the file. */
static long bench_contacts(const char *path)
{
    struct kv_error err;
    struct db *db;
    if (db_open(path, "demo", PASS, strlen(PASS), 0, NULL, &db, &err) != KV_OK)
        return -1;
    sqlite3_stmt *st;
    long n = -1;
    if (sqlite3_prepare_v2(db->sql, "SELECT count(*) FROM contacts WHERE summary LIKE 'bench %'",
                           -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
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

/* Where SQLite's page reads went, an operation's worth: after another process commits,
 * SQLite reads every page again, and the VFS serves what it knows unchanged unread. */
static void report_reads(const struct summary *one, const struct summary *many)
{
    const struct summary *s[2] = {one, many};
    printf("pages an operation asked for:");
    for (int i = 0; i < 2; i++) {
        double ops = s[i]->ops > 0 ? (double)s[i]->ops : 1;
        printf("%s %.0f read from disk + %.0f known unread (%.1f decrypted)",
               i ? "; all at once" : " one caseworker", (double)s[i]->disk_reads / ops,
               (double)s[i]->known_reads / ops, (double)s[i]->decrypted / ops);
    }
    printf("\n");
}

/* How much of the WAL no checkpoint had copied yet when an operation ended: a reader
 * holding an old snapshot (a report, a backup) keeps it growing, and every page SQLite
 * looks up walks that part of the WAL index. */
static void report_backlog(const struct summary *one, const struct summary *many)
{
    const struct summary *s[2] = {one, many};
    printf("WAL frames not yet checkpointed after an operation:");
    for (int i = 0; i < 2; i++)
        printf("%s mean %.0f, max %ld", i ? "; all at once" : " one caseworker",
               s[i]->backlog_sum / (s[i]->ops > 0 ? (double)s[i]->ops : 1), s[i]->backlog_max);
    printf("\n");
}

/* Where the machine's time went: CPU an operation took (user and system, in the process
 * that ran it), and what the readers beside the thirty used of the cores. */
static void report_cpu(const struct summary *one, const struct summary *many,
                       const struct readers *rs)
{
    double ops1 = one->ops > 0 ? (double)one->ops : 1, ops = many->ops > 0 ? (double)many->ops : 1;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    double have = (double)(cores > 0 ? cores : 1) * (many->seconds > 0 ? many->seconds : 1);
    printf("CPU an operation took: one caseworker %.2f ms; all at once %.2f ms (%.0f%% of %ld "
           "cores",
           one->cpu * 1000.0 / ops1, many->cpu * 1000.0 / ops, 100.0 * many->cpu / have, cores);
    if (rs != NULL)
        printf("; readers beside them %.0f%%", 100.0 * rs->cpu / have);
    printf(")\n");
}

int main(int argc, char **argv)
{
    const char *path = NULL;
    int procs = 30, n_readers = 0, rounds = 3;
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
        else if (strcmp(argv[i], "--readers") == 0)
            n_readers = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--as-one") == 0)
            one_klantmanager = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--rounds") == 0)
            rounds = atoi(argv[i + 1]);
    }
    if (path == NULL || procs < 1 || seconds <= 0 || n_readers < 0 || rounds < 1 ||
        sodium_init() < 0) {
        fprintf(stderr, "usage: bench_load --db DEMO.db [--procs N] [--seconds S] [--think MS] "
                        "[--readers R] [--as-one 0|1] [--rounds K]\n");
        return 2;
    }
    if (load_people(path) != 0) {
        fprintf(stderr, "bench_load: no klantmanager or teamleider in %s\n", path);
        return 1;
    }
    long before = bench_contacts(path);
    char base_path[4096];
    snprintf(base_path, sizeof base_path, "%s.baseline", path);
    if (copy_for_baseline(path, base_path) != 0)
        return 1;
    struct summary one = {0}, many = {0};
    struct readers rs = {0};
    printf("Load: one encrypted file, %d processes as %d klantmanagers for %.0f s (baseline: "
           "one process, as long, on a copy of the same file; in %d rounds, one process then "
           "all, taking turns)\n",
           procs,
           one_klantmanager ? 1
           : procs < n_km   ? procs
                            : n_km,
           seconds, rounds);
    if (n_readers > 0)
        printf("beside them: %d teamleiders running the 8 reports in a loop, 1 backup loop\n",
               n_readers);
    printf("mix: 40%% open a client, 30%% log a contact, 15%% save a goal, 15%% reminders; "
           "pause %s\n\n",
           think_ms ? "0 to 2x the --think time" : "none (stress)");
    if (think_ms)
        printf("pause between operations: 0-%d ms (mean %d ms)\n", 2 * think_ms, think_ms);
    printf("%-22s %5s %9s %9s %8s %8s %8s %7s\n", "", "procs", "ops/s", "saves/s", "p50 ms",
           "p99 ms", "max ms", "errors");
    int ran = 1;
    for (int k = 0; ran && k < rounds; k++)
        ran = run(base_path, 1, 0, seconds / rounds, &one, NULL) == 0 &&
              run(path, procs, n_readers, seconds / rounds, &many, &rs) == 0;
    finish(&one, NULL);
    finish(&many, &rs);
    long after_base = ran ? bench_contacts(base_path) : -1;
    remove_copy(base_path);
    if (!ran)
        return 1;
    report("one caseworker", 1, &one, NULL);
    report("all at once", procs, &many, &one);
    report_reads(&one, &many);
    report_backlog(&one, &many);
    report_cpu(&one, &many, n_readers > 0 ? &rs : NULL);
    if (n_readers > 0) {
        printf("readers: %ld reports (p50 %.0f ms, p99 %.0f ms), %ld backups (p50 %.0f ms, p99 "
               "%.0f ms), %ld errors\n",
               rs.reports, rs.report_p50, rs.report_p99, rs.backups, rs.backup_p50, rs.backup_p99,
               rs.errors);
        if (rs.errors)
            printf("first reader error: %s\n", rs.first_error);
    }
    long after = bench_contacts(path);
    long saved = one.contacts_saved + many.contacts_saved;
    long found = (after - before) + (after_base - before);
    printf("\nlost writes: %ld (contacts reported saved %ld, found in the files %ld)\n",
           saved - found, saved, found);
    if (one.errors + many.errors)
        printf("first error: %s\n", many.errors ? many.first_error : one.first_error);
    /* Paced: p99 under 100 ms; stress: under 300 ms; and together at least as many
     * operations per second as one process alone. */
    int limit = think_ms ? 100 : 300;
    double one_rate = one.ops / (one.seconds > 0 ? one.seconds : 1);
    double many_rate = many.ops / (many.seconds > 0 ? many.seconds : 1);
    long errors = one.errors + many.errors + (n_readers > 0 ? rs.errors : 0);
    printf("target: no error, no lost write, p99 save under %d ms, %d processes at least as "
           "many ops/s as one: %s\n",
           limit, procs,
           errors == 0 && saved == found && many.p99 < limit && many_rate >= one_rate ? "met"
                                                                                      : "NOT met");
    return 0;
}
