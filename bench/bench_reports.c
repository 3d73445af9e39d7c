/* bench_reports.c: how long the management reports take on a large database, against
 * reading the same rows and nothing more in the same run. The database is a demo made by
 * `klantvolg --demo --clients N` (passphrase klantvolg-demo), opened as the teamleider.
 * Reported per step: milliseconds (best of 3) and the ratio to the bare read.
 *   bench_reports --db DEMO.db */
#include "core/date.h"
#include "core/reports.h"
#include "crypto/keyslot.h"
#include "storage/reportdata.h"
#include "storage/login.h"

#include "bench/bare_read.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PASS "klantvolg-demo"

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1000.0 + (double)t.tv_nsec / 1e6;
}

/* The rows the reports read, stepped through and dropped: the floor for any report. */
static long bare_read(struct db *db)
{
    static const char *const sql[] = {
        "SELECT id, applied_on, benefit_start, birth_date, household, municipality, "
        "instroomreden FROM clients",
        "SELECT client_id, date FROM intakes",
        "SELECT client_id, date FROM plans",
        "SELECT client_id, code FROM client_doelgroepen",
        "SELECT i.client_id, c.code, i.provider, i.status, i.end_reason, i.start, i.actual_end, "
        "i.cost_cents FROM client_instruments i JOIN instrument_catalogue c ON c.id = "
        "i.catalogue_id",
        "SELECT client_id, date, reason, returned_on, route FROM outflows",
        "SELECT client_id, date, code FROM classifications"};
    return bare_read_rows(db->sql, sql, sizeof sql / sizeof sql[0]);
}

struct step {
    const char *name;
    double best;
};

int main(int argc, char **argv)
{
    const char *path = argc == 3 && strcmp(argv[1], "--db") == 0 ? argv[2] : NULL;
    struct kv_error err;
    struct db *db;
    if (path == NULL || sodium_init() < 0) {
        fprintf(stderr, "usage: bench_reports --db DEMO.db\n");
        return 2;
    }
    if (db_open(path, "tl.jansen", PASS, strlen(PASS), 0, NULL, &db, &err) != KV_OK) {
        fprintf(stderr, "bench_reports: %s\n", err.msg);
        return 1;
    }
    long from = date_days(2025, 1, 1), to = date_days(2025, 12, 31), as_of = date_days(2026, 3, 1);
    struct step s[] = {{"bare read of the same rows", 1e99},
                       {"load (reportdata_load)", 1e99},
                       {"effectiviteit", 1e99},
                       {"wachttijden", 1e99},
                       {"nazorg", 1e99},
                       {"ontwikkeling", 1e99},
                       {"beweging", 1e99},
                       {"kosten", 1e99}};
    long rows = 0;
    size_t clients = 0;
    for (int round = 0; round < 3; round++) {
        double t = now_ms();
        rows = bare_read(db);
        double b = now_ms() - t;
        s[0].best = b < s[0].best ? b : s[0].best;
        struct report_data *d;
        t = now_ms();
        if (reportdata_load(db, &d, &err) != KV_OK) {
            fprintf(stderr, "bench_reports: %s\n", err.msg);
            return 1;
        }
        double l = now_ms() - t;
        s[1].best = l < s[1].best ? l : s[1].best;
        clients = d->n;
        double times[6];
        struct effect_row *e;
        size_t n;
        struct waiting w;
        struct nazorg_row z[2];
        struct dim_rows r;
        t = now_ms();
        report_effect(d->clients, d->n, EFFECT_INSTRUMENT, from, to, as_of, &e, &n);
        times[0] = now_ms() - t;
        report_effect_free(e, n, EFFECT_INSTRUMENT);
        t = now_ms();
        report_waiting(d->clients, d->n, from, to, as_of, &w);
        times[1] = now_ms() - t;
        t = now_ms();
        report_nazorg(d->clients, d->n, from, to, as_of, z);
        times[2] = now_ms() - t;
        t = now_ms();
        report_development(d->clients, d->n, from, to, &r);
        times[3] = now_ms() - t;
        dim_rows_free(&r);
        t = now_ms();
        report_movement(d->clients, d->n, from, to, &r);
        times[4] = now_ms() - t;
        dim_rows_free(&r);
        t = now_ms();
        report_cost(d->clients, d->n, from, to, &r);
        times[5] = now_ms() - t;
        dim_rows_free(&r);
        for (int k = 0; k < 6; k++)
            s[2 + k].best = times[k] < s[2 + k].best ? times[k] : s[2 + k].best;
        reportdata_free(d);
    }
    printf("Reports on %zu clients (%ld rows read), best of 3 rounds\n\n", clients, rows);
    printf("%-30s %10s %8s\n", "step", "ms", "ratio");
    double total = 0;
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++) {
        printf("%-30s %10.1f %7.2fx\n", s[i].name, s[i].best, s[i].best / s[0].best);
        if (i >= 1)
            total += s[i].best;
    }
    printf("%-30s %10.1f %7.2fx\n", "every report, loaded once", total, total / s[0].best);
    db_close(db);
    return 0;
}
