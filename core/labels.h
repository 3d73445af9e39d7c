/* labels.h: the Dutch words a person reads for the codes reports and screens carry
 * (andere_gemeente, wsp, 55plus, werk_3m, kosten_euro). One table: the report's own
 * vocabulary (columns, dimensions, fixed keys) lives here; codes from the catalogues
 * (reasons, routes, doelgroepen, classifications, instruments) take the catalogue's own
 * label, which a beheerder maintains, handed in by the caller. Text output and screens
 * show labels; csv, tsv and JSON keep the codes. Pure. */
#ifndef KV_CORE_LABELS_H
#define KV_CORE_LABELS_H

#include <stddef.h>

/* A catalogue entry: kind (instroomreden, uitstroomreden, route, doelgroep,
 * classificatie, eindreden, instrument), code and label. */
struct label {
    const char *kind, *code, *label;
};

struct labels {
    const struct label *v;
    size_t n;
};

/* The label of code: the catalogue's for kind (cat may be NULL), else the report's own
 * for kind, else the report's own for any kind, else the code itself. Never NULL for a
 * code that is not NULL. */
const char *labels_nl(const struct labels *cat, const char *kind, const char *code);

/* The catalogue kind of a report dimension (instroom -> instroomreden, indeling ->
 * classificatie, ...); the dimension itself for the others. */
const char *labels_kind_of(const char *dim);

/* The history's words for the database's records and fields: the Dutch name of a kind of
 * record (a table: "contacts" is "Contact") and of a field ("summary" is "Samenvatting");
 * the code itself for one it does not know. */
const char *labels_record(const char *table);
const char *labels_field(const char *field);

#endif
