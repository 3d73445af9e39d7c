/* Writing case records and loading a caseload back: validation refusals, the access
 * scope (own clients; all clients only for a teamleider), reassignment keeping history,
 * a handover to the klantmanager the client has refused, the date the client was told of
 * a handover (who may record it, what it ends), configuration overrides, signals computed
 * on what was loaded, finding a colleague's client by name. */
#include "core/date.h"
#include "storage/access.h"
#include "storage/caseload.h"
#include "storage/drafts.h"
#include "storage/keys.h"
#include "storage/records.h"
#include "storage/intakes.h"
#include "storage/plans.h"
#include "storage/instruments.h"
#include "storage/contacts.h"
#include "storage/outflows.h"
#include "storage/nazorg.h"
#include "storage/assignments.h"
#include "storage/search.h"
#include "storage/txn.h"
#include "storage/login.h"
#include "core/signals.h"
#include "tests/unit/fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static long D(int y, int m, int d)
{
    return date_days(y, m, d);
}

static struct client_in client(const char *bsn, const char *first, const char *last)
{
    struct client_in c;
    memset(&c, 0, sizeof c);
    c.bsn = bsn;
    c.first_name = first;
    c.last_name = last;
    c.birth_date = D(1976, 5, 4);
    c.contact_verified_on = c.vrijstelling_until = NO_DATE;
    c.applied_on = D(2026, 1, 5);
    c.benefit_start = D(2026, 1, 20);
    c.municipality = "Berkelland";
    c.came_active = 1;
    c.doelgroepen = "55plus";
    return c;
}

static int setup(void **state)
{
    fx_setup_created(state);
    struct fixture *fx = *state;
    struct kv_error err;
    struct db *db = fx_open(fx);
    struct new_user km = {"anna", "Anna de Wit", ROLE_KLANTMANAGER, "Werk"};
    struct new_user tl = {"teun", "Teun Leider", ROLE_TEAMLEIDER, "Werk"};
    assert_int_equal(keys_user_add(db, &km, "anna-wachtwoord", 15, &KDF_TEST_MIN, FX_NOW, &err),
                     KV_OK);
    assert_int_equal(keys_user_add(db, &tl, "teun-wachtwoord", 15, &KDF_TEST_MIN, FX_NOW, &err),
                     KV_OK);
    db_close(db);
    return 0;
}

static void invalid_records_are_refused_with_the_reason(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct db *db = fx_open(fx);
    long id;
    assert_int_equal(db_begin(db, &err), KV_OK);
    struct client_in c = client("123456789", "Piet", "Jansen");
    assert_int_equal(records_client_add(db, &c, FX_NOW, &id, &err), KV_EUSAGE);
    assert_non_null(strstr(err.msg, "elfproef"));
    c = client("123456782", "Piet", "Jansen");
    c.doelgroepen = "55plus,marsbewoner";
    assert_int_equal(records_client_add(db, &c, FX_NOW, &id, &err), KV_EUSAGE);
    assert_non_null(strstr(err.msg, "marsbewoner"));
    c.doelgroepen = "55plus";
    assert_int_equal(records_client_add(db, &c, FX_NOW, &id, &err), KV_OK);
    assert_int_equal(records_client_add(db, &c, FX_NOW, &id, &err), KV_ERR);
    assert_non_null(strstr(err.msg, "al een klant"));
    struct instrument_in in = {id,
                               "werkervaringsplaats",
                               0,
                               D(2026, 3, 1),
                               D(2026, 2, 1),
                               -1,
                               NULL,
                               NO_DATE,
                               NULL,
                               NULL,
                               0,
                               0};
    assert_int_equal(instruments_add(db, &in, FX_NOW, NULL, &err), KV_EUSAGE);
    assert_non_null(strstr(err.msg, "voor het begin"));
    in.planned_end = NO_DATE;
    in.code = "ruimtevaart";
    assert_int_equal(instruments_add(db, &in, FX_NOW, NULL, &err), KV_EUSAGE);
    assert_int_equal(assignments_open(db, id, "niemand", "klantmanager", D(2026, 3, 1), "", NO_DATE,
                                      FX_NOW, &err),
                     KV_EUSAGE);
    assert_int_equal(contacts_add(db, id, D(2026, 3, 1), "postduif", "", "", FX_NOW, NULL, &err),
                     KV_EUSAGE);
    db_rollback(db);
    db_close(db);
}

