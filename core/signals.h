/* signals.h: every reminder, computed by one pure function from a client's records and
 * today. The caseload list, the agenda, the teamleader view and `klantvolg reminders`
 * all call signals_compute, so no two places disagree. Lead times and norms come from
 * struct signal_config (configuration, not code). */
#ifndef KV_CORE_SIGNALS_H
#define KV_CORE_SIGNALS_H

#include "core/casefile.h"

enum signal_kind {
    SIG_INTAKE_DEADLINE,
    SIG_PLAN_MISSING,
    SIG_GOAL_DEADLINE,
    SIG_AGREEMENT_DUE,
    SIG_INSTRUMENT_ENDING,
    SIG_INSTRUMENT_OVERDUE,
    SIG_MAX_DURATION,
    SIG_CONTRACT_END,
    SIG_NAZORG_END,
    SIG_NAZORG_CONTACT,
    SIG_FOLLOWUP,
    SIG_CONTACT_NORM,
    SIG_REDIAGNOSIS,
    SIG_VRIJSTELLING_ENDING,
    SIG_CONTACT_STALE,
    SIG_REQUEST_OPEN,
    SIG_MANUAL,
    SIG_UNINFORMED, /* a new klantmanager; the client was not told (recorded) */
    SIG_COUNT
};

enum signal_severity { SEV_OVERDUE, SEV_DUE_SOON, SEV_LATER };

struct contact_norm {
    const char *classification;
    int days;
};

struct signal_config {
    int intake_days;           /* intake within this many days of the application (21) */
    int plan_days;             /* plan within this many days of the first intake */
    int rediagnosis_days;      /* a new intake this long after the last (365) */
    int contact_stale_days;    /* contact details re-checked within (365) */
    int request_days;          /* an open request answered within */
    int nazorg_frequency_days; /* when a nazorg record says 0 */
    int inform_days;           /* after a handover, the client is told within (14) */
    int default_norm_days;     /* contact norm without a classification-specific one */
    const struct contact_norm *norms;
    size_t n_norms;
    int lead[SIG_COUNT]; /* days before the due date a signal counts as "due soon" */
    int with_acked;      /* also the signals done or snoozed (marked in acked); 0 by
                          * default: they leave every list */
};

/* The defaults from DOMAIN.md: intake 3 weeks after application, yearly re-diagnosis,
 * follow-ups at 3/6/12 months, a month's notice of a contract ending, and so on. */
void signals_default_config(struct signal_config *c);

/* Whether a signal was acted on (only seen with signal_config.with_acked). */
enum signal_ack { ACK_NONE, ACK_DONE, ACK_SNOOZED };

struct signal {
    enum signal_kind kind;
    enum signal_severity severity;
    long client_id;
    long ref;         /* the record it concerns (goal, instrument, ...), or 0 */
    long due;         /* day number */
    char reason[200]; /* Dutch, for the caseworker */
    enum signal_ack acked;
    long snoozed_until; /* for ACK_SNOOZED, else NO_DATE */
};

struct signal_list {
    struct signal *v;
    size_t n, cap;
};

/* Append the signals of one case file as of today to out, sorted by due date when
 * done (signals_sort). Returns 0, or -1 when out of memory (out keeps what it had). */
int signals_compute(const struct case_file *cf, const struct signal_config *c, long today,
                    struct signal_list *out);

/* The current klantmanager took over from another and the date the client was told is
 * not recorded (cf->km): the rule behind the new klantmanager's signal, the teamleider's
 * warning and the pressure screen's count, so they end together when the date is. */
int signals_uninformed(const struct case_file *cf);

void signals_sort(struct signal_list *l);
void signals_free(struct signal_list *l);

/* Stable text code of a kind, as stored with acknowledgements and printed by
 * `klantvolg reminders` ("intake", "contract_einde", ...); and back (-1: unknown). */
const char *signal_kind_code(enum signal_kind k);
int signal_kind_parse(const char *code);

/* Short Dutch name of a kind ("Intake", "Einde contract", ...). */
const char *signal_kind_label(enum signal_kind k);

#endif
