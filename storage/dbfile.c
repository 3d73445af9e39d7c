#include "storage/dbfile.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

/* A byte inside the first header copy; SQLite locks bytes near 1 GiB, never this one. */
#define PRESENCE_BYTE 512
/* The writers' queue (dbfile_queue_enter): the next byte. */
#define QUEUE_BYTE 513

struct dbfile {
    int fd;
    dev_t dev;
    ino_t ino;
    bool readonly;
    int refs;
    int queued; /* connections here in the writers' queue; the lock is held while > 0 */
    struct dbfile *next;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct dbfile *open_files;

static int ofd_lock_byte(int fd, int cmd, short type, off_t byte)
{
    struct flock fl = {.l_type = type, .l_whence = SEEK_SET, .l_start = byte, .l_len = 1};
    return fcntl(fd, cmd, &fl);
}

static int ofd_lock(int fd, short type)
{
    return ofd_lock_byte(fd, F_OFD_SETLK, type, PRESENCE_BYTE);
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Opens the file and takes the shared lock; retries when a rekey renamed a new file
 * into place while we waited on the old one. */
static int open_locked(const char *path, int timeout_ms, int *fd_out, bool *ro, struct stat *st)
{
    for (int waited = 0;;) {
        *ro = false;
        int fd = open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW);
        if (fd < 0 && (errno == EACCES || errno == EROFS)) {
            fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
            *ro = true;
        }
        if (fd < 0)
            return DBFILE_ERRNO;
        if (ofd_lock(fd, F_RDLCK) != 0) {
            int e = errno;
            close(fd);
            if (e != EAGAIN && e != EACCES) {
                errno = e;
                return DBFILE_ERRNO;
            }
            if (waited >= timeout_ms)
                return DBFILE_BUSY;
            sleep_ms(20);
            waited += 20;
            continue;
        }
        struct stat now;
        if (fstat(fd, st) != 0 || stat(path, &now) != 0) {
            int e = errno;
            close(fd);
            errno = e;
            return DBFILE_ERRNO;
        }
        if (now.st_dev == st->st_dev && now.st_ino == st->st_ino) {
            *fd_out = fd;
            return DBFILE_OK;
        }
        close(fd); /* replaced while we waited: open the new one */
    }
}

int dbfile_open(const char *path, int timeout_ms, struct dbfile **out)
{
    int fd;
    bool ro;
    struct stat st;
    int rc = open_locked(path, timeout_ms, &fd, &ro, &st);
    if (rc != DBFILE_OK)
        return rc;
    pthread_mutex_lock(&lock);
    for (struct dbfile *f = open_files; f != NULL; f = f->next) {
        if (f->dev == st.st_dev && f->ino == st.st_ino) {
            f->refs++;
            pthread_mutex_unlock(&lock);
            /* Keep the first descriptor; closing this one would drop POSIX locks, but
             * it holds none yet besides its own OFD lock, which goes with it. */
            close(fd);
            *out = f;
            return DBFILE_OK;
        }
    }
    struct dbfile *f = calloc(1, sizeof *f);
    if (f == NULL) {
        pthread_mutex_unlock(&lock);
        close(fd);
        errno = ENOMEM;
        return DBFILE_ERRNO;
    }
    f->fd = fd;
    f->dev = st.st_dev;
    f->ino = st.st_ino;
    f->readonly = ro;
    f->refs = 1;
    f->next = open_files;
    open_files = f;
    pthread_mutex_unlock(&lock);
    *out = f;
    return DBFILE_OK;
}

int dbfile_lock_exclusive(struct dbfile *f)
{
    if (f->refs > 1)
        return DBFILE_BUSY;
    if (ofd_lock(f->fd, F_WRLCK) != 0)
        return (errno == EAGAIN || errno == EACCES) ? DBFILE_BUSY : DBFILE_ERRNO;
    return DBFILE_OK;
}

/* ---- the writers' queue ------------------------------------------------------------- */

static void wake(int sig)
{
    (void)sig; /* only interrupts the blocked fcntl */
}

static long long monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Block on the queue byte until it is ours or timeout_ms pass. The kernel hands the byte
 * to a waiter the moment it is released; a timer interrupts the wait every 50 ms so the
 * deadline is kept (a repeating timer cannot lose its wake-up to a race with the call). */
/* Give a caller's own ITIMER_REAL back, less the elapsed_ms the wait held it: it runs on
 * as if never paused, and one that fell due during the wait fires at once. */
static void restore_timer(struct itimerval *t, long long elapsed_ms)
{
    if (t->it_value.tv_sec == 0 && t->it_value.tv_usec == 0)
        return; /* none was armed */
    long long left_us =
        (long long)t->it_value.tv_sec * 1000000 + t->it_value.tv_usec - elapsed_ms * 1000;
    if (left_us < 1)
        left_us = 1;
    t->it_value.tv_sec = (time_t)(left_us / 1000000);
    t->it_value.tv_usec = (suseconds_t)(left_us % 1000000);
    setitimer(ITIMER_REAL, t, NULL);
}

static int wait_for_queue(int fd, int timeout_ms)
{
    struct sigaction sa = {.sa_handler = wake}, old_sa;
    sigemptyset(&sa.sa_mask); /* no SA_RESTART: the wait must return EINTR */
    struct itimerval tick = {{0, 50000}, {0, 50000}}, old_tick, off = {{0, 0}, {0, 0}};
    if (sigaction(SIGALRM, &sa, &old_sa) != 0)
        return DBFILE_ERRNO;
    setitimer(ITIMER_REAL, &tick, &old_tick);
    long long deadline = monotonic_ms() + timeout_ms;
    int rc;
    while ((rc = ofd_lock_byte(fd, F_OFD_SETLKW, F_WRLCK, QUEUE_BYTE)) != 0 && errno == EINTR &&
           monotonic_ms() < deadline)
        ;
    int e = errno;
    setitimer(ITIMER_REAL, &off, NULL);
    sigaction(SIGALRM, &old_sa, NULL);
    restore_timer(&old_tick, monotonic_ms() - (deadline - timeout_ms));
    if (rc == 0)
        return DBFILE_OK;
    errno = e;
    return e == EINTR ? DBFILE_BUSY : DBFILE_ERRNO;
}

int dbfile_queue_enter(struct dbfile *f, int timeout_ms)
{
    if (f == NULL || f->readonly)
        return DBFILE_OK;
    pthread_mutex_lock(&lock);
    int first = f->queued++ == 0;
    pthread_mutex_unlock(&lock);
    if (!first)
        return DBFILE_OK; /* the byte belongs to this open file description already */
    int rc = ofd_lock_byte(f->fd, F_OFD_SETLK, F_WRLCK, QUEUE_BYTE) == 0 ? DBFILE_OK
             : (errno == EAGAIN || errno == EACCES)                      ? DBFILE_BUSY
                                                                         : DBFILE_ERRNO;
    if (rc == DBFILE_BUSY && timeout_ms > 0)
        rc = wait_for_queue(f->fd, timeout_ms);
    if (rc != DBFILE_OK) {
        int e = errno;
        pthread_mutex_lock(&lock);
        f->queued--;
        pthread_mutex_unlock(&lock);
        errno = e;
    }
    return rc;
}

void dbfile_queue_leave(struct dbfile *f)
{
    if (f == NULL || f->readonly)
        return;
    pthread_mutex_lock(&lock);
    int last = f->queued > 0 && --f->queued == 0;
    pthread_mutex_unlock(&lock);
    if (last)
        ofd_lock_byte(f->fd, F_OFD_SETLK, F_UNLCK, QUEUE_BYTE);
}

int dbfile_fd(const struct dbfile *f)
{
    return f->fd;
}

bool dbfile_readonly(const struct dbfile *f)
{
    return f->readonly;
}

off_t dbfile_size(const struct dbfile *f)
{
    struct stat st;
    return fstat(f->fd, &st) == 0 ? st.st_size : -1;
}

int dbfile_sync_parent(const char *path)
{
    char *copy = strdup(path);
    if (copy == NULL)
        return -1;
    int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    free(copy);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

void dbfile_close(struct dbfile *f)
{
    if (f == NULL)
        return;
    pthread_mutex_lock(&lock);
    if (--f->refs > 0) {
        pthread_mutex_unlock(&lock);
        return;
    }
    for (struct dbfile **p = &open_files; *p != NULL; p = &(*p)->next) {
        if (*p == f) {
            *p = f->next;
            break;
        }
    }
    pthread_mutex_unlock(&lock);
    close(f->fd);
    free(f);
}

int dbfile_copy_rest(int in, int out)
{
    char buf[65536];
    ssize_t n;
    while ((n = read(in, buf, sizeof buf)) != 0) {
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        for (ssize_t done = 0; done < n;) {
            ssize_t w = write(out, buf + done, (size_t)(n - done));
            if (w < 0 && errno != EINTR)
                return -1;
            if (w > 0)
                done += w;
        }
    }
    return fsync(out);
}

void dbfile_remove_sidecars(const char *path)
{
    static const char *const side[] = {"-journal", "-wal", "-shm"};
    size_t n = strlen(path) + 9;
    char *name = malloc(n);
    if (name == NULL)
        return;
    for (size_t i = 0; i < sizeof side / sizeof side[0]; i++) {
        snprintf(name, n, "%s%s", path, side[i]);
        unlink(name);
    }
    free(name);
}
