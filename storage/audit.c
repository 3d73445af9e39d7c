#include "storage/audit.h"
#include "storage/stmt.h"
#include "storage/stmtcache.h"

#include "core/date.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- the chain ---------------------------------------------------------------------- */

static void hex(const unsigned char *b, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[b[i] >> 4];
        out[2 * i + 1] = digits[b[i] & 15];
    }
    out[2 * n] = '\0';
}

/* Each field enters with its length, so no two different entries hash the same text. */
static void put(crypto_generichash_state *h, const char *s)
{
    unsigned char len[8];
    size_t n = s ? strlen(s) : 0;
    for (int i = 0; i < 8; i++)
        len[i] = (unsigned char)((unsigned long long)n >> (8 * i));
    crypto_generichash_update(h, len, sizeof len);
    crypto_generichash_update(h, (const unsigned char *)(s ? s : ""), n);
}

static void detail_hash(const char *detail, char out[AUDIT_HASH_HEX])
{
    unsigned char d[32];
    crypto_generichash(d, sizeof d, (const unsigned char *)(detail ? detail : ""),
                       detail ? strlen(detail) : 0, NULL, 0);
    hex(d, sizeof d, out);
}

static void entry_hash(const char *prev, long id, const struct audit_entry *e, const char *dhash,
                       char out[AUDIT_HASH_HEX])
{
    char num[2][24];
    unsigned char d[32];
    crypto_generichash_state h;
    snprintf(num[0], sizeof num[0], "%ld", id);
    snprintf(num[1], sizeof num[1], "%ld", e->client);
    crypto_generichash_init(&h, NULL, 0, sizeof d);
    put(&h, prev);
    put(&h, num[0]);
    put(&h, e->at);
    put(&h, e->user);
    put(&h, e->action);
    put(&h, num[1]);
    put(&h, e->record);
    put(&h, dhash);
    crypto_generichash_final(&h, d, sizeof d);
    hex(d, sizeof d, out);
}

static const char ZERO_HASH[] = "0000000000000000000000000000000000000000000000000000000000000000";

static int step_done(struct db *db, sqlite3_stmt *st, const char *what, struct kv_error *err)
{
    int rc = sqlite3_step(st);
    stmtcache_release(db->stmts, st);
    return rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, what, err);
}

/* Append with the given user (a failed login names who tried, not who writes). */
static int append_as(struct db *db, const char *user, const char *action, long client,
                     const char *record, const char *detail, struct kv_error *err)
{
    sqlite3_stmt *st;
    long id = 1;
    char prev[AUDIT_HASH_HEX], dh[AUDIT_HASH_HEX], hash[AUDIT_HASH_HEX], at[20];
    memcpy(prev, ZERO_HASH, sizeof prev);
    int rc = stmt_take(&db->stmts, db->sql, &st,
                       "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", "");
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "audit head", err);
    if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        id = sqlite3_column_int64(st, 0) + 1;
        snprintf(prev, sizeof prev, "%s", (const char *)sqlite3_column_text(st, 1));
    }
    stmtcache_release(db->stmts, st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(db, rc, "audit head", err);
    db_now(db, at);
    struct audit_entry e = {id,     at,   user, action, record ? record : "", detail ? detail : "",
                            client, NULL, NULL};
    detail_hash(e.detail, dh);
    entry_hash(prev, id, &e, dh, hash);
    rc = stmt_take(&db->stmts, db->sql, &st,
                   "INSERT INTO audit (id, at, user, action, client_id, record, "
                   "detail, detail_hash, prev, hash) VALUES (?1, ?2, ?3, ?4, nullif(?5, 0), "
                   "?6, ?7, ?8, ?9, ?10)",
                   "ltttlttttt", id, at, user, action, client, e.record, e.detail, dh, prev, hash);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "audit", err);
    return step_done(db, st, "audit", err);
}

int audit_append(struct db *db, const char *action, long client, const char *record,
                 const char *detail, struct kv_error *err)
{
    return append_as(db, db->user, action, client, record, detail, err);
}

