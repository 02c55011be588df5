/*
 * A test client for the xenstore core (dom0/xenstored/): it plays the
 * daemon's main loop (a fake struct xs_daemon_ops recording every call)
 * and a guest's side of the ring (wire messages in, wire messages out),
 * so the tests speak the real protocol byte by byte.
 *
 * Included by every test_xenstore*.c; each is its own program.
 */
#ifndef TESTS_UNIT_TEST_XENSTORE_CLIENT_H
#define TESTS_UNIT_TEST_XENSTORE_CLIENT_H
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <cmocka.h>
#include "dom0/xenstored/xenstored.h"
#include "public/io/xs_wire.h"
#include "public/errno.h"

#define XS_TEST_UNUSED __attribute__((unused))

/* A string literal with its length, embedded NULs included: LIT("/a\0"). */
#define LIT(s) (s), ((uint32_t)sizeof(s) - 1)

/* ------------------------------------------------ the fake daemon */
struct fake_daemon {
    int introduce_calls;
    int release_calls;
    int introduce_result;           /* what introduce returns */
    domid_t introduced_domid;
    uint32_t introduced_mfn, introduced_port;
    domid_t released_domid;
    struct xs_conn *last_introduced;
    char log[256];
};

static struct fake_daemon fake;
static struct xs_daemon *xsd;

static XS_TEST_UNUSED int fake_introduce(void *ctx, struct xs_conn *conn,
                                         uint32_t mfn, uint32_t port)
{
    struct fake_daemon *f = ctx;

    f->introduce_calls++;
    f->introduced_domid = xs_conn_domid(conn);
    f->introduced_mfn = mfn;
    f->introduced_port = port;
    if (f->introduce_result == 0) {
        f->last_introduced = conn;
        xs_conn_set_priv(conn, f);
    }
    return f->introduce_result;
}

static XS_TEST_UNUSED void fake_release(void *ctx, struct xs_conn *conn)
{
    struct fake_daemon *f = ctx;

    assert_ptr_equal(xs_conn_priv(conn), f);
    assert_true(xs_conn_is_introduced(conn));
    f->release_calls++;
    f->released_domid = xs_conn_domid(conn);
    if (f->last_introduced == conn)
        f->last_introduced = NULL;
}

static XS_TEST_UNUSED void fake_log(void *ctx, const char *text)
{
    struct fake_daemon *f = ctx;

    strncpy(f->log, text, sizeof(f->log) - 1);
}

/* A fresh daemon for each test (cmocka setup / teardown). */
static XS_TEST_UNUSED int xs_setup(void **state)
{
    struct xs_daemon_ops ops = { &fake, fake_introduce, fake_release,
                                 fake_log };

    (void)state;
    memset(&fake, 0, sizeof(fake));
    assert_int_equal(xs_daemon_new(&ops, &xsd), 0);
    return 0;
}

static XS_TEST_UNUSED int xs_teardown(void **state)
{
    (void)state;
    xs_daemon_free(xsd);
    xsd = NULL;
    return 0;
}

/* A local connection acting as domid. */
static XS_TEST_UNUSED struct xs_conn *xs_open(domid_t domid)
{
    struct xs_conn *c = NULL;

    assert_int_equal(xs_conn_open(xsd, domid, &c), 0);
    assert_non_null(c);
    return c;
}

/* ------------------------------------------------ the wire */
struct test_msg {
    struct xsd_sockmsg hdr;
    char payload[XENSTORE_PAYLOAD_MAX + 1];     /* NUL after len bytes */
};

static uint32_t next_req_id = 100;
/* The most bytes the client takes from xs_conn_output at a time. */
static size_t output_chunk = 1u << 20;

/* Build the wire form of a request into buf; its length. */
static XS_TEST_UNUSED size_t wire_request(char *buf, uint32_t type,
                                          uint32_t req_id, uint32_t tx_id,
                                          const void *payload, uint32_t len)
{
    struct xsd_sockmsg hdr = { type, req_id, tx_id, len };

    memcpy(buf, &hdr, sizeof(hdr));
    if (len > 0)
        memcpy(buf + sizeof(hdr), payload, len);
    return sizeof(hdr) + len;
}

