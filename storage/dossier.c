#include "storage/dossier.h"

#include <string.h>

/* Each record kind: its key in the dossier, its query (?1 = client id, or the parent's id
 * for nested kinds; the first column is the internal id, named _id, not exported), and
 * its nested kinds. Columns named in the SELECT are the dossier's keys. Bookkeeping
 * columns travel along, so a record keeps who made it and when. */
struct spec {
    const char *key;
    const char *sql;
    const struct spec *children;
};

#define BK ", created_at, updated_at, updated_by"

static const struct spec barrier_spec[] = {
    {"barriers", "SELECT id AS _id, kind, approach" BK " FROM intake_barriers WHERE intake_id = ?1 "
                 "ORDER BY id", NULL},
    {NULL, NULL, NULL}};
static const struct spec goal_spec[] = {
    {"goals", "SELECT id AS _id, specifiek, meetbaar, acceptabel, realistisch, tijdgebonden, "
              "deadline, status, evaluation" BK " FROM goals WHERE plan_id = ?1 ORDER BY id", NULL},
    {NULL, NULL, NULL}};
static const struct spec extension_spec[] = {
    {"extensions", "SELECT id AS _id, old_end, new_end, reason" BK " FROM instrument_extensions "
                   "WHERE instrument_id = ?1 ORDER BY id", NULL},
    {NULL, NULL, NULL}};
static const struct spec followup_spec[] = {
    {"followups", "SELECT id AS _id, months, date, still_off_benefit, note" BK " FROM followups "
                  "WHERE outflow_id = ?1 ORDER BY months", NULL},
    {NULL, NULL, NULL}};

/* Position of a referenced record among the client's records of that kind, in the order
 * they are exported. Goals are numbered across all plans. */
#define GOAL_POS(col) \
    "(SELECT n FROM (SELECT g.id, row_number() OVER (ORDER BY p.id, g.id) - 1 AS n FROM goals g " \
    "JOIN plans p ON p.id = g.plan_id WHERE g.client_id = ?1) WHERE id = " col ")"
#define POS(table, order, col) \
    "(SELECT n FROM (SELECT id, row_number() OVER (ORDER BY " order ") - 1 AS n FROM " table \
    " WHERE client_id = ?1) WHERE id = " col ")"

static const struct spec client_spec[] = {
    {"classifications", "SELECT id AS _id, date, code, motivation" BK " FROM classifications "
                        "WHERE client_id = ?1 ORDER BY date, id", NULL},
    {"assignments", "SELECT a.id AS _id, u.name AS user, a.role_in_case, a.from_date, a.to_date, "
                    "a.handover_note, a.client_informed_on, a.created_at, a.updated_at, "
                    "a.updated_by FROM assignments a JOIN users u ON u.id = a.user_id "
                    "WHERE a.client_id = ?1 ORDER BY a.from_date, a.id", NULL},
    {"intakes", "SELECT id AS _id, date, work_history, education, diplomas, availability, "
                "motivation, competences, wishes, regelingen, classification, "
                "classification_motivation, uitstroomdoel, client_comments" BK " FROM intakes "
                "WHERE client_id = ?1 ORDER BY date, id", barrier_spec},
    {"plans", "SELECT id AS _id, date, discussed_on, client_agreed, demands_applications, "
              "client_comments" BK " FROM plans WHERE client_id = ?1 ORDER BY id", goal_spec},
    {"instruments", "SELECT i.id AS _id, c.code AS instrument, " GOAL_POS("i.goal_id") " AS goal, "
                    "i.provider, i.start, i.planned_end, i.actual_end, i.cost_cents, i.status, "
                    "i.end_reason, i.result, i.certificate_promised, i.certificate_received, "
                    "i.created_at, i.updated_at, i.updated_by FROM client_instruments i JOIN "
                    "instrument_catalogue c ON c.id = i.catalogue_id WHERE i.client_id = ?1 "
                    "ORDER BY i.id", extension_spec},
    {"contacts", "SELECT id AS _id, date, channel, participants, summary" BK " FROM contacts "
                 "WHERE client_id = ?1 ORDER BY id", NULL},
    {"agreements", "SELECT id AS _id, " POS("contacts", "id", "contact_id") " AS contact, text, "
                   "due, done_on" BK " FROM agreements WHERE client_id = ?1 ORDER BY id", NULL},
    {"outflows", "SELECT id AS _id, date, reason, employer, contract_kind, contract_end, "
                 "hours_per_week, partial, route, " POS("client_instruments", "id", "instrument_id")
                 " AS instrument, returned_on" BK " FROM outflows WHERE client_id = ?1 ORDER BY id",
     followup_spec},
    {"nazorg", "SELECT id AS _id, " POS("outflows", "id", "outflow_id") " AS outflow, start, end, "
               "consent, frequency_days, with_employer" BK " FROM nazorg WHERE client_id = ?1 "
               "ORDER BY id", NULL},
    {"requests", "SELECT id AS _id, date, what, answered_on" BK " FROM requests "
                 "WHERE client_id = ?1 ORDER BY id", NULL},
    {"reminders", "SELECT id AS _id, due, text, done_on" BK " FROM reminders WHERE client_id = ?1 "
                  "ORDER BY id", NULL},
    /* ref: the position of the record the signal concerned, by kind (0: the client). */
    {"signal_acks", "SELECT id AS _id, kind, CASE "
                    "WHEN kind = 'doel' THEN " GOAL_POS("ref") " "
                    "WHEN kind IN ('instrument_einde','instrument_verlopen','max_duur') THEN "
                    POS("client_instruments", "id", "ref") " "
                    "WHEN kind IN ('contract_einde','followup') THEN " POS("outflows", "id", "ref") " "
                    "WHEN kind IN ('nazorg_einde','nazorg_contact') THEN " POS("nazorg", "id", "ref") " "
                    "WHEN kind = 'afspraak' THEN " POS("agreements", "id", "ref") " "
                    "WHEN kind = 'vraag' THEN " POS("requests", "id", "ref") " "
                    "WHEN kind = 'herinnering' THEN " POS("reminders", "id", "ref") " "
                    "ELSE 0 END AS ref, due, done, snoozed_until, note" BK
                    " FROM signal_acks WHERE client_id = ?1 ORDER BY id", NULL},
    {NULL, NULL, NULL}};

