/* Fault injection, after SQLite's own ioerr and malloc tests: the Nth write, sync,
 * truncate or read fails (tests/helpers/faults.h), once or from then on, looped over N
 * through the operations that change files: a save (a contact with an agreement, as the
 * contact screen saves it), a checkin, a rekey, a backup over an older one, and a purge.
 * After each failure the files are opened again without faults and must hold the whole
 * change or none of it, pass `check` (maint_check, maint_sound), leave no temporary file
 * behind, and klantvolg must have said what happened: an error with a Dutch message, or
 * success only when the whole change is there.
 *
 * Built twice: test_faults_io fails I/O; test_faults_mem (-DFAULTS_MALLOC) fails SQLite's
 * allocations, in its own binary because the allocator must be installed before SQLite
 * is initialised.
 *
 * Runtime: every N costs a copy of the files, the operation, a reopen, a full check and a
 * digest. So each loop takes at most MAX_STEPS values of N, evenly spread from 1 to the
 * count of a clean run: every N for most I/O loops (the purge's ~300 writes and the
 * checkin's ~130 reads are stepped by 3 and 2), every 3rd to every 83rd for allocations
 * (SQLite allocates 300 times in a backup, 12,000 times in a purge). FAULTS_ALL=1 in the
 * environment runs every N everywhere (minutes for I/O, most of an hour for allocations). Only the
 * purge truncates (VACUUM shrinks the file); the rollback journal is deleted, not truncated, and
 * copies are new files.
 *
 * Looking into a failure: FAULTS_ONLY=<test name> runs one test, FAULTS_DEBUG=1 prints
 * SQLite's log, a digest per table and what is left in the directory, FAULTS_DUMP=<SQL>
 * prints that query's rows from the server file at every look. */
#include "core/date.h"
#include "storage/access.h"
#include "storage/audit.h"
#include "storage/keys.h"
#include "storage/maint.h"
#include "storage/offline.h"
#include "storage/purge.h"
#include "storage/records.h"
#include "storage/contacts.h"
#include "storage/assignments.h"
#include "storage/txn.h"
#include "storage/login.h"
#include "tests/helpers/faults.h"
#include "tests/unit/fixture.h"

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sodium.h>
#include <cmocka.h>

#ifdef FAULTS_MALLOC
#define MAX_STEPS 150
#else
#define MAX_STEPS 120
#endif

#define ANNA "anna"
#define ANNA_PASS "anna-wachtwoord"
#define BEN "ben"
#define BEN_PASS "ben-wachtwoord"

/* The files of the world, each kept pristine beside itself as NAME.orig. */
enum file { F_SERVER, F_LAPTOP, F_BACKUP, F_COUNT };
static const char *const file_names[F_COUNT] = {"test.db", "laptop.db", "backup.db"};

struct world {
    struct fixture fx;
    char path[F_COUNT][400];
    long ben_client, closed_client;
    char context[200]; /* which operation, which fault, which N: for failure messages */
};

static long D(int y, int m, int d)
{
    return date_days(y, m, d);
}

#define CHECK(w, cond, ...)                                                                        \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            char m_[2048];                                                                         \
            snprintf(m_, sizeof m_, __VA_ARGS__);                                                  \
            fail_msg("%s: %s", (w)->context, m_);                                                  \
        }                                                                                          \
    } while (0)

/* ---- building the world --------------------------------------------------------------- */

static long add_client(struct db *db, const char *bsn, const char *last, const char *owner)
{
    struct kv_error err;
    struct client_in c;
    memset(&c, 0, sizeof c);
    c.bsn = bsn;
    c.first_name = "Test";
    c.last_name = last;
    c.birth_date = D(1980, 1, 1);
    c.contact_verified_on = c.vrijstelling_until = c.applied_on = c.benefit_start = NO_DATE;
    long id;
    assert_int_equal(records_client_add(db, &c, FX_NOW, &id, &err), KV_OK);
    if (owner != NULL)
        assert_int_equal(assignments_open(db, id, owner, "klantmanager", D(2026, 1, 6), "", NO_DATE,
                                          FX_NOW, &err),
                         KV_OK);
    return id;
}

