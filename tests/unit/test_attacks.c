/* The attacks of the security review (issue 13), each replayed against a real file:
 * planted key slots, a disabled user who kept the master key or an old header, slots
 * with absurd KDF costs, and a forged header copy that is not the one in use. The
 * attacker either holds the master key (and writes through the library) or only the
 * file (and rewrites header bytes with a fresh checksum). */
#include "crypto/header.h"
#include "crypto/keyslot.h"
#include "crypto/secmem.h"
#include "storage/dbfile.h"
#include "storage/keys.h"
#include "storage/maint.h"
#include "storage/users.h"
#include "storage/txn.h"
#include "storage/login.h"
#include "tests/unit/fixture.h"

#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#define ANNA_PASS "anna-wachtwoord"
#define EVE_PASS "eve-heeft-de-sleutel"
#define RECOVERY_PASS "herstel-wachtwoord"

static int setup(void **state)
{
    int rc = fx_setup_created(state);
    struct fixture *fx = *state;
    struct kv_error err;
    struct db *db = fx_open(fx);
    struct new_user u = {"anna", "Anna de Wit", ROLE_KLANTMANAGER, "Werk"};
    assert_int_equal(
        keys_user_add(db, &u, ANNA_PASS, strlen(ANNA_PASS), &KDF_TEST_MIN, FX_NOW, &err), KV_OK);
    db_close(db);
    return rc;
}

static int teardown(void **state)
{
    return fx_teardown(state);
}

static int try_open(const char *path, const char *user, const char *pass, struct kv_error *err)
{
    struct db *db = NULL;
    int rc = db_open(path, user, pass, strlen(pass), 0, NULL, &db, err);
    db_close(db);
    return rc;
}

/* ---- a key holder plants slots ---------------------------------------------------- */

struct plant {
    const char *name;
    const char *pass;
    uint32_t flags;
    int empty;
};

static int plant_slot(struct db *db, struct header *h, void *ctx, struct kv_error *err)
{
    (void)err;
    struct plant *p = ctx;
    struct slot *s = &h->slots[h->nslots++];
    assert_int_equal(
        keyslot_create(s, p->name, p->pass, strlen(p->pass), &KDF_TEST_MIN, db->master),
        KEYSLOT_OK);
    s->flags = p->flags;
    if (p->empty)
        memset(s->sealed, 0, sizeof s->sealed);
    return KV_OK;
}

/* What anyone holding the master key can do: a slot under any name, MAC and all. */
static void plant(struct db *db, const char *name, const char *pass, uint32_t flags, int empty)
{
    struct kv_error err;
    struct plant p = {name, pass, flags, empty};
    assert_int_equal(db_begin_untracked(db, &err), KV_OK);
    assert_int_equal(db_header_update(db, plant_slot, &p, &err), KV_OK);
    assert_int_equal(db_commit(db, &err), KV_OK);
}

static int has_note(const struct check_report *r, const char *name, enum slot_kind kind)
{
    for (uint32_t i = 0; i < r->nnotes; i++)
        if (strcmp(r->notes[i].name, name) == 0 && r->notes[i].kind == kind)
            return 1;
    return 0;
}

static void check_now(struct fixture *fx, struct check_report *r)
{
    struct kv_error err;
    struct db *db = fx_open_check(fx);
    assert_int_equal(maint_check(db, r, &err), KV_OK);
    db_close(db);
}

