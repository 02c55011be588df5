/*
 * Watches, and the xenbus kernel thread.
 *
 * All of this domain's watches, the kernel's and every /dev/xenbus
 * file's, share one connection to xenstored, so each gets its own token
 * on the ring: "xb" and the entry's id (ids are never reused, so a late
 * event for a removed watch finds nothing and is dropped).  An entry
 * remembers the path (for UNWATCH) and, for a file's watch, the token
 * the file chose, which its events carry again when they reach it.
 *
 * The thread runs what must not run in the event handler: the kernel's
 * watch callbacks (process context, one at a time, in arrival order),
 * and cleaning up after files that closed or requests whose callers are
 * gone: UNWATCH for their watches, TRANSACTION_END "F" for their
 * transactions.  In a domU it first registers the shutdown watch.
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"
#include "xenolinux-lite/kernel/proc.h"
#include "xenolinux-lite/kernel/xen.h"
#include "xenolinux-lite/kernel/xenbus_core.h"
#include "xenolinux-lite/kernel/balloon.h"

enum { W_FREE, W_ACTIVE, W_DEAD, W_UNWATCHING };

struct xb_watch {
    int id;
    int state;
    struct xb_file *file;       /* a file's watch, or 0: the kernel's */
    xenbus_watch_fn fn;
    void *arg;
    uint32_t path_len;          /* text: path\0 (then token\0 for a file) */
    char text[XB_WATCH_TEXT];
};

static struct {
    struct xb_watch w[XB_WATCHES];
    int next_id;
    struct xb_msg *head, *tail; /* events for kernel callbacks */
    int queued;                 /* how many */
    uint32_t aborts[XB_ABORTS]; /* transactions to abort */
    int naborts;
    int running;                /* the watch whose callback runs, or 0 */
} wt;

static struct xb_watch *find(int id)
{
    for (struct xb_watch *w = wt.w; w < wt.w + XB_WATCHES; w++)
        if (w->state != W_FREE && w->id == id)
            return w;
    return 0;
}

/* A free entry with path (and token) stored: the entry, or 0 with *err. */
static struct xb_watch *add(const char *path, const char *token, int *err)
{
    uint32_t plen = strlen(path), tlen = token ? strlen(token) + 1 : 0;
    if (plen + 1 + tlen > XB_WATCH_TEXT) {
        *err = -ENOSPC;
        return 0;
    }
    for (struct xb_watch *w = wt.w; w < wt.w + XB_WATCHES; w++) {
        if (w->state != W_FREE)
            continue;
        memset(w, 0, sizeof(*w));
        w->id = ++wt.next_id;
        w->state = W_ACTIVE;
        w->path_len = plen;
        memmove(w->text, path, plen + 1);
        if (token)
            memmove(w->text + plen + 1, token, tlen);
        return w;
    }
    *err = -ENOSPC;
    return 0;
}

void xbw_ring_token(int id, char *buf)
{
    snprintf(buf, 12, "xb%d", id);
}

/* The watch id a ring token names, or 0. */
static int token_id(const char *token)
{
    if (token[0] != 'x' || token[1] != 'b' || !token[2])
        return 0;
    int id = 0;
    for (const char *p = token + 2; *p; p++) {
        if (*p < '0' || *p > '9' || id > 0x7FFFFFF)
            return 0;
        id = id * 10 + (*p - '0');
    }
    return id;
}

static void wake_thread(void)
{
    wakeup(&wt);
}

