/* view_dossier.c: one client's dossier in tabs: overview (communication needs and an
 * exemption first and marked, then who, classification, doelgroepen, caseworker,
 * signals, warnings), intakes, plan and goals (with the SMART lint's advice), the
 * instruments as a timeline (e ends, v extends the chosen one), contacts and agreements,
 * outflow and nazorg, and the change history (who changed what, when). Every record comes
 * from one typed load (dossier_load.h, the same queries as `klantvolg export`); signals and
 * warnings from the client's own case file, so this screen agrees with every other. */
#include "tui/view.h"

#include "doc/html.h"
#include "doc/plan.h"

#include "core/date.h"
#include "core/labels.h"
#include "core/money.h"
#include "core/signals.h"
#include "core/smart.h"
#include "core/status.h"
#include "core/warnings.h"
#include "storage/access.h"
#include "storage/audit.h"
#include "storage/caseload.h"
#include "storage/instruments.h"
#include "storage/plans.h"
#include "storage/clients.h"
#include "storage/dossier_load.h"
#include "storage/reportdata.h"
#include "storage/tables.h"
#include "tui/forms.h"
#include "tui/list.h"
#include "tui/text.h"
#include "tui/textedit.h"
#include "tui/theme.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum tab {
    T_OVERVIEW,
    T_INTAKES,
    T_PLAN,
    T_INSTRUMENTS,
    T_CONTACTS,
    T_OUTFLOW,
    T_HISTORY,
    T_COUNT
};
static const char *const tab_names[T_COUNT] = {"Overzicht", "Intakes",   "Plan",    "Instrumenten",
                                               "Contacten", "Uitstroom", "Historie"};

enum line_kind { L_TEXT, L_HEAD, L_ALERT, L_OVERDUE, L_SOON, L_MUTED };

/* One shown row: a record's text is wrapped over as many as it needs at the screen's
 * width (a report of thousands of characters is read whole by scrolling). */
struct line {
    enum line_kind kind;
    int ref;    /* the instrument (tab 4) or goal (tab 3) row, or -1 */
    char *text; /* malloc'ed */
};

struct dossier {
    struct db *db;
    long client_id, today;
    enum tab tab;
    struct caseload *cl;      /* this client's case file, for signals and warnings */
    struct signal_list sig;   /* its signals, computed once when the dossier opens */
    struct dossier_data data; /* every record, read once (dossier_load) */
    char *handover;           /* a handover note not read before, shown on the overview */
    char **log;               /* audit entries about this client, newest first, as lines */
    size_t nlog;
    char codes[400];             /* doelgroepen, as labels */
    struct catalogue_labels cat; /* what the codes of the catalogues read as */
    char full_bsn[10];           /* shown on request (B), which the audit log records */
    char said[600];              /* the status line's message */
    struct line *lines;
    size_t n, cap;
    int width; /* the lines are wrapped for this many columns */
};

/* The doelgroepen as one line of labels. */
static void doelgroepen(struct dossier *d)
{
    d->codes[0] = '\0';
    for (size_t i = 0; i < d->data.n_doelgroepen; i++) {
        size_t n = strlen(d->codes);
        snprintf(d->codes + n, sizeof d->codes - n, "%s%s", n ? ", " : "",
                 labels_nl(&d->cat.l, "doelgroep", d->data.doelgroepen[i]));
    }
}

/* ---- lines ----------------------------------------------------------------------------- */

static void push_line(struct dossier *d, enum line_kind k, int ref, char *text)
{
    if (d->n == d->cap) {
        size_t cap = d->cap ? 2 * d->cap : 32;
        struct line *v = realloc(d->lines, cap * sizeof *v);
        if (v == NULL) {
            free(text);
            return;
        }
        d->lines = v;
        d->cap = cap;
    }
    d->lines[d->n++] = (struct line){k, ref, text};
}

/* A new line of the text starts at the first row's indent; a row wrapped within a line
 * two columns further, so a wrapped text stands apart from the next label. */
static void add_wrapped(struct dossier *d, enum line_kind k, int ref, const char *s)
{
    int base = (int)strspn(s, " "), w = d->width - 2; /* 2: the "! " mark */
    if (base + 2 > w / 2)
        base = -2;
    struct textedit_row *r;
    size_t n = textedit_wrap(s, strlen(s), w - base - 2, &r);
    for (size_t i = 0; i < n; i++) {
        char *t;
        int indent = i == 0 ? 0 : s[r[i].start - 1] == '\n' ? base : base + 2;
        if (asprintf(&t, "%*s%.*s", indent > 0 ? indent : 0, "", (int)r[i].len, s + r[i].start) >=
            0)
            push_line(d, k, ref, t);
    }
    free(r);
}

__attribute__((format(printf, 4, 5))) static void add(struct dossier *d, enum line_kind k, int ref,
                                                      const char *fmt, ...)
{
    char *s;
    va_list ap;
    va_start(ap, fmt);
    int ok = vasprintf(&s, fmt, ap) >= 0;
    va_end(ap);
    if (!ok)
        return;
    add_wrapped(d, k, ref, s);
    free(s);
}

static void clear_lines(struct dossier *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->lines[i].text);
    d->n = 0;
}

#define LINE(d, k, ...) add(d, k, -1, __VA_ARGS__)

static const char *nl_date(const char *iso, char out[11])
{
    long day;
    if (iso && date_parse(iso, &day)) {
        date_format_nl(day, out);
        return out;
    }
    return "-";
}

static const char *yes_no(long v)
{
    return v == 1 ? "ja" : v == 0 ? "nee" : "-";
}

/* A labelled line when the value is not empty. */
static void labelled(struct dossier *d, const char *label, const char *value)
{
    if (*value)
        LINE(d, L_TEXT, "  %s: %s", label, value);
}
/* ---- overview ---------------------------------------------------------------------------- */

