#include "storage/access.h"
#include "storage/audit.h"
#include "storage/stmt.h"
#include "storage/stmtcache.h"

#include "core/date.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

int access_sees_all(const struct db *db)
{
    return role_sees_all(db->role);
}

int access_casework(const struct db *db)
{
    return role_casework(db->role);
}

/* In reach: an open assignment (own or duo), a team-wide role, or a waarneming this user
 * stated today (the audit log's entry is the grant, so there is no grant without a
 * logged reason), before the write transaction under way began: the log is not in the
 * transaction's changeset, so a waarneming it wrote itself would otherwise approve it. */
int access_client(struct db *db, long client, struct kv_error *err)
{
    sqlite3_stmt *st;
    char today[11];
    db_today_iso(db, today);
    int rc = stmt_take(
        &db->stmts, db->sql, &st,
        "SELECT (?3 AND " ACCESS_IN_TEAM_SQL(
            "?2", "?1") ") OR "
                        "?2 IN (" ACCESS_OWN_SQL(
                            "?1") ") OR (?6 AND "
                                  "EXISTS (SELECT 1 FROM audit WHERE client_id = ?2 AND action = "
                                  "'waarneming' AND user = ?4 AND at >= ?5 AND (?7 = 0 OR id < "
                                  "?7))) FROM clients WHERE id = ?2",
        "llittil", db->user_id, client, access_sees_all(db), db->user, today, access_casework(db),
        (long)db->audit_floor);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "access", err);
    rc = sqlite3_step(st);
    int visible = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
    stmtcache_release(db->stmts, st);
    if (rc == SQLITE_ROW)
        return visible ? KV_OK
                       : kv_error_set(err, KV_EAUTH, "client out of reach",
                                      role_administers(db->role)
                                          ? "Een beheerder ziet geen klantdossiers."
                                          : "Klant %ld hoort niet bij uw klanten; "
                                            "openen kan als waarneming, met een reden.",
                                      client);
    if (rc == SQLITE_DONE)
        return kv_error_set(err, KV_ERR, "no such client", "Klant %ld bestaat niet.", client);
    return db_fail(db, rc, "access", err);
}

int access_may_add_client(struct db *db, struct kv_error *err)
{
    if (access_casework(db))
        return KV_OK;
    return kv_error_set(err, KV_EAUTH, "role may not add clients",
                        "Een %s legt geen nieuwe "
                        "klanten vast.",
                        role_label(db->role, "onbekende rol"));
}

int access_may_receive(struct db *db, long to, struct kv_error *err)
{
    sqlite3_stmt *st;
    int rc = stmt_prepare(db->sql, &st,
                          "SELECT u.name, u.role, u.active, (SELECT team FROM "
                          "users WHERE id = ?2) IN ('', u.team) FROM users u WHERE u.id = "
                          "?1",
                          "ll", to, db->user_id);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "assign", err);
    if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
        sqlite3_finalize(st);
        return rc == SQLITE_DONE ? kv_error_set(err, KV_EUSAGE, "no such user",
                                                "Gebruiker %ld "
                                                "bestaat niet.",
                                                to)
                                 : db_fail(db, rc, "assign", err);
    }
    char name[SLOT_NAME_BYTES];
    snprintf(name, sizeof name, "%s", (const char *)sqlite3_column_text(st, 0));
    int role = role_parse((const char *)sqlite3_column_text(st, 1));
    int active = sqlite3_column_int(st, 2), same_team = sqlite3_column_int(st, 3);
    sqlite3_finalize(st);
    if (!active)
        return kv_error_set(err, KV_EUSAGE, "user disabled", "Gebruiker '%s' is uitgeschakeld.",
                            name);
    if (!role_casework(role))
        return kv_error_set(err, KV_EAUTH, "assignee not casework",
                            "'%s' is %s en krijgt "
                            "geen klanten; alleen een klantmanager, consulent inkomen of "
                            "jobcoach.",
                            name, role_label(role, "zonder rol"));
    if (!same_team)
        return kv_error_set(err, KV_EAUTH, "assignee outside team",
                            "'%s' hoort niet bij uw "
                            "team; wijs toe binnen uw team.",
                            name);
    return KV_OK;
}

/* Has the client had any assignment? A client registered in this transaction has not.
 * (On an error: yes, so nothing is granted.) */
static int ever_assigned(struct db *db, long client)
{
    sqlite3_stmt *st;
    if (stmt_prepare(db->sql, &st, "SELECT 1 FROM assignments WHERE client_id = ?1", "l", client) !=
        SQLITE_OK)
        return 1;
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc != SQLITE_DONE;
}

