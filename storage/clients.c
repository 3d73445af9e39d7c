#include "storage/clients.h"

#include "core/bsn.h"
#include "core/codes.h"
#include "core/date.h"
#include "storage/access.h"
#include "storage/audit.h"
#include "storage/catalogue.h"
#include "storage/records.h"
#include "storage/stmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const class_axis_code[AXIS_COUNT] = {"indeling", "trede", "werkfit"};
const char *const class_axis_label[AXIS_COUNT] = {"Indeling", "Trede", "Werkfit"};

static long col_day(sqlite3_stmt *st, int col)
{
    long d;
    const char *t = (const char *)sqlite3_column_text(st, col);
    return t != NULL && date_parse(t, &d) ? d : NO_DATE;
}

enum client_status clients_status_at(sqlite3_stmt *st, int col, long today)
{
    struct status_facts f = {.closed_on = col_day(st, col),
                             .came_active = sqlite3_column_int(st, col + 1),
                             .last_intake = col_day(st, col + 2),
                             .last_outflow = col_day(st, col + 3),
                             .partial = sqlite3_column_int(st, col + 4),
                             .returned_on = col_day(st, col + 5),
                             .nazorg_start = col_day(st, col + 6),
                             .nazorg_end = col_day(st, col + 7)};
    return status_derive(&f, today);
}

/* Run sql (?1 = client) and hand its row to take; KV_ERR naming the client when there is
 * none. */
static int one_row(struct db *db, const char *sql, long client, const char *what,
                   void (*take)(sqlite3_stmt *st, void *ctx), void *ctx, struct kv_error *err)
{
    sqlite3_stmt *st;
    int rc = stmt_prepare(db->sql, &st, sql, "l", client);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, what, err);
    if ((rc = sqlite3_step(st)) == SQLITE_ROW)
        take(st, ctx);
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return kv_error_set(err, KV_ERR, "no such client", "Klant %ld bestaat niet.", client);
    return rc == SQLITE_ROW ? KV_OK : db_fail(db, rc, what, err);
}

struct status_ctx {
    long today;
    enum client_status *out;
};

static void take_status(sqlite3_stmt *st, void *ctx)
{
    struct status_ctx *c = ctx;
    *c->out = clients_status_at(st, 0, c->today);
}

int clients_status(struct db *db, long client, enum client_status *out, struct kv_error *err)
{
    struct status_ctx c = {db->today, out};
    return one_row(
        db, "SELECT " CLIENTS_STATUS_COLS " FROM clients c" CLIENTS_STATUS_JOIN "WHERE c.id = ?1",
        client, "client status", take_status, &c, err);
}

/* ---- corrections --------------------------------------------------------------------- */

struct checked {
    const char *column;
    char value[1024];
    int null; /* an empty optional date */
};

static int bad(struct kv_error *err, const struct client_field *f, const char *why)
{
    return kv_error_set(err, KV_EUSAGE, "bad client field", "%s: %s", f->label, why);
}

