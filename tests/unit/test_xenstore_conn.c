/*
 * The xenstore core's connections (dom0/xenstored/): request bytes in
 * any pieces, malformed headers, the bounded output queue, and domains
 * coming (INTRODUCE) and going (RELEASE, death) through the daemon's
 * callbacks.
 */
// uses: dom0/xenstored/changes.c dom0/xenstored/conn.c dom0/xenstored/conn_input.c dom0/xenstored/daemon.c dom0/xenstored/node.c dom0/xenstored/path.c dom0/xenstored/perms.c dom0/xenstored/request.c dom0/xenstored/request_domain.c dom0/xenstored/request_txn.c dom0/xenstored/request_watch.c dom0/xenstored/store.c dom0/xenstored/tree.c dom0/xenstored/txn.c dom0/xenstored/watch.c dom0/xenstored/xs_lib.c
#include "tests/unit/test_xenstore_client.h"

static void test_message_in_single_bytes(void **state)
{
    struct xs_conn *dom0 = xs_open(0);
    char buf[64];
    size_t n = wire_request(buf, XS_WRITE, 7, 0, LIT("/tool/a\0value"));
    struct test_msg m;
    size_t i;

    (void)state;
    for (i = 0; i < n; i++) {
        expect_silence(dom0);
        feed(dom0, buf + i, 1);
    }
    assert_true(recv_msg(dom0, &m));
    assert_int_equal(m.hdr.req_id, 7);
    expect_ok(&m, XS_WRITE);
    read_is(dom0, 0, "/tool/a", "value");
}

static void test_several_messages_at_once_answer_in_order(void **state)
{
    struct xs_conn *dom0 = xs_open(0);
    char buf[256];
    size_t n = 0;
    struct test_msg m;

    (void)state;
    n += wire_request(buf + n, XS_WRITE, 1, 0, LIT("/tool/a\0one"));
    n += wire_request(buf + n, XS_READ, 2, 0, LIT("/tool/a\0"));
    n += wire_request(buf + n, XS_READ, 3, 0, LIT("/tool/none\0"));
    /* ...and the first half of a fourth. */
    n += wire_request(buf + n, XS_DIRECTORY, 4, 0, LIT("/tool\0"));
    feed(dom0, buf, n - 10);
    assert_true(recv_msg(dom0, &m));
    assert_int_equal(m.hdr.req_id, 1);
    expect_ok(&m, XS_WRITE);
    assert_true(recv_msg(dom0, &m));
    assert_int_equal(m.hdr.req_id, 2);
    expect_reply(&m, XS_READ, LIT("one"));
    assert_true(recv_msg(dom0, &m));
    assert_int_equal(m.hdr.req_id, 3);
    expect_error(&m, "ENOENT");
    expect_silence(dom0);
    feed(dom0, buf + n - 10, 10);
    assert_true(recv_msg(dom0, &m));
    assert_int_equal(m.hdr.req_id, 4);
    expect_reply(&m, XS_DIRECTORY, LIT("a\0"));
}

static void test_output_taken_in_small_pieces(void **state)
{
    struct xs_conn *dom0 = xs_open(0);

    (void)state;
    output_chunk = 3;
    write_ok(dom0, 0, "/tool/a", "a longer value, read three bytes at a time");
    read_is(dom0, 0, "/tool/a", "a longer value, read three bytes at a time");
    output_chunk = 1u << 20;
}

static void test_oversized_len_is_refused_and_skipped(void **state)
{
    struct xs_conn *dom0 = xs_open(0), *other = xs_open(0);
    static char big[XENSTORE_PAYLOAD_MAX + 1 + sizeof(struct xsd_sockmsg)];
    struct test_msg *m;

    (void)state;
    memset(big, 'z', sizeof(big));
    m = call(dom0, XS_WRITE, 0, big, XENSTORE_PAYLOAD_MAX + 1);
    expect_error(m, "EINVAL");
    /* The payload did not leak into the next message. */
    write_ok(dom0, 0, "/tool/after", "fine");
    read_is(other, 0, "/tool/after", "fine");
    /* A payload of exactly the maximum is taken. */
    memcpy(big, "/tool/max\0", 10);
    expect_ok(call(dom0, XS_WRITE, 0, big, XENSTORE_PAYLOAD_MAX), XS_WRITE);
}

