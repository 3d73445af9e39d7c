#include "tui/actions.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define AC_VIEWS (AC_LIST | AC_DOSSIER)
#define AC_ALL (AC_LIST | AC_DOSSIER | AC_FORM)

/* Views where a kind of action works. */
#define AV_LISTS (AV_CASELOAD | AV_TEAM)               /* the werkvoorraad, own or team's */
#define AV_CLIENTS (AV_LISTS | AV_AGENDA | AV_DOSSIER) /* a row or screen about one client */
#define AV_OPENS (AV_LISTS | AV_AGENDA | AV_PRESSURE)  /* Enter opens something */
#define AV_OVERVIEWS (AV_LISTS | AV_AGENDA)            /* where a teamleider starts from */

/* One letter, one meaning: d is a goal (dossier), x ticks a signal off (agenda); i an
 * instrument (dossier), M the management information; v extends an instrument, t shows the
 * team's verdeling; w changes a goal, + asks "what if more clients come". */
static const struct action_def defaults[] = {
    {ACT_QUIT,
     "terug",
     AC_VIEWS,
     {'q', 27},
     "Terug",
     "Terug naar het vorige scherm; op het hoofdscherm sluit q af. Esc wist eerst een zoekfilter "
     "en het filter (f), en sluit nooit af",
     AW_ALL,
     AV_ANY,
     3},
    {ACT_HELP,
     "help",
     AC_ALL,
     {KEY_F(1), '?'},
     "Help",
     "Deze hulp, gemaakt uit de toetsentabel",
     AW_ALL,
     AV_ANY,
     3},
    {ACT_REPORT_DOCUMENT,
     "rapport-afdrukken",
     AC_LIST,
     {'e'},
     "Afdruk",
     "Managementinformatie: deze cijfers als document (HTML, met grafieken, om af te drukken) in "
     "uw eigen map",
     AW_TEAM,
     AV_REPORTS,
     2},
    {ACT_OPEN,
     "openen",
     AC_LIST,
     {'\n', KEY_ENTER, '\r'},
     "Open",
     "Het dossier van de gekozen klant openen (in de belasting: de werkvoorraad van de "
     "klantmanager)",
     AW_ALL,
     AV_OPENS,
     2},
    {ACT_SAVE,
     "opslaan",
     AC_FORM,
     {KEY_F(2), 19 /* Ctrl-S */},
     "Opslaan",
     "Formulier: controleren en opslaan",
     AW_ALL,
     AV_ANY,
     3},
    {ACT_CANCEL,
     "annuleren",
     AC_FORM,
     {27},
     "Annuleren",
     "Formulier: sluiten; vraagt eerst als er iets veranderd is",
     AW_ALL,
     AV_ANY,
     2},
    {ACT_NEXT_FIELD,
     "volgend-veld",
     AC_FORM,
     {'\t', KEY_DOWN, '\n', '\r'},
     "Volgend",
     "Formulier: naar het volgende veld (in een tekstveld van meer regels is Enter een nieuwe "
     "regel; Tab gaat verder)",
     AW_ALL,
     AV_ANY,
     1},
    {ACT_PREV_FIELD,
     "vorig-veld",
     AC_FORM,
     {KEY_BTAB, KEY_UP},
     NULL,
     "Formulier: naar het vorige veld (Up en Down gaan eerst langs de regels van een tekstveld)",
     AW_ALL,
     AV_ANY,
     0},
    {ACT_PICK,
     "kiezen",
     AC_FORM,
     {KEY_F(4)},
     "Kies",
     "Formulier: keuzelijst openen (ook met de spatiebalk op een keuzeveld)",
     AW_ALL,
     AV_ANY,
     1},
    {ACT_NEXT_TAB,
     "tabblad-volgend",
     AC_DOSSIER,
     {'\t', KEY_RIGHT},
     "Tabblad",
     "Dossier: het volgende tabblad",
     AW_ALL,
     AV_DOSSIER,
     2},
    {ACT_PREV_TAB,
     "tabblad-vorig",
     AC_DOSSIER,
     {KEY_BTAB, KEY_LEFT},
     NULL,
     "Dossier: het vorige tabblad",
     AW_ALL,
     AV_DOSSIER,
     0},
    {ACT_NEW_CLIENT,
     "nieuwe-klant",
     AC_LIST,
     {'n'},
     "Nieuw",
     "Een nieuwe klant aanmelden (komt in uw werkvoorraad)",
     AW_CASEWORK,
     AV_LISTS,
     1},
    {ACT_INTAKE,
     "intake",
     AC_DOSSIER,
     {'n'},
     "Intake",
     "Dossier: nieuwe intake of herdiagnose (de vorige blijft bewaard)",
     AW_CASEWORK,
     AV_DOSSIER,
     1},
    {ACT_CONTACT,
     "contact",
     AC_VIEWS,
     {'c'},
     "Contact",
     "Een contact vastleggen met de gekozen klant",
     AW_CASEWORK,
     AV_CLIENTS,
     2},
    {ACT_PLAN,
     "plan",
     AC_DOSSIER,
     {'p'},
     "Plan",
     "Dossier: nieuwe versie van het plan van aanpak",
     AW_CASEWORK,
     AV_DOSSIER,
     1},
    {ACT_PLAN_DOCUMENT,
     "plan-afdrukken",
     AC_DOSSIER,
     {'P'},
     "Afdruk",
     "Dossier: het plan van aanpak als document (HTML, om af te drukken en te tekenen) in uw eigen "
     "map",
     AW_ALL,
     AV_DOSSIER,
     1},
    {ACT_GOAL,
     "doel",
     AC_DOSSIER,
     {'d'},
     "Doel",
     "Dossier: een SMART-doel toevoegen",
     AW_CASEWORK,
     AV_DOSSIER,
     1},
    {ACT_EDIT_GOAL,
     "doel-wijzigen",
     AC_DOSSIER,
     {'w'},
     "Doel wijzigen",
     "Tabblad plan: het gekozen doel wijzigen (status, evaluatie, onderdelen)",
     AW_CASEWORK,
     AV_DOSSIER,
     0},
    {ACT_INSTRUMENT,
     "instrument",
     AC_DOSSIER,
     {'i'},
     "Instrument",
     "Dossier: een instrument uit de catalogus toevoegen",
     AW_CASEWORK,
     AV_DOSSIER,
     1},
    {ACT_END_INSTRUMENT,
     "beeindigen",
     AC_DOSSIER,
     {'e'},
     "Einde",
     "Tabblad instrumenten: het gekozen instrument beëindigen",
     AW_CASEWORK,
     AV_DOSSIER,
     0},
    {ACT_EXTEND,
     "verlengen",
     AC_DOSSIER,
     {'v'},
     "Verlengen",
     "Tabblad instrumenten: het gekozen instrument verlengen",
     AW_CASEWORK,
     AV_DOSSIER,
     0},
    {ACT_OUTFLOW,
     "uitstroom",
     AC_DOSSIER,
     {'u'},
     "Uitstroom",
     "Dossier: uitstroom en nazorg vastleggen",
     AW_CASEWORK,
     AV_DOSSIER,
     0},
    {ACT_RETURN,
     "terugkeer",
     AC_DOSSIER,
     {'T'},
     NULL,
     "Tabblad uitstroom: vastleggen dat de klant na de laatste uitstroom terug is in de uitkering "
     "(status terug)",
     AW_CASEWORK,
     AV_DOSSIER,
     0},
    {ACT_EDIT_CLIENT,
     "klantgegevens",
     AC_DOSSIER,
     {'K'},
     "Gegevens",
     "Dossier: klantgegevens wijzigen (adres, contact, arbeidsverplichting, vrijstelling ...); "
     "elke wijziging komt in het auditlog",
     AW_CASEWORK,
     AV_DOSSIER,
     1},
    {ACT_SHOW_BSN,
     "bsn-tonen",
     AC_DOSSIER,
     {'B'},
     "BSN",
     "Dossier: het volledige BSN tonen (komt in het auditlog)",
     AW_ALL,
     AV_DOSSIER,
     0},
    {ACT_UP, "omhoog", AC_VIEWS, {KEY_UP, 'k'}, NULL, "Eén regel omhoog", AW_ALL, AV_ANY, 0},
    {ACT_DOWN, "omlaag", AC_VIEWS, {KEY_DOWN, 'j'}, NULL, "Eén regel omlaag", AW_ALL, AV_ANY, 0},
    {ACT_PAGE_UP,
     "pagina-omhoog",
     AC_VIEWS,
     {KEY_PPAGE},
     NULL,
     "Eén scherm omhoog",
     AW_ALL,
     AV_ANY,
     0},
    {ACT_PAGE_DOWN,
     "pagina-omlaag",
     AC_VIEWS,
     {KEY_NPAGE, ' '},
     NULL,
     "Eén scherm omlaag",
     AW_ALL,
     AV_ANY,
     0},
    {ACT_HOME, "begin", AC_VIEWS, {KEY_HOME, 'g'}, NULL, "Naar het begin", AW_ALL, AV_ANY, 0},
    {ACT_END, "eind", AC_VIEWS, {KEY_END, 'G'}, NULL, "Naar het eind", AW_ALL, AV_ANY, 0},
    {ACT_LOCK,
     "vergrendelen",
     AC_ALL,
     {24 /* Ctrl-X */, KEY_F(12)},
     NULL,
     "Scherm vergrendelen: leeg scherm, sleutel gewist, wachtwoord om verder te gaan",
     AW_ALL,
     AV_ANY,
     0},
    {ACT_REDRAW,
     "hertekenen",
     AC_ALL,
     {12 /* Ctrl-L */},
     NULL,
     "Scherm opnieuw tekenen",
     AW_ALL,
     AV_ANY,
     0},
    {ACT_RELOAD,
     "vernieuwen",
     AC_VIEWS,
     {18 /* Ctrl-R */, KEY_F(5)},
     NULL,
     "Alles opnieuw lezen, ook wat collega's intussen wijzigden",
     AW_ALL,
     AV_ANY,
     0},
    {ACT_SORT,
     "sorteren",
     AC_LIST,
     {'s'},
     "Sorteer",
     "Sorteren op urgentie (te laat, vandaag, binnenkort), naam, volgend signaal, laatste contact, "
     "indeling, klantmanager of instrument, BSN",
     AW_ALL,
     AV_LISTS,
     1},
    {ACT_AGENDA,
     "agenda",
     AC_LIST,
     {'a'},
     "Agenda",
     "De agenda: alle signalen, te laat, vandaag, deze week, later",
     AW_ALL,
     AV_LISTS,
     2},
    {ACT_DONE,
     "afgehandeld",
     AC_LIST,
     {'x'},
     "Afgehandeld",
     "Agenda: signaal afvinken als afgehandeld, met een notitie",
     AW_CASEWORK,
     AV_AGENDA,
     2},
    {ACT_SNOOZE,
     "uitstellen",
     AC_LIST,
     {'z'},
     "Uitstellen",
     "Agenda: signaal uitstellen tot een datum, met een reden",
     AW_CASEWORK,
     AV_AGENDA,
     2},
    {ACT_SHOW_ACKED,
     "afgehandeld-tonen",
     AC_LIST,
     {'h'},
     "Toon afgehandeld",
     "Agenda: afgehandelde en uitgestelde signalen tonen of verbergen",
     AW_ALL,
     AV_AGENDA,
     0},
    {ACT_UNDO,
     "ongedaan",
     AC_LIST,
     {'u'},
     "Weer open",
     "Agenda: een afgehandeld of uitgesteld signaal weer openzetten",
     AW_CASEWORK,
     AV_AGENDA,
     0},
    {ACT_INFORMED,
     "ingelicht",
     AC_VIEWS,
     {'l'},
     "Ingelicht",
     "Na een overdracht: vastleggen op welke datum de klant over de nieuwe klantmanager is "
     "ingelicht (beëindigt het signaal 'Klant inlichten')",
     AW_ALL,
     AV_CLIENTS,
     0},
    {ACT_FILTER,
     "filter",
     AC_LIST,
     {'f'},
     "Filter",
     "Werkvoorraad filteren: eigen klanten of als duo (in die van het team: een klantmanager), "
     "indeling, status, doelgroep, alleen te laat; managementinformatie: een andere periode",
     AW_ALL,
     AV_LISTS | AV_REPORTS,
     1},
    {ACT_WAARNEMING,
     "waarnemen",
     AC_LIST,
     {'o'},
     "Waarneming",
     "Een klant van een collega openen als waarneming (nummer, BSN of naam en een reden; komt in "
     "het auditlog)",
     AW_CASEWORK,
     AV_LISTS,
     0},
    {ACT_PRESSURE,
     "belasting",
     AC_LIST,
     {'b'},
     "Belasting",
     "Teamleider: de belasting per klantmanager tegen de norm, met totalen per team",
     AW_TEAM,
     AV_OVERVIEWS,
     2},
    {ACT_REPORTS,
     "managementinformatie",
     AC_LIST,
     {'M'},
     "Managementinfo",
     "Teamleider: managementinformatie (ontwikkeling, effectiviteit, wachttijden, nazorg, kosten, "
     "beweging) met balkjes; f: andere periode",
     AW_TEAM,
     AV_OVERVIEWS | AV_PRESSURE,
     1},
    {ACT_MIX,
     "verdeling",
     AC_LIST,
     {'t'},
     "Verdeling",
     "Belasting: per klantmanager de verdeling over indelingen en instrumenten, naast die van het "
     "team",
     AW_TEAM,
     AV_PRESSURE,
     1},
    {ACT_WHAT_IF,
     "wat-als",
     AC_LIST,
     {'+'},
     "Wat als",
     "Belasting: wat als er N nieuwe klanten bijkomen (verdeeld naar de huidige verhouding)",
     AW_TEAM,
     AV_PRESSURE,
     1},
    {ACT_MARK,
     "markeren",
     AC_LIST,
     {'m'},
     "Markeer",
     "Werkvoorraad van het team: de gekozen klant (de)markeren om over te dragen",
     AW_TEAM,
     AV_TEAM,
     0},
    {ACT_REASSIGN,
     "overdragen",
     AC_LIST,
     {'r'},
     "Overdragen",
     "Werkvoorraad van het team: de gemarkeerde (of gekozen) klanten overdragen aan een andere "
     "klantmanager, met een notitie",
     AW_TEAM,
     AV_TEAM,
     0},
    {ACT_SEARCH,
     "zoeken",
     AC_LIST,
     {'/'},
     "Zoek",
     "Zoeken op naam, BSN of notities; Enter houdt het filter, Esc wist het",
     AW_ALL,
     AV_LISTS,
     2},
};