static struct db *open_file(const char *path, const char *user, const char *pass, int flags)
{
    struct kv_error err;
    struct db *db = NULL;
    if (db_open(path, user, pass, strlen(pass), flags, fx_clock, &db, &err) != KV_OK)
        fail_msg("db_open %s: %s (%s)", path, err.msg, err.detail);
    return db;
}

static void copy_file(const char *from, const char *to)
{
    size_t n;
    unsigned char *buf = fx_read_file(from, &n);
    assert_non_null(buf);
    fx_write_file(to, buf, n);
    free(buf);
}

static void save_pristine(struct world *w)
{
    char orig[420];
    for (int f = 0; f < F_COUNT; f++) {
        snprintf(orig, sizeof orig, "%s.orig", w->path[f]);
        copy_file(w->path[f], orig);
    }
}

static void restore(struct world *w)
{
    char orig[420];
    for (int f = 0; f < F_COUNT; f++) {
        snprintf(orig, sizeof orig, "%s.orig", w->path[f]);
        copy_file(orig, w->path[f]);
        snprintf(orig, sizeof orig, "%s-journal", w->path[f]);
        unlink(orig);
    }
}

/* Server: anna and ben (klantmanagers), a client each, and one case closed in 2010 with a
 * contact (for the purge). Laptop: anna's checkout, with a contact made offline. Backup:
 * a backup of the server older than the server by one contact. */
static int setup(void **state)
{
    struct kv_error err;
    struct world *w = calloc(1, sizeof *w);
    assert_non_null(w);
    fx_init(&w->fx);
    w->fx.clock = fx_clock;
    fx_create(&w->fx);
    char dir[sizeof w->fx.dir];
    memcpy(dir, w->fx.dir, sizeof dir);
    for (int f = 0; f < F_COUNT; f++)
        snprintf(w->path[f], sizeof w->path[f], "%.256s/%s", dir, file_names[f]);

    struct db *db = fx_open(&w->fx);
    struct new_user u[] = {{ANNA, "Anna", ROLE_KLANTMANAGER, ""},
                           {BEN, "Ben", ROLE_KLANTMANAGER, ""}};
    const char *pw[] = {ANNA_PASS, BEN_PASS};
    for (int i = 0; i < 2; i++)
        assert_int_equal(
            keys_user_add(db, &u[i], pw[i], strlen(pw[i]), &KDF_TEST_MIN, FX_NOW, &err), KV_OK);
    assert_int_equal(db_begin_bulk(db, "fixture", &err), KV_OK);
    add_client(db, "123456782", "Ölçer", ANNA);
    w->ben_client = add_client(db, "111222333", "Kowalski", BEN);
    w->closed_client = add_client(db, "100000022", "Jansen", NULL);
    /* Enough about the closed case that the purge frees pages and VACUUM truncates. */
    char summary[1200];
    memset(summary, 'x', sizeof summary - 1);
    summary[sizeof summary - 1] = '\0';
    for (int i = 0; i < 12; i++)
        assert_int_equal(contacts_add(db, w->closed_client, D(2009, 6, 1), "gesprek", "", summary,
                                      FX_NOW, NULL, &err),
                         KV_OK);
    fx_exec(db, "UPDATE clients SET status = 'afgesloten', closed_on = '2010-01-01' "
                "WHERE bsn = '100000022'");
    assert_int_equal(db_commit(db, &err), KV_OK);
    assert_int_equal(maint_backup(db, w->path[F_BACKUP], 0, NULL, &err), KV_OK);
    db_close(db);

    db = open_file(w->path[F_SERVER], ANNA, ANNA_PASS, 0);
    long id, clients;
    assert_int_equal(offline_checkout(db, w->path[F_LAPTOP], FX_NOW, &id, &clients, &err), KV_OK);
    db_close(db);
    db = open_file(w->path[F_LAPTOP], ANNA, ANNA_PASS, 0);
    assert_int_equal(db_begin(db, &err), KV_OK);
    assert_int_equal(
        contacts_add(db, 1, D(2026, 2, 27), "gesprek", "", "Onderweg", FX_NOW, NULL, &err), KV_OK);
    assert_int_equal(db_commit(db, &err), KV_OK);
    db_close(db);

    save_pristine(w);
    *state = w;
    return 0;
}

