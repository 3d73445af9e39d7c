/* The client record: the status derived from the records (a table worked by hand), the
 * three classifications each with their own history, the migration that sorts existing
 * classifications onto their axis, and corrections of client fields with the old and new
 * value in the audit log. */
#include "core/date.h"
#include "core/status.h"
#include "storage/audit.h"
#include "storage/caseload.h"
#include "storage/clients.h"
#include "storage/keys.h"
#include "storage/records.h"
#include "storage/intakes.h"
#include "storage/outflows.h"
#include "storage/nazorg.h"
#include "storage/assignments.h"
#include "storage/schema.h"
#include "storage/txn.h"
#include "tests/unit/fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

static long D(int y, int m, int d)
{
    return date_days(y, m, d);
}

#define N NO_DATE

/* Today 1-3-2026. Each row: the facts and the status they give. */
static void the_status_follows_the_case(void **state)
{
    (void)state;
    long t = D(2026, 3, 1);
    static const struct {
        struct status_facts f;
        enum client_status want;
        const char *why;
    } rows[] = {
        {{N, 0, N, N, N, 0, N, N}, CS_AANMELDING, "registered, nothing else"},
        {{N, 0, 20470, N, N, 0, N, N}, CS_ACTIEF, "an intake on 17-1-2026"},
        {{N, 0, 20520, N, N, 0, N, N}, CS_AANMELDING, "an intake dated 8-3-2026, after today"},
        {{N, 1, N, N, N, 0, N, N}, CS_ACTIEF, "came in active (import)"},
        {{N, 0, 20470, 20520, N, 0, N, N}, CS_ACTIEF, "an outflow dated after today"},
        {{N, 0, 20470, 20480, N, 0, N, N}, CS_UITGESTROOMD, "outflow 27-1-2026, no nazorg"},
        {{N, 0, 20470, 20480, N, 1, N, N}, CS_ACTIEF, "a partial outflow"},
        {{N, 0, 20470, 20480, N, 0, 20480, 20662}, CS_NAZORG, "nazorg 27-1 to 28-7-2026"},
        {{N, 0, 20470, 20480, N, 0, 20480, N}, CS_NAZORG, "nazorg without an end"},
        {{N, 0, 20470, 20300, N, 0, 20300, 20480}, CS_UITGESTROOMD, "nazorg ended 27-1-2026"},
        {{N, 0, 20470, 20480, 20530, 0, 20480, 20662}, CS_NAZORG, "a return dated after today"},
        {{N, 0, 20470, 20300, 20480, 0, 20300, 20400}, CS_TERUG, "returned 27-1-2026"},
        {{N, 0, 20490, 20300, 20480, 0, N, N}, CS_ACTIEF, "an intake 6-2-2026, after the return"},
        {{20480, 0, 20470, N, N, 0, N, N}, CS_AFGESLOTEN, "closed 27-1-2026"},
        {{20480, 0, 20470, 20300, N, 0, 20300, N}, CS_AFGESLOTEN, "closed wins over nazorg"},
        {{20520, 0, 20470, N, N, 0, N, N}, CS_ACTIEF, "a close dated after today"},
    };
    assert_int_equal(t, 20513);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        if (status_derive(&rows[i].f, t) != rows[i].want)
            fail_msg("%s: %s, not %s", rows[i].why, status_code(status_derive(&rows[i].f, t)),
                     status_code(rows[i].want));
    }
    enum client_status s;
    assert_int_equal(status_parse("terug", &s), 0);
    assert_int_equal(s, CS_TERUG);
    assert_int_equal(status_parse("weg", &s), -1);
    assert_string_equal(status_label(CS_TERUG), "Terug in de uitkering");
}

