/* view_caseload.c: the werkvoorraad: one row per client with the figures a klantmanager
 * steers by. Everything is read once when the view opens; no transaction is held while
 * the screen waits for a key. Signals come from signals_compute, as everywhere else. */
#include "tui/view.h"
#include "core/status.h"

#include "core/casefilter.h"
#include "core/date.h"
#include "core/signals.h"
#include "core/utf8.h"
#include "storage/caseload.h"
#include "storage/figures_summary.h"
#include "storage/search.h"
#include "tui/formhost.h"
#include "tui/forms.h"
#include "tui/list.h"
#include "tui/text.h"
#include "tui/theme.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The list opens by urgency (triage): what is overdue first, then due today, then soon. */
enum sort_by {
    SORT_URGENCY,
    SORT_NAME,
    SORT_SIGNAL,
    SORT_CONTACT,
    SORT_CLASS,
    SORT_LAST,
    SORT_BSN,
    SORT_COUNT
};
static const char *const sort_names[SORT_COUNT] = {
    "urgentie", "naam", "volgend signaal", "laatste contact", "indeling", "laatste kolom", "BSN"};

struct crow {
    const struct client_summary *c;
    enum client_status status; /* derived by storage (core/status.h) */
    int days_since_contact;    /* -1: never */
    int has_signal;
    long next_due; /* the earliest due signal */
    enum signal_kind next_kind;
    enum signal_severity worst;
    int overdue;            /* number of overdue signals */
    int soon;               /* number of signals due soon */
    int urgency;            /* 0 a signal overdue, 1 one due today, 2 one due soon, 3 none */
    const char *instrument; /* the running one, or "" */
    int marked;             /* chosen for a handover (m) */
    char name_key[48];      /* the name folded (utf8_fold), what the name sort compares */
};

enum column { C_MARK, C_NAME, C_BSN, C_CLASS, C_STATUS, C_CONTACT, C_SIGNAL, C_LAST, C_COUNT };

struct caseload_view {
    struct db *db;
    struct caseload *cl;
    struct crow *rows;
    size_t n;
    size_t *shown; /* indexes into rows, in display order */
    size_t nshown;
    char filter[512];       /* the current search text, "" for none */
    struct casefilter only; /* which clients ('f') */
    long today;
    int all;
    enum sort_by sort;
    int overdue_total, soon_total;
    int want[C_COUNT]; /* the widest content per column, in display columns */
    char title[96];
    struct caseload **patches; /* clients read again after a save (reload_client) */
    size_t npatches;
};

static void summarise(struct crow *r, const struct case_file *f, const struct signal_list *s,
                      size_t from, size_t to, long today)
{
    long last = NO_DATE;
    for (size_t i = 0; i < f->n_contacts; i++)
        if (f->contacts[i].date > last)
            last = f->contacts[i].date;
    r->days_since_contact = last == NO_DATE ? -1 : (int)(today - last);
    r->status = f->client.status;
    r->worst = SEV_LATER;
    r->instrument = "";
    int due_today = 0;
    for (size_t i = from; i < to; i++) {
        const struct signal *g = &s->v[i];
        if (!r->has_signal || g->due < r->next_due) {
            r->has_signal = 1;
            r->next_due = g->due;
            r->next_kind = g->kind;
        }
        if (g->severity < r->worst)
            r->worst = g->severity;
        r->overdue += g->severity == SEV_OVERDUE;
        r->soon += g->severity == SEV_DUE_SOON;
        due_today |= g->due == today;
    }
    r->urgency = r->overdue ? 0 : due_today ? 1 : r->worst == SEV_DUE_SOON ? 2 : 3;
    for (size_t i = 0; i < f->n_instruments; i++)
        if (f->instruments[i].actual_end == NO_DATE && f->instruments[i].start <= today &&
            f->instruments[i].name != NULL) /* the summary's figures keep no name */
            r->instrument = f->instruments[i].name;
}

static struct caseload_view *cv(struct view *v)
{
    return v->data;
}

/* The row's client and its name's sort key. */
static void row_client(struct crow *r, const struct client_summary *c)
{
    r->c = c;
    utf8_fold(c->name, r->name_key, sizeof r->name_key);
}