static void test_unknown_and_daemon_only_types(void **state)
{
    struct xs_conn *dom0 = xs_open(0);
    struct test_msg m;

    (void)state;
    send_request(dom0, 18, 0, LIT("/tool/a\0x"));
    assert_true(recv_msg(dom0, &m));
    assert_int_equal(m.hdr.type, XS_ERROR);
    assert_string_equal(m.payload, "ENOSYS");
    send_request(dom0, 0xffffffff, 0, "", 0);
    assert_true(recv_msg(dom0, &m));
    assert_string_equal(m.payload, "ENOSYS");
    expect_error(call(dom0, XS_WATCH_EVENT, 0, LIT("/tool\0t\0")), "EINVAL");
    expect_error(call(dom0, XS_ERROR, 0, LIT("EINVAL\0")), "EINVAL");
    read_fails(dom0, 0, "/tool/a", "ENOENT");
}

static void test_garbage_on_one_connection_spares_others(void **state)
{
    struct xs_conn *dom0 = xs_open(0), *bad = xs_open(5);
    static char garbage[3000];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(garbage); i++)
        garbage[i] = (char)(i * 131 + 7);
    xs_conn_input(bad, garbage, sizeof(garbage));
    while (output_pending(bad) > 0)
        xs_conn_output_done(bad, output_pending(bad));
    write_ok(dom0, 0, "/tool/ok", "still");
    read_is(dom0, 0, "/tool/ok", "still");
}

/*
 * A client that never reads: watch events stop being queued at the cap,
 * and requests wait (their bytes are not taken) rather than lose their
 * replies.
 */
static void test_output_cap_drops_events_never_replies(void **state)
{
    struct xs_conn *dom0 = xs_open(0), *lazy = xs_open(0);
    char buf[128];
    size_t n = 0, taken;
    struct test_msg m;
    int i, events = 0;

    (void)state;
    expect_ok(do_watch(lazy, XS_WATCH, "/tool", "t"), XS_WATCH);
    for (i = 0; i < 4000; i++)
        write_ok(dom0, 0, "/tool/busy", "x");
    for (i = 0; i < 3; i++)
        n += wire_request(buf + n, XS_READ, 42 + i, 0, LIT("/tool/busy\0"));
    taken = xs_conn_input(lazy, buf, n);
    assert_true(taken < n);
    /* Reading everything: events up to the cap, then the replies. */
    while (recv_msg(lazy, &m) && m.hdr.type == XS_WATCH_EVENT)
        events++;
    assert_true(events > 100);
    assert_true(events < 4000);
    assert_true(events * (16 + sizeof("/tool/busy") + 2) <=
                XS_CONN_OUTPUT_MAX);
    assert_int_equal(xs_conn_input(lazy, buf + taken, n - taken), n - taken);
    for (i = 0; i < 3; i++) {
        if (i > 0)
            assert_true(recv_msg(lazy, &m));
        assert_int_equal(m.hdr.req_id, 42 + i);
        expect_reply(&m, XS_READ, LIT("x"));
    }
    expect_silence(lazy);
    /* Room again: events flow. */
    write_ok(dom0, 0, "/tool/busy", "y");
    expect_event(lazy, "/tool/busy", "t");
}

/*
 * Replies are never dropped: a stream of large replies is handled until
 * the queue is full, the rest waits for the client to read, and every
 * reply arrives in order.
 */