int audit_append_as(struct db *db, const char *user, const char *action, long client,
                    const char *record, const char *detail, struct kv_error *err)
{
    return append_as(db, user, action, client, record, detail, err);
}

int audit_append_skipped(struct db *db, long skipped, const char *from, struct kv_error *err)
{
    if (skipped <= 0)
        return KV_OK;
    char detail[96];
    if (from != NULL)
        snprintf(detail, sizeof detail, "{\"overgeslagen\":%ld,\"uit\":\"%s\"}", skipped, from);
    else
        snprintf(detail, sizeof detail, "{\"overgeslagen\":%ld}", skipped);
    return audit_append(db, "aanmeldingen_onleesbaar", 0, "", detail, err);
}

int audit_note(struct db *db, const char *action, long client, const char *record,
               const char *detail, struct kv_error *err)
{
    if (!sqlite3_get_autocommit(db->sql))
        return audit_append(db, action, client, record, detail, err);
    int rc = db_begin_untracked(db, err);
    if (rc != KV_OK)
        return rc;
    if ((rc = audit_append(db, action, client, record, detail, err)) != KV_OK) {
        db_rollback(db);
        return rc;
    }
    return db_commit_untracked(db, err);
}

int audit_changed_by_others(struct db *db, long *mark)
{
    sqlite3_stmt *st;
    int rc, setting = *mark < 0;
    /* From the mark on by rowid: the few entries since, never the whole log. */
    if (setting)
        rc = stmt_take(&db->stmts, db->sql, &st, "SELECT coalesce(max(id), 0), 0 FROM audit", "");
    else
        rc = stmt_take(&db->stmts, db->sql, &st,
                       "SELECT coalesce(max(id), ?1), coalesce(max(user <> ?2 AND action NOT IN "
                       "('inzien', 'bsn_inzien', 'export', 'waarneming', 'aanmelding_mislukt', "
                       "'aanmeldingen_onleesbaar')), 0) FROM audit WHERE id > ?1",
                       "lt", *mark, db->user);
    if (rc != SQLITE_OK)
        return -1;
    int changed = -1;
    if (sqlite3_step(st) == SQLITE_ROW) {
        changed = sqlite3_column_int(st, 1) != 0;
        *mark = (long)sqlite3_column_int64(st, 0);
    }
    stmtcache_release(db->stmts, st);
    return changed;
}

/* ---- JSON text for details --------------------------------------------------------- */

void audit_json_text(sqlite3_str *s, const char *t)
{
    sqlite3_str_appendchar(s, 1, '"');
    for (const unsigned char *p = (const unsigned char *)t; *p; p++) {
        if (*p == '"' || *p == '\\')
            sqlite3_str_appendf(s, "\\%c", *p);
        else if (*p == '\n')
            sqlite3_str_appendall(s, "\\n");
        else if (*p < 0x20 || *p == 0x7F)
            sqlite3_str_appendf(s, "\\u%04x", *p);
        else if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
            sqlite3_str_appendf(s, "\\u%04x", *++p); /* a C1 control, as JSON output has it */
        else
            sqlite3_str_appendchar(s, 1, (char)*p);
    }
    sqlite3_str_appendchar(s, 1, '"');
}

/* ---- reading ------------------------------------------------------------------------ */

/* A line a person reads: for a change the fields with old and new value, for a waarneming
 * its reason, for an export its format; for what a checkin carried from an offline copy
 * (offline.c) when it happened there, then what it was. */
