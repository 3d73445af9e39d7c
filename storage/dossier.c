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
#include "storage/stmtcache.h"
#include "storage/assignments.h"
#include "storage/contacts.h"
#include "storage/dsspec.h"
#include "storage/instruments.h"
#include "storage/intakes.h"
#include "storage/nazorg.h"
#include "storage/outflows.h"
#include "storage/plans.h"
#include "storage/txn.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The records written by records.c; every other kind is its module's (dsspec.h). */
static const struct dsspec_out classifications_out = {
    "classifications",
    "SELECT id AS _id, axis, date, code, motivation" DS_BK " FROM classifications "
    "WHERE client_id = ?1 ORDER BY date, id",
    NULL};
static const struct dsspec_out requests_out = {"requests",
                                               "SELECT id AS _id, date, what, answered_on" DS_BK
                                               " FROM requests WHERE client_id = ?1 ORDER BY id",
                                               NULL};
static const struct dsspec_out reminders_out = {"reminders",
                                                "SELECT id AS _id, due, text, done_on" DS_BK
                                                " FROM reminders WHERE client_id = ?1 ORDER BY id",
                                                NULL};
/* SQL built from macros between string pieces reads best as written. */
/* clang-format off */
/* ref: the position of the record the signal concerned, by kind (0: the client). */
static const struct dsspec_out acks_out = {
    "signal_acks", "SELECT id AS _id, kind, CASE "
                   "WHEN kind = 'doel' THEN " PLANS_GOAL_POS("ref") " "
                   "WHEN kind IN ('instrument_einde','instrument_verlopen','max_duur') THEN "
                   INSTRUMENTS_POS("ref") " "
                   "WHEN kind IN ('contract_einde','followup') THEN " OUTFLOWS_POS("ref") " "
                   "WHEN kind IN ('nazorg_einde','nazorg_contact') THEN " NAZORG_POS("ref") " "
                   "WHEN kind = 'afspraak' THEN " CONTACTS_AGREEMENT_POS("ref") " "
                   "WHEN kind = 'vraag' THEN " DS_POS("requests", "id", "ref") " "
                   "WHEN kind = 'herinnering' THEN " DS_POS("reminders", "id", "ref") " "
                   "ELSE 0 END AS ref, due, done, snoozed_until, note" DS_BK
                   " FROM signal_acks WHERE client_id = ?1 ORDER BY id", NULL};
/* clang-format on */

/* In the order of the file. */
static const struct dsspec_out *const client_spec[] = {&classifications_out,
                                                       &assignments_out,
                                                       &intakes_out,
                                                       &plans_out,
                                                       &instruments_out,
                                                       &contacts_out,
                                                       &contacts_agreements_out,
                                                       &outflows_out,
                                                       &nazorg_out,
                                                       &requests_out,
                                                       &reminders_out,
                                                       &acks_out,
                                                       NULL};

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

static int walk(struct db *db, const struct dsspec_out *const *kinds, long parent,
                const struct dossier_visitor *v, void *ctx, struct kv_error *err)
{
    for (; kinds && *kinds; kinds++) {
        const struct dsspec_out *s = *kinds;
        sqlite3_stmt *st;
        int rc = stmt_take(&db->stmts, db->sql, &st, s->sql, "l", parent);
        if (rc != SQLITE_OK)
            return db_fail(db, rc, s->key, err);
        v->begin_array(ctx, s->key);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            v->begin_object(ctx);
            fields(st, v, ctx);
            if (s->children &&
                (rc = walk(db, s->children, sqlite3_column_int64(st, 0), v, ctx, err)) != KV_OK) {
                stmtcache_release(db->stmts, st);
                return rc;
            }
            v->end_object(ctx);
        }
        stmtcache_release(db->stmts, st);
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
    int rc = stmt_take(&db->stmts, db->sql, &st, CLIENT_SQL, "l", id);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "client", err);
    if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
        stmtcache_release(db->stmts, st);
        return rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, "client", err);
    }
    v->begin_client(ctx);
    fields(st, v, ctx);
    stmtcache_release(db->stmts, st);
    /* Doelgroepen: a plain list of codes. */
    rc = stmt_take(&db->stmts, db->sql, &st,
                   "SELECT code FROM client_doelgroepen WHERE client_id = ?1 "
                   "ORDER BY code",
                   "l", id);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "doelgroepen", err);
    v->begin_array(ctx, "doelgroepen");
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        v->code(ctx, (const char *)sqlite3_column_text(st, 0));
    stmtcache_release(db->stmts, st);
    if (rc != SQLITE_DONE)
        return db_fail(db, rc, "doelgroepen", err);
    v->end_array(ctx);
    if ((rc = walk(db, client_spec, id, v, ctx, err)) != KV_OK)
        return rc;
    v->end_client(ctx);
    return KV_OK;
}

