/*
 * The front end's side of the block protocol that needs no kernel (see
 * blkif_check.h): building a request, keeping the table of requests in
 * flight, and taking answers off a ring whose back end it does not
 * blindly trust.
 */
#include "xenolinux-lite/kernel/blkif_check.h"
#include "public/errno.h"

#define wmb() __atomic_signal_fence(__ATOMIC_SEQ_CST)
#define mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)

int blkif_build_request(struct blkif_request *req, int write, uint64_t id,
                        uint64_t sector, grant_ref_t gref, uint32_t offset,
                        uint32_t len)
{
    const uint32_t page = BLKIF_SECTOR_SIZE * BLKIF_SECTORS_PER_PAGE;
    if (len == 0 || offset % BLKIF_SECTOR_SIZE || len % BLKIF_SECTOR_SIZE ||
        offset >= page || len > page - offset)
        return -EINVAL;
    req->operation = write ? BLKIF_OP_WRITE : BLKIF_OP_READ;
    req->nr_segments = 1;
    req->handle = 0;        /* back ends find the disk by its ring */
    req->id = id;
    req->sector_number = sector;
    req->seg[0].gref = gref;
    req->seg[0].first_sect = (uint8_t)(offset / BLKIF_SECTOR_SIZE);
    req->seg[0].last_sect = (uint8_t)((offset + len) / BLKIF_SECTOR_SIZE - 1);
    return 0;
}

int blkfront_slot_get(struct blkfront_inflight *t, uint8_t operation)
{
    for (int i = 0; i < BLKFRONT_MAX_INFLIGHT; i++) {
        if (!(t->busy & (1u << i))) {
            t->busy |= 1u << i;
            t->answered &= ~(1u << i);
            t->operation[i] = operation;
            return i;
        }
    }
    return -EBUSY;
}

int blkfront_slot_complete(struct blkfront_inflight *t,
                           const struct blkif_response *rsp)
{
    if (rsp->id >= BLKFRONT_MAX_INFLIGHT)
        return -EINVAL;
    int i = (int)rsp->id;
    uint32_t bit = 1u << i;
    if (!(t->busy & bit) || (t->answered & bit) ||
        t->operation[i] != rsp->operation)
        return -EINVAL;
    t->answered |= bit;
    return i;
}

void blkfront_slot_put(struct blkfront_inflight *t, int i)
{
    if (i >= 0 && i < BLKFRONT_MAX_INFLIGHT) {
        t->busy &= ~(1u << i);
        t->answered &= ~(1u << i);
    }
}

int blkif_front_take(blkif_front_ring_t *r, struct blkif_response *rsp)
{
    RING_IDX prod = __atomic_load_n(&r->sring->rsp_prod, __ATOMIC_ACQUIRE);
    if (RING_RESPONSE_PROD_OVERFLOW(r, prod))
        return -EIO;
    if (prod == r->rsp_cons)
        return 0;
    const volatile struct blkif_response *s =
        RING_GET_RESPONSE(r, r->rsp_cons);
    rsp->id = s->id;
    rsp->operation = s->operation;
    rsp->status = s->status;
    r->rsp_cons++;
    return 1;
}

int blkif_front_more(blkif_front_ring_t *r)
{
    int work;
    RING_FINAL_CHECK_FOR_RESPONSES(r, work);
    return work != 0;
}

int blkif_front_put(blkif_front_ring_t *r, const struct blkif_request *req)
{
    int notify;
    if (RING_FULL(r))
        return -EBUSY;
    *RING_GET_REQUEST(r, r->req_prod_pvt) = *req;
    r->req_prod_pvt++;
    RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(r, notify);
    return notify != 0;
}