static int cmp_code(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A comma list of catalogue codes as stored: each known and active, sorted, once each
 * (so that the order they were typed in changes nothing). */
static int check_set(struct db *db, const struct client_field *f, const char *v,
                     struct checked *out, struct kv_error *err)
{
    char work[sizeof out->value];
    const char *code[64];
    size_t n = 0;
    snprintf(work, sizeof work, "%s", v);
    for (char *save = NULL, *t = strtok_r(work, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        while (*t == ' ')
            t++;
        for (char *e = t + strlen(t); e > t && e[-1] == ' ';)
            *--e = '\0';
        if (*t == '\0')
            continue;
        if (n == sizeof code / sizeof code[0])
            return bad(err, f, "te veel codes.");
        int rc = records_known(db, f->choices, t, f->label, err);
        if (rc != KV_OK)
            return rc;
        code[n++] = t;
    }
    qsort(code, n, sizeof *code, cmp_code);
    size_t k = 0;
    out->value[0] = '\0';
    for (size_t i = 0; i < n; i++)
        if (i == 0 || strcmp(code[i], code[i - 1]) != 0)
            k += (size_t)snprintf(out->value + k, sizeof out->value - k, "%s%s", k ? "," : "",
                                  code[i]);
    return KV_OK;
}

/* The value as it will be stored, or KV_EUSAGE naming the field. */
static int check_value(struct db *db, const struct client_field *f, const char *v,
                       struct checked *out, struct kv_error *err)
{
    long d;
    out->column = f->column;
    out->null = 0;
    if (strlen(v) >= sizeof out->value)
        return bad(err, f, "te lang (ten hoogste 1023 tekens).");
    snprintf(out->value, sizeof out->value, "%s", v);
    switch (f->type) {
    case CFT_TEXT:
        return KV_OK;
    case CFT_NAME:
        return *v ? KV_OK : bad(err, f, "is verplicht.");
    case CFT_DATE:
        if (*v == '\0') {
            out->null = 1;
            return KV_OK;
        }
        if (!date_parse(v, &d))
            return bad(err, f, "geen datum (JJJJ-MM-DD of D-M-JJJJ).");
        date_format_iso(d, out->value);
        return KV_OK;
    case CFT_BSN:
        return bsn_parse(v, out->value) ? KV_OK
                                        : bad(err, f, "ongeldig (9 cijfers en de elfproef).");
    case CFT_POSTCODE:
        return client_postcode(v, out->value) == 0 ? KV_OK
                                                   : bad(err, f, "geen postcode (1234 AB).");
    case CFT_CATALOGUE: {
        if (*v == '\0')
            return KV_OK;
        int has = catalogue_has(db, f->choices, v, 1);
        if (has < 0)
            return db_fail(db, sqlite3_errcode(db->sql), "catalogue", err);
        return has ? KV_OK : bad(err, f, "staat niet in de catalogus.");
    }
    case CFT_MUNICIPALITY: {
        char name[160];
        int rc = catalogue_municipality(db, v, name, err);
        snprintf(out->value, sizeof out->value, "%s", name);
        return rc;
    }
    case CFT_FIXED:
        if (!codes_contains(f->choices, v) || strchr(v, ',') || *v == '\0')
            return kv_error_set(err, KV_EUSAGE, "bad client field", "%s: kies uit %s.", f->label,
                                f->choices);
        return KV_OK;
    case CFT_CODE_SET:
        return check_set(db, f, v, out, err);
    }
    return KV_OK;
}

static void take_long(sqlite3_stmt *st, void *ctx)
{
    *(long *)ctx = (long)sqlite3_column_int64(st, 0);
}

static int current_version(struct db *db, long client, long *version, struct kv_error *err)
{
    return one_row(db, "SELECT version FROM clients WHERE id = ?1", client, "client version",
                   take_long, version, err);
}

static int is_set(const char *column)
{
    const struct client_field *f = client_field_by_column(column);
    return f != NULL && f->type == CFT_CODE_SET;
}

/* UPDATE clients SET <columns> ...: the column names come from the fixed field table,
 * never from input; every value is a bound parameter. */
static int write_changes(struct db *db, long client, long version, const struct checked *c,
                         size_t n, const char *now, struct kv_error *err)
{
    sqlite3_str *q = sqlite3_str_new(db->sql);
    sqlite3_str_appendall(q, "UPDATE clients SET ");
    for (size_t i = 0; i < n; i++) /* a set's ?i is bound and unused: written below */
        if (!is_set(c[i].column))
            sqlite3_str_appendf(q, "%s = ?%d, ", c[i].column, (int)i + 1);
    sqlite3_str_appendf(q,
                        "updated_at = ?%d, updated_by = ?%d, version = version + 1 "
                        "WHERE id = ?%d AND version = ?%d",
                        (int)n + 1, (int)n + 2, (int)n + 3, (int)n + 4);
    char *sql = sqlite3_str_finish(q);
    if (sql == NULL)
        return kv_error_nomem(err);
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL);
    sqlite3_free(sql);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "client update", err);
    int b = SQLITE_OK;
    for (size_t i = 0; i < n && b == SQLITE_OK; i++)
        b = stmt_bind_at(st, (int)i + 1, "t", c[i].null ? NULL : c[i].value);
    if (b == SQLITE_OK)
        b = stmt_bind_at(st, (int)n + 1, "ttll", now, db->user, client, version);
    rc = b == SQLITE_OK ? sqlite3_step(st) : b;
    sqlite3_finalize(st);
    if (rc == SQLITE_CONSTRAINT && sqlite3_extended_errcode(db->sql) == SQLITE_CONSTRAINT_UNIQUE)
        return kv_error_set(err, KV_EUSAGE, "duplicate BSN", "Er is al een klant met dit BSN.");
    if (rc != SQLITE_DONE)
        return db_fail(db, rc, "client update", err);
    for (size_t i = 0; i < n; i++)
        if (is_set(c[i].column) &&
            (rc = records_client_doelgroepen(db, client, c[i].value, err)) != KV_OK)
            return rc;
    return KV_OK;
}

