/* figures_blob.h: one client's figures case file (what caseload_load_client_figures gives
 * for it) as a compact byte string, and back, for the per-client summary the pressure
 * screen reads (figures_summary.h). A version byte leads; varints (zigzag) for numbers,
 * length-prefixed texts. The status is not kept, its facts are (status_derive on the
 * reader's day); the klantmanager is kept as a user id, named at read time, so a renamed
 * user stales no row. No SQL here. */
#ifndef KV_STORAGE_FIGURES_BLOB_H
#define KV_STORAGE_FIGURES_BLOB_H

#include "core/casefile.h"
#include "core/status.h"
#include "storage/arena.h"
#include "storage/caseload.h"

#include <stddef.h>

/* Raise it whenever what the figures read or the layout changes (a field added to a
 * record of core/casefile.h is written only once figures_blob.c's tables name it): rows
 * of another version are read narrowly until the next refresh rewrites them. */
#define FIGURES_BLOB_VERSION 2

/* f, s and facts as bytes (malloc'ed, free()); km_user: the open klantmanager
 * assignment's user id, 0 when none. -1 when out of memory. */
int figures_blob_encode(const struct case_file *f, const struct client_summary *s,
                        const struct status_facts *facts, long km_user, unsigned char **out,
                        size_t *n);

/* The bytes back: records and texts into *a; f->client.status, s->id, f->client.id and
 * s->caseworker left for the caller (the row's key, the day, the user's name). -1 when
 * the bytes are of another version, cut short or malformed: read the client narrowly. */
int figures_blob_decode(const unsigned char *b, size_t n, struct arena **a, struct case_file *f,
                        struct client_summary *s, struct status_facts *facts, long *km_user);

#endif