/* A client with one of every record, assigned to anna; another assigned to teun. */
static long fill(struct fixture *fx)
{
    struct kv_error err;
    struct db *db = fx_open(fx);
    long a, b, plan, goal, instr, contact, out;
    assert_int_equal(db_begin_bulk(db, "fixture", &err), KV_OK);
    struct client_in c = client("123456782", "Sanne", "Ölçer");
    assert_int_equal(records_client_add(db, &c, FX_NOW, &a, &err), KV_OK);
    c = client("111222333", "Bram", "Kowalski");
    assert_int_equal(records_client_add(db, &c, FX_NOW, &b, &err), KV_OK);
    assert_int_equal(
        assignments_open(db, a, "anna", "klantmanager", D(2026, 1, 6), "", NO_DATE, FX_NOW, &err),
        KV_OK);
    assert_int_equal(
        assignments_open(db, b, "teun", "klantmanager", D(2026, 1, 6), "", NO_DATE, FX_NOW, &err),
        KV_OK);
    struct intake_in in = {.client = a,
                           .date = D(2026, 1, 20),
                           .classification = "werk",
                           .uitstroomdoel = "regulier",
                           .barriers = "taal,vervoer"};
    long intake;
    assert_int_equal(intakes_add(db, &in, FX_NOW, &intake, &err), KV_OK);
    assert_int_equal(plans_add(db, a, D(2026, 2, 1), D(2026, 2, 1), 1, 1, "", FX_NOW, &plan, &err),
                     KV_OK);
    struct goal_in g = {plan,
                        a,
                        "Werk als postbode",
                        "20 uur per week",
                        "Eigen wens",
                        "Rijbewijs B",
                        "Voor 1 juni",
                        D(2026, 6, 1),
                        NULL};
    assert_int_equal(plans_goal_add(db, &g, FX_NOW, &goal, &err), KV_OK);
    struct instrument_in ins = {
        a, "werkervaringsplaats", goal, D(2026, 2, 2), NO_DATE, -1, NULL, NO_DATE, NULL, NULL, 0,
        0};
    assert_int_equal(instruments_add(db, &ins, FX_NOW, &instr, &err), KV_OK);
    assert_int_equal(contacts_add(db, a, D(2026, 2, 20), "gesprek", "Sanne, Anna", "Voortgang",
                                  FX_NOW, &contact, &err),
                     KV_OK);
    assert_int_equal(
        contacts_agreement_add(db, a, contact, "CV opsturen", D(2026, 3, 6), NO_DATE, FX_NOW, &err),
        KV_OK);
    struct outflow_in o = {a, D(2026, 2, 25), "werk", "PostNL", "tijdelijk", D(2026, 8, 25), 20,
                           1, "jobcoach",     instr};
    assert_int_equal(outflows_add(db, &o, FX_NOW, &out, &err), KV_OK);
    assert_int_equal(nazorg_add(db, a, out, D(2026, 2, 25), D(2026, 8, 25), 1, 30, FX_NOW, &err),
                     KV_OK);
    assert_int_equal(
        records_reminder_add(db, a, D(2026, 3, 10), "Werkgever bellen", NO_DATE, FX_NOW, &err),
        KV_OK);
    assert_int_equal(
        outflows_followup_add(db, out, 3, D(2026, 5, 26), 1, "Werkt nog", FX_NOW, &err), KV_OK);
    struct outflow_in ob = {b, D(2026, 2, 26), "verhuizing", "", "", NO_DATE, 0, 0, "", 0};
    assert_int_equal(outflows_add(db, &ob, FX_NOW, NULL, &err), KV_OK);
    assert_int_equal(db_commit(db, &err), KV_OK);
    db_close(db);
    return a;
}

static const struct signal *find(const struct signal_list *l, enum signal_kind k)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i].kind == k)
            return &l->v[i];
    return NULL;
}

static long rows(struct db *db, const char *table)
{
    char *sql = sqlite3_mprintf("SELECT count(*) FROM \"%w\"", table);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL), SQLITE_OK);
    sqlite3_free(sql);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* The rules every writer obeys (core/rules.h), in the writers themselves: one message
 * per rule, and a refused record leaves no row. Today is 1-3-2026 (FX_NOW). */