#define MAX_CHANGES 32

static void take_values(sqlite3_stmt *st, void *ctx)
{
    struct client_values *out = ctx;
    out->version = (long)sqlite3_column_int64(st, 0);
    for (size_t i = 0; i < client_fields_n; i++) {
        const unsigned char *t = sqlite3_column_text(st, (int)i + 1);
        snprintf(out->v[i], sizeof out->v[i], "%s", t ? (const char *)t : "");
    }
}

int clients_values(struct db *db, long client, struct client_values *out, struct kv_error *err)
{
    memset(out, 0, sizeof *out);
    if (client_fields_n > sizeof out->v / sizeof out->v[0])
        return kv_error_set(err, KV_ERR, "too many client fields", "Interne fout.");
    sqlite3_str *q = sqlite3_str_new(db->sql); /* columns from the fixed table only */
    sqlite3_str_appendall(q, "SELECT version");
    for (size_t i = 0; i < client_fields_n; i++)
        if (client_fields[i].type == CFT_CODE_SET) /* the one set: the doelgroepen */
            sqlite3_str_appendall(q, ", (SELECT coalesce(group_concat(code, ','), '') FROM "
                                     "(SELECT code FROM client_doelgroepen d WHERE d.client_id "
                                     "= clients.id ORDER BY code))");
        else
            sqlite3_str_appendf(q, ", %s", client_fields[i].column);
    sqlite3_str_appendall(q, " FROM clients WHERE id = ?1");
    char *sql = sqlite3_str_finish(q);
    if (sql == NULL)
        return kv_error_nomem(err);
    int rc = one_row(db, sql, client, "client values", take_values, out, err);
    sqlite3_free(sql);
    return rc;
}

/* Keep only the checked values that differ from the stored ones; *n becomes their count. */
static int drop_unchanged(struct db *db, long client, struct checked *c, size_t *n,
                          struct kv_error *err)
{
    struct client_values *old = malloc(sizeof *old);
    if (old == NULL)
        return kv_error_nomem(err);
    int rc = clients_values(db, client, old, err);
    size_t k = 0;
    for (size_t i = 0; rc == KV_OK && i < *n; i++) {
        const struct client_field *f = client_field_by_column(c[i].column);
        const char *now_stored = f ? old->v[f - client_fields] : "";
        if (strcmp(c[i].null ? "" : c[i].value, now_stored) != 0)
            c[k++] = c[i];
    }
    free(old);
    if (rc == KV_OK)
        *n = k;
    return rc;
}

