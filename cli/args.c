#include "cli/args.h"
#include "core/clientfields.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct optdef {
    const char *name;
    enum opt_bit bit;
    int has_value;
};

static const struct optdef opts[] = {
    {"db", OPT_DB, 1},
    {"user", OPT_USER, 1},
    {"passphrase-fd", OPT_PASSFD, 1},
    {"new-passphrase-fd", OPT_NEWPASSFD, 1},
    {"role", OPT_ROLE, 1},
    {"name", OPT_NAME, 1},
    {"team", OPT_TEAM, 1},
    {"force", OPT_FORCE, 0},
    {"repair", OPT_REPAIR, 0},
    {"format", OPT_FORMAT, 1},
    {"demo", OPT_DEMO, 0},
    {"days", OPT_DAYS, 1},
    {"all", OPT_ALL, 0},
    {"clients", OPT_CLIENTS, 1},
    {"client", OPT_CLIENT, 1},
    {"from", OPT_FROM, 1},
    {"to", OPT_TO, 1},
    {"note", OPT_NOTE, 1},
    {"informed", OPT_INFORMED, 1},
    {"group", OPT_GROUP, 1},
    {"waarneming", OPT_WAARNEMING, 1},
    {"before", OPT_BEFORE, 1},
    {"dry-run", OPT_DRY_RUN, 0},
    {"resolve", OPT_RESOLVE, 1},
    {"as-of", OPT_AS_OF, 1},
    {"by", OPT_BY, 1},
    {"council", OPT_COUNCIL, 0},
    {"key", OPT_KEY, 1},
    {"hours", OPT_HOURS, 1},
    {"caseworkers", OPT_CASEWORKERS, 1},
};

static int parse_fd(const char *v, int *out)
{
    char *end;
    long n = strtol(v, &end, 10);
    if (*v == '\0' || *end != '\0' || n < 0 || n > 1023)
        return -1;
    *out = (int)n;
    return 0;
}

/* A whole number in [0, max] for option name. */
static int parse_count(const char *name, const char *v, long max, int *out, char *msg, int msglen)
{
    char *end;
    long n = strtol(v, &end, 10);
    if (*v == '\0' || *end != '\0' || n < 0 || n > max) {
        snprintf(msg, (size_t)msglen, "--%s verwacht een aantal (0 tot %ld), niet '%s'", name, max,
                 v);
        return 2;
    }
    *out = (int)n;
    return 0;
}

static int set_opt(struct args *a, const struct optdef *d, const char *v, char *msg, int msglen)
{
    a->given |= d->bit;
    switch (d->bit) {
    case OPT_DB:
        a->db = v;
        break;
    case OPT_USER: /* before the command: who runs it; after it: as the command says */
        if (a->nwords > 0)
            a->user_after = v;
        else
            a->user_before = v;
        a->user = v;
        break;
    case OPT_ROLE:
        a->role = v;
        break;
    case OPT_NAME:
        a->name = v;
        break;
    case OPT_TEAM:
        a->team = v;
        break;
    case OPT_FORMAT:
        a->format = v;
        break;
    case OPT_FROM:
        a->from = v;
        break;
    case OPT_TO:
        a->to = v;
        break;
    case OPT_NOTE:
        a->note = v;
        break;
    case OPT_WAARNEMING:
        a->waarneming = v;
        break;
    case OPT_BEFORE:
        a->before = v;
        break;
    case OPT_RESOLVE:
        a->resolve = v;
        break;
    case OPT_AS_OF:
        a->as_of = v;
        break;
    case OPT_BY:
        a->by = v;
        break;
    case OPT_KEY:
        a->key = v;
        break;
    case OPT_HOURS:
        a->hours = v;
        break;
    case OPT_INFORMED:
        a->informed = v;
        break;
    case OPT_GROUP:
        a->group = v;
        break;
    case OPT_DAYS:
        return parse_count(d->name, v, 3650, &a->days, msg, msglen);
    case OPT_CLIENTS:
        return parse_count(d->name, v, 1000000, &a->clients, msg, msglen);
    case OPT_CASEWORKERS: /* the header holds some 900 key slots; teams add a tenth */
        return parse_count(d->name, v, 800, &a->caseworkers, msg, msglen);
    case OPT_CLIENT:
        return parse_count(d->name, v, 2000000000, &a->client, msg, msglen);
    case OPT_PASSFD:
    case OPT_NEWPASSFD:
        if (parse_fd(v, d->bit == OPT_PASSFD ? &a->passfd : &a->newpassfd) != 0) {
            snprintf(msg, (size_t)msglen, "--%s verwacht een descriptornummer, niet '%s'", d->name,
                     v);
            return 2;
        }
        break;
    default:
        break;
    }
    return 0;
}

