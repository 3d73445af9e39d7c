/* The VFS's cache of authenticated pages (crypto/pagecache.h): a key's entry is served
 * only for its exact bytes or its stamp; eight keys that share a set all stay, and a ninth
 * replaces the one used longest ago, not the one just read. The cache is built with 64
 * slots, so keys k, k + 64, k + 128, ... share a set (and would share the one slot of a
 * direct-mapped cache). */
#include "crypto/pagecache.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#define RAW 32
#define PLAIN 16
#define SAME 64 /* key + SAME: the same set (64 slots of 8 ways: 8 sets) */

static void raw_of(uint32_t key, unsigned char *raw)
{
    memset(raw, (int)(key * 7 + 1), RAW);
}
static void plain_of(uint32_t key, unsigned char *plain)
{
    memset(plain, (int)(key * 3 + 2), PLAIN);
}

static void put(struct pagecache *c, uint32_t key)
{
    unsigned char raw[RAW], plain[PLAIN];
    raw_of(key, raw);
    plain_of(key, plain);
    pagecache_put(c, key, raw, plain);
}

/* 1 when key's entry is there and gives key's plaintext for key's bytes. */
static int holds(struct pagecache *c, uint32_t key)
{
    unsigned char raw[RAW], plain[PLAIN], want[PLAIN];
    raw_of(key, raw);
    plain_of(key, want);
    memset(plain, 0, sizeof plain);
    if (!pagecache_get(c, key, raw, plain))
        return 0;
    assert_memory_equal(plain, want, PLAIN);
    return 1;
}

static void test_served_only_for_the_same_bytes(void **state)
{
    (void)state;
    struct pagecache *c = pagecache_new(64, RAW, PLAIN);
    unsigned char raw[RAW], plain[PLAIN];
    raw_of(5, raw);
    assert_int_equal(pagecache_get(c, 5, raw, plain), 0); /* empty */
    put(c, 5);
    assert_int_equal(holds(c, 5), 1);
    raw[RAW - 1] ^= 1; /* the page on disk changed by one bit */
    memset(plain, 0xEE, sizeof plain);
    assert_int_equal(pagecache_get(c, 5, raw, plain), 0);
    assert_int_equal(plain[0], 0xEE); /* untouched */
    raw_of(13, raw); /* another key of the same set, whose bytes the cache does not hold */
    assert_int_equal(pagecache_get(c, 13, raw, plain), 0);
    pagecache_free(c);
}

static void test_a_set_keeps_eight_keys(void **state)
{
    (void)state;
    struct pagecache *c = pagecache_new(64, RAW, PLAIN);
    /* Direct-mapped, each of these would have pushed out the one before. */
    for (uint32_t i = 0; i < 8; i++)
        put(c, 3 + i * SAME);
    for (uint32_t i = 0; i < 8; i++)
        assert_int_equal(holds(c, 3 + i * SAME), 1);
    /* The other sets are untouched by a full one. */
    put(c, 4);
    assert_int_equal(holds(c, 4), 1);
    assert_int_equal(holds(c, 3), 1);
    pagecache_free(c);
}

static void test_the_longest_unused_goes(void **state)
{
    (void)state;
    struct pagecache *c = pagecache_new(64, RAW, PLAIN);
    for (uint32_t i = 0; i < 8; i++)
        put(c, 1 + i * SAME);         /* 1 is the oldest put ... */
    assert_int_equal(holds(c, 1), 1); /* ... but was just read: 1 + SAME is now the oldest */
    put(c, 1 + 8 * SAME);
    assert_int_equal(holds(c, 1 + 8 * SAME), 1);
    assert_int_equal(holds(c, 1), 1);
    assert_int_equal(holds(c, 1 + SAME), 0);
    for (uint32_t i = 2; i < 8; i++)
        assert_int_equal(holds(c, 1 + i * SAME), 1);
    pagecache_free(c);
}