static void the_writers_hold_every_record_to_the_rules(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct db *db = fx_open(fx);
    long id, out;
    assert_int_equal(db_begin(db, &err), KV_OK);
    /* born 6-1-2008: 18 on 6-1-2026, a day after applying on 5-1-2026 */
    struct client_in c = client("123456782", "Sanne", "Jong");
    c.birth_date = D(2008, 1, 6);
    assert_int_equal(records_client_add(db, &c, FX_NOW, &id, &err), KV_EUSAGE);
    assert_string_equal(err.msg, "Een klant is bij aanmelding minstens 18 (Participatiewet); "
                                 "geboren 6-1-2008 is op 5-1-2026 te jong.");
    assert_int_equal(rows(db, "clients"), 0);
    c.birth_date = D(2008, 1, 5);
    c.phone = "06 1234 567"; /* 9 digits */
    assert_int_equal(records_client_add(db, &c, FX_NOW, &id, &err), KV_EUSAGE);
    assert_non_null(strstr(err.msg, "Telefoonnummer '06 1234 567' is ongeldig"));
    c.phone = "06 1234 5678";
    c.email = "sanne@";
    assert_int_equal(records_client_add(db, &c, FX_NOW, &id, &err), KV_EUSAGE);
    assert_string_equal(err.msg, "E-mailadres 'sanne@' is ongeldig (zoals naam@voorbeeld.nl).");
    c.email = "sanne@voorbeeld.nl";
    assert_int_equal(records_client_add(db, &c, FX_NOW, &id, &err), KV_OK);
    assert_int_equal(rows(db, "clients"), 1);

    assert_int_equal(
        contacts_add(db, id, D(2026, 3, 2), "gesprek", "", "morgen", FX_NOW, NULL, &err),
        KV_EUSAGE);
    assert_string_equal(err.msg, "Datum contact (2-3-2026) ligt na vandaag (1-3-2026).");
    assert_int_equal(rows(db, "contacts"), 0);
    assert_int_equal(
        contacts_add(db, id, D(2026, 3, 1), "gesprek", "", "vandaag", FX_NOW, NULL, &err), KV_OK);
    struct intake_in in = {.client = id, .date = D(2026, 3, 2)};
    assert_int_equal(intakes_add(db, &in, FX_NOW, &out, &err), KV_EUSAGE);
    assert_string_equal(err.msg, "Datum intake (2-3-2026) ligt na vandaag (1-3-2026).");
    assert_int_equal(rows(db, "intakes"), 0);
    assert_int_equal(plans_add(db, id, D(2026, 3, 1), D(2026, 3, 2), 1, 0, "", FX_NOW, &out, &err),
                     KV_EUSAGE);
    assert_string_equal(err.msg, "Besproken met klant op (2-3-2026) ligt na vandaag (1-3-2026).");
    assert_int_equal(rows(db, "plans"), 0);
    struct outflow_in o = {id, D(2026, 3, 2), "werk", "PostNL", "tijdelijk", NO_DATE, 20, 0, "", 0};
    assert_int_equal(outflows_add(db, &o, FX_NOW, &out, &err), KV_EUSAGE);
    assert_string_equal(err.msg, "Datum uitstroom (2-3-2026) ligt na vandaag (1-3-2026).");
    o.date = D(2026, 2, 1);
    o.contract_end = D(2026, 1, 31);
    assert_int_equal(outflows_add(db, &o, FX_NOW, &out, &err), KV_EUSAGE);
    assert_string_equal(err.msg, "Contract: het einde (31-1-2026) ligt voor het begin (1-2-2026).");
    assert_int_equal(rows(db, "outflows"), 0);
    o.contract_end = D(2026, 8, 1);
    assert_int_equal(outflows_add(db, &o, FX_NOW, &out, &err), KV_OK);
    /* 1-2-2026 + 24 months = 1-2-2028 */
    assert_int_equal(nazorg_add(db, id, out, D(2026, 2, 1), D(2028, 2, 2), 1, 30, FX_NOW, &err),
                     KV_EUSAGE);
    assert_string_equal(err.msg, "Nazorg duurt hooguit 24 maanden: vanaf 1-2-2026 uiterlijk tot "
                                 "1-2-2028.");
    assert_int_equal(rows(db, "nazorg"), 0);
    assert_int_equal(nazorg_add(db, id, out, D(2026, 2, 1), D(2028, 2, 1), 1, 30, FX_NOW, &err),
                     KV_OK);
    assert_int_equal(rows(db, "nazorg"), 1);
    db_rollback(db);
    db_close(db);
}

static void a_klantmanager_loads_her_own_caseload_with_every_record(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    long a = fill(fx);
    struct db *db = fx_open_as(fx, "anna", "anna-wachtwoord");
    struct caseload *c;
    assert_int_equal(caseload_load(db, SCOPE_MINE, &c, &err), KV_OK);
    assert_int_equal(c->n, 1); /* not teun's client */
    assert_int_equal(c->clients[0].id, a);
    assert_string_equal(c->clients[0].name, "Sanne Ölçer");
    assert_string_equal(c->clients[0].bsn_masked, "******782");
    assert_string_equal(c->clients[0].classification, "werk");
    assert_string_equal(c->clients[0].caseworker, "anna");
    const struct case_file *f = &c->files[0];
    assert_int_equal(f->n_intakes, 1);
    assert_int_equal(f->n_plans, 1);
    assert_int_equal(f->n_goals, 1);
    assert_string_equal(f->goals[0].title, "Werk als postbode");
    assert_int_equal(f->n_instruments, 1);
    assert_int_equal(f->instruments[0].max_days, 366);
    assert_int_equal(f->instruments[0].planned_end, D(2026, 2, 2) + 183); /* catalogue default */
    assert_int_equal(f->n_contacts, 1);
    assert_int_equal(f->n_agreements, 1);
    assert_int_equal(f->n_outflows, 1);
    assert_int_equal(f->outflows[0].contract_end, D(2026, 8, 25));
    assert_int_equal(f->n_nazorg, 1);
    assert_int_equal(f->n_manual, 1);
    assert_int_equal(f->n_followups, 1);
    assert_int_equal(f->followups[0].months, 3);
    /* Signals from what was loaded, with the configured norm for "werk". */
    struct signal_config cfg;
    assert_int_equal(config_signals(db, &cfg, &err), KV_OK);
    struct signal_list l = {0};
    assert_int_equal(signals_compute(f, &cfg, D(2026, 3, 1), &l), 0);
    assert_int_equal(find(&l, SIG_CONTACT_NORM)->due, D(2026, 2, 20) + 30);
    assert_int_equal(find(&l, SIG_CONTRACT_END)->due, D(2026, 8, 25));
    for (size_t k = 0; k < l.n; k++) /* the 3-month follow-up is recorded: 6 and 12 remain */
        assert_false(l.v[k].kind == SIG_FOLLOWUP && l.v[k].due == D(2026, 5, 25));
    assert_int_equal(find(&l, SIG_AGREEMENT_DUE)->due, D(2026, 3, 6));
    assert_non_null(find(&l, SIG_MANUAL));
    signals_free(&l);
    config_signals_free(&cfg);
    /* The same signals for the whole caseload, each client's in its own range. */
    size_t *first;
    assert_int_equal(caseload_signals(db, c, D(2026, 3, 1), &l, &first, &err), KV_OK);
    assert_int_equal(first[0], 0);
    assert_int_equal(first[c->n], l.n);
    assert_true(l.n > 3);
    for (size_t i = 0; i < c->n; i++)
        for (size_t k = first[i]; k < first[i + 1]; k++)
            assert_int_equal(l.v[k].client_id, c->clients[i].id);
    free(first);
    signals_free(&l);
    struct caseload *all = NULL;
    assert_int_equal(caseload_load(db, SCOPE_ALL, &all, &err), KV_EAUTH);
    assert_null(all);
    caseload_free(c);
    db_close(db);
}

