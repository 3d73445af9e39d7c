/* login.c: a user's way into the file (login.h). The connection itself is db.c; this
 * adds the key slot, the failed-login notes, the pending rotation and the idle lock. */
#include "storage/login.h"
#include "storage/stmt.h"

#include "crypto/secmem.h"
#include "crypto/vfs.h"
#include "storage/audit.h"
#include "storage/dbfile.h"
#include "storage/figures_summary.h"
#include "storage/keys.h"
#include "storage/schema.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The header on disk now (another process may have disabled someone since we opened),
 * authenticated: does it ask for a rotation? */
static int rotation_pending_on_disk(struct db *db)
{
    struct header *h = calloc(1, sizeof *h);
    struct header_status st;
    int yes = h != NULL && header_read(dbfile_fd(db->file), h, &st) == 0 &&
              header_verify(h, db->key->mackey) == 0 && (h->flags & HDR_F_ROTATE);
    header_free(h);
    return yes;
}

/* Leaving the file (close, idle lock): the last one out runs a pending rotation. */
static void rotate_if_last(struct db *db)
{
    if (db->may_rotate && db->sql != NULL && sqlite3_get_autocommit(db->sql) &&
        rotation_pending_on_disk(db)) {
        struct kv_error ignored; /* busy or failed: the next open or close tries again */
        keys_rotate(db, NULL, &ignored);
    }
}

void db_lock(struct db *db)
{
    rotate_if_last(db);
    db_release(db);
    /* A locked screen is not at work: it lets go of the file (and its presence lock),
     * so sessions left locked overnight do not keep a rotation or rekey from running.
     * db_unlock opens the file by its name again, rotated or not. */
    dbfile_close(db->file);
    db->file = NULL;
    sodium_memzero(db->master, KV_KEY_BYTES);
}

int db_is_locked(const struct db *db)
{
    return db->sql == NULL;
}

int db_unlock(struct db *db, const char *pass, size_t passlen, struct kv_error *err)
{
    struct db *fresh;
    int rc = db_open(db->path, db->user, pass, passlen, 0, db->clock, &fresh, err);
    if (rc != KV_OK)
        return rc;
    /* What the locked struct still holds goes; the fresh one moves into its place. */
    secmem_free(db->master);
    header_free(db->hdr);
    dbfile_close(db->file);
    free(db->path);
    *db = *fresh;
    free(fresh);
    /* SQL functions and the WAL hook were registered with the fresh struct's address as
     * their user data; that struct is gone, so they are registered again with the one that
     * lives on. */
    rc = db_register_functions(db);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "register SQL functions", err);
    return KV_OK;
}

