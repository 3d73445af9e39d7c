#include "doc/plan.h"

#include "doc/html.h"
#include "core/date.h"
#include "storage/catalogue.h"
#include "storage/dossier.h"
#include "storage/users.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ---- the dossier as a small tree (from the export visitor) ----------------------------- */

struct pn {
    char *key, *val; /* val NULL for arrays, objects and SQL NULL */
    struct pn **kid;
    size_t n, cap;
    struct pn *up;
};

struct builder {
    struct pn *root, *cur;
    int oom;
};

static struct pn *add(struct builder *b, const char *key, const char *val)
{
    struct pn *p = b->cur, *k = calloc(1, sizeof *k);
    if (k == NULL || p == NULL ||
        (p->n == p->cap &&
         (p->kid = realloc(p->kid, (p->cap = p->cap ? 2 * p->cap : 8) * sizeof *p->kid)) == NULL)) {
        free(k);
        b->oom = 1;
        return NULL;
    }
    k->key = strdup(key ? key : "");
    k->val = val ? strdup(val) : NULL;
    k->up = p;
    p->kid[p->n++] = k;
    return k;
}

static void pn_free(struct pn *p)
{
    if (p == NULL)
        return;
    for (size_t i = 0; i < p->n; i++)
        pn_free(p->kid[i]);
    free(p->kid);
    free(p->key);
    free(p->val);
    free(p);
}

static void v_begin_client(void *ctx)
{
    struct builder *b = ctx;
    if ((b->root = calloc(1, sizeof *b->root)) == NULL)
        b->oom = 1;
    b->cur = b->root;
}
static void v_end(void *ctx)
{
    struct builder *b = ctx;
    if (b->cur && b->cur->up)
        b->cur = b->cur->up;
}
static void v_push(void *ctx, const char *key)
{
    struct builder *b = ctx;
    struct pn *k = add(b, key, NULL);
    if (k)
        b->cur = k;
}
static void v_begin_object(void *ctx)
{
    v_push(ctx, "");
}
static void v_end_client(void *ctx)
{
    (void)ctx;
}
static void v_field(void *ctx, const char *key, sqlite3_value *v)
{
    add(ctx, key,
        v && sqlite3_value_type(v) != SQLITE_NULL ? (const char *)sqlite3_value_text(v) : NULL);
}
static void v_code(void *ctx, const char *code)
{
    add(ctx, "", code);
}

static const struct dossier_visitor tree_visitor = {
    v_begin_client, v_end_client, v_push, v_end, v_begin_object, v_end, v_field, v_code,
};

static const struct pn *get(const struct pn *o, const char *key)
{
    for (size_t i = 0; o && i < o->n; i++)
        if (strcmp(o->kid[i]->key, key) == 0)
            return o->kid[i];
    return NULL;
}

static const char *txt(const struct pn *o, const char *key)
{
    const struct pn *k = get(o, key);
    return k && k->val ? k->val : "";
}

/* ---- writing ---------------------------------------------------------------------------- */

struct labels {
    struct catalogue_entry *e;
    size_t n;
};

static const char *label(const struct labels *l, const char *kind, const char *code)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->e[i].kind, kind) == 0 && strcmp(l->e[i].code, code) == 0)
            return l->e[i].label;
    return code;
}

struct doc {
    FILE *f;
    const struct pn *client, *plan;
    struct labels lab;
    int plain; /* laaggeletterd or dyslexie: larger type, plain headings */
    char km_name[160];
};

static void heading(struct doc *d, const char *usual, const char *plain)
{
    fprintf(d->f, "<h2>%s</h2>\n", d->plain ? plain : usual);
}

/* A status code as words: "niet_behaald" is "niet behaald". */
static void words(FILE *f, const char *code)
{
    for (const char *p = code; *p; p++)
        if (*p == '_')
            fputc(' ', f);
        else
            html_esc(f, (char[]){*p, '\0'});
}

static void row(FILE *f, const char *head, const char *val)
{
    fprintf(f, "<tr><th>%s</th><td>", head);
    html_esc(f, *val ? val : "—");
    fputs("</td></tr>\n", f);
}

static void date_row(FILE *f, const char *head, const char *iso)
{
    fprintf(f, "<tr><th>%s</th><td>", head);
    html_long_date(f, iso);
    fputs("</td></tr>\n", f);
}

