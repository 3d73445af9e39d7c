#include "storage/users.h"
#include "storage/stmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COLS                                                                                       \
    "id, name, display_name, role, team, active, created_at, updated_at, updated_by, "             \
    "hours_per_week"

static void copy_text(char *dst, size_t n, sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    snprintf(dst, n, "%s", t ? (const char *)t : "");
}

static void row_to_user(sqlite3_stmt *st, struct user_rec *u)
{
    memset(u, 0, sizeof *u);
    u->id = sqlite3_column_int64(st, 0);
    copy_text(u->name, sizeof u->name, st, 1);
    copy_text(u->display, sizeof u->display, st, 2);
    u->role = role_parse((const char *)sqlite3_column_text(st, 3));
    copy_text(u->team, sizeof u->team, st, 4);
    u->active = sqlite3_column_int(st, 5);
    copy_text(u->created_at, sizeof u->created_at, st, 6);
    copy_text(u->updated_at, sizeof u->updated_at, st, 7);
    copy_text(u->updated_by, sizeof u->updated_by, st, 8);
    u->hours = sqlite3_column_double(st, 9);
}

int users_get(struct db *db, const char *name, struct user_rec *out, int *found,
              struct kv_error *err)
{
    sqlite3_stmt *st;
    int rc = stmt_prepare(db->sql, &st, "SELECT " COLS " FROM users WHERE name = ?1", "t", name);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "users_get", err);
    rc = sqlite3_step(st);
    *found = rc == SQLITE_ROW;
    if (*found)
        row_to_user(st, out);
    sqlite3_finalize(st);
    return (rc == SQLITE_ROW || rc == SQLITE_DONE) ? KV_OK : db_fail(db, rc, "users_get", err);
}

int users_list(struct db *db, struct user_rec **out, size_t *n, struct kv_error *err)
{
    sqlite3_stmt *st;
    size_t cap = 16, len = 0;
    struct user_rec *v = malloc(cap * sizeof *v);
    *out = NULL;
    *n = 0;
    if (v == NULL)
        return kv_error_nomem(err);
    int rc = sqlite3_prepare_v2(db->sql, "SELECT " COLS " FROM users ORDER BY name", -1, &st, NULL);
    if (rc != SQLITE_OK) {
        free(v);
        return db_fail(db, rc, "users_list", err);
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (len == cap) {
            struct user_rec *nv = realloc(v, 2 * cap * sizeof *v);
            if (nv == NULL) {
                rc = SQLITE_NOMEM;
                break;
            }
            v = nv;
            cap *= 2;
        }
        row_to_user(st, &v[len]);
        v[len].has_slot = header_find_slot(db->hdr, v[len].name) != NULL;
        len++;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        free(v);
        return db_fail(db, rc, "users_list", err);
    }
    *out = v;
    *n = len;
    return KV_OK;
}

int users_insert(struct db *db, const struct user_rec *u, const char *now, struct kv_error *err)
{
    int rc = stmt_run(db->sql,
                      "INSERT INTO users (name, display_name, role, team, active, "
                      "created_at, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, 1, ?5, ?5, ?6)",
                      "tttttt", u->name, u->display, role_name(u->role), u->team, now, db->user);
    return rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, "users_insert", err);
}

int users_set_active(struct db *db, const char *name, int active, const char *now,
                     struct kv_error *err)
{
    int rc = stmt_run(db->sql,
                      "UPDATE users SET active = ?2, updated_at = ?3, updated_by = ?4, "
                      "version = version + 1 WHERE name = ?1",
                      "titt", name, active, now, db->user);
    return rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, "users_set_active", err);
}

int users_set_hours(struct db *db, const char *name, double hours, const char *now,
                    struct kv_error *err)
{
    if (!role_administers(db->role))
        return kv_error_set(err, KV_EAUTH, "not a beheerder",
                            "Alleen een beheerder mag de uren van een gebruiker wijzigen.");
    if (!(hours > 0 && hours <= 60))
        return kv_error_set(err, KV_EUSAGE, "hours out of range",
                            "Uren per week: meer dan 0 en hooguit 60.");
    int rc = stmt_run(db->sql,
                      "UPDATE users SET hours_per_week = ?2, updated_at = ?3, "
                      "updated_by = ?4, version = version + 1 WHERE name = ?1",
                      "tdtt", name, hours, now, db->user);
    if (rc != SQLITE_DONE)
        return db_fail(db, rc, "users_set_hours", err);
    if (sqlite3_changes(db->sql) == 0)
        return kv_error_set(err, KV_EUSAGE, "no such user", "Gebruiker '%s' bestaat niet.", name);
    return KV_OK;
}

int users_count_active(struct db *db, int role, int *count, struct kv_error *err)
{
    sqlite3_stmt *st;
    int rc = stmt_prepare(db->sql, &st,
                          "SELECT count(*) FROM users WHERE role = ?1 AND "
                          "active = 1",
                          "t", role_name(role));
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "users_count_active", err);
    rc = sqlite3_step(st);
    *count = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? KV_OK : db_fail(db, rc, "users_count_active", err);
}

static const struct user_rec *find(const struct users_index *idx, const char *name)
{
    for (size_t i = 0; i < idx->n; i++)
        if (strcmp(idx->u[i].name, name) == 0)
            return &idx->u[i];
    return NULL;
}

static const char *team_of(const char *caseworker, void *ctx)
{
    const struct user_rec *u = find(ctx, caseworker);
    return u ? u->team : "";
}

static double hours_of(const char *caseworker, void *ctx)
{
    const struct user_rec *u = find(ctx, caseworker);
    return u ? u->hours : 0;
}

struct pressure_people users_pressure_people(const struct users_index *idx)
{
    return (struct pressure_people){team_of, hours_of, (void *)idx};
}