/* The latest classification on each axis (indeling, trede, werkfit), with its date. */
static void classifications(struct dossier *d)
{
    static const char *const axes[][2] = {
        {"indeling", "Indeling"}, {"trede", "Trede"}, {"werkfit", "Werkfit"}};
    char line[300] = "", when[11];
    size_t k = 0;
    for (size_t a = 0; a < sizeof axes / sizeof axes[0]; a++) {
        const struct dossier_classification *best = NULL;
        for (size_t i = 0; i < d->data.n_classifications; i++) { /* oldest first: last wins */
            const struct dossier_classification *r = &d->data.classifications[i];
            if (strcmp(r->axis, axes[a][0]) == 0 &&
                (best == NULL || strcmp(r->date, best->date) >= 0))
                best = r;
        }
        int w = snprintf(line + k, sizeof line - k, "%s%s: %s", k ? "    " : "", axes[a][1],
                         best ? labels_nl(&d->cat.l, axes[a][0], best->code) : "-");
        k += w > 0 && (size_t)w < sizeof line - k ? (size_t)w : 0;
        if (best) {
            w = snprintf(line + k, sizeof line - k, " (%s)", nl_date(best->date, when));
            k += w > 0 && (size_t)w < sizeof line - k ? (size_t)w : 0;
        }
    }
    LINE(d, L_TEXT, "%s", line);
}

static void overview(struct dossier *d)
{
    const struct client_summary *c = &d->cl->clients[0];
    const struct case_file *f = &d->cl->files[0];
    const struct dossier_client *me = &d->data.client;
    const struct dossier_data *r = &d->data;
    char a[11], b[11], needs[300], since[16] = "";
    size_t k = 0;
    if (d->handover[0]) /* what the previous klantmanager wanted known first, whole */
        LINE(d, L_ALERT, "%s", d->handover);
    for (const char *p = me->communication_needs; *p && k + 2 < sizeof needs; p++) {
        needs[k++] = *p;
        if (*p == ',')
            needs[k++] = ' ';
    }
    needs[k] = '\0';
    for (size_t i = 0; i < r->n_assignments; i++) /* the latest open klantmanager assignment */
        if (strcmp(r->assignments[i].role_in_case, "klantmanager") == 0 &&
            !*r->assignments[i].to_date)
            snprintf(since, sizeof since, "%s", r->assignments[i].from_date);
    LINE(d, L_HEAD, "%s %s   (%s)", me->first_name, me->last_name,
         d->full_bsn[0] ? d->full_bsn : c->bsn_masked);
    if (*needs)
        LINE(d, L_ALERT, "Communicatie: %s", needs); /* tolk, begeleider, laaggeletterd: first */
    LINE(d, L_TEXT, "Status: %s    Gemeente: %s", status_label(f->client.status), me->municipality);
    classifications(d);
    if (*me->street || *me->postcode || *me->city)
        LINE(d, L_TEXT, "Adres: %s %s, %s %s", me->street, me->house_number, me->postcode,
             me->city);
    else
        LINE(d, L_TEXT, "Adres: (niet vastgelegd; K: klantgegevens)");
    if (strcmp(me->arbeidsverplichting, "vrijgesteld") == 0)
        LINE(d, L_ALERT, "Vrijgesteld van de arbeidsverplichting tot %s: %s",
             nl_date(me->vrijstelling_until, a), me->vrijstelling_reason);
    else
        LINE(d, L_TEXT, "Arbeidsverplichting: %s", me->arbeidsverplichting);
    LINE(d, L_TEXT, "Doelgroepen: %s", *d->codes ? d->codes : "-");
    LINE(d, L_TEXT, "Klantmanager: %s sinds %s", *c->caseworker ? c->caseworker : "niet toegewezen",
         nl_date(since, b));
    LINE(d, L_TEXT, "Telefoon: %s    E-mail: %s    gecontroleerd op %s", me->phone, me->email,
         nl_date(me->contact_verified_on, a));
    LINE(d, L_TEXT, "Aangemeld %s, uitkering sinds %s", nl_date(me->applied_on, a),
         nl_date(me->benefit_start, b));

    const struct signal_list *s = &d->sig;
    struct case_warning_list w = {0};
    char due[11];
    LINE(d, L_TEXT, "%s", "");
    LINE(d, L_HEAD, "%s", "SIGNALEN");
    for (size_t i = 0; i < s->n; i++) {
        date_format_nl(s->v[i].due, due);
        LINE(d,
             s->v[i].severity == SEV_OVERDUE    ? L_OVERDUE
             : s->v[i].severity == SEV_DUE_SOON ? L_SOON
                                                : L_TEXT,
             "%-10s  %s", due, s->v[i].reason);
    }
    if (s->n == 0)
        LINE(d, L_TEXT, "%s", "geen");
    if (casefile_warnings(f, d->today, &w) == 0 && w.n > 0) {
        LINE(d, L_TEXT, "%s", "");
        LINE(d, L_HEAD, "%s", "WAARSCHUWINGEN");
        for (size_t i = 0; i < w.n; i++)
            LINE(d, L_ALERT, "%s", w.v[i].text);
    }
    case_warnings_free(&w);
    LINE(d, L_TEXT, "%s", "");
    LINE(d, L_HEAD, "%s", "DOSSIER");
    LINE(d, L_TEXT,
         "Intakes %zu  Plannen %zu  Doelen %zu  Instrumenten %zu  Contacten %zu  Afspraken %zu",
         r->n_intakes, r->n_plans, r->n_goals, r->n_instruments, r->n_contacts, r->n_agreements);
    LINE(d, L_TEXT, "Uitstroom %zu  Nazorg %zu  Vragen %zu  Herinneringen %zu  Toewijzingen %zu",
         r->n_outflows, r->n_nazorg, r->n_requests, r->n_reminders, r->n_assignments);
}

