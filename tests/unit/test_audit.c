/* The audit log and the rules it enforces, on a real encrypted database: a change is an
 * entry with the old and new values of the changed fields and the client it concerns
 * (also through a parent record); who may write which client is checked on the changes
 * at commit, for every role; a waarneming needs a reason and grants the day; the chain
 * shows a deleted, altered or inserted entry and where; a purge erases details and the
 * client, keeps the chain sound, and its number is never given out again; failed logins
 * arrive in the log at the next open. */
#include "core/date.h"
#include "storage/access.h"
#include "storage/audit.h"
#include "storage/caseload.h"
#include "storage/dossier.h"
#include "storage/dossier_load.h"
#include "storage/keys.h"
#include "storage/purge.h"
#include "storage/records.h"
#include "storage/intakes.h"
#include "storage/plans.h"
#include "storage/contacts.h"
#include "storage/assignments.h"
#include "storage/txn.h"
#include "storage/writecheck.h"
#include "storage/login.h"
#include "tests/unit/fixture.h"

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

static long D(int y, int m, int d)
{
    return date_days(y, m, d);
}

/* A client with only what the records require. */
static struct client_in bare_client(const char *bsn, const char *first, const char *last)
{
    struct client_in c;
    memset(&c, 0, sizeof c);
    c.bsn = bsn;
    c.first_name = first;
    c.last_name = last;
    c.birth_date = D(1980, 1, 1);
    c.contact_verified_on = c.vrijstelling_until = c.applied_on = c.benefit_start = NO_DATE;
    return c;
}

#define ANNA(fx) fx_open_as(fx, "anna", "anna-wachtwoord")
#define BEN(fx) fx_open_as(fx, "ben", "ben-wachtwoord")
#define TEUN(fx) fx_open_as(fx, "teun", "teun-wachtwoord")

/* anna and ben are klantmanagers, teun teamleider; client 1 is anna's, 2 is ben's. */
static int setup(void **state)
{
    fx_setup_created(state);
    struct fixture *fx = *state;
    fx->clock = fx_clock;
    struct kv_error err;
    struct db *db = fx_open(fx);
    struct new_user users[] = {{"anna", "Anna de Wit", ROLE_KLANTMANAGER, "Werk"},
                               {"ben", "Ben Smit", ROLE_KLANTMANAGER, "Werk"},
                               {"teun", "Teun Bos", ROLE_TEAMLEIDER, "Werk"}};
    const char *pass[] = {"anna-wachtwoord", "ben-wachtwoord", "teun-wachtwoord"};
    for (int i = 0; i < 3; i++)
        assert_int_equal(
            keys_user_add(db, &users[i], pass[i], strlen(pass[i]), &KDF_TEST_MIN, FX_NOW, &err),
            KV_OK);
    assert_int_equal(db_begin_bulk(db, "fixture", &err), KV_OK);
    const char *bsn[] = {"123456782", "111222333"}, *owner[] = {"anna", "ben"};
    for (int i = 0; i < 2; i++) {
        struct client_in c;
        memset(&c, 0, sizeof c);
        c.bsn = bsn[i];
        c.first_name = i ? "Bram" : "Sanne";
        c.last_name = i ? "Kowalski" : "Ölçer";
        c.birth_date = D(1976, 5, 4);
        c.contact_verified_on = c.vrijstelling_until = NO_DATE;
        c.applied_on = D(2026, 1, 5);
        c.benefit_start = D(2026, 1, 20);
        c.came_active = 1;
        long id;
        assert_int_equal(records_client_add(db, &c, FX_NOW, &id, &err), KV_OK);
        assert_int_equal(id, i + 1);
        assert_int_equal(assignments_open(db, id, owner[i], "klantmanager", D(2026, 1, 6), "",
                                          NO_DATE, FX_NOW, &err),
                         KV_OK);
    }
    assert_int_equal(db_commit(db, &err), KV_OK);
    db_close(db);
    return 0;
}

static long entries(struct db *db, const char *where)
{
    char sql[300];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE %s", where);
    return fx_int(db, sql);
}

static char *detail_of(struct db *db, long id)
{
    sqlite3_stmt *st;
    char *out = NULL;
    assert_int_equal(
        sqlite3_prepare_v2(db->sql, "SELECT detail FROM audit WHERE id = ?1", -1, &st, NULL),
        SQLITE_OK);
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW)
        out = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return out;
}

