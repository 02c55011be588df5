/*
 * Connections: their life, the reply being built, and the output queue
 * the main loop drains (see xenstored.h for the bounds).
 *
 * A reply is built in the connection's own buffer and then copied to the
 * queue.  If that copy cannot be allocated the reply stays in the buffer
 * ("stuck") and is sent from there after the queue; no request is handled
 * and no event queued until it is gone, so nothing overtakes it and the
 * buffer is not reused.
 */
#include "dom0/xenstored/core.h"

struct xs_conn *xs_conn_alloc(struct xs_daemon *d, domid_t domid)
{
    struct xs_conn *c = malloc(sizeof(*c));

    if (c == NULL)
        return NULL;
    memset(c, 0, sizeof(*c));
    c->d = d;
    c->domid = domid;
    c->in_state = XS_IN_HEADER;
    c->next_tx_id = 1;
    return c;
}

void xs_conn_link(struct xs_conn *c)
{
    c->next = c->d->conns;
    c->d->conns = c;
}

void xs_conn_free(struct xs_conn *c)
{
    struct xs_conn **link;
    struct xs_out_msg *m;

    for (link = &c->d->conns; *link != NULL; link = &(*link)->next) {
        if (*link == c) {
            *link = c->next;
            break;
        }
    }
    xs_txn_abort_all(c);
    xs_watch_remove_all(&c->watches);
    while ((m = c->out_head) != NULL) {
        c->out_head = m->next;
        free(m);
    }
    free(c);
}

int xs_conn_open(struct xs_daemon *d, domid_t domid, struct xs_conn **out)
{
    struct xs_conn *c;

    if (domid >= DOMID_FIRST_RESERVED)
        return -EINVAL;
    c = xs_conn_alloc(d, domid);
    if (c == NULL)
        return -ENOMEM;
    xs_conn_link(c);
    *out = c;
    return 0;
}

void xs_conn_close(struct xs_conn *c)
{
    if (c->introduced)
        xs_daemon_release_conn(c);
    else
        xs_conn_free(c);
}

bool xs_conn_may_handle(const struct xs_conn *c)
{
    return !c->reply_stuck && c->out_bytes < XS_CONN_OUTPUT_MAX;
}

int xs_reply_add(struct xs_conn *c, const void *data, size_t len)
{
    if (len > XENSTORE_PAYLOAD_MAX - c->reply_len)
        return -ENOSPC;
    memcpy(c->reply + XS_HEADER_LEN + c->reply_len, data, len);
    c->reply_len += (uint32_t)len;
    return 0;
}

int xs_reply_add_string(struct xs_conn *c, const char *s)
{
    return xs_reply_add(c, s, strlen(s) + 1);
}

/* A new queue entry of len bytes (contents to fill), or NULL. */
static struct xs_out_msg *out_new(uint32_t len)
{
    struct xs_out_msg *m = malloc(sizeof(*m) + len);

    if (m != NULL) {
        m->next = NULL;
        m->len = len;
        m->sent = 0;
    }
    return m;
}

/* Put m at the end of c's queue. */
static void out_link(struct xs_conn *c, struct xs_out_msg *m)
{
    if (c->out_head != NULL)
        c->out_tail->next = m;
    else
        c->out_head = m;
    c->out_tail = m;
    c->out_bytes += (uint32_t)sizeof(*m) + m->len;
}

void xs_reply_send(struct xs_conn *c, uint32_t type,
                   const struct xsd_sockmsg *req)
{
    uint32_t size = XS_HEADER_LEN + c->reply_len;
    struct xs_out_msg *m = out_new(size);
    struct xsd_sockmsg hdr;

    hdr.type = type;
    hdr.req_id = req->req_id;
    hdr.tx_id = req->tx_id;
    hdr.len = c->reply_len;
    memcpy(c->reply, &hdr, sizeof(hdr));
    if (m == NULL) {
        c->reply_stuck = true;
        c->reply_sent = 0;
        return;
    }
    memcpy(m->data, c->reply, size);
    out_link(c, m);
}

/* Events are the one output that may be dropped (xenstored.h). */
void xs_conn_queue_event(struct xs_conn *c, const char *path,
                         const char *token)
{
    uint32_t plen = strlen(path) + 1, tlen = strlen(token) + 1;
    uint32_t size = XS_HEADER_LEN + plen + tlen;
    struct xsd_sockmsg hdr;
    struct xs_out_msg *m;

    if (c->reply_stuck ||
        c->out_bytes + sizeof(*m) + size > XS_CONN_OUTPUT_MAX)
        return;
    m = out_new(size);
    if (m == NULL)
        return;
    hdr.type = XS_WATCH_EVENT;
    hdr.req_id = 0;
    hdr.tx_id = 0;
    hdr.len = plen + tlen;
    memcpy(m->data, &hdr, sizeof(hdr));
    memcpy(m->data + XS_HEADER_LEN, path, plen);
    memcpy(m->data + XS_HEADER_LEN + plen, token, tlen);
    out_link(c, m);
}

const void *xs_conn_output(const struct xs_conn *c, size_t *len)
{
    if (c->out_head != NULL) {
        *len = c->out_head->len - c->out_head->sent;
        return c->out_head->data + c->out_head->sent;
    }
    if (c->reply_stuck) {
        *len = XS_HEADER_LEN + c->reply_len - c->reply_sent;
        return c->reply + c->reply_sent;
    }
    *len = 0;
    return NULL;
}

void xs_conn_output_done(struct xs_conn *c, size_t n)
{
    size_t left;
    struct xs_out_msg *m = c->out_head;

    if (m != NULL) {
        left = m->len - m->sent;
        m->sent += (uint32_t)(n < left ? n : left);
        if (m->sent == m->len) {
            c->out_head = m->next;
            c->out_bytes -= (uint32_t)sizeof(*m) + m->len;
            free(m);
        }
    } else if (c->reply_stuck) {
        left = XS_HEADER_LEN + c->reply_len - c->reply_sent;
        c->reply_sent += (uint32_t)(n < left ? n : left);
        if (c->reply_sent == XS_HEADER_LEN + c->reply_len)
            c->reply_stuck = false;
    }
}

domid_t xs_conn_domid(const struct xs_conn *c)
{
    return c->domid;
}

bool xs_conn_is_introduced(const struct xs_conn *c)
{
    return c->introduced;
}

void *xs_conn_priv(const struct xs_conn *c)
{
    return c->priv;
}

void xs_conn_set_priv(struct xs_conn *c, void *priv)
{
    c->priv = priv;
}
