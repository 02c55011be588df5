/*
 * xvda's reads and writes (see blkfront.h).
 *
 * A block (512 bytes, one sector) travels through the page of a request
 * slot, never through the buffer cache's own memory: the buffer shares
 * its page with other buffers the back end has no business seeing, and
 * is not sector-aligned in it.  The slot's page is granted to the back
 * end only while its request is out (read-only for a write, which the
 * back end only reads) and taken back once the answer is in.  A slot is
 * its request's id, so at most 32 requests are in flight; a process
 * wanting a 33rd sleeps until a slot is free.
 *
 * Order: diskrw returns only with the answer, so one process's writes
 * reach the back end one at a time, in order; requests of different
 * processes may be out together.  The log writes from one process at a
 * time (its committer), so its body, header and installs are never out
 * together.  The header writes (B_BARRIER) go as WRITE_BARRIER when the
 * back end offers it: then an answer also means durable, whatever the
 * back end caches (docs/toolstack.md, "What a domain synced").
 *
 * The back end is not trusted blindly: an answer naming no request in
 * flight is ignored, and an rsp_prod beyond the requests sent marks the
 * ring broken, which fails every request waiting and every later one.
 * If the back end still maps a page when its answer is in, the grant
 * cannot be taken back; that page is then left alone for good and the
 * slot gets a fresh one.
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"
#include "xenolinux-lite/kernel/mmu.h"
#include "xenolinux-lite/kernel/xen.h"
#include "xenolinux-lite/kernel/buf.h"
#include "xenolinux-lite/kernel/grant.h"
#include "xenolinux-lite/kernel/blkfront.h"
#include "public/errno.h"

/* Wake the waiters of every answered slot (and all, if broken).  lock held. */
static void wake_answered(void)
{
    for (int i = 0; i < BLKFRONT_MAX_INFLIGHT; i++)
        if (blkfront.broken || (blkfront.inflight.answered & (1u << i)))
            wakeup(&blkfront.slot[i]);
}

void blkfront_event(evtchn_port_t port)
{
    (void)port;
    struct blkif_response rsp;
    acquire(&blkfront.lock);
    for (;;) {
        int rc;
        while ((rc = blkif_front_take(&blkfront.ring, &rsp)) == 1) {
            int i = blkfront_slot_complete(&blkfront.inflight, &rsp);
            if (i < 0) {
                cprintf("xvda: an answer for no request in flight (id %u)\n",
                        (unsigned)rsp.id);
                continue;
            }
            blkfront.slot[i].status = rsp.status;
        }
        if (rc < 0 && !blkfront.broken) {
            cprintf("xvda: the back end answered more than was asked; "
                    "disk stopped\n");
            blkfront.broken = 1;
        }
        if (rc < 0 || !blkif_front_more(&blkfront.ring))
            break;
    }
    wake_answered();
    release(&blkfront.lock);
}

/* Take back the grant of slot i's page; give the slot a fresh page if
 * the back end keeps the old one mapped. */
static void end_grant(int i, grant_ref_t ref)
{
    for (int tries = 0; tries < 100; tries++) {
        int rc = gnttab_end_access(ref);
        if (rc != -EBUSY) {
            if (rc < 0)
                cprintf("xvda: ending grant %u: %d\n", (unsigned)ref, rc);
            return;
        }
        yield();
    }
    cprintf("xvda: the back end keeps grant %u mapped; its page is left to it\n",
            (unsigned)ref);
    void *fresh = kalloc();
    if (!fresh)
        panic("xvda: no page to replace a page still granted");
    blkfront.slot[i].page = fresh;
}

/* Send one request of `op` for b through slot i and wait for its answer:
 * the answer's status. */
static int16_t transfer(struct buf *b, int i, uint8_t op)
{
    struct blkfront_slot *s = &blkfront.slot[i];
    struct blkif_request req;
    int write = op != BLKIF_OP_READ;
    if (write)
        memmove(s->page, b->data, BSIZE);
    int ref = gnttab_grant_access(blkfront.backend_id, v2mfn(s->page), write);
    if (ref < 0) {
        cprintf("xvda: no grant reference: %d\n", ref);
        return BLKIF_RSP_ERROR;
    }
    if (blkif_build_request(&req, write, (uint64_t)i, b->blockno,
                            (grant_ref_t)ref, 0, BSIZE) < 0)
        panic("xvda: bad request");
    req.operation = op;     /* a barrier is a write with one more promise */

    acquire(&blkfront.lock);
    int notify = blkfront.broken ? 0 : blkif_front_put(&blkfront.ring, &req);
    if (notify < 0)
        panic("xvda: ring full with a slot free");
    if (notify) {
        evtchn_send_t send = { .port = blkfront.port };
        HYPERCALL2(__HYPERVISOR_event_channel_op, EVTCHNOP_send, &send);
    }
    while (!blkfront.broken && !(blkfront.inflight.answered & (1u << i)))
        sleep(s, &blkfront.lock);
    int16_t status = blkfront.broken ? BLKIF_RSP_ERROR : s->status;
    release(&blkfront.lock);

    end_grant(i, (grant_ref_t)ref);
    if (!write && status == BLKIF_RSP_OKAY)
        memmove(b->data, s->page, BSIZE);
    return status;
}

/* Do one request of `op` for b in a free slot: the answer's status. */
static int16_t request(struct buf *b, uint8_t op)
{
    acquire(&blkfront.lock);
    int i;
    while ((i = blkfront_slot_get(&blkfront.inflight, op)) < 0)
        sleep(&blkfront.inflight, &blkfront.lock);
    release(&blkfront.lock);

    int16_t status = transfer(b, i, op);

    acquire(&blkfront.lock);
    blkfront_slot_put(&blkfront.inflight, i);
    wakeup(&blkfront.inflight);
    release(&blkfront.lock);
    return status;
}

/*
 * diskrw() for xvda (defs.h): read or write b's block, synchronously.  A
 * write marked B_BARRIER goes as BLKIF_OP_WRITE_BARRIER if the back end
 * advertised feature-barrier; one that refuses it (EOPNOTSUPP) gets it
 * again as a plain write, and no more barriers, as Linux's blkfront does.
 */
void blkfront_rw(struct buf *b)
{
    if (blkfront.state != BF_CONNECTED)
        blkfront_connect();
    int write = (b->flags & B_DIRTY) != 0;
    if (!write && (b->flags & B_VALID))
        return;
    if (b->blockno >= blkfront.sectors)
        panic("xvda: block out of range");
    if (write && blkfront.readonly)
        panic("xvda: write to a read-only disk");

    uint8_t op = !write ? BLKIF_OP_READ
               : (b->flags & B_BARRIER) && blkfront.barrier
               ? BLKIF_OP_WRITE_BARRIER : BLKIF_OP_WRITE;
    int16_t status = request(b, op);
    if (status == BLKIF_RSP_EOPNOTSUPP && op == BLKIF_OP_WRITE_BARRIER) {
        cprintf("xvda: the back end refuses barriers; plain writes from now\n");
        blkfront.barrier = 0;
        status = request(b, BLKIF_OP_WRITE);
    }
    if (status != BLKIF_RSP_OKAY) {
        cprintf("xvda: %s of block %u failed: status %d\n",
                write ? "write" : "read", (unsigned)b->blockno, status);
        panic("xvda: I/O error");
    }
    b->flags = (b->flags | B_VALID) & ~B_DIRTY;
}

uint32_t blkfront_size(void)
{
    if (blkfront.state != BF_CONNECTED)
        blkfront_connect();
    return blkfront.sectors;
}
