/* The header: two copies, the newest valid one wins, damage in one copy is survived,
 * a write never leaves the file without a valid copy, and the MAC catches edits. */
#include "crypto/header.h"
#include "crypto/keyslot.h"
#include "crypto/secmem.h"

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

static const unsigned char MASTER[32] = {9, 8, 7, 6, 5, 4, 3, 2, 1};

struct ctx {
    char path[64];
    int fd;
    struct header *h;
    struct page_key *k;
};

static int setup(void **state)
{
    struct ctx *c = calloc(1, sizeof *c);
    snprintf(c->path, sizeof c->path, "/tmp/kvhdr-XXXXXX");
    c->fd = mkstemp(c->path);
    c->h = header_new();
    c->k = page_key_new(MASTER, c->h->dbid);
    assert_int_equal(
        keyslot_create(&c->h->slots[0], "anna", "pw-anna-123", 11, &KDF_TEST_MIN, MASTER), 0);
    assert_int_equal(
        keyslot_create(&c->h->slots[1], "bram", "pw-bram-123", 11, &KDF_TEST_MIN, MASTER), 0);
    c->h->nslots = 2;
    header_seal(c->h, c->k->mackey);
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    struct ctx *c = *state;
    close(c->fd);
    unlink(c->path);
    header_free(c->h);
    page_key_free(c->k);
    free(c);
    return 0;
}

static void encode_decode_round_trip_keeps_every_field(void **state)
{
    struct ctx *c = *state;
    unsigned char *buf = malloc(HDR_COPY_SIZE);
    struct header *d = calloc(1, sizeof *d);
    c->h->seq = 42;
    c->h->flags = HDR_F_ROTATE;
    c->h->rotate_since = 1767225600;
    header_seal(c->h, c->k->mackey);
    header_encode(c->h, buf);
    assert_int_equal(header_decode(buf, HDR_COPY_SIZE, d), HDR_COPY_OK);
    assert_int_equal(d->flags, HDR_F_ROTATE);
    assert_int_equal(d->rotate_since, 1767225600);
    assert_int_equal(d->seq, 42);
    assert_int_equal(d->nslots, 2);
    assert_memory_equal(d->dbid, c->h->dbid, KV_DBID_BYTES);
    assert_memory_equal(&d->slots[1], &c->h->slots[1], sizeof d->slots[1]);
    assert_int_equal(header_verify(d, c->k->mackey), 0);
    free(buf);
    header_free(d);
}

static void any_flipped_byte_fails_the_checksum(void **state)
{
    struct ctx *c = *state;
    unsigned char *buf = malloc(HDR_COPY_SIZE);
    struct header *d = calloc(1, sizeof *d);
    header_encode(c->h, buf);
    const size_t where[] = {
        9, 30, 40, 64, 100, HDR_FIXED + 5, HDR_FIXED + SLOT_SIZE + 200, HDR_COPY_SIZE - 1};
    for (size_t i = 0; i < sizeof where / sizeof where[0]; i++) {
        buf[where[i]] ^= 1;
        assert_int_equal(header_decode(buf, HDR_COPY_SIZE, d), HDR_COPY_DAMAGED);
        buf[where[i]] ^= 1;
    }
    buf[0] ^= 1;
    assert_int_equal(header_decode(buf, HDR_COPY_SIZE, d), HDR_COPY_FOREIGN);
    assert_int_equal(header_decode(buf, 100, d), HDR_COPY_SHORT);
    free(buf);
    header_free(d);
}

static void write_then_read_gives_both_copies_and_increasing_sequence(void **state)
{
    struct ctx *c = *state;
    struct header *r = calloc(1, sizeof *r);
    struct header_status st;
    assert_int_equal(header_write(c->fd, c->h, c->k->mackey), 0);
    assert_int_equal(header_write(c->fd, c->h, c->k->mackey), 0);
    assert_int_equal(header_read(c->fd, r, &st), 0);
    assert_int_equal(st.copy[0], HDR_COPY_OK);
    assert_int_equal(st.copy[1], HDR_COPY_OK);
    assert_int_equal(st.seq[0], 2);
    assert_int_equal(st.seq[1], 2);
    assert_int_equal(r->nslots, 2);
    header_free(r);
}

