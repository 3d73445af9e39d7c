/* view_pressure.c: caseload pressure for a teamleider: one row per klantmanager with the
 * hours, the norm their mix of clients comes to (each kind of caseload against its own
 * norm, scaled by the hours), the load in percent and a bar, the signals,
 * contact beyond the norm, nazorg and handovers; team subtotals and the total; w asks
 * "what if N new clients arrive"; Enter opens that klantmanager's werkvoorraad. INL
 * counts handovers whose client was not told (signals_uninformed). The
 * figures are core/metrics.c and core/pressure.c on the team's caseload. */
#include "tui/view.h"

#include "core/pressure.h"
#include "storage/caseload.h"
#include "storage/figures_summary.h"
#include "storage/users.h"
#include "tui/list.h"
#include "tui/text.h"
#include "tui/theme.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pressure_view {
    struct db *db;
    long today;
    struct caseload *cl;          /* owns the names the rows point to */
    struct caseworker_metrics *m; /* metrics_caseload's rows, total last */
    size_t nm;
    size_t ncw;     /* the klantmanagers among m (the clients without one taken out) */
    int unassigned; /* clients without a klantmanager, reported apart */
    struct user_rec *users;
    size_t nusers;
    struct pressure_norms norms;
    struct pressure_row *rows;
    size_t n;
    int what_if;
    struct caseload **patches; /* clients read again after a save (reload_client) */
    size_t npatches;
};

static struct pressure_view *pv(struct view *v)
{
    return v->data;
}

static int compute(struct view *v)
{
    struct pressure_view *p = pv(v);
    free(p->rows);
    p->rows = NULL;
    struct users_index idx = {p->users, p->nusers};
    struct pressure_people who = users_pressure_people(&idx);
    if (pressure_rows(p->m, p->ncw, &who, &p->norms, p->what_if, &p->rows, &p->n) != 0)
        return -1;
    v->rows = (int)p->n;
    return 0;
}

/* From this width the column headers are written out; below it they are abbreviated
 * and the legend (F1) spells them out. */
#define WIDE 124

static const char legend[] =
    "Kolommen: KL. klanten; UREN per week; NORM zoveel klanten van deze mix is 100%; "
    "BELASTING tegen die norm; LAAT signalen te laat; BINN signalen binnenkort; >NORM klanten "
    "langer dan de contactnorm niet gesproken; NAZ klanten in nazorg; WISS wisselingen van "
    "klantmanager in 12 maanden; INL overgedragen klanten van wie niet is vastgelegd dat ze "
    "zijn ingelicht. Een team van één persoon heeft ook een teamregel.";

static void header(struct view *v, int y, int w)
{
    (void)v;
    attrset(A_BOLD);
    if (w >= WIDE)
        text_draw(y, 0, w,
                  "KLANTMANAGER     KLANTEN  UREN  NORM BELASTING           "
                  "TE LAAT BINNENKORT >CONTACTNORM NAZORG WISSELINGEN "
                  "NIET INGELICHT",
                  1);
    else
        text_draw(y, 0, w,
                  "KLANTMANAGER     KL. UREN NORM BELASTING            LAAT BINN "
                  ">NORM NAZ WISS INL",
                  1);
    attrset(theme_attr(TH_NORMAL));
}

