/* view_agenda.c: the agenda (signalen): every signal of the caseload grouped as overdue,
 * today, this week and later (up to 90 days), each opening its client. It opens at
 * today: the overdue ones are one line with their count until Enter unfolds them. d
 * marks a signal done with a note; z snoozes it to a date with a reason. Both are stored
 * as acknowledgements, which signals_compute honours everywhere; h shows the signals done
 * or snoozed in a group of their own and u opens the chosen one again. */
#include "tui/view.h"

#include "host/env.h"

#include "core/date.h"
#include "core/signals.h"
#include "storage/caseload.h"
#include "storage/records.h"
#include "storage/txn.h"
#include "tui/list.h"
#include "tui/text.h"
#include "tui/theme.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LATER_DAYS 90

/* G_ACKED: the signals done or snoozed, shown on request (h) to be undone (u). */
enum group { G_OVERDUE, G_TODAY, G_WEEK, G_LATER, G_ACKED, G_COUNT };
static const char *const group_names[G_COUNT] = {"TE LAAT", "VANDAAG", "DEZE WEEK", "LATER",
                                                 "AFGEHANDELD EN UITGESTELD"};

struct arow {
    int is_header;
    enum group group;
    struct signal s;
    size_t client; /* index into the caseload */
};

struct agenda {
    struct db *db;
    int all;
    long today;
    struct caseload *cl;
    struct arow *rows; /* every row, headers included, in display order */
    size_t n_rows;
    size_t *shown; /* the rows on screen: indexes into rows */
    size_t n;
    int counts[G_COUNT];
    int folded; /* the overdue ones are one line (as the agenda opens) */
    int show_acked;
    char said[600];             /* for the status line (view.status) */
    enum action pending;        /* what the prompt answers: ACT_DONE or ACT_SNOOZE */
    int name_want, worker_want; /* the widest name and klantmanager, in display columns */
};

static enum group group_of(long due, long today)
{
    return due < today ? G_OVERDUE : due == today ? G_TODAY : due <= today + 7 ? G_WEEK : G_LATER;
}

static int by_group_then_due(const void *a, const void *b)
{
    const struct arow *x = a, *y = b;
    if (x->group != y->group)
        return (int)x->group - (int)y->group;
    if (x->is_header != y->is_header)
        return y->is_header - x->is_header; /* the header first in its group */
    if (x->s.due != y->s.due)
        return x->s.due < y->s.due ? -1 : 1;
    return x->client < y->client ? -1 : x->client > y->client;
}

static void unload(struct agenda *g)
{
    caseload_free(g->cl);
    free(g->rows);
    free(g->shown);
    g->cl = NULL;
    g->rows = NULL;
    g->shown = NULL;
    g->n = g->n_rows = 0;
    memset(g->counts, 0, sizeof g->counts);
}

/* The rows on screen: all of them, but the overdue ones only by their header while
 * folded, so the agenda opens at today however far behind one is. */
static void show(struct agenda *g)
{
    g->n = 0;
    for (size_t i = 0; i < g->n_rows; i++)
        if (g->rows[i].is_header || g->rows[i].group != G_OVERDUE || !g->folded)
            g->shown[g->n++] = i;
}

static const struct arow *at(const struct agenda *g, int i)
{
    return i >= 0 && (size_t)i < g->n ? &g->rows[g->shown[i]] : NULL;
}

/* The screen row of a group's header, or -1. */
static int header_row(const struct agenda *g, enum group grp)
{
    for (size_t i = 0; i < g->n; i++)
        if (at(g, (int)i)->is_header && at(g, (int)i)->group == grp)
            return (int)i;
    return -1;
}

/* (Re)read the caseload and its signals; after d, z or u the change shows at once. */
static int load(struct agenda *g, struct kv_error *err)
{
    struct signal_list sig = {0};
    size_t *first = NULL;
    unload(g);
    if (caseload_load(g->db, g->all ? SCOPE_ALL : SCOPE_MINE, &g->cl, err) != KV_OK ||
        (g->show_acked ? caseload_signals_acked : caseload_signals)(g->db, g->cl, g->today, &sig,
                                                                    &first, err) != KV_OK)
        return -1;
    g->rows = calloc(sig.n + G_COUNT, sizeof *g->rows);
    g->shown = calloc(sig.n + G_COUNT, sizeof *g->shown);
    if (g->rows == NULL || g->shown == NULL) {
        free(first);
        signals_free(&sig);
        kv_error_nomem(err);
        return -1;
    }
    for (size_t ci = 0; ci < g->cl->n; ci++)
        for (size_t k = first[ci]; k < first[ci + 1]; k++) {
            int acked = sig.v[k].acked != ACK_NONE;
            if (!acked && sig.v[k].due > g->today + LATER_DAYS)
                continue;
            struct arow *r = &g->rows[g->n_rows++];
            r->s = sig.v[k];
            r->client = ci;
            r->group = acked ? G_ACKED : group_of(r->s.due, g->today);
            g->counts[r->group]++;
            int nw = list_width(g->cl->clients[ci].name);
            int ww = list_width(g->cl->clients[ci].caseworker);
            g->name_want = nw > g->name_want ? nw : g->name_want;
            g->worker_want = ww > g->worker_want ? ww : g->worker_want;
        }
    for (int h = 0; h < G_COUNT; h++)
        if (g->counts[h] || h == G_TODAY) { /* today always has its line: one sees where */
            g->rows[g->n_rows].is_header = 1;
            g->rows[g->n_rows++].group = (enum group)h;
        }
    qsort(g->rows, g->n_rows, sizeof *g->rows, by_group_then_due);
    show(g);
    free(first);
    signals_free(&sig);
    return 0;
}

