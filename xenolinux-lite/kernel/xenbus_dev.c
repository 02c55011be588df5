/*
 * /dev/xenbus (major DEV_XENBUS): the store, as whole wire messages, for
 * programs (docs/toolstack.md; dom0/libxs is its client).  It opens in
 * every domain that has a store.
 *
 *   write(fd, msg, n)  one whole request: a 16-byte header and exactly
 *                      its len payload bytes (len <= XENSTORE_PAYLOAD_MAX),
 *                      else -1 and nothing is sent.  It goes out on the
 *                      ring under a req_id of the kernel's; the reply
 *                      comes back with the caller's.  -1 also when the
 *                      file already has XB_FILE_PENDING replies owed or
 *                      unread (read them first).
 *   read(fd, buf, n)   one whole message (a reply of this file's, or an
 *                      event of one of its watches), in arrival order;
 *                      blocks until there is one; -1 (and the message
 *                      stays) if n is too small for it.
 *   poll               POLLIN when a message waits; POLLOUT always.
 *
 * WATCH and UNWATCH are not passed on as they are: all of the domain's
 * watches share one connection, so the kernel gives each a token of its
 * own (xenbus_watch.c) and puts the file's token back into its events.
 * An UNWATCH of a watch the file does not have is answered here
 * (ENOENT), as is a WATCH the file has already (EEXIST), one whose path
 * and token are too long for the kernel's table (ENOSPC) and a
 * malformed one (EINVAL).
 *
 * The file remembers the transactions it started (from the replies to
 * its TRANSACTION_STARTs) until it ends them; when it closes, the
 * xenbus thread aborts those that are left and removes its watches.
 * Events beyond XB_FILE_EVENTS unread ones are dropped.
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"
#include "xenolinux-lite/kernel/file.h"
#include "xenolinux-lite/kernel/proc.h"
#include "xenolinux-lite/kernel/xenbus_core.h"
#include "xenolinux-lite/include/abi/xenio.h"

#define XB_FILE_PENDING 8       /* replies owed or unread, per file */
#define XB_FILE_EVENTS  16      /* unread watch events, per file */
#define XB_FILE_TXNS    16      /* open transactions, per file */
#define MSG_HEADER      ((uint32_t)sizeof(struct xsd_sockmsg))

struct xb_file {
    struct xb_msg *head, *tail; /* for read(), in order */
    int pending;                /* replies owed or unread */
    int events;                 /* unread events */
    int ntx;
    uint32_t tx[XB_FILE_TXNS];
};

/* Append m to f's queue and wake its readers (xb.lock held). */
static void queue(struct xb_file *f, struct xb_msg *m)
{
    m->next = 0;
    if (f->tail)
        f->tail->next = m;
    else
        f->head = m;
    f->tail = m;
    wakeup(f);
    pollwakeup();
}

/* The decimal id at the start of a TRANSACTION_START reply, or 0. */
static uint32_t reply_tx_id(const struct xb_msg *m)
{
    uint32_t id = 0;
    for (uint32_t i = 0; i < m->hdr.len && m->body[i]; i++) {
        if (m->body[i] < '0' || m->body[i] > '9' || id >= 0x10000000u)
            return 0;
        id = id * 10 + (uint32_t)(m->body[i] - '0');
    }
    return id;
}

static void forget_tx(struct xb_file *f, uint32_t id)
{
    for (int i = 0; i < f->ntx; i++) {
        if (f->tx[i] == id) {
            f->tx[i] = f->tx[--f->ntx];
            return;
        }
    }
}

void xbdev_reply(struct xb_req *r)
{
    struct xb_file *f = r->file;
    struct xb_msg *m = r->reply;
    int ok = m->hdr.type == r->type;
    if (r->type == XS_TRANSACTION_START && ok) {
        uint32_t id = reply_tx_id(m);
        if (id && f->ntx < XB_FILE_TXNS)
            f->tx[f->ntx++] = id;
        else if (id)
            cprintf("xenbus: a file has too many transactions; "
                    "%u is not aborted when it closes\n", id);
    } else if (r->type == XS_TRANSACTION_END) {
        forget_tx(f, m->hdr.tx_id);
    } else if (r->type == XS_WATCH && !ok) {
        xbw_drop(r->watch);
    }
    m->hdr.req_id = r->user_id;
    r->reply = 0;
    xb_req_free(r);
    queue(f, m);
}

void xbdev_event(struct xb_file *f, struct xb_msg *m)
{
    if (f->events >= XB_FILE_EVENTS) {
        cprintf("xenbus: a file has %d unread watch events; one dropped\n",
                f->events);
        xb_msg_free(m);
        return;
    }
    f->events++;
    queue(f, m);
}

/* Answer hdr from here with XS_ERROR err (a name from xs_wire.h). */
static int local_error(struct xb_file *f, struct xb_req *r,
                       const struct xsd_sockmsg *hdr, const char *err)
{
    struct xb_msg *m = r->reply;
    uint32_t n = strlen(err) + 1;
    m->hdr.type = XS_ERROR;
    m->hdr.req_id = hdr->req_id;
    m->hdr.tx_id = hdr->tx_id;
    m->hdr.len = n;
    memmove(m->body, err, n);
    r->reply = 0;
    xb_req_free(r);
    queue(f, m);
    return (int)(MSG_HEADER + hdr->len);
}

/* Whether payload[0..len) is exactly two NUL-terminated strings. */
static int two_strings(const char *payload, uint32_t len, uint32_t *first)
{
    uint32_t a = 0, b;
    while (a < len && payload[a])
        a++;
    if (a + 1 >= len)
        return 0;
    for (b = a + 1; b < len && payload[b]; b++)
        ;
    *first = a;
    return b == len - 1;
}

