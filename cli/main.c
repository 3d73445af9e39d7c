/* main.c: process set-up, the command table and dispatch. */
#include "cli/cli.h"
#include "cli/conf.h"
#include "host/priv.h"
#include "host/env.h"
#include "host/out.h"
#include "host/prompt.h"
#include "host/report.h"
#include "core/date.h"
#include "crypto/secmem.h"
#include "storage/audit.h"
#include "storage/login.h"
#include "tui/tui.h"

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct command {
    const char *name;
    int (*run)(struct cli *);
    const char *synopsis;
};

static const struct command commands[] = {
    {"init", cmd_init, "init [--name \"Volledige naam\"] [--group GROEP] [--new-passphrase-fd N]"},
    {"user", cmd_user,
     "user add NAAM --role ROL [--name \"Naam\"] [--team TEAM] [--hours UREN] | "
     "user list | user disable NAAM | user enable NAAM | "
     "user hours NAAM --hours UREN"},
    {"passwd", cmd_passwd, "passwd [--new-passphrase-fd N]"},
    {"rekey", cmd_rekey, "rekey"},
    {"check", cmd_check, "check [--repair]"},
    {"backup", cmd_backup, "backup BESTAND [--force]"},
    {"recovery-key", cmd_recovery_key, "recovery-key new --to BESTAND"},
    {"restore", cmd_restore, "restore BACKUP --key HERSTELSLEUTEL --to BESTAND"},
    {"reminders", cmd_reminders, "reminders [--days N] [--all] [--format text|tsv|json]"},
    {"assign", cmd_assign,
     "assign KLANT-ID [GEBRUIKER] [--note TEKST] [--informed DATUM [--force]]"},
    {"close", cmd_close, "close KLANT-ID [DATUM]"},
    {"outflow", cmd_outflow, "outflow return KLANT-ID [DATUM]"},
    {"client", cmd_client, "client edit KLANT-ID --VELD WAARDE ... | client show KLANT-ID"},
    {"purge", cmd_purge, "purge [--before DATUM] [--dry-run] [--force]"},
    {"checkout", cmd_checkout, "checkout --to BESTAND | checkout list | checkout revoke NR"},
    {"checkin", cmd_checkin, "checkin BESTAND [--resolve mine|theirs|merge]"},
    {"warnings", cmd_warnings, "warnings [--all] [--format text|tsv]"},
    {"export", cmd_export,
     "export [--client ID [--waarneming REDEN]] [--format json|text|research|plan] [--to BESTAND]"},
    {"import", cmd_import, "import BESTAND"},
    {"catalogue", cmd_catalogue,
     "catalogue list [SOORT] | add SOORT CODE --name OMSCHRIJVING | "
     "disable SOORT CODE | enable SOORT CODE"},
    {"config", cmd_config, "config list | config set SLEUTEL WAARDE"},
    {"audit", cmd_audit,
     "audit [--client ID] [--user NAAM] [--from DATUM] [--to DATUM] "
     "[--format text|tsv|json] | audit head"},
    {"report", cmd_report,
     "report caseload|uitstroom [--from DATUM] [--to DATUM] [--format text|tsv|json|html] | "
     "report effectiviteit|wachttijden|nazorg|ontwikkeling|beweging|kosten "
     "[--by instrument|aanbieder|doelgroep] "
     "[--from DATUM] [--to DATUM] [--as-of DATUM] [--council] "
     "[--format text|tsv|csv|json|html]"},
};

static void help(void)
{
    out_printf(stdout,
               "klantvolg %s - klantvolgsysteem voor klantmanagers (Participatiewet)\n\n"
               "Gebruik:\n  klantvolg [--db BESTAND] [--user NAAM] [--passphrase-fd N]\n"
               "  klantvolg --demo\n",
               PACKAGE_VERSION);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        out_printf(stdout, "  klantvolg %s\n", commands[i].synopsis);
    out_printf(stdout,
               "\nAlgemene opties: --db BESTAND, --user NAAM, --passphrase-fd N.\n"
               "Omgeving: KLANTVOLG_DB, KLANTVOLG_NOW, KLANTVOLG_BUSY_TIMEOUT, XDG_DATA_HOME.\n"
               "Afsluitcodes: 0 gelukt, 1 fout, 2 verkeerd gebruik, 3 onbekende gebruiker of\n"
               "onjuist wachtwoord, 4 beschadigd, gewijzigd of vreemd bestand, 5 database bezet.\n"
               "Zie man klantvolg.\n");
}

int cli_report(const struct kv_error *err)
{
    return host_report(err);
}

int cli_expect(struct cli *c, unsigned allowed, int nwords, const char *wrong_words)
{
    char msg[200];
    if (args_only(&c->a, allowed, c->a.words[0], msg, sizeof msg) != 0) {
        out_printf(stderr, "klantvolg: %s\n", msg);
        return KV_EUSAGE;
    }
    if (c->a.nwords != nwords) {
        out_printf(stderr, "klantvolg: %s\n", wrong_words);
        return KV_EUSAGE;
    }
    return 0;
}