static struct agenda *ag(struct view *v)
{
    return v->data;
}

static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* The columns for a screen w wide: date, client, (klantmanager,) signal. At 80 columns
 * the client gets what the longest name needs, at most 30 (28 next to the klantmanager),
 * and the signal the rest, so "Contactgegevens zijn nooit gecontroleerd" is read whole;
 * a wider screen first shows whole names, then whole signals. */
static int columns(const struct agenda *g, int w, int *widths)
{
    struct list_col own[] = {{12, 12}, {clamp(g->name_want, 8, 31), g->name_want}, {37, 0}};
    struct list_col team[] = {
        {12, 12}, {clamp(g->name_want, 8, 29), g->name_want}, {14, g->worker_want}, {25, 0}};
    int n = g->all ? 4 : 3;
    list_layout(g->all ? team : own, n, w, widths);
    return n;
}

static void header(struct view *v, int y, int w)
{
    struct agenda *g = ag(v);
    int widths[4];
    char line[600];
    const char *own[] = {"DATUM", "KLANT", "SIGNAAL"};
    const char *team[] = {"DATUM", "KLANT", "KLANTMANAGER", "SIGNAAL"};
    int n = columns(g, w, widths);
    list_cells(line, sizeof line, g->all ? team : own, widths, n);
    attrset(A_BOLD);
    text_draw(y, 0, w, line, 1);
    attrset(theme_attr(TH_NORMAL));
}

static void row(struct view *v, int i, int selected, int y, int w)
{
    struct agenda *g = ag(v);
    const struct arow *r = at(g, i);
    char line[600], d[11], what[300];
    if (r->is_header) {
        snprintf(line, sizeof line, "%s (%d)%s", group_names[r->group], g->counts[r->group],
                 r->group != G_OVERDUE ? ""
                 : g->folded           ? "  ingeklapt: Enter toont ze"
                                       : "  Enter klapt ze in");
        attrset(A_BOLD | (selected ? theme_attr(TH_SELECTED) : 0));
        text_draw(y, 0, w, line, 1);
        attrset(theme_attr(TH_NORMAL));
        return;
    }
    const struct client_summary *c = &g->cl->clients[r->client];
    if (r->s.acked == ACK_SNOOZED) {
        date_format_nl(r->s.snoozed_until, d);
        snprintf(what, sizeof what, "uitgesteld tot %s: %s", d, r->s.reason);
    } else {
        snprintf(what, sizeof what, "%s%s", r->s.acked == ACK_DONE ? "afgehandeld: " : "",
                 r->s.reason);
    }
    date_format_nl(r->s.due, d);
    int widths[4];
    int n = columns(g, w, widths);
    const char *own[] = {d, c->name, what};
    const char *team[] = {d, c->name, c->caseworker, what};
    list_cells(line, sizeof line, g->all ? team : own, widths, n);
    int attr = r->group == G_OVERDUE                       ? theme_attr(TH_OVERDUE)
               : r->group == G_TODAY || r->group == G_WEEK ? theme_attr(TH_DUE_SOON)
                                                           : 0;
    attrset((selected ? theme_attr(TH_SELECTED) : theme_attr(TH_NORMAL)) | attr);
    text_draw(y, 0, w, line, 1);
    attrset(theme_attr(TH_NORMAL));
}

/* The key of an action as the table has it now (a keys file may have moved it). */
static const char *key_of(enum action a, char *buf, size_t n)
{
    actions_key_label(actions_def(a), 1, buf, n);
    return buf;
}

