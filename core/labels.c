#include "core/labels.h"

#include <string.h>

/* The report's own vocabulary. kind "" holds for every kind. */
static const struct label words[] = {
    /* columns */
    {"", "gestart", "gestart"},
    {"", "afgerond", "afgerond"},
    {"", "gestopt", "gestopt"},
    {"", "naar_werk", "naar werk"},
    {"", "aandeel", "aandeel"},
    {"", "werk_3m", "werk <3 mnd"},
    {"", "werk_6m", "werk <6 mnd"},
    {"", "werk_12m", "werk <12 mnd"},
    {"", "meetbaar_6m", "meetbaar 6 mnd"},
    {"", "nog_uit_6m", "nog uit 6 mnd"},
    {"", "meetbaar_12m", "meetbaar 12 mnd"},
    {"", "terug_6m", "terug <6 mnd"},
    {"", "terug_12m", "terug <12 mnd"},
    {"", "kosten_euro", "kosten"},
    {"", "per_klant_euro", "per klant"},
    {"", "klanten", "klanten"},
    {"", "mediaan_dagen", "mediaan (dagen)"},
    {"", "p90_dagen", "90% (dagen)"},
    {"", "stap", "stap"},
    {"", "dimensie", "dimensie"},
    {"", "waarde", "waarde"},
    {"", "nazorg", "nazorg"},
    {"", "instrument", "instrument"},
    {"", "aanbieder", "aanbieder"},
    {"", "doelgroep", "doelgroep"},
    /* dimensions */
    {"dim", "omvang", "Omvang van het klantenbestand"},
    {"dim", "instroom", "Instroom naar reden"},
    {"dim", "uitstroom", "Uitstroom naar reden"},
    {"dim", "route", "Uitstroom naar route"},
    {"dim", "duur", "Duur in de uitkering (jaren)"},
    {"dim", "leeftijd", "Leeftijd"},
    {"dim", "huishouden", "Huishouden"},
    {"dim", "doelgroep", "Doelgroep"},
    {"dim", "indeling", "Indeling"},
    {"dim", "gemeente", "Gemeente"},
    {"dim", "participatieladder", "Participatieladder"},
    {"dim", "instrument", "Instrument"},
    {"dim", "werk", "Naar werk"},
    /* fixed keys */
    {"", "begin", "begin van de periode"},
    {"", "eind", "eind van de periode"},
    {"", "niet_toegeschreven", "niet toegeschreven"},
    {"", "geen_aanbieder", "(geen aanbieder)"},
    {"", "overig", "overig"},
    {"", "omhoog", "omhoog"},
    {"", "gelijk", "gelijk"},
    {"", "omlaag", "omlaag"},
    {"", "(geen)", "(geen)"},
    {"", "(onbekend)", "(onbekend)"},
    {"", "per klant naar werk", "per klant naar werk"},
    {"", "alleenstaand", "alleenstaand"},
    {"", "alleenstaande_ouder", "alleenstaande ouder"},
    {"", "samenwonend", "samenwonend"},
    {"", "samenwonend_kinderen", "samenwonend met kinderen"},
};

static const char *find(const struct label *v, size_t n, const char *kind, const char *code)
{
    for (size_t i = 0; i < n; i++)
        if ((kind == NULL || strcmp(v[i].kind, kind) == 0) && strcmp(v[i].code, code) == 0)
            return v[i].label;
    return NULL;
}

const char *labels_nl(const struct labels *cat, const char *kind, const char *code)
{
    const char *l = NULL;
    size_t nw = sizeof words / sizeof words[0];
    if (code == NULL)
        return NULL;
    if (cat && kind)
        l = find(cat->v, cat->n, kind, code);
    if (l == NULL && kind)
        l = find(words, nw, kind, code);
    if (l == NULL)
        l = find(words, nw, "", code);
    return l && *l ? l : code;
}

const char *labels_kind_of(const char *dim)
{
    static const struct {
        const char *dim, *kind;
    } kinds[] = {{"instroom", "instroomreden"},
                 {"uitstroom", "uitstroomreden"},
                 {"route", "route"},
                 {"doelgroep", "doelgroep"},
                 {"indeling", "classificatie"},
                 {"instrument", "instrument"},
                 {"reden", "uitstroomreden"},
                 {"reason", "uitstroomreden"},
                 {"aanbieder", "aanbieder"},
                 {"eindreden", "eindreden"}};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(kinds[i].dim, dim) == 0)
            return kinds[i].kind;
    return dim;
}

/* What the history calls a kind of record (a table of the database) and its fields. */
static const struct {
    const char *table, *label;
} records[] = {
    {"clients", "Klantgegevens"},
    {"client_doelgroepen", "Doelgroep"},
    {"classifications", "Indeling"},
    {"assignments", "Toewijzing"},
    {"intakes", "Intake"},
    {"intake_barriers", "Belemmering"},
    {"plans", "Plan van aanpak"},
    {"goals", "Doel"},
    {"client_instruments", "Instrument"},
    {"instrument_extensions", "Verlenging"},
    {"contacts", "Contact"},
    {"agreements", "Afspraak"},
    {"outflows", "Uitstroom"},
    {"nazorg", "Nazorg"},
    {"followups", "Follow-up"},
    {"requests", "Vraag"},
    {"reminders", "Herinnering"},
    {"signal_acks", "Signaal"},
};

