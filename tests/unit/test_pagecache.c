/* The cache of authenticated pages (crypto/pagecache.c): what it returns, what it refuses,
 * and the memory it asks of the kernel. */
#include "crypto/pagecache.h"

#include <malloc.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#define SLOTS 4096
#define RAW 4104
#define PLAIN 4096

static unsigned char raw[RAW], plain[PLAIN], out[PLAIN];

/* A cache of SLOTS slots, and a page's bytes on disk and plaintext made from seed. */
static struct pagecache *cache_and_page(unsigned char seed)
{
    for (size_t i = 0; i < RAW; i++)
        raw[i] = (unsigned char)(seed + i * 7);
    for (size_t i = 0; i < PLAIN; i++)
        plain[i] = (unsigned char)(seed + 1 + i * 5);
    memset(out, 0, sizeof out);
    return pagecache_new(SLOTS, RAW, PLAIN);
}

/* A page's plaintext comes back only for the exact bytes it was put with. */
static void returns_only_for_the_same_bytes(void **state)
{
    (void)state;
    struct pagecache *c = cache_and_page(1);
    assert_int_equal(pagecache_get(c, 17, raw, out), 0); /* nothing put yet */
    pagecache_put(c, 17, raw, plain);
    memset(out, 0, sizeof out);
    assert_int_equal(pagecache_get(c, 17, raw, out), 1);
    assert_memory_equal(out, plain, sizeof plain);
    raw[RAW - 1] ^= 1; /* one bit changed on disk */
    memset(out, 0, sizeof out);
    assert_int_equal(pagecache_get(c, 17, raw, out), 0);
    assert_int_equal(out[0], 0); /* untouched on a miss */
    raw[RAW - 1] ^= 1;
    /* Another key in the same slot pushes it out. */
    pagecache_put(c, 17 + SLOTS, raw, plain);
    assert_int_equal(pagecache_get(c, 17, raw, out), 0);
    assert_int_equal(pagecache_get(c, 17 + SLOTS, raw, out), 1);
    pagecache_free(c);
}

/* A stamp stands for bytes known unchanged: equal stamps hit, another or none misses. */
static void stamps(void **state)
{
    (void)state;
    struct pagecache *c = cache_and_page(3);
    struct pagestamp now = {{1, 2, 3, 4}, 1}, later = {{1, 2, 3, 5}, 1};
    pagecache_put(c, 5, raw, plain);
    assert_int_equal(pagecache_get_stamped(c, 5, &now, out), 0); /* a put has no stamp */
    pagecache_stamp(c, 5, &now);
    assert_int_equal(pagecache_get_stamped(c, 5, &now, out), 1);
    assert_memory_equal(out, plain, sizeof plain);
    assert_int_equal(pagecache_get_stamped(c, 5, &later, out), 0);
    pagecache_unstamp(c, 5);
    assert_int_equal(pagecache_get_stamped(c, 5, &now, out), 0);
    pagecache_free(c);
    assert_null(pagecache_new(0, RAW, PLAIN)); /* no cache: every call accepts NULL */
    pagecache_put(NULL, 5, raw, plain);
    assert_int_equal(pagecache_get(NULL, 5, raw, out), 0);
}

/* Bytes of this process's mappings advised against huge pages ("nh" in their VmFlags);
 * -1 when /proc/self/smaps does not say. */
static long advised_no_huge(void)
{
    FILE *f = fopen("/proc/self/smaps", "r");
    if (f == NULL)
        return -1;
    char line[512];
    unsigned long lo = 0, hi = 0;
    long total = 0;
    int flags_seen = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        unsigned long a, b;
        if (sscanf(line, "%lx-%lx ", &a, &b) == 2)
            lo = a, hi = b;
        else if (strncmp(line, "VmFlags:", 8) == 0) {
            flags_seen = 1;
            if (strstr(line, " nh") != NULL)
                total += (long)(hi - lo);
        }
    }
    fclose(f);
    return flags_seen ? total : -1;
}

/* The slots fill at random, a page at a time: in huge pages the first puts would zero
 * whole 2 MiB pages (thirty processes starting together zeroed gigabytes inside the
 * writers' queue). So both arrays are advised against them, also where the system hands
 * huge pages out unasked; the advice comes with the arrays, at the first put. */
static void arrays_avoid_huge_pages(void **state)
{
    (void)state;
    long before = advised_no_huge();
    if (before < 0 || access("/sys/kernel/mm/transparent_hugepage", F_OK) != 0)
        skip(); /* a kernel whose smaps has no VmFlags, or without huge pages to advise */
    struct pagecache *c = cache_and_page(5);
    assert_int_equal(advised_no_huge(), before); /* nothing allocated yet */
    pagecache_put(c, 1000, raw, plain);
    assert_int_equal(pagecache_get(c, 1000, raw, out), 1);
    /* At least most of both arrays: the advice covers whole pages only, and the kernel
     * may merge an advised mapping with one advised before (counted in before). */
    long arrays = (long)SLOTS * (RAW + PLAIN);
    assert_true(advised_no_huge() - before >= arrays * 9 / 10);
    pagecache_free(c);
}

int main(void)
{
    /* Each test's arrays in mappings of their own, as a first cache in a process gets
     * them, not in heap a test before it freed (and had advised already). */
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(returns_only_for_the_same_bytes),
        cmocka_unit_test(stamps),
        cmocka_unit_test(arrays_avoid_huge_pages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
