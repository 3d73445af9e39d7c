#include "crypto/vfs.h"

#include "crypto/header.h"
#include "crypto/heldpages.h"
#include "crypto/secmem.h"
#include "crypto/pagecache.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>

/* ---- key bindings ------------------------------------------------------------- */

struct kvfile;

struct binding {
    unsigned id;
    const struct page_key *key;
    int failed;
    char fail_kind;
    uint32_t fail_pgno;
    int write_errno;   /* of the last write the system refused */
    int scratch;       /* kvfs_bind_scratch: journal_mode=MEMORY allowed */
    struct kvfile *db; /* its database file while it has exactly one open (ndb) */
    int ndb;
    struct binding *next;
};

static pthread_mutex_t reg_lock = PTHREAD_MUTEX_INITIALIZER;
static struct binding *bindings;
static unsigned next_id = 1;
static unsigned long memfiles;
static _Atomic unsigned long pages_opened; /* decrypted for a read (kvfs_pages_opened) */
static _Atomic unsigned long pages_read;   /* pages and frames read from disk for SQLite */
static _Atomic unsigned long pages_known;  /* served by their stamp, unread (kvfs_page_reads) */
static void (*nonce_observer)(const unsigned char *, void *);
static void *nonce_observer_ctx;
static int rollback_allowed;

static int bind_key(const struct page_key *k, int scratch, unsigned *handle)
{
    struct binding *b = calloc(1, sizeof *b);
    if (b == NULL)
        return -1;
    b->key = k;
    b->scratch = scratch;
    pthread_mutex_lock(&reg_lock);
    b->id = next_id++;
    b->next = bindings;
    bindings = b;
    pthread_mutex_unlock(&reg_lock);
    *handle = b->id;
    return 0;
}

int kvfs_bind(const struct page_key *k, unsigned *handle)
{
    return bind_key(k, 0, handle);
}

int kvfs_bind_scratch(const struct page_key *k, unsigned *handle)
{
    return bind_key(k, 1, handle);
}

void kvfs_unbind(unsigned handle)
{
    pthread_mutex_lock(&reg_lock);
    for (struct binding **p = &bindings; *p != NULL; p = &(*p)->next) {
        if ((*p)->id == handle) {
            struct binding *b = *p;
            *p = b->next;
            free(b);
            break;
        }
    }
    pthread_mutex_unlock(&reg_lock);
}

/* Bindings are only removed after every connection using them has closed, so the
 * pointer stays valid for the life of a file. */
static struct binding *binding_for(const char *zName)
{
    const char *v = zName ? sqlite3_uri_parameter(zName, "kvkey") : NULL;
    if (v == NULL)
        return NULL;
    unsigned id = (unsigned)strtoul(v, NULL, 10);
    struct binding *found = NULL;
    pthread_mutex_lock(&reg_lock);
    for (struct binding *b = bindings; b != NULL; b = b->next)
        if (b->id == id)
            found = b;
    pthread_mutex_unlock(&reg_lock);
    return found;
}

static void note_failure(struct binding *b, char kind, uint32_t pgno)
{
    pthread_mutex_lock(&reg_lock);
    b->failed = 1;
    b->fail_kind = kind;
    b->fail_pgno = pgno;
    pthread_mutex_unlock(&reg_lock);
}

int kvfs_last_failure(unsigned handle, char *kind, uint32_t *pgno)
{
    int rc = -1;
    pthread_mutex_lock(&reg_lock);
    for (struct binding *b = bindings; b != NULL; b = b->next) {
        if (b->id == handle && b->failed) {
            *kind = b->fail_kind;
            *pgno = b->fail_pgno;
            rc = 0;
        }
    }
    pthread_mutex_unlock(&reg_lock);
    return rc;
}

int kvfs_take_write_errno(unsigned handle)
{
    int e = 0;
    pthread_mutex_lock(&reg_lock);
    for (struct binding *b = bindings; b != NULL; b = b->next) {
        if (b->id == handle) {
            e = b->write_errno;
            b->write_errno = 0;
        }
    }
    pthread_mutex_unlock(&reg_lock);
    return e;
}

unsigned long kvfs_pages_opened(void)
{
    return pages_opened;
}

void kvfs_page_reads(unsigned long *from_disk, unsigned long *known)
{
    *from_disk = pages_read;
    *known = pages_known;
}

unsigned long kvfs_memfiles_opened(void)
{
    pthread_mutex_lock(&reg_lock);
    unsigned long n = memfiles;
    pthread_mutex_unlock(&reg_lock);
    return n;
}

void kvfs_set_nonce_observer(void (*fn)(const unsigned char *, void *), void *ctx)
{
    pthread_mutex_lock(&reg_lock);
    nonce_observer = fn;
    nonce_observer_ctx = ctx;
    pthread_mutex_unlock(&reg_lock);
}

void kvfs_allow_rollback_journal(int yes)
{
    pthread_mutex_lock(&reg_lock);
    rollback_allowed = yes;
    pthread_mutex_unlock(&reg_lock);
}

static void observe_nonce(const unsigned char *sealed_page)
{
    if (nonce_observer != NULL)
        nonce_observer(sealed_page + KV_PAGE_DATA, nonce_observer_ctx);
}

/* ---- files ---------------------------------------------------------------------- */

enum file_kind { KIND_DB, KIND_JOURNAL, KIND_WAL, KIND_MEM };

/* SQLite's WAL: a 32-byte header (salts at 16..23), then frames of a 24-byte header
 * (page number at 0, commit size at 4, the salts again at 8, checksums at 16) and a page. */
#define WAL_HDR 32
#define WAL_FHDR 24
#define WAL_FRAME (WAL_FHDR + KV_PAGE_SIZE)
#define WAL_SALT_OFS 16

/* Where the journal writer is within a page record [pgno 4][page][checksum 4]. */
enum jstate { J_IDLE, J_AFTER_PGNO, J_AFTER_PAGE };

struct kvfile {
    sqlite3_file base;
    enum file_kind kind;
    struct binding *bind;
    sqlite3_int64 offset; /* header bytes hidden from SQLite */
    unsigned char page[KV_PAGE_SIZE];
    unsigned char work[KV_PAGE_SIZE];
    unsigned char frame[WAL_FRAME + 8]; /* KIND_WAL: one frame as on disk, its WAL's salt */
    struct pagecache *cache; /* KIND_DB and KIND_WAL: pages authenticated (pagecache.h) */
    struct heldpages *held;  /* KIND_DB: pages written but held back (heldpages.h) */
    int lock;                /* the lock level this handle holds (SQLITE_LOCK_*) */
    int refuse_writes;       /* KIND_DB: a read snapshot's (kvfs_refuse_writes) */
    int rollback_mode;       /* KIND_DB: page 1 last seen says legacy (rollback) journal */
    enum jstate jstate;
    int hot;                /* a journal that existed before this open: recovery */
    sqlite3_int64 jrec_off; /* offset of the pgno field of the current record */
    uint32_t jpgno;
    /* SQLite reads 16 bytes of page 1 at the start of every transaction; the last
     * authenticated page 1, by its exact bytes on disk, spares decrypting it again. */
    unsigned char p1_raw[KV_PAGE_SIZE];
    unsigned char p1_plain[KV_PAGE_SIZE];
    int p1_valid;
    /* KIND_DB in WAL mode: the WAL index's first region while mapped writable, whether
     * this connection holds the WAL's write lock, and how often it has taken it. */
    const volatile uint32_t **shm; /* its regions, as mapped (shm[0]: the header's) */
    int nshm;
    int wal_writer;
    unsigned write_turns;
    int defer_sync; /* KIND_DB: its WAL's commit sync is put off (kvfs_defer_commit_sync) */
    /* KIND_DB: the stamp its pages carry now (epoch), and the index as it last saw it. */
    uint32_t epoch, seen_salt[2], seen_copied;
    sqlite3_int64 seen_size;
    int seen_valid;
    /* KIND_WAL: its connection's database file (wal_db), 0 until looked for; the
     * WAL's salt as read during write turn salt_turn; the frame header SQLite wrote
     * last and where (fh_ofs, -1: none). */
    struct kvfile *db;
    int db_looked;
    int salt_known;
    unsigned salt_turn;
    unsigned char salt[8];
    sqlite3_int64 fh_ofs;
    unsigned char fh[WAL_FHDR];
    /* KIND_WAL: a header written and not yet synced (that sync is never put off); the
     * last write was a commit frame's page (only the sync right after it may be put off);
     * a commit's sync put off, and its flags (kvfs_wal_sync). */
    int header_unsynced;
    int commit_written;
    int sync_owed, sync_flags;
    unsigned char *mem; /* KIND_MEM contents */
    sqlite3_int64 mem_size, mem_cap;
    sqlite3_file *real; /* points just past this struct; unused for KIND_MEM */
};

static sqlite3_vfs kvfs;
#define REAL_VFS ((sqlite3_vfs *)kvfs.pAppData)

static uint32_t be32(const unsigned char *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static int is_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != 0)
            return 0;
    return 1;
}

/* Every write to a real file goes through here: the errno of one the system refused
 * (a full disk, a file-size limit) is kept, since SQLite's own record of it is lost in
 * the rollback that follows (kvfs_take_write_errno). */
static int real_write(struct kvfile *p, const void *buf, int amt, sqlite3_int64 ofs)
{
    int rc = p->real->pMethods->xWrite(p->real, buf, amt, ofs);
    if (rc != SQLITE_OK) {
        int e = errno;
        pthread_mutex_lock(&reg_lock);
        p->bind->write_errno = (rc & 0xff) == SQLITE_FULL ? ENOSPC : e;
        pthread_mutex_unlock(&reg_lock);
    }
    return rc;
}

static int held_flush(struct kvfile *p);
static void shm_forget(struct kvfile *p);