int db_open(const char *path, const char *user, const char *pass, size_t passlen, int flags,
            db_clock clock, struct db **out, struct kv_error *err)
{
    struct db *db = db_alloc(path, clock);
    int rc;
    *out = NULL;
    if (db == NULL)
        return kv_error_nomem(err);
    snprintf(db->user, sizeof db->user, "%s", user);
    db->derive = figures_summary_refresh;
    if ((rc = db_open_file(db, flags, err)) != KV_OK)
        goto fail;
    struct slot *s = header_find_slot(db->hdr, user);
    if (s == NULL) {
        audit_failed_login(db, "onbekende gebruiker");
        rc = kv_error_set(err, KV_EAUTH, "no key slot for user",
                          "Gebruiker '%s' heeft geen toegang tot deze database.", user);
        goto fail;
    }
    if (slot_is_empty(s)) { /* a server backup: only the recovery key opens it (recovery.h) */
        rc = kv_error_set(err, KV_EAUTH, "slot holds no master key",
                          "%s is een serverback-up: alleen de herstelsleutel van de gemeente "
                          "opent die ('klantvolg restore').",
                          path);
        goto fail;
    }
    switch (keyslot_open(s, pass, passlen, db->master)) {
    case KEYSLOT_OK:
        break;
    case KEYSLOT_WRONG_PASSPHRASE:
        audit_failed_login(db, "onjuist wachtwoord");
        rc = kv_error_set(err, KV_EAUTH, "slot did not open",
                          "Onjuist wachtwoord voor gebruiker '%s'.", user);
        goto fail;
    case KEYSLOT_BAD_COST:
        rc = kv_error_set(err, KV_EDAMAGED, "KDF algorithm or cost out of bounds",
                          "De sleutel van gebruiker '%s' in %s is beschadigd of gewijzigd: "
                          "onmogelijke kosten voor de sleutelafleiding.",
                          user, path);
        goto fail;
    case KEYSLOT_TAMPERED:
        rc = kv_error_set(err, KV_EDAMAGED, "sealed master key did not open",
                          "De sleutel van gebruiker '%s' in %s is gewijzigd of beschadigd.", user,
                          path);
        goto fail;
    default:
        rc = kv_error_nomem(err);
        goto fail;
    }
    if ((rc = db_finish_open(db, flags, err)) != KV_OK)
        goto fail;
    if (db->migrated_from >= 1 && db->migrated_from < SCHEMA_FIGURES_REFILL &&
        schema_version(db->sql) >= SCHEMA_FIGURES_REFILL && !dbfile_readonly(db->file)) {
        /* The summary's migrations marked every client: their rows written now, once, not
         * by whoever saves first. A busy file leaves it to the next commit; until then the
         * screens read the marked clients from their records. */
        struct kv_error busy;
        figures_summary_fill(db, &busy);
    }
    if (db->audited && !(flags & (DB_NO_USER | DB_NO_MIGRATE))) {
        /* Failed logins waiting outside the file; a busy file leaves them for next time. */
        struct kv_error ignored;
        audit_take_failed_logins(db, &ignored);
    }
    if (!(flags & (DB_NO_MIGRATE | DB_NO_USER | DB_CREATE | DB_NO_ROTATE)) &&
        !dbfile_readonly(db->file)) {
        struct kv_error busy; /* left for the next open or close */
        if ((db->hdr->flags & HDR_F_ROTATE) && keys_rotate(db, NULL, &busy) == KV_OK) {
            /* The file under the name is the rotated one: open it as anyone would. */
            db_close(db);
            return db_open(path, user, pass, passlen, flags | DB_NO_ROTATE, clock, out, err);
        }
        db->may_rotate = 1;
        db->leaving = rotate_if_last;
    }
    *out = db;
    return KV_OK;
fail:
    db_close(db);
    return rc;
}

struct first_user {
    const char *name, *display, *now;
};

static int insert_first_user(struct db *db, const struct first_user *u, struct kv_error *err)
{
    sqlite3_stmt *st;
    int rc = stmt_prepare(db->sql, &st,
                          "INSERT INTO users (name, display_name, role, "
                          "created_at, updated_at, updated_by) VALUES (?1, ?2, 'beheerder', ?3, "
                          "?3, ?1)",
                          "ttt", u->name, u->display ? u->display : "", u->now);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "insert first user", err);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, "insert first user", err);
}

/* The schema exists: from now on a file without it is damaged (db_header_update sets
 * the mark on every write). */
static int mark_initialised(struct db *db, struct header *h, void *ctx, struct kv_error *err)
{
    (void)db;
    (void)ctx;
    (void)err;
    h->flags |= HDR_F_INITIALISED;
    return KV_OK;
}

/* Writes a header with one slot for user into a new temporary file next to path. */
static int write_new_header(int fd, const char *user, const char *pass, size_t passlen,
                            const struct kdf_cost *cost, unsigned char *master,
                            struct kv_error *err)
{
    struct header *h = header_new();
    struct page_key *k = NULL;
    int rc = KV_OK;
    if (h == NULL)
        return kv_error_nomem(err);
    randombytes_buf(master, KV_KEY_BYTES);
    k = page_key_new(master, h->dbid);
    if (k == NULL || keyslot_create(&h->slots[0], user, pass, passlen, cost, master) != 0) {
        rc = kv_error_nomem(err);
        goto out;
    }
    h->nslots = 1;
    if (header_write(fd, h, k->mackey) != 0)
        rc = kv_error_set(err, KV_ERR, strerror(errno), "Kan de kop niet schrijven: %s.",
                          strerror(errno));
out:
    page_key_free(k);
    header_free(h);
    return rc;
}

