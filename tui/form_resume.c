/* form_resume.c: a form kept as a draft (connection lost, process stopped, screen locked)
 * opened again by its kind, with what was typed. A draft about an existing record keeps
 * the version that was read when the form was first opened, so a colleague's change
 * since then is still reported as a conflict on saving. */
#include "tui/forms.h"

#include "storage/instruments.h"
#include "storage/plans.h"
#include "storage/drafts.h"

#include <stdlib.h>
#include <string.h>

static struct form_host *instrument_form(struct db *db, const struct draft *d, long today,
                                         struct kv_error *err)
{
    struct instrument_row *r;
    size_t n;
    struct form_host *h = NULL;
    if (instruments_rows(db, d->client, &r, &n, err) != KV_OK)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (r[i].id != d->record)
            continue;
        h = strcmp(d->kind, "einde") == 0
                ? forms_instrument_end(db, d->client, &r[i], today, err)
                : forms_instrument_extend(db, d->client, &r[i], today, err);
        if (h != NULL)
            h->version = d->version;
        break;
    }
    instruments_rows_free(r, n);
    if (h == NULL && err->status == KV_OK)
        kv_error_set(err, KV_ERR, "instrument gone",
                     "Het instrument van dit concept bestaat niet "
                     "meer.");
    return h;
}

static struct form_host *goal_form(struct db *db, const struct draft *d, long today,
                                   struct kv_error *err)
{
    struct goal_row *g;
    size_t n;
    struct form_host *h = NULL;
    if (plans_goal_rows(db, d->client, &g, &n, err) != KV_OK)
        return NULL;
    for (size_t i = 0; i < n && h == NULL; i++)
        if (g[i].id == d->record && (h = forms_goal_edit(db, d->client, &g[i], today, err)))
            h->version = d->version;
    plans_goal_rows_free(g, n);
    if (h == NULL && err->status == KV_OK)
        kv_error_set(err, KV_ERR, "goal gone", "Het doel van dit concept bestaat niet meer.");
    return h;
}

struct form_host *forms_resume(struct db *db, const struct draft *d, long today,
                               struct kv_error *err)
{
    struct form_host *h;
    kv_error_clear(err);
    if (strcmp(d->kind, "einde") == 0 || strcmp(d->kind, "verlenging") == 0)
        h = instrument_form(db, d, today, err);
    else if (strcmp(d->kind, "doel-wijzigen") == 0)
        h = goal_form(db, d, today, err);
    else if (strcmp(d->kind, "klant") == 0)
        h = forms_client_new(db, today, err);
    else if (strcmp(d->kind, "contact") == 0)
        h = forms_contact(db, d->client, today, err);
    else if (strcmp(d->kind, "plan") == 0)
        h = forms_plan(db, d->client, today, err);
    else if (strcmp(d->kind, "doel") == 0)
        h = forms_goal(db, d->client, today, err);
    else if (strcmp(d->kind, "instrument") == 0)
        h = forms_instrument_add(db, d->client, today, err);
    else if (strcmp(d->kind, "uitstroom") == 0)
        h = forms_outflow(db, d->client, today, err);
    else if (strcmp(d->kind, "intake") == 0)
        h = forms_intake(db, d->client, today, err);
    else
        h = NULL, kv_error_set(err, KV_ERR, "unknown draft kind",
                               "Onbekend soort concept "
                               "'%s'.",
                               d->kind);
    if (h != NULL) {
        form_restore(&h->form, d->body);
        if (h->advise)
            h->advise(h);
    }
    return h;
}

int forms_keep(struct db *db, const struct form_host *h, const char *now, struct kv_error *err)
{
    if (h->no_write || h->no_draft) /* a filter, a waarneming, a handover of marked clients: */
        return KV_OK;               /* nothing to resume from a draft */
    char *body = form_draft(&h->form);
    if (body == NULL)
        return kv_error_nomem(err);
    int rc = drafts_put(db, h->kind, h->client, h->record, h->version, body, now, err);
    free(body);
    return rc;
}