/* Keep count of a binding's open database files, and which one while it is alone. */
static void bind_db_file(struct kvfile *p, int open)
{
    pthread_mutex_lock(&reg_lock);
    struct binding *b = p->bind;
    if (open) {
        b->db = b->ndb++ == 0 ? p : NULL;
    } else {
        b->ndb--;
        if (b->db == p)
            b->db = NULL; /* (when two were open, the one left stays unknown) */
    }
    pthread_mutex_unlock(&reg_lock);
}

/* Make a commit's sync that was put off (wal_sync), if one is owed. */
static int wal_pay_owed(struct kvfile *w)
{
    if (!w->sync_owed)
        return SQLITE_OK;
    int rc = w->real->pMethods->xSync(w->real, w->sync_flags);
    if (rc == SQLITE_OK)
        w->sync_owed = 0;
    return rc;
}

/* Shared pass-throughs for DB and journal files; a database file's held pages are written
 * before it syncs, closes or gives up its exclusive lock. */
static int kv_close(sqlite3_file *f)
{
    struct kvfile *p = (struct kvfile *)f;
    if (p->kind == KIND_DB)
        bind_db_file(p, 0);
    shm_forget(p);
    held_flush(p);   /* SQLite syncs before it closes: nothing is held unless it failed */
    wal_pay_owed(p); /* owed only after kvfs_wal_sync failed once */
    held_free(p->held);
    p->held = NULL;
    memset(p->page, 0, sizeof p->page);
    memset(p->work, 0, sizeof p->work);
    memset(p->frame, 0, sizeof p->frame);
    memset(p->p1_plain, 0, sizeof p->p1_plain);
    pagecache_free(p->cache);
    p->cache = NULL;
    return p->real->pMethods->xClose(p->real);
}
static int kv_sync(sqlite3_file *f, int flags)
{
    struct kvfile *p = (struct kvfile *)f;
    int rc = held_flush(p);
    return rc != SQLITE_OK ? rc : p->real->pMethods->xSync(p->real, flags);
}
static int kv_lock(sqlite3_file *f, int l)
{
    struct kvfile *p = (struct kvfile *)f;
    if (p->refuse_writes && l >= SQLITE_LOCK_RESERVED)
        return SQLITE_READONLY;
    int rc = p->real->pMethods->xLock(p->real, l);
    if (rc == SQLITE_OK && l > p->lock)
        p->lock = l;
    return rc;
}
static int kv_unlock(sqlite3_file *f, int l)
{
    struct kvfile *p = (struct kvfile *)f;
    /* Nobody else may read the file before the held pages are in it. */
    int held = l < SQLITE_LOCK_EXCLUSIVE ? held_flush(p) : SQLITE_OK;
    int rc = p->real->pMethods->xUnlock(p->real, l);
    if (rc == SQLITE_OK)
        p->lock = l;
    return held != SQLITE_OK ? held : rc;
}
static int kv_check_reserved(sqlite3_file *f, int *out)
{
    struct kvfile *p = (struct kvfile *)f;
    return p->real->pMethods->xCheckReservedLock(p->real, out);
}
static int kv_sector_size(sqlite3_file *f)
{
    struct kvfile *p = (struct kvfile *)f;
    return p->real->pMethods->xSectorSize(p->real);
}
static int kv_device_chars(sqlite3_file *f)
{
    struct kvfile *p = (struct kvfile *)f;
    /* Atomic-write journals would bypass page records; never claim them. */
    return p->real->pMethods->xDeviceCharacteristics(p->real) &
           ~(SQLITE_IOCAP_ATOMIC | SQLITE_IOCAP_ATOMIC512 | SQLITE_IOCAP_ATOMIC1K |
             SQLITE_IOCAP_ATOMIC2K | SQLITE_IOCAP_ATOMIC4K | SQLITE_IOCAP_ATOMIC8K |
             SQLITE_IOCAP_ATOMIC16K | SQLITE_IOCAP_ATOMIC32K | SQLITE_IOCAP_ATOMIC64K |
             SQLITE_IOCAP_BATCH_ATOMIC);
}
static int kv_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
    struct kvfile *p = (struct kvfile *)f;
    sqlite3_int64 n;
    int rc = p->real->pMethods->xFileSize(p->real, &n);
    if (rc != SQLITE_OK)
        return rc;
    if (n < p->offset)
        return SQLITE_CORRUPT; /* the header itself is cut short */
    *size = n - p->offset;
    sqlite3_int64 held_end = (sqlite3_int64)held_last(p->held) * KV_PAGE_SIZE;
    if (held_end > *size)
        *size = held_end; /* pages past the end, held back, are the file's too */
    return SQLITE_OK;
}
static int kv_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    struct kvfile *p = (struct kvfile *)f;
    p->p1_valid = 0;
    p->salt_known = 0;
    p->fh_ofs = -1;
    pagecache_clear(p->cache);
    return p->real->pMethods->xTruncate(p->real, size + p->offset);
}

/* ---- the database file -------------------------------------------------------- */

/* Page 1 says which journal the file is in (bytes 18 and 19: 1 rollback, 2 WAL); only a
 * file in rollback mode holds pages back, as a WAL file's database is written by
 * checkpoints under a shared lock. */
static void note_page1(struct kvfile *p, const unsigned char *plain)
{
    p->rollback_mode = plain[18] == 1 && plain[19] == 1;
}

/* ---- what the WAL index says of the bytes on disk ---------------------------------

 * After another process commits, SQLite drops its whole page cache and reads every page
 * again: among thirty caseworkers that was a hundred reads a save, each a system call
 * for bytes that had not changed. The WAL index tells which cannot have changed, so the
 * pages this file authenticated before (pagecache.h) are served without reading them:
 * - A WAL generation (the salt in the index header) never rewrites a committed frame.
 * - SQLite reads a page from the database file only when the page has no frame between
 *   the checkpointed end (nBackfill) and its snapshot, and while it reads, checkpoints
 *   copy no frame past its snapshot. So such a read finds the page's latest frame at or
 *   below nBackfill (or the file as the generation began). When nBackfill moves on in
 *   the same generation, only the pages of the frames it passed can read otherwise; the
 *   index names them. Any other change (a new generation, a recovery that set nBackfill
 *   back) makes every stamp stale.
 * The index is SQLite's documented format (fileformat2: mxFrame at byte 16, the salts at
 * 32, nBackfill at 96, each frame's page number in the 32 KiB regions after). Only
 * regions SQLite could write are read; any doubt (no mapping, rollback mode, a region
 * that cannot be had) means no stamp, and the bytes are read and compared as before.
 * Reads are ordered against a restart, which stores the new salt before resetting
 * nBackfill. */
#define SHM_MXFRAME_WORD 4
#define SHM_SALT_WORD 8
#define SHM_BACKFILL_WORD 24
#define SHM_HDR_COPY 12 /* words: the second copy of the header */
#define SHM_REGION 32768
#define SHM_HDR_WORDS 34 /* two index headers and the checkpoint info: 136 bytes */
#define SHM_FRAMES 4096  /* frames a region indexes (the first fewer, after the header) */
#define SHM_FRAMES_ONE (SHM_FRAMES - SHM_HDR_WORDS)
#define FORGET_AT_MOST 16384 /* frames passed: more, and every stamp goes stale instead */

static uint32_t shm_word(const volatile uint32_t *shm, int i)
{
    return __atomic_load_n((const uint32_t *)&shm[i], __ATOMIC_ACQUIRE);
}

/* Keep region pg's mapping (NULL: forget it). 0 when there is no room to. */
static int shm_note_region(struct kvfile *p, int pg, void volatile *m)
{
    if (pg >= p->nshm) {
        if (m == NULL)
            return 1;
        int n = pg + 16;
        const volatile uint32_t **grown = realloc(p->shm, (size_t)n * sizeof *grown);
        if (grown == NULL)
            return 0;
        for (int i = p->nshm; i < n; i++)
            grown[i] = NULL;
        p->shm = grown;
        p->nshm = n;
    }
    p->shm[pg] = (const volatile uint32_t *)m;
    return 1;
}

static void shm_forget(struct kvfile *p)
{
    free(p->shm);
    p->shm = NULL;
    p->nshm = 0;
    p->seen_valid = 0;
}

static const volatile uint32_t *shm_head(const struct kvfile *p)
{
    return p->nshm > 0 ? p->shm[0] : NULL;
}

/* Region pg of the index, mapped through SQLite's VFS below (as SQLite would), or NULL. */
static const volatile uint32_t *shm_region(struct kvfile *p, int pg)
{
    if (pg < p->nshm && p->shm[pg] != NULL)
        return p->shm[pg];
    void volatile *m = NULL;
    if (p->real->pMethods->xShmMap(p->real, pg, SHM_REGION, 0, &m) != SQLITE_OK || m == NULL)
        return NULL;
    return shm_note_region(p, pg, m) ? p->shm[pg] : NULL;
}

/* The page number of frame f, as the index records it; 0 when it cannot be had. */
static uint32_t shm_frame_page(struct kvfile *p, uint32_t f)
{
    int pg = (int)((f + SHM_FRAMES - SHM_FRAMES_ONE - 1) / SHM_FRAMES);
    const volatile uint32_t *r = shm_region(p, pg);
    if (r == NULL)
        return 0;
    return pg == 0 ? shm_word(r, SHM_HDR_WORDS + (int)f - 1)
                   : shm_word(r, (int)((f - 1 - SHM_FRAMES_ONE) % SHM_FRAMES));
}

/* Checkpoints copied frames (from, to] into the file: their pages' stamps go. 0 when a
 * page number could not be had (then nothing can be known). */
static int forget_copied(struct kvfile *p, uint32_t from, uint32_t to)
{
    if (to - from > FORGET_AT_MOST)
        return 0;
    for (uint32_t f = from + 1; f <= to; f++) {
        uint32_t pgno = shm_frame_page(p, f);
        if (pgno == 0)
            return 0;
        pagecache_unstamp(p->cache, pgno);
    }
    return 1;
}