/* ---- the other tabs ---------------------------------------------------------------------- */

static const char *or_dash(const char *s)
{
    return *s ? s : "-";
}

/* The barriers of intake i, by their catalogue's words, joined by commas. */
static void barriers(struct dossier *d, size_t intake, char *out, size_t n)
{
    size_t k = 0;
    out[0] = '\0';
    for (size_t i = 0; i < d->data.n_barriers && k < n; i++)
        if (d->data.barriers[i].intake == (long)intake) {
            int w = snprintf(out + k, n - k, "%s%s", k ? ", " : "",
                             labels_nl(&d->cat.l, "belemmering", d->data.barriers[i].kind));
            k += w > 0 ? (size_t)w : 0;
        }
}

static void intakes(struct dossier *d)
{
    char a[11], list[300];
    for (size_t i = d->data.n_intakes; i-- > 0;) { /* newest first, as every tab */
        const struct dossier_intake *r = &d->data.intakes[i];
        LINE(d, L_HEAD, "Intake van %s — indeling %s, uitstroomdoel %s", nl_date(r->date, a),
             or_dash(labels_nl(&d->cat.l, "indeling", r->classification)),
             or_dash(labels_nl(&d->cat.l, "uitstroomdoel", r->uitstroomdoel)));
        labelled(d, "Trede", labels_nl(&d->cat.l, "trede", r->trede));
        labelled(d, "Werkfit", labels_nl(&d->cat.l, "werkfit", r->werkfit));
        labelled(d, "Werkervaring", r->work_history);
        labelled(d, "Opleiding", r->education);
        labelled(d, "Diploma's", r->diplomas);
        labelled(d, "Beschikbaarheid", r->availability);
        labelled(d, "Motivatie", r->motivation);
        labelled(d, "Competenties", r->competences);
        labelled(d, "Wensen van de klant", r->wishes);
        barriers(d, i, list, sizeof list);
        labelled(d, "Belemmeringen", list);
        labelled(d, "Motivering indeling", r->classification_motivation);
        labelled(d, "Motivering trede", r->trede_motivation);
        labelled(d, "Motivering Werkfit", r->werkfit_motivation);
        labelled(d, "Opmerkingen van de klant", r->client_comments);
        LINE(d, L_TEXT, "%s", "");
    }
}

static void plans(struct dossier *d)
{
    char a[11], b[11];
    static const char *const labels[5] = {"S", "M", "A", "R", "T"};
    for (size_t i = d->data.n_plan; i-- > 0;) { /* newest first */
        const struct plan_row *p = &d->data.plan[i];
        date_format_nl(p->date, a);
        if (p->discussed_on != NO_DATE)
            date_format_nl(p->discussed_on, b);
        LINE(d, L_HEAD, "Plan van %s — besproken %s, akkoord %s, sollicitatieplicht %s", a,
             p->discussed_on != NO_DATE ? b : "-",
             p->agreed < 0 ? "-"
             : p->agreed   ? "ja"
                           : "nee",
             p->demands_applications ? "ja" : "nee");
        labelled(d, "Opmerkingen van de klant", p->comments);
        for (size_t g = 0; g < d->data.n_goal; g++) {
            const struct goal_row *q = &d->data.goal[g];
            if (q->plan != p->id)
                continue;
            if (q->deadline != NO_DATE)
                date_format_nl(q->deadline, a);
            add(d, L_TEXT, (int)g, "  Doel: %s  (deadline %s, %s)", q->smart[0],
                q->deadline != NO_DATE ? a : "-", q->status);
            struct smart_goal sg = {{NULL}, q->deadline, false};
            for (int k = 0; k < 5; k++) {
                sg.part[k] = q->smart[k];
                if (k > 0)
                    add(d, L_MUTED, (int)g, "    %s: %s", labels[k], q->smart[k]);
            }
            struct smart_report rep;
            smart_lint(&sg, d->today, &rep);
            for (int k = 0; k < rep.n; k++)
                add(d, L_SOON, (int)g, "    %s: %s", smart_part_label(rep.f[k].part),
                    rep.f[k].reason);
            for (size_t k = 0; k < d->data.n_instr; k++) /* what serves this goal */
                if (d->data.instr[k].goal == q->id)
                    add(d, L_TEXT, (int)g, "    Instrument: %s [%s]", d->data.instr[k].name,
                        d->data.instr[k].status);
            if (*q->evaluation)
                add(d, L_TEXT, (int)g, "    Evaluatie: %s", q->evaluation);
        }
        LINE(d, L_TEXT, "%s", "");
    }
}

static void instruments(struct dossier *d)
{
    char s[11], e[11], cost[32];
    for (size_t i = d->data.n_instr; i-- > 0;) { /* newest first, as every tab */
        const struct instrument_row *r = &d->data.instr[i];
        date_format_nl(r->start, s);
        date_format_nl(r->actual_end != NO_DATE ? r->actual_end : r->planned_end, e);
        money_format(r->cost_cents, cost, sizeof cost);
        int running = r->actual_end == NO_DATE;
        add(d,
            running && r->planned_end < d->today ? L_OVERDUE
            : running                            ? L_TEXT
                                                 : L_MUTED,
            (int)i, "%-10s – %-10s %s  [%s]  %s%s", s, e, r->name, r->status, cost,
            r->extensions ? "  (verlengd)" : "");
        if (!running)
            add(d, L_MUTED, (int)i, "    einde: %s; resultaat: %s", r->end_reason, r->result);
        if (r->certificate_promised)
            add(d, r->certificate_received ? L_MUTED : L_SOON, (int)i,
                "    certificaat beloofd, "
                "%s",
                r->certificate_received ? "ontvangen" : "nog niet ontvangen");
    }
    if (d->data.n_instr == 0)
        LINE(d, L_TEXT, "%s", "Nog geen instrumenten; i voegt er een toe uit de catalogus.");
}

