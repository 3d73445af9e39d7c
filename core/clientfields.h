/* clientfields.h: the fields of a client record a caseworker may correct after
 * registration, in one table: the name on the command line (client edit --straat ...)
 * and in the edit form, the Dutch label, the column, what kind of value. The storage
 * module (storage/clients.c), the command line and the form all walk this table, so a new
 * field is one line here. Pure. */
#ifndef KV_CORE_CLIENTFIELDS_H
#define KV_CORE_CLIENTFIELDS_H

#include <stddef.h>

enum cfield_type {
    CFT_TEXT,         /* free text */
    CFT_NAME,         /* free text, required */
    CFT_DATE,         /* a date, or empty */
    CFT_BSN,          /* nine digits passing the elfproef */
    CFT_POSTCODE,     /* 1234 AB */
    CFT_CATALOGUE,    /* a code of catalogue kind `choices` */
    CFT_MUNICIPALITY, /* a name of the gemeente catalogue (its label) */
    CFT_FIXED,        /* one of the comma list `choices` */
    CFT_CODE_SET,     /* a comma list of codes of catalogue kind `choices`, kept in a table
                       * of its own (client_doelgroepen), not in a clients column */
};

struct client_field {
    const char *name;   /* command line option and form field (Dutch) */
    const char *label;  /* what a person reads */
    const char *column; /* clients column (CFT_CODE_SET: the set's name) */
    enum cfield_type type;
    const char *choices; /* CFT_CATALOGUE: the kind; CFT_FIXED: the codes */
};

extern const struct client_field client_fields[];
extern const size_t client_fields_n;

/* The field called name, NULL when there is none. */
const struct client_field *client_field_find(const char *name);

/* The field stored in column, NULL when there is none. */
const struct client_field *client_field_by_column(const char *column);

/* Normalise a postcode ("1234ab", "1234 AB") to "1234 AB" in out (8 bytes); 0 when it is
 * one, -1 otherwise. The empty postcode stays empty. */
int client_postcode(const char *in, char out[8]);

#endif