#define SUMMARY_SQL                                                                                \
    "CASE WHEN NOT json_valid(detail) THEN '' "                                                    \
    "WHEN json_extract(detail, '$.offline_om') IS NOT NULL THEN 'offline kopie, ' || "             \
    "  json_extract(detail, '$.offline_om') || CASE action "                                       \
    "  WHEN 'export' THEN coalesce(': formaat ' || json_extract(detail, '$.kopie.formaat'), '') "  \
    "  WHEN 'aanmelding_mislukt' THEN "                                                            \
    "  coalesce(': ' || json_extract(detail, '$.kopie.reden'), '') "                               \
    "  ELSE '' END "                                                                               \
    "WHEN action = 'wijziging' THEN CASE json_extract(detail, '$.op') "                            \
    "  WHEN 'insert' THEN 'nieuw' WHEN 'delete' THEN 'verwijderd' "                                \
    "  ELSE coalesce((SELECT group_concat(o.key || ': ' || coalesce(o.atom, '(leeg)') || "         \
    "  ' -> ' || coalesce(json_extract(detail, '$.new.\"' || o.key || '\"'), '(leeg)'), "          \
    "  '; ') FROM json_each(detail, '$.old') o WHERE o.key IN (SELECT n.key FROM "                 \
    "  json_each(detail, '$.new') n)), '') END "                                                   \
    "WHEN action = 'waarneming' THEN 'reden: ' || json_extract(detail, '$.reden') "                \
    "WHEN action = 'export' THEN 'formaat ' || json_extract(detail, '$.formaat') "                 \
    "WHEN action = 'bsn_inzien' THEN 'volledig BSN getoond' "                                      \
    "WHEN action = 'aanmelding_mislukt' THEN json_extract(detail, '$.reden') "                     \
    "WHEN action = 'aanmeldingen_onleesbaar' THEN json_extract(detail, '$.overgeslagen') || "      \
    "  ' onleesbare regels overgeslagen' "                                                         \
    "WHEN action = 'purge' THEN 'afgesloten op ' || json_extract(detail, '$.afgesloten_op') "      \
    "  || ', ' || json_extract(detail, '$.rijen') || ' rijen gewist' "                             \
    "WHEN action = 'bulk' THEN json_extract(detail, '$.wat') || ', ' || "                          \
    "  json_extract(detail, '$.rijen') || ' rijen' "                                               \
    "ELSE '' END"

int audit_list(struct db *db, const struct audit_filter *f,
               int (*each)(const struct audit_entry *e, void *ctx), void *ctx, struct kv_error *err)
{
/* One client's entries are looked up by its index: SQLite cannot do that for
 * "?1 = 0 OR client_id = ?1", and a dossier's log then walked the whole audit log back
 * from the newest entry. */
#define AUDIT_LIST_SQL(client, order)                                                              \
    "SELECT id, at, user, action, coalesce(client_id, 0), record, detail, " SUMMARY_SQL            \
    ", CASE WHEN json_valid(detail) THEN json_extract(detail, '$.offline_om') END"                 \
    " FROM audit WHERE " client " AND (?2 IS NULL OR user = ?2) "                                  \
    "AND (?3 IS NULL OR substr(at, 1, 10) >= ?3) AND (?4 IS NULL OR substr(at, 1, 10) <= ?4) "     \
    "AND (?5 IS NULL OR action = ?5) ORDER BY id " order " LIMIT ?6"
    static const char *const sql[2][2] = {
        {AUDIT_LIST_SQL("?1 = 0", "ASC"), AUDIT_LIST_SQL("?1 = 0", "DESC")},
        {AUDIT_LIST_SQL("client_id = ?1", "ASC"), AUDIT_LIST_SQL("client_id = ?1", "DESC")},
    };
    sqlite3_stmt *st;
    int rc =
        stmt_prepare(db->sql, &st, sql[f->client != 0][f->newest_first != 0], "lttttl", f->client,
                     f->user, f->from, f->to, f->action, f->limit > 0 ? f->limit : -1L);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "audit", err);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct audit_entry e = {sqlite3_column_int64(st, 0),
                                (const char *)sqlite3_column_text(st, 1),
                                (const char *)sqlite3_column_text(st, 2),
                                (const char *)sqlite3_column_text(st, 3),
                                (const char *)sqlite3_column_text(st, 5),
                                (const char *)sqlite3_column_text(st, 6),
                                sqlite3_column_int64(st, 4),
                                (const char *)sqlite3_column_text(st, 7),
                                (const char *)sqlite3_column_text(st, 8)};
        if (e.summary == NULL)
            e.summary = "";
        if (each(&e, ctx)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, "audit", err);
}

