/*
 * A domain giving frames back (XENMEM_decrease_reservation, through
 * hypervisor/mm/give_back.c), against the counting rules of frame.h:
 *
 *   - a frame nothing else uses is freed at once and leaves tot_pages;
 *   - a frame still in use (mapped by the domain or by dom0, a page
 *     table under an L2, a CR3) is not freed: it stays the domain's
 *     until its last use goes, then it is freed;
 *   - a pinned frame loses its pin; an unused pinned table is
 *     de-validated and drops what its entries held;
 *   - once given back, a frame cannot be mapped, pinned or given back
 *     again;
 *   - frames that are not the domain's to give (another domain's, the
 *     hypervisor's, shared by the hypervisor, free, not RAM) are refused
 *     with a reason, and nothing changes.
 *
 * After every step mm_check_consistent() recomputes all counts.
 */
// uses: hypervisor/mm/give_back.c hypervisor/mm/frame.c hypervisor/mm/validate.c hypervisor/mm/page_list.c hypervisor/lib/strlcpy.c tests/unit/fake_mm_env.c tests/unit/mm_check.c
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "tests/unit/mm_fixture.h"
#include "hypervisor/include/give_back.h"

static int is_free(uint32_t mfn)
{
    return (frame_table[mfn].flags & PGF_FREE) != 0;
}

/* d gives mfn back successfully. */
static void give_back_ok(struct domain *d, uint32_t mfn)
{
    int rc = give_back_frame(d, mfn);
    if (rc)
        fail_msg("giving back %#x refused: %s", mfn, mm_why());
    assert_false(frame_table[mfn].flags & PGF_ALLOCATED);
    assert_consistent();
}

/* d's giving back mfn is refused, for a reason naming word, and nothing moves. */
static void give_back_refused(struct domain *d, uint32_t mfn, const char *word)
{
    mm_snapshot_take(&snap);
    mm_why_clear();
    int rc = give_back_frame(d, mfn);
    assert_refused_unchanged(rc, &snap);
    assert_why_mentions(word);
}

static void test_unused_frame_is_freed_at_once(void **state)
{
    (void)state;
    uint32_t tot = d1.tot_pages;
    give_back_ok(&d1, DATA1);
    assert_true(is_free(DATA1));
    assert_int_equal(d1.tot_pages, tot - 1);
    assert_int_equal(fake_releases, 1);
}

static void test_mapped_frame_lives_until_its_last_mapping_goes(void **state)
{
    (void)state;
    pin_ok(L1B, FT_L1);
    l1_ok(L1B, 0, pte(DATA1, RW));
    l1_ok(L1B, 1, pte(DATA1, RO));
    uint32_t tot = d1.tot_pages;
    give_back_ok(&d1, DATA1);
    assert_false(is_free(DATA1));
    assert_ptr_equal(owner_of(DATA1), &d1);
    assert_int_equal(frame_table[DATA1].count, 2);
    assert_int_equal(d1.tot_pages, tot);
    l1_ok(L1B, 0, 0);
    assert_false(is_free(DATA1));
    assert_consistent();
    l1_ok(L1B, 1, 0);
    assert_true(is_free(DATA1));
    assert_int_equal(d1.tot_pages, tot - 1);
    assert_consistent();
}

static void test_given_back_frame_cannot_be_used_or_given_again(void **state)
{
    (void)state;
    pin_ok(L1B, FT_L1);
    l1_ok(L1B, 0, pte(DATA1, RO));
    give_back_ok(&d1, DATA1);
    l1_update_refused(L1B, 1, pte(DATA1, RO), &d1);
    pin_refused(DATA1, FT_L1);
    give_back_refused(&d1, DATA1, "given back already");
    l1_ok(L1B, 0, 0);
    assert_true(is_free(DATA1));
    give_back_refused(&d1, DATA1, "not the domain's");
}

