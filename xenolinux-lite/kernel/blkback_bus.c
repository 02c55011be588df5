/*
 * blkback's control thread: the xenstore side of dom0's virtual disks.
 *
 * xl describes each disk of a new domain N with a back-end directory,
 * /local/domain/0/backend/vbd/N/V (docs/toolstack.md): the front end's
 * directory, params (the image's path), mode "w" or "r".  The control
 * thread watches backend/vbd and, on every change there or in a front
 * end's state, looks at all devices again and brings each a step closer
 * to where both ends say it should be:
 *
 *   new directory      open the image, write sectors, sector-size 512,
 *                      info (VDISK_READONLY for mode "r"),
 *                      feature-barrier 1, watch the front end's state,
 *                      go InitWait
 *   front end Initialised (or Connected) while we wait
 *                      map its ring-ref, bind its event-channel, start
 *                      serving, go Connected
 *   front end Closing or Closed, or its directory gone
 *                      stop serving, unmap, unbind, go Closed (and back
 *                      to InitWait if the front end starts over)
 *   directory removed  (xl destroy) all of the above, then close the
 *                      image and forget the device, so that nothing of
 *                      the dead domain stays mapped and its memory can
 *                      be freed
 *   a broken ring, or anything refused while setting up
 *                      write the reason to the directory's "error" node
 *                      and go Closing
 *
 * Watch callbacks only wake the thread (they run in the xenbus thread,
 * which serves every driver); all the work, which sleeps on the file
 * system and on xenstore, happens here.  Values a front end wrote
 * (its state, ring-ref, event-channel) are checked before use; the
 * back-end directory is dom0's own (N may only read it).
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"
#include "xenolinux-lite/kernel/mmu.h"
#include "xenolinux-lite/kernel/param.h"
#include "xenolinux-lite/kernel/xen.h"
#include "xenolinux-lite/kernel/xenbus.h"
#include "xenolinux-lite/kernel/blkback.h"
#include "public/io/xenbus.h"
#include "public/errno.h"

#define NODE_PATH 96                /* a device's directory and a node name */
#define LIST_SIZE 512               /* a directory listing */

static struct {
    struct spinlock lock;           /* guards poked */
    int poked;
    struct blkback_dev dev[BLKBACK_MAX];
} bb = { .lock = { .name = "blkback" } };

void blkback_poke(void)
{
    acquire(&bb.lock);
    bb.poked = 1;
    wakeup(&bb.poked);
    release(&bb.lock);
}

static void watch_poke(const char *path, void *arg)
{
    (void)path;
    (void)arg;
    blkback_poke();
}

static void on_event(evtchn_port_t port)
{
    for (struct blkback_dev *d = bb.dev; d < bb.dev + BLKBACK_MAX; d++)
        if (d->used && d->connected && d->port == port)
            blkback_event(d);
}

/* A decimal number of at most max, digits only: 0 with *v, or -EINVAL. */
static int parse_uint(const char *s, uint32_t max, uint32_t *v)
{
    uint32_t n = 0;
    if (!*s)
        return -EINVAL;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || n > (max - (uint32_t)(*s - '0')) / 10)
            return -EINVAL;
        n = n * 10 + (uint32_t)(*s - '0');
    }
    *v = n;
    return 0;
}

/* ------------------------------------------------ nodes of a device */

static int node_read(const char *dir, const char *node, char *buf, int size)
{
    char path[NODE_PATH];
    snprintf(path, sizeof(path), "%s/%s", dir, node);
    return xenbus_read(XBT_NIL, path, buf, size);
}

static int node_read_int(const char *dir, const char *node, int *v)
{
    char path[NODE_PATH];
    snprintf(path, sizeof(path), "%s/%s", dir, node);
    return xenbus_read_int(XBT_NIL, path, v);
}

static int node_write(const char *dir, const char *node, const char *value)
{
    char path[NODE_PATH];
    snprintf(path, sizeof(path), "%s/%s", dir, node);
    return xenbus_write(XBT_NIL, path, value);
}

