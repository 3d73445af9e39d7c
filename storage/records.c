#include "storage/records.h"
#include "storage/access.h"
#include "storage/schema.h"

#include "core/bsn.h"
#include "core/codes.h"
#include "core/date.h"
#include "core/rules.h"
#include "storage/catalogue.h"
#include "storage/rowrules.h"
#include "storage/stmt.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Bind by a type string and run: 'i' int64, 't' text (NULL as ''), 'T' text or NULL when
 * NULL/empty, 'd' day number as ISO text or NULL for NO_DATE, 'z' int64 or NULL when 0.
 * The last insert's row id goes to *id when id is not NULL. */
static int run(struct db *db, long *id, struct kv_error *err, const char *sql, const char *types,
               ...)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "prepare record", err);
    if ((int)strlen(types) != sqlite3_bind_parameter_count(st)) { /* a programming error */
        sqlite3_finalize(st);
        return kv_error_set(err, KV_ERR, sql, "Interne fout: verkeerd aantal parameters.");
    }
    va_list ap;
    va_start(ap, types);
    /* A text bound as a copy can fail for lack of memory, leaving the parameter NULL: a
     * record saved without a field. */
    int bound = SQLITE_OK;
    for (int i = 0; types[i]; i++) {
        int col = i + 1, b = SQLITE_OK;
        switch (types[i]) {
        case 'i':
            b = stmt_bind_at(st, col, "l", va_arg(ap, long));
            break;
        case 'z': {
            long v = va_arg(ap, long);
            b = stmt_bind_at(st, col, v ? "l" : "n", v);
            break;
        }
        case 't': {
            const char *t = va_arg(ap, const char *);
            b = stmt_bind_at(st, col, "c", t ? t : "");
            break;
        }
        case 'T': {
            const char *t = va_arg(ap, const char *);
            b = stmt_bind_at(st, col, "c", t && *t ? t : NULL);
            break;
        }
        case 'd': {
            long d = va_arg(ap, long);
            char iso[11];
            if (d != NO_DATE)
                date_format_iso(d, iso);
            b = stmt_bind_at(st, col, "c", d == NO_DATE ? NULL : iso); /* iso is gone at the step */
            break;
        }
        }
        if (bound == SQLITE_OK)
            bound = b;
    }
    va_end(ap);
    if (bound != SQLITE_OK) {
        sqlite3_finalize(st);
        return db_fail(db, bound, "bind record", err);
    }
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_fail(db, rc, "write record", err);
    if (id)
        *id = (long)sqlite3_last_insert_rowid(db->sql);
    return KV_OK;
}

#define BK_COLS "created_at, updated_at, updated_by"

/* Is code an active entry of catalogue kind? Empty codes are allowed (not given). */
static int known(struct db *db, const char *kind, const char *code, const char *field,
                 struct kv_error *err)
{
    if (code == NULL || *code == '\0')
        return KV_OK;
    int has = catalogue_has(db, kind, code, 1);
    if (has == 1)
        return KV_OK;
    if (has < 0)
        return db_fail(db, sqlite3_errcode(db->sql), "catalogue", err);
    return kv_error_set(err, KV_EUSAGE, "unknown catalogue code",
                        "%s: '%s' staat niet in de catalogus (%s).", field, code, kind);
}

/* Call fn for each code of a comma list ("taal,vervoer"), stopping at the first error. */
static int each_code(const char *list, int (*fn)(const char *code, void *ctx), void *ctx)
{
    char code[64];
    const char *c;
    size_t n;
    for (const char *p = list; codes_next(&p, &c, &n);) {
        snprintf(code, sizeof code, "%.*s", (int)(n < sizeof code ? n : sizeof code - 1), c);
        int rc = fn(code, ctx);
        if (rc != KV_OK)
            return rc;
    }
    return KV_OK;
}

struct code_ctx {
    struct db *db;
    const char *kind, *field, *now;
    long owner;
    struct kv_error *err;
};

static int check_code(const char *code, void *ctx)
{
    struct code_ctx *c = ctx;
    return known(c->db, c->kind, code, c->field, c->err);
}

/* Each code of a comma list in the catalogue. */
static int known_list(struct db *db, const char *kind, const char *list, const char *field,
                      struct kv_error *err)
{
    struct code_ctx c = {db, kind, field, NULL, 0, err};
    return each_code(list, check_code, &c);
}

static int add_doelgroep(const char *code, void *ctx)
{
    struct code_ctx *c = ctx;
    return run(c->db, NULL, c->err, "INSERT OR IGNORE INTO client_doelgroepen VALUES (?1, ?2)",
               "it", c->owner, code);
}

static int add_barrier(const char *code, void *ctx)
{
    struct code_ctx *c = ctx;
    return run(c->db, NULL, c->err,
               "INSERT INTO intake_barriers (intake_id, kind, " BK_COLS ") "
               "VALUES (?1, ?2, ?3, ?3, ?4)",
               "itt"
               "t",
               c->owner, code, c->now, c->db->user);
}

