/*
 * The shared-ring macros of public/io/ring.h (ABI 10.1) and the console
 * ring's index masking (io/console.h, ABI 10.2), run on one page in host
 * memory with a front end and a back end taking turns.
 *
 * mb() is a hook here: a test can have the peer act at the very moment
 * a side issues its full barrier, which is how the "final check" race is
 * made to happen on demand.  Every expected count and slot below follows
 * from the rules (free-running 32-bit indices, slot = index & (size - 1),
 * notify iff the event index lies in (old, new]), not from the code.
 */
// uses:
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

static int full_barriers;               /* mb() calls seen */
static void (*at_next_barrier)(void);   /* run once, inside the next mb() */

static void full_barrier(void)
{
    void (*peer)(void) = at_next_barrier;

    full_barriers++;
    at_next_barrier = NULL;
    if (peer != NULL)
        peer();
}

#define wmb() do { } while (0)
#define mb() full_barrier()

#include "public/io/ring.h"
#include "public/io/blkif.h"
#include "public/io/netif.h"
#include "public/io/console.h"

#define PAGE 4096

static uint8_t page[PAGE] __attribute__((aligned(PAGE)));
static blkif_sring_t *sring;
static blkif_front_ring_t front;
static blkif_back_ring_t back;

/* A fresh shared page, garbage first, then both ends set up on it. */
static int setup_fresh_ring(void **state)
{
    (void)state;
    memset(page, 0xA5, sizeof(page));
    sring = (blkif_sring_t *)page;
    SHARED_RING_INIT(sring);
    FRONT_RING_INIT(&front, sring, PAGE);
    BACK_RING_INIT(&back, sring, PAGE);
    full_barriers = 0;
    at_next_barrier = NULL;
    return 0;
}

/* Both ends attached to a ring whose every index is `at` (e.g. near 2^32). */
static void attach_all_at(RING_IDX at)
{
    sring->req_prod = sring->rsp_prod = at;
    sring->req_event = sring->rsp_event = at + 1;
    FRONT_RING_ATTACH(&front, sring, PAGE);
    BACK_RING_ATTACH(&back, sring, PAGE);
}

/* Front end: queue a request with this id (not yet published). */
static void queue_request(uint64_t id)
{
    blkif_request_t *req = RING_GET_REQUEST(&front, front.req_prod_pvt);

    memset(req, 0, sizeof(*req));
    req->operation = BLKIF_OP_READ;
    req->id = id;
    front.req_prod_pvt++;
}

/* Back end: take the next published request and answer it in its slot
 * (not yet published); returns the request's id. */
static uint64_t answer_next_request(void)
{
    blkif_request_t req = *RING_GET_REQUEST(&back, back.req_cons);
    blkif_response_t *rsp;

    back.req_cons++;
    rsp = RING_GET_RESPONSE(&back, back.rsp_prod_pvt);
    rsp->id = req.id;
    rsp->operation = req.operation;
    rsp->status = BLKIF_RSP_OKAY;
    back.rsp_prod_pvt++;
    return req.id;
}

/* ----------------------------------------------------------- sizes */

struct entry108 { uint8_t b[108]; };
struct entry12 { uint8_t b[12]; };
struct entry8 { uint8_t b[8]; };
struct entry4032 { uint8_t b[4032]; };
struct entry2016 { uint8_t b[2016]; };
struct entry64 { uint8_t b[64]; };
DEFINE_RING_TYPES(e108, struct entry108, struct entry108);
DEFINE_RING_TYPES(e12, struct entry12, struct entry12);
DEFINE_RING_TYPES(e8, struct entry8, struct entry8);
DEFINE_RING_TYPES(e4032, struct entry4032, struct entry4032);
DEFINE_RING_TYPES(e2016, struct entry2016, struct entry2016);
DEFINE_RING_TYPES(e64, struct entry64, struct entry64);

static void test_ring_size_is_largest_power_of_two(void **state)
{
    (void)state;
    /* (4096 - 64) / entry size, rounded down to a power of two. */
    assert_int_equal(__RING_SIZE((e108_sring_t *)0, PAGE), 32);    /* 37 */
    assert_int_equal(__RING_SIZE((e12_sring_t *)0, PAGE), 256);    /* 336 */
    assert_int_equal(__RING_SIZE((e8_sring_t *)0, PAGE), 256);     /* 504 */
    assert_int_equal(__RING_SIZE((e64_sring_t *)0, PAGE), 32);     /* 63 */
    assert_int_equal(__RING_SIZE((e2016_sring_t *)0, PAGE), 2);
    assert_int_equal(__RING_SIZE((e4032_sring_t *)0, PAGE), 1);
    /* The real protocols: blkif 32, netif tx and rx 256. */
    assert_int_equal(__RING_SIZE((blkif_sring_t *)0, PAGE), 32);
    assert_int_equal(__RING_SIZE((netif_tx_sring_t *)0, PAGE), 256);
    assert_int_equal(__RING_SIZE((netif_rx_sring_t *)0, PAGE), 256);
}

