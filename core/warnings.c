#include "core/warnings.h"

#include "core/consistency.h"
#include "core/date.h"
#include "core/signals.h"
#include "core/smart.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct case_warning *push(struct case_warning_list *l)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 16;
        struct case_warning *v = realloc(l->v, cap * sizeof *v);
        if (v == NULL)
            return NULL;
        l->v = v;
        l->cap = cap;
    }
    memset(&l->v[l->n], 0, sizeof l->v[l->n]);
    return &l->v[l->n++];
}

/* Providers whose instrument ended "to work" around an outflow claim it as their result:
 * within 60 days before to 30 days after. */
#define CLAIM_BEFORE 60
#define CLAIM_AFTER 30
#define MAX_CLAIMS 32

static size_t claims_of(const struct case_file *cf, struct outflow_claim *claims)
{
    size_t n = 0;
    for (size_t o = 0; o < cf->n_outflows; o++)
        for (size_t i = 0; i < cf->n_instruments && n < MAX_CLAIMS; i++) {
            const struct cf_instrument *in = &cf->instruments[i];
            long d = cf->outflows[o].date;
            if (in->end_reason && strcmp(in->end_reason, "werk") == 0 &&
                in->actual_end != NO_DATE && in->actual_end >= d - CLAIM_BEFORE &&
                in->actual_end <= d + CLAIM_AFTER)
                claims[n++] = (struct outflow_claim){
                    cf->outflows[o].id, in->provider && *in->provider ? in->provider : in->name};
        }
    return n;
}

static int consistency(const struct case_file *cf, long today, struct case_warning_list *out)
{
    const struct cf_intake *intake = NULL;
    const struct cf_plan *plan = NULL;
    for (size_t i = 0; i < cf->n_intakes; i++)
        if (intake == NULL || cf->intakes[i].date >= intake->date)
            intake = &cf->intakes[i];
    for (size_t i = 0; i < cf->n_plans; i++)
        if (plan == NULL || cf->plans[i].date >= plan->date)
            plan = &cf->plans[i];
    struct outflow_claim claims[MAX_CLAIMS];
    struct consistency_in in = {cf->client.arbeidsverplichting,
                                cf->client.vrijstelling_until,
                                intake ? intake->uitstroomdoel : NULL,
                                cf->client.classification,
                                plan ? plan->demands_applications : 0,
                                claims,
                                claims_of(cf, claims),
                                cf->client.trede,
                                cf->client.werkfit};
    struct consistency_warning w[CONSISTENCY_MAX];
    int n = consistency_check(&in, today, w);
    for (int i = 0; i < n; i++) {
        struct case_warning *cw = push(out);
        if (cw == NULL)
            return -1;
        cw->client_id = cf->client.id;
        cw->kind = (int)w[i].kind;
        cw->ref = w[i].ref;
        snprintf(cw->text, sizeof cw->text, "%s", w[i].text);
    }
    return 0;
}

static void describe(const struct smart_finding *f, char *out, size_t n)
{
    switch (f->kind) {
    case SMART_MISSING:
        snprintf(out, n, "%s ontbreekt", smart_part_label(f->part));
        break;
    case SMART_NO_DEADLINE:
        snprintf(out, n, "geen deadline");
        break;
    case SMART_VAGUE_WORD:
        snprintf(out, n, "'%s' (%s): %s", f->word, smart_part_label(f->part), f->reason);
        break;
    default:
        snprintf(out, n, "%s: %s", smart_part_label(f->part), f->reason);
    }
}

static int smart(const struct case_file *cf, long today, struct case_warning_list *out)
{
    for (size_t i = 0; i < cf->n_goals; i++) {
        const struct cf_goal *g = &cf->goals[i];
        if (g->closed || g->smart[0] == NULL)
            continue;
        struct smart_goal sg = {
            {g->smart[0], g->smart[1], g->smart[2], g->smart[3], g->smart[4]}, g->deadline, 0};
        struct smart_report r;
        if (smart_lint(&sg, today, &r) == 0)
            continue;
        struct case_warning *cw = push(out);
        if (cw == NULL)
            return -1;
        cw->client_id = cf->client.id;
        cw->kind = CASE_WARNING_SMART;
        cw->ref = g->id;
        size_t len = (size_t)snprintf(cw->text, sizeof cw->text, "Doel '%s' is niet SMART: ",
                                      g->title && *g->title ? g->title : "(zonder omschrijving)");
        for (int k = 0; k < r.n && len < sizeof cw->text; k++) {
            char one[240];
            describe(&r.f[k], one, sizeof one);
            len +=
                (size_t)snprintf(cw->text + len, sizeof cw->text - len, "%s%s", k ? "; " : "", one);
        }
    }
    return 0;
}

/* The teamleider's side of the new klantmanager's signal (signals_uninformed). */
static int uninformed(const struct case_file *cf, struct case_warning_list *out)
{
    if (!signals_uninformed(cf))
        return 0;
    struct case_warning *cw = push(out);
    if (cw == NULL)
        return -1;
    char since[11];
    date_format_nl(cf->km.from, since);
    cw->client_id = cf->client.id;
    cw->kind = CASE_WARNING_UNINFORMED;
    cw->ref = cf->km.assignment;
    snprintf(cw->text, sizeof cw->text,
             "Nieuwe klantmanager sinds %s; niet vastgelegd dat de "
             "klant is ingelicht",
             since);
    return 0;
}

int casefile_warnings(const struct case_file *cf, long today, struct case_warning_list *out)
{
    if (cf->client.status == CS_AFGESLOTEN)
        return 0;
    return consistency(cf, today, out) != 0 || smart(cf, today, out) != 0 ||
                   uninformed(cf, out) != 0
               ? -1
               : 0;
}

void case_warnings_free(struct case_warning_list *l)
{
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}
