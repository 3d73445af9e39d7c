/* Offline copies on real encrypted files: a checkout holds the user's caseload only and
 * opens with her passphrase only; changes made in the copy come back at checkin, records
 * made offline with new ids and their references following; a field changed on both
 * sides is put to the resolver, and each answer (mine, theirs, merge) is what the server
 * ends with; a second checkin applies nothing; a copy of another database, a revoked
 * checkout, an open conflict and a damaged copy are refused with nothing applied. */
#include "core/date.h"
#include "crypto/header.h"
#include "storage/access.h"
#include "storage/audit.h"
#include "storage/clients.h"
#include "storage/keys.h"
#include "storage/offline.h"
#include "storage/records.h"
#include "storage/contacts.h"
#include "storage/assignments.h"
#include "storage/txn.h"
#include "storage/login.h"
#include "tests/unit/fixture.h"

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

struct world {
    struct fixture fx;
    char copy[400];
};

static void add_client(struct db *db, const char *bsn, const char *last, const char *owner)
{
    struct kv_error err;
    struct client_in c;
    memset(&c, 0, sizeof c);
    c.bsn = bsn;
    c.first_name = "Test";
    c.last_name = last;
    c.birth_date = D(1980, 1, 1);
    c.contact_verified_on = c.vrijstelling_until = c.applied_on = c.benefit_start = NO_DATE;
    long id;
    assert_int_equal(records_client_add(db, &c, FX_NOW, &id, &err), KV_OK);
    assert_int_equal(
        assignments_open(db, id, owner, "klantmanager", D(2026, 1, 6), "", NO_DATE, FX_NOW, &err),
        KV_OK);
}

/* anna (klantmanager) has clients 1 and 2, ben client 3; teun is teamleider. */
static void make_server(struct fixture *fx)
{
    struct kv_error err;
    struct db *db = fx_open(fx);
    struct new_user u[] = {{"anna", "Anna", ROLE_KLANTMANAGER, ""},
                           {"ben", "Ben", ROLE_KLANTMANAGER, ""},
                           {"teun", "Teun", ROLE_TEAMLEIDER, ""}};
    const char *pw[] = {"anna-wachtwoord", "ben-wachtwoord", "teun-wachtwoord"};
    for (int i = 0; i < 3; i++)
        assert_int_equal(
            keys_user_add(db, &u[i], pw[i], strlen(pw[i]), &KDF_TEST_MIN, FX_NOW, &err), KV_OK);
    assert_int_equal(db_begin_bulk(db, "fixture", &err), KV_OK);
    add_client(db, "123456782", "Ölçer", "anna");
    add_client(db, "100000022", "Jansen", "anna");
    add_client(db, "111222333", "Kowalski", "ben");
    assert_int_equal(db_commit(db, &err), KV_OK);
    db_close(db);
}

static int setup(void **state)
{
    struct world *w = calloc(1, sizeof *w);
    fx_init(&w->fx);
    w->fx.clock = fx_clock;
    fx_create(&w->fx);
    make_server(&w->fx);
    snprintf(w->copy, sizeof w->copy, "%s/laptop.db", w->fx.dir);
    *state = w;
    return 0;
}

static int teardown(void **state)
{
    struct world *w = *state;
    fx_cleanup(&w->fx);
    free(w);
    return 0;
}

#define ANNA(w) fx_open_as(&(w)->fx, "anna", "anna-wachtwoord")

static struct db *open_copy(struct world *w)
{
    struct kv_error err;
    struct db *db;
    if (db_open(w->copy, "anna", "anna-wachtwoord", 15, 0, fx_clock, &db, &err) != KV_OK)
        fail_msg("%s", err.msg);
    return db;
}

static void checkout(struct world *w)
{
    struct kv_error err;
    struct db *db = ANNA(w);
    long id, clients;
    assert_int_equal(offline_checkout(db, w->copy, FX_NOW, &id, &clients, &err), KV_OK);
    assert_int_equal(clients, 2);
    db_close(db);
}

static int contact(struct db *db, long client)
{
    const char *summary = "Gesprek";
    struct kv_error err;
    int rc = db_begin(db, &err);
    if (rc == KV_OK)
        rc = contacts_add(db, client, D(2026, 3, 1), "gesprek", "", summary, FX_NOW, NULL, &err);
    return rc == KV_OK ? db_commit(db, &err) : (db_rollback(db), rc);
}

static void set_field(struct db *db, long client, const char *field, const char *value)
{
    struct kv_error err;
    char *sql = sqlite3_mprintf("UPDATE clients SET \"%w\" = %Q, version = version + 1 WHERE "
                                "id = %ld",
                                field, value, client);
    assert_int_equal(db_begin(db, &err), KV_OK);
    fx_exec(db, sql);
    assert_int_equal(db_commit(db, &err), KV_OK);
    sqlite3_free(sql);
}

