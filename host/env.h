/* env.h: what the command line takes from its surroundings: the database path, the
 * login name, the current time (KLANTVOLG_NOW for tests and demos) and timeouts. */
#ifndef KV_HOST_ENV_H
#define KV_HOST_ENV_H

#include "core/error.h"

#include <stddef.h>

/* --db, else $KLANTVOLG_DB, else $XDG_DATA_HOME/klantvolg/klantvolg.db, else
 * ~/.local/share/klantvolg/klantvolg.db. Returns malloc'ed text or NULL. */
char *env_db_path(const char *given);

/* --user, else KLANTVOLG_USER, else the login name of the effective user. */
int env_user(const char *given, char *out, size_t n, struct kv_error *err);

/* "YYYY-MM-DD HH:MM:SS" local time, or KLANTVOLG_NOW's date at 00:00:00; a KLANTVOLG_NOW
 * with a time ("YYYY-MM-DD HH:MM:SS") is a clock that starts at that moment and runs on
 * (tests of a session that passes midnight). A set-id program ignores the variable. */
int env_now(char out[20], struct kv_error *err);

/* Today as a day number: KLANTVOLG_NOW's date, or the local date. */
int env_today(long *today, struct kv_error *err);

/* Create the directory that will hold path (mode 0700), parents included. */
int env_make_parent(const char *path, struct kv_error *err);

/* KLANTVOLG_BUSY_TIMEOUT (milliseconds) applied to storage, if set. */
int env_busy_timeout(struct kv_error *err);

#endif
