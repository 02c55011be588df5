/* /dev/xenbus spoken directly, for the checks of its own contract. */
#include "dom0/xstest/xstest.h"

static char out[RAW_MAX];

int raw_open(void)
{
    return open("/dev/xenbus", O_RDWR);
}

int raw_send(int fd, uint32_t type, uint32_t req_id, uint32_t tx,
             const char *payload, uint32_t len)
{
    struct xsd_sockmsg hdr = { type, req_id, tx, len };

    memcpy(out, &hdr, sizeof(hdr));
    memcpy(out + sizeof(hdr), payload, len);
    return write(fd, out, (int)(sizeof(hdr) + len));
}

int raw_readable(int fd, int timeout_ms)
{
    struct pollfd p;

    p.fd = fd;
    p.events = POLLIN;
    p.revents = 0;
    return poll(&p, 1, timeout_ms) == 1 && (p.revents & POLLIN);
}

int raw_recv(int fd, struct raw_msg *m, int timeout_ms)
{
    int n;

    if (!raw_readable(fd, timeout_ms))
        return 0;
    n = read(fd, m, (int)RAW_MAX);
    if (n < (int)sizeof(m->hdr) || n != (int)(sizeof(m->hdr) + m->hdr.len))
        return -1;
    m->body[m->hdr.len] = 0;
    return 1;
}

int raw_call(int fd, uint32_t type, uint32_t req_id, uint32_t tx,
             const char *payload, uint32_t len, struct raw_msg *m)
{
    int rc;

    if (raw_send(fd, type, req_id, tx, payload, len) != (int)(sizeof(m->hdr) + len))
        return -1;
    while ((rc = raw_recv(fd, m, 5000)) == 1 && m->hdr.type == XS_WATCH_EVENT)
        ;
    return rc;
}

int raw_is_error(const struct raw_msg *m, const char *err)
{
    return m->hdr.type == XS_ERROR && strcmp(m->body, err) == 0;
}
