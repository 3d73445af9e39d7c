#include "tests/helpers/faults.h"

#include <errno.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

/* ---- the plan ---------------------------------------------------------------------- */

static struct {
    enum fault_kind kind;
    long n; /* fail the nth call; 0: never */
    int persistent;
    int full;
    int on;     /* between faults_go and faults_stop */
    long calls; /* calls of kind while on */
    long failed;
    void (*hook)(void *ctx); /* faults_on_call */
    void *hook_ctx;
} plan;

void faults_on_call(void (*fn)(void *ctx), void *ctx)
{
    plan.hook = fn;
    plan.hook_ctx = ctx;
}

void faults_plan(enum fault_kind kind, long n, int persistent, int full)
{
    plan.kind = kind;
    plan.n = n;
    plan.persistent = persistent;
    plan.full = full;
}

void faults_go(void)
{
    plan.calls = 0;
    plan.failed = 0;
    plan.on = 1;
}

long faults_stop(void)
{
    plan.on = 0;
    return plan.failed;
}

long faults_calls(void)
{
    return plan.calls;
}

const char *faults_kind_name(enum fault_kind kind)
{
    static const char *names[FAULT_KIND_COUNT] = {"write", "sync", "truncate", "read", "malloc"};
    return names[kind];
}

/* Count one call of kind; nonzero when it must fail. */
static int fail_now(enum fault_kind kind)
{
    if (!plan.on || kind != plan.kind)
        return 0;
    plan.calls++;
    if (plan.hook != NULL)
        plan.hook(plan.hook_ctx);
    if (plan.n > 0 && (plan.calls == plan.n || (plan.persistent && plan.calls > plan.n))) {
        plan.failed++;
        return 1;
    }
    return 0;
}

/* ---- the shim VFS -------------------------------------------------------------------- */

struct ffile {
    sqlite3_file base;
    sqlite3_file *real; /* just past this struct */
};

#define REAL(f) (((struct ffile *)(f))->real)

static int f_close(sqlite3_file *f)
{
    return REAL(f)->pMethods->xClose(REAL(f));
}
static int f_read(sqlite3_file *f, void *buf, int amt, sqlite3_int64 ofs)
{
    if (fail_now(FAULT_READ))
        return SQLITE_IOERR_READ;
    return REAL(f)->pMethods->xRead(REAL(f), buf, amt, ofs);
}
static int f_write(sqlite3_file *f, const void *buf, int amt, sqlite3_int64 ofs)
{
    if (fail_now(FAULT_WRITE))
        return plan.full ? SQLITE_FULL : SQLITE_IOERR_WRITE;
    return REAL(f)->pMethods->xWrite(REAL(f), buf, amt, ofs);
}
static int f_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    if (fail_now(FAULT_TRUNCATE))
        return SQLITE_IOERR_TRUNCATE;
    return REAL(f)->pMethods->xTruncate(REAL(f), size);
}
static int f_sync(sqlite3_file *f, int flags)
{
    if (fail_now(FAULT_SYNC))
        return SQLITE_IOERR_FSYNC;
    return REAL(f)->pMethods->xSync(REAL(f), flags);
}
static int f_size(sqlite3_file *f, sqlite3_int64 *size)
{
    return REAL(f)->pMethods->xFileSize(REAL(f), size);
}
static int f_lock(sqlite3_file *f, int l)
{
    return REAL(f)->pMethods->xLock(REAL(f), l);
}
static int f_unlock(sqlite3_file *f, int l)
{
    return REAL(f)->pMethods->xUnlock(REAL(f), l);
}
static int f_reserved(sqlite3_file *f, int *out)
{
    return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}
static int f_control(sqlite3_file *f, int op, void *arg)
{
    return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}
static int f_sector(sqlite3_file *f)
{
    return REAL(f)->pMethods->xSectorSize(REAL(f));
}
static int f_device(sqlite3_file *f)
{
    return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}

/* The WAL index is shared memory, passed through without faults: what the disk does to
 * the WAL and the database is what the tests inject. */