static void row(struct view *v, int i, int selected, int y, int w)
{
    struct pressure_view *p = pv(v);
    const struct pressure_row *r = &p->rows[i];
    char who[64], hours[48], norm[16], bar[96], pct[48], line[400];
    if (r->caseworker)
        snprintf(who, sizeof who, "%s", *r->caseworker ? r->caseworker : "(geen)");
    else if (r->team)
        snprintf(who, sizeof who, "team %s", *r->team ? r->team : "(geen)");
    else
        snprintf(who, sizeof who, "TOTAAL");
    /* Hours as Dutch write them: 36, 28,8. */
    snprintf(hours, sizeof hours, "%.1f", r->hours);
    char *dot = strchr(hours, '.');
    if (dot && dot[1] == '0')
        *dot = '\0';
    else if (dot)
        *dot = ',';
    if (r->hours <= 0)
        snprintf(hours, sizeof hours, "-");
    int load = p->what_if ? r->projected_pct : r->load_pct;
    if (r->norm > 0) {
        snprintf(norm, sizeof norm, "%d", r->norm);
        pressure_bar(load, 10, bar, sizeof bar);
        if (p->what_if)
            snprintf(pct, sizeof pct, "%d→%d%%", r->load_pct, r->projected_pct);
        else
            snprintf(pct, sizeof pct, "%d%%", r->load_pct);
    } else {
        snprintf(norm, sizeof norm, "-");
        snprintf(bar, sizeof bar, "          ");
        snprintf(pct, sizeof pct, "-");
    }
    char cell[96];
    list_cell(cell, sizeof cell, who, 17); /* display columns: a team may be "Zuid-Oost ğ" */
    char pct_cell[48];
    list_cell(pct_cell, sizeof pct_cell, pct, 9); /* "90→120%": the arrow is one column */
    if (w >= WIDE)
        snprintf(line, sizeof line, "%s%7d %5s %5s %s %s%7d %10d %12d %6d %11d %14d", cell,
                 r->m.clients, hours, norm, bar, pct_cell, r->m.signals_overdue,
                 r->m.signals_due_soon, r->m.contact_beyond_norm, r->m.nazorg_running,
                 r->m.handovers, r->m.uninformed);
    else
        snprintf(line, sizeof line, "%s%3d %4s %4s %s %s%4d %4d %5d %3d %4d %3d", cell,
                 r->m.clients, hours, norm, bar, pct_cell, r->m.signals_overdue,
                 r->m.signals_due_soon, r->m.contact_beyond_norm, r->m.nazorg_running,
                 r->m.handovers, r->m.uninformed);
    /* Over the norm shows in colour and, monochrome, in the bar's '>'. */
    int attr = r->caseworker ? 0 : (int)A_BOLD;
    if (r->norm > 0 && (p->what_if ? load > 100 : r->over))
        attr |= theme_attr(TH_OVERDUE);
    else if (r->norm > 0 && load > 90)
        attr |= theme_attr(TH_DUE_SOON);
    attrset((selected ? theme_attr(TH_SELECTED) : theme_attr(TH_NORMAL)) | attr);
    text_draw(y, 0, w, line, 1);
    attrset(theme_attr(TH_NORMAL));
}

static void count_line(struct view *v, char *buf, size_t n)
{
    struct pressure_view *p = pv(v);
    const struct pressure_row *t = &p->rows[p->n - 1];
    char k[16]; /* the what-if key as the table has it (a keys file may move it) */
    actions_key_label(actions_def(ACT_WHAT_IF), 1, k, sizeof k);
    if (p->what_if)
        snprintf(buf, n,
                 "Wat als er %d nieuwe klanten bijkomen: het team van %d%% naar %d%% "
                 "van de norm  (%s: ander aantal, 0: terug)",
                 p->what_if, t->load_pct, t->projected_pct, k);
    else if (p->unassigned > 0)
        snprintf(buf, n,
                 "%zu klantmanagers, team op %d%% van de norm; %d %s zonder "
                 "klantmanager  (%s: wat als)",
                 p->ncw, t->load_pct, p->unassigned, p->unassigned == 1 ? "klant" : "klanten", k);
    else
        snprintf(buf, n,
                 "%zu klantmanagers, team op %d%% van de norm  (Enter: werkvoorraad, "
                 "%s: wat als)",
                 p->ncw, t->load_pct, k);
}

static int handle(struct view *v, int row, enum action a)
{
    (void)row;
    if (a != ACT_WHAT_IF)
        return 0;
    v->prompt = "Wat als er zoveel nieuwe klanten bijkomen: ";
    return 1;
}

static void answer(struct view *v, int row, const char *text, char *msg, size_t n)
{
    (void)row;
    char *end;
    long k = strtol(text, &end, 10);
    if (*text == '\0' || *end != '\0' || k < 0 || k > 100000) {
        snprintf(msg, n, "Geef een aantal klanten (0 tot 100000), niet '%s'.", text);
        return;
    }
    pv(v)->what_if = (int)k;
    if (compute(v) != 0)
        snprintf(msg, n, "%s", KV_MSG_NOMEM);
    else if (k == 0)
        snprintf(msg, n, "De belasting zoals die nu is.");
    else
        snprintf(msg, n, "Met %ld nieuwe klanten, verdeeld naar de huidige verhouding.", k);
}