static void test_replies_wait_for_room_in_order(void **state)
{
    struct xs_conn *dom0 = xs_open(0);
    static char value[3000];
    static char stream[40 * (3000 + 64)];
    size_t n = 0, taken, first_round = 0;
    struct test_msg m;
    int i, replies = 0;

    (void)state;
    memset(value, 'v', sizeof(value) - 1);
    write_ok(dom0, 0, "/tool/v", value);
    for (i = 0; i < 40; i++)
        n += wire_request(stream + n, XS_READ, 1000 + i, 0,
                          LIT("/tool/v\0"));
    taken = xs_conn_input(dom0, stream, n);
    assert_true(taken < n);
    /* What was queued is bounded by the cap and one more reply. */
    while (recv_msg(dom0, &m)) {
        assert_int_equal(m.hdr.req_id, 1000 + replies);
        expect_reply(&m, XS_READ, value, sizeof(value) - 1);
        replies++;
        first_round += sizeof(m.hdr) + m.hdr.len;
    }
    assert_true(replies > 1 && replies < 40);
    assert_true(first_round <= XS_CONN_OUTPUT_MAX + sizeof(m.hdr) +
                                   XENSTORE_PAYLOAD_MAX);
    /* Keep feeding as the client reads. */
    while (replies < 40) {
        taken += xs_conn_input(dom0, stream + taken, n - taken);
        assert_true(recv_msg(dom0, &m));
        assert_int_equal(m.hdr.req_id, 1000 + replies);
        expect_reply(&m, XS_READ, value, sizeof(value) - 1);
        replies++;
    }
    assert_int_equal(taken, n);
    expect_silence(dom0);
}

static void test_introduce_makes_a_domain_connection(void **state)
{
    struct xs_conn *dom0 = xs_open(0), *domu;

    (void)state;
    expect_ok(do_introduce(dom0, LIT("5\0" "4096\0" "17\0")), XS_INTRODUCE);
    assert_int_equal(fake.introduce_calls, 1);
    assert_int_equal(fake.introduced_domid, 5);
    assert_int_equal(fake.introduced_mfn, 4096);
    assert_int_equal(fake.introduced_port, 17);
    domu = xs_daemon_find_domain(xsd, 5);
    assert_non_null(domu);
    assert_ptr_equal(domu, fake.last_introduced);
    assert_int_equal(xs_conn_domid(domu), 5);
    assert_true(xs_conn_is_introduced(domu));
    assert_false(xs_conn_is_introduced(dom0));
    /* Its directory is its own. */
    expect_reply(do_path(dom0, XS_GET_PERMS, 0, "/local/domain/5"),
                 XS_GET_PERMS, LIT("n5\0"));
    write_ok(domu, 0, "/local/domain/5/name", "guest");
    write_ok(domu, 0, "data", "relative");
    read_is(dom0, 0, "/local/domain/5/data", "relative");
    read_fails(domu, 0, "/tool", "EACCES");
    expect_reply(call(domu, XS_IS_DOMAIN_INTRODUCED, 0, LIT("5\0")),
                 XS_IS_DOMAIN_INTRODUCED, LIT("T\0"));
    expect_reply(call(domu, XS_IS_DOMAIN_INTRODUCED, 0, LIT("6\0")),
                 XS_IS_DOMAIN_INTRODUCED, LIT("F\0"));
    expect_reply(call(domu, XS_IS_DOMAIN_INTRODUCED, 0, LIT("0\0")),
                 XS_IS_DOMAIN_INTRODUCED, LIT("T\0"));
    expect_error(call(domu, XS_IS_DOMAIN_INTRODUCED, 0, LIT("x\0")),
                 "EINVAL");
    /* Introducing it again is refused; the connection stays. */
    expect_error(do_introduce(dom0, LIT("5\0" "4096\0" "17\0")), "EEXIST");
    assert_int_equal(fake.introduce_calls, 1);
    assert_ptr_equal(xs_daemon_find_domain(xsd, 5), domu);
}