/* What the plan adds to the shared style: larger type on request, goals, signatures. */
static const char STYLE[] =
    "body.eenvoudig { font-size: 14pt; line-height: 1.6; }\n"
    ".gemeente { color: #555; margin: 0 0 1em; }\n"
    "table.gegevens th { width: 32%; font-weight: normal; color: #444; }\n"
    "table.lijst th { border-bottom: 1px solid #999; }\n"
    "table.lijst td { border-bottom: 1px solid #ddd; }\n"
    ".doel { page-break-inside: avoid; border-left: 4px solid #1f5f8b; padding-left: .6em;"
    " margin-bottom: .8em; }\n"
    ".geen { color: #555; font-style: italic; }\n"
    ".handtekeningen { display: flex; gap: 10mm; margin-top: 1em; page-break-inside: avoid; }\n"
    ".handtekening { flex: 1; border: 1px solid #999; padding: .6em; min-height: 42mm; }\n"
    ".lijn { border-bottom: 1px solid #111; height: 14mm; }\n"
    ".voet { margin-top: 2em; font-size: .85em; color: #555; }\n";

static void head(struct doc *d, long today)
{
    FILE *f = d->f;
    char made[11];
    date_format_iso(today, made);
    char title[400];
    snprintf(title, sizeof title, "Plan van aanpak — %s %s", txt(d->client, "first_name"),
             txt(d->client, "last_name"));
    html_begin(f, title, STYLE, d->plain ? "eenvoudig" : NULL);
    fputs("<h1>Plan van aanpak</h1>\n<p class=\"gemeente\">", f);
    if (*txt(d->client, "municipality")) {
        fputs("Gemeente ", f);
        html_esc(f, txt(d->client, "municipality"));
        fputs(" — ", f);
    }
    fputs("Participatiewet</p>\n<table class=\"gegevens\">\n", f);
    char name[300];
    snprintf(name, sizeof name, "%s %s", txt(d->client, "first_name"), txt(d->client, "last_name"));
    row(f, d->plain ? "Uw naam" : "Naam", name);
    date_row(f, "Geboortedatum", txt(d->client, "birth_date"));
    row(f, "BSN", txt(d->client, "bsn"));
    row(f, d->plain ? "Uw klantmanager" : "Klantmanager", d->km_name);
    date_row(f, d->plain ? "Dit plan is besproken op" : "Besproken op",
             txt(d->plan, "discussed_on"));
    date_row(f, "Datum van het plan", txt(d->plan, "date"));
    row(f, d->plain ? "Bent u het eens met dit plan" : "Akkoord van de klant",
        strcmp(txt(d->plan, "client_agreed"), "1") == 0 ? "ja" : "nog niet vastgelegd");
    date_row(f, "Afgedrukt op", made);
    fputs("</table>\n", f);
}

static void goals(struct doc *d, const struct pn *goal_list)
{
    static const struct {
        const char *key, *usual, *plain;
    } parts[] = {
        {"specifiek", "Specifiek", "Wat"},
        {"meetbaar", "Meetbaar", "Hoe zien we dat het lukt"},
        {"acceptabel", "Acceptabel", "Waarom u dit wilt"},
        {"realistisch", "Realistisch", "Waarom dit kan"},
        {"tijdgebonden", "Tijdgebonden", "Wanneer"},
    };
    heading(d, "Doelen", "Wat wilt u bereiken?");
    if (goal_list == NULL || goal_list->n == 0) {
        fputs("<p class=\"geen\">Geen doelen in dit plan.</p>\n", d->f);
        return;
    }
    for (size_t i = 0; i < goal_list->n; i++) {
        const struct pn *g = goal_list->kid[i];
        fprintf(d->f, "<div class=\"doel\">\n<h3>Doel %zu: ", i + 1);
        html_esc(d->f, txt(g, "specifiek"));
        fputs("</h3>\n<table class=\"gegevens\">\n", d->f);
        for (size_t k = 1; k < sizeof parts / sizeof parts[0]; k++)
            row(d->f, d->plain ? parts[k].plain : parts[k].usual, txt(g, parts[k].key));
        date_row(d->f, d->plain ? "Klaar op" : "Deadline", txt(g, "deadline"));
        fputs("<tr><th>Stand</th><td>", d->f);
        words(d->f, txt(g, "status"));
        fputs("</td></tr>\n", d->f);
        if (*txt(g, "evaluation"))
            row(d->f, "Evaluatie", txt(g, "evaluation"));
        fputs("</table>\n</div>\n", d->f);
    }
}

