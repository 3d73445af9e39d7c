#include "storage/rowrules.h"

#include "core/casefile.h"
#include "core/date.h"
#include "core/rules.h"
#include "storage/stmt.h"
#include "storage/tables.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum rule_kind { R_NOT_FUTURE, R_END, R_NAZORG, R_ADULT, R_PHONE, R_EMAIL, R_POSTCODE, R_BSN };

/* One rule on one or two columns (a, b) of a table; what: how the user knows the field or
 * the record, for the message. */
struct rowrule {
    const char *table;
    enum rule_kind kind;
    const char *a, *b, *what;
};

static const struct rowrule rules[] = {
    {TABLE_CLIENTS, R_BSN, "bsn", NULL, "BSN"},
    {TABLE_CLIENTS, R_NOT_FUTURE, "birth_date", NULL, "Geboortedatum"},
    {TABLE_CLIENTS, R_NOT_FUTURE, "applied_on", NULL, "Aangemeld op"},
    /* registration: the date applied, else the day it is stored */
    {TABLE_CLIENTS, R_ADULT, "birth_date", "applied_on", NULL},
    {TABLE_CLIENTS, R_PHONE, "phone", NULL, NULL},
    {TABLE_CLIENTS, R_EMAIL, "email", NULL, NULL},
    {TABLE_CLIENTS, R_POSTCODE, "postcode", NULL, NULL},
    {TABLE_CONTACTS, R_NOT_FUTURE, "date", NULL, "Datum contact"},
    {TABLE_INTAKES, R_NOT_FUTURE, "date", NULL, "Datum intake"},
    {TABLE_PLANS, R_NOT_FUTURE, "date", NULL, "Datum plan"},
    {TABLE_PLANS, R_NOT_FUTURE, "discussed_on", NULL, "Besproken met klant op"},
    {TABLE_OUTFLOWS, R_NOT_FUTURE, "date", NULL, "Datum uitstroom"},
    {TABLE_OUTFLOWS, R_END, "date", "contract_end", "Contract"},
    {TABLE_INSTRUMENTS, R_END, "start", "planned_end", "Instrument"},
    {TABLE_INSTRUMENTS, R_END, "start", "actual_end", "Instrument"},
    {TABLE_NAZORG, R_END, "start", "end", "Nazorg"},
    {TABLE_NAZORG, R_NAZORG, "start", "end", NULL},
};
#define N_RULES (sizeof rules / sizeof rules[0])

static int has_rules(const char *table)
{
    for (size_t i = 0; i < N_RULES; i++)
        if (strcmp(rules[i].table, table) == 0)
            return 1;
    return 0;
}

long rowrules_today(const char *now)
{
    char day[11];
    long d;
    if (now == NULL || strlen(now) < 10)
        return NO_DATE;
    memcpy(day, now, 10);
    day[10] = '\0';
    return date_parse(day, &d) ? d : NO_DATE;
}

static int listed(const char *const *names, const char *name)
{
    for (; name && names && *names; names++)
        if (strcmp(*names, name) == 0)
            return 1;
    return 0;
}

/* A row to judge: one stored (st), or one a changeset inserts (its new values). */
struct row {
    sqlite3_stmt *st;
    sqlite3_changeset_iter *it;
    const struct table_columns *cols;
};

static int column_of(const struct row *r, const char *name)
{
    if (name == NULL)
        return -1;
    if (r->st == NULL)
        return table_column_index(r->cols, name);
    for (int i = 0; i < sqlite3_column_count(r->st); i++)
        if (strcmp(sqlite3_column_name(r->st, i), name) == 0)
            return i;
    return -1;
}

static const char *text_of(const struct row *r, const char *name)
{
    int i = column_of(r, name);
    const unsigned char *t = NULL;
    sqlite3_value *v = NULL;
    if (i >= 0 && r->st != NULL)
        t = sqlite3_column_text(r->st, i);
    else if (i >= 0 && sqlite3changeset_new(r->it, i, &v) == SQLITE_OK && v != NULL)
        t = sqlite3_value_text(v);
    return t ? (const char *)t : "";
}

/* A stored date, NO_DATE when none (a malformed one is the import's to refuse). */
static long date_of(const struct row *r, const char *name)
{
    long d;
    const char *t = text_of(r, name);
    return *t && date_parse(t, &d) ? d : NO_DATE;
}

static int apply(const struct rowrule *rule, const struct row *r, long today, struct kv_error *err)
{
    char bsn[BSN_LEN + 1];
    long on;
    switch (rule->kind) {
    case R_NOT_FUTURE:
        return rules_not_future(date_of(r, rule->a), today, rule->what, err);
    case R_END:
        return rules_end_not_before_start(date_of(r, rule->a), date_of(r, rule->b), rule->what,
                                          err);
    case R_NAZORG:
        return rules_nazorg_period(date_of(r, rule->a), date_of(r, rule->b), err);
    case R_ADULT:
        on = date_of(r, rule->b);
        return rules_adult_at(date_of(r, rule->a), on != NO_DATE ? on : today, err);
    case R_PHONE:
        return rules_phone(text_of(r, rule->a), err);
    case R_EMAIL:
        return rules_email(text_of(r, rule->a), err);
    case R_POSTCODE:
        return rules_postcode(text_of(r, rule->a), err);
    case R_BSN:
        return rules_bsn(text_of(r, rule->a), bsn, err);
    }
    return KV_OK;
}

