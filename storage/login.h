/* login.h: opening a klantvolg database as a user, and creating one. The user's key
 * slot gives the master key (a failed login is noted for the audit log), then db.h's
 * connection opens. A pending master-key rotation runs when the user is the last one
 * in: at a writable open and again when leaving (db_close, db_lock). */
#ifndef KV_STORAGE_LOGIN_H
#define KV_STORAGE_LOGIN_H

#include "storage/db.h"

/* Opening refuses as damaged (KV_EDAMAGED) a file cut to its header, a schema of 0
 * outside DB_CREATE, and a header older than the generation the pages record (the
 * header_gen table, written in the transaction of every header write). When a
 * rotation is pending (HDR_F_ROTATE) and nobody else has the file open, a writable
 * open rotates the master key first (keys_rotate) and opens the new file; so does
 * db_close, when it is the last. A failed rotation is left for the next chance.
 * clock: where the log and today take their time (NULL: the wall clock). */
int db_open(const char *path, const char *user, const char *pass, size_t passlen, int flags,
            db_clock clock, struct db **out, struct kv_error *err);

/* Create path atomically with one user (role beheerder) holding the first key slot.
 * The file appears complete or not at all; an existing file is never touched. It is
 * mode 0600, or 0660 owned by group when group is not NULL (a shared server: the user
 * must belong to the group); SQLite gives the journal the same mode and group. */
int db_create(const char *path, const char *user, const char *display, const char *pass,
              size_t passlen, const struct kdf_cost *cost, const char *now, const char *group,
              struct kv_error *err);

/* Lock an open database for the idle lock: run a pending rotation when last (as
 * db_close), close SQLite and the file (a locked session does not count as having the
 * file open), wipe the master and page keys. The struct stays (callers keep their
 * pointer) but may not be used until db_unlock. Write what must be kept (a draft)
 * before locking. */
void db_lock(struct db *db);
int db_is_locked(const struct db *db);

/* Open the file again with the passphrase into the same struct. A wrong passphrase is
 * KV_EAUTH and leaves the database locked. */
int db_unlock(struct db *db, const char *pass, size_t passlen, struct kv_error *err);

#endif