static int teardown(void **state)
{
    struct world *w = *state;
    fx_cleanup(&w->fx);
    free(w);
    return 0;
}

/* ---- the operations: open without faults, fault the operation alone, close ----------- */

struct outcome {
    int rc;
    long failed; /* calls that failed */
    struct kv_error err;
};

static void save(struct world *w, struct outcome *o)
{
    struct db *db = open_file(w->path[F_SERVER], BEN, BEN_PASS, 0);
    struct kv_error *err = &o->err;
    long contact;
    faults_go();
    /* What formhost_save and the contact form do. */
    int rc = db_begin(db, err);
    if (rc == KV_OK) {
        if ((rc = access_client(db, w->ben_client, err)) == KV_OK &&
            (rc = contacts_add(db, w->ben_client, D(2026, 3, 1), "gesprek", "Ben",
                               "Gesprek over werk", FX_NOW, &contact, err)) == KV_OK &&
            (rc = contacts_agreement_add(db, w->ben_client, contact, "Cv opsturen", D(2026, 3, 15),
                                         NO_DATE, FX_NOW, err)) == KV_OK &&
            (rc = db_commit(db, err)) == KV_OK) {
        } else {
            db_rollback(db);
        }
    }
    o->rc = rc;
    o->failed = faults_stop();
    db_close(db);
}

static int keep_mine(struct conflict *c, void *ctx)
{
    (void)ctx;
    c->choice = RES_MINE;
    return 0;
}

static void checkin(struct world *w, struct outcome *o)
{
    struct db *server = open_file(w->path[F_SERVER], ANNA, ANNA_PASS, 0);
    struct db *copy = open_file(w->path[F_LAPTOP], ANNA, ANNA_PASS, 0);
    struct checkin_result res;
    faults_go();
    o->rc = offline_checkin(server, copy, keep_mine, NULL, FX_NOW, &res, &o->err);
    o->failed = faults_stop();
    db_close(copy);
    db_close(server);
}

static void rekey(struct world *w, struct outcome *o)
{
    struct db *db = fx_open(&w->fx);
    faults_go();
    int dropped = 0;
    o->rc = keys_rekey(db, &dropped, &o->err);
    o->failed = faults_stop();
    db_close(db);
}

static void backup(struct world *w, struct outcome *o)
{
    struct db *db = fx_open(&w->fx);
    faults_go();
    o->rc = maint_backup(db, w->path[F_BACKUP], 1, NULL, &o->err);
    o->failed = faults_stop();
    db_close(db);
}

static void purge(struct world *w, struct outcome *o)
{
    struct db *db = fx_open(&w->fx);
    size_t purged = 0;
    faults_go();
    o->rc = purge_run(db, "2020-01-01", &purged, &o->err);
    o->failed = faults_stop();
    db_close(db);
}

/* ---- what the files hold --------------------------------------------------------------- */

/* A digest of every row of every ordinary table, in a fixed order: equal digests, equal
 * contents. (The search index is a virtual table; its shadow tables are included.) */