#define N_ACTIONS (sizeof defaults / sizeof defaults[0])
static struct action_def table[N_ACTIONS];
static int loaded;

void actions_reset(void)
{
    memcpy(table, defaults, sizeof table);
    loaded = 1;
}

const struct action_def *actions_table(int *n)
{
    if (!loaded)
        actions_reset();
    *n = (int)N_ACTIONS;
    return table;
}

const struct action_def *actions_def(enum action a)
{
    int n;
    const struct action_def *t = actions_table(&n);
    for (int i = 0; i < n; i++)
        if (t[i].act == a)
            return &t[i];
    return NULL;
}

int actions_on_view(const struct action_def *d, int view)
{
    return d->views == AV_ANY || (d->views & view) != 0;
}

void actions_views_label(const struct action_def *d, char *out, size_t n)
{
    static const struct {
        int view;
        const char *name;
    } names[] = {
        {AV_CASELOAD, "werkvoorraad"}, {AV_TEAM, "team"},
        {AV_AGENDA, "agenda"},         {AV_DOSSIER, "dossier"},
        {AV_USERS, "gebruikers"},      {AV_PRESSURE, "belasting"},
        {AV_MIX, "verdeling"},         {AV_REPORTS, "managementinformatie"},
    };
    size_t k = 0;
    out[0] = '\0';
    if (d->views == AV_ANY) {
        snprintf(out, n, "%s",
                 d->contexts == AC_FORM  ? "formulier"
                 : d->contexts & AC_FORM ? "overal"
                                         : "elk scherm");
        return;
    }
    for (size_t i = 0; i < sizeof names / sizeof names[0] && k < n; i++)
        if (d->views & names[i].view) {
            int w = snprintf(out + k, n - k, "%s%s", k ? ", " : "", names[i].name);
            k += w > 0 ? (size_t)w : 0;
        }
}

