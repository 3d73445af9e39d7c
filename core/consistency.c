#include "core/consistency.h"

#include <stdio.h>
#include <string.h>

/* Classifications that place a client far from paid work: participation, not applying. */
static const char *const far_from_work[] = {"meedoen", "trede1",     "trede2",
                                            "trede3",  "activering", "geen"};

static int is(const char *a, const char *b)
{
    return a != NULL && strcmp(a, b) == 0;
}

static int points_to_volunteer_work(const struct consistency_in *in)
{
    if (is(in->uitstroomdoel, "vrijwilligerswerk"))
        return 1;
    for (size_t i = 0; i < sizeof far_from_work / sizeof far_from_work[0]; i++)
        if (is(in->classification, far_from_work[i]) || is(in->trede, far_from_work[i]) ||
            is(in->werkfit, far_from_work[i]))
            return 1;
    return 0;
}

int consistency_check(const struct consistency_in *in, long today, struct consistency_warning *out)
{
    int n = 0;
    const char *duty = in->arbeidsverplichting ? in->arbeidsverplichting : "volledig";
    int exempt =
        is(duty, "vrijgesteld") && (in->vrijstelling_until < 0 || in->vrijstelling_until >= today);
    if (is(duty, "volledig") && points_to_volunteer_work(in) && n < CONSISTENCY_MAX) {
        out[n].kind = CONS_VOLUNTEER_VS_FULL_DUTY;
        out[n].ref = 0;
        snprintf(out[n].text, sizeof out[n].text,
                 "De diagnose wijst op %s, maar de klant heeft een volledige "
                 "arbeidsverplichting: past de plicht bij wat de klant kan?",
                 is(in->uitstroomdoel, "vrijwilligerswerk") ? "vrijwilligerswerk"
                                                            : "participatie, niet op werk");
        n++;
    }
    if (exempt && in->plan_demands_applications && n < CONSISTENCY_MAX) {
        out[n].kind = CONS_EXEMPTION_VS_APPLICATIONS;
        out[n].ref = 0;
        snprintf(out[n].text, sizeof out[n].text,
                 "De klant is vrijgesteld van de arbeidsverplichting, maar het plan eist "
                 "sollicitaties: brieven mogen geen plicht opleggen die de vrijstelling opheft.");
        n++;
    }
    /* Each outflow once: a second, different provider claiming it is a warning. */
    for (size_t i = 0; i < in->n_claims && n < CONSISTENCY_MAX; i++) {
        const struct outflow_claim *a = &in->claims[i];
        int first = 1;
        for (size_t k = 0; k < i; k++)
            if (in->claims[k].outflow == a->outflow)
                first = 0;
        if (!first)
            continue;
        for (size_t j = i + 1; j < in->n_claims; j++) {
            const struct outflow_claim *b = &in->claims[j];
            if (b->outflow == a->outflow && !is(a->provider, b->provider ? b->provider : "")) {
                out[n].kind = CONS_OUTFLOW_CLAIMED_TWICE;
                out[n].ref = a->outflow;
                snprintf(out[n].text, sizeof out[n].text,
                         "Eén uitstroom wordt door twee aanbieders als resultaat geclaimd (%s en "
                         "%s); tel hem één keer.",
                         a->provider ? a->provider : "?", b->provider ? b->provider : "?");
                n++;
                break;
            }
        }
    }
    return n;
}
