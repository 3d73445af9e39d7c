#include "crypto/secmem.h"

#include <sodium.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

int crypto_init(void)
{
    return sodium_init() < 0 ? -1 : 0;
}

int secmem_harden_process(void)
{
    struct rlimit rl = {0, 0};
    int rc = 0;
    if (setrlimit(RLIMIT_CORE, &rl) != 0)
        rc = -1;
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
        rc = -1;
    return rc;
}

void *secmem_alloc(size_t n)
{
    return sodium_malloc(n);
}

void secmem_free(void *p)
{
    if (p != NULL)
        sodium_free(p); /* sodium_free wipes before unmapping */
}

#if defined(MADV_HUGEPAGE) || defined(MADV_NOHUGEPAGE)
/* Advice over the whole align-sized units within [p, p + n). */
static void advise(void *p, size_t n, uintptr_t align, int advice)
{
    uintptr_t start = ((uintptr_t)p + align - 1) & ~(align - 1);
    uintptr_t end = ((uintptr_t)p + n) & ~(align - 1);
    if (p != NULL && end > start)
        (void)madvise((void *)start, end - start, advice);
}
#endif

void secmem_prefer_huge_pages(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
    advise(p, n, (uintptr_t)2 << 20, MADV_HUGEPAGE);
#else
    (void)p, (void)n;
#endif
}

void secmem_avoid_huge_pages(void *p, size_t n)
{
#ifdef MADV_NOHUGEPAGE
    long page = sysconf(_SC_PAGESIZE);
    advise(p, n, page > 0 ? (uintptr_t)page : 4096, MADV_NOHUGEPAGE);
#else
    (void)p, (void)n;
#endif
}