static const char *const CLIENT_SQL =
    "SELECT id AS _id, bsn, first_name, last_name, birth_date, gender, household, municipality, "
    "address, phone, email, contact_verified_on, language_level, communication_needs, "
    "applied_on, benefit_start, instroomreden, arbeidsverplichting, vrijstelling_reason, "
    "vrijstelling_until, status, closed_on, notes" BK " FROM clients WHERE id = ?1";

static int fields(sqlite3_stmt *st, const struct dossier_visitor *v, void *ctx)
{
    for (int i = 0; i < sqlite3_column_count(st); i++) {
        const char *name = sqlite3_column_name(st, i);
        if (name[0] != '_')
            v->field(ctx, name, sqlite3_column_value(st, i));
    }
    return 0;
}

static int walk(struct db *db, const struct spec *s, long parent, const struct dossier_visitor *v,
                void *ctx, struct kv_error *err)
{
    for (; s && s->key; s++) {
        sqlite3_stmt *st;
        int rc = sqlite3_prepare_v2(db->sql, s->sql, -1, &st, NULL);
        if (rc != SQLITE_OK)
            return db_fail(db, rc, s->key, err);
        sqlite3_bind_int64(st, 1, parent);
        v->begin_array(ctx, s->key);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            v->begin_object(ctx);
            fields(st, v, ctx);
            if (s->children && (rc = walk(db, s->children, sqlite3_column_int64(st, 0), v, ctx, err)) != KV_OK) {
                sqlite3_finalize(st);
                return rc;
            }
            v->end_object(ctx);
        }
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE)
            return db_fail(db, rc, s->key, err);
        v->end_array(ctx);
    }
    return KV_OK;
}

static int one_client(struct db *db, long id, const struct dossier_visitor *v, void *ctx,
                      struct kv_error *err)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db->sql, CLIENT_SQL, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "client", err);
    sqlite3_bind_int64(st, 1, id);
    if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
        sqlite3_finalize(st);
        return rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, "client", err);
    }
    v->begin_client(ctx);
    fields(st, v, ctx);
    sqlite3_finalize(st);
    /* Doelgroepen: a plain list of codes. */
    rc = sqlite3_prepare_v2(db->sql, "SELECT code FROM client_doelgroepen WHERE client_id = ?1 "
                            "ORDER BY code", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "doelgroepen", err);
    sqlite3_bind_int64(st, 1, id);
    v->begin_array(ctx, "doelgroepen");
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        v->code(ctx, (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_fail(db, rc, "doelgroepen", err);
    v->end_array(ctx);
    if ((rc = walk(db, client_spec, id, v, ctx, err)) != KV_OK)
        return rc;
    v->end_client(ctx);
    return KV_OK;
}

/* The clients this user may see: the same rule as the caseload. */
static const char *const VISIBLE_SQL =
    "SELECT c.id FROM clients c WHERE (?2 = 0 OR c.id = ?2) AND (?3 = 1 OR EXISTS (SELECT 1 "
    "FROM assignments a WHERE a.client_id = c.id AND a.user_id = ?1 AND a.to_date IS NULL)) "
    "ORDER BY c.id";

int dossier_export(struct db *db, long client, const struct dossier_visitor *v, void *ctx,
                   struct kv_error *err)
{
    int all = db->role == ROLE_TEAMLEIDER || db->role == ROLE_KWALITEITSMEDEWERKER;
    sqlite3_stmt *st;
    int rc = sqlite3_exec(db->sql, "BEGIN", NULL, NULL, NULL); /* one consistent view */
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "export", err);
    rc = sqlite3_prepare_v2(db->sql, VISIBLE_SQL, -1, &st, NULL);
    if (rc != SQLITE_OK) {
        sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
        return db_fail(db, rc, "export", err);
    }
    sqlite3_bind_int64(st, 1, db->user_id);
    sqlite3_bind_int64(st, 2, client);
    sqlite3_bind_int(st, 3, all);
    int out = KV_OK, seen = 0;
    while (out == KV_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        seen++;
        out = one_client(db, sqlite3_column_int64(st, 0), v, ctx, err);
    }
    sqlite3_finalize(st);
    if (out == KV_OK && rc != SQLITE_DONE)
        out = db_fail(db, rc, "export", err);
    if (out == KV_OK && client != 0 && seen == 0) {
        sqlite3_stmt *ex;
        int exists = 0;
        if (sqlite3_prepare_v2(db->sql, "SELECT 1 FROM clients WHERE id = ?1", -1, &ex, NULL) == SQLITE_OK) {
            sqlite3_bind_int64(ex, 1, client);
            exists = sqlite3_step(ex) == SQLITE_ROW;
            sqlite3_finalize(ex);
        }
        out = exists ? kv_error_set(err, KV_EAUTH, "client out of reach",
                                    "Klant %ld hoort niet bij uw klanten.", client)
                     : kv_error_set(err, KV_ERR, "no such client", "Klant %ld bestaat niet.", client);
    }
    sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL);
    return out;
}
