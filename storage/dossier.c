#include "storage/dossier.h"
#include "storage/clients.h"

#include "storage/access.h"
#include "storage/audit.h"

#include "core/bsn.h"
#include "core/date.h"
#include "core/rules.h"
#include "core/signals.h"
#include "storage/catalogue.h"
#include "storage/rowrules.h"
#include "storage/schema.h"
#include "storage/stmt.h"
#include "storage/txn.h"

#include <stdio.h>
#include <stdlib.h>
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

static const struct spec barrier_spec[] = {{"barriers",
                                            "SELECT id AS _id, kind, approach" BK
                                            " FROM intake_barriers WHERE intake_id = ?1 "
                                            "ORDER BY id",
                                            NULL},
                                           {NULL, NULL, NULL}};
static const struct spec goal_spec[] = {
    {"goals",
     "SELECT id AS _id, specifiek, meetbaar, acceptabel, realistisch, tijdgebonden, "
     "deadline, status, evaluation" BK " FROM goals WHERE plan_id = ?1 ORDER BY id",
     NULL},
    {NULL, NULL, NULL}};
static const struct spec extension_spec[] = {{"extensions",
                                              "SELECT id AS _id, old_end, new_end, reason" BK
                                              " FROM instrument_extensions "
                                              "WHERE instrument_id = ?1 ORDER BY id",
                                              NULL},
                                             {NULL, NULL, NULL}};
static const struct spec followup_spec[] = {
    {"followups",
     "SELECT id AS _id, months, date, still_off_benefit, note" BK " FROM followups "
     "WHERE outflow_id = ?1 ORDER BY months",
     NULL},
    {NULL, NULL, NULL}};

/* Position of a referenced record among the client's records of that kind, in the order
 * they are exported. Goals are numbered across all plans. */
#define GOAL_POS(col)                                                                              \
    "(SELECT n FROM (SELECT g.id, row_number() OVER (ORDER BY p.id, g.id) - 1 AS n FROM goals g "  \
    "JOIN plans p ON p.id = g.plan_id WHERE g.client_id = ?1) WHERE id = " col ")"
#define POS(table, order, col)                                                                     \
    "(SELECT n FROM (SELECT id, row_number() OVER (ORDER BY " order ") - 1 AS n FROM " table       \
    " WHERE client_id = ?1) WHERE id = " col ")"

/* SQL built from macros between string pieces reads best as written. */
/* clang-format off */
static const struct spec client_spec[] = {
    {"classifications", "SELECT id AS _id, axis, date, code, motivation" BK " FROM classifications "
                        "WHERE client_id = ?1 ORDER BY date, id", NULL},
    {"assignments", "SELECT a.id AS _id, u.name AS user, a.role_in_case, a.from_date, a.to_date, "
                    "a.handover_note, a.client_informed_on, a.created_at, a.updated_at, "
                    "a.updated_by FROM assignments a JOIN users u ON u.id = a.user_id "
                    "WHERE a.client_id = ?1 ORDER BY a.from_date, a.id", NULL},
    {"intakes", "SELECT id AS _id, date, work_history, education, diplomas, availability, "
                "motivation, competences, wishes, regelingen, classification, "
                "classification_motivation, trede, trede_motivation, werkfit, werkfit_motivation, "
                "uitstroomdoel, client_comments" BK " FROM intakes "
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
/* clang-format on */

/* status: derived (clients.h), as every reader shows it; an import keeps only whether
 * the client came in active (CLIENT_INSERT). */
static const char *const CLIENT_SQL =
    "SELECT c.id AS _id, c.bsn, c.first_name, c.last_name, c.birth_date, c.gender, c.household, "
    "c.municipality, c.street, c.house_number, c.postcode, c.city, c.phone, c.email, "
    "c.contact_verified_on, c.language_level, c.communication_needs, c.applied_on, "
    "c.benefit_start, c.instroomreden, c.arbeidsverplichting, c.vrijstelling_reason, "
    "c.vrijstelling_until, kv_status(" CLIENTS_STATUS_COLS ") AS status, c.closed_on, c.notes, "
    "c.created_at, c.updated_at, c.updated_by FROM clients c" CLIENTS_STATUS_JOIN "WHERE c.id = ?1";

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
        int rc = stmt_prepare(db->sql, &st, s->sql, "l", parent);
        if (rc != SQLITE_OK)
            return db_fail(db, rc, s->key, err);
        v->begin_array(ctx, s->key);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            v->begin_object(ctx);
            fields(st, v, ctx);
            if (s->children &&
                (rc = walk(db, s->children, sqlite3_column_int64(st, 0), v, ctx, err)) != KV_OK) {
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
    int rc = stmt_prepare(db->sql, &st, CLIENT_SQL, "l", id);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "client", err);
    if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
        sqlite3_finalize(st);
        return rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, "client", err);
    }
    v->begin_client(ctx);
    fields(st, v, ctx);
    sqlite3_finalize(st);
    /* Doelgroepen: a plain list of codes. */
    rc = stmt_prepare(db->sql, &st,
                      "SELECT code FROM client_doelgroepen WHERE client_id = ?1 "
                      "ORDER BY code",
                      "l", id);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "doelgroepen", err);
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

