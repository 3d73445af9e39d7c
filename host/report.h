/* report.h: what a person sees of an error outside the screens: "klantvolg: MESSAGE" on
 * standard error (and the English detail with KLANTVOLG_DEBUG=1). The command line and
 * the screens (before curses starts, after it ends) report the same way. */
#ifndef KV_HOST_REPORT_H
#define KV_HOST_REPORT_H

#include "core/error.h"

/* Print err; return the exit code that err->status stands for (KV_ERR for KV_OK). */
int host_report(const struct kv_error *err);

#endif
