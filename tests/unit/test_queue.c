/* The writers' queue (storage/dbfile.h): every way a write transaction ends gives the
 * queue back while the process lives on, a wait that runs out leaves the caller's
 * SIGALRM handler and timer as they were, and a handle's nested entries hold it until
 * the last leaves. "Another process" is a forked child that opened the file itself
 * (forked before the parent opens, so it shares no open file description). */
#include "storage/db.h"
#include "storage/dbfile.h"
#include "storage/login.h"
#include "storage/stmt.h"
#include "storage/stmtcache.h"
#include "storage/txn.h"
#include "tests/unit/fixture.h"

#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

struct other {
    pid_t pid;
    int to, from; /* pipes: commands to the child, its answers */
};

/* The child's commands: 'q' may it write now (queue within 200 ms, left at once: 'y' or
 * 'n'); 'h' enter the queue and hold it ('y'); 'r' leave it ('y'); 'l' take SQLite's write
 * lock past the queue ('y'); 'u' give that back ('y'); 's' begin reading ('y'); 'e' end
 * that read ('y'); 'x' exit. */
static void child(struct fixture *fx, int in, int out)
{
    db_set_busy_timeout(200);
    struct db *db = fx_open(fx);
    char c, yes = 'y', no = 'n';
    while (read(in, &c, 1) == 1 && c != 'x') {
        int ok = 1;
        if (c == 'q') {
            ok = dbfile_queue_enter(db->file, 200) == DBFILE_OK;
            if (ok)
                dbfile_queue_leave(db->file);
        } else if (c == 'h') {
            ok = dbfile_queue_enter(db->file, 200) == DBFILE_OK;
        } else if (c == 'r') {
            dbfile_queue_leave(db->file);
        } else if (c == 'l') {
            ok = sqlite3_exec(db->sql, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK;
        } else if (c == 'u' || c == 'e') {
            ok = sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
        } else if (c == 's') {
            ok = sqlite3_exec(db->sql, "BEGIN; SELECT count(*) FROM config", NULL, NULL, NULL) ==
                 SQLITE_OK;
        }
        if (write(out, ok ? &yes : &no, 1) != 1)
            break;
    }
    db_close(db);
    _exit(0);
}

static struct other start_other(struct fixture *fx)
{
    int down[2], up[2];
    assert_int_equal(pipe(down), 0);
    assert_int_equal(pipe(up), 0);
    struct other o = {fork(), down[1], up[0]};
    assert_true(o.pid >= 0);
    if (o.pid == 0) {
        close(down[1]);
        close(up[0]);
        child(fx, down[0], up[1]);
    }
    close(down[0]);
    close(up[1]);
    return o;
}

/* Ask the child; true for 'y'. */
static int ask(struct other *o, char c)
{
    char a = 0;
    assert_int_equal(write(o->to, &c, 1), 1);
    assert_int_equal(read(o->from, &a, 1), 1);
    return a == 'y';
}

static void stop_other(struct other *o)
{
    char x = 'x';
    assert_int_equal(write(o->to, &x, 1), 1);
    int status;
    waitpid(o->pid, &status, 0);
    close(o->to);
    close(o->from);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static void every_end_of_a_write_transaction_gives_the_queue_back(void **state)
{
    struct fixture *fx = *state;
    struct other o = start_other(fx);
    assert_true(ask(&o, 'q')); /* nobody writes yet */
    struct db *db = fx_open(fx);
    struct kv_error err;

    assert_int_equal(db_begin(db, &err), KV_OK);
    assert_false(ask(&o, 'q')); /* held while the transaction runs */
    fx_exec(db, "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES "
                "('test.queue', '1', 'x', 'x', 'test')");
    assert_int_equal(db_commit(db, &err), KV_OK);
    assert_true(ask(&o, 'q'));

    assert_int_equal(db_begin_untracked(db, &err), KV_OK);
    assert_false(ask(&o, 'q'));
    db_rollback(db);
    assert_true(ask(&o, 'q'));
    db_rollback(db); /* again, with nothing open: must not give back what it no longer has */
    assert_true(ask(&o, 'h'));
    assert_true(ask(&o, 'r'));

    /* SQLite's lock taken past the queue: BEGIN IMMEDIATE fails busy after the queue was
     * entered; the failed begin gives the queue back. */
    db_set_busy_timeout(200);
    assert_true(ask(&o, 'l'));
    assert_int_equal(db_begin_untracked(db, &err), KV_EBUSY);
    assert_true(strstr(err.msg, "bezet") != NULL);
    assert_true(ask(&o, 'u'));
    assert_true(ask(&o, 'q'));

    /* Closed in the middle of a transaction, while another handle on the file here keeps
     * the descriptor (and so the lock) open. */
    struct dbfile *other_handle;
    assert_int_equal(dbfile_open(fx->path, 1000, &other_handle), DBFILE_OK);
    assert_int_equal(db_begin_untracked(db, &err), KV_OK);
    db_close(db);
    assert_true(ask(&o, 'q'));
    dbfile_close(other_handle);
    db_set_busy_timeout(10000);
    stop_other(&o);
}

static int alarms;
static void count_alarm(int sig)
{
    (void)sig;
    alarms++;
}

static void a_wait_that_runs_out_leaves_the_callers_alarm_as_it_was(void **state)
{
    struct fixture *fx = *state;
    struct other o = start_other(fx);
    assert_true(ask(&o, 'h'));
    struct dbfile *f;
    assert_int_equal(dbfile_open(fx->path, 1000, &f), DBFILE_OK);

    struct sigaction mine = {.sa_handler = count_alarm}, seen;
    sigemptyset(&mine.sa_mask);
    sigaction(SIGALRM, &mine, NULL);
    struct itimerval later = {{0, 0}, {100, 0}}, now;
    setitimer(ITIMER_REAL, &later, NULL);

    assert_int_equal(dbfile_queue_enter(f, 150), DBFILE_BUSY);
    sigaction(SIGALRM, NULL, &seen);
    assert_ptr_equal(seen.sa_handler, count_alarm);
    getitimer(ITIMER_REAL, &now);
    assert_true(now.it_value.tv_sec > 90); /* the caller's timer runs on, not ours */
    /* ... as if it had run through the wait: at least the 150 ms waited are gone. */
    assert_true((long long)now.it_value.tv_sec * 1000000 + now.it_value.tv_usec <=
                100000000LL - 150000);
    assert_int_equal(alarms, 0);

    /* Given back while we wait: we have it without waiting out the timeout. */
    assert_true(ask(&o, 'r'));
    assert_int_equal(dbfile_queue_enter(f, 5000), DBFILE_OK);
    assert_false(ask(&o, 'q'));
    dbfile_queue_leave(f);
    assert_true(ask(&o, 'q'));

    setitimer(ITIMER_REAL, &(struct itimerval){{0, 0}, {0, 0}}, NULL);
    signal(SIGALRM, SIG_DFL);
    dbfile_close(f);
    stop_other(&o);
}

static void nested_entries_hold_the_queue_until_the_last_leaves(void **state)
{
    struct fixture *fx = *state;
    struct other o = start_other(fx);
    struct dbfile *f, *g;
    assert_int_equal(dbfile_open(fx->path, 1000, &f), DBFILE_OK);
    assert_int_equal(dbfile_open(fx->path, 1000, &g), DBFILE_OK); /* the same handle */
    assert_int_equal(dbfile_queue_enter(f, 0), DBFILE_OK);
    assert_int_equal(dbfile_queue_enter(g, 0), DBFILE_OK); /* ours already: no wait */
    dbfile_queue_leave(f);
    assert_false(ask(&o, 'q'));
    dbfile_queue_leave(g);
    assert_true(ask(&o, 'q'));
    dbfile_queue_leave(g); /* one too many: nothing to give back, nothing taken */
    assert_true(ask(&o, 'h'));
    assert_int_equal(dbfile_queue_enter(f, 0), DBFILE_BUSY);
    assert_true(ask(&o, 'r'));
    dbfile_close(g);
    dbfile_close(f);
    stop_other(&o);
}

/* A writer in its own process: on a byte from go it opens the file and enters the queue
 * (waiting up to timeout_ms), writes its letter to report ('-' when it could not enter),
 * leaves, and exits. */
static pid_t start_writer(struct fixture *fx, char letter, int timeout_ms, int report, int *go)
{
    int p[2];
    assert_int_equal(pipe(p), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        char c;
        close(p[1]);
        struct dbfile *f;
        if (read(p[0], &c, 1) != 1 || dbfile_open(fx->path, 1000, &f) != DBFILE_OK)
            _exit(1);
        int in = dbfile_queue_enter(f, timeout_ms) == DBFILE_OK;
        char out = in ? letter : '-';
        if (write(report, &out, 1) != 1)
            _exit(1);
        if (in)
            dbfile_queue_leave(f);
        dbfile_close(f);
        _exit(0);
    }
    close(p[0]);
    *go = p[1];
    return pid;
}

/* Let the writer go and wait until it has its place in line (its ticket). */
static void line_up(struct dbfile *f, int go, unsigned long long place)
{
    assert_int_equal(write(go, "g", 1), 1);
    for (int i = 0; i < 5000 && dbfile_queue_tickets(f) < place; i++)
        usleep(1000);
    assert_true(dbfile_queue_tickets(f) >= place);
}

static void reap(pid_t pid)
{
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* Six writers lined up behind the holder come in the order they came: the kernel wakes
 * every waiter on a released byte, so without tickets the order was whoever ran first. */
static void writers_are_served_in_the_order_they_came(void **state)
{
    struct fixture *fx = *state;
    int report[2], go[6];
    pid_t pid[6];
    assert_int_equal(pipe(report), 0);
    for (int i = 0; i < 6; i++)
        pid[i] = start_writer(fx, (char)('a' + i), 10000, report[1], &go[i]);
    struct dbfile *f;
    assert_int_equal(dbfile_open(fx->path, 1000, &f), DBFILE_OK);
    assert_int_equal(dbfile_queue_enter(f, 0), DBFILE_OK);
    unsigned long long first = dbfile_queue_tickets(f);
    assert_true(first >= 1);
    /* Lined up unevenly and held for a while: a waiter on the byte alone was interrupted
     * every 50 ms (its deadline timer) and blocked anew at the back, so the order it
     * came in was lost. */
    for (int i = 0; i < 6; i++) {
        line_up(f, go[i], first + (unsigned long long)i + 1);
        if (i % 2 == 1)
            usleep(30000);
    }
    usleep(300000);
    dbfile_queue_leave(f);
    char order[7] = {0};
    for (int i = 0; i < 6; i++)
        assert_int_equal(read(report[0], &order[i], 1), 1);
    assert_string_equal(order, "abcdef");
    for (int i = 0; i < 6; i++) {
        reap(pid[i]);
        close(go[i]);
    }
    close(report[0]);
    close(report[1]);
    dbfile_close(f);
}

/* A writer in line that is killed, or that gives up (its wait runs out), holds nobody up:
 * those behind it come in once the holder leaves. */
static void a_writer_that_dies_or_gives_up_in_line_holds_nobody_up(void **state)
{
    struct fixture *fx = *state;
    int report[2], go[3];
    pid_t pid[3];
    assert_int_equal(pipe(report), 0);
    pid[0] = start_writer(fx, 'k', 10000, report[1], &go[0]); /* to be killed */
    pid[1] = start_writer(fx, 'g', 300, report[1], &go[1]);   /* gives up */
    pid[2] = start_writer(fx, 'w', 10000, report[1], &go[2]);
    struct dbfile *f;
    assert_int_equal(dbfile_open(fx->path, 1000, &f), DBFILE_OK);
    assert_int_equal(dbfile_queue_enter(f, 0), DBFILE_OK);
    unsigned long long first = dbfile_queue_tickets(f);
    for (int i = 0; i < 3; i++)
        line_up(f, go[i], first + (unsigned long long)i + 1);
    kill(pid[0], SIGKILL);
    int status;
    assert_int_equal(waitpid(pid[0], &status, 0), pid[0]);
    char c = 0;
    assert_int_equal(read(report[0], &c, 1), 1);
    assert_int_equal(c, '-'); /* the one that gave up, while the holder still held */
    dbfile_queue_leave(f);
    assert_int_equal(read(report[0], &c, 1), 1);
    assert_int_equal(c, 'w');
    reap(pid[1]);
    reap(pid[2]);
    for (int i = 0; i < 3; i++)
        close(go[i]);
    close(report[0]);
    close(report[1]);
    dbfile_close(f);
}

static int order_file_exists(const struct fixture *fx)
{
    char name[600];
    snprintf(name, sizeof name, "%s-kvq", fx->path);
    return access(name, F_OK) == 0;
}

/* The writers share one order file, which lives while any of them has it open and goes
 * with the last, so a file nobody writes (a backup) has nothing beside it. */
static void the_order_file_is_shared_and_goes_with_the_last_writer(void **state)
{
    struct fixture *fx = *state;
    assert_false(order_file_exists(fx));
    struct other o = start_other(fx);
    assert_true(ask(&o, 'h'));
    assert_true(order_file_exists(fx));
    assert_true(ask(&o, 'r'));
    struct dbfile *f;
    assert_int_equal(dbfile_open(fx->path, 1000, &f), DBFILE_OK);
    assert_int_equal(dbfile_queue_tickets(f), 0); /* opened at the first write */
    assert_int_equal(dbfile_queue_enter(f, 0), DBFILE_OK);
    unsigned long long mine = dbfile_queue_tickets(f);
    assert_true(mine >= 2); /* the child's ticket came from the same counter */
    dbfile_queue_leave(f);
    dbfile_close(f);
    assert_true(order_file_exists(fx)); /* the child still has it */
    assert_true(ask(&o, 'q'));
    stop_other(&o);
    assert_false(order_file_exists(fx));
}

/* bytes in one untracked commit: 5 MB are far more WAL pages than the checkpoint size. */
static void commit_bytes(struct db *db, const char *key, long bytes)
{
    struct kv_error err;
    char sql[300];
    assert_int_equal(db_begin_untracked(db, &err), KV_OK);
    snprintf(sql, sizeof sql,
             "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES "
             "('%s', printf('%%.*c', %ld, 'x'), 'x', 'x', 'test')",
             key, bytes);
    fx_exec(db, sql);
    assert_int_equal(db_commit_untracked(db, &err), KV_OK);
}

/* SQLite's own checkpoint is replaced: not in the commit (its caller waits for
 * "opgeslagen") but at db_idle, after it left the queue; one a reader elsewhere still
 * needs stays in the WAL without making anyone wait or fail, and the first idle after the
 * WAL grew by the mark again copies it once the reader is done. */
static void the_checkpoint_waits_for_idle_and_never_for_a_reader(void **state)
{
    struct fixture *fx = *state;
    struct other o = start_other(fx);
    struct db *db = fx_open(fx);
    /* Locked and unlocked first: the struct moves then, and the WAL hook must follow it. */
    struct kv_error err;
    db_lock(db);
    assert_int_equal(db_unlock(db, FX_PASS, strlen(FX_PASS), &err), KV_OK);
    off_t small = dbfile_size(db->file);
    commit_bytes(db, "test.a", 5000000);
    assert_int_equal(dbfile_size(db->file), small); /* in the WAL: the commit did not wait */
    db_idle(db);
    off_t grown = dbfile_size(db->file);
    assert_true(grown >= small + 5000000);

    assert_true(ask(&o, 's')); /* a snapshot from before the next commit */
    commit_bytes(db, "test.b", 5000000);
    db_idle(db);
    assert_int_equal(dbfile_size(db->file), grown); /* kept in the WAL for the reader */
    assert_true(ask(&o, 'e'));
    fx_exec(db, "SELECT 1");
    db_idle(db); /* nothing written since the last try: nothing checkpointed */
    assert_int_equal(dbfile_size(db->file), grown);
    /* Tried at this size already: a small commit does not try again (with readers always
     * overlapping, every save of thirty processes did, and synced for nothing)... */
    commit_bytes(db, "test.small", 10);
    db_idle(db);
    assert_int_equal(dbfile_size(db->file), grown);
    /* ...a WAL grown by the mark since does, and copies what the reader held back. */
    commit_bytes(db, "test.c", 5000000);
    assert_int_equal(dbfile_size(db->file), grown);
    db_idle(db);
    assert_true(dbfile_size(db->file) >= grown + 10000000);
    db_close(db);
    stop_other(&o);
}

/* A process that commits and commits without idling (an import) still keeps the WAL
 * bounded: a commit far past the mark checkpoints itself. */
static void a_commit_far_past_the_mark_checkpoints_itself(void **state)
{
    struct fixture *fx = *state;
    struct db *db = fx_open(fx);
    off_t small = dbfile_size(db->file);
    commit_bytes(db, "test.big", 20000000);
    assert_true(dbfile_size(db->file) >= small + 20000000);
    db_close(db);
}

/* A screen's snapshot (db_read_begin): another connection's commit is not seen until it
 * ends, a write inside it is refused instead of joining it, and afterwards the connection
 * reads and writes as before. */
static void a_read_snapshot_holds_one_state_and_writes_nothing(void **state)
{
    struct fixture *fx = *state;
    struct db *a = fx_open(fx), *b = fx_open(fx);
    struct kv_error err;
    long before = fx_int(a, "SELECT count(*) FROM config");
    assert_int_equal(db_read_begin(a, &err), KV_OK);
    commit_bytes(b, "test.seen-later", 10);
    assert_int_equal(fx_int(a, "SELECT count(*) FROM config"), before);
    assert_int_equal(
        sqlite3_exec(a->sql, "DELETE FROM config WHERE key = 'test.seen-later'", NULL, NULL, NULL),
        SQLITE_READONLY);
    assert_int_equal(db_read_begin(a, &err), KV_OK); /* nested: the same snapshot */
    db_read_end(a);
    assert_int_equal(fx_int(a, "SELECT count(*) FROM config"), before);
    db_read_end(a);
    assert_int_equal(fx_int(a, "SELECT count(*) FROM config"), before + 1);
    db_read_end(a); /* ended already: nothing */
    commit_bytes(a, "test.after", 10);
    assert_int_equal(fx_int(b, "SELECT count(*) FROM config"), before + 2);
    db_close(b);
    db_close(a);
}

/* A snapshot leaves the connection's kept statements compiled: before, it set PRAGMA
 * query_only, which made SQLite compile every one of them again at its next step. */
static void a_read_snapshot_leaves_kept_statements_compiled(void **state)
{
    struct fixture *fx = *state;
    struct db *a = fx_open(fx);
    struct kv_error err;
    sqlite3_stmt *st;
    const char *sql = "SELECT count(*) FROM config WHERE key <> ?1";
    assert_int_equal(stmt_take(&a->stmts, a->sql, &st, sql, "t", "x"), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    stmtcache_release(a->stmts, st);
    int compiled = sqlite3_stmt_status(st, SQLITE_STMTSTATUS_REPREPARE, 0);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(db_read_begin(a, &err), KV_OK);
        assert_int_equal(stmt_take(&a->stmts, a->sql, &st, sql, "t", "x"), SQLITE_OK);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        stmtcache_release(a->stmts, st);
        db_read_end(a);
    }
    assert_int_equal(stmt_take(&a->stmts, a->sql, &st, sql, "t", "x"), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_stmt_status(st, SQLITE_STMTSTATUS_REPREPARE, 0), compiled);
    stmtcache_release(a->stmts, st);
    commit_bytes(a, "test.after-snapshots", 10); /* and it writes again */
    db_close(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(every_end_of_a_write_transaction_gives_the_queue_back,
                                        fx_setup_created, fx_teardown),
        cmocka_unit_test_setup_teardown(a_wait_that_runs_out_leaves_the_callers_alarm_as_it_was,
                                        fx_setup_created, fx_teardown),
        cmocka_unit_test_setup_teardown(nested_entries_hold_the_queue_until_the_last_leaves,
                                        fx_setup_created, fx_teardown),
        cmocka_unit_test_setup_teardown(writers_are_served_in_the_order_they_came, fx_setup_created,
                                        fx_teardown),
        cmocka_unit_test_setup_teardown(a_writer_that_dies_or_gives_up_in_line_holds_nobody_up,
                                        fx_setup_created, fx_teardown),
        cmocka_unit_test_setup_teardown(the_order_file_is_shared_and_goes_with_the_last_writer,
                                        fx_setup_created, fx_teardown),
        cmocka_unit_test_setup_teardown(the_checkpoint_waits_for_idle_and_never_for_a_reader,
                                        fx_setup_created, fx_teardown),
        cmocka_unit_test_setup_teardown(a_read_snapshot_leaves_kept_statements_compiled,
                                        fx_setup_created, fx_teardown),
        cmocka_unit_test_setup_teardown(a_commit_far_past_the_mark_checkpoints_itself,
                                        fx_setup_created, fx_teardown),
        cmocka_unit_test_setup_teardown(a_read_snapshot_holds_one_state_and_writes_nothing,
                                        fx_setup_created, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
