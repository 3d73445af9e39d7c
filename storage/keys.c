#include "storage/keys.h"

#include "crypto/secmem.h"
#include "storage/dbfile.h"
#include "storage/users.h"
#include "storage/copy.h"
#include "storage/txn.h"

#include <dirent.h>
#include <errno.h>
#include <libgen.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int need_beheerder(struct db *db, struct kv_error *err)
{
    if (role_administers(db->role))
        return KV_OK;
    return kv_error_set(err, KV_EAUTH, "not a beheerder",
                        "Alleen een beheerder mag gebruikers beheren; '%s' is %s.", db->user,
                        role_label(db->role, "onbekend"));
}

static int check_passphrase(size_t passlen, struct kv_error *err)
{
    if (passlen >= PASSPHRASE_MIN)
        return KV_OK;
    return kv_error_set(err, KV_EUSAGE, "passphrase too short",
                        "Het nieuwe wachtwoord is te kort: minstens %d tekens.", PASSPHRASE_MIN);
}

struct slot_edit {
    const char *name;
    const char *pass;
    size_t passlen;
    const struct kdf_cost *cost;
};

/* Add or replace the named slot. */
static int put_slot(struct db *db, struct header *h, void *ctx, struct kv_error *err)
{
    struct slot_edit *e = ctx;
    struct slot *s = header_find_slot(h, e->name);
    if (s == NULL) {
        if (h->nslots >= HDR_MAX_SLOTS)
            return kv_error_set(err, KV_ERR, "header full",
                                "Er is geen ruimte voor meer gebruikers (maximaal %d).",
                                HDR_MAX_SLOTS);
        s = &h->slots[h->nslots++];
    }
    if (keyslot_create(s, e->name, e->pass, e->passlen, e->cost, db->master) != KEYSLOT_OK)
        return kv_error_set(err, KV_ERR, "keyslot_create failed", "%s", KV_MSG_NOMEM);
    return KV_OK;
}

/* The user may have kept the master key: until it is rotated, the header says so. */
static int drop_slot(struct db *db, struct header *h, void *ctx, struct kv_error *err)
{
    (void)db;
    (void)err;
    while (header_remove_slot(h, ((struct slot_edit *)ctx)->name) == 0)
        ; /* every slot of that name, planted duplicates too */
    if (!(h->flags & HDR_F_ROTATE)) {
        h->flags |= HDR_F_ROTATE;
        h->rotate_since = (uint64_t)time(NULL);
    }
    return KV_OK;
}

/* The named user, or an error when there is none. */
static int existing_user(struct db *db, const char *name, struct user_rec *rec,
                         struct kv_error *err)
{
    int found, rc = users_get(db, name, rec, &found, err);
    if (rc == KV_OK && !found)
        rc = kv_error_set(err, KV_ERR, "no such user", "Gebruiker '%s' bestaat niet.", name);
    return rc;
}

/* Inside a transaction: set the user's active flag, give or take their key slot, and
 * commit; on any failure roll back, so the table and the header never disagree. */
static int apply_access(struct db *db, struct slot_edit *e, int active, const char *now,
                        struct kv_error *err)
{
    int rc = users_set_active(db, e->name, active, now, err);
    if (rc == KV_OK)
        rc = db_header_update(db, active ? put_slot : drop_slot, e, err);
    if (rc == KV_OK)
        return db_commit(db, err);
    db_rollback(db);
    return rc;
}

