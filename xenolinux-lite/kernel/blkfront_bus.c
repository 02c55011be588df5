/*
 * Connecting xvda to its back end, as a Xen front end does
 * (docs/toolstack.md, "Split devices"):
 *
 *   1. read device/vbd/51712: the back end's directory and domain
 *   2. wait until the back end is InitWait (it has opened the image)
 *   3. a zeroed ring page, granted to the back end's domain; a port
 *      allocated for it; ring-ref, event-channel and state Initialised
 *      written in one transaction
 *   4. wait until the back end is Connected; read sectors, sector-size
 *      (512, or we refuse), info and feature-barrier (1: the log's
 *      header writes go as barriers, blkfront_io.c)
 *   5. the request pages (blkfront_io.c); state Connected
 *
 * Waiting is on a watch of the back end's state, whose callback only
 * counts changes and wakes the waiter; the waiter reads the state
 * itself.  A back end that goes Closing or Closed before it is
 * Connected has refused the disk.
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"
#include "xenolinux-lite/kernel/mmu.h"
#include "xenolinux-lite/kernel/xen.h"
#include "xenolinux-lite/kernel/xenbus.h"
#include "xenolinux-lite/kernel/grant.h"
#include "xenolinux-lite/kernel/blkfront.h"
#include "public/io/xenbus.h"
#include "public/errno.h"

#define FE_DIR "device/vbd/51712"
#define PATH 96
#define TX_TRIES 10

struct blkfront blkfront = { .lock = { .name = "blkfront" } };

static void be_state_changed(const char *path, void *arg)
{
    (void)path;
    (void)arg;
    acquire(&blkfront.lock);
    blkfront.be_changes++;
    wakeup(&blkfront.be_changes);
    release(&blkfront.lock);
}

static int be_read_int(const char *node, int *v)
{
    char path[PATH];
    snprintf(path, sizeof(path), "%s/%s", blkfront.be, node);
    return xenbus_read_int(XBT_NIL, path, v);
}

/*
 * Wait until the back end's state is `want` or later: 0, or -EIO if it
 * went Closing or Closed first (or its state cannot be read).
 */
static int wait_for_backend(int want)
{
    for (;;) {
        acquire(&blkfront.lock);
        int seen = blkfront.be_changes;
        release(&blkfront.lock);
        int state;
        int rc = be_read_int("state", &state);
        if (rc < 0 && rc != -ENOENT)
            return rc;
        if (rc == 0 && (state == XenbusStateClosing ||
                        state == XenbusStateClosed))
            return -EIO;
        if (rc == 0 && state >= want)
            return 0;
        acquire(&blkfront.lock);
        while (blkfront.be_changes == seen)
            sleep(&blkfront.be_changes, &blkfront.lock);
        release(&blkfront.lock);
    }
}

/* Publish ring-ref, event-channel and Initialised together. */
static int publish(int ring_ref, evtchn_port_t port)
{
    char num[12];
    int rc = -EAGAIN;
    for (int i = 0; i < TX_TRIES && rc == -EAGAIN; i++) {
        xenbus_transaction_t t;
        if ((rc = xenbus_transaction_start(&t)) < 0)
            return rc;
        snprintf(num, sizeof(num), "%d", ring_ref);
        if ((rc = xenbus_write(t, FE_DIR "/ring-ref", num)) < 0 ||
            (rc = xenbus_write_int(t, FE_DIR "/event-channel", (int)port)) < 0 ||
            (rc = xenbus_write_int(t, FE_DIR "/state",
                                   XenbusStateInitialised)) < 0) {
            xenbus_transaction_end(t, 1);
            return rc;
        }
        rc = xenbus_transaction_end(t, 0);
    }
    return rc;
}