/* By the folded name, as the search finds them (Çağlar with the C's, Łukasz with the L's:
 * in byte order they came after Z), then the name as written, then the client number, so
 * two clients of one name keep one order from sort to sort. */
static int cmp_name(const void *a, const void *b)
{
    const struct crow *x = a, *y = b;
    int c = strcmp(x->name_key, y->name_key);
    if (c == 0)
        c = strcoll(x->c->name, y->c->name);
    return c ? c : (x->c->id > y->c->id) - (x->c->id < y->c->id);
}

static int cmp_urgency(const void *a, const void *b)
{
    const struct crow *x = a, *y = b;
    return x->urgency != y->urgency ? x->urgency - y->urgency : cmp_name(a, b);
}

static int cmp_signal(const void *a, const void *b)
{
    const struct crow *x = a, *y = b;
    if (x->has_signal != y->has_signal)
        return y->has_signal - x->has_signal;
    if (x->next_due != y->next_due)
        return x->next_due < y->next_due ? -1 : 1;
    return cmp_name(a, b);
}

static int cmp_contact(const void *a, const void *b)
{
    const struct crow *x = a, *y = b; /* longest out of sight first; never seen before all */
    int dx = x->days_since_contact < 0 ? 1 << 30 : x->days_since_contact;
    int dy = y->days_since_contact < 0 ? 1 << 30 : y->days_since_contact;
    if (dx != dy)
        return dy > dx ? 1 : -1;
    return cmp_name(a, b);
}

static int cmp_class(const void *a, const void *b)
{
    int c = strcoll(((const struct crow *)a)->c->classification,
                    ((const struct crow *)b)->c->classification);
    return c ? c : cmp_name(a, b);
}

/* The last column: the klantmanager in the team's list, the running instrument in one's
 * own; empty ones last. */
static int team_sort;

static int cmp_last(const void *a, const void *b)
{
    const struct crow *x = a, *y = b;
    const char *p = team_sort ? x->c->caseworker : x->instrument;
    const char *q = team_sort ? y->c->caseworker : y->instrument;
    if (!*p != !*q)
        return !*p - !*q;
    int c = strcoll(p, q);
    return c ? c : cmp_name(a, b);
}

static int cmp_bsn(const void *a, const void *b)
{
    /* By the digits shown (the last three of the masked BSN). */
    return strcmp(((const struct crow *)a)->c->bsn_masked, ((const struct crow *)b)->c->bsn_masked);
}

static void sort_rows(struct caseload_view *c)
{
    static int (*const cmp[SORT_COUNT])(const void *, const void *) = {
        cmp_urgency, cmp_name, cmp_signal, cmp_contact, cmp_class, cmp_last, cmp_bsn};
    team_sort = c->all;
    qsort(c->rows, c->n, sizeof *c->rows, cmp[c->sort]);
}

/* Column widths at 80 columns. One's own caseload ends with the running instrument when
 * there is room; the team's gives up some width for the klantmanager, which it needs. A
 * wider screen gives each column the width of its widest content (list_layout). */
static const int own_min[C_COUNT] = {2, 19, 10, 12, 13, 8, 16, 0};
static const int team_min[C_COUNT] = {2, 15, 10, 9, 13, 8, 11, 12}; /* a whole date */

static void columns(const struct caseload_view *c, int w, int *widths)
{
    struct list_col cols[C_COUNT];
    for (int i = 0; i < C_COUNT; i++)
        cols[i] = (struct list_col){c->all ? team_min[i] : own_min[i], c->want[i]};
    list_layout(cols, C_COUNT, w, widths);
}

/* "1-3-2026   Intake" for the next signal (the date padded, so the kinds line up), "-"
 * without one. */
static void signal_text(const struct crow *r, char *buf, size_t n)
{
    char d[11];
    if (!r->has_signal) {
        snprintf(buf, n, "-");
        return;
    }
    date_format_nl(r->next_due, d);
    snprintf(buf, n, "%-10s %s", d, signal_kind_label(r->next_kind));
}