static int node_write_uint(const char *dir, const char *node, uint32_t v)
{
    char num[12];
    snprintf(num, sizeof(num), "%u", (unsigned)v);
    return node_write(dir, node, num);
}

static void set_state(struct blkback_dev *d, int state)
{
    int rc = node_write_uint(d->be, "state", (uint32_t)state);
    if (rc < 0)
        cprintf("blkback: vbd %u/%u: writing state %d: error %d\n",
                d->domid, (unsigned)d->vdev, state, rc);
    d->state = state;
}

/* ------------------------------------------------- the connection */

/* Stop the serving thread, then unbind the port and unmap everything. */
static void disconnect(struct blkback_dev *d)
{
    if (!d->connected)
        return;
    acquire(&d->lock);
    d->run = 0;
    wakeup(d);
    while (d->serving)
        sleep(&d->serving, &d->lock);
    release(&d->lock);

    if (d->port) {
        pushcli();
        evtchn_set_handler(d->port, 0);
        popcli();
        evtchn_close_t c = { .port = d->port };
        long rc = HYPERCALL2(__HYPERVISOR_event_channel_op, EVTCHNOP_close, &c);
        if (rc < 0)
            cprintf("blkback: vbd %u/%u: closing port %u: %ld\n", d->domid,
                    (unsigned)d->vdev, (unsigned)d->port, rc);
        d->port = 0;
    }
    gntmap_window_free(d->win, BLKBACK_WINDOW);
    d->connected = 0;
}

/* Give up on the device for now: say why, and go Closing. */
static void fail(struct blkback_dev *d, const char *why, int err)
{
    char msg[80];
    snprintf(msg, sizeof(msg), "%s (error %d)", why, err);
    cprintf("blkback: vbd %u/%u: %s\n", d->domid, (unsigned)d->vdev, msg);
    disconnect(d);
    node_write(d->be, "error", msg);
    set_state(d, XenbusStateClosing);
}

/* Bind the front end's port to our handler: 0 or a negative errno. */
static int bind_port(struct blkback_dev *d, uint32_t remote_port)
{
    evtchn_bind_interdomain_t b = { .remote_dom = d->domid,
                                    .remote_port = remote_port };
    pushcli();
    long rc = HYPERCALL2(__HYPERVISOR_event_channel_op,
                         EVTCHNOP_bind_interdomain, &b);
    if (rc == 0) {
        d->port = b.local_port;
        evtchn_set_handler(d->port, on_event);
    }
    popcli();
    return rc < 0 ? (int)rc : (int)evtchn_unmask(d->port);
}

/* The front end is Initialised: connect to its ring and serve it. */
static void connect(struct blkback_dev *d)
{
    int ring_ref, port, rc;
    if ((rc = node_read_int(d->fe, "ring-ref", &ring_ref)) < 0 ||
        (rc = node_read_int(d->fe, "event-channel", &port)) < 0 ||
        ring_ref < 0 || port <= 0 || port >= NR_EVENT_CHANNELS) {
        fail(d, "reading ring-ref and event-channel", rc < 0 ? rc : -EINVAL);
        return;
    }
    if ((rc = gntmap_window_alloc(d->win, BLKBACK_WINDOW)) < 0) {
        fail(d, "no memory to map the ring", rc);
        return;
    }
    grant_ref_t ref = (grant_ref_t)ring_ref;
    if ((rc = gntmap_map(&d->win[BLKBACK_RING_PAGE], 1, d->domid, &ref, 0)) < 0) {
        gntmap_window_free(d->win, BLKBACK_WINDOW);
        fail(d, "mapping ring-ref", rc);
        return;
    }
    BACK_RING_INIT(&d->ring, (blkif_sring_t *)d->win[BLKBACK_RING_PAGE].va,
                   PGSIZE);
    d->connected = 1;
    if ((rc = bind_port(d, (uint32_t)port)) < 0) {
        fail(d, "binding event-channel", rc);
        return;
    }
    if (!d->thread) {
        int pid = kthread_start("blkback", blkback_serve_thread, d);
        if (pid < 0) {
            fail(d, "no process for the serving thread", -ENOMEM);
            return;
        }
        d->thread = pid;
    }
    acquire(&d->lock);
    d->broken = 0;
    d->kicked = 1;
    d->run = 1;
    wakeup(d);
    release(&d->lock);
    set_state(d, XenbusStateConnected);
}

