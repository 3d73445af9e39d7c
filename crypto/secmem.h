/* secmem.h: memory for secrets and the process hardening around it.
 * Secrets (master key, derived keys, passphrases) live in sodium_malloc memory: locked
 * against swapping, guarded by no-access pages, wiped when freed. */
#ifndef KV_CRYPTO_SECMEM_H
#define KV_CRYPTO_SECMEM_H

#include <stddef.h>

/* sodium_init and nothing else; safe to call more than once. Returns 0 or -1. */
int crypto_init(void);

/* Core dumps off (RLIMIT_CORE 0, PR_SET_DUMPABLE 0), so a crash cannot write the
 * page cache or keys to disk. Returns 0 or -1. */
int secmem_harden_process(void);

/* Guarded allocation; NULL when out of locked memory. Free with secmem_free. */
void *secmem_alloc(size_t n);

/* Wipe and free; accepts NULL. */
void secmem_free(void *p);

/* Advise transparent huge pages over the whole pages within [p, p + n): a cache of many
 * megabytes is then touched in with one fault per 2 MiB instead of one per 4 KiB (first
 * touches are costly on virtual machines). Advice only: ignored where not supported. */
void secmem_prefer_huge_pages(void *p, size_t n);

/* Advise 4 KiB pages over the whole pages within [p, p + n), even where the system gives
 * huge pages unasked (transparent_hugepage=always): for an array whose slots are filled
 * at random, one at a time, where a huge page would zero 2 MiB to hold 4 KiB. */
void secmem_avoid_huge_pages(void *p, size_t n);

#endif
