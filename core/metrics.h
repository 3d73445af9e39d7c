/* metrics.h: caseload figures per caseworker and for the team, and outflow figures,
 * computed from the case files only. Clients are counted, never activities: three
 * instruments of one client are one client, and an outflow counts once per client and
 * period, under one route. Pure; signals come from signals_compute. */
#ifndef KV_CORE_METRICS_H
#define KV_CORE_METRICS_H

#include "core/casefile.h"
#include "core/signals.h"

struct metrics_client {
    const struct case_file *cf;
    const char *caseworker;     /* "" when unassigned */
    const char *classification; /* latest, or "" */
    int norm;                   /* clients of this client's kind per full-time klantmanager
                                 * (pressure_norm); 0: the default, 85 */
};

struct caseworker_metrics {
    const char *caseworker; /* NULL for the team total */
    int clients;
    double load; /* sum over the clients of 1 / their kind's norm: how many
                  * full-time caseloads these clients make (40 Werk at 85
                  * and 100 Meedoen at 200: 0.97) */
    int signals_overdue, signals_due_soon;
    int clients_with_overdue; /* clients with at least one overdue signal */
    int contact_beyond_norm;  /* clients whose contact norm is exceeded */
    int nazorg_running;
    int handovers;  /* changes of klantmanager in the last 365 days */
    int uninformed; /* clients handed over without a recorded date the client
                     * was told (signals_uninformed) */
};

/* Add from's counts to to's (totals over caseworkers). */
void metrics_add(struct caseworker_metrics *to, const struct caseworker_metrics *from);

/* One client's file changed: rows (the n caseworkers' rows, no total) lose what the
 * client counted for before (old: metrics_caseload on that client alone, total last) and
 * gain what it counts for now (new, likewise); a caseworker "" is counted in *unassigned.
 * The figures add up over clients, so this equals reading everything again. -1, with
 * nothing changed, when a caseworker of old or new has no row in rows (read everything
 * again then). */
int metrics_patch(struct caseworker_metrics *rows, size_t n, int *unassigned,
                  const struct caseworker_metrics *old, size_t nold,
                  const struct caseworker_metrics *new_rows, size_t nnew);

/* One row per caseworker, sorted by name, then the team total (caseworker NULL).
 * *rows is malloc'ed (free()). Returns 0, or -1 when out of memory. */
int metrics_caseload(const struct metrics_client *c, size_t n, const struct signal_config *cfg,
                     long today, struct caseworker_metrics **rows, size_t *nrows);

#define METRICS_MAX_KEYS 32

struct count_by {
    const char *key;
    int clients;
};

struct outflow_metrics {
    int clients; /* clients with an outflow in the period */
    int to_work; /* of which for work (reason "werk" or "zelfstandige") */
    struct count_by by_reason[METRICS_MAX_KEYS];
    size_t n_reason;
    struct count_by by_route[METRICS_MAX_KEYS];
    size_t n_route;
};

/* Outflow in [from, to] (day numbers, inclusive): each client once, by the first outflow
 * in the period. */
void metrics_outflow(const struct metrics_client *c, size_t n, long from, long to,
                     struct outflow_metrics *out);

#endif