static long last_id(struct db *db)
{
    return (long)sqlite3_last_insert_rowid(db->sql);
}

/* The rules every writer obeys (core/rules.h, by column in rowrules.c), judged on the row
 * as it is stored: the same check as import, checkin and the commit make. A write opens
 * a savepoint first (rules_mark) and rules_judged keeps it or takes it back, so a refused
 * record leaves nothing behind, as a refusal before the write would. */
static int rules_mark(struct db *db, struct kv_error *err)
{
    int rc = sqlite3_exec(db->sql, "SAVEPOINT kv_rules", NULL, NULL, NULL);
    return rc == SQLITE_OK ? KV_OK : db_fail(db, rc, "rules savepoint", err);
}

static int rules_judged(struct db *db, int rc, const char *table, long id, const char *now,
                        struct kv_error *err)
{
    if (rc == KV_OK)
        rc = rowrules_row(db, table, id, rowrules_today(now), NULL, NULL, err);
    int sp = sqlite3_exec(
        db->sql, rc == KV_OK ? "RELEASE kv_rules" : "ROLLBACK TO kv_rules; RELEASE kv_rules", NULL,
        NULL, NULL);
    return sp != SQLITE_OK && rc == KV_OK ? db_fail(db, sp, "rules savepoint", err) : rc;
}

int records_client_add(struct db *db, const struct client_in *c, const char *now, long *id,
                       struct kv_error *err)
{
    char bsn[BSN_LEN + 1];
    int rc;
    if ((rc = rules_bsn(c->bsn, bsn, err)) != KV_OK)
        return rc;
    if (c->first_name == NULL || !*c->first_name || c->last_name == NULL || !*c->last_name)
        return kv_error_set(err, KV_EUSAGE, "name missing",
                            "Voornaam en achternaam zijn verplicht.");
    char municipality[160];
    if ((rc = known(db, "instroomreden", c->instroomreden, "instroomreden", err)) != KV_OK ||
        (rc = known_list(db, "doelgroep", c->doelgroepen, "doelgroep", err)) != KV_OK ||
        (rc = catalogue_municipality(db, c->municipality, municipality, err)) != KV_OK)
        return rc;
    if ((rc = rules_mark(db, err)) != KV_OK)
        return rc;
    rc =
        run(db, id, err,
            "INSERT INTO clients (id, bsn, first_name, last_name, birth_date, gender, "
            "household, municipality, phone, email, contact_verified_on, language_level, "
            "communication_needs, applied_on, benefit_start, instroomreden, arbeidsverplichting,"
            " vrijstelling_reason, vrijstelling_until, street, house_number, postcode, city, "
            "status, " BK_COLS ") VALUES (" SCHEMA_NEW_CLIENT_ID ", ?1, ?2, ?3,"
            " ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, coalesce(?16, 'volledig'),"
            " ?17, ?18, ?19, ?20, ?21, ?22, CASE WHEN ?23 THEN 'actief' ELSE 'aanmelding' END,"
            " ?24, ?24, ?25)",
            "tttdtttttdttddtTtdttttitt", bsn, c->first_name, c->last_name, c->birth_date, c->gender,
            c->household, municipality, c->phone, c->email, c->contact_verified_on,
            c->language_level, c->communication_needs, c->applied_on, c->benefit_start,
            c->instroomreden, c->arbeidsverplichting, c->vrijstelling_reason, c->vrijstelling_until,
            c->street, c->house_number, c->postcode, c->city, (long)c->came_active, now, db->user);
    if (rc != KV_OK && strstr(err->detail, "UNIQUE") && strstr(err->detail, "bsn"))
        rc = kv_error_set(err, KV_ERR, "duplicate BSN", "Er is al een klant met BSN %s.", bsn);
    if ((rc = rules_judged(db, rc, "clients", last_id(db), now, err)) != KV_OK)
        return rc;
    struct code_ctx cc = {db, NULL, NULL, now, *id, err};
    return each_code(c->doelgroepen, add_doelgroep, &cc);
}

int records_client_exists(struct db *db, long client, struct kv_error *err)
{
    sqlite3_stmt *st;
    int rc = stmt_prepare(db->sql, &st, "SELECT 1 FROM clients WHERE id = ?1", "l", client);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "client", err);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return KV_OK;
    if (rc != SQLITE_DONE)
        return db_fail(db, rc, "client", err);
    return kv_error_set(err, KV_ERR, "no such client", "Klant %ld bestaat niet.", client);
}

