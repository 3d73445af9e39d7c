/* form_handover.c: a teamleider hands one or many clients to another klantmanager. The
 * old assignment is closed, not overwritten (assignments_open); the note goes with the new
 * one, and the new klantmanager sees it when first opening the client. And the date the
 * client was told of it, recorded afterwards (assignments_informed). */
#include "tui/forms.h"

#include "core/date.h"
#include "storage/access.h"
#include "storage/assignments.h"
#include "storage/users.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct field_spec fields[] = {
    {"naar", "Nieuwe klantmanager", FT_CHOICE, 1, NULL, NULL},
    {"notitie", "Overdrachtsnotitie", FT_NOTE, 1, NULL, NULL},
    {"geinformeerd", "Klant ingelicht op", FT_DATE, 0, NULL, form_rule_not_future},
};

struct handover {
    size_t n;
    long ids[];
};

static int save(struct form_host *h, struct db *db, const char *now, struct kv_error *err)
{
    const struct handover *o = h->extra;
    const char *to = formhost_text(h, "naar");
    long informed = *formhost_text(h, "geinformeerd") ? formhost_date(h, "geinformeerd") : NO_DATE;
    int rc = KV_OK;
    for (size_t i = 0; i < o->n && rc == KV_OK; i++)
        rc = assignments_open(db, o->ids[i], to, "klantmanager", h->form.today,
                              formhost_text(h, "notitie"), informed, now, err);
    snprintf(h->saved, sizeof h->saved, "%zu %s overgedragen aan %s; de notitie gaat mee.", o->n,
             o->n == 1 ? "klant" : "klanten", to);
    return rc;
}

/* Who can take clients from this teamleider (access_may_receive: active caseworkers of
 * her team); saving asks storage again, client by client. */
static int caseworkers(struct form_host *h, struct db *db, struct kv_error *err)
{
    struct user_rec *u;
    struct kv_error no;
    size_t n, k = 0;
    if (users_list(db, &u, &n, err) != KV_OK)
        return err->status;
    struct form_option *o = formhost_alloc_options(n ? n : 1, err);
    for (size_t i = 0; o != NULL && i < n; i++) {
        if (access_may_receive(db, u[i].id, &no) != KV_OK)
            continue;
        snprintf(o[k].code, sizeof o[k].code, "%s", u[i].name);
        snprintf(o[k].label, sizeof o[k].label, "%.40s — %.60s%s%.30s%s", u[i].name, u[i].display,
                 *u[i].team ? " (" : "", u[i].team, *u[i].team ? ")" : "");
        k++;
    }
    free(u);
    if (o == NULL)
        return err->status;
    formhost_own_options(h, form_find(&h->form, "naar"), o, k);
    return KV_OK;
}

static const struct field_spec informed_fields[] = {
    {"ingelicht", "Klant ingelicht op", FT_DATE, 1, NULL, form_rule_not_future},
};

static int save_informed(struct form_host *h, struct db *db, const char *now, struct kv_error *err)
{
    char day[11];
    long date = formhost_date(h, "ingelicht");
    date_format_nl(date, day);
    snprintf(h->saved, sizeof h->saved,
             "Vastgelegd: klant %ld is op %s ingelicht over de "
             "nieuwe klantmanager.",
             h->client, day);
    /* The form showed the date recorded (in its title and field): saving another one
     * is the confirmation that replaces it. */
    return assignments_informed(db, h->client, date, h->form.today, 1, now, err);
}

struct form_host *forms_informed(struct db *db, long client, long today, struct kv_error *err)
{
    long before;
    char title[96], d[11];
    if (assignments_informed_date(db, client, &before, err) != KV_OK)
        return NULL;
    date_format_nl(before, d);
    if (before != NO_DATE)
        snprintf(title, sizeof title, "Al ingelicht op %s; een andere datum vervangt die", d);
    else
        snprintf(title, sizeof title, "Klant ingelicht over de nieuwe klantmanager");
    struct form_host *h =
        formhost_new(db, "ingelicht", title, informed_fields, 1, client, today, err);
    if (h == NULL)
        return NULL;
    formhost_default_date(h, "ingelicht", before != NO_DATE ? before : today);
    h->save = save_informed;
    h->no_draft = 1; /* one date: nothing to resume */
    return h;
}

struct form_host *forms_handover(struct db *db, const long *clients, size_t n, long today,
                                 struct kv_error *err)
{
    char title[80];
    snprintf(title, sizeof title, "%zu %s overdragen", n, n == 1 ? "klant" : "klanten");
    struct handover *o = malloc(sizeof *o + n * sizeof o->ids[0]);
    struct form_host *h =
        o ? formhost_new(db, "overdracht", title, fields, 3, clients[0], today, err) : NULL;
    if (h == NULL) {
        if (o == NULL)
            kv_error_nomem(err);
        free(o);
        return NULL;
    }
    o->n = n;
    memcpy(o->ids, clients, n * sizeof o->ids[0]);
    h->extra = o;
    h->save = save;
    h->no_draft = 1; /* which clients were marked is not kept */
    if (caseworkers(h, db, err) != KV_OK) {
        formhost_free(h);
        return NULL;
    }
    return h;
}
