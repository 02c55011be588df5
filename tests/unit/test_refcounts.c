/*
 * Reference-count bookkeeping of the validator and frame table
 * (hypervisor/mm/frame.c, validate.c, relinquish.c):
 *
 *   - every sequence that undoes itself (map/unmap, pin/unpin,
 *     validate/de-validate, replace and replace back) brings every count
 *     back exactly to where it started;
 *   - replacing an entry drops the old entry's references and takes the
 *     new one's; a flags-only change of the same frame moves nothing;
 *   - a validated L2 has a twin from validation to de-validation, equal to
 *     it in slots 0-1007 after every accepted update;
 *   - a removed or downgraded mapping requests a TLB flush, an added one
 *     does not need to;
 *   - domain teardown frees every frame, except one another domain still
 *     maps, which is freed when that mapping goes.
 *
 * Expected counts are written out by hand from the rules at the top of
 * frame.h; mm_check_consistent() then recomputes all of them from scratch.
 */
// uses: hypervisor/mm/frame.c hypervisor/mm/validate.c hypervisor/mm/page_list.c hypervisor/mm/relinquish.c hypervisor/lib/strlcpy.c tests/unit/fake_mm_env.c tests/unit/mm_check.c
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "tests/unit/mm_fixture.h"
#include "hypervisor/include/relinquish.h"

/* frame mfn has exactly these counts and type */
#define assert_frame(mfn, cnt, typ, tcnt) do {                              \
    assert_int_equal(frame_table[mfn].count, (cnt));                        \
    assert_int_equal(frame_table[mfn].type_count, (tcnt));                  \
    if ((tcnt) > 0)                                                         \
        assert_int_equal(frame_table[mfn].type, (typ));                     \
} while (0)

/* Everything is as it was when s was taken. */
static void assert_back_to(const struct mm_snapshot *s)
{
    char why[256];
    if (!mm_snapshot_same(s, why, sizeof(why)))
        fail_msg("not back where it started: %s", why);
    assert_consistent();
}

/* Only the counts, flags and twins (table words may differ). */
static void assert_counts_back_to(const struct mm_snapshot *s)
{
    for (uint32_t f = 0; f < FAKE_FRAMES; f++) {
        const struct page_info *a = &s->pages[f], *b = &frame_table[f];
        if (a->count != b->count || a->type_count != b->type_count ||
            a->flags != b->flags)
            fail_msg("frame %#x: count %u->%u type_count %u->%u flags "
                     "%#x->%#x", f, a->count, b->count, a->type_count,
                     b->type_count, a->flags, b->flags);
        assert_int_equal(s->twin_attached[f], fake_twin_attached(f));
    }
    assert_consistent();
}

static struct mm_snapshot start;

/* ======================================================= map / unmap */

static void test_l1_readonly_map_unmap_restores_counts(void **state)
{
    (void)state;
    pin_ok(L1B, FT_L1);
    mm_snapshot_take(&start);
    l1_ok(L1B, 0, pte(DATA1, RO));
    assert_frame(DATA1, 2, FT_NONE, 0);
    l1_ok(L1B, 1, pte(DATA1, RO));
    assert_frame(DATA1, 3, FT_NONE, 0);
    l1_ok(L1B, 0, 0);
    l1_ok(L1B, 1, 0);
    assert_back_to(&start);
}

static void test_l1_writable_map_unmap_restores_counts(void **state)
{
    (void)state;
    pin_ok(L1B, FT_L1);
    pin_ok(L1C, FT_L1);
    mm_snapshot_take(&start);
    l1_ok(L1B, 0, pte(DATA1, RW));
    assert_frame(DATA1, 2, FT_WRITABLE, 1);
    l1_ok(L1C, 7, pte(DATA1, RW));
    l1_ok(L1C, 8, pte(DATA1, RO));
    assert_frame(DATA1, 4, FT_WRITABLE, 2);
    l1_ok(L1B, 0, 0);
    l1_ok(L1C, 7, 0);
    assert_frame(DATA1, 2, FT_WRITABLE, 0);
    l1_ok(L1C, 8, 0);
    assert_back_to(&start);
}