static void a_change_is_logged_with_old_and_new_values(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct db *db = ANNA(fx);
    long plan, goal;
    assert_int_equal(db_begin(db, &err), KV_OK);
    assert_int_equal(plans_add(db, 1, D(2026, 2, 1), D(2026, 2, 1), 1, 0, "", FX_NOW, &plan, &err),
                     KV_OK);
    struct goal_in g = {plan,         1,           "Werk als postbode", "20 uur",
                        "Eigen wens", "Rijbewijs", "Voor 1 juni",       D(2026, 6, 1),
                        "open"};
    assert_int_equal(plans_goal_add(db, &g, FX_NOW, &goal, &err), KV_OK);
    assert_int_equal(db_commit(db, &err), KV_OK);
    long before = fx_int(db, "SELECT max(id) FROM audit");
    assert_int_equal(entries(db, "action = 'wijziging' AND client_id = 1 AND record LIKE "
                                 "'goals#%' AND user = 'anna'"),
                     1);
    g.status = "behaald";
    assert_int_equal(db_begin(db, &err), KV_OK);
    assert_int_equal(plans_goal_update(db, goal, 1, &g, "Gelukt", FX_NOW, &err), KV_OK);
    assert_int_equal(db_commit(db, &err), KV_OK);
    assert_int_equal(fx_int(db, "SELECT max(id) FROM audit"), before + 1);
    char *d = detail_of(db, before + 1);
    /* Only the changed fields, with both values; bookkeeping stays out. */
    assert_non_null(strstr(d, "\"old\":{\"id\":"));
    assert_non_null(strstr(d, "\"status\":\"open\""));
    assert_non_null(strstr(d, "\"status\":\"behaald\""));
    assert_non_null(strstr(d, "\"evaluation\":\"Gelukt\""));
    assert_null(strstr(d, "specifiek"));
    assert_null(strstr(d, "updated_at"));
    free(d);
    /* A record that reaches its client through a parent: a barrier of an intake. */
    struct intake_in in = {.client = 1,
                           .date = D(2026, 1, 20),
                           .classification = "werk",
                           .uitstroomdoel = "regulier",
                           .barriers = "taal"};
    long intake;
    assert_int_equal(db_begin(db, &err), KV_OK);
    assert_int_equal(intakes_add(db, &in, FX_NOW, &intake, &err), KV_OK);
    assert_int_equal(db_commit(db, &err), KV_OK);
    assert_int_equal(entries(db, "record LIKE 'intake_barriers#%' AND client_id = 1"), 1);
    /* A rolled back transaction leaves no entry. */
    long n = entries(db, "1");
    assert_int_equal(db_begin(db, &err), KV_OK);
    assert_int_equal(contacts_add(db, 1, D(2026, 2, 2), "gesprek", "", "Kort", FX_NOW, NULL, &err),
                     KV_OK);
    db_rollback(db);
    assert_int_equal(entries(db, "1"), n);
    struct audit_verdict v;
    assert_int_equal(audit_verify(db, &v, &err), KV_OK);
    assert_int_equal(v.bad_id, 0);
    assert_int_equal(v.entries, n);
    db_close(db);
}

/* Write one contact for client as db's user: the status of the commit. */
static int contact(struct db *db, long client)
{
    struct kv_error err;
    int rc = db_begin(db, &err);
    if (rc != KV_OK)
        return rc;
    rc = contacts_add(db, client, D(2026, 2, 2), "gesprek", "", "Verslag", FX_NOW, NULL, &err);
    return rc == KV_OK ? db_commit(db, &err) : (db_rollback(db), rc);
}

static void who_may_write_is_checked_on_the_changes(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct db *db = ANNA(fx);
    assert_int_equal(contact(db, 1), KV_OK);
    assert_int_equal(contact(db, 2), KV_EAUTH); /* ben's client */
    db_close(db);
    db = TEUN(fx); /* the teamleider reads, and reassigns */
    assert_int_equal(contact(db, 1), KV_EAUTH);
    assert_int_equal(db_begin(db, &err), KV_OK);
    assert_int_equal(assignments_open(db, 2, "anna", "klantmanager", D(2026, 3, 1), "Ben vertrekt",
                                      NO_DATE, FX_NOW, &err),
                     KV_OK);
    assert_int_equal(db_commit(db, &err), KV_OK);
    db_close(db);
    db = fx_open(fx); /* the beheerder: no client content */
    assert_int_equal(contact(db, 1), KV_EAUTH);
    assert_int_equal(access_client(db, 1, &err), KV_EAUTH);
    assert_string_equal(err.msg, "Een beheerder ziet geen klantdossiers.");
    /* Only anna's one contact was written; the refused ones left nothing behind. */
    assert_int_equal(fx_int(db, "SELECT count(*) FROM contacts"), 1);
    assert_int_equal(entries(db, "record LIKE 'contacts#%'"), 1);
    db_close(db);
    db = ANNA(fx); /* the reassignment gave client 2 to anna */
    assert_int_equal(contact(db, 2), KV_OK);
    db_close(db);
}

/* Straight into the tables inside one tracked transaction, the way a hand-made
 * changeset or a bug would: the commit judges it. */
static int raw_change(struct db *db, const char *sql, struct kv_error *err)
{
    assert_int_equal(db_begin(db, err), KV_OK);
    fx_exec(db, sql);
    return db_commit(db, err);
}

#define NEW_ROW "'2026-03-01 10:00:00', '2026-03-01 10:00:00', 'anna'"

/* A transaction that only adds records is judged without undoing it (txn.c): a record
 * it refers to still counts with its own client, whether it existed before or came in
 * the same transaction, and a refusal keeps nothing. */
static void records_only_added_are_judged_by_what_they_refer_to(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct db *db = BEN(fx);
    assert_int_equal(contact(db, 2), KV_OK); /* contacts#1, ben's client 2 */
    db_close(db);
    db = ANNA(fx);
    assert_int_equal(raw_change(db,
                                "INSERT INTO agreements (client_id, contact_id, text, created_at, "
                                "updated_at, updated_by) VALUES (1, 1, 'Solliciteren', " NEW_ROW
                                ")",
                                &err),
                     KV_EAUTH);
    assert_string_equal(err.msg, "Klant 2 hoort niet bij uw klanten (geweigerd: agreements#1 "
                                 "toevoegen); er is niets opgeslagen.");
    assert_int_equal(
        raw_change(db,
                   "INSERT INTO contacts (id, client_id, date, channel, participants, "
                   "summary, created_at, updated_at, updated_by) VALUES (7, 1, "
                   "'2026-03-01', 'gesprek', '', 'Intake', " NEW_ROW
                   "); INSERT INTO agreements (client_id, contact_id, text, "
                   "created_at, updated_at, updated_by) VALUES (1, 7, 'Cv maken', " NEW_ROW ")",
                   &err),
        KV_OK);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM agreements"), 1);
    assert_int_equal(fx_int(db, "SELECT client_id FROM agreements"), 1);
    db_close(db);
}