static void count_line(struct view *v, char *buf, size_t n)
{
    struct agenda *g = ag(v);
    char k1[16], k2[16];
    if (g->show_acked)
        snprintf(buf, n,
                 "%d te laat, %d vandaag, %d deze week, %d later, %d afgehandeld of "
                 "uitgesteld  %s: weer open",
                 g->counts[G_OVERDUE], g->counts[G_TODAY], g->counts[G_WEEK], g->counts[G_LATER],
                 g->counts[G_ACKED], key_of(ACT_UNDO, k1, sizeof k1));
    else
        snprintf(buf, n,
                 "%d te laat, %d vandaag, %d deze week, %d later   %s: afgehandeld  "
                 "%s: uitstellen",
                 g->counts[G_OVERDUE], g->counts[G_TODAY], g->counts[G_WEEK], g->counts[G_LATER],
                 key_of(ACT_DONE, k1, sizeof k1), key_of(ACT_SNOOZE, k2, sizeof k2));
}

/* h: show or hide the signals done or snoozed; shown, their group is selected. */
static void toggle_acked(struct view *v)
{
    struct agenda *g = ag(v);
    struct kv_error err;
    kv_error_clear(&err);
    g->show_acked = !g->show_acked;
    if (load(g, &err) != 0) {
        snprintf(g->said, sizeof g->said, "%s", err.msg);
    } else if (!g->show_acked) {
        snprintf(g->said, sizeof g->said, "Afgehandelde en uitgestelde signalen verborgen.");
    } else {
        int h = header_row(g, G_ACKED);
        snprintf(g->said, sizeof g->said,
                 h < 0 ? "Er zijn geen afgehandelde of uitgestelde "
                         "signalen."
                       : "%d afgehandeld of uitgesteld, onderaan; u zet het gekozen "
                         "signaal weer open.",
                 g->counts[G_ACKED]);
        v->select_row = h + 1;
    }
    v->status = g->said;
    v->rows = (int)g->n;
}

/* u: the chosen signal done or snoozed is open again. */
static void undo(struct view *v, int i)
{
    struct agenda *g = ag(v);
    struct kv_error err;
    const struct arow *r = at(g, i);
    v->status = g->said;
    if (r == NULL || r->is_header || r->s.acked == ACK_NONE) {
        snprintf(g->said, sizeof g->said,
                 g->show_acked ? "Kies een afgehandeld of uitgesteld "
                                 "signaal."
                               : "Kies een afgehandeld of uitgesteld signaal (h toont ze).");
        return;
    }
    kv_error_clear(&err);
    char reason[sizeof r->s.reason + 160], now[20]; /* whose signal: the row is gone after */
    snprintf(reason, sizeof reason, "%s — %s", g->cl->clients[r->client].name, r->s.reason);
    int rc = env_now(now, &err); /* stamped when it happens, not when the session began */
    if (rc == KV_OK)
        rc = db_begin(g->db, &err);
    if (rc == KV_OK)
        rc = records_ack_undo(g->db, g->cl->clients[r->client].id, signal_kind_code(r->s.kind),
                              r->s.ref, r->s.due, now, &err);
    rc = rc == KV_OK ? db_commit(g->db, &err) : (db_rollback(g->db), rc);
    if (rc != KV_OK) {
        snprintf(g->said, sizeof g->said, "Niet ongedaan gemaakt: %s", err.msg);
        return;
    }
    snprintf(g->said, sizeof g->said, "Weer open: %s", reason);
    v->wrote_client = g->cl->clients[r->client].id; /* before load() frees the row */
    if (load(g, &err) != 0)
        snprintf(g->said, sizeof g->said, "%s", err.msg);
    v->rows = (int)g->n;
}

static int handle(struct view *v, int row, enum action a)
{
    if (a == ACT_SHOW_ACKED) {
        toggle_acked(v);
        return 1;
    }
    if (a == ACT_UNDO) {
        undo(v, row);
        return 1;
    }
    const struct arow *r = at(ag(v), row);
    if (a == ACT_DONE && r != NULL && !r->is_header && r->s.kind == SIG_UNINFORMED) {
        /* Only the date ends it (signals.c): say so before a note is typed. */
        snprintf(ag(v)->said, sizeof ag(v)->said,
                 "Dit signaal eindigt met de datum waarop de "
                 "klant is ingelicht: druk l om die vast te leggen.");
        v->status = ag(v)->said;
        return 1;
    }
    if (a == ACT_DONE)
        v->prompt = "Afgehandeld, notitie: ";
    else if (a == ACT_SNOOZE)
        v->prompt = "Uitstellen tot (datum) en reden: ";
    else
        return 0;
    ag(v)->pending = a;
    return 1;
}

