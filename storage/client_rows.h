/* client_rows.h: reading one client's rows for the screens that change them (with their
 * database id and version) and for the dossier; each record's module reads its own rows
 * through client_rows_read. The access rule of access.h applies. Dates are day numbers,
 * NO_DATE for none. */
#ifndef KV_STORAGE_CLIENT_ROWS_H
#define KV_STORAGE_CLIENT_ROWS_H

#include "storage/db.h"

#define LINE_MAX_GOAL 512

/* Free texts (results, goal parts, evaluations, comments, intake texts) are read whole
 * onto the heap, never into a fixed buffer that would cut a long report: free the rows
 * with their own _free function. */

/* Run sql for one client (?1) and fill rows of size elem through fill (-1: out of
 * memory; the row is released with the others through release); the client must be in
 * reach of the user (access_client). */
int client_rows_read(struct db *db, long client, const char *sql, size_t elem,
                     int (*fill)(void *row, sqlite3_stmt *st), void (*release)(void *v, size_t n),
                     void **out, size_t *n, struct kv_error *err);
/* A column: text into a buffer (cut to n), text whole on the heap (NULL when out of
 * memory), a date as a day number (NO_DATE for none). */
void client_rows_copy(char *dst, size_t n, sqlite3_stmt *st, int col);
char *client_rows_text(sqlite3_stmt *st, int col);
long client_rows_day(sqlite3_stmt *st, int col);

#endif