int keys_user_add(struct db *db, const struct new_user *u, const char *pass, size_t passlen,
                  const struct kdf_cost *cost, const char *now, struct kv_error *err)
{
    struct user_rec rec;
    int found, rc;
    if ((rc = need_beheerder(db, err)) != KV_OK)
        return rc;
    if (!user_name_valid(u->name))
        return kv_error_set(err, KV_EUSAGE, "bad user name",
                            "Ongeldige gebruikersnaam '%s': gebruik a-z, 0-9, '.', '_' of '-' "
                            "(maximaal %d tekens).",
                            u->name, USER_NAME_MAX);
    if ((rc = check_passphrase(passlen, err)) != KV_OK)
        return rc;
    if ((rc = db_begin(db, err)) != KV_OK)
        return rc;
    if ((rc = users_get(db, u->name, &rec, &found, err)) != KV_OK)
        goto fail;
    if (found) {
        rc = kv_error_set(err, KV_ERR, "user exists",
                          rec.active ? "Gebruiker '%s' bestaat al."
                                     : "Gebruiker '%s' bestaat al (uitgeschakeld); gebruik "
                                       "'user enable'.",
                          u->name);
        goto fail;
    }
    memset(&rec, 0, sizeof rec);
    snprintf(rec.name, sizeof rec.name, "%s", u->name);
    snprintf(rec.display, sizeof rec.display, "%s", u->display ? u->display : "");
    snprintf(rec.team, sizeof rec.team, "%s", u->team ? u->team : "");
    rec.role = u->role;
    if ((rc = users_insert(db, &rec, now, err)) != KV_OK)
        goto fail;
    struct slot_edit e = {u->name, pass, passlen, cost};
    if ((rc = db_header_update(db, put_slot, &e, err)) != KV_OK)
        goto fail;
    return db_commit(db, err);
fail:
    db_rollback(db);
    return rc;
}

int keys_user_disable(struct db *db, const char *name, const char *now, struct kv_error *err)
{
    struct user_rec rec;
    int rc, beheerders;
    if ((rc = need_beheerder(db, err)) != KV_OK)
        return rc;
    if (strcmp(name, db->user) == 0)
        return kv_error_set(err, KV_ERR, "cannot disable self",
                            "U kunt uw eigen account niet uitschakelen.");
    if ((rc = db_begin(db, err)) != KV_OK)
        return rc;
    if ((rc = existing_user(db, name, &rec, err)) != KV_OK)
        goto fail;
    if (role_administers(rec.role) && rec.active) {
        if ((rc = users_count_active(db, ROLE_BEHEERDER, &beheerders, err)) != KV_OK)
            goto fail;
        if (beheerders <= 1) {
            rc = kv_error_set(err, KV_ERR, "last beheerder",
                              "'%s' is de laatste actieve beheerder en blijft actief.", name);
            goto fail;
        }
    }
    struct slot_edit e = {name, NULL, 0, NULL};
    return apply_access(db, &e, 0, now, err);
fail:
    db_rollback(db);
    return rc;
}

int keys_user_enable(struct db *db, const char *name, const char *pass, size_t passlen,
                     const struct kdf_cost *cost, const char *now, struct kv_error *err)
{
    struct user_rec rec;
    int rc;
    if ((rc = need_beheerder(db, err)) != KV_OK || (rc = check_passphrase(passlen, err)) != KV_OK)
        return rc;
    if ((rc = db_begin(db, err)) != KV_OK)
        return rc;
    if ((rc = existing_user(db, name, &rec, err)) != KV_OK) {
        db_rollback(db);
        return rc;
    }
    struct slot_edit e = {name, pass, passlen, cost};
    return apply_access(db, &e, 1, now, err);
}

int keys_passwd(struct db *db, const char *pass, size_t passlen, const struct kdf_cost *cost,
                struct kv_error *err)
{
    int rc;
    if ((rc = check_passphrase(passlen, err)) != KV_OK)
        return rc;
    if ((rc = db_begin(db, err)) != KV_OK)
        return rc;
    struct slot_edit e = {db->user, pass, passlen, cost};
    if ((rc = db_header_update(db, put_slot, &e, err)) != KV_OK) {
        db_rollback(db);
        return rc;
    }
    return db_commit(db, err);
}

