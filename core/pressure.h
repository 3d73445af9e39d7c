/* pressure.h: caseload pressure, for a teamleider. Each caseworker's weighted caseload
 * (metrics.h) against the norm for their kind of caseload (configuration: a norm per
 * team or cluster, a default for the rest), as a percentage and a bar; a subtotal per
 * team when there are several, and the total; and what-if: the load when N new clients
 * arrive, spread over the caseworkers in proportion to their clients and weighing what
 * the current clients weigh on average. Pure. */
#ifndef KV_CORE_PRESSURE_H
#define KV_CORE_PRESSURE_H

#include "core/metrics.h"

struct team_norm { const char *team; int norm; };

struct pressure_norms {
    const struct team_norm *v;  /* team names compared without case */
    size_t n;
    int default_norm;           /* for any other team; 85 by default */
};

struct pressure_row {
    const char *caseworker;     /* NULL: a subtotal (team set) or the total (team NULL) */
    const char *team;           /* "" when none */
    struct caseworker_metrics m;
    int norm;                   /* 0: no norm (clients without a klantmanager) */
    int load_pct;               /* weighted caseload in percent of the norm */
    long projected_x100;        /* the weighted caseload with the what-if clients */
    int projected_pct;
};

/* rows: metrics_caseload's rows without its total (caseworker "" is "not assigned");
 * team_of gives a caseworker's team. Out: caseworkers grouped by team, a team of two or
 * more followed by its subtotal when there are several teams, then the total. *out is
 * malloc'ed (free()). Returns 0, or -1 when out of memory. */
int pressure_rows(const struct caseworker_metrics *rows, size_t n,
                  const char *(*team_of)(const char *caseworker, void *ctx), void *ctx,
                  const struct pressure_norms *norms, int what_if, struct pressure_row **out,
                  size_t *nout);

/* A bar of width cells for pct percent of the norm, in Unicode block characters (eighths),
 * padded with spaces; beyond 100 % the bar is full and ends in '>'. UTF-8 into out. */
void pressure_bar(int pct, int width, char *out, size_t n);

#endif
