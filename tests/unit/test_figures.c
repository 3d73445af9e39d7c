/* test_figures.c: the pressure screen's narrow load (caseload_load_figures) gives the same
 * caseload figures as the full case files (caseload_load), client by client and in
 * total, on a generated demo caseload, on days before, during and after its dates, for a
 * teamleider of one team and for one who sees every team; and a patch after a save
 * (caseload_patch, which reads the client narrowly) equals reading everything again. */
#include "cli/demogen.h"
#include "core/date.h"
#include "crypto/keyslot.h"
#include "storage/caseload.h"
#include "storage/contacts.h"
#include "storage/keys.h"
#include "storage/txn.h"
#include "tests/unit/fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#define PASS "figures-wachtwoord"

static const char *const caseworkers[] = {"km.a", "km.b", "km.c", "km.d", "km.e", "km.f"};

static int setup(void **state)
{
    fx_setup_created(state);
    struct fixture *fx = *state;
    struct kv_error err;
    struct db *db = fx_open(fx);
    const struct new_user users[] = {
        {"km.a", "A", ROLE_KLANTMANAGER, "Werk"},
        {"km.b", "B", ROLE_KLANTMANAGER, "Werk"},
        {"km.c", "C", ROLE_KLANTMANAGER, "Werk"},
        {"km.d", "D", ROLE_KLANTMANAGER, "Meedoen"},
        {"km.e", "E", ROLE_KLANTMANAGER, "Meedoen"},
        {"km.f", "F", ROLE_KLANTMANAGER, "Perspectief"},
        {"tl.werk", "Teamleider Werk", ROLE_TEAMLEIDER, "Werk"},
        {"tl.alle", "Teamleider zonder team", ROLE_TEAMLEIDER, ""},
    };
    for (size_t i = 0; i < sizeof users / sizeof users[0]; i++)
        assert_int_equal(
            keys_user_add(db, &users[i], PASS, strlen(PASS), &KDF_TEST_MIN, FX_NOW, &err), KV_OK);
    long today;
    assert_true(date_parse("2026-03-01", &today));
    struct demogen g = {20261122ULL, today, FX_NOW, caseworkers, 6, 400, NULL};
    assert_int_equal(demogen_run(db, &g, &err), KV_OK);
    db_close(db);
    return 0;
}

static long D(int y, int m, int d)
{
    return date_days(y, m, d);
}

static void same_rows(const struct caseworker_metrics *a, size_t na,
                      const struct caseworker_metrics *b, size_t nb)
{
    assert_int_equal(na, nb);
    for (size_t i = 0; i < na; i++) {
        if (a[i].caseworker == NULL || b[i].caseworker == NULL)
            assert_ptr_equal(a[i].caseworker, b[i].caseworker);
        else
            assert_string_equal(a[i].caseworker, b[i].caseworker);
        assert_int_equal(a[i].clients, b[i].clients);
        assert_true(a[i].load == b[i].load);
        assert_int_equal(a[i].signals_overdue, b[i].signals_overdue);
        assert_int_equal(a[i].signals_due_soon, b[i].signals_due_soon);
        assert_int_equal(a[i].clients_with_overdue, b[i].clients_with_overdue);
        assert_int_equal(a[i].contact_beyond_norm, b[i].contact_beyond_norm);
        assert_int_equal(a[i].nazorg_running, b[i].nazorg_running);
        assert_int_equal(a[i].handovers, b[i].handovers);
        assert_int_equal(a[i].uninformed, b[i].uninformed);
    }
}

/* Both loads on db's day `today`, compared client by client and in total; returns the
 * signals counted, so the caller can see the days were not empty ones. */
