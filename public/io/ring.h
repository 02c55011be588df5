/*
 * Shared request/response rings for split device drivers.
 *
 * A front end (in the domain using a device) and a back end (in the
 * domain driving it) share one page, granted by the front end:
 *
 *   off  size  field       written by
 *     0     4  req_prod    front end: requests published so far
 *     4     4  req_event   back end:  "notify me once req_prod passes this"
 *     8     4  rsp_prod    back end:  responses published so far
 *    12     4  rsp_event   front end: "notify me once rsp_prod passes this"
 *    16    48  pad
 *    64     -  ring[]      slots; each holds one request or one response
 *
 * Indices are free-running 32-bit counters (RING_IDX); an index names slot
 * index & (size - 1).  The number of slots is the largest power of two
 * that fits in the rest of the page.  A response reuses the slot of the
 * request it answers, so at most RING_SIZE requests may be outstanding.
 *
 * Each side also keeps private state that the peer never sees: the front
 * end the requests it has filled but not yet published (req_prod_pvt) and
 * the responses it has consumed (rsp_cons); the back end the mirror image
 * (rsp_prod_pvt, req_cons).
 *
 * To publish: fill slots, write barrier, store the new producer index,
 * full barrier, then notify the peer only if its event index lies in
 * (old, new].  Before sleeping, a consumer sets its event index to
 * consumer + 1, issues a full barrier, and checks for work once more.
 *
 * DEFINE_RING_TYPES(name, request type, response type) declares
 *   union  name##_sring_entry   one slot
 *   struct name##_sring         the shared page       (name##_sring_t)
 *   struct name##_front_ring    front end's private state (name##_front_ring_t)
 *   struct name##_back_ring     back end's private state  (name##_back_ring_t)
 *
 * The publish and final-check macros call wmb() and mb(); whoever uses
 * them must define those (write barrier, full barrier).
 * RING_HAS_UNCONSUMED_REQUESTS is a GNU C statement expression.
 */
#ifndef XEN_PUBLIC_IO_RING_H
#define XEN_PUBLIC_IO_RING_H

#include <stdint.h>

typedef uint32_t RING_IDX;

/* Largest power of two <= n, for 1 <= n < 4096. */
#define __RING_FLOOR_POW2(n)                                              \
    ((n) >= 2048 ? 2048 : (n) >= 1024 ? 1024 : (n) >= 512 ? 512 :         \
     (n) >= 256 ? 256 : (n) >= 128 ? 128 : (n) >= 64 ? 64 :              \
     (n) >= 32 ? 32 : (n) >= 16 ? 16 : (n) >= 8 ? 8 : (n) >= 4 ? 4 :      \
     (n) >= 2 ? 2 : 1)

/*
 * Slots in a shared ring of `sz` bytes whose sring pointer type is that of
 * `s` (s itself is not dereferenced, so a cast null pointer will do).
 * The ring array starts 64 bytes into the page.
 */
#define __RING_SIZE(s, sz) \
    ((unsigned int)__RING_FLOOR_POW2(((sz) - 64) / sizeof((s)->ring[0])))

#define DEFINE_RING_TYPES(name, req_t, rsp_t)                             \
                                                                          \
union name##_sring_entry {                                                \
    req_t req;                                                            \
    rsp_t rsp;                                                            \
};                                                                        \
                                                                          \
struct name##_sring {                                                     \
    RING_IDX req_prod, req_event;                                         \
    RING_IDX rsp_prod, rsp_event;                                         \
    uint8_t  pad[48];                                                     \
    union name##_sring_entry ring[];                                      \
};                                                                        \
                                                                          \
struct name##_front_ring {                                                \
    RING_IDX req_prod_pvt;                                                \
    RING_IDX rsp_cons;                                                    \
    unsigned int nr_ents;                                                 \
    struct name##_sring *sring;                                           \
};                                                                        \
                                                                          \
struct name##_back_ring {                                                 \
    RING_IDX rsp_prod_pvt;                                                \
    RING_IDX req_cons;                                                    \
    unsigned int nr_ents;                                                 \
    struct name##_sring *sring;                                           \
};                                                                        \
                                                                          \
typedef struct name##_sring name##_sring_t;                               \
typedef struct name##_front_ring name##_front_ring_t;                     \
typedef struct name##_back_ring name##_back_ring_t

/* Front end, once, on a fresh page: empty ring, events wanted at index 1. */
#define SHARED_RING_INIT(s) do {                                          \
    unsigned int __i;                                                     \
    (s)->req_prod  = (s)->rsp_prod  = 0;                                  \
    (s)->req_event = (s)->rsp_event = 1;                                  \
    for (__i = 0; __i < sizeof((s)->pad); __i++)                          \
        (s)->pad[__i] = 0;                                                \
} while (0)

/* Set up private state for a fresh ring (page of `size` bytes). */
#define FRONT_RING_INIT(r, s, size) do {                                  \
    (r)->req_prod_pvt = 0;                                                \
    (r)->rsp_cons = 0;                                                    \
    (r)->nr_ents = __RING_SIZE(s, size);                                  \
    (r)->sring = (s);                                                     \
} while (0)

#define BACK_RING_INIT(r, s, size) do {                                   \
    (r)->rsp_prod_pvt = 0;                                                \
    (r)->req_cons = 0;                                                    \
    (r)->nr_ents = __RING_SIZE(s, size);                                  \
    (r)->sring = (s);                                                     \
} while (0)

