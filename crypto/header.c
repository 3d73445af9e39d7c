#include "crypto/header.h"

#include <errno.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Offsets within a copy. */
enum {
    OFF_MAGIC = 0,
    OFF_VERSION = 8,
    OFF_COPYSIZE = 12,
    OFF_PAGESIZE = 16,
    OFF_RESERVE = 20,
    OFF_SEQ = 24,
    OFF_DBID = 32,
    OFF_NSLOTS = 48,
    OFF_FLAGS = 52,
    OFF_ROTATE = 56,
    OFF_MAC = 64,
    OFF_CKSUM = 96,
    OFF_SLOTS = HDR_FIXED,
};
enum {
    S_NAME = 0,
    S_ALG = 64,
    S_FLAGS = 68,
    S_OPS = 72,
    S_MEM = 80,
    S_SALT = 88,
    S_PK = 104,
    S_NONCE = 136,
    S_SKBOX = 160,
    S_SEALED = 208,
};

static void put32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}
static void put64(unsigned char *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}
static uint32_t get32(const unsigned char *p)
{
    uint32_t v = 0;
    for (int i = 3; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}
static uint64_t get64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

struct header *header_new(void)
{
    struct header *h = calloc(1, sizeof *h);
    if (h == NULL)
        return NULL;
    h->version = HDR_VERSION;
    h->page_size = KV_PAGE_SIZE;
    h->reserve = KV_PAGE_RESERVE;
    randombytes_buf(h->dbid, sizeof h->dbid);
    return h;
}

void header_free(struct header *h)
{
    if (h != NULL) {
        sodium_memzero(h, sizeof *h);
        free(h);
    }
}

static void encode_slot(const struct slot *s, unsigned char *p)
{
    memcpy(p + S_NAME, s->name, SLOT_NAME_BYTES);
    put32(p + S_ALG, s->kdf_alg);
    put32(p + S_FLAGS, s->flags);
    put64(p + S_OPS, s->opslimit);
    put64(p + S_MEM, s->memlimit);
    memcpy(p + S_SALT, s->salt, SLOT_SALT_BYTES);
    memcpy(p + S_PK, s->pk, SLOT_PK_BYTES);
    memcpy(p + S_NONCE, s->sk_nonce, KV_NONCE_BYTES);
    memcpy(p + S_SKBOX, s->sk_box, SLOT_SKBOX_BYTES);
    memcpy(p + S_SEALED, s->sealed, SLOT_SEALED_BYTES);
}

static void decode_slot(const unsigned char *p, struct slot *s)
{
    memcpy(s->name, p + S_NAME, SLOT_NAME_BYTES);
    s->name[SLOT_NAME_BYTES - 1] = '\0';
    s->kdf_alg = get32(p + S_ALG);
    s->flags = get32(p + S_FLAGS);
    s->opslimit = get64(p + S_OPS);
    s->memlimit = get64(p + S_MEM);
    memcpy(s->salt, p + S_SALT, SLOT_SALT_BYTES);
    memcpy(s->pk, p + S_PK, SLOT_PK_BYTES);
    memcpy(s->sk_nonce, p + S_NONCE, KV_NONCE_BYTES);
    memcpy(s->sk_box, p + S_SKBOX, SLOT_SKBOX_BYTES);
    memcpy(s->sealed, p + S_SEALED, SLOT_SEALED_BYTES);
}

/* The fixed fields, without sequence number, MAC and checksum; header_mac adds the
 * sequence number (version 2). */
static void encode_fixed(const struct header *h, unsigned char *p)
{
    memset(p, 0, HDR_FIXED);
    memcpy(p + OFF_MAGIC, HDR_MAGIC, 8);
    put32(p + OFF_VERSION, h->version);
    put64(p + OFF_ROTATE, h->rotate_since);
    put32(p + OFF_COPYSIZE, HDR_COPY_SIZE);
    put32(p + OFF_PAGESIZE, h->page_size);
    put32(p + OFF_RESERVE, h->reserve);
    memcpy(p + OFF_DBID, h->dbid, KV_DBID_BYTES);
    put32(p + OFF_NSLOTS, h->nslots);
    put32(p + OFF_FLAGS, h->flags);
}

void header_encode(const struct header *h, unsigned char *buf)
{
    memset(buf, 0, HDR_COPY_SIZE);
    encode_fixed(h, buf);
    put64(buf + OFF_SEQ, h->seq);
    memcpy(buf + OFF_MAC, h->mac, HDR_MAC_BYTES);
    for (uint32_t i = 0; i < h->nslots; i++)
        encode_slot(&h->slots[i], buf + OFF_SLOTS + (size_t)i * SLOT_SIZE);
    crypto_generichash(buf + OFF_CKSUM, 32, buf, HDR_COPY_SIZE, NULL, 0);
}

static int checksum_ok(const unsigned char *buf)
{
    static unsigned char zero[32];
    unsigned char want[32];
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, 32);
    crypto_generichash_update(&st, buf, OFF_CKSUM);
    crypto_generichash_update(&st, zero, 32);
    crypto_generichash_update(&st, buf + OFF_CKSUM + 32, HDR_COPY_SIZE - OFF_CKSUM - 32);
    crypto_generichash_final(&st, want, 32);
    return sodium_memcmp(want, buf + OFF_CKSUM, 32) == 0;
}