/* Does the changeset of sql (run inside a savepoint, then undone) only add a client's
 * records, so that it is judged without the undo? */
static int inserts_only(struct db *db, const char *sql)
{
    sqlite3_session *s;
    assert_int_equal(sqlite3session_create(db->sql, "main", &s), SQLITE_OK);
    /* the tables these cases write, as the transaction's session tracks them */
    assert_int_equal(sqlite3session_attach(s, "contacts"), SQLITE_OK);
    assert_int_equal(sqlite3session_attach(s, "assignments"), SQLITE_OK);
    assert_int_equal(sqlite3session_attach(s, "clients"), SQLITE_OK);
    fx_exec(db, "SAVEPOINT t");
    fx_exec(db, sql);
    int n = 0;
    void *set = NULL;
    assert_int_equal(sqlite3session_changeset(s, &n, &set), SQLITE_OK);
    int only = writecheck_inserts_case_records_only(set, n);
    sqlite3_free(set);
    sqlite3session_delete(s);
    fx_exec(db, "ROLLBACK TO t; RELEASE t");
    return only;
}

/* Which changesets skip the undo: inserts of a client's records alone. An assignment, a
 * client, an update or a deletion beside them, or a REPLACE (an update to SQLite's
 * session), sends the whole changeset through the undo. */
static void only_inserted_case_records_skip_the_undo(void **state)
{
    struct fixture *fx = *state;
    struct db *db = ANNA(fx);
    const char *contact = "INSERT INTO contacts (id, client_id, date, channel, participants, "
                          "summary, created_at, updated_at, updated_by) VALUES (9, 1, "
                          "'2026-03-01', 'gesprek', '', 'x', " NEW_ROW ");";
    char sql[1200];
    assert_true(inserts_only(db, contact));
    snprintf(sql, sizeof sql,
             "%s INSERT INTO assignments (client_id, user_id, role_in_case, from_date, "
             "created_at, updated_at, updated_by) VALUES (2, %ld, 'klantmanager', "
             "'2026-03-01', " NEW_ROW ")",
             contact, db->user_id);
    assert_false(inserts_only(db, sql));
    snprintf(sql, sizeof sql, "%s UPDATE contacts SET summary = 'y' WHERE id = 9", contact);
    assert_true(inserts_only(db, sql)); /* insert then update: one insert, its last values */
    assert_false(
        inserts_only(db, "UPDATE clients SET first_name = first_name || 'x' WHERE id = 1"));
    snprintf(sql, sizeof sql,
             "%s INSERT OR REPLACE INTO contacts (id, client_id, date, channel, "
             "participants, summary, created_at, updated_at, updated_by) VALUES (9, 1, "
             "'2026-03-02', 'gesprek', '', 'z', " NEW_ROW ")",
             contact);
    assert_true(inserts_only(db, sql)); /* still the one inserted row */
    fx_exec(db, contact);
    assert_false(inserts_only(db, "INSERT OR REPLACE INTO contacts (id, client_id, date, channel, "
                                  "participants, summary, created_at, updated_at, updated_by) "
                                  "VALUES (9, 1, '2026-03-02', 'gesprek', '', 'z', " NEW_ROW ")"));
    assert_false(inserts_only(db, "DELETE FROM contacts WHERE id = 9"));
    db_close(db);
}

/* Each change is judged on the state before the transaction: an assignment inserted
 * first grants nothing to what follows; a record moved counts its old client; records
 * whose client the transaction deletes still belong to that client. */
static void a_change_is_judged_on_the_state_before_the_transaction(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct db *db = BEN(fx);
    assert_int_equal(contact(db, 2), KV_OK);
    db_close(db);
    db = ANNA(fx);
    char sql[600];
    snprintf(sql, sizeof sql,
             "INSERT INTO assignments (client_id, user_id, role_in_case, "
             "from_date, created_at, updated_at, updated_by) VALUES (2, %ld, 'klantmanager', "
             "'2026-03-01', " NEW_ROW "); INSERT INTO contacts (client_id, date, channel, "
             "participants, summary, created_at, updated_at, updated_by) VALUES (2, "
             "'2026-03-01', 'gesprek', '', 'Overgenomen', " NEW_ROW ")",
             db->user_id);
    assert_int_equal(raw_change(db, sql, &err), KV_EAUTH);
    assert_non_null(strstr(err.msg, "(geweigerd: assignments#"));
    assert_non_null(strstr(err.msg, "er is niets opgeslagen."));
    assert_int_equal(raw_change(db, "UPDATE contacts SET client_id = 1 WHERE client_id = 2", &err),
                     KV_EAUTH);
    assert_string_equal(err.msg, "Klant 2 hoort niet bij uw klanten (geweigerd: contacts#1 "
                                 "wijzigen); er is niets opgeslagen.");
    assert_int_equal(raw_change(db,
                                "DELETE FROM contacts WHERE client_id = 2; DELETE FROM "
                                "assignments WHERE client_id = 2; DELETE FROM clients WHERE "
                                "id = 2",
                                &err),
                     KV_EAUTH);
    assert_non_null(strstr(err.msg, "verwijdert geen records"));
    /* Her own records she changes, but deletes none: the application deletes none. */
    assert_int_equal(contact(db, 1), KV_OK);
    assert_int_equal(raw_change(db,
                                "UPDATE contacts SET summary = 'Bijgewerkt' WHERE "
                                "client_id = 1",
                                &err),
                     KV_OK);
    assert_int_equal(raw_change(db, "DELETE FROM contacts WHERE client_id = 1", &err), KV_EAUTH);
    assert_int_equal(
        raw_change(db, "UPDATE users SET role = 'beheerder' WHERE name = 'anna'", &err), KV_EAUTH);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM assignments WHERE client_id = 2"), 1);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM contacts WHERE client_id = 2"), 1);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM clients"), 2);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM contacts"), 2);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM users WHERE role = 'beheerder'"), 1);
    db_close(db);
}