static void a_teamleider_sees_all_and_reassignment_keeps_history(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    long a = fill(fx);
    struct db *db = fx_open_as(fx, "teun", "teun-wachtwoord");
    struct caseload *c;
    assert_int_equal(caseload_load(db, SCOPE_ALL, &c, &err), KV_OK);
    assert_int_equal(c->n, 2);
    assert_int_equal(c->files[0].client.status, CS_ACTIEF);       /* a partial outflow */
    assert_int_equal(c->files[1].client.status, CS_UITGESTROOMD); /* derived: the outflow */
    caseload_free(c);
    db_close(db);
    db = fx_open(fx);
    struct new_user bo = {"bo", "Bo Visser", ROLE_KLANTMANAGER, "Werk"};
    assert_int_equal(keys_user_add(db, &bo, "bo-wachtwoord", 13, &KDF_TEST_MIN, FX_NOW, &err),
                     KV_OK);
    db_close(db);
    db = fx_open_as(fx, "teun", "teun-wachtwoord"); /* the teamleider hands anna's client on */
    assert_int_equal(db_begin(db, &err), KV_OK);
    assert_int_equal(assignments_open(db, a, "bo", "klantmanager", D(2026, 3, 1),
                                      "Anna met verlof; cv staat in het dossier", D(2026, 3, 1),
                                      FX_NOW, &err),
                     KV_OK);
    assert_int_equal(db_commit(db, &err), KV_OK);
    db_close(db);
    db = fx_open(fx);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM assignments WHERE client_id = 1"), 2);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM intake_barriers"), 2); /* taal, vervoer */
    assert_int_equal(fx_int(db, "SELECT count(*) FROM client_doelgroepen WHERE code = '55plus'"),
                     2);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM classifications WHERE code = 'werk'"), 1);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM assignments WHERE client_id = 1 "
                                "AND to_date = '2026-03-01'"),
                     1);
    /* Configuration is data: a shorter intake term takes effect. */
    fx_exec(db, "UPDATE config SET value = '10' WHERE key = 'signaal.intake_dagen'");
    struct signal_config cfg;
    assert_int_equal(config_signals(db, &cfg, &err), KV_OK);
    assert_int_equal(cfg.intake_days, 10);
    config_signals_free(&cfg);
    db_close(db);
    db = fx_open_as(fx, "anna", "anna-wachtwoord");
    assert_int_equal(caseload_load(db, SCOPE_MINE, &c, &err), KV_OK);
    assert_int_equal(c->n, 0); /* handed over */
    caseload_free(c);
    db_close(db);
}

/* A teamleider with a team reads her clients one by one (caseload.c: each), the
 * municipality's view (no team) whole tables without a selection: the same case files
 * either way, in every table (the joined ones too: instruments, follow-ups). */
static void a_teams_load_reads_the_same_files_as_the_municipality(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    fill(fx);
    struct db *db = fx_open(fx);
    struct new_user kw = {"kim", "Kim Kwaliteit", ROLE_KWALITEITSMEDEWERKER, ""};
    assert_int_equal(keys_user_add(db, &kw, "kim-wachtwoord", 14, &KDF_TEST_MIN, FX_NOW, &err),
                     KV_OK);
    db_close(db);
    struct caseload *team = NULL, *all = NULL;
    db = fx_open_as(fx, "teun", "teun-wachtwoord");
    assert_int_equal(caseload_load(db, SCOPE_ALL, &team, &err), KV_OK);
    db_close(db);
    db = fx_open_as(fx, "kim", "kim-wachtwoord");
    assert_int_equal(caseload_load(db, SCOPE_ALL, &all, &err), KV_OK);
    db_close(db);
    assert_int_equal(team->n, 2);
    assert_int_equal(all->n, 2);
    for (size_t i = 0; i < 2; i++) {
        const struct case_file *a = &team->files[i], *b = &all->files[i];
        assert_int_equal(team->clients[i].id, all->clients[i].id);
        assert_int_equal(a->n_intakes, b->n_intakes);
        assert_int_equal(a->n_plans, b->n_plans);
        assert_int_equal(a->n_goals, b->n_goals);
        assert_int_equal(a->n_instruments, b->n_instruments);
        assert_int_equal(a->n_contacts, b->n_contacts);
        assert_int_equal(a->n_outflows, b->n_outflows);
        assert_int_equal(a->n_agreements, b->n_agreements);
        assert_int_equal(a->n_nazorg, b->n_nazorg);
        assert_int_equal(a->n_followups, b->n_followups);
        assert_int_equal(a->n_manual, b->n_manual);
        assert_int_equal(a->n_handovers, b->n_handovers);
        assert_int_equal(a->client.status, b->client.status);
        for (size_t k = 0; k < a->n_contacts; k++)
            assert_int_equal(a->contacts[k].date, b->contacts[k].date);
    }
    assert_int_equal(team->files[0].n_contacts, 1); /* fill's contact, not lost on the way */
    assert_int_equal(all->files[0].n_instruments, 1);
    assert_int_equal(all->files[0].n_followups, 1);
    assert_int_equal(all->files[0].n_nazorg, 1);
    assert_int_equal(all->files[0].n_manual, 1);
    caseload_free(team);
    caseload_free(all);
}