/* The shared group: owned by it and readable and writable for it, set on the file before
 * it appears under its name. */
static int share_with_group(int fd, const char *group, struct kv_error *err)
{
    errno = 0;
    struct group *g = getgrnam(group);
    if (g == NULL)
        return kv_error_set(err, KV_EUSAGE, "no such group", "Groep '%s' bestaat niet.", group);
    if (fchown(fd, (uid_t)-1, g->gr_gid) != 0)
        return kv_error_set(err, KV_ERR, strerror(errno),
                            "Kan de database niet aan groep '%s' "
                            "geven: %s (u moet lid zijn van die groep).",
                            group, strerror(errno));
    if (fchmod(fd, 0660) != 0)
        return kv_error_set(err, KV_ERR, strerror(errno), "Kan de rechten niet zetten: %s.",
                            strerror(errno));
    return KV_OK;
}

int db_create(const char *path, const char *user, const char *display, const char *pass,
              size_t passlen, const struct kdf_cost *cost, const char *now, const char *group,
              struct kv_error *err)
{
    size_t n = strlen(path) + 16;
    char *tmp = calloc(1, n); /* "": no temporary file to clean up yet */
    unsigned char *master = secmem_alloc(KV_KEY_BYTES);
    struct db *db = NULL;
    int fd = -1, rc;
    if (tmp == NULL || master == NULL) {
        rc = kv_error_nomem(err);
        goto out;
    }
    if (access(path, F_OK) == 0) {
        rc = kv_error_set(err, KV_ERR, "exists", "%s bestaat al; er is niets overschreven.", path);
        goto out;
    }
    snprintf(tmp, n, "%s.new-XXXXXX", path);
    fd = mkostemp(tmp, O_CLOEXEC); /* O_EXCL, mode 0600 */
    if (fd < 0) {
        rc = kv_error_set(err, KV_ERR, strerror(errno), "Kan %s niet aanmaken: %s.", path,
                          strerror(errno));
        tmp[0] = '\0';
        goto out;
    }
    if (group != NULL && (rc = share_with_group(fd, group, err)) != KV_OK)
        goto out;
    if ((rc = write_new_header(fd, user, pass, passlen, cost, master, err)) != KV_OK)
        goto out;
    if ((rc = db_open_keyed(tmp, master, DB_NO_USER | DB_CREATE, NULL, &db, err)) != KV_OK)
        goto out;
    struct first_user u = {user, display, now};
    if ((rc = db_begin_untracked(db, err)) != KV_OK)
        goto out;
    if ((rc = insert_first_user(db, &u, err)) != KV_OK ||
        (rc = db_header_update(db, mark_initialised, NULL, err)) != KV_OK ||
        (rc = db_commit_untracked(db, err)) != KV_OK) {
        db_rollback(db);
        goto out;
    }
    if ((rc = db_checkpoint(db, err)) != KV_OK) /* the pages into tmp before it is linked */
        goto out;
    db_close(db);
    db = NULL;
    if (fsync(fd) != 0) {
        rc = kv_error_set(err, KV_ERR, strerror(errno), "Kan %s niet wegschrijven: %s.", path,
                          strerror(errno));
        goto out;
    }
    /* link() fails if path exists: of two processes creating one file, one wins. */
    if (link(tmp, path) != 0) {
        rc = errno == EEXIST ? kv_error_set(err, KV_ERR, "exists",
                                            "%s bestaat al; er is niets overschreven.", path)
                             : kv_error_set(err, KV_ERR, strerror(errno),
                                            "Kan %s niet aanmaken: %s.", path, strerror(errno));
        goto out;
    }
    dbfile_sync_parent(path);
    rc = KV_OK;
out:
    db_close(db);
    if (fd >= 0)
        close(fd);
    if (tmp != NULL && tmp[0] != '\0') {
        dbfile_remove_sidecars(tmp);
        unlink(tmp);
    }
    free(tmp);
    secmem_free(master);
    return rc;
}
