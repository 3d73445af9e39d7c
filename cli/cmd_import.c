/* cmd_import.c: `klantvolg import FILE`: dossiers as JSON lines (the export format), or a
 * CSV client list with a header row. All or nothing: the first bad line rejects the file
 * with its line number, the field and the reason, and nothing is written. */
#include "cli/cli.h"
#include "core/rules.h"
#include "host/priv.h"
#include "host/env.h"
#include "cli/jsonread.h"
#include "host/out.h"
#include "core/date.h"
#include "core/utf8.h"
#include "storage/dossier.h"
#include "storage/records.h"
#include "storage/assignments.h"
#include "storage/txn.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FILE (512L * 1024 * 1024)

/* ---- the JSON tree as a dossier source --------------------------------------------- */

static const struct jval *J(const struct dossier_node *n)
{
    return (const struct jval *)n;
}
static enum dossier_kind j_kind(const struct dossier_node *n)
{
    switch (J(n)->t) {
    case J_NULL:
        return DV_NULL;
    case J_BOOL:
        return DV_BOOL;
    case J_INT:
        return DV_INT;
    case J_STR:
        return DV_TEXT;
    case J_ARR:
        return DV_ARRAY;
    default:
        return DV_OBJECT;
    }
}
static long long j_int(const struct dossier_node *n)
{
    return J(n)->i;
}
static const char *j_text(const struct dossier_node *n)
{
    return J(n)->s;
}
static const struct dossier_node *j_get(const struct dossier_node *o, const char *k)
{
    return (const struct dossier_node *)json_get(J(o), k);
}
static size_t j_count(const struct dossier_node *n)
{
    return J(n)->n;
}
static const struct dossier_node *j_item(const struct dossier_node *a, size_t i)
{
    return (const struct dossier_node *)&J(a)->items[i];
}
static const char *j_key(const struct dossier_node *o, size_t i)
{
    return J(o)->members[i].key;
}

static const struct dossier_source json_source = {j_kind,  j_int,  j_text, j_get,
                                                  j_count, j_item, j_key};

/* ---- reading the file -------------------------------------------------------------- */

static char *slurp(const char *path, size_t *len, struct kv_error *err)
{
    FILE *f = priv_fopen_user(path, "rb"); /* hers: read with her own ids */
    if (f == NULL) {
        kv_error_set(err, KV_ERR, strerror(errno), "Kan %s niet lezen: %s.", path, strerror(errno));
        return NULL;
    }
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap + 1);
    while (buf != NULL) {
        if (n == cap) {
            if ((long)cap >= MAX_FILE) {
                free(buf);
                buf = NULL;
                kv_error_set(err, KV_ERR, "too large", "%s is te groot (meer dan 512 MiB).", path);
                break;
            }
            char *b = realloc(buf, 2 * cap + 1);
            if (b == NULL) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = b;
            cap *= 2;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0)
            break;
    }
    if (buf != NULL && ferror(f)) {
        free(buf);
        buf = NULL;
        kv_error_set(err, KV_ERR, "read error", "Kan %s niet lezen.", path);
    }
    fclose(f);
    if (buf != NULL) {
        buf[n] = '\0';
        *len = n;
    } else if (err->status == KV_OK) {
        kv_error_nomem(err);
    }
    return buf;
}

/* Next line of [*p, end) without its newline; returns NULL at the end. */
static const char *next_line(const char **p, const char *end, size_t *len)
{
    if (*p >= end)
        return NULL;
    const char *s = *p, *nl = memchr(s, '\n', (size_t)(end - s));
    const char *e = nl ? nl : end;
    *p = nl ? nl + 1 : end;
    *len = (size_t)(e - s);
    if (*len > 0 && s[*len - 1] == '\r')
        (*len)--;
    return s;
}

static int line_error(long line, const struct kv_error *inner, struct kv_error *err)
{
    return kv_error_set(err, KV_ERR, inner->detail, "regel %ld: %s; er is niets ingelezen.", line,
                        inner->msg);
}

/* A byte-order mark, as some editors and spreadsheets write before UTF-8 text. */
static size_t bom(const char *buf, size_t len)
{
    return len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
}