int args_parse(int argc, char **argv, struct args *a, char *msg, int msglen)
{
    memset(a, 0, sizeof *a);
    a->passfd = a->newpassfd = a->days = a->clients = a->caseworkers = a->client = -1;
    int words_only = 0;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (!words_only && strcmp(arg, "--") == 0) {
            words_only = 1;
            continue;
        }
        if (!words_only && (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0)) {
            a->help = 1;
            continue;
        }
        if (!words_only && (strcmp(arg, "-V") == 0 || strcmp(arg, "--version") == 0)) {
            a->version = 1;
            continue;
        }
        if (!words_only && strncmp(arg, "--", 2) == 0) {
            const char *name = arg + 2, *eq = strchr(name, '=');
            size_t len = eq ? (size_t)(eq - name) : strlen(name);
            const struct optdef *d = NULL;
            for (size_t k = 0; k < sizeof opts / sizeof opts[0]; k++)
                if (strlen(opts[k].name) == len && strncmp(opts[k].name, name, len) == 0)
                    d = &opts[k];
            if (d == NULL && len < 32) {
                char fname[32];
                snprintf(fname, sizeof fname, "%.*s", (int)len, name);
                const struct client_field *cf = client_field_find(fname);
                if (cf != NULL && (eq || i + 1 < argc)) {
                    if (a->nfields == ARGS_MAX_FIELDS) {
                        snprintf(msg, (size_t)msglen, "te veel velden");
                        return 2;
                    }
                    a->given |= OPT_FIELDS;
                    a->field[a->nfields] = cf->name;
                    a->field_value[a->nfields++] = eq ? eq + 1 : argv[++i];
                    continue;
                }
            }
            if (d == NULL) {
                snprintf(msg, (size_t)msglen, "onbekende optie '%s'", arg);
                return 2;
            }
            const char *v = NULL;
            if (d->has_value) {
                if (eq)
                    v = eq + 1;
                else if (i + 1 < argc)
                    v = argv[++i];
                else {
                    snprintf(msg, (size_t)msglen, "--%s verwacht een waarde", d->name);
                    return 2;
                }
            } else if (eq) {
                snprintf(msg, (size_t)msglen, "--%s neemt geen waarde", d->name);
                return 2;
            }
            if (set_opt(a, d, v, msg, msglen) != 0)
                return 2;
            continue;
        }
        if (!words_only && arg[0] == '-' && arg[1] != '\0') {
            snprintf(msg, (size_t)msglen, "onbekende optie '%s'", arg);
            return 2;
        }
        if (a->nwords == ARGS_MAX_WORDS) {
            snprintf(msg, (size_t)msglen, "te veel argumenten");
            return 2;
        }
        a->words[a->nwords++] = arg;
    }
    return 0;
}

int args_only(const struct args *a, unsigned allowed, const char *cmd, char *msg, int msglen)
{
    unsigned stray = a->given & ~allowed;
    if (stray == 0)
        return 0;
    if (stray & OPT_FIELDS) {
        snprintf(msg, (size_t)msglen, "'%s' kent de optie --%s niet", cmd, a->field[0]);
        return 2;
    }
    for (size_t k = 0; k < sizeof opts / sizeof opts[0]; k++) {
        if (stray & opts[k].bit) {
            snprintf(msg, (size_t)msglen, "'%s' kent de optie --%s niet", cmd, opts[k].name);
            break;
        }
    }
    return 2;
}
