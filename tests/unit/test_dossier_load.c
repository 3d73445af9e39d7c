/* The dossier screen's typed load (dossier_load.h) on a real database: every kind of
 * record with its fields, nested records under their parent, references as positions,
 * bookkeeping, the editing rows, the access rule of dossier_visit (a waarneming opens a
 * colleague's client), and no audit entry of its own. */
#include "core/date.h"
#include "storage/assignments.h"
#include "storage/access.h"
#include "storage/dossier_load.h"
#include "storage/keys.h"
#include "storage/records.h"
#include "storage/txn.h"
#include "tests/unit/fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#define BK_VALUES "'2026-02-01 10:00:00', '2026-02-02 11:00:00', 'anna'"
#define BK_COLS "created_at, updated_at, updated_by"

static void add_client(struct db *db, const char *bsn, const char *first, const char *user)
{
    struct kv_error err;
    long id;
    struct client_in c = {.bsn = bsn,
                          .first_name = first,
                          .last_name = "Ölçer",
                          .birth_date = date_days(1980, 5, 4),
                          .contact_verified_on = NO_DATE,
                          .applied_on = date_days(2025, 1, 6),
                          .benefit_start = date_days(2025, 1, 20),
                          .vrijstelling_until = NO_DATE,
                          .street = "Molenstraat",
                          .house_number = "3",
                          .postcode = "7271 AB",
                          .city = "Borculo"};
    assert_int_equal(records_client_add(db, &c, FX_NOW, &id, &err), KV_OK);
    assert_int_equal(assignments_open(db, id, user, "klantmanager", date_days(2025, 1, 6), "",
                                      NO_DATE, FX_NOW, &err),
                     KV_OK);
}

/* Client 1 (anna's) with one record of every kind, client 2 (ben's) with nothing. */
static int setup(void **state)
{
    fx_setup_created(state);
    struct fixture *fx = *state;
    struct kv_error err;
    fx->clock = fx_clock;
    struct db *db = fx_open(fx);
    struct new_user anna = {"anna", "Anna de Wit", ROLE_KLANTMANAGER, "Werk"};
    struct new_user ben = {"ben", "Ben Smit", ROLE_KLANTMANAGER, "Werk"};
    assert_int_equal(keys_user_add(db, &anna, "anna-wachtwoord", 15, &KDF_TEST_MIN, FX_NOW, &err),
                     KV_OK);
    assert_int_equal(keys_user_add(db, &ben, "ben-wachtwoord1", 15, &KDF_TEST_MIN, FX_NOW, &err),
                     KV_OK);
    assert_int_equal(db_begin_bulk(db, "fixture", &err), KV_OK);
    add_client(db, "123456782", "Sanne", "anna");
    add_client(db, "111222333", "Piet", "ben");
    assert_int_equal(db_commit(db, &err), KV_OK);
    fx_exec(
        db,
        "INSERT INTO client_doelgroepen VALUES (1, 'jongeren'), (1, 'alleenstaande_ouder');"
        "UPDATE clients SET communication_needs = 'tolk,begeleider' WHERE id = 1;"
        "INSERT INTO classifications (client_id, axis, date, code, motivation, " BK_COLS
        ") VALUES (1, 'trede', '2026-01-10', 'trede3', 'Vrijwilligerswerk', " BK_VALUES ");"
        "INSERT INTO intakes (client_id, date, work_history, wishes, classification, "
        "trede, " BK_COLS ") VALUES (1, '2026-01-05', 'Magazijn', 'Buiten werken', "
        "'werk', 'trede3', " BK_VALUES ");"
        "INSERT INTO intake_barriers (intake_id, kind, approach, " BK_COLS ") VALUES "
        "(1, 'taal', 'Taalcursus', " BK_VALUES ");"
        "INSERT INTO plans (client_id, date, discussed_on, client_agreed, "
        "demands_applications, " BK_COLS ") VALUES (1, '2026-01-12', '2026-01-13', 1, 1, " BK_VALUES
        ");"
        "INSERT INTO goals (plan_id, client_id, specifiek, deadline, " BK_COLS
        ") VALUES (1, 1, 'Heftruckcertificaat halen', '2026-06-01', " BK_VALUES ");"
        "INSERT INTO client_instruments (client_id, catalogue_id, goal_id, provider, start, "
        "planned_end, cost_cents, certificate_promised, " BK_COLS ") VALUES (1, "
        "(SELECT min(id) FROM instrument_catalogue), 1, 'Opleider BV', '2026-01-15', "
        "'2026-04-15', 125000, 1, " BK_VALUES ");"
        "INSERT INTO instrument_extensions (instrument_id, old_end, new_end, reason, " BK_COLS
        ") VALUES (1, '2026-04-15', '2026-05-15', 'Ziek geweest', " BK_VALUES ");"
        "INSERT INTO contacts (client_id, date, channel, participants, summary, " BK_COLS
        ") VALUES (1, '2026-01-20', 'telefoon', 'moeder', 'Gaat goed', " BK_VALUES ");"
        "INSERT INTO agreements (client_id, contact_id, text, due, " BK_COLS
        ") VALUES (1, 1, 'CV sturen', '2026-02-01', " BK_VALUES ");"
        "INSERT INTO outflows (client_id, date, reason, employer, hours_per_week, partial, "
        "instrument_id, " BK_COLS ") VALUES (1, '2026-02-10', 'werk', 'Bakker Jansen', "
        "24, 1, 1, " BK_VALUES ");"
        "INSERT INTO followups (outflow_id, months, date, still_off_benefit, note, " BK_COLS
        ") VALUES (1, 3, '2026-05-10', 1, 'Werkt nog', " BK_VALUES ");"
        "INSERT INTO nazorg (client_id, outflow_id, start, end, consent, frequency_days, " BK_COLS
        ") VALUES (1, 1, '2026-02-10', '2026-08-10', 0, 14, " BK_VALUES ");"
        "INSERT INTO requests (client_id, date, what, " BK_COLS ") VALUES (1, '2026-02-11', "
        "'Reiskosten', " BK_VALUES ");"
        "INSERT INTO reminders (client_id, due, text, done_on, " BK_COLS ") VALUES (1, "
        "'2026-02-12', 'Bellen', '2026-02-12', " BK_VALUES ");"
        "INSERT INTO signal_acks (client_id, kind, ref, due, done, note, " BK_COLS
        ") VALUES (1, 'afspraak', 1, '2026-02-01', 1, 'Gedaan', " BK_VALUES ");");
    db_close(db);
    return 0;
}