/* The clients this user may see in a bulk export (?3 = 0: own and duo clients; 1: the
 * team's, for a team-wide role), or one client (?2) after access_client said yes (?3 = 2). */
static const char *const VISIBLE_SQL =
    "SELECT c.id FROM clients c WHERE (?2 = 0 OR c.id = ?2) AND (?3 = 2 OR (?3 = 1 "
    "AND " ACCESS_IN_TEAM_SQL("c.id", "?1") ") OR (?3 = 0 AND c.id IN (" ACCESS_OWN_SQL(
        "?1") "))) ORDER BY c.id";

static int visible(struct db *db, long client, sqlite3_stmt **st, struct kv_error *err)
{
    int all = access_sees_all(db);
    int rc;
    if (!all && !access_casework(db))
        return kv_error_set(err, KV_EAUTH, "role sees no client content",
                            "Een %s ziet geen "
                            "klantdossiers.",
                            role_label(db->role, "gebruiker"));
    if (client != 0) {
        if ((rc = access_client(db, client, err)) != KV_OK)
            return rc;
        all = 2;
    }
    if ((rc = stmt_prepare(db->sql, st, VISIBLE_SQL, "lli", db->user_id, client, all)) != SQLITE_OK)
        return db_fail(db, rc, "export", err);
    return KV_OK;
}

int dossier_visit(struct db *db, long client, const struct dossier_visitor *v, void *ctx,
                  struct kv_error *err)
{
    sqlite3_stmt *st;
    int rc = sqlite3_exec(db->sql, "BEGIN", NULL, NULL, NULL); /* one consistent view */
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "export", err);
    if ((rc = visible(db, client, &st, err)) != KV_OK) {
        sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
        return rc;
    }
    int out = KV_OK;
    while (out == KV_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
        out = one_client(db, sqlite3_column_int64(st, 0), v, ctx, err);
    sqlite3_finalize(st);
    if (out == KV_OK && rc != SQLITE_DONE)
        out = db_fail(db, rc, "export", err);
    sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL);
    return out;
}

/* One "export" entry per client about to be written out, before anything is: an export
 * that cannot be logged does not happen. */
