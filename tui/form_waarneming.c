/* form_waarneming.c: opening a colleague's client for today (waarneming): which client
 * (number, BSN, or name as the werkvoorraad's search finds it) and why. The reason goes into the
 * audit log (access.h); the form itself stores no case record, and the dossier opens when it is
 * accepted. */
#include "tui/forms.h"

#include "storage/access.h"
#include "storage/search.h"

#include <stdio.h>
#include <string.h>

static const struct field_spec fields[] = {
    {"klant", "Nummer, BSN of naam", FT_TEXT, 1, NULL, NULL},
    {"reden", "Reden", FT_TEXT, 1, NULL, NULL},
};

static int accept(struct form_host *h, struct db *db, const char *now, struct kv_error *err)
{
    (void)now;
    long id;
    const char *who = formhost_text(h, "klant");
    int digits = who[strspn(who, "0123456789")] == '\0';
    int rc = digits ? search_client_ref(db, who, &id, err) : search_client_named(db, who, &id, err);
    if (rc == KV_OK && (rc = access_waarneming(db, id, formhost_text(h, "reden"), err)) == KV_OK) {
        h->record = id; /* the application opens this client's dossier */
        snprintf(h->saved, sizeof h->saved,
                 "Klant %ld geopend als waarneming; de reden staat "
                 "in het auditlog.",
                 id);
    }
    return rc;
}

struct form_host *forms_waarneming(struct db *db, long today, struct kv_error *err)
{
    struct form_host *h = formhost_new(db, "waarneming",
                                       "Klant van een collega openen "
                                       "(waarneming)",
                                       fields, 2, 0, today, err);
    if (h == NULL)
        return NULL;
    h->no_write = 1; /* access_waarneming writes the log entry itself */
    h->save = accept;
    return h;
}