static void a_planted_slot_is_flagged_by_check_and_dropped_by_rekey(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct check_report r;
    struct db *db = fx_open_as(fx, "anna", ANNA_PASS);
    plant(db, "eve", EVE_PASS, 0, 0);                   /* no such user */
    plant(db, "anna", EVE_PASS, 0, 0);                  /* a second way in as anna */
    plant(db, "herstel", EVE_PASS, SLOT_F_RECOVERY, 0); /* recovery flag, wrong name */
    db_close(db);
    assert_int_equal(try_open(fx->path, "eve", EVE_PASS, &err), KV_EAUTH); /* no user row */

    check_now(fx, &r);
    assert_false(maint_sound(&r));
    assert_int_equal(r.bad_slots, 4); /* eve, both anna slots, the false recovery slot */
    assert_true(has_note(&r, "eve", SLOT_KIND_ORPHAN));
    assert_true(has_note(&r, "anna", SLOT_KIND_DUPLICATE));
    assert_true(has_note(&r, "herstel", SLOT_KIND_BAD_RECOVERY));

    /* The planter is disabled, then the key rotated: nothing planted survives. */
    db = fx_open(fx);
    assert_int_equal(keys_user_disable(db, "anna", FX_NOW, &err), KV_OK);
    int dropped = -1;
    assert_int_equal(keys_rekey(db, &dropped, &err), KV_OK);
    assert_int_equal(dropped, 2); /* eve and "herstel"; anna's went with disable */
    db_close(db);
    db = fx_open(fx);
    assert_int_equal(db->hdr->nslots, 1);
    assert_non_null(header_find_slot(db->hdr, FX_ADMIN));
    db_close(db);
    check_now(fx, &r);
    assert_true(maint_sound(&r));
}

static void recovery_and_empty_slots_are_legitimate_and_rekey_keeps_them(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct check_report r;
    struct db *db = fx_open(fx);
    plant(db, SLOT_RECOVERY_NAME, RECOVERY_PASS, SLOT_F_RECOVERY, 0);
    plant(db, "anna-back-up", ANNA_PASS, 0, 1); /* holds no master key */
    db_close(db);
    assert_int_equal(try_open(fx->path, "anna-back-up", ANNA_PASS, &err), KV_EAUTH);
    assert_non_null(strstr(err.msg, "herstelsleutel"));
    check_now(fx, &r);
    assert_true(maint_sound(&r));
    assert_true(has_note(&r, SLOT_RECOVERY_NAME, SLOT_KIND_RECOVERY));
    assert_true(has_note(&r, "anna-back-up", SLOT_KIND_EMPTY));

    db = fx_open(fx);
    int dropped = -1;
    assert_int_equal(keys_rekey(db, &dropped, &err), KV_OK);
    assert_int_equal(dropped, 0);
    db_close(db);
    db = fx_open(fx);
    struct slot *rec = header_find_slot(db->hdr, SLOT_RECOVERY_NAME);
    assert_non_null(rec);
    unsigned char *m = secmem_alloc(KV_KEY_BYTES);
    assert_int_equal(keyslot_open(rec, RECOVERY_PASS, strlen(RECOVERY_PASS), m), KEYSLOT_OK);
    assert_memory_equal(m, db->master, KV_KEY_BYTES); /* resealed to the new key */
    struct slot *empty = header_find_slot(db->hdr, "anna-back-up");
    assert_non_null(empty);
    assert_true(slot_is_empty(empty)); /* never given the new key */
    secmem_free(m);
    db_close(db);
}

static void user_list_counts_slots_check_reads(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct db *db = fx_open(fx);
    plant(db, "eve", EVE_PASS, 0, 0);
    enum slot_kind kinds[4];
    assert_int_equal(db->hdr->nslots, 3);
    assert_int_equal(keys_classify(db, db->hdr, kinds, &err), KV_OK);
    assert_int_equal(kinds[0], SLOT_KIND_USER);
    assert_int_equal(kinds[1], SLOT_KIND_USER);
    assert_int_equal(kinds[2], SLOT_KIND_ORPHAN);
    db_close(db);
}

/* ---- disable must revoke: rotation, and no way back with an old header ----------- */

