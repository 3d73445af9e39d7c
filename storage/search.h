/* search.h: finding clients by what a caseworker types: words of the name (any order,
 * prefixes, every Latin letter folded to ASCII by utf8_fold on both sides, so "kilic"
 * finds Kılıç), a BSN or the start of one, the BSN's last three digits (what the lists
 * show), words from the notes. */
#ifndef KV_STORAGE_SEARCH_H
#define KV_STORAGE_SEARCH_H

#include "storage/db.h"

/* Ids of the clients matching every word of text, ascending; *ids malloc'ed (free()).
 * Empty text matches nothing (callers show everything instead). Callers restrict the
 * result to the clients the user may see. */
int search_clients(struct db *db, const char *text, long **ids, size_t *n, struct kv_error *err);

/* One client by what identifies it exactly: its number, or its BSN (nine digits). KV_OK
 * with *id; KV_ERR with a Dutch message when there is none. Says nothing about access. */
int search_client_ref(struct db *db, const char *text, long *id, struct kv_error *err);

/* One client by the words of their name, folded as search_clients folds them ("yilmaz"
 * finds Yılmaz), among the clients of the user's team (ACCESS_IN_TEAM_SQL): KV_OK with *id
 * when exactly one matches; KV_EUSAGE listing the first few by number when several do;
 * KV_ERR when none does. For opening a colleague's client (waarneming). */
int search_client_named(struct db *db, const char *text, long *id, struct kv_error *err);

#endif