static const struct {
    const char *field, *label;
} fields[] = {
    {"bsn", "BSN"},
    {"first_name", "Voornaam"},
    {"last_name", "Achternaam"},
    {"birth_date", "Geboortedatum"},
    {"gender", "Geslacht"},
    {"household", "Huishouden"},
    {"municipality", "Gemeente"},
    {"address", "Adres"},
    {"street", "Straat"},
    {"house_number", "Huisnummer"},
    {"postcode", "Postcode"},
    {"city", "Woonplaats"},
    {"phone", "Telefoon"},
    {"email", "E-mail"},
    {"contact_verified_on", "Contactgegevens gecontroleerd op"},
    {"language_level", "Taalniveau"},
    {"communication_needs", "Communicatie"},
    {"applied_on", "Aangemeld op"},
    {"benefit_start", "Uitkering sinds"},
    {"instroomreden", "Instroomreden"},
    {"arbeidsverplichting", "Arbeidsverplichting"},
    {"vrijstelling_reason", "Reden vrijstelling"},
    {"vrijstelling_until", "Vrijstelling tot"},
    {"status", "Status"},
    {"closed_on", "Afgesloten op"},
    {"notes", "Notities"},
    {"code", "Code"},
    {"date", "Datum"},
    {"motivation", "Motivatie"},
    {"user_id", "Medewerker"},
    {"role_in_case", "Rol"},
    {"from_date", "Vanaf"},
    {"to_date", "Tot"},
    {"handover_note", "Overdrachtsnotitie"},
    {"client_informed_on", "Klant geïnformeerd op"},
    {"work_history", "Werkervaring"},
    {"education", "Opleiding"},
    {"diplomas", "Diploma's"},
    {"availability", "Beschikbaarheid"},
    {"competences", "Competenties"},
    {"wishes", "Wensen van de klant"},
    {"regelingen", "Besproken regelingen"},
    {"classification", "Indeling"},
    {"classification_motivation", "Motivatie indeling"},
    {"trede", "Trede"},
    {"trede_motivation", "Motivatie trede"},
    {"werkfit", "Werkfit"},
    {"werkfit_motivation", "Motivatie Werkfit"},
    {"uitstroomdoel", "Uitstroomdoel"},
    {"client_comments", "Opmerkingen van de klant"},
    {"kind", "Soort"},
    {"approach", "Aanpak"},
    {"discussed_on", "Besproken op"},
    {"client_agreed", "Klant akkoord"},
    {"demands_applications", "Sollicitatieplicht"},
    {"specifiek", "Specifiek"},
    {"meetbaar", "Meetbaar"},
    {"acceptabel", "Acceptabel"},
    {"realistisch", "Realistisch"},
    {"tijdgebonden", "Tijdgebonden"},
    {"deadline", "Deadline"},
    {"evaluation", "Evaluatie"},
    {"catalogue_id", "Instrument"},
    {"goal_id", "Doel"},
    {"provider", "Aanbieder"},
    {"start", "Start"},
    {"planned_end", "Gepland einde"},
    {"actual_end", "Werkelijk einde"},
    {"cost_cents", "Kosten (centen)"},
    {"end_reason", "Reden einde"},
    {"result", "Resultaat"},
    {"certificate_promised", "Certificaat toegezegd"},
    {"certificate_received", "Certificaat ontvangen"},
    {"old_end", "Oud einde"},
    {"new_end", "Nieuw einde"},
    {"reason", "Reden"},
    {"channel", "Kanaal"},
    {"participants", "Deelnemers"},
    {"summary", "Samenvatting"},
    {"text", "Tekst"},
    {"due", "Uiterlijk"},
    {"done_on", "Gedaan op"},
    {"employer", "Werkgever"},
    {"contract_kind", "Soort contract"},
    {"contract_end", "Einde contract"},
    {"hours_per_week", "Uren per week"},
    {"partial", "Gedeeltelijk"},
    {"route", "Route"},
    {"instrument_id", "Toegeschreven instrument"},
    {"returned_on", "Terug op"},
    {"end", "Einde"},
    {"consent", "Toestemming"},
    {"frequency_days", "Contact elke (dagen)"},
    {"with_employer", "Met werkgever"},
    {"months", "Maanden"},
    {"still_off_benefit", "Nog uit de uitkering"},
    {"note", "Notitie"},
    {"what", "Vraag"},
    {"answered_on", "Beantwoord op"},
    {"done", "Afgehandeld"},
    {"snoozed_until", "Uitgesteld tot"},
    {"ref", "Betreft"},
};

const char *labels_record(const char *table)
{
    for (size_t i = 0; i < sizeof records / sizeof records[0]; i++)
        if (strcmp(records[i].table, table) == 0)
            return records[i].label;
    return table;
}

const char *labels_field(const char *field)
{
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (strcmp(fields[i].field, field) == 0)
            return fields[i].label;
    return field;
}