static int assign(struct db *db, long client, const char *to, struct kv_error *err)
{
    int rc = db_begin(db, err);
    if (rc == KV_OK)
        rc = assignments_open(db, client, to, "klantmanager", D(2026, 3, 1), "", NO_DATE, FX_NOW,
                              err);
    return rc == KV_OK ? db_commit(db, err) : (db_rollback(db), rc);
}

/* teun leads team Werk (anna, ben; kim, disabled); ria is in team Inkomen with client 3;
 * tina is a teamleider without a team. */
static void assigning_stays_within_the_team_and_goes_to_caseworkers(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct db *db = fx_open(fx);
    struct new_user more[] = {{"ria", "Ria Vos", ROLE_KLANTMANAGER, "Inkomen"},
                              {"tina", "Tina Berg", ROLE_TEAMLEIDER, ""},
                              {"kim", "Kim Dam", ROLE_KLANTMANAGER, "Werk"}};
    for (int i = 0; i < 3; i++)
        assert_int_equal(
            keys_user_add(db, &more[i], "een-wachtwoord", 14, &KDF_TEST_MIN, FX_NOW, &err), KV_OK);
    assert_int_equal(keys_user_disable(db, "kim", FX_NOW, &err), KV_OK);
    struct client_in c = bare_client("100000022", "Ans", "Inkomen");
    long id;
    assert_int_equal(db_begin_bulk(db, "fixture", &err), KV_OK);
    assert_int_equal(records_client_add(db, &c, FX_NOW, &id, &err), KV_OK);
    assert_int_equal(
        assignments_open(db, id, "ria", "klantmanager", D(2026, 1, 6), "", NO_DATE, FX_NOW, &err),
        KV_OK);
    assert_int_equal(db_commit(db, &err), KV_OK);
    assert_int_equal(assign(db, 1, "ben", &err), KV_EAUTH); /* the beheerder */
    assert_string_equal(err.msg, "Een beheerder wijst geen klanten toe; dat doet de teamleider.");
    db_close(db);
    db = TEUN(fx);
    assert_int_equal(assign(db, id, "anna", &err), KV_EAUTH);
    assert_string_equal(err.msg, "Klant 3 valt buiten uw team.");
    assert_int_equal(assign(db, 1, "ria", &err), KV_EAUTH);
    assert_string_equal(err.msg, "'ria' hoort niet bij uw team; wijs toe binnen uw team.");
    assert_int_equal(assign(db, 1, "teun", &err), KV_EAUTH);
    assert_non_null(strstr(err.msg, "'teun' is teamleider en krijgt geen klanten"));
    assert_int_equal(assign(db, 1, "kim", &err), KV_EUSAGE);
    assert_non_null(strstr(err.msg, "uitgeschakeld"));
    assert_int_equal(assign(db, 1, "ben", &err), KV_OK);
    /* The handover screen offers only who may take clients from her. */
    long ria = fx_int(db, "SELECT id FROM users WHERE name = 'ria'");
    long ben = fx_int(db, "SELECT id FROM users WHERE name = 'ben'");
    assert_int_equal(access_may_receive(db, ria, &err), KV_EAUTH);
    assert_int_equal(access_may_receive(db, db->user_id, &err), KV_EAUTH);
    assert_int_equal(access_may_receive(db, ben, &err), KV_OK);
    /* Around assignments_open: the commit holds her to the same rule, on the state before. */
    char sql[500];
    snprintf(sql, sizeof sql,
             "UPDATE assignments SET to_date = '2026-03-01' WHERE client_id = "
             "%ld; INSERT INTO assignments (client_id, user_id, role_in_case, from_date, "
             "created_at, updated_at, updated_by) VALUES (%ld, 2, 'klantmanager', '2026-03-01', "
             "'2026-03-01 10:00:00', '2026-03-01 10:00:00', 'teun')",
             id, id);
    assert_int_equal(raw_change(db, sql, &err), KV_EAUTH);
    assert_non_null(strstr(err.msg, "Klant 3 valt buiten uw team (geweigerd: assignments#"));
    db_close(db);
    db = ANNA(fx); /* casework hands nothing on, takes nothing */
    assert_int_equal(assign(db, 2, "anna", &err), KV_EAUTH);
    assert_non_null(strstr(err.msg, "alleen een nieuwe klant aan zichzelf"));
    db_close(db);
    db = fx_open_as(fx, "tina", "een-wachtwoord"); /* no team: every client, every caseworker */
    assert_int_equal(assign(db, id, "ben", &err), KV_OK);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM assignments a JOIN users u ON u.id = "
                                "a.user_id WHERE a.to_date IS NULL AND a.client_id IN (1, 3) "
                                "AND u.name = 'ben'"),
                     2);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM assignments WHERE to_date IS NULL"), 3);
    db_close(db);
}

