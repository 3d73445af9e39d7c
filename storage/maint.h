/* maint.h: checking a database and making backups. */
#ifndef KV_STORAGE_MAINT_H
#define KV_STORAGE_MAINT_H

#include "storage/db.h"

#include <stdint.h>

struct check_report {
    enum hdr_copy_state copy[2];  /* each header copy */
    int copies_differ;            /* both valid, one older: an interrupted header write (not
                                   * damage; the newer copy is in use) */
    uint32_t pages;
    uint32_t bad_pages;
    uint32_t first_bad;           /* 0 when none */
    int integrity_ok;
    char integrity[512];          /* SQLite's first complaint, when not ok */
};

/* Authenticate every page, then run SQLite's integrity check (only when every page is
 * authentic: it would stop at the first bad one). Returns KV_OK when the work could be
 * done; whether the file is sound is in the report (maint_sound). */
int maint_check(struct db *db, struct check_report *r, struct kv_error *err);
int maint_sound(const struct check_report *r);

/* Rewrite both header copies from the valid one (after check found one damaged). */
int maint_repair_header(struct db *db, struct kv_error *err);

/* A consistent encrypted copy at dest that opens with the same passphrases; with a
 * recovery_pk (32 bytes), one that only that recovery key opens (recovery.h). */
int maint_backup(struct db *db, const char *dest, int force, const unsigned char *recovery_pk,
                 struct kv_error *err);

#endif