static void answer(struct view *v, int i, const char *text, char *msg, size_t n)
{
    struct agenda *g = ag(v);
    struct kv_error err;
    const struct arow *r = at(g, i);
    if (r == NULL || r->is_header) {
        snprintf(msg, n, "Kies eerst een signaal.");
        return;
    }
    if (r->s.acked != ACK_NONE) {
        snprintf(msg, n, "Dit signaal is al afgehandeld of uitgesteld; u zet het weer open.");
        return;
    }
    long until = NO_DATE;
    const char *note = text;
    enum action pending = g->pending;
    if (pending == ACT_SNOOZE) {
        char date[32];
        size_t k = strcspn(text, " ");
        snprintf(date, sizeof date, "%.*s", (int)(k < sizeof date ? k : sizeof date - 1), text);
        note = text + k + strspn(text + k, " ");
        if (!date_parse(date, &until)) {
            snprintf(msg, n, "Niet uitgesteld: '%s' is geen datum (dd-mm-jjjj).", date);
            return;
        }
        if (until <= g->today) {
            snprintf(msg, n, "Niet uitgesteld: '%s' is niet na vandaag.", date);
            return;
        }
        if (*note == '\0') {
            snprintf(msg, n, "Niet uitgesteld: geef een reden na de datum.");
            return;
        }
    }
    long client = g->cl->clients[r->client].id;
    char reason[sizeof r->s.reason + 160], now[20]; /* whose signal: the row moves after */
    snprintf(reason, sizeof reason, "%s — %s", g->cl->clients[r->client].name, r->s.reason);
    kv_error_clear(&err);
    int rc = env_now(now, &err);
    if (rc == KV_OK)
        rc = db_begin(g->db, &err);
    if (rc == KV_OK)
        rc = records_ack(g->db, client, signal_kind_code(r->s.kind), r->s.ref, r->s.due,
                         pending == ACT_DONE, until, note, now, &err);
    rc = rc == KV_OK ? db_commit(g->db, &err) : (db_rollback(g->db), rc);
    if (rc != KV_OK) {
        snprintf(msg, n, "%s", err.msg);
        return;
    }
    char d[11];
    if (until != NO_DATE)
        date_format_nl(until, d);
    if (pending == ACT_DONE)
        snprintf(msg, n, "Afgehandeld: %s — u op de regel maakt het ongedaan; h toont ze",
                 g->cl->clients[r->client].name); /* short: the hint must stay on one line */
    else
        snprintf(msg, n, "Uitgesteld tot %s: %s", d, reason);
    v->wrote_client = client;
    if (load(g, &err) != 0)
        snprintf(msg, n, "%s", err.msg);
    v->rows = (int)g->n;
}

static long client(struct view *v, int i, const char **name)
{
    struct agenda *g = ag(v);
    const struct arow *r = at(g, i);
    if (r == NULL || r->is_header)
        return 0;
    *name = g->cl->clients[r->client].name;
    return g->cl->clients[r->client].id;
}

/* Enter: a signal opens its client; the overdue line unfolds (or folds) in place. */
static struct view *open_row(struct view *v, int i, struct kv_error *err)
{
    struct agenda *g = ag(v);
    const struct arow *r = at(g, i);
    if (r != NULL && r->is_header && r->group == G_OVERDUE) {
        g->folded = !g->folded;
        show(g);
        v->rows = (int)g->n;
        v->select_row = header_row(g, G_OVERDUE) + 1;
        return NULL;
    }
    const char *name;
    long id = client(v, i, &name);
    return id ? view_dossier_new(g->db, id, g->today, err) : NULL;
}

static int reload(struct view *v, struct kv_error *err)
{
    int rc = load(ag(v), err) != 0 ? err->status : KV_OK;
    v->rows = (int)ag(v)->n;
    return rc;
}

static void set_today(struct view *v, long today)
{
    ag(v)->today = today;
}

static void free_agenda(struct view *v)
{
    unload(ag(v));
    free(v->data);
    free(v);
}

static const struct view_ops agenda_ops = {
    .header = header,
    .row = row,
    .count_line = count_line,
    .handle = handle,
    .open = open_row,
    .answer = answer,
    .client = client,
    .reload = reload,
    .set_today = set_today,
    .free = free_agenda,
};

struct view *view_agenda_new(struct db *db, int all, long today, struct kv_error *err)
{
    struct view *v = calloc(1, sizeof *v);
    struct agenda *g = calloc(1, sizeof *g);
    if (v == NULL || g == NULL) {
        free(v);
        free(g);
        kv_error_nomem(err);
        return NULL;
    }
    g->db = db;
    g->all = all;
    g->today = today;
    g->folded = 1;
    if (load(g, err) != 0) {
        unload(g);
        free(g);
        free(v);
        return NULL;
    }
    *v = (struct view){.ops = &agenda_ops,
                       .title = all ? "agenda van het team" : "agenda",
                       .kind = AV_AGENDA,
                       .rows = (int)g->n,
                       .data = g};
    return v;
}
