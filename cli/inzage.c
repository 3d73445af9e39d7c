/* inzage.c: a dossier as a document a person can read, for a request under the AVG
 * (inzage): everything stored about them, section by section with Dutch titles and
 * labels, from the same dossier visitor as the JSON export, so nothing is left out.
 * Keys without a label are printed as they are stored. */
#include "cli/inzage.h"
#include "core/labels.h"
#include "host/out.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *key, *label;
} labels[] = {
    /* sections */
    {"classifications", "Indelingen"},
    {"assignments", "Klantmanagers en consulenten"},
    {"intakes", "Intakes (diagnoses)"},
    {"barriers", "Belemmeringen"},
    {"plans", "Plannen van aanpak"},
    {"goals", "Doelen"},
    {"instruments", "Instrumenten"},
    {"extensions", "Verlengingen"},
    {"contacts", "Contacten"},
    {"agreements", "Afspraken"},
    {"outflows", "Uitstroom"},
    {"followups", "Navraag na uitstroom"},
    {"nazorg", "Nazorg"},
    {"requests", "Vragen"},
    {"reminders", "Herinneringen"},
    {"signal_acks", "Afgehandelde of uitgestelde signalen"},
    {"doelgroepen", "Doelgroepen"},
    /* fields */
    {"vrijstelling_until", "Vrijgesteld tot"},
    {"axis", "Soort indeling"},
    {"user", "Medewerker"},
    {"from_date", "Van"},
    {"wishes", "Wensen"},
    {"classification_motivation", "Motivering indeling"},
    {"trede_motivation", "Motivering trede"},
    {"werkfit_motivation", "Motivering Werkfit"},
    {"client_agreed", "Klant akkoord (1 ja, 0 nee)"},
    {"demands_applications", "Sollicitatieplicht (1 ja, 0 nee)"},
    {"instrument", "Instrument"},
    {"goal", "Doel (nummer in deze lijst, vanaf 0)"},
    {"cost_cents", "Kosten (eurocent)"},
    {"end_reason", "Eindreden"},
    {"certificate_promised", "Certificaat beloofd"},
    {"summary", "Verslag"},
    {"contact", "Bij contact (nummer)"},
    {"returned_on", "Terug in de uitkering op"},
    {"months", "Maanden na uitstroom"},
    {"outflow", "Bij uitstroom (nummer)"},
    {"ref", "Betreft (nummer)"},
    {"created_at", "Vastgelegd op"},
    {"updated_at", "Laatst gewijzigd op"},
    {"updated_by", "Laatst gewijzigd door"},
};

static const char *label(const char *key)
{
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (strcmp(labels[i].key, key) == 0)
            return labels[i].label;
    return labels_field(key); /* the field names every screen uses */
}

static void indent(const struct inzage *z)
{
    for (int i = 0; i < z->depth; i++)
        fputs("  ", z->f);
}

static void begin_client(void *ctx)
{
    struct inzage *z = ctx;
    z->depth = 0;
    if (z->clients++ == 0) /* the heading only once something is there to show */
        out_printf(z->f,
                   "Inzage: alle gegevens die klantvolg over %s bewaart, opgesteld op %.10s "
                   "door %s.\nNummers verwijzen naar de volgorde in dezelfde lijst. Datums: "
                   "jaar-maand-dag.\n\n",
                   z->one ? "deze klant" : "deze klanten", z->on, z->by);
    out_printf(z->f, "%sGEGEVENS VAN EEN KLANT\n", z->clients > 1 ? "\n" : "");
    z->depth = 1;
}

static void end_client(void *ctx)
{
    ((struct inzage *)ctx)->depth = 0;
}

static void begin_array(void *ctx, const char *key)
{
    struct inzage *z = ctx;
    fputc('\n', z->f);
    indent(z);
    out_printf(z->f, "%s\n", label(key));
    z->item[z->depth] = 0;
    z->depth++;
}

static void end_array(void *ctx)
{
    struct inzage *z = ctx;
    if (z->item[z->depth - 1] == 0) { /* an empty section says so */
        indent(z);
        fputs("(geen)\n", z->f);
    }
    z->depth--;
}

static void begin_object(void *ctx)
{
    struct inzage *z = ctx;
    indent(z);
    out_printf(z->f, "%d.\n", ++z->item[z->depth - 1]);
    z->depth++;
}

static void end_object(void *ctx)
{
    ((struct inzage *)ctx)->depth--;
}

static void field(void *ctx, const char *key, sqlite3_value *v)
{
    struct inzage *z = ctx;
    const char *t = (const char *)sqlite3_value_text(v);
    indent(z);
    out_printf(z->f, "%s: %s\n", label(key), t == NULL ? "(leeg)" : *t ? t : "-");
}

static void code(void *ctx, const char *c)
{
    struct inzage *z = ctx;
    z->item[z->depth - 1]++;
    indent(z);
    out_printf(z->f, "- %s\n", c);
}

const struct dossier_visitor inzage_visitor = {
    begin_client, end_client, begin_array, end_array, begin_object, end_object, field, code,
};