static void a_waarneming_needs_a_reason_and_grants_the_day(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct db *db = ANNA(fx);
    assert_int_equal(access_client(db, 2, &err), KV_EAUTH);
    assert_int_equal(access_waarneming(db, 2, "  ", &err), KV_EUSAGE);
    assert_non_null(strstr(err.msg, "reden"));
    assert_int_equal(access_client(db, 2, &err), KV_EAUTH);
    assert_int_equal(access_waarneming(db, 2, "Ben is ziek", &err), KV_OK);
    assert_int_equal(access_client(db, 2, &err), KV_OK);
    assert_int_equal(contact(db, 2), KV_OK);
    assert_int_equal(entries(db, "action = 'waarneming' AND client_id = 2 AND user = 'anna' AND "
                                 "detail = '{\"reden\":\"Ben is ziek\"}'"),
                     1);
    /* One's own client needs none, and none is logged. */
    assert_int_equal(access_waarneming(db, 1, "Zomaar even", &err), KV_OK);
    assert_int_equal(entries(db, "action = 'waarneming' AND client_id = 1"), 0);
    assert_int_equal(access_open(db, 2, &err), KV_OK);
    assert_int_equal(entries(db, "action = 'inzien' AND client_id = 2 AND user = 'anna'"), 1);
    /* The grant is for the day it was given. */
    fx_exec(db, "UPDATE audit SET at = '2026-02-28 17:00:00' WHERE action = 'waarneming'");
    assert_int_equal(access_client(db, 2, &err), KV_EAUTH);
    db_close(db);
    db = TEUN(fx); /* a teamleider sees every client already; waarnemen is casework */
    assert_int_equal(access_waarneming(db, 2, "Ben is ziek", &err), KV_EAUTH);
    db_close(db);
}

/* A waarneming grants reach from the transactions after its own: one that logs it and
 * writes the client's records at once (the log is not in its changeset) is refused, and
 * keeps neither. */
static void a_waarneming_does_not_approve_its_own_transaction(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct db *db = ANNA(fx);
    long entries_before = fx_int(db, "SELECT count(*) FROM audit");
    assert_int_equal(db_begin(db, &err), KV_OK);
    assert_int_equal(audit_note(db, "waarneming", 2, "", "{\"reden\":\"Ben is ziek\"}", &err),
                     KV_OK);
    fx_exec(db, "INSERT INTO contacts (client_id, date, channel, participants, summary, "
                "created_at, updated_at, updated_by) VALUES (2, '2026-03-01', 'gesprek', '', "
                "'Stiekem', " NEW_ROW ")");
    assert_int_equal(db_commit(db, &err), KV_EAUTH);
    assert_non_null(strstr(err.msg, "Klant 2 hoort niet bij uw klanten"));
    assert_int_equal(fx_int(db, "SELECT count(*) FROM contacts WHERE client_id = 2"), 0);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM audit"), entries_before);
    /* Logged in a transaction of its own, the same waarneming lets the next one write. */
    assert_int_equal(access_waarneming(db, 2, "Ben is ziek", &err), KV_OK);
    assert_int_equal(raw_change(db,
                                "INSERT INTO contacts (client_id, date, channel, participants, "
                                "summary, created_at, updated_at, updated_by) VALUES (2, "
                                "'2026-03-01', 'gesprek', '', 'Waargenomen', " NEW_ROW ")",
                                &err),
                     KV_OK);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM contacts WHERE client_id = 2"), 1);
    db_close(db);
}

static void the_chain_shows_where_it_was_broken(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct audit_verdict v;
    struct db *db = ANNA(fx);
    for (int i = 0; i < 3; i++)
        assert_int_equal(contact(db, 1), KV_OK);
    assert_int_equal(audit_verify(db, &v, &err), KV_OK);
    assert_int_equal(v.bad_id, 0);
    char head[AUDIT_HASH_HEX];
    memcpy(head, v.head, sizeof head);
    long c1 = fx_int(db, "SELECT min(id) FROM audit WHERE record LIKE 'contacts#%'");
    char sql[300], why[100];
    /* Altered text: the entry named. */
    snprintf(sql, sizeof sql,
             "UPDATE audit SET detail = replace(detail, 'Verslag', 'Anders') "
             "WHERE id = %ld",
             c1 + 1);
    fx_exec(db, sql);
    assert_int_equal(audit_verify(db, &v, &err), KV_OK);
    assert_int_equal(v.bad_id, c1 + 1);
    snprintf(why, sizeof why, "Auditregel %ld heeft een gewijzigde toelichting.", c1 + 1);
    assert_string_equal(v.why, why);
    snprintf(sql, sizeof sql,
             "UPDATE audit SET detail = replace(detail, 'Anders', 'Verslag') "
             "WHERE id = %ld",
             c1 + 1);
    fx_exec(db, sql);
    /* Another name on an entry. */
    snprintf(sql, sizeof sql, "UPDATE audit SET user = 'ben' WHERE id = %ld", c1);
    fx_exec(db, sql);
    assert_int_equal(audit_verify(db, &v, &err), KV_OK);
    assert_int_equal(v.bad_id, c1);
    snprintf(sql, sizeof sql, "UPDATE audit SET user = 'anna' WHERE id = %ld", c1);
    fx_exec(db, sql);
    assert_int_equal(audit_verify(db, &v, &err), KV_OK);
    assert_int_equal(v.bad_id, 0);
    assert_string_equal(v.head, head);
    /* A detail erased as a purge erases it, but no purge of that client follows. */
    snprintf(sql, sizeof sql, "UPDATE audit SET detail = '' WHERE id = %ld", c1 + 1);
    fx_exec(db, sql);
    assert_int_equal(audit_verify(db, &v, &err), KV_OK);
    assert_int_equal(v.bad_id, c1 + 1);
    assert_int_equal(v.erased, 0);
    /* A deleted entry in the middle: the gap named. */
    snprintf(sql, sizeof sql, "DELETE FROM audit WHERE id = %ld", c1);
    fx_exec(db, sql);
    assert_int_equal(audit_verify(db, &v, &err), KV_OK);
    assert_int_equal(v.bad_id, c1);
    assert_non_null(strstr(v.why, "ontbreekt"));
    db_close(db);
}