int records_outflow_return(struct db *db, long client, long date, long today, const char *now,
                           struct kv_error *err)
{
    sqlite3_stmt *st;
    long id = 0, out = NO_DATE, back = NO_DATE;
    char a[11], b[11];
    if (date > today)
        return kv_error_set(err, KV_EUSAGE, "return in the future",
                            "Een terugkeer in de "
                            "uitkering ligt niet na vandaag.");
    int rc = stmt_prepare(db->sql, &st,
                          "SELECT id, date, returned_on FROM outflows WHERE "
                          "client_id = ?1 ORDER BY date DESC, id DESC LIMIT 1",
                          "i", client);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "outflow return", err);
    if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        id = (long)sqlite3_column_int64(st, 0);
        date_parse((const char *)sqlite3_column_text(st, 1), &out);
        if (sqlite3_column_type(st, 2) != SQLITE_NULL)
            date_parse((const char *)sqlite3_column_text(st, 2), &back);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(db, rc, "outflow return", err);
    if (id == 0)
        return kv_error_set(err, KV_EUSAGE, "no outflow",
                            "Klant %ld heeft geen uitstroom; een "
                            "terugkeer hoort bij een uitstroom.",
                            client);
    date_format_nl(out, a);
    date_format_nl(back, b);
    if (back != NO_DATE)
        return kv_error_set(err, KV_EUSAGE, "returned already",
                            "De terugkeer is al vastgelegd "
                            "op %s (uitstroom van %s).",
                            b, a);
    if (date < out)
        return kv_error_set(err, KV_EUSAGE, "return before outflow",
                            "De terugkeer ligt voor de "
                            "uitstroom van %s.",
                            a);
    return run(db, NULL, err,
               "UPDATE outflows SET returned_on = ?2, updated_at = ?3, "
               "updated_by = ?4, version = version + 1 WHERE id = ?1",
               "idtt", id, date, now, db->user);
}

int records_client_close(struct db *db, long client, long date, long today, const char *now,
                         struct kv_error *err)
{
    if (date > today)
        return kv_error_set(err, KV_EUSAGE, "closing date in the future",
                            "Een dossier sluit "
                            "niet in de toekomst.");
    int rc = run(db, NULL, err,
                 "UPDATE clients SET status = 'afgesloten', closed_on = ?2, "
                 "updated_at = ?3, updated_by = ?4, version = version + 1 WHERE id = ?1 AND "
                 "status <> 'afgesloten'",
                 "idtt", client, date, now, db->user);
    if (rc == KV_OK && sqlite3_changes(db->sql) == 0)
        return kv_error_set(err, KV_EUSAGE, "not closable",
                            "Het dossier van klant %ld is al "
                            "afgesloten.",
                            client);
    return rc;
}

/* The id of an active user, 0 when there is none by that name. */
static long active_user(struct db *db, const char *name, struct kv_error *err)
{
    sqlite3_stmt *st;
    long id = 0;
    int rc = stmt_prepare(db->sql, &st, "SELECT id FROM users WHERE name = ?1 AND active = 1", "t",
                          name);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "assign", err), -1;
    if ((rc = sqlite3_step(st)) == SQLITE_ROW)
        id = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(db, rc, "assign", err), -1;
    return id;
}

/* The day of a time stamp "YYYY-MM-DD HH:MM:SS": today, for a write; without one, a day
 * no date is after. */
static long day_of(const char *now)
{
    char d[11];
    long day;
    snprintf(d, sizeof d, "%s", now ? now : "");
    return date_parse(d, &day) ? day : 0x7fffffffL;
}

/* The one rule for the date a client was told of a handover, on every path. */
static int told_later(long informed_on, long today, struct kv_error *err)
{
    if (informed_on != NO_DATE && informed_on <= today)
        return KV_OK;
    return kv_error_set(err, KV_EUSAGE, "informed in the future",
                        "De datum waarop de klant "
                        "is ingelicht ligt niet na vandaag.");
}

/* The date a client was told belongs to a handover: the open klantmanager assignment id
 * followed another klantmanager's. (A client may be told before the handover begins.) */
static int after_handover(struct db *db, long client, long id, struct kv_error *err)
{
    sqlite3_stmt *st;
    int rc = stmt_prepare(db->sql, &st,
                          "SELECT EXISTS (SELECT 1 FROM assignments p WHERE "
                          "p.client_id = ?1 AND p.role_in_case = 'klantmanager' AND p.to_date IS "
                          "NOT NULL AND p.user_id <> a.user_id) FROM assignments a WHERE a.id = ?2",
                          "ll", client, id);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "assignment", err);
    int handed = (rc = sqlite3_step(st)) == SQLITE_ROW && sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(db, rc, "assignment", err);
    if (!handed)
        return kv_error_set(err, KV_EUSAGE, "no handover",
                            "Klant %ld is niet overgedragen: er "
                            "is geen nieuwe klantmanager om de klant over in te lichten.",
                            client);
    return KV_OK;
}

/* The user and id of the client's open assignment in that role; 0 and 0 when there is
 * none. */