static int f_shm_map(sqlite3_file *f, int pg, int pgsz, int extend, void volatile **pp)
{
    return REAL(f)->pMethods->xShmMap(REAL(f), pg, pgsz, extend, pp);
}
static int f_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
    return REAL(f)->pMethods->xShmLock(REAL(f), offset, n, flags);
}
static void f_shm_barrier(sqlite3_file *f)
{
    REAL(f)->pMethods->xShmBarrier(REAL(f));
}
static int f_shm_unmap(sqlite3_file *f, int delete_flag)
{
    return REAL(f)->pMethods->xShmUnmap(REAL(f), delete_flag);
}

/* Version 2: shared memory for the WAL index; the klantvolg VFS maps no file. */
static const sqlite3_io_methods f_methods = {
    2,          f_close,       f_read,      f_write,   f_truncate, f_sync,   f_size,
    f_lock,     f_unlock,      f_reserved,  f_control, f_sector,   f_device, f_shm_map,
    f_shm_lock, f_shm_barrier, f_shm_unmap, NULL,      NULL,
};

static sqlite3_vfs fvfs;
#define BASE ((sqlite3_vfs *)fvfs.pAppData)

static int f_open(sqlite3_vfs *v, sqlite3_filename name, sqlite3_file *f, int flags, int *out_flags)
{
    (void)v;
    struct ffile *p = (struct ffile *)f;
    memset(p, 0, sizeof *p);
    p->real = (sqlite3_file *)(p + 1);
    int rc = BASE->xOpen(BASE, name, p->real, flags, out_flags);
    if (rc != SQLITE_OK) {
        if (p->real->pMethods != NULL)
            p->real->pMethods->xClose(p->real);
        return rc;
    }
    p->base.pMethods = &f_methods;
    return SQLITE_OK;
}
static int f_delete(sqlite3_vfs *v, const char *name, int sync_dir)
{
    (void)v;
    return BASE->xDelete(BASE, name, sync_dir);
}
static int f_access(sqlite3_vfs *v, const char *name, int flags, int *out)
{
    (void)v;
    return BASE->xAccess(BASE, name, flags, out);
}
static int f_fullpath(sqlite3_vfs *v, const char *name, int n, char *out)
{
    (void)v;
    return BASE->xFullPathname(BASE, name, n, out);
}
static void *f_dlopen(sqlite3_vfs *v, const char *name)
{
    (void)v;
    return BASE->xDlOpen(BASE, name);
}
static void f_dlerror(sqlite3_vfs *v, int n, char *msg)
{
    (void)v;
    BASE->xDlError(BASE, n, msg);
}
static void (*f_dlsym(sqlite3_vfs *v, void *h, const char *sym))(void)
{
    (void)v;
    return BASE->xDlSym(BASE, h, sym);
}
static void f_dlclose(sqlite3_vfs *v, void *h)
{
    (void)v;
    BASE->xDlClose(BASE, h);
}
static int f_random(sqlite3_vfs *v, int n, char *out)
{
    (void)v;
    return BASE->xRandomness(BASE, n, out);
}
static int f_sleep(sqlite3_vfs *v, int us)
{
    (void)v;
    return BASE->xSleep(BASE, us);
}
static int f_time(sqlite3_vfs *v, double *t)
{
    (void)v;
    return BASE->xCurrentTime(BASE, t);
}
static int f_lasterr(sqlite3_vfs *v, int n, char *msg)
{
    (void)v;
    return BASE->xGetLastError(BASE, n, msg);
}
static int f_time64(sqlite3_vfs *v, sqlite3_int64 *t)
{
    (void)v;
    return BASE->xCurrentTimeInt64(BASE, t);
}