static int import_json(struct db *db, const char *buf, size_t len, const char *now, long *count,
                       struct kv_error *err)
{
    const char *p = buf + bom(buf, len), *end = buf + len, *s;
    size_t n;
    long line = 0;
    while ((s = next_line(&p, end, &n)) != NULL) {
        line++;
        size_t k = 0;
        while (k < n && (s[k] == ' ' || s[k] == '\t'))
            k++;
        if (k == n)
            continue; /* blank lines are allowed */
        struct jval v;
        char msg[200];
        size_t col;
        struct kv_error inner;
        if (json_parse(s, n, &v, msg, sizeof msg, &col) != 0) {
            kv_error_set(&inner, KV_ERR, "json", "%s (kolom %zu)", msg, col);
            return line_error(line, &inner, err);
        }
        kv_error_clear(&inner);
        int rc = dossier_import(db, &json_source, (const struct dossier_node *)&v, now, &inner);
        json_free(&v);
        if (rc != KV_OK)
            return line_error(line, &inner, err);
        (*count)++;
    }
    return KV_OK;
}

/* ---- CSV --------------------------------------------------------------------------- */

#define CSV_MAX_COLS 32

/* Split one CSV record (quotes with "" escapes) into fields, in place in out. -1: not
 * CSV; -2: a NUL byte in field *nf - 1 (it would cut the text where it stands). */
static int csv_fields(const char *s, size_t n, char sep, char *out, char **fields, int *nf)
{
    if (memchr(s, '\0', n) != NULL) {
        const char *nul = memchr(s, '\0', n);
        int quoted = 0;
        *nf = 1;
        for (const char *c = s; c < nul; c++)
            if (*c == '"')
                quoted = !quoted;
            else if (*c == sep && !quoted)
                (*nf)++;
        return -2;
    }
    size_t i = 0;
    char *o = out;
    *nf = 0;
    for (;;) {
        if (*nf == CSV_MAX_COLS)
            return -1;
        fields[(*nf)++] = o;
        if (i < n && s[i] == '"') {
            i++;
            for (;;) {
                if (i >= n)
                    return -1; /* unterminated quote */
                if (s[i] == '"' && i + 1 < n && s[i + 1] == '"') {
                    *o++ = '"';
                    i += 2;
                } else if (s[i] == '"') {
                    i++;
                    break;
                } else {
                    *o++ = s[i++];
                }
            }
            if (i < n && s[i] != sep)
                return -1;
        } else {
            while (i < n && s[i] != sep)
                *o++ = s[i++];
        }
        *o++ = '\0';
        if (i >= n)
            return 0;
        i++; /* the separator */
    }
}

static const char *const required[] = {
    "bsn",      "voornaam",     "achternaam",     "geboortedatum",
    "gemeente", "klantmanager", "uitkering_sinds"};
#define N_REQUIRED (sizeof required / sizeof required[0])

static int csv_date(const char *field, const char *v, long *out, struct kv_error *inner)
{
    if (*v == '\0') {
        *out = NO_DATE;
        return KV_OK;
    }
    if (!date_parse(v, out))
        return kv_error_set(inner, KV_EUSAGE, "bad date",
                            "veld %s: '%s' is geen datum "
                            "(JJJJ-MM-DD of D-M-JJJJ)",
                            field, v);
    return KV_OK;
}