static int current_assignment(struct db *db, long client, const char *role_in_case, long *user,
                              long *id, struct kv_error *err)
{
    sqlite3_stmt *st;
    *user = 0;
    if (id)
        *id = 0;
    int rc = stmt_prepare(db->sql, &st,
                          "SELECT user_id, id FROM assignments WHERE client_id ="
                          " ?1 AND role_in_case = ?2 AND to_date IS NULL ORDER BY "
                          "from_date DESC, id DESC LIMIT 1",
                          "lt", client, role_in_case);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "assignment", err);
    if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *user = (long)sqlite3_column_int64(st, 0);
        if (id)
            *id = (long)sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, "assignment", err);
}

int records_is_klantmanager(struct db *db, long client, const char *user, int *yes,
                            struct kv_error *err)
{
    long to = active_user(db, user, err), current;
    *yes = 0;
    if (to < 0)
        return err->status;
    int rc = current_assignment(db, client, "klantmanager", &current, NULL, err);
    *yes = rc == KV_OK && to != 0 && current == to;
    return rc;
}

/* The date the client was told of the current klantmanager (NO_DATE: not recorded) on
 * assignment id. */
static int informed_on(struct db *db, long id, long *date, struct kv_error *err)
{
    sqlite3_stmt *st;
    *date = NO_DATE;
    int rc = stmt_prepare(db->sql, &st,
                          "SELECT client_informed_on FROM assignments WHERE "
                          "id = ?1",
                          "i", id);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "informed on", err);
    if ((rc = sqlite3_step(st)) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        date_parse((const char *)sqlite3_column_text(st, 0), date);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, "informed on", err);
}

int records_informed_date(struct db *db, long client, long *date, struct kv_error *err)
{
    long user, id;
    *date = NO_DATE;
    int rc = current_assignment(db, client, "klantmanager", &user, &id, err);
    return rc == KV_OK && id ? informed_on(db, id, date, err) : rc;
}

int records_informed(struct db *db, long client, long date, long today, int replace,
                     const char *now, struct kv_error *err)
{
    long user, id, before;
    int rc = told_later(date, today, err);
    if (rc != KV_OK)
        return rc;
    rc = current_assignment(db, client, "klantmanager", &user, &id, err);
    if (rc != KV_OK)
        return rc;
    if (id == 0)
        return kv_error_set(err, KV_EUSAGE, "no klantmanager",
                            "Klant %ld heeft geen "
                            "klantmanager; er is geen overdracht om vast te leggen.",
                            client);
    if ((rc = after_handover(db, client, id, err)) != KV_OK)
        return rc;
    /* Who may: the klantmanager themselves or their teamleider; the write check at commit
     * holds every other role to that (informed_only). */
    if (access_casework(db) && user != db->user_id)
        return kv_error_set(err, KV_EAUTH, "not the klantmanager",
                            "Alleen de klantmanager van "
                            "klant %ld of de teamleider legt vast wanneer de klant is ingelicht.",
                            client);
    if (!access_casework(db) && (rc = access_may_assign(db, client, 0, err)) != KV_OK)
        return rc;
    /* A date recorded is what the client was told; a second one replaces it only on
     * purpose (it is the date the handover's signal and warning ended on). */
    if ((rc = informed_on(db, id, &before, err)) != KV_OK)
        return rc;
    if (before != NO_DATE && before != date && !replace) {
        char d[11];
        date_format_nl(before, d);
        return kv_error_set(err, KV_EUSAGE, "informed already",
                            "Klant %ld is al op %s "
                            "ingelicht; die datum blijft staan.",
                            client, d);
    }
    return run(db, NULL, err,
               "UPDATE assignments SET client_informed_on = ?2, updated_at = ?3, "
               "updated_by = ?4, version = version + 1 WHERE id = ?1",
               "idtt", id, date, now, db->user);
}

int records_assign(struct db *db, long client, const char *user, const char *role_in_case,
                   long from, const char *handover_note, long informed_on, const char *now,
                   struct kv_error *err)
{
    long to = active_user(db, user, err);
    if (to < 0)
        return err->status;
    if (to == 0)
        return kv_error_set(err, KV_EUSAGE, "no such user",
                            "Gebruiker '%s' bestaat niet of is "
                            "uitgeschakeld.",
                            user);
    if (informed_on != NO_DATE && told_later(informed_on, day_of(now), err) != KV_OK)
        return err->status;
    /* A bulk load's caller has checked the role (db_begin_bulk); everyone else is held to
     * the assigning rule here, and again by the write check at commit. */
    int rc = db->bulk ? KV_OK : access_may_assign(db, client, to, err);
    if (rc != KV_OK)
        return rc;
    long current = 0;
    if ((rc = current_assignment(db, client, role_in_case, &current, NULL, err)) != KV_OK)
        return rc;
    /* Not a change: closing and reopening would count as a handover and ask for telling
     * the client about a klantmanager they already have. */
    if (current == to)
        return kv_error_set(err, KV_EUSAGE, "already assigned",
                            "%s is al de %s van klant %ld; "
                            "er is niets overgedragen.",
                            user, role_in_case, client);
    rc = run(db, NULL, err,
             "UPDATE assignments SET to_date = ?3, updated_at = ?4, "
             "updated_by = ?5, version = version + 1 WHERE client_id = ?1 AND role_in_case = ?2"
             " AND to_date IS NULL",
             "itdtt", client, role_in_case, from, now, db->user);
    if (rc != KV_OK)
        return rc;
    long id = 0;
    return run(db, &id, err,
               "INSERT INTO assignments (client_id, user_id, role_in_case, "
               "from_date, handover_note, client_informed_on, " BK_COLS ") VALUES (?1, ?2, ?3, "
               "?4, ?5, ?6, ?7, ?7, ?8)",
               "iitdtdtt", client, to, role_in_case, from, handover_note, informed_on, now,
               db->user);
}

