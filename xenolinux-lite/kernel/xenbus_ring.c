/*
 * The store ring (public/io/xs_wire.h): requests out through req[],
 * replies and watch events in through rsp[], 1024 bytes each way.
 *
 * Where the ring is: a domU's is the page start_info names (store_mfn,
 * one of our own pages, found through the P2M) with port store_evtchn;
 * dom0's is the page and port xsd.c made at boot, which xenstored maps
 * and binds once it runs (until then our requests simply wait in the
 * ring, and nobody hears our notifications).
 *
 * Writing: one message at a time (xb.writing), in as many pieces as the
 * ring's free space allows, sleeping for more; each piece is published
 * (write barrier, then req_prod) and notified.
 *
 * Reading happens in the event handler.  The bytes are parsed as they
 * come: a 16-byte header, then its payload straight into the buffer of
 * whoever it is for (the waiting request's reply, or a new event
 * buffer), so a message may arrive in any number of pieces.  Nothing
 * from the ring is trusted: indices that claim more than the ring holds
 * are refused, a reply to a request we did not make is skipped (its len
 * bytes, at most XENSTORE_PAYLOAD_MAX, are discarded), and a header
 * claiming a longer payload means the stream has lost its framing: it
 * is logged, what the ring holds is dropped and every waiting request
 * fails with EIO rather than wait for a reply that may never be found.
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"
#include "xenolinux-lite/kernel/mmu.h"
#include "xenolinux-lite/kernel/proc.h"
#include "xenolinux-lite/kernel/xen.h"
#include "xenolinux-lite/kernel/xenbus_core.h"

struct xb_state xb = { .lock = { 0, "xenbus", 0 } };

static struct {
    struct xb_msg pool[XB_MSGS];
    struct xb_msg *free;
    int nfree;
    int ready;
} msgs;

/* Where the reader is in the stream. */
static struct {
    enum { RD_HEADER, RD_PAYLOAD, RD_SKIP } state;
    struct xsd_sockmsg hdr;
    uint32_t have;              /* bytes of header or payload so far */
    struct xb_msg *dest;        /* RD_PAYLOAD: where the payload goes */
    struct xb_req *req;         /* ... and the request it answers, or 0 */
    int complained;             /* said once that the indices are bad */
} rd;

/* A buffer, leaving at least keep of them free; 0 if there is none. */
static struct xb_msg *msg_alloc(uint32_t len, int keep)
{
    if (!msgs.ready) {
        for (int i = 0; i < XB_MSGS; i++) {
            msgs.pool[i].next = msgs.free;
            msgs.free = &msgs.pool[i];
        }
        msgs.nfree = XB_MSGS;
        msgs.ready = 1;
    }
    struct xb_msg *m = msgs.free;
    if (!m || msgs.nfree <= keep || len > XENSTORE_PAYLOAD_MAX)
        return 0;
    char *body = 0;
    if (len > 0 && (body = kalloc()) == 0)
        return 0;
    msgs.free = m->next;
    msgs.nfree--;
    memset(m, 0, sizeof(*m));
    m->body = body;
    return m;
}

struct xb_msg *xb_msg_alloc(uint32_t len)
{
    return msg_alloc(len, 0);
}

void xb_msg_free(struct xb_msg *m)
{
    if (!m)
        return;
    if (m->body)
        kfree(m->body);
    m->body = 0;
    m->next = msgs.free;
    msgs.free = m;
    msgs.nfree++;
    wakeup(&xb.req);                /* a request may be waiting for one */
}

struct xb_req *xb_req_alloc(void)
{
    for (struct xb_req *r = xb.req; r < xb.req + XB_REQS; r++) {
        if (r->used)
            continue;
        struct xb_msg *m = xb_msg_alloc(XENSTORE_PAYLOAD_MAX);
        if (!m)
            return 0;
        memset(r, 0, sizeof(*r));
        r->used = 1;
        r->reply = m;
        r->ring_id = ++xb.next_id;
        return r;
    }
    return 0;
}

void xb_req_free(struct xb_req *r)
{
    xb_msg_free(r->reply);
    r->reply = 0;
    r->used = 0;
    wakeup(&xb.req);
}

int xb_req_wait_free(void)
{
    if (myproc()->killed)
        return -EINTR;
    sleep(&xb.req, &xb.lock);
    return myproc()->killed ? -EINTR : 0;
}

int xb_error_number(const struct xb_msg *m)
{
    for (uint32_t i = 0; i < sizeof(xsd_errors) / sizeof(xsd_errors[0]); i++) {
        uint32_t n = strlen(xsd_errors[i].errstring);
        if ((m->hdr.len == n || (m->hdr.len == n + 1 && m->body[n] == 0)) &&
            memcmp(m->body, xsd_errors[i].errstring, n) == 0)
            return -xsd_errors[i].errnum;
    }
    return -EIO;
}

