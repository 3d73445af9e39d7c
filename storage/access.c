#include "storage/access.h"

int access_sees_all(const struct db *db)
{
    return db->role == ROLE_TEAMLEIDER || db->role == ROLE_KWALITEITSMEDEWERKER;
}

int access_client(struct db *db, long client, struct kv_error *err)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db->sql, "SELECT ?3 OR EXISTS (SELECT 1 FROM assignments WHERE "
                                "client_id = ?2 AND user_id = ?1 AND to_date IS NULL) FROM "
                                "clients WHERE id = ?2", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "access", err);
    sqlite3_bind_int64(st, 1, db->user_id);
    sqlite3_bind_int64(st, 2, client);
    sqlite3_bind_int(st, 3, access_sees_all(db));
    rc = sqlite3_step(st);
    int visible = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return visible ? KV_OK : kv_error_set(err, KV_EAUTH, "client out of reach",
                                              "Klant %ld hoort niet bij uw klanten.", client);
    if (rc == SQLITE_DONE)
        return kv_error_set(err, KV_ERR, "no such client", "Klant %ld bestaat niet.", client);
    return db_fail(db, rc, "access", err);
}

int access_may_add_client(struct db *db, struct kv_error *err)
{
    if (db->role == ROLE_KLANTMANAGER || db->role == ROLE_CONSULENT_INKOMEN ||
        db->role == ROLE_JOBCOACH || db->role == ROLE_TEAMLEIDER)
        return KV_OK;
    return kv_error_set(err, KV_EAUTH, "role may not add clients", "Een %s legt geen nieuwe "
                        "klanten vast.", db->role >= 0 ? role_name(db->role) : "onbekende rol");
}
