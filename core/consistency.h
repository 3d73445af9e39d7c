/* consistency.h: contradictions within one case file that the audits found letters and
 * plans built on: a diagnosis that points to volunteer work next to a full duty to seek
 * work; an exemption while the plan demands applications; one outflow claimed by two
 * providers. Warnings, never blocks. Pure. */
#ifndef KV_CORE_CONSISTENCY_H
#define KV_CORE_CONSISTENCY_H

#include <stddef.h>

enum consistency_kind {
    CONS_VOLUNTEER_VS_FULL_DUTY,
    CONS_EXEMPTION_VS_APPLICATIONS,
    CONS_OUTFLOW_CLAIMED_TWICE,
    CONS_COUNT
};

/* Who claims an outflow as their result (an instrument's provider, a route). */
struct outflow_claim {
    long outflow;
    const char *provider;
};

struct consistency_in {
    const char *arbeidsverplichting; /* volledig, gedeeltelijk, vrijgesteld */
    long vrijstelling_until;         /* day number, or -1: open-ended */
    const char *uitstroomdoel;       /* of the latest intake, or NULL */
    const char *classification;      /* latest indeling, or NULL */
    int plan_demands_applications;   /* the latest plan */
    const struct outflow_claim *claims;
    size_t n_claims;
    const char *trede, *werkfit; /* the latest on those axes, or NULL */
};

struct consistency_warning {
    enum consistency_kind kind;
    long ref;       /* the outflow for CONS_OUTFLOW_CLAIMED_TWICE */
    char text[240]; /* Dutch */
};

#define CONSISTENCY_MAX 16

/* Fill out (up to CONSISTENCY_MAX) as of today; returns the number of warnings. */
int consistency_check(const struct consistency_in *in, long today, struct consistency_warning *out);

#endif
