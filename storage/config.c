#include "storage/config.h"

#include "storage/stmt.h"
#include "storage/txn.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CONFIG_MAX 3650

/* value as a whole number of 0 to CONFIG_MAX into *field; anything else leaves it. */
static void set_int(int *field, const char *value)
{
    char *end;
    long v = strtol(value, &end, 10);
    if (*value && *end == '\0' && v >= 0 && v <= CONFIG_MAX)
        *field = (int)v;
}

/* Call fn for every key that is prefix or starts with it ("" for all), in key order.
 * fn returns SQLITE_OK to go on or an SQLite error code to stop. */
static int config_each(struct db *db, const char *prefix,
                       int (*fn)(const char *key, const char *value, void *ctx), void *ctx,
                       struct kv_error *err)
{
    sqlite3_stmt *st;
    int rc = stmt_prepare(db->sql, &st,
                          "SELECT key, value FROM config WHERE ?1 = '' OR key = "
                          "?1 OR substr(key, 1, length(?1) + 1) = ?1 || '.' ORDER BY key",
                          "t", prefix);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "config", err);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *key = (const char *)sqlite3_column_text(st, 0);
        const char *val = (const char *)sqlite3_column_text(st, 1);
        if (key != NULL && val != NULL && (rc = fn(key, val, ctx)) != SQLITE_OK)
            break;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, "config", err);
}

/* ---- the list, and setting one ------------------------------------------------------ */

struct entries {
    struct config_entry *v;
    size_t n, cap;
};

static int add_entry(const char *key, const char *value, void *ctx)
{
    struct entries *e = ctx;
    if (e->n == e->cap) {
        size_t cap = e->cap ? 2 * e->cap : 64;
        struct config_entry *v = realloc(e->v, cap * sizeof *v);
        if (v == NULL)
            return SQLITE_NOMEM;
        e->v = v;
        e->cap = cap;
    }
    snprintf(e->v[e->n].key, sizeof e->v[e->n].key, "%s", key);
    snprintf(e->v[e->n].value, sizeof e->v[e->n].value, "%s", value);
    e->n++;
    return SQLITE_OK;
}

int config_list(struct db *db, struct config_entry **out, size_t *n, struct kv_error *err)
{
    struct entries e = {0};
    int rc = config_each(db, "", add_entry, &e, err);
    if (rc != KV_OK) {
        free(e.v);
        e.v = NULL;
        e.n = 0;
    }
    *out = e.v;
    *n = e.n;
    return rc;
}

/* The municipality's name: text without control characters that fits ("" unsets it). */
static int municipality_ok(const char *value)
{
    for (const unsigned char *p = (const unsigned char *)value; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return 0;
    return strlen(value) < sizeof((struct config_entry *)0)->value;
}

static int norm_key(const char *key)
{
    const char *kind = key + strlen("norm.caseload.");
    return strncmp(key, "norm.caseload.", strlen("norm.caseload.")) == 0 && *kind != '\0' &&
           strspn(kind, "abcdefghijklmnopqrstuvwxyz0123456789_-") == strlen(kind);
}

int config_set(struct db *db, const char *key, const char *value, const char *now,
               struct kv_error *err)
{
    if (!role_administers(db->role))
        return kv_error_set(err, KV_EAUTH, "not a beheerder",
                            "Alleen een beheerder mag catalogi en instellingen wijzigen.");
    int v = -1, text = strcmp(key, CONFIG_MUNICIPALITY) == 0;
    set_int(&v, value);
    if (text && !municipality_ok(value))
        return kv_error_set(err, KV_EUSAGE, "bad municipality",
                            "Waarde voor gemeente: een "
                            "naam van ten hoogste %zu tekens verwacht (leeg: niet ingesteld).",
                            sizeof((struct config_entry *)0)->value - 1);
    if (v < 0 && !text)
        return kv_error_set(err, KV_EUSAGE, "bad value",
                            "Waarde '%s' voor %s: een geheel getal "
                            "van 0 tot %d verwacht.",
                            value, key, CONFIG_MAX);
    int rc = db_begin(db, err);
    if (rc != KV_OK)
        return rc;
    rc = stmt_run(db->sql,
                  "UPDATE config SET value = ?1, updated_at = ?2, updated_by = ?3, "
                  "version = version + 1 WHERE key = ?4",
                  "tttt", value, now, db->user, key);
    /* Not seeded: a new file does not know its municipality, its first set inserts it. */
    if (rc == SQLITE_DONE && sqlite3_changes(db->sql) == 0 && (norm_key(key) || text))
        rc = stmt_run(db->sql,
                      "INSERT INTO config (key, value, created_at, updated_at, "
                      "updated_by) VALUES (?4, ?1, ?2, ?2, ?3)",
                      "tttt", value, now, db->user, key);
    if (rc != SQLITE_DONE) {
        rc = db_fail(db, rc, "config", err);
    } else if (sqlite3_changes(db->sql) == 0) {
        rc = kv_error_set(err, KV_EUSAGE, "no such key",
                          "Onbekende instelling '%s' (zie "
                          "'klantvolg config list').",
                          key);
    } else {
        return db_commit(db, err);
    }
    db_rollback(db);
    return rc;
}

/* ---- signal lead times and contact norms -------------------------------------------- */

static int signal_setting(const char *key, const char *val, void *ctx)
{
    static const struct {
        const char *key;
        size_t off;
    } ints[] = {
        {"signaal.intake_dagen", offsetof(struct signal_config, intake_days)},
        {"signaal.plan_dagen", offsetof(struct signal_config, plan_days)},
        {"signaal.herdiagnose_dagen", offsetof(struct signal_config, rediagnosis_days)},
        {"signaal.contactgegevens_dagen", offsetof(struct signal_config, contact_stale_days)},
        {"signaal.vraag_dagen", offsetof(struct signal_config, request_days)},
        {"signaal.nazorg_frequentie_dagen", offsetof(struct signal_config, nazorg_frequency_days)},
        {"signaal.inlichten_dagen", offsetof(struct signal_config, inform_days)},
    };
    struct signal_config *c = ctx;
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++)
        if (strcmp(key, ints[i].key) == 0)
            set_int((int *)((char *)c + ints[i].off), val);
    if (strncmp(key, "signaal.vooraf.", 15) == 0 && signal_kind_parse(key + 15) >= 0)
        set_int(&c->lead[signal_kind_parse(key + 15)], val);
    return SQLITE_OK;
}

