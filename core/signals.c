#include "core/signals.h"

#include "core/date.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const labels[SIG_COUNT] = {
    [SIG_INTAKE_DEADLINE] = "Intake",
    [SIG_PLAN_MISSING] = "Plan ontbreekt",
    [SIG_GOAL_DEADLINE] = "Doel",
    [SIG_AGREEMENT_DUE] = "Afspraak",
    [SIG_INSTRUMENT_ENDING] = "Einde instrument",
    [SIG_INSTRUMENT_OVERDUE] = "Instrument verlopen",
    [SIG_MAX_DURATION] = "Maximale duur",
    [SIG_CONTRACT_END] = "Einde contract",
    [SIG_NAZORG_END] = "Einde nazorg",
    [SIG_NAZORG_CONTACT] = "Nazorgcontact",
    [SIG_FOLLOWUP] = "Follow-up",
    [SIG_CONTACT_NORM] = "Contactnorm",
    [SIG_REDIAGNOSIS] = "Herdiagnose",
    [SIG_VRIJSTELLING_ENDING] = "Einde vrijstelling",
    [SIG_CONTACT_STALE] = "Contactgegevens",
    [SIG_REQUEST_OPEN] = "Open vraag",
    [SIG_MANUAL] = "Herinnering",
    [SIG_UNINFORMED] = "Klant inlichten",
};

static const char *const codes[SIG_COUNT] = {
    [SIG_INTAKE_DEADLINE] = "intake",
    [SIG_PLAN_MISSING] = "plan",
    [SIG_GOAL_DEADLINE] = "doel",
    [SIG_AGREEMENT_DUE] = "afspraak",
    [SIG_INSTRUMENT_ENDING] = "instrument_einde",
    [SIG_INSTRUMENT_OVERDUE] = "instrument_verlopen",
    [SIG_MAX_DURATION] = "max_duur",
    [SIG_CONTRACT_END] = "contract_einde",
    [SIG_NAZORG_END] = "nazorg_einde",
    [SIG_NAZORG_CONTACT] = "nazorg_contact",
    [SIG_FOLLOWUP] = "followup",
    [SIG_CONTACT_NORM] = "contactnorm",
    [SIG_REDIAGNOSIS] = "herdiagnose",
    [SIG_VRIJSTELLING_ENDING] = "vrijstelling",
    [SIG_CONTACT_STALE] = "contactgegevens",
    [SIG_REQUEST_OPEN] = "vraag",
    [SIG_MANUAL] = "herinnering",
    [SIG_UNINFORMED] = "klant_inlichten",
};

const char *signal_kind_code(enum signal_kind k)
{
    return k >= 0 && k < SIG_COUNT ? codes[k] : "";
}

int signal_kind_parse(const char *code)
{
    for (int k = 0; code != NULL && k < SIG_COUNT; k++)
        if (strcmp(codes[k], code) == 0)
            return k;
    return -1;
}

const char *signal_kind_label(enum signal_kind k)
{
    return k >= 0 && k < SIG_COUNT ? labels[k] : "";
}

static const struct contact_norm default_norms[] = {
    {"werk", 30},
    {"perspectief", 60},
    {"meedoen", 120},
};

void signals_default_config(struct signal_config *c)
{
    memset(c, 0, sizeof *c);
    c->intake_days = 21; /* Haarlem: intake within 3 weeks of the application */
    c->plan_days = 42;
    c->rediagnosis_days = 365; /* "minimaal jaarlijks" */
    c->contact_stale_days = 365;
    c->request_days = 10;
    c->nazorg_frequency_days = 30; /* monthly contact during nazorg */
    c->inform_days = 14;           /* the client hears of a new klantmanager within two weeks */
    c->default_norm_days = 90;
    c->norms = default_norms;
    c->n_norms = sizeof default_norms / sizeof default_norms[0];
    static const int lead[SIG_COUNT] = {
        [SIG_INTAKE_DEADLINE] = 7,
        [SIG_PLAN_MISSING] = 14,
        [SIG_GOAL_DEADLINE] = 14,
        [SIG_AGREEMENT_DUE] = 7,
        [SIG_INSTRUMENT_ENDING] = 14,
        [SIG_INSTRUMENT_OVERDUE] = 0,
        [SIG_MAX_DURATION] = 14,
        [SIG_CONTRACT_END] = 30,
        [SIG_NAZORG_END] = 14,
        [SIG_NAZORG_CONTACT] = 7,
        [SIG_FOLLOWUP] = 14,
        [SIG_CONTACT_NORM] = 14,
        [SIG_REDIAGNOSIS] = 30,
        [SIG_VRIJSTELLING_ENDING] = 30,
        [SIG_CONTACT_STALE] = 30,
        [SIG_REQUEST_OPEN] = 3,
        [SIG_MANUAL] = 7,
        [SIG_UNINFORMED] = 14, /* due soon from the day of the handover */
    };
    memcpy(c->lead, lead, sizeof lead);
}