int audit_changes(struct db *db, long entry,
                  int (*each)(const char *field, const char *old, const char *new_value, void *ctx),
                  void *ctx, struct kv_error *err)
{
    sqlite3_stmt *st;
    int rc = stmt_prepare(
        db->sql, &st,
        "SELECT n.key, (SELECT o.value FROM json_each(a.detail, '$.old') o WHERE o.key = n.key), "
        "n.value FROM audit a, json_each(a.detail, '$.new') n WHERE a.id = ?1 "
        "AND a.action = 'wijziging' AND json_valid(a.detail) "
        "AND json_extract(a.detail, '$.op') = 'update' ORDER BY n.id",
        "l", entry);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "audit changes", err);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (each((const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
                 (const char *)sqlite3_column_text(st, 2), ctx)) {
            rc = SQLITE_DONE;
            break;
        }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, "audit changes", err);
}

int audit_field(struct db *db, long entry, const char *field, char *out, size_t n,
                struct kv_error *err)
{
    sqlite3_stmt *st;
    out[0] = '\0';
    int rc = stmt_prepare(db->sql, &st,
                          "SELECT coalesce((SELECT n.value FROM json_each(a.detail, '$.new') n "
                          "WHERE n.key = ?2), (SELECT o.value FROM json_each(a.detail, '$.old') o "
                          "WHERE o.key = ?2)) FROM audit a WHERE a.id = ?1 AND a.action = "
                          "'wijziging' AND json_valid(a.detail)",
                          "lt", entry, field);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "audit field", err);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL)
        snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? KV_OK : db_fail(db, rc, "audit field", err);
}

static int purged_later(struct db *db, long id, long client)
{
    sqlite3_stmt *st;
    int yes = 0;
    if (stmt_prepare(db->sql, &st,
                     "SELECT 1 FROM audit WHERE action = 'purge' AND client_id = "
                     "?1 AND id > ?2",
                     "ll", client, id) != SQLITE_OK)
        return 0;
    yes = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return yes;
}

static const char *col(sqlite3_stmt *st, int i)
{
    const char *t = (const char *)sqlite3_column_text(st, i);
    return t ? t : "";
}

/* One entry against the chain so far; a Dutch reason when it does not fit. */
static int verify_one(struct db *db, sqlite3_stmt *st, struct audit_verdict *v)
{
    long id = sqlite3_column_int64(st, 0);
    struct audit_entry e = {id,
                            col(st, 1),
                            col(st, 2),
                            col(st, 3),
                            col(st, 5),
                            col(st, 6),
                            sqlite3_column_int64(st, 4),
                            NULL,
                            NULL};
    const char *dh = col(st, 7), *prev = col(st, 8), *hash = col(st, 9);
    char want[AUDIT_HASH_HEX];
    const char *why = NULL;
    if (id != v->head_id + 1)
        why = id > v->head_id + 1 ? "ontbreekt: de nummering heeft een gat"
                                  : "staat niet op volgorde";
    else if (strcmp(prev, v->head) != 0)
        why = "verwijst niet naar de vorige regel";
    if (why == NULL) {
        entry_hash(prev, id, &e, dh, want);
        if (strcmp(want, hash) != 0)
            why = "is gewijzigd (de hash klopt niet)";
    }
    if (why == NULL) {
        detail_hash(e.detail, want);
        if (strcmp(want, dh) != 0) {
            if (e.detail[0] == '\0' && e.client && purged_later(db, id, e.client))
                v->erased++;
            else
                why = "heeft een gewijzigde toelichting";
        }
    }
    if (why != NULL) {
        v->bad_id = id > v->head_id + 1 ? v->head_id + 1 : id;
        snprintf(v->why, sizeof v->why, "Auditregel %ld %s.", v->bad_id, why);
        return 1;
    }
    v->entries++;
    v->head_id = id;
    snprintf(v->head, sizeof v->head, "%s", hash);
    return 0;
}