static long count(struct db *db, const char *sql)
{
    return fx_int(db, sql);
}

struct answers {
    enum resolution choice;
    int asked;
};

static int answer(struct conflict *c, void *ctx)
{
    struct answers *a = ctx;
    a->asked++;
    c->choice = a->choice;
    return 0;
}

static int checkin(struct world *w, enum resolution choice, struct checkin_result *res,
                   struct kv_error *err, int *asked)
{
    struct db *server = ANNA(w), *copy = open_copy(w);
    struct answers a = {choice, 0};
    int rc = offline_checkin(server, copy, answer, &a, FX_NOW, res, err);
    if (asked)
        *asked = a.asked;
    db_close(copy);
    db_close(server);
    return rc;
}

static void the_copy_holds_her_caseload_and_opens_for_her_only(void **state)
{
    struct world *w = *state;
    struct kv_error err;
    checkout(w);
    struct db *cp = open_copy(w);
    assert_int_equal(count(cp, "SELECT count(*) FROM clients"), 2);
    assert_int_equal(count(cp, "SELECT count(*) FROM clients WHERE bsn = '111222333'"), 0);
    assert_int_equal(count(cp, "SELECT count(*) FROM audit"), 0);
    assert_int_equal(cp->hdr->nslots, 1);
    assert_true(cp->offline);
    struct offline_state st;
    assert_int_equal(offline_state(cp, &st, &err), KV_OK);
    assert_true(st.is_copy);
    assert_int_equal(st.pending, 0);
    assert_int_equal(contact(cp, 1), KV_OK);
    assert_int_equal(offline_state(cp, &st, &err), KV_OK);
    assert_int_equal(st.pending, 1);
    db_close(cp);
    struct db *db;
    assert_int_equal(db_open(w->copy, "teun", "teun-wachtwoord", 15, 0, fx_clock, &db, &err),
                     KV_EAUTH);
    assert_int_equal(db_open(w->copy, "anna", "verkeerd-ww", 11, 0, fx_clock, &db, &err), KV_EAUTH);
    /* The server knows it is out; a teamleider has no caseload to take along. */
    db = fx_open_as(&w->fx, "teun", "teun-wachtwoord");
    struct checkout_row *rows;
    size_t n;
    assert_int_equal(offline_list(db, &rows, &n, &err), KV_OK);
    assert_int_equal(n, 1);
    assert_string_equal(rows[0].user, "anna");
    assert_string_equal(rows[0].state, "uit");
    free(rows);
    long id, clients;
    char other[420];
    snprintf(other, sizeof other, "%s/teun.db", w->fx.dir);
    assert_int_equal(offline_checkout(db, other, FX_NOW, &id, &clients, &err), KV_EAUTH);
    db_close(db);
}

static int first_summary(const struct audit_entry *e, void *ctx)
{
    snprintf(ctx, 160, "%s", e->summary);
    return 1;
}

static int attempt_clock(char out[20], struct kv_error *err)
{
    (void)err;
    snprintf(out, 20, "%s", "2026-03-01 07:45:00");
    return KV_OK;
}

/* A failed login on the laptop reaches the server's log under the name that was tried
 * and at the time of the attempt, not as the failure of whoever checks in. Entries the
 * copy's holder wrote into its log by hand, in no form klantvolg writes, are counted
 * and left behind. */