int access_may_assign(struct db *db, long client, long to, struct kv_error *err)
{
    if (access_casework(db))
        return to == db->user_id && !ever_assigned(db, client)
                   ? KV_OK
                   : kv_error_set(err, KV_EAUTH, "casework assigns only a new client to self",
                                  "Een %s wijst alleen een nieuwe klant aan zichzelf toe; "
                                  "overdragen doet de teamleider.",
                                  role_name(db->role));
    if (!access_sees_all(db))
        return kv_error_set(err, KV_EAUTH, "role may not assign",
                            "Een %s wijst geen klanten "
                            "toe; dat doet de teamleider.",
                            role_label(db->role, "gebruiker zonder rol"));
    struct kv_error reach;
    int rc = access_client(db, client, &reach);
    if (rc == KV_EAUTH)
        return kv_error_set(err, KV_EAUTH, "client outside team",
                            "Klant %ld valt buiten uw "
                            "team.",
                            client);
    if (rc != KV_OK) {
        *err = reach;
        return rc;
    }
    return to ? access_may_receive(db, to, err) : KV_OK;
}

static size_t meaningful(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        n += !isspace((unsigned char)*s);
    return n;
}

int access_waarneming(struct db *db, long client, const char *reason, struct kv_error *err)
{
    if (!access_casework(db))
        return kv_error_set(err, KV_EAUTH, "waarneming needs a casework role",
                            "Waarnemen is "
                            "voor klantmanagers, consulenten inkomen en jobcoaches.");
    if (meaningful(reason) < 5)
        return kv_error_set(err, KV_EUSAGE, "waarneming without reason",
                            "Geef de reden van de "
                            "waarneming (bijvoorbeeld: vervanging wegens ziekte van de "
                            "klantmanager).");
    struct kv_error mine;
    int rc = access_client(db, client, &mine);
    if (rc == KV_OK)
        return KV_OK; /* one's own client needs no waarneming */
    if (rc != KV_EAUTH) {
        *err = mine;
        return rc;
    }
    sqlite3_str *d = sqlite3_str_new(db->sql);
    sqlite3_str_appendall(d, "{\"reden\":");
    audit_json_text(d, reason);
    sqlite3_str_appendchar(d, 1, '}');
    char *detail = sqlite3_str_finish(d);
    rc = detail ? audit_note(db, "waarneming", client, "", detail, err) : kv_error_nomem(err);
    sqlite3_free(detail);
    return rc;
}

int access_open(struct db *db, long client, struct kv_error *err)
{
    int rc = access_client(db, client, err);
    return rc == KV_OK ? audit_note(db, "inzien", client, "", "", err) : rc;
}

int access_handover_note(struct db *db, long client, char *out, size_t n, struct kv_error *err)
{
    sqlite3_stmt *st;
    out[0] = '\0';
    int rc = stmt_prepare(
        db->sql, &st,
        "SELECT a.handover_note, a.from_date, a.updated_by, (SELECT u.name FROM assignments p "
        "JOIN users u ON u.id = p.user_id WHERE p.client_id = a.client_id AND p.role_in_case = "
        "a.role_in_case AND p.to_date IS NOT NULL AND p.user_id <> a.user_id ORDER BY "
        "p.to_date DESC, p.id DESC LIMIT 1), a.client_informed_on IS NULL "
        "FROM assignments a WHERE "
        "a.client_id = ?1 AND a.user_id = ?2 AND a.to_date IS NULL AND a.handover_note <> '' "
        "AND NOT EXISTS (SELECT 1 FROM audit WHERE client_id = ?1 AND user = ?3 AND action = "
        "'inzien' AND at >= a.from_date) ORDER BY a.from_date DESC LIMIT 1",
        "llt", client, db->user_id, db->user);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "handover", err);
    if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        long day;
        char nl[11] = "?";
        if (date_parse((const char *)sqlite3_column_text(st, 1), &day))
            date_format_nl(day, nl);
        const char *from = (const char *)sqlite3_column_text(st, 3);
        /* The previous klantmanager is who the client knew; the teamleider only did it. */
        snprintf(out, n, "Overdracht op %s van %s door %s: %s%s", nl,
                 from ? from : "(geen vorige klantmanager)",
                 (const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 0),
                 sqlite3_column_int(st, 4) ? " — De klant is nog niet ingelicht (l: datum "
                                             "vastleggen)."
                                           : "");
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, "handover", err);
}