static int found(struct db *db, const char *text, long id)
{
    struct kv_error err;
    long *ids;
    size_t n;
    assert_int_equal(search_clients(db, text, &ids, &n, &err), KV_OK);
    int hit = 0;
    for (size_t i = 0; i < n; i++)
        hit |= ids[i] == id;
    free(ids);
    return hit ? (int)n : 0;
}

static void one_client_loads_under_the_same_access_rule(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    long a = fill(fx);
    long b = a + 1; /* teun's client */
    struct db *db = fx_open_as(fx, "anna", "anna-wachtwoord");
    struct caseload *c = NULL;
    assert_int_equal(caseload_load_client(db, a, &c, &err), KV_OK);
    assert_int_equal(c->n, 1);
    assert_int_equal(c->clients[0].id, a);
    assert_string_equal(c->clients[0].name, "Sanne Ölçer");
    assert_int_equal(c->files[0].n_contacts, 1);
    assert_int_equal(c->files[0].n_goals, 1);
    caseload_free(c);
    c = NULL;
    assert_int_equal(caseload_load_client(db, b, &c, &err), KV_EAUTH);
    assert_null(c);
    assert_int_equal(caseload_load_client(db, 9999, &c, &err), KV_ERR);
    assert_string_equal(err.msg, "Klant 9999 bestaat niet.");
    db_close(db);
    db = fx_open_as(fx, "teun", "teun-wachtwoord");
    assert_int_equal(caseload_load_client(db, a, &c, &err), KV_OK); /* the team's */
    assert_int_equal(c->n, 1);
    caseload_free(c);
    db_close(db);
}

static void an_instrument_ends_or_extends_only_from_the_version_read(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    long a = fill(fx);
    struct db *db = fx_open_as(fx, "anna", "anna-wachtwoord");
    struct instrument_row *r;
    size_t n;
    assert_int_equal(instruments_rows(db, a, &r, &n, &err), KV_OK);
    assert_int_equal(n, 1);
    assert_string_equal(r[0].code, "werkervaringsplaats");
    assert_int_equal(r[0].actual_end, NO_DATE);
    long id = r[0].id, v = r[0].version, planned = r[0].planned_end;
    instruments_rows_free(r, n);
    assert_int_equal(db_begin(db, &err), KV_OK);
    /* Refused: no result, an end before the start, a reason not in the catalogue. */
    assert_int_equal(instruments_end(db, id, v, D(2026, 3, 1), "voortijdig_gestopt",
                                     "beter_alternatief", "", 0, FX_NOW, &err),
                     KV_EUSAGE);
    assert_string_equal(err.msg,
                        "Bij het beëindigen zijn de eindreden en het resultaat verplicht.");
    assert_int_equal(instruments_end(db, id, v, D(2026, 1, 1), "afgerond", "beter_alternatief", "x",
                                     0, FX_NOW, &err),
                     KV_EUSAGE);
    assert_int_equal(
        instruments_end(db, id, v, D(2026, 3, 1), "afgerond", "weg", "x", 0, FX_NOW, &err),
        KV_EUSAGE);
    /* An extension needs a reason and a later date; it keeps the old end. */
    assert_int_equal(instruments_extend(db, id, v, planned + 30, "", FX_NOW, &err), KV_EUSAGE);
    assert_int_equal(instruments_extend(db, id, v, planned, "langer", FX_NOW, &err), KV_EUSAGE);
    assert_int_equal(instruments_extend(db, id, v, planned + 30, "Nog geen diploma", FX_NOW, &err),
                     KV_OK);
    /* The version read before the extension is stale now. */
    assert_int_equal(instruments_end(db, id, v, D(2026, 3, 1), "voortijdig_gestopt",
                                     "beter_alternatief", "Vrijwilligerswerk past beter", 0, FX_NOW,
                                     &err),
                     KV_ECONFLICT);
    assert_non_null(strstr(err.msg, "gewijzigd door anna op 2026-03-01 09:00."));
    assert_int_equal(instruments_end(db, id, v + 1, D(2026, 3, 1), "voortijdig_gestopt",
                                     "beter_alternatief", "Vrijwilligerswerk past beter", 1, FX_NOW,
                                     &err),
                     KV_OK);
    assert_int_equal(db_commit(db, &err), KV_OK);
    assert_int_equal(instruments_rows(db, a, &r, &n, &err), KV_OK);
    assert_int_equal(r[0].planned_end, planned + 30);
    assert_int_equal(r[0].actual_end, D(2026, 3, 1));
    assert_string_equal(r[0].status, "voortijdig_gestopt");
    assert_string_equal(r[0].result, "Vrijwilligerswerk past beter");
    assert_int_equal(r[0].extensions, 1);
    assert_int_equal(r[0].certificate_received, 1);
    assert_int_equal(r[0].version, v + 2);
    instruments_rows_free(r, n);
    struct goal_row *g;
    assert_int_equal(plans_goal_rows(db, a, &g, &n, &err), KV_OK);
    assert_int_equal(n, 1);
    assert_string_equal(g[0].smart[0], "Werk als postbode");
    assert_int_equal(g[0].deadline, D(2026, 6, 1));
    long plan;
    assert_int_equal(plans_latest(db, a, &plan, &err), KV_OK);
    assert_int_equal(plan, g[0].plan);
    /* A goal is changed from the version read, like an instrument. */
    struct goal_in up = {0,
                         a,
                         "Werk als postbode",
                         "20 uur per week",
                         "Eigen wens",
                         "Rijbewijs B",
                         "Voor 1 juni",
                         D(2026, 6, 1),
                         "behaald"};
    assert_int_equal(db_begin(db, &err), KV_OK);
    assert_int_equal(
        plans_goal_update(db, g[0].id, g[0].version, &up, "Gestart bij PostNL", FX_NOW, &err),
        KV_OK);
    assert_int_equal(plans_goal_update(db, g[0].id, g[0].version, &up, "tweede keer", FX_NOW, &err),
                     KV_ECONFLICT);
    assert_non_null(strstr(err.msg, "Dit doel is intussen gewijzigd door anna"));
    assert_int_equal(db_commit(db, &err), KV_OK);
    plans_goal_rows_free(g, n);
    assert_int_equal(plans_goal_rows(db, a, &g, &n, &err), KV_OK);
    assert_string_equal(g[0].status, "behaald");
    assert_string_equal(g[0].evaluation, "Gestart bij PostNL");
    plans_goal_rows_free(g, n);
    /* Another caseworker's client is out of reach for these reads too. */
    assert_int_equal(instruments_rows(db, a + 1, &r, &n, &err), KV_EAUTH);
    assert_int_equal(plans_latest(db, a + 1, &plan, &err), KV_EAUTH);
    db_close(db);
}

