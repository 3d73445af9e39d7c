#include "storage/assignments.h"

#include "core/date.h"
#include "storage/access.h"
#include "storage/cftable.h"
#include "storage/records.h"
#include "storage/stmt.h"

#include <stdio.h>

/* The id of an active user, 0 when there is none by that name. */
static long active_user(struct db *db, const char *name, struct kv_error *err)
{
    sqlite3_stmt *st;
    long id = 0;
    int rc = stmt_prepare(db->sql, &st, "SELECT id FROM users WHERE name = ?1 AND active = 1", "t",
                          name);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "assign", err), -1;
    if ((rc = sqlite3_step(st)) == SQLITE_ROW)
        id = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(db, rc, "assign", err), -1;
    return id;
}

/* The day of a time stamp "YYYY-MM-DD HH:MM:SS": today, for a write; without one, a day
 * no date is after. */
static long day_of(const char *now)
{
    char d[11];
    long day;
    snprintf(d, sizeof d, "%s", now ? now : "");
    return date_parse(d, &day) ? day : 0x7fffffffL;
}

/* The one rule for the date a client was told of a handover, on every path. */
static int told_later(long informed_on, long today, struct kv_error *err)
{
    if (informed_on != NO_DATE && informed_on <= today)
        return KV_OK;
    return kv_error_set(err, KV_EUSAGE, "informed in the future",
                        "De datum waarop de klant "
                        "is ingelicht ligt niet na vandaag.");
}

/* The date a client was told belongs to a handover: the open klantmanager assignment id
 * followed another klantmanager's. (A client may be told before the handover begins.) */
static int after_handover(struct db *db, long client, long id, struct kv_error *err)
{
    sqlite3_stmt *st;
    int rc = stmt_prepare(db->sql, &st,
                          "SELECT EXISTS (SELECT 1 FROM assignments p WHERE "
                          "p.client_id = ?1 AND p.role_in_case = 'klantmanager' AND p.to_date IS "
                          "NOT NULL AND p.user_id <> a.user_id) FROM assignments a WHERE a.id = ?2",
                          "ll", client, id);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "assignment", err);
    int handed = (rc = sqlite3_step(st)) == SQLITE_ROW && sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(db, rc, "assignment", err);
    if (!handed)
        return kv_error_set(err, KV_EUSAGE, "no handover",
                            "Klant %ld is niet overgedragen: er "
                            "is geen nieuwe klantmanager om de klant over in te lichten.",
                            client);
    return KV_OK;
}

/* The user and id of the client's open assignment in that role; 0 and 0 when there is
 * none. */
static int current_assignment(struct db *db, long client, const char *role_in_case, long *user,
                              long *id, struct kv_error *err)
{
    sqlite3_stmt *st;
    *user = 0;
    if (id)
        *id = 0;
    int rc = stmt_prepare(db->sql, &st,
                          "SELECT user_id, id FROM assignments WHERE client_id ="
                          " ?1 AND role_in_case = ?2 AND to_date IS NULL ORDER BY "
                          "from_date DESC, id DESC LIMIT 1",
                          "lt", client, role_in_case);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "assignment", err);
    if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *user = (long)sqlite3_column_int64(st, 0);
        if (id)
            *id = (long)sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, "assignment", err);
}

int assignments_is_klantmanager(struct db *db, long client, const char *user, int *yes,
                                struct kv_error *err)
{
    long to = active_user(db, user, err), current;
    *yes = 0;
    if (to < 0)
        return err->status;
    int rc = current_assignment(db, client, "klantmanager", &current, NULL, err);
    *yes = rc == KV_OK && to != 0 && current == to;
    return rc;
}

/* The date the client was told of the current klantmanager (NO_DATE: not recorded) on
 * assignment id. */
static int informed_on(struct db *db, long id, long *date, struct kv_error *err)
{
    sqlite3_stmt *st;
    *date = NO_DATE;
    int rc = stmt_prepare(db->sql, &st,
                          "SELECT client_informed_on FROM assignments WHERE "
                          "id = ?1",
                          "i", id);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "informed on", err);
    if ((rc = sqlite3_step(st)) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        date_parse((const char *)sqlite3_column_text(st, 0), date);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, "informed on", err);
}

int assignments_informed_date(struct db *db, long client, long *date, struct kv_error *err)
{
    long user, id;
    *date = NO_DATE;
    int rc = current_assignment(db, client, "klantmanager", &user, &id, err);
    return rc == KV_OK && id ? informed_on(db, id, date, err) : rc;
}

