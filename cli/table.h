/* table.h: one table of a report, written as text (aligned columns), tsv, csv (a header
 * line, RFC 4180 quoting) or JSON (an object per row, keyed by the column names). Cells
 * are text; a cell that is a count of clients is written as a number, or as "<5" for a
 * council when it counts 1 to 4 clients. */
#ifndef KV_CLI_TABLE_H
#define KV_CLI_TABLE_H

#include "cli/cli.h"

struct table_col {
    const char *name; /* header (text) and key (json, csv) */
    int width;        /* text: columns; the first is left-aligned, the rest right */
    int count;        /* a count of clients: subject to the council rule */
};

struct table {
    const struct table_col *cols;
    int n;
    enum cli_format f;
    int council;
};

void table_header(const struct table *t);
/* cells[i] for column i; counts may be given as digits and are checked here. */
void table_row(const struct table *t, const char *const *cells);

#endif
