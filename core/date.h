/* date.h: calendar dates as day numbers, parsed from ISO and Dutch input forms.
 * Day numbers count days since 1970-01-01 in the proleptic Gregorian calendar, so
 * date arithmetic never touches time zones. Pure: no clock is read here; callers pass
 * "now" in. */
#ifndef KV_CORE_DATE_H
#define KV_CORE_DATE_H

#include <stdbool.h>

/* Is y-m-d a real calendar date (year 1900..9999)? */
bool date_valid(int y, int m, int d);

/* Day number of a valid date. */
long date_days(int y, int m, int d);

/* Inverse of date_days. */
void date_ymd(long days, int *y, int *m, int *d);

/* Parse "2026-03-01" (ISO) or "1-3-2026" / "01-03-2026" (Dutch). Returns true and
 * sets *days on success; false for anything else, including impossible dates. */
bool date_parse(const char *s, long *days);

/* Write the ISO form (YYYY-MM-DD, 11 bytes with NUL) of a day number. */
void date_format_iso(long days, char out[11]);

/* days plus whole months, clamped to the month's end (31 Jan + 1 month = 28/29 Feb). */
long date_add_months(long days, int months);

/* The Dutch form d-m-yyyy ("1-3-2026"), 11 bytes with NUL. */
void date_format_nl(long days, char out[11]);

#endif