enum action actions_for_key(int key, int context)
{
    int n;
    const struct action_def *t = actions_table(&n);
    for (int i = 0; i < n; i++)
        if (t[i].contexts & context)
            for (int k = 0; k < ACTION_KEYS && t[i].keys[k] != 0; k++)
                if (t[i].keys[k] == key)
                    return t[i].act;
    return ACT_NONE;
}

static const struct {
    const char *name;
    int key;
} named[] = {
    {"Enter", '\n'},      {"Esc", 27},
    {"Tab", '\t'},        {"S-Tab", KEY_BTAB},
    {"Space", ' '},       {"Up", KEY_UP},
    {"Down", KEY_DOWN},   {"Left", KEY_LEFT},
    {"Right", KEY_RIGHT}, {"PgUp", KEY_PPAGE},
    {"PgDn", KEY_NPAGE},  {"Home", KEY_HOME},
    {"End", KEY_END},     {"Backspace", KEY_BACKSPACE},
    {"Delete", KEY_DC},   {"Enter", KEY_ENTER},
    {"Enter", '\r'},
};

int actions_parse_key(const char *s)
{
    size_t len = strlen(s);
    if (len == 1 && s[0] > ' ' && s[0] < 127)
        return s[0];
    if (len == 2 && s[0] == '^' && ((s[1] >= 'A' && s[1] <= 'Z') || (s[1] >= 'a' && s[1] <= 'z')))
        return (s[1] & 0x1F);
    if ((s[0] == 'F' || s[0] == 'f') && len >= 2 && len <= 3 &&
        strspn(s + 1, "0123456789") == len - 1) {
        int f = atoi(s + 1);
        return f >= 1 && f <= 12 ? KEY_F(f) : 0;
    }
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (strcasecmp(named[i].name, s) == 0)
            return named[i].key;
    return 0;
}

