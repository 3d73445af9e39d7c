/* cmd_recovery.c: the municipality's recovery key. `recovery-key new --to FILE` makes a key
 * pair: the secret half goes into FILE (to be kept offline), the public half is printed for
 * klantvolg.conf. `restore BACKUP --key FILE --to NEW` turns a server backup back into a
 * database that opens with its users' passphrases. Neither touches the served database, so
 * both run with the user's own ids only. */
#include "cli/cli.h"
#include "cli/conf.h"
#include "host/out.h"
#include "host/priv.h"
#include "crypto/secmem.h"
#include "storage/recovery.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define KEY_TAG "klantvolg-herstelsleutel "

static int usage(const char *msg)
{
    out_printf(stderr, "klantvolg: %s\n", msg);
    return KV_EUSAGE;
}

static int write_secret(const char *path, const unsigned char sk[RECOVERY_KEY_BYTES])
{
    char hex[2 * RECOVERY_KEY_BYTES + 1], line[sizeof KEY_TAG + sizeof hex + 1];
    sodium_bin2hex(hex, sizeof hex, sk, RECOVERY_KEY_BYTES);
    int n = snprintf(line, sizeof line, "%s%s\n", KEY_TAG, hex);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    int ok = fd >= 0 && write(fd, line, (size_t)n) == n && fsync(fd) == 0;
    int saved = errno;
    if (fd >= 0)
        close(fd);
    sodium_memzero(hex, sizeof hex);
    sodium_memzero(line, sizeof line);
    if (!ok && fd >= 0)
        unlink(path);
    errno = saved;
    return ok ? 0 : -1;
}

int cmd_recovery_key(struct cli *c)
{
    priv_drop();
    if (cli_expect(c, OPT_TO, 2, "gebruik: klantvolg recovery-key new --to BESTAND") != 0)
        return KV_EUSAGE;
    if (strcmp(c->a.words[1], "new") != 0 || c->a.to == NULL)
        return usage("gebruik: klantvolg recovery-key new --to BESTAND");
    unsigned char pk[RECOVERY_KEY_BYTES], *sk = secmem_alloc(RECOVERY_KEY_BYTES);
    if (sk == NULL) {
        out_printf(stderr, "klantvolg: " KV_MSG_NOMEM "\n");
        return KV_ERR;
    }
    recovery_keypair(pk, sk);
    int rc = write_secret(c->a.to, sk);
    secmem_free(sk);
    if (rc != 0) {
        out_printf(stderr, "klantvolg: kan %s niet aanmaken: %s%s\n", c->a.to, strerror(errno),
                   errno == EEXIST ? " (er is niets overschreven)" : "");
        return KV_ERR;
    }
    char hex[2 * RECOVERY_KEY_BYTES + 1];
    sodium_bin2hex(hex, sizeof hex, pk, sizeof pk);
    printf("recovery-key = %s\n", hex);
    out_printf(stderr,
               "De geheime herstelsleutel staat in %s: bewaar hem offline (kluis, "
               "papier) en verwijder hem van deze machine.\nZet de regel hierboven in %s.\n",
               c->a.to, conf_path());
    return 0;
}

/* The secret key from a file written by recovery-key new. */
static int read_secret(const char *path, unsigned char sk[RECOVERY_KEY_BYTES])
{
    char line[256];
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        out_printf(stderr, "klantvolg: kan %s niet lezen: %s\n", path, strerror(errno));
        return KV_ERR;
    }
    int ok = fgets(line, sizeof line, f) != NULL;
    fclose(f);
    size_t n = 0;
    line[strcspn(line, "\r\n")] = '\0';
    ok = ok && strncmp(line, KEY_TAG, strlen(KEY_TAG)) == 0 &&
         sodium_hex2bin(sk, RECOVERY_KEY_BYTES, line + strlen(KEY_TAG),
                        strlen(line + strlen(KEY_TAG)), NULL, &n, NULL) == 0 &&
         n == RECOVERY_KEY_BYTES && line[strlen(KEY_TAG) + 2 * RECOVERY_KEY_BYTES] == '\0';
    sodium_memzero(line, sizeof line);
    if (!ok) {
        out_printf(stderr,
                   "klantvolg: %s is geen herstelsleutel (van 'klantvolg recovery-key "
                   "new')\n",
                   path);
        return KV_EUSAGE;
    }
    return 0;
}

int cmd_restore(struct cli *c)
{
    struct kv_error err;
    priv_drop();
    if (cli_expect(c, OPT_TO | OPT_KEY, 2,
                   "gebruik: klantvolg restore BACKUP --key HERSTELSLEUTEL --to BESTAND") != 0)
        return KV_EUSAGE;
    if (c->a.to == NULL || c->a.key == NULL)
        return usage("restore heeft --key HERSTELSLEUTEL en --to BESTAND nodig");
    unsigned char *sk = secmem_alloc(RECOVERY_KEY_BYTES);
    if (sk == NULL)
        return KV_ERR;
    int rc = read_secret(c->a.key, sk);
    if (rc == 0 && recovery_restore(c->a.words[1], sk, c->a.to, &err) != KV_OK)
        rc = cli_report(&err);
    secmem_free(sk);
    if (rc == 0)
        printf("Hersteld naar %s: het opent met de wachtwoorden van de gebruikers zoals bij de "
               "back-up.\nControleer met: klantvolg --db %s check\n",
               c->a.to, c->a.to);
    return rc;
}
