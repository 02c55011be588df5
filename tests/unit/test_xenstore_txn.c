/*
 * The xenstore core's transactions (dom0/xenstored/): a private view,
 * commit only when nothing changed meanwhile (else EAGAIN), abort,
 * watches fired at commit, and the limits.
 */
// uses: dom0/xenstored/changes.c dom0/xenstored/conn.c dom0/xenstored/conn_input.c dom0/xenstored/daemon.c dom0/xenstored/node.c dom0/xenstored/path.c dom0/xenstored/perms.c dom0/xenstored/request.c dom0/xenstored/request_domain.c dom0/xenstored/request_txn.c dom0/xenstored/request_watch.c dom0/xenstored/store.c dom0/xenstored/tree.c dom0/xenstored/txn.c dom0/xenstored/watch.c dom0/xenstored/xs_lib.c
#include "tests/unit/test_xenstore_client.h"

static struct test_msg *txn_end(struct xs_conn *c, uint32_t tx,
                                const char *arg)
{
    return call(c, XS_TRANSACTION_END, tx, arg, (uint32_t)strlen(arg) + 1);
}

static void test_transaction_sees_its_own_changes_until_commit(void **state)
{
    struct xs_conn *dom0 = xs_open(0), *other = xs_open(0);
    uint32_t tx;

    (void)state;
    write_ok(dom0, 0, "/tool/a", "before");
    write_ok(dom0, 0, "/tool/gone", "here");
    tx = txn_start(dom0);
    write_ok(dom0, tx, "/tool/a", "inside");
    write_ok(dom0, tx, "/tool/new/deep", "n");
    expect_ok(do_path(dom0, XS_RM, tx, "/tool/gone"), XS_RM);
    /* Inside: the new state. */
    read_is(dom0, tx, "/tool/a", "inside");
    read_is(dom0, tx, "/tool/new/deep", "n");
    read_fails(dom0, tx, "/tool/gone", "ENOENT");
    expect_reply(do_path(dom0, XS_DIRECTORY, tx, "/tool"), XS_DIRECTORY,
                 LIT("a\0new\0"));
    /* Outside, on any connection: the old one. */
    read_is(dom0, 0, "/tool/a", "before");
    read_is(other, 0, "/tool/a", "before");
    read_fails(other, 0, "/tool/new", "ENOENT");
    read_is(other, 0, "/tool/gone", "here");
    expect_ok(txn_end(dom0, tx, "T"), XS_TRANSACTION_END);
    read_is(other, 0, "/tool/a", "inside");
    read_is(other, 0, "/tool/new/deep", "n");
    read_fails(other, 0, "/tool/gone", "ENOENT");
    /* The transaction is over. */
    read_fails(dom0, tx, "/tool/a", "ENOENT");
    expect_error(txn_end(dom0, tx, "T"), "ENOENT");
}

static void test_commit_after_another_change_is_eagain(void **state)
{
    struct xs_conn *dom0 = xs_open(0), *other = xs_open(0);
    uint32_t tx;

    (void)state;
    write_ok(dom0, 0, "/tool/a", "0");
    tx = txn_start(dom0);
    read_is(dom0, tx, "/tool/a", "0");
    write_ok(dom0, tx, "/tool/a", "tx");
    write_ok(other, 0, "/tool/unrelated", "meanwhile");
    expect_error(txn_end(dom0, tx, "T"), "EAGAIN");
    read_is(dom0, 0, "/tool/a", "0");
    /* Over as well: the client starts again, and now it works. */
    expect_error(txn_end(dom0, tx, "T"), "ENOENT");
    tx = txn_start(dom0);
    write_ok(dom0, tx, "/tool/a", "tx");
    expect_ok(txn_end(dom0, tx, "T"), XS_TRANSACTION_END);
    read_is(other, 0, "/tool/a", "tx");
}

static void test_first_of_two_transactions_wins(void **state)
{
    struct xs_conn *a = xs_open(0), *b = xs_open(0);
    uint32_t ta, tb;

    (void)state;
    ta = txn_start(a);
    tb = txn_start(b);
    write_ok(a, ta, "/tool/x", "a");
    write_ok(b, tb, "/tool/x", "b");
    read_is(a, ta, "/tool/x", "a");
    read_is(b, tb, "/tool/x", "b");
    expect_ok(txn_end(b, tb, "T"), XS_TRANSACTION_END);
    expect_error(txn_end(a, ta, "T"), "EAGAIN");
    read_is(a, 0, "/tool/x", "b");
}