static int setup(void **state)
{
    fx_setup_created(state);
    struct fixture *fx = *state;
    struct kv_error err;
    fx->clock = fx_clock;
    struct db *db = fx_open(fx);
    struct new_user km = {"anna", "Anna de Wit", ROLE_KLANTMANAGER, "Werk"};
    assert_int_equal(keys_user_add(db, &km, "anna-wachtwoord", 15, &KDF_TEST_MIN, FX_NOW, &err),
                     KV_OK);
    long id;
    assert_int_equal(db_begin_bulk(db, "fixture", &err), KV_OK);
    struct client_in c = {.bsn = "123456782",
                          .first_name = "Sanne",
                          .last_name = "Ölçer",
                          .birth_date = D(1980, 5, 4),
                          .contact_verified_on = N,
                          .applied_on = D(2025, 1, 6),
                          .benefit_start = D(2025, 1, 20),
                          .vrijstelling_until = N,
                          .street = "Molenstraat",
                          .house_number = "3",
                          .postcode = "7271 AB",
                          .city = "Borculo"};
    assert_int_equal(records_client_add(db, &c, FX_NOW, &id, &err), KV_OK);
    assert_int_equal(
        assignments_open(db, id, "anna", "klantmanager", D(2025, 1, 6), "", N, FX_NOW, &err),
        KV_OK);
    assert_int_equal(db_commit(db, &err), KV_OK);
    db_close(db);
    return 0;
}

static struct db *anna(struct fixture *fx)
{
    struct db *db = fx_open_as(fx, "anna", "anna-wachtwoord");
    db->today = D(2026, 3, 1); /* the status is derived for the day the caller says */
    return db;
}

static enum client_status status_of(struct db *db)
{
    struct kv_error err;
    enum client_status s = CS_COUNT;
    assert_int_equal(clients_status(db, 1, &s, &err), KV_OK);
    return s;
}

/* The status through storage, as every reader gets it: intake, outflow with nazorg, a
 * return, a close. */
static void storage_derives_the_status_from_the_records(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct db *db = anna(fx);
    long out, iid;
    assert_int_equal(status_of(db), CS_AANMELDING);
    assert_int_equal(db_begin(db, &err), KV_OK);
    struct intake_in in = {.client = 1,
                           .date = D(2025, 1, 20),
                           .classification = "werk",
                           .classification_motivation = "Kort van de arbeidsmarkt"};
    assert_int_equal(intakes_add(db, &in, FX_NOW, &iid, &err), KV_OK);
    assert_int_equal(db_commit(db, &err), KV_OK);
    assert_int_equal(status_of(db), CS_ACTIEF);
    assert_int_equal(db_begin(db, &err), KV_OK);
    struct outflow_in o = {1, D(2026, 2, 2), "werk", "PostNL", "tijdelijk", N, 32, 0, "", 0};
    assert_int_equal(outflows_add(db, &o, FX_NOW, &out, &err), KV_OK);
    assert_int_equal(nazorg_add(db, 1, out, D(2026, 2, 2), D(2026, 8, 2), 1, 30, FX_NOW, &err),
                     KV_OK);
    assert_int_equal(db_commit(db, &err), KV_OK);
    assert_int_equal(status_of(db), CS_NAZORG);
    struct caseload *cl;
    assert_int_equal(caseload_load(db, SCOPE_MINE, &cl, &err), KV_OK);
    assert_int_equal(cl->files[0].client.status, CS_NAZORG); /* the loader agrees */
    caseload_free(cl);
    db_close(db);
    db = fx_open(fx); /* a return is recorded in the outflow (as an import brings it) */
    fx_exec(db, "UPDATE outflows SET returned_on = '2026-02-20'");
    db_close(db);
    db = anna(fx);
    assert_int_equal(status_of(db), CS_TERUG);
    assert_int_equal(db_begin(db, &err), KV_OK);
    assert_int_equal(records_client_close(db, 1, D(2026, 2, 27), D(2026, 3, 1), FX_NOW, &err),
                     KV_OK);
    assert_int_equal(db_commit(db, &err), KV_OK);
    assert_int_equal(status_of(db), CS_AFGESLOTEN);
    db_close(db);
}