/* What each column needs to show every row whole. */
static void measure(struct caseload_view *c)
{
    char buf[96];
    for (size_t i = 0; i < c->n; i++) {
        const struct crow *r = &c->rows[i];
        signal_text(r, buf, sizeof buf);
        int w[C_COUNT] = {0,
                          list_width(r->c->name),
                          list_width(r->c->bsn_masked),
                          list_width(r->c->classification),
                          list_width(status_code(r->status)),
                          0,
                          list_width(buf),
                          list_width(c->all ? r->c->caseworker : r->instrument)};
        for (int k = 0; k < C_COUNT; k++)
            c->want[k] = w[k] > c->want[k] ? w[k] : c->want[k];
    }
}

static int cell(int y, int x, int w, const char *s);

static void header(struct view *v, int y, int w)
{
    int wd[C_COUNT];
    columns(cv(v), w, wd);
    attrset(A_BOLD);
    int x = text_draw(y, 0, wd[C_MARK], "", 1);
    x += cell(y, x, wd[C_NAME], "NAAM");
    x += cell(y, x, wd[C_BSN], "BSN");
    x += cell(y, x, wd[C_CLASS], "INDELING");
    x += cell(y, x, wd[C_STATUS], "STATUS");
    x += cell(y, x, wd[C_CONTACT], "CONTACT");
    x += cell(y, x, wd[C_SIGNAL], cv(v)->all ? "SIGNAAL" : "VOLGEND SIGNAAL");
    text_draw(y, x, w - x, cv(v)->all ? "KLANTMANAGER" : "INSTRUMENT", 1);
    attrset(theme_attr(TH_NORMAL));
}

/* One cell: the text cut to leave a blank column before the next. */
static int cell(int y, int x, int w, const char *s)
{
    text_draw(y, x, w - 1, s, 1);
    text_draw(y, x + w - 1, 1, "", 1);
    return w;
}

/* A classification in w columns: whole, or in the short form the help (F1) explains
 * (a cut word, "perspecti", reads as a mistake). */
static const char *class_text(const char *code, int w)
{
    static const struct {
        const char *code, *brief;
    } briefs[] = {{"perspectief", "persp."}};
    if (*code == '\0')
        return "-";
    for (size_t i = 0; i < sizeof briefs / sizeof briefs[0]; i++)
        if (list_width(code) - 1 > w && strcmp(code, briefs[i].code) == 0) /* one for the gap */
            return briefs[i].brief;
    return code;
}

static void row(struct view *v, int i, int selected, int y, int w)
{
    struct caseload_view *c = cv(v);
    const struct crow *r = &c->rows[c->shown[i]];
    int cw[C_COUNT];
    char buf[96];
    columns(c, w, cw);
    int base = selected ? theme_attr(TH_SELECTED) : theme_attr(TH_NORMAL);
    /* The marker carries the severity in colour and in shape (monochrome-safe). */
    attrset(base | (r->worst == SEV_OVERDUE    ? theme_attr(TH_OVERDUE)
                    : r->worst == SEV_DUE_SOON ? theme_attr(TH_DUE_SOON)
                                               : 0));
    char mark[3] = {r->has_signal && r->worst == SEV_OVERDUE    ? '!'
                    : r->has_signal && r->worst == SEV_DUE_SOON ? '*'
                                                                : ' ',
                    r->marked ? '+' : ' ', '\0'};
    text_draw(y, 0, cw[C_MARK], mark, 1);
    attrset(base);
    int x = cw[C_MARK];
    x += cell(y, x, cw[C_NAME], r->c->name);
    x += cell(y, x, cw[C_BSN], r->c->bsn_masked);
    x += cell(y, x, cw[C_CLASS], class_text(r->c->classification, cw[C_CLASS] - 1));
    x += cell(y, x, cw[C_STATUS], status_code(r->status));
    if (r->days_since_contact < 0)
        snprintf(buf, sizeof buf, "nooit");
    else
        snprintf(buf, sizeof buf, "%d d", r->days_since_contact);
    x += cell(y, x, cw[C_CONTACT], buf);
    signal_text(r, buf, sizeof buf);
    x += cell(y, x, cw[C_SIGNAL], buf);
    if (x < w)
        text_draw(y, x, w - x, c->all ? r->c->caseworker : r->instrument, 1);
    attrset(theme_attr(TH_NORMAL));
}

static size_t marked(const struct caseload_view *c)
{
    size_t k = 0;
    for (size_t i = 0; i < c->n; i++)
        k += c->rows[i].marked != 0;
    return k;
}

