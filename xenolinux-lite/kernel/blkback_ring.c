/*
 * A virtual disk's serving thread: it takes requests off the ring one at
 * a time, in ring order, and answers each before it takes the next.
 *
 * One request: copy it out of the ring (blkif_back_take), check the copy
 * (blkif_request_check), map its granted pages into the device's window
 * (writable for a read, which fills them; read-only for a write), move
 * the data between those pages and the image, unmap, answer.  Anything
 * refused on the way (the check, a grant the hypervisor will not map, an
 * image too short) is answered with BLKIF_RSP_ERROR and the request's
 * own id; nothing of another domain is touched, since only what the
 * hypervisor mapped for this front end is.  A front end whose req_prod
 * is impossible has broken its ring: the thread stops serving it and
 * tells the control thread, which fails the device.
 *
 * Between requests the thread checks `run`, so the control thread can
 * stop it within one request; while the ring is empty it sleeps until
 * the front end's event (blkback_event) or a stop.  The kernel preempts
 * it at a timer tick like any process, so a front end that keeps its
 * ring full cannot starve dom0.
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"
#include "xenolinux-lite/kernel/mmu.h"
#include "xenolinux-lite/kernel/xen.h"
#include "xenolinux-lite/kernel/blkback.h"
#include "public/errno.h"

static void notify(struct blkback_dev *d)
{
    evtchn_send_t s = { .port = d->port };
    HYPERCALL2(__HYPERVISOR_event_channel_op, EVTCHNOP_send, &s);
}

/* Move the data of a checked READ, WRITE or WRITE_BARRIER; BLKIF_RSP_OKAY
 * or BLKIF_RSP_ERROR. */
static int16_t do_io(struct blkback_dev *d, const struct blkif_request *req)
{
    struct gntmap_page *seg = &d->win[BLKBACK_RING_PAGE + 1];
    grant_ref_t refs[BLKIF_MAX_SEGMENTS_PER_REQUEST];
    int n = req->nr_segments;
    int writing = req->operation == BLKIF_OP_WRITE ||
                  req->operation == BLKIF_OP_WRITE_BARRIER;

    for (int i = 0; i < n; i++)
        refs[i] = req->seg[i].gref;
    if (gntmap_map(seg, n, d->domid, refs, writing) < 0)
        return BLKIF_RSP_ERROR;

    int rc = 0;
    uint32_t off = (uint32_t)req->sector_number * BLKIF_SECTOR_SIZE;
    for (int i = 0; i < n && rc == 0; i++) {
        uint32_t first = req->seg[i].first_sect;
        uint32_t len = (req->seg[i].last_sect - first + 1) * BLKIF_SECTOR_SIZE;
        char *data = (char *)seg[i].va + first * BLKIF_SECTOR_SIZE;
        rc = writing ? blkback_image_write(d->ip, data, off, len)
                     : blkback_image_read(d->ip, data, off, len);
        off += len;
    }
    if (gntmap_unmap(seg, n) < 0)
        rc = -EIO;
    return rc == 0 ? BLKIF_RSP_OKAY : BLKIF_RSP_ERROR;
}

/*
 * Act on one request (copied off the ring) and answer it.  The answer to
 * a write means the data is durable: blkback_image_write returns with
 * each of its file-system operations committed and installed on dom0's
 * disk (log.c's end_op; ide.c flushes the drive's cache after each
 * write).
 *
 * WRITE_BARRIER, as Xen 3.0.4 defines it: every request before it is
 * done before it starts, and it is done (durable) before any after it
 * starts.  This thread answers each request before it takes the next, so
 * the ring is already drained when a barrier is taken, and nothing later
 * is looked at until it is answered.  What is left is its data: a
 * barrier's segments (Xen 3.0.4 front ends send the write itself as the
 * barrier) are written exactly as a WRITE's; a barrier without segments
 * asks only for the ordering and the durability, which hold, and is
 * answered at once.
 */
static void serve_one(struct blkback_dev *d, const struct blkif_request *req)
{
    uint32_t nr_sectors;
    int16_t status = (int16_t)blkif_request_check(req, &d->vbd, &nr_sectors);
    /* The check bounds the sectors by the image's size, which fits in
     * 32 bits of bytes (a file is at most a few MB). */
    if (status == BLKIF_RSP_OKAY && req->nr_segments > 0)
        status = do_io(d, req);
    if (blkif_back_respond(&d->ring, req->id, req->operation, status))
        notify(d);
}

/* Is the thread still to serve?  Clears `kicked` when it is. */
static int still_running(struct blkback_dev *d)
{
    acquire(&d->lock);
    int run = d->run;
    if (run)
        d->kicked = 0;
    release(&d->lock);
    return run;
}

/* Serve d's ring until run goes 0. */
static void serve_ring(struct blkback_dev *d)
{
    struct blkif_request req;
    while (still_running(d)) {
        int rc;
        while ((rc = blkif_back_take(&d->ring, &req)) == 1) {
            serve_one(d, &req);
            if (!still_running(d))
                return;
        }
        if (rc < 0) {
            cprintf("blkback: vbd %u/%u: the front end published more "
                    "requests than its ring holds; ring stopped\n",
                    d->domid, (unsigned)d->vdev);
            acquire(&d->lock);
            d->broken = 1;
            release(&d->lock);
            blkback_poke();
            acquire(&d->lock);
            while (d->run)
                sleep(d, &d->lock);
            release(&d->lock);
            return;
        }
        if (blkif_back_more(&d->ring))
            continue;
        acquire(&d->lock);
        while (d->run && !d->kicked)
            sleep(d, &d->lock);
        release(&d->lock);
    }
}

void blkback_serve_thread(void *arg)
{
    struct blkback_dev *d = arg;
    acquire(&d->lock);
    for (;;) {
        while (!d->run)
            sleep(d, &d->lock);
        d->serving = 1;
        release(&d->lock);
        serve_ring(d);
        acquire(&d->lock);
        d->serving = 0;
        wakeup(&d->serving);
    }
}

void blkback_event(struct blkback_dev *d)
{
    acquire(&d->lock);
    d->kicked = 1;
    wakeup(d);
    release(&d->lock);
}
