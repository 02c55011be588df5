/*
 * The xenstore core's watches (dom0/xenstored/): when they fire, what
 * they report, who may receive an event, and their limits.
 */
// uses: dom0/xenstored/changes.c dom0/xenstored/conn.c dom0/xenstored/conn_input.c dom0/xenstored/daemon.c dom0/xenstored/node.c dom0/xenstored/path.c dom0/xenstored/perms.c dom0/xenstored/request.c dom0/xenstored/request_domain.c dom0/xenstored/request_txn.c dom0/xenstored/request_watch.c dom0/xenstored/store.c dom0/xenstored/tree.c dom0/xenstored/txn.c dom0/xenstored/watch.c dom0/xenstored/xs_lib.c
#include "tests/unit/test_xenstore_client.h"

/* Set a watch, check the OK and the event it fires at once. */
static void watch_ok(struct xs_conn *c, const char *path, const char *token)
{
    expect_ok(do_watch(c, XS_WATCH, path, token), XS_WATCH);
    expect_event(c, path, token);
}

static void test_new_watch_fires_once_after_its_reply(void **state)
{
    struct xs_conn *dom0 = xs_open(0);

    (void)state;
    expect_ok(do_watch(dom0, XS_WATCH, "/tool/w", "tok"), XS_WATCH);
    expect_event(dom0, "/tool/w", "tok");
    expect_silence(dom0);
}

static void test_change_at_or_below_fires_once_per_change(void **state)
{
    struct xs_conn *dom0 = xs_open(0);

    (void)state;
    watch_ok(dom0, "/tool/w", "t");
    write_ok(dom0, 0, "/tool/w", "1");
    expect_event(dom0, "/tool/w", "t");
    expect_silence(dom0);
    write_ok(dom0, 0, "/tool/w/a/b", "2");
    expect_event(dom0, "/tool/w/a/b", "t");
    expect_silence(dom0);
    expect_ok(do_path(dom0, XS_MKDIR, 0, "/tool/w/m"), XS_MKDIR);
    expect_event(dom0, "/tool/w/m", "t");
    set_perms_ok(dom0, "/tool/w/m", LIT("r0\0"));
    expect_event(dom0, "/tool/w/m", "t");
    expect_ok(do_path(dom0, XS_RM, 0, "/tool/w/a"), XS_RM);
    expect_event(dom0, "/tool/w/a", "t");
    expect_silence(dom0);
}

static void test_unrelated_changes_do_not_fire(void **state)
{
    struct xs_conn *dom0 = xs_open(0);

    (void)state;
    watch_ok(dom0, "/tool/w", "t");
    write_ok(dom0, 0, "/tool/wx", "prefix but not below");
    write_ok(dom0, 0, "/tool/other", "1");
    write_ok(dom0, 0, "/local/x", "1");
    /* Changes that change nothing fire nothing. */
    write_ok(dom0, 0, "/tool/w/a", "1");
    expect_event(dom0, "/tool/w/a", "t");
    expect_ok(do_path(dom0, XS_MKDIR, 0, "/tool/w/a"), XS_MKDIR);
    expect_ok(do_path(dom0, XS_RM, 0, "/tool/w/none"), XS_RM);
    /* Nor do failed ones. */
    expect_error(do_path(dom0, XS_RM, 0, "/tool/w/none/deeper"), "ENOENT");
    expect_silence(dom0);
}

static void test_removing_an_ancestor_fires_with_the_watched_path(void **state)
{
    struct xs_conn *dom0 = xs_open(0);

    (void)state;
    write_ok(dom0, 0, "/tool/a/b/c", "1");
    watch_ok(dom0, "/tool/a/b/c", "deep");
    watch_ok(dom0, "/tool/a/b", "mid");
    watch_ok(dom0, "/tool/a/zz", "absent");
    expect_ok(do_path(dom0, XS_RM, 0, "/tool/a"), XS_RM);
    expect_event(dom0, "/tool/a/b/c", "deep");
    expect_event(dom0, "/tool/a/b", "mid");
    expect_event(dom0, "/tool/a/zz", "absent");
    expect_silence(dom0);
}

static void test_every_watch_fires_with_its_own_token(void **state)
{
    struct xs_conn *dom0 = xs_open(0), *other = xs_open(0);

    (void)state;
    watch_ok(dom0, "/tool", "outer");
    watch_ok(dom0, "/tool/x", "inner");
    watch_ok(other, "/tool/x", "inner");
    /* A watch on "/" sees every node. */
    watch_ok(other, "/", "root");
    write_ok(dom0, 0, "/tool/x", "1");
    expect_event(dom0, "/tool/x", "outer");
    expect_event(dom0, "/tool/x", "inner");
    expect_silence(dom0);
    expect_event(other, "/tool/x", "inner");
    expect_event(other, "/tool/x", "root");
    expect_silence(other);
}