static void failed_logins_in_the_copy_keep_their_name_and_time(void **state)
{
    struct world *w = *state;
    struct kv_error err;
    struct checkin_result res;
    struct db *db;
    checkout(w);
    assert_int_equal(db_open(w->copy, "mallory", "x", 1, 0, attempt_clock, &db, &err), KV_EAUTH);
    struct db *cp = open_copy(w); /* takes the attempt into the copy's log */
    static const struct {
        const char *user, *action;
        long client;
        const char *record, *detail;
    } forged[] = {
        {"tl\nbaas", "aanmelding_mislukt", 0, "",
         "{\"tijd\":\"2026-03-01 07:50:00\",\"reden\":\"onjuist wachtwoord\"}"},
        {"mallory", "aanmelding_mislukt", 0, "",
         "{\"tijd\":\"gisteren\\nStatus: open\",\"reden\":\"onjuist wachtwoord\"}"},
        {"mallory", "aanmelding_mislukt", 0, "",
         "{\"tijd\":\"2026-03-01 07:55:00\",\"reden\":\"status: open -> behaald\"}"},
        {"tl.baas", "aanmelding_mislukt", 1, "",
         "{\"tijd\":\"2026-03-01 07:56:00\",\"reden\":\"onjuist wachtwoord\"}"},
        {"anna", "export", 1, "", "{\"formaat\":\"text\\nGewijzigd: status\"}"},
        {"anna", "inzien", 1, "contacts#1 status: open -> behaald", ""},
    };
    assert_int_equal(db_begin_untracked(cp, &err), KV_OK);
    for (size_t i = 0; i < sizeof forged / sizeof forged[0]; i++)
        assert_int_equal(audit_append_as(cp, forged[i].user, forged[i].action, forged[i].client,
                                         forged[i].record, forged[i].detail, &err),
                         KV_OK);
    assert_int_equal(db_commit_untracked(cp, &err), KV_OK);
    db_close(cp);
    assert_int_equal(checkin(w, RES_NONE, &res, &err, NULL), KV_OK);
    struct db *srv = ANNA(w);
    assert_int_equal(count(srv, "SELECT count(*) FROM audit WHERE action = 'aanmelding_mislukt' "
                                "AND user = 'mallory' AND json_extract(detail, '$.offline_om') = "
                                "'2026-03-01 07:45:00'"),
                     1);
    assert_int_equal(count(srv, "SELECT count(*) FROM audit WHERE action = 'aanmelding_mislukt'"),
                     1);
    assert_int_equal(count(srv, "SELECT count(*) FROM audit WHERE action IN ('inzien', 'export') "
                                "AND detail LIKE '%offline_om%'"),
                     0);
    assert_int_equal(count(srv, "SELECT count(*) FROM audit WHERE action = "
                                "'aanmeldingen_onleesbaar' AND detail = "
                                "'{\"overgeslagen\":6,\"uit\":\"offline kopie\"}'"),
                     1);
    char said[160] = "";
    struct audit_filter f = {.action = "aanmelding_mislukt"};
    assert_int_equal(audit_list(srv, &f, first_summary, said, &err), KV_OK);
    assert_string_equal(said, "offline kopie, 2026-03-01 07:45:00: onbekende gebruiker");
    struct audit_verdict v;
    assert_int_equal(audit_verify(srv, &v, &err), KV_OK);
    assert_int_equal(v.bad_id, 0);
    db_close(srv);
}

