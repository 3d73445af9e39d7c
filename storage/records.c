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
#include "storage/stmtcache.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int records_run(struct db *db, long *id, struct kv_error *err, const char *sql, const char *types,
                ...)
{
    sqlite3_stmt *st;
    int rc = stmtcache_take(&db->stmts, db->sql, sql, &st);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "prepare record", err);
    if ((int)strlen(types) != sqlite3_bind_parameter_count(st)) { /* a programming error */
        stmtcache_release(db->stmts, st);
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
        stmtcache_release(db->stmts, st);
        return db_fail(db, bound, "bind record", err);
    }
    rc = sqlite3_step(st);
    stmtcache_release(db->stmts, st);
    if (rc != SQLITE_DONE)
        return db_fail(db, rc, "write record", err);
    if (id)
        *id = (long)sqlite3_last_insert_rowid(db->sql);
    return KV_OK;
}

int records_known(struct db *db, const char *kind, const char *code, const char *field,
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

int records_each_code(const char *list, int (*fn)(const char *code, void *ctx), void *ctx)
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
    return records_known(c->db, c->kind, code, c->field, c->err);
}

int records_known_list(struct db *db, const char *kind, const char *list, const char *field,
                       struct kv_error *err)
{
    struct code_ctx c = {db, kind, field, NULL, 0, err};
    return records_each_code(list, check_code, &c);
}

static int add_doelgroep(const char *code, void *ctx)
{
    struct code_ctx *c = ctx;
    return records_run(c->db, NULL, c->err,
                       "INSERT OR IGNORE INTO client_doelgroepen VALUES (?1, ?2)", "it", c->owner,
                       code);
}

int records_client_doelgroepen(struct db *db, long client, const char *list, struct kv_error *err)
{
    int rc = records_run(db, NULL, err, "DELETE FROM client_doelgroepen WHERE client_id = ?1", "i",
                         client);
    struct code_ctx cc = {db, NULL, NULL, NULL, client, err};
    return rc == KV_OK ? records_each_code(list, add_doelgroep, &cc) : rc;
}

long records_last_id(struct db *db)
{
    return (long)sqlite3_last_insert_rowid(db->sql);
}

/* The rules every writer obeys (core/rules.h, by column in rowrules.c), judged on the row
 * as it is stored: the same check as import, checkin and the commit make. A write opens
 * a savepoint first (records_mark) and records_judged keeps it or takes it back, so a refused
 * record leaves nothing behind, as a refusal before the write would. */
int records_mark(struct db *db, struct kv_error *err)
{
    int rc = sqlite3_exec(db->sql, "SAVEPOINT kv_rules", NULL, NULL, NULL);
    return rc == SQLITE_OK ? KV_OK : db_fail(db, rc, "rules savepoint", err);
}

int records_judged(struct db *db, int rc, const char *table, long id, const char *now,
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
    if ((rc = records_known(db, "instroomreden", c->instroomreden, "instroomreden", err)) !=
            KV_OK ||
        (rc = records_known_list(db, "doelgroep", c->doelgroepen, "doelgroep", err)) != KV_OK ||
        (rc = catalogue_municipality(db, c->municipality, municipality, err)) != KV_OK)
        return rc;
    if ((rc = records_mark(db, err)) != KV_OK)
        return rc;
    rc = records_run(
        db, id, err,
        "INSERT INTO clients (id, bsn, first_name, last_name, birth_date, gender, "
        "household, municipality, phone, email, contact_verified_on, language_level, "
        "communication_needs, applied_on, benefit_start, instroomreden, arbeidsverplichting,"
        " vrijstelling_reason, vrijstelling_until, street, house_number, postcode, city, "
        "status, " RECORDS_BK_COLS ") VALUES (" SCHEMA_NEW_CLIENT_ID ", ?1, ?2, ?3,"
        " ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, coalesce(?16, 'volledig'),"
        " ?17, ?18, ?19, ?20, ?21, ?22, CASE WHEN ?23 THEN 'actief' ELSE 'aanmelding' END,"
        " ?24, ?24, ?25)",
        "tttdtttttdttddtTtdttttitt", bsn, c->first_name, c->last_name, c->birth_date, c->gender,
        c->household, municipality, c->phone, c->email, c->contact_verified_on, c->language_level,
        c->communication_needs, c->applied_on, c->benefit_start, c->instroomreden,
        c->arbeidsverplichting, c->vrijstelling_reason, c->vrijstelling_until, c->street,
        c->house_number, c->postcode, c->city, (long)c->came_active, now, db->user);
    if (rc != KV_OK && strstr(err->detail, "UNIQUE") && strstr(err->detail, "bsn"))
        rc = kv_error_set(err, KV_ERR, "duplicate BSN", "Er is al een klant met BSN %s.", bsn);
    if ((rc = records_judged(db, rc, "clients", records_last_id(db), now, err)) != KV_OK)
        return rc;
    struct code_ctx cc = {db, NULL, NULL, now, *id, err};
    return records_each_code(c->doelgroepen, add_doelgroep, &cc);
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

int records_client_close(struct db *db, long client, long date, long today, const char *now,
                         struct kv_error *err)
{
    if (date > today)
        return kv_error_set(err, KV_EUSAGE, "closing date in the future",
                            "Een dossier sluit "
                            "niet in de toekomst.");
    int rc =
        records_run(db, NULL, err,
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
    } else if ((rc = records_known(db, axis, code, axis, err)) != KV_OK) {
        return rc;
    }
    return records_run(db, NULL, err,
                       "INSERT INTO classifications (client_id, axis, date, code, "
                       "motivation, " RECORDS_BK_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
                       "itdttt"
                       "t",
                       client, axis, date, code, motivation, now, db->user);
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

int records_request_add(struct db *db, long client, long date, const char *what, long answered_on,
                        const char *now, struct kv_error *err)
{
    return records_run(db, NULL, err,
                       "INSERT INTO requests (client_id, date, what, answered_on, " RECORDS_BK_COLS
                       ") VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
                       "idtdtt", client, date, what, answered_on, now, db->user);
}

int records_ack(struct db *db, long client, const char *kind, long ref, long due, int done,
                long snoozed_until, const char *note, const char *now, struct kv_error *err)
{
    return records_run(
        db, NULL, err,
        "INSERT INTO signal_acks (client_id, kind, ref, due, done, "
        "snoozed_until, note, " RECORDS_BK_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)",
        "itididttt", client, kind, ref, due, (long)done, snoozed_until, note, now, db->user);
}

int records_ack_undo(struct db *db, long client, const char *kind, long ref, long due,
                     const char *now, struct kv_error *err)
{
    int rc =
        records_run(db, NULL, err,
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
    return records_run(db, NULL, err,
                       "INSERT INTO reminders (client_id, due, text, done_on, " RECORDS_BK_COLS
                       ") VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
                       "idtdtt", client, due, text, done_on, now, db->user);
}
