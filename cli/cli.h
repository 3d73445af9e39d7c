/* cli.h: what every subcommand gets, and the helpers they share. */
#ifndef KV_CLI_CLI_H
#define KV_CLI_CLI_H

#include "cli/args.h"
#include "core/error.h"
#include "storage/db.h"

struct cli {
    struct args a;
    char *db_path;
    char user[SLOT_NAME_BYTES];
    char now[20];
    const char *audit_user; /* audit's --user: whose entries (not who asks) */
    int has_recovery;       /* klantvolg.conf names a recovery key: backups are sealed to it */
    unsigned char recovery_pk[32];
    int served;         /* db_path is the installation's configured database */
    char greeting[300]; /* shown on the status line when the screens open ("" none) */
};

/* Print "klantvolg: MESSAGE" (and the English detail with KLANTVOLG_DEBUG=1); return
 * the exit code that err->status stands for. */
int cli_report(const struct kv_error *err);

/* Output formats of the listing commands. */
enum cli_format {
    FMT_TEXT = 1,
    FMT_TSV = 2,
    FMT_JSON = 4,
    FMT_RESEARCH = 8,
    FMT_CSV = 16,
    FMT_PLAN = 32,
    FMT_HTML = 64
};

/* The options allowed and the number of words (command included) a command takes;
 * prints the Dutch reason and returns KV_EUSAGE when the call does not fit, else 0. */
int cli_expect(struct cli *c, unsigned allowed, int nwords, const char *wrong_words);

/* --format among the allowed formats (text when not given); KV_EUSAGE with a message
 * naming them otherwise. */
int cli_format(struct cli *c, unsigned allowed, enum cli_format *out);

/* --from/--to: a date (ISO or Dutch) into *out, def when not given; prints the reason
 * and returns -1 when it is not a date. */
int cli_date_opt(const char *name, const char *v, long def, long *out);

/* --from and --to (defaults def_from, def_to; 0: open), the end not before the start;
 * prints the reason and returns KV_EUSAGE otherwise. */
int cli_period(struct cli *c, long def_from, long def_to, long *from, long *to);

/* A client number given as a command word; prints the reason and returns KV_EUSAGE when
 * it is not one. */
int cli_client_word(const char *word, long *client);

/* Ask for (or read) the user's passphrase and open the database; on failure reports
 * and returns the exit code, else 0 with *db set. */
int cli_open(struct cli *c, int flags, struct db **db);

/* Subcommands: each returns the process exit code. */
int cmd_init(struct cli *c);
int cmd_user(struct cli *c);
int cmd_passwd(struct cli *c);
int cmd_rekey(struct cli *c);
int cmd_check(struct cli *c);
int cmd_backup(struct cli *c);
int cmd_demo(struct cli *c);
/* recovery-key new, restore (cmd_recovery.c). */
int cmd_recovery_key(struct cli *c);
int cmd_restore(struct cli *c);
int cmd_reminders(struct cli *c);
int cmd_export(struct cli *c);
int cmd_import(struct cli *c);
int cmd_report(struct cli *c);
/* report effectiviteit|wachttijden|nazorg (report_mi.c). */
int report_mi(struct cli *c, const char *what);
int cmd_catalogue(struct cli *c);
int cmd_config(struct cli *c);
int cmd_warnings(struct cli *c);
int cmd_assign(struct cli *c);
int cmd_audit(struct cli *c);
int cmd_close(struct cli *c);
int cmd_outflow(struct cli *c);
/* client edit|show (cmd_case.c). */
int cmd_client(struct cli *c);
int cmd_purge(struct cli *c);
int cmd_checkout(struct cli *c);
int cmd_checkin(struct cli *c);

/* Log in (three tries for a wrong passphrase) and run the screens (tui/tui.h);
 * c->greeting, when set, is the first status line. Callers make sure stdin and stdout
 * are a terminal. */
int cli_screens(struct cli *c);

#endif
