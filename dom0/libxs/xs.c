/* The xenstore client over /dev/xenbus (see xs.h). */
#include "dom0/libxs/xs.h"
#include "public/errno.h"
#include "public/io/xs_wire.h"
#include "user.h"
#include "fcntl.h"

#define MSG_MAX (sizeof(struct xsd_sockmsg) + XENSTORE_PAYLOAD_MAX)

/* One message's worth of room; a program has one xenstore call at a time. */
static char msg[MSG_MAX + 1];

int xs_open(struct xs *xs)
{
    memset(xs, 0, sizeof(*xs));
    xs->next_req_id = 1;
    xs->fd = open("/dev/xenbus", O_RDWR);
    return xs->fd < 0 ? -EIO : 0;
}

void xs_close(struct xs *xs)
{
    if (xs->fd >= 0)
        close(xs->fd);
    xs->fd = -1;
}

/* The negative errno an XS_ERROR payload names. */
static int error_number(const char *name, uint32_t len)
{
    for (unsigned int i = 0; i < sizeof(xsd_errors) / sizeof(xsd_errors[0]); i++) {
        uint32_t n = strlen(xsd_errors[i].errstring);
        if ((len == n || (len == n + 1 && name[n] == 0)) &&
            strncmp(xsd_errors[i].errstring, name, n) == 0)
            return -xsd_errors[i].errnum;
    }
    return -EIO;
}

/* Keep a watch event (path\0token\0) for xs_read_watch; drop it if full. */
static void keep_event(struct xs *xs, const char *payload, uint32_t len)
{
    if (xs->nr_events == XS_MAX_EVENTS)
        return;
    struct xs_event *ev = &xs->events[xs->nr_events];
    uint32_t plen = 0;
    while (plen < len && payload[plen])
        plen++;
    if (plen + 1 >= len || plen >= sizeof(ev->path))
        return;
    const char *token = payload + plen + 1;
    uint32_t tlen = 0;
    while (plen + 1 + tlen < len && token[tlen])
        tlen++;
    if (tlen >= sizeof(ev->token))
        return;
    memcpy(ev->path, payload, plen);
    ev->path[plen] = 0;
    memcpy(ev->token, token, tlen);
    ev->token[tlen] = 0;
    xs->nr_events++;
}

/* Read one whole message into msg; its payload length, or -EIO. */
static int read_message(struct xs *xs, struct xsd_sockmsg *hdr)
{
    int n = read(xs->fd, msg, MSG_MAX);
    if (n < (int)sizeof(*hdr))
        return -EIO;
    memcpy(hdr, msg, sizeof(*hdr));
    if (hdr->len > XENSTORE_PAYLOAD_MAX || (int)(sizeof(*hdr) + hdr->len) != n)
        return -EIO;
    msg[n] = 0;
    return (int)hdr->len;
}

/*
 * Send a request of type made of the count strings in parts (each sent
 * with its NUL, except the last if last_raw: a WRITE's value), wait for
 * its reply and leave the reply's payload in msg + header.  Returns the
 * payload length or a negative errno.
 */
static int request(struct xs *xs, uint32_t type, const char *const *parts,
                   int count, int last_raw)
{
    struct xsd_sockmsg hdr = {
        .type = type, .req_id = xs->next_req_id++, .tx_id = xs->tx, .len = 0,
    };
    char *p = msg + sizeof(hdr);
    for (int i = 0; i < count; i++) {
        uint32_t n = strlen(parts[i]) + (last_raw && i == count - 1 ? 0 : 1);
        if (hdr.len + n > XENSTORE_PAYLOAD_MAX)
            return -ENOSPC;
        memcpy(p + hdr.len, parts[i], n);
        hdr.len += n;
    }
    memcpy(msg, &hdr, sizeof(hdr));
    if (write(xs->fd, msg, (int)(sizeof(hdr) + hdr.len)) != (int)(sizeof(hdr) + hdr.len))
        return -EIO;
    for (;;) {
        struct xsd_sockmsg reply;
        int len = read_message(xs, &reply);
        if (len < 0)
            return len;
        if (reply.type == XS_WATCH_EVENT) {
            keep_event(xs, msg + sizeof(reply), reply.len);
            continue;
        }
        if (reply.req_id != hdr.req_id)
            return -EIO;
        if (reply.type == XS_ERROR)
            return error_number(msg + sizeof(reply), reply.len);
        if (reply.type != type)
            return -EIO;
        return len;
    }
}

