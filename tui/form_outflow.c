/* form_outflow.c: a client leaves benefit (fully, or partly with an aanvullende
 * uitkering): the reason, the employer and contract with its end date, the route, the
 * instrument it is attributed to (once), and nazorg with the client's consent. The
 * follow-ups at 3, 6 and 12 months and the contract-end and nazorg reminders follow from
 * these records through the signals; nothing else needs scheduling. */
#include "tui/forms.h"

#include "core/casefile.h"
#include "core/date.h"
#include "core/rules.h"
#include "core/utf8.h"
#include "storage/instruments.h"
#include "storage/clients.h"
#include "storage/outflows.h"
#include "storage/nazorg.h"

#include <stdio.h>
#include <stdlib.h>

static int after_outflow(const struct form *f, int i, char *msg, size_t n)
{
    struct kv_error err;
    return form_rule(rules_end_not_before_start(form_date(f, form_find(f, "datum")),
                                                form_date(f, i), "Contract", &err),
                     &err, msg, n);
}

/* Nazorg from the outflow date (or today, while that is still empty) for so many months. */
static int at_most_two_years(const struct form *f, int i, char *msg, size_t n)
{
    struct kv_error err;
    long from = form_date(f, form_find(f, "datum"));
    if (from == NO_DATE)
        from = f->today;
    long months = form_number(f, i);
    long end = date_add_months(from, months > 1000 ? 1000 : (int)months);
    return form_rule(rules_nazorg_period(from, end, &err), &err, msg, n);
}

static const struct field_spec fields[] = {
    {"datum", "Datum uitstroom", FT_DATE, 1, NULL, form_rule_not_future},
    {"reden", "Uitstroomreden", FT_CHOICE, 1, "uitstroomreden", NULL},
    {"werkgever", "Werkgever", FT_TEXT, 0, NULL, NULL},
    {"contract", "Soort contract", FT_TEXT, 0, NULL, NULL},
    {"contracteinde", "Einde contract", FT_DATE, 0, NULL, after_outflow},
    {"uren", "Uren per week", FT_NUMBER, 0, NULL, NULL},
    {"gedeeltelijk", "Gedeeltelijk (aanvulling)", FT_YESNO, 1, NULL, NULL},
    {"route", "Route", FT_CHOICE, 0, "route", NULL},
    {"instrument", "Toe te schrijven aan", FT_CHOICE, 0, NULL, NULL},
    {"nazorg", "Nazorg (maanden)", FT_NUMBER, 1, NULL, at_most_two_years},
    {"toestemming", "Klant wil nazorg", FT_YESNO, 1, NULL, NULL},
};

static int save(struct form_host *h, struct db *db, const char *now, struct kv_error *err)
{
    const struct form *f = &h->form;
    long date = formhost_date(h, "datum"), id;
    long hours = formhost_number(h, "uren");
    int partial = form_yes(f, form_find(f, "gedeeltelijk"));
    long months = formhost_number(h, "nazorg");
    int consent = form_yes(f, form_find(f, "toestemming"));
    struct outflow_in o = {h->client,
                           date,
                           formhost_text(h, "reden"),
                           formhost_text(h, "werkgever"),
                           formhost_text(h, "contract"),
                           formhost_date(h, "contracteinde"),
                           hours < 0 ? 0 : (int)hours,
                           partial,
                           formhost_text(h, "route"),
                           atol(formhost_text(h, "instrument"))};
    int rc = outflows_add(db, &o, now, &id, err);
    if (rc == KV_OK && months > 0)
        rc = nazorg_add(db, h->client, id, date, date_add_months(date, (int)months), consent, 30,
                        now, err);
    /* The status follows from the records (core/status.h): read it back, not decided here. */
    enum client_status st = CS_UITGESTROOMD;
    if (rc == KV_OK)
        rc = clients_status(db, h->client, &st, err);
    snprintf(h->saved, sizeof h->saved, "Uitstroom vastgelegd; status nu: %s.", status_label(st));
    return rc;
}

struct form_host *forms_outflow(struct db *db, long client, long today, struct kv_error *err)
{
    struct form_host *h = formhost_new(db, "uitstroom", "Uitstroom en nazorg", fields,
                                       (int)(sizeof fields / sizeof fields[0]), client, today, err);
    struct instrument_row *r = NULL;
    size_t n = 0;
    if (h == NULL || instruments_rows(db, client, &r, &n, err) != KV_OK) {
        formhost_free(h);
        return NULL;
    }
    struct form_option *o = formhost_alloc_options(n, err);
    if (o == NULL) {
        instruments_rows_free(r, n);
        formhost_free(h);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        char s[11];
        date_format_nl(r[i].start, s);
        snprintf(o[i].code, sizeof o[i].code, "%ld", r[i].id);
        char name[120];
        snprintf(o[i].label, sizeof o[i].label, "%s (vanaf %s)",
                 utf8_copy(name, sizeof name, r[i].name), s);
    }
    instruments_rows_free(r, n);
    formhost_own_options(h, form_find(&h->form, "instrument"), o, n);
    h->save = save;
    formhost_default_date(h, "datum", today);
    formhost_default(h, "gedeeltelijk", "nee");
    formhost_default(h, "nazorg", "6");
    formhost_default(h, "toestemming", "ja");
    return h;
}

/* ---- a return to benefit ------------------------------------------------------------- */

static const struct field_spec return_fields[] = {
    {"terug", "Terug in de uitkering op", FT_DATE, 1, NULL, form_rule_not_future},
};

static int save_return(struct form_host *h, struct db *db, const char *now, struct kv_error *err)
{
    char day[11];
    long date = formhost_date(h, "terug");
    date_format_nl(date, day);
    snprintf(h->saved, sizeof h->saved,
             "Vastgelegd: klant %ld is op %s teruggekeerd in de "
             "uitkering; status nu: terug.",
             h->client, day);
    return outflows_return(db, h->client, date, h->form.today, now, err);
}

struct form_host *forms_return(struct db *db, long client, long today, struct kv_error *err)
{
    struct form_host *h = formhost_new(db, "terugkeer",
                                       "Terug in de uitkering (na de laatste "
                                       "uitstroom)",
                                       return_fields, 1, client, today, err);
    if (h == NULL)
        return NULL;
    formhost_default_date(h, "terug", today);
    h->save = save_return;
    h->no_draft = 1; /* one date: nothing to resume */
    return h;
}