static void test_privileged_foreign_map_unmap_restores_counts(void **state)
{
    (void)state;
    pin_ok(D0_L1, FT_L1);
    mm_snapshot_take(&start);
    assert_int_equal(update_l1e(D0_L1, 3, pte(D2_DATA, RW), &d2), 0);
    assert_frame(D2_DATA, 2, FT_WRITABLE, 1);
    assert_int_equal(update_l1e(D0_L1, 3, 0, &d0), 0);
    assert_back_to(&start);
}

/* ===================================================== pin / unpin */

static void test_pin_unpin_l1_restores_counts(void **state)
{
    (void)state;
    fake_mem[L1B][0] = pte(DATA1, RW);
    fake_mem[L1B][1] = pte(DATA1, RO);
    fake_mem[L1B][2] = pte(DATA2, RO);
    fake_mem[L1B][3] = pte(L1B, RO);
    fake_mem[L1B][1023] = pte(SHARED_FRAME, RW);
    mm_snapshot_take(&start);
    pin_ok(L1B, FT_L1);
    assert_frame(L1B, 3, FT_L1, 1);         /* alloc, pin, self map */
    assert_frame(DATA1, 3, FT_WRITABLE, 1);
    assert_frame(DATA2, 2, FT_NONE, 0);
    assert_frame(SHARED_FRAME, 2, FT_XEN_SHARED, 0);
    assert_true(frame_table[L1B].flags & (PGF_PINNED | PGF_VALIDATED));
    assert_consistent();
    assert_int_equal(mm_unpin(&d1, L1B), 0);
    assert_back_to(&start);
}

static void test_pin_twice_refused_and_unpin_unpinned_refused(void **state)
{
    (void)state;
    pin_ok(L1B, FT_L1);
    pin_refused(L1B, FT_L1);
    assert_why_mentions("already pinned");
    assert_int_equal(mm_unpin(&d1, L1B), 0);
    mm_snapshot_take(&snap);
    assert_int_equal(mm_unpin(&d1, L1B), -EINVAL);
    assert_back_to(&snap);
}

static void test_pin_unpin_l2_restores_counts(void **state)
{
    (void)state;
    fake_mem[L1A][0] = pte(DATA1, RW);
    fake_mem[L1A][1] = pte(L2X, RO);
    fake_mem[L1B][0] = pte(DATA2, RW);
    fake_mem[L2X][0] = pte(L1A, RW);
    fake_mem[L2X][1] = pte(L1A, RO);
    fake_mem[L2X][2] = pte(L1B, RW);
    fake_mem[L2X][3] = pte(L2X, RO);
    mm_snapshot_take(&start);
    pin_ok(L2X, FT_L2);
    assert_frame(L2X, 3, FT_L2, 1);         /* alloc, pin, L1A's map */
    assert_frame(L1A, 3, FT_L1, 2);
    assert_frame(L1B, 2, FT_L1, 1);
    assert_frame(DATA1, 2, FT_WRITABLE, 1);
    assert_true(fake_twin_attached(L2X));
    assert_consistent();
    assert_int_equal(mm_unpin(&d1, L2X), 0);
    assert_false(fake_twin_attached(L2X));
    assert_counts_back_to(&start);
    /* Only the hypervisor slots were rewritten. */
    for (unsigned int i = 0; i < HV_SLOT_FIRST; i++)
        assert_int_equal(fake_mem[L2X][i], start.words[L2X][i]);
}