struct ctx {
    const struct case_file *cf;
    const struct signal_config *c;
    long today;
    struct signal_list *out;
    int failed;
};

/* The acknowledgement that takes the signal off the lists (done, or snoozed past today),
 * or NULL. */
static const struct cf_ack *acted_on(const struct ctx *x, enum signal_kind k, long ref, long due)
{
    for (size_t i = 0; i < x->cf->n_acks; i++) {
        const struct cf_ack *a = &x->cf->acks[i];
        /* Marking "done" does not end SIG_UNINFORMED: only the recorded date does. */
        if (a->kind == (int)k && a->ref == ref && a->due == due &&
            ((a->done && k != SIG_UNINFORMED) ||
             (a->snoozed_until != NO_DATE && a->snoozed_until > x->today)))
            return a;
    }
    return NULL;
}

__attribute__((format(printf, 5, 6))) static void emit(struct ctx *x, enum signal_kind k, long ref,
                                                       long due, const char *fmt, ...)
{
    const struct cf_ack *ack = x->failed ? NULL : acted_on(x, k, ref, due);
    if (x->failed || (ack != NULL && !x->c->with_acked))
        return;
    struct signal_list *l = x->out;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 16;
        struct signal *v = realloc(l->v, cap * sizeof *v);
        if (v == NULL) {
            x->failed = 1;
            return;
        }
        l->v = v;
        l->cap = cap;
    }
    struct signal *s = &l->v[l->n++];
    s->kind = k;
    s->client_id = x->cf->client.id;
    s->ref = ref;
    s->due = due;
    s->severity = due < x->today                    ? SEV_OVERDUE
                  : due - x->today <= x->c->lead[k] ? SEV_DUE_SOON
                                                    : SEV_LATER;
    s->acked = ack == NULL ? ACK_NONE : ack->done ? ACK_DONE : ACK_SNOOZED;
    s->snoozed_until = ack != NULL && !ack->done ? ack->snoozed_until : NO_DATE;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->reason, sizeof s->reason, fmt, ap);
    va_end(ap);
}

/* Dutch date for reasons; a small ring so one message can hold two dates. */
static const char *nl(long day)
{
    static _Thread_local char ring[4][11];
    static _Thread_local int i;
    char *b = ring[i++ % 4];
    date_format_nl(day, b);
    return b;
}

static long latest(long a, long b)
{
    return a > b ? a : b;
}

static int active(const struct case_file *cf)
{
    /* Back on benefit after an outflow is worked on like an active case. */
    return cf->client.status == CS_AANMELDING || cf->client.status == CS_ACTIEF ||
           cf->client.status == CS_TERUG;
}

static void intake_and_plan(struct ctx *x)
{
    const struct case_file *cf = x->cf;
    long first = NO_DATE, last = NO_DATE;
    for (size_t i = 0; i < cf->n_intakes; i++) {
        long d = cf->intakes[i].date;
        if (first == NO_DATE || d < first)
            first = d;
        last = latest(last, d);
    }
    if (first == NO_DATE) {
        if (cf->client.applied_on != NO_DATE)
            emit(x, SIG_INTAKE_DEADLINE, 0, cf->client.applied_on + x->c->intake_days,
                 "Intake uiterlijk %s (%d dagen na de aanmelding op %s)",
                 nl(cf->client.applied_on + x->c->intake_days), x->c->intake_days,
                 nl(cf->client.applied_on));
        return;
    }
    if (cf->n_plans == 0)
        emit(x, SIG_PLAN_MISSING, 0, first + x->c->plan_days,
             "Plan van aanpak ontbreekt; de intake was op %s", nl(first));
    emit(x, SIG_REDIAGNOSIS, 0, last + x->c->rediagnosis_days,
         "Herdiagnose nodig: de laatste intake was op %s", nl(last));
}