/* Every rule of table on r (only those on a changed column, when changed is not NULL). */
static int judge(const char *table, const struct row *r, long today, const char *const *changed,
                 const char **column, struct kv_error *err)
{
    for (size_t i = 0; i < N_RULES; i++) {
        const struct rowrule *rule = &rules[i];
        if (strcmp(rule->table, table) != 0 || column_of(r, rule->a) < 0 ||
            (rule->b && column_of(r, rule->b) < 0))
            continue;
        if (changed && !listed(changed, rule->a) && !listed(changed, rule->b))
            continue;
        int rc = apply(rule, r, today, err);
        if (rc != KV_OK) {
            if (column)
                *column = rule->a;
            return rc;
        }
    }
    return KV_OK;
}

int rowrules_row(struct db *db, const char *table, long id, long today, const char *const *changed,
                 const char **column, struct kv_error *err)
{
    if (!has_rules(table))
        return KV_OK;
    char *sql = sqlite3_mprintf("SELECT * FROM \"%w\" WHERE id = ?1", table);
    sqlite3_stmt *st;
    int rc = sql ? stmt_prepare(db->sql, &st, sql, "l", id) : SQLITE_NOMEM;
    sqlite3_free(sql);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "rules", err);
    rc = sqlite3_step(st);
    struct row r = {st, NULL, NULL};
    int out = rc == SQLITE_ROW    ? judge(table, &r, today, changed, column, err)
              : rc == SQLITE_DONE ? KV_OK
                                  : db_fail(db, rc, "rules", err);
    sqlite3_finalize(st);
    return out;
}

/* The columns an update writes (new values present), NULL-terminated, into names. */
static void written(sqlite3_changeset_iter *it, const struct table_columns *c, int ncol,
                    const char **names)
{
    int k = 0;
    for (int i = 0; i < ncol && i < c->n; i++) {
        sqlite3_value *v = NULL;
        if (sqlite3changeset_new(it, i, &v) == SQLITE_OK && v != NULL)
            names[k++] = c->name[i];
    }
    names[k] = NULL;
}

int rowrules_changeset(struct db *db, const void *set, int n, long today, struct kv_error *err)
{
    sqlite3_changeset_iter *it;
    if (sqlite3changeset_start(&it, n, (void *)set) != SQLITE_OK)
        return kv_error_set(err, KV_EDAMAGED, "changeset unreadable",
                            "De wijzigingen zijn "
                            "onleesbaar.");
    struct table_columns c = {0};
    const char **names = NULL;
    int rc = KV_OK, step = SQLITE_DONE;
    while (rc == KV_OK && (step = sqlite3changeset_next(it)) == SQLITE_ROW) {
        const char *table;
        int ncol, op, indirect;
        sqlite3changeset_op(it, &table, &ncol, &op, &indirect);
        if (op == SQLITE_DELETE || !has_rules(table))
            continue;
        if ((rc = table_columns_load(db, table, ncol, &c, err)) != KV_OK)
            break;
        int idcol = table_column_index(&c, "id");
        sqlite3_value *id = NULL;
        if (idcol < 0 || sqlite3changeset_new(it, idcol, &id) != SQLITE_OK || id == NULL)
            if (idcol < 0 || sqlite3changeset_old(it, idcol, &id) != SQLITE_OK || id == NULL)
                continue;
        if (op == SQLITE_UPDATE) {
            const char **v = realloc(names, ((size_t)ncol + 1) * sizeof *v);
            if (v == NULL) {
                rc = kv_error_nomem(err);
                break;
            }
            names = v;
            written(it, &c, ncol, names);
        }
        long key = (long)sqlite3_value_int64(id);
        /* An insert carries the whole row: judged as it comes (a hand-made changeset's row
         * need not be in any file); an update as the row stands with it, on what it wrote. */
        struct row r = {NULL, it, &c};
        rc = op == SQLITE_INSERT ? judge(table, &r, today, NULL, NULL, err)
                                 : rowrules_row(db, table, key, today, names, NULL, err);
        if (rc == KV_EUSAGE) {
            char msg[sizeof err->msg];
            snprintf(msg, sizeof msg, "%s", err->msg);
            size_t len = strlen(msg);
            if (len > 0 && msg[len - 1] == '.')
                msg[len - 1] = '\0';
            snprintf(err->msg, sizeof err->msg, "%.400s (%s#%ld %s)", msg, table, key,
                     op == SQLITE_INSERT ? "toevoegen" : "wijzigen");
        }
    }
    /* Out of memory while reading the changes: never let the rows not seen pass. */
    if (rc == KV_OK && step != SQLITE_DONE)
        rc = kv_error_set(err, KV_ERR, "changeset unreadable", "%s", KV_MSG_NOMEM);
    sqlite3changeset_finalize(it);
    table_columns_free(&c);
    free(names);
    return rc;
}