/* Instruments that belong to this plan: planned or running, or linked to one of its goals
 * (the export numbers goals across all plans in order, so count the goals before it). */
static void instruments(struct doc *d, size_t first_goal, size_t ngoals)
{
    const struct pn *list = get(d->client, "instruments");
    heading(d, "Instrumenten", "Wat gaan we doen?");
    int any = 0;
    for (size_t i = 0; list && i < list->n; i++) {
        const struct pn *in = list->kid[i];
        const char *st = txt(in, "status"), *goal = txt(in, "goal");
        long gi = *goal ? atol(goal) : -1;
        int linked = gi >= (long)first_goal && gi < (long)(first_goal + ngoals);
        if (!linked && strcmp(st, "lopend") != 0 && strcmp(st, "gepland") != 0)
            continue;
        if (!any++)
            fprintf(d->f,
                    "<table class=\"lijst\">\n<tr><th>%s</th><th>Aanbieder</th><th>Van"
                    "</th><th>Tot</th><th>Stand</th><th>Doel</th></tr>\n",
                    d->plain ? "Wat" : "Instrument");
        fputs("<tr><td>", d->f);
        html_esc(d->f, label(&d->lab, "instrument", txt(in, "instrument")));
        fputs("</td><td>", d->f);
        html_esc(d->f, *txt(in, "provider") ? txt(in, "provider") : "—");
        fputs("</td><td>", d->f);
        html_long_date(d->f, txt(in, "start"));
        fputs("</td><td>", d->f);
        html_long_date(d->f,
                       *txt(in, "actual_end") ? txt(in, "actual_end") : txt(in, "planned_end"));
        fputs("</td><td>", d->f);
        words(d->f, st);
        if (linked)
            fprintf(d->f, "</td><td>%ld</td></tr>\n", gi - (long)first_goal + 1);
        else
            fputs("</td><td>—</td></tr>\n", d->f);
    }
    fputs(any ? "</table>\n" : "<p class=\"geen\">Nog geen instrumenten.</p>\n", d->f);
}

static void agreements(struct doc *d)
{
    const struct pn *list = get(d->client, "agreements");
    heading(d, "Afspraken", "Wat spreken we af?");
    int any = 0;
    for (size_t i = 0; list && i < list->n; i++) {
        const struct pn *a = list->kid[i];
        if (*txt(a, "done_on"))
            continue;
        if (!any++)
            fputs("<table class=\"lijst\">\n<tr><th>Afspraak</th><th>Uiterlijk</th></tr>\n", d->f);
        fputs("<tr><td>", d->f);
        html_esc(d->f, txt(a, "text"));
        fputs("</td><td>", d->f);
        html_long_date(d->f, txt(a, "due"));
        fputs("</td></tr>\n", d->f);
    }
    fputs(any ? "</table>\n" : "<p class=\"geen\">Geen open afspraken.</p>\n", d->f);
    fprintf(d->f, "<p>%s: %s.</p>\n", d->plain ? "Moet u solliciteren" : "Sollicitatieplicht",
            strcmp(txt(d->plan, "demands_applications"), "1") == 0 ? "ja" : "nee");
}

static void comments_and_signatures(struct doc *d)
{
    FILE *f = d->f;
    heading(d, "Opmerkingen van de klant", "Wat u zelf zegt over dit plan");
    if (*txt(d->plan, "client_comments")) {
        fputs("<p>", f);
        html_esc(f, txt(d->plan, "client_comments"));
        fputs("</p>\n", f);
    } else {
        fputs("<p class=\"geen\">Geen opmerkingen vastgelegd.</p>\n<div class=\"lijn\"></div>"
              "\n<div class=\"lijn\"></div>\n",
              f);
    }
    heading(d, "Ondertekening", "Zetten we er onze handtekening onder?");
    fputs("<div class=\"handtekeningen\">\n<div class=\"handtekening\"><strong>Klant</strong><br/>",
          f);
    html_esc(f, txt(d->client, "first_name"));
    fputc(' ', f);
    html_esc(f, txt(d->client, "last_name"));
    fputs("<br/>Datum:<div class=\"lijn\"></div>Handtekening:<div class=\"lijn\"></div></div>\n"
          "<div class=\"handtekening\"><strong>Klantmanager</strong><br/>",
          f);
    html_esc(f, d->km_name);
    fputs("<br/>Datum:<div class=\"lijn\"></div>Handtekening:<div class=\"lijn\"></div></div>\n"
          "</div>\n<p class=\"voet\">Dit plan is gemaakt op grond van de Participatiewet. Bent u "
          "het niet eens met een onderdeel, zeg het uw klantmanager of schrijf het hierboven bij "
          "uw opmerkingen.</p>\n",
          f);
    html_end(f);
}

