/* caseload.h: the case files of a set of clients, loaded in one pass (one query per
 * table) into the core's structs, for signals, lists and reports. Which clients: the
 * user's own (an open assignment), or all of them for a teamleider or
 * kwaliteitsmedewerker. The access rule is enforced here, not by callers. */
#ifndef KV_STORAGE_CASELOAD_H
#define KV_STORAGE_CASELOAD_H

#include "core/casefile.h"
#include "core/metrics.h"
#include "core/pressure.h"
#include "core/signals.h"
#include "storage/config.h"
#include "storage/db.h"

enum caseload_scope { SCOPE_MINE, SCOPE_ALL };

struct client_summary {
    long id;
    const char *name; /* "Voornaam Achternaam" */
    char bsn_masked[10];
    const char *classification; /* latest indeling (kind of caseload), or "" */
    const char *caseworker;     /* user name of the open klantmanager assignment, or "" */
    const char *doelgroepen;    /* comma list of codes, or "" */
};

struct arena;

struct caseload {
    size_t n;
    struct case_file *files; /* files[i] belongs to clients[i]; sorted by id */
    struct client_summary *clients;
    struct arena *arena; /* all texts and records */
};

int caseload_load(struct db *db, enum caseload_scope scope, struct caseload **out,
                  struct kv_error *err);
/* One client's case file, under the same access rule (own or duo clients; any client for
 * teamleider and kwaliteitsmedewerker); a client out of reach is KV_EAUTH. */
int caseload_load_client(struct db *db, long client, struct caseload **out, struct kv_error *err);
/* The same clients, each case file with only what signals_compute and metrics_caseload
 * read (the latest contact, the first and last intake, open goals, agreements, requests
 * and reminders, running instruments, no texts but names): the same caseload_metrics,
 * from far fewer rows, for the pressure screen (which reads them through the per-client
 * summary, figures_summary.h). Not for lists or signal texts. */
int caseload_load_figures(struct db *db, enum caseload_scope scope, struct caseload **out,
                          struct kv_error *err);
int caseload_load_client_figures(struct db *db, long client, struct caseload **out,
                                 struct kv_error *err);
/* For the per-client summary (figures_summary.h) alone: the clients in figures_dirty that
 * still exist, read as caseload_load_figures reads them, with their status facts (facts
 * may be NULL; else *facts malloc'ed, one per client; free()). Inside the caller's
 * transaction when it has one open, and under no access rule: for the refresh, which
 * feeds a derived table, and the reader of a user who sees every client. */
struct status_facts;
/* The same for every client of the file, for `check` to compare the summary with. */
int caseload_load_every_figures(struct db *db, struct caseload **out, struct status_facts **facts,
                                struct kv_error *err);
int caseload_load_dirty_figures(struct db *db, struct caseload **out, struct status_facts **facts,
                                struct kv_error *err);
void caseload_free(struct caseload *c);

/* Does the user oversee one team (rather than the whole municipality)? */
int caseload_one_team(struct db *db, int *yes, struct kv_error *err);

/* The signals of every client of a loaded caseload, with the configured lead times:
 * client i's signals are out->v[(*first)[i]] up to out->v[(*first)[i + 1]]. *first is
 * malloc'ed (cl->n + 1 entries; free()); out is freed with signals_free. */
int caseload_signals(struct db *db, const struct caseload *cl, long today, struct signal_list *out,
                     size_t **first, struct kv_error *err);

/* The same, with the signals done or snoozed among them (struct signal's acked says
 * which): for the agenda's view of what was acted on, to undo it. */
int caseload_signals_acked(struct db *db, const struct caseload *cl, long today,
                           struct signal_list *out, size_t **first, struct kv_error *err);

/* Each client of cl as core/metrics.h takes them (pointing into cl); malloc'ed (free()),
 * NULL when out of memory. */
struct metrics_client *caseload_metrics_clients(const struct caseload *cl);

/* The caseload figures per klantmanager and the team total (metrics_caseload) for cl,
 * with the configured signal lead times, each client against the norm of their kind
 * (pressure_norm: their classification's, else their klantmanager's team's). *rows malloc'ed
 * (free()); its names point into cl. */
int caseload_metrics(struct db *db, const struct caseload *cl, long today,
                     struct caseworker_metrics **rows, size_t *n, struct kv_error *err);

/* The same for client i of cl alone (what that client adds to cl's figures: for
 * metrics_patch after a save). */
int caseload_metrics_one(struct db *db, const struct caseload *cl, size_t i, long today,
                         struct caseworker_metrics **rows, size_t *n, struct kv_error *err);

/* The index of client id in cl (sorted by id), or cl->n when it is not there. */
size_t caseload_find(const struct caseload *cl, long id);

/* After a save in client's file (cl from caseload_load_figures, which it reads the client
 * with): rows (caseload_metrics' n caseworker rows of cl, its
 * total apart; *unassigned: the clients without a klantmanager) lose what the client
 * counted for and gain what it counts for as read now (metrics_patch), and cl's copy of
 * the file becomes the one read. *kept gets the caseload of one that now holds it: free
 * it (caseload_free) only with cl. KV_ERR, nothing changed, when the figures cannot be
 * patched (a client new to cl, a klantmanager without a row): read everything again. */
int caseload_patch(struct db *db, struct caseload *cl, long client, long today,
                   struct caseworker_metrics *rows, size_t n, int *unassigned,
                   struct caseload **kept, struct kv_error *err);

#endif
