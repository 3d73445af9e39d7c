/* form_intake.c: a new client (registered into the caseworker's own caseload) and an
 * intake version (new client or yearly re-diagnosis). A re-diagnosis starts from the
 * latest intake, so only what changed is typed; it is saved as a new version and the old
 * one stays. Doelgroepen, barriers and communication needs are multiple choices. */
#include "tui/forms.h"

#include "core/bsn.h"
#include "core/casefile.h"
#include "core/date.h"
#include "core/clientfields.h"
#include "core/rules.h"
#include "storage/clients.h"
#include "storage/records.h"
#include "storage/intakes.h"
#include "storage/assignments.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- intake --------------------------------------------------------------------------- */

/* A trede or Werkfit conclusion carries its own motivation, in the field after it (checked
 * on the choice: a form checks the fields that have a value). */
static int motivated(const struct form *f, int i, char *msg, size_t n)
{
    return form_ensure(*form_text(f, i + 1) != '\0', msg, n,
                       "Geef eronder een motivering bij deze keuze.");
}

/* Keys of the text fields are the intake's column names (client_rows.h), so a
 * re-diagnosis copies them over by name. */
static const struct field_spec intake_fields[] = {
    {"date", "Datum intake", FT_DATE, 1, NULL, form_rule_not_future},
    {"wishes", "Wensen van de klant", FT_NOTE, 1, NULL, NULL},
    {"work_history", "Werkervaring", FT_NOTE, 0, NULL, NULL},
    {"education", "Opleiding", FT_NOTE, 0, NULL, NULL},
    {"diplomas", "Diploma's", FT_NOTE, 0, NULL, NULL},
    {"availability", "Beschikbaarheid", FT_NOTE, 0, NULL, NULL},
    {"motivation", "Motivatie", FT_NOTE, 0, NULL, NULL},
    {"competences", "Competenties", FT_NOTE, 0, NULL, NULL},
    {"barriers", "Belemmeringen", FT_MULTI, 0, "belemmering", NULL},
    {"classification", "Indeling", FT_CHOICE, 1, "indeling", NULL},
    {"classification_motivation", "Motivering indeling", FT_NOTE, 1, NULL, NULL},
    {"trede", "Trede participatieladder", FT_CHOICE, 0, "trede", motivated},
    {"trede_motivation", "Motivering trede", FT_NOTE, 0, NULL, NULL},
    {"werkfit", "Conclusie Werkfit", FT_CHOICE, 0, "werkfit", motivated},
    {"werkfit_motivation", "Motivering Werkfit", FT_NOTE, 0, NULL, NULL},
    {"uitstroomdoel", "Uitstroomdoel", FT_CHOICE, 0, "uitstroomdoel", NULL},
    {"regelingen", "Besproken regelingen", FT_NOTE, 0, NULL, NULL},
    {"client_comments", "Opmerkingen van de klant", FT_NOTE, 0, NULL, NULL},
};

static int save_intake(struct form_host *h, struct db *db, const char *now, struct kv_error *err)
{
    struct intake_in in = {
        .client = h->client,
        .date = formhost_date(h, "date"),
        .work_history = formhost_text(h, "work_history"),
        .education = formhost_text(h, "education"),
        .diplomas = formhost_text(h, "diplomas"),
        .availability = formhost_text(h, "availability"),
        .motivation = formhost_text(h, "motivation"),
        .competences = formhost_text(h, "competences"),
        .wishes = formhost_text(h, "wishes"),
        .regelingen = formhost_text(h, "regelingen"),
        .classification = formhost_text(h, "classification"),
        .classification_motivation = formhost_text(h, "classification_motivation"),
        .trede = formhost_text(h, "trede"),
        .trede_motivation = formhost_text(h, "trede_motivation"),
        .werkfit = formhost_text(h, "werkfit"),
        .werkfit_motivation = formhost_text(h, "werkfit_motivation"),
        .uitstroomdoel = formhost_text(h, "uitstroomdoel"),
        .client_comments = formhost_text(h, "client_comments"),
        .barriers = formhost_text(h, "barriers"),
    };
    long id;
    char d[11];
    date_format_nl(in.date, d);
    snprintf(h->saved, sizeof h->saved, "Intake van %s vastgelegd als nieuwe versie.", d);
    return intakes_add(db, &in, now, &id, err);
}