static void count_line(struct view *v, char *buf, size_t n)
{
    struct caseload_view *c = cv(v);
    size_t m = marked(c);
    if (m > 0) {
        snprintf(buf, n, "%zu %s gemarkeerd voor overdracht  (m: markeren, r: overdragen)", m,
                 m == 1 ? "klant" : "klanten");
        return;
    }
    char only[200];
    casefilter_describe(&c->only, only, sizeof only);
    const char *by = c->sort != SORT_LAST ? sort_names[c->sort]
                     : c->all             ? "klantmanager"
                                          : "instrument";
    if (*c->filter) /* a search within a filter says so: its count is not the whole list */
        snprintf(buf, n, "%zu van %zu klanten gevonden met '%s'%s%s  (gesorteerd op %s)", c->nshown,
                 c->n, c->filter, *only ? ", filter: " : "", only, by);
    else if (*only)
        snprintf(buf, n, "%zu van %zu klanten: %s  (gesorteerd op %s)", c->nshown, c->n, only, by);
    else
        snprintf(buf, n, "%zu klanten, %d signalen te laat, %d binnenkort  (gesorteerd op %s)",
                 c->n, c->overdue_total, c->soon_total, by);
}

static int has_id(const long *ids, size_t n, long id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ids[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && ids[lo] == id;
}

/* Rows shown: all, or those the search index finds (within this caseload only). */
static int filter_rows(struct view *v, const char *text)
{
    struct caseload_view *c = cv(v);
    struct kv_error err;
    long *ids = NULL;
    size_t n = 0;
    snprintf(c->filter, sizeof c->filter, "%s", text ? text : "");
    int searching = c->filter[strspn(c->filter, " \t")] != '\0';
    if (searching && search_clients(c->db, c->filter, &ids, &n, &err) != KV_OK)
        n = 0; /* a failed search shows nothing rather than everything */
    c->nshown = 0;
    for (size_t i = 0; i < c->n; i++) {
        const struct crow *r = &c->rows[i];
        if ((!searching || has_id(ids, n, r->c->id)) &&
            casefilter_match(&c->only, c->db->user, r->c->caseworker, r->c->classification,
                             r->c->doelgroepen, r->overdue) &&
            casefilter_match_status(&c->only, status_code(r->status)))
            c->shown[c->nshown++] = i;
    }
    free(ids);
    v->rows = (int)c->nshown;
    return v->rows;
}

/* Esc: the 'f' filter goes (a teamleider's drill-down to one klantmanager stays: that is
 * the screen itself, not a filter on it). */
static int unfilter(struct view *v)
{
    struct caseload_view *c = cv(v);
    struct casefilter own = c->only, none = {0};
    own.caseworker[0] = '\0';
    if (!casefilter_active(&own))
        return 0;
    snprintf(none.caseworker, sizeof none.caseworker, "%s", c->only.caseworker);
    c->only = none;
    filter_rows(v, c->filter);
    return 1;
}

static int handle(struct view *v, int row, enum action a)
{
    struct caseload_view *c = cv(v);
    if (a == ACT_MARK && c->all && row >= 0 && (size_t)row < c->nshown) {
        c->rows[c->shown[row]].marked ^= 1;
        return 1;
    }
    if (a != ACT_SORT)
        return 0;
    c->sort = (enum sort_by)((c->sort + 1) % SORT_COUNT);
    sort_rows(c);
    filter_rows(v, c->filter);
    return 1;
}

static long client(struct view *v, int i, const char **name)
{
    struct caseload_view *c = cv(v);
    if (i < 0 || (size_t)i >= c->nshown)
        return 0;
    *name = c->rows[c->shown[i]].c->name;
    return c->rows[c->shown[i]].c->id;
}

static struct view *open_row(struct view *v, int i, struct kv_error *err)
{
    const char *name;
    long id = client(v, i, &name);
    return id ? view_dossier_new(cv(v)->db, id, cv(v)->today, err) : NULL;
}

static void set_today(struct view *v, long today)
{
    cv(v)->today = today;
}

static int reload(struct view *v, struct kv_error *err)
{
    struct caseload_view *c = cv(v);
    struct view *fresh = view_caseload_new(c->db, c->all, c->today, err);
    if (fresh == NULL)
        return err->status;
    struct caseload_view *f = cv(fresh);
    char filter[sizeof c->filter];
    snprintf(filter, sizeof filter, "%s", c->filter);
    f->sort = c->sort;
    f->only = c->only;
    snprintf(f->title, sizeof f->title, "%s", c->title);
    sort_rows(f);
    view_swap_free(v, fresh);
    filter_rows(v, filter);
    return KV_OK;
}

/* One client read again after a save: its row summarised anew from its fresh case file
 * (kept in patches), the totals adjusted, sort and filter applied again; the other rows
 * stay as read. A client not in the list, or no longer in reach (handed over), reloads
 * the whole list. */
static int reload_client(struct view *v, long client, struct kv_error *err)
{
    struct caseload_view *c = cv(v);
    size_t i = 0;
    while (i < c->n && c->rows[i].c->id != client)
        i++;
    struct caseload *one = NULL;
    struct signal_list sig = {0};
    size_t *first = NULL;
    struct caseload **p = i < c->n ? realloc(c->patches, (c->npatches + 1) * sizeof *p) : NULL;
    if (p != NULL)
        c->patches = p;
    if (p == NULL || caseload_load_client(c->db, client, &one, err) != KV_OK ||
        caseload_signals(c->db, one, c->today, &sig, &first, err) != KV_OK) {
        caseload_free(one);
        kv_error_clear(err);
        return reload(v, err);
    }
    struct crow *r = &c->rows[i];
    int marked = r->marked;
    c->overdue_total -= r->overdue;
    c->soon_total -= r->soon;
    memset(r, 0, sizeof *r);
    row_client(r, &one->clients[0]);
    r->marked = marked;
    summarise(r, &one->files[0], &sig, first[0], first[1], c->today);
    c->overdue_total += r->overdue;
    c->soon_total += r->soon;
    free(first);
    signals_free(&sig);
    c->patches[c->npatches++] = one;
    char filter[sizeof c->filter];
    snprintf(filter, sizeof filter, "%s", c->filter);
    sort_rows(c);
    filter_rows(v, filter);
    return KV_OK;
}

/* ---- the filter form ('f'): a form that applies, writes nothing ---------------------- */

/* "(alle)" first: a filter is taken off where it was put on, not only with Ctrl-U. */
static const struct form_option who_options[] = {
    {"", "(alle)"},
    {"eigen", "Eigen klanten (klantmanager)"},
    {"duo", "Als duo (consulent inkomen, jobcoach)"},
};

/* "(alle)", then in the order of enum client_status. */
static const struct form_option status_options[CS_COUNT + 1] = {
    {"", "(alle)"},
    {"aanmelding", "Aanmelding"},
    {"actief", "Actief"},
    {"uitgestroomd", "Uitgestroomd"},
    {"nazorg", "Nazorg"},
    {"afgesloten", "Afgesloten"},
    {"terug", "Terug in de uitkering"},
};

/* What both lists filter on, after who. */
/* clang-format off */
#define FILTER_FIELDS                                                                              \
    {"indeling", "Indeling", FT_CHOICE, 0, "indeling", NULL},                                      \
    {"status", "Status", FT_CHOICE, 0, NULL, NULL},                                                \
    {"doelgroep", "Doelgroep", FT_CHOICE, 0, "doelgroep", NULL},                                   \
    {"te_laat", "Alleen met signaal te laat", FT_YESNO, 1, NULL, NULL}
/* clang-format on */

static const struct field_spec filter_fields[] = {
    {"wie", "Welke klanten", FT_CHOICE, 0, NULL, NULL},
    FILTER_FIELDS,
};

/* The team's list asks which klantmanager instead of "own or duo" (a teamleider has no
 * own clients): walkthrough finding. */
static const struct field_spec team_filter_fields[] = {
    {"klantmanager", "Klantmanager", FT_CHOICE, 0, NULL, NULL},
    FILTER_FIELDS,
};

static int cmp_text(const void *a, const void *b)
{
    return strcoll(*(const char *const *)a, *(const char *const *)b);
}

/* "(alle)", then every klantmanager the list holds, by name. */
static int caseworker_options(struct form_host *h, const struct caseload_view *c,
                              struct kv_error *err)
{
    const char **names = malloc((c->n + 1) * sizeof *names);
    if (names == NULL)
        return kv_error_nomem(err);
    size_t n = 0, k = 1;
    for (size_t i = 0; i < c->n; i++)
        if (*c->rows[i].c->caseworker)
            names[n++] = c->rows[i].c->caseworker;
    qsort(names, n, sizeof *names, cmp_text);
    struct form_option *o = formhost_alloc_options(n + 1, err);
    if (o == NULL) {
        free(names);
        return err->status;
    }
    snprintf(o[0].label, sizeof o[0].label, "(alle)");
    for (size_t i = 0; i < n; i++)
        if (i == 0 || strcmp(names[i], names[i - 1]) != 0) {
            snprintf(o[k].code, sizeof o[k].code, "%s", names[i]);
            snprintf(o[k].label, sizeof o[k].label, "%s", names[i]);
            k++;
        }
    free(names);
    formhost_own_options(h, form_find(&h->form, "klantmanager"), o, k);
    return KV_OK;
}

static int apply_filter(struct form_host *h, struct db *db, const char *now, struct kv_error *err)
{
    (void)db, (void)now, (void)err;
    struct view *v = h->owner;
    struct caseload_view *c = cv(v);
    c->only.who = casefilter_who_parse(formhost_text(h, "wie"));
    if (c->all)
        snprintf(c->only.caseworker, sizeof c->only.caseworker, "%s",
                 formhost_text(h, "klantmanager"));
    snprintf(c->only.classification, sizeof c->only.classification, "%s",
             formhost_text(h, "indeling"));
    snprintf(c->only.doelgroep, sizeof c->only.doelgroep, "%s", formhost_text(h, "doelgroep"));
    snprintf(c->only.status, sizeof c->only.status, "%s", formhost_text(h, "status"));
    c->only.overdue_only = strcmp(formhost_text(h, "te_laat"), "ja") == 0;
    filter_rows(v, c->filter);
    char d[200];
    casefilter_describe(&c->only, d, sizeof d);
    snprintf(h->saved, sizeof h->saved, *d ? "Filter: %s." : "Geen filter: alle klanten.", d);
    return KV_OK;
}

/* The clients a handover is about: the marked ones, else the chosen one. */
static size_t handover_clients(struct caseload_view *c, int row, long *ids, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < c->n && k < cap; i++)
        if (c->rows[i].marked)
            ids[k++] = c->rows[i].c->id;
    if (k == 0 && row >= 0 && (size_t)row < c->nshown)
        ids[k++] = c->rows[c->shown[row]].c->id;
    return k;
}

