#include "cli/conf.h"

#include <ctype.h>
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef KV_SYSCONFDIR
#define KV_SYSCONFDIR "/usr/local/etc"
#endif

const char *conf_path(void)
{
    return KV_SYSCONFDIR "/klantvolg.conf";
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = '\0';
    return s;
}

static int bad(const char *path, int line, const char *why, struct kv_error *err)
{
    return kv_error_set(err, KV_ERR, "bad configuration", "%s, regel %d: %s.", path, line, why);
}

static int take(struct conf *c, const char *key, const char *val, const char *path, int line,
                struct kv_error *err)
{
    if (strcmp(key, "database") == 0) {
        if (*val != '/')
            return bad(path, line, "database moet een absoluut pad zijn", err);
        free(c->database);
        if ((c->database = strdup(val)) == NULL)
            return kv_error_nomem(err);
        return KV_OK;
    }
    if (strcmp(key, "recovery-key") == 0) {
        size_t n = 0;
        if (strlen(val) != 2 * CONF_PK_BYTES ||
            sodium_hex2bin(c->recovery_pk, sizeof c->recovery_pk, val, strlen(val), NULL, &n,
                           NULL) != 0 ||
            n != CONF_PK_BYTES)
            return bad(path, line,
                       "recovery-key moet 64 hexadecimale tekens zijn (de publieke "
                       "sleutel van 'klantvolg recovery-key new')",
                       err);
        c->has_recovery = 1;
        return KV_OK;
    }
    char why[160];
    snprintf(why, sizeof why, "onbekende sleutel '%.60s' (database, recovery-key)", key);
    return bad(path, line, why, err);
}

int conf_read(const char *path, int setid, struct conf *c, struct kv_error *err)
{
    memset(c, 0, sizeof *c);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return errno == ENOENT ? KV_OK
                               : kv_error_set(err, KV_ERR, strerror(errno),
                                              "Kan %s niet lezen: %s.", path, strerror(errno));
    c->found = 1;
    struct stat st;
    if (setid && (fstat(fileno(f), &st) != 0 || st.st_uid != 0 || (st.st_mode & 022))) {
        fclose(f);
        return kv_error_set(err, KV_ERR, "untrusted configuration",
                            "%s moet van root zijn en voor niemand anders schrijfbaar.", path);
    }
    char buf[1024];
    int line = 0, rc = KV_OK;
    while (rc == KV_OK && fgets(buf, sizeof buf, f) != NULL) {
        line++;
        char *hash = strchr(buf, '#');
        if (hash)
            *hash = '\0';
        char *s = trim(buf), *eq = strchr(s, '=');
        if (*s == '\0')
            continue;
        if (eq == NULL) {
            rc = bad(path, line, "verwacht 'sleutel = waarde'", err);
            break;
        }
        *eq = '\0';
        rc = take(c, trim(s), trim(eq + 1), path, line, err);
    }
    fclose(f);
    if (rc != KV_OK)
        conf_free(c);
    return rc;
}

void conf_free(struct conf *c)
{
    free(c->database);
    c->database = NULL;
}
