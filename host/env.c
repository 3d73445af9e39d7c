#include "host/env.h"

#include "host/priv.h"

#include "core/date.h"
#include "core/roles.h"
#include "storage/db.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char *join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 1;
    char *s = malloc(n);
    if (s != NULL)
        snprintf(s, n, "%s%s", a, b);
    return s;
}

char *env_db_path(const char *given)
{
    const char *v;
    if (given != NULL)
        return strdup(given);
    if ((v = getenv("KLANTVOLG_DB")) != NULL && *v)
        return strdup(v);
    if ((v = getenv("XDG_DATA_HOME")) != NULL && *v == '/')
        return join(v, "/klantvolg/klantvolg.db");
    if ((v = getenv("HOME")) != NULL && *v)
        return join(v, "/.local/share/klantvolg/klantvolg.db");
    return strdup("klantvolg.db");
}

int env_user(const char *given, char *out, size_t n, struct kv_error *err)
{
    const char *name = given;
    if (name == NULL && (name = getenv("KLANTVOLG_USER")) != NULL && *name == '\0')
        name = NULL;
    if (name == NULL) {
        struct passwd *pw = getpwuid(geteuid());
        name = pw ? pw->pw_name : getenv("LOGNAME");
    }
    if (name == NULL || !user_name_valid(name))
        return kv_error_set(err, KV_EUSAGE, "bad user name",
                            "Ongeldige of onbekende gebruikersnaam '%s'; geef --user NAAM.",
                            name ? name : "");
    snprintf(out, n, "%s", name);
    return KV_OK;
}

/* KLANTVOLG_NOW with a time ("2026-03-01 23:59:50"): a clock that starts there and runs on
 * with the real one, so a test can watch a session pass midnight. The distance to the
 * real clock is taken at the first reading and kept for the whole process. */
static int running_clock(const char *fixed, char out[20])
{
    static int started;
    static time_t offset;
    int y, mo, d, h, mi, s;
    char sep, end;
    if (sscanf(fixed, "%4d-%2d-%2d%c%2d:%2d:%2d%c", &y, &mo, &d, &sep, &h, &mi, &s, &end) != 7 ||
        (sep != ' ' && sep != 'T') || h > 23 || mi > 59 || s > 59 || h < 0 || mi < 0 || s < 0)
        return 0;
    char day[11];
    long days;
    snprintf(day, sizeof day, "%.10s", fixed);
    if (!date_parse(day, &days))
        return 0;
    if (!started) {
        struct tm tm = {.tm_year = y - 1900,
                        .tm_mon = mo - 1,
                        .tm_mday = d,
                        .tm_hour = h,
                        .tm_min = mi,
                        .tm_sec = s,
                        .tm_isdst = -1};
        time_t at = mktime(&tm);
        if (at == (time_t)-1)
            return 0;
        offset = at - time(NULL);
        started = 1;
    }
    time_t t = time(NULL) + offset;
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
    return 1;
}

int env_now(char out[20], struct kv_error *err)
{
    /* A set-id program plays no other day: "today" decides what signals and forms allow. */
    const char *fixed = priv_setid() ? NULL : getenv("KLANTVOLG_NOW");
    if (fixed != NULL && *fixed) {
        long days;
        if (strlen(fixed) > 10)
            return running_clock(fixed, out)
                       ? KV_OK
                       : kv_error_set(err, KV_EUSAGE, "bad KLANTVOLG_NOW",
                                      "KLANTVOLG_NOW='%s' is geen datum (JJJJ-MM-DD) of "
                                      "tijdstip (JJJJ-MM-DD UU:MM:SS).",
                                      fixed);
        if (!date_parse(fixed, &days))
            return kv_error_set(err, KV_EUSAGE, "bad KLANTVOLG_NOW",
                                "KLANTVOLG_NOW='%s' is geen datum (JJJJ-MM-DD).", fixed);
        char iso[11];
        date_format_iso(days, iso);
        snprintf(out, 20, "%s 00:00:00", iso);
        return KV_OK;
    }
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
    return KV_OK;
}

int env_today(long *today, struct kv_error *err)
{
    char now[20];
    int rc = env_now(now, err);
    if (rc != KV_OK)
        return rc;
    now[10] = '\0';
    if (!date_parse(now, today))
        return kv_error_set(err, KV_ERR, "bad clock", "De datum van vandaag is onbekend.");
    return KV_OK;
}

int env_make_parent(const char *path, struct kv_error *err)
{
    char *dir = strdup(path);
    if (dir == NULL)
        return kv_error_nomem(err);
    char *slash = strrchr(dir, '/');
    int rc = KV_OK;
    if (slash != NULL && slash != dir) {
        *slash = '\0';
        for (char *p = dir + 1; *p; p++) {
            if (*p != '/')
                continue;
            *p = '\0';
            mkdir(dir, 0700);
            *p = '/';
        }
        if (mkdir(dir, 0700) != 0 && errno != EEXIST)
            rc = kv_error_set(err, KV_ERR, strerror(errno), "Kan map %s niet maken: %s.", dir,
                              strerror(errno));
    }
    free(dir);
    return rc;
}

int env_busy_timeout(struct kv_error *err)
{
    const char *v = getenv("KLANTVOLG_BUSY_TIMEOUT");
    if (v == NULL || *v == '\0')
        return KV_OK;
    char *end;
    long ms = strtol(v, &end, 10);
    if (*end != '\0' || ms < 0 || ms > 3600000)
        return kv_error_set(err, KV_EUSAGE, "bad KLANTVOLG_BUSY_TIMEOUT",
                            "KLANTVOLG_BUSY_TIMEOUT='%s' is geen aantal milliseconden.", v);
    db_set_busy_timeout((int)ms);
    return KV_OK;
}