static void contacts(struct dossier *d)
{
    char a[11], b[11];
    for (size_t i = d->data.n_contacts; i-- > 0;) {
        const struct dossier_contact *r = &d->data.contacts[i];
        LINE(d, L_HEAD, "%-10s %s%s%s", nl_date(r->date, a),
             labels_nl(&d->cat.l, "kanaal", r->channel), *r->participants ? " met " : "",
             r->participants);
        LINE(d, L_TEXT, "  %s", r->summary);
    }
    LINE(d, L_TEXT, "%s", "");
    LINE(d, L_HEAD, "%s", "AFSPRAKEN");
    for (size_t i = d->data.n_agreements; i-- > 0;) {
        const struct dossier_agreement *r = &d->data.agreements[i];
        long due;
        int open = !*r->done_on;
        int late = open && date_parse(r->due, &due) && due < d->today;
        LINE(d,
             late   ? L_OVERDUE
             : open ? L_TEXT
                    : L_MUTED,
             "  %s — uiterlijk %s%s%s", r->text, nl_date(r->due, a), open ? "" : ", gedaan ",
             open ? "" : nl_date(r->done_on, b));
    }
}

static void outflow(struct dossier *d)
{
    char a[11], b[11];
    for (size_t i = d->data.n_outflows; i-- > 0;) {
        const struct dossier_outflow *r = &d->data.outflows[i];
        LINE(d, L_HEAD, "Uitstroom %s: %s%s", nl_date(r->date, a),
             labels_nl(&d->cat.l, "uitstroomreden", r->reason),
             r->partial == 1 ? " (gedeeltelijk, met aanvulling)" : "");
        if (*r->returned_on)
            LINE(d, L_ALERT, "  Terug in de uitkering op %s", nl_date(r->returned_on, b));
        labelled(d, "Werkgever", r->employer);
        if (*r->contract_kind || *r->contract_end)
            LINE(d, L_TEXT, "  Contract: %s, einde %s, %ld uur per week", r->contract_kind,
                 nl_date(r->contract_end, a), r->hours_per_week);
        labelled(d, "Route", labels_nl(&d->cat.l, "route", r->route));
        for (size_t k = 0; k < d->data.n_followups; k++) {
            const struct dossier_followup *f = &d->data.followups[k];
            if (f->outflow == (long)i)
                LINE(d, L_MUTED, "  Na %ld maanden (%s): %s %s", f->months, nl_date(f->date, a),
                     f->still_off_benefit == 1 ? "nog uit de uitkering." : "terug in de uitkering.",
                     f->note);
        }
    }
    for (size_t i = d->data.n_nazorg; i-- > 0;) {
        const struct dossier_nazorg *r = &d->data.nazorg[i];
        LINE(d, L_TEXT, "Nazorg %s – %s, toestemming %s, contact elke %ld dagen",
             nl_date(r->start, a), nl_date(r->end, b), yes_no(r->consent), r->frequency_days);
    }
    if (d->data.n_outflows == 0 && d->data.n_nazorg == 0)
        LINE(d, L_TEXT, "%s", "Geen uitstroom vastgelegd; u legt die vast met nazorg.");
}

/* A stored value as people read it: a date as 1-3-2026 (a moment as 1-3-2026 14:05), a
 * code by its catalogue's label (catalogue NULL: the value itself). */
static const char *value_text(const struct dossier *d, const char *catalogue, const char *v,
                              char *out, size_t n)
{
    long day;
    char iso[11];
    if (v == NULL)
        return "";
    snprintf(iso, sizeof iso, "%.10s", v);
    size_t len = strlen(v);
    if ((len == 10 || (len >= 16 && v[10] == ' ')) && v[4] == '-' && date_parse(iso, &day)) {
        char nl[11];
        date_format_nl(day, nl);
        snprintf(out, n, "%s%s%.5s", nl, len > 10 ? " " : "", len > 10 ? v + 11 : "");
        return out;
    }
    return catalogue ? labels_nl(&d->cat.l, catalogue, v) : v;
}

/* A classification is named by its axis: Trede, Werkfit or Indeling. */
static const char *axis_label(const char *axis)
{
    return strcmp(axis, "trede") == 0     ? "Trede"
           : strcmp(axis, "werkfit") == 0 ? "Werkfit"
                                          : "Indeling";
}

/* One record in the history: what it is called, the value that says which one (codes
 * by catalogue), and its bookkeeping; at: its place in the dossier's order. */
struct hist {
    const char *label, *catalogue, *value;
    const struct dossier_bk *bk;
    size_t at;
    char number[24];
};

struct hist_list {
    struct hist *v;
    size_t n;
};

static struct hist *hist_add(struct hist_list *h, const char *label, const char *catalogue,
                             const char *value, const struct dossier_bk *bk)
{
    struct hist *e = &h->v[h->n];
    *e = (struct hist){label, catalogue, value, bk, h->n, ""};
    h->n++;
    return e;
}

static int by_updated_desc(const void *a, const void *b)
{
    const struct hist *x = a, *y = b;
    int c = strcmp(x->bk->updated_at, y->bk->updated_at);
    return c ? -c : (x->at < y->at) - (x->at > y->at); /* same second: the later record first */
}

/* Every record in the dossier's order: the client, then each kind with its nested ones
 * right after their parent. */