enum hdr_copy_state header_decode(const unsigned char *buf, size_t len, struct header *h)
{
    if (len < HDR_COPY_SIZE)
        return HDR_COPY_SHORT;
    if (memcmp(buf + OFF_MAGIC, HDR_MAGIC, 8) != 0)
        return HDR_COPY_FOREIGN;
    if (!checksum_ok(buf))
        return HDR_COPY_DAMAGED;
    uint32_t nslots = get32(buf + OFF_NSLOTS);
    uint32_t version = get32(buf + OFF_VERSION);
    if (version < HDR_VERSION_OLDEST || version > HDR_VERSION ||
        get32(buf + OFF_COPYSIZE) != HDR_COPY_SIZE || get32(buf + OFF_PAGESIZE) != KV_PAGE_SIZE ||
        get32(buf + OFF_RESERVE) != KV_PAGE_RESERVE || nslots > HDR_MAX_SLOTS)
        return HDR_COPY_DAMAGED;
    h->version = version;
    h->page_size = KV_PAGE_SIZE;
    h->reserve = KV_PAGE_RESERVE;
    h->seq = get64(buf + OFF_SEQ);
    h->rotate_since = get64(buf + OFF_ROTATE);
    memcpy(h->dbid, buf + OFF_DBID, KV_DBID_BYTES);
    h->nslots = nslots;
    h->flags = get32(buf + OFF_FLAGS);
    memcpy(h->mac, buf + OFF_MAC, HDR_MAC_BYTES);
    for (uint32_t i = 0; i < nslots; i++)
        decode_slot(buf + OFF_SLOTS + (size_t)i * SLOT_SIZE, &h->slots[i]);
    return HDR_COPY_OK;
}

void header_mac(const struct header *h, const unsigned char key[KV_KEY_BYTES],
                unsigned char out[HDR_MAC_BYTES])
{
    unsigned char fixed[HDR_FIXED], sbuf[SLOT_SIZE];
    crypto_generichash_state st;
    encode_fixed(h, fixed);
    if (h->version >= 2) /* an old header restored over a newer one must not verify */
        put64(fixed + OFF_SEQ, h->seq);
    crypto_generichash_init(&st, key, KV_KEY_BYTES, HDR_MAC_BYTES);
    crypto_generichash_update(&st, fixed, sizeof fixed);
    for (uint32_t i = 0; i < h->nslots; i++) {
        memset(sbuf, 0, sizeof sbuf);
        encode_slot(&h->slots[i], sbuf);
        crypto_generichash_update(&st, sbuf, sizeof sbuf);
    }
    crypto_generichash_final(&st, out, HDR_MAC_BYTES);
}

void header_seal(struct header *h, const unsigned char key[KV_KEY_BYTES])
{
    header_mac(h, key, h->mac);
}

int header_verify(const struct header *h, const unsigned char key[KV_KEY_BYTES])
{
    unsigned char want[HDR_MAC_BYTES];
    header_mac(h, key, want);
    return sodium_memcmp(want, h->mac, HDR_MAC_BYTES) == 0 ? 0 : -1;
}