/* A re-diagnosis starts from where the client stands on each axis now, which a later
 * classification may have moved since the last intake (a step up the ladder). */
static void start_from_classes(struct form_host *h, struct db *db, long client)
{
    static const char *const keys[AXIS_COUNT][2] = {{"classification", "classification_motivation"},
                                                    {"trede", "trede_motivation"},
                                                    {"werkfit", "werkfit_motivation"}};
    struct client_class k[AXIS_COUNT];
    struct kv_error err;
    if (clients_classes(db, client, k, &err) != KV_OK)
        return; /* the last intake's values stand */
    for (int a = 0; a < AXIS_COUNT; a++)
        if (*k[a].code) {
            formhost_default(h, keys[a][0], k[a].code);
            formhost_default(h, keys[a][1], k[a].motivation);
        }
}

struct form_host *forms_intake(struct db *db, long client, long today, struct kv_error *err)
{
    struct intake_row last;
    int found;
    if (intakes_latest(db, client, &last, &found, err) != KV_OK)
        return NULL;
    struct form_host *h = formhost_new(
        db, "intake", found ? "Herdiagnose (nieuwe intake-versie)" : "Intake", intake_fields,
        (int)(sizeof intake_fields / sizeof intake_fields[0]), client, today, err);
    if (h != NULL) {
        h->save = save_intake;
        formhost_default_date(h, "date", today);
        for (int i = 0; found && i < INTAKE_TEXTS; i++)
            formhost_default(h, intakes_text_keys[i], last.text[i]);
        if (found)
            formhost_default(h, "barriers", last.barriers);
        start_from_classes(h, db, client);
    }
    if (found)
        intakes_row_free(&last);
    return h;
}

/* ---- new client ----------------------------------------------------------------------- */

/* Born in the past and at least 18 on the day of registration (today while that is
 * empty). */
static int born_adult(const struct form *f, int i, char *msg, size_t n)
{
    struct kv_error err;
    long on = form_date(f, form_find(f, "applied_on"));
    if (!form_rule_not_future(f, i, msg, n))
        return 0;
    return form_rule(rules_adult_at(form_date(f, i), on != NO_DATE ? on : f->today, &err), &err,
                     msg, n);
}

static int exemption_complete(const struct form *f, int i, char *msg, size_t n)
{
    int exempt = strcmp(form_text(f, i), "vrijgesteld") == 0;
    return form_ensure(!exempt || (*form_text(f, form_find(f, "vrijstelling_reason")) &&
                                   *form_text(f, form_find(f, "vrijstelling_until"))),
                       msg, n, "Een vrijstelling heeft een reden en een einddatum.");
}

static int until_after_today(const struct form *f, int i, char *msg, size_t n)
{
    return form_ensure(form_date(f, i) >= f->today, msg, n,
                       "Deze vrijstelling is al verlopen; kies volledig of gedeeltelijk.");
}

static int valid_postcode(const struct form *f, int i, char *msg, size_t n)
{
    char pc[8];
    return form_ensure(client_postcode(form_text(f, i), pc) == 0, msg, n,
                       "Geen postcode: vier cijfers en twee letters (7271 AB).");
}

static const struct form_option duties[] = {
    {"volledig", "Volledig"},
    {"gedeeltelijk", "Gedeeltelijk"},
    {"vrijgesteld", "Vrijgesteld"},
};
/* Shown first in the dossier: the caseworker must know before writing or phoning. */
static const struct form_option needs[] = {
    {"tolk", "Tolk nodig"},
    {"begeleider", "Komt met begeleider"},
    {"laaggeletterd", "Laaggeletterd"},
    {"dyslexie", "Dyslexie"},
};

