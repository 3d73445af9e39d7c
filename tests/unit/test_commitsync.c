/* Group commit (crypto/vfs.h, kvfs_defer_commit_sync; storage/db.c, db_commit_untracked):
 * a commit's sync is made after the writers' queue is left, never inside it; a new WAL
 * header is still synced before the frames after it; a sync that fails after the commit
 * says the change is there. The syncs are counted, and failed, by the fault-injection
 * shim below the klantvolg VFS (tests/helpers/faults.h), so what is counted is what
 * reaches the disk. "Another process" is a forked child that opens the file itself. */
#include "crypto/vfs.h"
#include "storage/db.h"
#include "tests/helpers/faults.h"
#include "tests/unit/fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

static void insert(struct db *db, const char *key)
{
    char sql[300];
    snprintf(sql, sizeof sql,
             "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES "
             "('%s', 'x', 'x', 'x', 'test')",
             key);
    fx_exec(db, sql);
}

/* Open, with one commit made: the WAL exists and is in use. */
static struct db *open_with_wal(struct fixture *fx)
{
    struct kv_error err;
    struct db *db = fx_open(fx);
    assert_int_equal(db_begin_untracked(db, &err), KV_OK);
    insert(db, "test.first");
    assert_int_equal(db_commit_untracked(db, &err), KV_OK);
    return db;
}

/* Syncs that reach the disk while COMMIT runs, with the commit's sync put off or not. */
static long syncs_in_commit(struct db *db, const char *key, int defer)
{
    struct kv_error err;
    assert_int_equal(db_begin_untracked(db, &err), KV_OK);
    insert(db, key);
    assert_int_equal(kvfs_defer_commit_sync(db->sql, defer), SQLITE_OK);
    faults_plan(FAULT_SYNC, 0, 0, 0);
    faults_go();
    fx_exec(db, "COMMIT");
    faults_stop();
    assert_int_equal(kvfs_defer_commit_sync(db->sql, 0), SQLITE_OK);
    return faults_calls();
}

/* Syncs kvfs_wal_sync makes. */
static long syncs_owed(struct db *db)
{
    faults_plan(FAULT_SYNC, 0, 0, 0);
    faults_go();
    assert_int_equal(kvfs_wal_sync(db->sql), SQLITE_OK);
    faults_stop();
    return faults_calls();
}

/* Put off, COMMIT makes no sync at all and owes exactly one; not put off, it makes its
 * own and owes none. (db_commit_untracked leaves the writers' queue in between: the
 * next test shows that.) */
static void a_commit_owes_its_sync_until_asked(void **state)
{
    struct fixture *fx = *state;
    struct db *db = open_with_wal(fx);

    assert_int_equal(syncs_in_commit(db, "test.off", 0), 1);
    assert_int_equal(syncs_owed(db), 0);
    assert_int_equal(syncs_in_commit(db, "test.on", 1), 0);
    assert_int_equal(syncs_owed(db), 1);
    assert_int_equal(syncs_owed(db), 0); /* made once */
    db_close(db);
}

/* A WAL that starts again gets a new header (a new salt) over the old generation's; that
 * header is synced inside the commit even when the commit's own sync is put off, before
 * any frame of the new generation overwrites an old one. */
static void a_new_wal_header_is_synced_before_its_frames(void **state)
{
    struct fixture *fx = *state;
    struct db *db = open_with_wal(fx);
    fx_exec(db, "PRAGMA wal_checkpoint(RESTART)"); /* all copied: the next writer restarts */
    char wal[320];
    snprintf(wal, sizeof wal, "%s-wal", fx->path);
    size_t n0;
    unsigned char *hdr0 = fx_read_file(wal, &n0);
    assert_non_null(hdr0);
    assert_true(n0 >= 32);

    assert_int_equal(syncs_in_commit(db, "test.restart", 1), 1); /* the header's */
    assert_int_equal(syncs_owed(db), 1);                         /* the commit's */
    size_t n1;
    unsigned char *hdr1 = fx_read_file(wal, &n1);
    assert_non_null(hdr1);
    assert_true(memcmp(hdr0 + 16, hdr1 + 16, 8) != 0); /* it did start again: a new salt */
    /* The next commit in the same generation writes no header: nothing synced inside. */
    assert_int_equal(syncs_in_commit(db, "test.after", 1), 0);
    assert_int_equal(syncs_owed(db), 1);
    free(hdr0);
    free(hdr1);
    db_close(db);
}

/* SQLite's own automatic checkpoint (klantvolg replaces it with db_idle's, but a
 * wal_autocheckpoint brings it back) runs inside COMMIT, after the commit's sync. Its
 * sync of the WAL before it copies is not put off: only the one sync right after a
 * commit frame is. Put off, the file would hold pages synced ahead of the WAL frames they
 * came from. Inside COMMIT then: the WAL's sync and the file's. */
static void a_checkpoint_inside_a_commit_syncs_the_wal_before_it_copies(void **state)
{
    struct fixture *fx = *state;
    struct db *db = open_with_wal(fx);
    fx_exec(db, "PRAGMA wal_autocheckpoint=1");
    assert_int_equal(syncs_in_commit(db, "test.checkpointed", 1), 2);
    assert_int_equal(syncs_owed(db), 0); /* the checkpoint's sync of the WAL paid it */
    db_close(db);
}

