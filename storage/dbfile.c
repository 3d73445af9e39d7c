#include "storage/dbfile.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

/* A byte inside the first header copy; SQLite locks bytes near 1 GiB, never this one. */
#define PRESENCE_BYTE 512
/* The writers' queue (dbfile_queue_enter): the next byte. */
#define QUEUE_BYTE 513

/* The queue's order: tickets from a counter in a small shared file beside the database
 * (PATH-kvq, no data of the database's), one lock byte of that file per ticket's slot. */
#define QSLOTS 1024
struct kvq {
    _Atomic uint64_t tail;          /* the next ticket */
    _Atomic uint64_t ready[QSLOTS]; /* ticket + 1 once its holder locked its slot */
};

struct dbfile {
    int fd;
    char *qname;     /* PATH-kvq, opened at the first write */
    int qfd;         /* or -1: the queue is then the one byte, unordered */
    struct kvq *q;   /* its mapping */
    uint64_t ticket; /* while in the queue */
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

/* Every handle that has PATH-kvq open holds a read lock on this byte of it; the last to
 * close takes it for writing and removes the file, as SQLite removes the WAL. */
#define QPRESENT QSLOTS

/* PATH and a suffix ("-kvq"), malloc'ed; NULL when out of memory. */
static char *sidecar_name(const char *path, const char *suffix)
{
    size_t n = strlen(path) + strlen(suffix) + 1;
    char *name = malloc(n);
    if (name != NULL)
        snprintf(name, n, "%s%s", path, suffix);
    return name;
}

/* Does name still lead to the file open as fd (st its fstat)? */
static bool name_leads_to(const char *name, const struct stat *st)
{
    struct stat now;
    return stat(name, &now) == 0 && now.st_dev == st->st_dev && now.st_ino == st->st_ino;
}

/* The lock byte of ticket t's slot. */
static off_t slot_byte(uint64_t t)
{
    return (off_t)(t % QSLOTS);
}

/* Remove PATH-kvq if no other handle has it open (holds its presence byte), and close. */
static void order_discard(int fd, const char *name)
{
    struct stat st;
    if (ofd_lock_byte(fd, F_OFD_SETLK, F_WRLCK, QPRESENT) == 0 && fstat(fd, &st) == 0 &&
        name_leads_to(name, &st))
        unlink(name);
    close(fd);
}

/* Open PATH-kvq and hold its presence byte; -1 when the file was being removed (or was
 * removed and made anew) in between, so the caller opens it again. */
static int order_open_once(const char *name, const struct stat *db)
{
    int fd = open(name, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, db->st_mode & 0666);
    if (fd < 0)
        return -2;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        goto fail;
    if (ofd_lock_byte(fd, F_OFD_SETLK, F_RDLCK, QPRESENT) != 0) {
        close(fd); /* the last user is removing it */
        return -1;
    }
    if (!name_leads_to(name, &st)) {
        close(fd);
        return -1;
    }
    if (st.st_size == 0) { /* ours, or about to be: undo the umask, take the group */
        (void)fchmod(fd, db->st_mode & 0666);
        (void)fchown(fd, (uid_t)-1, db->st_gid);
    }
    if ((size_t)st.st_size < sizeof(struct kvq) && ftruncate(fd, sizeof(struct kvq)) != 0) {
        order_discard(fd, name);
        return -2;
    }
    return fd;
fail:
    close(fd);
    return -2;
}

/* PATH-kvq, made at a handle's first write as SQLite makes the WAL beside a database: the
 * database's mode and group. When it cannot be had (a read-only directory, say) writers
 * still queue on the one byte, only without their order. */
static void order_open(struct dbfile *f)
{
    struct stat db;
    if (f->qname == NULL || fstat(f->fd, &db) != 0)
        return;
    int fd = -1;
    for (int i = 0; i < 5 && fd == -1; i++)
        fd = order_open_once(f->qname, &db);
    if (fd < 0)
        return;
    void *m = mmap(NULL, sizeof *f->q, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (m == MAP_FAILED) {
        order_discard(fd, f->qname);
        return;
    }
    f->qfd = fd;
    f->q = m;
}

/* The last handle out removes PATH-kvq, so a file nobody writes leaves nothing beside it
 * (a backup, a copy in the making). A handle opening it meanwhile sees the name gone or
 * replaced and opens it again (order_open_once). */
static void order_close(struct dbfile *f)
{
    if (f->q == NULL)
        return;
    munmap(f->q, sizeof *f->q);
    order_discard(f->qfd, f->qname);
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
    f->qfd = -1;
    f->qname = ro ? NULL : sidecar_name(path, "-kvq");
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

/* Block on a lock byte until it is ours or timeout_ms pass. The kernel hands the byte
 * over the moment it is released; a timer interrupts the wait every 50 ms so the
 * deadline is kept (a repeating timer cannot lose its wake-up to a race with the call). */
static int wait_for_lock(int fd, short type, off_t byte, int timeout_ms)
{
    struct sigaction sa = {.sa_handler = wake}, old_sa;
    sigemptyset(&sa.sa_mask); /* no SA_RESTART: the wait must return EINTR */
    struct itimerval tick = {{0, 50000}, {0, 50000}}, old_tick, off = {{0, 0}, {0, 0}};
    if (sigaction(SIGALRM, &sa, &old_sa) != 0)
        return DBFILE_ERRNO;
    setitimer(ITIMER_REAL, &tick, &old_tick);
    long long deadline = monotonic_ms() + timeout_ms;
    int rc;
    while ((rc = ofd_lock_byte(fd, F_OFD_SETLKW, type, byte)) != 0 && errno == EINTR &&
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

/* Take a lock byte at once, or wait for it until deadline (monotonic ms). */
static int take_byte(int fd, short type, off_t byte, long long deadline)
{
    if (ofd_lock_byte(fd, F_OFD_SETLK, type, byte) == 0)
        return DBFILE_OK;
    if (errno != EAGAIN && errno != EACCES)
        return DBFILE_ERRNO;
    long long left = deadline - monotonic_ms();
    return left > 0 ? wait_for_lock(fd, type, byte, (int)left) : DBFILE_BUSY;
}

/* The kernel wakes every waiter of a released byte and the first to run takes it, so a
 * waiter among thirty could lose turn after turn (a save's p99 was eight times its
 * median). A ticket gives each writer its place instead: it holds its own slot's byte and
 * waits for its predecessor's alone, so each release wakes exactly the next in line. A
 * predecessor that died or gave up has no lock left, and the wait ends; the queue byte
 * still keeps two writers from overlapping should the order ever slip. */
/* Give back this handle's place in line: wakes the next. */
static void leave_line(struct dbfile *f)
{
    ofd_lock_byte(f->qfd, F_OFD_SETLK, F_UNLCK, slot_byte(f->ticket));
}

static int wait_in_line(struct dbfile *f, long long deadline)
{
    uint64_t t = atomic_fetch_add(&f->q->tail, 1);
    f->ticket = t;
    int rc = take_byte(f->qfd, F_WRLCK, slot_byte(t), deadline);
    if (rc != DBFILE_OK)
        return rc;
    atomic_store(&f->q->ready[t % QSLOTS], t + 1);
    if (t == 0)
        return DBFILE_OK;
    /* The predecessor takes its slot right after its ticket; one that is not there after
     * 100 ms died in between (or cannot run) and is passed. */
    _Atomic uint64_t *prev = &f->q->ready[(t - 1) % QSLOTS];
    struct timespec nap = {0, 50000};
    for (int i = 0; i < 2000 && atomic_load(prev) < t; i++)
        nanosleep(&nap, NULL);
    rc = take_byte(f->qfd, F_RDLCK, slot_byte(t - 1), deadline);
    if (rc == DBFILE_OK)
        ofd_lock_byte(f->qfd, F_OFD_SETLK, F_UNLCK, slot_byte(t - 1));
    else
        leave_line(f);
    return rc;
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
    if (f->q == NULL && f->qname != NULL) {
        order_open(f);
        if (f->q == NULL) { /* no second try: this handle queues unordered */
            free(f->qname);
            f->qname = NULL;
        }
    }
    long long deadline = monotonic_ms() + (timeout_ms > 0 ? timeout_ms : 0);
    int rc = f->q != NULL ? wait_in_line(f, deadline) : DBFILE_OK;
    if (rc == DBFILE_OK) {
        rc = take_byte(f->fd, F_WRLCK, QUEUE_BYTE, deadline);
        if (rc != DBFILE_OK && f->q != NULL)
            leave_line(f);
    }
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
    if (last) {
        ofd_lock_byte(f->fd, F_OFD_SETLK, F_UNLCK, QUEUE_BYTE);
        if (f->q != NULL)
            leave_line(f);
    }
}

unsigned long long dbfile_queue_tickets(const struct dbfile *f)
{
    return f->q != NULL ? (unsigned long long)atomic_load(&f->q->tail) : 0;
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
    order_close(f);
    free(f->qname);
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
    static const char *const side[] = {"-journal", "-wal", "-shm", "-kvq"};
    for (size_t i = 0; i < sizeof side / sizeof side[0]; i++) {
        char *name = sidecar_name(path, side[i]);
        if (name != NULL)
            unlink(name);
        free(name);
    }
}