static const struct field_spec client_specs[] = {
    {"bsn", "BSN", FT_TEXT, 1, NULL, form_rule_bsn},
    {"first_name", "Voornaam", FT_TEXT, 1, NULL, NULL},
    {"last_name", "Achternaam", FT_TEXT, 1, NULL, NULL},
    {"birth_date", "Geboortedatum", FT_DATE, 1, NULL, born_adult},
    {"street", "Straat", FT_TEXT, 0, NULL, NULL},
    {"house_number", "Huisnummer", FT_TEXT, 0, NULL, NULL},
    {"postcode", "Postcode", FT_TEXT, 0, NULL, valid_postcode},
    {"city", "Woonplaats", FT_TEXT, 0, NULL, NULL},
    {"municipality", "Gemeente", FT_TEXT, 1, NULL, NULL},
    {"household", "Huishouden", FT_TEXT, 0, NULL, NULL},
    {"phone", "Telefoon", FT_TEXT, 0, NULL, form_rule_phone},
    {"email", "E-mail", FT_TEXT, 0, NULL, form_rule_email},
    {"language_level", "Taalniveau", FT_TEXT, 0, NULL, NULL},
    {"communication_needs", "Communicatie", FT_MULTI, 0, NULL, NULL},
    {"applied_on", "Aangemeld op", FT_DATE, 1, NULL, form_rule_not_future},
    {"benefit_start", "Uitkering sinds", FT_DATE, 0, NULL, NULL},
    {"instroomreden", "Instroomreden", FT_CHOICE, 0, "instroomreden", NULL},
    {"arbeidsverplichting", "Arbeidsverplichting", FT_CHOICE, 1, NULL, exemption_complete},
    {"vrijstelling_reason", "Reden vrijstelling", FT_NOTE, 0, NULL, NULL},
    {"vrijstelling_until", "Vrijgesteld tot", FT_DATE, 0, NULL, until_after_today},
    {"doelgroepen", "Doelgroepen", FT_MULTI, 0, "doelgroep", NULL},
};
#define CLIENT_NEW_FIELDS ((int)(sizeof client_specs / sizeof client_specs[0]))
#define CLIENT_EDIT_FIELDS CLIENT_NEW_FIELDS /* the doelgroepen too (walkthrough finding) */

static int save_client(struct form_host *h, struct db *db, const char *now, struct kv_error *err)
{
    /* "7131ab" passed the field's check; it is stored as the rule and client edit write it
     * (walkthrough finding: the save refused what the field had accepted). */
    char pc[8];
    const char *postcode = formhost_text(h, "postcode");
    if (client_postcode(postcode, pc) == 0)
        postcode = pc;
    long today = h->form.today;
    struct client_in c = {
        .bsn = formhost_text(h, "bsn"),
        .first_name = formhost_text(h, "first_name"),
        .last_name = formhost_text(h, "last_name"),
        .birth_date = formhost_date(h, "birth_date"),
        .household = formhost_text(h, "household"),
        .municipality = formhost_text(h, "municipality"),
        .phone = formhost_text(h, "phone"),
        .email = formhost_text(h, "email"),
        .contact_verified_on =
            *formhost_text(h, "phone") || *formhost_text(h, "email") ? today : NO_DATE,
        .language_level = formhost_text(h, "language_level"),
        .communication_needs = formhost_text(h, "communication_needs"),
        .applied_on = formhost_date(h, "applied_on"),
        .benefit_start = formhost_date(h, "benefit_start"),
        .instroomreden = formhost_text(h, "instroomreden"),
        .arbeidsverplichting = formhost_text(h, "arbeidsverplichting"),
        .vrijstelling_reason = formhost_text(h, "vrijstelling_reason"),
        .vrijstelling_until = formhost_date(h, "vrijstelling_until"),
        .street = formhost_text(h, "street"),
        .house_number = formhost_text(h, "house_number"),
        .postcode = postcode,
        .city = formhost_text(h, "city"),
        .doelgroepen = formhost_text(h, "doelgroepen"),
    };
    long id;
    int rc = records_client_add(db, &c, now, &id, err);
    /* Into the caseload of whoever registers the client; a teamleider reassigns later. */
    if (rc == KV_OK)
        rc = assignments_open(db, id, db->user, "klantmanager", today, "", NO_DATE, now, err);
    if (rc == KV_OK)
        h->record = id; /* the caller reads it once the transaction has committed */
    snprintf(h->saved, sizeof h->saved,
             "%s %s is aangemeld en staat in uw werkvoorraad; de "
             "intake volgt (n in het dossier).",
             c.first_name, c.last_name);
    return rc;
}

