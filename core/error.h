/* error.h: how library code (core, crypto, storage) reports a failure.
 * A status code that tells cli/tui which exit code applies, a Dutch message a person
 * can act on, and an English detail for logs and developers. Library code never
 * prints or exits; it fills one of these and returns the status. */
#ifndef KV_CORE_ERROR_H
#define KV_CORE_ERROR_H

#include <stdarg.h>

enum kv_status {
    KV_OK = 0,
    KV_ERR = 1,       /* anything else: I/O, bad input, refused operation */
    KV_EUSAGE = 2,    /* the call itself is wrong */
    KV_EAUTH = 3,     /* unknown or disabled user, wrong passphrase */
    KV_EDAMAGED = 4,  /* damaged, tampered, truncated or foreign file */
    KV_EBUSY = 5,     /* the database stayed locked beyond the timeout */
    KV_ECONFLICT = 6, /* someone else saved the record since it was read */
};

struct kv_error {
    enum kv_status status;
    char msg[512];    /* Dutch, for the user */
    char detail[512]; /* English, for the log */
};

void kv_error_clear(struct kv_error *err);

/* Fill err (may be NULL) and return status, so callers can `return kv_error_set(...)`. */
int kv_error_set(struct kv_error *err, enum kv_status status, const char *detail, const char *fmt,
                 ...) __attribute__((format(printf, 4, 5)));

/* The one message for memory that ran out (the detail: "out of memory"); KV_ERR. */
#define KV_MSG_NOMEM "Onvoldoende geheugen."
int kv_error_nomem(struct kv_error *err);

/* A failed file operation, from errno: "Kan PATH niet WHAT: REASON." (what: an infinitive,
 * "lezen", "schrijven", "aanmaken"); KV_ERR. */
int kv_error_io(struct kv_error *err, const char *what, const char *path);

#endif