int faults_install_vfs(void)
{
    sqlite3_vfs *base = sqlite3_vfs_find(NULL);
    if (base == NULL || base->iVersion < 2)
        return SQLITE_ERROR;
    fvfs.iVersion = 2;
    fvfs.szOsFile = (int)sizeof(struct ffile) + base->szOsFile;
    fvfs.mxPathname = base->mxPathname;
    fvfs.zName = "faults";
    fvfs.pAppData = base;
    fvfs.xOpen = f_open;
    fvfs.xDelete = f_delete;
    fvfs.xAccess = f_access;
    fvfs.xFullPathname = f_fullpath;
    fvfs.xDlOpen = f_dlopen;
    fvfs.xDlError = f_dlerror;
    fvfs.xDlSym = f_dlsym;
    fvfs.xDlClose = f_dlclose;
    fvfs.xRandomness = f_random;
    fvfs.xSleep = f_sleep;
    fvfs.xCurrentTime = f_time;
    fvfs.xGetLastError = f_lasterr;
    fvfs.xCurrentTimeInt64 = f_time64;
    return sqlite3_vfs_register(&fvfs, 1);
}

/* ---- the process's own I/O (linked with -Wl,--wrap=...) ------------------------------ */

ssize_t __real_pwrite(int fd, const void *buf, size_t n, off_t off);
ssize_t __real_pread(int fd, void *buf, size_t n, off_t off);
int __real_fsync(int fd);
int __real_fdatasync(int fd);
int __real_ftruncate(int fd, off_t len);
ssize_t __wrap_pwrite(int fd, const void *buf, size_t n, off_t off);
ssize_t __wrap_pread(int fd, void *buf, size_t n, off_t off);
int __wrap_fsync(int fd);
int __wrap_fdatasync(int fd);
int __wrap_ftruncate(int fd, off_t len);

static int fail_errno(int e)
{
    errno = e;
    return -1;
}

ssize_t __wrap_pwrite(int fd, const void *buf, size_t n, off_t off)
{
    if (fail_now(FAULT_WRITE))
        return fail_errno(plan.full ? ENOSPC : EIO);
    return __real_pwrite(fd, buf, n, off);
}
ssize_t __wrap_pread(int fd, void *buf, size_t n, off_t off)
{
    if (fail_now(FAULT_READ))
        return fail_errno(EIO);
    return __real_pread(fd, buf, n, off);
}
int __wrap_fsync(int fd)
{
    if (fail_now(FAULT_SYNC))
        return fail_errno(EIO);
    return __real_fsync(fd);
}
int __wrap_fdatasync(int fd)
{
    if (fail_now(FAULT_SYNC))
        return fail_errno(EIO);
    return __real_fdatasync(fd);
}
int __wrap_ftruncate(int fd, off_t len)
{
    if (fail_now(FAULT_TRUNCATE))
        return fail_errno(EIO);
    return __real_ftruncate(fd, len);
}

/* ---- SQLite's allocator ------------------------------------------------------------- */

static sqlite3_mem_methods base_mem;

static void *m_malloc(int n)
{
    return fail_now(FAULT_MALLOC) ? NULL : base_mem.xMalloc(n);
}
static void m_free(void *p)
{
    base_mem.xFree(p);
}
static void *m_realloc(void *p, int n)
{
    return fail_now(FAULT_MALLOC) ? NULL : base_mem.xRealloc(p, n);
}
static int m_size(void *p)
{
    return base_mem.xSize(p);
}
static int m_roundup(int n)
{
    return base_mem.xRoundup(n);
}
static int m_init(void *ctx)
{
    return base_mem.xInit(ctx);
}
static void m_shutdown(void *ctx)
{
    base_mem.xShutdown(ctx);
}

int faults_install_malloc(void)
{
    int rc = sqlite3_config(SQLITE_CONFIG_GETMALLOC, &base_mem);
    if (rc != SQLITE_OK)
        return rc;
    static sqlite3_mem_methods mine;
    mine = base_mem;
    mine.xMalloc = m_malloc;
    mine.xFree = m_free;
    mine.xRealloc = m_realloc;
    mine.xSize = m_size;
    mine.xRoundup = m_roundup;
    mine.xInit = m_init;
    mine.xShutdown = m_shutdown;
    return sqlite3_config(SQLITE_CONFIG_MALLOC, &mine);
}