/* Indeling, trede and Werkfit each keep their own latest value and history; a code is
 * refused on the wrong axis. */
static void each_classification_has_its_own_history(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    long iid;
    struct db *db = anna(fx);
    assert_int_equal(db_begin(db, &err), KV_OK);
    struct intake_in in = {.client = 1,
                           .date = D(2025, 1, 20),
                           .classification = "perspectief",
                           .trede = "trede2",
                           .werkfit = "b2",
                           .classification_motivation = "Eerst taal en ritme"};
    /* A trede or Werkfit conclusion without its own motivation is refused, naming it. */
    assert_int_equal(intakes_add(db, &in, FX_NOW, &iid, &err), KV_EUSAGE);
    assert_non_null(strstr(err.msg, "trede"));
    in.trede_motivation = "Gaat naar de buurtkamer";
    assert_int_equal(intakes_add(db, &in, FX_NOW, &iid, &err), KV_EUSAGE);
    assert_non_null(strstr(err.msg, "Werkfit"));
    in.werkfit_motivation = "Werkfit-toets: eerst taal";
    assert_int_equal(intakes_add(db, &in, FX_NOW, &iid, &err), KV_OK);
    /* The intake keeps what it set on each axis, each with its motivation. */
    assert_int_equal(fx_int(db,
                            "SELECT count(*) FROM intakes WHERE trede = 'trede2' AND "
                            "trede_motivation = 'Gaat naar de buurtkamer' AND werkfit = 'b2' AND "
                            "werkfit_motivation = 'Werkfit-toets: eerst taal' AND "
                            "classification_motivation = 'Eerst taal en ritme'"),
                     1);
    assert_int_equal(records_classify(db, 1, "trede", D(2025, 7, 1), "trede3", "Vrijwilligerswerk",
                                      FX_NOW, &err),
                     KV_OK);
    assert_int_equal(
        records_classify(db, 1, NULL, D(2025, 12, 1), "trede4", "Werkervaringsplek", FX_NOW, &err),
        KV_OK); /* the axis from the code */
    assert_int_equal(records_classify(db, 1, "trede", D(2025, 12, 1), "werk", "", FX_NOW, &err),
                     KV_EUSAGE);
    assert_non_null(strstr(err.msg, "'werk'"));
    assert_int_equal(db_commit(db, &err), KV_OK);
    struct client_class k[AXIS_COUNT];
    assert_int_equal(clients_classes(db, 1, k, &err), KV_OK);
    assert_string_equal(k[AXIS_INDELING].code, "perspectief");
    assert_string_equal(k[AXIS_TREDE].code, "trede4");
    assert_string_equal(k[AXIS_TREDE].date, "2025-12-01");
    assert_string_equal(k[AXIS_TREDE].by, "anna");
    assert_string_equal(k[AXIS_WERKFIT].code, "b2");
    assert_string_equal(k[AXIS_WERKFIT].motivation, "Werkfit-toets: eerst taal");
    assert_string_equal(k[AXIS_WERKFIT].date, "2025-01-20");
    assert_string_equal(k[AXIS_INDELING].motivation, "Eerst taal en ritme");
    assert_int_equal(fx_int(db, "SELECT count(*) FROM classifications WHERE axis = 'trede'"), 3);
    struct caseload *cl; /* the kind of caseload is the indeling, not the latest of all */
    assert_int_equal(caseload_load(db, SCOPE_MINE, &cl, &err), KV_OK);
    assert_string_equal(cl->clients[0].classification, "perspectief");
    assert_string_equal(cl->files[0].client.trede, "trede4");
    caseload_free(cl);
    db_close(db);
}

/* The latest schema version on which sql (naming what a migration added) does not
 * prepare: the file just before that migration, whatever migrations came after it. */