/* The axis (catalogue kind) of a classification code: "" when no axis holds it. */
static int axis_of(struct db *db, const char *code, char axis[16], struct kv_error *err)
{
    sqlite3_stmt *st;
    axis[0] = '\0';
    int rc = stmt_prepare(db->sql, &st,
                          "SELECT kind FROM catalogue WHERE code = ?1 AND kind IN "
                          "('indeling', 'trede', 'werkfit') AND active = 1 "
                          "ORDER BY kind = 'indeling' DESC LIMIT 1",
                          "t", code);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "classification axis", err);
    if ((rc = sqlite3_step(st)) == SQLITE_ROW)
        snprintf(axis, 16, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? KV_OK
                                                 : db_fail(db, rc, "classification axis", err);
}

int records_classify(struct db *db, long client, const char *axis, long date, const char *code,
                     const char *motivation, const char *now, struct kv_error *err)
{
    char found[16];
    int rc;
    if (code == NULL || *code == '\0')
        return kv_error_set(err, KV_EUSAGE, "classification missing", "Kies een indeling.");
    if (axis == NULL) {
        if ((rc = axis_of(db, code, found, err)) != KV_OK)
            return rc;
        if (*found == '\0')
            return kv_error_set(err, KV_EUSAGE, "unknown classification",
                                "classificatie: '%s' "
                                "staat niet in de catalogus (indeling, trede of werkfit).",
                                code);
        axis = found;
    } else if ((rc = known(db, axis, code, axis, err)) != KV_OK) {
        return rc;
    }
    return run(db, NULL, err,
               "INSERT INTO classifications (client_id, axis, date, code, "
               "motivation, " BK_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
               "itdttt"
               "t",
               client, axis, date, code, motivation, now, db->user);
}

int records_intake_add(struct db *db, const struct intake_in *in, const char *now, long *id,
                       struct kv_error *err)
{
    int rc;
    if ((rc = known(db, "indeling", in->classification, "indeling", err)) != KV_OK ||
        (rc = known(db, "trede", in->trede, "trede", err)) != KV_OK ||
        (rc = known(db, "werkfit", in->werkfit, "werkfit", err)) != KV_OK ||
        (rc = known(db, "uitstroomdoel", in->uitstroomdoel, "uitstroomdoel", err)) != KV_OK ||
        (rc = known_list(db, "belemmering", in->barriers, "belemmering", err)) != KV_OK)
        return rc;
    /* The axes in one table: code and motivation side by side. */
    const char *axes[][3] = {{"indeling", in->classification, in->classification_motivation},
                             {"trede", in->trede, in->trede_motivation},
                             {"werkfit", in->werkfit, in->werkfit_motivation}};
    for (size_t i = 1; i < sizeof axes / sizeof axes[0]; i++)
        if (axes[i][1] && *axes[i][1] && (axes[i][2] == NULL || *axes[i][2] == '\0'))
            return kv_error_set(err, KV_EUSAGE, "classification without motivation",
                                "Geef een motivering bij de %s.",
                                i == 1 ? "trede" : "conclusie Werkfit");
    if ((rc = rules_mark(db, err)) != KV_OK)
        return rc;
    rc = run(db, id, err,
             "INSERT INTO intakes (client_id, date, work_history, education, "
             "diplomas, availability, motivation, competences, wishes, regelingen, classification,"
             " classification_motivation, trede, trede_motivation, werkfit, werkfit_motivation, "
             "uitstroomdoel, client_comments, " BK_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
             "?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?19, ?20)",
             "idtttttttttttttttttt", in->client, in->date, in->work_history, in->education,
             in->diplomas, in->availability, in->motivation, in->competences, in->wishes,
             in->regelingen, in->classification, in->classification_motivation, in->trede,
             in->trede_motivation, in->werkfit, in->werkfit_motivation, in->uitstroomdoel,
             in->client_comments, now, db->user);
    if ((rc = rules_judged(db, rc, "intakes", last_id(db), now, err)) != KV_OK)
        return rc;
    if (rc == KV_OK) {
        struct code_ctx cc = {db, NULL, NULL, now, *id, err};
        rc = each_code(in->barriers, add_barrier, &cc);
    }
    /* The intake classifies on each axis it names, on its date, with that axis's
     * motivation. */
    for (size_t i = 0; rc == KV_OK && i < sizeof axes / sizeof axes[0]; i++)
        if (axes[i][1] && *axes[i][1])
            rc = records_classify(db, in->client, axes[i][0], in->date, axes[i][1], axes[i][2], now,
                                  err);
    return rc;
}