static void a_purge_erases_the_client_and_keeps_the_chain(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct db *db = ANNA(fx);
    assert_int_equal(contact(db, 1), KV_OK);
    assert_int_equal(db_begin(db, &err), KV_OK);
    assert_int_equal(records_client_close(db, 1, D(2018, 1, 15), D(2026, 3, 1), FX_NOW, &err),
                     KV_OK);
    assert_int_equal(db_commit(db, &err), KV_OK);
    size_t n;
    struct purge_item *items;
    assert_int_equal(purge_list(db, "2019-03-01", &items, &n, &err), KV_EAUTH);
    db_close(db);
    db = fx_open(fx);
    char before[11];
    assert_int_equal(purge_default_before(db, D(2026, 3, 1), before, &err), KV_OK);
    assert_string_equal(before, "2019-03-01"); /* seven years by default */
    assert_int_equal(purge_list(db, before, &items, &n, &err), KV_OK);
    assert_int_equal(n, 1);
    assert_int_equal(items[0].client, 1);
    assert_string_equal(items[0].closed_on, "2018-01-15");
    assert_int_equal(items[0].rows, 3); /* client, assignment, contact */
    free(items);
    assert_int_equal(purge_list(db, "2018-01-15", &items, &n, &err), KV_OK);
    assert_int_equal(n, 0); /* before, not on */
    free(items);
    size_t purged;
    assert_int_equal(purge_run(db, before, &purged, &err), KV_OK);
    assert_int_equal(purged, 1);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM clients WHERE id = 1"), 0);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM contacts"), 0);
    assert_int_equal(entries(db, "client_id = 1 AND action <> 'purge' AND detail <> ''"), 0);
    assert_int_equal(entries(db, "client_id = 1 AND action = 'purge' AND user = 'beheer'"), 1);
    struct audit_verdict v;
    assert_int_equal(audit_verify(db, &v, &err), KV_OK);
    assert_int_equal(v.bad_id, 0);
    assert_true(v.erased >= 2);
    db_close(db);
    db = fx_open(fx);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM client_search WHERE client_search MATCH "
                                "'sanne'"),
                     0);
    /* The number is never given out again, not even when it was the highest. */
    fx_exec(db, "DELETE FROM assignments WHERE client_id = 2");
    fx_exec(db, "DELETE FROM clients WHERE id = 2");
    fx_exec(db, "INSERT INTO audit (id, at, user, action, client_id, detail_hash, prev, hash) "
                "VALUES (9999, '', '', 'x', 7, '', '', '')");
    struct client_in c = bare_client("123456782", "Nieuw", "Mens");
    long id;
    assert_int_equal(db_begin_bulk(db, "test", &err), KV_OK);
    assert_int_equal(records_client_add(db, &c, FX_NOW, &id, &err), KV_OK);
    assert_int_equal(db_commit(db, &err), KV_OK);
    assert_int_equal(id, 8);
    db_close(db);
}

/* The clock comes in at open, per connection: two connections on one file in one process
 * log at their own times (a global clock would give both the last one set). */
static int late_clock(char out[20], struct kv_error *err)
{
    (void)err;
    snprintf(out, 20, "%s", "2031-07-04 16:30:00");
    return KV_OK;
}

static void each_connection_logs_by_the_clock_it_was_opened_with(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct db *early = ANNA(fx), *late;
    assert_int_equal(db_open(fx->path, "anna", "anna-wachtwoord", 15, 0, late_clock, &late, &err),
                     KV_OK);
    assert_int_equal(access_open(late, 1, &err), KV_OK);
    assert_int_equal(access_open(early, 1, &err), KV_OK);
    assert_int_equal(entries(early, "action = 'inzien' AND at = '2031-07-04 16:30:00'"), 1);
    assert_int_equal(entries(early, "action = 'inzien' AND at = '" FX_NOW "'"), 1);
    char day[11];
    db_today_iso(late, day);
    assert_string_equal(day, "2031-07-04");
    db_close(late);
    db_close(early);
}

static void failed_logins_arrive_at_the_next_open(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct db *db;
    assert_int_equal(db_open(fx->path, "anna", "fout", 4, 0, fx_clock, &db, &err), KV_EAUTH);
    assert_int_equal(db_open(fx->path, "mallory", "x", 1, 0, fx_clock, &db, &err), KV_EAUTH);
    char side[400];
    snprintf(side, sizeof side, "%s-aanmeldingen", fx->path);
    assert_int_equal(access(side, F_OK), 0);
    db = BEN(fx);
    assert_int_equal(entries(db, "action = 'aanmelding_mislukt' AND user = 'anna' AND detail LIKE "
                                 "'%onjuist wachtwoord%'"),
                     1);
    assert_int_equal(entries(db, "action = 'aanmelding_mislukt' AND user = 'mallory' AND detail "
                                 "LIKE '%onbekende gebruiker%'"),
                     1);
    size_t len = 1;
    unsigned char *rest = fx_read_file(side, &len);
    free(rest);
    assert_int_equal(len, 0); /* taken in, once */
    db_close(db);
    db = BEN(fx);
    assert_int_equal(entries(db, "action = 'aanmelding_mislukt'"), 2);
    db_close(db);
}

