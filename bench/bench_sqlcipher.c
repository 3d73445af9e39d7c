/* bench_sqlcipher: the same workload on SQLCipher (Debian's libsqlcipher), with and
 * without a key, for comparison with bench_vfs. A binary of its own because SQLCipher
 * and SQLite export the same symbols. The product never links SQLCipher.
 *   bench_sqlcipher [--rows N] [--dir DIR] [--runs K] [--raw] */
#include <sqlcipher/sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "bench/workload.h"

struct target {
    char path[512];
    int encrypted;
};

static sqlite3 *open_target(int fresh, void *ctx)
{
    struct target *t = ctx;
    sqlite3 *db;
    if (fresh)
        unlink(t->path);
    if (sqlite3_open(t->path, &db) != SQLITE_OK)
        exit(1);
    if (t->encrypted) {
        /* Same page size as klantvolg; the key derivation runs here, untimed. */
        wl_exec(db, "PRAGMA key = 'benchmark-wachtwoord'; PRAGMA cipher_page_size = 4096;"
                    "SELECT count(*) FROM sqlite_master");
    } else {
        wl_exec(db, "PRAGMA page_size = 4096");
    }
    return db;
}

int main(int argc, char **argv)
{
    struct wl_opts o = wl_args(argc, argv);
    int rows = o.rows, runs = o.runs;
    const char *dir = o.dir;
    struct target plain = {.encrypted = 0}, enc = {.encrypted = 1};
    snprintf(plain.path, sizeof plain.path, "%s/bench-scplain-%d.db", dir, (int)getpid());
    snprintf(enc.path, sizeof enc.path, "%s/bench-sqlcipher-%d.db", dir, (int)getpid());
    struct wl_result p = {0}, e = {0}, r;
    for (int k = 0; k < runs; k++) { /* interleaved, order swapped every run: see bench_vfs */
        for (int side = 0; side < 2; side++) {
            int enc_now = (side == 0) == (k % 2 == 1);
            wl_run(open_target, enc_now ? &enc : &plain, rows, &r);
            wl_best(enc_now ? &e : &p, &r, k == 0);
            if (o.raw)
                wl_print_raw(k + 1, enc_now ? "sqlcipher" : "plain", &r);
        }
    }
    printf("SQLCipher %s (its own unencrypted build as baseline)\n", sqlite3_libversion());
    printf("%-34s %10s %10s %8s\n", "workload", "plain s", "sqlcipher", "ratio");
    printf("%-34s %10.3f %10.3f %7.2fx\n", "bulk insert (1 transaction)", p.insert, e.insert,
           e.insert / p.insert);
    printf("%-34s %10.3f %10.3f %7.2fx\n", "point reads, 2 MB cache", p.point, e.point,
           e.point / p.point);
    printf("%-34s %10.3f %10.3f %7.2fx\n", "point reads, warm cache", p.warm, e.warm,
           e.warm / p.warm);
    printf("%-34s %10.3f %10.3f %7.2fx\n", "full scan, 100-page cache", p.scan, e.scan,
           e.scan / p.scan);
    printf("%-34s %10.3f %10.3f %7.2fx\n", "300 small update transactions", p.update, e.update,
           e.update / p.update);
    unlink(plain.path);
    unlink(enc.path);
    return 0;
}
