/* out.h: what the command line writes for a person (listings, messages, errors), made
 * safe for a terminal on the way out (core/safetext.h): no text from the file or from the
 * command line reaches the terminal with a control character in it. */
#ifndef KV_HOST_OUT_H
#define KV_HOST_OUT_H

#include <stddef.h>
#include <stdio.h>

/* fprintf, with the whole result made safe as several lines: the format's own newlines
 * and tabs stay, every other control character and invalid byte becomes U+FFFD. Returns
 * the bytes written, or -1. */
int out_printf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* One TSV row: n cells (NULL as empty), each made safe as one line, since a tab or
 * newline inside a cell would break the row, joined by tabs and ended by a newline. */
void out_tsv(FILE *f, int n, ...);

/* s made safe as one line into buf (n bytes with the NUL; cut at a character when too
 * long); returns buf, for a field of a line that must stay one line. */
const char *out_line(char *buf, size_t n, const char *s);

#endif