int cli_date_opt(const char *name, const char *v, long def, long *out)
{
    if (v == NULL) {
        *out = def;
        return 0;
    }
    if (!date_parse(v, out)) {
        out_printf(stderr,
                   "klantvolg: --%s verwacht een datum (JJJJ-MM-DD of D-M-JJJJ), niet '%s'\n", name,
                   v);
        return -1;
    }
    return 0;
}

int cli_period(struct cli *c, long def_from, long def_to, long *from, long *to)
{
    if (cli_date_opt("from", c->a.from, def_from, from) != 0 ||
        cli_date_opt("to", c->a.to, def_to, to) != 0)
        return KV_EUSAGE;
    if ((c->a.from || def_from) && (c->a.to || def_to) && *to < *from) {
        out_printf(stderr, "klantvolg: --to ligt voor --from\n");
        return KV_EUSAGE;
    }
    return 0;
}

int cli_client_word(const char *word, long *client)
{
    char *end;
    *client = strtol(word, &end, 10);
    if (*word == '\0' || *end != '\0' || *client <= 0) {
        out_printf(stderr, "klantvolg: '%s' is geen klantnummer\n", word);
        return KV_EUSAGE;
    }
    return 0;
}

int cli_format(struct cli *c, unsigned allowed, enum cli_format *out)
{
    static const struct {
        const char *name;
        enum cli_format f;
    } names[] = {{"text", FMT_TEXT},         {"tsv", FMT_TSV}, {"json", FMT_JSON},
                 {"research", FMT_RESEARCH}, {"csv", FMT_CSV}, {"plan", FMT_PLAN},
                 {"html", FMT_HTML}};
    const char *given = c->a.format ? c->a.format : "text";
    char list[80] = "";
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (!(allowed & names[i].f))
            continue;
        if (strcmp(given, names[i].name) == 0) {
            *out = names[i].f;
            return 0;
        }
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", *list ? ", " : "",
                 names[i].name);
    }
    out_printf(stderr, "klantvolg: onbekend formaat '%s' (%s)\n", given, list);
    return KV_EUSAGE;
}

int cli_open(struct cli *c, int flags, struct db **db)
{
    struct kv_error err;
    struct pass p;
    char prompt[600];
    snprintf(prompt, sizeof prompt, "Wachtwoord voor %s (%s): ", c->user, c->db_path);
    if (prompt_passphrase(prompt, c->a.passfd, &p, &err) != KV_OK)
        return cli_report(&err);
    int rc = db_open(c->db_path, c->user, p.buf, p.len, flags, NULL, db, &err);
    pass_free(&p);
    long today;
    if (rc == KV_OK && env_today(&today, &err) == KV_OK)
        (*db)->today = today; /* KLANTVOLG_NOW: a status is derived for the day given */
    return rc == KV_OK ? 0 : cli_report(&err);
}

/* Three tries for a wrong passphrase, then exit code 3. Other failures end at once. */
static int login(struct cli *c, struct db **db)
{
    struct kv_error err;
    for (int tries = 1;; tries++) {
        struct pass p;
        char prompt[600];
        snprintf(prompt, sizeof prompt, "klantvolg: wachtwoord voor %s (%s): ", c->user,
                 c->db_path);
        if (prompt_passphrase(prompt, c->a.passfd, &p, &err) != KV_OK)
            return cli_report(&err);
        int rc = db_open(c->db_path, c->user, p.buf, p.len, 0, NULL, db, &err);
        pass_free(&p);
        if (rc == KV_OK)
            return 0;
        int wrong = rc == KV_EAUTH && strstr(err.detail, "slot did not open") != NULL;
        if (!wrong || tries == LOGIN_TRIES || c->a.passfd >= 0)
            return cli_report(&err);
        out_printf(stderr, "klantvolg: %s Probeer het opnieuw.\n", err.msg);
    }
}

int cli_screens(struct cli *c)
{
    struct db *db;
    int rc = login(c, &db);
    return rc != 0 ? rc : tui_main(db, c->greeting);
}

/* "dir/name" with the directory made canonical (the file itself may not exist yet, as
 * before init); NULL when the directory cannot be resolved. */
static char *canonical(const char *path)
{
    char *copy = strdup(path), *dir = NULL, *out = NULL;
    if (copy == NULL)
        return NULL;
    char *slash = strrchr(copy, '/');
    const char *name = slash ? slash + 1 : copy;
    if (slash)
        *slash = '\0';
    if ((dir = realpath(slash ? (*copy ? copy : "/") : ".", NULL)) != NULL &&
        asprintf(&out, "%s/%s", strcmp(dir, "/") == 0 ? "" : dir, name) < 0)
        out = NULL;
    free(dir);
    free(copy);
    return out;
}

static int same_file(const char *a, const char *b)
{
    char *ca = canonical(a), *cb = canonical(b);
    int same = ca && cb && strcmp(ca, cb) == 0;
    free(ca);
    free(cb);
    return same;
}

/* Which database: --db, KLANTVOLG_DB, the installation's (klantvolg.conf), the user's own.
 * The set-id group is for the configured database only: any other file is opened after
 * giving it up for good, so a user's own copy or backup never gets it. */
