#include "storage/recovery.h"

#include "crypto/keyslot.h"
#include "crypto/page.h"
#include "crypto/secmem.h"
#include "storage/dbfile.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int recovery_seal_header(struct header *h, const unsigned char pk[RECOVERY_KEY_BYTES],
                         const unsigned char master[KV_KEY_BYTES], struct kv_error *err)
{
    header_remove_slot(h, SLOT_RECOVERY_NAME); /* a backup of a restored backup: one slot */
    for (uint32_t i = 0; i < h->nslots; i++)
        keyslot_unseal(&h->slots[i]);
    if (h->nslots >= HDR_MAX_SLOTS)
        return kv_error_set(err, KV_ERR, "no room for the recovery slot",
                            "Geen ruimte in de kop voor de herstelsleutel.");
    if (keyslot_make_recovery(&h->slots[h->nslots], pk, master) != KEYSLOT_OK)
        return kv_error_set(err, KV_ERR, "sealing failed",
                            "Verzegelen met de herstelsleutel "
                            "is mislukt.");
    h->nslots++;
    return KV_OK;
}

void recovery_keypair(unsigned char pk[RECOVERY_KEY_BYTES], unsigned char sk[RECOVERY_KEY_BYTES])
{
    crypto_box_keypair(pk, sk);
}

/* The master key from the backup's recovery slot, and the header checked with it. */
static int open_backup(int fd, const char *path, struct header *h,
                       const unsigned char sk[RECOVERY_KEY_BYTES], unsigned char *master,
                       struct kv_error *err)
{
    struct header_status st;
    if (header_read(fd, h, &st) != 0)
        return kv_error_set(err, KV_EDAMAGED, "no valid header",
                            "%s is geen klantvolg-back-up of is beschadigd.", path);
    struct slot *s = header_find_slot(h, SLOT_RECOVERY_NAME);
    if (s == NULL)
        return kv_error_set(err, KV_EDAMAGED, "no recovery slot",
                            "%s heeft geen herstelsleutel: het is geen serverback-up (open hem "
                            "met een wachtwoord).",
                            path);
    switch (keyslot_open_recovery(s, sk, master)) {
    case KEYSLOT_OK:
        break;
    case KEYSLOT_WRONG_PASSPHRASE:
        return kv_error_set(err, KV_EAUTH, "wrong recovery key",
                            "Deze herstelsleutel hoort niet bij %s.", path);
    default:
        return kv_error_set(err, KV_EDAMAGED, "recovery slot damaged",
                            "De herstelsleutel in %s is beschadigd.", path);
    }
    struct page_key *k = page_key_new(master, h->dbid);
    if (k == NULL)
        return kv_error_nomem(err);
    int ok = header_verify(h, k->mackey) == 0;
    if (ok) {
        header_remove_slot(h, SLOT_RECOVERY_NAME);
        for (uint32_t i = 0; i < h->nslots && ok; i++)
            ok = keyslot_reseal(&h->slots[i], master) == KEYSLOT_OK;
    }
    page_key_free(k);
    return ok ? KV_OK
              : kv_error_set(err, KV_EDAMAGED, "header not authentic",
                             "De kop van %s is gewijzigd of beschadigd.", path);
}

/* The pages after the header, byte for byte. */
static int copy_pages(int in, int out)
{
    if (lseek(in, HDR_TOTAL, SEEK_SET) < 0 || lseek(out, HDR_TOTAL, SEEK_SET) < 0)
        return -1;
    return dbfile_copy_rest(in, out);
}

int recovery_restore(const char *backup, const unsigned char sk[RECOVERY_KEY_BYTES],
                     const char *dest, struct kv_error *err)
{
    int in = open(backup, O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return kv_error_io(err, "lezen", backup);
    struct header *h = calloc(1, sizeof *h);
    unsigned char *master = secmem_alloc(KV_KEY_BYTES);
    size_t n = strlen(dest) + 16;
    char *tmp = malloc(n);
    int out = -1, rc;
    if (h == NULL || master == NULL || tmp == NULL) {
        rc = kv_error_nomem(err);
        goto done;
    }
    snprintf(tmp, n, "%s.new-XXXXXX", dest);
    if ((rc = open_backup(in, backup, h, sk, master, err)) != KV_OK)
        goto done;
    if (access(dest, F_OK) == 0) {
        rc = kv_error_set(err, KV_ERR, "exists", "%s bestaat al; er is niets overschreven.", dest);
        goto done;
    }
    if ((out = mkostemp(tmp, O_CLOEXEC)) < 0) {
        rc = kv_error_io(err, "aanmaken", dest);
        goto done;
    }
    /* The pages first, the header last: a file that has its header is complete. */
    struct page_key *k = page_key_new(master, h->dbid);
    int wrc = k != NULL && copy_pages(in, out) == 0 ? header_write(out, h, k->mackey) : -1;
    page_key_free(k);
    if (wrc != 0) {
        rc = kv_error_io(err, "schrijven", dest);
        goto done;
    }
    if (link(tmp, dest) != 0) {
        rc = errno == EEXIST ? kv_error_set(err, KV_ERR, "exists",
                                            "%s bestaat al; er is niets overschreven.", dest)
                             : kv_error_io(err, "plaatsen", dest);
        goto done;
    }
    dbfile_sync_parent(dest);
    rc = KV_OK;
done:
    if (out >= 0) {
        close(out);
        unlink(tmp);
    }
    close(in);
    free(tmp);
    secmem_free(master);
    header_free(h);
    return rc;
}