static void hist_collect(const struct dossier *d, struct hist_list *h)
{
    const struct dossier_data *r = &d->data;
    enum client_status st;
    const char *status = r->client.status;
    hist_add(h, "Klantgegevens", NULL, status, &r->client.bk);
    for (size_t i = 0; i < r->n_classifications; i++) { /* three axes, each its own name */
        const char *axis = *r->classifications[i].axis ? r->classifications[i].axis : "indeling";
        hist_add(h, axis_label(axis), axis, r->classifications[i].code, &r->classifications[i].bk);
    }
    for (size_t i = 0; i < r->n_assignments; i++)
        hist_add(h, "Toewijzing", NULL, r->assignments[i].user, &r->assignments[i].bk);
    for (size_t i = 0; i < r->n_intakes; i++) {
        hist_add(h, "Intake", NULL, r->intakes[i].date, &r->intakes[i].bk);
        for (size_t k = 0; k < r->n_barriers; k++)
            if (r->barriers[k].intake == (long)i)
                hist_add(h, "Belemmering", "belemmering", r->barriers[k].kind, &r->barriers[k].bk);
    }
    for (size_t i = 0; i < r->n_plans; i++) {
        hist_add(h, "Plan", NULL, r->plans[i].date, &r->plans[i].bk);
        for (size_t k = 0; k < r->n_goals; k++)
            if (r->goals[k].plan == (long)i)
                hist_add(h, "Doel", NULL, r->goals[k].specifiek, &r->goals[k].bk);
    }
    for (size_t i = 0; i < r->n_instruments; i++) {
        hist_add(h, "Instrument", "instrument", r->instruments[i].instrument,
                 &r->instruments[i].bk);
        for (size_t k = 0; k < r->n_extensions; k++)
            if (r->extensions[k].instrument == (long)i)
                hist_add(h, "Verlenging", NULL, r->extensions[k].new_end, &r->extensions[k].bk);
    }
    for (size_t i = 0; i < r->n_contacts; i++)
        hist_add(h, "Contact", NULL, r->contacts[i].summary, &r->contacts[i].bk);
    for (size_t i = 0; i < r->n_agreements; i++)
        hist_add(h, "Afspraak", NULL, r->agreements[i].text, &r->agreements[i].bk);
    for (size_t i = 0; i < r->n_outflows; i++) {
        hist_add(h, "Uitstroom", "uitstroomreden", r->outflows[i].reason, &r->outflows[i].bk);
        for (size_t k = 0; k < r->n_followups; k++)
            if (r->followups[k].outflow == (long)i) {
                struct hist *e = hist_add(h, "Follow-up", NULL, "", &r->followups[k].bk);
                snprintf(e->number, sizeof e->number, "%ld", r->followups[k].months);
            }
    }
    for (size_t i = 0; i < r->n_nazorg; i++)
        hist_add(h, "Nazorg", NULL, r->nazorg[i].end, &r->nazorg[i].bk);
    for (size_t i = 0; i < r->n_requests; i++)
        hist_add(h, "Vraag", NULL, r->requests[i].what, &r->requests[i].bk);
    for (size_t i = 0; i < r->n_reminders; i++)
        hist_add(h, "Herinnering", NULL, r->reminders[i].text, &r->reminders[i].bk);
    for (size_t i = 0; i < r->n_signal_acks; i++)
        hist_add(h, "Signaal", NULL, r->signal_acks[i].note, &r->signal_acks[i].bk);
    if (status_parse(status, &st) == 0) /* a client's status by its Dutch name */
        h->v[0].value = status_label(st);
}

static size_t record_count(const struct dossier_data *r)
{
    return 1 + r->n_classifications + r->n_assignments + r->n_intakes + r->n_barriers + r->n_plans +
           r->n_goals + r->n_instruments + r->n_extensions + r->n_contacts + r->n_agreements +
           r->n_outflows + r->n_followups + r->n_nazorg + r->n_requests + r->n_reminders +
           r->n_signal_acks;
}

static void history(struct dossier *d)
{
    struct hist_list h = {malloc(record_count(&d->data) * sizeof *h.v), 0};
    if (h.v == NULL)
        return;
    hist_collect(d, &h);
    qsort(h.v, h.n, sizeof *h.v, by_updated_desc);
    for (size_t i = 0; i < h.n; i++) {
        const struct hist *e = &h.v[i];
        char when[24], shown[24];
        const char *value =
            value_text(d, e->catalogue, *e->number ? e->number : e->value, shown, sizeof shown);
        int changed = strcmp(e->bk->created_at, e->bk->updated_at) != 0;
        LINE(d, L_TEXT, "%-16s %-12s %s %s: %s",
             value_text(d, NULL, e->bk->updated_at, when, sizeof when), e->bk->updated_by, e->label,
             changed ? "gewijzigd" : "vastgelegd", value);
    }
    free(h.v);
}

/* The audit log's words for its actions, as a reader of the history says them; whole: the
 * words say all the entry's summary would. */
static const char *action_label(const char *action, int *whole)
{
    static const struct {
        const char *action, *label;
        int whole;
    } labels[] = {
        {"inzien", "Dossier ingezien", 0},
        {"export", "Dossier geëxporteerd", 0},
        {"waarneming", "Waarneming", 0},
        {"wijziging", "Gewijzigd", 0},
        {"purge", "Gewist", 0},
        {"bsn_inzien", "Volledig BSN getoond", 1},
    };
    *whole = 0;
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (strcmp(labels[i].action, action) == 0) {
            *whole = labels[i].whole;
            return labels[i].label;
        }
    return action;
}

#define LOG_LINES 200

/* One changed field as the history shows it: "    Samenvatting: oud → nieuw". */
struct change_text {
    const struct dossier *d;
    const char *table, *axis; /* the record's table; a classification's axis */
    char *text;
};

/* The catalogue a field's codes come from, NULL for a field of free text or numbers. */
static const char *field_catalogue(const struct change_text *c, const char *field)
{
    static const struct {
        const char *field, *catalogue;
    } map[] = {
        {"instroomreden", "instroomreden"}, {"route", "route"},
        {"end_reason", "eindreden"},        {"classification", "indeling"},
        {"uitstroomdoel", "uitstroomdoel"}, {"channel", "kanaal"},
    };
    if (strcmp(field, "code") == 0 && strcmp(c->table, "classifications") == 0)
        return *c->axis ? c->axis : "indeling";
    if (strcmp(field, "kind") == 0 && strcmp(c->table, "intake_barriers") == 0)
        return "belemmering";
    if (strcmp(field, "reason") == 0 && strcmp(c->table, "outflows") == 0)
        return "uitstroomreden";
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i].field, field) == 0)
            return map[i].catalogue;
    return NULL;
}

