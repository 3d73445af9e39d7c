#include "storage/figures_blob.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- the fields of each record, by kind and place --------------------------------- */

enum kind { K_LONG, K_INT, K_TEXT };

struct field {
    size_t off;
    enum kind kind;
};

#define FL(type, m)                                                                                \
    {                                                                                              \
        offsetof(struct type, m), K_LONG                                                           \
    }
#define FI(type, m)                                                                                \
    {                                                                                              \
        offsetof(struct type, m), K_INT                                                            \
    }
#define FT(type, m)                                                                                \
    {                                                                                              \
        offsetof(struct type, m), K_TEXT                                                           \
    }

static const struct field intake_f[] = {FL(cf_intake, id), FL(cf_intake, date),
                                        FT(cf_intake, uitstroomdoel)};
static const struct field plan_f[] = {FL(cf_plan, id), FL(cf_plan, date),
                                      FI(cf_plan, demands_applications)};
static const struct field goal_f[] = {
    FL(cf_goal, id),       FL(cf_goal, deadline), FI(cf_goal, closed),
    FT(cf_goal, title),    FT(cf_goal, smart[0]), FT(cf_goal, smart[1]),
    FT(cf_goal, smart[2]), FT(cf_goal, smart[3]), FT(cf_goal, smart[4])};
static const struct field instrument_f[] = {
    FL(cf_instrument, id),          FT(cf_instrument, name),       FL(cf_instrument, start),
    FL(cf_instrument, planned_end), FL(cf_instrument, actual_end), FI(cf_instrument, max_days),
    FT(cf_instrument, provider),    FT(cf_instrument, end_reason)};
static const struct field contact_f[] = {FL(cf_contact, id), FL(cf_contact, date)};
static const struct field agreement_f[] = {FL(cf_agreement, id), FL(cf_agreement, due),
                                           FI(cf_agreement, done), FT(cf_agreement, text)};
static const struct field outflow_f[] = {FL(cf_outflow, id), FL(cf_outflow, date),
                                         FL(cf_outflow, contract_end), FT(cf_outflow, reason),
                                         FT(cf_outflow, route)};
static const struct field nazorg_f[] = {FL(cf_nazorg, id), FL(cf_nazorg, start), FL(cf_nazorg, end),
                                        FI(cf_nazorg, consent), FI(cf_nazorg, frequency_days)};
static const struct field followup_f[] = {FL(cf_followup, outflow_id), FI(cf_followup, months),
                                          FL(cf_followup, date)};
static const struct field request_f[] = {FL(cf_request, id), FL(cf_request, date),
                                         FI(cf_request, answered), FT(cf_request, what)};
static const struct field manual_f[] = {FL(cf_manual, id), FL(cf_manual, due), FI(cf_manual, done),
                                        FT(cf_manual, text)};
static const struct field ack_f[] = {FI(cf_ack, kind), FL(cf_ack, ref), FL(cf_ack, due),
                                     FI(cf_ack, done), FL(cf_ack, snoozed_until)};
static const struct field handover_f[] = {FL(cf_handover, date)};

/* The client's own fields (struct cf_client, without id and status). */
static const struct field client_f[] = {FL(cf_client, applied_on),
                                        FL(cf_client, benefit_start),
                                        FL(cf_client, contact_verified_on),
                                        FL(cf_client, vrijstelling_until),
                                        FT(cf_client, arbeidsverplichting),
                                        FT(cf_client, trede),
                                        FT(cf_client, werkfit)};
static const struct field facts_f[] = {
    FL(status_facts, closed_on),    FI(status_facts, came_active), FL(status_facts, last_intake),
    FL(status_facts, last_outflow), FL(status_facts, returned_on), FI(status_facts, partial),
    FL(status_facts, nazorg_start), FL(status_facts, nazorg_end)};
static const struct field km_f[] = {FL(cf_km, assignment), FL(cf_km, from), FI(cf_km, handed_over),
                                    FL(cf_km, informed_on)};