static ssize_t pread_full(int fd, unsigned char *buf, size_t len, off_t off)
{
    size_t got = 0;
    while (got < len) {
        ssize_t n = pread(fd, buf + got, len - got, off + (off_t)got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        got += (size_t)n;
    }
    return (ssize_t)got;
}

static int pwrite_full(int fd, const unsigned char *buf, size_t len, off_t off)
{
    size_t done = 0;
    while (done < len) {
        ssize_t n = pwrite(fd, buf + done, len - done, off + (off_t)done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        done += (size_t)n;
    }
    return 0;
}

/* Reads and classifies both copies; fills h from the best. */
static int read_copies(int fd, struct header *h, struct header_status *st)
{
    unsigned char *buf = malloc(HDR_COPY_SIZE);
    struct header *tmp = calloc(1, sizeof *tmp);
    int rc = -1;
    memset(st, 0, sizeof *st);
    st->used = -1;
    if (buf == NULL || tmp == NULL)
        goto out;
    for (int c = 0; c < 2; c++) {
        ssize_t n = pread_full(fd, buf, HDR_COPY_SIZE, (off_t)c * HDR_COPY_SIZE);
        if (n < 0)
            goto out;
        if (c == 0 && n >= 16 && memcmp(buf, "SQLite format 3", 16) == 0)
            st->plain_sqlite = 1;
        st->copy[c] = header_decode(buf, (size_t)n, tmp);
        if (st->copy[c] != HDR_COPY_OK)
            continue;
        st->seq[c] = tmp->seq;
        if (st->used < 0 || tmp->seq > st->seq[st->used]) {
            st->used = c;
            memcpy(h, tmp, sizeof *h);
        }
    }
    rc = st->used >= 0 ? 0 : -1;
out:
    if (tmp != NULL)
        header_free(tmp);
    free(buf);
    return rc;
}

int header_read(int fd, struct header *h, struct header_status *st)
{
    return read_copies(fd, h, st);
}

enum hdr_copy_state header_read_copy(int fd, int c, struct header *h)
{
    unsigned char *buf = malloc(HDR_COPY_SIZE);
    if (buf == NULL)
        return HDR_COPY_SHORT;
    ssize_t n = pread_full(fd, buf, HDR_COPY_SIZE, (off_t)c * HDR_COPY_SIZE);
    enum hdr_copy_state s = n < 0 ? HDR_COPY_SHORT : header_decode(buf, (size_t)n, h);
    free(buf);
    return s;
}

int header_write(int fd, struct header *h, const unsigned char key[KV_KEY_BYTES])
{
    struct header_status st;
    struct header *cur = calloc(1, sizeof *cur);
    unsigned char *buf = malloc(HDR_COPY_SIZE);
    int rc = -1;
    if (cur == NULL || buf == NULL)
        goto out;
    read_copies(fd, cur, &st);
    uint64_t top = h->seq;
    for (int c = 0; c < 2; c++)
        if (st.copy[c] == HDR_COPY_OK && st.seq[c] > top)
            top = st.seq[c];
    h->seq = top + 1;
    h->version = HDR_VERSION;
    header_seal(h, key);
    header_encode(h, buf);
    /* The worse copy first: invalid before valid, older before newer. */
    int first = 0;
    if (st.copy[0] == HDR_COPY_OK && (st.copy[1] != HDR_COPY_OK || st.seq[1] < st.seq[0]))
        first = 1;
    for (int i = 0; i < 2; i++) {
        int c = i == 0 ? first : 1 - first;
        if (pwrite_full(fd, buf, HDR_COPY_SIZE, (off_t)c * HDR_COPY_SIZE) != 0 ||
            fdatasync(fd) != 0)
            goto out;
    }
    rc = 0;
out:
    if (cur != NULL)
        header_free(cur);
    free(buf);
    return rc;
}

struct slot *header_find_slot(struct header *h, const char *name)
{
    for (uint32_t i = 0; i < h->nslots; i++)
        if (strncmp(h->slots[i].name, name, SLOT_NAME_BYTES) == 0)
            return &h->slots[i];
    return NULL;
}

void header_remove_slot_at(struct header *h, uint32_t i)
{
    memmove(&h->slots[i], &h->slots[i + 1], (h->nslots - i - 1) * sizeof h->slots[0]);
    h->nslots--;
    sodium_memzero(&h->slots[h->nslots], sizeof h->slots[0]);
}

int header_remove_slot(struct header *h, const char *name)
{
    struct slot *s = header_find_slot(h, name);
    if (s == NULL)
        return -1;
    header_remove_slot_at(h, (uint32_t)(s - h->slots));
    return 0;
}

int slot_is_empty(const struct slot *s)
{
    static const unsigned char zero[SLOT_SEALED_BYTES];
    return sodium_memcmp(s->sealed, zero, SLOT_SEALED_BYTES) == 0;
}

int slot_is_recovery(const struct slot *s)
{
    return (s->flags & SLOT_F_RECOVERY) != 0 &&
           strncmp(s->name, SLOT_RECOVERY_NAME, SLOT_NAME_BYTES) == 0;
}
