/* report_html.h: the management reports as documents for the council and the MT: one
 * self-contained, printable HTML page (doc/html.h) per report, headed with the
 * municipality, the period, the as-of date and who made it, with tables in Dutch and
 * inline SVG charts (bars per instrument, provider, doelgroep or dimension; a line over the
 * months where the report has one). The figures are those of the text and JSON of the same
 * report; every table cell carries data-cell="FIGUUR|KEY|COLUMN" with the JSON's codes, so
 * they can be compared. For a council (--council) a count of 1 to 4 clients is "<5" and
 * what is derived from it "x", and neither is drawn: no bar or point gives its size away.
 * Used by `klantvolg report NAME --format html` and the management-information screen. */
#ifndef KV_DOC_REPORT_HTML_H
#define KV_DOC_REPORT_HTML_H

#include "core/metrics.h"
#include "core/pressure.h"
#include "storage/db.h"
#include "storage/reportdata.h"

#include <stdio.h>

struct report_html_meta {
    char municipality[160]; /* "" unknown */
    char made_by[200];      /* display name (login name) */
    long from, to, as_of_day, made_on;
    int period; /* the report has a period (caseload has not) */
    int as_of;  /* it is computed as of a date (nothing later counts) */
    int council;
};

/* Fill municipality (the configuration's "gemeente", else the municipalities of the
 * clients, d may be NULL) and made_by (the user's display name and login). */
void report_html_meta_fill(struct db *db, const struct report_data *d, const char *user,
                           struct report_html_meta *m);

/* A management report from the report data: what is effectiviteit, wachttijden, nazorg,
 * ontwikkeling, beweging or kosten, or NULL for all of them on one page (as the screen
 * shows them); by is instrument, aanbieder or doelgroep (effectiviteit). 0, or -1 when out
 * of memory (part of a page may have been written). */
int report_html_mi(FILE *f, const struct report_data *d, const char *what, const char *by,
                   const struct report_html_meta *m);

/* `report uitstroom`: the outflow of the period, with clients per month (per_month[i] for
 * the i-th month from m->from; months of them). */
void report_html_outflow(FILE *f, const struct outflow_metrics *om, const struct labels *l,
                         const int *per_month, size_t months, const struct report_html_meta *m);

/* `report caseload`: the load per klantmanager against the norm, team subtotals. */
void report_html_caseload(FILE *f, const struct pressure_row *r, size_t n,
                          const struct report_html_meta *m);

/* Months from the month of from to the month of to, inclusive. */
size_t report_html_months(long from, long to);

/* The day number of the last day of the i-th month from the month of from. */
long report_html_month_end(long from, size_t i);

#endif