int records_plan_add(struct db *db, long client, long date, long discussed_on, int agreed,
                     int demands_applications, const char *comments, const char *now, long *id,
                     struct kv_error *err)
{
    long own = 0;
    int rc = rules_mark(db, err);
    if (rc == KV_OK)
        rc = run(db, &own, err,
                 "INSERT INTO plans (client_id, date, discussed_on, client_agreed, "
                 "demands_applications, client_comments, " BK_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, "
                 "?6, ?7, ?7, ?8)",
                 "iddiittt", client, date, discussed_on, (long)agreed, (long)demands_applications,
                 comments, now, db->user);
    if (rc == KV_OK && id)
        *id = own;
    return rules_judged(db, rc, "plans", own, now, err);
}

int records_goal_add(struct db *db, const struct goal_in *g, const char *now, long *id,
                     struct kv_error *err)
{
    return run(db, id, err,
               "INSERT INTO goals (plan_id, client_id, specifiek, meetbaar, "
               "acceptabel, realistisch, tijdgebonden, deadline, status, " BK_COLS ") VALUES "
               "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, coalesce(?9, 'open'), ?10, ?10, ?11)",
               "iitttttdTtt", g->plan, g->client, g->s, g->m, g->a, g->r, g->t, g->deadline,
               g->status, now, db->user);
}

int records_goal_update(struct db *db, long id, long version, const struct goal_in *g,
                        const char *evaluation, const char *now, struct kv_error *err)
{
    int rc =
        records_same_version(db, "SELECT version, updated_by, updated_at FROM goals WHERE id = ?1",
                             id, version, "doel", NULL, NULL, err);
    if (rc != KV_OK)
        return rc;
    return run(db, NULL, err,
               "UPDATE goals SET specifiek = ?3, meetbaar = ?4, acceptabel = ?5, "
               "realistisch = ?6, tijdgebonden = ?7, deadline = ?8, status = coalesce(?9, status), "
               "evaluation = ?10, updated_at = ?11, updated_by = ?12, version = version + 1 "
               "WHERE id = ?1 AND version = ?2",
               "iitttttdTttt", id, version, g->s, g->m, g->a, g->r, g->t, g->deadline, g->status,
               evaluation, now, db->user);
}

int records_goal_evaluate(struct db *db, long goal, const char *evaluation, const char *now,
                          struct kv_error *err)
{
    return run(db, NULL, err,
               "UPDATE goals SET evaluation = ?2, updated_at = ?3, updated_by = ?4, "
               "version = version + 1 WHERE id = ?1",
               "ittt", goal, evaluation, now, db->user);
}

int records_instrument_add(struct db *db, const struct instrument_in *in, const char *now, long *id,
                           struct kv_error *err)
{
    int rc;
    /* before the write: the schema's own CHECK would refuse it without saying why */
    if ((rc = rules_end_not_before_start(in->start, in->planned_end, "Instrument", err)) != KV_OK ||
        (rc = rules_end_not_before_start(in->start, in->actual_end, "Instrument", err)) != KV_OK ||
        (rc = known(db, "eindreden", in->end_reason, "eindreden", err)) != KV_OK)
        return rc;
    if ((rc = rules_mark(db, err)) != KV_OK)
        return rc;
    rc = run(db, id, err,
             "INSERT INTO client_instruments (client_id, catalogue_id, goal_id, "
             "provider, start, planned_end, actual_end, cost_cents, status, end_reason, result, "
             "certificate_promised, certificate_received, " BK_COLS ") SELECT ?1, c.id, ?3, "
             "c.provider, ?4, coalesce(?5, date(?4, '+' || c.default_days || ' days')), ?6, "
             "CASE WHEN ?7 < 0 THEN c.default_cost_cents ELSE ?7 END, coalesce(?8, 'lopend'), "
             "?9, ?10, ?11, ?12, ?13, ?13, ?14 FROM instrument_catalogue c WHERE c.code = ?2",
             "itzdddiTttiitt", in->client, in->code, in->goal, in->start, in->planned_end,
             in->actual_end, in->cost_cents, in->status, in->end_reason, in->result,
             (long)in->certificate_promised, (long)in->certificate_received, now, db->user);
    if (rc == KV_OK && sqlite3_changes(db->sql) == 0)
        rc = kv_error_set(err, KV_EUSAGE, "unknown instrument",
                          "Instrument '%s' staat niet in "
                          "de catalogus.",
                          in->code ? in->code : "");
    return rules_judged(db, rc, "client_instruments", last_id(db), now, err);
}

