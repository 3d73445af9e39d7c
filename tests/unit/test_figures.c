/* test_figures.c: the pressure screen's narrow load (caseload_load_figures) gives the same
 * caseload figures as the full case files (caseload_load), client by client and in
 * total, on a generated demo caseload, on days before, during and after its dates, for a
 * teamleider of one team and for one who sees every team (whose load comes from the
 * per-client summary, figures_summary.h); a patch after a save (caseload_patch, which
 * reads the client narrowly) equals reading everything again; and the summary stays
 * true: every client's file from it equals the client read narrowly, after the demo's
 * bulk write, after a tracked save, after raw untracked SQL on every table the figures
 * read, after a purge, after a user's rename, and past a malformed or old-version row. */
#include "cli/demogen.h"
#include "core/date.h"
#include "core/metrics.h"
#include "crypto/keyslot.h"
#include "storage/caseload.h"
#include "storage/contacts.h"
#include "storage/figures_blob.h"
#include "storage/figures_summary.h"
#include "storage/purge.h"
#include "storage/schema.h"
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

static long compare_with(struct db *db, long today, int summary);

static void same_text(const char *a, const char *b, long client, const char *what)
{
    if (strcmp(a ? a : "", b ? b : "") != 0)
        fail_msg("client %ld: %s '%s' in the full load, '%s' here", client, what, a ? a : "",
                 b ? b : "");
}

static int by_kind_due(const void *a, const void *b)
{
    const struct signal *x = a, *y = b;
    if (x->kind != y->kind)
        return (x->kind > y->kind) - (x->kind < y->kind);
    if (x->due != y->due)
        return (x->due > y->due) - (x->due < y->due);
    return (x->severity > y->severity) - (x->severity < y->severity);
}

/* What the team's werkvoorraad shows of client i (view_caseload.c reads the summary):
 * the same names, BSN, indeling, klantmanager and doelgroepen (its filter), and the same
 * signals by kind, due day and severity, as the full load gives. */
static void same_list_row(struct db *db, const struct caseload *full, const struct caseload *cut,
                          size_t i, long today)
{
    const struct client_summary *a = &full->clients[i], *b = &cut->clients[i];
    same_text(a->name, b->name, a->id, "name");
    same_text(a->bsn_masked, b->bsn_masked, a->id, "BSN");
    same_text(a->classification, b->classification, a->id, "indeling");
    same_text(a->caseworker, b->caseworker, a->id, "klantmanager");
    same_text(a->doelgroepen, b->doelgroepen, a->id, "doelgroepen");
    struct kv_error err;
    struct caseload one_a = {1, &full->files[i], &full->clients[i], NULL};
    struct caseload one_b = {1, &cut->files[i], &cut->clients[i], NULL};
    struct signal_list sa = {0}, sb = {0};
    size_t *fa = NULL, *fb = NULL;
    assert_int_equal(caseload_signals(db, &one_a, today, &sa, &fa, &err), KV_OK);
    assert_int_equal(caseload_signals(db, &one_b, today, &sb, &fb, &err), KV_OK);
    if (sa.n != sb.n)
        fail_msg("client %ld: %zu signals in the full load, %zu here", a->id, sa.n, sb.n);
    /* In any order: the list takes the earliest and counts by severity. */
    qsort(sa.v, sa.n, sizeof *sa.v, by_kind_due);
    qsort(sb.v, sb.n, sizeof *sb.v, by_kind_due);
    for (size_t k = 0; k < sa.n; k++)
        if (sa.v[k].kind != sb.v[k].kind || sa.v[k].due != sb.v[k].due ||
            sa.v[k].severity != sb.v[k].severity)
            fail_msg("client %ld: signal %zu differs", a->id, k);
    free(fa);
    free(fb);
    signals_free(&sa);
    signals_free(&sb);
}

static void same_counts(const struct count_by *a, size_t na, const struct count_by *b, size_t nb)
{
    assert_int_equal(na, nb);
    for (size_t i = 0; i < na; i++) {
        same_text(a[i].key, b[i].key, 0, "uitstroom key");
        assert_int_equal(a[i].clients, b[i].clients);
    }
}

