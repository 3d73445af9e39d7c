/* faults.h: fault injection for tests, after SQLite's test_vfs.c and test_malloc.c.
 *
 * A shim VFS ("faults") registered as SQLite's default before the klantvolg VFS is
 * registered, so the klantvolg VFS (which wraps whatever sqlite3_vfs_find(NULL) returns
 * at its registration) sits on top of it: every xWrite, xSync, xTruncate and xRead that
 * SQLite makes through klantvolg reaches the disk through this layer. The process's own
 * file I/O outside SQLite (the header's pwrite/pread/fdatasync in crypto/header.c, the
 * fsync of a copy in storage/copy.c and of a directory in storage/dbfile.c) is caught by
 * linking the test with -Wl,--wrap=pwrite,--wrap=pread,--wrap=fsync,--wrap=fdatasync,
 * --wrap=ftruncate: the same counters see it, so the Nth write of an operation is the Nth
 * whichever way it goes to disk.
 *
 * An allocator installed with SQLITE_CONFIG_MALLOC counts SQLite's allocations (malloc
 * and realloc) the same way. It must be installed before anything initialises SQLite.
 *
 * Disarmed, every layer passes everything through unchanged: tests open, check and
 * compare files through the same stack with no faults. */
#ifndef KV_TEST_FAULTS_H
#define KV_TEST_FAULTS_H

enum fault_kind {
    FAULT_WRITE,
    FAULT_SYNC,
    FAULT_TRUNCATE,
    FAULT_READ,
    FAULT_MALLOC,
    FAULT_KIND_COUNT
};

/* Register the shim as the default VFS over the current default. Call before the first
 * db_open (which registers the klantvolg VFS). Returns an SQLite result code. */
int faults_install_vfs(void);

/* Install the counting allocator. Call first in main(), before SQLite is initialised. */
int faults_install_malloc(void);

/* Fail the nth call (1-based) of kind from the next faults_go on; with persistent, every
 * call after it fails too (a disk that stays full, memory that stays short). A failed
 * write says SQLITE_FULL (errno ENOSPC outside SQLite) when full is set, else
 * SQLITE_IOERR_WRITE (EIO). */
void faults_plan(enum fault_kind kind, long n, int persistent, int full);
/* Start and stop counting and failing. faults_stop returns how many calls failed. */
void faults_go(void);
long faults_stop(void);
/* Calls of the planned kind counted between the last faults_go and faults_stop. */
long faults_calls(void);

/* Call fn(ctx) at every call of the planned kind while on, before it is made (or
 * failed): a test can act at the moment a sync reaches the disk. NULL: none. */
void faults_on_call(void (*fn)(void *ctx), void *ctx);

const char *faults_kind_name(enum fault_kind kind);

#endif
