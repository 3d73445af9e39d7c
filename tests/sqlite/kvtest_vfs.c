/* kvtest_vfs: SQLite's testfixture with the klantvolg VFS as its default, as SQLCipher runs
 * SQLite's own tests through its codec. Compiled into testfixture with
 * -DSQLITE_EXTRA_INIT=kvtest_init, so sqlite3_initialize() (and every re-initialise after a
 * test's sqlite3_shutdown) registers it again as the default.
 * The klantvolg VFS opens only files that carry a klantvolg header and whose URI names a bound
 * key. The tests open plain paths, so this shim, a VFS "klantvolg-test" over "klantvolg":
 *  - writes a header (fixed test database id) into a new or empty database file before
 *    klantvolg sees it, as db_open's creation does;
 *  - hands klantvolg every database, journal and WAL name as a URI carrying the test key's
 *    handle (sqlite3_create_filename, freed when the file closes): the pager names the
 *    journal and the WAL after the plain path it was given, which names no key;
 *  - gives every new database file the reserve bytes for the nonce and tag
 *    (kvtest_new_reserve, called from one patched line of sqlite3.c).
 * The key is fixed, so files left by one process open in the next (tests that spawn a second
 * testfixture). Temporary files and super-journals go to klantvolg unchanged: it keeps the
 * first in memory and refuses the others, which is the behaviour under test. */
#include "crypto/header.h"
#include "crypto/page.h"
#include "crypto/secmem.h"
#include "crypto/vfs.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define KVTEST_NAME "klantvolg-test"

/* What this shim keeps after klantvolg's own file structure: the URI it was opened with. */
struct kvtest_tail {
    sqlite3_filename uri;
    const sqlite3_io_methods *methods; /* klantvolg's, which do the work */
};

static sqlite3_vfs shim, *kv;
static unsigned handle;
static unsigned char *header_image; /* HDR_TOTAL bytes: both copies of the test header */
/* klantvolg's methods with our xClose; one table per file kind (database, journal, WAL,
 * memory). */
static sqlite3_io_methods wrapped[4];
static const sqlite3_io_methods *originals[4];

static struct kvtest_tail *tail_of(sqlite3_file *f)
{
    return (struct kvtest_tail *)((char *)f + kv->szOsFile);
}

static int kvtest_close(sqlite3_file *f)
{
    struct kvtest_tail *t = tail_of(f);
    int rc = t->methods->xClose(f);
    sqlite3_free_filename(t->uri);
    t->uri = NULL;
    return rc;
}

/* klantvolg's method table for this file, with xClose ours (to free the URI). */
static const sqlite3_io_methods *wrap_methods(const sqlite3_io_methods *m)
{
    for (int i = 0; i < 4; i++) {
        if (originals[i] == m)
            return &wrapped[i];
        if (originals[i] == NULL) {
            originals[i] = m;
            wrapped[i] = *m;
            wrapped[i].xClose = kvtest_close;
            return &wrapped[i];
        }
    }
    return NULL;
}

/* A new or empty database file gets the test header, exclusively created (mode 0600). */
static int ensure_header(const char *path)
{
    int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 && errno == EEXIST) {
        fd = open(path, O_RDWR | O_CLOEXEC);
        struct stat st;
        if (fd >= 0 && (fstat(fd, &st) != 0 || st.st_size != 0)) {
            close(fd);
            return SQLITE_OK; /* an existing file: its header is already there */
        }
    }
    if (fd < 0)
        return SQLITE_OK; /* klantvolg's own open reports what is wrong */
    ssize_t n = pwrite(fd, header_image, HDR_TOTAL, 0);
    close(fd);
    return n == HDR_TOTAL ? SQLITE_OK : SQLITE_IOERR_WRITE;
}

