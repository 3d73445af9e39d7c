/* form_instrument.c: instruments from the catalogue (planned end and cost filled in from
 * it, linked to one of the client's goals), ended with a reason and a result, extended
 * with a reason. Ending and extending carry the version read, so a colleague's change
 * in between is a conflict, never overwritten. */
#include "tui/forms.h"

#include "core/casefile.h"
#include "core/date.h"
#include "core/money.h"
#include "core/utf8.h"
#include "storage/catalogue.h"
#include "storage/plans.h"
#include "storage/instruments.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int after_start(const struct form *f, int i, char *msg, size_t n)
{
    return form_ensure(form_date(f, i) >= form_date(f, form_find(f, "start")), msg, n,
                       "Het einde ligt voor de start.");
}

static const struct form_option add_status[] = {{"lopend", "Lopend"}, {"gepland", "Gepland"}};

static const struct field_spec add_fields[] = {
    {"instrument", "Instrument", FT_CHOICE, 1, "instrument", NULL},
    {"start", "Start", FT_DATE, 1, NULL, NULL},
    {"eind", "Gepland einde", FT_DATE, 1, NULL, after_start},
    {"kosten", "Kosten", FT_MONEY, 0, NULL, NULL},
    {"doel", "Doel", FT_CHOICE, 0, NULL, NULL},
    {"status", "Status", FT_CHOICE, 1, NULL, NULL},
    {"certificaat", "Certificaat beloofd", FT_YESNO, 0, NULL, NULL},
};

/* The catalogue's duration and cost, once an instrument is chosen. */
static void picked(struct form_host *h, struct db *db, int field)
{
    if (field != form_find(&h->form, "instrument"))
        return;
    int days, max;
    long long cost;
    struct kv_error err;
    if (catalogue_instrument(db, formhost_text(h, "instrument"), &days, &max, &cost, &err) != KV_OK)
        return;
    long start = formhost_date(h, "start");
    if (start != NO_DATE)
        formhost_default_date(h, "eind", start + days);
    char c[32];
    money_format(cost, c, sizeof c);
    formhost_default(h, "kosten", strncmp(c, "€ ", 4) == 0 ? c + 4 : c);
}

static int save_add(struct form_host *h, struct db *db, const char *now, struct kv_error *err)
{
    const struct form *f = &h->form;
    long id;
    const char *cost = formhost_text(h, "kosten");
    struct instrument_in in = {
        .client = h->client,
        .code = formhost_text(h, "instrument"),
        .goal = atol(formhost_text(h, "doel")),
        .start = formhost_date(h, "start"),
        .planned_end = formhost_date(h, "eind"),
        .cost_cents = *cost ? (long)form_money(f, form_find(f, "kosten")) : -1,
        .status = formhost_text(h, "status"),
        .actual_end = NO_DATE,
        .certificate_promised = form_yes(f, form_find(f, "certificaat")),
    };
    char label[200];
    form_choice_label(f, form_find(f, "instrument"), label, sizeof label);
    snprintf(h->saved, sizeof h->saved, "Instrument toegevoegd: %s.", label);
    return instruments_add(db, &in, now, &id, err);
}

struct form_host *forms_instrument_add(struct db *db, long client, long today, struct kv_error *err)
{
    struct form_host *h =
        formhost_new(db, "instrument", "Instrument toevoegen", add_fields,
                     (int)(sizeof add_fields / sizeof add_fields[0]), client, today, err);
    struct goal_row *g = NULL;
    size_t n = 0;
    if (h == NULL || plans_goal_rows(db, client, &g, &n, err) != KV_OK) {
        formhost_free(h);
        return NULL;
    }
    struct form_option *o = formhost_alloc_options(n, err);
    if (o == NULL) {
        plans_goal_rows_free(g, n);
        formhost_free(h);
        return NULL;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(g[i].status, "open") != 0)
            continue; /* an instrument serves a goal still being worked on */
        snprintf(o[k].code, sizeof o[k].code, "%ld", g[i].id);
        utf8_copy(o[k].label, sizeof o[k].label, g[i].smart[0]);
        k++;
    }
    plans_goal_rows_free(g, n);
    formhost_own_options(h, form_find(&h->form, "doel"), o, k);
    form_set_options(&h->form, form_find(&h->form, "status"), add_status, 2);
    h->save = save_add;
    h->picked = picked;
    formhost_default_date(h, "start", today);
    formhost_default(h, "status", "lopend");
    formhost_default(h, "certificaat", "nee");
    return h;
}

