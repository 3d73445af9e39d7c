#include "host/priv.h"

#include "crypto/secmem.h"
#include "storage/dbfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <unistd.h>

static gid_t real_gid, priv_gid;
static int started_setid, holding;

void priv_init(void)
{
    /* An fd 0, 1 or 2 closed by the caller would make the next file we open someone's
     * standard stream: fill them with /dev/null first. */
    for (int fd = 0; fd < 3; fd++)
        if (fcntl(fd, F_GETFD) < 0 && errno == EBADF && open("/dev/null", O_RDWR) != fd)
            abort();
    real_gid = getgid();
    priv_gid = getegid();
    started_setid = getauxval(AT_SECURE) != 0 || real_gid != priv_gid;
    holding = real_gid != priv_gid;
    secmem_harden_process(); /* no core, not dumpable: no ptrace by the user either */
}

int priv_setid(void)
{
    return started_setid;
}

int priv_active(void)
{
    return holding;
}

void priv_drop(void)
{
    if (!holding)
        return;
    if (setresgid(real_gid, real_gid, real_gid) != 0 || getegid() != real_gid)
        abort();
    holding = 0;
}

/* Around a user's own file: her group, then ours again. */
static void as_user(void)
{
    if (holding && setegid(real_gid) != 0)
        abort();
}

static void as_us(void)
{
    if (holding && setegid(priv_gid) != 0)
        abort();
}

int priv_open_user(const char *path, int flags, mode_t mode)
{
    as_user();
    int fd = open(path, flags | O_CLOEXEC, mode);
    int saved = errno;
    as_us();
    errno = saved;
    return fd;
}

FILE *priv_fopen_user(const char *path, const char *mode)
{
    as_user();
    FILE *f = fopen(path, mode);
    int saved = errno;
    as_us();
    errno = saved;
    return f;
}

/* As the user: dest beside it under a private name, then into place. */
static int place(int in, const char *dest, int force, struct kv_error *err)
{
    size_t n = strlen(dest) + 16;
    char *tmp = malloc(n);
    if (tmp == NULL)
        return kv_error_nomem(err);
    snprintf(tmp, n, "%s.new-XXXXXX", dest);
    int rc = KV_OK, out = -1;
    if (!force && access(dest, F_OK) == 0) {
        rc = kv_error_set(err, KV_ERR, "exists", "%s bestaat al; er is niets overschreven.", dest);
        tmp[0] = '\0';
    } else if ((out = mkostemp(tmp, O_CLOEXEC)) < 0) {
        rc = kv_error_io(err, "aanmaken", dest);
        tmp[0] = '\0';
    } else if (dbfile_copy_rest(in, out) != 0) {
        rc = kv_error_io(err, "schrijven", dest);
    } else if (force ? rename(tmp, dest) != 0 : link(tmp, dest) != 0) {
        rc = errno == EEXIST ? kv_error_set(err, KV_ERR, "exists",
                                            "%s bestaat al; er is niets overschreven.", dest)
                             : kv_error_io(err, "plaatsen", dest);
    } else {
        if (force)
            tmp[0] = '\0';
        dbfile_sync_parent(dest);
    }
    if (out >= 0)
        close(out);
    if (tmp[0] != '\0')
        unlink(tmp);
    free(tmp);
    return rc;
}

int priv_deliver(const char *spool, const char *dest, int force, struct kv_error *err)
{
    int in = open(spool, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (in < 0)
        return kv_error_io(err, "lezen", spool);
    unlink(spool); /* the open descriptor is all we need; nothing stays behind */
    as_user();
    int rc = place(in, dest, force, err);
    as_us();
    close(in);
    return rc;
}

char *priv_spool_path(const char *db_path)
{
    const char *slash = strrchr(db_path, '/');
    int dirlen = slash ? (int)(slash - db_path) : 1;
    const char *dir = slash ? db_path : ".";
    unsigned char r[8];
    char hex[17];
    randombytes_buf(r, sizeof r);
    sodium_bin2hex(hex, sizeof hex, r, sizeof r);
    size_t n = (size_t)dirlen + sizeof "/.klantvolg-uit-" + sizeof hex;
    char *p = malloc(n);
    if (p != NULL)
        snprintf(p, n, "%.*s/.klantvolg-uit-%s", dirlen, dir, hex);
    return p;
}