static void goals_and_contacts(struct ctx *x)
{
    const struct case_file *cf = x->cf;
    for (size_t i = 0; i < cf->n_goals; i++) {
        const struct cf_goal *g = &cf->goals[i];
        if (!g->closed && g->deadline != NO_DATE)
            emit(x, SIG_GOAL_DEADLINE, g->id, g->deadline, "Doel '%s': deadline %s",
                 g->title ? g->title : "", nl(g->deadline));
    }
    int norm = x->c->default_norm_days;
    for (size_t i = 0; cf->client.classification && i < x->c->n_norms; i++)
        if (strcmp(x->c->norms[i].classification, cf->client.classification) == 0)
            norm = x->c->norms[i].days;
    long last = NO_DATE;
    for (size_t i = 0; i < cf->n_contacts; i++)
        last = latest(last, cf->contacts[i].date);
    if (last != NO_DATE) {
        emit(x, SIG_CONTACT_NORM, 0, last + norm,
             "Contact nodig: laatste contact op %s, norm %d dagen", nl(last), norm);
    } else {
        long base = latest(cf->client.applied_on, cf->client.benefit_start);
        long due = base != NO_DATE ? base + norm : x->today;
        emit(x, SIG_CONTACT_NORM, 0, due, "Nog geen contact vastgelegd (norm %d dagen)", norm);
    }
}

static void instruments(struct ctx *x)
{
    for (size_t i = 0; i < x->cf->n_instruments; i++) {
        const struct cf_instrument *in = &x->cf->instruments[i];
        const char *name = in->name ? in->name : "";
        if (in->actual_end != NO_DATE || in->start == NO_DATE)
            continue;
        if (in->planned_end != NO_DATE && in->planned_end >= x->today)
            emit(x, SIG_INSTRUMENT_ENDING, in->id, in->planned_end,
                 "'%s' eindigt op %s: leg resultaat en vervolg vast", name, nl(in->planned_end));
        else if (in->planned_end != NO_DATE)
            emit(x, SIG_INSTRUMENT_OVERDUE, in->id, in->planned_end,
                 "'%s' had op %s moeten eindigen; einde en resultaat zijn niet vastgelegd", name,
                 nl(in->planned_end));
        long limit = in->start + in->max_days;
        if (in->max_days > 0 && (in->planned_end == NO_DATE || in->planned_end > limit))
            emit(x, SIG_MAX_DURATION, in->id, limit,
                 "'%s' duurt langer dan het maximum van %d dagen (tot %s)", name, in->max_days,
                 nl(limit));
    }
}

static int followup_done(const struct case_file *cf, long outflow, int months)
{
    for (size_t i = 0; i < cf->n_followups; i++)
        if (cf->followups[i].outflow_id == outflow && cf->followups[i].months == months)
            return 1;
    return 0;
}

static void outflow_and_nazorg(struct ctx *x, int closed)
{
    const struct case_file *cf = x->cf;
    static const int months[] = {3, 6, 12};
    for (size_t i = 0; i < cf->n_outflows; i++) {
        const struct cf_outflow *o = &cf->outflows[i];
        if (!closed && o->contract_end != NO_DATE)
            emit(x, SIG_CONTRACT_END, o->id, o->contract_end,
                 "Tijdelijk contract eindigt op %s: bespreek verlenging of vervolg",
                 nl(o->contract_end));
        for (size_t m = 0; m < 3; m++)
            if (!followup_done(cf, o->id, months[m])) {
                long due = date_add_months(o->date, months[m]);
                emit(x, SIG_FOLLOWUP, o->id, due,
                     "Follow-up %d maanden na de uitstroom van %s: werkt de klant nog?", months[m],
                     nl(o->date));
            }
    }
    for (size_t i = 0; !closed && i < cf->n_nazorg; i++) {
        const struct cf_nazorg *n = &cf->nazorg[i];
        if (n->end != NO_DATE)
            emit(x, SIG_NAZORG_END, n->id, n->end, "Nazorg eindigt op %s: afsluiten of verlengen",
                 nl(n->end));
        if (!n->consent || n->start == NO_DATE || n->start > x->today ||
            (n->end != NO_DATE && n->end < x->today))
            continue;
        long last = n->start;
        for (size_t c = 0; c < cf->n_contacts; c++)
            if (cf->contacts[c].date >= n->start)
                last = latest(last, cf->contacts[c].date);
        int every = n->frequency_days > 0 ? n->frequency_days : x->c->nazorg_frequency_days;
        if (n->end == NO_DATE || last + every <= n->end)
            emit(x, SIG_NAZORG_CONTACT, n->id, last + every,
                 "Nazorgcontact (elke %d dagen): uiterlijk %s", every, nl(last + every));
    }
}