static long compare(struct db *db, long today)
{
    struct kv_error err;
    struct caseload *full = NULL, *narrow = NULL;
    db->today = today; /* the clients' status is derived for this day too */
    assert_int_equal(caseload_load(db, SCOPE_ALL, &full, &err), KV_OK);
    assert_int_equal(caseload_load_figures(db, SCOPE_ALL, &narrow, &err), KV_OK);
    assert_int_equal(full->n, narrow->n);
    assert_true(full->n > 50);
    for (size_t i = 0; i < full->n; i++) {
        struct caseworker_metrics *a = NULL, *b = NULL;
        size_t na = 0, nb = 0;
        assert_int_equal(full->clients[i].id, narrow->clients[i].id);
        /* The status too, though aanmelding and actief give the same signals. */
        assert_int_equal(full->files[i].client.status, narrow->files[i].client.status);
        assert_int_equal(caseload_metrics_one(db, full, i, today, &a, &na, &err), KV_OK);
        assert_int_equal(caseload_metrics_one(db, narrow, i, today, &b, &nb, &err), KV_OK);
        same_rows(a, na, b, nb);
        free(a);
        free(b);
    }
    struct caseworker_metrics *a = NULL, *b = NULL;
    size_t na = 0, nb = 0;
    assert_int_equal(caseload_metrics(db, full, today, &a, &na, &err), KV_OK);
    assert_int_equal(caseload_metrics(db, narrow, today, &b, &nb, &err), KV_OK);
    same_rows(a, na, b, nb);
    long counted = a[na - 1].signals_overdue + a[na - 1].signals_due_soon +
                   a[na - 1].nazorg_running + a[na - 1].handovers + a[na - 1].uninformed;
    free(a);
    free(b);
    caseload_free(full);
    caseload_free(narrow);
    return counted;
}

static void check_user(struct fixture *fx, const char *user)
{
    struct db *db = fx_open_as(fx, user, PASS);
    const long days[] = {D(2020, 1, 1),  D(2025, 6, 15), D(2026, 2, 1), D(2026, 3, 1),
                         D(2026, 3, 20), D(2026, 9, 1),  D(2027, 6, 1), D(2031, 1, 1)};
    long counted = 0;
    for (size_t i = 0; i < sizeof days / sizeof days[0]; i++)
        counted += compare(db, days[i]);
    assert_true(counted > 100);
    db_close(db);
}

static void a_teamleider_of_one_team_gets_the_same_figures(void **state)
{
    check_user(*state, "tl.werk");
}

static void a_teamleider_of_every_team_gets_the_same_figures(void **state)
{
    check_user(*state, "tl.alle");
}

/* A file from before assignments_open refused them: a client with two open klantmanager
 * assignments (the latest from-date counts, then the highest id), and one whose
 * klantmanager had the client before (not a handover: no one else did) and who has two
 * outflows, the earlier one stored last. */
static void old_files_choose_the_klantmanager_as_the_full_load_does(void **state)
{
    struct fixture *fx = *state;
    struct db *db = fx_open(fx);
    long a = fx_int(db, "SELECT min(client_id) FROM assignments WHERE to_date IS NULL AND "
                        "role_in_case = 'klantmanager' AND client_id NOT IN (SELECT client_id "
                        "FROM assignments WHERE to_date IS NOT NULL)");
    long b = fx_int(db, "SELECT max(client_id) FROM assignments WHERE to_date IS NULL AND "
                        "role_in_case = 'klantmanager' AND client_id NOT IN (SELECT client_id "
                        "FROM assignments WHERE to_date IS NOT NULL)");
    assert_true(a > 0 && b > a);
    char sql[1024];
    snprintf(sql, sizeof sql,
             "INSERT INTO assignments (client_id, user_id, role_in_case, from_date, to_date, "
             "created_at, updated_at, updated_by) VALUES "
             "(%ld, (SELECT id FROM users WHERE name = 'km.e'), 'klantmanager', '2000-01-01', "
             "NULL, 'x', 'x', 'x'), "
             "(%ld, (SELECT id FROM users WHERE name = 'km.f'), 'klantmanager', '2099-01-01', "
             "NULL, 'x', 'x', 'x'), "
             "(%ld, (SELECT user_id FROM assignments WHERE client_id = %ld AND to_date IS NULL), "
             "'klantmanager', '2001-01-01', '2001-06-01', 'x', 'x', 'x')",
             a, a, b, b);
    fx_exec(db, sql);
    /* Two outflows: the later one counts for the status (not the return after the first). */
    snprintf(sql, sizeof sql,
             "INSERT INTO outflows (client_id, date, reason, returned_on, created_at, "
             "updated_at, updated_by) VALUES (%ld, '2026-01-10', 'werk', NULL, 'x', 'x', 'x'), "
             "(%ld, '2025-01-10', 'werk', '2025-06-01', 'x', 'x', 'x')",
             b, b);
    fx_exec(db, sql);
    db_close(db);
    check_user(fx, "tl.alle");
}