static void test_introduce_takes_over_an_existing_directory(void **state)
{
    struct xs_conn *dom0 = xs_open(0);

    (void)state;
    write_ok(dom0, 0, "/local/domain/6/name", "made by the tools");
    expect_ok(do_introduce(dom0, LIT("6\0" "1\0" "2\0")), XS_INTRODUCE);
    expect_reply(do_path(dom0, XS_GET_PERMS, 0, "/local/domain/6"),
                 XS_GET_PERMS, LIT("n6\0"));
    /* Only the directory itself changes hands. */
    expect_reply(do_path(dom0, XS_GET_PERMS, 0, "/local/domain/6/name"),
                 XS_GET_PERMS, LIT("n0\0"));
    read_is(dom0, 0, "/local/domain/6/name", "made by the tools");
}

static void test_introduce_is_dom0s_and_checks_arguments(void **state)
{
    struct xs_conn *dom0 = xs_open(0), *guest = xs_open(5);
    static const struct {
        const char *args;
        uint32_t len;
    } bad[] = {
        { LIT("0\0" "1\0" "1\0") },         /* dom0 itself */
        { LIT("32752\0" "1\0" "1\0") },     /* reserved domid */
        { LIT("x\0" "1\0" "1\0") },
        { LIT("7\0" "1\0" "1024\0") },      /* no such port */
        { LIT("7\0" "4294967296\0" "1\0") },
        { LIT("7\0" "-1\0" "1\0") },
        { LIT("7\0" "1\0") },
        { LIT("7\0" "1\0" "1\0" "1\0") },
        { LIT("7\0" "1\0" "1") },
        { LIT("") },
    };
    size_t i;

    (void)state;
    expect_error(do_introduce(guest, LIT("7\0" "1\0" "1\0")), "EACCES");
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        expect_error(do_introduce(dom0, bad[i].args, bad[i].len), "EINVAL");
    assert_int_equal(fake.introduce_calls, 0);
    read_fails(dom0, 0, "/local/domain/7", "ENOENT");
    expect_ok(do_introduce(dom0, LIT("7\0" "4294967295\0" "1023\0")),
              XS_INTRODUCE);
    assert_int_equal(fake.introduced_mfn, 4294967295u);
}

static void test_introduce_fails_if_the_daemon_cannot_map(void **state)
{
    struct xs_conn *dom0 = xs_open(0);

    (void)state;
    fake.introduce_result = -EINVAL;
    expect_error(do_introduce(dom0, LIT("5\0" "1\0" "2\0")), "EINVAL");
    fake.introduce_result = -ENOMEM;
    expect_error(do_introduce(dom0, LIT("5\0" "1\0" "2\0")), "ENOMEM");
    assert_int_equal(fake.introduce_calls, 2);
    assert_int_equal(fake.release_calls, 0);
    assert_null(xs_daemon_find_domain(xsd, 5));
    read_fails(dom0, 0, "/local/domain/5", "ENOENT");
    fake.introduce_result = 0;
    expect_ok(do_introduce(dom0, LIT("5\0" "1\0" "2\0")), XS_INTRODUCE);
}

static void test_release_closes_the_domain_connection(void **state)
{
    struct xs_conn *dom0 = xs_open(0), *guest = xs_open(6), *domu;
    uint32_t tx;

    (void)state;
    expect_ok(do_introduce(dom0, LIT("5\0" "1\0" "2\0")), XS_INTRODUCE);
    domu = xs_daemon_find_domain(xsd, 5);
    expect_ok(do_watch(domu, XS_WATCH, "/local/domain/5", "mine"),
              XS_WATCH);
    expect_event(domu, "/local/domain/5", "mine");
    tx = txn_start(domu);
    write_ok(domu, tx, "/local/domain/5/pending", "x");
    expect_error(call(guest, XS_RELEASE, 0, LIT("5\0")), "EACCES");
    expect_error(call(dom0, XS_RELEASE, 0, LIT("0\0")), "EINVAL");
    expect_error(call(dom0, XS_RELEASE, 0, LIT("x\0")), "EINVAL");
    expect_error(call(dom0, XS_RELEASE, 0, LIT("5")), "EINVAL");
    expect_error(call(dom0, XS_RELEASE, 0, LIT("8\0")), "ENOENT");
    assert_int_equal(fake.release_calls, 0);
    expect_ok(call(dom0, XS_RELEASE, 0, LIT("5\0")), XS_RELEASE);
    assert_int_equal(fake.release_calls, 1);
    assert_int_equal(fake.released_domid, 5);
    assert_null(xs_daemon_find_domain(xsd, 5));
    expect_reply(call(dom0, XS_IS_DOMAIN_INTRODUCED, 0, LIT("5\0")),
                 XS_IS_DOMAIN_INTRODUCED, LIT("F\0"));
    /* Its nodes stay for the tools; its transaction is gone. */
    read_is(dom0, 0, "/local/domain/5", "");
    read_fails(dom0, 0, "/local/domain/5/pending", "ENOENT");
    /* It may be introduced again. */
    expect_ok(do_introduce(dom0, LIT("5\0" "1\0" "2\0")), XS_INTRODUCE);
}