static void a_disabled_user_who_kept_the_master_key_reads_nothing_after_rotation(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct check_report r;
    struct db *anna = fx_open_as(fx, "anna", ANNA_PASS);
    unsigned char kept[KV_KEY_BYTES];
    memcpy(kept, anna->master, sizeof kept); /* what a custom program could keep */
    db_close(anna);

    /* Someone else has the file open: the rotation must wait, and says so. */
    struct db *other = NULL;
    assert_int_equal(
        db_open(fx->path, FX_ADMIN, FX_PASS, strlen(FX_PASS), DB_NO_ROTATE, NULL, &other, &err),
        KV_OK);
    struct db *db = fx_open(fx);
    assert_int_equal(keys_user_disable(db, "anna", FX_NOW, &err), KV_OK);
    db_close(db); /* not the last one: no rotation */
    check_now(fx, &r);
    assert_true(r.rotate_pending);
    assert_true(r.rotate_since > 0);
    assert_true(maint_sound(&r)); /* pending is not damage */
    struct db *still = NULL;
    assert_int_equal(db_open_keyed(fx->path, kept, DB_NO_MIGRATE, NULL, &still, &err), KV_OK);
    db_close(still); /* until the rotation, the kept key still reads: that is the point */

    db_close(other); /* the file is free: the next open rotates */
    db = fx_open(fx);
    assert_false(db->hdr->flags & HDR_F_ROTATE);
    assert_memory_not_equal(db->master, kept, KV_KEY_BYTES);
    db_close(db);
    check_now(fx, &r);
    assert_false(r.rotate_pending);

    assert_int_equal(db_open_keyed(fx->path, kept, DB_NO_MIGRATE, NULL, &still, &err), KV_EDAMAGED);
    /* Not through the header either: the pages themselves no longer open. */
    size_t n;
    unsigned char *file = fx_read_file(fx->path, &n), out[KV_PAGE_SIZE];
    struct page_key *k = page_key_new(kept, file + 32);
    assert_true(n > HDR_TOTAL);
    assert_int_equal(page_open(k, PAGE_FILE_DB, 1, file + HDR_TOTAL, out), -1);
    page_key_free(k);
    free(file);
}

static void closing_as_the_last_one_runs_a_pending_rotation(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct db *db = fx_open(fx);
    struct db *other = NULL;
    assert_int_equal(
        db_open(fx->path, FX_ADMIN, FX_PASS, strlen(FX_PASS), DB_NO_ROTATE, NULL, &other, &err),
        KV_OK);
    assert_int_equal(keys_user_disable(db, "anna", FX_NOW, &err), KV_OK);
    db_close(other);
    unsigned char before[KV_KEY_BYTES];
    memcpy(before, db->master, sizeof before);
    db_close(db); /* the last one out rotates */
    db = fx_open(fx);
    assert_false(db->hdr->flags & HDR_F_ROTATE);
    assert_memory_not_equal(db->master, before, KV_KEY_BYTES);
    db_close(db);
}

/* Sessions left idle-locked (overnight, at lunch) must not keep the file from being free. */
static void an_idle_locked_session_does_not_hold_back_a_rotation(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct db *idle = fx_open(fx);
    struct db *db = fx_open(fx);
    unsigned char before[KV_KEY_BYTES];
    memcpy(before, db->master, sizeof before);
    db_lock(idle);
    assert_int_equal(keys_user_disable(db, "anna", FX_NOW, &err), KV_OK);
    assert_int_equal(keys_rotate(db, NULL, &err), KV_OK);
    db_close(db);
    assert_int_equal(db_unlock(idle, FX_PASS, strlen(FX_PASS), &err), KV_OK);
    assert_memory_not_equal(idle->master, before, KV_KEY_BYTES); /* the rotated file */
    assert_int_equal(fx_int(idle, "SELECT count(*) FROM users WHERE active = 0"), 1);
    db_close(idle);
}

/* A rotation killed halfway through writing the new file (here by the file-size limit,
 * a real SIGXFSZ death) leaves the database byte for byte as it was, still pending;
 * the next open finishes the job with nothing lost. */