int audit_verify(struct db *db, struct audit_verdict *v, struct kv_error *err)
{
    memset(v, 0, sizeof *v);
    memcpy(v->head, ZERO_HASH, sizeof v->head);
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db->sql,
                                "SELECT id, at, user, action, coalesce(client_id, 0), "
                                "record, detail, detail_hash, prev, hash FROM audit ORDER BY id",
                                -1, &st, NULL);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "audit", err);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && !verify_one(db, st, v))
        ;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(db, rc, "audit", err);
    return KV_OK;
}

int audit_erase_client(struct db *db, long client, struct kv_error *err)
{
    sqlite3_stmt *st;
    int rc = stmt_prepare(db->sql, &st, "UPDATE audit SET detail = '' WHERE client_id = ?1", "l",
                          client);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "audit erase", err);
    return step_done(db, st, "audit erase", err);
}

/* ---- failed logins ------------------------------------------------------------------ */

static char *side_path(const char *db_path)
{
    size_t n = strlen(db_path) + sizeof "-aanmeldingen";
    char *p = malloc(n);
    if (p != NULL)
        snprintf(p, n, "%s-aanmeldingen", db_path);
    return p;
}

/* The reasons a failed login is written with; a line with any other reason is not ours. */
static const char *const login_reasons[] = {"onbekende gebruiker", "onjuist wachtwoord",
                                            "ongeldige gebruikersnaam"};

/* A name that could not be a user is written as "?", so nothing the person typed (a tab,
 * a newline, a quote) reaches the side file. */
static const char INVALID_NAME[] = "?";

/* s's entry in list (so a caller may keep the list's own string), or NULL. */
static const char *one_of(const char *s, const char *const *list, size_t n)
{
    for (size_t i = 0; s != NULL && i < n; i++)
        if (strcmp(s, list[i]) == 0)
            return list[i];
    return NULL;
}

/* A failed login's name and reason as klantvolg writes them; the reason from the list. */
static const char *login_written(const char *user, const char *why)
{
    if (user == NULL || !(user_name_valid(user) || strcmp(user, INVALID_NAME) == 0))
        return NULL;
    return one_of(why, login_reasons, sizeof login_reasons / sizeof login_reasons[0]);
}

void audit_failed_login(const struct db *db, const char *why)
{
    const char *db_path = db->path, *user = db->user;
    struct stat dbst;
    char *path = side_path(db_path);
    if (path == NULL || stat(db_path, &dbst) != 0) {
        free(path);
        return;
    }
    int fd =
        open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, dbst.st_mode & 0660);
    free(path);
    if (fd < 0)
        return;
    struct stat st;
    if (fstat(fd, &st) == 0 && st.st_size == 0) {
        if (st.st_gid != dbst.st_gid)
            (void)!fchown(fd, (uid_t)-1, dbst.st_gid);
        /* The database's own bits, whatever the umask: on a shared server every user's
         * process writes here through the group. */
        (void)!fchmod(fd, dbst.st_mode & 0660);
    }
    if (!user_name_valid(user)) {
        user = INVALID_NAME;
        why = login_reasons[2];
    }
    char at[20], line[256];
    db_now(db, at);
    int n = snprintf(line, sizeof line, "%s\t%s\t%s\n", at, user, why);
    if (flock(fd, LOCK_EX) == 0 && n > 0 && (size_t)n < sizeof line)
        (void)!write(fd, line, (size_t)n);
    close(fd);
}

static int digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* "YYYY-MM-DD HH:MM:SS", a real date and time of day. */
static int timestamp_valid(const char *t)
{
    long day;
    char date[11];
    if (strlen(t) != 19 || !digits(t, 4) || t[4] != '-' || !digits(t + 5, 2) || t[7] != '-' ||
        !digits(t + 8, 2) || t[10] != ' ' || !digits(t + 11, 2) || t[13] != ':' ||
        !digits(t + 14, 2) || t[16] != ':' || !digits(t + 17, 2))
        return 0;
    memcpy(date, t, 10);
    date[10] = '\0';
    return date_parse(date, &day) && atoi(t + 11) < 24 && atoi(t + 14) < 60 && atoi(t + 17) < 60;
}