int clients_update(struct db *db, long client, long version, const struct client_change *ch,
                   size_t n, const char *now, size_t *changed, struct kv_error *err)
{
    struct checked c[MAX_CHANGES + 1];
    int rc;
    if (changed)
        *changed = 0;
    if (n == 0)
        return kv_error_set(err, KV_EUSAGE, "nothing to change",
                            "Geef minstens één veld om te "
                            "wijzigen.");
    if (n > MAX_CHANGES)
        return kv_error_set(err, KV_EUSAGE, "too many changes", "Te veel velden in één keer.");
    if ((rc = access_client(db, client, err)) != KV_OK)
        return rc;
    int contact = 0, verified = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < i; k++)
            if (ch[k].field == ch[i].field)
                return kv_error_set(err, KV_EUSAGE, "field twice", "%s staat er twee keer in.",
                                    ch[i].field->label);
        if ((rc = check_value(db, ch[i].field, ch[i].value ? ch[i].value : "", &c[i], err)) !=
            KV_OK)
            return rc;
    }
    if ((rc = drop_unchanged(db, client, c, &n, err)) != KV_OK || n == 0)
        return rc; /* nothing differs: nothing to write, nothing to log */
    if (changed)
        *changed = n;
    for (size_t i = 0; i < n; i++) {
        contact |= strcmp(c[i].column, "phone") == 0 || strcmp(c[i].column, "email") == 0;
        verified |= strcmp(c[i].column, "contact_verified_on") == 0;
    }
    /* New contact details come from the client: checked today, unless a date is given. */
    size_t all = n;
    if (contact && !verified && db->today != NO_DATE) {
        c[all] = (struct checked){.column = "contact_verified_on"};
        date_format_iso(db->today, c[all++].value);
    }
    if (version == 0)
        rc = current_version(db, client, &version, err);
    else
        rc = records_same_version(db,
                                  "SELECT version, updated_by, updated_at FROM clients "
                                  "WHERE id = ?1",
                                  client, version, "klantgegevens", NULL, NULL, err);
    return rc == KV_OK ? write_changes(db, client, version, c, all, now, err) : rc;
}

/* ---- classifications ------------------------------------------------------------------ */

static void text(char *dst, size_t n, sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    snprintf(dst, n, "%s", t ? (const char *)t : "");
}

int clients_classes(struct db *db, long client, struct client_class out[AXIS_COUNT],
                    struct kv_error *err)
{
    sqlite3_stmt *st;
    memset(out, 0, AXIS_COUNT * sizeof *out);
    int rc = stmt_prepare(
        db->sql, &st,
        "SELECT k.code, coalesce(g.label, k.code), k.date, k.motivation, k.updated_by "
        "FROM classifications k LEFT JOIN catalogue g ON g.kind = k.axis AND g.code = k.code "
        "WHERE k.client_id = ?1 AND k.axis = ?2 ORDER BY k.date DESC, k.id DESC LIMIT 1",
        "lt", client, class_axis_code[0]);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "classifications", err);
    for (int a = 0; a < AXIS_COUNT && rc != SQLITE_ERROR; a++) {
        sqlite3_reset(st);
        rc = stmt_bind(st, "lt", client, class_axis_code[a]);
        if (rc == SQLITE_OK)
            rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            text(out[a].code, sizeof out[a].code, st, 0);
            text(out[a].label, sizeof out[a].label, st, 1);
            text(out[a].date, sizeof out[a].date, st, 2);
            text(out[a].motivation, sizeof out[a].motivation, st, 3);
            text(out[a].by, sizeof out[a].by, st, 4);
        } else if (rc != SQLITE_DONE) {
            sqlite3_finalize(st);
            return db_fail(db, rc, "classifications", err);
        }
    }
    sqlite3_finalize(st);
    return KV_OK;
}

/* ---- the full BSN --------------------------------------------------------------------- */

static void take_bsn(sqlite3_stmt *st, void *ctx)
{
    text(ctx, 10, st, 0);
}

int clients_full_bsn(struct db *db, long client, char out[10], struct kv_error *err)
{
    out[0] = '\0';
    int rc = access_client(db, client, err);
    if (rc == KV_OK)
        rc =
            one_row(db, "SELECT bsn FROM clients WHERE id = ?1", client, "bsn", take_bsn, out, err);
    if (rc != KV_OK)
        return rc;
    rc = audit_note(db, "bsn_inzien", client, "", "{\"veld\":\"bsn\"}", err);
    if (rc != KV_OK)
        out[0] = '\0'; /* not shown unless logged */
    return rc;
}