int signals_uninformed(const struct case_file *cf)
{
    return cf->km.assignment != 0 && cf->km.handed_over && cf->km.informed_on == NO_DATE &&
           cf->client.status != CS_AFGESLOTEN;
}

/* Until the date is recorded (not merely marked done: the date is what ends it) the new
 * klantmanager is reminded; the teamleider sees the same rule (metrics, warnings). */
static void uninformed(struct ctx *x)
{
    const struct cf_km *km = &x->cf->km;
    if (signals_uninformed(x->cf))
        emit(x, SIG_UNINFORMED, km->assignment, km->from + x->c->inform_days,
             "Nieuwe klantmanager sinds %s; klant nog niet ingelicht", nl(km->from));
}

static void client_details(struct ctx *x)
{
    const struct cf_client *c = &x->cf->client;
    if (c->vrijstelling_until != NO_DATE)
        emit(x, SIG_VRIJSTELLING_ENDING, 0, c->vrijstelling_until,
             "Vrijstelling van de arbeidsverplichting eindigt op %s", nl(c->vrijstelling_until));
    if (c->contact_verified_on != NO_DATE)
        emit(x, SIG_CONTACT_STALE, 0, c->contact_verified_on + x->c->contact_stale_days,
             "Contactgegevens controleren: laatst op %s", nl(c->contact_verified_on));
    else
        emit(x, SIG_CONTACT_STALE, 0, x->today, "Contactgegevens zijn nooit gecontroleerd");
    for (size_t i = 0; i < x->cf->n_agreements; i++) {
        const struct cf_agreement *a = &x->cf->agreements[i];
        if (!a->done && a->due != NO_DATE)
            emit(x, SIG_AGREEMENT_DUE, a->id, a->due, "Afspraak '%s' uiterlijk %s",
                 a->text ? a->text : "", nl(a->due));
    }
    for (size_t i = 0; i < x->cf->n_requests; i++) {
        const struct cf_request *r = &x->cf->requests[i];
        if (!r->answered)
            emit(x, SIG_REQUEST_OPEN, r->id, r->date + x->c->request_days,
                 "Vraag van %s wacht op antwoord: %s", nl(r->date), r->what ? r->what : "");
    }
}

int signals_compute(const struct case_file *cf, const struct signal_config *c, long today,
                    struct signal_list *out)
{
    struct ctx x = {cf, c, today, out, 0};
    size_t before = out->n;
    int closed = cf->client.status == CS_AFGESLOTEN;
    if (active(cf)) {
        intake_and_plan(&x);
        goals_and_contacts(&x);
    }
    if (!closed) {
        instruments(&x);
        client_details(&x);
        uninformed(&x);
    }
    outflow_and_nazorg(&x, closed); /* follow-ups measure outcomes even after closing */
    for (size_t i = 0; i < cf->n_manual; i++) {
        const struct cf_manual *m = &cf->manual[i];
        if (!m->done)
            emit(&x, SIG_MANUAL, m->id, m->due, "Herinnering: %s", m->text ? m->text : "");
    }
    if (x.failed) {
        out->n = before;
        return -1;
    }
    return 0;
}

static int by_due(const void *a, const void *b)
{
    const struct signal *x = a, *y = b;
    if (x->due != y->due)
        return x->due < y->due ? -1 : 1;
    if (x->client_id != y->client_id)
        return x->client_id < y->client_id ? -1 : 1;
    return (int)x->kind - (int)y->kind;
}

void signals_sort(struct signal_list *l)
{
    if (l->n > 1)
        qsort(l->v, l->n, sizeof *l->v, by_due);
}

void signals_free(struct signal_list *l)
{
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}