static int log_exports(struct db *db, long client, const char *what, struct kv_error *err)
{
    sqlite3_stmt *st;
    int rc = db_begin_untracked(db, err);
    if (rc != KV_OK)
        return rc;
    if ((rc = visible(db, client, &st, err)) != KV_OK) {
        db_rollback(db);
        return rc;
    }
    char detail[80];
    snprintf(detail, sizeof detail, "{\"formaat\":\"%s\"}", what);
    int step;
    while (rc == KV_OK && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = audit_append(db, "export", sqlite3_column_int64(st, 0), "", detail, err);
    sqlite3_finalize(st);
    if (rc == KV_OK && step != SQLITE_DONE)
        rc = db_fail(db, step, "export", err);
    return rc == KV_OK ? db_commit(db, err) : (db_rollback(db), rc);
}

int dossier_export(struct db *db, long client, const char *what, const struct dossier_visitor *v,
                   void *ctx, struct kv_error *err)
{
    int rc = log_exports(db, client, what, err);
    return rc == KV_OK ? dossier_visit(db, client, v, ctx, err) : rc;
}

/* ---- import: the same layout, read back -------------------------------------------- */

/* Insert statements use named parameters equal to the dossier's keys; :_client, :_parent,
 * :_now and :_user are filled in by the importer. Parameters listed in refs are positions
 * in this client's records of another kind, replaced by the ids inserted for them. */
struct ref {
    const char *param, *target;
};
struct code {
    const char *param, *kind;
};

struct ispec {
    const char *key;
    const char *sql;
    const char *const *dates;
    const struct code *codes;
    const struct ref *refs;
    const struct ispec *children;
    const char *collect; /* remember inserted ids under this name, for refs */
};

#define IBK ", created_at, updated_at, updated_by"
#define IBKV                                                                                       \
    ", coalesce(:created_at, :_now), coalesce(:updated_at, :_now), coalesce(:updated_by, :_user)"

static const char *const no_dates[] = {NULL};
static const char *const d_date[] = {"date", NULL};
static const char *const d_client[] = {
    "birth_date",         "contact_verified_on", "applied_on", "benefit_start",
    "vrijstelling_until", "closed_on",           NULL};
static const char *const d_assign[] = {"from_date", "to_date", "client_informed_on", NULL};
static const char *const d_plan[] = {"date", "discussed_on", NULL};
static const char *const d_goal[] = {"deadline", NULL};
static const char *const d_instr[] = {"start", "planned_end", "actual_end", NULL};
static const char *const d_ext[] = {"old_end", "new_end", NULL};
static const char *const d_agree[] = {"due", "done_on", NULL};
static const char *const d_out[] = {"date", "contract_end", "returned_on", NULL};
static const char *const d_naz[] = {"start", "end", NULL};
static const char *const d_req[] = {"date", "answered_on", NULL};
static const char *const d_rem[] = {"due", "done_on", NULL};
static const char *const d_ack[] = {"due", "snoozed_until", NULL};

static const struct code c_none[] = {{NULL, NULL}};
static const struct code c_class[] = {{"code", "classificatie"}, {NULL, NULL}};
static const struct code c_intake[] = {{"classification", "classificatie"},
                                       {"trede", "trede"},
                                       {"werkfit", "werkfit"},
                                       {"uitstroomdoel", "uitstroomdoel"},
                                       {NULL, NULL}};
static const struct code c_barrier[] = {{"kind", "belemmering"}, {NULL, NULL}};
static const struct code c_instr[] = {{"end_reason", "eindreden"}, {NULL, NULL}};
static const struct code c_contact[] = {{"channel", "kanaal"}, {NULL, NULL}};
static const struct code c_out[] = {{"reason", "uitstroomreden"}, {"route", "route"}, {NULL, NULL}};
static const struct code c_client[] = {
    {"instroomreden", "instroomreden"}, {"municipality", "gemeente"}, {NULL, NULL}};

static const struct ref r_none[] = {{NULL, NULL}};
static const struct ref r_instr[] = {{"goal", "goals"}, {NULL, NULL}};
static const struct ref r_agree[] = {{"contact", "contacts"}, {NULL, NULL}};
static const struct ref r_out[] = {{"instrument", "instruments"}, {NULL, NULL}};
static const struct ref r_naz[] = {{"outflow", "outflows"}, {NULL, NULL}};

static const struct ispec i_barriers[] = {
    {"barriers",
     "INSERT INTO intake_barriers (intake_id, kind, approach" IBK ") VALUES (:_parent, "
     ":kind, coalesce(:approach, '')" IBKV ")",
     no_dates, c_barrier, r_none, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL}};
static const struct ispec i_goals[] = {
    {"goals",
     "INSERT INTO goals (plan_id, client_id, specifiek, meetbaar, acceptabel, realistisch, "
     "tijdgebonden, deadline, status, evaluation" IBK ") VALUES (:_parent, :_client, "
     "coalesce(:specifiek, ''), coalesce(:meetbaar, ''), coalesce(:acceptabel, ''), "
     "coalesce(:realistisch, ''), coalesce(:tijdgebonden, ''), :deadline, "
     "coalesce(:status, 'open'), coalesce(:evaluation, '')" IBKV ")",
     d_goal, c_none, r_none, NULL, "goals"},
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL}};
static const struct ispec i_ext[] = {
    {"extensions",
     "INSERT INTO instrument_extensions (instrument_id, old_end, new_end, reason" IBK
     ") VALUES (:_parent, :old_end, :new_end, :reason" IBKV ")",
     d_ext, c_none, r_none, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL}};
static const struct ispec i_followups[] = {
    {"followups",
     "INSERT INTO followups (outflow_id, months, date, still_off_benefit, note" IBK
     ") VALUES (:_parent, :months, :date, :still_off_benefit, coalesce(:note, '')" IBKV ")",
     d_date, c_none, r_none, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL}};

