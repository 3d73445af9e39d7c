/* Page sealing: the golden vector fixes the format; every single-byte change, and any
 * change of page number, file kind or database id, is detected. */
#include "crypto/page.h"
#include "crypto/secmem.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

static void fixed_inputs(unsigned char master[32], unsigned char dbid[16], unsigned char nonce[24],
                         unsigned char page[KV_PAGE_SIZE])
{
    for (int i = 0; i < 32; i++)
        master[i] = (unsigned char)i;
    for (int i = 0; i < 16; i++)
        dbid[i] = (unsigned char)(0xA0 + i);
    for (int i = 0; i < 24; i++)
        nonce[i] = (unsigned char)(0x40 + i);
    for (int i = 0; i < KV_PAGE_SIZE; i++)
        page[i] = (unsigned char)((i * 7 + 3) % 251);
    memset(page + KV_PAGE_DATA, 0, KV_PAGE_RESERVE);
}

static unsigned char *load_golden_file(const char *path)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    unsigned char *out = malloc(KV_PAGE_SIZE);
    for (int i = 0; i < KV_PAGE_SIZE; i++) {
        unsigned v;
        assert_int_equal(fscanf(f, "%2x", &v), 1);
        out[i] = (unsigned char)v;
    }
    fclose(f);
    return out;
}

static unsigned char *load_golden(void)
{
    return load_golden_file(GOLDEN_PAGE);
}

static void golden_vector_matches_checked_in_ciphertext(void **state)
{
    (void)state;
    unsigned char master[32], dbid[16], nonce[24], page[KV_PAGE_SIZE], out[KV_PAGE_SIZE];
    fixed_inputs(master, dbid, nonce, page);
    struct page_key *k = page_key_new(master, dbid);
    assert_non_null(k);
    page_seal(k, PAGE_FILE_DB, 7, page, out, nonce);
    if (getenv("KV_WRITE_GOLDEN")) { /* used once, to create the file */
        for (int i = 0; i < KV_PAGE_SIZE; i++)
            printf("%02x%s", out[i], i % 32 == 31 ? "\n" : "");
    }
    unsigned char *golden = load_golden();
    assert_memory_equal(out, golden, KV_PAGE_SIZE);
    unsigned char back[KV_PAGE_SIZE];
    assert_int_equal(page_open(k, PAGE_FILE_DB, 7, golden, back), 0);
    assert_memory_equal(back, page, KV_PAGE_SIZE);
    free(golden);
    page_key_free(k);
}

/* A WAL frame's page: the format binds salt, commit size and frame number too. */
static void golden_frame_matches_checked_in_ciphertext(void **state)
{
    (void)state;
    unsigned char master[32], dbid[16], nonce[24], page[KV_PAGE_SIZE], out[KV_PAGE_SIZE];
    fixed_inputs(master, dbid, nonce, page);
    struct page_key *k = page_key_new(master, dbid);
    assert_non_null(k);
    struct wal_frame w = {{0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88}, 7, 42, 3};
    page_seal_frame(k, &w, page, out, nonce);
    if (getenv("KV_WRITE_GOLDEN")) {
        for (int i = 0; i < KV_PAGE_SIZE; i++)
            printf("%02x%s", out[i], i % 32 == 31 ? "\n" : "");
    }
    unsigned char *golden = load_golden_file(GOLDEN_FRAME);
    assert_memory_equal(out, golden, KV_PAGE_SIZE);
    unsigned char back[KV_PAGE_SIZE];
    assert_int_equal(page_open_frame(k, &w, golden, back), 0);
    assert_memory_equal(back, page, KV_PAGE_SIZE);
    /* Each bound field, changed alone, and the database page of the same number. */
    struct wal_frame o = w;
    o.salt[7] ^= 1;
    assert_int_equal(page_open_frame(k, &o, golden, back), -1);
    o = w;
    o.commit = 0;
    assert_int_equal(page_open_frame(k, &o, golden, back), -1);
    o = w;
    o.index = 4;
    assert_int_equal(page_open_frame(k, &o, golden, back), -1);
    o = w;
    o.pgno = 8;
    assert_int_equal(page_open_frame(k, &o, golden, back), -1);
    assert_int_equal(page_open(k, PAGE_FILE_DB, 7, golden, back), -1);
    free(golden);
    page_key_free(k);
}

struct ctx {
    struct page_key *k;
    unsigned char plain[KV_PAGE_SIZE];
    unsigned char sealed[KV_PAGE_SIZE];
};

static int setup(void **state)
{
    struct ctx *c = calloc(1, sizeof *c);
    unsigned char master[32], dbid[16], nonce[24];
    fixed_inputs(master, dbid, nonce, c->plain);
    c->k = page_key_new(master, dbid);
    page_seal(c->k, PAGE_FILE_DB, 3, c->plain, c->sealed, NULL);
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    struct ctx *c = *state;
    page_key_free(c->k);
    free(c);
    return 0;
}

static void round_trip_returns_plaintext_with_zeroed_reserve(void **state)
{
    struct ctx *c = *state;
    unsigned char in[KV_PAGE_SIZE], sealed[KV_PAGE_SIZE], out[KV_PAGE_SIZE];
    memcpy(in, c->plain, sizeof in);
    memset(in + KV_PAGE_DATA, 0x5A, KV_PAGE_RESERVE); /* junk in the reserve is ignored */
    page_seal(c->k, PAGE_FILE_JOURNAL, 9, in, sealed, NULL);
    assert_int_equal(page_open(c->k, PAGE_FILE_JOURNAL, 9, sealed, out), 0);
    assert_memory_equal(out, c->plain, KV_PAGE_SIZE);
    for (int i = KV_PAGE_DATA; i < KV_PAGE_SIZE; i++)
        assert_int_equal(out[i], 0);
}

