/* maint.h: checking a database and making backups. */
#ifndef KV_STORAGE_MAINT_H
#define KV_STORAGE_MAINT_H

#include "storage/db.h"
#include "storage/keys.h"

#include <stdint.h>

#define CHECK_MAX_SLOT_NOTES 32

/* A slot check reports: every one that is not an active user's plain slot. */
struct slot_note {
    char name[SLOT_NAME_BYTES];
    enum slot_kind kind;
};

struct check_report {
    enum hdr_copy_state copy[2]; /* each header copy; HDR_COPY_FORGED when its checksum
                                  * holds but its MAC does not */
    int copies_differ;           /* both valid, one older: an interrupted header write (not
                                  * damage; the newer copy is in use) */
    uint32_t pages;
    uint32_t bad_pages;
    uint32_t first_bad; /* 0 when none */
    int integrity_ok;
    char integrity[512]; /* SQLite's first complaint, when not ok */
    uint32_t nslots;     /* key slots in the header in use */
    uint32_t bad_slots;  /* of which keys_kind_is_bad */
    uint32_t nnotes;     /* notes[] filled (at most CHECK_MAX_SLOT_NOTES) */
    struct slot_note notes[CHECK_MAX_SLOT_NOTES];
    int slots_checked;     /* the users table could be read */
    int rotate_pending;    /* HDR_F_ROTATE */
    uint64_t rotate_since; /* unix time */
};

/* Authenticate every page, then run SQLite's integrity check (only when every page is
 * authentic: it would stop at the first bad one). Returns KV_OK when the work could be
 * done; whether the file is sound is in the report (maint_sound). */
int maint_check(struct db *db, struct check_report *r, struct kv_error *err);
int maint_sound(const struct check_report *r);

/* Rewrite both header copies from the newest one whose checksum and MAC hold (after
 * check found one damaged or forged). */
int maint_repair_header(struct db *db, struct kv_error *err);

/* A consistent encrypted copy at dest that opens with the same passphrases; with a
 * recovery_pk (32 bytes), one that only that recovery key opens (recovery.h). */
int maint_backup(struct db *db, const char *dest, int force, const unsigned char *recovery_pk,
                 struct kv_error *err);

#endif