/* Feed bytes to c, asserting that it takes all of them. */
static XS_TEST_UNUSED void feed(struct xs_conn *c, const void *bytes,
                                size_t len)
{
    assert_int_equal(xs_conn_input(c, bytes, len), len);
}

/* Send one request (all at once); its req_id. */
static XS_TEST_UNUSED uint32_t send_request(struct xs_conn *c, uint32_t type,
                                            uint32_t tx_id,
                                            const void *payload, uint32_t len)
{
    static char buf[sizeof(struct xsd_sockmsg) + 2 * XENSTORE_PAYLOAD_MAX];
    uint32_t id = next_req_id++;

    assert_true(len <= 2 * XENSTORE_PAYLOAD_MAX);
    feed(c, buf, wire_request(buf, type, id, tx_id, payload, len));
    return id;
}

/* Total bytes c has queued for its client. */
static XS_TEST_UNUSED size_t output_pending(struct xs_conn *c)
{
    size_t len = 0;

    xs_conn_output(c, &len);
    return len;
}

/*
 * Read len bytes of c's output into buf, taking at most output_chunk at a
 * time: whether there were that many.
 */
static XS_TEST_UNUSED bool read_output(struct xs_conn *c, void *buf,
                                       size_t len)
{
    char *out = buf;
    size_t got = 0, avail, take;
    const void *p;

    while (got < len) {
        p = xs_conn_output(c, &avail);
        if (p == NULL)
            return false;
        assert_true(avail > 0);
        take = avail;
        if (take > len - got)
            take = len - got;
        if (take > output_chunk)
            take = output_chunk;
        memcpy(out + got, p, take);
        xs_conn_output_done(c, take);
        got += take;
    }
    return true;
}

/* The next message c sent its client: whether there was one. */
static XS_TEST_UNUSED bool recv_msg(struct xs_conn *c, struct test_msg *m)
{
    if (!read_output(c, &m->hdr, sizeof(m->hdr)))
        return false;
    assert_true(m->hdr.len <= XENSTORE_PAYLOAD_MAX);
    assert_true(read_output(c, m->payload, m->hdr.len));
    m->payload[m->hdr.len] = '\0';
    return true;
}

/*
 * Send a request and return its reply, which must be the next message
 * and carry the request's req_id and tx_id.
 */
static XS_TEST_UNUSED struct test_msg *call(struct xs_conn *c, uint32_t type,
                                            uint32_t tx_id,
                                            const void *payload, uint32_t len)
{
    static struct test_msg reply;
    uint32_t id = send_request(c, type, tx_id, payload, len);

    assert_true(recv_msg(c, &reply));
    assert_int_equal(reply.hdr.req_id, id);
    assert_int_equal(reply.hdr.tx_id, tx_id);
    assert_true(reply.hdr.type == type || reply.hdr.type == XS_ERROR);
    return &reply;
}

/* The reply is the error named err. */
static XS_TEST_UNUSED void expect_error(const struct test_msg *m,
                                        const char *err)
{
    assert_int_equal(m->hdr.type, XS_ERROR);
    assert_int_equal(m->hdr.len, strlen(err) + 1);
    assert_string_equal(m->payload, err);
}

/* The reply is type's success with exactly len bytes of data. */
static XS_TEST_UNUSED void expect_reply(const struct test_msg *m,
                                        uint32_t type, const void *data,
                                        uint32_t len)
{
    if (m->hdr.type == XS_ERROR)
        fail_msg("error reply %s", m->payload);
    assert_int_equal(m->hdr.type, type);
    assert_int_equal(m->hdr.len, len);
    assert_memory_equal(m->payload, data, len);
}

static XS_TEST_UNUSED void expect_ok(const struct test_msg *m, uint32_t type)
{
    expect_reply(m, type, LIT("OK\0"));
}

/* The next message is a watch event for path with token. */
static XS_TEST_UNUSED void expect_event(struct xs_conn *c, const char *path,
                                        const char *token)
{
    struct test_msg m;
    size_t plen = strlen(path) + 1;

    assert_true(recv_msg(c, &m));
    assert_int_equal(m.hdr.type, XS_WATCH_EVENT);
    assert_int_equal(m.hdr.len, plen + strlen(token) + 1);
    assert_string_equal(m.payload, path);
    assert_string_equal(m.payload + plen, token);
}

