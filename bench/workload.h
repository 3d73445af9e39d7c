/* workload.h: the benchmark workload, on any open sqlite3 handle, so the same code runs
 * on plain SQLite, through the klantvolg VFS, and (in its own binary) on SQLCipher.
 * Data: ROWS client-like records (name, BSN, 200-byte note), generated from a fixed seed. */
#ifndef KV_BENCH_WORKLOAD_H
#define KV_BENCH_WORKLOAD_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t rng_state;
static uint64_t rng(void) /* xorshift64*: reproducible, no libc dependence */
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ULL;
}

static void wl_exec(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        fprintf(stderr, "bench: %s: %s\n", sql, msg ? msg : "?");
        exit(1);
    }
}

/* The pragmas klantvolg uses, so the baseline does the same work. */
static void wl_pragmas(sqlite3 *db)
{
    wl_exec(db, "PRAGMA journal_mode=DELETE; PRAGMA synchronous=FULL; PRAGMA temp_store=MEMORY;"
                "PRAGMA secure_delete=ON; PRAGMA cell_size_check=ON");
}

static double wl_insert(sqlite3 *db, int rows)
{
    sqlite3_stmt *st;
    char name[40], note[201];
    rng_state = 0x5eed;
    wl_exec(db, "CREATE TABLE client (id INTEGER PRIMARY KEY, name TEXT, bsn TEXT, note TEXT);"
                "CREATE INDEX client_name ON client(name)");
    double t = now_s();
    wl_exec(db, "BEGIN");
    sqlite3_prepare_v2(db, "INSERT INTO client VALUES (?1, ?2, ?3, ?4)", -1, &st, NULL);
    for (int i = 1; i <= rows; i++) {
        snprintf(name, sizeof name, "Klant %08llu", (unsigned long long)(rng() % 100000000));
        for (int k = 0; k < 200; k++)
            note[k] = (char)('a' + rng() % 26);
        note[200] = '\0';
        sqlite3_bind_int(st, 1, i);
        sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, "123456782", -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, note, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(st) != SQLITE_DONE) {
            fprintf(stderr, "bench: insert: %s\n", sqlite3_errmsg(db));
            exit(1);
        }
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    wl_exec(db, "COMMIT");
    return now_s() - t;
}

static double wl_point(sqlite3 *db, int rows, int lookups)
{
    sqlite3_stmt *st;
    long sum = 0;
    rng_state = 0xfeed;
    sqlite3_prepare_v2(db, "SELECT length(note) FROM client WHERE id = ?1", -1, &st, NULL);
    double t = now_s();
    for (int i = 0; i < lookups; i++) {
        sqlite3_bind_int(st, 1, (int)(rng() % (uint64_t)rows) + 1);
        if (sqlite3_step(st) == SQLITE_ROW)
            sum += sqlite3_column_int(st, 0);
        sqlite3_reset(st);
    }
    t = now_s() - t;
    sqlite3_finalize(st);
    if (sum == 0)
        exit(1);
    return t;
}

static double wl_scan(sqlite3 *db)
{
    sqlite3_stmt *st;
    double t = now_s();
    sqlite3_prepare_v2(db, "SELECT sum(length(note)) FROM client", -1, &st, NULL);
    if (sqlite3_step(st) != SQLITE_ROW)
        exit(1);
    sqlite3_finalize(st);
    return now_s() - t;
}

static double wl_updates(sqlite3 *db, int rows, int n)
{
    sqlite3_stmt *st;
    rng_state = 0xbeef;
    sqlite3_prepare_v2(db, "UPDATE client SET note = upper(note) WHERE id = ?1", -1, &st, NULL);
    double t = now_s();
    for (int i = 0; i < n; i++) {
        wl_exec(db, "BEGIN IMMEDIATE");
        sqlite3_bind_int(st, 1, (int)(rng() % (uint64_t)rows) + 1);
        sqlite3_step(st);
        sqlite3_reset(st);
        wl_exec(db, "COMMIT");
    }
    t = now_s() - t;
    sqlite3_finalize(st);
    return t;
}