static struct db *as(struct fixture *fx, const char *user, const char *pass)
{
    struct db *db = fx_open_as(fx, user, pass);
    db->today = date_days(2026, 3, 1);
    return db;
}

static void every_kind_comes_typed(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct dossier_data d;
    struct db *db = as(fx, "anna", "anna-wachtwoord");
    long logged = fx_int(db, "SELECT count(*) FROM audit");
    if (dossier_load(db, 1, &d, &err) != KV_OK)
        fail_msg("%s", err.msg);
    /* Reading logs nothing: opening a dossier is logged by access_open. */
    assert_int_equal(fx_int(db, "SELECT count(*) FROM audit"), logged);

    assert_string_equal(d.client.first_name, "Sanne");
    assert_string_equal(d.client.last_name, "Ölçer");
    assert_string_equal(d.client.birth_date, "1980-05-04");
    assert_string_equal(d.client.street, "Molenstraat");
    assert_string_equal(d.client.communication_needs, "tolk,begeleider");
    assert_string_equal(d.client.vrijstelling_until, ""); /* none */
    assert_string_equal(d.client.status, "actief");       /* derived: the intake */
    assert_string_equal(d.client.bk.created_at, FX_NOW);
    assert_int_equal(d.n_doelgroepen, 2);
    assert_string_equal(d.doelgroepen[0], "alleenstaande_ouder");
    assert_string_equal(d.doelgroepen[1], "jongeren");

    assert_int_equal(d.n_classifications, 1);
    assert_string_equal(d.classifications[0].axis, "trede");
    assert_string_equal(d.classifications[0].code, "trede3");
    assert_string_equal(d.classifications[0].motivation, "Vrijwilligerswerk");
    assert_string_equal(d.classifications[0].bk.updated_at, "2026-02-02 11:00:00");
    assert_string_equal(d.classifications[0].bk.updated_by, "anna");
    assert_int_equal(d.n_assignments, 1);
    assert_string_equal(d.assignments[0].user, "anna");
    assert_string_equal(d.assignments[0].from_date, "2025-01-06");
    assert_string_equal(d.assignments[0].to_date, "");

    assert_int_equal(d.n_intakes, 1);
    assert_string_equal(d.intakes[0].date, "2026-01-05");
    assert_string_equal(d.intakes[0].wishes, "Buiten werken");
    assert_string_equal(d.intakes[0].trede, "trede3");
    assert_string_equal(d.intakes[0].bk.created_at, "2026-02-01 10:00:00");
    assert_int_equal(d.n_barriers, 1);
    assert_int_equal(d.barriers[0].intake, 0);
    assert_string_equal(d.barriers[0].kind, "taal");
    assert_string_equal(d.barriers[0].approach, "Taalcursus");

    assert_int_equal(d.n_plans, 1);
    assert_string_equal(d.plans[0].discussed_on, "2026-01-13");
    assert_int_equal(d.plans[0].client_agreed, 1);
    assert_int_equal(d.plans[0].demands_applications, 1);
    assert_int_equal(d.n_goals, 1);
    assert_int_equal(d.goals[0].plan, 0);
    assert_string_equal(d.goals[0].specifiek, "Heftruckcertificaat halen");
    assert_string_equal(d.goals[0].status, "open");

    assert_int_equal(d.n_instruments, 1);
    assert_int_equal(d.instruments[0].goal, 0); /* the first goal */
    assert_string_equal(d.instruments[0].provider, "Opleider BV");
    assert_string_equal(d.instruments[0].actual_end, "");
    assert_int_equal(d.instruments[0].cost_cents, 125000);
    assert_int_equal(d.instruments[0].certificate_promised, 1);
    assert_int_equal(d.instruments[0].certificate_received, 0);
    assert_true(*d.instruments[0].instrument);
    assert_int_equal(d.n_extensions, 1);
    assert_int_equal(d.extensions[0].instrument, 0);
    assert_string_equal(d.extensions[0].new_end, "2026-05-15");
    assert_string_equal(d.extensions[0].reason, "Ziek geweest");

    assert_int_equal(d.n_contacts, 1);
    assert_string_equal(d.contacts[0].channel, "telefoon");
    assert_string_equal(d.contacts[0].participants, "moeder");
    assert_int_equal(d.n_agreements, 1);
    assert_int_equal(d.agreements[0].contact, 0);
    assert_string_equal(d.agreements[0].text, "CV sturen");
    assert_string_equal(d.agreements[0].done_on, "");

    assert_int_equal(d.n_outflows, 1);
    assert_string_equal(d.outflows[0].employer, "Bakker Jansen");
    assert_int_equal(d.outflows[0].hours_per_week, 24);
    assert_int_equal(d.outflows[0].partial, 1);
    assert_int_equal(d.outflows[0].instrument, 0);
    assert_string_equal(d.outflows[0].contract_end, "");
    assert_int_equal(d.n_followups, 1);
    assert_int_equal(d.followups[0].outflow, 0);
    assert_int_equal(d.followups[0].months, 3);
    assert_int_equal(d.followups[0].still_off_benefit, 1);
    assert_string_equal(d.followups[0].note, "Werkt nog");
    assert_int_equal(d.n_nazorg, 1);
    assert_int_equal(d.nazorg[0].outflow, 0);
    assert_string_equal(d.nazorg[0].end, "2026-08-10");
    assert_int_equal(d.nazorg[0].consent, 0);
    assert_int_equal(d.nazorg[0].frequency_days, 14);

    assert_int_equal(d.n_requests, 1);
    assert_string_equal(d.requests[0].what, "Reiskosten");
    assert_string_equal(d.requests[0].answered_on, "");
    assert_int_equal(d.n_reminders, 1);
    assert_string_equal(d.reminders[0].done_on, "2026-02-12");
    assert_int_equal(d.n_signal_acks, 1);
    assert_string_equal(d.signal_acks[0].kind, "afspraak");
    assert_int_equal(d.signal_acks[0].ref, 0); /* the first agreement */
    assert_int_equal(d.signal_acks[0].done, 1);
    assert_string_equal(d.signal_acks[0].snoozed_until, "");

    /* The rows the screen edits, with their ids. */
    assert_int_equal(d.n_instr, 1);
    assert_int_equal(d.instr[0].id, 1);
    assert_int_equal(d.instr[0].goal, 1);
    assert_int_equal(d.n_plan, 1);
    assert_int_equal(d.n_goal, 1);
    assert_string_equal(d.goal[0].smart[0], "Heftruckcertificaat halen");
    dossier_data_free(&d);
    dossier_data_free(&d); /* freed is empty */
    db_close(db);
}

static void access_as_the_export(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct dossier_data d;
    struct db *db = as(fx, "anna", "anna-wachtwoord");
    assert_int_equal(dossier_load(db, 2, &d, &err), KV_EAUTH); /* ben's client */
    assert_null(d.instr);
    assert_int_equal(dossier_load(db, 99, &d, &err), KV_ERR);
    assert_non_null(strstr(err.msg, "bestaat niet"));
    assert_int_equal(access_waarneming(db, 2, "Ben is ziek", &err), KV_OK);
    assert_int_equal(dossier_load(db, 2, &d, &err), KV_OK);
    assert_string_equal(d.client.first_name, "Piet");
    assert_int_equal(d.n_intakes, 0);
    assert_null(d.intakes);
    assert_string_equal(d.client.status, "aanmelding");
    dossier_data_free(&d);
    db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(every_kind_comes_typed, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(access_as_the_export, setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
