#include "tui/actions.h"

#include <curses.h>

static const struct action_def table[] = {
    {ACT_QUIT, {'q', 27, 0}, "q", "Terug/stop", "Terug naar het vorige scherm; op het hoofdscherm: afsluiten"},
    {ACT_HELP, {'?', KEY_F(1), 0}, "?", "Help", "Deze hulp, gemaakt uit de toetsentabel"},
    {ACT_OPEN, {'\n', KEY_ENTER, '\r'}, "Enter", "Open", "Het dossier van de gekozen klant openen"},
    {ACT_UP, {KEY_UP, 'k', 0}, "↑/k", NULL, "Eén regel omhoog"},
    {ACT_DOWN, {KEY_DOWN, 'j', 0}, "↓/j", NULL, "Eén regel omlaag"},
    {ACT_PAGE_UP, {KEY_PPAGE, 0}, "PgUp", NULL, "Eén scherm omhoog"},
    {ACT_PAGE_DOWN, {KEY_NPAGE, ' ', 0}, "PgDn", NULL, "Eén scherm omlaag"},
    {ACT_HOME, {KEY_HOME, 'g', 0}, "Home/g", NULL, "Naar het begin"},
    {ACT_END, {KEY_END, 'G', 0}, "End/G", NULL, "Naar het eind"},
    {ACT_REDRAW, {12 /* Ctrl-L */, 0}, "Ctrl-L", NULL, "Scherm opnieuw tekenen"},
    {ACT_SORT, {'s', 0}, "s", "Sorteer", "Sorteren op naam, volgend signaal of laatste contact"},
    {ACT_AGENDA, {'a', 0}, "a", "Agenda", "De agenda: alle signalen, te laat, vandaag, deze week, later"},
    {ACT_DONE, {'d', 0}, "d", NULL, "In de agenda: signaal afgehandeld, met een notitie"},
    {ACT_SNOOZE, {'z', 0}, "z", NULL, "In de agenda: signaal uitstellen tot een datum, met een reden"},
    {ACT_SEARCH, {'/', 0}, "/", "Zoek", "Zoeken op naam, BSN of notities; Enter houdt het filter, Esc wist het"},
};

const struct action_def *actions_table(int *n)
{
    *n = (int)(sizeof table / sizeof table[0]);
    return table;
}

enum action actions_for_key(int key)
{
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        for (int k = 0; k < 3 && table[i].keys[k] != 0; k++)
            if (table[i].keys[k] == key)
                return table[i].act;
    return ACT_NONE;
}