/* A teamleider reads and reassigns; registering clients is casework. */
static void only_casework_roles_register_clients(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct db *db = fx_open_as(fx, "anna", "anna-wachtwoord");
    assert_int_equal(access_may_add_client(db, &err), KV_OK);
    db_close(db);
    db = fx_open_as(fx, "teun", "teun-wachtwoord");
    assert_int_equal(access_may_add_client(db, &err), KV_EAUTH);
    assert_string_equal(err.msg, "Een teamleider legt geen nieuwe klanten vast.");
    db_close(db);
    db = fx_open(fx); /* the beheerder */
    assert_int_equal(access_may_add_client(db, &err), KV_EAUTH);
    assert_string_equal(err.msg, "Een beheerder legt geen nieuwe klanten vast.");
    db_close(db);
}

static void a_draft_is_kept_per_user_inside_the_file(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct draft d;
    int found;
    long a = fill(fx);
    struct db *db = fx_open_as(fx, "anna", "anna-wachtwoord");
    assert_int_equal(drafts_get(db, &d, &found, &err), KV_OK);
    assert_false(found);
    assert_int_equal(drafts_put(db, "contact", a, 0, 0, "verslag=eerste\n", FX_NOW, &err), KV_OK);
    assert_int_equal(drafts_put(db, "einde", a, 7, 3, "resultaat=Gestopt \\n ok\n", FX_NOW, &err),
                     KV_OK);
    db_close(db);
    db = fx_open_as(fx, "teun", "teun-wachtwoord"); /* another user has none */
    assert_int_equal(drafts_get(db, &d, &found, &err), KV_OK);
    assert_false(found);
    db_close(db);
    db = fx_open_as(fx, "anna", "anna-wachtwoord");
    assert_int_equal(drafts_get(db, &d, &found, &err), KV_OK);
    assert_true(found); /* the newer one replaced the older */
    assert_string_equal(d.kind, "einde");
    assert_int_equal(d.client, a);
    assert_int_equal(d.record, 7);
    assert_int_equal(d.version, 3);
    assert_string_equal(d.body, "resultaat=Gestopt \\n ok\n");
    draft_free(&d);
    assert_int_equal(drafts_drop(db, &err), KV_OK);
    assert_int_equal(drafts_get(db, &d, &found, &err), KV_OK);
    assert_false(found);
    db_close(db);
    /* Not in the file as plaintext. */
    db = fx_open_as(fx, "anna", "anna-wachtwoord");
    assert_int_equal(drafts_put(db, "contact", a, 0, 0, "verslag=GEHEIM-CONCEPT\n", FX_NOW, &err),
                     KV_OK);
    db_close(db);
    size_t len;
    unsigned char *file = fx_read_file(fx->path, &len);
    assert_false(fx_contains(file, len, "GEHEIM-CONCEPT"));
    free(file);
}

