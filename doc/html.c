#include "doc/html.h"

#include "host/priv.h"
#include "core/date.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void html_esc(FILE *f, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        switch (*p) {
        case '&':
            fputs("&amp;", f);
            break;
        case '<':
            fputs("&lt;", f);
            break;
        case '>':
            fputs("&gt;", f);
            break;
        case '"':
            fputs("&quot;", f);
            break;
        case '\n':
            fputs("<br/>", f);
            break;
        case '\t':
            fputc(' ', f);
            break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                fputs("\xef\xbf\xbd", f);                        /* U+FFFD */
            else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) /* C1 */
                fputs("\xef\xbf\xbd", f), p++;
            else
                fputc(*p, f);
        }
    }
}

static const char *const months[] = {"januari",   "februari", "maart",    "april",
                                     "mei",       "juni",     "juli",     "augustus",
                                     "september", "oktober",  "november", "december"};

const char *html_month_short(int month)
{
    static const char *const s[] = {"jan", "feb", "mrt", "apr", "mei", "jun",
                                    "jul", "aug", "sep", "okt", "nov", "dec"};
    return month >= 1 && month <= 12 ? s[month - 1] : "?";
}

void html_long_day(FILE *f, long day)
{
    int y, m, d;
    date_ymd(day, &y, &m, &d);
    fprintf(f, "%d %s %d", d, months[m - 1], y);
}

void html_long_date(FILE *f, const char *iso)
{
    long d;
    if (iso == NULL || *iso == '\0')
        fputs("—", f);
    else if (date_parse(iso, &d))
        html_long_day(f, d);
    else
        html_esc(f, iso);
}

const char HTML_BASE_STYLE[] =
    "@page { size: A4; margin: 18mm 16mm; }\n"
    "html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
    "body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10.5pt; color: #111;"
    " line-height: 1.4; max-width: 180mm; margin: 0 auto; }\n"
    "h1 { font-size: 1.8em; margin: 0 0 .2em; }\n"
    "h2 { font-size: 1.25em; border-bottom: 2px solid #1f5f8b; padding-bottom: .15em;"
    " margin: 1.3em 0 .5em; color: #1f5f8b; page-break-after: avoid; }\n"
    "h3 { font-size: 1.05em; margin: .8em 0 .3em; page-break-after: avoid; }\n"
    "table { border-collapse: collapse; width: 100%; }\n"
    "th, td { text-align: left; vertical-align: top; padding: .25em .5em .25em 0; }\n"
    "tr { page-break-inside: avoid; }\n"
    "svg { display: block; max-width: 100%; height: auto; page-break-inside: avoid; }\n"
    "svg text { font-family: 'DejaVu Sans', Arial, sans-serif; }\n"
    "figure { margin: .6em 0 1em; page-break-inside: avoid; }\n"
    "figcaption { font-size: .9em; color: #444; margin-bottom: .3em; }\n";

void html_begin(FILE *f, const char *title, const char *extra_style, const char *body_class)
{
    fputs("<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n"
          "<meta charset=\"utf-8\"/>\n<title>",
          f);
    html_esc(f, title);
    fprintf(f, "</title>\n<style>\n%s%s</style>\n</head>\n<body", HTML_BASE_STYLE,
            extra_style ? extra_style : "");
    if (body_class)
        fprintf(f, " class=\"%s\"", body_class);
    fputs(">\n", f);
}

void html_end(FILE *f)
{
    fputs("</body>\n</html>\n", f);
}

/* A label cut to at most max characters (UTF-8 aware), with "…" when cut. */
static void short_label(FILE *f, const char *s, int max)
{
    char buf[256];
    size_t k = 0;
    int chars = 0;
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    for (; *p && k + 4 < sizeof buf; p++) {
        if ((*p & 0xc0) != 0x80 && ++chars > max)
            break;
        buf[k++] = (char)*p;
    }
    buf[k] = '\0';
    html_esc(f, buf);
    if (*p)
        fputs("…", f);
}

#define BAR_W 680
#define BAR_LABEL 262 /* the labels' column */
#define BAR_LEN 300   /* the longest bar */
#define BAR_ROW 20