/* Whoever can write the side file can add lines to it: only lines in the writer's own
 * format become entries; the rest are counted, never taken in. */
static void forged_failed_login_lines_are_skipped_and_counted(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct db *db;
    char side[400];
    snprintf(side, sizeof side, "%s-aanmeldingen", fx->path);
    assert_int_equal(db_open(fx->path, "Mal\tlory\n", "x", 1, 0, fx_clock, &db, &err), KV_EAUTH);
    struct stat st;
    assert_int_equal(stat(side, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600); /* the database's mode */
    static const char forged[] =
        "2026-03-01 08:00:00\tanna\tonjuist wachtwoord\n"
        "2026-03-01 08:01:00\tanna\tonjuist wachtwoord\",\"admin\":true,\"x\":\"\n"
        "2026-03-01 08:02:00\tBen Smit\tonjuist wachtwoord\n"
        "2026-13-01 08:03:00\tben\tonjuist wachtwoord\n"
        "2026-03-01 25:03:00\tben\tonjuist wachtwoord\n"
        "2026-03-01 08:04:00\tben\tonjuist wachtwoord\textra\n"
        "2026-03-01 08:05:00\tben\tiets anders\n"
        "hallo\n";
    int fd = open(side, O_WRONLY | O_APPEND);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, forged, sizeof forged - 1), (ssize_t)(sizeof forged - 1));
    close(fd);
    db = BEN(fx);
    assert_int_equal(entries(db, "action = 'aanmelding_mislukt'"), 2);
    assert_int_equal(entries(db, "action = 'aanmelding_mislukt' AND user = '?' AND detail = "
                                 "'{\"tijd\":\"2026-03-01 09:00:00\",\"reden\":"
                                 "\"ongeldige gebruikersnaam\"}'"),
                     1);
    assert_int_equal(entries(db, "action = 'aanmelding_mislukt' AND user = 'anna' AND detail = "
                                 "'{\"tijd\":\"2026-03-01 08:00:00\",\"reden\":"
                                 "\"onjuist wachtwoord\"}'"),
                     1);
    assert_int_equal(entries(db, "action = 'aanmeldingen_onleesbaar' AND user = 'ben' AND "
                                 "detail = '{\"overgeslagen\":7}'"),
                     1);
    assert_int_equal(entries(db, "detail LIKE '%admin%' OR user LIKE '%Smit%'"), 0);
    assert_int_equal(entries(db, "detail <> '' AND NOT json_valid(detail)"), 0);
    db_close(db);
}

static void nothing(void *ctx)
{
    (void)ctx;
}
static void nothing_key(void *ctx, const char *k)
{
    (void)ctx, (void)k;
}
static void nothing_field(void *ctx, const char *k, sqlite3_value *v)
{
    (void)ctx, (void)k, (void)v;
}

static const struct dossier_visitor quiet = {nothing, nothing, nothing_key,   nothing,
                                             nothing, nothing, nothing_field, nothing_key};

static void an_export_is_logged_per_client_before_it_is_written(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct db *db = TEUN(fx);
    assert_int_equal(dossier_export(db, 0, "json", &quiet, NULL, &err), KV_OK);
    assert_int_equal(entries(db, "action = 'export' AND user = 'teun' AND detail = "
                                 "'{\"formaat\":\"json\"}'"),
                     2);
    db_close(db);
    db = ANNA(fx);
    assert_int_equal(dossier_export(db, 2, "text", &quiet, NULL, &err), KV_EAUTH);
    assert_int_equal(dossier_export(db, 0, "text", &quiet, NULL, &err), KV_OK);
    assert_int_equal(entries(db, "action = 'export' AND user = 'anna'"), 1); /* her own */
    assert_int_equal(entries(db, "action = 'export' AND user = 'anna' AND client_id = 2"), 0);
    /* Reading for the screen (dossier_load, through dossier_visit) is an open, logged
     * there, not an export: neither writes an entry. */
    struct dossier_data d;
    long all = entries(db, "1");
    assert_int_equal(dossier_visit(db, 1, &quiet, NULL, &err), KV_OK);
    assert_int_equal(dossier_load(db, 1, &d, &err), KV_OK);
    dossier_data_free(&d);
    assert_int_equal(entries(db, "1"), all);
    db_close(db);
}

/* The screens ask whether colleagues changed records, not merely committed: a colleague
 * opening a dossier or exporting, or a failed login taken in, is a commit (its entry) but
 * no change to read again; one's own change is one's own. */
