/* utf8.h: strict UTF-8 validation, the one used wherever text enters or leaves as bytes
 * (JSON in and out, CSV import). Overlong forms, UTF-16 surrogates and code points above
 * U+10FFFF are invalid. */
#ifndef KV_CORE_UTF8_H
#define KV_CORE_UTF8_H

#include <stddef.h>

/* Length (1-4) of the valid sequence starting at s, reading no further than end; 0 when
 * the bytes there are not valid UTF-8. */
int utf8_seq_len(const unsigned char *s, const unsigned char *end);

/* Write code point cp (below U+110000, not a surrogate) as 1-4 bytes; returns the count. */
size_t utf8_encode(unsigned long cp, char out[4]);

/* Are the n bytes at s valid UTF-8 throughout? */
int utf8_valid(const char *s, size_t n);

/* Copy s into out (n bytes with the NUL), cut at a character boundary when it does not
 * fit, so a long name is never left with half a character. Returns out. */
char *utf8_copy(char *out, size_t n, const char *s);

/* Fold s for searching, into out (n bytes with the NUL; cut at a character boundary
 * when it does not fit): every Latin letter of the folding table (utf8.c: ı İ ş ğ ç ł ø
 * ß æ å é ë ï ö ü ő ą ș ț ...) becomes plain lowercase ASCII (ß: ss, æ: ae), ASCII
 * letters become lowercase, everything else (digits, other scripts, bytes that are not
 * UTF-8) is copied unchanged. The folded text is never longer than s. Returns the length
 * of the whole folded text (as snprintf). Used for what is indexed and for the query
 * alike, so "yilmaz" finds Yılmaz and "lukasz" Łukasz. */
size_t utf8_fold(const char *s, char *out, size_t n);

/* The character at s (before end) as a code point in *cp; returns its length in bytes,
 * 1 for a byte that is not valid UTF-8 (then *cp is U+FFFD), 0 at the end. Editors walk
 * text with it, so an invalid byte is one character and never splits the text. */
size_t utf8_next(const char *s, const char *end, unsigned long *cp);

/* Display columns of one code point in the current locale (wcwidth): 0 for combining
 * marks, 2 for wide (CJK) characters, 1 for anything the locale cannot show, so text is
 * measured as the terminal draws it (control characters are shown as one mark). */
int utf8_width(unsigned long cp);

/* The folding table's ASCII for one code point, or NULL when it is not folded. */
const char *utf8_fold_char(unsigned long cp);

#endif