static void digest_db(struct db *db, unsigned char out[32])
{
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, 32);
    sqlite3_stmt *tables;
    assert_int_equal(sqlite3_prepare_v2(db->sql,
                                        "SELECT name FROM sqlite_schema WHERE type = "
                                        "'table' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name <> "
                                        "'header_gen' ORDER BY "
                                        "name",
                                        -1, &tables, NULL),
                     SQLITE_OK);
    while (sqlite3_step(tables) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(tables, 0);
        crypto_generichash_update(&h, (const unsigned char *)name, strlen(name) + 1);
        char *sql = sqlite3_mprintf("SELECT * FROM \"%w\"", name);
        sqlite3_stmt *st;
        assert_int_equal(sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL), SQLITE_OK);
        int cols = sqlite3_column_count(st);
        sqlite3_finalize(st);
        sqlite3_free(sql);
        /* ORDER BY every column: an order that does not depend on the file's history. */
        char order[400] = "";
        for (int c = 1; c <= cols && strlen(order) < sizeof order - 8; c++)
            snprintf(order + strlen(order), sizeof order - strlen(order), "%s%d", c > 1 ? "," : "",
                     c);
        sql = sqlite3_mprintf("SELECT * FROM \"%w\" ORDER BY %s", name, order);
        assert_int_equal(sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL), SQLITE_OK);
        sqlite3_free(sql);
        while (sqlite3_step(st) == SQLITE_ROW) {
            for (int c = 0; c < cols; c++) {
                unsigned char type = (unsigned char)sqlite3_column_type(st, c);
                const void *v = sqlite3_column_blob(st, c);
                int n = sqlite3_column_bytes(st, c);
                crypto_generichash_update(&h, &type, 1);
                crypto_generichash_update(&h, (const unsigned char *)&n, sizeof n);
                if (n > 0)
                    crypto_generichash_update(&h, v, (size_t)n);
            }
        }
        sqlite3_finalize(st);
        if (getenv("FAULTS_DEBUG")) {
            unsigned char part[32];
            crypto_generichash_state copy = h;
            crypto_generichash_final(&copy, part, 32);
            fprintf(stderr, "  %s %s %02x%02x%02x\n", db->path, name, part[0], part[1], part[2]);
        }
    }
    sqlite3_finalize(tables);
    crypto_generichash_final(&h, out, 32);
}

struct state {
    unsigned char digest[F_COUNT][32];
    unsigned char dbid[KV_DBID_BYTES]; /* the server's master key, fingerprinted */
};

static const char *user_of(enum file f, const char **pass)
{
    *pass = f == F_LAPTOP ? ANNA_PASS : FX_PASS;
    return f == F_LAPTOP ? ANNA : FX_ADMIN;
}

/* Open every file as `check` opens it (no faults), require it sound, and take its digest. */
static void look(struct world *w, struct state *s)
{
    if (getenv("FAULTS_DEBUG"))
        fprintf(stderr, "LOOK %s\n", w->context);
    for (int f = 0; f < F_COUNT; f++) {
        const char *pass, *user = user_of((enum file)f, &pass);
        struct kv_error err;
        struct db *db = NULL;
        int rc = db_open(w->path[f], user, pass, strlen(pass), DB_NO_MIGRATE, fx_clock, &db, &err);
        CHECK(w, rc == KV_OK, "%s does not open afterwards: %s (%s)", file_names[f], err.msg,
              err.detail);
        struct check_report r;
        CHECK(w, maint_check(db, &r, &err) == KV_OK, "check on %s: %s", file_names[f], err.detail);
        CHECK(w, maint_sound(&r), "%s not sound: headers %d/%d, %u bad pages, integrity %s",
              file_names[f], r.copy[0], r.copy[1], r.bad_pages, r.integrity);
        digest_db(db, s->digest[f]);
        if (getenv("FAULTS_DUMP") && f == F_SERVER) {
            sqlite3_stmt *st;
            sqlite3_prepare_v2(db->sql, getenv("FAULTS_DUMP"), -1, &st, NULL);
            while (sqlite3_step(st) == SQLITE_ROW) {
                for (int c = 0; c < sqlite3_column_count(st); c++)
                    fprintf(stderr, "%s|", (const char *)sqlite3_column_text(st, c));
                fprintf(stderr, "\n");
            }
            sqlite3_finalize(st);
        }
        if (f == F_SERVER)
            /* rekey keeps the database id and replaces the master key: tell the files
             * apart by a fingerprint of that key */
            crypto_generichash(s->dbid, sizeof s->dbid, db->master, KV_KEY_BYTES, NULL, 0);
        db_close(db);
    }
}