static long wl_pages(sqlite3 *db)
{
    sqlite3_stmt *st;
    long n = 0;
    sqlite3_prepare_v2(db, "PRAGMA page_count", -1, &st, NULL);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* --rows N --dir DIR --runs K --raw, shared by both benchmark programs. --raw adds one line
 * per run and side (wl_print_raw) for bench/run.sh to summarise run by run. */
struct wl_opts {
    int rows, runs, raw;
    const char *dir;
};

static struct wl_opts wl_args(int argc, char **argv)
{
    struct wl_opts o = {100000, 3, 0, "/tmp"};
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--raw") == 0)
            o.raw = 1;
        else if (i + 1 >= argc)
            o.rows = 0; /* an option without its value */
        else if (strcmp(argv[i], "--rows") == 0)
            o.rows = atoi(argv[++i]);
        else if (strcmp(argv[i], "--dir") == 0)
            o.dir = argv[++i];
        else if (strcmp(argv[i], "--runs") == 0)
            o.runs = atoi(argv[++i]);
        else
            o.rows = 0;
    }
    if (o.rows < 1000 || o.runs < 1) {
        fprintf(stderr, "bench: usage: [--rows N] [--dir DIR] [--runs K] [--raw]; --rows must be at"
                        " least 1000 and --runs at least 1\n");
        exit(2);
    }
    return o;
}

struct wl_result {
    double insert, point, warm, scan, update;
    long pages;
};

/* "raw RUN SIDE insert point warm scan update": one run's figures, in seconds. */
static void wl_print_raw(int run, const char *side, const struct wl_result *r)
{
    printf("raw %d %s %.6f %.6f %.6f %.6f %.6f\n", run, side, r->insert, r->point, r->warm, r->scan,
           r->update);
    fflush(stdout);
}

/* Keep the fastest of several runs, figure by figure. */
static void wl_best(struct wl_result *b, const struct wl_result *r, int first)
{
    if (first) {
        *b = *r;
        return;
    }
    b->insert = r->insert < b->insert ? r->insert : b->insert;
    b->point = r->point < b->point ? r->point : b->point;
    b->warm = r->warm < b->warm ? r->warm : b->warm;
    b->scan = r->scan < b->scan ? r->scan : b->scan;
    b->update = r->update < b->update ? r->update : b->update;
}

/* Open an existing database with the common pragmas and the given cache setting. */
static sqlite3 *wl_reopen(sqlite3 *(*open_fn)(int fresh, void *ctx), void *ctx,
                          const char *cache_pragma)
{
    sqlite3 *db = open_fn(0, ctx);
    wl_pragmas(db);
    wl_exec(db, cache_pragma);
    return db;
}

/* open_fn opens the database (creating it the first time when fresh != 0). */
static void wl_run(sqlite3 *(*open_fn)(int fresh, void *ctx), void *ctx, int rows,
                   struct wl_result *r)
{
    sqlite3 *db = open_fn(1, ctx);
    wl_pragmas(db);
    r->insert = wl_insert(db, rows);
    r->pages = wl_pages(db);
    sqlite3_close(db);
    /* Point reads with a 2 MB cache: most lookups miss and read a page. */
    db = wl_reopen(open_fn, ctx, "PRAGMA cache_size=-2000");
    r->point = wl_point(db, rows, rows);
    sqlite3_close(db);
    /* Warm cache: everything read once, then the same lookups. */
    db = wl_reopen(open_fn, ctx, "PRAGMA cache_size=-1000000");
    wl_scan(db);
    wl_exec(db, "SELECT count(*) FROM client INDEXED BY client_name WHERE name > ''");
    r->warm = wl_point(db, rows, rows);
    sqlite3_close(db);
    /* Full scan with a cache far smaller than the file: every page read and decrypted. */
    db = wl_reopen(open_fn, ctx, "PRAGMA cache_size=100");
    r->scan = wl_scan(db);
    r->update = wl_updates(db, rows, 300);
    sqlite3_close(db);
}

#endif
