/* tui.h: the interactive application (app.c). */
#ifndef KV_TUI_TUI_H
#define KV_TUI_TUI_H

#include "storage/db.h"

/* Run the screens on db, an opened database, which tui_main closes. greeting, when not
 * empty, is the first status line. Callers make sure stdin and stdout are a terminal.
 * Returns the process exit code. */
int tui_main(struct db *db, const char *greeting);

#endif