static void test_shared_page_layout(void **state)
{
    (void)state;
    assert_int_equal(offsetof(blkif_sring_t, req_prod), 0);
    assert_int_equal(offsetof(blkif_sring_t, req_event), 4);
    assert_int_equal(offsetof(blkif_sring_t, rsp_prod), 8);
    assert_int_equal(offsetof(blkif_sring_t, rsp_event), 12);
    assert_int_equal(offsetof(blkif_sring_t, pad), 16);
    assert_int_equal(offsetof(blkif_sring_t, ring), 64);
    /* 32 slots fit in the page. */
    assert_true(64 + 32 * sizeof(union blkif_sring_entry) <= PAGE);
}

/* ---------------------------------------------------- initialisation */

static void test_init_gives_empty_ring_wanting_first_event(void **state)
{
    unsigned int i;
    (void)state;
    assert_int_equal(sring->req_prod, 0);
    assert_int_equal(sring->rsp_prod, 0);
    assert_int_equal(sring->req_event, 1);
    assert_int_equal(sring->rsp_event, 1);
    for (i = 0; i < sizeof(sring->pad); i++)
        assert_int_equal(sring->pad[i], 0);
    /* The slots are not the init's business: still the garbage. */
    assert_int_equal(page[64], 0xA5);

    assert_int_equal(front.req_prod_pvt, 0);
    assert_int_equal(front.rsp_cons, 0);
    assert_ptr_equal(front.sring, sring);
    assert_int_equal(RING_SIZE(&front), 32);
    assert_int_equal(back.rsp_prod_pvt, 0);
    assert_int_equal(back.req_cons, 0);
    assert_ptr_equal(back.sring, sring);
    assert_int_equal(RING_SIZE(&back), 32);

    assert_int_equal(RING_FREE_REQUESTS(&front), 32);
    assert_false(RING_FULL(&front));
    assert_int_equal(RING_HAS_UNCONSUMED_REQUESTS(&back), 0);
    assert_int_equal(RING_HAS_UNCONSUMED_RESPONSES(&front), 0);
}

static void test_attach_picks_up_a_ring_in_use(void **state)
{
    (void)state;
    sring->req_prod = 1000;
    sring->rsp_prod = 990;
    FRONT_RING_ATTACH(&front, sring, PAGE);
    BACK_RING_ATTACH(&back, sring, PAGE);
    assert_int_equal(front.req_prod_pvt, 1000);
    assert_int_equal(front.rsp_cons, 990);
    assert_int_equal(back.req_cons, 1000);
    assert_int_equal(back.rsp_prod_pvt, 990);
    assert_int_equal(RING_SIZE(&front), 32);
    /* Ten requests are still unanswered: 22 slots free. */
    assert_int_equal(RING_FREE_REQUESTS(&front), 22);
}

/* ------------------------------------------- producer and consumer */

static void test_requests_and_responses_round_trip(void **state)
{
    RING_IDX i;
    int notify;
    (void)state;

    for (i = 0; i < 3; i++)
        queue_request(100 + i);
    assert_int_equal(RING_FREE_REQUESTS(&front), 29);
    /* Queued but not published: the back end sees nothing yet. */
    assert_int_equal(RING_HAS_UNCONSUMED_REQUESTS(&back), 0);

    RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&front, notify);
    assert_true(notify);                    /* req_event 1 is in (0, 3] */
    assert_int_equal(sring->req_prod, 3);
    assert_int_equal(RING_HAS_UNCONSUMED_REQUESTS(&back), 3);

    for (i = 0; i < 3; i++)
        assert_int_equal(answer_next_request(), 100 + i);
    assert_int_equal(RING_HAS_UNCONSUMED_REQUESTS(&back), 0);
    assert_int_equal(RING_HAS_UNCONSUMED_RESPONSES(&front), 0);

    RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(&back, notify);
    assert_true(notify);                    /* rsp_event 1 is in (0, 3] */
    assert_int_equal(RING_HAS_UNCONSUMED_RESPONSES(&front), 3);
    for (i = 0; i < 3; i++) {
        blkif_response_t *rsp = RING_GET_RESPONSE(&front, front.rsp_cons);
        assert_int_equal(rsp->id, 100 + i);
        assert_int_equal(rsp->status, BLKIF_RSP_OKAY);
        front.rsp_cons++;
    }
    assert_int_equal(RING_HAS_UNCONSUMED_RESPONSES(&front), 0);
    assert_int_equal(RING_FREE_REQUESTS(&front), 32);
}