static int version_without(const char *sql)
{
    char *msg = NULL;
    int before = schema_latest() - 1;
    while (before > 0) {
        sqlite3 *probe;
        assert_int_equal(sqlite3_open(":memory:", &probe), SQLITE_OK);
        assert_int_equal(schema_migrate(probe, before, &msg), SQLITE_OK);
        sqlite3_stmt *st;
        int has = sqlite3_prepare_v2(probe, sql, -1, &st, NULL) == SQLITE_OK;
        sqlite3_finalize(st);
        sqlite3_close(probe);
        if (!has)
            break;
        before--;
    }
    return before;
}

/* A file from before the axes: its one list sorted onto the three. */
static void the_migration_puts_each_classification_on_its_axis(void **state)
{
    (void)state;
    sqlite3 *db;
    char *msg = NULL;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    int before = version_without("SELECT axis FROM classifications");
    assert_int_equal(schema_migrate(db, before, &msg), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(
            db,
            "INSERT INTO clients (id, bsn, first_name, last_name, address, created_at, updated_at, "
            "updated_by) VALUES (1, '123456782', 'A', 'B', 'Molenstraat 3, Borculo', 'x', 'x', "
            "'x');"
            "INSERT INTO classifications (client_id, date, code, created_at, updated_at, "
            "updated_by)"
            " VALUES (1, '2025-01-01', 'trede2', 'x', 'x', 'x'), (1, '2025-01-01', 'meedoen', 'x', "
            "'x', 'x'), (1, '2025-01-01', 'activering', 'x', 'x', 'x');",
            NULL, NULL, &msg),
        SQLITE_OK);
    assert_int_equal(schema_migrate(db, schema_latest(), &msg), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT group_concat(code || '=' || axis, ' ') FROM "
                                        "(SELECT code, axis FROM classifications ORDER BY id)",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0),
                        "trede2=trede meedoen=indeling activering=werkfit");
    sqlite3_finalize(st);
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT street || '|' || address || '|' || "
                                        "(SELECT count(*) FROM catalogue WHERE kind = 'trede') "
                                        "FROM clients",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "Molenstraat 3, Borculo||6");
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static const char *one_text(sqlite3 *db, const char *sql, char *out, size_t n)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return out;
}

/* A file from before each axis had its own motivation in the intake: the intake takes its
 * trede and Werkfit (with the motivation they were written with) from the classifications
 * of its day, and the municipalities the file names start the gemeente catalogue. */
static void the_migration_gives_the_intake_its_trede_and_werkfit(void **state)
{
    (void)state;
    sqlite3 *db;
    char *msg = NULL, got[200];
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    assert_int_equal(schema_migrate(db, version_without("SELECT trede FROM intakes"), &msg),
                     SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(
            db,
            "INSERT INTO clients (id, bsn, first_name, last_name, municipality, created_at, "
            "updated_at, updated_by) VALUES (1, '123456782', 'A', 'B', 'Berkelland', 'x', 'x', "
            "'x'),"
            " (2, '111222333', 'C', 'D', 'Oost Gelre', 'x', 'x', 'x');"
            "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES "
            "('gemeente', 'Berkelland', 'x', 'x', 'x');"
            "INSERT INTO intakes (client_id, date, classification, classification_motivation, "
            "created_at, updated_at, updated_by) VALUES (1, '2025-01-01', 'meedoen', 'gedeeld', "
            "'x', 'x', 'x'), (1, '2025-09-01', 'meedoen', 'later', 'x', 'x', 'x');"
            "INSERT INTO classifications (client_id, axis, date, code, motivation, created_at, "
            "updated_at, updated_by) VALUES (1, 'trede', '2025-01-01', 'trede2', 'gedeeld', 'x', "
            "'x', 'x'), (1, 'werkfit', '2025-01-01', 'activering', 'gedeeld', 'x', 'x', 'x'), "
            "(1, 'trede', '2025-05-01', 'trede3', 'stap', 'x', 'x', 'x');",
            NULL, NULL, &msg),
        SQLITE_OK);
    assert_int_equal(schema_migrate(db, schema_latest(), &msg), SQLITE_OK);
    assert_string_equal(one_text(db,
                                 "SELECT group_concat(date || ':' || trede || '/' || "
                                 "trede_motivation || '/' || werkfit || '/' || "
                                 "werkfit_motivation, ' ') FROM (SELECT * FROM intakes ORDER BY "
                                 "date)",
                                 got, sizeof got),
                        "2025-01-01:trede2/gedeeld/activering/gedeeld 2025-09-01:///");
    assert_string_equal(one_text(db,
                                 "SELECT group_concat(code || '=' || label, ',') FROM "
                                 "(SELECT code, label FROM catalogue WHERE kind = 'gemeente' "
                                 "ORDER BY code)",
                                 got, sizeof got),
                        "berkelland=Berkelland,oost_gelre=Oost Gelre");
    sqlite3_close(db);
}