static void test_duplicate_and_unknown_watches(void **state)
{
    struct xs_conn *dom0 = xs_open(0);

    (void)state;
    watch_ok(dom0, "/tool/w", "t");
    expect_error(do_watch(dom0, XS_WATCH, "/tool/w", "t"), "EEXIST");
    watch_ok(dom0, "/tool/w", "t2");
    expect_ok(do_watch(dom0, XS_UNWATCH, "/tool/w", "t"), XS_UNWATCH);
    expect_error(do_watch(dom0, XS_UNWATCH, "/tool/w", "t"), "ENOENT");
    expect_error(do_watch(dom0, XS_UNWATCH, "/tool/v", "t2"), "ENOENT");
    write_ok(dom0, 0, "/tool/w", "1");
    expect_event(dom0, "/tool/w", "t2");
    expect_silence(dom0);
    expect_ok(do_watch(dom0, XS_UNWATCH, "/tool/w", "t2"), XS_UNWATCH);
    write_ok(dom0, 0, "/tool/w", "2");
    expect_silence(dom0);
}

static void test_bad_watch_requests_are_einval(void **state)
{
    struct xs_conn *dom0 = xs_open(0);
    static char token[XENSTORE_PAYLOAD_MAX];
    uint32_t token_max = XENSTORE_PAYLOAD_MAX - XENSTORE_ABS_PATH_MAX - 2;

    (void)state;
    expect_error(call(dom0, XS_WATCH, 0, LIT("/tool\0")), "EINVAL");
    expect_error(call(dom0, XS_WATCH, 0, LIT("/tool\0t")), "EINVAL");
    expect_error(call(dom0, XS_WATCH, 0, LIT("/tool\0t\0x\0")), "EINVAL");
    expect_error(do_watch(dom0, XS_WATCH, "/tool/", "t"), "EINVAL");
    expect_error(do_watch(dom0, XS_WATCH, "@other", "t"), "EINVAL");
    expect_error(call(dom0, XS_UNWATCH, 0, LIT("/tool")), "EINVAL");
    /* Tokens are bounded so that every event fits in a message. */
    memset(token, 'k', token_max + 1);
    expect_error(do_watch(dom0, XS_WATCH, "/tool", token), "EINVAL");
    token[token_max] = '\0';
    watch_ok(dom0, "/tool", token);
    expect_silence(dom0);
}

static void test_watch_limit_per_connection(void **state)
{
    struct xs_conn *dom0 = xs_open(0), *other = xs_open(0);
    char token[16];
    int i;

    (void)state;
    for (i = 0; i < 128; i++) {
        snprintf(token, sizeof(token), "t%d", i);
        watch_ok(dom0, "/tool", token);
    }
    expect_error(do_watch(dom0, XS_WATCH, "/tool", "one-more"), "ENOSPC");
    watch_ok(other, "/tool", "one-more");
    expect_ok(do_watch(dom0, XS_UNWATCH, "/tool", "t0"), XS_UNWATCH);
    watch_ok(dom0, "/tool", "one-more");
}

static void test_events_need_read_permission(void **state)
{
    struct xs_conn *dom0 = xs_open(0), *reader = xs_open(6);
    struct xs_conn *stranger = xs_open(7);

    (void)state;
    write_ok(dom0, 0, "/tool/s/node", "v");
    set_perms_ok(dom0, "/tool/s", LIT("n0\0r6\0"));
    set_perms_ok(dom0, "/tool/s/node", LIT("n0\0r6\0"));
    /* The stranger's watch is accepted but it sees nothing. */
    expect_ok(do_watch(stranger, XS_WATCH, "/tool/s/node", "t"), XS_WATCH);
    expect_silence(stranger);
    watch_ok(reader, "/tool/s/node", "t");
    write_ok(dom0, 0, "/tool/s/node", "changed");
    expect_event(reader, "/tool/s/node", "t");
    expect_silence(stranger);
    /* A node the reader may not read is hidden from it too. */
    write_ok(dom0, 0, "/tool/s/node/secret", "x");
    set_perms_ok(dom0, "/tool/s/node/secret", LIT("n0\0"));
    expect_event(reader, "/tool/s/node/secret", "t");     /* the write */
    write_ok(dom0, 0, "/tool/s/node/secret", "y");
    expect_silence(reader);
    /* A removed node is seen by who may read the nearest node left. */
    expect_ok(do_path(dom0, XS_RM, 0, "/tool/s/node"), XS_RM);
    expect_event(reader, "/tool/s/node", "t");
    expect_silence(stranger);
    expect_silence(reader);
}