static void damaged_copy_is_survived_and_rewritten_first(void **state)
{
    struct ctx *c = *state;
    struct header *r = calloc(1, sizeof *r);
    struct header_status st;
    assert_int_equal(header_write(c->fd, c->h, c->k->mackey), 0);
    for (int copy = 0; copy < 2; copy++) {
        long off = (long)copy * HDR_COPY_SIZE + 2000;
        unsigned char b;
        assert_int_equal(pread(c->fd, &b, 1, off), 1);
        b ^= 0xFF;
        assert_int_equal(pwrite(c->fd, &b, 1, off), 1);
        assert_int_equal(header_read(c->fd, r, &st), 0);
        assert_int_equal(st.copy[copy], HDR_COPY_DAMAGED);
        assert_int_equal(st.used, 1 - copy);
        assert_int_equal(header_verify(r, c->k->mackey), 0);
        /* The next write repairs it. */
        assert_int_equal(header_write(c->fd, r, c->k->mackey), 0);
        assert_int_equal(header_read(c->fd, r, &st), 0);
        assert_int_equal(st.copy[0], HDR_COPY_OK);
        assert_int_equal(st.copy[1], HDR_COPY_OK);
    }
    header_free(r);
}

static void newer_copy_wins_when_a_write_was_interrupted(void **state)
{
    struct ctx *c = *state;
    struct header *r = calloc(1, sizeof *r);
    struct header_status st;
    unsigned char *buf = malloc(HDR_COPY_SIZE);
    assert_int_equal(header_write(c->fd, c->h, c->k->mackey), 0); /* both copies seq 1 */
    /* An interrupted write: only copy B got the new state (one slot removed). */
    header_remove_slot(c->h, "bram");
    c->h->seq = 2;
    header_seal(c->h, c->k->mackey);
    header_encode(c->h, buf);
    assert_int_equal(pwrite(c->fd, buf, HDR_COPY_SIZE, HDR_COPY_SIZE), HDR_COPY_SIZE);
    assert_int_equal(header_read(c->fd, r, &st), 0);
    assert_int_equal(st.used, 1);
    assert_int_equal(r->nslots, 1);
    assert_null(header_find_slot(r, "bram"));
    free(buf);
    header_free(r);
}

/* An old header put back with a new sequence number (so it would win over the current
 * copies) must not verify: the sequence number is under the MAC. So is the pending
 * rotation and its date. */
static void mac_covers_sequence_number_and_rotation_mark(void **state)
{
    struct ctx *c = *state;
    c->h->seq = 7;
    header_seal(c->h, c->k->mackey);
    assert_int_equal(header_verify(c->h, c->k->mackey), 0);
    c->h->seq = 8;
    assert_int_equal(header_verify(c->h, c->k->mackey), -1);
    c->h->seq = 7;
    c->h->flags |= HDR_F_ROTATE;
    assert_int_equal(header_verify(c->h, c->k->mackey), -1);
    c->h->flags &= ~HDR_F_ROTATE;
    c->h->rotate_since = 1;
    assert_int_equal(header_verify(c->h, c->k->mackey), -1);
}

/* The slot kinds a recovery design and server backups rely on. */
static void recovery_and_empty_slots_are_told_apart(void **state)
{
    struct ctx *c = *state;
    struct slot *s = &c->h->slots[0];
    assert_false(slot_is_empty(s));
    assert_false(slot_is_recovery(s));
    s->flags |= SLOT_F_RECOVERY;
    assert_false(slot_is_recovery(s)); /* the flag under a user's name is no recovery slot */
    snprintf(s->name, SLOT_NAME_BYTES, "%s", SLOT_RECOVERY_NAME);
    assert_true(slot_is_recovery(s));
    memset(s->sealed, 0, SLOT_SEALED_BYTES);
    assert_true(slot_is_empty(s));
}

static void mac_detects_an_edited_slot(void **state)
{
    struct ctx *c = *state;
    assert_int_equal(header_verify(c->h, c->k->mackey), 0);
    c->h->slots[1].opslimit++;
    assert_int_equal(header_verify(c->h, c->k->mackey), -1);
    c->h->slots[1].opslimit--;
    header_remove_slot(c->h, "anna");
    assert_int_equal(header_verify(c->h, c->k->mackey), -1);
}

int main(void)
{
    if (crypto_init() != 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(encode_decode_round_trip_keeps_every_field, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(any_flipped_byte_fails_the_checksum, setup, teardown),
        cmocka_unit_test_setup_teardown(write_then_read_gives_both_copies_and_increasing_sequence,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(damaged_copy_is_survived_and_rewritten_first, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(newer_copy_wins_when_a_write_was_interrupted, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(mac_detects_an_edited_slot, setup, teardown),
        cmocka_unit_test_setup_teardown(mac_covers_sequence_number_and_rotation_mark, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(recovery_and_empty_slots_are_told_apart, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
