#include "storage/copy.h"
#include "storage/stmtcache.h"

#include "storage/dbfile.h"

#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The copy is made in steps of COPY_STEP_PAGES under one read snapshot of the source
 * (db_read_begin), so the copy is one state of the file however many saves others make
 * meanwhile (without the snapshot SQLite starts a backup again after each). SQLite holds
 * the copy's one write transaction open from the first step to the last, so when others
 * can be saving meanwhile (paced: not a rotation, which holds the file alone, and not
 * inside a transaction of ours) each step's pages are put on disk (fdatasync) and the
 * copy rests COPY_REST times as long as the step took: a copy written at the disk's full
 * speed made every caseworker's sync wait behind it (at 40,000 clients a save's p99 went
 * from 41 to 175 ms beside a backup loop), while one that leaves the disk two thirds of
 * its time costs a backup seconds. */
#define COPY_STEP_PAGES 1024
#define COPY_REST 2

static int64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static void rest(int64_t ns)
{
    struct timespec t = {(time_t)(ns / 1000000000), (long)(ns % 1000000000)};
    nanosleep(&t, NULL);
}

/* One step; busy (another process's lock on the source) is waited out up to the busy
 * timeout. */
static int backup_step(sqlite3_backup *b)
{
    int rc, waited = 0;
    while ((rc = sqlite3_backup_step(b, COPY_STEP_PAGES)) == SQLITE_BUSY || rc == SQLITE_LOCKED) {
        if (waited >= db_busy_timeout())
            break;
        rest(50 * 1000000);
        waited += 50;
    }
    return rc;
}

static int run_backup(struct db *src, struct db *dst, int fd, int paced, struct kv_error *err)
{
    paced = paced && sqlite3_get_autocommit(src->sql);
    /* a small cache: the step's pages reach the file within the step, to be synced */
    int rc = paced ? db_exec(dst, "PRAGMA cache_size=64", err) : KV_OK;
    if (rc != KV_OK || (rc = db_read_begin(src, err)) != KV_OK)
        return rc;
    sqlite3_backup *b = sqlite3_backup_init(dst->sql, "main", src->sql, "main");
    if (b == NULL) {
        db_read_end(src);
        return db_fail(dst, sqlite3_errcode(dst->sql), "backup init", err);
    }
    int64_t t0 = now_ns();
    int sync_errno = 0;
    while ((rc = backup_step(b)) == SQLITE_OK) {
        if (paced) {
            if (fdatasync(fd) != 0) {
                sync_errno = errno;
                break;
            }
            rest(COPY_REST * (now_ns() - t0));
        }
        t0 = now_ns();
    }
    int frc = sqlite3_backup_finish(b);
    db_read_end(src);
    if (sync_errno != 0) {
        errno = sync_errno; /* kv_error_io names it */
        return kv_error_io(err, "wegschrijven", dst->path);
    }
    if (rc != SQLITE_DONE)
        return db_fail(src, rc, "backup", err);
    return frc == SQLITE_OK ? KV_OK : db_fail(dst, frc, "backup finish", err);
}

/* The copied pages carry the source's generation; the copy's header is its own. */
static int copy_generation(struct db *dst, const struct header *h, struct kv_error *err)
{
    int rc = db_begin_untracked(dst, err);
    if (rc == KV_OK && (rc = db_set_generation(dst, h->seq, err)) == KV_OK)
        rc = db_commit_untracked(dst, err);
    if (rc != KV_OK)
        db_rollback(dst);
    return rc;
}

/* A temporary copy that will not be used, and the journal, WAL and WAL index a write
 * that failed inside SQLite can leave beside it: they belong to nothing once the copy is
 * gone. */
static void remove_temp(const char *tmp)
{
    dbfile_remove_sidecars(tmp);
    unlink(tmp);
}

/* dest.new-XXXXXX next to dest, made with O_EXCL and mode 0600, holding h and a copy of
 * src's pages, synced; *tmp names it (malloc'ed) and *fd stays open. paced: others may be
 * saving meanwhile (run_backup). shared: the file
 * takes the source's mode and group (a shared-group server survives a rekey). On an error
 * nothing is left behind. */