static void changes_on_both_sides_come_together(void **state)
{
    struct world *w = *state;
    struct kv_error err;
    struct checkin_result res;
    checkout(w);
    struct db *cp = open_copy(w), *srv = ANNA(w);
    assert_int_equal(contact(cp, 1), KV_OK);
    assert_int_equal(access_open(cp, 2, &err), KV_OK); /* looked at on the train */
    char bsn[10];
    assert_int_equal(clients_full_bsn(cp, 2, bsn, &err), KV_OK); /* the full BSN shown */
    assert_string_equal(bsn, "100000022");
    set_field(cp, 1, "phone", "0612345678");
    set_field(srv, 1, "email", "sanne@example.nl");
    /* A client registered offline, with a contact that refers to it. */
    struct client_in c;
    memset(&c, 0, sizeof c);
    c.bsn = "100000034";
    c.first_name = "Nieuw";
    c.last_name = "Offline";
    c.birth_date = D(1990, 1, 1);
    c.contact_verified_on = c.vrijstelling_until = c.applied_on = c.benefit_start = NO_DATE;
    long fresh;
    assert_int_equal(db_begin(cp, &err), KV_OK);
    assert_int_equal(records_client_add(cp, &c, FX_NOW, &fresh, &err), KV_OK);
    assert_int_equal(assignments_open(cp, fresh, "anna", "klantmanager", D(2026, 3, 1), "", NO_DATE,
                                      FX_NOW, &err),
                     KV_OK);
    assert_int_equal(db_commit(cp, &err), KV_OK);
    assert_int_equal(contact(cp, fresh), KV_OK);
    /* The copy gave it a number that on the server is ben's client. */
    long taken = count(srv, "SELECT id FROM clients WHERE bsn = '111222333'");
    assert_int_equal(taken, fresh);
    db_close(cp);
    db_close(srv);
    int asked;
    assert_int_equal(checkin(w, RES_NONE, &res, &err, &asked), KV_OK);
    assert_int_equal(asked, 0);
    assert_int_equal(res.changesets, 4);
    assert_int_equal(res.conflicts, 0);
    srv = ANNA(w);
    assert_int_equal(count(srv, "SELECT count(*) FROM clients WHERE id = 1 AND phone = "
                                "'0612345678' AND email = 'sanne@example.nl'"),
                     1);
    long moved = count(srv, "SELECT id FROM clients WHERE bsn = '100000034'");
    assert_true(moved != fresh && moved > taken);
    assert_int_equal(count(srv, "SELECT count(*) FROM contacts WHERE client_id = 1"), 1);
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM contacts WHERE client_id = %ld", moved);
    assert_int_equal(count(srv, sql), 1); /* the reference followed */
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM assignments a JOIN users u ON u.id = "
             "a.user_id WHERE a.client_id = %ld AND u.name = 'anna'",
             moved);
    assert_int_equal(count(srv, sql), 1);
    assert_int_equal(count(srv, "SELECT count(*) FROM audit WHERE action = 'checkin' AND "
                                "user = 'anna'"),
                     1);
    assert_int_equal(count(srv, "SELECT count(*) FROM audit WHERE action = 'wijziging' AND "
                                "record LIKE 'contacts#%' AND user = 'anna'"),
                     2);
    assert_int_equal(count(srv, "SELECT count(*) FROM checkouts WHERE state = 'ingecheckt'"), 1);
    /* The open in the copy is in the server's log, with when it happened there. */
    assert_int_equal(count(srv, "SELECT count(*) FROM audit WHERE action = 'inzien' AND "
                                "client_id = 2 AND user = 'anna' AND detail LIKE "
                                "'{\"offline_om\":\"2026-03-01 09:00:00\"}'"),
                     1);
    assert_int_equal(count(srv, "SELECT count(*) FROM audit WHERE action = 'bsn_inzien' AND "
                                "client_id = 2 AND user = 'anna' AND detail = "
                                "'{\"offline_om\":\"2026-03-01 09:00:00\",\"kopie\":{\"veld\":"
                                "\"bsn\"}}'"),
                     1);
    /* audit says where and when it happened. */
    char said[160] = "";
    struct audit_filter f = {.client = 2, .action = "bsn_inzien"};
    assert_int_equal(audit_list(srv, &f, first_summary, said, &err), KV_OK);
    assert_string_equal(said, "offline kopie, 2026-03-01 09:00:00");
    struct audit_verdict v;
    assert_int_equal(audit_verify(srv, &v, &err), KV_OK);
    assert_int_equal(v.bad_id, 0);
    db_close(srv);
    /* Again: nothing new, nothing applied twice. */
    assert_int_equal(checkin(w, RES_NONE, &res, &err, NULL), KV_OK);
    assert_true(res.already);
    srv = ANNA(w);
    assert_int_equal(count(srv, "SELECT count(*) FROM contacts"), 2);
    assert_int_equal(count(srv, "SELECT count(*) FROM audit WHERE action = 'inzien'"), 1);
    assert_int_equal(count(srv, "SELECT count(*) FROM audit WHERE action = 'bsn_inzien'"), 1);
    db_close(srv);
    struct offline_state st;
    cp = open_copy(w);
    assert_int_equal(offline_state(cp, &st, &err), KV_OK);
    assert_int_equal(st.pending, 0);
    db_close(cp);
}

/* notes changed on both sides; the answer decides. */
static void conflict(struct world *w, enum resolution choice, const char *want, int rc_want)
{
    struct kv_error err;
    struct checkin_result res;
    checkout(w);
    struct db *cp = open_copy(w), *srv = ANNA(w);
    set_field(cp, 1, "notes", "laptop");
    assert_int_equal(contact(cp, 1), KV_OK);
    set_field(srv, 1, "notes", "server");
    db_close(cp);
    db_close(srv);
    int asked;
    assert_int_equal(checkin(w, choice, &res, &err, &asked), rc_want);
    assert_int_equal(asked, 1);
    srv = ANNA(w);
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM clients WHERE id = 1 AND notes = %s", want);
    assert_int_equal(count(srv, sql), 1);
    /* With the conflict left open, nothing at all was applied, the contact neither. */
    assert_int_equal(count(srv, "SELECT count(*) FROM contacts"), rc_want == KV_OK ? 1 : 0);
    db_close(srv);
}

static void a_conflict_kept_mine(void **state)
{
    conflict(*state, RES_MINE, "'laptop'", KV_OK);
}

static void a_conflict_kept_theirs(void **state)
{
    conflict(*state, RES_THEIRS, "'server'", KV_OK);
}

static void a_conflict_merged(void **state)
{
    conflict(*state, RES_MERGE, "'server' || char(10) || '[offline:] laptop'", KV_OK);
}

static void a_conflict_left_open_applies_nothing(void **state)
{
    conflict(*state, RES_NONE, "'server'", KV_ECONFLICT);
}