/* An L1 pinned and used by an L2 stays validated until both let go. */
static void test_l1_shared_by_pin_and_l2_devalidated_after_last(void **state)
{
    (void)state;
    fake_mem[L1A][5] = pte(DATA3, RW);
    mm_snapshot_take(&start);
    pin_ok(L1A, FT_L1);
    fake_mem[L2X][0] = pte(L1A, RW);
    pin_ok(L2X, FT_L2);
    pin_ok(L2Y, FT_L2);
    l2_ok(L2Y, 9, pte(L1A, RO));
    assert_frame(L1A, 4, FT_L1, 3);     /* alloc, pin, X, Y */
    assert_int_equal(mm_unpin(&d1, L1A), 0);
    assert_int_equal(mm_unpin(&d1, L2X), 0);
    assert_true(frame_table[L1A].flags & PGF_VALIDATED);
    assert_frame(DATA3, 2, FT_WRITABLE, 1);
    l2_ok(L2Y, 9, 0);
    assert_false(frame_table[L1A].flags & PGF_VALIDATED);
    assert_frame(DATA3, 1, FT_WRITABLE, 0);
    assert_int_equal(mm_unpin(&d1, L2Y), 0);
    assert_counts_back_to(&start);
}

/* A CR3-style reference and a pin on the same L2. */
static void test_cr3_and_pin_on_one_l2_restore_counts(void **state)
{
    (void)state;
    fake_mem[L2X][0] = pte(L1A, RW);
    mm_snapshot_take(&start);
    pin_ok(L2X, FT_L2);
    assert_int_equal(mm_hold(L2X, &d1, FT_L2), 0);
    assert_frame(L2X, 3, FT_L2, 2);
    assert_int_equal(fake_twin_attaches, 1);
    assert_int_equal(mm_unpin(&d1, L2X), 0);
    assert_true(fake_twin_attached(L2X));
    mm_unhold(L2X);
    assert_false(fake_twin_attached(L2X));
    assert_counts_back_to(&start);
}

static void test_descriptor_page_hold_release_restores_counts(void **state)
{
    (void)state;
    mm_snapshot_take(&start);
    assert_int_equal(mm_hold(DESCPG, &d1, FT_DESC), 0);
    assert_int_equal(mm_hold(DESCPG, &d1, FT_DESC), 0);
    assert_frame(DESCPG, 3, FT_DESC, 2);
    mm_unhold(DESCPG);
    mm_unhold(DESCPG);
    assert_back_to(&start);
}

/* ================================================ replacing entries */

static void test_replacing_l1_entry_moves_references(void **state)
{
    (void)state;
    pin_ok(L1B, FT_L1);
    mm_snapshot_take(&start);
    l1_ok(L1B, 0, pte(DATA1, RW));
    l1_ok(L1B, 0, pte(DATA2, RO));
    assert_frame(DATA1, 1, FT_WRITABLE, 0);
    assert_frame(DATA2, 2, FT_NONE, 0);
    l1_ok(L1B, 0, pte(DATA3, RW));
    assert_frame(DATA2, 1, FT_NONE, 0);
    assert_frame(DATA3, 2, FT_WRITABLE, 1);
    l1_ok(L1B, 0, pte(DATA3, RO));          /* RW -> RO, same frame */
    assert_frame(DATA3, 2, FT_WRITABLE, 0);
    l1_ok(L1B, 0, pte(DATA3, RW));          /* RO -> RW, same frame */
    assert_frame(DATA3, 2, FT_WRITABLE, 1);
    l1_ok(L1B, 0, 0);
    assert_back_to(&start);
}

static void test_replacing_l2_entry_moves_references(void **state)
{
    (void)state;
    fake_mem[L1A][0] = pte(DATA1, RW);
    fake_mem[L1B][0] = pte(DATA2, RW);
    pin_ok(L2X, FT_L2);
    mm_snapshot_take(&start);
    l2_ok(L2X, 0, pte(L1A, RW));
    assert_frame(L1A, 2, FT_L1, 1);
    assert_frame(DATA1, 2, FT_WRITABLE, 1);
    l2_ok(L2X, 0, pte(L1B, RW));
    assert_frame(L1A, 1, FT_L1, 0);
    assert_false(frame_table[L1A].flags & PGF_VALIDATED);
    assert_frame(DATA1, 1, FT_WRITABLE, 0);
    assert_frame(L1B, 2, FT_L1, 1);
    assert_frame(DATA2, 2, FT_WRITABLE, 1);
    l2_ok(L2X, 0, pte(L1B, RO));            /* RW -> RO, same L1 */
    assert_frame(L1B, 2, FT_L1, 1);
    l2_ok(L2X, 0, pte(L2X, RO));            /* an L1 -> the self map */
    assert_frame(L1B, 1, FT_L1, 0);
    l2_ok(L2X, 0, 0);
    assert_counts_back_to(&start);
}

