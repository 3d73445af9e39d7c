/* form_contact.c: quick entry of a contact, in a few keystrokes from anywhere: the date
 * is today unless changed, the channel comes from the catalogue, an agreement with its
 * due date is optional. */
#include "tui/forms.h"

#include "core/casefile.h"
#include "core/date.h"
#include "storage/contacts.h"

#include <stdio.h>

/* An agreement has a due date, on or after the contact. */
static int due_fits(const struct form *f, int i, char *msg, size_t n)
{
    return form_ensure(form_date(f, i) >= form_date(f, form_find(f, "datum")), msg, n,
                       "De afspraak kan niet voor het contact vervallen.");
}

static int agreement_has_due(const struct form *f, int i, char *msg, size_t n)
{
    (void)i;
    return form_ensure(*form_text(f, form_find(f, "uiterlijk")) != '\0', msg, n,
                       "Geef de afspraak een datum (uiterlijk).");
}

static const struct field_spec fields[] = {
    {"datum", "Datum", FT_DATE, 1, NULL, form_rule_not_future},
    {"kanaal", "Kanaal", FT_CHOICE, 1, "kanaal", NULL},
    {"deelnemers", "Deelnemers", FT_TEXT, 0, NULL, NULL},
    {"verslag", "Verslag", FT_NOTE, 1, NULL, NULL},
    {"afspraak", "Afspraak", FT_TEXT, 0, NULL, agreement_has_due},
    {"uiterlijk", "Afspraak uiterlijk", FT_DATE, 0, NULL, due_fits},
};

static int save(struct form_host *h, struct db *db, const char *now, struct kv_error *err)
{
    long contact, date = formhost_date(h, "datum");
    int rc = contacts_add(db, h->client, date, formhost_text(h, "kanaal"),
                          formhost_text(h, "deelnemers"), formhost_text(h, "verslag"), now,
                          &contact, err);
    const char *agreement = formhost_text(h, "afspraak");
    if (rc == KV_OK && *agreement)
        rc = contacts_agreement_add(db, h->client, contact, agreement,
                                    formhost_date(h, "uiterlijk"), NO_DATE, now, err);
    char d[11];
    date_format_nl(date, d);
    snprintf(h->saved, sizeof h->saved, "Contact van %s vastgelegd%s.", d,
             *agreement ? ", met een afspraak" : "");
    return rc;
}

struct form_host *forms_contact(struct db *db, long client, long today, struct kv_error *err)
{
    struct form_host *h = formhost_new(db, "contact", "Contact vastleggen", fields,
                                       (int)(sizeof fields / sizeof fields[0]), client, today, err);
    if (h == NULL)
        return NULL;
    h->save = save;
    formhost_default_date(h, "datum", today);
    return h;
}