/* What the index header says, as one state of it. */
struct shm_state {
    uint32_t end, salt[2], copied; /* mxFrame, aSalt, nBackfill */
};

/* Read the header in SQLite's order (walIndexTryHdr): the first copy, then the second,
 * which a writer stores first; then nBackfill; then the salt again. Only the copies'
 * mxFrame and salt are compared, not SQLite's checksum. 0 when they differ, or when
 * nBackfill is past the end: a restart writes the header before it resets nBackfill. A
 * recovery's new header with the old nBackfill still passes; that is harmless, since a
 * new salt is a new generation (db_stamp) and frames of the same salt copied again write
 * the same bytes. */
static int shm_read_state(const volatile uint32_t *h, struct shm_state *s)
{
    s->end = shm_word(h, SHM_MXFRAME_WORD);
    s->salt[0] = shm_word(h, SHM_SALT_WORD);
    s->salt[1] = shm_word(h, SHM_SALT_WORD + 1);
    if (shm_word(h, SHM_HDR_COPY + SHM_MXFRAME_WORD) != s->end ||
        shm_word(h, SHM_HDR_COPY + SHM_SALT_WORD) != s->salt[0] ||
        shm_word(h, SHM_HDR_COPY + SHM_SALT_WORD + 1) != s->salt[1])
        return 0;
    s->copied = shm_word(h, SHM_BACKFILL_WORD);
    return s->copied <= s->end && shm_word(h, SHM_SALT_WORD) == s->salt[0] &&
           shm_word(h, SHM_SALT_WORD + 1) == s->salt[1];
}

/* A checkpoint that copied the whole WAL may cut the file: a change no frame names. So
 * the file's size is taken as a generation begins and whenever a checkpoint has moved on;
 * 0 when it shrank (or cannot be had), and every stamp must go. A cut and a regrowth
 * between two looks escape this, but what grows the file without a frame are the sealed
 * zeros of db_fill_gap, for pages SQLite freed and never wrote again (secure_delete off;
 * klantvolg sets it on, db.c), whose contents it never reads as data. */
static int db_size_kept(struct kvfile *p)
{
    sqlite3_int64 size;
    if (p->real->pMethods->xFileSize(p->real, &size) != SQLITE_OK)
        size = -1;
    int kept = p->seen_size >= 0 && size >= p->seen_size;
    p->seen_size = size;
    return kept;
}

/* The stamp for the database file's pages now, after taking in what the index says has
 * changed since it was last looked at. A look that finds no one state of the index
 * changes nothing and stamps nothing: the next one takes in both. */
static void db_stamp(struct kvfile *p, struct pagestamp *st)
{
    memset(st, 0, sizeof *st);
    const volatile uint32_t *h = shm_head(p);
    struct shm_state now;
    if (h == NULL || !shm_read_state(h, &now))
        return;
    int same = p->seen_valid && now.salt[0] == p->seen_salt[0] && now.salt[1] == p->seen_salt[1];
    if (!same) {
        /* Every generation starts at nBackfill 0: frames it copies before the next look
         * are forgotten then, whatever nBackfill was when this one read it. */
        p->epoch++;
        now.copied = 0;
        p->seen_size = -1;
        db_size_kept(p);
    } else if (now.copied < p->seen_copied) {
        p->epoch++; /* a recovery set it back */
    } else if (now.copied > p->seen_copied) {
        int known = forget_copied(p, p->seen_copied, now.copied);
        if (known)
            known = db_size_kept(p);
        if (shm_word(h, SHM_SALT_WORD) != now.salt[0] ||
            shm_word(h, SHM_SALT_WORD + 1) != now.salt[1]) { /* the page numbers read may
                                                                 not have been this
                                                                 generation's */
            p->epoch++;
            p->seen_valid = 0;
            return;
        }
        if (!known) /* every stamp goes; the next look counts on from here, not from 0,
                       or a long generation would forget everything at every other look */
            p->epoch++;
    }
    p->seen_valid = 1;
    p->seen_salt[0] = now.salt[0];
    p->seen_salt[1] = now.salt[1];
    p->seen_copied = now.copied;
    st->word[0] = p->epoch;
    st->set = 1;
}

/* The database file of a WAL's connection: the one file its binding has open (each
 * connection binds its own key, db.c); none when it has more (a shared binding). */
static struct kvfile *wal_db(struct kvfile *w)
{
    if (!w->db_looked) {
        pthread_mutex_lock(&reg_lock);
        w->db = w->bind->ndb == 1 ? w->bind->db : NULL;
        pthread_mutex_unlock(&reg_lock);
        w->db_looked = 1;
    }
    return w->db;
}

/* The stamp for frame idx now: the WAL's generation, when idx is at or before the index
 * header's end, which means committed in that salt (the end moves on only at a commit, in
 * SQLite's exclusive locking mode too, and falls to 0 at a restart). A writer's own
 * frames, spilled or uncommitted, lie past it and get no stamp: a rollback leaves them to
 * be written over at the same places. */
static void wal_stamp(struct kvfile *w, uint32_t idx, struct pagestamp *st)
{
    struct kvfile *d = wal_db(w);
    struct shm_state now;
    memset(st, 0, sizeof *st);
    if (d == NULL || shm_head(d) == NULL || !shm_read_state(shm_head(d), &now) || idx > now.end)
        return;
    st->word[0] = now.salt[0];
    st->word[1] = now.salt[1];
    st->set = 1;
}

/* Does the stamp name the generation of this salt (as in the WAL header)? */
static int stamp_is_salt(const struct pagestamp *st, const unsigned char salt[8])
{
    return st->set && memcmp(st->word, salt, 8) == 0;
}

/* Read and authenticate one whole page into dst (p->page, or SQLite's own buffer for a
 * whole-page read, which saves a copy on every cache miss); the entry it leaves in the
 * cache carries the stamp now, taken before the read. */
static int db_open_page_into(struct kvfile *p, uint32_t pgno, unsigned char *dst,
                             const struct pagestamp *now)
{
    sqlite3_int64 off = p->offset + (sqlite3_int64)(pgno - 1) * KV_PAGE_SIZE;
    int rc = p->real->pMethods->xRead(p->real, p->work, KV_PAGE_SIZE, off);
    if (rc == SQLITE_IOERR_SHORT_READ) {
        sqlite3_int64 size;
        if (p->real->pMethods->xFileSize(p->real, &size) == SQLITE_OK && size <= off) {
            memset(dst, 0, KV_PAGE_SIZE);
            return SQLITE_IOERR_SHORT_READ; /* wholly past the end: SQLite expects zeros */
        }
        note_failure(p->bind, 'D', pgno);
        return SQLITE_IOERR_DATA; /* a page cut in half */
    }
    if (rc != SQLITE_OK)
        return rc;
    if (pgno == 1 && p->p1_valid && memcmp(p->work, p->p1_raw, KV_PAGE_SIZE) == 0) {
        memcpy(dst, p->p1_plain, KV_PAGE_SIZE); /* the very bytes already authenticated */
        return SQLITE_OK;
    }
    if (pagecache_get(p->cache, pgno, p->work, dst)) {
        pagecache_stamp(p->cache, pgno, now);
        return SQLITE_OK; /* these very bytes were authenticated before */
    }
    pages_opened++;
    if (page_open(p->bind->key, PAGE_FILE_DB, pgno, p->work, dst) != 0) {
        if (pgno == 1)
            p->p1_valid = 0;
        pagecache_drop(p->cache, pgno);
        note_failure(p->bind, 'D', pgno);
        return SQLITE_IOERR_DATA;
    }
    pagecache_put(p->cache, pgno, p->work, dst);
    pagecache_stamp(p->cache, pgno, now);
    if (pgno == 1) {
        memcpy(p->p1_raw, p->work, KV_PAGE_SIZE);
        memcpy(p->p1_plain, dst, KV_PAGE_SIZE);
        p->p1_valid = 1;
    }
    return SQLITE_OK;
}

/* A page as SQLite would read it: the held copy when there is one, else the disk's. */
static int db_read_page_into(struct kvfile *p, uint32_t pgno, unsigned char *dst)
{
    const unsigned char *held = held_get(p->held, pgno);
    if (held != NULL) {
        memcpy(dst, held, KV_PAGE_SIZE); /* newer than the disk's, and never sealed yet */
        return SQLITE_OK;
    }
    struct pagestamp now; /* taken before the read: bytes read after it are its or newer */
    db_stamp(p, &now);
    if (pagecache_get_stamped(p->cache, pgno, &now, dst)) {
        pages_known++;
        return SQLITE_OK;
    }
    pages_read++;
    int rc = db_open_page_into(p, pgno, dst, &now);
    if (rc == SQLITE_OK && pgno == 1)
        note_page1(p, dst);
    return rc;
}

static int db_read_page(struct kvfile *p, uint32_t pgno)
{
    return db_read_page_into(p, pgno, p->page);
}

/* SQLite reads slices of page 1 (100 bytes at 0, 16 at 24): decrypt whole pages and
 * copy the slice out. */
