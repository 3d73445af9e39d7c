#include "core/smart.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Words and phrases the audits found in plans that never became action (DOMAIN.md:
 * "geen termijnen... 'voorlopig' of 'eerst'"), each with the question it leaves open. */
static const struct {
    const char *phrase;
    const char *reason;
} vague[] = {
    {"voorlopig", "'voorlopig' zegt niet tot wanneer: noem een datum of een moment van evaluatie"},
    {"eerst", "'eerst' stelt uit zonder termijn: wat gebeurt er daarna, en wanneer?"},
    {"proberen", "een poging is geen resultaat: wat moet er bereikt zijn?"},
    {"probeert", "een poging is geen resultaat: wat moet er bereikt zijn?"},
    {"probeer", "een poging is geen resultaat: wat moet er bereikt zijn?"},
    {"zo snel mogelijk", "'zo snel mogelijk' is geen termijn: noem een datum"},
    {"zsm", "'zsm' is geen termijn: noem een datum"},
    {"zo veel mogelijk", "'zo veel mogelijk' is niet meetbaar: noem een aantal"},
    {"zoveel mogelijk", "'zoveel mogelijk' is niet meetbaar: noem een aantal"},
    {"zo mogelijk", "'zo mogelijk' maakt het doel vrijblijvend"},
    {"indien mogelijk", "'indien mogelijk' maakt het doel vrijblijvend"},
    {"waar mogelijk", "'waar mogelijk' maakt het doel vrijblijvend"},
    {"misschien", "'misschien' maakt het doel vrijblijvend"},
    {"eventueel", "'eventueel' maakt het doel vrijblijvend"},
    {"wellicht", "'wellicht' maakt het doel vrijblijvend"},
    {"in principe", "'in principe' laat open of het doorgaat"},
    {"op termijn", "'op termijn' is geen termijn: noem een datum"},
    {"binnenkort", "'binnenkort' is geen termijn: noem een datum"},
    {"later", "'later' is geen termijn: noem een datum"},
    {"nader te bepalen", "'nader te bepalen': bepaal het nu, of plan wanneer"},
    {"n.t.b.", "'n.t.b.': bepaal het nu, of plan wanneer"},
    {"regelmatig", "'regelmatig' is geen frequentie: hoe vaak?"},
    {"af en toe", "'af en toe' is geen frequentie: hoe vaak?"},
    {"een aantal", "'een aantal' is geen aantal: hoeveel?"},
    {"enkele", "'enkele' is geen aantal: hoeveel?"},
    {"verbeteren", "'verbeteren' zonder maat: van wat naar wat?"},
    {"kijken of", "'kijken of' is een verkenning, geen doel: wat is het resultaat?"},
};

/* A count written as a word also makes Meetbaar measurable. */
static const char *const number_words[] = {
    "twee",        "drie",      "vier",    "vijf",    "zes",      "zeven",    "acht",
    "negen",       "tien",      "elf",     "twaalf",  "vijftien", "twintig",  "dertig",
    "veertig",     "vijftig",   "honderd", "alle",    "elke",     "iedere",   "wekelijks",
    "maandelijks", "dagelijks", "één",     "eenmaal", "tweemaal", "driemaal",
};

static const char *const labels[SMART_PART_COUNT] = {
    "Specifiek", "Meetbaar", "Acceptabel", "Realistisch", "Tijdgebonden", "Deadline",
};

const char *smart_part_label(enum smart_part p)
{
    return p >= 0 && p < SMART_PART_COUNT ? labels[p] : "";
}

/* Letters of any script count as word characters: bytes >= 0x80 are part of UTF-8
 * letters in Dutch text (é, ë, ï). */
static bool word_char(unsigned char c)
{
    return isalnum(c) || c >= 0x80;
}

static bool blank(const char *s)
{
    for (; s && *s; s++)
        if (!isspace((unsigned char)*s))
            return false;
    return true;
}

/* Case-insensitive (ASCII) search for phrase as whole words; returns its start. */
static const char *find_phrase(const char *text, const char *phrase)
{
    size_t n = strlen(phrase);
    for (const char *p = text; *p; p++) {
        if (p != text && word_char((unsigned char)p[-1]))
            continue;
        if (strncasecmp(p, phrase, n) == 0 && !word_char((unsigned char)p[n]))
            return p;
    }
    return NULL;
}

static void add(struct smart_report *r, enum smart_part part, enum smart_kind kind,
                const char *word, size_t wlen, const char *reason)
{
    if (r->n >= SMART_MAX_FINDINGS)
        return;
    struct smart_finding *f = &r->f[r->n++];
    f->part = part;
    f->kind = kind;
    f->word[0] = '\0';
    if (word != NULL)
        snprintf(f->word, sizeof f->word, "%.*s", (int)wlen, word);
    f->reason = reason;
}

static bool measurable(const char *text)
{
    for (const char *p = text; *p; p++)
        if (isdigit((unsigned char)*p) || *p == '%')
            return true;
    for (size_t i = 0; i < sizeof number_words / sizeof number_words[0]; i++)
        if (find_phrase(text, number_words[i]))
            return true;
    return false;
}

int smart_lint(const struct smart_goal *g, long today, struct smart_report *r)
{
    r->n = 0;
    for (int p = SMART_S; p <= SMART_T; p++) {
        const char *text = g->part[p];
        if (blank(text)) {
            add(r, (enum smart_part)p, SMART_MISSING, NULL, 0, "dit onderdeel is verplicht");
            continue;
        }
        if (p == SMART_M && !measurable(text))
            add(r, SMART_M, SMART_NOT_MEASURABLE, NULL, 0,
                "noem een aantal, bedrag, percentage of frequentie waaraan te zien is of het "
                "doel bereikt is");
        for (size_t i = 0; i < sizeof vague / sizeof vague[0]; i++) {
            const char *hit = find_phrase(text, vague[i].phrase);
            if (hit)
                add(r, (enum smart_part)p, SMART_VAGUE_WORD, hit, strlen(vague[i].phrase),
                    vague[i].reason);
        }
    }
    if (g->deadline < 0)
        add(r, SMART_DEADLINE, SMART_NO_DEADLINE, NULL, 0, "een doel heeft een deadline nodig");
    else if (g->deadline_changed && g->deadline < today)
        add(r, SMART_DEADLINE, SMART_DEADLINE_PAST, NULL, 0,
            "een nieuwe deadline kan niet in het verleden liggen");
    return r->n;
}

bool smart_blocks_save(const struct smart_report *r)
{
    for (int i = 0; i < r->n; i++)
        if (r->f[i].kind == SMART_MISSING || r->f[i].kind == SMART_NO_DEADLINE ||
            r->f[i].kind == SMART_DEADLINE_PAST)
            return true;
    return false;
}