/* In the order export writes them, so references point backwards. */
static const struct ispec i_client[] = {
    {"classifications",
     "INSERT INTO classifications (client_id, axis, date, code, motivation" IBK
     ") VALUES (:_client, coalesce(:axis, (SELECT kind FROM catalogue "
     "WHERE code = :code AND kind IN ('indeling', 'trede', 'werkfit') "
     "ORDER BY kind = 'indeling' DESC LIMIT 1), 'indeling'), :date, :code, "
     "coalesce(:motivation, '')" IBKV ")",
     d_date, c_class, r_none, NULL, NULL},
    {"assignments",
     "INSERT INTO assignments (client_id, user_id, role_in_case, from_date, to_date, "
     "handover_note, client_informed_on" IBK ") SELECT :_client, id, "
     "coalesce(:role_in_case, 'klantmanager'), :from_date, :to_date, "
     "coalesce(:handover_note, ''), :client_informed_on" IBKV " FROM users "
     "WHERE name = :user",
     d_assign, c_none, r_none, NULL, NULL},
    {"intakes",
     "INSERT INTO intakes (client_id, date, work_history, education, diplomas, "
     "availability, motivation, competences, wishes, regelingen, classification, "
     "classification_motivation, trede, trede_motivation, werkfit, werkfit_motivation, "
     "uitstroomdoel, client_comments" IBK ") VALUES "
     "(:_client, :date, coalesce(:work_history, ''), coalesce(:education, ''), "
     "coalesce(:diplomas, ''), coalesce(:availability, ''), coalesce(:motivation, ''), "
     "coalesce(:competences, ''), coalesce(:wishes, ''), coalesce(:regelingen, ''), "
     "coalesce(:classification, ''), coalesce(:classification_motivation, ''), "
     "coalesce(:trede, ''), coalesce(:trede_motivation, ''), coalesce(:werkfit, ''), "
     "coalesce(:werkfit_motivation, ''), "
     "coalesce(:uitstroomdoel, ''), coalesce(:client_comments, '')" IBKV ")",
     d_date, c_intake, r_none, i_barriers, NULL},
    {"plans",
     "INSERT INTO plans (client_id, date, discussed_on, client_agreed, "
     "demands_applications, client_comments" IBK ") VALUES (:_client, :date, :discussed_on,"
     " :client_agreed, coalesce(:demands_applications, 0), coalesce(:client_comments, '')" IBKV ")",
     d_plan, c_none, r_none, i_goals, NULL},
    {"instruments",
     "INSERT INTO client_instruments (client_id, catalogue_id, goal_id, provider, "
     "start, planned_end, actual_end, cost_cents, status, end_reason, result, "
     "certificate_promised, certificate_received" IBK ") SELECT :_client, c.id, "
     ":goal, coalesce(:provider, c.provider), :start, :planned_end, :actual_end, "
     "coalesce(:cost_cents, c.default_cost_cents), coalesce(:status, 'lopend'), "
     "coalesce(:end_reason, ''), coalesce(:result, ''), "
     "coalesce(:certificate_promised, 0), coalesce(:certificate_received, 0)" IBKV
     " FROM instrument_catalogue c WHERE c.code = :instrument",
     d_instr, c_instr, r_instr, i_ext, "instruments"},
    {"contacts",
     "INSERT INTO contacts (client_id, date, channel, participants, summary" IBK ") "
     "VALUES (:_client, :date, coalesce(:channel, ''), coalesce(:participants, ''), "
     "coalesce(:summary, '')" IBKV ")",
     d_date, c_contact, r_none, NULL, "contacts"},
    {"agreements",
     "INSERT INTO agreements (client_id, contact_id, text, due, done_on" IBK ") "
     "VALUES (:_client, :contact, :text, :due, :done_on" IBKV ")",
     d_agree, c_none, r_agree, NULL, "agreements"},
    {"outflows",
     "INSERT INTO outflows (client_id, date, reason, employer, contract_kind, "
     "contract_end, hours_per_week, partial, route, instrument_id, returned_on" IBK ") "
     "VALUES (:_client, :date, :reason, coalesce(:employer, ''), "
     "coalesce(:contract_kind, ''), :contract_end, coalesce(:hours_per_week, 0), "
     "coalesce(:partial, 0), coalesce(:route, ''), :instrument, :returned_on" IBKV ")",
     d_out, c_out, r_out, i_followups, "outflows"},
    {"nazorg",
     "INSERT INTO nazorg (client_id, outflow_id, start, end, consent, frequency_days, "
     "with_employer" IBK ") VALUES (:_client, :outflow, :start, :end, coalesce(:consent, 1),"
     " coalesce(:frequency_days, 30), coalesce(:with_employer, 0)" IBKV ")",
     d_naz, c_none, r_naz, NULL, "nazorg"},
    {"requests",
     "INSERT INTO requests (client_id, date, what, answered_on" IBK ") VALUES "
     "(:_client, :date, :what, :answered_on" IBKV ")",
     d_req, c_none, r_none, NULL, "requests"},
    {"reminders",
     "INSERT INTO reminders (client_id, due, text, done_on" IBK ") VALUES "
     "(:_client, :due, :text, :done_on" IBKV ")",
     d_rem, c_none, r_none, NULL, "reminders"},
    {"signal_acks",
     "INSERT INTO signal_acks (client_id, kind, ref, due, done, snoozed_until, note" IBK
     ") VALUES (:_client, :kind, :ref, :due, coalesce(:done, 0), "
     ":snoozed_until, coalesce(:note, '')" IBKV ")",
     d_ack, c_none, r_none, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL}};