static void test_plain_push_publishes_without_deciding(void **state)
{
    (void)state;
    queue_request(1);
    queue_request(2);
    RING_PUSH_REQUESTS(&front);
    assert_int_equal(sring->req_prod, 2);
    answer_next_request();
    RING_PUSH_RESPONSES(&back);
    assert_int_equal(sring->rsp_prod, 1);
}

static void test_full_and_empty(void **state)
{
    int i, notify;
    (void)state;

    for (i = 0; i < 32; i++) {
        assert_false(RING_FULL(&front));
        queue_request(i);
    }
    assert_true(RING_FULL(&front));
    assert_int_equal(RING_FREE_REQUESTS(&front), 0);
    RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&front, notify);
    assert_true(notify);
    assert_int_equal(RING_HAS_UNCONSUMED_REQUESTS(&back), 32);

    /* Answered but not yet published: still full for the front end. */
    for (i = 0; i < 32; i++)
        answer_next_request();
    assert_true(RING_FULL(&front));
    RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(&back, notify);
    assert_true(notify);
    assert_true(RING_FULL(&front));

    /* Consuming one response frees one slot. */
    front.rsp_cons++;
    assert_false(RING_FULL(&front));
    assert_int_equal(RING_FREE_REQUESTS(&front), 1);
    front.rsp_cons += 31;
    assert_int_equal(RING_FREE_REQUESTS(&front), 32);
    assert_int_equal(RING_HAS_UNCONSUMED_RESPONSES(&front), 0);
}

/*
 * Start every index 40 short of 2^32 and run 20 rounds of 7 requests:
 * the indices wrap to small numbers, counts stay right throughout, and
 * every request lands in slot index & 31 and comes back with its id.
 */
static void test_indices_run_freely_across_2_32(void **state)
{
    RING_IDX start = 0xFFFFFFFFu - 39, i;
    uint64_t next_id = 0, expect_id = 0;
    int round, k, notify;
    (void)state;

    attach_all_at(start);
    for (round = 0; round < 20; round++) {
        RING_IDX before = front.req_prod_pvt;
        for (k = 0; k < 7; k++) {
            i = front.req_prod_pvt;
            queue_request(next_id);
            /* The slot is index & 31, whatever the wrap. */
            assert_ptr_equal(RING_GET_REQUEST(&front, i),
                             &sring->ring[i % 32].req);
            next_id++;
        }
        assert_int_equal((RING_IDX)(front.req_prod_pvt - before), 7);
        assert_int_equal(RING_FREE_REQUESTS(&front), 25);
        /* Nobody re-arms the event: only the first round notifies. */
        RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&front, notify);
        assert_int_equal(notify, round == 0);
        assert_int_equal(RING_HAS_UNCONSUMED_REQUESTS(&back), 7);
        for (k = 0; k < 7; k++)
            assert_int_equal(answer_next_request(), expect_id + k);
        RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(&back, notify);
        assert_int_equal(notify, round == 0);
        assert_int_equal(RING_HAS_UNCONSUMED_RESPONSES(&front), 7);
        for (k = 0; k < 7; k++) {
            assert_int_equal(RING_GET_RESPONSE(&front, front.rsp_cons)->id,
                             expect_id++);
            front.rsp_cons++;
        }
        assert_int_equal(RING_FREE_REQUESTS(&front), 32);
    }
    /* 140 requests from 2^32 - 40: the indices are now 100. */
    assert_int_equal(sring->req_prod, 100);
    assert_int_equal(sring->rsp_prod, 100);
    assert_int_equal(front.rsp_cons, 100);
    assert_int_equal(back.req_cons, 100);
}

