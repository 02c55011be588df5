/*
 * The xenstore core when memory runs out (dom0/xenstored/): each
 * request is run again and again with its first, second, third ...
 * allocation failing.  Every time the client must get its reply (the
 * request's success or ENOMEM, even when the reply itself could not be
 * queued), a failed request must leave the store as it was, and the
 * daemon's callbacks must stay balanced.
 *
 * malloc is wrapped at link time (the flag below) so a test can make one
 * chosen allocation fail.
 */
// uses: -Wl,--wrap=malloc dom0/xenstored/changes.c dom0/xenstored/conn.c dom0/xenstored/conn_input.c dom0/xenstored/daemon.c dom0/xenstored/node.c dom0/xenstored/path.c dom0/xenstored/perms.c dom0/xenstored/request.c dom0/xenstored/request_domain.c dom0/xenstored/request_txn.c dom0/xenstored/request_watch.c dom0/xenstored/store.c dom0/xenstored/tree.c dom0/xenstored/txn.c dom0/xenstored/watch.c dom0/xenstored/xs_lib.c
#include "tests/unit/test_xenstore_client.h"

void *__real_malloc(size_t size);
void *__wrap_malloc(size_t size);

static long allocations_until_failure = -1;    /* -1: none fails */
static bool failure_happened;

void *__wrap_malloc(size_t size)
{
    if (allocations_until_failure == 0) {
        allocations_until_failure = -1;
        failure_happened = true;
        return NULL;
    }
    if (allocations_until_failure > 0)
        allocations_until_failure--;
    return __real_malloc(size);
}

/* Let k more allocations succeed and the one after them fail. */
static void fail_allocation(long k)
{
    failure_happened = false;
    allocations_until_failure = k;
}

/* Stop failing; whether the chosen allocation was reached. */
static bool stop_failing(void)
{
    allocations_until_failure = -1;
    return failure_happened;
}

/* Throw away whatever c has queued. */
static void drain(struct xs_conn *c)
{
    struct test_msg m;

    while (recv_msg(c, &m))
        ;
}

/* A fresh daemon for the next round. */
static void restart(void **state)
{
    xs_teardown(state);
    xs_setup(state);
}

/* The reply is type's OK (true) or ENOMEM (false); nothing else. */
static bool ok_or_enomem(const struct test_msg *m, uint32_t type)
{
    if (m->hdr.type == XS_ERROR) {
        expect_error(m, "ENOMEM");
        return false;
    }
    expect_ok(m, type);
    return true;
}

static void test_write_creating_nodes_beside_a_transaction(void **state)
{
    struct xs_conn *dom0, *other;
    int failures = 0;
    uint32_t tx;
    long k;

    for (k = 0;; k++) {
        restart(state);
        dom0 = xs_open(0);
        other = xs_open(0);
        write_ok(dom0, 0, "/tool/old", "o");
        expect_ok(do_watch(other, XS_WATCH, "/tool", "t"), XS_WATCH);
        expect_event(other, "/tool", "t");
        tx = txn_start(other);          /* shares every node: copies */
        fail_allocation(k);
        bool ok = ok_or_enomem(do_write(dom0, 0, "/tool/a/b/c", "v"),
                               XS_WRITE);
        if (!stop_failing())
            break;
        drain(other);
        if (ok) {
            read_is(dom0, 0, "/tool/a/b/c", "v");
            expect_error(call(other, XS_TRANSACTION_END, tx, LIT("T\0")),
                         "EAGAIN");
        } else {
            failures++;
            read_fails(dom0, 0, "/tool/a", "ENOENT");
            expect_reply(do_path(dom0, XS_DIRECTORY, 0, "/tool"),
                         XS_DIRECTORY, LIT("old\0"));
            /* Nothing changed, so the transaction still commits. */
            expect_ok(call(other, XS_TRANSACTION_END, tx, LIT("T\0")),
                      XS_TRANSACTION_END);
        }
        read_is(dom0, 0, "/tool/old", "o");
    }
    assert_true(failures > 3);
}