/* c has nothing more to send. */
static XS_TEST_UNUSED void expect_silence(struct xs_conn *c)
{
    struct test_msg m;

    if (recv_msg(c, &m))
        fail_msg("unexpected message type %u: %s", m.hdr.type, m.payload);
}

/* ------------------------------------------------ requests by name */
/* Join a, NUL, b (b_len bytes) into buf; the length. */
static XS_TEST_UNUSED uint32_t join2(char *buf, const char *a,
                                     const void *b, uint32_t b_len)
{
    size_t alen = strlen(a) + 1;

    memcpy(buf, a, alen);
    memcpy(buf + alen, b, b_len);
    return (uint32_t)(alen + b_len);
}

static XS_TEST_UNUSED struct test_msg *do_write(struct xs_conn *c,
                                                uint32_t tx,
                                                const char *path,
                                                const char *value)
{
    static char buf[XENSTORE_PAYLOAD_MAX * 2];

    return call(c, XS_WRITE, tx, buf,
                join2(buf, path, value, (uint32_t)strlen(value)));
}

/* Requests whose payload is one path. */
static XS_TEST_UNUSED struct test_msg *do_path(struct xs_conn *c,
                                               uint32_t type, uint32_t tx,
                                               const char *path)
{
    return call(c, type, tx, path, (uint32_t)strlen(path) + 1);
}

/* WATCH or UNWATCH path with token. */
static XS_TEST_UNUSED struct test_msg *do_watch(struct xs_conn *c,
                                                uint32_t type,
                                                const char *path,
                                                const char *token)
{
    static char buf[XENSTORE_PAYLOAD_MAX * 2];

    return call(c, type, 0, buf,
                join2(buf, path, token, (uint32_t)strlen(token) + 1));
}

/* SET_PERMS path to the permission strings perms[0..perms_len). */
static XS_TEST_UNUSED struct test_msg *do_set_perms(struct xs_conn *c,
                                                    uint32_t tx,
                                                    const char *path,
                                                    const char *perms,
                                                    uint32_t perms_len)
{
    static char buf[XENSTORE_PAYLOAD_MAX * 2];

    return call(c, XS_SET_PERMS, tx, buf,
                join2(buf, path, perms, perms_len));
}

/* Assert a successful write / read of path's value. */
static XS_TEST_UNUSED void write_ok(struct xs_conn *c, uint32_t tx,
                                    const char *path, const char *value)
{
    expect_ok(do_write(c, tx, path, value), XS_WRITE);
}

static XS_TEST_UNUSED void read_is(struct xs_conn *c, uint32_t tx,
                                   const char *path, const char *value)
{
    expect_reply(do_path(c, XS_READ, tx, path), XS_READ, value,
                 (uint32_t)strlen(value));
}

static XS_TEST_UNUSED void read_fails(struct xs_conn *c, uint32_t tx,
                                      const char *path, const char *err)
{
    expect_error(do_path(c, XS_READ, tx, path), err);
}

static XS_TEST_UNUSED void set_perms_ok(struct xs_conn *c, const char *path,
                                        const char *perms, uint32_t len)
{
    expect_ok(do_set_perms(c, 0, path, perms, len), XS_SET_PERMS);
}

/* Send INTRODUCE from c with args "domid\0mfn\0port\0". */
static XS_TEST_UNUSED struct test_msg *do_introduce(struct xs_conn *c,
                                                    const char *args,
                                                    uint32_t len)
{
    return call(c, XS_INTRODUCE, 0, args, len);
}

/* Start a transaction on c: its id. */
static XS_TEST_UNUSED uint32_t txn_start(struct xs_conn *c)
{
    struct test_msg *m = call(c, XS_TRANSACTION_START, 0, LIT("\0"));
    uint32_t id;

    if (m->hdr.type == XS_ERROR)
        fail_msg("TRANSACTION_START: %s", m->payload);
    assert_int_equal(m->hdr.len, strlen(m->payload) + 1);
    id = (uint32_t)strtoul(m->payload, NULL, 10);
    assert_true(id != 0);
    return id;
}
#endif