static void test_counts_straddling_the_wrap(void **state)
{
    (void)state;
    attach_all_at(0xFFFFFFFEu);
    /* Publish 5 requests: req_prod goes 0xFFFFFFFE -> 3. */
    for (int k = 0; k < 5; k++)
        queue_request(k);
    RING_PUSH_REQUESTS(&front);
    assert_int_equal(sring->req_prod, 3);
    assert_int_equal(RING_HAS_UNCONSUMED_REQUESTS(&back), 5);
    assert_int_equal(RING_FREE_REQUESTS(&front), 27);
    answer_next_request();
    answer_next_request();
    RING_PUSH_RESPONSES(&back);
    assert_int_equal(sring->rsp_prod, 0);
    assert_int_equal(RING_HAS_UNCONSUMED_RESPONSES(&front), 2);
    assert_int_equal(RING_HAS_UNCONSUMED_REQUESTS(&back), 3);
}

/* ------------------------------------------------------ notification */

/* Publish requests old..new with the back end's req_event at event. */
static int request_notify(RING_IDX old, RING_IDX new, RING_IDX event)
{
    int notify = -1;

    sring->req_prod = old;
    sring->req_event = event;
    front.req_prod_pvt = new;
    RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&front, notify);
    assert_int_equal(sring->req_prod, new);
    return notify;
}

static int response_notify(RING_IDX old, RING_IDX new, RING_IDX event)
{
    int notify = -1;

    sring->rsp_prod = old;
    sring->rsp_event = event;
    back.rsp_prod_pvt = new;
    RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(&back, notify);
    assert_int_equal(sring->rsp_prod, new);
    return notify;
}

static void test_notify_iff_event_in_published_range(void **state)
{
    static const struct {
        RING_IDX old, new, event;
        int notify;
    } cases[] = {
        { 0, 1, 1, 1 },             /* the first request after init */
        { 1, 2, 1, 0 },             /* peer asked about 1, already told */
        { 0, 5, 3, 1 },             /* event inside the range */
        { 0, 5, 5, 1 },             /* the range includes new */
        { 0, 5, 0, 0 },             /* ... but not old */
        { 0, 5, 6, 0 },             /* not there yet */
        { 5, 5, 5, 0 },             /* nothing published */
        { 5, 5, 6, 0 },
        /* Across the wrap: (0xFFFFFFFE, 2] holds FFFFFFFF, 0, 1, 2. */
        { 0xFFFFFFFEu, 2, 0xFFFFFFFFu, 1 },
        { 0xFFFFFFFEu, 2, 0, 1 },
        { 0xFFFFFFFEu, 2, 2, 1 },
        { 0xFFFFFFFEu, 2, 3, 0 },
        { 0xFFFFFFFEu, 2, 0xFFFFFFFEu, 0 },
        { 0xFFFFFFFEu, 2, 0x80000000u, 0 },
        { 0xFFFFFFFFu, 0, 0, 1 },
    };
    size_t i;
    (void)state;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        if (request_notify(cases[i].old, cases[i].new, cases[i].event) !=
            cases[i].notify)
            fail_msg("requests: old %x new %x event %x: notify should be %d",
                     cases[i].old, cases[i].new, cases[i].event,
                     cases[i].notify);
        if (response_notify(cases[i].old, cases[i].new, cases[i].event) !=
            cases[i].notify)
            fail_msg("responses: old %x new %x event %x: notify should be %d",
                     cases[i].old, cases[i].new, cases[i].event,
                     cases[i].notify);
    }
}

static void test_notify_decided_after_a_full_barrier(void **state)
{
    int notify;
    (void)state;
    queue_request(1);
    RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&front, notify);
    assert_true(notify);
    assert_int_equal(full_barriers, 1);
    answer_next_request();
    RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(&back, notify);
    assert_true(notify);
    assert_int_equal(full_barriers, 2);
}

/* ----------------------------------------------------- final checks */

/* What the peer does inside the barrier, and what it saw there. */
static RING_IDX event_seen_in_barrier;

static void front_end_publishes_a_request(void)
{
    event_seen_in_barrier = sring->req_event;
    queue_request(77);
    RING_PUSH_REQUESTS(&front);
}

static void back_end_publishes_a_response(void)
{
    event_seen_in_barrier = sring->rsp_event;
    answer_next_request();
    RING_PUSH_RESPONSES(&back);
}