static int import_csv(struct db *db, const char *buf, size_t len, const char *now, long today,
                      long *count, struct kv_error *err)
{
    const char *p = buf, *end = buf + len, *s;
    size_t n;
    long line = 0;
    int col[N_REQUIRED], optional_status = -1, nh;
    char *fields[CSV_MAX_COLS], *header[CSV_MAX_COLS];
    struct kv_error inner;
    kv_error_clear(&inner);
    char *work = malloc(len + 1);
    if (work == NULL)
        return kv_error_nomem(err);
    p += bom(buf, len);
    s = next_line(&p, end, &n);
    line = 1;
    char sep = s && memchr(s, ';', n) && !memchr(s, ',', n) ? ';' : ',';
    int rc = KV_OK;
    if (s != NULL && !utf8_valid(s, n))
        kv_error_set(&inner, KV_EUSAGE, "utf8 header",
                     "de kopregel is geen geldige UTF-8 (sla "
                     "het bestand op als UTF-8)");
    else if (s == NULL || csv_fields(s, n, sep, work, fields, &nh) != 0)
        kv_error_set(&inner, KV_EUSAGE, "bad header", "de kopregel is onleesbaar");
    if (inner.status != KV_OK) {
        rc = line_error(line, &inner, err);
        goto out;
    }
    for (size_t r = 0; r < N_REQUIRED; r++) {
        col[r] = -1;
        for (int h = 0; h < nh; h++)
            if (strcmp(fields[h], required[r]) == 0)
                col[r] = h;
        if (col[r] < 0) {
            kv_error_set(&inner, KV_EUSAGE, "missing column",
                         "kolom '%s' ontbreekt in de "
                         "kopregel (nodig: bsn, voornaam, achternaam, geboortedatum, gemeente, "
                         "klantmanager, uitkering_sinds)",
                         required[r]);
            rc = line_error(line, &inner, err);
            goto out;
        }
    }
    for (int h = 0; h < nh; h++) {
        header[h] = fields[h];
        if (strcmp(fields[h], "status") == 0)
            optional_status = h;
    }
    char *hwork = malloc(len + 1);
    if (hwork == NULL) {
        rc = kv_error_nomem(err);
        goto out;
    }
    while ((s = next_line(&p, end, &n)) != NULL) {
        line++;
        if (n == 0)
            continue;
        int nf, split;
        kv_error_clear(&inner);
        if (!utf8_valid(s, n))
            kv_error_set(&inner, KV_EUSAGE, "utf8",
                         "ongeldige UTF-8 (sla het bestand op als UTF-8)");
        else if ((split = csv_fields(s, n, sep, hwork, fields, &nf)) == -2)
            kv_error_set(&inner, KV_EUSAGE, "nul",
                         "veld %s: bevat een nulteken (NUL), dat de "
                         "tekst zou afbreken",
                         nf <= nh ? header[nf - 1] : "buiten de kopregel");
        else if (split != 0 || nf != nh)
            kv_error_set(&inner, KV_EUSAGE, "columns", "%d kolommen verwacht zoals in de kopregel",
                         nh);
        long birth = NO_DATE, since = NO_DATE, id = 0;
        if (inner.status == KV_OK &&
            csv_date("geboortedatum", fields[col[3]], &birth, &inner) == KV_OK &&
            csv_date("uitkering_sinds", fields[col[6]], &since, &inner) == KV_OK) {
            struct client_in c = {0};
            c.bsn = fields[col[0]];
            c.first_name = fields[col[1]];
            c.last_name = fields[col[2]];
            c.birth_date = birth;
            c.municipality = fields[col[4]];
            c.benefit_start = since;
            c.applied_on = since;
            c.contact_verified_on = c.vrijstelling_until = NO_DATE;
            /* A caseload from another system was taken in there: active unless the file
             * says aanmelding. */
            const char *st = optional_status >= 0 ? fields[optional_status] : "";
            c.came_active = strcmp(st, "aanmelding") != 0;
            if ((!*st || rules_client_status(st, &inner) == KV_OK) &&
                records_client_add(db, &c, now, &id, &inner) == KV_OK && *fields[col[5]])
                assignments_open(db, id, fields[col[5]], "klantmanager",
                                 since != NO_DATE ? since : today, "", NO_DATE, now, &inner);
        }
        if (inner.status != KV_OK) {
            rc = line_error(line, &inner, err);
            break;
        }
        (*count)++;
    }
    free(hwork);
out:
    free(work);
    return rc;
}

int cmd_import(struct cli *c)
{
    struct kv_error err;
    kv_error_clear(&err);
    if (cli_expect(c, OPT_DB | OPT_USER | OPT_PASSFD, 2, "import verwacht één bestand") != 0)
        return KV_EUSAGE;
    size_t len = 0;
    long today;
    if (env_today(&today, &err) != KV_OK)
        return cli_report(&err);
    char *buf = slurp(c->a.words[1], &len, &err);
    if (buf == NULL)
        return cli_report(&err);
    struct db *db;
    int rc = cli_open(c, 0, &db);
    if (rc != 0) {
        free(buf);
        return rc;
    }
    if (!role_oversees(db->role)) {
        kv_error_set(&err, KV_EAUTH, "role", "Alleen een beheerder of teamleider mag importeren.");
        rc = cli_report(&err);
        goto out;
    }
    size_t k = bom(buf, len);
    while (k < len && (buf[k] == ' ' || buf[k] == '\n' || buf[k] == '\r' || buf[k] == '\t'))
        k++;
    long count = 0;
    if ((rc = db_begin_bulk(db, "import", &err)) == KV_OK) {
        rc = k < len && buf[k] == '{' ? import_json(db, buf, len, c->now, &count, &err)
                                      : import_csv(db, buf, len, c->now, today, &count, &err);
        rc = rc == KV_OK ? db_commit(db, &err) : (db_rollback(db), rc);
    }
    if (rc != KV_OK) {
        rc = cli_report(&err);
        goto out;
    }
    out_printf(stdout, "%ld klanten ingelezen uit %s.\n", count, c->a.words[1]);
    rc = 0;
out:
    db_close(db);
    free(buf);
    return rc;
}