#define NF(a) (sizeof a / sizeof a[0])

/* The case file's arrays, in the order they are written. */
static const struct array {
    size_t ptr_off, n_off, elem;
    const struct field *fields;
    size_t nf;
} arrays[] = {
#define A(type, name, f)                                                                           \
    {                                                                                              \
        offsetof(struct case_file, name), offsetof(struct case_file, n_##name),                    \
            sizeof(struct type), f, NF(f)                                                          \
    }
    A(cf_intake, intakes, intake_f),
    A(cf_plan, plans, plan_f),
    A(cf_goal, goals, goal_f),
    A(cf_instrument, instruments, instrument_f),
    A(cf_contact, contacts, contact_f),
    A(cf_agreement, agreements, agreement_f),
    A(cf_outflow, outflows, outflow_f),
    A(cf_nazorg, nazorg, nazorg_f),
    A(cf_followup, followups, followup_f),
    A(cf_request, requests, request_f),
    A(cf_manual, manual, manual_f),
    A(cf_ack, acks, ack_f),
    A(cf_handover, handovers, handover_f),
#undef A
};

/* ---- writing ------------------------------------------------------------------------ */

struct out {
    unsigned char *b;
    size_t n, cap;
    int failed;
};

static void put(struct out *o, const void *p, size_t n)
{
    if (o->failed)
        return;
    if (o->n + n > o->cap) {
        size_t cap = o->cap ? o->cap : 256;
        while (cap < o->n + n)
            cap *= 2;
        unsigned char *b = realloc(o->b, cap);
        if (b == NULL) {
            o->failed = 1;
            return;
        }
        o->b = b;
        o->cap = cap;
    }
    memcpy(o->b + o->n, p, n);
    o->n += n;
}

/* Zigzag, so that NO_DATE (-1) takes one byte. */
static void put_num(struct out *o, long v)
{
    uint64_t u = ((uint64_t)v << 1) ^ (uint64_t)(v < 0 ? -1 : 0);
    unsigned char b[10];
    size_t n = 0;
    do {
        b[n] = u & 0x7f;
        u >>= 7;
        if (u)
            b[n] |= 0x80;
        n++;
    } while (u);
    put(o, b, n);
}

/* Its length plus one; 0 for NULL, which a record keeps apart from "" (a goal's SMART
 * parts not loaded). */
static void put_text(struct out *o, const char *t)
{
    size_t n = t ? strlen(t) : 0;
    put_num(o, t ? (long)n + 1 : 0);
    put(o, t, n);
}

static void put_fields(struct out *o, const void *rec, const struct field *f, size_t nf)
{
    const unsigned char *r = rec;
    for (size_t i = 0; i < nf; i++)
        switch (f[i].kind) {
        case K_LONG:
            put_num(o, *(const long *)(r + f[i].off));
            break;
        case K_INT:
            put_num(o, *(const int *)(r + f[i].off));
            break;
        case K_TEXT:
            put_text(o, *(const char *const *)(r + f[i].off));
            break;
        }
}

int figures_blob_encode(const struct case_file *f, const struct client_summary *s,
                        const struct status_facts *facts, long km_user, unsigned char **out,
                        size_t *n)
{
    struct out o = {0};
    unsigned char v = FIGURES_BLOB_VERSION;
    put(&o, &v, 1);
    put_text(&o, s->name);
    put_text(&o, s->bsn_masked);
    put_text(&o, s->classification);
    put_text(&o, s->doelgroepen);
    put_fields(&o, &f->client, client_f, NF(client_f));
    put_fields(&o, facts, facts_f, NF(facts_f));
    put_fields(&o, &f->km, km_f, NF(km_f));
    put_num(&o, km_user);
    const unsigned char *file = (const unsigned char *)f;
    for (size_t a = 0; a < NF(arrays); a++) {
        const struct array *d = &arrays[a];
        size_t count = *(const size_t *)(file + d->n_off);
        const unsigned char *recs = *(const unsigned char *const *)(file + d->ptr_off);
        put_num(&o, (long)count);
        for (size_t i = 0; i < count; i++)
            put_fields(&o, recs + i * d->elem, d->fields, d->nf);
    }
    if (o.failed) {
        free(o.b);
        return -1;
    }
    *out = o.b;
    *n = o.n;
    return 0;
}

/* ---- reading ------------------------------------------------------------------------ */

struct in {
    const unsigned char *p, *end;
    struct arena **a;
    int bad;
};

static long get_num(struct in *in)
{
    uint64_t u = 0;
    for (int shift = 0; !in->bad; shift += 7) {
        if (in->p == in->end || shift > 63) {
            in->bad = 1;
            break;
        }
        unsigned char b = *in->p++;
        u |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80))
            return (long)(u >> 1) ^ -(long)(u & 1);
    }
    return 0;
}