int keys_raise_cost(struct db *db, const char *pass, size_t passlen, const struct kdf_cost *min,
                    struct kv_error *err)
{
    struct slot *own = header_find_slot(db->hdr, db->user);
    if (own == NULL)
        return kv_error_set(err, KV_EAUTH, "no slot", "Gebruiker '%s' heeft geen sleutel in %s.",
                            db->user, db->path);
    struct kdf_cost cost = {own->opslimit > min->opslimit ? own->opslimit : min->opslimit,
                            own->memlimit > min->memlimit ? own->memlimit : min->memlimit};
    if (cost.opslimit == own->opslimit && cost.memlimit == own->memlimit)
        return KV_OK;
    int rc = db_begin(db, err);
    if (rc != KV_OK)
        return rc;
    struct slot_edit e = {db->user, pass, passlen, &cost};
    if ((rc = db_header_update(db, put_slot, &e, err)) != KV_OK) {
        db_rollback(db);
        return rc;
    }
    return db_commit(db, err);
}

int keys_kind_is_bad(enum slot_kind k)
{
    return k == SLOT_KIND_ORPHAN || k == SLOT_KIND_DUPLICATE || k == SLOT_KIND_BAD_RECOVERY ||
           k == SLOT_KIND_BAD_COST;
}

const char *keys_kind_label(enum slot_kind k)
{
    switch (k) {
    case SLOT_KIND_USER:
        return "in orde";
    case SLOT_KIND_RECOVERY:
        return "herstelsleutel";
    case SLOT_KIND_EMPTY:
        return "zonder hoofdsleutel";
    case SLOT_KIND_ORPHAN:
        return "ZONDER ACTIEVE GEBRUIKER";
    case SLOT_KIND_DUPLICATE:
        return "DUBBELE NAAM";
    case SLOT_KIND_BAD_COST:
        return "ONMOGELIJKE SLEUTELKOSTEN";
    default:
        return "ONECHTE HERSTELSLEUTEL";
    }
}

static int name_count(const struct header *h, const char *name)
{
    int n = 0;
    for (uint32_t i = 0; i < h->nslots; i++)
        n += strncmp(h->slots[i].name, name, SLOT_NAME_BYTES) == 0;
    return n;
}

int keys_classify(struct db *db, const struct header *h, enum slot_kind *kinds,
                  struct kv_error *err)
{
    for (uint32_t i = 0; i < h->nslots; i++) {
        const struct slot *s = &h->slots[i];
        struct user_rec rec;
        int found = 0, rc;
        if (name_count(h, s->name) > 1) {
            kinds[i] = SLOT_KIND_DUPLICATE;
        } else if (s->flags & SLOT_F_RECOVERY) {
            kinds[i] = slot_is_recovery(s) ? SLOT_KIND_RECOVERY : SLOT_KIND_BAD_RECOVERY;
        } else if (slot_is_empty(s)) {
            kinds[i] = SLOT_KIND_EMPTY;
        } else if (keyslot_cost_ok(s) != 0) {
            kinds[i] = SLOT_KIND_BAD_COST; /* its user is locked out until enabled anew */
        } else {
            if ((rc = users_get(db, s->name, &rec, &found, err)) != KV_OK)
                return rc;
            kinds[i] = found && rec.active ? SLOT_KIND_USER : SLOT_KIND_ORPHAN;
        }
    }
    return KV_OK;
}

/* The rotated header: the slots that may stay, the live ones sealing master. The
 * running user's first slot is the one she just opened, so it stays even when planted
 * duplicates of her name go. */
static int prune_and_reseal(struct db *db, struct header *h, const unsigned char *master,
                            int *dropped, struct kv_error *err)
{
    enum slot_kind *kinds = calloc(h->nslots ? h->nslots : 1, sizeof *kinds);
    int rc, own_kept = 0;
    if (kinds == NULL)
        return kv_error_nomem(err);
    if ((rc = keys_classify(db, h, kinds, err)) != KV_OK)
        goto out;
    *dropped = 0;
    for (uint32_t i = 0, k = 0; i < h->nslots; k++) {
        struct slot *s = &h->slots[i];
        int own = strncmp(s->name, db->user, SLOT_NAME_BYTES) == 0 && !own_kept &&
                  !slot_is_empty(s) && !(s->flags & SLOT_F_RECOVERY);
        if (keys_kind_is_bad(kinds[k]) && !own) {
            header_remove_slot_at(h, i);
            (*dropped)++;
            continue;
        }
        own_kept |= own;
        if (kinds[k] != SLOT_KIND_EMPTY && keyslot_reseal(s, master) != KEYSLOT_OK) {
            rc = kv_error_set(err, KV_ERR, "reseal failed", "%s", KV_MSG_NOMEM);
            goto out;
        }
        i++;
    }
    h->flags &= ~HDR_F_ROTATE;
    h->rotate_since = 0;
out:
    free(kinds);
    return rc;
}

