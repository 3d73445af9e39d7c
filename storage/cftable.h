/* cftable.h: how one table's rows become records of a struct case_file (core/casefile.h):
 * the query, the record's size and place in the case file, and the fill of one record
 * from a row. Each record's module declares its tables; caseload.c loads them all. */
#ifndef KV_STORAGE_CFTABLE_H
#define KV_STORAGE_CFTABLE_H

#include "core/casefile.h"
#include "storage/arena.h"

#include <sqlite3.h>
#include <stddef.h>

struct cftable {
    /* after the CTE sel(id) of the selected clients ("... WHERE client_id IN sel"); the
     * first column is the client id */
    const char *sql;
    size_t elem;
    size_t ptr_off, n_off;                                       /* where in struct case_file */
    void (*fill)(void *rec, sqlite3_stmt *st, struct arena **a); /* texts into the arena */
};

#define CFTABLE(sql, type, field, fill)                                                            \
    {                                                                                              \
        sql, sizeof(struct type), offsetof(struct case_file, field),                               \
            offsetof(struct case_file, n_##field), fill                                            \
    }

/* A column as a day number (NO_DATE when NULL or not a date), as a long. */
long cftable_day(sqlite3_stmt *st, int col);
long cftable_long(sqlite3_stmt *st, int col);

#endif
