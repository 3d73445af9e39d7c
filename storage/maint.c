#include "storage/maint.h"

#include "crypto/vfs.h"
#include "storage/copy.h"
#include "storage/dbfile.h"
#include "storage/recovery.h"
#include "storage/txn.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int integrity(struct db *db, struct check_report *r, struct kv_error *err)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db->sql, "PRAGMA integrity_check(1)", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "integrity_check", err);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(st, 0);
        snprintf(r->integrity, sizeof r->integrity, "%s", t ? t : "");
        r->integrity_ok = strcmp(r->integrity, "ok") == 0;
        rc = SQLITE_DONE;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, "integrity_check", err);
}

/* A copy whose checksum holds can still have been edited by someone who recomputed the
 * checksum: only the MAC tells, and open verifies the copy in use alone. */
static void verify_copies(struct db *db, struct check_report *r)
{
    struct header *h = calloc(1, sizeof *h);
    for (int c = 0; c < 2 && h != NULL; c++)
        if (r->copy[c] == HDR_COPY_OK &&
            (header_read_copy(dbfile_fd(db->file), c, h) != HDR_COPY_OK ||
             header_verify(h, db->key->mackey) != 0))
            r->copy[c] = HDR_COPY_FORGED;
    header_free(h);
}

/* Every slot judged against the users table; the odd ones noted. */
static int check_slots(struct db *db, struct check_report *r, struct kv_error *err)
{
    const struct header *h = db->hdr;
    enum slot_kind *kinds = calloc(h->nslots ? h->nslots : 1, sizeof *kinds);
    if (kinds == NULL)
        return kv_error_nomem(err);
    int rc = keys_classify(db, h, kinds, err);
    for (uint32_t i = 0; rc == KV_OK && i < h->nslots; i++) {
        if (keys_kind_is_bad(kinds[i]))
            r->bad_slots++;
        if (kinds[i] != SLOT_KIND_USER && r->nnotes < CHECK_MAX_SLOT_NOTES) {
            snprintf(r->notes[r->nnotes].name, SLOT_NAME_BYTES, "%s", h->slots[i].name);
            r->notes[r->nnotes++].kind = kinds[i];
        }
    }
    r->slots_checked = rc == KV_OK;
    free(kinds);
    return rc;
}

int maint_check(struct db *db, struct check_report *r, struct kv_error *err)
{
    memset(r, 0, sizeof *r);
    r->copy[0] = db->hdr_status.copy[0];
    r->copy[1] = db->hdr_status.copy[1];
    verify_copies(db, r);
    r->nslots = db->hdr->nslots;
    r->rotate_pending = (db->hdr->flags & HDR_F_ROTATE) != 0;
    r->rotate_since = db->hdr->rotate_since;
    r->copies_differ = r->copy[0] == HDR_COPY_OK && r->copy[1] == HDR_COPY_OK &&
                       db->hdr_status.seq[0] != db->hdr_status.seq[1];
    /* A read transaction keeps writers from changing pages under the scan; its first
     * read also plays back a hot journal, whose damage is then reported. */
    int rc = sqlite3_exec(db->sql, "BEGIN; SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
    if (rc != SQLITE_OK && rc != SQLITE_IOERR_DATA) {
        sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
        return db_fail(db, rc, "check", err);
    }
    off_t size = dbfile_size(db->file);
    r->pages = size > HDR_TOTAL ? (uint32_t)((size - HDR_TOTAL) / KV_PAGE_SIZE) : 0;
    for (uint32_t pg = 1; pg <= r->pages; pg++) {
        int prc = kvfs_verify_page(db->sql, pg);
        if (prc == SQLITE_IOERR_DATA) {
            if (r->first_bad == 0)
                r->first_bad = pg;
            r->bad_pages++;
        } else if (prc != SQLITE_OK) {
            sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
            return db_fail(db, prc, "read page", err);
        }
    }
    sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
    if (r->bad_pages == 0 && rc == SQLITE_OK) {
        int irc = integrity(db, r, err);
        return irc == KV_OK && r->integrity_ok ? check_slots(db, r, err) : irc;
    }
    if (r->bad_pages == 0) /* the journal, not a page, failed */
        return db_fail(db, rc, "check", err);
    snprintf(r->integrity, sizeof r->integrity, "niet uitgevoerd (beschadigde pagina's)");
    return KV_OK;
}

/* An older but valid header copy is what a write interrupted between the two copies
 * leaves; the newer copy serves and nothing is lost, so the file is sound. */
int maint_sound(const struct check_report *r)
{
    return r->copy[0] == HDR_COPY_OK && r->copy[1] == HDR_COPY_OK && r->bad_pages == 0 &&
           r->integrity_ok && r->slots_checked && r->bad_slots == 0;
}

/* The newest copy that is whole and authentic, not merely the newest whole one. */
static struct header *best_authentic_copy(struct db *db)
{
    struct header *best = NULL, *h = calloc(1, sizeof *h);
    for (int c = 0; c < 2 && h != NULL; c++) {
        if (header_read_copy(dbfile_fd(db->file), c, h) != HDR_COPY_OK ||
            header_verify(h, db->key->mackey) != 0 || (best != NULL && best->seq >= h->seq))
            continue;
        if (best == NULL && (best = calloc(1, sizeof *best)) == NULL)
            break;
        memcpy(best, h, sizeof *h);
    }
    header_free(h);
    return best;
}

int maint_repair_header(struct db *db, struct kv_error *err)
{
    int rc = db_begin(db, err);
    if (rc != KV_OK)
        return rc;
    struct header *h = best_authentic_copy(db);
    if (h == NULL) {
        rc = kv_error_set(err, KV_EDAMAGED, "no authentic header copy",
                          "Geen kopie van de kop van %s is echt; er is niets hersteld.", db->path);
    } else if (header_write(dbfile_fd(db->file), h, db->key->mackey) != 0) {
        rc = kv_error_set(err, KV_ERR, strerror(errno), "Kan de kop van %s niet schrijven: %s.",
                          db->path, strerror(errno));
    } else {
        memcpy(db->hdr, h, sizeof *h);
        rc = db_set_generation(db, h->seq, err);
    }
    header_free(h);
    if (rc != KV_OK) {
        db_rollback(db);
        return rc;
    }
    return db_commit(db, err);
}

int maint_backup(struct db *db, const char *dest, int force, const unsigned char *recovery_pk,
                 struct kv_error *err)
{
    if (!role_administers(db->role))
        return kv_error_set(err, KV_EAUTH, "not a beheerder",
                            "Alleen een beheerder mag back-ups maken.");
    struct header *h = calloc(1, sizeof *h);
    if (h == NULL)
        return kv_error_nomem(err);
    struct header_status st;
    int rc;
    if (header_read(dbfile_fd(db->file), h, &st) != 0 || header_verify(h, db->key->mackey) != 0) {
        rc = kv_error_set(err, KV_EDAMAGED, "header unreadable on backup",
                          "De kop van %s is beschadigd of gewijzigd.", db->path);
    } else if (recovery_pk == NULL ||
               (rc = recovery_seal_header(h, recovery_pk, db->master, err)) == KV_OK) {
        rc = copy_database(db, h, db->master, dest, force ? COPY_REPLACE : COPY_NEW, err);
    }
    header_free(h);
    return rc;
}