static void test_relative_watch_reports_relative_paths(void **state)
{
    struct xs_conn *dom0 = xs_open(0), *guest = xs_open(5);

    (void)state;
    expect_ok(do_path(dom0, XS_MKDIR, 0, "/local/domain/5"), XS_MKDIR);
    set_perms_ok(dom0, "/local/domain/5", LIT("n5\0"));
    expect_ok(do_watch(guest, XS_WATCH, "device", "dev"), XS_WATCH);
    expect_event(guest, "device", "dev");
    watch_ok(guest, "/local/domain/5/device", "abs");
    write_ok(dom0, 0, "/local/domain/5/device/vbd/768", "x");
    expect_event(guest, "device/vbd/768", "dev");
    expect_event(guest, "/local/domain/5/device/vbd/768", "abs");
    expect_ok(do_path(dom0, XS_RM, 0, "/local/domain/5"), XS_RM);
    /* The guest may not read /local/domain: it does not see this. */
    expect_silence(guest);
    expect_ok(do_watch(guest, XS_UNWATCH, "device", "dev"), XS_UNWATCH);
}

static void test_special_watches_fire_on_introduce_and_release(void **state)
{
    struct xs_conn *dom0 = xs_open(0), *guest = xs_open(5);

    (void)state;
    watch_ok(dom0, "@introduceDomain", "in");
    watch_ok(dom0, "@releaseDomain", "out");
    watch_ok(guest, "@releaseDomain", "guest-out");
    expect_ok(do_introduce(dom0, LIT("9\0" "1234\0" "5\0")), XS_INTRODUCE);
    expect_event(dom0, "@introduceDomain", "in");
    expect_silence(dom0);
    expect_silence(guest);
    expect_ok(call(dom0, XS_RELEASE, 0, LIT("9\0")), XS_RELEASE);
    expect_event(dom0, "@releaseDomain", "out");
    expect_event(guest, "@releaseDomain", "guest-out");
    /* The daemon telling of a dead domain fires it too. */
    expect_ok(do_introduce(dom0, LIT("9\0" "1234\0" "5\0")), XS_INTRODUCE);
    expect_event(dom0, "@introduceDomain", "in");
    assert_int_equal(xs_daemon_domain_gone(xsd, 9), 0);
    expect_event(dom0, "@releaseDomain", "out");
    expect_event(guest, "@releaseDomain", "guest-out");
    assert_int_equal(xs_daemon_domain_gone(xsd, 9), -ENOENT);
    expect_silence(dom0);
    expect_silence(guest);
    /* Special paths do not match node watches, not even "/". */
    watch_ok(dom0, "/", "root");
    expect_ok(do_introduce(dom0, LIT("10\0" "1\0" "1\0")), XS_INTRODUCE);
    expect_event(dom0, "/local/domain/10", "root");
    expect_event(dom0, "@introduceDomain", "in");
    expect_silence(dom0);
}

static void test_watch_events_go_to_other_connections(void **state)
{
    struct xs_conn *dom0 = xs_open(0), *writer = xs_open(0);

    (void)state;
    watch_ok(dom0, "/tool/shared", "t");
    write_ok(writer, 0, "/tool/shared/k", "v");
    expect_silence(writer);
    expect_event(dom0, "/tool/shared/k", "t");
    /* Closing a connection ends its watches. */
    xs_conn_close(dom0);
    write_ok(writer, 0, "/tool/shared/k", "w");
    expect_silence(writer);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, xs_setup, xs_teardown)
        T(test_new_watch_fires_once_after_its_reply),
        T(test_change_at_or_below_fires_once_per_change),
        T(test_unrelated_changes_do_not_fire),
        T(test_removing_an_ancestor_fires_with_the_watched_path),
        T(test_every_watch_fires_with_its_own_token),
        T(test_duplicate_and_unknown_watches),
        T(test_bad_watch_requests_are_einval),
        T(test_watch_limit_per_connection),
        T(test_events_need_read_permission),
        T(test_relative_watch_reports_relative_paths),
        T(test_special_watches_fire_on_introduce_and_release),
        T(test_watch_events_go_to_other_connections),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
