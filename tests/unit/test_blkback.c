/*
 * The block protocol's untrusting halves (xenolinux-lite/kernel/
 * blkif_check.c and blkfront_req.c), on a ring page in host memory:
 *
 *   - what a back end accepts from a request and what it answers
 *     instead (ABI 10.3: operations, 1..11 segments, sectors 0..7 of a
 *     page, the disk's end, read-only disks, barriers);
 *   - taking requests off a ring the front end may have filled with
 *     anything (a req_prod far ahead, slots rewritten after the take);
 *   - the front end's requests, its table of requests in flight and its
 *     distrust of the back end's rsp_prod.
 *
 * Expected values follow from the ABI's rules, not from the code.
 */
// uses: xenolinux-lite/kernel/blkif_check.c xenolinux-lite/kernel/blkfront_req.c
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "xenolinux-lite/kernel/blkif_check.h"
#include "public/errno.h"

#define PAGE 4096
#define DISK_SECTORS 2048u          /* a 1 MB disk */

static uint8_t page[PAGE] __attribute__((aligned(PAGE)));
static blkif_sring_t *sring;
static blkif_front_ring_t front;
static blkif_back_ring_t back;

static const struct blkif_vbd disk_rw = { DISK_SECTORS, 0, 1 };
static const struct blkif_vbd disk_ro = { DISK_SECTORS, 1, 1 };
static const struct blkif_vbd disk_nobarrier = { DISK_SECTORS, 0, 0 };

static int fresh_ring(void **state)
{
    (void)state;
    memset(page, 0xA5, sizeof(page));
    sring = (blkif_sring_t *)page;
    SHARED_RING_INIT(sring);
    FRONT_RING_INIT(&front, sring, PAGE);
    BACK_RING_INIT(&back, sring, PAGE);
    return 0;
}

/* A request of op with n segments, each covering sectors first..last. */
static struct blkif_request request(uint8_t op, uint8_t n, uint64_t sector,
                                    uint8_t first, uint8_t last)
{
    struct blkif_request req;
    memset(&req, 0, sizeof(req));
    req.operation = op;
    req.nr_segments = n;
    req.id = 0x1234;
    req.sector_number = sector;
    for (int i = 0; i < BLKIF_MAX_SEGMENTS_PER_REQUEST; i++) {
        req.seg[i].gref = 100 + (grant_ref_t)i;
        req.seg[i].first_sect = first;
        req.seg[i].last_sect = last;
    }
    return req;
}

static int check(struct blkif_request req, const struct blkif_vbd *vbd,
                 uint32_t *nr)
{
    uint32_t dummy;
    return blkif_request_check(&req, vbd, nr ? nr : &dummy);
}

/* ---------------------------------------------------- request checks */

static void test_read_of_whole_pages_accepted(void **state)
{
    (void)state;
    uint32_t nr = 0;
    assert_int_equal(check(request(BLKIF_OP_READ, 1, 0, 0, 7), &disk_rw, &nr),
                     BLKIF_RSP_OKAY);
    assert_int_equal(nr, 8);
    assert_int_equal(check(request(BLKIF_OP_READ, 11, 0, 0, 7), &disk_rw, &nr),
                     BLKIF_RSP_OKAY);
    assert_int_equal(nr, 88);
}

static void test_write_of_partial_segments_counts_their_sectors(void **state)
{
    (void)state;
    uint32_t nr = 0;
    struct blkif_request req = request(BLKIF_OP_WRITE, 3, 10, 0, 0);
    req.seg[1].first_sect = 2;
    req.seg[1].last_sect = 5;
    req.seg[2].first_sect = 7;
    req.seg[2].last_sect = 7;
    assert_int_equal(check(req, &disk_rw, &nr), BLKIF_RSP_OKAY);
    assert_int_equal(nr, 1 + 4 + 1);
}

static void test_unknown_operation_refused(void **state)
{
    (void)state;
    assert_int_equal(check(request(3, 1, 0, 0, 0), &disk_rw, NULL),
                     BLKIF_RSP_ERROR);
    assert_int_equal(check(request(0xFF, 1, 0, 0, 0), &disk_rw, NULL),
                     BLKIF_RSP_ERROR);
}