static struct form_host *form(struct view *v, int row, enum action a, struct kv_error *err)
{
    struct caseload_view *c = cv(v);
    if (a == ACT_REASSIGN) {
        if (!c->all) {
            kv_error_set(err, KV_EUSAGE, "not a team list",
                         "Overdragen doet een teamleider, "
                         "vanuit de werkvoorraad van het team.");
            return NULL;
        }
        long ids[FORMS_HANDOVER_MAX];
        size_t n = handover_clients(c, row, ids, FORMS_HANDOVER_MAX);
        if (n == 0) {
            kv_error_set(err, KV_EUSAGE, "no client", "Kies eerst een klant.");
            return NULL;
        }
        return forms_handover(c->db, ids, n, c->today, err);
    }
    if (a != ACT_FILTER)
        return NULL;
    const struct field_spec *fields = c->all ? team_filter_fields : filter_fields;
    int nfields = c->all ? (int)(sizeof team_filter_fields / sizeof team_filter_fields[0])
                         : (int)(sizeof filter_fields / sizeof filter_fields[0]);
    struct form_host *h = formhost_new(c->db, "filter", "Werkvoorraad filteren (leeg: alles)",
                                       fields, nfields, 0, c->today, err);
    if (h == NULL)
        return NULL;
    h->no_write = 1;
    h->owner = v;
    h->save = apply_filter;
    if (c->all) {
        if (caseworker_options(h, c, err) != KV_OK) {
            formhost_free(h);
            return NULL;
        }
        formhost_default(h, "klantmanager", c->only.caseworker);
    } else
        form_set_options(&h->form, 0, who_options, 3);
    form_set_options(&h->form, form_find(&h->form, "status"), status_options, CS_COUNT + 1);
    formhost_default(h, "wie",
                     c->only.who == CFW_OWN   ? "eigen"
                     : c->only.who == CFW_DUO ? "duo"
                                              : "");
    formhost_default(h, "indeling", c->only.classification);
    formhost_default(h, "doelgroep", c->only.doelgroep);
    formhost_default(h, "status", c->only.status);
    formhost_default(h, "te_laat", c->only.overdue_only ? "ja" : "nee");
    return h;
}

