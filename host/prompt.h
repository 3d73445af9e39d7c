/* prompt.h: passphrases from the terminal (no echo) or from a file descriptor.
 * The passphrase lives in guarded memory and is wiped by pass_free. */
#ifndef KV_HOST_PROMPT_H
#define KV_HOST_PROMPT_H

#include "core/error.h"

#include <stddef.h>

#define PASS_MAX 1024

/* Tries for a wrong passphrase, at login and on the lock screen. */
#define LOGIN_TRIES 3

struct pass {
    char *buf; /* guarded memory, NUL-terminated */
    size_t len;
};

/* fd >= 0: the first line of that descriptor. fd < 0: ask on /dev/tty with prompt. */
int prompt_passphrase(const char *prompt, int fd, struct pass *out, struct kv_error *err);

/* A new passphrase: from fd, or asked twice on the terminal until both match. */
int prompt_new_passphrase(const char *prompt, int fd, struct pass *out, struct kv_error *err);

void pass_free(struct pass *p);

#endif
