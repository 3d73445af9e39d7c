/* warnings.h: what one case file contradicts or leaves vague, for the caseworker: the
 * consistency warnings (consistency.h) and the SMART findings of open goals (smart.h),
 * derived from the loaded records. Pure. */
#ifndef KV_CORE_WARNINGS_H
#define KV_CORE_WARNINGS_H

#include "core/casefile.h"

#define CASE_WARNING_SMART (-1)      /* kind of a SMART finding; others are consistency kinds */
#define CASE_WARNING_UNINFORMED (-2) /* a new klantmanager the client was not told of */

struct case_warning {
    long client_id;
    int kind;
    long ref;        /* the goal, for SMART findings */
    char text[1024]; /* Dutch */
};

struct case_warning_list {
    struct case_warning *v;
    size_t n, cap;
};

/* Append the warnings of cf as of today. Returns 0, or -1 when out of memory. */
int casefile_warnings(const struct case_file *cf, long today, struct case_warning_list *out);
void case_warnings_free(struct case_warning_list *l);

#endif