/* A client's status by its Dutch name; other values as value_text shows them. */
static const char *change_value(const struct change_text *c, const char *field, const char *v,
                                char *out, size_t n)
{
    enum client_status st;
    if (v == NULL || *v == '\0')
        return "(leeg)";
    if (strcmp(field, "status") == 0 && strcmp(c->table, "clients") == 0 &&
        status_parse(v, &st) == 0)
        return status_label(st);
    return value_text(c->d, field_catalogue(c, field), v, out, n);
}

static int add_change(const char *field, const char *old, const char *new_value, void *ctx)
{
    struct change_text *c = ctx;
    if (table_bookkeeping(field)) /* who and when stand on the entry's own line */
        return 0;
    char *more = NULL, o[24], nw[24];
    if (asprintf(&more, "%s\n    %s: %s → %s", c->text, labels_field(field),
                 change_value(c, field, old, o, sizeof o),
                 change_value(c, field, new_value, nw, sizeof nw)) < 0)
        return 1;
    free(c->text);
    c->text = more;
    return 0;
}

/* An audit entry as lines (joined by '\n'): date and time, who, and what in words ("Contact
 * gewijzigd", "Klantgegevens vastgelegd"; a classification by its axis and new label), then
 * each changed field with its old and new value, in the field's Dutch name. */
static int keep_log_line(const struct audit_entry *e, void *ctx)
{
    struct dossier *d = ctx;
    char a[11], day[11], table[64], who[64], axis[32] = "", code[64] = "", value[200] = "";
    snprintf(day, sizeof day, "%.10s", e->at); /* "2026-03-01 14:05:00": the date part */
    snprintf(table, sizeof table, "%.*s", (int)strcspn(e->record, "#"), e->record);
    list_cell(who, sizeof who, e->user, 13);
    int change = strcmp(e->action, "wijziging") == 0, whole = 0;
    const char *what = !change                                 ? action_label(e->action, &whole)
                       : strcmp(e->summary, "nieuw") == 0      ? "vastgelegd"
                       : strcmp(e->summary, "verwijderd") == 0 ? "verwijderd"
                                                               : "gewijzigd";
    const char *record = labels_record(table);
    struct kv_error err; /* without the fields (out of memory) the entry still shows */
    kv_error_clear(&err);
    if (change && strcmp(table, "classifications") == 0) { /* Trede, Werkfit or Indeling */
        (void)audit_field(d->db, e->id, "axis", axis, sizeof axis, &err);
        record = axis_label(axis);
        if (strcmp(what, "vastgelegd") == 0 &&
            audit_field(d->db, e->id, "code", code, sizeof code, &err) == KV_OK && *code)
            snprintf(value, sizeof value, "%s",
                     labels_nl(&d->cat.l, *axis ? axis : "indeling", code));
    } else if (!change && (!whole || e->offline_at != NULL)) {
        /* a whole label too says where a checkin carried it from: "offline kopie, ..." */
        snprintf(value, sizeof value, "%s", e->summary);
    }
    struct change_text c = {d, table, axis, NULL};
    char when[24]; /* "1-3-2026 14:05", in a column as wide as the records' below */
    snprintf(when, sizeof when, "%s %.5s", nl_date(day, a), e->at + 11);
    if (asprintf(&c.text, "%-16s %s%s%s%s%s%s", when, who, change ? record : "", change ? " " : "",
                 what, *value ? ": " : "", value) < 0)
        return 1;
    if (change && strcmp(what, "gewijzigd") == 0)
        (void)audit_changes(d->db, e->id, add_change, &c, &err);
    d->log[d->nlog++] = c.text;
    return d->nlog == LOG_LINES;
}

static void free_log(struct dossier *d)
{
    for (size_t i = 0; i < d->nlog; i++)
        free(d->log[i]);
    free(d->log);
    d->log = NULL;
    d->nlog = 0;
}

/* The log as it stands now (read again after B, which the log records). */
static int load_log(struct dossier *d, struct kv_error *err)
{
    struct audit_filter f = {d->client_id, NULL, NULL, NULL, NULL, 1, LOG_LINES};
    free_log(d);
    d->log = calloc(LOG_LINES, sizeof *d->log);
    if (d->log == NULL)
        return kv_error_nomem(err);
    return audit_list(d->db, &f, keep_log_line, d, err);
}

/* Who looked and who changed what (the audit log), then each record's bookkeeping, which
 * also covers records from before the log or loaded in bulk. */
static void history_tab(struct dossier *d)
{
    LINE(d, L_HEAD, "%s", "Wie keek en wie wijzigde (auditlog, nieuwste eerst)");
    for (size_t i = 0; i < d->nlog; i++) /* an entry, then its changed fields */
        for (const char *p = d->log[i]; *p;) {
            size_t len = strcspn(p, "\n");
            LINE(d, p == d->log[i] ? L_TEXT : L_MUTED, "%.*s", (int)len, p);
            p += len + (p[len] == '\n');
        }
    if (d->nlog == 0)
        LINE(d, L_MUTED, "%s", "Nog niets in het auditlog over deze klant.");
    LINE(d, L_HEAD, "%s", "Per record: vastgelegd of laatst gewijzigd");
    history(d);
}

