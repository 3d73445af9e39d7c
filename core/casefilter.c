#include "core/casefilter.h"
#include "core/codes.h"

#include <stdio.h>
#include <string.h>

bool casefilter_match(const struct casefilter *f, const char *user, const char *caseworker,
                      const char *classification, const char *doelgroepen, int overdue)
{
    bool own = strcmp(user, caseworker ? caseworker : "") == 0;
    if ((f->who == CFW_OWN && !own) || (f->who == CFW_DUO && own))
        return false;
    if (*f->classification && strcmp(f->classification, classification ? classification : ""))
        return false;
    if (*f->doelgroep && !codes_contains(doelgroepen, f->doelgroep))
        return false;
    if (*f->caseworker && strcmp(f->caseworker, caseworker ? caseworker : "") != 0)
        return false;
    return !f->overdue_only || overdue > 0;
}

bool casefilter_match_status(const struct casefilter *f, const char *status)
{
    return f->status[0] == '\0' || (status != NULL && strcmp(f->status, status) == 0);
}

bool casefilter_active(const struct casefilter *f)
{
    return f->who != CFW_ALL || *f->classification || *f->doelgroep || f->overdue_only ||
           *f->caseworker || *f->status;
}

void casefilter_describe(const struct casefilter *f, char *out, size_t n)
{
    size_t k = 0;
    out[0] = '\0';
#define PART(...)                                                                                  \
    do {                                                                                           \
        if (k < n) {                                                                               \
            int w = snprintf(out + k, n - k, "%s", k ? ", " : "");                                 \
            k += w > 0 ? (size_t)w : 0;                                                            \
        }                                                                                          \
        if (k < n) {                                                                               \
            int w = snprintf(out + k, n - k, __VA_ARGS__);                                         \
            k += w > 0 ? (size_t)w : 0;                                                            \
        }                                                                                          \
    } while (0)
    if (*f->caseworker)
        PART("klantmanager %s", f->caseworker);
    if (f->who == CFW_OWN)
        PART("eigen klanten");
    if (f->who == CFW_DUO)
        PART("als duo");
    if (*f->classification)
        PART("indeling %s", f->classification);
    if (*f->doelgroep)
        PART("doelgroep %s", f->doelgroep);
    if (*f->status)
        PART("status %s", f->status);
    if (f->overdue_only)
        PART("alleen te laat");
#undef PART
}

enum casefilter_who casefilter_who_parse(const char *s)
{
    return strcmp(s, "eigen") == 0 ? CFW_OWN : strcmp(s, "duo") == 0 ? CFW_DUO : CFW_ALL;
}
