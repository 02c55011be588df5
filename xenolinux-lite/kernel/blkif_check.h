/*
 * The rules of the block protocol (public/io/blkif.h, ABI 10.3) that do
 * not need a kernel: what a back end accepts from a ring it does not
 * trust, and how a front end builds its requests and matches the
 * answers.  blkif_check.c and blkfront_req.c are plain C over the ring
 * page, so the host unit tests (tests/unit/test_blkback.c) link them as
 * they are.
 *
 * The back end trusts nothing the front end wrote.  It copies each
 * request out of the shared page once and checks the copy, so a front
 * end changing the slot meanwhile changes nothing; a request it refuses
 * is answered with an error status and its own id.  Ids mean nothing to
 * the back end: the same id twice is two requests, answered twice.
 */
#ifndef XL_BLKIF_CHECK_H
#define XL_BLKIF_CHECK_H
#include <stdint.h>
#include "public/io/blkif.h"

#define BLKIF_SECTOR_SIZE      512
#define BLKIF_SECTORS_PER_PAGE 8        /* last_sect may be at most 7 */

/* A virtual disk as its back end serves it: fixed once connected. */
struct blkif_vbd {
    uint64_t sectors;       /* its size, in 512-byte sectors */
    int readonly;           /* mode "r": writes are refused */
    int barrier;            /* "feature-barrier" was advertised */
};

/* ------------------------------------------------------ back end */

/*
 * Copy the request in the shared slot into *req, reading the slot once.
 * After this, nothing the front end writes to the slot reaches *req.
 */
void blkif_request_copy(struct blkif_request *req,
                        const struct blkif_request *slot);

/*
 * May the back end act on the (copied) request req for disk vbd?
 * BLKIF_RSP_OKAY, with the request's sectors in *nr_sectors; or the
 * status to answer with: BLKIF_RSP_EOPNOTSUPP for a barrier that was not
 * advertised, BLKIF_RSP_ERROR for anything else wrong (an unknown
 * operation; 0 or more than 11 segments, 0 being fine for a barrier;
 * a segment whose first_sect > last_sect or last_sect > 7; sectors past
 * the end of the disk; a write or barrier to a read-only disk).
 */
int blkif_request_check(const struct blkif_request *req,
                        const struct blkif_vbd *vbd, uint32_t *nr_sectors);

/*
 * Take the next request off the back ring r: copy it into *req and
 * consume its slot.  1 if one was taken, 0 if none is waiting, -EIO
 * if the front end's req_prod claims more requests than the ring can
 * hold (it is broken or hostile: the caller stops serving this ring).
 */
int blkif_back_take(blkif_back_ring_t *r, struct blkif_request *req);

/*
 * Answer one request: put (id, operation, status) in the next response
 * slot and publish it.  Returns 1 if the front end asked to be notified
 * of it (send on the event channel), else 0.
 */
int blkif_back_respond(blkif_back_ring_t *r, uint64_t id, uint8_t operation,
                       int16_t status);

/*
 * Before the back end sleeps: 1 if a request is waiting (or arrived
 * while it asked to be woken), 0 if it may sleep until the next event.
 */
int blkif_back_more(blkif_back_ring_t *r);

/* ----------------------------------------------------- front end */

/*
 * Fill *req: a read (write = 0) or write of len bytes at byte offset
 * `offset` of the page granted as gref, to or from the disk at `sector`.
 * offset and len must be whole sectors and stay in the page.  0, or
 * -EINVAL (nothing filled in that case).
 */
int blkif_build_request(struct blkif_request *req, int write, uint64_t id,
                        uint64_t sector, grant_ref_t gref, uint32_t offset,
                        uint32_t len);

/* Requests in flight at once: one per ring slot. */
#define BLKFRONT_MAX_INFLIGHT 32

/*
 * The front end's table of requests in flight.  A request's id is its
 * slot number, so an answer is matched in constant time, and an answer
 * naming a slot not in flight (a broken back end) is recognised.  A slot
 * stays taken after its answer until its owner has finished with it
 * (blkfront_slot_put): the answer only marks it answered.
 */
struct blkfront_inflight {
    uint32_t busy;                          /* bit i: slot i taken */
    uint32_t answered;                      /* bit i: its answer came */
    uint8_t operation[BLKFRONT_MAX_INFLIGHT];
};

/* Claim a free slot for a request of `operation`: its number, or
 * -EBUSY if all are taken. */
int blkfront_slot_get(struct blkfront_inflight *t, uint8_t operation);

/*
 * Match the (copied) response rsp to its slot and mark the slot
 * answered: the slot number, or -EINVAL if rsp names no request in
 * flight (a free slot, one already answered, or another operation
 * than the one sent).
 */
int blkfront_slot_complete(struct blkfront_inflight *t,
                           const struct blkif_response *rsp);

/* Free slot i (taken by blkfront_slot_get), answered or not. */
void blkfront_slot_put(struct blkfront_inflight *t, int i);

/*
 * Take the next response off the front ring r, copied into *rsp.  1 if
 * one was taken, 0 if none is waiting, -EIO if the back end's
 * rsp_prod claims more responses than there are requests outstanding.
 */
int blkif_front_take(blkif_front_ring_t *r, struct blkif_response *rsp);

/* Before the front end sleeps: 1 if a response is waiting (or arrived
 * while it asked to be woken), 0 if it may sleep until the next event. */
int blkif_front_more(blkif_front_ring_t *r);

/*
 * Put a copy of req in the next request slot and publish it.  1 if the
 * back end asked to be notified of it, 0 if not, -EBUSY if the ring is
 * full (nothing published).
 */
int blkif_front_put(blkif_front_ring_t *r, const struct blkif_request *req);
#endif