/* ------------------------------------------------ a device's life */

/* A new back-end directory: open the image and go InitWait. */
static void probe(struct blkback_dev *d, domid_t domid, uint32_t vdev)
{
    char params[MAXPATH], mode[4];
    int fe_id, rc;

    d->used = 1;
    d->domid = domid;
    d->vdev = vdev;
    d->state = XenbusStateUnknown;
    d->ip = 0;
    d->fe_watch = 0;
    d->connected = 0;
    d->port = 0;
    snprintf(d->be, sizeof(d->be), "backend/vbd/%u/%u", domid, (unsigned)vdev);

    if ((rc = node_read(d->be, "frontend", d->fe, sizeof(d->fe))) < 0 ||
        (rc = node_read_int(d->be, "frontend-id", &fe_id)) < 0 ||
        (rc = node_read(d->be, "params", params, sizeof(params))) < 0 ||
        (rc = node_read(d->be, "mode", mode, sizeof(mode))) < 0) {
        fail(d, "reading the back-end directory", rc);
        return;
    }
    if (d->fe[0] != '/' || fe_id != domid ||
        !((mode[0] == 'w' || mode[0] == 'r') && mode[1] == 0)) {
        fail(d, "frontend, frontend-id or mode make no sense", -EINVAL);
        return;
    }
    if ((rc = blkback_image_open(params, &d->ip, &d->vbd.sectors)) < 0) {
        d->ip = 0;
        fail(d, "opening the image", rc);
        return;
    }
    d->vbd.readonly = mode[0] == 'r';
    d->vbd.barrier = 1;
    if ((rc = node_write_uint(d->be, "sectors", (uint32_t)d->vbd.sectors)) < 0 ||
        (rc = node_write_uint(d->be, "sector-size", BLKIF_SECTOR_SIZE)) < 0 ||
        (rc = node_write_uint(d->be, "info",
                              d->vbd.readonly ? VDISK_READONLY : 0)) < 0 ||
        (rc = node_write_uint(d->be, "feature-barrier", 1)) < 0) {
        fail(d, "writing the disk's size and features", rc);
        return;
    }
    char path[NODE_PATH];
    snprintf(path, sizeof(path), "%s/state", d->fe);
    if ((rc = xenbus_watch(path, watch_poke, 0)) < 0) {
        fail(d, "watching the front end's state", rc);
        return;
    }
    d->fe_watch = rc;
    cprintf("blkback: vbd %u/%u: %s, %u sectors%s\n", domid, (unsigned)vdev,
            params, (unsigned)d->vbd.sectors, d->vbd.readonly ? ", read-only" : "");
    set_state(d, XenbusStateInitWait);
}

/* The directory is gone: let go of everything. */
static void forget(struct blkback_dev *d)
{
    disconnect(d);
    if (d->fe_watch > 0)
        xenbus_unwatch(d->fe_watch);
    d->fe_watch = 0;
    if (d->ip)
        blkback_image_close(d->ip);
    d->ip = 0;
    d->used = 0;
    cprintf("blkback: vbd %u/%u: released\n", d->domid, (unsigned)d->vdev);
}

