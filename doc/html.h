/* html.h: what the printable documents (the plan van aanpak, the management reports) share:
 * escaping, Dutch long dates, the page with its inline style sheet for A4, and inline SVG
 * charts (bars, a line over months). Everything is written into the one file: no external
 * style sheet, font, script or URL, so a page opens and prints the same anywhere. Output
 * is well-formed XML (void elements closed, attributes quoted) so tests can read it with
 * xmllint. */
#ifndef KV_DOC_HTML_H
#define KV_DOC_HTML_H

#include "core/error.h"

#include <stddef.h>
#include <stdio.h>

/* Text into HTML: markup escaped, control characters made visible (U+FFFD), line breaks
 * kept as <br/>. */
void html_esc(FILE *f, const char *s);

/* "30 juli 2025" for a day number; html_long_date takes ISO text and writes it as it
 * stands when it is no date, or "—" when empty. */
void html_long_day(FILE *f, long day);
void html_long_date(FILE *f, const char *iso);

/* Short Dutch month name, 1..12: "jan", "feb", ... */
const char *html_month_short(int month);

/* The style every document starts from: A4 pages, type, headings, tables, charts. */
extern const char HTML_BASE_STYLE[];

/* <!DOCTYPE html> up to and including <body>: title escaped, the base style followed by
 * extra (may be NULL), body_class NULL for none. */
void html_begin(FILE *f, const char *title, const char *extra_style, const char *body_class);
void html_end(FILE *f);

/* One bar. A hidden bar (a council figure of fewer than 5 clients) is named, its shown
 * text written, but no bar is drawn and its value is left out of the scale, so nothing
 * of its size can be measured off the page. */
struct html_bar {
    const char *label; /* shown on the left */
    const char *key;   /* data-key (a code), NULL: label */
    long value;        /* the bar's length against the largest shown */
    const char *shown; /* the figure written after the bar ("12", "€ 1.234,00") */
    int hidden;
    const char *cell; /* data-cell of the figure (report_html.h), NULL none */
};

/* A horizontal bar chart as inline SVG; caption (may be NULL) read aloud as its title.
 * The longest bar is the largest value shown. */
void html_bars(FILE *f, const char *caption, const struct html_bar *bars, size_t n);

/* The same against a scale of at least top (a percentage against 100), with a dashed line
 * at mark named mark_label (the norm) when mark_label is not NULL. */
void html_bars_against(FILE *f, const char *caption, const struct html_bar *bars, size_t n,
                       long top, long mark, const char *mark_label);

/* One point of a line: a month ("jan 2025") and its value; hidden as for bars: no point,
 * the line breaks there and the month is marked "<5". */
struct html_point {
    char label[16];
    long value;
    int hidden;
};

/* A line chart over points (at least 2) as inline SVG, y from 0. */
void html_line(FILE *f, const char *caption, const struct html_point *p, size_t n);

/* Write a document the user asked for into path with her own ids (host/priv.h: hers, mode
 * 0600, no symbolic link followed): write(f, ctx, err) fills it. On any failure the file is
 * removed, so no half a document is left. KV_OK, or the status with err filled (Dutch
 * message naming path). */
int html_save(const char *path, int (*write)(FILE *f, void *ctx, struct kv_error *err), void *ctx,
              struct kv_error *err);

/* name in the user's home directory ($HOME, else the current directory), into out. */
void html_home_path(const char *name, char *out, size_t n);

#endif