static int db_read(sqlite3_file *f, void *buf, int amt, sqlite3_int64 ofs)
{
    struct kvfile *p = (struct kvfile *)f;
    unsigned char *out = buf;
    int short_read = 0;
    if (amt == KV_PAGE_SIZE && ofs % KV_PAGE_SIZE == 0)
        return db_read_page_into(p, (uint32_t)(ofs / KV_PAGE_SIZE) + 1, out);
    /* The change-counter read at every transaction start. Every real write of page 1
     * has a fresh random nonce, so an unchanged nonce and tag mean an unchanged page;
     * the slice then comes from the plaintext authenticated earlier, never from disk. */
    if (p->p1_valid && ofs + amt <= KV_PAGE_SIZE) {
        unsigned char nt[KV_PAGE_RESERVE];
        int rc = p->real->pMethods->xRead(p->real, nt, KV_PAGE_RESERVE, p->offset + KV_PAGE_DATA);
        if (rc == SQLITE_OK && memcmp(nt, p->p1_raw + KV_PAGE_DATA, KV_PAGE_RESERVE) == 0) {
            memcpy(out, p->p1_plain + ofs, (size_t)amt);
            return SQLITE_OK;
        }
    }
    while (amt > 0) {
        uint32_t pgno = (uint32_t)(ofs / KV_PAGE_SIZE) + 1;
        int within = (int)(ofs % KV_PAGE_SIZE);
        int n = KV_PAGE_SIZE - within < amt ? KV_PAGE_SIZE - within : amt;
        int rc = db_read_page(p, pgno);
        if (rc == SQLITE_IOERR_SHORT_READ)
            short_read = 1;
        else if (rc != SQLITE_OK)
            return rc;
        memcpy(out, p->page + within, (size_t)n);
        out += n;
        ofs += n;
        amt -= n;
    }
    return short_read ? SQLITE_IOERR_SHORT_READ : SQLITE_OK;
}

/* SQLite does not always write the pages below the one it writes: a page freed in the
 * transaction that allocated it goes onto the freelist unwritten (PGHDR_DONT_WRITE), and a
 * later page may land past it. Plain SQLite leaves a hole that reads as zeros, which it
 * accepts for a free page; here a hole would fail authentication when the page is taken
 * from the freelist again ("disk I/O error", SQLite's trans2 test under cache spill). So
 * a write past the end first fills the gap with sealed zero pages: every page in the file
 * stays sealed, and a hole is never taken for a page. The size is asked afresh (another
 * process may have grown or cut the file since). */
static int db_fill_gap(struct kvfile *p, sqlite3_int64 ofs)
{
    sqlite3_int64 size;
    int rc = p->real->pMethods->xFileSize(p->real, &size);
    if (rc != SQLITE_OK)
        return rc;
    if (size < p->offset || (size - p->offset) % KV_PAGE_SIZE != 0)
        return SQLITE_OK; /* not whole pages: leave it to the reads to say */
    static const unsigned char zero[KV_PAGE_SIZE];
    for (sqlite3_int64 at = size - p->offset; at < ofs; at += KV_PAGE_SIZE) {
        uint32_t pgno = (uint32_t)(at / KV_PAGE_SIZE) + 1;
        if (pgno == 1)
            continue; /* SQLite writes page 1 itself, with its header */
        page_seal(p->bind->key, PAGE_FILE_DB, pgno, zero, p->work, NULL);
        observe_nonce(p->work);
        pagecache_drop(p->cache, pgno); /* no frame will say that it changed */
        if ((rc = p->real->pMethods->xWrite(p->real, p->work, KV_PAGE_SIZE, at + p->offset)) !=
            SQLITE_OK)
            return rc;
    }
    return SQLITE_OK;
}

/* in as SQLite will get it back from a read (its reserve bytes zeroed), in p->page: what
 * the cache and page 1's copy keep of a page just written. */
static const unsigned char *as_read(struct kvfile *p, const unsigned char *in)
{
    memcpy(p->page, in, KV_PAGE_DATA);
    memset(p->page + KV_PAGE_DATA, 0, KV_PAGE_RESERVE);
    return p->page;
}

/* A database file grown by xTruncate (SQLite's pager never does, but a VFS stacked above
 * may: SQLite's crash simulator turns a size hint into one) gets sealed zero pages, as a
 * write past the end does: unix would append plaintext zeros, and a later read of them, or
 * of the whole file, is an authentication error (SQLite's savepoint4 through the crash VFS
 * could then never open the file again). Shrinking cuts whole pages as before. */
static int db_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    struct kvfile *p = (struct kvfile *)f;
    sqlite3_int64 now;
    int rc = held_flush(p);
    if (rc != SQLITE_OK)
        return rc;
    rc = kv_file_size(f, &now);
    if (rc != SQLITE_OK)
        return rc;
    if (size <= now)
        return kv_truncate(f, size);
    if (size % KV_PAGE_SIZE != 0)
        return SQLITE_IOERR_TRUNCATE; /* a part page could never be sealed */
    rc = db_fill_gap(p, size);
    if (rc == SQLITE_OK && (rc = kv_file_size(f, &now)) == SQLITE_OK && now < size)
        rc = kv_truncate(f, size); /* page 1 of an empty file alone: SQLite writes it itself */
    return rc;
}

/* Seal one page and write it to the file. */
static int db_write_through(struct kvfile *p, uint32_t pgno, const unsigned char *in)
{
    sqlite3_int64 ofs = (sqlite3_int64)(pgno - 1) * KV_PAGE_SIZE;
    int gap = db_fill_gap(p, ofs);
    if (gap != SQLITE_OK)
        return gap;
    page_seal(p->bind->key, PAGE_FILE_DB, pgno, in, p->work, NULL);
    observe_nonce(p->work);
    p->p1_valid = 0;
    int rc = real_write(p, p->work, KV_PAGE_SIZE, ofs + p->offset);
    if (rc != SQLITE_OK) {
        pagecache_drop(p->cache, pgno);
        return rc;
    }
    const unsigned char *plain = as_read(p, in);
    pagecache_put(p->cache, pgno, p->work, plain);
    if (pgno == 1) {
        memcpy(p->p1_raw, p->work, KV_PAGE_SIZE);
        memcpy(p->p1_plain, plain, KV_PAGE_SIZE);
        p->p1_valid = 1;
    }
    return rc;
}

/* Write every held page, in page order (a page past the end fills the gap below it only
 * with what is not held). A page that fails is reported and the rest are dropped, as a
 * crash before the sync would lose them: SQLite then rolls back from its journal. */
static int held_flush(struct kvfile *p)
{
    size_t n = held_count(p->held);
    if (n == 0)
        return SQLITE_OK;
    const uint32_t *order = held_sorted(p->held);
    int rc = SQLITE_OK;
    for (size_t i = 0; i < n && rc == SQLITE_OK; i++)
        rc = db_write_through(p, order[i], held_get(p->held, order[i]));
    held_clear(p->held);
    return rc;
}

/* Hold the page back when this handle may: it writes under the exclusive lock of a
 * rollback-mode file. A page already held is always replaced where it is, whatever else
 * changed meanwhile (page 1 switching the file to WAL): written through, it would be
 * overwritten by its older copy at the flush. 1: held; 0: write it through; else an
 * error code from making room. */
static int held_keep(struct kvfile *p, uint32_t pgno, const unsigned char *in)
{
    if (p->held == NULL)
        return 0;
    int again = held_get(p->held, pgno) != NULL;
    if (!again && (p->lock < SQLITE_LOCK_EXCLUSIVE || !p->rollback_mode))
        return 0;
    if (pgno == 1)
        p->p1_valid = 0; /* its slices must come from the held page, not the disk's */
    if (held_put(p->held, pgno, as_read(p, in)) == 0)
        return 1;           /* (a page held already is replaced in place: never full) */
    int rc = held_flush(p); /* full: the pages held so far go out, and this one waits */
    if (rc != SQLITE_OK)
        return rc;
    return held_put(p->held, pgno, as_read(p, in)) == 0; /* else no memory: write it */
}

static int db_write(sqlite3_file *f, const void *buf, int amt, sqlite3_int64 ofs)
{
    struct kvfile *p = (struct kvfile *)f;
    const unsigned char *in = buf;
    if (amt != KV_PAGE_SIZE || ofs % KV_PAGE_SIZE != 0)
        return SQLITE_IOERR_WRITE; /* never pass a partial page through in plaintext */
    uint32_t pgno = (uint32_t)(ofs / KV_PAGE_SIZE) + 1;
    /* Byte 20 of page 1 is SQLite's reserve count: without our reserve the nonce and
     * tag would overwrite the end of every page. */
    if (pgno == 1) {
        if (in[20] != KV_PAGE_RESERVE)
            return SQLITE_IOERR_WRITE;
        note_page1(p, in);
    }
    int held = held_keep(p, pgno, in);
    if (held == 1)
        return SQLITE_OK;
    if (held != 0)
        return held;
    return db_write_through(p, pgno, in);
}

static int refuse_pragma(char **a, const char *why)
{
    a[0] = sqlite3_mprintf("klantvolg: %s", why);
    return SQLITE_ERROR;
}

/* Pragmas that would undo the format's guarantees are refused here, where every
 * connection passes, rather than trusted to callers. */
static int check_pragma(const struct binding *b, char **a)
{
    const char *name = a[1], *val = a[2];
    if (val == NULL)
        return SQLITE_NOTFOUND;
    if (strcasecmp(name, "journal_mode") == 0 && strcasecmp(val, "wal") != 0 &&
        !(rollback_allowed && strcasecmp(val, "delete") == 0) &&
        !(b->scratch && strcasecmp(val, "memory") == 0))
        return refuse_pragma(a, "only journal_mode=WAL is supported");
    if (strcasecmp(name, "page_size") == 0 && atoi(val) != KV_PAGE_SIZE)
        return refuse_pragma(a, "the page size is fixed at 4096");
    if (strcasecmp(name, "mmap_size") == 0 && atoll(val) != 0)
        return refuse_pragma(a, "memory mapping is not supported");
    if (strcasecmp(name, "temp_store") == 0 && strcasecmp(val, "memory") != 0 &&
        strcmp(val, "2") != 0)
        return refuse_pragma(a, "temporary storage must stay in memory");
    if (strcasecmp(name, "synchronous") == 0 && strcasecmp(val, "full") != 0 &&
        strcasecmp(val, "extra") != 0 && strcmp(val, "2") != 0 && strcmp(val, "3") != 0)
        return refuse_pragma(a, "synchronous must stay FULL");
    return SQLITE_NOTFOUND;
}

