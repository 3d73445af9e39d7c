/* priv.h: the set-group-id boundary of a shared-server install, as crontab and the mail
 * spool draw it. Installed setgid klantvolg, the program starts with the one group that may
 * enter the database directory; caseworkers are not in it, so they reach the data only
 * through klantvolg, which enforces the roles and writes the log.
 * The group is kept only for the configured database, its WAL, index and journal and klantvolg's
 * own side files. Every file a user names (import input, keys file, backup target, checkout copy)
 * is opened with her own ids (priv_*_user), and a database other than the configured one is opened
 * only after priv_drop. Run without set-id (a laptop, a copy, the tests), every call here is a
 * no-op apart from the plain file operation. */
#ifndef KV_HOST_PRIV_H
#define KV_HOST_PRIV_H

#include "core/error.h"

#include <stdio.h>
#include <sys/types.h>

/* First thing in main: note the ids, keep fds 0-2 open (so no file we open becomes
 * someone's stderr), no core dumps, not dumpable or traceable. */
void priv_init(void);

/* The program was started set-id: environment variables that change what the log records
 * or what a role may do are ignored (KLANTVOLG_NOW), or may only tighten
 * (KLANTVOLG_IDLE_LOCK). Stays true after priv_drop. */
int priv_setid(void);

/* The group is still held. */
int priv_active(void);

/* Give the group up for good (saved id too). Aborts when the kernel refuses: going on
 * with the privilege would be worse than stopping. */
void priv_drop(void);

/* Open a file that the user names, with her own group: what she could not open herself,
 * klantvolg does not open for her. Created files are hers. errno as from open/fopen. */
int priv_open_user(const char *path, int flags, mode_t mode);
FILE *priv_fopen_user(const char *path, const char *mode);

/* Hand a file made in the database directory (spool, by us) to the user at dest: dest is
 * written with her ids (0600, created beside dest under a private name, synced, then put
 * in place; an existing dest only with force), and spool is removed either way. Returns
 * KV_OK or a status with err filled (Dutch message naming dest). */
int priv_deliver(const char *spool, const char *dest, int force, struct kv_error *err);

/* A fresh name in the directory of db_path for priv_deliver's spool (not created);
 * caller frees. NULL when out of memory. */
char *priv_spool_path(const char *db_path);

#endif
