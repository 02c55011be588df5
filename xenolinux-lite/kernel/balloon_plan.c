/*
 * The balloon's arithmetic (balloon_plan.h): plain C, no kernel.
 */
#include "xenolinux-lite/kernel/balloon_plan.h"

#define PAGE_KIB 4

uint32_t balloon_floor(uint32_t boot_pages)
{
    uint32_t share = boot_pages / BALLOON_FLOOR_SHARE;
    return share > BALLOON_FLOOR_MIN ? share : BALLOON_FLOOR_MIN;
}

uint32_t balloon_target_pages(int target_kib)
{
    return target_kib <= 0 ? 0 : (uint32_t)target_kib / PAGE_KIB;
}

static uint32_t min_u32(uint32_t a, uint32_t b)
{
    return a < b ? a : b;
}

void balloon_plan(const struct balloon_state *s, uint32_t target,
                  struct balloon_plan *p)
{
    p->give = p->take = 0;
    p->limit = BALLOON_REACHED;
    if (target < s->held) {
        uint32_t want = s->held - target;
        uint32_t spare = s->free > s->floor ? s->free - s->floor : 0;
        p->give = min_u32(want, spare);
        if (p->give < want)
            p->limit = BALLOON_AT_FLOOR;
    } else if (target > s->held) {
        uint32_t want = target - s->held;
        uint32_t can = min_u32(s->ballooned, s->hv_room);
        p->take = min_u32(want, can);
        if (p->take < want)
            p->limit = s->ballooned <= s->hv_room ? BALLOON_AT_BOOT_SIZE
                                                  : BALLOON_AT_HV_LIMIT;
    }
}

uint32_t balloon_batch(uint32_t remaining)
{
    return min_u32(remaining, BALLOON_BATCH);
}

const char *balloon_limit_text(enum balloon_limit l)
{
    switch (l) {
    case BALLOON_REACHED:
        return "target reached";
    case BALLOON_AT_FLOOR:
        return "the kernel cannot spare more free pages";
    case BALLOON_AT_BOOT_SIZE:
        return "no more than the boot size";
    case BALLOON_AT_HV_LIMIT:
        return "the hypervisor's limit for this domain";
    }
    return "?";
}
