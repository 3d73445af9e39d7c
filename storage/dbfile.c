#include "storage/dbfile.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* A byte inside the first header copy; SQLite locks bytes near 1 GiB, never this one. */
#define PRESENCE_BYTE 512

struct dbfile {
    int fd;
    dev_t dev;
    ino_t ino;
    bool readonly;
    int refs;
    struct dbfile *next;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct dbfile *open_files;

static int ofd_lock(int fd, short type)
{
    struct flock fl = {.l_type = type, .l_whence = SEEK_SET, .l_start = PRESENCE_BYTE, .l_len = 1};
    return fcntl(fd, F_OFD_SETLK, &fl);
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
