#include "host/prompt.h"

#include "core/safetext.h"
#include "crypto/secmem.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static volatile sig_atomic_t tty_fd = -1;
static struct termios saved;

/* If the user interrupts while echo is off, give the terminal back before dying. */
static void restore_and_die(int sig)
{
    if (tty_fd >= 0)
        tcsetattr(tty_fd, TCSAFLUSH, &saved);
    signal(sig, SIG_DFL);
    raise(sig);
}

static int read_line(int fd, struct pass *out)
{
    size_t n = 0;
    for (;;) {
        char c;
        ssize_t r = read(fd, &c, 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0 || c == '\n')
            break;
        if (n + 1 >= PASS_MAX)
            return -2;
        out->buf[n++] = c;
    }
    if (n > 0 && out->buf[n - 1] == '\r')
        n--;
    out->buf[n] = '\0';
    out->len = n;
    return 0;
}

static int from_fd(int fd, struct pass *out, struct kv_error *err)
{
    int rc = read_line(fd, out);
    if (rc == -2)
        return kv_error_set(err, KV_EUSAGE, "passphrase too long",
                            "Wachtwoord op descriptor %d is te lang (maximaal %d bytes).", fd,
                            PASS_MAX - 1);
    if (out->len == 0)
        return kv_error_set(err, KV_EUSAGE, "empty passphrase on fd",
                            "Geen wachtwoord gelezen van descriptor %d.", fd);
    return KV_OK;
}

static int from_tty(const char *prompt, struct pass *out, struct kv_error *err)
{
    int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return kv_error_set(err, KV_EUSAGE, "no terminal",
                            "Geen terminal om het wachtwoord te vragen; gebruik "
                            "--passphrase-fd N.");
    struct termios t;
    struct sigaction sa = {0}, old_int, old_term, old_hup;
    int have_tty = tcgetattr(fd, &saved) == 0;
    if (have_tty) {
        sa.sa_handler = restore_and_die;
        sigaction(SIGINT, &sa, &old_int);
        sigaction(SIGTERM, &sa, &old_term);
        sigaction(SIGHUP, &sa, &old_hup);
        tty_fd = fd;
        t = saved;
        t.c_lflag &= ~(tcflag_t)ECHO;
        t.c_lflag |= ECHONL;
        tcsetattr(fd, TCSAFLUSH, &t);
    }
    char shown[700]; /* the prompt names the user and the file, which may hold anything */
    safetext_copy(shown, sizeof shown, prompt, SAFETEXT_LINE);
    if (write(fd, shown, strlen(shown)) < 0) {
        /* the prompt is a courtesy; reading still works */
    }
    int rc = read_line(fd, out);
    if (have_tty) {
        tcsetattr(fd, TCSAFLUSH, &saved);
        tty_fd = -1;
        sigaction(SIGINT, &old_int, NULL);
        sigaction(SIGTERM, &old_term, NULL);
        sigaction(SIGHUP, &old_hup, NULL);
    }
    close(fd);
    if (rc == -2)
        return kv_error_set(err, KV_EUSAGE, "passphrase too long", "Wachtwoord is te lang.");
    return KV_OK;
}

static int alloc_pass(struct pass *out, struct kv_error *err)
{
    out->len = 0;
    out->buf = secmem_alloc(PASS_MAX);
    if (out->buf == NULL)
        return kv_error_nomem(err);
    return KV_OK;
}

int prompt_passphrase(const char *prompt, int fd, struct pass *out, struct kv_error *err)
{
    int rc = alloc_pass(out, err);
    if (rc == KV_OK)
        rc = fd >= 0 ? from_fd(fd, out, err) : from_tty(prompt, out, err);
    if (rc != KV_OK)
        pass_free(out);
    return rc;
}

int prompt_new_passphrase(const char *prompt, int fd, struct pass *out, struct kv_error *err)
{
    if (fd >= 0)
        return prompt_passphrase(prompt, fd, out, err);
    for (int tries = 0; tries < 3; tries++) {
        struct pass again;
        int rc = prompt_passphrase(prompt, -1, out, err);
        if (rc != KV_OK)
            return rc;
        rc = prompt_passphrase("Nogmaals: ", -1, &again, err);
        if (rc != KV_OK) {
            pass_free(out);
            return rc;
        }
        int same = out->len == again.len && memcmp(out->buf, again.buf, out->len) == 0;
        pass_free(&again);
        if (same)
            return KV_OK;
        pass_free(out);
        static const char msg[] = "De wachtwoorden zijn niet gelijk; probeer het opnieuw.\n";
        if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0) {
            /* nothing better to do */
        }
    }
    return kv_error_set(err, KV_EUSAGE, "passphrases differ",
                        "De wachtwoorden waren drie keer niet gelijk; er is niets veranderd.");
}

void pass_free(struct pass *p)
{
    secmem_free(p->buf);
    p->buf = NULL;
    p->len = 0;
}
