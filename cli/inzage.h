/* inzage.h: a dossier written as a readable document (export --format text), for a
 * request under the AVG: every stored value under a Dutch label. */
#ifndef KV_CLI_INZAGE_H
#define KV_CLI_INZAGE_H

#include "storage/dossier.h"

#include <stdio.h>

#define INZAGE_DEPTH 16

struct inzage {
    FILE *f;
    const char *by, *on; /* who draws it up, and the date, for the heading */
    int one;             /* one client asked for */
    int depth;
    int item[INZAGE_DEPTH]; /* number of the current object in each open list */
    long clients;
};

extern const struct dossier_visitor inzage_visitor;

#endif