/* One line of the side file: "AT<TAB>USER<TAB>WHY", each field checked. The fields point
 * into line (which this cuts up); 0 for a line that is not one the writer makes. */
static int parse_login_line(char *line, const char **at, const char **user, const char **why)
{
    char *u = strchr(line, '\t'), *w = u ? strchr(u + 1, '\t') : NULL;
    if (w == NULL || strchr(w + 1, '\t') != NULL)
        return 0;
    *u++ = '\0';
    *w++ = '\0';
    if (!timestamp_valid(line) || (*why = login_written(u, w)) == NULL)
        return 0;
    *at = line;
    *user = u;
    return 1;
}

int audit_export_format_valid(const char *format)
{
    static const char *const formats[] = {"text", "json", "research", "plan"};
    return one_of(format, formats, sizeof formats / sizeof formats[0]) != NULL;
}

int audit_carried_valid(const struct audit_carried *c)
{
    if (c->action == NULL || c->at == NULL || !timestamp_valid(c->at) || c->record == NULL ||
        *c->record != '\0')
        return 0;
    if (strcmp(c->action, "aanmelding_mislukt") == 0)
        return c->client == 0 && login_written(c->user, c->reason) != NULL;
    if (c->client <= 0)
        return 0;
    if (strcmp(c->action, "export") == 0)
        return audit_export_format_valid(c->format);
    return strcmp(c->action, "inzien") == 0 || strcmp(c->action, "bsn_inzien") == 0;
}

/* Lines into entries: the user is who tried, the time when. Whoever can write the side
 * file can add lines, so each is held to the format the writer uses; the others are
 * skipped, and how many is itself an entry (by whoever took the file in). */
static int take_lines(struct db *db, char *text, struct kv_error *err)
{
    int rc = KV_OK;
    long skipped = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); rc == KV_OK && line;
         line = strtok_r(NULL, "\n", &save)) {
        const char *at, *user, *why;
        if (!parse_login_line(line, &at, &user, &why)) {
            skipped++;
            continue;
        }
        sqlite3_str *d = sqlite3_str_new(db->sql);
        sqlite3_str_appendall(d, "{\"tijd\":");
        audit_json_text(d, at);
        sqlite3_str_appendall(d, ",\"reden\":");
        audit_json_text(d, why);
        sqlite3_str_appendchar(d, 1, '}');
        char *detail = sqlite3_str_finish(d);
        rc = detail ? append_as(db, user, "aanmelding_mislukt", 0, "", detail, err)
                    : kv_error_nomem(err);
        sqlite3_free(detail);
    }
    return rc == KV_OK ? audit_append_skipped(db, skipped, NULL, err) : rc;
}

int audit_take_failed_logins(struct db *db, struct kv_error *err)
{
    char *path = side_path(db->path);
    if (path == NULL)
        return kv_error_nomem(err);
    int fd = open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW);
    free(path);
    if (fd < 0)
        return KV_OK; /* none, or not ours to take */
    struct stat st;
    int rc = KV_OK;
    if (flock(fd, LOCK_EX) != 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0 ||
        st.st_size > 1 << 20) {
        close(fd);
        return KV_OK;
    }
    char *text = malloc((size_t)st.st_size + 1);
    ssize_t got = text ? pread(fd, text, (size_t)st.st_size, 0) : -1;
    if (got == st.st_size) {
        text[got] = '\0';
        if ((rc = db_begin_untracked(db, err)) == KV_OK) {
            rc = take_lines(db, text, err);
            rc = rc == KV_OK ? db_commit_untracked(db, err) : (db_rollback(db), rc);
        }
        if (rc == KV_OK)
            (void)!ftruncate(fd, 0);
    }
    free(text);
    close(fd);
    return rc;
}