/*
 * Turn a WATCH or UNWATCH's payload (path\0token\0, in body) into the
 * one that goes on the ring (path\0kernel-token\0); 0, or the error name
 * to answer with.  r->watch is the entry concerned.
 */
static const char *rewrite_watch(struct xb_file *f, struct xb_req *r,
                                 uint32_t type, char *body, uint32_t *len)
{
    uint32_t plen;
    if (!two_strings(body, *len, &plen))
        return "EINVAL";
    const char *token = body + plen + 1;
    int id;
    if (type == XS_WATCH) {
        if (xbw_find_file_watch(f, body, token))
            return "EEXIST";        /* as the daemon says for one connection */
        id = xbw_add_file_watch(f, body, token);
        if (id < 0)
            return "ENOSPC";
    } else {
        id = xbw_find_file_watch(f, body, token);
        if (!id)
            return "ENOENT";
        xbw_drop(id);               /* its events stop here, at once */
    }
    r->watch = type == XS_WATCH ? id : 0;
    xbw_ring_token(id, body + plen + 1);
    *len = plen + 1 + strlen(body + plen + 1) + 1;
    return 0;
}

static int xbdev_open(struct file *f)
{
    if (!xenbus_available())
        return -1;
    struct xb_file *xf = kalloc();
    if (!xf)
        return -1;
    memset(xf, 0, sizeof(*xf));
    f->priv = xf;
    return 0;
}

/* Take a slot for one more reply of xf's: 0 if it may have none. */
static struct xb_req *take_slot(struct xb_file *xf)
{
    struct xb_req *r;
    if (xf->pending >= XB_FILE_PENDING)
        return 0;
    while ((r = xb_req_alloc()) == 0)
        if (xb_req_wait_free() < 0)
            return 0;
    xf->pending++;
    return r;
}

static int xbdev_write(struct file *f, char *src, int n)
{
    struct xb_file *xf = f->priv;
    struct xsd_sockmsg hdr;
    if (n < (int)MSG_HEADER)
        return -1;
    memmove(&hdr, src, MSG_HEADER);
    if (hdr.len > XENSTORE_PAYLOAD_MAX || (uint32_t)n != MSG_HEADER + hdr.len)
        return -1;
    char *body = kalloc();
    if (!body)
        return -1;
    memmove(body, src + MSG_HEADER, hdr.len);

    acquire(&xb.lock);
    struct xb_req *r = take_slot(xf);
    if (!r) {
        release(&xb.lock);
        kfree(body);
        return -1;
    }
    r->file = xf;
    r->user_id = hdr.req_id;
    if (hdr.type == XS_WATCH || hdr.type == XS_UNWATCH) {
        const char *err = rewrite_watch(xf, r, hdr.type, body, &hdr.len);
        if (err) {
            int rc = local_error(xf, r, &hdr, err);
            release(&xb.lock);
            kfree(body);
            return rc;
        }
    }
    int watch = r->watch;
    release(&xb.lock);

    if (xb_send(r, hdr, body) < 0) {
        /* Killed before anything went out: as if never written. */
        acquire(&xb.lock);
        if (watch)
            xbw_drop(watch);
        xf->pending--;
        xb_req_free(r);
        release(&xb.lock);
        kfree(body);
        return -1;
    }
    kfree(body);
    return n;
}

static int xbdev_read(struct file *f, char *dst, int n)
{
    struct xb_file *xf = f->priv;
    acquire(&xb.lock);
    while (!xf->head) {
        if (myproc()->killed) {
            release(&xb.lock);
            return -1;
        }
        sleep(xf, &xb.lock);
    }
    struct xb_msg *m = xf->head;
    int size = (int)(MSG_HEADER + m->hdr.len);
    if (n < size) {
        release(&xb.lock);
        return -1;
    }
    xf->head = m->next;
    if (!xf->head)
        xf->tail = 0;
    if (m->hdr.type == XS_WATCH_EVENT)
        xf->events--;
    else
        xf->pending--;
    memmove(dst, &m->hdr, MSG_HEADER);
    if (m->hdr.len)
        memmove(dst + MSG_HEADER, m->body, m->hdr.len);
    xb_msg_free(m);
    release(&xb.lock);
    return size;
}

static int xbdev_poll(struct file *f)
{
    struct xb_file *xf = f->priv;
    acquire(&xb.lock);
    int ready = POLLOUT | (xf->head ? POLLIN : 0);
    release(&xb.lock);
    return ready;
}

/*
 * The last reference went: replies still owed are nobody's, watches go
 * to the thread to remove, open transactions to abort.
 */
static void xbdev_close(struct file *f)
{
    struct xb_file *xf = f->priv;
    acquire(&xb.lock);
    for (struct xb_req *r = xb.req; r < xb.req + XB_REQS; r++) {
        if (r->used && r->file == xf) {
            r->file = 0;
            r->orphan = 1;
        }
    }
    xbw_file_closed(xf);
    for (int i = 0; i < xf->ntx; i++)
        xbw_abort_later(xf->tx[i]);
    while (xf->head) {
        struct xb_msg *m = xf->head;
        xf->head = m->next;
        xb_msg_free(m);
    }
    release(&xb.lock);
    kfree(xf);
}

void xbdev_init(void)
{
    devsw[DEV_XENBUS].open = xbdev_open;
    devsw[DEV_XENBUS].close = xbdev_close;
    devsw[DEV_XENBUS].read = xbdev_read;
    devsw[DEV_XENBUS].write = xbdev_write;
    devsw[DEV_XENBUS].poll = xbdev_poll;
}