/* The newest plan (by its date; the export keeps the order of entry) and the number of
 * goals in the plans before it, which is how instruments refer to goals. */
static const struct pn *current_plan(const struct pn *client, size_t *first_goal)
{
    const struct pn *plans = get(client, "plans"), *best = NULL;
    size_t count = 0;
    for (size_t i = 0; plans && i < plans->n; i++) {
        const struct pn *p = plans->kid[i], *g = get(p, "goals");
        if (best == NULL || strcmp(txt(p, "date"), txt(best, "date")) >= 0) {
            best = p;
            *first_goal = count;
        }
        count += g ? g->n : 0;
    }
    return best;
}

/* The klantmanager now: the open assignment in that role, by display name. */
static void caseworker(struct db *db, const struct pn *client, char *out, size_t n)
{
    const struct pn *as = get(client, "assignments");
    snprintf(out, n, "%s", "—");
    for (size_t i = 0; as && i < as->n; i++) {
        const struct pn *a = as->kid[i];
        if (*txt(a, "to_date") || strcmp(txt(a, "role_in_case"), "klantmanager") != 0)
            continue;
        struct user_rec u;
        int found = 0;
        struct kv_error ignored;
        if (users_get(db, txt(a, "user"), &u, &found, &ignored) == KV_OK && found && *u.display)
            snprintf(out, n, "%s", u.display);
        else
            snprintf(out, n, "%s", txt(a, "user"));
    }
}

static int needs_plain(const char *needs)
{
    return strstr(needs, "laaggeletterd") != NULL || strstr(needs, "dyslexie") != NULL;
}

static int load(struct db *db, long client, const char *what, struct builder *b,
                struct kv_error *err)
{
    memset(b, 0, sizeof *b);
    int rc = what ? dossier_export(db, client, what, &tree_visitor, b, err)
                  : dossier_visit(db, client, &tree_visitor, b, err);
    if (rc == KV_OK && (b->oom || b->root == NULL))
        rc = kv_error_nomem(err);
    return rc;
}

int plan_write(struct db *db, long client, long today, FILE *out, struct kv_error *err)
{
    struct builder b;
    struct doc d = {out, NULL, NULL, {NULL, 0}, 0, ""};
    size_t first = 0;
    int rc = load(db, client, "plan", &b, err);
    if (rc == KV_OK) {
        d.client = b.root;
        d.plan = current_plan(b.root, &first);
        if (d.plan == NULL)
            rc = kv_error_set(err, KV_ERR, "no plan",
                              "Deze klant heeft nog geen plan van "
                              "aanpak; leg het eerst vast (tabblad Plan, p).");
    }
    if (rc == KV_OK && catalogue_list(db, NULL, &d.lab.e, &d.lab.n, err) != KV_OK)
        rc = KV_ERR;
    if (rc == KV_OK) {
        const struct pn *g = get(d.plan, "goals");
        d.plain = needs_plain(txt(b.root, "communication_needs"));
        caseworker(db, b.root, d.km_name, sizeof d.km_name);
        head(&d, today);
        goals(&d, g);
        instruments(&d, first, g ? g->n : 0);
        agreements(&d);
        comments_and_signatures(&d);
    }
    free(d.lab.e);
    pn_free(b.root);
    return rc;
}

int plan_file_name(struct db *db, long client, long today, char *buf, size_t n,
                   struct kv_error *err)
{
    struct builder b;
    int rc = load(db, client, NULL, &b, err);
    if (rc != KV_OK) {
        pn_free(b.root);
        return rc;
    }
    char last[64] = "";
    size_t k = 0;
    for (const char *p = txt(b.root, "last_name"); *p && k + 1 < sizeof last; p++)
        if (isalnum((unsigned char)*p))
            last[k++] = *p;
    last[k] = '\0';
    char iso[11];
    date_format_iso(today, iso);
    snprintf(buf, n, "plan-van-aanpak-%s%s%s.html", *last ? last : "", *last ? "-" : "", iso);
    pn_free(b.root);
    return KV_OK;
}
