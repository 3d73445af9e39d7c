/* ptrace_try: start CMD as a child (so a Yama ptrace_scope of 1 allows us), wait until it
 * runs CMD's program, then try to attach as a debugger would. Prints "attached" (exit 0)
 * or "refused: REASON" (exit 1); the child is killed either way. For the shared-server test:
 * a caseworker may debug her own programs, not her own klantvolg. */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int runs(pid_t pid, const char *want)
{
    char link[64], exe[PATH_MAX];
    snprintf(link, sizeof link, "/proc/%d/exe", (int)pid);
    ssize_t n = readlink(link, exe, sizeof exe - 1);
    if (n < 0)
        return errno == EACCES; /* not readable by us: it is the non-dumpable program */
    exe[n] = '\0';
    return strcmp(exe, want) == 0;
}

int main(int argc, char **argv)
{
    char want[PATH_MAX];
    if (argc < 2 || realpath(argv[1], want) == NULL) {
        fprintf(stderr, "usage: ptrace_try CMD [ARG...]\n");
        return 2;
    }
    pid_t pid = fork();
    if (pid == 0) {
        execv(argv[1], argv + 1);
        _exit(127);
    }
    struct timespec ts = {0, 20 * 1000000L};
    for (int i = 0; i < 1500 && !runs(pid, want); i++)
        nanosleep(&ts, NULL);
    int rc;
    if (ptrace(PTRACE_ATTACH, pid, NULL, NULL) == 0) {
        printf("attached\n");
        rc = 0;
    } else {
        printf("refused: %s\n", strerror(errno));
        rc = 1;
    }
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    return rc;
}
