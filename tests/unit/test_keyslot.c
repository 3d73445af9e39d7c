/* Key slots: the right passphrase gives the master key, a wrong one does not, a new
 * master can be sealed without the passphrase, and an altered seal is told apart. */
#include "crypto/keyslot.h"
#include "crypto/secmem.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

static const unsigned char M1[32] = {1, 1, 1, 1};
static const unsigned char M2[32] = {2, 2, 2, 2};

static void right_passphrase_opens_wrong_one_does_not(void **state)
{
    (void)state;
    struct slot s;
    unsigned char *out = secmem_alloc(32);
    assert_int_equal(keyslot_create(&s, "anna", "Zomer2026!", 10, &KDF_TEST_MIN, M1), KEYSLOT_OK);
    assert_int_equal(keyslot_open(&s, "Zomer2026!", 10, out), KEYSLOT_OK);
    assert_memory_equal(out, M1, 32);
    assert_int_equal(keyslot_open(&s, "Zomer2026?", 10, out), KEYSLOT_WRONG_PASSPHRASE);
    assert_int_equal(keyslot_open(&s, "", 0, out), KEYSLOT_WRONG_PASSPHRASE);
    secmem_free(out);
}

static void reseal_gives_new_master_with_same_passphrase(void **state)
{
    (void)state;
    struct slot s;
    unsigned char *out = secmem_alloc(32);
    assert_int_equal(keyslot_create(&s, "bram", "Winter2026!", 11, &KDF_TEST_MIN, M1), 0);
    assert_int_equal(keyslot_reseal(&s, M2), KEYSLOT_OK);
    assert_int_equal(keyslot_open(&s, "Winter2026!", 11, out), KEYSLOT_OK);
    assert_memory_equal(out, M2, 32);
    secmem_free(out);
}

static void altered_seal_is_tampering_not_a_wrong_passphrase(void **state)
{
    (void)state;
    struct slot s;
    unsigned char *out = secmem_alloc(32);
    assert_int_equal(keyslot_create(&s, "cor", "Herfst2026!", 11, &KDF_TEST_MIN, M1), 0);
    s.sealed[40] ^= 1;
    assert_int_equal(keyslot_open(&s, "Herfst2026!", 11, out), KEYSLOT_TAMPERED);
    secmem_free(out);
}

static void slot_renamed_to_another_user_does_not_open(void **state)
{
    (void)state;
    struct slot s;
    unsigned char *out = secmem_alloc(32);
    assert_int_equal(keyslot_create(&s, "dirk", "Lente2026!!", 11, &KDF_TEST_MIN, M1), 0);
    memcpy(s.name, "erik", 5);
    assert_int_equal(keyslot_open(&s, "Lente2026!!", 11, out), KEYSLOT_WRONG_PASSPHRASE);
    secmem_free(out);
}

static void each_slot_has_its_own_salt_and_key_pair(void **state)
{
    (void)state;
    struct slot a, b;
    assert_int_equal(keyslot_create(&a, "x", "hetzelfde-ww", 12, &KDF_TEST_MIN, M1), 0);
    assert_int_equal(keyslot_create(&b, "x", "hetzelfde-ww", 12, &KDF_TEST_MIN, M1), 0);
    assert_memory_not_equal(a.salt, b.salt, sizeof a.salt);
    assert_memory_not_equal(a.pk, b.pk, sizeof a.pk);
    assert_int_equal(a.opslimit, KDF_TEST_MIN.opslimit);
}

/* Costs are read before anything is authenticated: out of bounds is damage, refused
 * before Argon2id runs (a 2^50-byte memlimit or 2^40 passes would stall or kill it). */
static void costs_out_of_bounds_are_refused_before_any_work(void **state)
{
    (void)state;
    struct slot s;
    unsigned char *out = secmem_alloc(32);
    assert_int_equal(keyslot_create(&s, "eva", "Voorjaar2026", 12, &KDF_TEST_MIN, M1), 0);
    struct slot bad[5];
    for (int i = 0; i < 5; i++)
        bad[i] = s;
    bad[0].memlimit = 1ull << 50;
    bad[1].opslimit = 1ull << 40;
    bad[2].opslimit = 0;
    bad[3].memlimit = 1024;
    bad[4].kdf_alg = 1; /* Argon2i */
    for (int i = 0; i < 5; i++) {
        assert_int_equal(keyslot_cost_ok(&bad[i]), -1);
        assert_int_equal(keyslot_open(&bad[i], "Voorjaar2026", 12, out), KEYSLOT_BAD_COST);
    }
    assert_int_equal(keyslot_open(&s, "Voorjaar2026", 12, out), KEYSLOT_OK);
    struct slot top = s;
    top.opslimit = KDF_MAX_OPSLIMIT;
    top.memlimit = KDF_MAX_MEMLIMIT;
    assert_int_equal(keyslot_cost_ok(&top), 0); /* the bounds themselves are allowed */
    assert_true(KDF_OFFLINE.opslimit <= KDF_MAX_OPSLIMIT &&
                KDF_OFFLINE.memlimit <= KDF_MAX_MEMLIMIT);
    secmem_free(out);
}

int main(void)
{
    if (crypto_init() != 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(right_passphrase_opens_wrong_one_does_not),
        cmocka_unit_test(reseal_gives_new_master_with_same_passphrase),
        cmocka_unit_test(altered_seal_is_tampering_not_a_wrong_passphrase),
        cmocka_unit_test(slot_renamed_to_another_user_does_not_open),
        cmocka_unit_test(each_slot_has_its_own_salt_and_key_pair),
        cmocka_unit_test(costs_out_of_bounds_are_refused_before_any_work),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