/* A key as people read it (arrows drawn), or as a keys file writes it (plain). */
static void key_text_as(int key, int plain, char *out, size_t n)
{
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (named[i].key == key) {
            snprintf(out, n, "%s",
                     plain             ? named[i].name
                     : key == KEY_UP   ? "↑"
                     : key == KEY_DOWN ? "↓"
                                       : named[i].name);
            return;
        }
    if (key >= KEY_F(1) && key <= KEY_F(12))
        snprintf(out, n, "F%d", key - KEY_F(0));
    else if (key > 0 && key < 32)
        snprintf(out, n, plain ? "^%c" : "Ctrl-%c", key + '@');
    else
        snprintf(out, n, "%c", key);
}

static void key_text(int key, char *out, size_t n)
{
    key_text_as(key, 0, out, n);
}

void actions_key_names(const struct action_def *d, char *out, size_t n)
{
    size_t k = 0;
    char last[16] = "";
    out[0] = '\0';
    for (int i = 0; i < ACTION_KEYS && d->keys[i] && k < n; i++) {
        char name[16];
        key_text_as(d->keys[i], 1, name, sizeof name);
        if (strcmp(name, last) == 0) /* Enter, KEY_ENTER and CR are one key to people */
            continue;
        snprintf(last, sizeof last, "%s", name);
        int w = snprintf(out + k, n - k, "%s%s", k ? " " : "", name);
        k += w > 0 ? (size_t)w : 0;
    }
}