static void test_pinned_table_under_an_l2_is_unpinned_but_kept(void **state)
{
    (void)state;
    fake_mem[L1A][0] = pte(DATA2, RW);
    pin_ok(L1A, FT_L1);
    pin_ok(L2X, FT_L2);
    l2_ok(L2X, 0, pte(L1A, RW));
    give_back_ok(&d1, L1A);
    assert_false(frame_table[L1A].flags & PGF_PINNED);
    assert_true(frame_table[L1A].flags & PGF_VALIDATED);
    assert_int_equal(frame_table[L1A].count, 1);        /* the L2's */
    assert_int_equal(frame_table[DATA2].count, 2);      /* still mapped */
    l2_ok(L2X, 0, 0);
    assert_true(is_free(L1A));
    assert_int_equal(frame_table[DATA2].count, 1);
    assert_consistent();
}

static void test_cr3_is_kept_until_the_vcpu_lets_go(void **state)
{
    (void)state;
    assert_int_equal(mm_hold(L2X, &d1, FT_L2), 0);
    give_back_ok(&d1, L2X);
    assert_false(is_free(L2X));
    assert_true(fake_twin_attached(L2X));
    mm_unhold(L2X);
    assert_true(is_free(L2X));
    assert_false(fake_twin_attached(L2X));
    assert_consistent();
}

static void test_unused_pinned_table_is_freed_with_its_references(void **state)
{
    (void)state;
    fake_mem[L1B][5] = pte(DATA2, RW);
    fake_mem[L1B][6] = pte(DATA3, RO);
    pin_ok(L1B, FT_L1);
    assert_int_equal(frame_table[DATA2].count, 2);
    give_back_ok(&d1, L1B);
    assert_true(is_free(L1B));
    assert_int_equal(frame_table[DATA2].count, 1);
    assert_int_equal(frame_table[DATA2].type_count, 0);
    assert_int_equal(frame_table[DATA3].count, 1);
}

static void test_frame_dom0_maps_is_freed_when_dom0_unmaps(void **state)
{
    (void)state;
    pin_ok(D0_L1, FT_L1);
    assert_int_equal(update_l1e(D0_L1, 3, pte(D2_DATA, RW), &d2), 0);
    uint32_t tot = d2.tot_pages;
    give_back_ok(&d2, D2_DATA);
    assert_false(is_free(D2_DATA));
    assert_int_equal(d2.tot_pages, tot);
    assert_int_equal(update_l1e(D0_L1, 3, 0, &d0), 0);
    assert_true(is_free(D2_DATA));
    assert_int_equal(d2.tot_pages, tot - 1);
    assert_consistent();
}

static void test_frames_not_the_domains_to_give_are_refused(void **state)
{
    (void)state;
    give_back_refused(&d1, D2_DATA, "not the domain's");
    give_back_refused(&d1, XEN_FRAME, "not the domain's");
    give_back_refused(&d1, SHARED_FRAME, "shared");
    give_back_refused(&d1, FREE_FRAME, "not the domain's");
    give_back_refused(&d1, NONRAM_FRAME, "not RAM");
    give_back_refused(&d1, FAKE_FRAMES, "not RAM");
    give_back_refused(&d1, 0xFFFFFFFFu, "not RAM");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_unused_frame_is_freed_at_once, setup),
        cmocka_unit_test_setup(test_mapped_frame_lives_until_its_last_mapping_goes, setup),
        cmocka_unit_test_setup(test_given_back_frame_cannot_be_used_or_given_again, setup),
        cmocka_unit_test_setup(test_pinned_table_under_an_l2_is_unpinned_but_kept, setup),
        cmocka_unit_test_setup(test_cr3_is_kept_until_the_vcpu_lets_go, setup),
        cmocka_unit_test_setup(test_unused_pinned_table_is_freed_with_its_references, setup),
        cmocka_unit_test_setup(test_frame_dom0_maps_is_freed_when_dom0_unmaps, setup),
        cmocka_unit_test_setup(test_frames_not_the_domains_to_give_are_refused, setup),
    };
    return cmocka_run_group_tests(tests, 0, 0);
}
