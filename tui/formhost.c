#include "tui/formhost.h"

#include "core/date.h"
#include "storage/access.h"
#include "storage/catalogue.h"
#include "storage/txn.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct form_option *formhost_alloc_options(size_t n, struct kv_error *err)
{
    struct form_option *o = calloc(n ? n : 1, sizeof *o);
    if (o == NULL)
        kv_error_nomem(err);
    return o;
}

void formhost_own_options(struct form_host *h, int field, struct form_option *o, size_t n)
{
    free(h->owned[field]);
    h->owned[field] = o;
    form_set_options(&h->form, field, o, n);
}

static int load_options(struct form_host *h, struct db *db, int field, struct kv_error *err)
{
    struct catalogue_entry *e;
    size_t n, k = 0;
    int rc = catalogue_list(db, h->form.fields[field].spec->catalogue, &e, &n, err);
    if (rc != KV_OK)
        return rc;
    struct form_option *o = formhost_alloc_options(n, err);
    if (o == NULL) {
        free(e);
        return err->status;
    }
    for (size_t i = 0; i < n; i++) {
        if (!e[i].active)
            continue;
        memcpy(o[k].code, e[i].code, sizeof o[k].code);
        memcpy(o[k].label, e[i].label, sizeof o[k].label);
        k++;
    }
    free(e);
    formhost_own_options(h, field, o, k);
    return KV_OK;
}

struct form_host *formhost_new(struct db *db, const char *kind, const char *title,
                               const struct field_spec *specs, int n, long client, long today,
                               struct kv_error *err)
{
    struct form_host *h = calloc(1, sizeof *h);
    if (h == NULL) {
        kv_error_nomem(err);
        return NULL;
    }
    h->kind = kind;
    h->client = client;
    snprintf(h->title, sizeof h->title, "%s", title);
    form_init(&h->form, h->title, specs, n, today, h);
    for (int i = 0; i < h->form.n; i++) {
        if (specs[i].catalogue && load_options(h, db, i, err) != KV_OK) {
            formhost_free(h);
            return NULL;
        }
    }
    return h;
}

void formhost_default_date(struct form_host *h, const char *key, long day)
{
    char d[11];
    date_format_nl(day, d);
    form_set(&h->form, form_find(&h->form, key), d);
}

void formhost_default(struct form_host *h, const char *key, const char *value)
{
    form_set(&h->form, form_find(&h->form, key), value);
}

const char *formhost_text(const struct form_host *h, const char *key)
{
    return form_text(&h->form, form_find(&h->form, key));
}

long formhost_date(const struct form_host *h, const char *key)
{
    return form_date(&h->form, form_find(&h->form, key));
}

long formhost_number(const struct form_host *h, const char *key)
{
    return form_number(&h->form, form_find(&h->form, key));
}

int formhost_save(struct form_host *h, struct db *db, const char *now, struct kv_error *err)
{
    int bad = form_validate(&h->form, 1);
    if (bad)
        return kv_error_set(err, KV_EUSAGE, "invalid fields",
                            bad == 1 ? "Eén veld klopt nog "
                                       "niet; zie de melding onder het veld."
                                     : "%d velden kloppen nog "
                                       "niet; zie de meldingen onder de velden.",
                            bad);
    if (h->no_write) {
        int rc = h->save(h, db, now, err);
        if (rc == KV_OK)
            h->form.dirty = 0;
        return rc;
    }
    int rc = db_begin(db, err);
    if (rc != KV_OK)
        return rc;
    /* A new client (no id yet) needs a role that may register one. */
    rc = h->client ? access_client(db, h->client, err) : access_may_add_client(db, err);
    if (rc == KV_OK && (rc = h->save(h, db, now, err)) == KV_OK &&
        (rc = db_commit(db, err)) == KV_OK) {
        h->form.dirty = 0;
        return KV_OK;
    }
    db_rollback(db);
    return rc;
}

int formhost_place_error(struct form_host *h, const struct kv_error *err)
{
    static const struct {
        const char *detail, *field;
    } about[] = {
        {"duplicate BSN", "bsn"},
    };
    for (size_t i = 0; i < sizeof about / sizeof about[0]; i++) {
        int f = form_find(&h->form, about[i].field);
        if (strcmp(err->detail, about[i].detail) == 0 && f >= 0) {
            form_refuse(&h->form, f, err->msg);
            return 1;
        }
    }
    return 0;
}

void formhost_free(struct form_host *h)
{
    if (h == NULL)
        return;
    form_free(&h->form);
    for (int i = 0; i < FORM_MAX_FIELDS; i++)
        free(h->owned[i]);
    free(h->extra);
    free(h);
}