/* ---- end ---------------------------------------------------------------------------- */

static const struct form_option end_status[] = {{"afgerond", "Afgerond"},
                                                {"voortijdig_gestopt", "Voortijdig gestopt"}};

/* The end is not after today (the start is checked on saving, against the stored
 * instrument). */
static const struct field_spec end_fields[] = {
    {"einde", "Einddatum", FT_DATE, 1, NULL, form_rule_not_future},
    {"status", "Afloop", FT_CHOICE, 1, NULL, NULL},
    {"eindreden", "Eindreden", FT_CHOICE, 1, "eindreden", NULL},
    {"resultaat", "Resultaat", FT_NOTE, 1, NULL, NULL},
    {"certificaat", "Certificaat ontvangen", FT_YESNO, 0, NULL, NULL},
};

static int save_end(struct form_host *h, struct db *db, const char *now, struct kv_error *err)
{
    const struct form *f = &h->form;
    snprintf(h->saved, sizeof h->saved, "Instrument beëindigd.");
    return instruments_end(db, h->record, h->version, formhost_date(h, "einde"),
                           formhost_text(h, "status"), formhost_text(h, "eindreden"),
                           formhost_text(h, "resultaat"), form_yes(f, form_find(f, "certificaat")),
                           now, err);
}

static struct form_host *for_instrument(struct db *db, const char *kind, const char *verb,
                                        const struct field_spec *specs, int n, long client,
                                        const struct instrument_row *r, long today,
                                        struct kv_error *err)
{
    char t[sizeof((struct form_host *)0)->title];
    snprintf(t, sizeof t, "%s: %s", verb, r->name);
    struct form_host *h = formhost_new(db, kind, t, specs, n, client, today, err);
    if (h != NULL) {
        h->record = r->id;
        h->version = r->version;
    }
    return h;
}

struct form_host *forms_instrument_end(struct db *db, long client, const struct instrument_row *r,
                                       long today, struct kv_error *err)
{
    if (r->actual_end != NO_DATE) {
        kv_error_set(err, KV_EUSAGE, "already ended", "Dit instrument is al beëindigd.");
        return NULL;
    }
    struct form_host *h =
        for_instrument(db, "einde", "Instrument beëindigen", end_fields,
                       (int)(sizeof end_fields / sizeof end_fields[0]), client, r, today, err);
    if (h == NULL)
        return NULL;
    form_set_options(&h->form, form_find(&h->form, "status"), end_status, 2);
    h->save = save_end;
    formhost_default_date(h, "einde", today < r->planned_end ? today : r->planned_end);
    formhost_default(h, "status", today < r->planned_end ? "voortijdig_gestopt" : "afgerond");
    formhost_default(h, "certificaat", r->certificate_received ? "ja" : "nee");
    return h;
}

/* ---- extend ------------------------------------------------------------------------- */

static const struct field_spec extend_fields[] = {
    {"eind", "Nieuw einde", FT_DATE, 1, NULL, NULL},
    {"reden", "Reden", FT_NOTE, 1, NULL, NULL},
};

static int save_extend(struct form_host *h, struct db *db, const char *now, struct kv_error *err)
{
    char d[11];
    date_format_nl(formhost_date(h, "eind"), d);
    snprintf(h->saved, sizeof h->saved, "Instrument verlengd tot %s.", d);
    return instruments_extend(db, h->record, h->version, formhost_date(h, "eind"),
                              formhost_text(h, "reden"), now, err);
}

struct form_host *forms_instrument_extend(struct db *db, long client,
                                          const struct instrument_row *r, long today,
                                          struct kv_error *err)
{
    if (r->actual_end != NO_DATE) {
        kv_error_set(err, KV_EUSAGE, "already ended",
                     "Een beëindigd instrument kan niet meer "
                     "verlengd worden.");
        return NULL;
    }
    struct form_host *h = for_instrument(db, "verlenging", "Instrument verlengen", extend_fields, 2,
                                         client, r, today, err);
    if (h != NULL)
        h->save = save_extend;
    return h;
}
