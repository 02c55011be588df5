/*
 * The frames every validator test starts from, and the small helpers the
 * tests share (included by the test files after <cmocka.h>).
 *
 *   frames 1-15   domain d1 (ordinary)
 *   frames 16-23  domain d2 (ordinary)
 *   frames 24-31  domain d0 (privileged)
 *   frame 40      the hypervisor's; 41 shared by the hypervisor with d1
 *   frame 46      not RAM; 48 (FAKE_FRAMES) and up: beyond the end of RAM
 *   the rest      free
 *
 * Every frame starts zeroed, so all its entries are not present.
 */
#ifndef TESTS_UNIT_MM_FIXTURE_H
#define TESTS_UNIT_MM_FIXTURE_H
#include "tests/unit/mm_check.h"

/* d1 and d2 are ordinary domains, d0 is privileged. */
static struct domain d0, d1, d2;

/* d1's frames 1-15 */
#define L1A    1
#define L1B    2
#define L1C    3
#define L2X    4
#define L2Y    5
#define DATA1  6
#define DATA2  7
#define DATA3  8
#define DESCPG 9
#define SPARE1 10
#define SPARE2 11
/* d2's frames 16-23, d0's 24-31 */
#define D2_DATA 16
#define D2_L1   17
#define D0_L1   24
#define D0_L2   25
#define D0_DATA 26
/* the rest */
#define XEN_FRAME    40     /* hypervisor memory */
#define SHARED_FRAME 41     /* shared with d1 (like shared_info) */
#define FREE_FRAME   42
#define NONRAM_FRAME 46     /* a hole in the memory map */

#define RO (PTE_P | PTE_US | PTE_A)
#define RW (PTE_P | PTE_RW | PTE_US | PTE_A)

static struct mm_snapshot snap;

static inline int setup(void **state)
{
    (void)state;
    fake_reset();
    mm_check_reset();
    fake_domain_init(&d0, 0, 1);
    fake_domain_init(&d1, 1, 0);
    fake_domain_init(&d2, 2, 0);
    mm_check_domain(&d0);
    mm_check_domain(&d1);
    mm_check_domain(&d2);
    for (uint32_t f = 1; f <= 15; f++)
        fake_alloc(&d1, f);
    for (uint32_t f = 16; f <= 23; f++)
        fake_alloc(&d2, f);
    for (uint32_t f = 24; f <= 31; f++)
        fake_alloc(&d0, f);
    fake_make_xen(XEN_FRAME);
    fake_make_shared(&d1, SHARED_FRAME);
    fake_make_nonram(NONRAM_FRAME);
    mm_why_clear();
    return 0;
}

static inline struct domain *owner_of(uint32_t mfn)
{
    return frame_table[mfn].owner;
}

static inline void pin_ok(uint32_t mfn, enum frame_type t)
{
    int rc = mm_pin(owner_of(mfn), mfn, t);
    if (rc)
        fail_msg("pin of %#x as %s refused: %s", mfn, frame_type_name(t),
                 mm_why());
}

static inline void l1_ok(uint32_t l1, unsigned int idx, uint32_t val)
{
    int rc = update_l1e(l1, idx, val, owner_of(l1));
    if (rc)
        fail_msg("update_l1e(%#x, %u, %08x) refused: %s", l1, idx, val,
                 mm_why());
}

static inline void l2_ok(uint32_t l2, unsigned int idx, uint32_t val)
{
    int rc = update_l2e(l2, idx, val);
    if (rc)
        fail_msg("update_l2e(%#x, %u, %08x) refused: %s", l2, idx, val,
                 mm_why());
}

/* Updating entry idx of validated L1 l1 to val is refused, nothing moves. */
static inline void l1_update_refused(uint32_t l1, unsigned int idx, uint32_t val,
                              const struct domain *fd)
{
    mm_snapshot_take(&snap);
    mm_why_clear();
    int rc = update_l1e(l1, idx, val, fd);
    assert_refused_unchanged(rc, &snap);
}

static inline void l2_update_refused(uint32_t l2, unsigned int idx, uint32_t val)
{
    mm_snapshot_take(&snap);
    mm_why_clear();
    int rc = update_l2e(l2, idx, val);
    assert_refused_unchanged(rc, &snap);
}

/* Pinning mfn as t is refused, and nothing moves. */
static inline void pin_refused(uint32_t mfn, enum frame_type t)
{
    mm_snapshot_take(&snap);
    mm_why_clear();
    int rc = mm_pin(owner_of(mfn), mfn, t);
    assert_refused_unchanged(rc, &snap);
}

/* Taking type t on mfn (as a vCPU takes CR3 or a GDT page) is refused. */
static inline void hold_refused(uint32_t mfn, enum frame_type t)
{
    mm_snapshot_take(&snap);
    mm_why_clear();
    int rc = get_page_and_type(mfn, owner_of(mfn), t);
    assert_refused_unchanged(rc, &snap);
}

#endif
