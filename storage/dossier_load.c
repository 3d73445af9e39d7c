#include "storage/dossier_load.h"

#include "storage/arena.h"
#include "storage/dossier.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The export's queries are the modules' (dsspec.h), walked by dossier_visit: reading
 * through it keeps one query per kind and the export's order and access rule. Each kind's
 * columns map to its struct's fields here; a column without a field is refused, so a
 * field added to the export cannot go missing from the screen unnoticed. */

struct col {
    const char *name;
    int number; /* a whole number (DOSSIER_NONE for NULL), else text ("" for NULL) */
    size_t off;
};

/* Tables of names and offsets read best one field after another, as written. */
/* clang-format off */
#define T(type, f) {#f, 0, offsetof(struct dossier_##type, f)}
#define N(type, f) {#f, 1, offsetof(struct dossier_##type, f)}
#define BK(type)                                                                                   \
    {"created_at", 0, offsetof(struct dossier_##type, bk.created_at)},                             \
        {"updated_at", 0, offsetof(struct dossier_##type, bk.updated_at)},                         \
        {"updated_by", 0, offsetof(struct dossier_##type, bk.updated_by)}
#define END {NULL, 0, 0}

static const struct col client_cols[] = {
    T(client, bsn), T(client, first_name), T(client, last_name), T(client, birth_date),
    T(client, gender), T(client, household), T(client, municipality), T(client, street),
    T(client, house_number), T(client, postcode), T(client, city), T(client, phone),
    T(client, email), T(client, contact_verified_on), T(client, language_level),
    T(client, communication_needs), T(client, applied_on), T(client, benefit_start),
    T(client, instroomreden), T(client, arbeidsverplichting), T(client, vrijstelling_reason),
    T(client, vrijstelling_until), T(client, status), T(client, closed_on), T(client, notes),
    BK(client), END};
static const struct col classification_cols[] = {
    T(classification, axis), T(classification, date), T(classification, code),
    T(classification, motivation), BK(classification), END};
static const struct col assignment_cols[] = {
    T(assignment, user), T(assignment, role_in_case), T(assignment, from_date),
    T(assignment, to_date), T(assignment, handover_note), T(assignment, client_informed_on),
    BK(assignment), END};
static const struct col intake_cols[] = {
    T(intake, date), T(intake, work_history), T(intake, education), T(intake, diplomas),
    T(intake, availability), T(intake, motivation), T(intake, competences), T(intake, wishes),
    T(intake, regelingen), T(intake, classification), T(intake, classification_motivation),
    T(intake, trede), T(intake, trede_motivation), T(intake, werkfit),
    T(intake, werkfit_motivation), T(intake, uitstroomdoel), T(intake, client_comments), BK(intake),
    END};
static const struct col barrier_cols[] = {
    T(barrier, kind), T(barrier, approach), BK(barrier), END};
static const struct col plan_cols[] = {
    T(plan, date), T(plan, discussed_on), N(plan, client_agreed), N(plan, demands_applications),
    T(plan, client_comments), BK(plan), END};
static const struct col goal_cols[] = {
    T(goal, specifiek), T(goal, meetbaar), T(goal, acceptabel), T(goal, realistisch),
    T(goal, tijdgebonden), T(goal, deadline), T(goal, status), T(goal, evaluation), BK(goal), END};
static const struct col instrument_cols[] = {
    T(instrument, instrument), N(instrument, goal), T(instrument, provider), T(instrument, start),
    T(instrument, planned_end), T(instrument, actual_end), N(instrument, cost_cents),
    T(instrument, status), T(instrument, end_reason), T(instrument, result),
    N(instrument, certificate_promised), N(instrument, certificate_received), BK(instrument), END};
static const struct col extension_cols[] = {
    T(extension, old_end), T(extension, new_end), T(extension, reason), BK(extension), END};
static const struct col contact_cols[] = {
    T(contact, date), T(contact, channel), T(contact, participants), T(contact, summary),
    BK(contact), END};
static const struct col agreement_cols[] = {
    N(agreement, contact), T(agreement, text), T(agreement, due), T(agreement, done_on),
    BK(agreement), END};
static const struct col outflow_cols[] = {
    T(outflow, date), T(outflow, reason), T(outflow, employer), T(outflow, contract_kind),
    T(outflow, contract_end), N(outflow, hours_per_week), N(outflow, partial), T(outflow, route),
    N(outflow, instrument), T(outflow, returned_on), BK(outflow), END};
static const struct col followup_cols[] = {
    N(followup, months), T(followup, date), N(followup, still_off_benefit), T(followup, note),
    BK(followup), END};
static const struct col nazorg_cols[] = {
    N(nazorg, outflow), T(nazorg, start), T(nazorg, end), N(nazorg, consent),
    N(nazorg, frequency_days), N(nazorg, with_employer), BK(nazorg), END};
static const struct col request_cols[] = {
    T(request, date), T(request, what), T(request, answered_on), BK(request), END};
static const struct col reminder_cols[] = {
    T(reminder, due), T(reminder, text), T(reminder, done_on), BK(reminder), END};
static const struct col ack_cols[] = {
    T(ack, kind), N(ack, ref), T(ack, due), N(ack, done), T(ack, snoozed_until), T(ack, note),
    BK(ack), END};
/* clang-format on */

/* A kind: its key in the export, where its array and count stand in dossier_data, its
 * record's size, and for a nested kind the key of its parent and the field for the
 * parent's index. */
struct kind {
    const char *key;
    size_t arr, n, size;
    const struct col *cols;
    const char *parent;
    size_t parent_off;
};

#define KIND(key, type, name)                                                                      \
    key, offsetof(struct dossier_data, name), offsetof(struct dossier_data, n_##name),             \
        sizeof(struct dossier_##type), type##_cols
#define TOP(key, type, name)                                                                       \
    {                                                                                              \
        KIND(key, type, name), NULL, 0                                                             \
    }
#define SUB(key, type, name, parent, field)                                                        \
    {                                                                                              \
        KIND(key, type, name), parent, offsetof(struct dossier_##type, field)                      \
    }

static const struct kind kinds[] = {
    TOP("classifications", classification, classifications),
    TOP("assignments", assignment, assignments),
    TOP("intakes", intake, intakes),
    SUB("barriers", barrier, barriers, "intakes", intake),
    TOP("plans", plan, plans),
    SUB("goals", goal, goals, "plans", plan),
    TOP("instruments", instrument, instruments),
    SUB("extensions", extension, extensions, "instruments", instrument),
    TOP("contacts", contact, contacts),
    TOP("agreements", agreement, agreements),
    TOP("outflows", outflow, outflows),
    SUB("followups", followup, followups, "outflows", outflow),
    TOP("nazorg", nazorg, nazorg),
    TOP("requests", request, requests),
    TOP("reminders", reminder, reminders),
    TOP("signal_acks", ack, signal_acks),
};
#define NKINDS (sizeof kinds / sizeof kinds[0])
#define DEPTH 8

struct loader {
    struct dossier_data *d;
    size_t cap[NKINDS];
    size_t cap_codes;
    const struct kind *open[DEPTH]; /* the arrays being visited, innermost last */
    int nopen;
    void *rec; /* the record being filled, NULL: none (the client: &d->client) */
    const struct col *cols;
    char bad[64]; /* a column without a field, "" when none */
    int clients, nomem;
};

static const struct kind *kind_of(const char *key)
{
    for (size_t i = 0; i < NKINDS; i++)
        if (strcmp(kinds[i].key, key) == 0)
            return &kinds[i];
    return NULL;
}

static void **array_of(struct dossier_data *d, const struct kind *k)
{
    return (void **)((char *)d + k->arr);
}
static size_t *count_of(struct dossier_data *d, const struct kind *k)
{
    return (size_t *)((char *)d + k->n);
}

/* Every text "" and every number DOSSIER_NONE until the visitor says otherwise. */
static void blank(void *rec, const struct col *cols)
{
    for (const struct col *c = cols; c->name; c++)
        if (c->number)
            *(long *)((char *)rec + c->off) = DOSSIER_NONE;
        else
            *(const char **)((char *)rec + c->off) = "";
}

static void l_begin_client(void *ctx)
{
    struct loader *l = ctx;
    l->clients++;
    l->rec = &l->d->client;
    l->cols = client_cols;
    blank(l->rec, client_cols);
}
static void l_end_client(void *ctx)
{
    ((struct loader *)ctx)->rec = NULL;
}
static void l_begin_array(void *ctx, const char *key)
{
    struct loader *l = ctx;
    const struct kind *k = kind_of(key);
    if (k == NULL && strcmp(key, "doelgroepen") != 0 && !*l->bad)
        snprintf(l->bad, sizeof l->bad, "%s", key);
    if (l->nopen < DEPTH)
        l->open[l->nopen] = k;
    l->nopen++;
}
static void l_end_array(void *ctx)
{
    ((struct loader *)ctx)->nopen--;
}
static void l_begin_object(void *ctx)
{
    struct loader *l = ctx;
    const struct kind *k = l->nopen > 0 && l->nopen <= DEPTH ? l->open[l->nopen - 1] : NULL;
    l->rec = NULL;
    if (k == NULL)
        return;
    size_t i = (size_t)(k - kinds), *n = count_of(l->d, k);
    void **arr = array_of(l->d, k);
    if (*n == l->cap[i]) {
        size_t cap = l->cap[i] ? 2 * l->cap[i] : 8;
        void *v = realloc(*arr, cap * k->size);
        if (v == NULL) {
            l->nomem = 1;
            return;
        }
        *arr = v;
        l->cap[i] = cap;
    }
    l->rec = (char *)*arr + (*n)++ * k->size;
    memset(l->rec, 0, k->size);
    l->cols = k->cols;
    blank(l->rec, k->cols);
    if (k->parent) /* the visitor walks depth first: the parent is the last of its kind */
        *(long *)((char *)l->rec + k->parent_off) = (long)*count_of(l->d, kind_of(k->parent)) - 1;
}
static void l_end_object(void *ctx)
{
    struct loader *l = ctx;
    l->rec = NULL;
    /* Back in the parent: its fields all came before its children's. */
}
static void l_field(void *ctx, const char *key, sqlite3_value *v)
{
    struct loader *l = ctx;
    if (l->rec == NULL)
        return;
    const struct col *c = l->cols;
    while (c->name && strcmp(c->name, key) != 0)
        c++;
    if (c->name == NULL) {
        if (!*l->bad)
            snprintf(l->bad, sizeof l->bad, "%s", key);
        return;
    }
    void *at = (char *)l->rec + c->off;
    if (c->number) {
        *(long *)at =
            sqlite3_value_type(v) == SQLITE_NULL ? DOSSIER_NONE : (long)sqlite3_value_int64(v);
        return;
    }
    const unsigned char *t = sqlite3_value_text(v);
    size_t len = t ? strlen((const char *)t) : 0;
    char *p = arena_alloc(&l->d->arena, len + 1);
    if (p == NULL) {
        l->nomem = 1;
        return;
    }
    memcpy(p, t ? (const char *)t : "", len);
    p[len] = '\0';
    *(const char **)at = p;
}
static void l_code(void *ctx, const char *code)
{
    struct loader *l = ctx;
    struct dossier_data *d = l->d;
    size_t len = strlen(code);
    char *p = arena_alloc(&d->arena, len + 1);
    if (d->n_doelgroepen == l->cap_codes) {
        size_t cap = l->cap_codes ? 2 * l->cap_codes : 8;
        const char **v = realloc(d->doelgroepen, cap * sizeof *v);
        if (v == NULL || p == NULL) {
            if (v != NULL)
                d->doelgroepen = v;
            l->nomem = 1;
            return;
        }
        d->doelgroepen = v;
        l->cap_codes = cap;
    }
    if (p == NULL) {
        l->nomem = 1;
        return;
    }
    memcpy(p, code, len + 1);
    d->doelgroepen[d->n_doelgroepen++] = p;
}

static const struct dossier_visitor loader_visitor = {
    l_begin_client, l_end_client, l_begin_array, l_end_array,
    l_begin_object, l_end_object, l_field,       l_code,
};

int dossier_load(struct db *db, long client, struct dossier_data *out, struct kv_error *err)
{
    struct loader l;
    memset(out, 0, sizeof *out);
    memset(&l, 0, sizeof l);
    l.d = out;
    int rc = client == 0 ? kv_error_set(err, KV_EUSAGE, "no client", "Geen klant gekozen.") : KV_OK;
    if (rc == KV_OK)
        rc = instruments_rows(db, client, &out->instr, &out->n_instr, err);
    if (rc == KV_OK)
        rc = plans_rows(db, client, &out->plan, &out->n_plan, err);
    if (rc == KV_OK)
        rc = plans_goal_rows(db, client, &out->goal, &out->n_goal, err);
    if (rc == KV_OK)
        rc = dossier_visit(db, client, &loader_visitor, &l, err);
    if (rc == KV_OK && l.nomem)
        rc = kv_error_nomem(err);
    else if (rc == KV_OK && *l.bad)
        rc = kv_error_set(err, KV_ERR, l.bad, "Het dossier heeft een onbekend veld: %s.", l.bad);
    else if (rc == KV_OK && l.clients != 1)
        rc = kv_error_set(err, KV_ERR, "empty dossier", "Dit dossier kon niet gelezen worden.");
    if (rc != KV_OK)
        dossier_data_free(out);
    return rc;
}

void dossier_data_free(struct dossier_data *d)
{
    for (size_t i = 0; i < NKINDS; i++)
        free(*array_of(d, &kinds[i]));
    free(d->doelgroepen);
    instruments_rows_free(d->instr, d->n_instr);
    plans_rows_free(d->plan, d->n_plan);
    plans_goal_rows_free(d->goal, d->n_goal);
    arena_free(d->arena);
    memset(d, 0, sizeof *d);
}