static int kvtest_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *f, int flags,
                       int *out_flags)
{
    (void)vfs;
    struct kvtest_tail *t = tail_of(f);
    memset(t, 0, sizeof *t);
    int main_db = (flags & SQLITE_OPEN_MAIN_DB) != 0;
    int journal = (flags & SQLITE_OPEN_MAIN_JOURNAL) != 0;
    int wal_file = (flags & SQLITE_OPEN_WAL) != 0;
    sqlite3_filename pass = name;
    if (name != NULL && (main_db || journal || wal_file)) {
        char db[4200], jname[4300], wal[4300], key[16];
        size_t len = strlen(name);
        if (journal || wal_file) { /* the pager names them DATABASE-journal, DATABASE-wal */
            const char *suffix = journal ? "-journal" : "-wal";
            size_t n = strlen(suffix);
            if (len < n || len - n >= sizeof db || strcmp(name + len - n, suffix) != 0)
                return SQLITE_CANTOPEN;
            memcpy(db, name, len - n);
            db[len - n] = '\0';
        } else {
            if (len >= sizeof db)
                return SQLITE_CANTOPEN;
            memcpy(db, name, len + 1);
            if ((flags & SQLITE_OPEN_CREATE) && ensure_header(db) != SQLITE_OK)
                return SQLITE_CANTOPEN;
        }
        snprintf(jname, sizeof jname, "%s-journal", db);
        snprintf(wal, sizeof wal, "%s-wal", db);
        snprintf(key, sizeof key, "%u", handle);
        const char *param[2] = {"kvkey", key};
        t->uri = sqlite3_create_filename(db, jname, wal, 1, param);
        if (t->uri == NULL)
            return SQLITE_NOMEM;
        pass = journal    ? sqlite3_filename_journal(t->uri)
               : wal_file ? sqlite3_filename_wal(t->uri)
                          : t->uri;
    }
    int rc = kv->xOpen(kv, pass, f, flags, out_flags);
    if (f->pMethods != NULL) {
        t->methods = f->pMethods;
        f->pMethods = wrap_methods(f->pMethods);
    } else {
        sqlite3_free_filename(t->uri);
        t->uri = NULL;
    }
    return rc;
}

/* The reserve bytes (nonce and tag) of a new database file, called by the testfixture's
 * sqlite3.c where SQLite would take 0 for a file without a header (tests/sqlite/run.sh patches
 * that one line, as SQLCipher's codec sets it). klantvolg's db_open sets it on its one main
 * database; the tests also ATTACH new files and open them through wrapping test VFSes, so
 * every file database gets it except those on SQLite's own plain VFSes and in memory. */
int kvtest_new_reserve(const sqlite3_vfs *vfs, int in_memory);
int kvtest_new_reserve(const sqlite3_vfs *vfs, int in_memory)
{
    if (in_memory || vfs == NULL || strncmp(vfs->zName, "unix", 4) == 0 ||
        strcmp(vfs->zName, "memdb") == 0)
        return 0;
    return KV_PAGE_RESERVE;
}

static int make_key(void)
{
    static const unsigned char master[KV_KEY_BYTES] = "klantvolg sqlite test key ......";
    struct header *h = header_new();
    if (h == NULL)
        return SQLITE_NOMEM;
    memset(h->dbid, 0x5a, sizeof h->dbid); /* fixed: a file stays readable across processes */
    struct page_key *k = page_key_new(master, h->dbid);
    header_image = malloc(HDR_TOTAL);
    if (k == NULL || header_image == NULL || kvfs_bind(k, &handle) != 0) {
        header_free(h);
        return SQLITE_NOMEM;
    }
    header_seal(h, k->mackey);
    header_encode(h, header_image);
    memcpy(header_image + HDR_COPY_SIZE, header_image, HDR_COPY_SIZE);
    header_free(h);
    return SQLITE_OK; /* k stays bound for the life of the process */
}

int kvtest_init(const char *unused);
int kvtest_init(const char *unused)
{
    (void)unused;
    /* tests/sqlite/run.sh --plain: SQLite's own VFS stays the default, so a file's time
     * through klantvolg can be compared with the same testfixture without it. */
    const char *plain = getenv("KVTEST_PLAIN");
    if (plain != NULL && strcmp(plain, "1") == 0)
        return SQLITE_OK;
    if (kv == NULL) {
        if (crypto_init() != 0 || kvfs_register() != SQLITE_OK)
            return SQLITE_ERROR;
        kv = sqlite3_vfs_find(KVFS_NAME);
        /* klantvolg's own files run in WAL; files made before it keep the rollback journal
         * until opened. SQLite's tests make their files in rollback mode and switch
         * between the two, so both are allowed here (the other modes stay refused). */
        kvfs_allow_rollback_journal(1);
        int rc = make_key();
        if (kv == NULL || rc != SQLITE_OK)
            return SQLITE_ERROR;
        shim = *kv;
        shim.zName = KVTEST_NAME;
        shim.szOsFile = kv->szOsFile + (int)sizeof(struct kvtest_tail);
        shim.xOpen = kvtest_open;
        shim.pNext = NULL;
    }
    /* Again after every sqlite3_shutdown: re-initialising makes "unix" the default again. */
    return sqlite3_vfs_register(&shim, 1);
}
