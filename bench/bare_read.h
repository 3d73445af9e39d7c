/* bare_read.h: the floor a benchmark compares against: the given queries' rows stepped
 * through and dropped, in one read transaction. A query that does not prepare is said on
 * stderr and skipped. */
#ifndef KV_BENCH_BARE_READ_H
#define KV_BENCH_BARE_READ_H

#include <sqlite3.h>
#include <stdio.h>

static long bare_read_rows(sqlite3 *db, const char *const *sql, size_t n)
{
    long rows = 0;
    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
    for (size_t i = 0; i < n; i++) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(db, sql[i], -1, &st, NULL) != SQLITE_OK) {
            fprintf(stderr, "bare read: %s\n", sqlite3_errmsg(db));
            continue;
        }
        while (sqlite3_step(st) == SQLITE_ROW)
            rows++;
        sqlite3_finalize(st);
    }
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    return rows;
}

#endif