static void only_a_colleagues_change_counts_as_one(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct db *anna = ANNA(fx), *teun = TEUN(fx), *ben;
    long mark = -1;
    assert_int_equal(audit_changed_by_others(anna, &mark), 0);
    long set = mark;
    assert_true(set > 0); /* the fixture's bulk load is an entry */
    assert_int_equal(audit_changed_by_others(anna, &mark), 0);
    assert_int_equal(mark, set);

    assert_int_equal(access_open(teun, 1, &err), KV_OK);
    assert_int_equal(dossier_export(teun, 0, "json", &quiet, NULL, &err), KV_OK);
    /* A failed login, taken into the log (as mallory's) at ben's open. */
    assert_int_equal(db_open(fx->path, "mallory", "x", 1, 0, fx_clock, &ben, &err), KV_EAUTH);
    ben = BEN(fx);
    assert_int_equal(entries(anna, "action = 'aanmelding_mislukt' AND user = 'mallory'"), 1);
    assert_int_equal(db_begin(anna, &err), KV_OK);
    assert_int_equal(
        contacts_add(anna, 1, D(2026, 2, 2), "gesprek", "", "Eigen", FX_NOW, NULL, &err), KV_OK);
    assert_int_equal(db_commit(anna, &err), KV_OK);
    assert_int_equal(audit_changed_by_others(anna, &mark), 0);
    assert_true(mark > set); /* read past: not looked at again */

    assert_int_equal(db_begin(ben, &err), KV_OK);
    assert_int_equal(
        contacts_add(ben, 2, D(2026, 2, 3), "gesprek", "", "Van Ben", FX_NOW, NULL, &err), KV_OK);
    assert_int_equal(db_commit(ben, &err), KV_OK);
    assert_int_equal(audit_changed_by_others(anna, &mark), 1);
    assert_int_equal(audit_changed_by_others(anna, &mark), 0); /* said once per entry */
    /* Seen from ben, anna's contact is a colleague's change. */
    long from = set;
    assert_int_equal(audit_changed_by_others(ben, &from), 1);
    db_close(ben);
    db_close(teun);
    db_close(anna);
}

/* teun leads team Werk (anna, ben); ria is a klantmanager in team Inkomen with client 3;
 * tina is a teamleider without a team. */
static void a_teamleider_oversees_her_own_team(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct db *db = fx_open(fx);
    struct new_user ria = {"ria", "Ria Vos", ROLE_KLANTMANAGER, "Inkomen"};
    struct new_user tina = {"tina", "Tina Berg", ROLE_TEAMLEIDER, ""};
    assert_int_equal(keys_user_add(db, &ria, "ria-wachtwoord", 14, &KDF_TEST_MIN, FX_NOW, &err),
                     KV_OK);
    assert_int_equal(keys_user_add(db, &tina, "tina-wachtwoord", 15, &KDF_TEST_MIN, FX_NOW, &err),
                     KV_OK);
    struct client_in c = bare_client("100000022", "Ans", "Inkomen");
    long id, lone;
    assert_int_equal(db_begin_bulk(db, "fixture", &err), KV_OK);
    assert_int_equal(records_client_add(db, &c, FX_NOW, &id, &err), KV_OK);
    assert_int_equal(
        assignments_open(db, id, "ria", "klantmanager", D(2026, 1, 6), "", NO_DATE, FX_NOW, &err),
        KV_OK);
    c.bsn = "100000034";
    c.last_name = "Zonder";
    assert_int_equal(records_client_add(db, &c, FX_NOW, &lone, &err), KV_OK);
    assert_int_equal(db_commit(db, &err), KV_OK);
    db_close(db);
    db = TEUN(fx);
    assert_int_equal(access_client(db, 1, &err), KV_OK);
    assert_int_equal(access_client(db, id, &err), KV_EAUTH);
    assert_int_equal(access_client(db, lone, &err), KV_OK); /* unassigned: someone must */
    struct caseload *cl;
    assert_int_equal(caseload_load(db, SCOPE_ALL, &cl, &err), KV_OK);
    assert_int_equal(cl->n, 3); /* anna's, ben's and the unassigned one */
    caseload_free(cl);
    db_close(db);
    db = fx_open_as(fx, "tina", "tina-wachtwoord");
    assert_int_equal(access_client(db, id, &err), KV_OK);
    assert_int_equal(caseload_load(db, SCOPE_ALL, &cl, &err), KV_OK);
    assert_int_equal(cl->n, 4);
    caseload_free(cl);
    db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_change_is_logged_with_old_and_new_values, setup,
                                        fx_teardown),
        cmocka_unit_test_setup_teardown(who_may_write_is_checked_on_the_changes, setup,
                                        fx_teardown),
        cmocka_unit_test_setup_teardown(only_inserted_case_records_skip_the_undo, setup,
                                        fx_teardown),
        cmocka_unit_test_setup_teardown(records_only_added_are_judged_by_what_they_refer_to, setup,
                                        fx_teardown),
        cmocka_unit_test_setup_teardown(a_change_is_judged_on_the_state_before_the_transaction,
                                        setup, fx_teardown),
        cmocka_unit_test_setup_teardown(assigning_stays_within_the_team_and_goes_to_caseworkers,
                                        setup, fx_teardown),
        cmocka_unit_test_setup_teardown(a_waarneming_needs_a_reason_and_grants_the_day, setup,
                                        fx_teardown),
        cmocka_unit_test_setup_teardown(a_waarneming_does_not_approve_its_own_transaction, setup,
                                        fx_teardown),
        cmocka_unit_test_setup_teardown(the_chain_shows_where_it_was_broken, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(a_purge_erases_the_client_and_keeps_the_chain, setup,
                                        fx_teardown),
        cmocka_unit_test_setup_teardown(failed_logins_arrive_at_the_next_open, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(each_connection_logs_by_the_clock_it_was_opened_with, setup,
                                        fx_teardown),
        cmocka_unit_test_setup_teardown(forged_failed_login_lines_are_skipped_and_counted, setup,
                                        fx_teardown),
        cmocka_unit_test_setup_teardown(an_export_is_logged_per_client_before_it_is_written, setup,
                                        fx_teardown),
        cmocka_unit_test_setup_teardown(a_teamleider_oversees_her_own_team, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(only_a_colleagues_change_counts_as_one, setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