static void foreign_revoked_and_damaged_copies_are_refused(void **state)
{
    struct world *w = *state;
    struct kv_error err;
    struct checkin_result res;
    checkout(w);
    struct db *cp = open_copy(w);
    assert_int_equal(contact(cp, 1), KV_OK);
    db_close(cp);
    /* Another database with the same users: its copy is not ours. */
    struct fixture other;
    fx_init(&other);
    fx_create(&other);
    make_server(&other);
    struct db *odb = fx_open_as(&other, "anna", "anna-wachtwoord");
    char ocopy[420];
    long id, clients;
    snprintf(ocopy, sizeof ocopy, "%s/other.db", other.dir);
    assert_int_equal(offline_checkout(odb, ocopy, FX_NOW, &id, &clients, &err), KV_OK);
    db_close(odb);
    struct db *srv = ANNA(w), *foreign;
    assert_int_equal(db_open(ocopy, "anna", "anna-wachtwoord", 15, 0, fx_clock, &foreign, &err),
                     KV_OK);
    assert_int_equal(offline_checkin(srv, foreign, answer, NULL, FX_NOW, &res, &err), KV_EDAMAGED);
    assert_non_null(strstr(err.msg, "andere database"));
    db_close(foreign);
    fx_cleanup(&other);
    /* A damaged copy: one byte of a page. */
    char spare[420];
    snprintf(spare, sizeof spare, "%s/spare.db", w->fx.dir);
    size_t len;
    unsigned char *raw = fx_read_file(w->copy, &len);
    fx_write_file(spare, raw, len);
    free(raw);
    fx_flip_byte(w->copy, (long)len - 3000);
    struct db *bad = NULL;
    /* Refused when it is opened (a page the open reads) or at the checkin's full check. */
    int rc = db_open(w->copy, "anna", "anna-wachtwoord", 15, 0, fx_clock, &bad, &err);
    if (rc == KV_OK)
        rc = offline_checkin(srv, bad, answer, NULL, FX_NOW, &res, &err);
    assert_int_equal(rc, KV_EDAMAGED);
    db_close(bad);
    assert_int_equal(count(srv, "SELECT count(*) FROM contacts"), 0);
    /* The sound copy, after its checkout was revoked. */
    rename(spare, w->copy);
    assert_int_equal(offline_revoke(srv, 1, FX_NOW, &err), KV_OK);
    assert_int_equal(checkin(w, RES_NONE, &res, &err, NULL), KV_EAUTH);
    assert_non_null(strstr(err.msg, "ingetrokken"));
    assert_int_equal(count(srv, "SELECT count(*) FROM contacts"), 0);
    assert_int_equal(count(srv, "SELECT count(*) FROM audit WHERE action = "
                                "'checkout_ingetrokken'"),
                     1);
    db_close(srv);
}

/* ---- the copy is neither at --to nor openable before it is pruned ---------------------- */

/* Watches the checkout from inside SQLite: every connection to a temporary copy gets an
 * authorizer that, when the prune deletes the server's log, notes the file, whether --to
 * exists yet, and what that file holds then (what a crash at that moment leaves); it can
 * refuse that delete, to make the prune fail. */
static struct {
    const char *dest;
    char seen[512];
    int dest_existed, fail;
    unsigned char *snapshot;
    size_t len;
} spy;

static int spy_auth(void *ctx, int action, const char *a, const char *b, const char *c,
                    const char *d)
{
    (void)b, (void)c, (void)d;
    if (action != SQLITE_DELETE || a == NULL || strcmp(a, "audit") != 0)
        return SQLITE_OK;
    const char *file = sqlite3_db_filename(ctx, "main");
    snprintf(spy.seen, sizeof spy.seen, "%s", file ? file : "");
    spy.dest_existed = access(spy.dest, F_OK) == 0;
    free(spy.snapshot);
    spy.snapshot = fx_read_file(spy.seen, &spy.len);
    return spy.fail ? SQLITE_DENY : SQLITE_OK;
}

static int spy_init(sqlite3 *db, char **msg, const struct sqlite3_api_routines *api)
{
    (void)msg, (void)api;
    const char *file = sqlite3_db_filename(db, "main");
    if (file != NULL && strstr(file, ".new-") != NULL)
        sqlite3_set_authorizer(db, spy_auth, db);
    return SQLITE_OK;
}

static void spy_on(struct world *w, int fail)
{
    free(spy.snapshot);
    memset(&spy, 0, sizeof spy);
    spy.dest = w->copy;
    spy.fail = fail;
    sqlite3_auto_extension((void (*)(void))spy_init);
}

static void spy_off(void)
{
    sqlite3_cancel_auto_extension((void (*)(void))spy_init);
    free(spy.snapshot);
    spy.snapshot = NULL;
}