int records_same_version(struct db *db, const char *sql, long id, long version, const char *what,
                         void (*fill)(sqlite3_stmt *st, void *ctx), void *ctx, struct kv_error *err)
{
    sqlite3_stmt *st;
    int rc = stmt_prepare(db->sql, &st, sql, "l", id);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, what, err);
    rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(st);
        return rc == SQLITE_DONE ? kv_error_set(err, KV_ERR, "record gone",
                                                "Dit %s bestaat niet "
                                                "meer.",
                                                what)
                                 : db_fail(db, rc, what, err);
    }
    if (sqlite3_column_int64(st, 0) != version) {
        kv_error_set(err, KV_ECONFLICT, "version changed",
                     "Dit %s is intussen gewijzigd door %s "
                     "op %.16s. Uw invoer staat nog hier; Esc en opnieuw openen toont de nieuwe "
                     "stand.",
                     what, (const char *)sqlite3_column_text(st, 1),
                     (const char *)sqlite3_column_text(st, 2));
        sqlite3_finalize(st);
        return KV_ECONFLICT;
    }
    if (fill)
        fill(st, ctx);
    sqlite3_finalize(st);
    return KV_OK;
}

struct span {
    long start, planned;
};

static void fill_span(sqlite3_stmt *st, void *ctx)
{
    struct span *s = ctx;
    const char *a = (const char *)sqlite3_column_text(st, 3);
    const char *b = (const char *)sqlite3_column_text(st, 4);
    if (!a || !date_parse(a, &s->start) || !b || !date_parse(b, &s->planned))
        s->start = s->planned = NO_DATE;
}

/* The instrument's start and planned end, read at the version the editor had. */
static int instrument_state(struct db *db, long id, long version, long *start, long *planned,
                            struct kv_error *err)
{
    struct span s = {NO_DATE, NO_DATE};
    int rc = records_same_version(db,
                                  "SELECT version, updated_by, updated_at, start, planned_end FROM "
                                  "client_instruments WHERE id = ?1",
                                  id, version, "instrument", fill_span, &s, err);
    *start = s.start;
    *planned = s.planned;
    return rc;
}

int records_instrument_end(struct db *db, long id, long version, long actual_end,
                           const char *status, const char *end_reason, const char *result,
                           int certificate_received, const char *now, struct kv_error *err)
{
    long start, planned;
    int rc;
    if (status == NULL || (strcmp(status, "afgerond") && strcmp(status, "voortijdig_gestopt")))
        return kv_error_set(err, KV_EUSAGE, "bad end status",
                            "Een instrument eindigt als "
                            "afgerond of voortijdig gestopt.");
    if (end_reason == NULL || !*end_reason || result == NULL || !*result)
        return kv_error_set(err, KV_EUSAGE, "end reason or result missing",
                            "Bij het beëindigen "
                            "zijn de eindreden en het resultaat verplicht.");
    if (actual_end == NO_DATE)
        return kv_error_set(err, KV_EUSAGE, "no end date", "De einddatum is verplicht.");
    if ((rc = instrument_state(db, id, version, &start, &planned, err)) != KV_OK ||
        (rc = rules_end_not_before_start(start, actual_end, "Instrument", err)) != KV_OK ||
        (rc = known(db, "eindreden", end_reason, "eindreden", err)) != KV_OK)
        return rc;
    if ((rc = rules_mark(db, err)) != KV_OK)
        return rc;
    rc = run(db, NULL, err,
             "UPDATE client_instruments SET actual_end = ?3, status = ?4, "
             "end_reason = ?5, result = ?6, certificate_received = ?7, updated_at = ?8, "
             "updated_by = ?9, version = version + 1 WHERE id = ?1 AND version = ?2",
             "iidtttitt", id, version, actual_end, status, end_reason, result,
             (long)certificate_received, now, db->user);
    return rules_judged(db, rc, "client_instruments", id, now, err);
}

int records_instrument_extend(struct db *db, long id, long version, long new_end,
                              const char *reason, const char *now, struct kv_error *err)
{
    long start, planned;
    int rc;
    if (reason == NULL || !*reason)
        return kv_error_set(err, KV_EUSAGE, "no reason", "Een verlenging heeft een reden nodig.");
    if ((rc = instrument_state(db, id, version, &start, &planned, err)) != KV_OK)
        return rc;
    if (new_end == NO_DATE || new_end <= planned) {
        char p[11];
        date_format_nl(planned, p);
        return kv_error_set(err, KV_EUSAGE, "not later",
                            "De nieuwe einddatum moet na de huidige "
                            "(%s) liggen.",
                            p);
    }
    rc = run(db, NULL, err,
             "INSERT INTO instrument_extensions (instrument_id, old_end, new_end, "
             "reason, " BK_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
             "iddttt", id, planned, new_end, reason, now, db->user);
    if (rc == KV_OK)
        rc = run(db, NULL, err,
                 "UPDATE client_instruments SET planned_end = ?3, updated_at = ?4,"
                 " updated_by = ?5, version = version + 1 WHERE id = ?1 AND version = ?2",
                 "iidtt", id, version, new_end, now, db->user);
    return rc;
}

