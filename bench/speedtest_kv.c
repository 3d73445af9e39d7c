/* speedtest_kv: SQLite's speedtest1 through the klantvolg VFS.
 * Compiled together with speedtest1.c from Debian's sqlite3 source package (bench/speedtest.sh
 * passes -DSPEEDTEST1_C=path). speedtest1 opens its file by name with a --vfs NAME; the
 * klantvolg VFS only opens a file that already carries a klantvolg header and whose URI names a
 * bound key. So this wrapper writes a fresh header for a random test key, binds the key, turns
 * on URI filenames globally (speedtest1 does not pass SQLITE_OPEN_URI) and hands speedtest1 the
 * URI instead of the path, with --vfs klantvolg and --reserve for the nonce and tag, which must
 * be set before SQLite writes the first page (as db_open does for a new file).
 * For bench/speedtest-profile.sh: -DSPEEDTEST_PLAIN makes it plain speedtest1 with the same
 * stamps, and -DSPEEDTEST_COUNT adds a counting VFS under everything (page reads and writes,
 * syncs per test), so both sides can be compared call for call.
 *   speedtest_kv [speedtest1 options] DBFILE */
#include "crypto/header.h"
#include "crypto/page.h"
#include "crypto/secmem.h"
#include "crypto/vfs.h"
#include "storage/db.h"

#include <fcntl.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* With SPEEDTEST_MARKS set, the start and end of every test are stamped on stderr with
 * CLOCK_MONOTONIC ("mark SECONDS begin|end TEST"), so that samples of `perf record -k
 * CLOCK_MONOTONIC` can be cut to one test (bench/speedtest-profile.sh). */
static int marks = -1;
static int test_now;
static void (*on_test_mark)(int end);
static int stamped_printf(const char *fmt, ...)
{
    va_list ap;
    if (marks < 0)
        marks = getenv("SPEEDTEST_MARKS") != NULL;
    int begin = strcmp(fmt, "%4d - %s%.*s ") == 0, end = strcmp(fmt, "%4d.%03ds\n") == 0;
    if (begin) {
        va_start(ap, fmt);
        test_now = va_arg(ap, int);
        va_end(ap);
    }
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    va_start(ap, fmt);
    int n = vprintf(fmt, ap);
    va_end(ap);
    if (marks && (begin || end)) {
        fflush(stdout);
        fprintf(stderr, "mark %lld.%09ld %s %d\n", (long long)ts.tv_sec, ts.tv_nsec,
                begin ? "begin" : "end", test_now);
    }
    if (on_test_mark != NULL && (begin || end))
        on_test_mark(end);
    return n;
}

#ifdef SPEEDTEST_COUNT
/* For profiling: a pass-through VFS under everything (under the klantvolg VFS, which wraps
 * the default it finds) that counts page-sized reads and writes of the database and the
 * journal, and syncs; stamped_printf prints the counts of each test after its time. */
enum { C_DB_READ, C_DB_WRITE, C_J_READ, C_J_WRITE, C_OTHER_IO, C_SYNC, C_N };
static unsigned long counts[C_N];
static sqlite3_vfs count_vfs, *under;
struct cfile {
    sqlite3_file base;
    int journal, main_db;
    sqlite3_file *real;
};
static int c_close(sqlite3_file *f)
{
    return ((struct cfile *)f)->real->pMethods->xClose(((struct cfile *)f)->real);
}
static int c_read(sqlite3_file *f, void *b, int n, sqlite3_int64 o)
{
    struct cfile *c = (struct cfile *)f;
    counts[n < 4096 ? C_OTHER_IO : c->main_db ? C_DB_READ : c->journal ? C_J_READ : C_OTHER_IO]++;
    return c->real->pMethods->xRead(c->real, b, n, o);
}
static int c_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 o)
{
    struct cfile *c = (struct cfile *)f;
    counts[n < 4096 ? C_OTHER_IO : c->main_db ? C_DB_WRITE : c->journal ? C_J_WRITE : C_OTHER_IO]++;
    return c->real->pMethods->xWrite(c->real, b, n, o);
}
#define C_FWD(name, sig, args)                                                                     \
    static int c_##name sig                                                                        \
    {                                                                                              \
        sqlite3_file *r = ((struct cfile *)f)->real;                                               \
        return r->pMethods->x##args;                                                               \
    }
C_FWD(truncate, (sqlite3_file * f, sqlite3_int64 s), Truncate(r, s))
C_FWD(size, (sqlite3_file * f, sqlite3_int64 *s), FileSize(r, s))
C_FWD(lock, (sqlite3_file * f, int l), Lock(r, l))
C_FWD(unlock, (sqlite3_file * f, int l), Unlock(r, l))
C_FWD(reserved, (sqlite3_file * f, int *o), CheckReservedLock(r, o))
C_FWD(fcntl, (sqlite3_file * f, int op, void *a), FileControl(r, op, a))
C_FWD(sector, (sqlite3_file * f), SectorSize(r))
C_FWD(devchars, (sqlite3_file * f), DeviceCharacteristics(r))
static int c_sync(sqlite3_file *f, int fl)
{
    counts[C_SYNC]++;
    return ((struct cfile *)f)->real->pMethods->xSync(((struct cfile *)f)->real, fl);
}
static const sqlite3_io_methods c_methods = {1,       c_close,  c_read,     c_write,  c_truncate,
                                             c_sync,  c_size,   c_lock,     c_unlock, c_reserved,
                                             c_fcntl, c_sector, c_devchars, 0,        0,
                                             0,       0,        0,          0};