static void test_segment_count_outside_1_to_11_refused(void **state)
{
    (void)state;
    assert_int_equal(check(request(BLKIF_OP_READ, 0, 0, 0, 0), &disk_rw, NULL),
                     BLKIF_RSP_ERROR);
    assert_int_equal(check(request(BLKIF_OP_WRITE, 0, 0, 0, 0), &disk_rw, NULL),
                     BLKIF_RSP_ERROR);
    assert_int_equal(check(request(BLKIF_OP_READ, 12, 0, 0, 0), &disk_rw, NULL),
                     BLKIF_RSP_ERROR);
    assert_int_equal(check(request(BLKIF_OP_WRITE, 255, 0, 0, 0), &disk_rw, NULL),
                     BLKIF_RSP_ERROR);
}

static void test_empty_barrier_accepted_when_advertised(void **state)
{
    (void)state;
    uint32_t nr = 99;
    assert_int_equal(check(request(BLKIF_OP_WRITE_BARRIER, 0, 0, 0, 0),
                           &disk_rw, &nr), BLKIF_RSP_OKAY);
    assert_int_equal(nr, 0);
    assert_int_equal(check(request(BLKIF_OP_WRITE_BARRIER, 2, 8, 0, 7),
                           &disk_rw, &nr), BLKIF_RSP_OKAY);
    assert_int_equal(nr, 16);
    assert_int_equal(check(request(BLKIF_OP_WRITE_BARRIER, 12, 0, 0, 0),
                           &disk_rw, NULL), BLKIF_RSP_ERROR);
}

static void test_barrier_not_advertised_is_not_supported(void **state)
{
    (void)state;
    assert_int_equal(check(request(BLKIF_OP_WRITE_BARRIER, 0, 0, 0, 0),
                           &disk_nobarrier, NULL), BLKIF_RSP_EOPNOTSUPP);
    assert_int_equal(check(request(BLKIF_OP_WRITE_BARRIER, 1, 0, 0, 7),
                           &disk_nobarrier, NULL), BLKIF_RSP_EOPNOTSUPP);
    assert_int_equal(check(request(BLKIF_OP_WRITE, 1, 0, 0, 7),
                           &disk_nobarrier, NULL), BLKIF_RSP_OKAY);
}

static void test_segment_sectors_must_lie_in_the_page_in_order(void **state)
{
    (void)state;
    assert_int_equal(check(request(BLKIF_OP_READ, 1, 0, 7, 7), &disk_rw, NULL),
                     BLKIF_RSP_OKAY);
    assert_int_equal(check(request(BLKIF_OP_READ, 1, 0, 3, 2), &disk_rw, NULL),
                     BLKIF_RSP_ERROR);
    assert_int_equal(check(request(BLKIF_OP_READ, 1, 0, 0, 8), &disk_rw, NULL),
                     BLKIF_RSP_ERROR);
    assert_int_equal(check(request(BLKIF_OP_READ, 1, 0, 8, 8), &disk_rw, NULL),
                     BLKIF_RSP_ERROR);
    assert_int_equal(check(request(BLKIF_OP_READ, 1, 0, 0xFF, 0xFF), &disk_rw,
                           NULL), BLKIF_RSP_ERROR);
    /* One bad segment among good ones spoils the request. */
    struct blkif_request req = request(BLKIF_OP_WRITE, 4, 0, 0, 7);
    req.seg[3].last_sect = 9;
    assert_int_equal(check(req, &disk_rw, NULL), BLKIF_RSP_ERROR);
}

static void test_sectors_up_to_the_disk_end_accepted(void **state)
{
    (void)state;
    assert_int_equal(check(request(BLKIF_OP_READ, 1, DISK_SECTORS - 8, 0, 7),
                           &disk_rw, NULL), BLKIF_RSP_OKAY);
    assert_int_equal(check(request(BLKIF_OP_WRITE, 1, DISK_SECTORS - 1, 7, 7),
                           &disk_rw, NULL), BLKIF_RSP_OKAY);
}

static void test_sectors_past_the_disk_end_refused(void **state)
{
    (void)state;
    assert_int_equal(check(request(BLKIF_OP_READ, 1, DISK_SECTORS - 7, 0, 7),
                           &disk_rw, NULL), BLKIF_RSP_ERROR);
    assert_int_equal(check(request(BLKIF_OP_READ, 1, DISK_SECTORS, 0, 0),
                           &disk_rw, NULL), BLKIF_RSP_ERROR);
    assert_int_equal(check(request(BLKIF_OP_WRITE, 11, 1u << 31, 0, 7),
                           &disk_rw, NULL), BLKIF_RSP_ERROR);
}

