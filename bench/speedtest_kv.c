/* speedtest_kv: SQLite's speedtest1 through the klantvolg VFS.
 * Compiled together with speedtest1.c from Debian's sqlite3 source package (bench/speedtest.sh
 * passes -DSPEEDTEST1_C=path). speedtest1 opens its file by name with a --vfs NAME; the
 * klantvolg VFS only opens a file that already carries a klantvolg header and whose URI names a
 * bound key. So this wrapper writes a fresh header for a random test key, binds the key, turns
 * on URI filenames globally (speedtest1 does not pass SQLITE_OPEN_URI) and hands speedtest1 the
 * URI instead of the path, with --vfs klantvolg and --reserve for the nonce and tag, which must
 * be set before SQLite writes the first page (as db_open does for a new file).
 *   speedtest_kv [speedtest1 options] DBFILE */
#include "crypto/header.h"
#include "crypto/page.h"
#include "crypto/secmem.h"
#include "crypto/vfs.h"
#include "storage/db.h"

#include <fcntl.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define main speedtest1_main
#include SPEEDTEST1_C
#undef main

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
    header_seal(h, k->mackey);
    int rc = header_write(fd, h);
    close(fd);
    header_free(h);
    if (rc != 0) {
        page_key_free(k);
        return NULL;
    }
    return k;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argv[argc - 1][0] == '-') {
        fprintf(stderr, "usage: speedtest_kv [speedtest1 options] DBFILE\n");
        return 2;
    }
    const char *path = argv[argc - 1];
    char journal[4200];
    snprintf(journal, sizeof journal, "%s-journal", path);
    unlink(journal);
    if (crypto_init() != 0 || sqlite3_config(SQLITE_CONFIG_URI, 1) != SQLITE_OK ||
        kvfs_register() != SQLITE_OK) {
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
}