static int contact_norm(const char *key, const char *val, void *ctx)
{
    struct signal_config *c = ctx;
    if (strcmp(key, "norm.contact_dagen") == 0) { /* sorts first: the others' default */
        set_int(&c->default_norm_days, val);
        return SQLITE_OK;
    }
    struct contact_norm *nn = realloc((void *)c->norms, (c->n_norms + 1) * sizeof *nn);
    if (nn == NULL)
        return SQLITE_NOMEM;
    c->norms = nn;
    char *code = strdup(key + strlen("norm.contact_dagen."));
    if (code == NULL)
        return SQLITE_NOMEM;
    nn[c->n_norms].classification = code;
    nn[c->n_norms].days = c->default_norm_days;
    set_int(&nn[c->n_norms].days, val);
    c->n_norms++;
    return SQLITE_OK;
}

int config_signals(struct db *db, struct signal_config *c, struct kv_error *err)
{
    signals_default_config(c);
    c->norms = NULL;
    c->n_norms = 0;
    int rc = config_each(db, "signaal", signal_setting, c, err);
    if (rc == KV_OK)
        rc = config_each(db, "norm.contact_dagen", contact_norm, c, err);
    if (rc != KV_OK)
        config_signals_free(c);
    return rc;
}

void config_signals_free(struct signal_config *c)
{
    for (size_t i = 0; i < c->n_norms; i++)
        free((char *)c->norms[i].classification);
    free((void *)c->norms);
    c->norms = NULL;
    c->n_norms = 0;
}

/* ---- caseload norms ----------------------------------------------------------------- */

static int caseload_norm(const char *key, const char *val, void *ctx)
{
    struct pressure_norms *p = ctx;
    if (strcmp(key, "norm.caseload") == 0) {
        set_int(&p->default_norm, val);
        return SQLITE_OK;
    }
    struct kind_norm *nv = realloc((void *)p->v, (p->n + 1) * sizeof *nv);
    if (nv == NULL)
        return SQLITE_NOMEM;
    p->v = nv;
    char *kind = strdup(key + strlen("norm.caseload."));
    if (kind == NULL)
        return SQLITE_NOMEM;
    nv[p->n].kind = kind;
    nv[p->n].norm = p->default_norm;
    set_int(&nv[p->n].norm, val);
    p->n++;
    return SQLITE_OK;
}

int config_norms(struct db *db, struct pressure_norms *p, struct kv_error *err)
{
    memset(p, 0, sizeof *p);
    p->default_norm = 85;
    /* "norm.caseload" sorts before "norm.caseload.KIND": the default is known first. */
    int rc = config_each(db, "norm.caseload", caseload_norm, p, err);
    if (rc != KV_OK)
        config_norms_free(p);
    return rc;
}

void config_norms_free(struct pressure_norms *p)
{
    for (size_t i = 0; i < p->n; i++)
        free((char *)p->v[i].kind);
    free((void *)p->v);
    memset(p, 0, sizeof *p);
}

/* ---- one number --------------------------------------------------------------------- */

struct one_int {
    const char *key;
    int *out;
};

static int one_int(const char *key, const char *val, void *ctx)
{
    struct one_int *o = ctx;
    if (strcmp(key, o->key) == 0)
        set_int(o->out, val);
    return SQLITE_OK;
}

int config_int(struct db *db, const char *key, int *out, struct kv_error *err)
{
    struct one_int o = {key, out};
    return config_each(db, key, one_int, &o, err);
}