/* Bring d a step closer to what its front end's state asks for. */
static void step(struct blkback_dev *d)
{
    acquire(&d->lock);
    int broken = d->broken;
    release(&d->lock);
    if (broken && d->connected) {
        fail(d, "the front end broke its ring", -EIO);
        return;
    }
    int fe_state;
    if (node_read_int(d->fe, "state", &fe_state) < 0)
        fe_state = XenbusStateClosed;       /* gone, or not a state */
    switch (fe_state) {
    case XenbusStateInitialised:
    case XenbusStateConnected:
        if (d->state == XenbusStateInitWait)
            connect(d);
        break;
    case XenbusStateClosing:
    case XenbusStateClosed:
        disconnect(d);
        if (d->state != XenbusStateClosed && d->state != XenbusStateUnknown)
            set_state(d, XenbusStateClosed);
        break;
    case XenbusStateUnknown:
    case XenbusStateInitialising:
        if (d->state == XenbusStateClosed && d->ip)
            set_state(d, XenbusStateInitWait);
        break;
    default:
        break;
    }
}

static struct blkback_dev *find(domid_t domid, uint32_t vdev)
{
    for (struct blkback_dev *d = bb.dev; d < bb.dev + BLKBACK_MAX; d++)
        if (d->used && d->domid == domid && d->vdev == vdev)
            return d;
    return 0;
}

/* Note every device listed under backend/vbd/<dom>; probe new ones. */
static void scan_domain(const char *dom, char *list)
{
    uint32_t domid, vdev;
    char dir[NODE_PATH];
    if (parse_uint(dom, DOMID_FIRST_RESERVED - 1, &domid) < 0 || domid == 0)
        return;
    snprintf(dir, sizeof(dir), "backend/vbd/%s", dom);
    int len = xenbus_directory(XBT_NIL, dir, list, LIST_SIZE);
    for (int off = 0; len > 0 && off < len; off += (int)strlen(list + off) + 1) {
        if (parse_uint(list + off, 0xFFFFFFFFu, &vdev) < 0)
            continue;
        struct blkback_dev *d = find((domid_t)domid, vdev);
        if (!d) {
            for (d = bb.dev; d < bb.dev + BLKBACK_MAX && d->used; d++)
                ;
            if (d == bb.dev + BLKBACK_MAX) {
                cprintf("blkback: no room for vbd %u/%u\n", (unsigned)domid,
                        (unsigned)vdev);
                continue;
            }
            probe(d, (domid_t)domid, vdev);
        }
        d->seen = 1;
    }
}

/* Look at every device once: new ones, gone ones, state changes. */
static void reconcile(void)
{
    static char doms[LIST_SIZE], devs[LIST_SIZE];
    for (struct blkback_dev *d = bb.dev; d < bb.dev + BLKBACK_MAX; d++)
        d->seen = 0;
    int len = xenbus_directory(XBT_NIL, "backend/vbd", doms, sizeof(doms));
    for (int off = 0; len > 0 && off < len; off += (int)strlen(doms + off) + 1)
        scan_domain(doms + off, devs);
    for (struct blkback_dev *d = bb.dev; d < bb.dev + BLKBACK_MAX; d++) {
        if (!d->used)
            continue;
        if (!d->seen)
            forget(d);
        else if (d->ip)
            step(d);
    }
}

static void control_thread(void *arg)
{
    (void)arg;
    int rc = xenbus_watch("backend/vbd", watch_poke, 0);
    if (rc < 0)
        cprintf("blkback: cannot watch backend/vbd: %d\n", rc);
    for (;;) {
        acquire(&bb.lock);
        while (!bb.poked)
            sleep(&bb.poked, &bb.lock);
        bb.poked = 0;
        release(&bb.lock);
        reconcile();
    }
}

void blkback_init(void)
{
    if (!is_dom0())
        return;
    for (struct blkback_dev *d = bb.dev; d < bb.dev + BLKBACK_MAX; d++)
        initlock(&d->lock, "blkback dev");
    if (kthread_start("blkback", control_thread, 0) < 0)
        cprintf("blkback: cannot start its thread\n");
}