static void test_closing_or_freeing_releases_domains(void **state)
{
    struct xs_conn *dom0 = xs_open(0), *domu, *local;

    (void)state;
    expect_ok(do_introduce(dom0, LIT("5\0" "1\0" "2\0")), XS_INTRODUCE);
    expect_ok(do_introduce(dom0, LIT("6\0" "1\0" "2\0")), XS_INTRODUCE);
    expect_ok(do_introduce(dom0, LIT("7\0" "1\0" "2\0")), XS_INTRODUCE);
    domu = xs_daemon_find_domain(xsd, 5);
    xs_conn_close(domu);
    assert_int_equal(fake.release_calls, 1);
    assert_int_equal(fake.released_domid, 5);
    /* A local connection acting as a domain is not its connection. */
    local = xs_open(6);
    xs_conn_close(local);
    assert_int_equal(fake.release_calls, 1);
    assert_non_null(xs_daemon_find_domain(xsd, 6));
    /* Freeing the daemon releases the rest. */
    xs_daemon_free(xsd);
    xsd = NULL;
    assert_int_equal(fake.release_calls, 3);
    xs_setup(state);
}

static void test_connection_list_and_reserved_domids(void **state)
{
    struct xs_conn *a = xs_open(0), *b = xs_open(3), *c, *seen[3];
    int n = 0;

    (void)state;
    assert_int_equal(xs_conn_open(xsd, DOMID_SELF, &c), -EINVAL);
    assert_int_equal(xs_conn_open(xsd, 0xffff, &c), -EINVAL);
    expect_ok(do_introduce(a, LIT("5\0" "1\0" "2\0")), XS_INTRODUCE);
    for (c = xs_daemon_next_conn(xsd, NULL); c != NULL;
         c = xs_daemon_next_conn(xsd, c)) {
        assert_true(n < 3);
        seen[n++] = c;
    }
    assert_int_equal(n, 3);
    assert_true(seen[0] == a || seen[1] == a || seen[2] == a);
    assert_true(seen[0] == b || seen[1] == b || seen[2] == b);
    assert_null(xs_conn_priv(a));
    xs_conn_set_priv(a, &n);
    assert_ptr_equal(xs_conn_priv(a), &n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, xs_setup, xs_teardown)
        T(test_message_in_single_bytes),
        T(test_several_messages_at_once_answer_in_order),
        T(test_output_taken_in_small_pieces),
        T(test_oversized_len_is_refused_and_skipped),
        T(test_unknown_and_daemon_only_types),
        T(test_garbage_on_one_connection_spares_others),
        T(test_output_cap_drops_events_never_replies),
        T(test_replies_wait_for_room_in_order),
        T(test_introduce_makes_a_domain_connection),
        T(test_introduce_takes_over_an_existing_directory),
        T(test_introduce_is_dom0s_and_checks_arguments),
        T(test_introduce_fails_if_the_daemon_cannot_map),
        T(test_release_closes_the_domain_connection),
        T(test_closing_or_freeing_releases_domains),
        T(test_connection_list_and_reserved_domids),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