static void test_same_frame_flag_only_updates_keep_counts(void **state)
{
    (void)state;
    pin_ok(L1B, FT_L1);
    pin_ok(L2X, FT_L2);
    l1_ok(L1B, 0, pte(DATA1, RW));
    l2_ok(L2X, 0, pte(L1A, RW));
    mm_snapshot_take(&start);
    uint32_t l1_flags[] = { PTE_US, PTE_A, PTE_D, PTE_PCD, PTE_PWT, PTE_AVAIL };
    for (size_t k = 0; k < sizeof(l1_flags) / sizeof(l1_flags[0]); k++) {
        l1_ok(L1B, 0, pte(DATA1, RW) ^ l1_flags[k]);
        assert_counts_back_to(&start);
    }
    uint32_t l2_flags[] = { PTE_US, PTE_A, PTE_PCD, PTE_PWT, PTE_AVAIL };
    for (size_t k = 0; k < sizeof(l2_flags) / sizeof(l2_flags[0]); k++) {
        l2_ok(L2X, 0, pte(L1A, RW) ^ l2_flags[k]);
        assert_counts_back_to(&start);
    }
    assert_int_equal(fake_twin_attaches, 1);
}

static void test_rewriting_an_entry_with_itself_keeps_counts(void **state)
{
    (void)state;
    pin_ok(L1B, FT_L1);
    pin_ok(L2X, FT_L2);
    l1_ok(L1B, 0, pte(DATA1, RW));
    l2_ok(L2X, 0, pte(L1A, RW));
    l2_ok(L2X, 1, pte(L2X, RO));
    mm_snapshot_take(&start);
    l1_ok(L1B, 0, pte(DATA1, RW));
    l1_ok(L1B, 1, 0);
    l2_ok(L2X, 0, pte(L1A, RW));
    l2_ok(L2X, 1, pte(L2X, RO));
    l2_ok(L2X, 2, 0);
    assert_back_to(&start);
}

/* ============================================================ twins */

static void test_twin_attached_on_l2_validation_released_on_devalidation(void **state)
{
    (void)state;
    assert_false(fake_twin_attached(L2X));
    pin_ok(L2X, FT_L2);
    assert_true(fake_twin_attached(L2X));
    assert_true(fake_twin_matches(L2X));
    assert_int_equal(fake_twin_attaches, 1);
    assert_int_equal(mm_unpin(&d1, L2X), 0);
    assert_false(fake_twin_attached(L2X));
    assert_int_equal(fake_twin_releases, 1);
    assert_int_equal(frame_table[L2X].twin, 0);
    /* An L1 gets no twin. */
    pin_ok(L1A, FT_L1);
    assert_false(fake_twin_attached(L1A));
    assert_int_equal(fake_twin_attaches, 1);
}

static void test_twin_follows_every_accepted_l2_update(void **state)
{
    (void)state;
    fake_mem[L2X][7] = pte(L1C, RW);
    pin_ok(L2X, FT_L2);
    assert_true(fake_twin_matches(L2X));
    struct { unsigned int idx; uint32_t val; } steps[] = {
        { 0, pte(L1A, RW) }, { 1, pte(L1A, RO) }, { 2, pte(L2X, RO) },
        { 0, pte(L1B, RW | PTE_US) }, { 7, 0 }, { 1, 0x12345000u },
        { 1007, pte(L1C, RW) }, { 2, pte(L1A, RW) }, { 0, 0 },
    };
    for (size_t k = 0; k < sizeof(steps) / sizeof(steps[0]); k++) {
        l2_ok(L2X, steps[k].idx, steps[k].val);
        if (!fake_twin_matches(L2X))
            fail_msg("twin differs after update %zu", k);
        /* A refused update leaves it alone, too. */
        l2_update_refused(L2X, steps[k].idx, pte(D2_DATA, RW));
        l2_update_refused(L2X, 1008, 0);
        assert_true(fake_twin_matches(L2X));
    }
    assert_consistent();
}

