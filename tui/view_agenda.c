/* view_agenda.c: the agenda (signalen): every signal of the caseload grouped as overdue,
 * today, this week and later (up to 90 days), each opening its client. d marks a signal
 * done with a note; z snoozes it to a date with a reason. Both are stored as
 * acknowledgements, which signals_compute honours everywhere. */
#include "tui/view.h"

#include "core/date.h"
#include "core/signals.h"
#include "storage/caseload.h"
#include "storage/records.h"
#include "tui/text.h"
#include "tui/theme.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LATER_DAYS 90

enum group { G_OVERDUE, G_TODAY, G_WEEK, G_LATER, G_COUNT };
static const char *const group_names[G_COUNT] = {"TE LAAT", "VANDAAG", "DEZE WEEK", "LATER"};

struct arow {
    int is_header;
    enum group group;
    struct signal s;
    size_t client;              /* index into the caseload */
};

struct agenda {
    struct db *db;
    int all;
    long today;
    char now[20];
    struct caseload *cl;
    struct arow *rows;
    size_t n;
    int counts[G_COUNT];
    enum action pending;        /* what the prompt answers: ACT_DONE or ACT_SNOOZE */
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
    g->cl = NULL;
    g->rows = NULL;
    g->n = 0;
    memset(g->counts, 0, sizeof g->counts);
}

/* (Re)read the caseload and its signals; after d or z the acknowledgement shows at once. */
static int load(struct agenda *g, struct kv_error *err)
{
    struct signal_list sig = {0};
    size_t *first = NULL;
    unload(g);
    if (caseload_load(g->db, g->all ? SCOPE_ALL : SCOPE_MINE, &g->cl, err) != KV_OK ||
        caseload_signals(g->db, g->cl, g->today, &sig, &first, err) != KV_OK)
        return -1;
    g->rows = calloc(sig.n + G_COUNT, sizeof *g->rows);
    if (g->rows == NULL) {
        free(first);
        signals_free(&sig);
        kv_error_set(err, KV_ERR, "out of memory", "Onvoldoende geheugen.");
        return -1;
    }
    for (size_t ci = 0; ci < g->cl->n; ci++)
        for (size_t k = first[ci]; k < first[ci + 1]; k++) {
            if (sig.v[k].due > g->today + LATER_DAYS)
                continue;
            struct arow *r = &g->rows[g->n++];
            r->s = sig.v[k];
            r->client = ci;
            r->group = group_of(r->s.due, g->today);
            g->counts[r->group]++;
        }
    for (int h = 0; h < G_COUNT; h++)
        if (g->counts[h]) {
            g->rows[g->n].is_header = 1;
            g->rows[g->n++].group = (enum group)h;
        }
    qsort(g->rows, g->n, sizeof *g->rows, by_group_then_due);
    free(first);
    signals_free(&sig);
    return 0;
}

static struct agenda *ag(struct view *v)
{
    return v->data;
}

static void header(struct view *v, int y, int w)
{
    attrset(A_BOLD);
    text_draw(y, 0, w, ag(v)->all ? "DATUM       KLANT                        KLANTMANAGER  SIGNAAL"
                                  : "DATUM       KLANT                          SIGNAAL", 1);
    attrset(theme_attr(TH_NORMAL));
}

static void row(struct view *v, int i, int selected, int y, int w)
{
    struct agenda *g = ag(v);
    const struct arow *r = &g->rows[i];
    char line[600], d[11];
    if (r->is_header) {
        snprintf(line, sizeof line, "%s (%d)", group_names[r->group], g->counts[r->group]);
        attrset(A_BOLD | (selected ? theme_attr(TH_SELECTED) : 0));
        text_draw(y, 0, w, line, 1);
        attrset(theme_attr(TH_NORMAL));
        return;
    }
    const struct client_summary *c = &g->cl->clients[r->client];
    date_format_nl(r->s.due, d);
    if (g->all)
        snprintf(line, sizeof line, "%-10s  %-28.28s %-13.13s %s", d, c->name, c->caseworker,
                 r->s.reason);
    else
        snprintf(line, sizeof line, "%-10s  %-30.30s %s", d, c->name, r->s.reason);
    int attr = r->group == G_OVERDUE ? theme_attr(TH_OVERDUE)
               : r->group == G_TODAY || r->group == G_WEEK ? theme_attr(TH_DUE_SOON) : 0;
    attrset((selected ? theme_attr(TH_SELECTED) : theme_attr(TH_NORMAL)) | attr);
    text_draw(y, 0, w, line, 1);
    attrset(theme_attr(TH_NORMAL));
}