static void a_checkout_is_pruned_before_it_is_at_its_place_or_opens(void **state)
{
    struct world *w = *state;
    struct kv_error err;
    spy_on(w, 0);
    checkout(w);
    /* The prune ran in a temporary file beside --to while --to did not exist. */
    char prefix[420];
    snprintf(prefix, sizeof prefix, "%s.new-", w->copy);
    assert_int_equal(strncmp(spy.seen, prefix, strlen(prefix)), 0);
    assert_false(spy.dest_existed);
    assert_int_not_equal(access(spy.seen, F_OK), 0); /* gone once in place */
    struct stat st;
    assert_int_equal(stat(w->copy, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    /* What a crash during the prune would leave: every client, but no key slot. */
    char crashed[420];
    snprintf(crashed, sizeof crashed, "%s/crashed.db", w->fx.dir);
    assert_non_null(spy.snapshot);
    fx_write_file(crashed, spy.snapshot, spy.len);
    struct db *db;
    assert_int_equal(db_open(crashed, "anna", "anna-wachtwoord", 15, 0, fx_clock, &db, &err),
                     KV_EAUTH);
    spy_off();
    /* A prune that fails: no copy at --to, no temporary file, no checkout. */
    unlink(w->copy);
    spy_on(w, 1);
    long id, clients;
    db = ANNA(w);
    assert_int_not_equal(offline_checkout(db, w->copy, FX_NOW, &id, &clients, &err), KV_OK);
    assert_true(spy.seen[0] != '\0');
    assert_int_not_equal(access(spy.seen, F_OK), 0);
    assert_int_not_equal(access(w->copy, F_OK), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM checkouts WHERE state <> 'uit'"), 0);
    db_close(db);
    spy_off();
}

/* ---- a copy carrying a changeset made by hand ------------------------------------------ */

/* The attacker's tool: a plain SQLite database with the server's tables, holding copies
 * of the server rows she means to change (so the old values match), a session over what
 * she then does, and the changeset planted in the copy as if the application had kept
 * it. Her passphrase opens the copy, so nothing stops her writing offline_changes. */
struct forge {
    sqlite3 *db;
    sqlite3_session *s;
};

static void forge_table(struct forge *f, struct db *server, const char *table)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(server->sql,
                                        "SELECT sql FROM sqlite_master WHERE "
                                        "type = 'table' AND name = ?1",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(
        sqlite3_exec(f->db, (const char *)sqlite3_column_text(st, 0), NULL, NULL, NULL), SQLITE_OK);
    sqlite3_finalize(st);
}

/* Copy the server's rows of table matching where into the forge, untracked. */
static void forge_copy(struct forge *f, struct db *server, const char *table, const char *where)
{
    char *sql = sqlite3_mprintf("SELECT * FROM \"%w\" WHERE %s", table, where);
    sqlite3_stmt *st, *ins;
    assert_int_equal(sqlite3_prepare_v2(server->sql, sql, -1, &st, NULL), SQLITE_OK);
    sqlite3_free(sql);
    int n = sqlite3_column_count(st);
    sqlite3_str *q = sqlite3_str_new(f->db);
    sqlite3_str_appendf(q, "INSERT INTO \"%w\" VALUES (", table);
    for (int i = 0; i < n; i++)
        sqlite3_str_appendall(q, i ? ", ?" : "?");
    sqlite3_str_appendchar(q, 1, ')');
    sql = sqlite3_str_finish(q);
    assert_int_equal(sqlite3_prepare_v2(f->db, sql, -1, &ins, NULL), SQLITE_OK);
    sqlite3_free(sql);
    while (sqlite3_step(st) == SQLITE_ROW) {
        for (int i = 0; i < n; i++)
            sqlite3_bind_value(ins, i + 1, sqlite3_column_value(st, i));
        assert_int_equal(sqlite3_step(ins), SQLITE_DONE);
        sqlite3_reset(ins);
    }
    sqlite3_finalize(ins);
    sqlite3_finalize(st);
}

static void forge_open(struct forge *f, struct db *server)
{
    static const char *const tables[] = {"clients", "assignments", "contacts", "reminders"};
    assert_int_equal(sqlite3_open(":memory:", &f->db), SQLITE_OK);
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
        forge_table(f, server, tables[i]);
}

static void forge_track(struct forge *f)
{
    assert_int_equal(sqlite3session_create(f->db, "main", &f->s), SQLITE_OK);
    assert_int_equal(sqlite3session_attach(f->s, NULL), SQLITE_OK);
}

static void forge_exec(struct forge *f, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(f->db, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", sql, msg);
}

/* The changeset into the copy's offline_changes, and the forge closed. */
static void forge_plant(struct forge *f, struct world *w)
{
    int n;
    void *set;
    assert_int_equal(sqlite3session_changeset(f->s, &n, &set), SQLITE_OK);
    assert_true(n > 0);
    struct db *cp = open_copy(w);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(cp->sql,
                                        "INSERT INTO offline_changes (at, changes, "
                                        "changeset) VALUES ('2026-03-01 10:00:00', 1, ?1)",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_blob(st, 1, set, n, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    db_close(cp);
    sqlite3_free(set);
    sqlite3session_delete(f->s);
    sqlite3_close(f->db);
}

/* A contact on the server, as its caseworker writes it. */
static long server_contact(struct world *w, const char *user, const char *pass, long client)
{
    struct db *db = fx_open_as(&w->fx, user, pass);
    assert_int_equal(contact(db, client), KV_OK);
    long id = fx_int(db, "SELECT max(id) FROM contacts");
    db_close(db);
    return id;
}

/* Nothing of the checkin reached the server: the given query still counts want, no
 * change entry by anna, the checkout still out. */
static void nothing_applied(struct world *w, const char *sql, long want)
{
    struct db *srv = ANNA(w);
    assert_int_equal(count(srv, sql), want);
    assert_int_equal(count(srv, "SELECT count(*) FROM audit WHERE user = 'anna' AND action IN "
                                "('wijziging', 'checkin')"),
                     0);
    assert_int_equal(count(srv, "SELECT count(*) FROM checkouts WHERE state = 'uit'"), 1);
    db_close(srv);
}

/* ben's client 3 assigned to anna, and a contact added to it on the strength of that. */
static void a_copy_cannot_assign_itself_another_caseworkers_client(void **state)
{
    struct world *w = *state;
    struct kv_error err;
    struct checkin_result res;
    checkout(w);
    struct db *srv = ANNA(w);
    long anna = srv->user_id;
    struct forge f;
    forge_open(&f, srv);
    db_close(srv);
    forge_track(&f);
    char sql[400];
    snprintf(sql, sizeof sql,
             "INSERT INTO assignments (id, client_id, user_id, role_in_case, "
             "from_date, handover_note, created_at, updated_at, updated_by) VALUES (900, 3, %ld, "
             "'klantmanager', '2026-03-01', '', '2026-03-01 10:00:00', '2026-03-01 10:00:00', "
             "'anna')",
             anna);
    forge_exec(&f, sql);
    forge_exec(&f, "INSERT INTO contacts (id, client_id, date, channel, participants, summary, "
                   "created_at, updated_at, updated_by) VALUES (900, 3, '2026-03-01', 'gesprek', "
                   "'', 'Overgenomen', '2026-03-01 10:00:00', '2026-03-01 10:00:00', 'anna')");
    forge_plant(&f, w);
    assert_int_equal(checkin(w, RES_NONE, &res, &err, NULL), KV_EAUTH);
    assert_non_null(strstr(err.msg, "geweigerd: assignments#900 toevoegen"));
    assert_non_null(strstr(err.msg, "niets ingecheckt"));
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM assignments WHERE client_id = 3 AND "
             "user_id = %ld",
             anna);
    nothing_applied(w, sql, 0);
    nothing_applied(w, "SELECT count(*) FROM contacts", 0);
}

/* A contact of ben's client 3 moved to anna's client 1: the new client is hers, the old
 * one is not. */
static void a_copy_cannot_move_a_record_from_another_client(void **state)
{
    struct world *w = *state;
    struct kv_error err;
    struct checkin_result res;
    long theirs = server_contact(w, "ben", "ben-wachtwoord", 3);
    checkout(w);
    struct db *srv = ANNA(w);
    struct forge f;
    forge_open(&f, srv);
    char where[40];
    snprintf(where, sizeof where, "id = %ld", theirs);
    forge_copy(&f, srv, "contacts", where);
    db_close(srv);
    forge_track(&f);
    char sql[120];
    snprintf(sql, sizeof sql, "UPDATE contacts SET client_id = 1 WHERE id = %ld", theirs);
    forge_exec(&f, sql);
    forge_plant(&f, w);
    assert_int_equal(checkin(w, RES_NONE, &res, &err, NULL), KV_EAUTH);
    char label[40];
    snprintf(label, sizeof label, "contacts#%ld wijzigen", theirs);
    assert_non_null(strstr(err.msg, label));
    assert_non_null(strstr(err.msg, "Klant 3 hoort niet bij uw klanten"));
    nothing_applied(w, "SELECT count(*) FROM contacts WHERE client_id = 3", 1);
}

/* A client registered in the copy takes the next number there, which on the server may
 * be someone else's client: it must not make that client's records hers. Here the copy
 * registers "client 3" and changes a contact of client 3, which on the server is ben's. */
static void a_copy_cannot_borrow_a_number_of_another_caseworkers_client(void **state)
{
    struct world *w = *state;
    struct kv_error err;
    struct checkin_result res;
    long theirs = server_contact(w, "ben", "ben-wachtwoord", 3);
    checkout(w);
    struct db *srv = ANNA(w);
    struct forge f;
    forge_open(&f, srv);
    forge_copy(&f, srv, "clients", "id = 1");
    char where[40];
    snprintf(where, sizeof where, "id = %ld", theirs);
    forge_copy(&f, srv, "contacts", where);
    db_close(srv);
    forge_exec(&f, "CREATE TEMP TABLE t AS SELECT * FROM clients WHERE id = 1; UPDATE t SET "
                   "id = 3, bsn = '100000058'");
    forge_track(&f);
    char sql[200];
    snprintf(sql, sizeof sql,
             "INSERT INTO clients SELECT * FROM t; UPDATE contacts SET "
             "summary = 'Gewijzigd' WHERE id = %ld",
             theirs);
    forge_exec(&f, sql);
    forge_plant(&f, w);
    assert_int_equal(checkin(w, RES_NONE, &res, &err, NULL), KV_EAUTH);
    assert_non_null(strstr(err.msg, "Klant 3 hoort niet bij uw klanten"));
    assert_non_null(strstr(err.msg, "niets ingecheckt")); /* judged before applying */
    nothing_applied(w,
                    "SELECT count(*) FROM contacts WHERE summary = 'Gewijzigd' OR client_id "
                    "IN (SELECT id FROM clients WHERE bsn = '100000058')",
                    0);
}

/* cor's whole dossier (client 4: the client, its assignment, a contact, a reminder)
 * deleted. The records name their client in their old values; that client is gone by
 * the end of the transaction, which is what let the deletion through before. */
static void a_copy_cannot_delete_a_third_caseworkers_dossier(void **state)
{
    struct world *w = *state;
    struct kv_error err;
    struct checkin_result res;
    struct db *db = fx_open(&w->fx);
    struct new_user cor = {"cor", "Cor", ROLE_KLANTMANAGER, ""};
    assert_int_equal(keys_user_add(db, &cor, "cor-wachtwoord", 14, &KDF_TEST_MIN, FX_NOW, &err),
                     KV_OK);
    assert_int_equal(db_begin_bulk(db, "fixture", &err), KV_OK);
    add_client(db, "100000046", "Derksen", "cor");
    assert_int_equal(records_reminder_add(db, 4, D(2026, 4, 1), "Bellen", NO_DATE, FX_NOW, &err),
                     KV_OK);
    assert_int_equal(db_commit(db, &err), KV_OK);
    db_close(db);
    server_contact(w, "cor", "cor-wachtwoord", 4);
    checkout(w);
    struct db *srv = ANNA(w);
    struct forge f;
    forge_open(&f, srv);
    static const char *const tables[] = {"clients", "assignments", "contacts", "reminders"};
    for (size_t i = 0; i < 4; i++)
        forge_copy(&f, srv, tables[i], i ? "client_id = 4" : "id = 4");
    db_close(srv);
    forge_track(&f);
    forge_exec(&f, "DELETE FROM reminders; DELETE FROM contacts; DELETE FROM assignments; "
                   "DELETE FROM clients");
    forge_plant(&f, w);
    assert_int_equal(checkin(w, RES_NONE, &res, &err, NULL), KV_EAUTH);
    assert_non_null(strstr(err.msg, "verwijderen"));
    assert_non_null(strstr(err.msg, "niets ingecheckt"));
    nothing_applied(w,
                    "SELECT (SELECT count(*) FROM clients WHERE id = 4) + (SELECT count(*) "
                    "FROM contacts WHERE client_id = 4) + (SELECT count(*) FROM reminders "
                    "WHERE client_id = 4) + (SELECT count(*) FROM assignments WHERE "
                    "client_id = 4)",
                    4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(the_copy_holds_her_caseload_and_opens_for_her_only, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(changes_on_both_sides_come_together, setup, teardown),
        cmocka_unit_test_setup_teardown(failed_logins_in_the_copy_keep_their_name_and_time, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_conflict_kept_mine, setup, teardown),
        cmocka_unit_test_setup_teardown(a_conflict_kept_theirs, setup, teardown),
        cmocka_unit_test_setup_teardown(a_conflict_merged, setup, teardown),
        cmocka_unit_test_setup_teardown(a_conflict_left_open_applies_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(foreign_revoked_and_damaged_copies_are_refused, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_checkout_is_pruned_before_it_is_at_its_place_or_opens,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(a_copy_cannot_assign_itself_another_caseworkers_client,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(a_copy_cannot_move_a_record_from_another_client, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_copy_cannot_borrow_a_number_of_another_caseworkers_client,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(a_copy_cannot_delete_a_third_caseworkers_dossier, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
