/* mix.h: how each caseworker classifies and refers, side by side with the team, so a
 * teamleider sees who does it differently: per caseworker the clients in each
 * classification (werk, perspectief, meedoen, other or none) and, for the instruments the
 * team uses most, how many of their clients got one. Clients are counted, not
 * activities: two placements of one client are one client. Pure. */
#ifndef KV_CORE_MIX_H
#define KV_CORE_MIX_H

#include "core/metrics.h"

#define MIX_CLASSES 4 /* werk, perspectief, meedoen, overig */
#define MIX_TOP 4

extern const char *const mix_class_names[MIX_CLASSES];

struct mix_row {
    const char *caseworker; /* NULL: the team (last row) */
    int clients;
    int by_class[MIX_CLASSES];
    int with_instrument[MIX_TOP]; /* clients with at least one of top[i] */
};

struct mix {
    const char *top[MIX_TOP]; /* the instruments most clients got, most first */
    size_t ntop;
    struct mix_row *rows; /* caseworkers by name (not "", unassigned), team */
    size_t n;
};

/* Returns 0, or -1 when out of memory. mix_free releases out. */
int mix_compute(const struct metrics_client *c, size_t n, struct mix *out);
void mix_free(struct mix *m);

/* part of whole in whole percent, rounded; 0 when whole is 0. */
int mix_pct(int part, int whole);

#endif