static int c_open(sqlite3_vfs *v, sqlite3_filename name, sqlite3_file *f, int fl, int *out)
{
    (void)v;
    struct cfile *c = (struct cfile *)f;
    c->real = (sqlite3_file *)(c + 1);
    c->main_db = (fl & SQLITE_OPEN_MAIN_DB) != 0;
    c->journal = (fl & SQLITE_OPEN_MAIN_JOURNAL) != 0;
    int rc = under->xOpen(under, name, c->real, fl, out);
    c->base.pMethods = c->real->pMethods ? &c_methods : NULL;
    return rc;
}
static void count_install(void)
{
    under = sqlite3_vfs_find(NULL);
    count_vfs = *under;
    count_vfs.zName = "kvcount";
    count_vfs.szOsFile = (int)sizeof(struct cfile) + under->szOsFile;
    count_vfs.xOpen = c_open;
    count_vfs.pNext = NULL;
    sqlite3_vfs_register(&count_vfs, 1);
}
static void count_print(int end)
{
    if (end)
        fprintf(stderr,
                "count %d db-read %lu db-write %lu journal-read %lu journal-write %lu other %lu "
                "sync %lu\n",
                test_now, counts[C_DB_READ], counts[C_DB_WRITE], counts[C_J_READ],
                counts[C_J_WRITE], counts[C_OTHER_IO], counts[C_SYNC]);
    memset(counts, 0, sizeof counts);
}
#endif

#define main speedtest1_main
#define printf stamped_printf
#include SPEEDTEST1_C
#undef printf
#undef main

#ifndef SPEEDTEST_PLAIN
/* A new file holding only a klantvolg header sealed under a key derived from master. */
static struct page_key *create_keyed_file(const char *path)
{
    unsigned char master[KV_KEY_BYTES];
    randombytes_buf(master, sizeof master);
    struct header *h = header_new();
    if (h == NULL)
        return NULL;
    struct page_key *k = page_key_new(master, h->dbid);
    sodium_memzero(master, sizeof master);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (k == NULL || fd < 0) {
        header_free(h);
        page_key_free(k);
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    int rc = header_write(fd, h, k->mackey); /* seals it with the header MAC key */
    close(fd);
    header_free(h);
    if (rc != 0) {
        page_key_free(k);
        return NULL;
    }
    return k;
}
#endif

int main(int argc, char **argv)
{
#ifdef SPEEDTEST_PLAIN /* the same stamps on plain SQLite, for side-by-side profiles */
#ifdef SPEEDTEST_COUNT
    count_install();
    on_test_mark = count_print;
#endif
    return speedtest1_main(argc, argv);
#else
    if (argc < 2 || argv[argc - 1][0] == '-') {
        fprintf(stderr, "usage: speedtest_kv [speedtest1 options] DBFILE\n");
        return 2;
    }
    const char *path = argv[argc - 1];
    char journal[4200];
    snprintf(journal, sizeof journal, "%s-journal", path);
    unlink(journal);
    if (crypto_init() != 0 || sqlite3_config(SQLITE_CONFIG_URI, 1) != SQLITE_OK) {
        fprintf(stderr, "speedtest_kv: cannot initialise\n");
        return 1;
    }
#ifdef SPEEDTEST_COUNT
    count_install(); /* before kvfs_register, which wraps the default VFS it finds */
    on_test_mark = count_print;
#endif
    if (kvfs_register() != SQLITE_OK) {
        fprintf(stderr, "speedtest_kv: cannot initialise\n");
        return 1;
    }
    struct page_key *k = create_keyed_file(path);
    unsigned handle;
    if (k == NULL || kvfs_bind(k, &handle) != 0) {
        fprintf(stderr, "speedtest_kv: cannot create %s\n", path);
        return 1;
    }
    char *uri = db_uri(path, handle);
    char reserve[16];
    snprintf(reserve, sizeof reserve, "%d", KV_PAGE_RESERVE);
    char **av = calloc((size_t)argc + 5, sizeof *av);
    if (uri == NULL || av == NULL)
        return 1;
    int n = 0;
    for (int i = 0; i < argc - 1; i++)
        av[n++] = argv[i];
    av[n++] = "--vfs";
    av[n++] = KVFS_NAME;
    av[n++] = "--reserve";
    av[n++] = reserve;
    av[n++] = uri;
    av[n] = NULL;
    int rc = speedtest1_main(n, av);
    sqlite3_free(uri);
    free(av);
    kvfs_unbind(handle);
    page_key_free(k);
    unlink(path);
    return rc;
#endif
}
