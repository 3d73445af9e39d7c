/* view_dossier.c: one client's dossier, the overview: who, classification, duty or
 * exemption, communication needs shown first and marked, doelgroepen, klantmanager,
 * contact details, the client's signals and warnings, and what the file holds. The
 * fields come through the same dossier visitor as `klantvolg export`; signals and
 * warnings from the caseload's case file, so this screen agrees with every other. */
#include "tui/view.h"

#include "core/date.h"
#include "core/signals.h"
#include "core/warnings.h"
#include "storage/caseload.h"
#include "storage/dossier.h"
#include "tui/text.h"
#include "tui/theme.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum line_kind { L_TEXT, L_HEAD, L_ALERT, L_OVERDUE, L_SOON };

struct line {
    enum line_kind kind;
    char text[1100];
};

struct dossier {
    struct line *lines;
    size_t n, cap;
    /* collected by the visitor */
    int depth;
    char array[32];            /* the array being visited at depth 1 */
    char fields[24][2][200];   /* the client's own fields */
    int nfields;
    char codes[400];           /* doelgroepen */
    char since[16];
    int in_km;                 /* the assignment being read is a klantmanager's */
    int counts[12];            /* records per kind */
};

static const char *const kinds[] = {"classifications", "assignments", "intakes", "plans",
                                    "instruments", "contacts", "agreements", "outflows",
                                    "nazorg", "requests", "reminders", "signal_acks"};

static int kind_index(const char *k)
{
    for (int i = 0; i < 12; i++)
        if (strcmp(kinds[i], k) == 0)
            return i;
    return -1;
}

__attribute__((format(printf, 3, 4))) static void add(struct dossier *d, enum line_kind k,
                                                      const char *fmt, ...)
{
    if (d->n == d->cap) {
        size_t cap = d->cap ? 2 * d->cap : 32;
        struct line *v = realloc(d->lines, cap * sizeof *v);
        if (v == NULL)
            return;
        d->lines = v;
        d->cap = cap;
    }
    struct line *l = &d->lines[d->n++];
    l->kind = k;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(l->text, sizeof l->text, fmt, ap);
    va_end(ap);
}

/* ---- the visitor: keep what the overview shows -------------------------------------- */

static void v_begin_client(void *ctx) { ((struct dossier *)ctx)->depth = 0; }
static void v_end_client(void *ctx) { (void)ctx; }
static void v_begin_array(void *ctx, const char *key)
{
    struct dossier *d = ctx;
    if (d->depth == 0)
        snprintf(d->array, sizeof d->array, "%s", key);
    d->depth++;
}
static void v_end_array(void *ctx)
{
    struct dossier *d = ctx;
    if (--d->depth == 0)
        d->array[0] = '\0';
}
static void v_begin_object(void *ctx)
{
    struct dossier *d = ctx;
    if (d->depth == 1) {
        int k = kind_index(d->array);
        if (k >= 0)
            d->counts[k]++;
    }
    d->depth++;
}
static void v_end_object(void *ctx) { ((struct dossier *)ctx)->depth--; }
static void v_field(void *ctx, const char *key, sqlite3_value *v)
{
    struct dossier *d = ctx;
    const char *t = (const char *)sqlite3_value_text(v);
    if (d->depth == 0 && d->nfields < 24) {
        snprintf(d->fields[d->nfields][0], 200, "%s", key);
        snprintf(d->fields[d->nfields][1], 200, "%s", t ? t : "");
        d->nfields++;
    } else if (d->depth == 2 && strcmp(d->array, "assignments") == 0) {
        /* Assignments come oldest first: the last klantmanager's start is "since". */
        if (strcmp(key, "role_in_case") == 0)
            d->in_km = t && strcmp(t, "klantmanager") == 0;
        else if (strcmp(key, "from_date") == 0 && d->in_km)
            snprintf(d->since, sizeof d->since, "%s", t ? t : "");
    }
}
static void v_code(void *ctx, const char *code)
{
    struct dossier *d = ctx;
    size_t n = strlen(d->codes);
    snprintf(d->codes + n, sizeof d->codes - n, "%s%s", n ? ", " : "", code);
}

static const struct dossier_visitor collector = {
    v_begin_client, v_end_client, v_begin_array, v_end_array, v_begin_object, v_end_object,
    v_field, v_code,
};

static const char *field(const struct dossier *d, const char *key)
{
    for (int i = 0; i < d->nfields; i++)
        if (strcmp(d->fields[i][0], key) == 0)
            return d->fields[i][1];
    return "";
}

static const char *nl_date(const char *iso, char out[11])
{
    long day;
    if (iso && date_parse(iso, &day)) {
        date_format_nl(day, out);
        return out;
    }
    return "-";
}

/* ---- the lines ---------------------------------------------------------------------- */