/* A journal whose header was never finished (its magic still zero: SQLite writes the
 * magic only when it syncs the journal, before the database is touched) is not hot:
 * SQLite ignores it and overwrites it at the next write. A transaction that fails before
 * that point, when even its rollback cannot read, leaves one behind; so does SQLite
 * itself. Removing it from outside would race with another process's transaction. */
static int cold_journal(const char *db)
{
    char path[420];
    snprintf(path, sizeof path, "%s-journal", db);
    size_t n;
    unsigned char *buf = fx_read_file(path, &n);
    static const unsigned char zero[8];
    int cold = buf != NULL && (n < 8 || memcmp(buf, zero, 8) == 0);
    free(buf);
    return cold;
}

/* Nothing in the directory but the files and their pristine copies: no temporary copy,
 * and no journal left over that is hot once the files have been opened again. */
static void no_leftovers(struct world *w)
{
    DIR *d = opendir(w->fx.dir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        int known = 0;
        for (int f = 0; f < F_COUNT; f++) {
            char orig[64], journal[64];
            snprintf(orig, sizeof orig, "%s.orig", file_names[f]);
            snprintf(journal, sizeof journal, "%s-journal", file_names[f]);
            known |= strcmp(e->d_name, file_names[f]) == 0 || strcmp(e->d_name, orig) == 0;
            if (strcmp(e->d_name, journal) == 0)
                known |= cold_journal(w->path[f]);
        }
        if (!known && getenv("FAULTS_DEBUG")) {
            char cmd[1200];
            snprintf(cmd, sizeof cmd, "ls -la %s; od -A d -t x1 %s/%s | head -5", w->fx.dir,
                     w->fx.dir, e->d_name);
            (void)!system(cmd);
        }
        CHECK(w, known, "left behind: %s", e->d_name);
    }
    closedir(d);
}

/* ---- the loop -------------------------------------------------------------------------- */

struct operation {
    const char *name;
    void (*run)(struct world *w, struct outcome *o);
    enum file changes;     /* the file whose contents the operation changes */
    int new_dbid;          /* rekey: the change is a new database id, same contents */
    int follows;           /* a file that may follow the change afterwards, or -1: the copy,
                            * told what was checked in on a best-effort basis (the server's
                            * record is what counts) */
    const char *says_done; /* an error after which the change is whole must say this */
};

enum verdict { V_NONE, V_WHOLE };

/* Which state a file is in: none of the change, or all of it; fails on anything else. */
static enum verdict judge(struct world *w, const struct operation *op, const struct state *before,
                          const struct state *after, const struct state *now)
{
    for (int f = 0; f < F_COUNT; f++) {
        if ((f == (int)op->changes && !op->new_dbid) || f == op->follows)
            continue;
        CHECK(w, memcmp(now->digest[f], before->digest[f], 32) == 0,
              "%s changed, and it should not have", file_names[f]);
    }
    if (op->new_dbid) /* a new random id each time: any other id is the new file */
        return memcmp(now->dbid, before->dbid, sizeof now->dbid) == 0 ? V_NONE : V_WHOLE;
    const unsigned char *d = now->digest[op->changes];
    int followed = 0;
    if (op->follows >= 0) {
        followed = memcmp(now->digest[op->follows], before->digest[op->follows], 32) != 0;
        CHECK(w, !followed || memcmp(now->digest[op->follows], after->digest[op->follows], 32) == 0,
              "%s holds part of the change", file_names[op->follows]);
    }
    if (memcmp(d, before->digest[op->changes], 32) == 0) {
        CHECK(w, !followed, "%s followed a change that was not made", file_names[op->follows]);
        return V_NONE;
    }
    CHECK(w, memcmp(d, after->digest[op->changes], 32) == 0, "%s holds part of the change",
          file_names[op->changes]);
    return V_WHOLE;
}