static struct view *open_row(struct view *v, int i, struct kv_error *err)
{
    struct pressure_view *p = pv(v);
    if (i < 0 || (size_t)i >= p->n || p->rows[i].caseworker == NULL) {
        kv_error_set(err, KV_EUSAGE, "not a caseworker", "Kies een klantmanager.");
        return NULL;
    }
    return view_caseload_of(p->db, p->rows[i].caseworker, p->today, err);
}

static void unload(struct pressure_view *p)
{
    for (size_t i = 0; i < p->npatches; i++)
        caseload_free(p->patches[i]);
    free(p->patches);
    p->patches = NULL;
    p->npatches = 0;
    caseload_free(p->cl);
    p->cl = NULL;
    free(p->m);
    p->m = NULL;
    free(p->users);
    p->users = NULL;
    free(p->rows);
    p->rows = NULL;
    config_norms_free(&p->norms);
}

static void free_pressure(struct view *v)
{
    unload(pv(v));
    free(v->data);
    free(v);
}

/* The team's caseload into metrics: what `klantvolg report caseload` computes. */
static int load(struct pressure_view *p, struct kv_error *err)
{
    int rc = figures_summary_load(p->db, &p->cl, err);
    if (rc == KV_OK)
        rc = caseload_metrics(p->db, p->cl, p->today, &p->m, &p->nm, err);
    if (rc == KV_OK) /* once: compute() runs again for every what-if */
        p->ncw = pressure_take_unassigned(p->m, p->nm - 1, &p->unassigned);
    if (rc == KV_OK && (rc = config_norms(p->db, &p->norms, err)) == KV_OK)
        rc = users_list(p->db, &p->users, &p->nusers, err);
    return rc;
}

/* After a handover in the drill-down the figures are read again; what-if stays. */
static int reload(struct view *v, struct kv_error *err)
{
    struct pressure_view *p = pv(v);
    unload(p);
    if (load(p, err) != KV_OK)
        return err->status;
    return compute(v) == 0 ? KV_OK : kv_error_nomem(err);
}

/* A save changed one client's file (a contact, a handover from the drill-down): that
 * client's part of the figures is taken out and put in again as read now, instead of
 * reading the whole municipality (seconds at 50,000 clients). Anything unusual (a client
 * new to the list, a klantmanager without a row yet) reads everything again. */
static int patch_client(struct pressure_view *p, long client, struct kv_error *err)
{
    struct caseload **more = realloc(p->patches, (p->npatches + 1) * sizeof *more);
    if (more == NULL)
        return kv_error_nomem(err);
    p->patches = more;
    int rc = caseload_patch(p->db, p->cl, client, p->today, p->m, p->ncw, &p->unassigned,
                            &p->patches[p->npatches], err);
    if (rc == KV_OK)
        p->npatches++;
    return rc;
}

static int reload_client(struct view *v, long client, struct kv_error *err)
{
    if (patch_client(pv(v), client, err) != KV_OK) {
        kv_error_clear(err);
        return reload(v, err);
    }
    return compute(v) == 0 ? KV_OK : kv_error_nomem(err);
}

static void set_today(struct view *v, long today)
{
    pv(v)->today = today;
}

static const struct view_ops pressure_ops = {
    .legend = legend,
    .header = header,
    .row = row,
    .count_line = count_line,
    .handle = handle,
    .open = open_row,
    .answer = answer,
    .reload = reload,
    .reload_client = reload_client,
    .set_today = set_today,
    .free = free_pressure,
};

struct view *view_pressure_new(struct db *db, long today, struct kv_error *err)
{
    struct view *v = calloc(1, sizeof *v);
    struct pressure_view *p = calloc(1, sizeof *p);
    if (v == NULL || p == NULL) {
        free(v);
        free(p);
        kv_error_nomem(err);
        return NULL;
    }
    p->db = db;
    p->today = today;
    *v = (struct view){.ops = &pressure_ops, .title = "belasting", .kind = AV_PRESSURE, .data = p};
    if (load(p, err) != KV_OK || compute(v) != 0) {
        if (err->status == KV_OK)
            kv_error_nomem(err);
        free_pressure(v);
        return NULL;
    }
    return v;
}
