#include "cli/research.h"

#include "core/date.h"
#include "core/reports.h"

#include <sodium.h>
#include <string.h>

enum keep { K_AS_IS, K_MONTH, K_AGE };

/* What passes: (array, field, how). The client's own fields have array "". */
static const struct {
    const char *array, *field;
    enum keep how;
} allowed[] = {
    {"", "birth_date", K_AGE},
    {"", "gender", K_AS_IS},
    {"", "household", K_AS_IS},
    {"", "municipality", K_AS_IS},
    {"", "language_level", K_AS_IS},
    {"", "applied_on", K_MONTH},
    {"", "benefit_start", K_MONTH},
    {"", "instroomreden", K_AS_IS},
    {"", "arbeidsverplichting", K_AS_IS},
    {"", "status", K_AS_IS},
    {"", "closed_on", K_MONTH},
    {"classifications", "date", K_MONTH},
    {"classifications", "code", K_AS_IS},
    {"classifications", "axis", K_AS_IS},
    {"intakes", "date", K_MONTH},
    {"intakes", "classification", K_AS_IS},
    {"intakes", "uitstroomdoel", K_AS_IS},
    {"barriers", "kind", K_AS_IS},
    {"plans", "date", K_MONTH},
    {"plans", "discussed_on", K_MONTH},
    {"plans", "client_agreed", K_AS_IS},
    {"plans", "demands_applications", K_AS_IS},
    {"goals", "deadline", K_MONTH},
    {"goals", "status", K_AS_IS},
    {"instruments", "instrument", K_AS_IS},
    {"instruments", "goal", K_AS_IS},
    {"instruments", "provider", K_AS_IS},
    {"instruments", "start", K_MONTH},
    {"instruments", "planned_end", K_MONTH},
    {"instruments", "actual_end", K_MONTH},
    {"instruments", "cost_cents", K_AS_IS},
    {"instruments", "status", K_AS_IS},
    {"instruments", "end_reason", K_AS_IS},
    {"instruments", "certificate_promised", K_AS_IS},
    {"instruments", "certificate_received", K_AS_IS},
    {"extensions", "old_end", K_MONTH},
    {"extensions", "new_end", K_MONTH},
    {"contacts", "date", K_MONTH},
    {"contacts", "channel", K_AS_IS},
    {"outflows", "date", K_MONTH},
    {"outflows", "reason", K_AS_IS},
    {"outflows", "contract_kind", K_AS_IS},
    {"outflows", "contract_end", K_MONTH},
    {"outflows", "hours_per_week", K_AS_IS},
    {"outflows", "partial", K_AS_IS},
    {"outflows", "route", K_AS_IS},
    {"outflows", "instrument", K_AS_IS},
    {"outflows", "returned_on", K_MONTH},
    {"followups", "months", K_AS_IS},
    {"followups", "date", K_MONTH},
    {"followups", "still_off_benefit", K_AS_IS},
    {"nazorg", "outflow", K_AS_IS},
    {"nazorg", "start", K_MONTH},
    {"nazorg", "end", K_MONTH},
    {"nazorg", "consent", K_AS_IS},
    {"nazorg", "frequency_days", K_AS_IS},
    {"nazorg", "with_employer", K_AS_IS},
};

/* Arrays that pass (with the fields above); any other array is left out whole. */
static const char *const arrays[] = {
    "doelgroepen", "classifications", "intakes",  "barriers", "plans",     "goals",
    "instruments", "extensions",      "contacts", "outflows", "followups", "nazorg",
};

static const char *here(const struct research *r)
{
    return r->depth > 0 ? r->stack[r->depth - 1] : "";
}

static void begin_client(void *ctx)
{
    struct research *r = ctx;
    unsigned char b[8];
    char pseudonym[2 * sizeof b + 2] = "p";
    static const char hex[] = "0123456789abcdef";
    randombytes_buf(b, sizeof b);
    for (size_t i = 0; i < sizeof b; i++) {
        pseudonym[1 + 2 * i] = hex[b[i] >> 4];
        pseudonym[2 + 2 * i] = hex[b[i] & 15];
    }
    r->depth = r->skip = 0;
    json_start(&r->w, '{');
    json_key(&r->w, "pseudoniem");
    json_string(r->w.f, pseudonym);
}

static void end_client(void *ctx)
{
    struct research *r = ctx;
    json_close(&r->w, '}');
    fputc('\n', r->w.f);
    r->clients++;
}

static int array_allowed(const char *k)
{
    for (size_t i = 0; i < sizeof arrays / sizeof arrays[0]; i++)
        if (strcmp(arrays[i], k) == 0)
            return 1;
    return 0;
}

static void begin_array(void *ctx, const char *k)
{
    struct research *r = ctx;
    if (r->skip || !array_allowed(k)) {
        r->skip++;
        return;
    }
    if (r->depth < JSON_MAX_DEPTH)
        snprintf(r->stack[r->depth++], sizeof r->stack[0], "%s", k);
    json_key(&r->w, k);
    json_open(&r->w, '[');
}

static void end_array(void *ctx)
{
    struct research *r = ctx;
    if (r->skip) {
        r->skip--;
        return;
    }
    if (r->depth > 0)
        r->depth--;
    json_close(&r->w, ']');
}

static void begin_object(void *ctx)
{
    struct research *r = ctx;
    if (r->skip)
        return;
    json_sep(&r->w);
    json_open(&r->w, '{');
}

static void end_object(void *ctx)
{
    struct research *r = ctx;
    if (!r->skip)
        json_close(&r->w, '}');
}

static void field(void *ctx, const char *k, sqlite3_value *v)
{
    struct research *r = ctx;
    if (r->skip)
        return;
    for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++) {
        if (strcmp(allowed[i].array, here(r)) != 0 || strcmp(allowed[i].field, k) != 0)
            continue;
        long day;
        const char *t = (const char *)sqlite3_value_text(v);
        if (allowed[i].how == K_AS_IS || t == NULL || !date_parse(t, &day)) {
            json_key(&r->w, allowed[i].how == K_AGE ? "leeftijd" : k);
            json_sql_value(&r->w, allowed[i].how == K_AS_IS ? v : NULL);
        } else if (allowed[i].how == K_MONTH) {
            char iso[11];
            date_format_iso(day, iso);
            iso[7] = '\0';
            json_key(&r->w, k);
            json_string(r->w.f, iso);
        } else {
            json_key(&r->w, "leeftijd");
            json_string(r->w.f, report_age_band(day, r->today));
        }
        return;
    }
}

static void code(void *ctx, const char *c)
{
    struct research *r = ctx;
    if (r->skip)
        return;
    json_sep(&r->w);
    json_string(r->w.f, c);
}

const struct dossier_visitor research_visitor = {
    begin_client, end_client, begin_array, end_array, begin_object, end_object, field, code,
};