static void field(struct client_change *c, const char *name, const char *value)
{
    c->field = client_field_find(name);
    assert_non_null(c->field);
    c->value = value;
}

/* Corrections: checked per kind, all or nothing, from the version read; the audit log
 * holds old and new. */
static void a_correction_is_checked_and_audited_with_old_and_new(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct db *db = anna(fx);
    struct client_change ch[4];
    struct client_values v;
    assert_int_equal(clients_values(db, 1, &v, &err), KV_OK);
    field(&ch[0], "straat", "Dorpsstraat");
    field(&ch[1], "postcode", "7271ac");
    field(&ch[2], "arbeidsverplichting", "vrijgesteld");
    field(&ch[3], "vrijstelling-tot", "1-9-2026");
    assert_int_equal(db_begin(db, &err), KV_OK);
    assert_int_equal(clients_update(db, 1, v.version, ch, 4, FX_NOW, NULL, &err), KV_OK);
    assert_int_equal(db_commit(db, &err), KV_OK);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM clients WHERE street = 'Dorpsstraat' AND "
                                "postcode = '7271 AC' AND vrijstelling_until = '2026-09-01'"),
                     1);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM audit WHERE action = 'wijziging' AND "
                                "json_extract(detail, '$.old.street') = 'Molenstraat' AND "
                                "json_extract(detail, '$.new.street') = 'Dorpsstraat' AND "
                                "json_extract(detail, '$.old.postcode') = '7271 AB'"),
                     1);
    /* The version read before is stale now: a conflict naming who changed it. */
    field(&ch[0], "woonplaats", "Eibergen");
    assert_int_equal(db_begin(db, &err), KV_OK);
    assert_int_equal(clients_update(db, 1, v.version, ch, 1, FX_NOW, NULL, &err), KV_ECONFLICT);
    assert_non_null(strstr(err.msg, "anna"));
    db_rollback(db);
    /* A bad value names its field; nothing of the call is kept. */
    field(&ch[0], "woonplaats", "Eibergen");
    field(&ch[1], "postcode", "72711");
    assert_int_equal(db_begin(db, &err), KV_OK);
    assert_int_equal(clients_update(db, 1, 0, ch, 2, FX_NOW, NULL, &err), KV_EUSAGE);
    assert_non_null(strstr(err.msg, "Postcode"));
    field(&ch[1], "geboortedatum", "31-2-1980");
    assert_int_equal(clients_update(db, 1, 0, ch, 2, FX_NOW, NULL, &err), KV_EUSAGE);
    assert_non_null(strstr(err.msg, "Geboortedatum"));
    field(&ch[1], "arbeidsverplichting", "soms");
    assert_int_equal(clients_update(db, 1, 0, ch, 2, FX_NOW, NULL, &err), KV_EUSAGE);
    field(&ch[1], "achternaam", "");
    assert_int_equal(clients_update(db, 1, 0, ch, 2, FX_NOW, NULL, &err), KV_EUSAGE);
    field(&ch[1], "bsn", "123456789");
    assert_int_equal(clients_update(db, 1, 0, ch, 2, FX_NOW, NULL, &err), KV_EUSAGE);
    assert_non_null(strstr(err.msg, "elfproef"));
    db_rollback(db);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM clients WHERE city = 'Eibergen'"), 0);
    /* The full BSN on request is itself an audit entry. */
    char bsn[10];
    assert_int_equal(clients_full_bsn(db, 1, bsn, &err), KV_OK);
    assert_string_equal(bsn, "123456782");
    assert_int_equal(fx_int(db, "SELECT count(*) FROM audit WHERE action = 'bsn_inzien' AND "
                                "client_id = 1 AND user = 'anna'"),
                     1);
    db_close(db);
}