static const char *get_text(struct in *in)
{
    long n = get_num(in);
    if (in->bad || n == 0)
        return NULL;
    if (n < 0 || (size_t)(n - 1) > (size_t)(in->end - in->p)) {
        in->bad = 1;
        return NULL;
    }
    char *t = arena_alloc(in->a, (size_t)n);
    if (t == NULL) {
        in->bad = 1;
        return NULL;
    }
    memcpy(t, in->p, (size_t)n - 1);
    t[n - 1] = '\0';
    in->p += n - 1;
    return t;
}

static void get_fields(struct in *in, void *rec, const struct field *f, size_t nf)
{
    unsigned char *r = rec;
    for (size_t i = 0; i < nf && !in->bad; i++)
        switch (f[i].kind) {
        case K_LONG:
            *(long *)(r + f[i].off) = get_num(in);
            break;
        case K_INT:
            *(int *)(r + f[i].off) = (int)get_num(in);
            break;
        case K_TEXT:
            *(const char **)(r + f[i].off) = get_text(in);
            break;
        }
}

int figures_blob_decode(const unsigned char *b, size_t n, struct arena **a, struct case_file *f,
                        struct client_summary *s, struct status_facts *facts, long *km_user)
{
    if (b == NULL || n < 1 || b[0] != FIGURES_BLOB_VERSION)
        return -1;
    struct in in = {b + 1, b + n, a, 0};
    memset(f, 0, sizeof *f);
    memset(s, 0, sizeof *s);
    memset(facts, 0, sizeof *facts);
    const char *t = get_text(&in);
    s->name = t ? t : "";
    t = get_text(&in);
    if (t && strlen(t) < sizeof s->bsn_masked)
        memcpy(s->bsn_masked, t, strlen(t) + 1);
    t = get_text(&in);
    s->classification = f->client.classification = t ? t : "";
    t = get_text(&in);
    s->doelgroepen = t ? t : "";
    get_fields(&in, &f->client, client_f, NF(client_f));
    get_fields(&in, facts, facts_f, NF(facts_f));
    get_fields(&in, &f->km, km_f, NF(km_f));
    *km_user = get_num(&in);
    unsigned char *file = (unsigned char *)f;
    for (size_t k = 0; k < NF(arrays) && !in.bad; k++) {
        const struct array *d = &arrays[k];
        long count = get_num(&in);
        /* Every record takes a byte at least: a count beyond the rest is malformed. */
        if (in.bad || count < 0 || (size_t)count > (size_t)(in.end - in.p)) {
            in.bad = 1;
            break;
        }
        unsigned char *recs = count ? arena_alloc(a, (size_t)count * d->elem) : NULL;
        if (count && recs == NULL) {
            in.bad = 1;
            break;
        }
        if (count)
            memset(recs, 0, (size_t)count * d->elem);
        for (long i = 0; i < count && !in.bad; i++)
            get_fields(&in, recs + (size_t)i * d->elem, d->fields, d->nf);
        *(const void **)(file + d->ptr_off) = recs;
        *(size_t *)(file + d->n_off) = (size_t)count;
    }
    /* Every byte read, none left over. */
    return in.bad || in.p != in.end ? -1 : 0;
}