/* ============================================================ TLB */

static void test_tlb_flush_on_l1_mapping_removed_or_downgraded(void **state)
{
    (void)state;
    pin_ok(L1B, FT_L1);
    l1_ok(L1B, 0, pte(DATA1, RW));
    l1_ok(L1B, 1, pte(DATA2, RO));
    struct { const char *what; unsigned int idx; uint32_t val; } steps[] = {
        { "RW -> RO", 0, pte(DATA1, RO) },
        { "frame change", 0, pte(DATA3, RO) },
        { "present -> not present", 0, 0 },
        { "RO frame change", 1, pte(DATA1, RO) },
        { "present -> not present, keeping the frame bits", 1,
          pte(DATA1, RO) & ~PTE_P },
    };
    for (size_t k = 0; k < sizeof(steps) / sizeof(steps[0]); k++) {
        unsigned int before = fake_tlb_flushes;
        l1_ok(L1B, steps[k].idx, steps[k].val);
        if (fake_tlb_flushes == before)
            fail_msg("no TLB flush requested for %s", steps[k].what);
    }
    assert_consistent();
}

static void test_no_tlb_flush_needed_for_l1_mapping_added_or_upgraded(void **state)
{
    (void)state;
    pin_ok(L1B, FT_L1);
    unsigned int before = fake_tlb_flushes;
    l1_ok(L1B, 0, pte(DATA1, RO));
    l1_ok(L1B, 1, pte(DATA2, RW));
    l1_ok(L1B, 0, pte(DATA1, RW));          /* RO -> RW */
    l1_ok(L1B, 1, pte(DATA2, RW | PTE_D));  /* flags only */
    l1_ok(L1B, 2, 0);                       /* not present stays so */
    assert_int_equal(fake_tlb_flushes, before);
}

static void test_tlb_flush_on_l2_entry_removed_or_changed(void **state)
{
    (void)state;
    pin_ok(L1A, FT_L1);
    pin_ok(L1B, FT_L1);
    pin_ok(L2X, FT_L2);
    l2_ok(L2X, 0, pte(L1A, RW));
    struct { const char *what; uint32_t val; } steps[] = {
        { "RW -> RO", pte(L1A, RO) },
        { "L1 change", pte(L1B, RO) },
        { "present -> not present", 0 },
    };
    l2_ok(L2X, 0, pte(L1A, RW));
    for (size_t k = 0; k < sizeof(steps) / sizeof(steps[0]); k++) {
        unsigned int before = fake_tlb_flushes;
        l2_ok(L2X, 0, steps[k].val);
        if (fake_tlb_flushes == before)
            fail_msg("no TLB flush requested for %s", steps[k].what);
    }
    unsigned int before = fake_tlb_flushes;
    assert_int_equal(mm_unpin(&d1, L2X), 0);
    assert_true(fake_tlb_flushes > before);     /* de-validation */
}

static void test_no_tlb_flush_needed_for_l2_entry_added(void **state)
{
    (void)state;
    pin_ok(L1A, FT_L1);
    pin_ok(L2X, FT_L2);
    unsigned int before = fake_tlb_flushes;
    l2_ok(L2X, 0, pte(L1A, RO));
    l2_ok(L2X, 0, pte(L1A, RW));
    l2_ok(L2X, 1, pte(L2X, RO));
    assert_int_equal(fake_tlb_flushes, before);
}

/* A frame that was writable gets a flush when it becomes a table. */
static void test_tlb_flush_when_formerly_writable_frame_becomes_table(void **state)
{
    (void)state;
    pin_ok(L1B, FT_L1);
    l1_ok(L1B, 0, pte(DATA1, RW));
    l1_ok(L1B, 0, 0);
    unsigned int before = fake_tlb_flushes;
    pin_ok(DATA1, FT_L1);
    assert_true(fake_tlb_flushes > before);
}

/* ======================================================== teardown */