void html_bars(FILE *f, const char *caption, const struct html_bar *bars, size_t n)
{
    html_bars_against(f, caption, bars, n, 0, 0, NULL);
}

/* A chart's frame: the figure with its caption, and the svg of class cls, w by h, titled
 * with the caption for screen readers. The caller draws into it and closes both. */
static void chart_open(FILE *f, const char *cls, int w, int h, const char *caption)
{
    fputs("<figure>\n", f);
    if (caption) {
        fputs("<figcaption>", f);
        html_esc(f, caption);
        fputs("</figcaption>\n", f);
    }
    fprintf(f, "<svg class=\"%s\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\">\n",
            cls, w, h, w, h);
    if (caption) {
        fputs("<title>", f);
        html_esc(f, caption);
        fputs("</title>\n", f);
    }
}

void html_bars_against(FILE *f, const char *caption, const struct html_bar *bars, size_t n,
                       long top, long mark, const char *mark_label)
{
    long max = top;
    for (size_t i = 0; i < n; i++)
        if (!bars[i].hidden && bars[i].value > max)
            max = bars[i].value;
    int h = (int)n * BAR_ROW + 6 + (mark_label ? BAR_ROW : 0);
    chart_open(f, "balken", BAR_W, h, caption);
    fprintf(f,
            "<line x1=\"%d\" y1=\"0\" x2=\"%d\" y2=\"%d\" stroke=\"#999\" "
            "stroke-width=\"1\"/>\n",
            BAR_LABEL, BAR_LABEL, h);
    for (size_t i = 0; i < n; i++) {
        const struct html_bar *b = &bars[i];
        int y = (int)i * BAR_ROW + 3;
        fputs("<g class=\"balk\" data-key=\"", f);
        html_esc(f, b->key ? b->key : b->label);
        fputs("\" data-shown=\"", f);
        html_esc(f, b->shown);
        fputs("\"", f);
        if (!b->hidden)
            fprintf(f, " data-value=\"%ld\"", b->value);
        fprintf(f, ">\n<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">",
                BAR_LABEL - 6, y + 11);
        short_label(f, b->label, 40);
        fputs("</text>\n", f);
        int len = 0;
        if (!b->hidden && max > 0 && b->value > 0) {
            len = (int)((double)b->value * BAR_LEN / (double)max + 0.5);
            len = len < 1 ? 1 : len;
            fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"13\" fill=\"#1f5f8b\"/>\n",
                    BAR_LABEL + 1, y + 1, len);
        }
        fprintf(f, "<text x=\"%d\" y=\"%d\" font-size=\"11\"%s", BAR_LABEL + len + 6, y + 11,
                b->hidden ? " fill=\"#666\" font-style=\"italic\"" : "");
        if (b->cell) {
            fputs(" data-cell=\"", f);
            html_esc(f, b->cell);
            fputc('"', f);
        }
        fputc('>', f);
        html_esc(f, b->shown);
        fputs("</text>\n</g>\n", f);
    }
    if (mark_label && max > 0) {
        int x = BAR_LABEL + 1 + (int)((double)mark * BAR_LEN / (double)max + 0.5);
        fprintf(f,
                "<line x1=\"%d\" y1=\"0\" x2=\"%d\" y2=\"%d\" stroke=\"#b5651d\" "
                "stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>\n<text x=\"%d\" y=\"%d\" "
                "font-size=\"10\" text-anchor=\"middle\" fill=\"#8a4a12\">",
                x, x, h - BAR_ROW + 4, x, h - 4);
        html_esc(f, mark_label);
        fputs("</text>\n", f);
    }
    fputs("</svg>\n</figure>\n", f);
}

/* The top of the scale: 1, 2 or 5 times a power of ten, at least max. */
static long nice_top(long max)
{
    long p = 1;
    while (p * 10 <= max)
        p *= 10;
    for (;;) {
        if (max <= p)
            return p;
        if (max <= 2 * p)
            return 2 * p;
        if (max <= 5 * p)
            return 5 * p;
        p *= 10;
    }
}

#define LINE_W 680
#define LINE_H 230
#define LINE_L 56
#define LINE_R 24
#define LINE_T 22
#define LINE_B 44
#define LINE_INSET 18

