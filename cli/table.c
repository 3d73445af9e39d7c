#include "cli/table.h"
#include "cli/json.h"
#include "host/out.h"
#include "core/safetext.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A cell may hold several lines inside its quotes, but no other control character. */
static void csv_cell(const char *raw)
{
    char s[1024];
    safetext_copy(s, sizeof s, raw, SAFETEXT_TEXT);
    if (strpbrk(s, ",\"\n;") == NULL) {
        fputs(s, stdout);
        return;
    }
    putchar('"');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            putchar('"');
        putchar(*p);
    }
    putchar('"');
}

void table_header(const struct table *t)
{
    for (int i = 0; i < t->n; i++) {
        if (t->f == FMT_TEXT)
            out_printf(stdout, i == 0 ? "%-*s" : " %*s", t->cols[i].width, t->cols[i].name);
        else if (t->f == FMT_CSV)
            out_printf(stdout, "%s", i ? "," : ""), csv_cell(t->cols[i].name);
        else if (t->f == FMT_TSV)
            out_printf(stdout, "%s%s", i ? "\t" : "", t->cols[i].name);
    }
    if (t->f != FMT_JSON)
        putchar('\n');
}

void table_row(const struct table *t, const char *const *cells)
{
    if (t->f == FMT_JSON)
        putchar('{');
    for (int i = 0; i < t->n; i++) {
        char small[8], line[512];
        const char *v = cells[i] ? cells[i] : "";
        int number = t->cols[i].count && *v && strspn(v, "0123456789") == strlen(v);
        if (number && t->council) {
            int k = atoi(v);
            if (k > 0 && k < 5) {
                snprintf(small, sizeof small, "<5");
                v = small;
                number = 0;
            }
        }
        if (t->f == FMT_TEXT) {
            out_printf(stdout, i == 0 ? "%-*s" : " %*s", t->cols[i].width,
                       out_line(line, sizeof line, v));
        } else if (t->f == FMT_CSV) {
            out_printf(stdout, "%s", i ? "," : "");
            csv_cell(v);
        } else if (t->f == FMT_TSV) {
            out_printf(stdout, "%s%s", i ? "\t" : "", out_line(line, sizeof line, v));
        } else {
            out_printf(stdout, "%s\"%s\":", i ? "," : "", t->cols[i].name);
            if (number)
                fputs(v, stdout);
            else
                json_string(stdout, v);
        }
    }
    puts(t->f == FMT_JSON ? "}" : "");
}