static int choose_db(struct cli *c, const struct conf *conf)
{
    const char *given = c->a.db;
    const char *env = getenv("KLANTVOLG_DB");
    if (given == NULL && env != NULL && *env)
        given = env;
    if (given == NULL && conf->database != NULL)
        given = conf->database;
    c->served = given != NULL && conf->database != NULL && same_file(given, conf->database);
    if (!c->served)
        priv_drop();
    c->db_path = env_db_path(given);
    return c->db_path != NULL ? 0 : -1;
}

static int setup(struct cli *c)
{
    struct kv_error err;
    struct conf conf;
    if (conf_read(conf_path(), priv_setid(), &conf, &err) != KV_OK) {
        priv_drop();
        return cli_report(&err);
    }
    c->has_recovery = conf.has_recovery;
    memcpy(c->recovery_pk, conf.recovery_pk, sizeof c->recovery_pk);
    int rc = choose_db(c, &conf);
    conf_free(&conf);
    if (rc != 0) {
        out_printf(stderr, "klantvolg: " KV_MSG_NOMEM "\n");
        return KV_ERR;
    }
    if (env_busy_timeout(&err) != KV_OK || env_now(c->now, &err) != KV_OK ||
        env_user(c->a.user, c->user, sizeof c->user, &err) != KV_OK)
        return cli_report(&err);
    return 0;
}

/* The screens need a terminal to read keys from and draw on. Without one (a cron job
 * that forgot its subcommand) say so and what to use instead, before a passphrase is
 * read: curses would otherwise redraw forever on a pipe. */
static int no_terminal(void)
{
    if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
        return 0;
    fprintf(stderr, "klantvolg: de schermen hebben een terminal nodig (invoer en uitvoer); "
                    "zonder terminal geeft u een opdracht, zoals 'klantvolg reminders', "
                    "'klantvolg warnings', 'klantvolg export', 'klantvolg report caseload' of "
                    "'klantvolg audit'.\nZie 'klantvolg --help' of man klantvolg.\n");
    return 1;
}

int main(int argc, char **argv)
{
    struct cli c;
    char msg[256];
    memset(&c, 0, sizeof c);
    priv_init();
    setlocale(LC_ALL, "");
    /* A file-size limit reached is a failed write (a full disk, reported and rolled back),
     * not a killed process with a transaction cut in half. */
    signal(SIGXFSZ, SIG_IGN);
    if (crypto_init() != 0) {
        out_printf(stderr, "klantvolg: libsodium kon niet starten.\n");
        return KV_ERR;
    }
    if (args_parse(argc, argv, &c.a, msg, sizeof msg) != 0) {
        out_printf(stderr, "klantvolg: %s\nZie 'klantvolg --help' of man klantvolg.\n", msg);
        return KV_EUSAGE;
    }
    if (c.a.help) {
        help();
        return 0;
    }
    if (c.a.version) {
        out_printf(stdout, "klantvolg %s\n", PACKAGE_VERSION);
        return 0;
    }
    /* In `audit`, --user after the command names whose entries to show; who asks is a
     * --user before it (as for every command), else KLANTVOLG_USER or the login name. */
    if (c.a.nwords > 0 && strcmp(c.a.words[0], "audit") == 0) {
        c.audit_user = c.a.user_after;
        c.a.user = c.a.user_before;
        if (c.a.user == NULL)
            c.a.given &= ~(unsigned)OPT_USER;
    }
    int rc = setup(&c);
    if (rc != 0) {
        free(c.db_path); /* chosen before the variable that was refused */
        return rc;
    }
    if ((c.a.given & (OPT_CLIENTS | OPT_CASEWORKERS)) && !(c.a.given & OPT_DEMO)) {
        out_printf(stderr, "klantvolg: --%s hoort bij --demo\n",
                   c.a.given & OPT_CLIENTS ? "clients" : "caseworkers");
        rc = KV_EUSAGE;
    } else if (c.a.given & OPT_DEMO) {
        priv_drop(); /* the demo is the user's own file */
        rc = c.a.nwords == 0 ? cmd_demo(&c) : KV_EUSAGE;
        if (rc == KV_EUSAGE)
            out_printf(stderr, "klantvolg: --demo neemt geen opdracht\n");
    } else if (c.a.nwords == 0) {
        char m[200];
        rc = args_only(&c.a, OPT_DB | OPT_USER | OPT_PASSFD, "klantvolg", m, sizeof m);
        if (rc != 0)
            out_printf(stderr, "klantvolg: %s\n", m);
        else
            rc = no_terminal() ? KV_EUSAGE : cli_screens(&c);
    } else {
        rc = -1;
        for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
            if (strcmp(c.a.words[0], commands[i].name) == 0)
                rc = commands[i].run(&c);
        if (rc == -1) {
            out_printf(stderr,
                       "klantvolg: onbekende opdracht '%s'\n"
                       "Zie 'klantvolg --help' of man klantvolg.\n",
                       c.a.words[0]);
            rc = KV_EUSAGE;
        }
    }
    free(c.db_path);
    return rc;
}