/* Ring page, grant and port: 0 or a negative errno. */
static int make_ring(int *ring_ref)
{
    blkif_sring_t *sring = kalloc();
    if (!sring)
        return -ENOMEM;
    memset(sring, 0, PGSIZE);
    SHARED_RING_INIT(sring);
    FRONT_RING_INIT(&blkfront.ring, sring, PGSIZE);
    int ref = gnttab_grant_access(blkfront.backend_id, v2mfn(sring), 0);
    if (ref < 0)
        return ref;
    *ring_ref = ref;

    evtchn_alloc_unbound_t a = { .dom = DOMID_SELF,
                                 .remote_dom = blkfront.backend_id };
    pushcli();
    long rc = HYPERCALL2(__HYPERVISOR_event_channel_op,
                         EVTCHNOP_alloc_unbound, &a);
    if (rc == 0)
        evtchn_set_handler(a.port, blkfront_event);
    popcli();
    if (rc < 0)
        return (int)rc;
    blkfront.port = a.port;
    return (int)evtchn_unmask(a.port);
}

static int alloc_slots(void)
{
    for (int i = 0; i < BLKFRONT_MAX_INFLIGHT; i++)
        if ((blkfront.slot[i].page = kalloc()) == 0)
            return -ENOMEM;
    return 0;
}

/* Steps 1-5 above: 0 or a negative errno (with what failed printed). */
static int connect(void)
{
    int rc, backend_id, ring_ref, sectors, sector_size, info;
    if ((rc = xenbus_read(XBT_NIL, FE_DIR "/backend", blkfront.be,
                          sizeof(blkfront.be))) < 0 ||
        (rc = xenbus_read_int(XBT_NIL, FE_DIR "/backend-id", &backend_id)) < 0) {
        cprintf("xvda: no virtual disk 51712 in xenstore (%d)\n", rc);
        return rc;
    }
    if (backend_id < 0 || backend_id >= DOMID_FIRST_RESERVED)
        return -EINVAL;
    blkfront.backend_id = (domid_t)backend_id;

    char path[PATH];
    snprintf(path, sizeof(path), "%s/state", blkfront.be);
    int watch = xenbus_watch(path, be_state_changed, 0);
    if (watch < 0)
        return watch;
    if ((rc = wait_for_backend(XenbusStateInitWait)) < 0) {
        cprintf("xvda: the back end did not get ready (%d)\n", rc);
    } else if ((rc = make_ring(&ring_ref)) < 0 ||
               (rc = alloc_slots()) < 0 ||
               (rc = publish(ring_ref, blkfront.port)) < 0) {
        cprintf("xvda: setting up the ring failed (%d)\n", rc);
    } else if ((rc = wait_for_backend(XenbusStateConnected)) < 0) {
        cprintf("xvda: the back end did not connect (%d)\n", rc);
    } else if ((rc = be_read_int("sectors", &sectors)) < 0 ||
               (rc = be_read_int("sector-size", &sector_size)) < 0 ||
               (rc = be_read_int("info", &info)) < 0 ||
               sectors < 0 || sector_size != BLKIF_SECTOR_SIZE) {
        cprintf("xvda: the back end's sectors, sector-size or info is wrong\n");
        rc = rc < 0 ? rc : -EINVAL;
    } else {
        blkfront.sectors = (uint32_t)sectors;
        blkfront.readonly = (info & VDISK_READONLY) != 0;
        int barrier;
        blkfront.barrier = be_read_int("feature-barrier", &barrier) == 0 &&
                           barrier == 1;
        rc = xenbus_write_int(XBT_NIL, FE_DIR "/state", XenbusStateConnected);
    }
    xenbus_unwatch(watch);
    return rc;
}

void blkfront_connect(void)
{
    acquire(&blkfront.lock);
    while (blkfront.state == BF_CONNECTING)
        sleep(&blkfront.state, &blkfront.lock);
    if (blkfront.state == BF_CONNECTED) {
        release(&blkfront.lock);
        return;
    }
    blkfront.state = BF_CONNECTING;
    release(&blkfront.lock);

    if (connect() < 0)
        panic("xvda: cannot connect to the virtual disk");
    cprintf("xvda: %u sectors%s, back end in domain %u\n",
            (unsigned)blkfront.sectors, blkfront.readonly ? ", read-only" : "",
            blkfront.backend_id);
    if (blkfront.barrier)
        cprintf("xvda: the back end takes barriers: the log's commits use them\n");

    acquire(&blkfront.lock);
    blkfront.state = BF_CONNECTED;
    wakeup(&blkfront.state);
    release(&blkfront.lock);
}