/* address: the one-line address of files from before the parts; it lands in street. */
static const char *const CLIENT_INSERT =
    "INSERT INTO clients (id, bsn, first_name, last_name, birth_date, gender, household, "
    "municipality, street, house_number, postcode, city, phone, email, contact_verified_on, "
    "language_level, communication_needs, applied_on, benefit_start, instroomreden, "
    "arbeidsverplichting, vrijstelling_reason, vrijstelling_until, status, closed_on, notes" IBK
    ") VALUES (" SCHEMA_NEW_CLIENT_ID ", :bsn, "
    ":first_name, :last_name, :birth_date, coalesce(:gender, ''), coalesce(:household, ''), "
    "coalesce(:municipality, ''), coalesce(:street, :address, ''), "
    "coalesce(:house_number, ''), coalesce(:postcode, ''), coalesce(:city, ''), "
    "coalesce(:phone, ''), "
    "coalesce(:email, ''), :contact_verified_on, coalesce(:language_level, ''), "
    "coalesce(:communication_needs, ''), :applied_on, :benefit_start, "
    "coalesce(:instroomreden, ''), coalesce(:arbeidsverplichting, 'volledig'), "
    "coalesce(:vrijstelling_reason, ''), :vrijstelling_until, "
    "CASE WHEN :status IN ('aanmelding', 'actief', 'uitgestroomd', 'nazorg', 'afgesloten') "
    "THEN :status WHEN :status = 'terug' THEN 'actief' ELSE 'aanmelding' END, "
    ":closed_on, coalesce(:notes, '')" IBKV ")";

/* Ids inserted per kind for this client, for references by position. */
#define MAX_COLLECT 8
struct collected {
    const char *name;
    long *ids;
    size_t n, cap;
};

struct imp {
    struct db *db;
    const struct dossier_source *src;
    const char *now;
    long client;
    struct collected col[MAX_COLLECT];
    char path[160];
    struct kv_error *err;
};

static int bad(struct imp *x, const char *field, const char *why)
{
    size_t len = strlen(why); /* a rule's sentence: the caller goes on after it */
    if (len > 0 && why[len - 1] == '.')
        len--;
    return kv_error_set(x->err, KV_EUSAGE, "bad dossier field", "veld %s%s%s: %.*s", x->path,
                        *x->path && field ? "." : "", field ? field : "", (int)len, why);
}

/* ---- each field's one type ----------------------------------------------------------- */

enum ftype { F_TEXT, F_NUMBER, F_FLAG, F_REF };

static const char *const f_numbers[] = {"cost_cents", "hours_per_week", "months", "frequency_days",
                                        NULL};
static const char *const f_flags[] = {"client_agreed",
                                      "demands_applications",
                                      "certificate_promised",
                                      "certificate_received",
                                      "partial",
                                      "consent",
                                      "with_employer",
                                      "still_off_benefit",
                                      "done",
                                      NULL};
static const char *const f_refs[] = {"goal", "contact", "instrument", "outflow", "ref", NULL};

static int in_list(const char *const *names, const char *name)
{
    for (; *names; names++)
        if (strcmp(*names, name) == 0)
            return 1;
    return 0;
}

/* The type of a field (the instrument of an instrument record is its catalogue code). */
static enum ftype field_type(const struct ispec *s, const char *key)
{
    if (s != NULL && strcmp(s->key, "instruments") == 0 && strcmp(key, "instrument") == 0)
        return F_TEXT;
    return in_list(f_numbers, key) ? F_NUMBER
           : in_list(f_flags, key) ? F_FLAG
           : in_list(f_refs, key)  ? F_REF
                                   : F_TEXT;
}

static const char *kind_name(enum dossier_kind k)
{
    return k == DV_INT    ? "een getal"
           : k == DV_BOOL ? "true of false"
           : k == DV_TEXT ? "een tekst"
                          : "iets anders";
}