/* Set up private state for a ring already in use (e.g. after resume). */
#define FRONT_RING_ATTACH(r, s, size) do {                                \
    (r)->sring = (s);                                                     \
    (r)->req_prod_pvt = (s)->req_prod;                                    \
    (r)->rsp_cons = (s)->rsp_prod;                                        \
    (r)->nr_ents = __RING_SIZE(s, size);                                  \
} while (0)

#define BACK_RING_ATTACH(r, s, size) do {                                 \
    (r)->sring = (s);                                                     \
    (r)->rsp_prod_pvt = (s)->rsp_prod;                                    \
    (r)->req_cons = (s)->req_prod;                                        \
    (r)->nr_ents = __RING_SIZE(s, size);                                  \
} while (0)

/* Number of slots. */
#define RING_SIZE(r) ((r)->nr_ents)

/* Front end: slots free for new requests, and whether there are none. */
#define RING_FREE_REQUESTS(r) \
    (RING_SIZE(r) - ((r)->req_prod_pvt - (r)->rsp_cons))
#define RING_FULL(r) (RING_FREE_REQUESTS(r) == 0)

/* Front end: responses published by the back end but not yet consumed. */
#define RING_HAS_UNCONSUMED_RESPONSES(r) \
    ((r)->sring->rsp_prod - (r)->rsp_cons)

/*
 * Back end: requests published by the front end but not yet consumed,
 * never more than the slots whose responses have gone out (RING_SIZE less
 * the requests taken but not yet answered).  A front end that publishes
 * more than it may (a req_prod far ahead) so cannot make the back end
 * read a slot twice before answering it.  req_prod is read once: the
 * front end may change it at any moment.
 */
#define RING_HAS_UNCONSUMED_REQUESTS(r) ({                               \
    RING_IDX __published = (r)->sring->req_prod - (r)->req_cons;          \
    RING_IDX __room = RING_SIZE(r) - ((r)->req_cons - (r)->rsp_prod_pvt); \
    __published < __room ? __published : __room;                          \
})

/* The slot at index idx, as a request or as a response. */
#define RING_GET_REQUEST(r, idx) \
    (&((r)->sring->ring[(idx) & (RING_SIZE(r) - 1)].req))
#define RING_GET_RESPONSE(r, idx) \
    (&((r)->sring->ring[(idx) & (RING_SIZE(r) - 1)].rsp))

/*
 * Back end: true if consuming request `cons` would overrun slots whose
 * responses it has not yet published (a misbehaving front end).
 */
#define RING_REQUEST_CONS_OVERFLOW(r, cons) \
    (((cons) - (r)->rsp_prod_pvt) >= RING_SIZE(r))

/*
 * Front end: true if a back end's rsp_prod of `prod` claims more responses
 * than there are requests outstanding (a misbehaving back end); read
 * sring->rsp_prod once, check it with this, then consume up to it.
 */
#define RING_RESPONSE_PROD_OVERFLOW(r, prod) \
    ((RING_IDX)((prod) - (r)->rsp_cons) >                                 \
     (RING_IDX)((r)->req_prod_pvt - (r)->rsp_cons))

/* Publish the private producer index, without deciding on a notify. */
#define RING_PUSH_REQUESTS(r) do {                                        \
    wmb();                                                                \
    (r)->sring->req_prod = (r)->req_prod_pvt;                             \
} while (0)

#define RING_PUSH_RESPONSES(r) do {                                       \
    wmb();                                                                \
    (r)->sring->rsp_prod = (r)->rsp_prod_pvt;                             \
} while (0)

/*
 * Publish, and set `notify` non-zero if the peer asked to be told about
 * an index in the range just published.
 */
#define RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(r, notify) do {               \
    RING_IDX __old = (r)->sring->req_prod;                                \
    RING_IDX __new = (r)->req_prod_pvt;                                   \
    wmb();                                                                \
    (r)->sring->req_prod = __new;                                         \
    mb();                                                                 \
    (notify) = ((RING_IDX)(__new - (r)->sring->req_event) <               \
                (RING_IDX)(__new - __old));                               \
} while (0)

#define RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(r, notify) do {              \
    RING_IDX __old = (r)->sring->rsp_prod;                                \
    RING_IDX __new = (r)->rsp_prod_pvt;                                   \
    wmb();                                                                \
    (r)->sring->rsp_prod = __new;                                         \
    mb();                                                                 \
    (notify) = ((RING_IDX)(__new - (r)->sring->rsp_event) <               \
                (RING_IDX)(__new - __old));                               \
} while (0)

/*
 * Before a consumer sleeps: set `work` to whether anything is waiting;
 * if nothing is, ask to be notified of the next item and look again, so
 * an item published in between is not missed.
 */
#define RING_FINAL_CHECK_FOR_REQUESTS(r, work) do {                       \
    (work) = RING_HAS_UNCONSUMED_REQUESTS(r);                             \
    if (!(work)) {                                                        \
        (r)->sring->req_event = (r)->req_cons + 1;                        \
        mb();                                                             \
        (work) = RING_HAS_UNCONSUMED_REQUESTS(r);                         \
    }                                                                     \
} while (0)

#define RING_FINAL_CHECK_FOR_RESPONSES(r, work) do {                      \
    (work) = RING_HAS_UNCONSUMED_RESPONSES(r);                            \
    if (!(work)) {                                                        \
        (r)->sring->rsp_event = (r)->rsp_cons + 1;                        \
        mb();                                                             \
        (work) = RING_HAS_UNCONSUMED_RESPONSES(r);                        \
    }                                                                     \
} while (0)

#endif /* XEN_PUBLIC_IO_RING_H */