static int db_file_control(sqlite3_file *f, int op, void *arg)
{
    struct kvfile *p = (struct kvfile *)f;
    switch (op) {
    case SQLITE_FCNTL_PRAGMA:
        return check_pragma(p->bind, arg);
    case SQLITE_FCNTL_SYNC: {
        /* Sent before every sync of a commit, and in its place under synchronous=OFF:
         * the pages must be in the file before the journal is finalised. */
        int rc = held_flush(p);
        return rc != SQLITE_OK ? rc : p->real->pMethods->xFileControl(p->real, op, arg);
    }
    case SQLITE_FCNTL_MMAP_SIZE:
        *(sqlite3_int64 *)arg = 0;
        return SQLITE_OK;
    case SQLITE_FCNTL_SIZE_HINT: {
        sqlite3_int64 hint = *(sqlite3_int64 *)arg + p->offset;
        return p->real->pMethods->xFileControl(p->real, op, &hint);
    }
    default:
        return p->real->pMethods->xFileControl(p->real, op, arg);
    }
}

/* The WAL index (-shm) is SQLite's own: the unix VFS maps it beside the database. It
 * holds page numbers, frame numbers, salts and checksums, never page contents, and stays
 * plaintext (README, "Security model"). */
static int kv_shm_map(sqlite3_file *f, int pg, int pgsz, int extend, void volatile **pp)
{
    struct kvfile *p = (struct kvfile *)f;
    if (p->real->pMethods->iVersion < 2 || p->real->pMethods->xShmMap == NULL)
        return SQLITE_IOERR_SHMMAP; /* a VFS below without shared memory: no WAL */
    int rc = p->real->pMethods->xShmMap(p->real, pg, pgsz, extend, pp);
    /* SQLITE_READONLY: a read-only index, which SQLite may not trust (no stamps). */
    if (pgsz == SHM_REGION && !shm_note_region(p, pg, rc == SQLITE_OK ? *pp : NULL))
        shm_forget(p);
    return rc;
}
/* Slot 0 of the WAL index's locks is SQLite's write lock (WAL_WRITE_LOCK). */
static int kv_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
    struct kvfile *p = (struct kvfile *)f;
    if (p->refuse_writes && offset == 0 && (flags & SQLITE_SHM_LOCK) &&
        (flags & SQLITE_SHM_EXCLUSIVE))
        return SQLITE_READONLY;
    int rc = p->real->pMethods->xShmLock(p->real, offset, n, flags);
    if (offset == 0 && (flags & SQLITE_SHM_UNLOCK)) {
        p->wal_writer = 0;
    } else if (offset == 0 && rc == SQLITE_OK && (flags & SQLITE_SHM_EXCLUSIVE)) {
        p->wal_writer = 1;
        p->write_turns++;
    }
    return rc;
}
static void kv_shm_barrier(sqlite3_file *f)
{
    struct kvfile *p = (struct kvfile *)f;
    p->real->pMethods->xShmBarrier(p->real);
}
static int kv_shm_unmap(sqlite3_file *f, int delete_flag)
{
    struct kvfile *p = (struct kvfile *)f;
    shm_forget(p);
    p->wal_writer = 0;
    return p->real->pMethods->xShmUnmap(p->real, delete_flag);
}

/* Version 2: shared memory for the WAL index, but no xFetch (version 3), so SQLite
 * never maps the file and reads plaintext through us only. */
static const sqlite3_io_methods db_methods = {
    2,
    kv_close,
    db_read,
    db_write,
    db_truncate,
    kv_sync,
    kv_file_size,
    kv_lock,
    kv_unlock,
    kv_check_reserved,
    db_file_control,
    kv_sector_size,
    kv_device_chars,
    kv_shm_map,
    kv_shm_lock,
    kv_shm_barrier,
    kv_shm_unmap,
    NULL,
    NULL,
};

static const sqlite3_io_methods wal_methods;

/* db's handle on its main file, when that file is this VFS's database file; else NULL. */
static struct kvfile *main_file(sqlite3 *db)
{
    sqlite3_file *f = NULL;
    int rc = sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &f);
    return rc == SQLITE_OK && f != NULL && f->pMethods == &db_methods ? (struct kvfile *)f : NULL;
}

long kvfs_wal_backlog(sqlite3 *db)
{
    struct kvfile *p = main_file(db);
    const volatile uint32_t *h = p != NULL ? shm_head(p) : NULL;
    if (h == NULL)
        return -1;
    uint32_t copied = shm_word(h, SHM_BACKFILL_WORD);
    uint32_t end = shm_word(h, SHM_MXFRAME_WORD);
    return end > copied ? (long)(end - copied) : 0;
}

int kvfs_refuse_writes(sqlite3 *db, int on)
{
    struct kvfile *p = main_file(db);
    if (p == NULL)
        return SQLITE_MISUSE;
    p->refuse_writes = on;
    return SQLITE_OK;
}

int kvfs_defer_commit_sync(sqlite3 *db, int on)
{
    struct kvfile *p = main_file(db);
    if (p == NULL)
        return SQLITE_MISUSE;
    p->defer_sync = on;
    return SQLITE_OK;
}

/* The connection's WAL, when this VFS opened it; else NULL. */
static struct kvfile *wal_file(sqlite3 *db)
{
    sqlite3_file *f = NULL;
    int rc = sqlite3_file_control(db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &f);
    return rc == SQLITE_OK && f != NULL && f->pMethods == &wal_methods ? (struct kvfile *)f : NULL;
}

int kvfs_wal_sync(sqlite3 *db)
{
    struct kvfile *w = wal_file(db);
    return w != NULL ? wal_pay_owed(w) : SQLITE_OK;
}

int kvfs_verify_page(sqlite3 *db, uint32_t pgno)
{
    struct kvfile *p = main_file(db);
    if (p == NULL)
        return SQLITE_MISUSE;
    struct pagestamp now;
    db_stamp(p, &now);
    return db_open_page_into(p, pgno, p->page, &now); /* the disk's page, never a held
                                                         one, nor a stamped one */
}

/* ---- the rollback journal ------------------------------------------------------- */

static const unsigned char journal_magic[8] = {0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7};
#define JOURNAL_HDR_FIELDS 28

/* A journal header: SQLite's 28 bytes of fields (magic, record count, checksum nonce,
 * original page count, sector and page size), then our MAC over them, then zeros to
 * the sector. The MAC binds the fields to the database and to the header's offset, so
 * nobody without the key can make a journal that truncates the file (nOrig) or cuts
 * playback short (nRec). */
#define JHDR_MAC_BYTES 32
#define JHDR_SEALED (JOURNAL_HDR_FIELDS + JHDR_MAC_BYTES)

static void jhdr_mac(const struct kvfile *p, const unsigned char *fields, sqlite3_int64 ofs,
                     unsigned char out[JHDR_MAC_BYTES])
{
    static const char domain[] = "klantvolg journal header";
    unsigned char off[8];
    for (int i = 0; i < 8; i++)
        off[i] = (unsigned char)((uint64_t)ofs >> (8 * i));
    crypto_generichash_state st;
    crypto_generichash_init(&st, p->bind->key->mackey, KV_KEY_BYTES, JHDR_MAC_BYTES);
    crypto_generichash_update(&st, (const unsigned char *)domain, sizeof domain);
    crypto_generichash_update(&st, p->bind->key->dbid, KV_DBID_BYTES);
    crypto_generichash_update(&st, off, sizeof off);
    crypto_generichash_update(&st, fields, JOURNAL_HDR_FIELDS);
    crypto_generichash_final(&st, out, JHDR_MAC_BYTES);
}

/* Recovery reads a header's magic before its fields: the whole header must be ours. */
static int jhdr_verify(struct kvfile *p, sqlite3_int64 ofs)
{
    unsigned char h[JHDR_SEALED], want[JHDR_MAC_BYTES];
    int rc = p->real->pMethods->xRead(p->real, h, sizeof h, ofs);
    if (rc == SQLITE_OK) {
        jhdr_mac(p, h, ofs, want);
        if (sodium_memcmp(want, h + JOURNAL_HDR_FIELDS, JHDR_MAC_BYTES) == 0)
            return SQLITE_OK;
    }
    note_failure(p->bind, 'J', 0);
    return SQLITE_IOERR_DATA;
}

/* In a hot journal, two 8-byte reads return the journal magic: a header's start, and
 * the end of a journal that names a super-journal. This format never writes a
 * super-journal name, and SQLite would delete a hot journal whose super-journal is
 * missing, unplayed: so a name is forgery and refused, the journal kept. */
static int jrn_read_magic(struct kvfile *p, const unsigned char *buf, sqlite3_int64 ofs)
{
    sqlite3_int64 size;
    if (memcmp(buf, journal_magic, 8) != 0)
        return SQLITE_OK;
    int rc = p->real->pMethods->xFileSize(p->real, &size);
    if (rc != SQLITE_OK)
        return rc;
    if (ofs + 8 == size) {
        note_failure(p->bind, 'J', 0);
        return SQLITE_IOERR_DATA;
    }
    return jhdr_verify(p, ofs);
}