static void test_final_check_for_requests(void **state)
{
    int work, notify;
    (void)state;
    attach_all_at(0xFFFFFFFFu);
    sring->req_event = 12345;

    /* Work waiting: say so, leave the event index alone. */
    queue_request(1);
    RING_PUSH_REQUESTS(&front);
    RING_FINAL_CHECK_FOR_REQUESTS(&back, work);
    assert_true(work);
    assert_int_equal(sring->req_event, 12345);
    assert_int_equal(full_barriers, 0);
    answer_next_request();          /* req_cons wraps to 0 */

    /* Nothing: ask to hear of index req_cons + 1, then look again. */
    RING_FINAL_CHECK_FOR_REQUESTS(&back, work);
    assert_false(work);
    assert_int_equal(sring->req_event, 1);
    assert_int_equal(full_barriers, 1);

    /* The next request published now must notify. */
    queue_request(2);
    RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&front, notify);
    assert_true(notify);
    /* ... and one more before the back end looks again must not. */
    queue_request(3);
    RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&front, notify);
    assert_false(notify);
}

static void test_final_check_for_requests_catches_the_race(void **state)
{
    int work;
    (void)state;
    /*
     * The front end publishes between the back end's first look and its
     * second, before the new event index was visible to it: it does not
     * notify, so only the second look can find the request.
     */
    at_next_barrier = front_end_publishes_a_request;
    sring->req_event = 0;       /* as if the back end's last ask was old */
    RING_FINAL_CHECK_FOR_REQUESTS(&back, work);
    assert_int_equal(event_seen_in_barrier, 1);   /* already set */
    assert_true(work);
    assert_int_equal(answer_next_request(), 77);
}

static void test_final_check_for_responses(void **state)
{
    int work;
    (void)state;
    attach_all_at(0x7FFFFFFFu);

    RING_FINAL_CHECK_FOR_RESPONSES(&front, work);
    assert_false(work);
    assert_int_equal(sring->rsp_event, 0x80000000u);
    assert_int_equal(full_barriers, 1);

    /* A response published inside the barrier is found by the re-check. */
    queue_request(9);
    RING_PUSH_REQUESTS(&front);
    at_next_barrier = back_end_publishes_a_response;
    sring->rsp_event = 0;
    RING_FINAL_CHECK_FOR_RESPONSES(&front, work);
    assert_int_equal(event_seen_in_barrier, 0x80000000u);
    assert_true(work);
    assert_int_equal(RING_GET_RESPONSE(&front, front.rsp_cons)->id, 9);

    /* Work waiting: no barrier, event untouched. */
    full_barriers = 0;
    sring->rsp_event = 42;
    RING_FINAL_CHECK_FOR_RESPONSES(&front, work);
    assert_true(work);
    assert_int_equal(sring->rsp_event, 42);
    assert_int_equal(full_barriers, 0);
}

/* ------------------------------------------------ misbehaving peers */

static void test_back_end_bounded_against_runaway_front_end(void **state)
{
    int k;
    (void)state;
    attach_all_at(0xFFFFFFF0u);
    /* A front end claims a thousand requests on a 32-slot ring. */
    sring->req_prod = 0xFFFFFFF0u + 1000;
    assert_int_equal(RING_HAS_UNCONSUMED_REQUESTS(&back), 32);
    for (k = 0; k < 10; k++)
        answer_next_request();              /* taken, not yet published */
    assert_int_equal(RING_HAS_UNCONSUMED_REQUESTS(&back), 32);
    /* Taken without answering: the slots cannot be reused yet. */
    back.req_cons += 10;
    assert_int_equal(RING_HAS_UNCONSUMED_REQUESTS(&back), 22);
    assert_false(RING_REQUEST_CONS_OVERFLOW(&back, back.req_cons));
    back.req_cons += 22;
    assert_int_equal(RING_HAS_UNCONSUMED_REQUESTS(&back), 0);
    assert_true(RING_REQUEST_CONS_OVERFLOW(&back, back.req_cons));
    /* A well-behaved count is not cut: 3 published, 32 free. */
    attach_all_at(7);
    sring->req_prod = 10;
    assert_int_equal(RING_HAS_UNCONSUMED_REQUESTS(&back), 3);
}

static void test_front_end_detects_runaway_back_end(void **state)
{
    (void)state;
    attach_all_at(0xFFFFFFFEu);
    queue_request(1);
    queue_request(2);
    queue_request(3);
    RING_PUSH_REQUESTS(&front);
    /* Three outstanding: rsp_prod may be rsp_cons + 0..3, across the wrap. */
    assert_false(RING_RESPONSE_PROD_OVERFLOW(&front, 0xFFFFFFFEu));
    assert_false(RING_RESPONSE_PROD_OVERFLOW(&front, 1));
    assert_true(RING_RESPONSE_PROD_OVERFLOW(&front, 2));
    assert_true(RING_RESPONSE_PROD_OVERFLOW(&front, 0xFFFFFFF0u)); /* behind */
    front.rsp_cons += 2;
    assert_false(RING_RESPONSE_PROD_OVERFLOW(&front, 1));
    assert_true(RING_RESPONSE_PROD_OVERFLOW(&front, 2));
}

