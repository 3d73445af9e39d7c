/* bench_vfs: the same workload on plain SQLite and through the klantvolg VFS, in one
 * run, with libsodium's XChaCha20-Poly1305 speed on 4 KiB pages as the floor for a scan
 * that must decrypt every page. Figures are ratios to the plain run.
 *   bench_vfs [--rows N] [--dir DIR] [--runs K] [--raw]   (defaults: 100000 rows, /tmp,
 *   3 runs; each figure is the best of K runs; --raw also prints every run's figures) */
#include "crypto/keyslot.h"
#include "crypto/page.h"
#include "crypto/secmem.h"
#include "storage/db.h"
#include "storage/login.h"

#include <sodium.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "bench/workload.h"

struct target {
    char path[512];
    int encrypted;
    struct db *kv; /* keeps the key binding alive while SQLite has the file */
};

static const char *PASS = "benchmark-wachtwoord";

static sqlite3 *open_target(int fresh, void *ctx)
{
    struct target *t = ctx;
    struct kv_error err;
    sqlite3 *db = NULL;
    if (fresh) {
        char j[600];
        unlink(t->path);
        snprintf(j, sizeof j, "%s-journal", t->path);
        unlink(j);
    }
    if (!t->encrypted) {
        if (sqlite3_open(t->path, &db) != SQLITE_OK)
            exit(1);
        return db;
    }
    /* A reopen keeps the key binding of the first open: db_open would refuse the
     * workload's own tables (the trusted-schema check), and the key is what is shared. */
    if (!fresh && t->kv != NULL)
        goto handle;
    db_close(t->kv);
    t->kv = NULL;
    if (fresh && db_create(t->path, "bench", "", PASS, strlen(PASS), &KDF_TEST_MIN,
                           "2026-01-01 00:00:00", NULL, &err) != KV_OK) {
        fprintf(stderr, "bench: %s\n", err.msg);
        exit(1);
    }
    if (db_open(t->path, "bench", PASS, strlen(PASS), 0, NULL, &t->kv, &err) != KV_OK) {
        fprintf(stderr, "bench: %s\n", err.msg);
        exit(1);
    }
handle:;
    /* A second handle on the same key, which wl_run closes with sqlite3_close. */
    char *uri = db_uri(t->path, t->kv->handle);
    if (sqlite3_open_v2(uri, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI, "klantvolg") !=
        SQLITE_OK)
        exit(1);
    sqlite3_free(uri);
    return db;
}

static double decrypt_floor_per_page(void)
{
    unsigned char key[32], nonce[24], page[KV_PAGE_SIZE], out[KV_PAGE_SIZE], tag[16];
    randombytes_buf(key, sizeof key);
    randombytes_buf(nonce, sizeof nonce);
    randombytes_buf(page, sizeof page);
    crypto_aead_xchacha20poly1305_ietf_encrypt_detached(page, tag, NULL, page, KV_PAGE_DATA, NULL,
                                                        0, NULL, nonce, key);
    int n = 50000;
    double t = now_s();
    for (int i = 0; i < n; i++)
        if (crypto_aead_xchacha20poly1305_ietf_decrypt_detached(out, NULL, page, KV_PAGE_DATA, tag,
                                                                NULL, 0, nonce, key) != 0)
            exit(1);
    return (now_s() - t) / n;
}

int main(int argc, char **argv)
{
    struct wl_opts o = wl_args(argc, argv);
    int rows = o.rows, runs = o.runs;
    const char *dir = o.dir;
    if (crypto_init() != 0)
        return 1;
    struct target plain = {.encrypted = 0}, enc = {.encrypted = 1};
    snprintf(plain.path, sizeof plain.path, "%s/bench-plain-%d.db", dir, (int)getpid());
    snprintf(enc.path, sizeof enc.path, "%s/bench-klantvolg-%d.db", dir, (int)getpid());
    struct wl_result p, e, r;
    /* Interleaved, and the order swapped every run (plain first, then klantvolg first), so
     * that drift on a shared machine and whatever the first of a pair leaves behind (page
     * cache, CPU frequency) hit both sides alike. */
    for (int k = 0; k < runs; k++) {
        for (int side = 0; side < 2; side++) {
            int enc_now = (side == 0) == (k % 2 == 1);
            wl_run(open_target, enc_now ? &enc : &plain, rows, &r);
            wl_best(enc_now ? &e : &p, &r, k == 0);
            if (o.raw)
                wl_print_raw(k + 1, enc_now ? "klantvolg" : "plain", &r);
        }
    }
    db_close(enc.kv);
    double floor = decrypt_floor_per_page();
    double scan_floor = p.scan + (double)e.pages * floor;
    printf("klantvolg benchmark: %d rows, %ld pages (%.1f MiB), best of %d runs\n", rows, e.pages,
           (double)e.pages * 4096 / 1048576, runs);
    printf("%-34s %10s %10s %8s %8s\n", "workload", "plain s", "klantvolg", "ratio", "target");
    printf("%-34s %10.3f %10.3f %7.2fx %7s\n", "bulk insert (1 transaction)", p.insert, e.insert,
           e.insert / p.insert, "1.5x");
    printf("%-34s %10.3f %10.3f %7.2fx %7s\n", "point reads, 2 MB cache", p.point, e.point,
           e.point / p.point, "1.3x");
    printf("%-34s %10.3f %10.3f %7.2fx %7s\n", "point reads, warm cache", p.warm, e.warm,
           e.warm / p.warm, "1.3x");
    printf("%-34s %10.3f %10.3f %7.2fx %7s\n", "full scan, 100-page cache", p.scan, e.scan,
           e.scan / p.scan, "-");
    printf("%-34s %10.3f %10.3f %7.2fx %7s\n", "300 small update transactions", p.update, e.update,
           e.update / p.update, "1.5x");
    printf("decrypt floor: %.2f us/page (%.0f MiB/s); scan vs plain+floor (%.3f s): %.2fx (target "
           "1.25x)\n",
           floor * 1e6, 4096 / floor / 1048576, scan_floor, e.scan / scan_floor);
    unlink(plain.path);
    unlink(enc.path);
    return 0;
}