static void free_caseload(struct view *v)
{
    struct caseload_view *c = cv(v);
    caseload_free(c->cl);
    for (size_t i = 0; i < c->npatches; i++)
        caseload_free(c->patches[i]);
    free(c->patches);
    free(c->rows);
    free(c->shown);
    free(c);
    free(v);
}

static const struct view_ops caseload_ops = {
    .legend = "Kolommen: CONTACT dagen sinds het laatste contact; "
              "SIGNAAL het eerstvolgende signaal; persp. = perspectief "
              "(waar de kolom smal is). Voor de naam: ! te laat, "
              "* binnenkort, + gemarkeerd voor overdracht.",
    .header = header,
    .row = row,
    .count_line = count_line,
    .handle = handle,
    .filter = filter_rows,
    .unfilter = unfilter,
    .open = open_row,
    .client = client,
    .form = form,
    .reload = reload,
    .reload_client = reload_client,
    .set_today = set_today,
    .free = free_caseload,
};

struct view *view_caseload_new(struct db *db, int all, long today, struct kv_error *err)
{
    struct view *v = calloc(1, sizeof *v);
    struct caseload_view *c = calloc(1, sizeof *c);
    struct signal_list sig = {0};
    size_t *first = NULL;
    int ok = v && c;
    /* The team's list from the per-client summary, as the pressure screen reads it (at
     * 50,000 clients the full case files take a second); the list reads nothing of a
     * case file the summary leaves out, but the running instrument's name, which only
     * the klantmanager's own list shows. */
    if (ok && ((all ? figures_summary_load(db, &c->cl, err)
                    : caseload_load(db, SCOPE_MINE, &c->cl, err)) != KV_OK ||
               caseload_signals(db, c->cl, today, &sig, &first, err) != KV_OK))
        ok = 0;
    else if (ok) {
        c->rows = calloc(c->cl->n ? c->cl->n : 1, sizeof *c->rows);
        c->shown = calloc(c->cl->n ? c->cl->n : 1, sizeof *c->shown);
        for (size_t i = 0; c->rows && i < c->cl->n; i++) {
            row_client(&c->rows[i], &c->cl->clients[i]);
            summarise(&c->rows[i], &c->cl->files[i], &sig, first[i], first[i + 1], today);
            c->n++;
        }
        for (size_t i = 0; i < sig.n; i++) {
            c->overdue_total += sig.v[i].severity == SEV_OVERDUE;
            c->soon_total += sig.v[i].severity == SEV_DUE_SOON;
        }
        free(first);
        signals_free(&sig);
        ok = c->rows != NULL && c->shown != NULL && c->n == c->cl->n;
        if (!ok)
            kv_error_nomem(err);
    }
    if (!ok) {
        if (c)
            caseload_free(c->cl);
        if (c) {
            free(c->rows);
            free(c->shown);
        }
        free(c);
        free(v);
        return NULL;
    }
    c->db = db;
    c->today = today;
    c->all = all;
    measure(c);
    sort_rows(c);
    snprintf(c->title, sizeof c->title, "%s", all ? "werkvoorraad van het team" : "werkvoorraad");
    *v = (struct view){.ops = &caseload_ops,
                       .title = c->title,
                       .kind = all ? AV_TEAM : AV_CASELOAD,
                       .rows = (int)c->n,
                       .data = c};
    filter_rows(v, "");
    return v;
}

struct view *view_caseload_of(struct db *db, const char *caseworker, long today,
                              struct kv_error *err)
{
    struct view *v = view_caseload_new(db, 1, today, err);
    if (v == NULL)
        return NULL;
    struct caseload_view *c = cv(v);
    snprintf(c->only.caseworker, sizeof c->only.caseworker, "%s", caseworker);
    snprintf(c->title, sizeof c->title, "werkvoorraad van %s",
             *caseworker ? caseworker : "niemand");
    filter_rows(v, "");
    return v;
}