/*
 * d1 builds an address space: a pinned L2 (also its "CR3") with a self
 * map, two pinned L1s and one unpinned L1 mapping its frames read-only and
 * writable (the tables too, read-only), and a GDT page.
 */
static void build_address_space(void)
{
    fake_mem[L1A][0] = pte(DATA1, RW);
    fake_mem[L1A][1] = pte(L2X, RO);
    fake_mem[L1A][2] = pte(L1A, RO);
    fake_mem[L1A][3] = pte(SHARED_FRAME, RW);
    fake_mem[L1B][0] = pte(DATA2, RW);
    fake_mem[L1B][1] = pte(DESCPG, RO);
    fake_mem[L1C][0] = pte(DATA3, RO);
    fake_mem[L1C][1] = pte(L1B, RO);
    fake_mem[L2X][0] = pte(L1A, RW);
    fake_mem[L2X][1] = pte(L1B, RW);
    fake_mem[L2X][2] = pte(L1C, RW);
    fake_mem[L2X][3] = pte(L2X, RO);
    pin_ok(L1A, FT_L1);
    pin_ok(L2X, FT_L2);
    pin_ok(L1B, FT_L1);
    fake_mem[L2Y][0] = pte(SPARE1, RO);     /* a second, pinned, L2 */
    pin_ok(L2Y, FT_L2);
    assert_int_equal(mm_hold(L2X, &d1, FT_L2), 0);      /* CR3 */
    assert_int_equal(mm_hold(DESCPG, &d1, FT_DESC), 0); /* GDT */
    assert_consistent();
}

/* Every frame of d is free, its list empty, and the others untouched. */
static void assert_all_freed(struct domain *d, const uint32_t *frames,
                             size_t n)
{
    for (size_t k = 0; k < n; k++) {
        const struct page_info *pg = &frame_table[frames[k]];
        if (pg->flags != (PGF_RAM | PGF_FREE) || pg->owner || pg->count ||
            pg->type_count)
            fail_msg("frame %#x not freed: flags %#x count %u type_count %u",
                     frames[k], pg->flags, pg->count, pg->type_count);
    }
    assert_int_equal(d->tot_pages, 0);
    assert_int_equal(d->page_head, INVALID_MFN);
    assert_int_equal(d->page_tail, INVALID_MFN);
}

static const uint32_t d1_frames[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
                                      12, 13, 14, 15 };

static void test_relinquish_frees_every_frame(void **state)
{
    (void)state;
    build_address_space();
    mm_unhold(L2X);             /* the vCPUs drop CR3 and the GDT first */
    mm_unhold(DESCPG);
    mm_snapshot_take(&start);
    domain_relinquish_frames(&d1);
    assert_all_freed(&d1, d1_frames, 15);
    assert_int_equal(fake_releases, 15);
    assert_int_equal(fake_twin_releases, 2);
    assert_false(fake_twin_attached(L2X));
    assert_int_equal(frame_table[SHARED_FRAME].count, 1);
    assert_consistent();
}

/* The same with the tables allocated after the frames they map. */
static void test_relinquish_frees_every_frame_whatever_the_list_order(void **state)
{
    (void)state;
    /* Reverse d1's list: free its frames and allocate them backwards. */
    domain_relinquish_frames(&d1);
    assert_all_freed(&d1, d1_frames, 15);
    for (uint32_t f = 15; f >= 1; f--)
        fake_alloc(&d1, f);
    build_address_space();
    mm_unhold(L2X);
    mm_unhold(DESCPG);
    domain_relinquish_frames(&d1);
    assert_all_freed(&d1, d1_frames, 15);
    assert_consistent();
}

/*
 * A frame the privileged domain still maps outlives d1's teardown: it
 * stays d1's (on its list, no allocation reference) until d0 unmaps it,
 * and no one can map it anew meanwhile.
 */
