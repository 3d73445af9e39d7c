#include "core/clientfields.h"

#include <ctype.h>
#include <string.h>

const struct client_field client_fields[] = {
    {"bsn", "BSN", "bsn", CFT_BSN, NULL},
    {"voornaam", "Voornaam", "first_name", CFT_NAME, NULL},
    {"achternaam", "Achternaam", "last_name", CFT_NAME, NULL},
    {"geboortedatum", "Geboortedatum", "birth_date", CFT_DATE, NULL},
    {"geslacht", "Geslacht", "gender", CFT_TEXT, NULL},
    {"huishouden", "Huishouden", "household", CFT_TEXT, NULL},
    {"straat", "Straat", "street", CFT_TEXT, NULL},
    {"huisnummer", "Huisnummer", "house_number", CFT_TEXT, NULL},
    {"postcode", "Postcode", "postcode", CFT_POSTCODE, NULL},
    {"woonplaats", "Woonplaats", "city", CFT_TEXT, NULL},
    {"gemeente", "Gemeente", "municipality", CFT_MUNICIPALITY, NULL},
    {"telefoon", "Telefoon", "phone", CFT_TEXT, NULL},
    {"email", "E-mail", "email", CFT_TEXT, NULL},
    {"contact-gecontroleerd", "Contactgegevens gecontroleerd op", "contact_verified_on", CFT_DATE,
     NULL},
    {"taalniveau", "Taalniveau", "language_level", CFT_TEXT, NULL},
    {"communicatie", "Communicatiebehoeften", "communication_needs", CFT_TEXT, NULL},
    {"aangemeld", "Aangemeld op", "applied_on", CFT_DATE, NULL},
    {"uitkering-vanaf", "Uitkering vanaf", "benefit_start", CFT_DATE, NULL},
    {"instroomreden", "Instroomreden", "instroomreden", CFT_CATALOGUE, "instroomreden"},
    {"arbeidsverplichting", "Arbeidsverplichting", "arbeidsverplichting", CFT_FIXED,
     "volledig,gedeeltelijk,vrijgesteld"},
    {"vrijstelling-reden", "Reden vrijstelling", "vrijstelling_reason", CFT_TEXT, NULL},
    {"vrijstelling-tot", "Vrijstelling tot", "vrijstelling_until", CFT_DATE, NULL},
    {"notities", "Notities", "notes", CFT_TEXT, NULL},
    /* A client becomes a jongere, a statushouder, 55-plus after registration too; the
     * doelgroep reports and filter read this. */
    {"doelgroepen", "Doelgroepen", "doelgroepen", CFT_CODE_SET, "doelgroep"},
};

const size_t client_fields_n = sizeof client_fields / sizeof client_fields[0];

const struct client_field *client_field_find(const char *name)
{
    for (size_t i = 0; name && i < client_fields_n; i++)
        if (strcmp(client_fields[i].name, name) == 0)
            return &client_fields[i];
    return NULL;
}

const struct client_field *client_field_by_column(const char *column)
{
    for (size_t i = 0; column && i < client_fields_n; i++)
        if (strcmp(client_fields[i].column, column) == 0)
            return &client_fields[i];
    return NULL;
}

int client_postcode(const char *in, char out[8])
{
    char d[4], l[2];
    size_t nd = 0, nl = 0;
    out[0] = '\0';
    for (const char *p = in; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == ' ')
            continue;
        if (isdigit(c) && nl == 0 && nd < 4)
            d[nd++] = (char)c;
        else if (isalpha(c) && c < 128 && nd == 4 && nl < 2)
            l[nl++] = (char)toupper(c);
        else
            return -1;
    }
    if (nd == 0 && nl == 0)
        return 0;
    if (nd != 4 || nl != 2 || d[0] == '0')
        return -1;
    memcpy(out, d, 4);
    out[4] = ' ';
    out[5] = l[0];
    out[6] = l[1];
    out[7] = '\0';
    return 0;
}