/* The header as it is on disk now, authenticated. */
static struct header *current_header(struct db *db, struct kv_error *err)
{
    struct header *h = calloc(1, sizeof *h);
    struct header_status st;
    if (h == NULL) {
        kv_error_nomem(err);
        return NULL;
    }
    if (header_read(dbfile_fd(db->file), h, &st) != 0 || header_verify(h, db->key->mackey) != 0) {
        kv_error_set(err, KV_EDAMAGED, "header unreadable on rekey",
                     "De kop van %s is beschadigd of gewijzigd; er is niets veranderd.", db->path);
        header_free(h);
        return NULL;
    }
    return h;
}

/* A rotation killed halfway leaves its new file (PATH.new-XXXXXX, a whole copy under
 * the new key, and perhaps its journal) beside the database. Holding the file exclusively, we know
 * no other rotation is writing one: the leftovers go. */
static void remove_stale_copies(const char *path)
{
    char *d = strdup(path), *b = strdup(path);
    DIR *dir = d && b ? opendir(dirname(d)) : NULL;
    if (dir != NULL) {
        const char *base = basename(b);
        size_t blen = strlen(base);
        struct dirent *e;
        while ((e = readdir(dir)) != NULL) {
            size_t len = strlen(e->d_name), stem = blen + 5 + 6;
            if (strncmp(e->d_name, base, blen) != 0 || strncmp(e->d_name + blen, ".new-", 5) != 0 ||
                (len != stem && (len != stem + 8 || strcmp(e->d_name + stem, "-journal") != 0)))
                continue; /* PATH.new-XXXXXX and its journal only */
            char full[4096];
            if (snprintf(full, sizeof full, "%s/%s", dirname(strcpy(d, path)), e->d_name) <
                (int)sizeof full)
                unlink(full);
        }
        closedir(dir);
    }
    free(d);
    free(b);
}

int keys_rotate(struct db *db, int *dropped, struct kv_error *err)
{
    int rc = dbfile_lock_exclusive(db->file), ndropped = 0;
    if (rc == DBFILE_BUSY)
        return kv_error_set(err, KV_EBUSY, "presence lock shared by another process",
                            "%s is nog geopend door een ander proces; sluit alle sessies en "
                            "probeer het opnieuw. Er is niets veranderd.",
                            db->path);
    if (rc != DBFILE_OK)
        return kv_error_set(err, KV_ERR, strerror(errno), "Kan %s niet vergrendelen: %s.", db->path,
                            strerror(errno));
    remove_stale_copies(db->path);
    unsigned char *master = secmem_alloc(KV_KEY_BYTES);
    struct header *h = current_header(db, err);
    if (master == NULL || h == NULL) {
        rc = h == NULL ? (int)err->status : kv_error_nomem(err);
        goto out;
    }
    randombytes_buf(master, KV_KEY_BYTES);
    if ((rc = prune_and_reseal(db, h, master, &ndropped, err)) != KV_OK)
        goto out;
    rc = copy_database(db, h, master, db->path, COPY_REPLACE, err);
    if (rc == KV_OK) {
        db->may_rotate = 0; /* db now reads the replaced file: never rotate from it again */
        if (dropped != NULL)
            *dropped = ndropped;
    }
out:
    header_free(h);
    secmem_free(master);
    return rc;
}

int keys_rekey(struct db *db, int *dropped, struct kv_error *err)
{
    int rc = need_beheerder(db, err);
    return rc != KV_OK ? rc : keys_rotate(db, dropped, err);
}
