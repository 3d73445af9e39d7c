/* rowrules.h: which of the rules in core/rules.h apply to which columns of which table,
 * checked on rows as they are stored. One table of rules serves every path that writes:
 * the record writers (records.c) after each write, import per record (naming the field),
 * the checkin of an offline copy before anything is applied, and every commit
 * (txn_flush) as the last word, so no path can store what the forms refuse. */
#ifndef KV_STORAGE_ROWRULES_H
#define KV_STORAGE_ROWRULES_H

#include "storage/db.h"

/* Check the row id of table as db holds it now. changed: NULL to check every rule, else
 * a NULL-terminated list of the columns a change wrote (an update): a rule is checked
 * when one of its columns is among them, so an old record is not refused for a change
 * that does not touch what a rule is about. today: a day number. KV_OK (also when the
 * row or the table is not there), or KV_EUSAGE with the rule's message; *column (when
 * not NULL) then names the first column of the broken rule. */
int rowrules_row(struct db *db, const char *table, long id, long today, const char *const *changed,
                 const char **column, struct kv_error *err);

/* Check every row the changeset set (n bytes) inserts (its values as the changeset holds
 * them) or updates (the row as db holds it now, on the columns written; a row not there
 * any more is skipped). The message names the record: "... (contacts#12 toevoegen)". */
int rowrules_changeset(struct db *db, const void *set, int n, long today, struct kv_error *err);

/* The day number of now ("YYYY-MM-DD hh:mm:ss", as writers get it); NO_DATE when now is
 * not such a text. */
long rowrules_today(const char *now);

#endif