void xbw_event(struct xb_msg *m)
{
    /* path\0token\0, each within len. */
    uint32_t len = m->hdr.len, plen = 0, tlen = 0;
    while (plen < len && m->body[plen])
        plen++;
    while (plen + 1 + tlen < len && m->body[plen + 1 + tlen])
        tlen++;
    if (plen + 1 + tlen + 1 != len) {
        cprintf("xenbus: malformed watch event (%u bytes); dropped\n", len);
        xb_msg_free(m);
        return;
    }
    struct xb_watch *w = find(token_id(m->body + plen + 1));
    if (!w || w->state != W_ACTIVE) {
        xb_msg_free(m);             /* removed meanwhile: nobody wants it */
        return;
    }
    if (w->file) {
        /* Give the file its own token back in place of ours. */
        const char *token = w->text + w->path_len + 1;
        uint32_t ulen = strlen(token) + 1;
        if (plen + 1 + ulen > XENSTORE_PAYLOAD_MAX) {
            cprintf("xenbus: watch event too long for its token; dropped\n");
            xb_msg_free(m);
            return;
        }
        memmove(m->body + plen + 1, token, ulen);
        m->hdr.len = plen + 1 + ulen;
        xbdev_event(w->file, m);
        return;
    }
    if (wt.queued == XB_THREAD_EVENTS) {
        cprintf("xenbus: too many watch events waiting; one dropped\n");
        xb_msg_free(m);
        return;
    }
    wt.queued++;
    m->watch = w->id;
    m->next = 0;
    if (wt.tail)
        wt.tail->next = m;
    else
        wt.head = m;
    wt.tail = m;
    wake_thread();
}

void xbw_abort_later(uint32_t id)
{
    if (wt.naborts == XB_ABORTS) {
        cprintf("xenbus: too many transactions to abort; %u stays open\n", id);
        return;
    }
    wt.aborts[wt.naborts++] = id;
    wake_thread();
}

void xbw_orphan_reply(struct xb_req *r)
{
    struct xb_msg *m = r->reply;
    int ok = !r->err && m->hdr.type == r->type;
    if (ok && r->type == XS_TRANSACTION_START) {
        uint32_t id = 0, i;
        for (i = 0; i < m->hdr.len && m->body[i] >= '0' && m->body[i] <= '9' &&
                    id < 0x10000000u; i++)
            id = id * 10 + (uint32_t)(m->body[i] - '0');
        if (id)
            xbw_abort_later(id);
    }
    if (!ok && r->watch)
        xbw_drop(r->watch);         /* refused: nothing to unwatch */
    xb_req_free(r);
}

int xbw_add_file_watch(struct xb_file *f, const char *path, const char *token)
{
    int err = 0;
    struct xb_watch *w = add(path, token, &err);
    if (!w)
        return err;
    w->file = f;
    return w->id;
}

int xbw_find_file_watch(struct xb_file *f, const char *path, const char *token)
{
    for (struct xb_watch *w = wt.w; w < wt.w + XB_WATCHES; w++) {
        if (w->state == W_ACTIVE && w->file == f &&
            strncmp(w->text, path, XB_WATCH_TEXT) == 0 &&
            strncmp(w->text + w->path_len + 1, token,
                    XB_WATCH_TEXT - w->path_len - 1) == 0)
            return w->id;
    }
    return 0;
}

void xbw_drop(int id)
{
    struct xb_watch *w = find(id);
    if (w)
        w->state = W_FREE;
}

void xbw_file_closed(struct xb_file *f)
{
    for (struct xb_watch *w = wt.w; w < wt.w + XB_WATCHES; w++) {
        if (w->state != W_FREE && w->file == f) {
            w->file = 0;
            w->state = w->state == W_ACTIVE ? W_DEAD : w->state;
        }
    }
    wake_thread();
}

/* Send UNWATCH for entry id (path and ring token); xb.lock held on entry
 * and exit, dropped meanwhile. */
static int send_unwatch(int id)
{
    char payload[XB_WATCH_TEXT + 12];
    struct xb_watch *w = find(id);
    if (!w)
        return -ENOENT;
    uint32_t n = w->path_len + 1;
    memmove(payload, w->text, n);
    xbw_ring_token(id, payload + n);
    n += strlen(payload + n) + 1;
    release(&xb.lock);
    struct xb_msg *m;
    int rc = xb_request(XS_UNWATCH, XBT_NIL, payload, n, &m);
    if (rc == 0)
        xb_msg_put(m);
    acquire(&xb.lock);
    return rc;
}