static void once(struct world *w, const struct operation *op, struct outcome *o)
{
    restore(w);
    memset(o, 0, sizeof *o);
    op->run(w, o);
}

static long steps_of(long total)
{
    if (getenv("FAULTS_FROM") != NULL)
        return 1;
    if (getenv("FAULTS_ALL") != NULL || total <= MAX_STEPS)
        return 1;
    return (total + MAX_STEPS - 1) / MAX_STEPS;
}

static void loop(struct world *w, const struct operation *op, enum fault_kind kind, int persistent,
                 int full)
{
    struct state before, after, now;
    struct outcome o;

    /* A clean run: what the whole change looks like, and how many calls it makes. */
    restore(w);
    snprintf(w->context, sizeof w->context, "%s, no fault", op->name);
    look(w, &before);
    faults_plan(kind, 0, 0, 0);
    once(w, op, &o);
    long total = faults_calls();
    CHECK(w, o.rc == KV_OK, "%s", o.err.msg);
    look(w, &after);
    CHECK(w, judge(w, op, &before, &after, &after) == V_WHOLE || op->new_dbid,
          "the operation changed nothing");
    if (op->new_dbid)
        CHECK(w, memcmp(before.dbid, after.dbid, sizeof before.dbid) != 0, "same id");
    no_leftovers(w);

    long step = steps_of(total), tried = 0, whole = 0;
    long from = getenv("FAULTS_FROM") ? atol(getenv("FAULTS_FROM")) : 1;
    for (long n = from > 0 ? from : 1;; n += step) {
        snprintf(w->context, sizeof w->context, "%s, %s fault at call %ld of %ld%s%s", op->name,
                 faults_kind_name(kind), n, total, persistent ? " and after" : "",
                 full ? " (disk full)" : "");
        faults_plan(kind, n, persistent, full);
        once(w, op, &o);
        faults_plan(kind, 0, 0, 0);
        if (o.failed == 0) {
            CHECK(w, o.rc == KV_OK, "no fault, yet: %s", o.err.msg);
            CHECK(w, n > total, "ended early");
            break;
        }
        tried++;
        look(w, &now);
        no_leftovers(w);
        enum verdict v = judge(w, op, &before, &after, &now);
        whole += v == V_WHOLE;
        if (getenv("FAULTS_DEBUG") && o.rc != KV_OK)
            fprintf(stderr, "MSG %s: %s [%s]\n", op->name, o.err.msg, o.err.detail);
        if (o.rc == KV_OK) {
            CHECK(w, v == V_WHOLE, "success reported, change missing");
        } else {
            CHECK(w, o.err.msg[0] != '\0' && strcmp(o.err.msg, o.err.detail) != 0,
                  "error %d without a message for the user", o.rc);
            /* What happened (a disk error, no memory, nothing saved), not which statement. */
            CHECK(w, strncmp(o.err.msg, "Databasefout bij", 16) != 0, "vague message: %s [%s]",
                  o.err.msg, o.err.detail);
            /* The change is there after an error only when the message says so: the
             * operation's own words, or a commit's whose sync failed after it (group
             * commit, storage/db.c). */
            CHECK(w,
                  v == V_NONE || (op->says_done && strstr(o.err.msg, op->says_done)) ||
                      strstr(o.err.msg, "De wijziging is mogelijk opgeslagen"),
                  "error reported (%s), yet the change was made", o.err.msg);
        }
    }
    print_message("%-8s %-8s %-10s %4ld calls, %4ld faults tried (every %ld), %ld after "
                  "the change was whole\n",
                  op->name, faults_kind_name(kind), persistent ? "persistent" : "once", total,
                  tried, step, whole);
}