/* A value of the field's one type, or the reason it is not. */
static int typed(struct imp *x, const struct ispec *s, const char *key, enum dossier_kind k,
                 const struct dossier_node *v)
{
    char why[160];
    enum ftype t = field_type(s, key);
    if (t == F_TEXT && k != DV_TEXT)
        snprintf(why, sizeof why, "een tekst tussen aanhalingstekens verwacht, geen %s",
                 kind_name(k) + (k == DV_BOOL ? 0 : 4));
    else if (t != F_TEXT && k != DV_INT)
        snprintf(why, sizeof why, "%s verwacht, geen %s",
                 t == F_FLAG  ? "0 of 1"
                 : t == F_REF ? "een volgnummer (0, 1, ...)"
                              : "een geheel getal",
                 kind_name(k) + (k == DV_BOOL ? 0 : 4));
    else if (t == F_FLAG && x->src->integer(v) != 0 && x->src->integer(v) != 1)
        snprintf(why, sizeof why, "0 of 1 verwacht, geen %lld", x->src->integer(v));
    else
        return KV_OK;
    return bad(x, key, why);
}

static struct collected *collection(struct imp *x, const char *name)
{
    for (int i = 0; i < MAX_COLLECT; i++) {
        if (x->col[i].name == NULL)
            x->col[i].name = name;
        if (strcmp(x->col[i].name, name) == 0)
            return &x->col[i];
    }
    return NULL;
}

static int remember(struct imp *x, const char *name, long id)
{
    struct collected *c = collection(x, name);
    if (c == NULL)
        return bad(x, NULL, "te veel soorten verwijzingen");
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 16;
        long *ids = realloc(c->ids, cap * sizeof *ids);
        if (ids == NULL)
            return kv_error_nomem(x->err);
        c->ids = ids;
        c->cap = cap;
    }
    c->ids[c->n++] = id;
    return KV_OK;
}

static int listed(const char *const *names, const char *name)
{
    for (; names && *names; names++)
        if (strcmp(*names, name) == 0)
            return 1;
    return 0;
}

/* A code of the catalogue, disabled ones included: imported history may use a code that
 * has since been taken out of use. 0 when not there, with err filled. */
static int code_known(struct imp *x, const char *field, const char *kind, const char *code)
{
    char name[160];
    if (strcmp(kind, "gemeente") == 0) /* a name from the list (when there is one) */
        return catalogue_municipality(x->db, code, name, x->err) == KV_OK
                   ? KV_OK
                   : bad(x, field, "staat niet in de lijst van gemeenten");
    int has = catalogue_has(x->db, kind, code, 0);
    if (has < 0)
        return db_fail(x->db, sqlite3_errcode(x->db->sql), "catalogue", x->err);
    return has ? KV_OK : bad(x, field, "staat niet in de catalogus");
}

/* The kind of record a signal acknowledgement's ref points to. */
static const char *ack_target(const char *kind)
{
    static const struct {
        const char *kind, *target;
    } map[] = {{"doel", "goals"},
               {"instrument_einde", "instruments"},
               {"instrument_verlopen", "instruments"},
               {"max_duur", "instruments"},
               {"contract_einde", "outflows"},
               {"followup", "outflows"},
               {"nazorg_einde", "nazorg"},
               {"nazorg_contact", "nazorg"},
               {"afspraak", "agreements"},
               {"vraag", "requests"},
               {"herinnering", "reminders"}};
    for (size_t i = 0; kind && i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i].kind, kind) == 0)
            return map[i].target;
    return NULL;
}

/* A bind's SQLite result as a klantvolg status. */
static int bound(struct imp *x, int rc)
{
    return rc == SQLITE_OK ? KV_OK : db_fail(x->db, rc, "import bind", x->err);
}

