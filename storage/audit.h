/* audit.h: the audit log, inside the encrypted file. Every open of a client file, every
 * change, every export and every failed login is an entry: when, who, what, which client
 * and record, and a detail (for a change the old and new values of the changed fields,
 * which txn.c reads from an SQLite session over the write transaction).
 *
 * Entries form a hash chain: hash = BLAKE2b(prev hash, id, at, user, action, client,
 * record, BLAKE2b(detail)). Deleting, inserting or altering an entry breaks it, and
 * audit_verify says where. The detail enters by its own hash so a purge can erase the
 * personal data in old entries about a purged client and leave the chain verifiable;
 * an erased detail counts as sound only when a later purge entry names that client.
 * The chain is not keyed: whoever holds a passphrase can rewrite all of it, which is why
 * the head (audit_head) is meant to be copied somewhere else now and then. */
#ifndef KV_STORAGE_AUDIT_H
#define KV_STORAGE_AUDIT_H

#include "storage/db.h"

#define AUDIT_HASH_HEX 65

/* Entries take their time from the clock db was opened with (db_now). */

/* t as a JSON string onto s, for details. */
void audit_json_text(sqlite3_str *s, const char *t);

/* Append an entry inside the caller's write transaction. client 0: none. */
int audit_append(struct db *db, const char *action, long client, const char *record,
                 const char *detail, struct kv_error *err);

/* audit_append under another name than db's user: a failed login's, the name that was
 * tried (offline.c carries those from a copy). */
int audit_append_as(struct db *db, const char *user, const char *action, long client,
                    const char *record, const char *detail, struct kv_error *err);

/* One "aanmeldingen_onleesbaar" entry for skipped > 0 lines or entries not in the form
 * klantvolg writes, left behind; from: where they were ("offline kopie"), or NULL for
 * the failed-login file. KV_OK and nothing written for none. */
int audit_append_skipped(struct db *db, long skipped, const char *from, struct kv_error *err);

/* An entry of an offline copy's log, as a checkin would carry it (offline.c); NULL where
 * the copy holds no such field. */
struct audit_carried {
    const char *action, *at, *user, *record;
    long client;
    const char *reason; /* a failed login's ($.reden) */
    const char *format; /* an export's ($.formaat) */
};

/* Whether it holds to the form klantvolg writes: at a time "YYYY-MM-DD HH:MM:SS", no
 * record; an open, a full BSN shown or an export of a client, an export in one of the
 * formats dossier_export writes; a failed login of no client, under a user name or "?"
 * with one of its reasons. The copy is its holder's to alter, and what it holds goes
 * into the server's log and the dossier history, so nothing else is carried. */
int audit_carried_valid(const struct audit_carried *c);

/* The formats an export is logged with (dossier.c): text, json, research, plan. */
int audit_export_format_valid(const char *format);

/* The same in a transaction of its own (or the caller's, when one is open). */
int audit_note(struct db *db, const char *action, long client, const char *record,
               const char *detail, struct kv_error *err);

struct audit_entry {
    long id;
    const char *at, *user, *action, *record, *detail;
    long client;            /* 0: none */
    const char *summary;    /* audit_list: the detail in words ("status: open -> behaald") */
    const char *offline_at; /* audit_list: when a checkin carried it from an offline copy,
                               the time it happened there; else NULL */
};

struct audit_filter {
    long client;           /* 0: every client */
    const char *user;      /* NULL: everyone */
    const char *from, *to; /* YYYY-MM-DD, inclusive; NULL: open */
    const char *action;    /* NULL: every action */
    int newest_first;
    int limit; /* 0: no limit */
};

/* Entries matching f, oldest first (or newest first), to each; each returns nonzero to
 * stop. */
int audit_list(struct db *db, const struct audit_filter *f,
               int (*each)(const struct audit_entry *e, void *ctx), void *ctx,
               struct kv_error *err);

/* Whether anyone but db's user changed records in the entries after *mark: anything but
 * reading them (opening a file, seeing a BSN, an export, an observer's look) or a failed
 * login. The screens use it to tell a colleague's change from a colleague's reading, both
 * of which are commits to the file. *mark becomes the newest entry; *mark < 0 only sets
 * it. 1 yes, 0 no, -1 the log could not be read. */
int audit_changed_by_others(struct db *db, long *mark);

/* The fields a change (action "wijziging", an update) changed, in the order stored: each
 * with its old and new value as text (NULL: empty). Nothing for other entries or a detail
 * erased by a purge. each returns nonzero to stop. */
int audit_changes(struct db *db, long entry,
                  int (*each)(const char *field, const char *old, const char *new_value, void *ctx),
                  void *ctx, struct kv_error *err);

/* One field of a change (action "wijziging"): its new value, else its old one, into out
 * ("" when the entry does not carry it), so a history can name a new record by what it
 * holds (a classification's axis and code). */
int audit_field(struct db *db, long entry, const char *field, char *out, size_t n,
                struct kv_error *err);

struct audit_verdict {
    long entries;
    long erased;   /* details erased by a purge */
    long bad_id;   /* first entry that does not fit (0: chain sound) */
    char why[200]; /* Dutch, when bad_id */
    long head_id;
    char head[AUDIT_HASH_HEX];
};

/* Walk the whole chain. KV_OK with v filled, also when it is broken (v->bad_id). */
int audit_verify(struct db *db, struct audit_verdict *v, struct kv_error *err);

/* Failed logins cannot be written into a file the user could not open: they go to a
 * side file PATH-aanmeldingen (the database's mode and group) and into the log at the
 * next open by anyone who can write. db: its path, user and clock (the file is not open). */
void audit_failed_login(const struct db *db, const char *why);
int audit_take_failed_logins(struct db *db, struct kv_error *err);

/* Erase the details of every entry about client (a purge), keeping their hashes. */
int audit_erase_client(struct db *db, long client, struct kv_error *err);

#endif