/* A page-sized read is the page of a record whose pgno sits in the 4 bytes before it. */
static int jrn_read(sqlite3_file *f, void *buf, int amt, sqlite3_int64 ofs)
{
    struct kvfile *p = (struct kvfile *)f;
    if (amt != KV_PAGE_SIZE || ofs < 4) {
        int rc = p->real->pMethods->xRead(p->real, buf, amt, ofs);
        if (rc == SQLITE_OK && p->hot && amt == 8)
            rc = jrn_read_magic(p, buf, ofs);
        return rc;
    }
    unsigned char pg[4];
    int rc = p->real->pMethods->xRead(p->real, pg, 4, ofs - 4);
    if (rc != SQLITE_OK)
        return rc;
    rc = p->real->pMethods->xRead(p->real, p->work, KV_PAGE_SIZE, ofs);
    if (rc != SQLITE_OK)
        return rc; /* a short read ends playback, which is right for a torn tail */
    uint32_t pgno = be32(pg);
    if (page_open(p->bind->key, PAGE_FILE_JOURNAL, pgno, p->work, buf) != 0) {
        /* Never zeros: SQLite would take a bad record as the end of the journal and
         * delete it, leaving a half-written database. */
        note_failure(p->bind, 'J', pgno);
        return SQLITE_IOERR_DATA;
    }
    return SQLITE_OK;
}

/* SQLite marks a synced journal live by writing magic and record count (12 bytes) over
 * the header it wrote with zeros there: the MAC is renewed in the same write, so a
 * process killed at any moment leaves a header that is either not live or sealed. */
static int jrn_write_live(struct kvfile *p, const unsigned char *in, sqlite3_int64 ofs)
{
    unsigned char h[JHDR_SEALED];
    int rc = p->real->pMethods->xRead(p->real, h, JOURNAL_HDR_FIELDS, ofs);
    if (rc != SQLITE_OK)
        return rc == SQLITE_IOERR_SHORT_READ ? SQLITE_IOERR_WRITE : rc;
    memcpy(h, in, 12);
    jhdr_mac(p, h, ofs, h + JOURNAL_HDR_FIELDS);
    return real_write(p, h, sizeof h, ofs);
}

/* Records are written as three calls: pgno (4 bytes), the page, the checksum (4).
 * Headers are written in sector-sized pieces that may be as large as a page, so the
 * record is recognised by that sequence, not by size. Anything else that is not a
 * journal header (magic or zeros, then 28 bytes of fields, then zeros) is refused;
 * a header gets its MAC after the fields. */
static int jrn_write(sqlite3_file *f, const void *buf, int amt, sqlite3_int64 ofs)
{
    struct kvfile *p = (struct kvfile *)f;
    const unsigned char *in = buf;
    if (amt == 4) {
        if (p->jstate == J_AFTER_PAGE && ofs == p->jrec_off + 4 + KV_PAGE_SIZE) {
            p->jstate = J_IDLE; /* the record's checksum */
        } else {
            p->jstate = J_AFTER_PGNO;
            p->jrec_off = ofs;
            p->jpgno = be32(in);
        }
        return real_write(p, buf, amt, ofs);
    }
    if (amt == KV_PAGE_SIZE && p->jstate == J_AFTER_PGNO && ofs == p->jrec_off + 4) {
        page_seal(p->bind->key, PAGE_FILE_JOURNAL, p->jpgno, in, p->work, NULL);
        observe_nonce(p->work);
        p->jstate = J_AFTER_PAGE;
        return real_write(p, p->work, KV_PAGE_SIZE, ofs);
    }
    p->jstate = J_IDLE;
    if (amt == 12 && memcmp(in, journal_magic, 8) == 0)
        return jrn_write_live(p, in, ofs);
    if (amt <= JOURNAL_HDR_FIELDS)
        return real_write(p, buf, amt, ofs);
    int header = amt >= JHDR_SEALED && amt <= KV_PAGE_SIZE &&
                 (memcmp(in, journal_magic, 8) == 0 || is_zero(in, 8)) &&
                 is_zero(in + JOURNAL_HDR_FIELDS, (size_t)(amt - JOURNAL_HDR_FIELDS));
    if (!header)
        return SQLITE_IOERR_WRITE;
    memcpy(p->work, in, (size_t)amt);
    jhdr_mac(p, in, ofs, p->work + JOURNAL_HDR_FIELDS);
    return real_write(p, p->work, amt, ofs);
}

static int jrn_file_control(sqlite3_file *f, int op, void *arg)
{
    struct kvfile *p = (struct kvfile *)f;
    return p->real->pMethods->xFileControl(p->real, op, arg);
}

static const sqlite3_io_methods jrn_methods = {
    1,
    kv_close,
    jrn_read,
    jrn_write,
    kv_truncate,
    kv_sync,
    kv_file_size,
    kv_lock,
    kv_unlock,
    kv_check_reserved,
    jrn_file_control,
    kv_sector_size,
    kv_device_chars,
    NULL,
    NULL,
    NULL,
    NULL,
    NULL,
    NULL,
};

/* ---- the write-ahead log ------------------------------------------------------------ */

/* Frame idx (1-based) when ofs is within bytes into a frame. */
static int wal_frame_at(sqlite3_int64 ofs, int within, uint32_t *idx)
{
    if (ofs < WAL_HDR + within || (ofs - WAL_HDR - within) % WAL_FRAME != 0)
        return 0;
    *idx = (uint32_t)((ofs - WAL_HDR - within) / WAL_FRAME) + 1;
    return 1;
}

static sqlite3_int64 wal_frame_ofs(uint32_t idx)
{
    return WAL_HDR + (sqlite3_int64)(idx - 1) * WAL_FRAME;
}

static int wal_read_salt(struct kvfile *p, unsigned char salt[8])
{
    int rc = p->real->pMethods->xRead(p->real, salt, 8, WAL_SALT_OFS);
    return rc == SQLITE_IOERR_SHORT_READ ? SQLITE_IOERR_READ : rc;
}

/* What the frame header on disk and the WAL header say, for page_seal_frame. */
static void wal_frame_of(const unsigned char salt[8], const unsigned char *fhdr, uint32_t idx,
                         struct wal_frame *w)
{
    memcpy(w->salt, salt, 8);
    w->pgno = be32(fhdr);
    w->commit = be32(fhdr + 4);
    w->index = idx;
}

static int wal_open_page(struct kvfile *p, const unsigned char salt[8], uint32_t idx,
                         const unsigned char *fhdr, const unsigned char *sealed, unsigned char *out)
{
    struct wal_frame w;
    wal_frame_of(salt, fhdr, idx, &w);
    return page_open_frame(p->bind->key, &w, sealed, out);
}

/* After frame idx failed to authenticate during recovery: is there a later frame of
 * this WAL generation (same salt) that is the authentic end of a transaction? Then the
 * bad frame lies inside the committed log, and dropping it would drop that commit. */
static int wal_commit_after(struct kvfile *p, uint32_t idx, const unsigned char salt[8])
{
    sqlite3_int64 size;
    if (p->real->pMethods->xFileSize(p->real, &size) != SQLITE_OK)
        return 1; /* unknown: never silently lose a commit */
    for (uint32_t j = idx + 1; wal_frame_ofs(j) + WAL_FRAME <= size; j++) {
        unsigned char fh[WAL_FHDR];
        sqlite3_int64 ofs = wal_frame_ofs(j);
        if (p->real->pMethods->xRead(p->real, fh, WAL_FHDR, ofs) != SQLITE_OK)
            return 1;
        if (memcmp(fh + 8, salt, 8) != 0 || be32(fh + 4) == 0)
            continue;
        if (p->real->pMethods->xRead(p->real, p->frame, WAL_FRAME, ofs) != SQLITE_OK)
            return 1;
        if (wal_open_page(p, salt, j, p->frame, p->frame + WAL_FHDR, p->page) == 0)
            return 1;
    }
    return 0;
}

/* A whole frame: recovery reading the log from its start (and SQLite rewriting the
 * checksums of frames it overwrote). */
static int wal_read_frame(struct kvfile *p, unsigned char *buf, uint32_t idx, sqlite3_int64 ofs)
{
    unsigned char salt[8];
    int rc = p->real->pMethods->xRead(p->real, p->frame, WAL_FRAME, ofs);
    if (rc == SQLITE_OK)
        rc = wal_read_salt(p, salt);
    if (rc != SQLITE_OK) {
        memset(buf, 0, WAL_FRAME);
        return rc;
    }
    memcpy(buf, p->frame, WAL_FHDR);
    /* Another generation's frame (left behind by a reset): SQLite's salt check ends the
     * log here; nothing needs opening. */
    if (memcmp(p->frame + 8, salt, 8) != 0 || be32(p->frame) == 0) {
        memset(buf + WAL_FHDR, 0, KV_PAGE_SIZE);
        return SQLITE_OK;
    }
    if (wal_open_page(p, salt, idx, p->frame, p->frame + WAL_FHDR, buf + WAL_FHDR) == 0)
        return SQLITE_OK;
    uint32_t pgno = be32(p->frame);
    if (wal_commit_after(p, idx, salt)) {
        memset(buf, 0, WAL_FRAME);
        note_failure(p->bind, 'W', pgno);
        return SQLITE_IOERR_DATA;
    }
    /* A torn tail after the last commit: a zero page number makes SQLite end the log
     * here, as it would for a bad checksum, and drop the uncommitted frames. */
    memset(buf, 0, WAL_FRAME);
    return SQLITE_OK;
}

