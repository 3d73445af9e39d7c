#include "storage/maint.h"

#include "crypto/vfs.h"
#include "storage/copy.h"
#include "storage/dbfile.h"
#include "storage/recovery.h"

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

int maint_check(struct db *db, struct check_report *r, struct kv_error *err)
{
    memset(r, 0, sizeof *r);
    r->copy[0] = db->hdr_status.copy[0];
    r->copy[1] = db->hdr_status.copy[1];
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
    if (r->bad_pages == 0 && rc == SQLITE_OK)
        return integrity(db, r, err);
    if (r->bad_pages == 0)  /* the journal, not a page, failed */
        return db_fail(db, rc, "check", err);
    snprintf(r->integrity, sizeof r->integrity, "niet uitgevoerd (beschadigde pagina's)");
    return KV_OK;
}

/* An older but valid header copy is what a write interrupted between the two copies
 * leaves; the newer copy serves and nothing is lost, so the file is sound. */
int maint_sound(const struct check_report *r)
{
    return r->copy[0] == HDR_COPY_OK && r->copy[1] == HDR_COPY_OK && r->bad_pages == 0 &&
           r->integrity_ok;
}

static int keep(struct db *db, struct header *h, void *ctx, struct kv_error *err)
{
    (void)db;
    (void)h;
    (void)ctx;
    (void)err;
    return KV_OK;
}

int maint_repair_header(struct db *db, struct kv_error *err)
{
    int rc = db_begin(db, err);
    if (rc != KV_OK)
        return rc;
    if ((rc = db_header_update(db, keep, NULL, err)) != KV_OK) {
        db_rollback(db);
        return rc;
    }
    return db_commit(db, err);
}

int maint_backup(struct db *db, const char *dest, int force, const unsigned char *recovery_pk,
                 struct kv_error *err)
{
    if (db->role != ROLE_BEHEERDER)
        return kv_error_set(err, KV_EAUTH, "not a beheerder",
                            "Alleen een beheerder mag back-ups maken.");
    struct header *h = calloc(1, sizeof *h);
    if (h == NULL)
        return kv_error_set(err, KV_ERR, "out of memory", "Onvoldoende geheugen.");
    struct header_status st;
    int rc;
    if (header_read(dbfile_fd(db->file), h, &st) != 0 || header_verify(h, db->key->mackey) != 0) {
        rc = kv_error_set(err, KV_EDAMAGED, "header unreadable on backup",
                          "De kop van %s is beschadigd of gewijzigd.", db->path);
    } else if (recovery_pk == NULL ||
               (rc = recovery_seal_header(h, recovery_pk, db->master, err)) == KV_OK) {
        header_seal(h, db->key->mackey);
        rc = copy_database(db, h, db->master, dest, force ? COPY_REPLACE : COPY_NEW, err);
    }
    header_free(h);
    return rc;
}
