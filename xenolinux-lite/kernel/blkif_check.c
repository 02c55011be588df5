/*
 * The back end's side of the block protocol, as plain C over the ring
 * page (see blkif_check.h): taking requests off a ring the front end
 * controls, checking them, and answering.
 *
 * Why so careful: the ring page is shared with the front end, which may
 * rewrite any slot or index at any moment, on purpose.  So the back end
 * reads the front end's req_prod once per look and checks it against
 * what the ring can hold, copies each request out once and decides
 * everything on the copy, and writes only response slots and its own
 * indices.  The worst a front end can then do is get error answers or
 * have its ring stopped.
 */
#include "xenolinux-lite/kernel/blkif_check.h"
#include "public/errno.h"

/*
 * The ring macros' barriers.  x86 keeps stores in order and loads in
 * order, so a write barrier only has to stop the compiler; the full
 * barrier also orders a store before a later load.
 */
#define wmb() __atomic_signal_fence(__ATOMIC_SEQ_CST)
#define mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)

void blkif_request_copy(struct blkif_request *req,
                        const struct blkif_request *slot)
{
    const volatile struct blkif_request *s = slot;
    req->operation = s->operation;
    req->nr_segments = s->nr_segments;
    req->handle = s->handle;
    req->id = s->id;
    req->sector_number = s->sector_number;
    for (int i = 0; i < BLKIF_MAX_SEGMENTS_PER_REQUEST; i++) {
        req->seg[i].gref = s->seg[i].gref;
        req->seg[i].first_sect = s->seg[i].first_sect;
        req->seg[i].last_sect = s->seg[i].last_sect;
    }
}

int blkif_request_check(const struct blkif_request *req,
                        const struct blkif_vbd *vbd, uint32_t *nr_sectors)
{
    *nr_sectors = 0;
    switch (req->operation) {
    case BLKIF_OP_READ:
    case BLKIF_OP_WRITE:
        break;
    case BLKIF_OP_WRITE_BARRIER:
        if (!vbd->barrier)
            return BLKIF_RSP_EOPNOTSUPP;
        break;
    default:
        return BLKIF_RSP_ERROR;
    }
    if (req->operation != BLKIF_OP_READ && vbd->readonly)
        return BLKIF_RSP_ERROR;

    unsigned int n = req->nr_segments;
    if (n > BLKIF_MAX_SEGMENTS_PER_REQUEST ||
        (n == 0 && req->operation != BLKIF_OP_WRITE_BARRIER))
        return BLKIF_RSP_ERROR;

    uint32_t total = 0;
    for (unsigned int i = 0; i < n; i++) {
        const struct blkif_request_segment *seg = &req->seg[i];
        if (seg->first_sect > seg->last_sect ||
            seg->last_sect >= BLKIF_SECTORS_PER_PAGE)
            return BLKIF_RSP_ERROR;
        total += (uint32_t)(seg->last_sect - seg->first_sect) + 1;
    }
    /* sector_number + total <= sectors, written so nothing can wrap. */
    if (req->sector_number > vbd->sectors ||
        total > vbd->sectors - req->sector_number)
        return BLKIF_RSP_ERROR;
    *nr_sectors = total;
    return BLKIF_RSP_OKAY;
}

int blkif_back_take(blkif_back_ring_t *r, struct blkif_request *req)
{
    RING_IDX prod = __atomic_load_n(&r->sring->req_prod, __ATOMIC_ACQUIRE);

    /*
     * A front end never has more than RING_SIZE requests unanswered, so
     * req_prod can lead our published responses by at most that much.
     */
    if ((RING_IDX)(prod - r->rsp_prod_pvt) > RING_SIZE(r))
        return -EIO;
    if (prod == r->req_cons || RING_REQUEST_CONS_OVERFLOW(r, r->req_cons))
        return 0;
    blkif_request_copy(req, RING_GET_REQUEST(r, r->req_cons));
    r->req_cons++;
    return 1;
}

int blkif_back_respond(blkif_back_ring_t *r, uint64_t id, uint8_t operation,
                       int16_t status)
{
    struct blkif_response *rsp = RING_GET_RESPONSE(r, r->rsp_prod_pvt);
    int notify;

    rsp->id = id;
    rsp->operation = operation;
    rsp->status = status;
    r->rsp_prod_pvt++;
    RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(r, notify);
    return notify != 0;
}

int blkif_back_more(blkif_back_ring_t *r)
{
    int work;
    RING_FINAL_CHECK_FOR_REQUESTS(r, work);
    return work != 0;
}