static void test_sector_number_that_would_wrap_refused(void **state)
{
    (void)state;
    /* sector + 8 wraps to 7: a naive end check would pass it. */
    assert_int_equal(check(request(BLKIF_OP_READ, 1, UINT64_MAX, 0, 7),
                           &disk_rw, NULL), BLKIF_RSP_ERROR);
    assert_int_equal(check(request(BLKIF_OP_WRITE, 11, UINT64_MAX - 80, 0, 7),
                           &disk_rw, NULL), BLKIF_RSP_ERROR);
    assert_int_equal(check(request(BLKIF_OP_READ, 1, 1ull << 32, 0, 0),
                           &disk_rw, NULL), BLKIF_RSP_ERROR);
}

static void test_readonly_disk_refuses_writes_and_barriers(void **state)
{
    (void)state;
    assert_int_equal(check(request(BLKIF_OP_READ, 1, 0, 0, 7), &disk_ro, NULL),
                     BLKIF_RSP_OKAY);
    assert_int_equal(check(request(BLKIF_OP_WRITE, 1, 0, 0, 7), &disk_ro, NULL),
                     BLKIF_RSP_ERROR);
    assert_int_equal(check(request(BLKIF_OP_WRITE_BARRIER, 0, 0, 0, 0),
                           &disk_ro, NULL), BLKIF_RSP_ERROR);
}

static void test_refused_request_reports_no_sectors(void **state)
{
    (void)state;
    uint32_t nr = 77;
    assert_int_equal(check(request(BLKIF_OP_READ, 12, 0, 0, 7), &disk_rw, &nr),
                     BLKIF_RSP_ERROR);
    assert_int_equal(nr, 0);
}

/* ------------------------------------------------ the back end's ring */

/* Front end: publish req (through the front end's own code). */
static void publish(struct blkif_request req)
{
    assert_true(blkif_front_put(&front, &req) >= 0);
}

static void test_empty_ring_gives_nothing(void **state)
{
    (void)state;
    struct blkif_request req;
    assert_int_equal(blkif_back_take(&back, &req), 0);
    assert_int_equal(back.req_cons, 0);
}

static void test_requests_taken_in_ring_order(void **state)
{
    (void)state;
    struct blkif_request req;
    for (uint64_t id = 1; id <= 3; id++) {
        struct blkif_request r = request(BLKIF_OP_READ, 1, id * 8, 0, 7);
        r.id = id;
        publish(r);
    }
    for (uint64_t id = 1; id <= 3; id++) {
        assert_int_equal(blkif_back_take(&back, &req), 1);
        assert_int_equal(req.id, id);
        assert_int_equal(req.sector_number, id * 8);
        blkif_back_respond(&back, req.id, req.operation, BLKIF_RSP_OKAY);
    }
    assert_int_equal(blkif_back_take(&back, &req), 0);
}

static void test_taken_request_unchanged_when_front_end_rewrites_slot(void **state)
{
    (void)state;
    struct blkif_request req;
    publish(request(BLKIF_OP_READ, 1, 16, 0, 7));
    assert_int_equal(blkif_back_take(&back, &req), 1);
    /* The front end now turns the slot into something the check refuses. */
    struct blkif_request *slot = RING_GET_REQUEST(&front, 0);
    slot->nr_segments = 200;
    slot->sector_number = UINT64_MAX;
    slot->seg[0].last_sect = 99;
    slot->operation = BLKIF_OP_WRITE;
    uint32_t nr = 0;
    assert_int_equal(blkif_request_check(&req, &disk_ro, &nr), BLKIF_RSP_OKAY);
    assert_int_equal(nr, 8);
    assert_int_equal(req.operation, BLKIF_OP_READ);
    assert_int_equal(req.sector_number, 16);
}

static void test_reused_id_answered_each_time(void **state)
{
    (void)state;
    struct blkif_request req, r = request(BLKIF_OP_READ, 1, 0, 0, 7);
    struct blkif_response rsp;
    r.id = 7;
    publish(r);
    publish(r);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(blkif_back_take(&back, &req), 1);
        blkif_back_respond(&back, req.id, req.operation, BLKIF_RSP_OKAY);
    }
    for (int i = 0; i < 2; i++) {
        assert_int_equal(blkif_front_take(&front, &rsp), 1);
        assert_int_equal(rsp.id, 7);
        assert_int_equal(rsp.status, BLKIF_RSP_OKAY);
    }
    assert_int_equal(blkif_front_take(&front, &rsp), 0);
}

