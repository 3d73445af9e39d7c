/* clients.h: the client record after registration: its status, derived from the records
 * in one place; corrections of its fields (core/clientfields.h), each kept in the audit
 * log with old and new value; its three classifications; the full BSN on request,
 * logged as a view. */
#ifndef KV_STORAGE_CLIENTS_H
#define KV_STORAGE_CLIENTS_H

#include "core/clientfields.h"
#include "core/status.h"
#include "storage/db.h"

/* Every reader of a status joins the facts view to its clients c and selects these
 * columns, then derives with clients_status_at: no reader decides on its own. */
#define CLIENTS_STATUS_JOIN " JOIN client_status_facts sf ON sf.client_id = c.id "
#define CLIENTS_STATUS_COLS                                                                        \
    "sf.closed_on, sf.came_active, sf.last_intake, sf.last_outflow, sf.partial, "                  \
    "sf.returned_on, sf.nazorg_start, sf.nazorg_end"

/* SQL readers: kv_status(CLIENTS_STATUS_COLS) is the status code on db->today, derived
 * by the same function (registered on every connection: db_register_functions). */

/* The status from the CLIENTS_STATUS_COLS starting at column col, on today. */
enum client_status clients_status_at(sqlite3_stmt *st, int col, long today);

/* One client's status today. */
int clients_status(struct db *db, long client, enum client_status *out, struct kv_error *err);

struct client_change {
    const struct client_field *field;
    const char *value; /* as typed: dates ISO or Dutch, "" clears an optional field */
};

/* Change fields of client from the version the editor read (0: whatever is stored, for
 * the command line). Each value is checked for its kind; the first bad one is KV_EUSAGE
 * naming the field, and nothing changes. A new phone or e-mail counts as checked with the
 * client on db->today unless the check date is given too. A version moved on is
 * KV_ECONFLICT. A field given with the value it has is no change: *changed (may be NULL)
 * counts the fields that differ, and with none nothing is written (no audit entry). Runs
 * in the caller's transaction; the audit log gets the old and new values from the
 * session. */
int clients_update(struct db *db, long client, long version, const struct client_change *ch,
                   size_t n, const char *now, size_t *changed, struct kv_error *err);

/* The stored value of every field of client_fields (same order; dates ISO, "" for none)
 * and the record's version, for an editor to start from. */
#define CLIENT_VALUE_MAX 1024
struct client_values {
    long version;
    char v[32][CLIENT_VALUE_MAX];
};
int clients_values(struct db *db, long client, struct client_values *out, struct kv_error *err);

/* The three classification axes, in the order of client_class. */
enum class_axis { AXIS_INDELING, AXIS_TREDE, AXIS_WERKFIT, AXIS_COUNT };
extern const char *const class_axis_code[AXIS_COUNT];  /* catalogue kinds */
extern const char *const class_axis_label[AXIS_COUNT]; /* "Indeling", "Trede", "Werkfit" */

struct client_class {
    char code[64], label[160], date[11], motivation[400], by[64]; /* code "" when none */
};

/* The latest classification on each axis. */
int clients_classes(struct db *db, long client, struct client_class out[AXIS_COUNT],
                    struct kv_error *err);

/* The full BSN of a client the user may see; the showing is an audit entry (bsn_inzien)
 * in its own transaction. */
int clients_full_bsn(struct db *db, long client, char out[10], struct kv_error *err);

#endif