static void build(struct dossier *d)
{
    clear_lines(d);
    switch (d->tab) {
    case T_OVERVIEW:
        overview(d);
        break;
    case T_INTAKES:
        intakes(d);
        break;
    case T_PLAN:
        plans(d);
        break;
    case T_INSTRUMENTS:
        instruments(d);
        break;
    case T_CONTACTS:
        contacts(d);
        break;
    case T_OUTFLOW:
        outflow(d);
        break;
    case T_HISTORY:
        history_tab(d);
        break;
    case T_COUNT:
        break;
    }
    if (d->n == 0)
        LINE(d, L_TEXT, "%s", "Nog niets vastgelegd.");
}

/* ---- the view ---------------------------------------------------------------------------- */

static struct dossier *dv(struct view *v)
{
    return v->data;
}

static void header(struct view *v, int y, int w)
{
    int x = 0;
    for (int t = 0; t < T_COUNT && x < w; t++) {
        char name[32];
        snprintf(name, sizeof name, "%d %s ", t + 1, tab_names[t]);
        attrset(t == (int)dv(v)->tab ? theme_attr(TH_SELECTED) | (int)A_BOLD
                                     : theme_attr(TH_MUTED));
        x += text_draw(y, x, w - x, name, 0);
    }
    attrset(theme_attr(TH_NORMAL));
    text_draw(y, x, w - x, "", 1);
}

static void row(struct view *v, int i, int selected, int y, int w)
{
    const struct line *l = &dv(v)->lines[i];
    int attr = l->kind == L_HEAD                            ? (int)A_BOLD
               : l->kind == L_ALERT || l->kind == L_OVERDUE ? theme_attr(TH_OVERDUE)
               : l->kind == L_SOON                          ? theme_attr(TH_DUE_SOON)
               : l->kind == L_MUTED                         ? theme_attr(TH_MUTED)
                                                            : theme_attr(TH_NORMAL);
    attrset(attr | (selected ? theme_attr(TH_SELECTED) : 0));
    /* Marked in text as well as colour, for monochrome terminals. */
    const char *mark = l->kind == L_ALERT || l->kind == L_OVERDUE ? "! "
                       : l->kind == L_SOON                        ? "* "
                                                                  : "";
    int x = text_draw(y, 0, w, mark, 0);
    text_draw(y, x, w - x, l->text, 1);
    attrset(theme_attr(TH_NORMAL));
}

static void count_line(struct view *v, char *buf, size_t n)
{
    struct dossier *d = dv(v);
    snprintf(buf, n, "%s — Tab of 1-7: tabblad kiezen%s", d->cl->clients[0].name,
             d->tab == T_INSTRUMENTS ? "; e beëindigt, v verlengt het gekozen instrument"
             : d->tab == T_PLAN      ? "; w wijzigt het gekozen doel (status, evaluatie)"
                                     : "");
}

/* The terminal's width changed: wrap the texts again for it. */
static void resize(struct view *v, int w)
{
    struct dossier *d = dv(v);
    if (w == d->width || w < 20)
        return;
    d->width = w;
    build(d);
    v->rows = (int)d->n;
}

static void set_tab(struct view *v, int t)
{
    struct dossier *d = dv(v);
    d->tab = (enum tab)((t + T_COUNT) % T_COUNT);
    build(d);
    v->rows = (int)d->n;
}

/* Where P writes the plan: the name typed, else the file name in the user's home. */
static void plan_path(struct dossier *d, const char *typed, char *out, size_t n,
                      struct kv_error *err)
{
    char name[200];
    if (*typed)
        snprintf(out, n, "%s", typed);
    else if (plan_file_name(d->db, d->client_id, d->today, name, sizeof name, err) == KV_OK)
        html_home_path(name, out, n);
    else
        out[0] = '\0';
}

static int plan_to(FILE *f, void *ctx, struct kv_error *err)
{
    struct dossier *d = ctx;
    return plan_write(d->db, d->client_id, d->today, f, err);
}

/* The plan van aanpak as a document, written with the user's own ids (html_save). */
static void write_plan(struct dossier *d, const char *typed, char *msg, size_t n)
{
    struct kv_error err;
    char path[1024];
    kv_error_clear(&err);
    plan_path(d, typed, path, sizeof path, &err);
    if (path[0] == '\0' || html_save(path, plan_to, d, &err) != KV_OK)
        snprintf(msg, n, "%s", err.msg);
    else
        snprintf(msg, n,
                 "Plan van aanpak geschreven naar %s (open het in een browser om af "
                 "te drukken).",
                 path);
}

static void answer(struct view *v, int row, const char *text, char *msg, size_t n)
{
    (void)row;
    write_plan(dv(v), text, msg, n);
}

static int handle(struct view *v, int row, enum action a)
{
    (void)row;
    if (a == ACT_NEXT_TAB || a == ACT_PREV_TAB) {
        set_tab(v, (int)dv(v)->tab + (a == ACT_NEXT_TAB ? 1 : -1));
        return 1;
    }
    if (a == ACT_PLAN_DOCUMENT) {
        v->prompt = "Plan van aanpak opslaan als (Enter: in uw thuismap): ";
        return 1;
    }
    if (a == ACT_SHOW_BSN) {
        struct dossier *d = dv(v);
        struct kv_error err;
        kv_error_clear(&err);
        if (clients_full_bsn(d->db, d->client_id, d->full_bsn, &err) != KV_OK) {
            snprintf(d->said, sizeof d->said, "%s", err.msg);
        } else {
            snprintf(d->said, sizeof d->said, "Volledig BSN getoond; dat staat in het auditlog.");
            (void)load_log(d, &err); /* the history tab shows the look just logged */
            set_tab(v, T_OVERVIEW);
        }
        v->status = d->said;
        return 1;
    }
    return 0;
}

/* 1 to 7 choose a tab directly. */
static int key(struct view *v, int k)
{
    if (k < '1' || k >= '1' + T_COUNT)
        return 0;
    set_tab(v, k - '1');
    return 1;
}