static int wal_read(sqlite3_file *f, void *buf, int amt, sqlite3_int64 ofs)
{
    struct kvfile *p = (struct kvfile *)f;
    uint32_t idx;
    p->commit_written = 0; /* a sync after this is no commit's (wal_sync) */
    if (amt == WAL_FRAME && wal_frame_at(ofs, 0, &idx))
        return wal_read_frame(p, buf, idx, ofs);
    if (amt == KV_PAGE_SIZE && wal_frame_at(ofs, WAL_FHDR, &idx)) {
        /* A page the WAL index names: committed, so it must be authentic. */
        struct pagestamp gen;
        wal_stamp(p, idx, &gen);
        if (pagecache_get_stamped(p->cache, idx, &gen, buf)) {
            pages_known++;
            return SQLITE_OK;
        }
        pages_read++;
        unsigned char salt[8];
        int rc = p->real->pMethods->xRead(p->real, p->frame, WAL_FRAME, ofs - WAL_FHDR);
        if (rc == SQLITE_OK)
            rc = wal_read_salt(p, salt);
        if (rc == SQLITE_IOERR_SHORT_READ)
            rc = SQLITE_IOERR_DATA; /* the index names a frame the file lacks */
        if (rc == SQLITE_OK)        /* the cache compares the frame with the salt it opened under */
            memcpy(p->frame + WAL_FRAME, salt, 8);
        if (rc == SQLITE_OK && pagecache_get(p->cache, idx, p->frame, buf)) {
            if (stamp_is_salt(&gen, salt))
                pagecache_stamp(p->cache, idx, &gen);
            return SQLITE_OK;
        }
        if (rc == SQLITE_OK) {
            pages_opened++;
            if (wal_open_page(p, salt, idx, p->frame, p->frame + WAL_FHDR, buf) != 0)
                rc = SQLITE_IOERR_DATA;
        }
        if (rc == SQLITE_OK) {
            pagecache_put(p->cache, idx, p->frame, buf);
            if (stamp_is_salt(&gen, salt))
                pagecache_stamp(p->cache, idx, &gen);
        }
        if (rc == SQLITE_IOERR_DATA)
            note_failure(p->bind, 'W', be32(p->frame));
        if (rc != SQLITE_OK)
            memset(buf, 0, KV_PAGE_SIZE);
        return rc;
    }
    if (amt == KV_PAGE_SIZE)
        return SQLITE_IOERR_READ; /* a page-sized read that is no frame's page */
    /* The WAL header, a frame header's checksums: no page contents. */
    return p->real->pMethods->xRead(p->real, buf, amt, ofs);
}

/* A writer seals every page it writes with the WAL's salt and what the frame header before
 * it says. Both were read back from the file for each page; they are known instead:
 * - The salt changes only when the WAL starts again or is cut, which takes the write
 *   lock: as read once in a write turn it holds to the turn's end, or to the header this
 *   writer writes itself when it starts the WAL again.
 * - The frame header is the one SQLite wrote just before the page. */
static void wal_note_header(struct kvfile *p, const unsigned char *buf, int amt, sqlite3_int64 ofs,
                            int rc)
{
    struct kvfile *d = wal_db(p);
    p->fh_ofs = -1;
    if (rc != SQLITE_OK) {
        p->salt_known = 0;
        return;
    }
    if (amt == WAL_FHDR) {
        p->fh_ofs = ofs;
        memcpy(p->fh, buf, WAL_FHDR);
    } else if (d != NULL && d->wal_writer) {
        memcpy(p->salt, buf + WAL_SALT_OFS, 8);
        p->salt_turn = d->write_turns;
        p->salt_known = 1;
    } else {
        p->salt_known = 0;
    }
}

static int wal_write_salt(struct kvfile *p, unsigned char salt[8])
{
    struct kvfile *d = wal_db(p);
    int turn = d != NULL && d->wal_writer;
    if (turn && p->salt_known && p->salt_turn == d->write_turns) {
        memcpy(salt, p->salt, 8);
        return SQLITE_OK;
    }
    int rc = wal_read_salt(p, salt);
    p->salt_known = rc == SQLITE_OK && turn;
    if (p->salt_known) {
        memcpy(p->salt, salt, 8);
        p->salt_turn = d->write_turns;
    }
    return rc;
}

/* SQLite writes a frame as its header, then its page (or, overwriting a frame of the
 * open transaction, the page alone): the page is sealed with what the header before it
 * on disk says. Anything else that is not the WAL header or a frame header is refused,
 * so no page contents ever reach the file in plaintext. */
static int wal_write(sqlite3_file *f, const void *buf, int amt, sqlite3_int64 ofs)
{
    struct kvfile *p = (struct kvfile *)f;
    uint32_t idx;
    if (amt == KV_PAGE_SIZE && wal_frame_at(ofs, WAL_FHDR, &idx)) {
        unsigned char salt[8], fh[WAL_FHDR];
        struct wal_frame w;
        int rc = SQLITE_OK;
        if (p->fh_ofs == ofs - WAL_FHDR)
            memcpy(fh, p->fh, WAL_FHDR);
        else
            rc = p->real->pMethods->xRead(p->real, fh, WAL_FHDR, ofs - WAL_FHDR);
        if (rc == SQLITE_OK)
            rc = wal_write_salt(p, salt);
        if (rc != SQLITE_OK)
            return rc == SQLITE_IOERR_SHORT_READ || rc == SQLITE_IOERR_READ ? SQLITE_IOERR_WRITE
                                                                            : rc;
        wal_frame_of(salt, fh, idx, &w);
        page_seal_frame(p->bind->key, &w, buf, p->work, NULL);
        observe_nonce(p->work);
        rc = real_write(p, p->work, KV_PAGE_SIZE, ofs);
        p->commit_written = rc == SQLITE_OK && w.commit != 0;
        if (rc != SQLITE_OK) {
            pagecache_drop(p->cache, idx);
            return rc;
        }
        /* The frame as a read will find it, with the salt it was sealed under. */
        memcpy(p->frame, fh, WAL_FHDR);
        memcpy(p->frame + WAL_FHDR, p->work, KV_PAGE_SIZE);
        memcpy(p->frame + WAL_FRAME, salt, 8);
        pagecache_put(p->cache, idx, p->frame, as_read(p, buf));
        return SQLITE_OK;
    }
    if ((amt == WAL_FHDR && wal_frame_at(ofs, 0, &idx)) || (amt == WAL_HDR && ofs == 0)) {
        int rc = real_write(p, buf, amt, ofs);
        wal_note_header(p, buf, amt, ofs, rc);
        p->commit_written = 0;
        if (amt == WAL_HDR)
            p->header_unsynced = 1;
        return rc;
    }
    return SQLITE_IOERR_WRITE;
}

/* Group commit. SQLite syncs the WAL at the end of a commit while it still holds the
 * write lock, and klantvolg's writers' queue with it: every writer waited for the disk
 * of the one before it. While the connection's commit sync is put off (db.c), that sync
 * only owes itself, and kvfs_wal_sync makes it once the queue is left; the next writer
 * meanwhile writes its frames, and one sync then covers both. Only the one sync right
 * after a commit frame's page is put off. Never the one after a WAL header (a WAL
 * starting again): the new salt must be on disk before frames of the new generation
 * overwrite the old one's, or a crash could leave an old header whose frames replay over
 * pages a checkpoint already copied. Nor a checkpoint's (SQLite's own automatic one runs
 * inside COMMIT when a wal_autocheckpoint is set): it must sync the WAL before it copies
 * and syncs the file. */
static int wal_sync(sqlite3_file *f, int flags)
{
    struct kvfile *p = (struct kvfile *)f;
    struct kvfile *d = wal_db(p);
    int commit = p->commit_written;
    p->commit_written = 0;
    if (d != NULL && d->defer_sync && commit && !p->header_unsynced) {
        p->sync_owed = 1;
        p->sync_flags = flags;
        return SQLITE_OK;
    }
    int rc = p->real->pMethods->xSync(p->real, flags);
    if (rc == SQLITE_OK)
        p->header_unsynced = p->sync_owed = 0;
    return rc;
}

static int wal_device_chars(sqlite3_file *f)
{
    /* Without powersafe overwrite SQLite pads a commit to the sector and may split a
     * frame's page over two writes, which wal_write refuses: say what the unix VFS says
     * by default, and keep it so. */
    return kv_device_chars(f) | SQLITE_IOCAP_POWERSAFE_OVERWRITE;
}

static const sqlite3_io_methods wal_methods = {
    1,
    kv_close,
    wal_read,
    wal_write,
    kv_truncate,
    wal_sync,
    kv_file_size,
    kv_lock,
    kv_unlock,
    kv_check_reserved,
    jrn_file_control,
    kv_sector_size,
    wal_device_chars,
    NULL,
    NULL,
    NULL,
    NULL,
    NULL,
    NULL,
};

/* ---- temporary files, in memory only -------------------------------------------- */

/* From MEM_MAPPED bytes on, a temporary file lives in a mapping of its own that grows in
 * place (mremap) and is touched in by huge pages: VACUUM's copy of a database or a large
 * sort would otherwise be copied at every doubling and faulted in 4 KiB at a time, which
 * cost it more than the whole file's encryption. Smaller ones stay in SQLite's heap (and
 * its out-of-memory tests). */
#define MEM_MAPPED ((sqlite3_int64)1 << 21)