/* --------------------------------------------------- console ring */

static void test_console_ring_layout(void **state)
{
    (void)state;
    assert_int_equal(sizeof(struct xencons_interface), 3088);
    assert_int_equal(offsetof(struct xencons_interface, in), 0);
    assert_int_equal(offsetof(struct xencons_interface, out), 1024);
    assert_int_equal(offsetof(struct xencons_interface, in_cons), 3072);
    assert_int_equal(offsetof(struct xencons_interface, in_prod), 3076);
    assert_int_equal(offsetof(struct xencons_interface, out_cons), 3080);
    assert_int_equal(offsetof(struct xencons_interface, out_prod), 3084);
}

static void test_console_index_masking(void **state)
{
    static struct xencons_interface intf;
    (void)state;
    assert_int_equal(MASK_XENCONS_IDX(0u, intf.out), 0);
    assert_int_equal(MASK_XENCONS_IDX(2047u, intf.out), 2047);
    assert_int_equal(MASK_XENCONS_IDX(2048u, intf.out), 0);
    assert_int_equal(MASK_XENCONS_IDX(5000u, intf.out), 5000 - 4096);
    assert_int_equal(MASK_XENCONS_IDX(0xFFFFFFFFu, intf.out), 2047);
    assert_int_equal(MASK_XENCONS_IDX(1023u, intf.in), 1023);
    assert_int_equal(MASK_XENCONS_IDX(1024u, intf.in), 0);
    assert_int_equal(MASK_XENCONS_IDX(0xFFFFFFFFu, intf.in), 1023);
}

/* Bytes written through out[] across the 2^32 wrap come back in order. */
static void test_console_bytes_across_the_wrap(void **state)
{
    static struct xencons_interface intf;
    const char text[] = "hello from a guest whose indices wrap";
    XENCONS_RING_IDX prod, cons;
    char got[sizeof(text)];
    size_t i;
    (void)state;

    memset(&intf, 0, sizeof(intf));
    intf.out_prod = intf.out_cons = 0xFFFFFFFFu - 9;
    prod = intf.out_prod;
    for (i = 0; i < sizeof(text); i++)
        intf.out[MASK_XENCONS_IDX(prod++, intf.out)] = text[i];
    intf.out_prod = prod;
    assert_int_equal(intf.out_prod, sizeof(text) - 10);
    assert_int_equal((XENCONS_RING_IDX)(intf.out_prod - intf.out_cons),
                     sizeof(text));
    /* The first ten bytes sit at the end of out[], the rest at its start. */
    assert_int_equal(intf.out[2038], 'h');
    assert_int_equal(intf.out[0], text[10]);

    cons = intf.out_cons;
    for (i = 0; cons != intf.out_prod; i++)
        got[i] = intf.out[MASK_XENCONS_IDX(cons++, intf.out)];
    intf.out_cons = cons;
    assert_int_equal(i, sizeof(text));
    assert_memory_equal(got, text, sizeof(text));
    assert_int_equal(intf.out_prod - intf.out_cons, 0);
}

#define RING_TEST(f) cmocka_unit_test_setup(f, setup_fresh_ring)

int main(void)
{
    const struct CMUnitTest tests[] = {
        RING_TEST(test_ring_size_is_largest_power_of_two),
        RING_TEST(test_shared_page_layout),
        RING_TEST(test_init_gives_empty_ring_wanting_first_event),
        RING_TEST(test_attach_picks_up_a_ring_in_use),
        RING_TEST(test_requests_and_responses_round_trip),
        RING_TEST(test_plain_push_publishes_without_deciding),
        RING_TEST(test_full_and_empty),
        RING_TEST(test_indices_run_freely_across_2_32),
        RING_TEST(test_counts_straddling_the_wrap),
        RING_TEST(test_notify_iff_event_in_published_range),
        RING_TEST(test_notify_decided_after_a_full_barrier),
        RING_TEST(test_final_check_for_requests),
        RING_TEST(test_final_check_for_requests_catches_the_race),
        RING_TEST(test_final_check_for_responses),
        RING_TEST(test_back_end_bounded_against_runaway_front_end),
        RING_TEST(test_front_end_detects_runaway_back_end),
        RING_TEST(test_console_ring_layout),
        RING_TEST(test_console_index_masking),
        RING_TEST(test_console_bytes_across_the_wrap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
