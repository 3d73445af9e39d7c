/* picker.h: choose one value, or several, from a catalogue's options. Pure state on top
 * of the list widget (movement comes as actions); Space marks in a multi-select, a letter
 * jumps to the next option whose label starts with it. The result is the code, or a comma
 * list of codes, ready for a form field. */
#ifndef KV_TUI_PICKER_H
#define KV_TUI_PICKER_H

#include "tui/form.h"
#include "tui/list.h"

struct picker {
    const struct form_option *options; /* borrowed */
    int n;
    int multi;
    unsigned char marked[256]; /* multi: which options are chosen */
    struct list list;
    const char *title;
    int x; /* where it was last drawn */
};

/* Start on the options, with current (a code or comma list) selected/marked. */
void picker_init(struct picker *p, const char *title, const struct form_option *o, size_t n,
                 int multi, const char *current);

enum picker_result { PICK_GOING, PICK_DONE, PICK_CANCEL };

/* A movement action, or a key: Enter chooses, Esc cancels, Space marks (multi), a letter
 * jumps. */
enum picker_result picker_key(struct picker *p, enum action a, long key);

/* The chosen code(s) into out: the selected option, or the marked ones in option order
 * (the selected one when none is marked). */
void picker_result(const struct picker *p, char *out, size_t n);

/* Draw as a box over the screen from row y, column x, at most h rows high. */
void picker_draw(struct picker *p, int y, int x, int h);

#endif