void html_line(FILE *f, const char *caption, const struct html_point *p, size_t n)
{
    if (n < 2)
        return;
    long max = 0;
    for (size_t i = 0; i < n; i++)
        if (!p[i].hidden && p[i].value > max)
            max = p[i].value;
    long top = nice_top(max > 0 ? max : 1);
    /* Points start a little right of the scale, so the first value does not sit on it. */
    double pw = LINE_W - LINE_L - LINE_R - 2 * LINE_INSET, ph = LINE_H - LINE_T - LINE_B;
    chart_open(f, "lijn", LINE_W, LINE_H, caption);
    for (int t = 0; t <= 4; t++) { /* grid and scale */
        double y = LINE_T + ph - ph * t / 4;
        fprintf(f,
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" "
                "stroke-width=\"1\"/>\n<text x=\"%d\" y=\"%.1f\" font-size=\"10\" "
                "text-anchor=\"end\" fill=\"#444\">%ld</text>\n",
                LINE_L, y, LINE_W - LINE_R, y, t ? "#ddd" : "#999", LINE_L - 6, y + 3.5,
                top * t / 4);
    }
    int every = n > 24 ? 3 : n > 12 ? 2 : 1; /* month names that fit under the axis */
    for (size_t i = 0; i < n; i++) {
        double x = LINE_L + LINE_INSET + pw * (double)i / (double)(n - 1);
        if (i % (size_t)every == 0 || i == n - 1)
            fprintf(f,
                    "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\" "
                    "fill=\"#444\">%s</text>\n",
                    x, LINE_H - LINE_B + 16, p[i].label);
    }
    /* The line, broken where a point is hidden. */
    for (size_t i = 0; i < n;) {
        if (p[i].hidden) {
            i++;
            continue;
        }
        size_t j = i;
        fputs("<polyline fill=\"none\" stroke=\"#1f5f8b\" stroke-width=\"2\" points=\"", f);
        for (; j < n && !p[j].hidden; j++)
            fprintf(f, "%s%.1f,%.1f", j > i ? " " : "",
                    LINE_L + LINE_INSET + pw * (double)j / (double)(n - 1),
                    LINE_T + ph - ph * (double)p[j].value / (double)top);
        fputs("\"/>\n", f);
        i = j;
    }
    for (size_t i = 0; i < n; i++) {
        double x = LINE_L + LINE_INSET + pw * (double)i / (double)(n - 1);
        fprintf(f, "<g class=\"punt\" data-key=\"%s\"", p[i].label);
        if (p[i].hidden) {
            fprintf(f,
                    " data-shown=\"&lt;5\">\n<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" "
                    "text-anchor=\"middle\" fill=\"#666\" font-style=\"italic\">&lt;5</text>\n"
                    "</g>\n",
                    x, LINE_T + ph - 4);
            continue;
        }
        double y = LINE_T + ph - ph * (double)p[i].value / (double)top;
        fprintf(f,
                " data-value=\"%ld\">\n<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" "
                "fill=\"#1f5f8b\"/>\n",
                p[i].value, x, y);
        if (n <= 13)
            fprintf(f,
                    "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"middle\">"
                    "%ld</text>\n",
                    x, y - 7, p[i].value);
        fputs("</g>\n", f);
    }
    fputs("</svg>\n</figure>\n", f);
}

int html_save(const char *path, int (*write)(FILE *f, void *ctx, struct kv_error *err), void *ctx,
              struct kv_error *err)
{
    int fd = priv_open_user(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0600);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (f == NULL) {
        int rc = kv_error_io(err, "schrijven", path);
        if (fd >= 0)
            close(fd);
        return rc;
    }
    int rc = write(f, ctx, err);
    if (fclose(f) != 0 && rc == KV_OK)
        rc = kv_error_io(err, "schrijven", path);
    if (rc != KV_OK)
        unlink(path);
    return rc;
}

void html_home_path(const char *name, char *out, size_t n)
{
    const char *home = getenv("HOME");
    snprintf(out, n, "%s/%s", home && *home ? home : ".", name);
}
