/* pressure.h: caseload pressure, for a teamleider. One model of a norm: a norm counts
 * clients of one kind of caseload (Werk 85, Meedoen 200, ...) per full-time klantmanager;
 * a caseload's load is the sum over kinds of its clients of that kind divided by that
 * kind's norm (metrics.h: caseworker_metrics.load), and a klantmanager working fewer
 * hours carries a norm scaled by her hours (0.8 FTE: 68 Werk clients). Nothing is weighted
 * on top. Per klantmanager: the percentage of her capacity and the norm her mix of clients
 * comes to; a subtotal per team when there are several, and the total; and what-if: the
 * load when N new clients arrive, spread over the klantmanagers in proportion to their
 * clients and weighing what the current clients weigh on average. Pure. */
#ifndef KV_CORE_PRESSURE_H
#define KV_CORE_PRESSURE_H

#include "core/metrics.h"

#define PRESSURE_FULL_TIME_HOURS 36.0
#define PRESSURE_DEFAULT_NORM 85

/* A norm for a kind of caseload: a classification code (werk, meedoen) or a team or
 * cluster name (jongeren); compared without case. */
struct kind_norm {
    const char *kind;
    int norm;
};

struct pressure_norms {
    const struct kind_norm *v;
    size_t n;
    int default_norm; /* for any other kind; 85 by default */
};

/* The norm of a client: that of their classification when one is set for it, else that
 * of their klantmanager's team, else the default. */
int pressure_norm(const struct pressure_norms *p, const char *classification, const char *team);

/* Who the klantmanagers are: team (NULL or "": none) and hours per week (<= 0: full time,
 * 36). hours may be NULL: everyone full time. */
struct pressure_people {
    const char *(*team)(const char *caseworker, void *ctx);
    double (*hours)(const char *caseworker, void *ctx);
    void *ctx;
};

struct pressure_row {
    const char *caseworker; /* NULL: a subtotal (team set) or the total (team NULL) */
    const char *team;       /* "" when none */
    struct caseworker_metrics m;
    double hours;          /* per week; summed in subtotals; 0 for "not assigned" */
    double fte;            /* hours / 36 */
    int norm;              /* clients of this mix that make 100 %: clients x fte / load
                            * (the kind's norm x fte for one kind); 0: no norm (clients
                            * without a klantmanager) */
    int load_pct;          /* 100 x load / fte, rounded */
    int over;              /* load_pct above 100 */
    double projected_load; /* the load with the what-if clients */
    int projected_pct;
};

/* rows: metrics_caseload's rows without its total (caseworker "" is "not assigned").
 * Out: caseworkers grouped by team, each team (of one person too: its row names her
 * team; not the clients nobody has) followed by its subtotal when there are several teams, then the
 * total (whose load includes the clients nobody has). *out is malloc'ed (free()). Returns 0, or -1
 * when out of memory. */
/* Take the row of clients without a klantmanager (caseworker "") out of the first n rows:
 * they are nobody's load and no klantmanager, so they are reported apart. Returns the
 * rows left (in order, at the front); *clients is how many clients that row held. */
size_t pressure_take_unassigned(struct caseworker_metrics *rows, size_t n, int *clients);

int pressure_rows(const struct caseworker_metrics *rows, size_t n,
                  const struct pressure_people *who, const struct pressure_norms *norms,
                  int what_if, struct pressure_row **out, size_t *nout);

/* A bar of width cells for pct percent of the norm, in Unicode block characters (eighths),
 * padded with spaces; beyond 100 % the bar is full and ends in '>'. UTF-8 into out. */
void pressure_bar(int pct, int width, char *out, size_t n);

#endif
