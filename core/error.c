#include "core/error.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

void kv_error_clear(struct kv_error *err)
{
    if (err == NULL)
        return;
    err->status = KV_OK;
    err->msg[0] = '\0';
    err->detail[0] = '\0';
}

int kv_error_set(struct kv_error *err, enum kv_status status, const char *detail, const char *fmt,
                 ...)
{
    if (err != NULL) {
        va_list ap;
        err->status = status;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
        snprintf(err->detail, sizeof err->detail, "%s", detail ? detail : "");
    }
    return (int)status;
}

int kv_error_nomem(struct kv_error *err)
{
    return kv_error_set(err, KV_ERR, "out of memory", "%s", KV_MSG_NOMEM);
}

int kv_error_io(struct kv_error *err, const char *what, const char *path)
{
    const char *why = strerror(errno);
    return kv_error_set(err, KV_ERR, why, "Kan %s niet %s: %s.", path, what, why);
}