static void every_single_byte_flip_is_detected(void **state)
{
    struct ctx *c = *state;
    unsigned char t[KV_PAGE_SIZE], out[KV_PAGE_SIZE];
    for (int i = 0; i < KV_PAGE_SIZE; i++) {
        memcpy(t, c->sealed, sizeof t);
        t[i] ^= 0x80;
        assert_int_equal(page_open(c->k, PAGE_FILE_DB, 3, t, out), -1);
        for (int j = 0; j < KV_PAGE_SIZE; j += 512)
            assert_int_equal(out[j], 0); /* nothing unauthenticated comes out */
    }
}

static void wrong_page_number_kind_or_database_is_detected(void **state)
{
    struct ctx *c = *state;
    unsigned char out[KV_PAGE_SIZE];
    assert_int_equal(page_open(c->k, PAGE_FILE_DB, 3, c->sealed, out), 0);
    assert_int_equal(page_open(c->k, PAGE_FILE_DB, 4, c->sealed, out), -1);
    assert_int_equal(page_open(c->k, PAGE_FILE_JOURNAL, 3, c->sealed, out), -1);
    unsigned char zero_master[32] = {0}, dbid[16] = {1};
    /* Another master key, same database id. */
    struct page_key *other = page_key_new(zero_master, c->k->dbid);
    assert_int_equal(page_open(other, PAGE_FILE_DB, 3, c->sealed, out), -1);
    page_key_free(other);
    /* Same key material, other database id. */
    struct page_key *same = page_key_new(zero_master, dbid);
    memcpy(same->key, c->k->key, KV_KEY_BYTES);
    assert_int_equal(page_open(same, PAGE_FILE_DB, 3, c->sealed, out), -1);
    page_key_free(same);
}

static void each_seal_uses_a_fresh_nonce(void **state)
{
    struct ctx *c = *state;
    unsigned char a[KV_PAGE_SIZE], b[KV_PAGE_SIZE];
    page_seal(c->k, PAGE_FILE_DB, 3, c->plain, a, NULL);
    page_seal(c->k, PAGE_FILE_DB, 3, c->plain, b, NULL);
    assert_memory_not_equal(a + KV_PAGE_DATA, b + KV_PAGE_DATA, KV_NONCE_BYTES);
    assert_memory_not_equal(a, b, KV_PAGE_DATA);
}

static int cmp_nonce(const void *a, const void *b)
{
    return memcmp(a, b, KV_NONCE_BYTES);
}

/* Nonces come in batches (page.c): many more seals than one batch holds, none repeats,
 * and none is all zeros (a batch slot handed out twice would be, as taken slots are
 * wiped). */
static void nonces_never_repeat_across_batches(void **state)
{
    struct ctx *c = *state;
    enum { N = 1000 };
    unsigned char(*seen)[KV_NONCE_BYTES] = malloc(N * KV_NONCE_BYTES);
    unsigned char out[KV_PAGE_SIZE], zero[KV_NONCE_BYTES] = {0};
    for (int i = 0; i < N; i++) {
        page_seal(c->k, PAGE_FILE_DB, 3, c->plain, out, NULL);
        memcpy(seen[i], out + KV_PAGE_DATA, KV_NONCE_BYTES);
        assert_memory_not_equal(seen[i], zero, KV_NONCE_BYTES);
    }
    qsort(seen, N, KV_NONCE_BYTES, cmp_nonce);
    for (int i = 1; i < N; i++)
        assert_memory_not_equal(seen[i - 1], seen[i], KV_NONCE_BYTES);
    free(seen);
}

/* A forked child must not take the nonces its parent still holds in its batch: both
 * seal right after the fork, and the two nonces differ. */
static void a_forked_child_draws_its_own_nonces(void **state)
{
    struct ctx *c = *state;
    unsigned char mine[KV_PAGE_SIZE], theirs[KV_NONCE_BYTES];
    page_seal(c->k, PAGE_FILE_DB, 3, c->plain, mine, NULL); /* a batch is now held */
    int fd[2];
    assert_int_equal(pipe(fd), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        unsigned char out[KV_PAGE_SIZE];
        page_seal(c->k, PAGE_FILE_DB, 3, c->plain, out, NULL);
        _exit(write(fd[1], out + KV_PAGE_DATA, KV_NONCE_BYTES) == KV_NONCE_BYTES ? 0 : 1);
    }
    close(fd[1]);
    page_seal(c->k, PAGE_FILE_DB, 3, c->plain, mine, NULL);
    assert_int_equal(read(fd[0], theirs, sizeof theirs), KV_NONCE_BYTES);
    close(fd[0]);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_memory_not_equal(mine + KV_PAGE_DATA, theirs, KV_NONCE_BYTES);
}

int main(void)
{
    if (crypto_init() != 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(golden_vector_matches_checked_in_ciphertext),
        cmocka_unit_test(golden_frame_matches_checked_in_ciphertext),
        cmocka_unit_test_setup_teardown(round_trip_returns_plaintext_with_zeroed_reserve, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(every_single_byte_flip_is_detected, setup, teardown),
        cmocka_unit_test_setup_teardown(wrong_page_number_kind_or_database_is_detected, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(each_seal_uses_a_fresh_nonce, setup, teardown),
        cmocka_unit_test_setup_teardown(nonces_never_repeat_across_batches, setup, teardown),
        cmocka_unit_test_setup_teardown(a_forked_child_draws_its_own_nonces, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