static void client_choices(struct form_host *h)
{
    form_set_options(&h->form, form_find(&h->form, "arbeidsverplichting"), duties,
                     sizeof duties / sizeof duties[0]);
    form_set_options(&h->form, form_find(&h->form, "communication_needs"), needs,
                     sizeof needs / sizeof needs[0]);
}

struct form_host *forms_client_new(struct db *db, long today, struct kv_error *err)
{
    struct form_host *h =
        formhost_new(db, "klant", "Nieuwe klant", client_specs, CLIENT_NEW_FIELDS, 0, today, err);
    if (h == NULL)
        return NULL;
    h->save = save_client;
    client_choices(h);
    formhost_default(h, "arbeidsverplichting", "volledig");
    formhost_default_date(h, "applied_on", today);
    return h;
}

/* ---- correcting a client's details -------------------------------------------------- */

/* Was field key changed from the stored value? Dates compare as days, so "1-3-2026"
 * typed over "2026-03-01" is no change. */
static int changed(const struct form_host *h, const char *key, const char *stored, int date)
{
    const char *typed = formhost_text(h, key);
    long a, b;
    if (date && date_parse(typed, &a) && date_parse(stored, &b))
        return a != b;
    return strcmp(typed, stored) != 0;
}

static int save_edit(struct form_host *h, struct db *db, const char *now, struct kv_error *err)
{
    const struct client_values *old = h->extra;
    struct client_change ch[CLIENT_EDIT_FIELDS];
    size_t n = 0;
    for (int i = 0; i < CLIENT_EDIT_FIELDS; i++) {
        const struct client_field *f = client_field_by_column(client_specs[i].key);
        if (f == NULL)
            continue;
        const char *stored = old->v[f - client_fields];
        if (changed(h, client_specs[i].key, stored, client_specs[i].type == FT_DATE))
            ch[n++] = (struct client_change){f, formhost_text(h, client_specs[i].key)};
    }
    if (n == 0) {
        snprintf(h->saved, sizeof h->saved, "Niets gewijzigd.");
        return KV_OK;
    }
    int rc = clients_update(db, h->client, h->version, ch, n, now, &n, err);
    if (n == 0)
        snprintf(h->saved, sizeof h->saved, "Niets gewijzigd.");
    else
        snprintf(h->saved, sizeof h->saved,
                 "Klantgegevens opgeslagen (%zu %s gewijzigd; de "
                 "geschiedenis staat in het auditlog).",
                 n, n == 1 ? "veld" : "velden");
    return rc;
}

struct form_host *forms_client_edit(struct db *db, long client, long today, struct kv_error *err)
{
    struct client_values *old = malloc(sizeof *old);
    if (old == NULL) {
        kv_error_nomem(err);
        return NULL;
    }
    if (clients_values(db, client, old, err) != KV_OK) {
        free(old);
        return NULL;
    }
    struct form_host *h = formhost_new(db, "klantgegevens", "Klantgegevens wijzigen", client_specs,
                                       CLIENT_EDIT_FIELDS, client, today, err);
    if (h == NULL) {
        free(old);
        return NULL;
    }
    h->extra = old;
    h->save = save_edit;
    h->record = client;
    h->version = old->version;
    h->no_draft = 1; /* a correction is short; the version check guards a colleague's */
    client_choices(h);
    for (int i = 0; i < CLIENT_EDIT_FIELDS; i++) {
        const struct client_field *f = client_field_by_column(client_specs[i].key);
        long d;
        if (f == NULL)
            continue;
        const char *v = old->v[f - client_fields];
        if (client_specs[i].type == FT_DATE && date_parse(v, &d))
            formhost_default_date(h, client_specs[i].key, d);
        else
            formhost_default(h, client_specs[i].key, v);
    }
    return h;
}