/* A contact saved for a client: the patched figures (the client read narrowly) equal the
 * figures of everything read again, narrow and full alike. */
static void a_patch_after_a_save_equals_reading_everything_again(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct db *db = fx_open_as(fx, "tl.alle", PASS);
    long today = D(2026, 3, 1); /* the day of FX_NOW, which the writers hold dates to */
    db->today = today;
    struct caseload *cl = NULL, *kept = NULL, *again = NULL, *full = NULL;
    struct caseworker_metrics *m = NULL, *now = NULL, *ref = NULL;
    size_t nm = 0, nnow = 0, nref = 0;
    int unassigned = 0;
    assert_int_equal(caseload_load_figures(db, SCOPE_ALL, &cl, &err), KV_OK);
    assert_int_equal(caseload_metrics(db, cl, today, &m, &nm, &err), KV_OK);
    size_t ncw = pressure_take_unassigned(m, nm - 1, &unassigned);
    /* A client whose contact norm is overdue: the new contact changes the figures. */
    size_t pick = cl->n;
    for (size_t i = 0; i < cl->n && pick == cl->n; i++) {
        struct caseworker_metrics *one = NULL;
        size_t n1 = 0;
        assert_int_equal(caseload_metrics_one(db, cl, i, today, &one, &n1, &err), KV_OK);
        if (one[n1 - 1].contact_beyond_norm && *cl->clients[i].caseworker)
            pick = i;
        free(one);
    }
    assert_true(pick < cl->n);
    long client = cl->clients[pick].id;
    /* Saved by the client's klantmanager (a teamleider records no contacts). */
    struct db *km = fx_open_as(fx, cl->clients[pick].caseworker, PASS);
    assert_int_equal(db_begin(km, &err), KV_OK);
    assert_int_equal(contacts_add(km, client, today, "telefoon", "", "", FX_NOW, NULL, &err),
                     KV_OK);
    assert_int_equal(db_commit(km, &err), KV_OK);
    db_close(km);
    assert_int_equal(caseload_patch(db, cl, client, today, m, ncw, &unassigned, &kept, &err),
                     KV_OK);
    assert_int_equal(caseload_load_figures(db, SCOPE_ALL, &again, &err), KV_OK);
    assert_int_equal(caseload_metrics(db, again, today, &now, &nnow, &err), KV_OK);
    assert_int_equal(caseload_load(db, SCOPE_ALL, &full, &err), KV_OK);
    assert_int_equal(caseload_metrics(db, full, today, &ref, &nref, &err), KV_OK);
    same_rows(now, nnow, ref, nref);
    int unassigned_now = 0;
    size_t ncw_now = pressure_take_unassigned(now, nnow - 1, &unassigned_now);
    assert_int_equal(unassigned, unassigned_now);
    same_rows(m, ncw, now, ncw_now);
    free(m);
    free(now);
    free(ref);
    caseload_free(kept);
    caseload_free(cl);
    caseload_free(again);
    caseload_free(full);
    db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_teamleider_of_one_team_gets_the_same_figures),
        cmocka_unit_test(a_teamleider_of_every_team_gets_the_same_figures),
        cmocka_unit_test(a_patch_after_a_save_equals_reading_everything_again),
        cmocka_unit_test(old_files_choose_the_klantmanager_as_the_full_load_does),
    };
    return cmocka_run_group_tests(tests, setup, fx_teardown);
}
