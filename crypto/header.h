/* header.h: the plaintext file header that precedes SQLite's view of the file.
 * Two copies of HDR_COPY_SIZE bytes at offsets 0 and HDR_COPY_SIZE; the newer copy
 * with a valid checksum wins, and a write always rewrites the worse copy first, so a
 * crash at any moment leaves one valid copy. The checksum (BLAKE2b) catches damage; a
 * MAC keyed from the master key, over every field but itself and the checksum (the
 * sequence number included), catches tampering once a slot has been opened.
 * Layout (little endian) is documented in klantvolg(5). */
#ifndef KV_CRYPTO_HEADER_H
#define KV_CRYPTO_HEADER_H

#include "crypto/page.h"

#include <stddef.h>
#include <stdint.h>

#define HDR_MAGIC "KLANTVLG"
#define HDR_VERSION 2        /* 2: the sequence number is under the MAC */
#define HDR_VERSION_OLDEST 1 /* read (legacy MAC) and rewritten as 2 at the next write */
#define HDR_COPY_SIZE 262144
#define HDR_TOTAL (2 * HDR_COPY_SIZE)
#define HDR_FIXED 128
#define SLOT_SIZE 288
#define HDR_MAX_SLOTS ((HDR_COPY_SIZE - HDR_FIXED) / SLOT_SIZE)
#define SLOT_NAME_BYTES 64
#define SLOT_SALT_BYTES 16
#define SLOT_PK_BYTES 32
#define SLOT_SKBOX_BYTES 48  /* X25519 secret key + tag */
#define SLOT_SEALED_BYTES 80 /* master key in a crypto_box_seal */
#define HDR_MAC_BYTES 32

/* Header flags (struct header.flags), under the MAC. */
/* Set by db_create once the schema exists: a file whose header says so but whose pages
 * are gone (cut to its header, or emptied by a forged journal) is damaged, never new. */
#define HDR_F_INITIALISED 0x1u
/* A user lost access (user disable) and the master key has not been rotated since; the
 * time it became pending is in rotate_since. Cleared by the rotation (rekey). */
#define HDR_F_ROTATE 0x2u

/* Slot flags (struct slot.flags), under the MAC. Bit 0x1 is unused. */
/* A recovery slot: the master key sealed to a public key whose secret is kept offline.
 * Legitimate only under the name SLOT_RECOVERY_NAME; kept and resealed by rekey. */
#define SLOT_F_RECOVERY 0x2u
#define SLOT_RECOVERY_NAME "#herstel"

/* One user's way in: see keyslot.h. */
struct slot {
    char name[SLOT_NAME_BYTES];
    uint32_t kdf_alg;
    uint32_t flags;
    uint64_t opslimit;
    uint64_t memlimit;
    unsigned char salt[SLOT_SALT_BYTES];
    unsigned char pk[SLOT_PK_BYTES];
    unsigned char sk_nonce[KV_NONCE_BYTES];
    unsigned char sk_box[SLOT_SKBOX_BYTES];
    unsigned char sealed[SLOT_SEALED_BYTES];
};

struct header {
    uint32_t version;
    uint32_t page_size;
    uint32_t reserve;
    uint64_t seq;
    unsigned char dbid[KV_DBID_BYTES];
    uint32_t flags;        /* HDR_F_* */
    uint64_t rotate_since; /* unix time HDR_F_ROTATE was set; 0 when not */
    unsigned char mac[HDR_MAC_BYTES];
    uint32_t nslots;
    struct slot slots[HDR_MAX_SLOTS];
};

/* HDR_COPY_FORGED: checksum right, MAC wrong (only `check` tells, with the key). */
enum hdr_copy_state {
    HDR_COPY_OK,
    HDR_COPY_SHORT,
    HDR_COPY_FOREIGN,
    HDR_COPY_DAMAGED,
    HDR_COPY_FORGED
};

/* What header_read found, for open (which copy to trust) and check (what to report). */
struct header_status {
    enum hdr_copy_state copy[2];
    uint64_t seq[2];
    int used;         /* index of the copy in use, -1 when none is valid */
    int plain_sqlite; /* the file starts with SQLite's own magic: an unencrypted db */
};

/* A fresh header with a random database id and no slots; NULL when out of memory. */
struct header *header_new(void);
void header_free(struct header *h);

/* Serialise one copy (checksum included) into buf[HDR_COPY_SIZE]. */
void header_encode(const struct header *h, unsigned char *buf);

/* Parse one copy; returns its state. */
enum hdr_copy_state header_decode(const unsigned char *buf, size_t len, struct header *h);

/* MAC over everything but the MAC and checksum fields (version 1: and the sequence
 * number). */
void header_mac(const struct header *h, const unsigned char key[KV_KEY_BYTES],
                unsigned char out[HDR_MAC_BYTES]);
/* Set h->mac; check it (0 when it matches, -1 when not). */
void header_seal(struct header *h, const unsigned char key[KV_KEY_BYTES]);
int header_verify(const struct header *h, const unsigned char key[KV_KEY_BYTES]);

/* Read both copies from fd and fill h from the newest valid one. Returns 0, or -1 when
 * no copy is valid (st says why) or on an I/O error (errno set, st->used == -1 and
 * both copies HDR_COPY_SHORT only when the file is really that short). */
int header_read(int fd, struct header *h, struct header_status *st);

/* Read copy c (0 or 1) alone into h; returns its state (HDR_COPY_SHORT on I/O error). */
enum hdr_copy_state header_read_copy(int fd, int c, struct header *h);

/* Write h as the next sequence number, as the current version, sealed with key, into
 * both copies, the worse copy first, each followed by fdatasync. h->seq and h->mac are
 * set. Returns 0 or -1 (errno set). */
int header_write(int fd, struct header *h, const unsigned char key[KV_KEY_BYTES]);

/* Slot lookup by user name; NULL when absent. */
struct slot *header_find_slot(struct header *h, const char *name);
/* Remove a slot by name; returns 0, or -1 when absent. */
int header_remove_slot(struct header *h, const char *name);
/* Remove slot i (< nslots), keeping the order of the rest. */
void header_remove_slot_at(struct header *h, uint32_t i);

/* The slot's sealed field is all zeros: it holds no master key (a server backup keeps
 * users' slots this way, its key only in the recovery slot). Not damage. */
int slot_is_empty(const struct slot *s);
/* A recovery slot by flag and name (SLOT_F_RECOVERY under SLOT_RECOVERY_NAME). */
int slot_is_recovery(const struct slot *s);

#endif