/* The doelgroepen after registration: a comma list of catalogue codes, stored sorted and
 * once each, a doelgroep taken off again by the klantmanager herself, each change in the
 * audit log, an unknown code named with nothing kept. */
static void a_klantmanager_corrects_the_doelgroepen(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct db *db = anna(fx);
    struct client_change ch[1];
    struct client_values v;
    size_t changed = 99;
    const struct client_field *f = client_field_find("doelgroepen");
    assert_non_null(f);
    field(&ch[0], "doelgroepen", " statushouder ,jongere,statushouder");
    assert_int_equal(db_begin(db, &err), KV_OK);
    assert_int_equal(clients_update(db, 1, 0, ch, 1, FX_NOW, &changed, &err), KV_OK);
    assert_int_equal(db_commit(db, &err), KV_OK);
    assert_int_equal(changed, 1);
    assert_int_equal(clients_values(db, 1, &v, &err), KV_OK);
    assert_string_equal(v.v[f - client_fields], "jongere,statushouder");
    assert_int_equal(fx_int(db, "SELECT count(*) FROM client_doelgroepen WHERE client_id = 1"), 2);
    field(&ch[0], "doelgroepen", "statushouder, jongere"); /* the same set: nothing to do */
    assert_int_equal(db_begin(db, &err), KV_OK);
    assert_int_equal(clients_update(db, 1, 0, ch, 1, FX_NOW, &changed, &err), KV_OK);
    assert_int_equal(db_commit(db, &err), KV_OK);
    assert_int_equal(changed, 0);
    field(&ch[0], "doelgroepen", "jongere");
    assert_int_equal(db_begin(db, &err), KV_OK);
    assert_int_equal(clients_update(db, 1, 0, ch, 1, FX_NOW, &changed, &err), KV_OK);
    assert_int_equal(db_commit(db, &err), KV_OK);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM client_doelgroepen WHERE client_id = 1 AND "
                                "code = 'jongere'"),
                     1);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM client_doelgroepen WHERE client_id = 1"), 1);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM audit WHERE action = 'wijziging' AND "
                                "record = 'client_doelgroepen#1,statushouder' AND "
                                "json_extract(detail, '$.op') = 'delete'"),
                     1);
    field(&ch[0], "doelgroepen", "jongere,vliegenier");
    assert_int_equal(db_begin(db, &err), KV_OK);
    assert_int_equal(clients_update(db, 1, 0, ch, 1, FX_NOW, NULL, &err), KV_EUSAGE);
    assert_non_null(strstr(err.msg, "'vliegenier' staat niet in de catalogus"));
    db_rollback(db);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM client_doelgroepen WHERE client_id = 1"), 1);
    db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_status_follows_the_case),
        cmocka_unit_test_setup_teardown(storage_derives_the_status_from_the_records, setup,
                                        fx_teardown),
        cmocka_unit_test_setup_teardown(each_classification_has_its_own_history, setup,
                                        fx_teardown),
        cmocka_unit_test(the_migration_puts_each_classification_on_its_axis),
        cmocka_unit_test(the_migration_gives_the_intake_its_trede_and_werkfit),
        cmocka_unit_test_setup_teardown(a_correction_is_checked_and_audited_with_old_and_new, setup,
                                        fx_teardown),
        cmocka_unit_test_setup_teardown(a_klantmanager_corrects_the_doelgroepen, setup,
                                        fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