static void count_line(struct view *v, char *buf, size_t n)
{
    struct agenda *g = ag(v);
    snprintf(buf, n, "%d te laat, %d vandaag, %d deze week, %d later   d: afgehandeld  "
             "z: uitstellen", g->counts[G_OVERDUE], g->counts[G_TODAY], g->counts[G_WEEK],
             g->counts[G_LATER]);
}

static int handle(struct view *v, int row, enum action a)
{
    (void)row;
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
    if (i < 0 || (size_t)i >= g->n || g->rows[i].is_header) {
        snprintf(msg, n, "Kies eerst een signaal.");
        return;
    }
    const struct arow *r = &g->rows[i];
    long until = NO_DATE;
    const char *note = text;
    enum action pending = g->pending;
    if (pending == ACT_SNOOZE) {
        char date[32];
        size_t k = strcspn(text, " ");
        snprintf(date, sizeof date, "%.*s", (int)(k < sizeof date ? k : sizeof date - 1), text);
        note = text + k + strspn(text + k, " ");
        if (!date_parse(date, &until) || until <= g->today) {
            snprintf(msg, n, "Niet uitgesteld: '%s' is geen datum na vandaag.", date);
            return;
        }
        if (*note == '\0') {
            snprintf(msg, n, "Niet uitgesteld: geef een reden na de datum.");
            return;
        }
    }
    long client = g->cl->clients[r->client].id;
    int rc = db_begin(g->db, &err);
    if (rc == KV_OK)
        rc = records_ack(g->db, client, signal_kind_code(r->s.kind), r->s.ref, r->s.due,
                         pending == ACT_DONE, until, note, g->now, &err);
    rc = rc == KV_OK ? db_commit(g->db, &err) : (db_rollback(g->db), rc);
    if (rc != KV_OK) {
        snprintf(msg, n, "%s", err.msg);
        return;
    }
    char d[11];
    if (until != NO_DATE)
        date_format_nl(until, d);
    snprintf(msg, n, pending == ACT_DONE ? "Afgehandeld: %s" : "Uitgesteld tot %s: %s",
             pending == ACT_DONE ? r->s.reason : d, r->s.reason);
    if (load(g, &err) != 0)
        snprintf(msg, n, "%s", err.msg);
    v->rows = (int)g->n;
}

static long client(struct view *v, int i, const char **name)
{
    struct agenda *g = ag(v);
    if (i < 0 || (size_t)i >= g->n || g->rows[i].is_header)
        return 0;
    *name = g->cl->clients[g->rows[i].client].name;
    return g->cl->clients[g->rows[i].client].id;
}

static struct view *open_row(struct view *v, int i, struct kv_error *err)
{
    const char *name;
    long id = client(v, i, &name);
    return id ? view_dossier_new(ag(v)->db, id, ag(v)->today, err) : NULL;
}

static int reload(struct view *v, struct kv_error *err)
{
    int rc = load(ag(v), err) != 0 ? err->status : KV_OK;
    v->rows = (int)ag(v)->n;
    return rc;
}

static void free_agenda(struct view *v)
{
    unload(ag(v));
    free(v->data);
    free(v);
}

struct view *view_agenda_new(struct db *db, int all, long today, const char *now,
                             struct kv_error *err)
{
    struct view *v = calloc(1, sizeof *v);
    struct agenda *g = calloc(1, sizeof *g);
    if (v == NULL || g == NULL) {
        free(v);
        free(g);
        kv_error_set(err, KV_ERR, "out of memory", "Onvoldoende geheugen.");
        return NULL;
    }
    g->db = db;
    g->all = all;
    g->today = today;
    snprintf(g->now, sizeof g->now, "%s", now);
    if (load(g, err) != 0) {
        unload(g);
        free(g);
        free(v);
        return NULL;
    }
    *v = (struct view){.title = all ? "agenda van het team" : "agenda", .rows = (int)g->n,
                       .header = header, .row = row, .count_line = count_line, .handle = handle,
                       .open = open_row, .answer = answer, .client = client, .reload = reload,
                       .free = free_agenda, .data = g};
    return v;
}