static void test_a_put_again_replaces_its_own_entry(void **state)
{
    (void)state;
    struct pagecache *c = pagecache_new(64, RAW, PLAIN);
    for (uint32_t i = 0; i < 8; i++)
        put(c, 2 + i * SAME);
    /* Key 2's page changed: its new bytes go into its own slot, evicting nobody. */
    unsigned char raw[RAW], plain[PLAIN], got[PLAIN];
    memset(raw, 0x55, sizeof raw);
    memset(plain, 0x66, sizeof plain);
    pagecache_put(c, 2, raw, plain);
    assert_int_equal(pagecache_get(c, 2, raw, got), 1);
    assert_memory_equal(got, plain, PLAIN);
    for (uint32_t i = 1; i < 8; i++)
        assert_int_equal(holds(c, 2 + i * SAME), 1);
    /* and the old bytes no longer open */
    raw_of(2, raw);
    assert_int_equal(pagecache_get(c, 2, raw, got), 0);
    pagecache_free(c);
}

static void test_stamps_and_drops(void **state)
{
    (void)state;
    struct pagecache *c = pagecache_new(64, RAW, PLAIN);
    struct pagestamp s1 = {{1, 2, 3, 4}, 1}, s2 = {{1, 2, 3, 5}, 1}, none = {{0}, 0};
    unsigned char plain[PLAIN], want[PLAIN];
    put(c, 7);
    put(c, 7 + SAME); /* same set */
    plain_of(7, want);
    assert_int_equal(pagecache_get_stamped(c, 7, &s1, plain), 0); /* a put is unstamped */
    pagecache_stamp(c, 7, &s1);
    assert_int_equal(pagecache_get_stamped(c, 7, &s1, plain), 1);
    assert_memory_equal(plain, want, PLAIN);
    assert_int_equal(pagecache_get_stamped(c, 7, &s2, plain), 0);
    assert_int_equal(pagecache_get_stamped(c, 7, &none, plain), 0);
    assert_int_equal(pagecache_get_stamped(c, 7 + SAME, &s1, plain), 0); /* its own stamp only */
    pagecache_stamp(c, 7 + 2 * SAME, &s1); /* no entry: nothing stamped, nothing made */
    assert_int_equal(pagecache_get_stamped(c, 7 + 2 * SAME, &s1, plain), 0);
    pagecache_unstamp(c, 7);
    assert_int_equal(pagecache_get_stamped(c, 7, &s1, plain), 0);
    assert_int_equal(holds(c, 7), 1); /* unstamped, still there by its bytes */
    pagecache_drop(c, 7);
    assert_int_equal(holds(c, 7), 0);
    assert_int_equal(holds(c, 7 + SAME), 1);
    /* a dropped key's slot is free again: seven more keys of the set fit beside 7 + SAME */
    for (uint32_t i = 2; i < 9; i++)
        put(c, 7 + i * SAME);
    assert_int_equal(holds(c, 7 + SAME), 1);
    pagecache_clear(c);
    assert_int_equal(holds(c, 7 + SAME), 0);
    assert_int_equal(holds(c, 7 + 2 * SAME), 0);
    pagecache_free(c);
}

static void test_no_slots_no_cache(void **state)
{
    (void)state;
    struct pagecache *c = pagecache_new(0, RAW, PLAIN);
    assert_null(c);
    put(c, 1); /* every call takes NULL */
    assert_int_equal(holds(c, 1), 0);
    pagecache_free(c);
    /* Fewer slots than a set: one set, rounded up. */
    c = pagecache_new(3, RAW, PLAIN);
    for (uint32_t k = 0; k < 8; k++)
        put(c, k * 1000);
    for (uint32_t k = 0; k < 8; k++)
        assert_int_equal(holds(c, k * 1000), 1);
    pagecache_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_served_only_for_the_same_bytes),
        cmocka_unit_test(test_a_set_keeps_eight_keys),
        cmocka_unit_test(test_the_longest_unused_goes),
        cmocka_unit_test(test_a_put_again_replaces_its_own_entry),
        cmocka_unit_test(test_stamps_and_drops),
        cmocka_unit_test(test_no_slots_no_cache),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
