/*
 * xenstored's ring code (dom0/xenstored/ring.c): a connection's bytes
 * through a store ring page, with the guest's indices treated as
 * hostile; and a shut-down domain's @releaseDomain (daemon.c).
 */
// uses: dom0/xenstored/ring.c dom0/xenstored/changes.c dom0/xenstored/conn.c dom0/xenstored/conn_input.c dom0/xenstored/daemon.c dom0/xenstored/node.c dom0/xenstored/path.c dom0/xenstored/perms.c dom0/xenstored/request.c dom0/xenstored/request_domain.c dom0/xenstored/request_txn.c dom0/xenstored/request_watch.c dom0/xenstored/store.c dom0/xenstored/tree.c dom0/xenstored/txn.c dom0/xenstored/watch.c dom0/xenstored/xs_lib.c
#include "tests/unit/test_xenstore_client.h"
#include "dom0/xenstored/ring.h"

#define RING XENSTORE_RING_SIZE

static struct xenstore_domain_interface page;

/* The guest's side: put len bytes into req[] and publish them. */
static void guest_put(const void *bytes, uint32_t len)
{
    const char *b = bytes;
    uint32_t i;

    for (i = 0; i < len; i++)
        page.req[MASK_XENSTORE_IDX(page.req_prod + i)] = b[i];
    page.req_prod += len;
}

/* The guest's side: take up to max bytes of rsp[]; how many. */
static uint32_t guest_take(void *out, uint32_t max)
{
    char *o = out;
    uint32_t n = 0;

    while (page.rsp_cons != page.rsp_prod && n < max)
        o[n++] = page.rsp[MASK_XENSTORE_IDX(page.rsp_cons++)];
    return n;
}

/* Put a request on the ring as the guest would. */
static void guest_request(uint32_t type, uint32_t id, const void *payload,
                          uint32_t len)
{
    char buf[sizeof(struct xsd_sockmsg) + XENSTORE_PAYLOAD_MAX];

    guest_put(buf, (uint32_t)wire_request(buf, type, id, 0, payload, len));
}

/* Take one whole message from rsp[]: whether it was there. */
static bool guest_msg(struct test_msg *m)
{
    if (guest_take(&m->hdr, sizeof(m->hdr)) != sizeof(m->hdr))
        return false;
    assert_true(m->hdr.len <= XENSTORE_PAYLOAD_MAX);
    assert_int_equal(guest_take(m->payload, m->hdr.len), m->hdr.len);
    m->payload[m->hdr.len] = '\0';
    return true;
}

static int ring_setup(void **state)
{
    memset(&page, 0, sizeof(page));
    return xs_setup(state);
}

static void test_request_and_reply_wrap_around_the_ring(void **state)
{
    struct xs_conn *c = xs_open(3);
    struct test_msg m;

    (void)state;
    /* Start both rings 10 bytes before their end. */
    page.req_cons = page.req_prod = 5 * RING - 10;
    page.rsp_cons = page.rsp_prod = 7 * RING - 10;
    guest_request(XS_GET_DOMAIN_PATH, 42, LIT("3\0"));
    assert_int_equal(xs_ring_serve(&page, c), 1);
    assert_int_equal(page.req_cons, page.req_prod);
    assert_true(guest_msg(&m));
    assert_int_equal(m.hdr.req_id, 42);
    expect_reply(&m, XS_GET_DOMAIN_PATH, LIT("/local/domain/3\0"));
    assert_int_equal(xs_ring_serve(&page, c), 0);
}

static void test_request_in_pieces(void **state)
{
    struct xs_conn *c = xs_open(0);
    char buf[64];
    size_t n = wire_request(buf, XS_WRITE, 7, 0, LIT("/tool/x\0abc"));
    struct test_msg m;
    size_t i;

    (void)state;
    for (i = 0; i + 1 < n; i++) {
        guest_put(buf + i, 1);
        xs_ring_serve(&page, c);
        assert_int_equal(page.rsp_prod, 0);     /* no reply yet */
    }
    guest_put(buf + i, 1);
    assert_int_equal(xs_ring_serve(&page, c), 1);
    assert_true(guest_msg(&m));
    expect_ok(&m, XS_WRITE);
}