int records_contact_add(struct db *db, long client, long date, const char *channel,
                        const char *participants, const char *summary, const char *now, long *id,
                        struct kv_error *err)
{
    int rc = known(db, "kanaal", channel, "kanaal", err);
    if (rc != KV_OK || (rc = rules_mark(db, err)) != KV_OK)
        return rc;
    rc = run(db, id, err,
             "INSERT INTO contacts (client_id, date, channel, participants, "
             "summary, " BK_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
             "idttttt", client, date, channel, participants, summary, now, db->user);
    return rules_judged(db, rc, "contacts", last_id(db), now, err);
}

int records_agreement_add(struct db *db, long client, long contact, const char *text, long due,
                          long done_on, const char *now, struct kv_error *err)
{
    return run(db, NULL, err,
               "INSERT INTO agreements (client_id, contact_id, text, due, done_on,"
               " " BK_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
               "iztddtt", client, contact, text, due, done_on, now, db->user);
}

int records_outflow_add(struct db *db, const struct outflow_in *o, const char *now, long *id,
                        struct kv_error *err)
{
    int rc;
    if ((rc = known(db, "uitstroomreden", o->reason, "uitstroomreden", err)) != KV_OK ||
        (rc = known(db, "route", o->route, "route", err)) != KV_OK ||
        (rc = rules_mark(db, err)) != KV_OK)
        return rc;
    rc = run(db, id, err,
             "INSERT INTO outflows (client_id, date, reason, employer, "
             "contract_kind, contract_end, hours_per_week, partial, route, instrument_id, " BK_COLS
             ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12)",
             "idtttdiitztt", o->client, o->date, o->reason, o->employer, o->contract_kind,
             o->contract_end, (long)o->hours_per_week, (long)o->partial, o->route, o->instrument,
             now, db->user);
    return rules_judged(db, rc, "outflows", last_id(db), now, err);
}

int records_nazorg_add(struct db *db, long client, long outflow, long start, long end, int consent,
                       int frequency_days, const char *now, struct kv_error *err)
{
    long id = 0;
    int rc = rules_mark(db, err);
    if (rc == KV_OK)
        rc = run(db, &id, err,
                 "INSERT INTO nazorg (client_id, outflow_id, start, end, consent, "
                 "frequency_days, " BK_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)",
                 "izddiitt", client, outflow, start, end, (long)consent, (long)frequency_days, now,
                 db->user);
    return rules_judged(db, rc, "nazorg", id, now, err);
}

int records_followup_add(struct db *db, long outflow, int months, long date, int still_off,
                         const char *note, const char *now, struct kv_error *err)
{
    return run(db, NULL, err,
               "INSERT INTO followups (outflow_id, months, date, still_off_benefit,"
               " note, " BK_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
               "iidittt", outflow, (long)months, date, (long)still_off, note, now, db->user);
}

int records_request_add(struct db *db, long client, long date, const char *what, long answered_on,
                        const char *now, struct kv_error *err)
{
    return run(db, NULL, err,
               "INSERT INTO requests (client_id, date, what, answered_on, " BK_COLS
               ") VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
               "idtdtt", client, date, what, answered_on, now, db->user);
}

int records_ack(struct db *db, long client, const char *kind, long ref, long due, int done,
                long snoozed_until, const char *note, const char *now, struct kv_error *err)
{
    return run(db, NULL, err,
               "INSERT INTO signal_acks (client_id, kind, ref, due, done, "
               "snoozed_until, note, " BK_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)",
               "itididttt", client, kind, ref, due, (long)done, snoozed_until, note, now, db->user);
}

int records_ack_undo(struct db *db, long client, const char *kind, long ref, long due,
                     const char *now, struct kv_error *err)
{
    int rc = run(db, NULL, err,
                 "UPDATE signal_acks SET done = 0, snoozed_until = NULL, "
                 "updated_at = ?5, updated_by = ?6, version = version + 1 WHERE client_id = ?1 "
                 "AND kind = ?2 AND ref = ?3 AND due = ?4 AND (done = 1 OR snoozed_until IS "
                 "NOT NULL)",
                 "itidtt", client, kind, ref, due, now, db->user);
    if (rc == KV_OK && sqlite3_changes(db->sql) == 0)
        return kv_error_set(err, KV_ERR, "no acknowledgement",
                            "Dit signaal was niet "
                            "afgehandeld of uitgesteld.");
    return rc;
}

int records_reminder_add(struct db *db, long client, long due, const char *text, long done_on,
                         const char *now, struct kv_error *err)
{
    return run(db, NULL, err,
               "INSERT INTO reminders (client_id, due, text, done_on, " BK_COLS
               ") VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
               "idtdtt", client, due, text, done_on, now, db->user);
}