/* Bind one parameter from the node, checked by what the spec says it is. */
static int bind_one(struct imp *x, sqlite3_stmt *st, int i, const char *key,
                    const struct dossier_node *obj, const struct ispec *s, long parent)
{
    const struct dossier_source *src = x->src;
    if (strcmp(key, "_client") == 0)
        return bound(x, stmt_bind_at(st, i, "l", x->client));
    if (strcmp(key, "_parent") == 0)
        return bound(x, stmt_bind_at(st, i, "l", parent));
    if (strcmp(key, "_now") == 0)
        return bound(x, stmt_bind_at(st, i, "t", x->now));
    if (strcmp(key, "_user") == 0)
        return bound(x, stmt_bind_at(st, i, "t", x->db->user));
    const struct dossier_node *v = src->get(obj, key);
    enum dossier_kind k = v ? src->kind(v) : DV_ABSENT;
    if (k == DV_ABSENT || k == DV_NULL)
        return bound(x, stmt_bind_at(st, i, "n"));
    if (k == DV_ARRAY || k == DV_OBJECT)
        return bad(x, key, "een enkele waarde verwacht");
    int rc = typed(x, s, key, k, v);
    if (rc != KV_OK)
        return rc;
    const char *target = NULL;
    for (const struct ref *r = s ? s->refs : NULL; r && r->param; r++)
        if (strcmp(r->param, key) == 0)
            target = r->target;
    int ack = s && strcmp(s->key, "signal_acks") == 0;
    if (ack && strcmp(key, "kind") == 0 && signal_kind_parse(src->text(v)) < 0)
        return bad(x, key, "onbekende soort signaal");
    if (ack && strcmp(key, "ref") == 0) {
        const struct dossier_node *kn = src->get(obj, "kind");
        target = ack_target(kn && src->kind(kn) == DV_TEXT ? src->text(kn) : NULL);
        if (target == NULL && src->integer(v) != 0)
            return bad(x, key, "deze soort signaal verwijst niet naar een record (ref is 0)");
        if (target == NULL)
            return bound(x, stmt_bind_at(st, i, "l", 0L));
    }
    if (target != NULL) {
        struct collected *c = collection(x, target);
        long long pos = src->integer(v);
        if (c == NULL || pos < 0 || (size_t)pos >= c->n)
            return bad(x, key, "verwijst naar een record dat niet bestaat");
        return bound(x, stmt_bind_at(st, i, "l", c->ids[pos]));
    }
    if (k == DV_INT)
        return bound(x, stmt_bind_at(st, i, "l", (long)src->integer(v)));
    const char *t = src->text(v);
    long d;
    char iso[11];
    if (s == NULL ? listed(d_client, key) : listed(s->dates, key)) {
        date_format_iso(date_parse(t, &d) ? d : 0, iso);
        if (!date_parse(t, &d) || strcmp(iso, t) != 0)
            return bad(x, key, "geen datum in de vorm JJJJ-MM-DD");
    }
    for (const struct code *c = s ? s->codes : c_client; c && c->param; c++) {
        rc = strcmp(c->param, key) == 0 && *t ? code_known(x, key, c->kind, t) : KV_OK;
        if (rc != KV_OK)
            return rc;
    }
    struct kv_error why;
    if (s == NULL && strcmp(key, "status") == 0 && rules_client_status(t, &why) != KV_OK)
        return bad(x, key, why.msg);
    if (s == NULL && strcmp(key, "bsn") == 0) {
        char bsn[BSN_LEN + 1];
        if (rules_bsn(t, bsn, &why) != KV_OK)
            return bad(x, key, why.msg);
        return bound(x, stmt_bind_at(st, i, "c", bsn));
    }
    return bound(x, stmt_bind_at(st, i, "c", t));
}

/* Every key of the node must be a parameter of sql or the key of a nested kind. */
static int known_keys(struct imp *x, const struct dossier_node *obj, sqlite3_stmt *st,
                      const struct ispec *children, const char *extra)
{
    for (size_t k = 0; k < x->src->count(obj); k++) {
        const char *key = x->src->key(obj, k);
        char param[80];
        snprintf(param, sizeof param, ":%s", key);
        int ok = key[0] != '_' && sqlite3_bind_parameter_index(st, param) > 0;
        for (const struct ispec *c = children; !ok && c && c->key; c++)
            ok = strcmp(c->key, key) == 0;
        ok = ok || (extra && strcmp(extra, key) == 0);
        if (!ok)
            return bad(x, key, "onbekend veld");
    }
    return KV_OK;
}

/* The table an import kind writes (the client's own fields: clients). */
static const char *table_of(const struct ispec *s)
{
    static const struct {
        const char *key, *table;
    } map[] = {{"instruments", "client_instruments"},
               {"barriers", "intake_barriers"},
               {"extensions", "instrument_extensions"}};
    for (size_t i = 0; s && i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i].key, s->key) == 0)
            return map[i].table;
    return s ? s->key : "clients";
}

