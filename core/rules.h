/* rules.h: the rules every record obeys, whoever writes it: a form, a command, an import,
 * the checkin of an offline copy. Pure functions of the values and of today (a day
 * number, date.h; NO_DATE for a date not given, which passes). Each returns KV_OK, or
 * KV_EUSAGE with the rule's one Dutch message in err, so every writer says the same.
 * storage/rowrules.c says which columns of which table they apply to; the forms call
 * them for their inline checks. */
#ifndef KV_CORE_RULES_H
#define KV_CORE_RULES_H

#include "core/bsn.h"
#include "core/error.h"

/* A record of what happened (a contact, an intake, a plan, an outflow, a birth) is not
 * dated after today. what: the field as the user knows it ("Datum contact"). */
int rules_not_future(long date, long today, const char *what, struct kv_error *err);

/* An end does not lie before its start (the same day is allowed). what: the record
 * ("Instrument", "Nazorg"). */
int rules_end_not_before_start(long start, long end, const char *what, struct kv_error *err);

/* Nazorg lasts at most RULES_NAZORG_MONTHS months: end at most that many months after
 * start. */
#define RULES_NAZORG_MONTHS 24
int rules_nazorg_period(long start, long end, struct kv_error *err);

/* The Participatiewet applies from 18: a client born on birth is at least 18 on the day
 * of registration (on). */
#define RULES_MIN_AGE 18
int rules_adult_at(long birth, long on, struct kv_error *err);

/* A phone number: an optional + in front, then 10 to 15 digits, which may be grouped with
 * spaces, dashes, dots or brackets ("06-12345678", "+31 6 1234 5678"). Empty passes.
 * (Short service numbers such as 14 0xx are not a client's number.) */
int rules_phone(const char *phone, struct kv_error *err);

/* A postcode as stored: four digits, a space, two capitals ("1234 AB"). Empty passes. */
int rules_postcode(const char *postcode, struct kv_error *err);

/* An e-mail address: name@domain, the domain with a dot, no spaces, at most 254 bytes
 * ("naam@voorbeeld.nl"). Empty passes. */
int rules_email(const char *email, struct kv_error *err);

/* A BSN: 8 or 9 digits (bsn.h) passing the elfproef; the 9 digits go to out. */
int rules_bsn(const char *bsn, char out[BSN_LEN + 1], struct kv_error *err);

/* A client's status: aanmelding, actief, uitgestroomd, nazorg or afgesloten. */
int rules_client_status(const char *status, struct kv_error *err);

#endif