static int write_temp(struct db *src, struct header *h, const unsigned char *master,
                      const char *dest, int shared, int paced, char **tmp_out, int *fd_out,
                      struct kv_error *err)
{
    size_t n = strlen(dest) + 16;
    char *tmp = malloc(n);
    struct db *dst = NULL;
    struct stat st;
    int fd, rc;
    *tmp_out = NULL;
    *fd_out = -1;
    if (tmp == NULL)
        return kv_error_nomem(err);
    snprintf(tmp, n, "%s.new-XXXXXX", dest);
    if ((fd = mkostemp(tmp, O_CLOEXEC)) < 0) {
        rc = kv_error_io(err, "aanmaken", dest);
        free(tmp);
        return rc;
    }
    if (shared && fstat(dbfile_fd(src->file), &st) == 0) {
        fchmod(fd, st.st_mode & 0660);
        if (fchown(fd, (uid_t)-1, st.st_gid) != 0) {
            /* not the owner of that group: the copy keeps ours */
        }
    }
    struct page_key *k = page_key_new(master, h->dbid);
    int wrc = k != NULL ? header_write(fd, h, k->mackey) : -1;
    page_key_free(k);
    if (wrc != 0)
        rc = kv_error_io(err, "schrijven", tmp);
    else if ((rc = db_open_keyed(tmp, master, DB_NO_USER | DB_NO_MIGRATE | DB_CREATE | DB_SCRATCH,
                                 src->clock, &dst, err)) == KV_OK &&
             (rc = run_backup(src, dst, fd, paced, err)) == KV_OK &&
             (rc = copy_generation(dst, h, err)) == KV_OK &&
             (rc = db_checkpoint(dst, err)) == KV_OK) {
        /* The copy's WAL is named after tmp and would not follow it: all of it is in
         * tmp now, checked, and what the close leaves of an empty WAL goes. */
        db_close(dst);
        dst = NULL;
        dbfile_remove_sidecars(tmp);
        if (fsync(fd) != 0)
            rc = kv_error_io(err, "wegschrijven", dest);
    }
    db_close(dst);
    if (rc != KV_OK) {
        close(fd);
        remove_temp(tmp);
        free(tmp);
        return rc;
    }
    *tmp_out = tmp;
    *fd_out = fd;
    return KV_OK;
}

int copy_database_private(struct db *src, struct header *h, const unsigned char *master,
                          const char *dest, char **tmp, struct kv_error *err)
{
    int fd, rc = write_temp(src, h, master, dest, 0, 1, tmp, &fd, err);
    if (fd >= 0)
        close(fd);
    return rc;
}

int copy_database(struct db *src, struct header *h, const unsigned char *master, const char *dest,
                  enum copy_mode mode, struct kv_error *err)
{
    char *tmp = NULL;
    int fd = -1, rc;
    if (mode == COPY_NEW && access(dest, F_OK) == 0)
        return kv_error_set(err, KV_ERR, "exists", "%s bestaat al; er is niets overschreven.",
                            dest);
    if ((rc = write_temp(src, h, master, dest, 1, mode != COPY_ROTATE, &tmp, &fd, err)) != KV_OK)
        return rc;
    if (mode == COPY_ROTATE) {
        /* The last connection out checkpoints its WAL into the old file and removes the
         * WAL and its index, which are named after the path: done after the rename, it
         * could remove those of a process that opened the new file in between. */
        stmtcache_free(src->stmts); /* else the connection, and the old file, stays open */
        src->stmts = NULL;
        sqlite3_close_v2(src->sql);
        src->sql = NULL;
        dbfile_remove_sidecars(dest); /* emptied by the caller's checkpoint */
    }
    if (mode != COPY_NEW ? rename(tmp, dest) != 0 : link(tmp, dest) != 0) {
        rc = errno == EEXIST ? kv_error_set(err, KV_ERR, "exists",
                                            "%s bestaat al; er is niets overschreven.", dest)
                             : kv_error_io(err, "plaatsen", dest);
    } else {
        if (mode != COPY_NEW)
            tmp[0] = '\0'; /* renamed: nothing left to remove */
        dbfile_sync_parent(dest);
    }
    close(fd);
    if (tmp[0] != '\0')
        remove_temp(tmp);
    free(tmp);
    return rc;
}