static void overview(struct dossier *d, const struct client_summary *c)
{
    char a[11], b[11], needs[300];
    /* "laaggeletterd,begeleider" as stored; ", " between them to read. */
    size_t k = 0;
    for (const char *p = field(d, "communication_needs"); *p && k + 2 < sizeof needs; p++) {
        needs[k++] = *p;
        if (*p == ',')
            needs[k++] = ' ';
    }
    needs[k] = '\0';
    add(d, L_HEAD, "%s %s   (%s)", field(d, "first_name"), field(d, "last_name"), c->bsn_masked);
    if (*needs)
        add(d, L_ALERT, "Communicatie: %s", needs); /* tolk, begeleider, laaggeletterd: first */
    add(d, L_TEXT, "Status: %s    Indeling: %s    Gemeente: %s", field(d, "status"),
        *c->classification ? c->classification : "-", field(d, "municipality"));
    const char *duty = field(d, "arbeidsverplichting");
    if (strcmp(duty, "vrijgesteld") == 0)
        add(d, L_ALERT, "Vrijgesteld van de arbeidsverplichting tot %s: %s",
            nl_date(field(d, "vrijstelling_until"), a), field(d, "vrijstelling_reason"));
    else
        add(d, L_TEXT, "Arbeidsverplichting: %s", duty);
    add(d, L_TEXT, "Doelgroepen: %s", *d->codes ? d->codes : "-");
    add(d, L_TEXT, "Klantmanager: %s sinds %s", *c->caseworker ? c->caseworker : "niet toegewezen",
        nl_date(d->since, b));
    add(d, L_TEXT, "Telefoon: %s    E-mail: %s    gecontroleerd op %s", field(d, "phone"),
        field(d, "email"), nl_date(field(d, "contact_verified_on"), a));
    add(d, L_TEXT, "Aangemeld %s, uitkering sinds %s", nl_date(field(d, "applied_on"), a),
        nl_date(field(d, "benefit_start"), b));
}

static void signals_and_warnings(struct dossier *d, const struct case_file *f, long today,
                                 struct db *db)
{
    struct signal_config cfg;
    struct kv_error err;
    struct signal_list s = {0};
    struct case_warning_list w = {0};
    char due[11];
    add(d, L_TEXT, "%s", "");
    add(d, L_HEAD, "%s", "SIGNALEN");
    if (config_signals(db, &cfg, &err) == KV_OK && signals_compute(f, &cfg, today, &s) == 0) {
        signals_sort(&s);
        for (size_t i = 0; i < s.n; i++) {
            date_format_nl(s.v[i].due, due);
            add(d, s.v[i].severity == SEV_OVERDUE ? L_OVERDUE
                   : s.v[i].severity == SEV_DUE_SOON ? L_SOON : L_TEXT,
                "%-10s  %s", due, s.v[i].reason);
        }
        config_signals_free(&cfg);
    }
    if (s.n == 0)
        add(d, L_TEXT, "%s", "geen");
    signals_free(&s);
    if (casefile_warnings(f, today, &w) == 0 && w.n > 0) {
        add(d, L_TEXT, "%s", "");
        add(d, L_HEAD, "%s", "WAARSCHUWINGEN");
        for (size_t i = 0; i < w.n; i++)
            add(d, L_ALERT, "%s", w.v[i].text);
    }
    case_warnings_free(&w);
}

static void contents(struct dossier *d)
{
    add(d, L_TEXT, "%s", "");
    add(d, L_HEAD, "%s", "DOSSIER");
    add(d, L_TEXT, "Intakes %d  Plannen %d  Instrumenten %d  Contacten %d  Afspraken %d",
        d->counts[2], d->counts[3], d->counts[4], d->counts[5], d->counts[6]);
    add(d, L_TEXT, "Uitstroom %d  Nazorg %d  Vragen %d  Herinneringen %d  Toewijzingen %d",
        d->counts[7], d->counts[8], d->counts[9], d->counts[10], d->counts[1]);
}

/* ---- the view ----------------------------------------------------------------------- */

static void header(struct view *v, int y, int w)
{
    (void)v;
    attrset(A_BOLD);
    text_draw(y, 0, w, "OVERZICHT", 1);
    attrset(theme_attr(TH_NORMAL));
}

static void row(struct view *v, int i, int selected, int y, int w)
{
    const struct line *l = &((struct dossier *)v->data)->lines[i];
    int attr = l->kind == L_HEAD ? (int)A_BOLD
               : l->kind == L_ALERT || l->kind == L_OVERDUE ? theme_attr(TH_OVERDUE)
               : l->kind == L_SOON ? theme_attr(TH_DUE_SOON) : theme_attr(TH_NORMAL);
    attrset(attr | (selected ? theme_attr(TH_SELECTED) : 0));
    /* Marked in text as well as colour, for monochrome terminals. */
    char buf[1200];
    snprintf(buf, sizeof buf, "%s%s", l->kind == L_ALERT ? "! " : l->kind == L_OVERDUE ? "! "
                                      : l->kind == L_SOON ? "* " : "", l->text);
    text_draw(y, 0, w, buf, 1);
    attrset(theme_attr(TH_NORMAL));
}

static void count_line(struct view *v, char *buf, size_t n)
{
    (void)v;
    snprintf(buf, n, "q of Esc: terug naar de werkvoorraad");
}

static int handle(struct view *v, enum action a)
{
    (void)v;
    (void)a;
    return 0;
}

static void free_dossier(struct view *v)
{
    struct dossier *d = v->data;
    free(d->lines);
    free(d);
    free(v);
}

struct view *view_dossier_new(struct db *db, const struct case_file *f,
                              const struct client_summary *c, long today, struct kv_error *err)
{
    struct view *v = calloc(1, sizeof *v);
    struct dossier *d = calloc(1, sizeof *d);
    if (v == NULL || d == NULL) {
        free(v);
        free(d);
        kv_error_set(err, KV_ERR, "out of memory", "Onvoldoende geheugen.");
        return NULL;
    }
    if (dossier_export(db, c->id, &collector, d, err) != KV_OK) {
        free(d);
        free(v);
        return NULL;
    }
    overview(d, c);
    signals_and_warnings(d, f, today, db);
    contents(d);
    *v = (struct view){.title = "dossier", .rows = (int)d->n, .header = header, .row = row,
                       .count_line = count_line, .handle = handle, .free = free_dossier, .data = d};
    return v;
}
