/*
 * /dev/xenbus's own contract (docs/toolstack.md): whole messages, the
 * caller's req_id, poll, watches per file, and what closing a file
 * takes with it.
 */
#include "dom0/xstest/xstest.h"

#define FILE_PENDING 8          /* the kernel's replies-owed limit per file */
#define ROUND_WATCHES 40        /* per round: 4 rounds outgrow every table */

static struct raw_msg m;
static char small[100];
static char text[XENSTORE_PAYLOAD_MAX];
static char longpath[400];

/* Send a WATCH or UNWATCH of path with token on fd: the reply, in m. */
static int watch_call(int fd, uint32_t type, const char *path, const char *token)
{
    uint32_t p = strlen(path) + 1, t = strlen(token) + 1;

    memcpy(text, path, p);
    memcpy(text + p, token, t);
    return raw_call(fd, type, 77, 0, text, p + t, &m);
}

/* Whether the next message on fd is a watch event for path with token. */
static int event_is(int fd, const char *path, const char *token)
{
    uint32_t p;

    if (raw_recv(fd, &m, 5000) != 1 || m.hdr.type != XS_WATCH_EVENT)
        return 0;
    p = strlen(m.body) + 1;
    return strcmp(m.body, path) == 0 && p < m.hdr.len &&
           strcmp(m.body + p, token) == 0 && p + strlen(token) + 1 == m.hdr.len;
}

static void test_framing(int fd)
{
    struct xsd_sockmsg hdr = { XS_READ, 1, 0, 10 };

    CHECK(write(fd, &hdr, 15) == -1, "a write shorter than a header fails");
    memcpy(text, &hdr, sizeof(hdr));
    CHECK(write(fd, text, (int)sizeof(hdr) + 5) == -1,
          "a payload shorter than len fails");
    CHECK(write(fd, text, (int)sizeof(hdr) + 12) == -1,
          "a payload longer than len fails");
    hdr.len = XENSTORE_PAYLOAD_MAX + 1;
    memcpy(text, &hdr, sizeof(hdr));
    CHECK(write(fd, text, (int)sizeof(hdr)) == -1,
          "a len over the maximum fails");
    CHECK(!raw_readable(fd, 300), "and none of them was sent");

    CHECK(raw_call(fd, XS_READ, 0xABCD1234u, 0, TOP "/a", sizeof(TOP "/a"), &m) == 1 &&
          m.hdr.type == XS_READ && m.hdr.req_id == 0xABCD1234u,
          "the reply carries the caller's req_id");
    CHECK(raw_send(fd, XS_WRITE, 11, 0, TOP "/two\0v2", sizeof(TOP "/two\0v2") - 1) > 0 &&
          raw_send(fd, XS_READ, 12, 0, TOP "/two", sizeof(TOP "/two")) > 0,
          "two requests before reading");
    CHECK(raw_recv(fd, &m, 5000) == 1 && m.hdr.req_id == 11 &&
          m.hdr.type == XS_WRITE, "the first reply first");
    CHECK(raw_recv(fd, &m, 5000) == 1 && m.hdr.req_id == 12 &&
          m.hdr.len == 2 && memcmp(m.body, "v2", 2) == 0, "then the second");

    CHECK(!raw_readable(fd, 0), "poll: nothing waiting, no POLLIN");
    CHECK(raw_send(fd, XS_READ, 13, 0, TOP "/big", sizeof(TOP "/big")) > 0 &&
          raw_readable(fd, 5000), "poll: POLLIN once the reply is in");
    CHECK(read(fd, small, sizeof(small)) == -1,
          "a read too small for the message fails");
    CHECK(raw_recv(fd, &m, 0) == 1 && m.hdr.req_id == 13 && m.hdr.len == 2999,
          "and the message stays for the next read");

    for (int i = 0; i < FILE_PENDING; i++)
        raw_send(fd, XS_READ, 100 + i, 0, TOP "/a", sizeof(TOP "/a"));
    CHECK(raw_send(fd, XS_READ, 200, 0, TOP "/a", sizeof(TOP "/a")) == -1,
          "a file owed too many replies may not send more");
    int got = 0;
    while (raw_recv(fd, &m, 2000) == 1 && m.hdr.req_id == (uint32_t)(100 + got))
        got++;
    CHECK(got == FILE_PENDING, "every reply it was owed comes, in order");
}

