#include "host/report.h"
#include "host/out.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int host_report(const struct kv_error *err)
{
    out_printf(stderr, "klantvolg: %s\n", err->msg);
    const char *dbg = getenv("KLANTVOLG_DEBUG");
    if (dbg && *dbg && strcmp(dbg, "0") != 0 && err->detail[0])
        out_printf(stderr, "klantvolg: (%s)\n", err->detail);
    return err->status == KV_OK ? KV_ERR : (int)err->status;
}