static void a_locked_database_opens_again_only_with_the_passphrase(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    fill(fx);
    struct db *db = fx_open_as(fx, "anna", "anna-wachtwoord");
    struct db *same = db;
    db_lock(db);
    assert_true(db_is_locked(db));
    for (int i = 0; i < KV_KEY_BYTES; i++)
        assert_int_equal(db->master[i], 0); /* the master key is wiped */
    assert_null(db->key);
    assert_int_equal(db_unlock(db, "verkeerd", 8, &err), KV_EAUTH);
    assert_true(db_is_locked(db));
    assert_int_equal(db_unlock(db, "anna-wachtwoord", 15, &err), KV_OK);
    assert_ptr_equal(db, same);
    assert_false(db_is_locked(db));
    assert_string_equal(db->user, "anna");
    assert_int_equal(fx_int(db, "SELECT count(*) FROM clients"), 2);
    /* The SQL functions still reach the live struct (they once kept the freed one). */
    assert_int_equal(fx_int(db, "SELECT count(*) FROM clients WHERE kv_status(closed_on, 1,"
                                " NULL, NULL, 0, NULL, NULL, NULL) IS NOT NULL"),
                     2);
    db_lock(db);
    db_close(db); /* closing while locked is fine too */
}

static void search_finds_names_bsn_and_survives_odd_input(void **state)
{
    struct fixture *fx = *state;
    long a = fill(fx); /* Sanne Ölçer, 123456782 */
    struct db *db = fx_open(fx);
    assert_int_equal(found(db, "Sanne", a), 1);
    assert_int_equal(found(db, "olcer san", a), 1); /* diacritics folded, any order, prefixes */
    assert_int_equal(found(db, "ÖLÇ", a), 1);
    assert_int_equal(found(db, "123456782", a), 1);
    assert_int_equal(found(db, "Sanne Kowalski", a), 0); /* every word must match */
    struct kv_error err;
    long *ids;
    size_t n;
    const char *odd[] = {"\"", "a\"b", "AND", "NEAR(", "*", "sanne OR", "-x", "()"};
    for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) { /* never a syntax error */
        assert_int_equal(search_clients(db, odd[i], &ids, &n, &err), KV_OK);
        free(ids);
    }
    assert_int_equal(search_clients(db, "   ", &ids, &n, &err), KV_OK);
    assert_int_equal(n, 0);
    /* The index follows updates. */
    fx_exec(db, "UPDATE clients SET last_name = 'Verhoef' WHERE bsn = '123456782'");
    assert_int_equal(found(db, "verhoef", a), 1);
    assert_int_equal(found(db, "olcer", a), 0);
    db_close(db);
}

static int has_signal(const struct case_file *cf, enum signal_kind k)
{
    struct signal_config cfg;
    struct signal_list l = {0};
    signals_default_config(&cfg);
    assert_int_equal(signals_compute(cf, &cfg, D(2026, 3, 1), &l), 0);
    int n = 0;
    for (size_t i = 0; i < l.n; i++)
        n += l.v[i].kind == k;
    signals_free(&l);
    return n;
}

/* The one client a klantmanager has, loaded. */
static struct caseload *mine(struct db *db)
{
    struct kv_error err;
    struct caseload *c;
    assert_int_equal(caseload_load(db, SCOPE_MINE, &c, &err), KV_OK);
    assert_int_equal(c->n, 1);
    return c;
}

static int informed(struct db *db, long client, long date, struct kv_error *err)
{
    int rc = db_begin(db, err);
    if (rc == KV_OK)
        rc = assignments_informed(db, client, date, D(2026, 3, 1), 0, FX_NOW, err);
    return rc == KV_OK ? db_commit(db, err) : (db_rollback(db), rc);
}