/* Another process may write while this one's sync is owed: at the moment the sync of
 * db_commit_untracked reaches the disk, a child that opened the file itself (forked
 * before this process opened it, so it shares nothing) begins, writes and commits with
 * no wait allowed. With the sync inside COMMIT, the queue is still held then, and the
 * child is refused. */
struct child {
    pid_t pid;
    int to, from;
    char answer; /* 'y': it wrote; 'n': it could not; 0: never asked */
};

static void child_writes(struct fixture *fx, int in, int out)
{
    struct kv_error err;
    char c;
    struct db *other = fx_open(fx);
    if (write(out, "r", 1) != 1 || read(in, &c, 1) != 1)
        _exit(1);
    db_set_busy_timeout(0); /* no waiting: the queue must be free now */
    int ok = db_begin_untracked(other, &err) == KV_OK;
    if (ok) {
        insert(other, "test.theirs");
        ok = db_commit_untracked(other, &err) == KV_OK;
    }
    if (write(out, ok ? "y" : "n", 1) != 1)
        _exit(1);
    db_close(other);
    _exit(0);
}

static void ask_child(void *ctx)
{
    struct child *c = ctx;
    if (c->answer != 0)
        return; /* the first sync only */
    if (write(c->to, "w", 1) != 1 || read(c->from, &c->answer, 1) != 1)
        c->answer = '?';
}

static void another_writer_need_not_wait_for_an_owed_sync(void **state)
{
    struct fixture *fx = *state;
    int to[2], from[2];
    assert_int_equal(pipe(to), 0);
    assert_int_equal(pipe(from), 0);
    struct child c = {fork(), to[1], from[0], 0};
    assert_true(c.pid >= 0);
    if (c.pid == 0)
        child_writes(fx, to[0], from[1]);
    char ready;
    assert_int_equal(read(c.from, &ready, 1), 1); /* it has opened the file */

    struct db *db = open_with_wal(fx);
    struct kv_error err;
    assert_int_equal(db_begin_untracked(db, &err), KV_OK);
    insert(db, "test.mine");
    faults_plan(FAULT_SYNC, 0, 0, 0);
    faults_on_call(ask_child, &c);
    faults_go();
    assert_int_equal(db_commit_untracked(db, &err), KV_OK);
    faults_stop();
    faults_on_call(NULL, NULL);
    assert_int_equal(faults_calls(), 1); /* the owed sync, and no other */
    assert_int_equal(c.answer, 'y');
    int status;
    assert_int_equal(waitpid(c.pid, &status, 0), c.pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM config WHERE key IN "
                                "('test.mine', 'test.theirs')"),
                     2);
    close(c.to);
    close(c.from);
    close(to[0]);
    close(from[1]);
    db_close(db);
}

/* The commit's sync fails: the change is there (another connection sees it) and the
 * queue is free, the caller is told it may be saved, and this connection writes nothing
 * more, so a save tried again is not stored twice. */
static void a_failed_sync_after_the_commit_stops_the_connection_writing(void **state)
{
    struct fixture *fx = *state;
    struct db *db = open_with_wal(fx);
    struct kv_error err;
    assert_int_equal(db_begin_untracked(db, &err), KV_OK);
    insert(db, "test.unsynced");
    faults_plan(FAULT_SYNC, 1, 0, 0);
    faults_go();
    int rc = db_commit_untracked(db, &err);
    long failed = faults_stop();
    assert_int_equal(failed, 1);
    assert_int_equal(rc, KV_ERR);
    assert_non_null(strstr(err.msg, "De wijziging is mogelijk opgeslagen"));
    assert_false(db->queued);
    assert_int_equal(db_begin_untracked(db, &err), KV_ERR); /* no second save */
    assert_non_null(strstr(err.msg, "schrijft niets meer"));
    assert_false(db->queued);
    struct db *other = fx_open(fx);
    assert_int_equal(fx_int(other, "SELECT count(*) FROM config WHERE key = 'test.unsynced'"), 1);
    assert_int_equal(db_begin_untracked(other, &err), KV_OK); /* the queue is free */
    db_rollback(other);
    db_close(other);
    db_close(db);
}

int main(void)
{
    if (faults_install_vfs() != SQLITE_OK)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_commit_owes_its_sync_until_asked, fx_setup_created,
                                        fx_teardown),
        cmocka_unit_test_setup_teardown(a_new_wal_header_is_synced_before_its_frames,
                                        fx_setup_created, fx_teardown),
        cmocka_unit_test_setup_teardown(a_checkpoint_inside_a_commit_syncs_the_wal_before_it_copies,
                                        fx_setup_created, fx_teardown),
        cmocka_unit_test_setup_teardown(another_writer_need_not_wait_for_an_owed_sync,
                                        fx_setup_created, fx_teardown),
        cmocka_unit_test_setup_teardown(a_failed_sync_after_the_commit_stops_the_connection_writing,
                                        fx_setup_created, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
