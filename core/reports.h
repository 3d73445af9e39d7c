/* reports.h: management information from the case records, reproducible: every figure
 * is computed from the facts below for a period [from, to] as they stood on an as-of
 * date (nothing dated after it is seen). Clients are counted, never activities: three
 * instruments of one client are one client, and an outflow is attributed once. Pure. */
#ifndef KV_CORE_REPORTS_H
#define KV_CORE_REPORTS_H

#include <limits.h>
#include <stddef.h>

/* A date that is not there. Not -1: that is 31 December 1969, and birth dates go back
 * further than day numbers do. */
#define REPORT_NO_DATE LONG_MIN

struct rf_instrument {
    const char *code, *provider;
    const char *status;     /* lopend, afgerond, voortijdig_gestopt */
    const char *end_reason; /* eindreden code, "" while running */
    long start, actual_end; /* day numbers; actual_end REPORT_NO_DATE while running */
    long cost_cents;
    long id; /* the record's id, which an outflow may name; 0 unknown */
};

struct rf_outflow {
    long date;
    const char *reason; /* uitstroomreden code */
    long returned_on;   /* back on benefit, or REPORT_NO_DATE */
    int nazorg;         /* nazorg was arranged for it */
    const char *route;  /* route code, "" when none */
    long instrument;    /* the instrument (rf_instrument.id) the outflow is
                         * attributed to, 0 when none */
};

struct rf_class {
    long date;
    const char *group; /* participatieladder, indeling, werkfit */
    const char *code;
};

struct rf_client {
    long applied_on, first_intake, first_plan; /* REPORT_NO_DATE when none */
    const char *doelgroepen;                   /* comma list of codes */
    const struct rf_instrument *instruments;
    size_t n_instruments;
    const struct rf_outflow *outflows;
    size_t n_outflows;
    long benefit_start, birth_date; /* REPORT_NO_DATE when unknown */
    const char *household, *municipality, *instroomreden;
    const struct rf_class *classes; /* by date */
    size_t n_classes;
};

/* A count in one dimension of a report: "instroom" / "detentie" / 4 clients. */
struct dim_row {
    const char *dim, *key;
    int clients;
    long cost_cents; /* the kosten report only */
};

struct dim_rows {
    struct dim_row *v;
    size_t n, cap;
    char **owned; /* keys made for the report */
    size_t nowned;
};
void dim_rows_free(struct dim_rows *r);

/* Age in whole years on day: bands 18-26, 27-34, 35-44, 45-54, 55-64, 65+. */
const char *report_age_band(long birth, long day);

/* Is the client on benefit on day: benefit started, and no outflow since, or back since. */
int report_on_benefit(const struct rf_client *c, long day);

/* ---- caseload development ------------------------------------------------------------- */

/* Dimensions: omvang (begin: on benefit the day before from; eind: on to), instroom (by
 * instroomreden, benefit started in the period), uitstroom and route (first outflow in the
 * period), and of the clients on benefit on to: duur (years on benefit: <0,5 0,5-1 1-2 2-3
 * 3-4 4-5 >5), leeftijd, huishouden, doelgroep, indeling, gemeente. Returns 0, or -1 when
 * out of memory. */
int report_development(const struct rf_client *c, size_t n, long from, long to,
                       struct dim_rows *out);

/* ---- movement ------------------------------------------------------------------------- */

/* Clients classified both on from and on to (the latest classification of a group on or
 * before each day): omhoog (a step towards work), omlaag, gelijk; for the participatieladder
 * and the indeling Werk/Perspectief/Meedoen. */
int report_movement(const struct rf_client *c, size_t n, long from, long to, struct dim_rows *out);

/* ---- cost ----------------------------------------------------------------------------- */

/* Dimensions instrument and doelgroep: clients with an instrument started in the period and
 * what those instruments cost; werk: the clients whose first outflow for work lies in the
 * period and what all their instruments cost until then (per client: cost / clients). */
int report_cost(const struct rf_client *c, size_t n, long from, long to, struct dim_rows *out);

/* Outflow for work (reasons werk and zelfstandige). */
int report_is_work(const char *reason);

/* ---- effectiveness --------------------------------------------------------------------- */

enum effect_by { EFFECT_INSTRUMENT, EFFECT_PROVIDER, EFFECT_DOELGROEP };

#define REPORT_MAX_REASONS 8