static void test_full_ring_of_requests_taken(void **state)
{
    (void)state;
    struct blkif_request req;
    for (unsigned int i = 0; i < RING_SIZE(&front); i++)
        publish(request(BLKIF_OP_READ, 1, 0, 0, 0));
    assert_int_equal(blkif_front_put(&front, &req), -EBUSY);
    for (unsigned int i = 0; i < RING_SIZE(&back); i++)
        assert_int_equal(blkif_back_take(&back, &req), 1);
    /* Every slot holds a request not yet answered: nothing more to take. */
    assert_int_equal(blkif_back_take(&back, &req), 0);
}

static void test_req_prod_far_ahead_stops_the_ring(void **state)
{
    (void)state;
    struct blkif_request req;
    publish(request(BLKIF_OP_READ, 1, 0, 0, 0));
    sring->req_prod = 1000000;
    assert_int_equal(blkif_back_take(&back, &req), -EIO);
    assert_int_equal(back.req_cons, 0);
    /* One past a full ring of unanswered requests is already too far. */
    sring->req_prod = RING_SIZE(&back) + 1;
    assert_int_equal(blkif_back_take(&back, &req), -EIO);
    sring->req_prod = RING_SIZE(&back);
    assert_int_equal(blkif_back_take(&back, &req), 1);
}

static void test_req_prod_moved_backwards_stops_the_ring(void **state)
{
    (void)state;
    struct blkif_request req;
    publish(request(BLKIF_OP_READ, 1, 0, 0, 0));
    publish(request(BLKIF_OP_READ, 1, 0, 0, 0));
    for (int i = 0; i < 2; i++) {
        assert_int_equal(blkif_back_take(&back, &req), 1);
        blkif_back_respond(&back, req.id, req.operation, BLKIF_RSP_OKAY);
    }
    sring->req_prod = 1;
    assert_int_equal(blkif_back_take(&back, &req), -EIO);
}

static void test_indices_wrap_at_2_to_the_32(void **state)
{
    (void)state;
    struct blkif_request req;
    struct blkif_response rsp;
    RING_IDX at = 0xFFFFFFFEu;
    sring->req_prod = sring->rsp_prod = at;
    sring->req_event = sring->rsp_event = at + 1;
    FRONT_RING_ATTACH(&front, sring, PAGE);
    BACK_RING_ATTACH(&back, sring, PAGE);
    for (uint64_t id = 0; id < 4; id++) {
        struct blkif_request r = request(BLKIF_OP_WRITE, 1, id, 0, 0);
        r.id = id;
        publish(r);
    }
    for (uint64_t id = 0; id < 4; id++) {
        assert_int_equal(blkif_back_take(&back, &req), 1);
        assert_int_equal(req.id, id);
        blkif_back_respond(&back, req.id, req.operation, BLKIF_RSP_ERROR);
    }
    for (uint64_t id = 0; id < 4; id++) {
        assert_int_equal(blkif_front_take(&front, &rsp), 1);
        assert_int_equal(rsp.id, id);
        assert_int_equal(rsp.operation, BLKIF_OP_WRITE);
        assert_int_equal(rsp.status, BLKIF_RSP_ERROR);
    }
    assert_int_equal(sring->rsp_prod, 2);
}

static void test_respond_notifies_only_when_asked(void **state)
{
    (void)state;
    struct blkif_request req;
    publish(request(BLKIF_OP_READ, 1, 0, 0, 0));
    publish(request(BLKIF_OP_READ, 1, 0, 0, 0));
    /* rsp_event is 1 on a fresh ring: the first response is wanted. */
    assert_int_equal(blkif_back_take(&back, &req), 1);
    assert_int_equal(blkif_back_respond(&back, 0, 0, 0), 1);
    assert_int_equal(blkif_back_take(&back, &req), 1);
    assert_int_equal(blkif_back_respond(&back, 0, 0, 0), 0);
}

static void test_back_end_asks_to_be_woken_before_sleeping(void **state)
{
    (void)state;
    struct blkif_request req;
    assert_int_equal(blkif_back_more(&back), 0);
    assert_int_equal(sring->req_event, back.req_cons + 1);
    /* A request published now notifies: req_event lies in (old, new]. */
    assert_int_equal(blkif_front_put(&front, &(struct blkif_request){ 0 }), 1);
    assert_int_equal(blkif_back_more(&back), 1);
    assert_int_equal(blkif_back_take(&back, &req), 1);
}