static int insert(struct imp *x, const char *sql, const struct dossier_node *obj,
                  const struct ispec *s, long parent, const struct ispec *children,
                  const char *extra, long *id)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(x->db->sql, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return db_fail(x->db, rc, "import", x->err);
    if ((rc = known_keys(x, obj, st, children, extra)) != KV_OK) {
        sqlite3_finalize(st);
        return rc;
    }
    for (int i = 1; i <= sqlite3_bind_parameter_count(st); i++) {
        const char *name = sqlite3_bind_parameter_name(st, i);
        if (name && (rc = bind_one(x, st, i, name + 1, obj, s, parent)) != KV_OK) {
            sqlite3_finalize(st);
            return rc;
        }
    }
    rc = sqlite3_step(st);
    int changed = sqlite3_changes(x->db->sql);
    const char *msg = sqlite3_errmsg(x->db->sql);
    if (rc != SQLITE_DONE) {
        char why[200];
        snprintf(why, sizeof why, "%s",
                 strstr(msg, "UNIQUE") && strstr(msg, "bsn") ? "dit BSN staat al in de database"
                 : strstr(msg, "NOT NULL")                   ? "een verplicht veld ontbreekt"
                 : strstr(msg, "CHECK")                      ? "waarde niet toegestaan"
                                                             : msg);
        sqlite3_finalize(st);
        return bad(x, NULL, why);
    }
    sqlite3_finalize(st);
    if (changed == 0) /* an INSERT ... SELECT found no user or instrument */
        return bad(x, s && strcmp(s->key, "assignments") == 0 ? "user" : "instrument",
                   "onbekende gebruiker of onbekend instrument");
    *id = (long)sqlite3_last_insert_rowid(x->db->sql);
    /* The rules every writer obeys, on the record as stored, naming its field. */
    const char *column = NULL;
    struct kv_error why;
    if (rowrules_row(x->db, table_of(s), *id, rowrules_today(x->now), NULL, &column, &why) != KV_OK)
        return why.status == KV_EUSAGE ? bad(x, column, why.msg) : (*x->err = why, (int)why.status);
    return KV_OK;
}

static int import_kinds(struct imp *x, const struct ispec *s, const struct dossier_node *obj,
                        long parent)
{
    size_t base = strlen(x->path);
    for (; s && s->key; s++) {
        const struct dossier_node *arr = x->src->get(obj, s->key);
        if (arr == NULL || x->src->kind(arr) == DV_NULL)
            continue;
        if (x->src->kind(arr) != DV_ARRAY)
            return bad(x, s->key, "een lijst verwacht");
        for (size_t i = 0; i < x->src->count(arr); i++) {
            const struct dossier_node *rec = x->src->item(arr, i);
            snprintf(x->path + base, sizeof x->path - base, "%s%s[%zu]", base ? "." : "", s->key,
                     i);
            if (x->src->kind(rec) != DV_OBJECT)
                return bad(x, NULL, "een object verwacht");
            long id;
            int rc = insert(x, s->sql, rec, s, parent, s->children, NULL, &id);
            if (rc == KV_OK && s->collect)
                rc = remember(x, s->collect, id);
            if (rc == KV_OK)
                rc = import_kinds(x, s->children, rec, id);
            if (rc != KV_OK)
                return rc;
        }
        x->path[base] = '\0';
    }
    return KV_OK;
}

static int import_doelgroepen(struct imp *x, const struct dossier_node *obj)
{
    const struct dossier_node *arr = x->src->get(obj, "doelgroepen");
    if (arr == NULL || x->src->kind(arr) == DV_NULL)
        return KV_OK;
    if (x->src->kind(arr) != DV_ARRAY)
        return bad(x, "doelgroepen", "een lijst verwacht");
    for (size_t i = 0; i < x->src->count(arr); i++) {
        const struct dossier_node *v = x->src->item(arr, i);
        const char *code = x->src->kind(v) == DV_TEXT ? x->src->text(v) : NULL;
        if (code == NULL)
            return bad(x, "doelgroepen", "staat niet in de catalogus");
        int rc = code_known(x, "doelgroepen", "doelgroep", code);
        if (rc != KV_OK)
            return rc;
        rc = stmt_run(x->db->sql, "INSERT OR IGNORE INTO client_doelgroepen VALUES (?1, ?2)", "lt",
                      x->client, code);
        if (rc != SQLITE_DONE)
            return db_fail(x->db, rc, "doelgroepen", x->err);
    }
    return KV_OK;
}

int dossier_import(struct db *db, const struct dossier_source *src,
                   const struct dossier_node *client, const char *now, struct kv_error *err)
{
    struct imp x;
    memset(&x, 0, sizeof x);
    x.db = db;
    x.src = src;
    x.now = now;
    x.err = err;
    if (src->kind(client) != DV_OBJECT)
        return kv_error_set(err, KV_EUSAGE, "not an object", "een object per klant verwacht");
    /* Unknown keys are refused by insert(): the client's own fields are the statement's
     * parameters; doelgroepen and the nested kinds are allowed besides. */
    long id = 0;
    int rc = insert(&x, CLIENT_INSERT, client, NULL, 0, i_client, "doelgroepen", &id);
    if (rc == KV_OK) {
        x.client = id;
        rc = import_doelgroepen(&x, client);
    }
    if (rc == KV_OK)
        rc = import_kinds(&x, i_client, client, id);
    for (int i = 0; i < MAX_COLLECT; i++)
        free(x.col[i].ids);
    return rc;
}