/* The uitstroom report (cmd_report.c) on both loads: the same counts for the period. */
static int same_outflow(const struct caseload *full, const struct caseload *cut, long from, long to)
{
    struct metrics_client *ma = caseload_metrics_clients(full);
    struct metrics_client *mb = caseload_metrics_clients(cut);
    assert_non_null(ma);
    assert_non_null(mb);
    struct outflow_metrics a, b;
    metrics_outflow(ma, full->n, from, to, &a);
    metrics_outflow(mb, cut->n, from, to, &b);
    assert_int_equal(a.clients, b.clients);
    assert_int_equal(a.to_work, b.to_work);
    same_counts(a.by_reason, a.n_reason, b.by_reason, b.n_reason);
    same_counts(a.by_route, a.n_route, b.by_route, b.n_route);
    free(ma);
    free(mb);
    return a.clients;
}

/* The narrow load and the pressure screen's (from the summary, figures_summary_load) each
 * against the full load on db's day `today`, client by client and in total; returns the
 * signals counted, so the caller can see the days were not empty ones. */
static long compare(struct db *db, long today)
{
    compare_with(db, today, 1);
    return compare_with(db, today, 0);
}

static long compare_with(struct db *db, long today, int summary)
{
    struct kv_error err;
    struct caseload *full = NULL, *narrow = NULL;
    db->today = today; /* the clients' status is derived for this day too */
    assert_int_equal(caseload_load(db, SCOPE_ALL, &full, &err), KV_OK);
    assert_int_equal(summary ? figures_summary_load(db, &narrow, &err)
                             : caseload_load_figures(db, SCOPE_ALL, &narrow, &err),
                     KV_OK);
    assert_int_equal(full->n, narrow->n);
    assert_true(full->n > 50);
    for (size_t i = 0; i < full->n; i++) {
        struct caseworker_metrics *a = NULL, *b = NULL;
        size_t na = 0, nb = 0;
        assert_int_equal(full->clients[i].id, narrow->clients[i].id);
        /* The status too, though aanmelding and actief give the same signals. */
        assert_int_equal(full->files[i].client.status, narrow->files[i].client.status);
        same_list_row(db, full, narrow, i, today);
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
    counted += same_outflow(full, narrow, D(2000, 1, 1), today);
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
    assert_int_equal(figures_summary_load(db, &cl, &err), KV_OK);
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
    assert_int_equal(figures_summary_load(db, &again, &err), KV_OK);
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

/* ---- the per-client summary ------------------------------------------------------- */

/* Client i's file, summary and status as bytes (figures_blob, the status facts and
 * klantmanager apart), to compare two loads of it field by field. */
static unsigned char *file_bytes(const struct caseload *c, size_t i, size_t *n)
{
    struct status_facts none = {0};
    unsigned char *b = NULL;
    assert_int_equal(figures_blob_encode(&c->files[i], &c->clients[i], &none, 0, &b, n), 0);
    return b;
}

/* Every client of the municipality as the pressure screen loads it for tl.alle
 * (figures_summary_load, from the summary rows) equals the client read narrowly on its own
 * (caseload_load_client_figures, which never reads the summary): every record, the status, the
 * klantmanager's name; and the figures of the whole equal the full load's on a few days. Returns
 * the clients. */
static size_t summary_is_true(struct fixture *fx)
{
    struct kv_error err;
    struct db *db = fx_open_as(fx, "tl.alle", PASS);
    struct caseload *cl = NULL;
    assert_int_equal(figures_summary_load(db, &cl, &err), KV_OK);
    assert_int_equal((long)cl->n, fx_int(db, "SELECT count(*) FROM clients"));
    for (size_t i = 0; i < cl->n; i++) {
        struct caseload *one = NULL;
        assert_int_equal(caseload_load_client_figures(db, cl->clients[i].id, &one, &err), KV_OK);
        size_t na = 0, nb = 0;
        unsigned char *a = file_bytes(cl, i, &na), *b = file_bytes(one, 0, &nb);
        if (na != nb || memcmp(a, b, na) != 0)
            fail_msg("client %ld: its summary differs from its records", cl->clients[i].id);
        assert_int_equal(cl->files[i].client.status, one->files[0].client.status);
        assert_string_equal(cl->clients[i].caseworker, one->clients[0].caseworker);
        free(a);
        free(b);
        caseload_free(one);
    }
    size_t n = cl->n;
    caseload_free(cl);
    const long days[] = {D(2025, 6, 15), D(2026, 3, 1), D(2027, 6, 1)};
    for (size_t i = 0; i < sizeof days / sizeof days[0]; i++)
        compare(db, days[i]);
    db_close(db);
    return n;
}

/* After a commit through the pipeline: nothing stale, one row per client, none else. */
static void summary_current(struct db *db)
{
    assert_int_equal(fx_int(db, "SELECT count(*) FROM figures_dirty"), 0);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM figures_summary"),
                     fx_int(db, "SELECT count(*) FROM clients"));
    assert_int_equal(fx_int(db, "SELECT count(*) FROM figures_summary WHERE client_id NOT IN "
                                "(SELECT id FROM clients)"),
                     0);
}

/* A contact saved by the klantmanager of the client with the lowest id that has one: a
 * tracked commit, which refreshes every stale row. */
static void tracked_save(struct fixture *fx)
{
    struct kv_error err;
    struct db *db = fx_open(fx);
    char user[64];
    long client = fx_int(db, "SELECT min(client_id) FROM assignments WHERE to_date IS NULL "
                             "AND role_in_case = 'klantmanager'");
    sqlite3_stmt *st;
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT u.name FROM assignments a JOIN users u ON u.id = a.user_id WHERE "
             "a.client_id = %ld AND a.to_date IS NULL AND a.role_in_case = 'klantmanager'",
             client);
    assert_int_equal(sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    snprintf(user, sizeof user, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    db_close(db);
    struct db *km = fx_open_as(fx, user, PASS);
    assert_int_equal(db_begin(km, &err), KV_OK);
    assert_int_equal(
        contacts_add(km, client, D(2026, 3, 1), "telefoon", "", "", FX_NOW, NULL, &err), KV_OK);
    assert_int_equal(db_commit(km, &err), KV_OK);
    summary_current(km);
    db_close(km);
}

static void the_demo_leaves_a_current_summary_of_every_client(void **state)
{
    struct fixture *fx = *state;
    struct db *db = fx_open(fx);
    summary_current(db);
    db_close(db);
    assert_true(summary_is_true(fx) > 50);
}

static void a_tracked_save_leaves_the_summary_current(void **state)
{
    struct fixture *fx = *state;
    tracked_save(fx);
    summary_is_true(fx);
}

/* Raw SQL, outside the pipeline, on every table the figures read, each on another
 * client: the triggers mark each client stale; the reader reads them narrowly meanwhile;
 * the next tracked commit rewrites their rows. */
/* tmpl with each #C replaced by the client's id. */
static void with_client(char *out, size_t n, const char *tmpl, long client)
{
    size_t k = 0;
    for (const char *t = tmpl; *t && k + 24 < n; t++) {
        if (t[0] == '#' && t[1] == 'C') {
            k += (size_t)snprintf(out + k, n - k, "%ld", client);
            t++;
        } else
            out[k++] = *t;
    }
    out[k] = '\0';
}

static void raw_sql_on_every_table_marks_the_client_and_the_next_commit_refreshes(void **state)
{
    struct fixture *fx = *state;
    struct db *db = fx_open(fx);
    /* The n-th client that has a record in the table (by the query's first column). */
    static const struct {
        const char *pick, *change;
    } raw[] = {
        {"SELECT min(id) FROM clients", "UPDATE clients SET contact_verified_on = '2019-01-01' "
                                        "WHERE id = #C"},
        {"SELECT min(client_id) FROM classifications WHERE axis = 'indeling' AND client_id > 3",
         "INSERT INTO classifications (client_id, axis, date, code, created_at, updated_at, "
         "updated_by) VALUES (#C, 'indeling', '2099-01-01', 'meedoen', 'x', 'x', 'x')"},
        {"SELECT max(client_id) FROM assignments WHERE to_date IS NULL AND role_in_case = "
         "'klantmanager'",
         "UPDATE assignments SET client_informed_on = NULL, to_date = '2026-02-01' WHERE "
         "client_id = #C AND to_date IS NULL"},
        {"SELECT max(client_id) FROM intakes", "DELETE FROM intakes WHERE client_id = #C"},
        {"SELECT min(client_id) FROM plans WHERE client_id > 10",
         "DELETE FROM goals WHERE plan_id IN "
         "(SELECT id FROM plans WHERE client_id = #C); DELETE FROM plans WHERE client_id = "
         "#C"},
        {"SELECT max(client_id) FROM goals WHERE status = 'open' AND deadline IS NOT NULL",
         "UPDATE goals SET deadline = '2020-01-01' WHERE client_id = #C"},
        {"SELECT max(client_id) FROM client_instruments WHERE actual_end IS NULL",
         "UPDATE client_instruments SET planned_end = '2099-12-31' WHERE client_id = #C"},
        {"SELECT max(client_id) FROM contacts", "DELETE FROM agreements WHERE contact_id IN "
                                                "(SELECT id FROM contacts WHERE client_id = "
                                                "#C); DELETE FROM contacts WHERE client_id = "
                                                "#C"},
        {"SELECT min(id) + 4 FROM clients", "INSERT INTO agreements (client_id, text, due, "
                                            "created_at, updated_at, updated_by) VALUES (#C, "
                                            "'x', '2020-02-02', 'x', 'x', 'x')"},
        {"SELECT max(client_id) FROM outflows",
         "UPDATE outflows SET date = '2024-01-01', contract_end = '2026-03-10' WHERE client_id "
         "= #C"},
        {"SELECT min(client_id) FROM nazorg", "UPDATE nazorg SET end = NULL, consent = 1, "
                                              "start = '2026-01-01' WHERE client_id = #C"},
        {"SELECT min(client_id) FROM outflows",
         "INSERT INTO followups (outflow_id, months, date, created_at, updated_at, updated_by) "
         "SELECT id, 3, '2026-02-01', 'x', 'x', 'x' FROM outflows WHERE client_id = #C LIMIT 1"},
        {"SELECT min(id) + 1 FROM clients", "INSERT INTO requests (client_id, date, what, "
                                            "created_at, updated_at, updated_by) VALUES (#C, "
                                            "'2026-01-01', 'x', 'x', 'x', 'x')"},
        {"SELECT min(id) + 2 FROM clients", "INSERT INTO reminders (client_id, due, text, "
                                            "created_at, updated_at, updated_by) VALUES (#C, "
                                            "'2026-02-01', 'x', 'x', 'x', 'x')"},
        {"SELECT min(id) + 3 FROM clients",
         "INSERT INTO signal_acks (client_id, kind, due, done, created_at, updated_at, "
         "updated_by) VALUES (#C, 'contactnorm', '2026-03-01', 1, 'x', 'x', 'x')"},
        {"SELECT min(id) + 5 FROM clients",
         "INSERT OR IGNORE INTO client_doelgroepen (client_id, code) VALUES (#C, 'statushouder')"},
        {"SELECT max(client_id) FROM client_doelgroepen",
         "DELETE FROM client_doelgroepen WHERE client_id = #C"},
        {"SELECT min(client_id) FROM client_instruments WHERE actual_end IS NULL AND status <> "
         "'gepland'",
         "UPDATE instrument_catalogue SET max_days = 1 WHERE id = (SELECT catalogue_id FROM "
         "client_instruments WHERE client_id = #C AND actual_end IS NULL AND status <> "
         "'gepland' LIMIT 1)"},
    };
    fx_exec(db, "PRAGMA foreign_keys = OFF");
    fx_exec(db, "CREATE TEMP TABLE marked (id INTEGER PRIMARY KEY)");
    for (size_t i = 0; i < sizeof raw / sizeof raw[0]; i++) {
        long client = fx_int(db, raw[i].pick);
        if (client <= 0)
            fail_msg("no client for: %s", raw[i].pick);
        char sql[1024];
        with_client(sql, sizeof sql, raw[i].change, client);
        fx_exec(db, "DELETE FROM figures_dirty");
        fx_exec(db, sql);
        snprintf(sql, sizeof sql, "SELECT count(*) FROM figures_dirty WHERE client_id = %ld",
                 client);
        if (fx_int(db, sql) != 1)
            fail_msg("no trigger marked client %ld after: %s", client, raw[i].change);
        /* Marked again below, all at once, for the reader and the refresh. */
        snprintf(sql, sizeof sql, "INSERT OR IGNORE INTO marked VALUES (%ld)", client);
        fx_exec(db, sql);
    }
    fx_exec(db, "INSERT OR IGNORE INTO figures_dirty SELECT id FROM marked");
    assert_true(fx_int(db, "SELECT count(*) FROM figures_dirty") >= 10);
    db_close(db);
    summary_is_true(fx); /* the marked clients read narrowly */
    tracked_save(fx);
    summary_is_true(fx); /* their rows rewritten */
}

/* The beheerder purges the clients closed before a date: their rows go with them. */
static void a_purge_takes_the_purged_clients_rows(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct db *db = fx_open(fx);
    fx_exec(db, "UPDATE clients SET status = 'afgesloten', closed_on = '2010-01-01' WHERE id "
                "IN (SELECT id FROM clients ORDER BY id DESC LIMIT 3)");
    long before = fx_int(db, "SELECT count(*) FROM figures_summary");
    size_t purged = 0;
    assert_int_equal(purge_run(db, "2011-01-01", &purged, &err), KV_OK);
    assert_true(purged >= 3);
    summary_current(db);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM figures_summary"), before - (long)purged);
    db_close(db);
    summary_is_true(fx);
}

/* A renamed user (raw SQL: users has no trigger) is named by the new name at once, and a
 * malformed row or a row of another version is read narrowly instead. */
static void a_rename_and_bad_rows_still_give_the_true_figures(void **state)
{
    struct fixture *fx = *state;
    struct db *db = fx_open(fx);
    fx_exec(db, "UPDATE users SET name = 'km.b.nieuw' WHERE name = 'km.b'");
    assert_int_equal(fx_int(db, "SELECT count(*) FROM figures_dirty"), 0);
    fx_exec(db, "UPDATE figures_summary SET facts = x'01ffff' WHERE client_id = (SELECT "
                "min(client_id) FROM figures_summary)");
    fx_exec(db, "UPDATE figures_summary SET v = 0 WHERE client_id = (SELECT max(client_id) "
                "FROM figures_summary)");
    fx_exec(db, "UPDATE figures_summary SET facts = x'00' || substr(facts, 2) WHERE client_id "
                "= (SELECT max(client_id) - 1 FROM figures_summary)");
    db_close(db);
    struct kv_error err;
    struct db *tl = fx_open_as(fx, "tl.alle", PASS);
    struct caseload *cl = NULL;
    assert_int_equal(figures_summary_load(tl, &cl, &err), KV_OK);
    int renamed = 0;
    for (size_t i = 0; i < cl->n; i++) {
        assert_string_not_equal(cl->clients[i].caseworker, "km.b");
        renamed += strcmp(cl->clients[i].caseworker, "km.b.nieuw") == 0;
    }
    assert_true(renamed > 0);
    caseload_free(cl);
    db_close(tl);
    summary_is_true(fx);
    db = fx_open(fx);
    fx_exec(db, "UPDATE users SET name = 'km.b' WHERE name = 'km.b.nieuw'");
    db_close(db);
}

/* The indexes of the migration after SCHEMA_FIGURES_REFILL, dropped to put a file back. */
#define DROP_LATER                                                                                 \
    "DROP INDEX goals_plan; DROP INDEX client_instruments_goal; DROP INDEX "                       \
    "client_instruments_catalogue; DROP INDEX agreements_client; DROP INDEX agreements_contact; "  \
    "DROP INDEX outflows_instrument; DROP INDEX nazorg_client; DROP INDEX followups_outflow; "     \
    "DROP INDEX requests_client; DROP INDEX reminders_client; "

/* A file from before the summary (its tables and triggers dropped, the version put back):
 * the first open migrates it and writes every client's row. */
static void the_migration_fills_every_clients_row(void **state)
{
    struct fixture *fx = *state;
    struct db *db = fx_open(fx);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db->sql,
                                        "SELECT group_concat('DROP TRIGGER ' || name, ';') FROM "
                                        "sqlite_schema WHERE type = 'trigger' AND name LIKE "
                                        "'%\\_figures\\_a_' ESCAPE '\\'",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    char *drop = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    fx_exec(db, drop);
    sqlite3_free(drop);
    char sql[1024];
    snprintf(sql, sizeof sql,
             DROP_LATER "DROP TABLE figures_summary; DROP TABLE figures_dirty; PRAGMA "
                        "user_version = %d",
             SCHEMA_FIGURES - 1);
    fx_exec(db, sql);
    db_close(db);
    db = fx_open(fx);
    assert_int_equal(schema_version(db->sql), schema_latest());
    summary_current(db);
    db_close(db);
    summary_is_true(fx);
}

/* A file whose rows predate the doelgroepen in them (version SCHEMA_FIGURES_REFILL - 1,
 * rows of the blob's version before): the first open marks and rewrites every row. */
static void a_refill_migration_rewrites_every_row(void **state)
{
    struct fixture *fx = *state;
    struct db *db = fx_open(fx);
    char sql[1024];
    snprintf(sql, sizeof sql,
             DROP_LATER
             "DROP TRIGGER client_doelgroepen_figures_ai; DROP TRIGGER "
             "client_doelgroepen_figures_au; DROP TRIGGER client_doelgroepen_figures_ad; "
             "UPDATE figures_summary SET v = %d; PRAGMA user_version = %d",
             FIGURES_BLOB_VERSION - 1, SCHEMA_FIGURES_REFILL - 1);
    fx_exec(db, sql);
    assert_true(fx_int(db, "SELECT count(*) FROM client_doelgroepen") > 10);
    db_close(db);
    db = fx_open(fx);
    assert_int_equal(schema_version(db->sql), schema_latest());
    summary_current(db);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM figures_summary WHERE v <> %d",
             FIGURES_BLOB_VERSION);
    assert_int_equal(fx_int(db, sql), 0);
    db_close(db);
    summary_is_true(fx);
}

/* check's comparison (figures_summary_verify): a current summary is in order; a changed,
 * a missing and a stray row are each wrong, the lowest named; a marked client only waits;
 * the rebuild (check --repair) makes it right again. */
static void check_finds_wrong_summary_rows_and_repair_rewrites_them(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct summary_verdict v;
    struct db *db = fx_open(fx);
    long clients = fx_int(db, "SELECT count(*) FROM clients");
    long low = fx_int(db, "SELECT min(client_id) FROM figures_summary");
    assert_int_equal(figures_summary_verify(db, &v, &err), KV_OK);
    assert_int_equal(v.rows, clients);
    assert_int_equal(v.wrong, 0);
    assert_int_equal(v.stale, 0);
    char sql[400];
    snprintf(sql, sizeof sql,
             "UPDATE figures_summary SET facts = facts || x'00' "
             "WHERE client_id = %ld + 3; DELETE FROM figures_summary WHERE client_id = %ld + 7; "
             "INSERT INTO figures_summary VALUES (999999, %d, x'00'); "
             "DELETE FROM figures_dirty; INSERT INTO figures_dirty VALUES (%ld + 9)",
             low, low, FIGURES_BLOB_VERSION, low);
    fx_exec(db, sql);
    assert_int_equal(figures_summary_verify(db, &v, &err), KV_OK);
    assert_int_equal(v.wrong, 3);
    assert_int_equal(v.first_wrong, low + 3);
    assert_int_equal(v.stale, 1);
    assert_int_equal(figures_summary_rebuild(db, &err), KV_OK);
    assert_int_equal(figures_summary_verify(db, &v, &err), KV_OK);
    assert_int_equal(v.wrong, 0);
    assert_int_equal(v.stale, 0);
    assert_int_equal(v.rows, clients);
    db_close(db);
    summary_is_true(fx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* First: the tests after it write to the file. */
        cmocka_unit_test(the_demo_leaves_a_current_summary_of_every_client),
        cmocka_unit_test(a_teamleider_of_one_team_gets_the_same_figures),
        cmocka_unit_test(a_teamleider_of_every_team_gets_the_same_figures),
        cmocka_unit_test(a_patch_after_a_save_equals_reading_everything_again),
        cmocka_unit_test(old_files_choose_the_klantmanager_as_the_full_load_does),
        cmocka_unit_test(a_tracked_save_leaves_the_summary_current),
        cmocka_unit_test(raw_sql_on_every_table_marks_the_client_and_the_next_commit_refreshes),
        cmocka_unit_test(a_purge_takes_the_purged_clients_rows),
        cmocka_unit_test(a_rename_and_bad_rows_still_give_the_true_figures),
        cmocka_unit_test(the_migration_fills_every_clients_row),
        cmocka_unit_test(a_refill_migration_rewrites_every_row),
        cmocka_unit_test(check_finds_wrong_summary_rows_and_repair_rewrites_them),
    };
    return cmocka_run_group_tests(tests, setup, fx_teardown);
}