static void a_rotation_killed_halfway_loses_nothing(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct db *db = NULL;
    assert_int_equal(
        db_open(fx->path, FX_ADMIN, FX_PASS, strlen(FX_PASS), DB_NO_ROTATE, NULL, &db, &err),
        KV_OK);
    fx_exec(db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) "
                "INSERT INTO config (key, value, created_at, updated_at, updated_by) SELECT "
                "'test.' || i, hex(randomblob(1500)), 'x', 'x', 'x' FROM n");
    assert_int_equal(keys_user_disable(db, "anna", FX_NOW, &err), KV_OK);
    db_close(db);
    size_t n, n2;
    unsigned char *before = fx_read_file(fx->path, &n);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (db_open(fx->path, FX_ADMIN, FX_PASS, strlen(FX_PASS), DB_NO_ROTATE, NULL, &db, &err) !=
            KV_OK)
            _exit(2);
        struct rlimit lim = {HDR_TOTAL + 20 * KV_PAGE_SIZE, HDR_TOTAL + 20 * KV_PAGE_SIZE};
        signal(SIGXFSZ, SIG_DFL);
        setrlimit(RLIMIT_FSIZE, &lim);
        keys_rotate(db, NULL, &err);
        _exit(3); /* not reached: the copy is larger than the limit */
    }
    int status;
    waitpid(pid, &status, 0);
    assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGXFSZ);
    unsigned char *after = fx_read_file(fx->path, &n2);
    assert_int_equal(n2, n);
    assert_memory_equal(after, before, n);
    free(before);
    free(after);
    char cmd[400];
    snprintf(cmd, sizeof cmd, "ls '%s' | grep -q '^test.db.new-'", fx->dir);
    assert_int_equal(system(cmd), 0); /* the half-written copy is left behind ... */
    db = fx_open(fx);                 /* alone: rotates now */
    assert_false(db->hdr->flags & HDR_F_ROTATE);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM config WHERE key LIKE 'test.%'"), 200);
    db_close(db);
    assert_int_not_equal(system(cmd), 0); /* ... and removed by the next rotation */
}

static void an_old_header_put_back_is_refused_as_damage(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    size_t n;
    unsigned char *old = fx_read_file(fx->path, &n); /* with anna's slot */
    /* No rotation here (DB_NO_ROTATE): the header generation alone must catch it. */
    struct db *db = NULL;
    assert_int_equal(
        db_open(fx->path, FX_ADMIN, FX_PASS, strlen(FX_PASS), DB_NO_ROTATE, NULL, &db, &err),
        KV_OK);
    assert_int_equal(keys_user_disable(db, "anna", FX_NOW, &err), KV_OK);
    db_close(db);
    assert_int_equal(try_open(fx->path, "anna", ANNA_PASS, &err), KV_EAUTH);
    int fd = open(fx->path, O_WRONLY);
    assert_int_equal(pwrite(fd, old, HDR_TOTAL, 0), HDR_TOTAL);
    close(fd);
    assert_int_equal(try_open(fx->path, "anna", ANNA_PASS, &err), KV_EDAMAGED);
    assert_non_null(strstr(err.msg, "oude kop"));
    assert_int_equal(try_open(fx->path, FX_ADMIN, FX_PASS, &err), KV_EDAMAGED);
    free(old);
}

/* ---- header bytes rewritten by someone with the file only ------------------------- */

/* Decode copy c, let edit change it, re-encode with a correct checksum and the old MAC. */
static void rewrite_copy(const char *path, int c, void (*edit)(struct header *))
{
    int fd = open(path, O_RDWR);
    struct header *h = calloc(1, sizeof *h);
    unsigned char *buf = malloc(HDR_COPY_SIZE);
    assert_int_equal(header_read_copy(fd, c, h), HDR_COPY_OK);
    edit(h);
    header_encode(h, buf);
    assert_int_equal(pwrite(fd, buf, HDR_COPY_SIZE, (off_t)c * HDR_COPY_SIZE), HDR_COPY_SIZE);
    close(fd);
    free(buf);
    header_free(h);
}

static void huge_memlimit(struct header *h)
{
    header_find_slot(h, "anna")->memlimit = 1ull << 50;
}
static void huge_opslimit(struct header *h)
{
    header_find_slot(h, "anna")->opslimit = 1ull << 40;
}
static void other_memlimit(struct header *h)
{
    header_find_slot(h, "anna")->memlimit += 4096;
}
static void other_flags(struct header *h)
{
    h->flags ^= 0x80;
}

