/* safetext.h: text made safe to show on a terminal. Names, notes and reasons arrive
 * through CSV import, forms, a waarneming's reason or a path, and anyone holding a key can
 * write anything into the file; a terminal acts on control characters instead of showing
 * them (ESC and the C1 CSI start sequences that move the cursor, clear the screen, set
 * the window title or answer back; BEL rings). One decision, used by every writer: the
 * command line's text, TSV and CSV output, its error messages, and the screens. */
#ifndef KV_CORE_SAFETEXT_H
#define KV_CORE_SAFETEXT_H

#include <stddef.h>

enum safetext_mode {
    SAFETEXT_LINE, /* one line (a name, a TSV cell): newline and tab are replaced too */
    SAFETEXT_TEXT, /* several lines (a note, a whole message): newline and tab are kept */
};

/* What is shown in place of a control character or an invalid byte. */
#define SAFETEXT_REPLACEMENT 0xFFFDul

/* The character at s (s < end) as it is to be shown: *cp is its code point, or
 * SAFETEXT_REPLACEMENT for a byte that does not start valid UTF-8 (overlong forms,
 * surrogates and code points past U+10FFFF included), a C0 control (but newline and tab
 * in SAFETEXT_TEXT), ESC, DEL, or a C1 control (U+0080..U+009F). Returns the number of
 * bytes taken: 1 for an invalid byte, else the sequence's length. */
size_t safetext_next(const char *s, const char *end, enum safetext_mode m, unsigned long *cp);

/* Copy s into out (n bytes with the NUL) with every character as safetext_next shows it,
 * cut at a character boundary when it does not fit. Returns the length the whole safe
 * text takes without the NUL, as snprintf does: out may be NULL with n 0 to measure. */
size_t safetext_copy(char *out, size_t n, const char *s, enum safetext_mode m);

/* Does s show exactly as it is (nothing to replace)? */
int safetext_is_clean(const char *s, enum safetext_mode m);

#endif
