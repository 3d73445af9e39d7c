/* smart.h: the SMART lint for goals in a plan (Specifiek, Meetbaar, Acceptabel,
 * Realistisch, Tijdgebonden). It returns findings; only a missing required element
 * (an empty part or no deadline) blocks saving, everything else is advice shown next to
 * the field as the caseworker types. Pure: no I/O, "today" is a parameter. */
#ifndef KV_CORE_SMART_H
#define KV_CORE_SMART_H

#include <stdbool.h>

enum smart_part { SMART_S, SMART_M, SMART_A, SMART_R, SMART_T, SMART_DEADLINE, SMART_PART_COUNT };

enum smart_kind {
    SMART_MISSING,        /* the part is empty (blocks saving) */
    SMART_NO_DEADLINE,    /* no deadline (blocks saving) */
    SMART_DEADLINE_PAST,  /* a deadline being set lies before today (blocks saving) */
    SMART_NOT_MEASURABLE, /* Meetbaar names no number, amount or count */
    SMART_VAGUE_WORD,     /* a word that postpones or softens the goal */
};

struct smart_goal {
    const char *part[SMART_T + 1]; /* UTF-8 text of S, M, A, R, T; NULL counts as empty */
    long deadline;                 /* day number (date.h), or -1 when none */
    bool deadline_changed;         /* the deadline is being set now: it may not be past */
};

struct smart_finding {
    enum smart_part part;
    enum smart_kind kind;
    char word[32];      /* the vague word as written, for SMART_VAGUE_WORD */
    const char *reason; /* Dutch, for the caseworker */
};

#define SMART_MAX_FINDINGS 32

struct smart_report {
    int n;
    struct smart_finding f[SMART_MAX_FINDINGS];
};

/* Lint g as of day today. Returns the number of findings (also in r->n). */
int smart_lint(const struct smart_goal *g, long today, struct smart_report *r);

/* Does the report hold a finding that must be fixed before saving? */
bool smart_blocks_save(const struct smart_report *r);

/* Dutch label of a part ("Specifiek", ..., "Deadline"). */
const char *smart_part_label(enum smart_part p);

#endif
