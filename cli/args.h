/* args.h: the command line, parsed once into one struct. Options may stand before or
 * after the command words; each command says which options it takes, and any other is
 * a usage error (exit 2). */
#ifndef KV_CLI_ARGS_H
#define KV_CLI_ARGS_H

enum opt_bit {
    OPT_DB = 1 << 0,
    OPT_USER = 1 << 1,
    OPT_PASSFD = 1 << 2,
    OPT_NEWPASSFD = 1 << 3,
    OPT_ROLE = 1 << 4,
    OPT_NAME = 1 << 5,
    OPT_TEAM = 1 << 6,
    OPT_FORCE = 1 << 7,
    OPT_REPAIR = 1 << 8,
    OPT_FORMAT = 1 << 9,
    OPT_DEMO = 1 << 10,
    OPT_DAYS = 1 << 11,
    OPT_ALL = 1 << 12,
    OPT_CLIENTS = 1 << 13,
    OPT_CLIENT = 1 << 14,
    OPT_FROM = 1 << 15,
    OPT_TO = 1 << 16,
    OPT_NOTE = 1 << 17,
    OPT_INFORMED = 1 << 18,
    OPT_GROUP = 1 << 19,
    OPT_WAARNEMING = 1 << 20,
    OPT_BEFORE = 1 << 21,
    OPT_DRY_RUN = 1 << 22,
    OPT_RESOLVE = 1 << 23,
    OPT_AS_OF = 1 << 24,
    OPT_BY = 1 << 25,
    OPT_COUNCIL = 1 << 26,
    OPT_KEY = 1 << 27,
    OPT_HOURS = 1 << 28,
    OPT_CASEWORKERS = 1 << 29,
    OPT_FIELDS = 1 << 30, /* --straat X, --postcode Y ...: client fields (core/clientfields.h) */
};

#define ARGS_MAX_WORDS 8
#define ARGS_MAX_FIELDS 32

struct args {
    unsigned given; /* enum opt_bit */
    const char *db, *user, *role, *name, *team, *format, *from, *to, *note, *informed, *group,
        *waarneming, *before, *resolve, *as_of, *by, *key, *hours;
    /* --user as given before the command word and after it (user: the last of them) */
    const char *user_before, *user_after;
    int passfd, newpassfd; /* -1 when not given */
    int days;              /* --days, -1 when not given */
    int clients;           /* --clients, -1 when not given */
    int caseworkers;       /* --caseworkers, -1 when not given */
    int client;            /* --client, -1 when not given */
    int help, version;
    int nwords;
    const char *words[ARGS_MAX_WORDS];
    int nfields; /* client fields given as options, in order */
    const char *field[ARGS_MAX_FIELDS], *field_value[ARGS_MAX_FIELDS];
};

/* Fills a; on a usage error returns 2 and writes the message (Dutch) into msg. */
int args_parse(int argc, char **argv, struct args *a, char *msg, int msglen);

/* 0 when every given option is in allowed; else 2 with msg naming the stray option. */
int args_only(const struct args *a, unsigned allowed, const char *cmd, char *msg, int msglen);

#endif
