#include "storage/schema.h"

#include <stddef.h>

/* Each entry moves the schema from its index to index+1. Never edit one that has
 * shipped; add another. */
static const char *const migrations[] = {
    /* 0 -> 1: users and the bookkeeping columns every table carries */
    "CREATE TABLE users ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE,"
    "  display_name TEXT NOT NULL DEFAULT '',"
    "  role TEXT NOT NULL CHECK (role IN ('klantmanager','consulent_inkomen','jobcoach',"
    "       'teamleider','kwaliteitsmedewerker','beheerder')),"
    "  team TEXT NOT NULL DEFAULT '',"
    "  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),"
    "  created_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL,"
    "  updated_by TEXT NOT NULL,"
    "  version INTEGER NOT NULL DEFAULT 1"
    ");",
};

#define N_MIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

int schema_latest(void)
{
    return N_MIGRATIONS;
}

int schema_version(sqlite3 *db)
{
    sqlite3_stmt *st;
    int v = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

int schema_migrate(sqlite3 *db, int target, char **errmsg)
{
    int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, errmsg);
    if (rc != SQLITE_OK)
        return rc;
    int v = schema_version(db);
    if (v < 0) {
        rc = sqlite3_errcode(db);
        goto fail;
    }
    if (v > N_MIGRATIONS) {
        *errmsg = sqlite3_mprintf("database schema version %d is newer than this program (%d)",
                                  v, N_MIGRATIONS);
        rc = SQLITE_ERROR;
        goto fail;
    }
    for (; v < target && v < N_MIGRATIONS; v++) {
        rc = sqlite3_exec(db, migrations[v], NULL, NULL, errmsg);
        if (rc != SQLITE_OK)
            goto fail;
        char *set = sqlite3_mprintf("PRAGMA user_version=%d", v + 1);
        rc = set ? sqlite3_exec(db, set, NULL, NULL, errmsg) : SQLITE_NOMEM;
        sqlite3_free(set);
        if (rc != SQLITE_OK)
            goto fail;
    }
    return sqlite3_exec(db, "COMMIT", NULL, NULL, errmsg);
fail:
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}