static void test_relinquish_keeps_frame_mapped_by_privileged_domain(void **state)
{
    (void)state;
    build_address_space();
    pin_ok(D0_L1, FT_L1);
    assert_int_equal(update_l1e(D0_L1, 0, pte(DATA1, RW), &d1), 0);
    assert_int_equal(update_l1e(D0_L1, 1, pte(L2X, RO), &d1), 0);
    mm_unhold(L2X);
    mm_unhold(DESCPG);
    domain_relinquish_frames(&d1);

    assert_int_equal(d1.tot_pages, 2);
    assert_int_equal(fake_releases, 13);
    uint32_t kept[] = { L2X, DATA1 };
    for (size_t k = 0; k < 2; k++) {
        const struct page_info *pg = &frame_table[kept[k]];
        assert_ptr_equal(pg->owner, &d1);
        assert_int_equal(pg->flags, PGF_RAM);
        assert_int_equal(pg->count, 1);
    }
    assert_frame(DATA1, 1, FT_WRITABLE, 1);
    assert_false(fake_twin_attached(L2X));
    assert_consistent();

    /* No new mapping of a dying domain's frame. */
    l1_update_refused(D0_L1, 2, pte(DATA1, RO), &d1);

    assert_int_equal(update_l1e(D0_L1, 0, 0, &d0), 0);
    assert_int_equal(d1.tot_pages, 1);
    assert_int_equal(frame_table[DATA1].flags, PGF_RAM | PGF_FREE);
    assert_int_equal(mm_unpin(&d0, D0_L1), 0);      /* drops the L2X map */
    assert_all_freed(&d1, d1_frames, 15);
    assert_consistent();
}

/* A privileged domain's teardown drops its maps of another domain. */
static void test_relinquish_of_privileged_domain_drops_foreign_maps(void **state)
{
    (void)state;
    fake_mem[D0_L1][0] = pte(DATA1, RW);
    fake_mem[D0_L1][1] = pte(D2_DATA, RO);
    fake_mem[D0_L2][0] = pte(D0_L1, RW);
    pin_ok(D0_L2, FT_L2);
    mm_snapshot_take(&start);
    domain_relinquish_frames(&d0);
    const uint32_t d0_frames[] = { 24, 25, 26, 27, 28, 29, 30, 31 };
    assert_all_freed(&d0, d0_frames, 8);
    assert_frame(DATA1, 1, FT_WRITABLE, 0);
    assert_frame(D2_DATA, 1, FT_NONE, 0);
    assert_consistent();
}

int main(void)
{
#define T(f) cmocka_unit_test_setup(f, setup)
    const struct CMUnitTest tests[] = {
        T(test_l1_readonly_map_unmap_restores_counts),
        T(test_l1_writable_map_unmap_restores_counts),
        T(test_privileged_foreign_map_unmap_restores_counts),
        T(test_pin_unpin_l1_restores_counts),
        T(test_pin_twice_refused_and_unpin_unpinned_refused),
        T(test_pin_unpin_l2_restores_counts),
        T(test_l1_shared_by_pin_and_l2_devalidated_after_last),
        T(test_cr3_and_pin_on_one_l2_restore_counts),
        T(test_descriptor_page_hold_release_restores_counts),
        T(test_replacing_l1_entry_moves_references),
        T(test_replacing_l2_entry_moves_references),
        T(test_same_frame_flag_only_updates_keep_counts),
        T(test_rewriting_an_entry_with_itself_keeps_counts),
        T(test_twin_attached_on_l2_validation_released_on_devalidation),
        T(test_twin_follows_every_accepted_l2_update),
        T(test_tlb_flush_on_l1_mapping_removed_or_downgraded),
        T(test_no_tlb_flush_needed_for_l1_mapping_added_or_upgraded),
        T(test_tlb_flush_on_l2_entry_removed_or_changed),
        T(test_no_tlb_flush_needed_for_l2_entry_added),
        T(test_tlb_flush_when_formerly_writable_frame_becomes_table),
        T(test_relinquish_frees_every_frame),
        T(test_relinquish_frees_every_frame_whatever_the_list_order),
        T(test_relinquish_keeps_frame_mapped_by_privileged_domain),
        T(test_relinquish_of_privileged_domain_drops_foreign_maps),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