static void test_request_indices_beyond_the_ring_are_refused(void **state)
{
    struct xs_conn *c = xs_open(3);

    (void)state;
    page.req_cons = 100;
    page.req_prod = 100 + RING + 1;
    assert_int_equal(xs_ring_serve(&page, c), -EIO);
    assert_int_equal(page.req_cons, 100);
    assert_int_equal(page.rsp_prod, 0);
    /* A consumer "ahead" of the producer is as impossible. */
    page.req_prod = 99;
    assert_int_equal(xs_ring_serve(&page, c), -EIO);
    assert_int_equal(page.req_cons, 100);
}

static void test_reply_indices_beyond_the_ring_are_refused(void **state)
{
    struct xs_conn *c = xs_open(3);

    (void)state;
    page.rsp_cons = 0;
    page.rsp_prod = RING + 5;
    guest_request(XS_GET_DOMAIN_PATH, 1, LIT("3\0"));
    assert_int_equal(xs_ring_serve(&page, c), -EIO);
    assert_int_equal(page.rsp_prod, RING + 5);      /* nothing written */
}

static void test_full_reply_ring_waits_for_the_guest(void **state)
{
    struct xs_conn *c = xs_open(3);
    struct test_msg m;

    (void)state;
    page.rsp_cons = 0;
    page.rsp_prod = RING;                           /* full, unread */
    guest_request(XS_GET_DOMAIN_PATH, 9, LIT("3\0"));
    assert_int_equal(xs_ring_serve(&page, c), 1);   /* the request went in */
    assert_int_equal(page.rsp_prod, RING);
    page.rsp_cons = RING;                           /* the guest reads */
    assert_int_equal(xs_ring_serve(&page, c), 1);
    assert_true(guest_msg(&m));
    assert_int_equal(m.hdr.req_id, 9);
}

static void test_a_ring_full_of_requests_is_served_in_bounded_rounds(void **state)
{
    struct xs_conn *c = xs_open(3);
    char buf[RING];
    size_t n = 0, one;
    int requests = 0, replies = 0;
    struct test_msg m;

    (void)state;
    while (n + 32 <= RING) {
        one = wire_request(buf + n, XS_GET_DOMAIN_PATH, (uint32_t)requests, 0,
                           LIT("3\0"));
        n += one;
        requests++;
    }
    guest_put(buf, (uint32_t)n);
    /* The guest reads nothing: each call stops when rsp[] is full. */
    assert_int_equal(xs_ring_serve(&page, c), 1);
    assert_int_equal(page.rsp_prod - page.rsp_cons, RING);
    /* As the guest reads, everything comes, in order. */
    for (int calls = 0; calls < 100 && replies < requests; calls++) {
        while (guest_msg(&m)) {
            assert_int_equal(m.hdr.req_id, replies);
            replies++;
        }
        xs_ring_serve(&page, c);
    }
    assert_int_equal(replies, requests);
}

static void test_shutdown_fires_release_and_keeps_the_connection(void **state)
{
    struct xs_conn *dom0 = xs_open(0);

    (void)state;
    expect_ok(do_watch(dom0, XS_WATCH, "@releaseDomain", "r"), XS_WATCH);
    expect_event(dom0, "@releaseDomain", "r");
    expect_ok(do_introduce(dom0, LIT("4\0" "100\0" "7\0")), XS_INTRODUCE);
    assert_int_equal(xs_daemon_domain_shutdown(xsd, 4), 0);
    expect_event(dom0, "@releaseDomain", "r");
    assert_non_null(xs_daemon_find_domain(xsd, 4));
    assert_int_equal(fake.release_calls, 0);
    assert_int_equal(xs_daemon_domain_shutdown(xsd, 5), -ENOENT);
    expect_silence(dom0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_request_and_reply_wrap_around_the_ring,
                                        ring_setup, xs_teardown),
        cmocka_unit_test_setup_teardown(test_request_in_pieces, ring_setup,
                                        xs_teardown),
        cmocka_unit_test_setup_teardown(test_request_indices_beyond_the_ring_are_refused,
                                        ring_setup, xs_teardown),
        cmocka_unit_test_setup_teardown(test_reply_indices_beyond_the_ring_are_refused,
                                        ring_setup, xs_teardown),
        cmocka_unit_test_setup_teardown(test_full_reply_ring_waits_for_the_guest,
                                        ring_setup, xs_teardown),
        cmocka_unit_test_setup_teardown(test_a_ring_full_of_requests_is_served_in_bounded_rounds,
                                        ring_setup, xs_teardown),
        cmocka_unit_test_setup_teardown(test_shutdown_fires_release_and_keeps_the_connection,
                                        ring_setup, xs_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