static void test_file_watches(int fd1, int fd2, int fd3)
{
    CHECK(watch_call(fd1, XS_WATCH, TOP "/dw", "same") == 1 &&
          m.hdr.type == XS_WATCH && m.hdr.req_id == 77, "file 1 watches");
    CHECK(watch_call(fd2, XS_WATCH, TOP "/dw", "same") == 1 &&
          m.hdr.type == XS_WATCH,
          "file 2 watches the same path with the same token");
    CHECK(event_is(fd1, TOP "/dw", "same"), "file 1's first event, its token");
    CHECK(event_is(fd2, TOP "/dw", "same"), "file 2's first event, its token");
    CHECK(raw_call(fd3, XS_WRITE, 5, 0, TOP "/dw/k\0v", sizeof(TOP "/dw/k\0v") - 1, &m) == 1 &&
          m.hdr.type == XS_WRITE, "file 3 writes below");
    CHECK(event_is(fd1, TOP "/dw/k", "same"), "file 1 hears it");
    CHECK(event_is(fd2, TOP "/dw/k", "same"), "file 2 hears it");
    CHECK(!raw_readable(fd3, 300), "file 3, watching nothing, hears nothing");
    CHECK(watch_call(fd3, XS_UNWATCH, TOP "/dw", "same") == 1 &&
          raw_is_error(&m, "ENOENT"), "file 3 cannot remove file 1's watch");
    CHECK(watch_call(fd2, XS_UNWATCH, TOP "/dw", "same") == 1 &&
          m.hdr.type == XS_UNWATCH, "file 2 removes its own");
    CHECK(raw_call(fd3, XS_WRITE, 6, 0, TOP "/dw/k\0w", sizeof(TOP "/dw/k\0w") - 1, &m) == 1,
          "another change");
    CHECK(event_is(fd1, TOP "/dw/k", "same") && !raw_readable(fd2, 300),
          "file 1 still hears, file 2 no more");
    CHECK(raw_call(fd1, XS_WATCH, 8, 0, TOP "/dw", sizeof(TOP "/dw"), &m) == 1 &&
          raw_is_error(&m, "EINVAL"), "a WATCH without a token: EINVAL");
    memset(small, 'p', sizeof(small) - 1);
    small[sizeof(small) - 1] = 0;
    snprintf(longpath, sizeof(longpath), TOP "/%s/%s/%s", small, small, small);
    CHECK(watch_call(fd1, XS_WATCH, longpath, "t") == 1 && raw_is_error(&m, "ENOSPC"),
          "a watch too long for the kernel's table: ENOSPC");
    CHECK(watch_call(fd1, XS_UNWATCH, TOP "/dw", "same") == 1 &&
          m.hdr.type == XS_UNWATCH, "file 1 removes its watch");
}

void test_device(void)
{
    int fd1 = raw_open(), fd2 = raw_open(), fd3 = raw_open();

    CHECK(fd1 >= 0 && fd2 >= 0 && fd3 >= 0, "open /dev/xenbus three times");
    test_framing(fd1);
    test_file_watches(fd1, fd2, fd3);
    close(fd1);
    close(fd2);
    close(fd3);
}

/* fd's transaction tx is gone (the kernel aborted it for a closed file):
 * a READ in it says ENOENT.  Waits up to 2 s for that. */
static int tx_gone(int fd, uint32_t tx)
{
    for (int i = 0; i < 100; i++) {
        if (raw_call(fd, XS_READ, 9, tx, TOP, sizeof(TOP), &m) != 1)
            return 0;
        if (raw_is_error(&m, "ENOENT"))
            return 1;
        sleep(2);
    }
    return 0;
}

/* Register ROUND_WATCHES watches on a new file and close it: whether all
 * were taken (retrying while earlier files' watches are still being
 * removed). */
static int watch_round(int round)
{
    int fd = raw_open(), ok = fd >= 0;
    char path[48];

    for (int i = 0; ok && i < ROUND_WATCHES; i++) {
        snprintf(path, sizeof(path), TOP "/r%d/%d", round, i);
        int tries = 0;
        while (watch_call(fd, XS_WATCH, path, "r") == 1 &&
               raw_is_error(&m, "ENOSPC") && tries++ < 100)
            sleep(2);
        ok = m.hdr.type == XS_WATCH;
        if (ok)
            ok = event_is(fd, path, "r");
    }
    close(fd);
    return ok;
}

void test_device_cleanup(void)
{
    int fd = raw_open(), other = raw_open();
    uint32_t tx;

    CHECK(raw_call(fd, XS_TRANSACTION_START, 1, 0, "", 1, &m) == 1 &&
          m.hdr.type == XS_TRANSACTION_START, "a file starts a transaction");
    tx = (uint32_t)atoi(m.body);
    CHECK(tx != 0 && raw_call(fd, XS_WRITE, 2, tx, TOP "/c\0v", sizeof(TOP "/c\0v") - 1, &m) == 1 &&
          m.hdr.type == XS_WRITE, "and writes in it");
    close(fd);
    CHECK(tx_gone(other, tx), "closing the file aborts its transaction");
    CHECK(raw_call(other, XS_READ, 3, 0, TOP "/c", sizeof(TOP "/c"), &m) == 1 &&
          raw_is_error(&m, "ENOENT"), "and nothing of it happened");

    int rounds = 0;
    for (int r = 0; r < 4; r++)
        rounds += watch_round(r);
    CHECK(rounds == 4, "closing a file removes its watches (4 x 40 taken)");

    /* Files that close before their TRANSACTION_START is answered. */
    for (int i = 0; i < 12; i++) {
        fd = raw_open();
        raw_send(fd, XS_TRANSACTION_START, 1, 0, "", 1);
        close(fd);
    }
    uint32_t ids[10];
    int started = 0;
    for (int tries = 0; started < 10 && tries < 200; tries++) {
        if (raw_call(other, XS_TRANSACTION_START, 4, 0, "", 1, &m) == 1 &&
            m.hdr.type == XS_TRANSACTION_START)
            ids[started++] = (uint32_t)atoi(m.body);
        else
            sleep(2);
    }
    CHECK(started == 10,
          "transactions of files closed before their reply are aborted too");
    for (int i = 0; i < started; i++)
        raw_call(other, XS_TRANSACTION_END, 5, ids[i], "F", 2, &m);
    close(other);
}