static void notify(void)
{
    evtchn_send_t s = { .port = xb.port };
    HYPERCALL2(__HYPERVISOR_event_channel_op, EVTCHNOP_send, &s);
}

/* Make r's reply an XS_ERROR "EIO" for its file. */
static void reply_eio(struct xb_req *r)
{
    static const char eio[] = "EIO";
    r->reply->hdr.type = XS_ERROR;
    r->reply->hdr.req_id = r->ring_id;
    r->reply->hdr.len = sizeof(eio);
    memmove(r->reply->body, eio, sizeof(eio));
}

/* r's reply is complete (or r failed with r->err): hand it on. */
static void request_done(struct xb_req *r)
{
    r->done = 1;
    if (r->orphan) {
        xbw_orphan_reply(r);
    } else if (r->file) {
        if (r->err)
            reply_eio(r);
        xbdev_reply(r);
    } else {
        wakeup(r);
    }
}

/* The stream lost its framing: drop what is in the ring, fail everyone. */
static void stream_broken(void)
{
    xb.ring->rsp_cons = xb.ring->rsp_prod;
    rd.state = RD_HEADER;
    rd.have = 0;
    for (struct xb_req *r = xb.req; r < xb.req + XB_REQS; r++) {
        if (r->used && r->sent && !r->done) {
            r->err = -EIO;
            request_done(r);
        }
    }
}

/* A whole header is in rd.hdr: decide where its payload goes. */
static void header_arrived(void)
{
    uint32_t len = rd.hdr.len;
    rd.have = 0;
    rd.dest = 0;
    rd.req = 0;
    if (rd.hdr.type == XS_WATCH_EVENT) {
        /* Events never take the buffers replies need. */
        rd.dest = msg_alloc(len, XB_REQS);
        if (!rd.dest)
            cprintf("xenbus: no room for a watch event; dropped\n");
    } else {
        for (struct xb_req *r = xb.req; r < xb.req + XB_REQS; r++) {
            if (r->used && r->sent && !r->done &&
                r->ring_id == rd.hdr.req_id) {
                rd.req = r;
                rd.dest = r->reply;
                break;
            }
        }
        if (!rd.req)
            cprintf("xenbus: reply to unknown request %u (type %u); dropped\n",
                    rd.hdr.req_id, rd.hdr.type);
    }
    if (rd.dest)
        rd.dest->hdr = rd.hdr;
    rd.state = rd.dest ? RD_PAYLOAD : RD_SKIP;
}

/* The message in rd is complete: deliver it. */
static void message_arrived(void)
{
    rd.state = RD_HEADER;
    rd.have = 0;
    if (!rd.dest)
        return;
    if (rd.req)
        request_done(rd.req);
    else
        xbw_event(rd.dest);
    rd.dest = 0;
    rd.req = 0;
}

/*
 * Take n bytes of the stream at src (within rsp[]); returns how many
 * were used, or -1 if the stream broke.
 */
static int stream_take(const volatile char *src, uint32_t n)
{
    uint32_t want, take;
    switch (rd.state) {
    case RD_HEADER:
        want = sizeof(rd.hdr) - rd.have;
        take = n < want ? n : want;
        for (uint32_t i = 0; i < take; i++)
            ((char *)&rd.hdr)[rd.have + i] = src[i];
        rd.have += take;
        if (rd.have < sizeof(rd.hdr))
            return take;
        if (rd.hdr.len > XENSTORE_PAYLOAD_MAX) {
            cprintf("xenbus: message from the store claims %u bytes "
                    "(type %u); stream dropped\n", rd.hdr.len, rd.hdr.type);
            return -1;
        }
        header_arrived();
        break;
    case RD_PAYLOAD:
    case RD_SKIP:
        want = rd.hdr.len - rd.have;
        take = n < want ? n : want;
        if (rd.state == RD_PAYLOAD)
            for (uint32_t i = 0; i < take; i++)
                rd.dest->body[rd.have + i] = src[i];
        rd.have += take;
        break;
    default:
        take = 0;
        break;
    }
    if (rd.state != RD_HEADER && rd.have == rd.hdr.len)
        message_arrived();
    return take;
}

/* Read everything the ring holds (xb.lock held). */
static void read_ring(void)
{
    volatile struct xenstore_domain_interface *ring = xb.ring;
    int moved = 0;
    for (;;) {
        XENSTORE_RING_IDX cons = ring->rsp_cons, prod = ring->rsp_prod;
        mb();
        uint32_t avail = prod - cons;
        if (avail == 0)
            break;
        if (avail > XENSTORE_RING_SIZE) {
            if (!rd.complained)
                cprintf("xenbus: reply ring indices make no sense "
                        "(cons %u, prod %u); ignored\n", cons, prod);
            rd.complained = 1;
            break;
        }
        uint32_t at = MASK_XENSTORE_IDX(cons);
        uint32_t n = XENSTORE_RING_SIZE - at < avail ? XENSTORE_RING_SIZE - at
                                                     : avail;
        int used = stream_take(&ring->rsp[at], n);
        if (used < 0) {
            stream_broken();
            moved = 1;
            break;
        }
        mb();
        ring->rsp_cons = cons + (uint32_t)used;
        moved = 1;
    }
    if (moved)
        notify();
}