int assignments_informed(struct db *db, long client, long date, long today, int replace,
                         const char *now, struct kv_error *err)
{
    long user, id, before;
    int rc = told_later(date, today, err);
    if (rc != KV_OK)
        return rc;
    rc = current_assignment(db, client, "klantmanager", &user, &id, err);
    if (rc != KV_OK)
        return rc;
    if (id == 0)
        return kv_error_set(err, KV_EUSAGE, "no klantmanager",
                            "Klant %ld heeft geen "
                            "klantmanager; er is geen overdracht om vast te leggen.",
                            client);
    if ((rc = after_handover(db, client, id, err)) != KV_OK)
        return rc;
    /* Who may: the klantmanager themselves or their teamleider; the write check at commit
     * holds every other role to that (informed_only). */
    if (access_casework(db) && user != db->user_id)
        return kv_error_set(err, KV_EAUTH, "not the klantmanager",
                            "Alleen de klantmanager van "
                            "klant %ld of de teamleider legt vast wanneer de klant is ingelicht.",
                            client);
    if (!access_casework(db) && (rc = access_may_assign(db, client, 0, err)) != KV_OK)
        return rc;
    /* A date recorded is what the client was told; a second one replaces it only on
     * purpose (it is the date the handover's signal and warning ended on). */
    if ((rc = informed_on(db, id, &before, err)) != KV_OK)
        return rc;
    if (before != NO_DATE && before != date && !replace) {
        char d[11];
        date_format_nl(before, d);
        return kv_error_set(err, KV_EUSAGE, "informed already",
                            "Klant %ld is al op %s "
                            "ingelicht; die datum blijft staan.",
                            client, d);
    }
    return records_run(db, NULL, err,
                       "UPDATE assignments SET client_informed_on = ?2, updated_at = ?3, "
                       "updated_by = ?4, version = version + 1 WHERE id = ?1",
                       "idtt", id, date, now, db->user);
}

int assignments_open(struct db *db, long client, const char *user, const char *role_in_case,
                     long from, const char *handover_note, long informed_on, const char *now,
                     struct kv_error *err)
{
    long to = active_user(db, user, err);
    if (to < 0)
        return err->status;
    if (to == 0)
        return kv_error_set(err, KV_EUSAGE, "no such user",
                            "Gebruiker '%s' bestaat niet of is "
                            "uitgeschakeld.",
                            user);
    if (informed_on != NO_DATE && told_later(informed_on, day_of(now), err) != KV_OK)
        return err->status;
    /* A bulk load's caller has checked the role (db_begin_bulk); everyone else is held to
     * the assigning rule here, and again by the write check at commit. */
    int rc = db->bulk ? KV_OK : access_may_assign(db, client, to, err);
    if (rc != KV_OK)
        return rc;
    long current = 0;
    if ((rc = current_assignment(db, client, role_in_case, &current, NULL, err)) != KV_OK)
        return rc;
    /* Not a change: closing and reopening would count as a handover and ask for telling
     * the client about a klantmanager they already have. */
    if (current == to)
        return kv_error_set(err, KV_EUSAGE, "already assigned",
                            "%s is al de %s van klant %ld; "
                            "er is niets overgedragen.",
                            user, role_in_case, client);
    rc = records_run(
        db, NULL, err,
        "UPDATE assignments SET to_date = ?3, updated_at = ?4, "
        "updated_by = ?5, version = version + 1 WHERE client_id = ?1 AND role_in_case = ?2"
        " AND to_date IS NULL",
        "itdtt", client, role_in_case, from, now, db->user);
    if (rc != KV_OK)
        return rc;
    long id = 0;
    return records_run(
        db, &id, err,
        "INSERT INTO assignments (client_id, user_id, role_in_case, "
        "from_date, handover_note, client_informed_on, " RECORDS_BK_COLS ") VALUES (?1, ?2, ?3, "
        "?4, ?5, ?6, ?7, ?7, ?8)",
        "iitdtdtt", client, to, role_in_case, from, handover_note, informed_on, now, db->user);
}

/* Its part of the caseload (caseload.c). */
static void fill_cf_handover(void *r, sqlite3_stmt *st, struct arena **a)
{
    (void)a;
    *(struct cf_handover *)r = (struct cf_handover){cftable_day(st, 1)};
}

const struct cftable assignments_caseload[] = {
    /* A change of klantmanager: an assignment that ended, unless the same person took the
     * client on again that day (made before assignments_open refused it; not a change). */
    CFTABLE("SELECT a.client_id, a.to_date FROM assignments a WHERE a.client_id IN sel AND "
            "a.to_date IS NOT NULL AND a.role_in_case = 'klantmanager' AND NOT EXISTS (SELECT 1 "
            "FROM assignments b WHERE b.client_id = a.client_id AND b.role_in_case = "
            "'klantmanager' AND b.from_date = a.to_date AND b.user_id = a.user_id) "
            "ORDER BY a.client_id, a.to_date",
            cf_handover, handovers, fill_cf_handover),
    {NULL, 0, 0, 0, NULL},
};

/* Its part of a dossier (dossier.c). */
const struct dsspec_out assignments_out = {
    "assignments",
    "SELECT a.id AS _id, u.name AS user, a.role_in_case, a.from_date, a.to_date, "
    "a.handover_note, a.client_informed_on, a.created_at, a.updated_at, "
    "a.updated_by FROM assignments a JOIN users u ON u.id = a.user_id "
    "WHERE a.client_id = ?1 ORDER BY a.from_date, a.id",
    NULL};

static const char *const assignment_dates[] = {"from_date", "to_date", "client_informed_on", NULL};
const struct dsspec_in assignments_in = {
    "assignments",
    "INSERT INTO assignments (client_id, user_id, role_in_case, from_date, to_date, "
    "handover_note, client_informed_on" DS_IBK ") SELECT :_client, id, "
    "coalesce(:role_in_case, 'klantmanager'), :from_date, :to_date, "
    "coalesce(:handover_note, ''), :client_informed_on" DS_IBKV " FROM users "
    "WHERE name = :user",
    assignment_dates,
    dsspec_no_codes,
    dsspec_no_refs,
    NULL,
    NULL,
    NULL};

/* Its rows of a client, for retention (purge.c): children first. */
const struct purgespec assignments_purge[] = {
    {"assignments", "client_id = ?1"},
    {NULL, NULL},
};
