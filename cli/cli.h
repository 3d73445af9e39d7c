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
};

/* Print "klantvolg: MESSAGE" (and the English detail with KLANTVOLG_DEBUG=1); return
 * the exit code that err->status stands for. */
int cli_report(const struct kv_error *err);

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
int cmd_reminders(struct cli *c);
int cmd_export(struct cli *c);
int cmd_import(struct cli *c);
int cmd_report(struct cli *c);
int cmd_catalogue(struct cli *c);
int cmd_config(struct cli *c);
int cmd_warnings(struct cli *c);
int cmd_assign(struct cli *c);

/* The interactive application (tui/). */
int tui_main(struct cli *c);

#endif