int xenbus_watch(const char *path, xenbus_watch_fn fn, void *arg)
{
    char token[12];
    int err = 0;
    if (!xb.present)
        return -ENOSYS;
    acquire(&xb.lock);
    struct xb_watch *w = add(path, 0, &err);
    if (w) {
        w->fn = fn;
        w->arg = arg;
    }
    release(&xb.lock);
    if (!w)
        return err;
    int id = w->id;
    xbw_ring_token(id, token);
    struct xb_msg *m;
    char *payload = kalloc();
    if (!payload) {
        err = -ENOMEM;
    } else {
        uint32_t plen = strlen(path) + 1, tlen = strlen(token) + 1;
        memmove(payload, path, plen);
        memmove(payload + plen, token, tlen);
        err = xb_request(XS_WATCH, XBT_NIL, payload, plen + tlen, &m);
        kfree(payload);
        if (err == 0)
            xb_msg_put(m);
    }
    if (err < 0) {
        acquire(&xb.lock);
        xbw_drop(id);
        release(&xb.lock);
        return err;
    }
    return id;
}

int xenbus_unwatch(int handle)
{
    acquire(&xb.lock);
    struct xb_watch *w = find(handle);
    if (!w || w->file || w->state != W_ACTIVE) {
        release(&xb.lock);
        return -ENOENT;
    }
    w->state = W_UNWATCHING;        /* its events are dropped from now on */
    int rc = send_unwatch(handle);
    xbw_drop(handle);
    /* Wait out a callback of it that is running, unless that is us. */
    while (wt.running == handle && myproc()->pid != xb.thread_pid)
        sleep(&wt.running, &xb.lock);
    release(&xb.lock);
    return rc;
}

/* One piece of the thread's work, if there is any (xb.lock held; it may
 * be dropped meanwhile).  1 if something was done. */
static int thread_work(void)
{
    if (wt.head) {
        struct xb_msg *m = wt.head;
        wt.head = m->next;
        if (!wt.head)
            wt.tail = 0;
        wt.queued--;
        struct xb_watch *w = find(m->watch);
        if (w && w->state == W_ACTIVE && !w->file && w->fn) {
            xenbus_watch_fn fn = w->fn;
            void *arg = w->arg;
            wt.running = w->id;
            release(&xb.lock);
            fn(m->body, arg);
            acquire(&xb.lock);
            wt.running = 0;
            wakeup(&wt.running);
        }
        xb_msg_free(m);
        return 1;
    }
    if (wt.naborts > 0) {
        uint32_t id = wt.aborts[--wt.naborts];
        release(&xb.lock);
        struct xb_msg *m;
        if (xb_request(XS_TRANSACTION_END, id, "F", 2, &m) == 0)
            xb_msg_put(m);
        acquire(&xb.lock);
        return 1;
    }
    for (struct xb_watch *w = wt.w; w < wt.w + XB_WATCHES; w++) {
        if (w->state == W_DEAD) {
            int id = w->id;
            w->state = W_UNWATCHING;
            send_unwatch(id);
            xbw_drop(id);
            return 1;
        }
    }
    return 0;
}

/* The xenbus kernel thread: never returns. */
static void xenbus_thread(void *arg)
{
    (void)arg;
    if (!is_dom0())
        xenbus_shutdown_watch();
    balloon_init();
    acquire(&xb.lock);
    for (;;) {
        if (!thread_work())
            sleep(&wt, &xb.lock);
    }
}

void xbw_start_thread(void)
{
    int pid = kthread_start("xenbus", xenbus_thread, 0);
    if (pid < 0)
        cprintf("xenbus: cannot start its thread\n");
    acquire(&xb.lock);
    xb.thread_pid = pid;
    release(&xb.lock);
}
