/* Who can open the file: users, passphrases, disabling, rekey, backup, and the
 * distinct errors for every way an open can fail. */
#include "crypto/header.h"
#include "storage/keys.h"
#include "storage/maint.h"
#include "storage/recovery.h"
#include "storage/schema.h"
#include "storage/users.h"
#include "storage/login.h"
#include "tests/unit/fixture.h"

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#define ANNA_PASS "anna-wachtwoord"
#define ANNA_NEW "anna-nieuw-wachtwoord"

static int setup(void **state)
{
    return fx_setup_created(state);
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

static void add_anna(struct fixture *fx, int role)
{
    struct kv_error err;
    struct db *db = fx_open(fx);
    struct new_user u = {"anna", "Anna de Wit", role, "Werk"};
    assert_int_equal(
        keys_user_add(db, &u, ANNA_PASS, strlen(ANNA_PASS), &KDF_TEST_MIN, FX_NOW, &err), KV_OK);
    db_close(db);
}

static void two_users_each_open_with_their_own_passphrase(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    add_anna(fx, ROLE_KLANTMANAGER);
    assert_int_equal(try_open(fx->path, "anna", ANNA_PASS, &err), KV_OK);
    assert_int_equal(try_open(fx->path, FX_ADMIN, FX_PASS, &err), KV_OK);
    assert_int_equal(try_open(fx->path, "anna", FX_PASS, &err), KV_EAUTH);
    assert_int_equal(try_open(fx->path, FX_ADMIN, ANNA_PASS, &err), KV_EAUTH);
}

static void unknown_user_and_wrong_passphrase_are_told_apart(void **state)
{
    struct fixture *fx = *state;
    struct kv_error e1, e2;
    assert_int_equal(try_open(fx->path, "niemand", FX_PASS, &e1), KV_EAUTH);
    assert_int_equal(try_open(fx->path, FX_ADMIN, "fout", &e2), KV_EAUTH);
    assert_non_null(strstr(e1.msg, "geen toegang"));
    assert_non_null(strstr(e2.msg, "Onjuist wachtwoord"));
}

static void failed_opens_write_nothing(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    size_t n1, n2;
    unsigned char *before = fx_read_file(fx->path, &n1);
    assert_int_equal(try_open(fx->path, FX_ADMIN, "fout", &err), KV_EAUTH);
    assert_int_equal(try_open(fx->path, "niemand", FX_PASS, &err), KV_EAUTH);
    unsigned char *after = fx_read_file(fx->path, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(before, after, n1);
    free(before);
    free(after);
}

static void passwd_retires_the_old_passphrase(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct db *db;
    add_anna(fx, ROLE_KLANTMANAGER);
    assert_int_equal(db_open(fx->path, "anna", ANNA_PASS, strlen(ANNA_PASS), 0, NULL, &db, &err),
                     KV_OK);
    unsigned char pk_before[SLOT_PK_BYTES];
    memcpy(pk_before, header_find_slot(db->hdr, "anna")->pk, SLOT_PK_BYTES);
    assert_int_equal(keys_passwd(db, ANNA_NEW, strlen(ANNA_NEW), &KDF_TEST_MIN, &err), KV_OK);
    /* A new key pair, so a copy of the old slot is worthless after the next rekey. */
    assert_memory_not_equal(pk_before, header_find_slot(db->hdr, "anna")->pk, SLOT_PK_BYTES);
    assert_int_equal(keys_passwd(db, "kort", 4, &KDF_TEST_MIN, &err), KV_EUSAGE);
    db_close(db);
    assert_int_equal(try_open(fx->path, "anna", ANNA_PASS, &err), KV_EAUTH);
    assert_int_equal(try_open(fx->path, "anna", ANNA_NEW, &err), KV_OK);
    assert_int_equal(try_open(fx->path, FX_ADMIN, FX_PASS, &err), KV_OK);
}

static void disabled_user_cannot_open_and_enable_restores(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    add_anna(fx, ROLE_KLANTMANAGER);
    struct db *db = fx_open(fx);
    assert_int_equal(keys_user_disable(db, "anna", FX_NOW, &err), KV_OK);
    assert_null(header_find_slot(db->hdr, "anna"));
    db_close(db);
    assert_int_equal(try_open(fx->path, "anna", ANNA_PASS, &err), KV_EAUTH);
    db = fx_open(fx);
    assert_int_equal(
        keys_user_enable(db, "anna", ANNA_NEW, strlen(ANNA_NEW), &KDF_TEST_MIN, FX_NOW, &err),
        KV_OK);
    db_close(db);
    assert_int_equal(try_open(fx->path, "anna", ANNA_NEW, &err), KV_OK);
}

static void only_a_beheerder_manages_users_and_one_always_remains(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct db *db;
    add_anna(fx, ROLE_TEAMLEIDER);
    assert_int_equal(db_open(fx->path, "anna", ANNA_PASS, strlen(ANNA_PASS), 0, NULL, &db, &err),
                     KV_OK);
    struct new_user u = {"bram", "", ROLE_KLANTMANAGER, ""};
    assert_int_equal(
        keys_user_add(db, &u, ANNA_PASS, strlen(ANNA_PASS), &KDF_TEST_MIN, FX_NOW, &err), KV_EAUTH);
    assert_int_equal(keys_user_disable(db, FX_ADMIN, FX_NOW, &err), KV_EAUTH);
    assert_int_equal(keys_rekey(db, NULL, &err), KV_EAUTH);
    db_close(db);
    db = fx_open(fx);
    assert_int_equal(keys_user_disable(db, FX_ADMIN, FX_NOW, &err), KV_ERR); /* oneself */
    struct new_user dup = {"anna", "", ROLE_KLANTMANAGER, ""};
    assert_int_equal(
        keys_user_add(db, &dup, ANNA_PASS, strlen(ANNA_PASS), &KDF_TEST_MIN, FX_NOW, &err), KV_ERR);
    struct new_user bad = {"Anna Bakker", "", ROLE_KLANTMANAGER, ""};
    assert_int_equal(
        keys_user_add(db, &bad, ANNA_PASS, strlen(ANNA_PASS), &KDF_TEST_MIN, FX_NOW, &err),
        KV_EUSAGE);
    struct user_rec *list;
    size_t n;
    assert_int_equal(users_list(db, &list, &n, &err), KV_OK);
    assert_int_equal(n, 2); /* the refused additions left nothing behind */
    free(list);
    db_close(db);
}

static void rekey_changes_the_key_and_everyone_keeps_their_passphrase(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    add_anna(fx, ROLE_KLANTMANAGER);
    struct db *db = fx_open(fx);
    fx_exec(db, "INSERT INTO config (key, value, created_at, updated_at, updated_by) "
                "VALUES ('test.v', 'voor de sleutelwissel', 'x', 'x', 'x')");
    unsigned char dbid[KV_DBID_BYTES], master[KV_KEY_BYTES];
    memcpy(dbid, db->hdr->dbid, sizeof dbid);
    memcpy(master, db->master, sizeof master);
    struct db *second = fx_open(fx); /* another handle on the file: rekey must wait */
    assert_int_equal(keys_rekey(db, NULL, &err), KV_EBUSY);
    db_close(second);
    assert_int_equal(keys_rekey(db, NULL, &err), KV_OK);
    db_close(db);
    assert_int_equal(try_open(fx->path, "anna", ANNA_PASS, &err), KV_OK);
    db = fx_open(fx);
    assert_memory_not_equal(master, db->master, sizeof master);
    assert_memory_equal(dbid, db->hdr->dbid, sizeof dbid); /* offline copies still check in */
    assert_int_equal(
        fx_int(db, "SELECT count(*) FROM config WHERE value = 'voor de sleutelwissel'"), 1);
    struct check_report r;
    db_close(db);
    db = fx_open_check(fx);
    assert_int_equal(maint_check(db, &r, &err), KV_OK);
    assert_true(maint_sound(&r));
    db_close(db);
}

static void backup_opens_with_the_same_passphrases_and_never_overwrites(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    char dest[320];
    add_anna(fx, ROLE_KLANTMANAGER);
    struct db *db = fx_open(fx);
    fx_exec(db, "INSERT INTO config (key, value, created_at, updated_at, updated_by) "
                "VALUES ('test.v', 'in de back-up', 'x', 'x', 'x')");
    snprintf(dest, sizeof dest, "%s/kopie.db", fx->dir);
    assert_int_equal(maint_backup(db, dest, 0, NULL, &err), KV_OK);
    assert_int_equal(maint_backup(db, dest, 0, NULL, &err), KV_ERR);
    assert_int_equal(maint_backup(db, dest, 1, NULL, &err), KV_OK);
    db_close(db);
    assert_int_equal(try_open(dest, "anna", ANNA_PASS, &err), KV_OK);
    assert_int_equal(db_open(dest, FX_ADMIN, FX_PASS, strlen(FX_PASS), 0, NULL, &db, &err), KV_OK);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM config WHERE value = 'in de back-up'"), 1);
    db_close(db);
}

static void a_recovery_backup_opens_only_with_the_recovery_key(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    char dest[320], restored[320], again[320];
    unsigned char pk[RECOVERY_KEY_BYTES], sk[RECOVERY_KEY_BYTES], other_pk[RECOVERY_KEY_BYTES],
        other_sk[RECOVERY_KEY_BYTES];
    recovery_keypair(pk, sk);
    recovery_keypair(other_pk, other_sk);
    add_anna(fx, ROLE_KLANTMANAGER);
    struct db *db = fx_open(fx);
    fx_exec(db, "INSERT INTO config (key, value, created_at, updated_at, updated_by) "
                "VALUES ('test.v', 'in de back-up', 'x', 'x', 'x')");
    snprintf(dest, sizeof dest, "%s/kopie.db", fx->dir);
    snprintf(restored, sizeof restored, "%s/hersteld.db", fx->dir);
    snprintf(again, sizeof again, "%s/nogmaals.db", fx->dir);
    assert_int_equal(maint_backup(db, dest, 0, pk, &err), KV_OK);
    db_close(db);
    /* No passphrase opens it, before any key derivation: the slots hold no master key. */
    assert_int_equal(try_open(dest, "anna", ANNA_PASS, &err), KV_EAUTH);
    assert_non_null(strstr(err.msg, "herstelsleutel"));
    assert_int_equal(try_open(dest, FX_ADMIN, FX_PASS, &err), KV_EAUTH);
    /* Another key: refused, nothing written. */
    assert_int_equal(recovery_restore(dest, other_sk, restored, &err), KV_EAUTH);
    assert_int_equal(access(restored, F_OK), -1);
    /* The right key: everyone's passphrase again, the same rows. */
    assert_int_equal(recovery_restore(dest, sk, restored, &err), KV_OK);
    assert_int_equal(try_open(restored, "anna", ANNA_PASS, &err), KV_OK);
    assert_int_equal(db_open(restored, FX_ADMIN, FX_PASS, strlen(FX_PASS), 0, NULL, &db, &err),
                     KV_OK);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM config WHERE value = 'in de back-up'"), 1);
    db_close(db);
    /* Never over an existing file; a file that is no recovery backup is not one. */
    assert_int_equal(recovery_restore(dest, sk, restored, &err), KV_ERR);
    assert_int_equal(recovery_restore(restored, sk, again, &err), KV_EDAMAGED);
    assert_int_equal(access(again, F_OK), -1);
}

static void create_refuses_an_existing_file(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    size_t n1, n2;
    unsigned char *before = fx_read_file(fx->path, &n1);
    assert_int_equal(
        db_create(fx->path, "x", "", "een-wachtwoord", 14, &KDF_TEST_MIN, FX_NOW, NULL, &err),
        KV_ERR);
    unsigned char *after = fx_read_file(fx->path, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(before, after, n1);
    free(before);
    free(after);
}

static void foreign_plain_truncated_and_damaged_files_each_have_their_message(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    char p[320];
    /* A plain SQLite database. */
    snprintf(p, sizeof p, "%s/plain.db", fx->dir);
    sqlite3 *raw;
    assert_int_equal(sqlite3_open(p, &raw), SQLITE_OK);
    assert_int_equal(sqlite3_exec(raw, "CREATE TABLE t(x)", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(raw);
    assert_int_equal(try_open(p, FX_ADMIN, FX_PASS, &err), KV_EDAMAGED);
    assert_non_null(strstr(err.msg, "onversleutelde"));
    /* Something else entirely. */
    snprintf(p, sizeof p, "%s/notes.txt", fx->dir);
    unsigned char text[HDR_TOTAL];
    memset(text, 'a', sizeof text);
    fx_write_file(p, text, sizeof text);
    assert_int_equal(try_open(p, FX_ADMIN, FX_PASS, &err), KV_EDAMAGED);
    assert_non_null(strstr(err.msg, "geen klantvolg-database"));
    /* Truncated: mid-header, and mid-page. */
    size_t n;
    unsigned char *b = fx_read_file(fx->path, &n);
    snprintf(p, sizeof p, "%s/short.db", fx->dir);
    fx_write_file(p, b, 1000);
    assert_int_equal(try_open(p, FX_ADMIN, FX_PASS, &err), KV_EDAMAGED);
    assert_non_null(strstr(err.msg, "afgekapt"));
    fx_write_file(p, b, n - 100);
    assert_int_equal(try_open(p, FX_ADMIN, FX_PASS, &err), KV_EDAMAGED);
    assert_non_null(strstr(err.msg, "afgekapt"));
    /* Both header copies damaged. */
    b[3000] ^= 1;
    b[HDR_COPY_SIZE + 3000] ^= 1;
    fx_write_file(p, b, n);
    assert_int_equal(try_open(p, FX_ADMIN, FX_PASS, &err), KV_EDAMAGED);
    assert_non_null(strstr(err.msg, "beide"));
    /* Missing. */
    snprintf(p, sizeof p, "%s/missing.db", fx->dir);
    assert_int_equal(try_open(p, FX_ADMIN, FX_PASS, &err), KV_ERR);
    assert_non_null(strstr(err.msg, "bestaat niet"));
    free(b);
}

static void one_damaged_header_copy_is_survived_reported_and_repaired(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct check_report r;
    fx_flip_byte(fx->path, HDR_COPY_SIZE + 500); /* copy B */
    struct db *db = fx_open_check(fx);
    assert_int_equal(maint_check(db, &r, &err), KV_OK);
    assert_int_equal(r.copy[0], HDR_COPY_OK);
    assert_int_equal(r.copy[1], HDR_COPY_DAMAGED);
    assert_true(r.integrity_ok);
    assert_false(maint_sound(&r));
    assert_int_equal(maint_repair_header(db, &err), KV_OK);
    db_close(db);
    db = fx_open_check(fx);
    assert_int_equal(maint_check(db, &r, &err), KV_OK);
    assert_true(maint_sound(&r));
    db_close(db);
}

/* What a passwd killed between the two header copies leaves: copy B new, copy A old. */
static void an_interrupted_header_write_is_sound_and_can_be_levelled(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct check_report r;
    struct db *db = fx_open(fx);
    struct header *h = calloc(1, sizeof *h);
    struct header_status st;
    int fd = open(fx->path, O_RDWR);
    assert_int_equal(header_read(fd, h, &st), 0);
    assert_int_equal(keyslot_create(header_find_slot(h, FX_ADMIN), FX_ADMIN, "nieuw-wachtwoord-1",
                                    18, &KDF_TEST_MIN, db->master),
                     KEYSLOT_OK);
    h->seq = st.seq[st.used] + 1;
    header_seal(h, db->key->mackey);
    unsigned char *buf = malloc(HDR_COPY_SIZE);
    header_encode(h, buf);
    assert_int_equal(pwrite(fd, buf, HDR_COPY_SIZE, HDR_COPY_SIZE), HDR_COPY_SIZE);
    close(fd);
    free(buf);
    header_free(h);
    db_close(db);
    assert_int_equal(try_open(fx->path, FX_ADMIN, FX_PASS, &err),
                     KV_EAUTH); /* the newer copy wins */
    assert_int_equal(try_open(fx->path, FX_ADMIN, "nieuw-wachtwoord-1", &err), KV_OK);
    assert_int_equal(
        db_open(fx->path, FX_ADMIN, "nieuw-wachtwoord-1", 18, DB_NO_MIGRATE, NULL, &db, &err),
        KV_OK);
    assert_int_equal(maint_check(db, &r, &err), KV_OK);
    assert_true(r.copies_differ);
    assert_true(maint_sound(&r)); /* not damage */
    assert_int_equal(maint_repair_header(db, &err), KV_OK);
    db_close(db);
    assert_int_equal(
        db_open(fx->path, FX_ADMIN, "nieuw-wachtwoord-1", 18, DB_NO_MIGRATE, NULL, &db, &err),
        KV_OK);
    assert_int_equal(maint_check(db, &r, &err), KV_OK);
    assert_false(r.copies_differ);
    db_close(db);
    assert_int_equal(try_open(fx->path, FX_ADMIN, FX_PASS, &err), KV_EAUTH); /* still retired */
}

static void altered_header_is_tampering(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    add_anna(fx, ROLE_KLANTMANAGER);
    /* Remove anna's slot by hand and re-checksum both copies: the MAC still catches it. */
    int fd = open(fx->path, O_RDWR);
    struct header *h = calloc(1, sizeof *h);
    struct header_status st;
    assert_int_equal(header_read(fd, h, &st), 0);
    assert_int_equal(header_remove_slot(h, "anna"), 0);
    static const unsigned char not_the_key[KV_KEY_BYTES] = {1};
    assert_int_equal(header_write(fd, h, not_the_key), 0);
    close(fd);
    header_free(h);
    assert_int_equal(try_open(fx->path, FX_ADMIN, FX_PASS, &err), KV_EDAMAGED);
    assert_non_null(strstr(err.msg, "gewijzigd"));
}

static void newer_schema_is_refused_with_a_clear_message(void **state)
{
    struct fixture *fx = *state;
    struct kv_error err;
    struct db *db = fx_open(fx);
    assert_int_equal(schema_version(db->sql), schema_latest());
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version=%d", schema_latest() + 1);
    fx_exec(db, sql);
    db_close(db);
    assert_int_equal(try_open(fx->path, FX_ADMIN, FX_PASS, &err), KV_ERR);
    assert_non_null(strstr(err.msg, "nieuwere klantvolg"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(two_users_each_open_with_their_own_passphrase, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(unknown_user_and_wrong_passphrase_are_told_apart, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(failed_opens_write_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(passwd_retires_the_old_passphrase, setup, teardown),
        cmocka_unit_test_setup_teardown(disabled_user_cannot_open_and_enable_restores, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(only_a_beheerder_manages_users_and_one_always_remains,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(rekey_changes_the_key_and_everyone_keeps_their_passphrase,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(backup_opens_with_the_same_passphrases_and_never_overwrites,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(a_recovery_backup_opens_only_with_the_recovery_key, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(create_refuses_an_existing_file, setup, teardown),
        cmocka_unit_test_setup_teardown(
            foreign_plain_truncated_and_damaged_files_each_have_their_message, setup, teardown),
        cmocka_unit_test_setup_teardown(one_damaged_header_copy_is_survived_reported_and_repaired,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(an_interrupted_header_write_is_sound_and_can_be_levelled,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(altered_header_is_tampering, setup, teardown),
        cmocka_unit_test_setup_teardown(newer_schema_is_refused_with_a_clear_message, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