static void a_handover_to_the_same_klantmanager_is_refused_and_the_told_date_ends_it(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    long a = fill(fx); /* anna's, since 6-1 */
    struct db *db = fx_open(fx);
    struct new_user bo = {"bo", "Bo Visser", ROLE_KLANTMANAGER, "Werk"};
    assert_int_equal(keys_user_add(db, &bo, "bo-wachtwoord", 13, &KDF_TEST_MIN, FX_NOW, &err),
                     KV_OK);
    db_close(db);
    db = fx_open_as(fx, "teun", "teun-wachtwoord");
    assert_int_equal(db_begin(db, &err), KV_OK);
    assert_int_equal(
        assignments_open(db, a, "anna", "klantmanager", D(2026, 3, 1), "", NO_DATE, FX_NOW, &err),
        KV_EUSAGE);
    assert_string_equal(err.msg, "anna is al de klantmanager van klant 1; er is niets "
                                 "overgedragen.");
    /* Told tomorrow (FX_NOW is 1-3-2026): not yet. */
    assert_int_equal(assignments_open(db, a, "bo", "klantmanager", D(2026, 3, 1), "", D(2026, 3, 2),
                                      FX_NOW, &err),
                     KV_EUSAGE);
    db_rollback(db);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM assignments WHERE client_id = 1"), 1);
    assert_int_equal(db_begin(db, &err), KV_OK);
    assert_int_equal(assignments_open(db, a, "bo", "klantmanager", D(2026, 3, 1), "Anna vertrekt",
                                      NO_DATE, FX_NOW, &err),
                     KV_OK);
    assert_int_equal(db_commit(db, &err), KV_OK);
    db_close(db);

    db = fx_open_as(fx, "bo", "bo-wachtwoord");
    struct caseload *c = mine(db);
    assert_int_equal(c->files[0].km.handed_over, 1);
    assert_int_equal(c->files[0].km.from, D(2026, 3, 1));
    assert_int_equal(c->files[0].km.informed_on, NO_DATE);
    assert_int_equal(has_signal(&c->files[0], SIG_UNINFORMED), 1);
    caseload_free(c);
    /* Tomorrow is refused; anything else of the assignment is not bo's to change. */
    assert_int_equal(informed(db, a, D(2026, 3, 2), &err), KV_EUSAGE);
    assert_int_equal(db_begin(db, &err), KV_OK);
    fx_exec(db, "UPDATE assignments SET handover_note = 'anders' WHERE to_date IS NULL");
    assert_int_equal(db_commit(db, &err), KV_EAUTH);
    assert_int_equal(informed(db, a, D(2026, 2, 27), &err), KV_OK);
    c = mine(db);
    assert_int_equal(c->files[0].km.informed_on, D(2026, 2, 27));
    assert_int_equal(has_signal(&c->files[0], SIG_UNINFORMED), 0);
    caseload_free(c);
    db_close(db);
    /* anna, who no longer has the client, records nothing for it. */
    db = fx_open_as(fx, "anna", "anna-wachtwoord");
    assert_int_equal(informed(db, a, D(2026, 2, 27), &err), KV_EAUTH);
    db_close(db);
    db = fx_open(fx);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM audit WHERE user = 'bo' AND action = "
                                "'wijziging' AND detail LIKE '%client_informed_on%'"),
                     1);
    db_close(db);
}

/* Waarneming by name: folded as the werkvoorraad's search, among the team's clients. */
static void a_colleagues_client_is_found_by_name(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    long a = fill(fx), b = 2, y; /* Sanne Ölçer (anna), Bram Kowalski (teun) */
    struct db *db = fx_open(fx);
    assert_int_equal(db_begin_bulk(db, "fixture", &err), KV_OK);
    struct client_in c = client("100000022", "Sanne", "Yılmaz");
    assert_int_equal(records_client_add(db, &c, FX_NOW, &y, &err), KV_OK);
    assert_int_equal(
        assignments_open(db, y, "anna", "klantmanager", D(2026, 1, 6), "", NO_DATE, FX_NOW, &err),
        KV_OK);
    assert_int_equal(db_commit(db, &err), KV_OK);
    db_close(db);
    db = fx_open_as(fx, "teun", "teun-wachtwoord");
    long id;
    assert_int_equal(search_client_named(db, "yilmaz", &id, &err), KV_OK);
    assert_int_equal(id, y);
    assert_int_equal(search_client_named(db, "OLCER", &id, &err), KV_OK);
    assert_int_equal(id, a);
    assert_int_equal(search_client_named(db, "kowal", &id, &err), KV_OK);
    assert_int_equal(id, b);
    assert_int_equal(search_client_named(db, "sanne", &id, &err), KV_EUSAGE);
    assert_string_equal(err.msg, "2 klanten passen bij 'sanne': 3 Sanne Yılmaz, 1 Sanne Ölçer. "
                                 "Geef het nummer.");
    assert_int_equal(search_client_named(db, "Jansen", &id, &err), KV_ERR);
    assert_int_equal(id, 0);
    /* Nothing typed names nobody. */
    assert_int_equal(search_client_named(db, "", &id, &err), KV_EUSAGE);
    db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(invalid_records_are_refused_with_the_reason, setup,
                                        fx_teardown),
        cmocka_unit_test_setup_teardown(the_writers_hold_every_record_to_the_rules, setup,
                                        fx_teardown),
        cmocka_unit_test_setup_teardown(a_klantmanager_loads_her_own_caseload_with_every_record,
                                        setup, fx_teardown),
        cmocka_unit_test_setup_teardown(a_teamleider_sees_all_and_reassignment_keeps_history, setup,
                                        fx_teardown),
        cmocka_unit_test_setup_teardown(a_teams_load_reads_the_same_files_as_the_municipality,
                                        setup, fx_teardown),
        cmocka_unit_test_setup_teardown(one_client_loads_under_the_same_access_rule, setup,
                                        fx_teardown),
        cmocka_unit_test_setup_teardown(an_instrument_ends_or_extends_only_from_the_version_read,
                                        setup, fx_teardown),
        cmocka_unit_test_setup_teardown(only_casework_roles_register_clients, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(a_draft_is_kept_per_user_inside_the_file, setup,
                                        fx_teardown),
        cmocka_unit_test_setup_teardown(a_locked_database_opens_again_only_with_the_passphrase,
                                        setup, fx_teardown),
        cmocka_unit_test_setup_teardown(search_finds_names_bsn_and_survives_odd_input, setup,
                                        fx_teardown),
        cmocka_unit_test_setup_teardown(
            a_handover_to_the_same_klantmanager_is_refused_and_the_told_date_ends_it, setup,
            fx_teardown),
        cmocka_unit_test_setup_teardown(a_colleagues_client_is_found_by_name, setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
