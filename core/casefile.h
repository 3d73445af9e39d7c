/* casefile.h: one client's records as the core sees them: plain structs, dates as day
 * numbers (date.h) with -1 for "none", texts as borrowed UTF-8 pointers. Storage fills
 * these; core computes on them (signals, lint, metrics) without knowing SQL. */
#ifndef KV_CORE_CASEFILE_H
#define KV_CORE_CASEFILE_H

#include <stddef.h>

#define NO_DATE (-1L)

/* Derived from the records (status.h), never kept by hand. */
enum client_status {
    CS_AANMELDING,
    CS_ACTIEF,
    CS_UITGESTROOMD,
    CS_NAZORG,
    CS_AFGESLOTEN,
    CS_TERUG,
    CS_COUNT
};

struct cf_client {
    long id;
    enum client_status status;
    long applied_on; /* aanmelding: the intake deadline counts from here */
    long benefit_start;
    long contact_verified_on;        /* contact details last checked with the client */
    long vrijstelling_until;         /* end of an exemption from the duty to seek work */
    const char *classification;      /* kind of caseload (indeling: werk, perspectief, meedoen),
                                        catalogue code; picks the contact norm and the caseload norm */
    const char *arbeidsverplichting; /* volledig, gedeeltelijk, vrijgesteld (NULL: volledig) */
    const char *trede, *werkfit;     /* latest participatieladder step and Werkfit conclusion */
};

struct cf_intake {
    long id;
    long date;
    const char *uitstroomdoel;
};
struct cf_plan {
    long id;
    long date;
    int demands_applications;
};
struct cf_goal {
    long id;
    long deadline;
    int closed;
    const char *title;    /* the Specifiek part */
    const char *smart[5]; /* S, M, A, R, T; NULL when not loaded */
};

struct cf_instrument {
    long id;
    const char *name;
    long start, planned_end, actual_end; /* planned_end includes extensions */
    int max_days;                        /* from the catalogue; 0: no maximum */
    const char *provider;
    const char *end_reason; /* eindreden code, "" while running */
};

struct cf_contact {
    long id;
    long date;
};
struct cf_agreement {
    long id;
    long due;
    int done;
    const char *text;
};

struct cf_outflow {
    long id;
    long date;
    long contract_end;  /* end of a temporary employment contract, or NO_DATE */
    const char *reason; /* uitstroomreden code */
    const char *route;  /* route code, or "" */
};

struct cf_nazorg {
    long id;
    long start, end;
    int consent;        /* the client agreed; without it no contact is due */
    int frequency_days; /* monthly by default */
};

struct cf_followup {
    long outflow_id;
    int months;
    long date;
}; /* a follow-up done */
struct cf_handover {
    long date;
}; /* a klantmanager assignment ended: a change of klantmanager */

/* The client's current klantmanager assignment. handed_over: it followed another
 * klantmanager's (a handover, not the first assignment); then the client must be told
 * who their new klantmanager is (Veenendaal: clients did not know), and informed_on is
 * that date, NO_DATE while nobody recorded it. All zero: no assignment loaded. */
struct cf_km {
    long assignment; /* its id, 0 when none */
    long from;
    int handed_over;
    long informed_on;
};
struct cf_request {
    long id;
    long date;
    int answered;
    const char *what;
};
struct cf_manual {
    long id;
    long due;
    int done;
    const char *text;
};

/* A signal acted on: done, or snoozed until a date. It applies to the same signal only
 * (kind, record and due date), so a moved deadline signals again. */
struct cf_ack {
    int kind; /* enum signal_kind */
    long ref;
    long due;
    int done;
    long snoozed_until;
};

#define CF_ARRAY(type, name)                                                                       \
    const struct type *name;                                                                       \
    size_t n_##name

struct case_file {
    struct cf_client client;
    CF_ARRAY(cf_intake, intakes);
    CF_ARRAY(cf_plan, plans);
    CF_ARRAY(cf_goal, goals);
    CF_ARRAY(cf_instrument, instruments);
    CF_ARRAY(cf_contact, contacts);
    CF_ARRAY(cf_agreement, agreements);
    CF_ARRAY(cf_outflow, outflows);
    CF_ARRAY(cf_nazorg, nazorg);
    CF_ARRAY(cf_followup, followups);
    CF_ARRAY(cf_request, requests);
    CF_ARRAY(cf_manual, manual);
    CF_ARRAY(cf_ack, acks);
    CF_ARRAY(cf_handover, handovers);
    struct cf_km km;
};

#endif
