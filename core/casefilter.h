/* casefilter.h: which clients of a werkvoorraad to show: own clients or those where one
 * is the duo partner, a classification, a doelgroep, only clients with overdue signals.
 * Pure: the caller passes what it knows of each client. Empty codes do not filter. */
#ifndef KV_CORE_CASEFILTER_H
#define KV_CORE_CASEFILTER_H

#include <stdbool.h>
#include <stddef.h>

enum casefilter_who { CFW_ALL, CFW_OWN, CFW_DUO, CFW_COUNT };

struct casefilter {
    enum casefilter_who who;
    char classification[64];
    char doelgroep[64];
    bool overdue_only;
    char caseworker[64]; /* one klantmanager's clients (a teamleider's drill-down) */
    char status[16];     /* a status code (core/status.h), "" for any */
};

/* Does a client pass? user is the one looking; caseworker the client's klantmanager
 * ("" when none); doelgroepen a comma list of codes; overdue the number of overdue
 * signals. Own: the user is the klantmanager. Duo: the client is in reach through
 * another role in the case (consulent inkomen, jobcoach). */
bool casefilter_match(const struct casefilter *f, const char *user, const char *caseworker,
                      const char *classification, const char *doelgroepen, int overdue);

/* Does a client with this status code pass the status part of the filter? */
bool casefilter_match_status(const struct casefilter *f, const char *status);

bool casefilter_active(const struct casefilter *f);

/* In Dutch for the count line: "eigen klanten, indeling werk, alleen te laat"; "" when
 * nothing filters. */
void casefilter_describe(const struct casefilter *f, char *out, size_t n);

/* Parse the codes of casefilter_who ("", "eigen", "duo"). */
enum casefilter_who casefilter_who_parse(const char *s);

#endif
