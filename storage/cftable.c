#include "storage/cftable.h"

#include "core/date.h"

long cftable_day(sqlite3_stmt *st, int col)
{
    long d;
    const char *t = (const char *)sqlite3_column_text(st, col);
    return t != NULL && date_parse(t, &d) ? d : NO_DATE;
}

long cftable_long(sqlite3_stmt *st, int col)
{
    return (long)sqlite3_column_int64(st, col);
}
