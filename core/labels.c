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
    static const struct { const char *dim, *kind; } kinds[] = {
        {"instroom", "instroomreden"}, {"uitstroom", "uitstroomreden"}, {"route", "route"},
        {"doelgroep", "doelgroep"},    {"indeling", "classificatie"},  {"instrument", "instrument"},
        {"reden", "uitstroomreden"},   {"reason", "uitstroomreden"},   {"aanbieder", "aanbieder"},     {"eindreden", "eindreden"}};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(kinds[i].dim, dim) == 0)
            return kinds[i].kind;
    return dim;
}