static void absurd_kdf_costs_are_damage_not_a_wrong_passphrase(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    char side[400];
    snprintf(side, sizeof side, "%s-aanmeldingen", fx->path);
    void (*edits[])(struct header *) = {huge_memlimit, huge_opslimit};
    for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
        size_t n;
        unsigned char *orig = fx_read_file(fx->path, &n);
        rewrite_copy(fx->path, 0, edits[i]);
        rewrite_copy(fx->path, 1, edits[i]);
        assert_int_equal(try_open(fx->path, "anna", ANNA_PASS, &err), KV_EDAMAGED);
        assert_non_null(strstr(err.msg, "beschadigd"));
        assert_int_equal(access(side, F_OK), -1); /* no failed login was recorded */
        fx_write_file(fx->path, orig, n);
        free(orig);
    }
    assert_int_equal(try_open(fx->path, "anna", ANNA_PASS, &err), KV_OK);
}

static int absurd_cost(struct db *db, struct header *h, void *ctx, struct kv_error *err)
{
    (void)db;
    (void)ctx;
    (void)err;
    header_find_slot(h, "anna")->memlimit = 1ull << 50;
    return KV_OK;
}

/* A key holder can seal absurd costs under the MAC: check names the slot, rekey drops it
 * (its user cannot log in with it anyway; a beheerder enables her anew). */
static void check_reports_a_slot_with_absurd_costs_sealed_by_a_key_holder(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct check_report r;
    struct db *db = fx_open(fx);
    assert_int_equal(db_begin_untracked(db, &err), KV_OK);
    assert_int_equal(db_header_update(db, absurd_cost, NULL, &err), KV_OK);
    assert_int_equal(db_commit(db, &err), KV_OK);
    db_close(db);
    assert_int_equal(try_open(fx->path, "anna", ANNA_PASS, &err), KV_EDAMAGED);
    check_now(fx, &r);
    assert_false(maint_sound(&r));
    assert_true(has_note(&r, "anna", SLOT_KIND_BAD_COST));
    db = fx_open(fx);
    int dropped = 0;
    assert_int_equal(keys_rekey(db, &dropped, &err), KV_OK);
    assert_int_equal(dropped, 1);
    db_close(db);
    check_now(fx, &r);
    assert_true(maint_sound(&r));
}

static void check_verifies_the_mac_of_the_copy_not_in_use(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct check_report r;
    void (*edits[])(struct header *) = {other_memlimit, other_flags};
    for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
        rewrite_copy(fx->path, 1, edits[i]); /* same sequence number: copy A stays in use */
        struct db *db = fx_open_check(fx);
        assert_int_equal(maint_check(db, &r, &err), KV_OK);
        assert_int_equal(r.copy[0], HDR_COPY_OK);
        assert_int_equal(r.copy[1], HDR_COPY_FORGED);
        assert_false(maint_sound(&r));
        assert_int_equal(maint_repair_header(db, &err), KV_OK);
        db_close(db);
        check_now(fx, &r);
        assert_int_equal(r.copy[1], HDR_COPY_OK);
        assert_true(maint_sound(&r));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_planted_slot_is_flagged_by_check_and_dropped_by_rekey,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            recovery_and_empty_slots_are_legitimate_and_rekey_keeps_them, setup, teardown),
        cmocka_unit_test_setup_teardown(user_list_counts_slots_check_reads, setup, teardown),
        cmocka_unit_test_setup_teardown(
            a_disabled_user_who_kept_the_master_key_reads_nothing_after_rotation, setup, teardown),
        cmocka_unit_test_setup_teardown(closing_as_the_last_one_runs_a_pending_rotation, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(an_idle_locked_session_does_not_hold_back_a_rotation, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_rotation_killed_halfway_loses_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(an_old_header_put_back_is_refused_as_damage, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(absurd_kdf_costs_are_damage_not_a_wrong_passphrase, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            check_reports_a_slot_with_absurd_costs_sealed_by_a_key_holder, setup, teardown),
        cmocka_unit_test_setup_teardown(check_verifies_the_mac_of_the_copy_not_in_use, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