void actions_key_label(const struct action_def *d, int max, char *out, size_t n)
{
    size_t k = 0;
    char last[16] = "";
    out[0] = '\0';
    for (int i = 0, shown = 0; i < ACTION_KEYS && d->keys[i] && k < n && shown < max; i++) {
        char name[16];
        key_text(d->keys[i], name, sizeof name);
        if (strcmp(name, last) == 0) /* Enter, KEY_ENTER and CR read as one */
            continue;
        snprintf(last, sizeof last, "%s", name);
        shown++;
        int w = snprintf(out + k, n - k, "%s%s", k ? "/" : "", name);
        k += w > 0 ? (size_t)w : 0;
    }
}

/* A key the user gave to another action leaves this one (where their contexts meet). */
static void unbind(struct action_def *d, const int *keys, int n)
{
    int k = 0;
    for (int i = 0; i < ACTION_KEYS && d->keys[i]; i++) {
        int taken = 0;
        for (int j = 0; j < n; j++)
            taken |= d->keys[i] == keys[j];
        if (!taken)
            d->keys[k++] = d->keys[i];
    }
    while (k < ACTION_KEYS)
        d->keys[k++] = 0;
}

static int bind_line(char *line, char *msg, size_t n, int lineno)
{
    char *save = NULL;
    char *name = strtok_r(line, " \t", &save);
    if (name == NULL || name[0] == '#')
        return 0;
    struct action_def *d = NULL;
    for (size_t i = 0; i < N_ACTIONS; i++)
        if (strcmp(table[i].name, name) == 0)
            d = &table[i];
    if (d == NULL) {
        snprintf(msg, n, "toetsenbestand regel %d: onbekende actie '%s'.", lineno, name);
        return 1;
    }
    int keys[ACTION_KEYS] = {0}, k = 0;
    for (char *w = strtok_r(NULL, " \t", &save); w && w[0] != '#';
         w = strtok_r(NULL, " \t", &save)) {
        int key = actions_parse_key(w);
        if (key == 0) {
            snprintf(msg, n, "toetsenbestand regel %d: onbekende toets '%s'.", lineno, w);
            return 1;
        }
        if (k == ACTION_KEYS) {
            snprintf(msg, n, "toetsenbestand regel %d: hooguit %d toetsen per actie.", lineno,
                     ACTION_KEYS);
            return 1;
        }
        keys[k++] = key;
    }
    if (k == 0) {
        snprintf(msg, n, "toetsenbestand regel %d: '%s' zonder toets.", lineno, name);
        return 1;
    }
    memcpy(d->keys, keys, sizeof keys);
    for (size_t i = 0; i < N_ACTIONS; i++)
        if (&table[i] != d && (table[i].contexts & d->contexts))
            unbind(&table[i], keys, k);
    return 0;
}

int actions_load(const char *text, char *msg, size_t n)
{
    int bad = 0, lineno = 0;
    char line[256];
    if (!loaded)
        actions_reset();
    msg[0] = '\0';
    for (const char *p = text; p && *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        lineno++;
        snprintf(line, sizeof line, "%.*s", (int)(len < sizeof line ? len : sizeof line - 1), p);
        line[strcspn(line, "\r")] = '\0';
        char one[200];
        if (bind_line(line, one, sizeof one, lineno) && bad++ == 0)
            snprintf(msg, n, "%s", one);
        p = nl ? nl + 1 : p + len;
    }
    return bad;
}