static const struct operation ops[] = {
    {"save", save, F_SERVER, 0, -1, NULL},
    {"checkin", checkin, F_SERVER, 0, F_LAPTOP, NULL},
    {"rekey", rekey, F_SERVER, 1, -1, NULL},
    {"backup", backup, F_BACKUP, 0, -1, NULL},
    /* VACUUM runs after the purge is committed. */
    {"purge", purge, F_SERVER, 0, -1, "wel gewist"},
};

#ifdef FAULTS_MALLOC
static void every_op(struct world *w, int persistent)
{
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        loop(w, &ops[i], FAULT_MALLOC, persistent, 0);
}
static void an_allocation_fails_once(void **state)
{
    every_op(*state, 0);
}
static void allocations_fail_from_the_nth_on(void **state)
{
    every_op(*state, 1);
}
#else
static void every_op(struct world *w, enum fault_kind kind, int persistent, int full)
{
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        loop(w, &ops[i], kind, persistent, full);
}
static void a_write_fails_once(void **state)
{
    every_op(*state, FAULT_WRITE, 0, 0);
}
static void the_disk_is_full_from_the_nth_write_on(void **state)
{
    every_op(*state, FAULT_WRITE, 1, 1);
}
static void a_sync_fails_once(void **state)
{
    every_op(*state, FAULT_SYNC, 0, 0);
}
static void syncs_fail_from_the_nth_on(void **state)
{
    every_op(*state, FAULT_SYNC, 1, 0);
}
static void a_truncate_fails_once(void **state)
{
    every_op(*state, FAULT_TRUNCATE, 0, 0);
}
static void a_read_fails_once(void **state)
{
    every_op(*state, FAULT_READ, 0, 0);
}
static void reads_fail_from_the_nth_on(void **state)
{
    every_op(*state, FAULT_READ, 1, 0);
}
#endif

static void sqlite_log(void *ctx, int rc, const char *msg)
{
    (void)ctx;
    fprintf(stderr, "sqlite log %d: %s\n", rc, msg);
}

int main(void)
{
    if (getenv("FAULTS_DEBUG"))
        sqlite3_config(SQLITE_CONFIG_LOG, sqlite_log, NULL);
    /* The faults are made above the disk, so the disk need not be a real one: in memory
     * the thousands of real fsyncs cost nothing (FAULTS_TMPDIR chooses another place). */
    const char *tmp = getenv("FAULTS_TMPDIR");
    if (tmp == NULL && access("/dev/shm", W_OK) == 0)
        tmp = "/dev/shm";
    if (tmp != NULL)
        setenv("TMPDIR", tmp, 1);
#ifdef FAULTS_MALLOC
    if (faults_install_malloc() != SQLITE_OK) {
        fprintf(stderr, "cannot install the allocator\n");
        return 1;
    }
#endif
    if (faults_install_vfs() != SQLITE_OK) {
        fprintf(stderr, "cannot register the fault VFS\n");
        return 1;
    }
    const struct CMUnitTest tests[] = {
#ifdef FAULTS_MALLOC
        cmocka_unit_test_setup_teardown(an_allocation_fails_once, setup, teardown),
        cmocka_unit_test_setup_teardown(allocations_fail_from_the_nth_on, setup, teardown),
#else
        cmocka_unit_test_setup_teardown(a_write_fails_once, setup, teardown),
        cmocka_unit_test_setup_teardown(the_disk_is_full_from_the_nth_write_on, setup, teardown),
        cmocka_unit_test_setup_teardown(a_sync_fails_once, setup, teardown),
        cmocka_unit_test_setup_teardown(syncs_fail_from_the_nth_on, setup, teardown),
        cmocka_unit_test_setup_teardown(a_truncate_fails_once, setup, teardown),
        cmocka_unit_test_setup_teardown(a_read_fails_once, setup, teardown),
        cmocka_unit_test_setup_teardown(reads_fail_from_the_nth_on, setup, teardown),
#endif
    };
    if (getenv("FAULTS_ONLY")) /* one test by name, when looking into a failure */
        cmocka_set_test_filter(getenv("FAULTS_ONLY"));
    return cmocka_run_group_tests(tests, NULL, NULL);
}
