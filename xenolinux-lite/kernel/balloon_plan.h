/*
 * The balloon's arithmetic, apart from the kernel that acts on it
 * (balloon.c), so that the host unit tests (tests/unit/test_balloon.c)
 * link it as it is.
 *
 * The balloon driver holds the pages the domain gave back to the
 * hypervisor: its pseudo-physical frames stay numbered, but no machine
 * frame backs them (their P2M entry is invalid) and nothing maps them.
 * dom0's tools set a target in xenstore (memory/target, in KiB); the
 * driver moves pages between the kernel's allocator and the hypervisor
 * until the domain holds the target, or as near to it as three limits
 * allow:
 *
 *   the floor       free pages the kernel always keeps for itself: the
 *                   balloon gives back only free pages above it;
 *   the boot size   the balloon refills only the frames it gave back (the
 *                   P2M and the kernel's map were sized at boot);
 *   the hypervisor  its limit for the domain (XEN_DOMCTL_max_mem) less
 *                   what the domain holds now.
 *
 * Pages move in batches of at most BALLOON_BATCH: one hypercall, one
 * page-table update and one array on the stack each.
 */
#ifndef XL_BALLOON_PLAN_H
#define XL_BALLOON_PLAN_H
#include <stdint.h>

#define BALLOON_BATCH       256     /* pages per hypercall */
#define BALLOON_FLOOR_MIN   256     /* free pages kept: at least 1 MB ... */
#define BALLOON_FLOOR_SHARE 16      /* ... or 1/16 of the boot size */

/* What the driver knows when a target arrives. */
struct balloon_state {
    uint32_t held;          /* pages the domain holds now */
    uint32_t ballooned;     /* pages given back, which it may refill */
    uint32_t free;          /* free pages in the kernel's allocator */
    uint32_t floor;         /* free pages it keeps (balloon_floor) */
    uint32_t hv_room;       /* frames the hypervisor would still give */
};

/* Why a plan stops short of its target. */
enum balloon_limit {
    BALLOON_REACHED,        /* the plan reaches the target */
    BALLOON_AT_FLOOR,       /* shrinking: no more free pages to spare */
    BALLOON_AT_BOOT_SIZE,   /* growing: every ballooned frame refilled */
    BALLOON_AT_HV_LIMIT,    /* growing: the hypervisor's limit */
};

struct balloon_plan {
    uint32_t give;          /* pages to give back (shrinking), or 0 */
    uint32_t take;          /* pages to take (growing), or 0 */
    enum balloon_limit limit;
};

/* The floor for a domain booted with boot_pages pages. */
uint32_t balloon_floor(uint32_t boot_pages);

/*
 * A target of target_kib KiB in pages, rounded down; 0 if the value is
 * not a target (zero or negative).
 */
uint32_t balloon_target_pages(int target_kib);

/*
 * How far to move from s toward target pages.  At most one of give and
 * take is non-zero; both are 0 if the domain holds the target already
 * (limit BALLOON_REACHED) or cannot move toward it at all (limit says
 * why).  give never takes the free pages below s->floor; take never
 * exceeds s->ballooned or s->hv_room.
 */
void balloon_plan(const struct balloon_state *s, uint32_t target,
                  struct balloon_plan *p);

/* The next batch of a move with remaining pages left: 1..BALLOON_BATCH,
 * or 0 when nothing remains. */
uint32_t balloon_batch(uint32_t remaining);

/* Words for a limit, for the kernel's one-line report. */
const char *balloon_limit_text(enum balloon_limit l);
#endif
