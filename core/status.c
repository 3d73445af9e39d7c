#include "core/status.h"

#include <string.h>

static const char *const codes[CS_COUNT] = {"aanmelding", "actief",     "uitgestroomd",
                                            "nazorg",     "afgesloten", "terug"};
static const char *const labels[CS_COUNT] = {"Aanmelding", "Actief",     "Uitgestroomd",
                                             "Nazorg",     "Afgesloten", "Terug in de uitkering"};

static int on_or_before(long d, long today)
{
    return d != NO_DATE && d <= today;
}

enum client_status status_derive(const struct status_facts *f, long today)
{
    if (on_or_before(f->closed_on, today))
        return CS_AFGESLOTEN;
    if (on_or_before(f->last_outflow, today)) {
        /* Back on benefit: a new intake after the return makes the case active again. */
        if (on_or_before(f->returned_on, today))
            return f->last_intake != NO_DATE && f->last_intake >= f->returned_on &&
                           f->last_intake <= today
                       ? CS_ACTIEF
                       : CS_TERUG;
        if (f->partial)
            return CS_ACTIEF; /* still on a supplementary benefit: worked on as before */
        if (on_or_before(f->nazorg_start, today) &&
            (f->nazorg_end == NO_DATE || f->nazorg_end >= today))
            return CS_NAZORG;
        return CS_UITGESTROOMD;
    }
    return on_or_before(f->last_intake, today) || f->came_active ? CS_ACTIEF : CS_AANMELDING;
}

const char *status_code(enum client_status s)
{
    return s >= 0 && s < CS_COUNT ? codes[s] : "";
}

const char *status_label(enum client_status s)
{
    return s >= 0 && s < CS_COUNT ? labels[s] : "";
}

int status_parse(const char *code, enum client_status *out)
{
    for (int i = 0; code && i < CS_COUNT; i++)
        if (strcmp(code, codes[i]) == 0) {
            *out = (enum client_status)i;
            return 0;
        }
    return -1;
}