static void test_abort_discards_changes(void **state)
{
    struct xs_conn *dom0 = xs_open(0);
    uint32_t tx;

    (void)state;
    expect_ok(do_watch(dom0, XS_WATCH, "/tool", "t"), XS_WATCH);
    expect_event(dom0, "/tool", "t");
    tx = txn_start(dom0);
    write_ok(dom0, tx, "/tool/a", "1");
    expect_ok(txn_end(dom0, tx, "F"), XS_TRANSACTION_END);
    read_fails(dom0, 0, "/tool/a", "ENOENT");
    expect_silence(dom0);
    expect_error(txn_end(dom0, tx, "F"), "ENOENT");
}

static void test_watches_fire_at_commit_once_per_path(void **state)
{
    struct xs_conn *dom0 = xs_open(0), *watcher = xs_open(0);
    uint32_t tx;

    (void)state;
    write_ok(dom0, 0, "/tool/old/kid", "k");
    expect_ok(do_watch(watcher, XS_WATCH, "/tool", "t"), XS_WATCH);
    expect_event(watcher, "/tool", "t");
    tx = txn_start(dom0);
    write_ok(dom0, tx, "/tool/a", "1");
    write_ok(dom0, tx, "/tool/a", "2");
    write_ok(dom0, tx, "/tool/b", "1");
    expect_ok(do_path(dom0, XS_RM, tx, "/tool/old"), XS_RM);
    /* What failed or changed nothing fires nothing. */
    expect_error(do_path(dom0, XS_RM, tx, "/tool/none/deeper"), "ENOENT");
    expect_ok(do_path(dom0, XS_MKDIR, tx, "/tool/b"), XS_MKDIR);
    expect_ok(do_path(dom0, XS_MKDIR, tx, "/tool"), XS_MKDIR);
    expect_silence(watcher);
    expect_ok(txn_end(dom0, tx, "T"), XS_TRANSACTION_END);
    expect_silence(dom0);
    expect_event(watcher, "/tool/a", "t");
    expect_event(watcher, "/tool/b", "t");
    expect_event(watcher, "/tool/old", "t");
    expect_silence(watcher);
}

static void test_removal_in_transaction_fires_watches_below(void **state)
{
    struct xs_conn *dom0 = xs_open(0);
    uint32_t tx;

    (void)state;
    write_ok(dom0, 0, "/tool/d/e", "1");
    expect_ok(do_watch(dom0, XS_WATCH, "/tool/d/e", "t"), XS_WATCH);
    expect_event(dom0, "/tool/d/e", "t");
    tx = txn_start(dom0);
    write_ok(dom0, tx, "/tool/d", "first a write");
    expect_ok(do_path(dom0, XS_RM, tx, "/tool/d"), XS_RM);
    expect_ok(txn_end(dom0, tx, "T"), XS_TRANSACTION_END);
    expect_event(dom0, "/tool/d/e", "t");
    expect_silence(dom0);
}

static void test_transaction_checks_permissions_and_quota(void **state)
{
    struct xs_conn *dom0 = xs_open(0), *guest = xs_open(5);
    char path[64];
    uint32_t tx;
    int i;

    (void)state;
    expect_ok(do_path(dom0, XS_MKDIR, 0, "/local/domain/5"), XS_MKDIR);
    set_perms_ok(dom0, "/local/domain/5", LIT("n5\0"));
    tx = txn_start(guest);
    expect_error(do_write(guest, tx, "/tool/x", "1"), "EACCES");
    read_fails(guest, tx, "/tool", "EACCES");
    /* 1 + 9 directories + 890 leaves: 900 nodes before the transaction. */
    expect_ok(txn_end(guest, tx, "F"), XS_TRANSACTION_END);
    for (i = 0; i < 890; i++) {
        snprintf(path, sizeof(path), "/local/domain/5/d%d/n%d", i / 100,
                 i % 100);
        write_ok(guest, 0, path, "x");
    }
    tx = txn_start(guest);
    for (i = 0; i < 99; i++) {
        snprintf(path, sizeof(path), "/local/domain/5/t/n%d", i);
        write_ok(guest, tx, path, "x");
    }
    /* With "t", 1000 inside the transaction; outside there is room. */
    expect_error(do_write(guest, tx, "/local/domain/5/more", "x"), "ENOSPC");
    write_ok(guest, 0, "/local/domain/5/outside", "x");
    expect_error(txn_end(guest, tx, "T"), "EAGAIN");
    read_fails(guest, 0, "/local/domain/5/t", "ENOENT");
}