int xs_read(struct xs *xs, const char *path, char *buf, int size)
{
    const char *parts[] = { path };
    int len = request(xs, XS_READ, parts, 1, 0);
    if (len < 0)
        return len;
    if (len + 1 > size)
        return -ENOSPC;
    memcpy(buf, msg + sizeof(struct xsd_sockmsg), len);
    buf[len] = 0;
    return len;
}

int xs_write(struct xs *xs, const char *path, const char *value)
{
    const char *parts[] = { path, value };
    int len = request(xs, XS_WRITE, parts, 2, 1);
    return len < 0 ? len : 0;
}

static int path_request(struct xs *xs, uint32_t type, const char *path)
{
    const char *parts[] = { path };
    int len = request(xs, type, parts, 1, 0);
    return len < 0 ? len : 0;
}

int xs_mkdir(struct xs *xs, const char *path)
{
    return path_request(xs, XS_MKDIR, path);
}

int xs_rm(struct xs *xs, const char *path)
{
    return path_request(xs, XS_RM, path);
}

int xs_directory(struct xs *xs, const char *path, char *buf, int size)
{
    const char *parts[] = { path };
    int len = request(xs, XS_DIRECTORY, parts, 1, 0);
    if (len < 0)
        return len;
    if (len > size)
        return -ENOSPC;
    memcpy(buf, msg + sizeof(struct xsd_sockmsg), len);
    return len;
}

int xs_set_perms(struct xs *xs, const char *path, const char *const *perms,
                 int count)
{
    const char *parts[1 + 8];
    if (count < 1 || count > 8)
        return -EINVAL;
    parts[0] = path;
    for (int i = 0; i < count; i++)
        parts[1 + i] = perms[i];
    int len = request(xs, XS_SET_PERMS, parts, 1 + count, 0);
    return len < 0 ? len : 0;
}

int xs_watch(struct xs *xs, const char *path, const char *token)
{
    const char *parts[] = { path, token };
    int len = request(xs, XS_WATCH, parts, 2, 0);
    return len < 0 ? len : 0;
}

int xs_unwatch(struct xs *xs, const char *path, const char *token)
{
    const char *parts[] = { path, token };
    int len = request(xs, XS_UNWATCH, parts, 2, 0);
    return len < 0 ? len : 0;
}

int xs_read_watch(struct xs *xs, struct xs_event *ev)
{
    while (xs->nr_events == 0) {
        struct xsd_sockmsg hdr;
        int len = read_message(xs, &hdr);
        if (len < 0)
            return len;
        if (hdr.type == XS_WATCH_EVENT)
            keep_event(xs, msg + sizeof(hdr), hdr.len);
    }
    *ev = xs->events[0];
    xs->nr_events--;
    memmove(&xs->events[0], &xs->events[1], xs->nr_events * sizeof(xs->events[0]));
    return 0;
}

/* Decimal text of v into buf (at least 11 bytes). */
static void decimal(unsigned long v, char *buf)
{
    char tmp[12];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (int i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    buf[n] = 0;
}

int xs_introduce(struct xs *xs, unsigned int domid, unsigned long mfn,
                 unsigned int port)
{
    char d[12], m[12], p[12];
    decimal(domid, d);
    decimal(mfn, m);
    decimal(port, p);
    const char *parts[] = { d, m, p };
    int len = request(xs, XS_INTRODUCE, parts, 3, 0);
    return len < 0 ? len : 0;
}

int xs_release(struct xs *xs, unsigned int domid)
{
    char d[12];
    decimal(domid, d);
    return path_request(xs, XS_RELEASE, d);
}

int xs_transaction_start(struct xs *xs)
{
    const char *parts[] = { "" };
    if (xs->tx)
        return -EBUSY;
    int len = request(xs, XS_TRANSACTION_START, parts, 1, 0);
    if (len < 0)
        return len;
    xs->tx = (uint32_t)atoi(msg + sizeof(struct xsd_sockmsg));
    return xs->tx ? 0 : -EIO;
}

int xs_transaction_end(struct xs *xs, int abort)
{
    const char *parts[] = { abort ? "F" : "T" };
    int len = request(xs, XS_TRANSACTION_END, parts, 1, 0);
    xs->tx = 0;
    return len < 0 ? len : 0;
}
