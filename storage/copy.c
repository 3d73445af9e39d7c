#include "storage/copy.h"

#include "storage/dbfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int io_error(const char *what, const char *path, struct kv_error *err)
{
    return kv_error_set(err, KV_ERR, strerror(errno), "Kan %s niet %s: %s.", path, what,
                        strerror(errno));
}

/* sqlite3_backup_step(-1) copies everything under one read lock; it waits out
 * writers that hold the lock, up to the busy timeout. */
static int run_backup(struct db *src, struct db *dst, struct kv_error *err)
{
    sqlite3_backup *b = sqlite3_backup_init(dst->sql, "main", src->sql, "main");
    if (b == NULL)
        return db_fail(dst, sqlite3_errcode(dst->sql), "backup init", err);
    int rc, waited = 0;
    while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) {
        if (waited >= db_busy_timeout())
            break;
        struct timespec ts = {0, 50 * 1000000L};
        nanosleep(&ts, NULL);
        waited += 50;
    }
    int frc = sqlite3_backup_finish(b);
    /* A step that stopped on an error (out of memory) may say SQLITE_OK and leave the
     * error to finish. */
    if (rc != SQLITE_DONE)
        return db_fail(src, rc == SQLITE_OK ? (frc != SQLITE_OK ? frc : SQLITE_ERROR) : rc,
                       "backup", err);
    return frc == SQLITE_OK ? KV_OK : db_fail(dst, frc, "backup finish", err);
}

int copy_database(struct db *src, struct header *h, const unsigned char *master,
                  const char *dest, enum copy_mode mode, struct kv_error *err)
{
    size_t n = strlen(dest) + 16;
    char *tmp = malloc(n);
    struct db *dst = NULL;
    int fd = -1, rc;
    struct stat st;
    if (tmp == NULL)
        return kv_error_set(err, KV_ERR, "out of memory", "Onvoldoende geheugen.");
    if (mode == COPY_NEW && access(dest, F_OK) == 0) {
        rc = kv_error_set(err, KV_ERR, "exists", "%s bestaat al; er is niets overschreven.", dest);
        goto out;
    }
    snprintf(tmp, n, "%s.new-XXXXXX", dest);
    if ((fd = mkostemp(tmp, O_CLOEXEC)) < 0) {
        rc = io_error("aanmaken", dest, err);
        tmp[0] = '\0';
        goto out;
    }
    /* Keep the source's mode and group, so a shared-group setup survives a rekey. */
    if (fstat(dbfile_fd(src->file), &st) == 0) {
        fchmod(fd, st.st_mode & 0660);
        if (fchown(fd, (uid_t)-1, st.st_gid) != 0) {
            /* not the owner of that group: the copy keeps ours */
        }
    }
    if (header_write(fd, h) != 0) {
        rc = io_error("schrijven", tmp, err);
        goto out;
    }
    if ((rc = db_open_keyed(tmp, master, DB_NO_USER | DB_NO_MIGRATE, &dst, err)) != KV_OK)
        goto out;
    if ((rc = run_backup(src, dst, err)) != KV_OK)
        goto out;
    db_close(dst);
    dst = NULL;
    if (fsync(fd) != 0) {
        rc = io_error("wegschrijven", dest, err);
        goto out;
    }
    if (mode == COPY_REPLACE ? rename(tmp, dest) != 0 : link(tmp, dest) != 0) {
        rc = errno == EEXIST
                 ? kv_error_set(err, KV_ERR, "exists", "%s bestaat al; er is niets overschreven.",
                                dest)
                 : io_error("plaatsen", dest, err);
        goto out;
    }
    if (mode == COPY_REPLACE)
        tmp[0] = '\0'; /* renamed: nothing left to remove */
    dbfile_sync_parent(dest);
    rc = KV_OK;
out:
    db_close(dst);
    if (fd >= 0)
        close(fd);
    if (tmp[0] != '\0') {
        /* A write that failed inside SQLite can leave the copy's journal behind; it
         * belongs to nothing once the copy is gone. */
        char *journal = sqlite3_mprintf("%s-journal", tmp);
        if (journal != NULL)
            unlink(journal);
        sqlite3_free(journal);
        unlink(tmp);
    }
    free(tmp);
    return rc;
}
