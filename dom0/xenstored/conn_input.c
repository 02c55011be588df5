/*
 * Request framing: the bytes of a connection's request stream become
 * messages, each handled in turn with exactly one reply.
 *
 * A header the core cannot accept does not end the connection: the
 * header's len still says where the next message starts, so the payload
 * is skipped as it arrives (never stored) and the reply is an error:
 * EINVAL for a len over XENSTORE_PAYLOAD_MAX or a type only the daemon
 * sends, ENOSYS for a type it does not know.
 */
#include "dom0/xenstored/core.h"

/* The XS_ERROR payload for -errno rc. */
static const char *error_name(int rc)
{
    size_t i;

    for (i = 0; i < sizeof(xsd_errors) / sizeof(xsd_errors[0]); i++)
        if (xsd_errors[i].errnum == -rc)
            return xsd_errors[i].errstring;
    return "EIO";
}

/* Why the core refuses a message with header hdr, or 0. */
static int header_error(const struct xsd_sockmsg *hdr)
{
    if (hdr->len > XENSTORE_PAYLOAD_MAX)
        return -EINVAL;
    if (hdr->type > XS_IS_DOMAIN_INTRODUCED)
        return -ENOSYS;
    if (hdr->type == XS_WATCH_EVENT || hdr->type == XS_ERROR)
        return -EINVAL;
    return 0;
}

void xs_conn_handle_message(struct xs_conn *c)
{
    struct xsd_sockmsg hdr = c->in_hdr;
    int rc = c->in_error;

    c->reply_len = 0;
    c->new_watch = NULL;
    if (rc == 0) {
        c->in_payload[hdr.len] = '\0';
        rc = xs_request_dispatch(c, &hdr, c->in_payload);
    }
    if (rc < 0) {
        c->reply_len = 0;
        c->new_watch = NULL;
        xs_reply_add_string(c, error_name(rc));
        xs_reply_send(c, XS_ERROR, &hdr);
    } else {
        xs_reply_send(c, hdr.type, &hdr);
    }
    c->in_state = c->in_error != 0 && hdr.len > 0 ? XS_IN_SKIP : XS_IN_HEADER;
    c->in_have = 0;
    c->in_error = 0;
    if (c->new_watch != NULL)
        xs_daemon_fire_watch(c, c->new_watch, c->new_watch->path);
    c->new_watch = NULL;
    xs_daemon_fire_changes(c->d);
}

/* Take up to avail bytes at in for the state c is in; bytes taken. */
static size_t input_take(struct xs_conn *c, const char *in, size_t avail)
{
    uint32_t want;
    size_t take;

    switch (c->in_state) {
    case XS_IN_HEADER:
        want = XS_HEADER_LEN - c->in_have;
        take = avail < want ? avail : want;
        memcpy((char *)&c->in_hdr + c->in_have, in, take);
        c->in_have += (uint32_t)take;
        if (c->in_have == XS_HEADER_LEN) {
            c->in_have = 0;
            c->in_error = header_error(&c->in_hdr);
            c->in_state = c->in_error == 0 && c->in_hdr.len > 0
                              ? XS_IN_PAYLOAD : XS_IN_READY;
        }
        return take;
    case XS_IN_PAYLOAD:
        want = c->in_hdr.len - c->in_have;
        take = avail < want ? avail : want;
        memcpy(c->in_payload + c->in_have, in, take);
        c->in_have += (uint32_t)take;
        if (c->in_have == c->in_hdr.len)
            c->in_state = XS_IN_READY;
        return take;
    case XS_IN_SKIP:
        want = c->in_hdr.len - c->in_have;
        take = avail < want ? avail : want;
        c->in_have += (uint32_t)take;
        if (c->in_have == c->in_hdr.len) {
            c->in_have = 0;
            c->in_state = XS_IN_HEADER;
        }
        return take;
    case XS_IN_READY:
        break;
    }
    return 0;
}

size_t xs_conn_input(struct xs_conn *c, const void *buf, size_t len)
{
    const char *in = buf;
    size_t used = 0;

    for (;;) {
        if (c->in_state == XS_IN_READY) {
            if (!xs_conn_may_handle(c))
                break;
            xs_conn_handle_message(c);
            continue;
        }
        if (used == len)
            break;
        used += input_take(c, in + used, len - used);
    }
    return used;
}