/* ------------------------------------------------------- front end */

static void test_built_request_covers_the_sectors_asked_for(void **state)
{
    (void)state;
    struct blkif_request req;
    assert_int_equal(blkif_build_request(&req, 0, 5, 100, 42, 0, 512), 0);
    assert_int_equal(req.operation, BLKIF_OP_READ);
    assert_int_equal(req.nr_segments, 1);
    assert_int_equal(req.id, 5);
    assert_int_equal(req.sector_number, 100);
    assert_int_equal(req.seg[0].gref, 42);
    assert_int_equal(req.seg[0].first_sect, 0);
    assert_int_equal(req.seg[0].last_sect, 0);
    assert_int_equal(blkif_build_request(&req, 1, 6, 0, 43, 3584, 512), 0);
    assert_int_equal(req.operation, BLKIF_OP_WRITE);
    assert_int_equal(req.seg[0].first_sect, 7);
    assert_int_equal(req.seg[0].last_sect, 7);
    assert_int_equal(blkif_build_request(&req, 1, 6, 0, 43, 0, 4096), 0);
    assert_int_equal(req.seg[0].first_sect, 0);
    assert_int_equal(req.seg[0].last_sect, 7);
    assert_int_equal(blkif_build_request(&req, 0, 6, 0, 43, 1024, 1536), 0);
    assert_int_equal(req.seg[0].first_sect, 2);
    assert_int_equal(req.seg[0].last_sect, 4);
}

static void test_built_request_passes_the_back_end_check(void **state)
{
    (void)state;
    struct blkif_request req;
    uint32_t nr;
    assert_int_equal(blkif_build_request(&req, 1, 0, DISK_SECTORS - 3, 1,
                                         2048, 1536), 0);
    assert_int_equal(blkif_request_check(&req, &disk_rw, &nr), BLKIF_RSP_OKAY);
    assert_int_equal(nr, 3);
}

static void test_unaligned_or_oversized_buffer_refused(void **state)
{
    (void)state;
    struct blkif_request req;
    memset(&req, 0x5A, sizeof(req));
    assert_int_equal(blkif_build_request(&req, 0, 0, 0, 1, 100, 512), -EINVAL);
    assert_int_equal(blkif_build_request(&req, 0, 0, 0, 1, 0, 0), -EINVAL);
    assert_int_equal(blkif_build_request(&req, 0, 0, 0, 1, 0, 1000), -EINVAL);
    assert_int_equal(blkif_build_request(&req, 0, 0, 0, 1, 3584, 1024), -EINVAL);
    assert_int_equal(blkif_build_request(&req, 0, 0, 0, 1, 4096, 512), -EINVAL);
    assert_int_equal(blkif_build_request(&req, 0, 0, 0, 1, 0, 8192), -EINVAL);
    assert_int_equal(req.operation, 0x5A);
}

static void test_inflight_table_holds_32_requests(void **state)
{
    (void)state;
    struct blkfront_inflight t = { 0 };
    for (int i = 0; i < BLKFRONT_MAX_INFLIGHT; i++)
        assert_int_equal(blkfront_slot_get(&t, BLKIF_OP_READ), i);
    assert_int_equal(blkfront_slot_get(&t, BLKIF_OP_READ), -EBUSY);
    struct blkif_response rsp = { .id = 17, .operation = BLKIF_OP_READ };
    assert_int_equal(blkfront_slot_complete(&t, &rsp), 17);
    /* Answered is not free: its owner still copies the data out. */
    assert_int_equal(blkfront_slot_get(&t, BLKIF_OP_WRITE), -EBUSY);
    blkfront_slot_put(&t, 17);
    assert_int_equal(blkfront_slot_get(&t, BLKIF_OP_WRITE), 17);
}

