#include "storage/search.h"

#include "core/utf8.h"
#include "storage/access.h"
#include "storage/stmt.h"

#include <stdio.h>

#include <stdlib.h>
#include <string.h>

/* Each word becomes a quoted FTS5 prefix term ("ver"*), so nothing the user types is
 * read as query syntax. */
static char *to_query(const char *typed)
{
    size_t n = strlen(typed);
    char *text = malloc(n + 1); /* folded as the index is (kv_fold) */
    char *q = malloc(4 * n + 8), *o = q;
    if (q == NULL || text == NULL) {
        free(text);
        free(q);
        return NULL;
    }
    utf8_fold(typed, text, n + 1);
    const char *p = text;
    while (*p) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        if (o != q)
            *o++ = ' ';
        *o++ = '"';
        while (*p && *p != ' ' && *p != '\t') {
            if (*p == '"')
                *o++ = '"';
            *o++ = *p++;
        }
        *o++ = '"';
        *o++ = '*';
    }
    *o = '\0';
    free(text);
    return q;
}

int search_clients(struct db *db, const char *text, long **ids, size_t *n, struct kv_error *err)
{
    *ids = NULL;
    *n = 0;
    char *q = to_query(text ? text : "");
    if (q == NULL)
        return kv_error_nomem(err);
    if (*q == '\0') {
        free(q);
        return KV_OK;
    }
    sqlite3_stmt *st;
    int rc = stmt_prepare(db->sql, &st,
                          "SELECT rowid FROM client_search WHERE client_search "
                          "MATCH ?1 ORDER BY rowid",
                          "c", q);
    free(q);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "search", err);
    size_t cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 64;
            long *v = realloc(*ids, cap * sizeof *v);
            if (v == NULL) {
                rc = SQLITE_NOMEM;
                break;
            }
            *ids = v;
        }
        (*ids)[(*n)++] = (long)sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        free(*ids);
        *ids = NULL;
        *n = 0;
        return db_fail(db, rc, "search", err);
    }
    return KV_OK;
}

/* Up to this many namesakes are listed for the user to choose one by number. */
#define NAMED_LIST 5

int search_client_named(struct db *db, const char *text, long *id, struct kv_error *err)
{
    *id = 0;
    char *q = to_query(text ? text : "");
    if (q == NULL)
        return kv_error_nomem(err);
    /* The names only (not the notes), of the clients of the user's team: a waarneming is
     * for a colleague, and a name typed must not list strangers. */
    char *match = *q ? sqlite3_mprintf("{first_name last_name} : (%s)", q) : NULL;
    free(q);
    if (match == NULL)
        return kv_error_set(err, KV_EUSAGE, "empty name",
                            "Geef het klantnummer, het BSN of "
                            "de naam van de klant.");
    sqlite3_stmt *st;
    int rc = stmt_prepare(db->sql, &st,
                          "SELECT c.id, c.first_name || ' ' || c.last_name FROM "
                          "client_search s JOIN clients c ON c.id = s.rowid WHERE "
                          "client_search MATCH ?1 AND " ACCESS_IN_TEAM_SQL(
                              "c.id", "?2") " ORDER BY c.last_name, c.first_name, c.id",
                          "cl", match, db->user_id);
    sqlite3_free(match);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "search", err);
    char list[NAMED_LIST * 80] = "";
    size_t used = 0;
    int found = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (found++ == 0)
            *id = (long)sqlite3_column_int64(st, 0);
        if (found <= NAMED_LIST && used < sizeof list)
            used += (size_t)snprintf(list + used, sizeof list - used, "%s%lld %.60s",
                                     found > 1 ? ", " : "", sqlite3_column_int64(st, 0),
                                     (const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_fail(db, rc, "search", err);
    if (found == 1)
        return KV_OK;
    *id = 0;
    if (found == 0)
        return kv_error_set(err, KV_ERR, "no such client",
                            "Geen klant van uw team heet '%s'; "
                            "geef het klantnummer of het BSN.",
                            text);
    return kv_error_set(err, KV_EUSAGE, "several clients",
                        "%d klanten passen bij '%s': %s%s. "
                        "Geef het nummer.",
                        found, text, list, found > NAMED_LIST ? ", ..." : "");
}

int search_client_ref(struct db *db, const char *text, long *id, struct kv_error *err)
{
    size_t n = strspn(text, "0123456789");
    *id = 0;
    if (n == 0 || text[n] != '\0' || n > 9)
        return kv_error_set(err, KV_EUSAGE, "not a client reference",
                            "Geef het klantnummer of "
                            "het BSN (negen cijfers).");
    sqlite3_stmt *st;
    int rc = stmt_prepare(db->sql, &st,
                          n == 9 ? "SELECT id FROM clients WHERE bsn = ?1"
                                 : "SELECT id FROM clients WHERE id = ?1",
                          "t", text);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "client ref", err);
    if ((rc = sqlite3_step(st)) == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return KV_OK;
    if (rc == SQLITE_DONE)
        return kv_error_set(err, KV_ERR, "no such client", "Er is geen klant met %s %s.",
                            n == 9 ? "BSN" : "nummer", text);
    return db_fail(db, rc, "client ref", err);
}
