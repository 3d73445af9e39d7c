/* conf.h: the installation's configuration file, SYSCONFDIR/klantvolg.conf, written by
 * `make install-server`. Lines "key = value"; '#' starts a comment. Keys:
 *   database = PATH        the database this installation serves (the default --db)
 *   recovery-key = HEX     the public half of the municipality's recovery key: backups are
 *                          sealed to it instead of to the users' passphrases
 * A set-id program trusts the file only when root owns it and no one else may write it. */
#ifndef KV_CLI_CONF_H
#define KV_CLI_CONF_H

#include "core/error.h"

#define CONF_PK_BYTES 32

struct conf {
    int found;      /* the file exists */
    char *database; /* NULL when not set */
    int has_recovery;
    unsigned char recovery_pk[CONF_PK_BYTES];
};

/* The compiled-in path of the configuration file. */
const char *conf_path(void);

/* Read path into c (zeroed first). A missing file is KV_OK with c->found 0; a bad line,
 * an unknown key or (setid) an untrusted file is KV_ERR naming file and line. */
int conf_read(const char *path, int setid, struct conf *c, struct kv_error *err);
void conf_free(struct conf *c);

#endif