static void test_answer_to_no_request_in_flight_refused(void **state)
{
    (void)state;
    struct blkfront_inflight t = { 0 };
    assert_int_equal(blkfront_slot_get(&t, BLKIF_OP_WRITE), 0);
    struct blkif_response rsp = { .id = 1, .operation = BLKIF_OP_WRITE };
    assert_int_equal(blkfront_slot_complete(&t, &rsp), -EINVAL);   /* not sent */
    rsp.id = 32;
    assert_int_equal(blkfront_slot_complete(&t, &rsp), -EINVAL);   /* no slot */
    rsp.id = 1ull << 32;                                            /* 0 + 2^32 */
    assert_int_equal(blkfront_slot_complete(&t, &rsp), -EINVAL);
    rsp.id = 0;
    rsp.operation = BLKIF_OP_READ;
    assert_int_equal(blkfront_slot_complete(&t, &rsp), -EINVAL);   /* other op */
    rsp.operation = BLKIF_OP_WRITE;
    assert_int_equal(blkfront_slot_complete(&t, &rsp), 0);
    assert_int_equal(blkfront_slot_complete(&t, &rsp), -EINVAL);   /* twice */
    blkfront_slot_put(&t, 0);
    assert_int_equal(blkfront_slot_complete(&t, &rsp), -EINVAL);   /* freed */
}

static void test_reused_slot_takes_one_answer_again(void **state)
{
    (void)state;
    struct blkfront_inflight t = { 0 };
    struct blkif_response rsp = { .id = 0, .operation = BLKIF_OP_READ };
    assert_int_equal(blkfront_slot_get(&t, BLKIF_OP_READ), 0);
    assert_int_equal(blkfront_slot_complete(&t, &rsp), 0);
    blkfront_slot_put(&t, 0);
    assert_int_equal(blkfront_slot_get(&t, BLKIF_OP_READ), 0);
    assert_int_equal(blkfront_slot_complete(&t, &rsp), 0);
    assert_int_equal(blkfront_slot_complete(&t, &rsp), -EINVAL);
}

static void test_rsp_prod_beyond_requests_sent_refused(void **state)
{
    (void)state;
    struct blkif_response rsp;
    publish(request(BLKIF_OP_READ, 1, 0, 0, 0));
    sring->rsp_prod = 2;
    assert_int_equal(blkif_front_take(&front, &rsp), -EIO);
    assert_int_equal(front.rsp_cons, 0);
    sring->rsp_prod = 0xFFFFFFFFu;
    assert_int_equal(blkif_front_take(&front, &rsp), -EIO);
    sring->rsp_prod = 1;
    assert_int_equal(blkif_front_take(&front, &rsp), 1);
}

static void test_front_end_asks_to_be_woken_before_sleeping(void **state)
{
    (void)state;
    struct blkif_request req;
    publish(request(BLKIF_OP_READ, 1, 0, 0, 0));
    assert_int_equal(blkif_front_more(&front), 0);
    assert_int_equal(sring->rsp_event, 1);
    assert_int_equal(blkif_back_take(&back, &req), 1);
    assert_int_equal(blkif_back_respond(&back, req.id, req.operation, 0), 1);
    assert_int_equal(blkif_front_more(&front), 1);
}

#define T(f) cmocka_unit_test_setup(f, fresh_ring)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_read_of_whole_pages_accepted),
        T(test_write_of_partial_segments_counts_their_sectors),
        T(test_unknown_operation_refused),
        T(test_segment_count_outside_1_to_11_refused),
        T(test_empty_barrier_accepted_when_advertised),
        T(test_barrier_not_advertised_is_not_supported),
        T(test_segment_sectors_must_lie_in_the_page_in_order),
        T(test_sectors_up_to_the_disk_end_accepted),
        T(test_sectors_past_the_disk_end_refused),
        T(test_sector_number_that_would_wrap_refused),
        T(test_readonly_disk_refuses_writes_and_barriers),
        T(test_refused_request_reports_no_sectors),
        T(test_empty_ring_gives_nothing),
        T(test_requests_taken_in_ring_order),
        T(test_taken_request_unchanged_when_front_end_rewrites_slot),
        T(test_reused_id_answered_each_time),
        T(test_full_ring_of_requests_taken),
        T(test_req_prod_far_ahead_stops_the_ring),
        T(test_req_prod_moved_backwards_stops_the_ring),
        T(test_indices_wrap_at_2_to_the_32),
        T(test_respond_notifies_only_when_asked),
        T(test_back_end_asks_to_be_woken_before_sleeping),
        T(test_built_request_covers_the_sectors_asked_for),
        T(test_built_request_passes_the_back_end_check),
        T(test_unaligned_or_oversized_buffer_refused),
        T(test_inflight_table_holds_32_requests),
        T(test_answer_to_no_request_in_flight_refused),
        T(test_reused_slot_takes_one_answer_again),
        T(test_rsp_prod_beyond_requests_sent_refused),
        T(test_front_end_asks_to_be_woken_before_sleeping),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
