/* research.h: the anonymised export for research. The same walk over the dossiers as
 * `export`, through a visitor that lets only an allow-list of fields through: codes,
 * numbers and dates (dates to the month, the birth date to an age band). Names, BSN,
 * contact details, employers and every free text stay behind, and so does any field
 * added later until it is put on the list. Each client gets a random pseudonym, the same
 * within one export and never again. */
#ifndef KV_CLI_RESEARCH_H
#define KV_CLI_RESEARCH_H

#include "cli/json.h"
#include "storage/dossier.h"

struct research {
    struct json_writer w;
    long today;                     /* ages are counted on this day */
    char stack[JSON_MAX_DEPTH][24]; /* the arrays we are in */
    int depth;
    int skip; /* >0: inside an array left out */
    long clients;
};

extern const struct dossier_visitor research_visitor;

#endif