static int mem_close(sqlite3_file *f)
{
    struct kvfile *p = (struct kvfile *)f;
    if (p->mem != NULL) {
        memset(p->mem, 0, (size_t)p->mem_size); /* beyond it nothing was left (truncate) */
        if (p->mem_cap >= MEM_MAPPED)
            munmap(p->mem, (size_t)p->mem_cap);
        else
            sqlite3_free(p->mem);
    }
    p->mem = NULL;
    return SQLITE_OK;
}
static int mem_read(sqlite3_file *f, void *buf, int amt, sqlite3_int64 ofs)
{
    struct kvfile *p = (struct kvfile *)f;
    sqlite3_int64 have = p->mem_size - ofs;
    if (have >= amt) {
        memcpy(buf, p->mem + ofs, (size_t)amt);
        return SQLITE_OK;
    }
    if (have > 0)
        memcpy(buf, p->mem + ofs, (size_t)have);
    else
        have = 0;
    memset((unsigned char *)buf + have, 0, (size_t)(amt - have));
    return SQLITE_IOERR_SHORT_READ;
}
static unsigned char *mem_grow(struct kvfile *p, sqlite3_int64 cap)
{
    if (cap < MEM_MAPPED)
        return sqlite3_realloc64(p->mem, (sqlite3_uint64)cap);
    void *m;
    if (p->mem_cap >= MEM_MAPPED) {
        m = mremap(p->mem, (size_t)p->mem_cap, (size_t)cap, MREMAP_MAYMOVE);
    } else {
        m = mmap(NULL, (size_t)cap, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (m != MAP_FAILED && p->mem != NULL) {
            memcpy(m, p->mem, (size_t)p->mem_size);
            memset(p->mem, 0, (size_t)p->mem_size);
            sqlite3_free(p->mem);
        }
    }
    if (m == MAP_FAILED)
        return NULL;
    secmem_prefer_huge_pages(m, (size_t)cap);
    return m;
}

static int mem_reserve(struct kvfile *p, sqlite3_int64 need)
{
    if (need <= p->mem_cap)
        return SQLITE_OK;
    sqlite3_int64 cap = p->mem_cap ? p->mem_cap : 65536;
    while (cap < need)
        cap *= 2;
    unsigned char *m = mem_grow(p, cap);
    if (m == NULL)
        return SQLITE_NOMEM;
    p->mem = m; /* not zeroed: only bytes below mem_size are ever read (mem_write) */
    p->mem_cap = cap;
    return SQLITE_OK;
}
static int mem_write(sqlite3_file *f, const void *buf, int amt, sqlite3_int64 ofs)
{
    struct kvfile *p = (struct kvfile *)f;
    int rc = mem_reserve(p, ofs + amt);
    if (rc != SQLITE_OK)
        return rc;
    if (ofs > p->mem_size) /* a hole reads as zeros */
        memset(p->mem + p->mem_size, 0, (size_t)(ofs - p->mem_size));
    memcpy(p->mem + ofs, buf, (size_t)amt);
    if (ofs + amt > p->mem_size)
        p->mem_size = ofs + amt;
    return SQLITE_OK;
}
static int mem_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    struct kvfile *p = (struct kvfile *)f;
    if (size < p->mem_size) {
        memset(p->mem + size, 0, (size_t)(p->mem_size - size));
        p->mem_size = size;
    }
    return SQLITE_OK;
}
static int mem_sync(sqlite3_file *f, int flags)
{
    (void)f;
    (void)flags;
    return SQLITE_OK;
}
static int mem_size(sqlite3_file *f, sqlite3_int64 *size)
{
    *size = ((struct kvfile *)f)->mem_size;
    return SQLITE_OK;
}
static int mem_lock(sqlite3_file *f, int l)
{
    (void)f;
    (void)l;
    return SQLITE_OK;
}
static int mem_check_reserved(sqlite3_file *f, int *out)
{
    (void)f;
    *out = 0;
    return SQLITE_OK;
}
static int mem_file_control(sqlite3_file *f, int op, void *arg)
{
    (void)f;
    (void)arg;
    (void)op;
    return SQLITE_NOTFOUND;
}
static int mem_sector_size(sqlite3_file *f)
{
    (void)f;
    return KV_PAGE_SIZE;
}
static int mem_device_chars(sqlite3_file *f)
{
    (void)f;
    return SQLITE_IOCAP_POWERSAFE_OVERWRITE;
}

static const sqlite3_io_methods mem_methods = {
    1,
    mem_close,
    mem_read,
    mem_write,
    mem_truncate,
    mem_sync,
    mem_size,
    mem_lock,
    mem_lock,
    mem_check_reserved,
    mem_file_control,
    mem_sector_size,
    mem_device_chars,
    NULL,
    NULL,
    NULL,
    NULL,
    NULL,
    NULL,
};

/* ---- the VFS -------------------------------------------------------------------- */

static int kv_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *f, int flags,
                   int *out_flags)
{
    (void)vfs;
    struct kvfile *p = (struct kvfile *)f;
    memset(p, 0, sizeof *p);
    p->real = (sqlite3_file *)(p + 1);
    int type = flags & 0x0FFFFF00;

    if (type & (SQLITE_OPEN_TEMP_DB | SQLITE_OPEN_TEMP_JOURNAL | SQLITE_OPEN_TRANSIENT_DB |
                SQLITE_OPEN_SUBJOURNAL)) {
        p->kind = KIND_MEM;
        p->base.pMethods = &mem_methods;
        pthread_mutex_lock(&reg_lock);
        memfiles++;
        pthread_mutex_unlock(&reg_lock);
        if (out_flags)
            *out_flags = flags;
        return SQLITE_OK;
    }
    if (!(type & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_MAIN_JOURNAL | SQLITE_OPEN_WAL)))
        return SQLITE_CANTOPEN; /* super-journal: not in this format */

    p->bind = binding_for(name);
    if (p->bind == NULL)
        return SQLITE_CANTOPEN; /* no key, no open: never fall back to plaintext */
    if (type & SQLITE_OPEN_MAIN_DB) {
        p->kind = KIND_DB;
        p->offset = HDR_TOTAL;
        flags &= ~SQLITE_OPEN_CREATE; /* the header is written before SQLite sees a file */
    } else if (type & SQLITE_OPEN_WAL) {
        p->kind = KIND_WAL;
    } else {
        p->kind = KIND_JOURNAL;
        p->hot = !(flags & SQLITE_OPEN_CREATE); /* SQLite opens a new journal with CREATE */
    }
    int rc = REAL_VFS->xOpen(REAL_VFS, name, p->real, flags, out_flags);
    if (rc != SQLITE_OK) {
        if (p->real->pMethods != NULL)
            p->real->pMethods->xClose(p->real);
        return rc;
    }
    p->base.pMethods = p->kind == KIND_DB    ? &db_methods
                       : p->kind == KIND_WAL ? &wal_methods
                                             : &jrn_methods;
    p->fh_ofs = -1;
    if (p->kind == KIND_DB)
        bind_db_file(p, 1);
    /* A copy being made is written once and read by nobody: keeping its pages would
     * only hold the plaintext of a whole file in memory. */
    if (p->kind != KIND_JOURNAL && !p->bind->scratch) {
        size_t slots = (size_t)sqlite3_uri_int64(name, "kvcache", KVFS_CACHE_PAGES);
        p->cache =
            pagecache_new(slots, p->kind == KIND_DB ? KV_PAGE_SIZE : WAL_FRAME + 8, KV_PAGE_SIZE);
    }
    if (p->kind == KIND_DB && !p->bind->scratch)
        p->held =
            held_new((size_t)sqlite3_uri_int64(name, "kvheld", KVFS_HELD_PAGES), KV_PAGE_SIZE);
    return SQLITE_OK;
}

static int kv_delete(sqlite3_vfs *v, const char *name, int sync_dir)
{
    (void)v;
    return REAL_VFS->xDelete(REAL_VFS, name, sync_dir);
}
static int kv_access(sqlite3_vfs *v, const char *name, int flags, int *out)
{
    (void)v;
    return REAL_VFS->xAccess(REAL_VFS, name, flags, out);
}
static int kv_full_pathname(sqlite3_vfs *v, const char *name, int n, char *out)
{
    (void)v;
    return REAL_VFS->xFullPathname(REAL_VFS, name, n, out);
}
static void *kv_dlopen(sqlite3_vfs *v, const char *name)
{
    (void)v;
    (void)name;
    return NULL; /* no extensions loaded into an encrypted database */
}
static void kv_dlerror(sqlite3_vfs *v, int n, char *msg)
{
    (void)v;
    sqlite3_snprintf(n, msg, "extensions are disabled");
}
static void (*kv_dlsym(sqlite3_vfs *v, void *h, const char *sym))(void)
{
    (void)v;
    (void)h;
    (void)sym;
    return NULL;
}
static void kv_dlclose(sqlite3_vfs *v, void *h)
{
    (void)v;
    (void)h;
}
static int kv_randomness(sqlite3_vfs *v, int n, char *out)
{
    (void)v;
    return REAL_VFS->xRandomness(REAL_VFS, n, out);
}
static int kv_sleep(sqlite3_vfs *v, int us)
{
    (void)v;
    return REAL_VFS->xSleep(REAL_VFS, us);
}
static int kv_current_time(sqlite3_vfs *v, double *t)
{
    (void)v;
    return REAL_VFS->xCurrentTime(REAL_VFS, t);
}
static int kv_last_error(sqlite3_vfs *v, int n, char *msg)
{
    (void)v;
    return REAL_VFS->xGetLastError(REAL_VFS, n, msg);
}
static int kv_current_time64(sqlite3_vfs *v, sqlite3_int64 *t)
{
    (void)v;
    return REAL_VFS->xCurrentTimeInt64(REAL_VFS, t);
}

static pthread_once_t reg_once = PTHREAD_ONCE_INIT;
static int reg_rc = SQLITE_ERROR;

static void do_register(void)
{
    sqlite3_vfs *real = sqlite3_vfs_find(NULL);
    if (real == NULL || real->iVersion < 2)
        return;
    kvfs.iVersion = 2;
    kvfs.szOsFile = (int)sizeof(struct kvfile) + real->szOsFile;
    kvfs.mxPathname = real->mxPathname;
    kvfs.zName = KVFS_NAME;
    kvfs.pAppData = real;
    kvfs.xOpen = kv_open;
    kvfs.xDelete = kv_delete;
    kvfs.xAccess = kv_access;
    kvfs.xFullPathname = kv_full_pathname;
    kvfs.xDlOpen = kv_dlopen;
    kvfs.xDlError = kv_dlerror;
    kvfs.xDlSym = kv_dlsym;
    kvfs.xDlClose = kv_dlclose;
    kvfs.xRandomness = kv_randomness;
    kvfs.xSleep = kv_sleep;
    kvfs.xCurrentTime = kv_current_time;
    kvfs.xGetLastError = kv_last_error;
    kvfs.xCurrentTimeInt64 = kv_current_time64;
    reg_rc = sqlite3_vfs_register(&kvfs, 0);
}

int kvfs_register(void)
{
    pthread_once(&reg_once, do_register);
    return reg_rc;
}