static long client(struct view *v, int row, const char **name)
{
    (void)row;
    *name = dv(v)->cl->clients[0].name;
    return dv(v)->client_id;
}

static struct form_host *form(struct view *v, int row, enum action a, struct kv_error *err)
{
    struct dossier *d = dv(v);
    if (a == ACT_EDIT_GOAL) {
        if (d->tab != T_PLAN || row < 0 || (size_t)row >= d->n || d->lines[row].ref < 0) {
            kv_error_set(err, KV_EUSAGE, "no goal chosen",
                         "Kies eerst een doel op het tabblad "
                         "Plan (3).");
            return NULL;
        }
        return forms_goal_edit(d->db, d->client_id, &d->data.goal[d->lines[row].ref], d->today,
                               err);
    }
    if (a == ACT_EDIT_CLIENT)
        return forms_client_edit(d->db, d->client_id, d->today, err);
    if (a != ACT_END_INSTRUMENT && a != ACT_EXTEND)
        return NULL;
    if (d->tab != T_INSTRUMENTS || row < 0 || (size_t)row >= d->n || d->lines[row].ref < 0) {
        kv_error_set(err, KV_EUSAGE, "no instrument chosen",
                     "Kies eerst een instrument op het "
                     "tabblad Instrumenten (4).");
        return NULL;
    }
    const struct instrument_row *r = &d->data.instr[d->lines[row].ref];
    return a == ACT_END_INSTRUMENT ? forms_instrument_end(d->db, d->client_id, r, d->today, err)
                                   : forms_instrument_extend(d->db, d->client_id, r, d->today, err);
}

static void unload(struct dossier *d)
{
    reportdata_labels_free(&d->cat);
    dossier_data_free(&d->data);
    free_log(d);
    clear_lines(d);
    free(d->lines);
    free(d->handover);
    signals_free(&d->sig);
    caseload_free(d->cl);
}

static void free_dossier(struct view *v)
{
    unload(dv(v));
    free(v->data);
    free(v);
}

static void set_today(struct view *v, long today)
{
    dv(v)->today = today;
}

static int reload(struct view *v, struct kv_error *err);

/* The handover note says the client is not yet told; once the date is recorded (l, then a
 * reload) the case file knows better, and the banner must not say it any longer. */
static void drop_told(struct dossier *d)
{
    char *told = strstr(d->handover, " — De klant is nog niet ingelicht");
    if (told != NULL && d->cl->n > 0 && !signals_uninformed(&d->cl->files[0]))
        *told = '\0';
}

static const struct view_ops dossier_ops = {
    .context = AC_DOSSIER,
    .header = header,
    .row = row,
    .count_line = count_line,
    .handle = handle,
    .answer = answer,
    .key = key,
    .client = client,
    .form = form,
    .reload = reload,
    .resize = resize,
    .set_today = set_today,
    .free = free_dossier,
};

/* Read the client's dossier; handover: a note to show first ("" for none). */
static struct view *load_view(struct db *db, long client_id, long today, const char *handover,
                              struct kv_error *err)
{
    struct view *v = calloc(1, sizeof *v);
    struct dossier *d = calloc(1, sizeof *d);
    if (v == NULL || d == NULL) {
        free(v);
        free(d);
        kv_error_nomem(err);
        return NULL;
    }
    d->db = db;
    d->client_id = client_id;
    d->today = today;
    d->width = COLS > 20 ? COLS : 80;
    d->handover = strdup(handover);
    if (d->handover == NULL) {
        free(d);
        free(v);
        kv_error_nomem(err);
        return NULL;
    }
    /* One snapshot: a commit elsewhere between these loads would show a case file, records
     * and log of two different moments. */
    int rc = db_read_begin(db, err);
    if (rc == KV_OK) {
        if (reportdata_labels(db, &d->cat, err) != KV_OK ||
            caseload_load_client(db, client_id, &d->cl, err) != KV_OK ||
            dossier_load(db, client_id, &d->data, err) != KV_OK || load_log(d, err) != KV_OK)
            rc = err->status;
        db_read_end(db);
    }
    if (rc != KV_OK) {
        unload(d);
        free(d);
        free(v);
        return NULL;
    }
    /* Signals with the configured lead times; without a configuration the overview shows
     * none, as before, rather than refusing the dossier. */
    struct signal_config cfg;
    struct kv_error cerr;
    if (config_signals(db, &cfg, &cerr) == KV_OK) {
        if (signals_compute(&d->cl->files[0], &cfg, today, &d->sig) == 0)
            signals_sort(&d->sig);
        config_signals_free(&cfg);
    }
    drop_told(d);
    doelgroepen(d);
    build(d);
    *v = (struct view){
        .ops = &dossier_ops, .title = "dossier", .kind = AV_DOSSIER, .rows = (int)d->n, .data = d};
    return v;
}

/* Opening is logged; reloading what is open (after a save) is not a new look. */
struct view *view_dossier_new(struct db *db, long client_id, long today, struct kv_error *err)
{
    /* The note whole, with who handed over when: room for the longest a form takes. */
    size_t n = 4 * TEXTEDIT_NOTE_MAX + 300;
    char *note = malloc(n);
    struct view *v = NULL;
    if (note == NULL)
        kv_error_nomem(err);
    else if (access_handover_note(db, client_id, note, n, err) == KV_OK &&
             access_open(db, client_id, err) == KV_OK)
        v = load_view(db, client_id, today, note, err);
    free(note);
    return v;
}

static int reload(struct view *v, struct kv_error *err)
{
    struct dossier *d = dv(v);
    struct view *fresh = load_view(d->db, d->client_id, d->today, d->handover, err);
    if (fresh == NULL)
        return err->status;
    enum tab tab = d->tab;
    view_swap_free(v, fresh);
    set_tab(v, (int)tab);
    return KV_OK;
}
