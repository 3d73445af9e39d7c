/* status.h: where a client's case stands, derived from the records instead of kept by
 * hand (a client stayed "aanmelding" after intake, plan and instruments): aanmelding
 * until the intake, actief after it, uitgestroomd at outflow, nazorg while nazorg runs,
 * terug when a return to benefit is recorded (until a new intake), afgesloten at close.
 * A partial outflow (part-time work, still on a supplementary benefit) stays actief.
 * storage reads the facts (status_facts, one view) and every reader derives with this
 * one function. Pure. */
#ifndef KV_CORE_STATUS_H
#define KV_CORE_STATUS_H

#include "core/casefile.h"

/* Day numbers, NO_DATE for none. The outflow facts are those of the latest outflow. */
struct status_facts {
    long closed_on;
    int came_active; /* registered as active (the intake was done before klantvolg) */
    long last_intake;
    long last_outflow, returned_on;
    int partial; /* the outflow is partial (part-time work with aanvullende uitkering) */
    long nazorg_start, nazorg_end; /* nazorg_end NO_DATE: open-ended (when there is a start) */
};

enum client_status status_derive(const struct status_facts *f, long today);

/* The code (aanmelding, actief, ...), as in exports and filters. */
const char *status_code(enum client_status s);
/* The Dutch word a person reads ("Aanmelding", "Terug in de uitkering", ...). */
const char *status_label(enum client_status s);
/* The status of a code; 0 when known, -1 otherwise. */
int status_parse(const char *code, enum client_status *out);

#endif