static void test_rm_and_set_perms_of_a_guests_subtree(void **state)
{
    struct xs_conn *dom0, *guest;
    int failures = 0, i;
    char path[64];
    long k;

    for (k = 0;; k++) {
        restart(state);
        dom0 = xs_open(0);
        guest = xs_open(5);
        expect_ok(do_path(dom0, XS_MKDIR, 0, "/local/domain/5"), XS_MKDIR);
        set_perms_ok(dom0, "/local/domain/5", LIT("n5\0"));
        /* 3 + 10 directories + 987: the guest is at its quota. */
        write_ok(guest, 0, "/local/domain/5/sub/x", "1");
        for (i = 0; i < 987; i++) {
            snprintf(path, sizeof(path), "/local/domain/5/d%d/n%d", i / 100,
                     i % 100);
            write_ok(guest, 0, path, "x");
        }
        expect_error(do_write(guest, 0, "/local/domain/5/over", "x"),
                     "ENOSPC");
        txn_start(dom0);
        fail_allocation(k);
        bool rm_ok = ok_or_enomem(do_path(guest, XS_RM, 0,
                                          "/local/domain/5/sub"), XS_RM);
        bool hit = stop_failing();
        if (rm_ok) {
            read_fails(guest, 0, "/local/domain/5/sub", "ENOENT");
            /* Two nodes fewer: exactly two fit again. */
            write_ok(guest, 0, "/local/domain/5/e/f", "x");
        } else {
            failures++;
            read_is(guest, 0, "/local/domain/5/sub/x", "1");
            expect_error(do_write(guest, 0, "/local/domain/5/over", "x"),
                         "ENOSPC");
        }
        expect_error(do_write(guest, 0, "/local/domain/5/over", "x"),
                     "ENOSPC");
        /* Giving a node to dom0 moves one count. */
        fail_allocation(k);
        bool perms_ok = ok_or_enomem(
            do_set_perms(dom0, 0, "/local/domain/5/d0/n0", LIT("n0\0")),
            XS_SET_PERMS);
        hit = stop_failing() || hit;
        if (perms_ok) {
            write_ok(guest, 0, "/local/domain/5/over", "x");
        } else {
            failures++;
            expect_reply(do_path(dom0, XS_GET_PERMS, 0,
                                 "/local/domain/5/d0/n0"),
                         XS_GET_PERMS, LIT("n5\0"));
            expect_error(do_write(guest, 0, "/local/domain/5/over", "x"),
                         "ENOSPC");
        }
        if (!hit)
            break;
    }
    assert_true(failures > 3);
}

static void test_introduce_and_release(void **state)
{
    struct xs_conn *dom0;
    int failures = 0;
    long k;

    for (k = 0;; k++) {
        restart(state);
        dom0 = xs_open(0);
        expect_ok(do_watch(dom0, XS_WATCH, "@releaseDomain", "r"), XS_WATCH);
        expect_event(dom0, "@releaseDomain", "r");
        fail_allocation(k);
        bool ok = ok_or_enomem(do_introduce(dom0, LIT("5\0" "1\0" "2\0")),
                               XS_INTRODUCE);
        if (!stop_failing())
            break;
        if (ok) {
            assert_non_null(xs_daemon_find_domain(xsd, 5));
            assert_int_equal(fake.release_calls, 0);
            expect_reply(do_path(dom0, XS_GET_PERMS, 0, "/local/domain/5"),
                         XS_GET_PERMS, LIT("n5\0"));
        } else {
            failures++;
            assert_null(xs_daemon_find_domain(xsd, 5));
            /* Every mapping the daemon made was undone. */
            assert_true(fake.introduce_calls <= 1);
            assert_int_equal(fake.release_calls, fake.introduce_calls);
            expect_reply(call(dom0, XS_IS_DOMAIN_INTRODUCED, 0, LIT("5\0")),
                         XS_IS_DOMAIN_INTRODUCED, LIT("F\0"));
            expect_ok(do_introduce(dom0, LIT("5\0" "1\0" "2\0")),
                      XS_INTRODUCE);
        }
        expect_ok(call(dom0, XS_RELEASE, 0, LIT("5\0")), XS_RELEASE);
        expect_event(dom0, "@releaseDomain", "r");
        assert_int_equal(fake.release_calls, fake.introduce_calls);
    }
    assert_true(failures > 1);
}

static void test_watch_and_transaction_requests(void **state)
{
    struct xs_conn *dom0;
    struct test_msg *m;
    int failures = 0;
    uint32_t tx;
    long k;

    for (k = 0;; k++) {
        restart(state);
        dom0 = xs_open(0);
        fail_allocation(k);
        bool watch_ok = ok_or_enomem(do_watch(dom0, XS_WATCH, "/tool", "t"),
                                     XS_WATCH);
        bool hit = stop_failing();
        if (!watch_ok)
            failures++;
        /* The first event may be lost to the failure; later ones not. */
        drain(dom0);
        write_ok(dom0, 0, "/tool/x", "1");
        if (watch_ok)
            expect_event(dom0, "/tool/x", "t");
        expect_silence(dom0);

        fail_allocation(k);
        m = call(dom0, XS_TRANSACTION_START, 0, LIT("\0"));
        hit = stop_failing() || hit;
        if (m->hdr.type == XS_ERROR) {
            expect_error(m, "ENOMEM");
            failures++;
            expect_error(call(dom0, XS_TRANSACTION_END, 1, LIT("T\0")),
                         "ENOENT");
        } else {
            tx = (uint32_t)strtoul(m->payload, NULL, 10);
            write_ok(dom0, tx, "/tool/x", "2");
            expect_ok(call(dom0, XS_TRANSACTION_END, tx, LIT("T\0")),
                      XS_TRANSACTION_END);
            if (watch_ok)
                expect_event(dom0, "/tool/x", "t");
            read_is(dom0, 0, "/tool/x", "2");
        }
        if (!hit)
            break;
    }
    assert_true(failures > 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, xs_setup, xs_teardown)
        T(test_write_creating_nodes_beside_a_transaction),
        T(test_rm_and_set_perms_of_a_guests_subtree),
        T(test_introduce_and_release),
        T(test_watch_and_transaction_requests),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
