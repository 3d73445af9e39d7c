#include "storage/stmt.h"
#include "storage/stmtcache.h"

#include <stdarg.h>
#include <stddef.h>

static int bind_one(sqlite3_stmt *st, int i, char type, va_list *ap)
{
    switch (type) {
    case 'i':
        return sqlite3_bind_int(st, i, va_arg(*ap, int));
    case 'l':
        return sqlite3_bind_int64(st, i, va_arg(*ap, long));
    case 'd':
        return sqlite3_bind_double(st, i, va_arg(*ap, double));
    case 't': {
        const char *s = va_arg(*ap, const char *);
        return s ? sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC) : sqlite3_bind_null(st, i);
    }
    case 'b': {
        const void *p = va_arg(*ap, const void *);
        int n = va_arg(*ap, int);
        return p ? sqlite3_bind_blob(st, i, p, n, SQLITE_STATIC) : sqlite3_bind_null(st, i);
    }
    case 'c': {
        const char *s = va_arg(*ap, const char *);
        return s ? sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i);
    }
    case 'v': {
        const sqlite3_value *v = va_arg(*ap, const sqlite3_value *);
        return v ? sqlite3_bind_value(st, i, v) : sqlite3_bind_null(st, i);
    }
    case 'n':
        return sqlite3_bind_null(st, i);
    default:
        return SQLITE_MISUSE;
    }
}

/* Bind ?first onwards; *n counts the parameters bound. */
static int bind_from(sqlite3_stmt *st, int first, const char *types, va_list *ap, int *n)
{
    *n = 0;
    for (const char *t = types ? types : ""; *t; t++) {
        int rc = bind_one(st, first + (*n)++, *t, ap);
        if (rc != SQLITE_OK)
            return rc;
    }
    return SQLITE_OK;
}

static int bind_all(sqlite3_stmt *st, const char *types, va_list *ap)
{
    int n;
    int rc = bind_from(st, 1, types, ap, &n);
    if (rc != SQLITE_OK)
        return rc;
    /* A statement with more parameters than values would run with NULLs: refuse it. */
    return n == sqlite3_bind_parameter_count(st) ? SQLITE_OK : SQLITE_RANGE;
}

static int prepare_v(sqlite3 *db, sqlite3_stmt **st, const char *sql, const char *types,
                     va_list *ap)
{
    int rc = sqlite3_prepare_v2(db, sql, -1, st, NULL);
    if (rc == SQLITE_OK && *st == NULL)
        rc = SQLITE_MISUSE; /* empty text: nothing to run */
    if (rc == SQLITE_OK)
        rc = bind_all(*st, types, ap);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(*st);
        *st = NULL;
    }
    return rc;
}

int stmt_prepare(sqlite3 *db, sqlite3_stmt **st, const char *sql, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    int rc = prepare_v(db, st, sql, types, &ap);
    va_end(ap);
    return rc;
}

int stmt_bind(sqlite3_stmt *st, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    int rc = bind_all(st, types, &ap);
    va_end(ap);
    return rc;
}

int stmt_bind_at(sqlite3_stmt *st, int first, const char *types, ...)
{
    int n;
    va_list ap;
    va_start(ap, types);
    int rc = bind_from(st, first, types, &ap, &n);
    va_end(ap);
    return rc;
}

int stmt_run(sqlite3 *db, const char *sql, const char *types, ...)
{
    sqlite3_stmt *st;
    va_list ap;
    va_start(ap, types);
    int rc = prepare_v(db, &st, sql, types, &ap);
    va_end(ap);
    if (rc != SQLITE_OK)
        return rc;
    rc = sqlite3_step(st);
    int fin = sqlite3_finalize(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? (fin == SQLITE_OK ? rc : fin) : rc;
}

int stmt_take(struct stmtcache **cache, sqlite3 *db, sqlite3_stmt **st, const char *sql,
              const char *types, ...)
{
    int rc = stmtcache_take(cache, db, sql, st);
    if (rc != SQLITE_OK)
        return rc;
    va_list ap;
    va_start(ap, types);
    rc = bind_all(*st, types, &ap);
    va_end(ap);
    if (rc != SQLITE_OK) {
        stmtcache_release(*cache, *st);
        *st = NULL;
    }
    return rc;
}
