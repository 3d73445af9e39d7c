/* formhost.h: a form that edits one client's records: the form, where its choices come
 * from (catalogues, the client's own goals) and how it is saved. Saving validates every
 * field first, then writes in one short transaction after checking that the user may
 * still reach the client; any failure rolls back and leaves the form as typed. */
#ifndef KV_TUI_FORMHOST_H
#define KV_TUI_FORMHOST_H

#include "storage/db.h"
#include "tui/form.h"

struct form_host {
    struct form form;
    const char *kind;     /* the form's name, for drafts: "contact", "doel", ... */
    long client;          /* 0 while a new client is being registered */
    long record, version; /* the record being changed, 0 for a new one */
    /* Advice while typing (the SMART lint fills field hints); NULL: none. */
    void (*advise)(struct form_host *h);
    /* A value was chosen in field's picker: fill what follows from it. NULL: nothing. */
    void (*picked)(struct form_host *h, struct db *db, int field);
    /* Write the form; runs inside the host's transaction. Fill saved with what was done. */
    int (*save)(struct form_host *h, struct db *db, const char *now, struct kv_error *err);
    long original_date; /* a date the record had: checks may accept it unchanged */
    int no_write;       /* a form that only applies (a filter): no transaction */
    int no_draft;       /* not kept as a draft (a handover of marked clients) */
    void *owner;        /* whoever the form applies to */
    void *extra;        /* the form's own data (malloc'ed; freed with the host) */
    char saved[300];
    char title[200];                            /* the form's title points here */
    struct form_option *owned[FORM_MAX_FIELDS]; /* options this host allocated */
};

/* A host for client with the given fields; options of fields that name a catalogue are
 * loaded (active entries only). NULL with err filled on failure. */
struct form_host *formhost_new(struct db *db, const char *kind, const char *title,
                               const struct field_spec *specs, int n, long client, long today,
                               struct kv_error *err);

/* Room for n options of field key, zeroed and owned by the host: fill them, then call
 * formhost_own_options with the number filled. NULL with err set when out of memory. */
struct form_option *formhost_alloc_options(size_t n, struct kv_error *err);

/* Give field the options o (n of them); the host frees them. */
void formhost_own_options(struct form_host *h, int field, struct form_option *o, size_t n);

/* Set field key to a date (Dutch form) or a text, as a default: not a change. */
void formhost_default_date(struct form_host *h, const char *key, long day);
void formhost_default(struct form_host *h, const char *key, const char *value);

/* The value of field key (as typed), and as a date or number (see form.h). */
const char *formhost_text(const struct form_host *h, const char *key);
long formhost_date(const struct form_host *h, const char *key);
long formhost_number(const struct form_host *h, const char *key);

/* Validate and save. KV_EUSAGE when fields are invalid (focus on the first); otherwise
 * the save's status; KV_ECONFLICT when someone else saved the record meanwhile. */
int formhost_save(struct form_host *h, struct db *db, const char *now, struct kv_error *err);

/* A refusal about one field (err from formhost_save: a BSN another client has) goes
 * under that field with the cursor on it; 1 when it did, 0 for any other error. */
int formhost_place_error(struct form_host *h, const struct kv_error *err);

void formhost_free(struct form_host *h);

#endif