/* The clients this user may see in a bulk export (?2 = 0: own and duo clients; 1: the
 * team's, for a team-wide role). */
static const char *const VISIBLE_SQL =
    "SELECT c.id FROM clients c WHERE (?2 = 1 AND " ACCESS_IN_TEAM_SQL(
        "c.id", "?1") ") OR (?2 = 0 AND c.id IN (" ACCESS_OWN_SQL("?1") ")) ORDER BY c.id";
/* One client, after access_client said yes. A query of its own: SQLite cannot look up
 * "?2 = 0 OR c.id = ?2" by key, and scanned every client (at 40,000 clients, most of an
 * opened dossier's time). */
static const char *const ONE_SQL = "SELECT id FROM clients WHERE id = ?1";

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
        rc = stmt_prepare(db->sql, st, ONE_SQL, "l", client);
    } else {
        rc = stmt_prepare(db->sql, st, VISIBLE_SQL, "li", db->user_id, all);
    }
    return rc == SQLITE_OK ? KV_OK : db_fail(db, rc, "export", err);
}

int dossier_visit(struct db *db, long client, const struct dossier_visitor *v, void *ctx,
                  struct kv_error *err)
{
    sqlite3_stmt *st;
    /* One consistent view: the caller's, when it has a transaction open (the dossier
     * screen's snapshot, db_read_begin), else one of its own. */
    int own = sqlite3_get_autocommit(db->sql);
    int rc = own ? sqlite3_exec(db->sql, "BEGIN", NULL, NULL, NULL) : SQLITE_OK;
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "export", err);
    if ((rc = visible(db, client, &st, err)) != KV_OK) {
        if (own)
            sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
        return rc;
    }
    int out = KV_OK;
    while (out == KV_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
        out = one_client(db, sqlite3_column_int64(st, 0), v, ctx, err);
    sqlite3_finalize(st);
    if (out == KV_OK && rc != SQLITE_DONE)
        out = db_fail(db, rc, "export", err);
    if (own)
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
    if (!audit_export_format_valid(what)) { /* a checkin carries no other (audit.h) */
        db_rollback(db);
        return kv_error_set(err, KV_ERR, "unknown export format", "Onbekend exportformaat.");
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

static const char *const d_client[] = {
    "birth_date",         "contact_verified_on", "applied_on", "benefit_start",
    "vrijstelling_until", "closed_on",           NULL};
static const struct dsspec_code c_client[] = {
    {"instroomreden", "instroomreden"}, {"municipality", "gemeente"}, {NULL, NULL}};

/* The records written by records.c; every other kind is its module's (dsspec.h). */
static const char *const d_date[] = {"date", NULL};
static const char *const d_req[] = {"date", "answered_on", NULL};
static const char *const d_rem[] = {"due", "done_on", NULL};
static const char *const d_ack[] = {"due", "snoozed_until", NULL};
static const struct dsspec_code c_class[] = {{"code", "classificatie"}, {NULL, NULL}};

static const struct dsspec_in classifications_in = {
    "classifications",
    "INSERT INTO classifications (client_id, axis, date, code, motivation" DS_IBK
    ") VALUES (:_client, coalesce(:axis, (SELECT kind FROM catalogue "
    "WHERE code = :code AND kind IN ('indeling', 'trede', 'werkfit') "
    "ORDER BY kind = 'indeling' DESC LIMIT 1), 'indeling'), :date, :code, "
    "coalesce(:motivation, '')" DS_IBKV ")",
    d_date,
    c_class,
    dsspec_no_refs,
    NULL,
    NULL,
    NULL};
static const struct dsspec_in requests_in = {
    "requests",
    "INSERT INTO requests (client_id, date, what, answered_on" DS_IBK ") VALUES "
    "(:_client, :date, :what, :answered_on" DS_IBKV ")",
    d_req,
    dsspec_no_codes,
    dsspec_no_refs,
    NULL,
    "requests",
    NULL};
static const struct dsspec_in reminders_in = {
    "reminders",
    "INSERT INTO reminders (client_id, due, text, done_on" DS_IBK ") VALUES "
    "(:_client, :due, :text, :done_on" DS_IBKV ")",
    d_rem,
    dsspec_no_codes,
    dsspec_no_refs,
    NULL,
    "reminders",
    NULL};
static const struct dsspec_in acks_in = {
    "signal_acks",
    "INSERT INTO signal_acks (client_id, kind, ref, due, done, snoozed_until, note" DS_IBK
    ") VALUES (:_client, :kind, :ref, :due, coalesce(:done, 0), "
    ":snoozed_until, coalesce(:note, '')" DS_IBKV ")",
    d_ack,
    dsspec_no_codes,
    dsspec_no_refs,
    NULL,
    NULL,
    NULL};

/* In the order export writes them, so references point backwards. */
static const struct dsspec_in *const i_client[] = {&classifications_in,
                                                   &assignments_in,
                                                   &intakes_in,
                                                   &plans_in,
                                                   &instruments_in,
                                                   &contacts_in,
                                                   &contacts_agreements_in,
                                                   &outflows_in,
                                                   &nazorg_in,
                                                   &requests_in,
                                                   &reminders_in,
                                                   &acks_in,
                                                   NULL};

/* address: the one-line address of files from before the parts; it lands in street. */
static const char *const CLIENT_INSERT =
    "INSERT INTO clients (id, bsn, first_name, last_name, birth_date, gender, household, "
    "municipality, street, house_number, postcode, city, phone, email, contact_verified_on, "
    "language_level, communication_needs, applied_on, benefit_start, instroomreden, "
    "arbeidsverplichting, vrijstelling_reason, vrijstelling_until, status, closed_on, notes" DS_IBK
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
    ":closed_on, coalesce(:notes, '')" DS_IBKV ")";

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
static enum ftype field_type(const struct dsspec_in *s, const char *key)
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
static int typed(struct imp *x, const struct dsspec_in *s, const char *key, enum dossier_kind k,
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
                    const struct dossier_node *obj, const struct dsspec_in *s, long parent)
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
    for (const struct dsspec_ref *r = s ? s->refs : NULL; r && r->param; r++)
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
    for (const struct dsspec_code *c = s ? s->codes : c_client; c && c->param; c++) {
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
                      const struct dsspec_in *const *children, const char *extra)
{
    for (size_t k = 0; k < x->src->count(obj); k++) {
        const char *key = x->src->key(obj, k);
        char param[80];
        snprintf(param, sizeof param, ":%s", key);
        int ok = key[0] != '_' && sqlite3_bind_parameter_index(st, param) > 0;
        for (const struct dsspec_in *const *c = children; !ok && c && *c; c++)
            ok = strcmp((*c)->key, key) == 0;
        ok = ok || (extra && strcmp(extra, key) == 0);
        if (!ok)
            return bad(x, key, "onbekend veld");
    }
    return KV_OK;
}

/* The table an import kind writes (the client's own fields: clients). */
static const char *table_of(const struct dsspec_in *s)
{
    return s == NULL ? "clients" : s->table ? s->table : s->key;
}

static int insert(struct imp *x, const char *sql, const struct dossier_node *obj,
                  const struct dsspec_in *s, long parent, const struct dsspec_in *const *children,
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

static int import_kinds(struct imp *x, const struct dsspec_in *const *kinds,
                        const struct dossier_node *obj, long parent)
{
    size_t base = strlen(x->path);
    for (; kinds && *kinds; kinds++) {
        const struct dsspec_in *s = *kinds;
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
