/* host/batch.h: a report or a backup gives way: its nice value goes up by BATCH_NICE, to
 * 19 at most, and never down. Each case runs in a child, since the change cannot be
 * undone by an unprivileged process. */
#include "host/batch.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

static int nice_now(void)
{
    errno = 0;
    return getpriority(PRIO_PROCESS, 0);
}

/* In a child at nice start: what batch_priority leaves, twice; -100 when a step failed. */
static void in_child(int start, int out)
{
    int got[2] = {-100, -100};
    if (setpriority(PRIO_PROCESS, 0, start) == 0 && nice_now() == start) {
        if (batch_priority() == 0)
            got[0] = nice_now();
        if (batch_priority() == 0)
            got[1] = nice_now();
    }
    _exit(write(out, got, sizeof got) == (ssize_t)sizeof got ? 0 : 1);
}

static void run(int start, int *first, int *second)
{
    int fd[2];
    assert_int_equal(pipe(fd), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        in_child(start, fd[1]);
    close(fd[1]);
    int got[2];
    assert_int_equal(read(fd[0], got, sizeof got), (ssize_t)sizeof got);
    close(fd[0]);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    *first = got[0];
    *second = got[1];
}

static void it_goes_up_by_ten_and_stops_at_19(void **state)
{
    (void)state;
    int start = nice_now() > 0 ? nice_now() : 0, a, b;
    run(start, &a, &b);
    assert_int_equal(a, start + BATCH_NICE > 19 ? 19 : start + BATCH_NICE);
    assert_int_equal(b, 19);
}

static void it_never_goes_down(void **state)
{
    (void)state;
    int a, b;
    run(19, &a, &b);
    assert_int_equal(a, 19);
    assert_int_equal(b, 19);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(it_goes_up_by_ten_and_stops_at_19),
        cmocka_unit_test(it_never_goes_down),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