static void test_set_perms_and_mkdir_inside_transaction(void **state)
{
    struct xs_conn *dom0 = xs_open(0), *guest = xs_open(5);
    uint32_t tx;

    (void)state;
    tx = txn_start(dom0);
    expect_ok(do_path(dom0, XS_MKDIR, tx, "/tool/m"), XS_MKDIR);
    expect_ok(do_set_perms(dom0, tx, "/tool/m", LIT("r0\0")), XS_SET_PERMS);
    expect_reply(do_path(dom0, XS_GET_PERMS, tx, "/tool/m"), XS_GET_PERMS,
                 LIT("r0\0"));
    read_fails(guest, 0, "/tool/m", "EACCES");
    expect_ok(txn_end(dom0, tx, "T"), XS_TRANSACTION_END);
    read_is(guest, 0, "/tool/m", "");
}

static void test_transaction_limit_per_connection(void **state)
{
    struct xs_conn *dom0 = xs_open(0), *other = xs_open(0);
    uint32_t ids[10];
    int i, j;

    (void)state;
    for (i = 0; i < 10; i++) {
        ids[i] = txn_start(dom0);
        for (j = 0; j < i; j++)
            assert_true(ids[j] != ids[i]);
    }
    expect_error(call(dom0, XS_TRANSACTION_START, 0, LIT("\0")), "ENOSPC");
    txn_start(other);
    expect_ok(txn_end(dom0, ids[3], "F"), XS_TRANSACTION_END);
    txn_start(dom0);
    /* Closing the connection drops its transactions. */
    xs_conn_close(dom0);
}

static void test_bad_transaction_requests(void **state)
{
    struct xs_conn *dom0 = xs_open(0);
    uint32_t tx;

    (void)state;
    expect_error(call(dom0, XS_TRANSACTION_START, 0, LIT("x\0")), "EINVAL");
    expect_error(call(dom0, XS_TRANSACTION_START, 0, LIT("\0\0")), "EINVAL");
    /* An empty payload is accepted too. */
    expect_reply(call(dom0, XS_TRANSACTION_START, 0, "", 0),
                 XS_TRANSACTION_START, LIT("1\0"));
    tx = txn_start(dom0);
    assert_int_equal(tx, 2);
    expect_error(call(dom0, XS_TRANSACTION_START, tx, LIT("\0")), "EBUSY");
    expect_error(txn_end(dom0, 0, "T"), "ENOENT");
    expect_error(txn_end(dom0, 99, "T"), "ENOENT");
    write_ok(dom0, tx, "/tool/a", "1");
    expect_error(txn_end(dom0, tx, "X"), "EINVAL");
    expect_error(txn_end(dom0, tx, "TT"), "EINVAL");
    expect_error(call(dom0, XS_TRANSACTION_END, tx, LIT("T")), "EINVAL");
    /* Still open after a refused END. */
    read_is(dom0, tx, "/tool/a", "1");
    expect_ok(txn_end(dom0, tx, "T"), XS_TRANSACTION_END);
    read_is(dom0, 0, "/tool/a", "1");
}

static void test_transaction_change_limit(void **state)
{
    struct xs_conn *dom0 = xs_open(0);
    char path[64];
    uint32_t tx;
    int i;

    (void)state;
    tx = txn_start(dom0);
    for (i = 0; i < 512; i++) {
        snprintf(path, sizeof(path), "/tool/d%d/n%d", i / 100, i % 100);
        write_ok(dom0, tx, path, "x");
    }
    expect_error(do_write(dom0, tx, "/tool/over", "x"), "ENOSPC");
    /* Paths already changed may change again. */
    write_ok(dom0, tx, "/tool/d0/n0", "again");
    expect_ok(txn_end(dom0, tx, "T"), XS_TRANSACTION_END);
    read_is(dom0, 0, "/tool/d0/n0", "again");
    read_fails(dom0, 0, "/tool/over", "ENOENT");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, xs_setup, xs_teardown)
        T(test_transaction_sees_its_own_changes_until_commit),
        T(test_commit_after_another_change_is_eagain),
        T(test_first_of_two_transactions_wins),
        T(test_abort_discards_changes),
        T(test_watches_fire_at_commit_once_per_path),
        T(test_removal_in_transaction_fires_watches_below),
        T(test_transaction_checks_permissions_and_quota),
        T(test_set_perms_and_mkdir_inside_transaction),
        T(test_transaction_limit_per_connection),
        T(test_bad_transaction_requests),
        T(test_transaction_change_limit),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