/* Keys of rows that are not an instrument or provider. */
#define REPORT_UNATTRIBUTED "niet_toegeschreven" /* the outflow names no instrument */
#define REPORT_NO_PROVIDER "geen_aanbieder"      /* its instrument names no provider */
#define REPORT_OTHER "overig"                    /* small rows folded together (council) */

/* Attributed outflow: each client who left for work in the period (the first such outflow
 * in [from, to], seen as of as_of) is credited once, to the instrument or the provider of
 * the instrument the outflow record names, or to REPORT_UNATTRIBUTED. The rows sum to the
 * total: two providers cannot both claim one job. */
struct attrib_row {
    const char *key; /* see above; NULL: the total, last */
    int clients;
    int measurable_6; /* of them, whose outflow is 6 months before as-of */
    int still_off_6;  /* of those, not back on benefit 6 months after it */
};

/* by: EFFECT_INSTRUMENT or EFFECT_PROVIDER. Rows by key, then the total. *rows malloc'ed
 * (free()); keys point into c or are the constants above. Returns 0, or -1 when out of
 * memory. */
int report_attributed(const struct rf_client *c, size_t n, enum effect_by by, long from, long to,
                      long as_of, struct attrib_row **rows, size_t *nrows);

/* For the council: rows of 1 to 4 clients fold into one REPORT_OTHER row, and while that
 * row itself holds 1 to 4 clients the smallest other row joins it, so that no figure of
 * fewer than 5 clients follows from the total minus the rows shown. The total stays last. */
void report_attributed_fold(struct attrib_row *rows, size_t *nrows);

/* Cohort figures: of the clients who started an instrument of a key in the period, how
 * many completed or stopped, and how many worked within 3, 6 and 12 months of the end of
 * that very instrument. A client who followed two instruments is in both cohorts, so
 * cohort rows do not add up and have no total. */
struct effect_row {
    const char *key; /* instrument code, provider, or doelgroep ("" none) */
    int started;     /* clients who started one in the period */
    int completed;   /* of them, clients who completed one (afgerond) */
    int stopped;     /* of them, clients who stopped early (and completed none) */
    struct {
        const char *reason;
        int clients;
    } stopped_by[REPORT_MAX_REASONS];
    size_t n_stopped_by;
    int work_3, work_6, work_12; /* completers with an outflow for work from the start of a
                                  * completed instrument of the key until 3/6/12 months
                                  * after its end (cumulative; the window of each instrument
                                  * from its own end) */
    int measurable_6;            /* completers who left for work and whose outflow is 6
                                  * months before as-of: the base of still_off_6 */
    int still_off_6;             /* of those, not back on benefit 6 months after it */
    long cost_cents;             /* of the instruments started in the period */
};

/* One row per key started in the period, by key; no total. *rows malloc'ed (free()).
 * Returns 0, or -1 when out of memory. */
int report_effect(const struct rf_client *c, size_t n, enum effect_by by, long from, long to,
                  long as_of, struct effect_row **rows, size_t *nrows);
/* Free what report_effect made (by doelgroep the keys are copies). */
void report_effect_free(struct effect_row *rows, size_t n, enum effect_by by);

/* For the council: is a figure derived from this count of clients (a cost, a share, a
 * cost per client) to be withheld? When the count is 1 to 4. */
int report_withheld(int clients, int council);

/* The cost per client of a row (cost / clients, 0 without clients): what "per klant naar
 * werk" means wherever it is shown. */
long report_per_client(const struct dim_row *r);

/* ---- waiting times --------------------------------------------------------------------- */

struct wait_stat {
    int clients;     /* clients with both dates */
    int median, p90; /* days; -1 when no clients */
};

struct waiting {
    struct wait_stat to_intake, to_plan, to_instrument, total;
};

/* For clients who applied in the period: application to first intake, intake to first
 * plan, plan to first instrument, application to first instrument (as far as they got by
 * as-of). */
void report_waiting(const struct rf_client *c, size_t n, long from, long to, long as_of,
                    struct waiting *out);

/* ---- nazorg ------------------------------------------------------------------------------ */

struct nazorg_row {
    int outflows;             /* clients who left for work in the period */
    int measurable_6, back_6; /* of those at least 6 months before as-of: came back within */
    int measurable_12, back_12;
};

/* with[0]: without nazorg, with[1]: with; each client once, by the first outflow for work
 * in the period. */
void report_nazorg(const struct rf_client *c, size_t n, long from, long to, long as_of,
                   struct nazorg_row with[2]);

/* A count for the council: counts of 1 to 4 clients are written "<5". */
void report_cell(int clients, int council, char *out, size_t n);

#endif