/* The store's port fired: replies, events, or room for our requests. */
static void store_event(evtchn_port_t port)
{
    (void)port;
    acquire(&xb.lock);
    read_ring();
    wakeup(&xb.writing);
    release(&xb.lock);
}

/* Copy n bytes of src onto the ring, waiting for room (xb.lock held). */
static int ring_write(const char *src, uint32_t n)
{
    volatile struct xenstore_domain_interface *ring = xb.ring;
    while (n > 0) {
        XENSTORE_RING_IDX cons = ring->req_cons, prod = xb.req_prod;
        mb();
        uint32_t used = prod - cons;
        if (used > XENSTORE_RING_SIZE) {
            cprintf("xenbus: request ring indices make no sense "
                    "(cons %u, prod %u)\n", cons, prod);
            return -EIO;
        }
        if (used == XENSTORE_RING_SIZE) {
            sleep(&xb.writing, &xb.lock);
            continue;
        }
        uint32_t at = MASK_XENSTORE_IDX(prod);
        uint32_t room = XENSTORE_RING_SIZE - used;
        uint32_t chunk = XENSTORE_RING_SIZE - at < room ? XENSTORE_RING_SIZE - at
                                                        : room;
        if (chunk > n)
            chunk = n;
        for (uint32_t i = 0; i < chunk; i++)
            ring->req[at + i] = src[i];
        mb();
        xb.req_prod = prod + chunk;
        ring->req_prod = xb.req_prod;
        notify();
        src += chunk;
        n -= chunk;
    }
    return 0;
}

int xb_send(struct xb_req *r, struct xsd_sockmsg hdr, const char *payload)
{
    acquire(&xb.lock);
    while (xb.writing && !myproc()->killed)
        sleep(&xb.writing, &xb.lock);
    if (myproc()->killed) {
        release(&xb.lock);
        return -EINTR;
    }
    /* From the first byte on, the message is finished, killed or not;
     * and r may complete (and be freed) at any time: use only its id. */
    uint32_t id = r->ring_id;
    r->sent = 1;
    r->type = hdr.type;
    hdr.req_id = id;
    xb.writing = 1;
    int rc = ring_write((const char *)&hdr, sizeof(hdr));
    if (rc == 0)
        rc = ring_write(payload, hdr.len);
    xb.writing = 0;
    wakeup(&xb.writing);
    if (rc < 0) {
        for (struct xb_req *q = xb.req; q < xb.req + XB_REQS; q++) {
            if (q->used && q->sent && !q->done && q->ring_id == id) {
                q->err = rc;
                request_done(q);
            }
        }
    }
    release(&xb.lock);
    return 0;
}

int xb_wait(struct xb_req *r)
{
    while (!r->done) {
        if (myproc()->killed) {
            r->orphan = 1;
            return -EINTR;
        }
        sleep(r, &xb.lock);
    }
    return r->err;
}

/* A domU's store page: start_info's store_mfn, if it is one of ours. */
static void *domu_ring_page(void)
{
    uint32_t mfn = start_info->store_mfn;
    if (mfn == 0)
        return 0;
    for (uint32_t pfn = 0; pfn < npages; pfn++)
        if (p2m[pfn] == mfn)
            return P2V(pfn << PGSHIFT);
    return 0;
}

/*
 * Find the store ring and its port, listen to the port and start the
 * xenbus thread.  Without a ring (dom0 before xsd_init made one, or a
 * domU built without a store) xenbus_available() stays 0 and every call
 * fails with -ENOSYS.
 */
void xenbus_init(void)
{
    void *page;
    evtchn_port_t port;
    if (is_dom0()) {
        const struct xsd *x = xsd_get();
        page = x ? x->page : 0;
        port = x ? x->port : 0;
    } else {
        page = domu_ring_page();
        port = start_info->store_evtchn;
    }
    if (!page || port == 0 || port >= NR_EVENT_CHANNELS) {
        cprintf("xenbus: no store ring (page %p, port %u)\n", page, port);
        return;
    }
    acquire(&xb.lock);
    xb.ring = page;
    xb.port = port;
    xb.req_prod = xb.ring->req_prod;
    xb.present = 1;
    evtchn_set_handler(port, store_event);
    read_ring();
    release(&xb.lock);
    if (evtchn_unmask(port) < 0)
        cprintf("xenbus: cannot unmask port %u\n", port);
    xbdev_init();
    xbw_start_thread();
}

int xenbus_available(void)
{
    return xb.present;
}
