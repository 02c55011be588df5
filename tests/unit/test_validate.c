/*
 * The page-table validator's rules (hypervisor/mm/validate.c, ABI 4.6 and
 * docs/design-notes.md "Validated paging"), one rule per test:
 *
 *   - no page table or descriptor page is ever mapped writable, through
 *     any alias, in either order;
 *   - L1 and L2 entries name only the domain's own RAM frames (a
 *     privileged domain's L1 may map other domains' frames);
 *   - no PSE or global in an L2 entry, no PAT or global in an L1 entry,
 *     also when only the flags of an entry change;
 *   - L2 slots 1008-1023 are the hypervisor's;
 *   - the only L2 entry naming an L2 is a read-only self map.
 *
 * What a failure leaves behind, and what it says, is in
 * test_validate_failures.c.
 *
 * Every refusal is checked for -EINVAL, a specific reason in mm_why(), and
 * an unchanged machine (mm_snapshot_same).  The frame set-up, the same in
 * every test, is setup() in mm_fixture.h.
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

/* ============================== no writable alias of a table */

static void test_l1_writable_map_of_pinned_l1_refused(void **state)
{
    (void)state;
    pin_ok(L1A, FT_L1);
    pin_ok(L1B, FT_L1);
    l1_update_refused(L1B, 0, pte(L1A, RW), &d1);
    assert_why_mentions("writable", "an L1 page table");
    assert_consistent();
}

static void test_l1_writable_map_of_pinned_l2_refused(void **state)
{
    (void)state;
    pin_ok(L2X, FT_L2);
    pin_ok(L1B, FT_L1);
    l1_update_refused(L1B, 5, pte(L2X, RW), &d1);
    assert_why_mentions("writable", "an L2 page directory");
    assert_consistent();
}

static void test_l1_writable_map_of_descriptor_page_refused(void **state)
{
    (void)state;
    assert_int_equal(mm_hold(DESCPG, &d1, FT_DESC), 0);
    pin_ok(L1B, FT_L1);
    l1_update_refused(L1B, 0, pte(DESCPG, RW), &d1);
    assert_why_mentions("writable", "a descriptor table");
    assert_consistent();
}

/* An L1 in use only through an L2 entry (not pinned) is just as busy. */
static void test_l1_writable_map_of_l1_in_use_by_l2_refused(void **state)
{
    (void)state;
    pin_ok(L2X, FT_L2);
    l2_ok(L2X, 0, pte(L1A, RW));
    pin_ok(L1B, FT_L1);
    l1_update_refused(L1B, 0, pte(L1A, RW), &d1);
    assert_why_mentions("writable", "an L1 page table");
    fake_mem[L1C][0] = pte(L1A, RW);
    pin_refused(L1C, FT_L1);
    assert_why_mentions("writable", "an L1 page table");
    assert_consistent();
}

static void test_l1_writable_map_of_itself_refused(void **state)
{
    (void)state;
    pin_ok(L1B, FT_L1);
    l1_update_refused(L1B, 9, pte(L1B, RW), &d1);
    assert_why_mentions("writable", "an L1 page table");
    assert_consistent();
}

static void test_l1_whole_validation_writable_map_of_itself_refused(void **state)
{
    (void)state;
    fake_mem[L1B][0] = pte(DATA1, RW);
    fake_mem[L1B][7] = pte(L1B, RW);
    pin_refused(L1B, FT_L1);
    assert_why_mentions("writable", "an L1 page table");
    assert_consistent();
}

static void test_l1_whole_validation_writable_map_of_pinned_l2_refused(void **state)
{
    (void)state;
    pin_ok(L2X, FT_L2);
    fake_mem[L1B][3] = pte(DATA1, RO);
    fake_mem[L1B][5] = pte(L2X, RW);
    pin_refused(L1B, FT_L1);
    assert_why_mentions("writable", "an L2 page directory");
    assert_consistent();
}

static void test_l1_readonly_maps_of_tables_accepted(void **state)
{
    (void)state;
    pin_ok(L1A, FT_L1);
    pin_ok(L2X, FT_L2);
    assert_int_equal(mm_hold(DESCPG, &d1, FT_DESC), 0);
    pin_ok(L1B, FT_L1);
    l1_ok(L1B, 0, pte(L1A, RO));
    l1_ok(L1B, 1, pte(L2X, RO));
    l1_ok(L1B, 2, pte(DESCPG, RO));
    l1_ok(L1B, 3, pte(L1B, RO));
    assert_int_equal(frame_table[L1A].count, 3);    /* alloc, pin, map */
    assert_int_equal(frame_table[L1A].type_count, 1);
    assert_consistent();
}

static void test_writably_mapped_frame_cannot_be_pinned_as_l1(void **state)
{
    (void)state;
    pin_ok(L1B, FT_L1);
    l1_ok(L1B, 0, pte(DATA1, RW));
    pin_refused(DATA1, FT_L1);
    assert_why_mentions("writable", "an L1 page table");
    assert_consistent();
}

static void test_writably_mapped_frame_cannot_be_pinned_as_l2(void **state)
{
    (void)state;
    pin_ok(L1B, FT_L1);
    l1_ok(L1B, 0, pte(DATA1, RW));
    pin_refused(DATA1, FT_L2);
    assert_why_mentions("writable", "an L2 page directory");
    assert_consistent();
}

static void test_writably_mapped_frame_cannot_become_l1_through_l2_entry(void **state)
{
    (void)state;
    pin_ok(L1B, FT_L1);
    l1_ok(L1B, 0, pte(DATA1, RW));
    pin_ok(L2X, FT_L2);
    l2_update_refused(L2X, 3, pte(DATA1, RW));
    assert_why_mentions("writable", "an L1 page table");
    assert_consistent();
}

static void test_writably_mapped_frame_cannot_become_descriptor_page(void **state)
{
    (void)state;
    pin_ok(L1B, FT_L1);
    l1_ok(L1B, 0, pte(DATA1, RW));
    hold_refused(DATA1, FT_DESC);
    assert_why_mentions("writable", "a descriptor table");
    assert_consistent();
}

/*
 * The frame is mapped read-only by one L1 and writable by another: the
 * writable alias alone blocks it; once that goes, the read-only alias
 * does not; then a new writable alias is refused.
 */
static void test_l1_writable_second_alias_refused_both_orders(void **state)
{
    (void)state;
    pin_ok(L1B, FT_L1);
    pin_ok(L1C, FT_L1);
    l1_ok(L1C, 4, pte(DATA2, RO));
    l1_ok(L1B, 0, pte(DATA2, RW));
    pin_refused(DATA2, FT_L1);
    l1_ok(L1B, 0, 0);
    pin_ok(DATA2, FT_L1);
    l1_update_refused(L1C, 5, pte(DATA2, RW), &d1);
    l1_update_refused(L1C, 4, pte(DATA2, RW), &d1);    /* RO -> RW alias */
    assert_why_mentions("writable", "an L1 page table");
    assert_consistent();
}

/* An L2 whose L1 maps the L2 itself writable cannot be validated. */
static void test_l2_whose_l1_maps_the_l2_writable_refused(void **state)
{
    (void)state;
    fake_mem[L1A][0] = pte(DATA1, RW);
    fake_mem[L1A][3] = pte(L2X, RW);
    fake_mem[L2X][0] = pte(L1A, RW);
    pin_refused(L2X, FT_L2);
    assert_why_mentions("L2 entry", "L1 entry");
    assert_consistent();
}

/* Adding a writable map of its own L2 to a validated L1 in use is refused. */
static void test_l1_in_use_cannot_map_its_l2_writable(void **state)
{
    (void)state;
    fake_mem[L2X][0] = pte(L1A, RW);
    pin_ok(L2X, FT_L2);
    l1_update_refused(L1A, 3, pte(L2X, RW), &d1);
    l1_ok(L1A, 3, pte(L2X, RO));
    assert_consistent();
}

/* The writable map made by an earlier L1 of the L2 blocks a later entry. */
static void test_l2_entry_naming_frame_an_earlier_l1_maps_writable_refused(void **state)
{
    (void)state;
    fake_mem[L1A][0] = pte(L1B, RW);
    fake_mem[L2X][0] = pte(L1A, RW);
    fake_mem[L2X][1] = pte(L1B, RW);
    pin_refused(L2X, FT_L2);
    assert_why_mentions("writable");
    assert_consistent();
}

/* ================== a writably mapped frame cannot become an L2 */

static void test_get_page_type_l2_of_writably_mapped_frame_refused(void **state)
{
    (void)state;
    pin_ok(L1B, FT_L1);
    l1_ok(L1B, 0, pte(L2Y, RW));
    mm_snapshot_take(&snap);
    mm_why_clear();
    int rc = get_page_type(L2Y, FT_L2);
    assert_refused_unchanged(rc, &snap);
    assert_why_mentions("writable", "an L2 page directory");
    assert_false(frame_table[L2Y].flags & PGF_VALIDATED);
    assert_false(fake_twin_attached(L2Y));
    /* ... and once the mapping is read-only, it can. */
    l1_ok(L1B, 0, pte(L2Y, RO));
    assert_int_equal(get_page_type(L2Y, FT_L2), 0);
    assert_true(frame_table[L2Y].flags & PGF_VALIDATED);
    put_page_type(L2Y);
    assert_consistent();
}

/* ==================================== only the domain's frames */

/*
 * val is refused as entry 6 of a fresh L1 of d1 (whose entry 2 takes a
 * reference first), and as an update of that L1 once validated.
 */
static void check_l1_entry_refused(uint32_t val, const char *mention)
{
    fake_mem[L1C][2] = pte(DATA1, RW);
    fake_mem[L1C][6] = val;
    pin_refused(L1C, FT_L1);
    assert_why_mentions(mention);
    fake_mem[L1C][6] = 0;
    pin_ok(L1C, FT_L1);
    l1_update_refused(L1C, 6, val, &d1);
    assert_why_mentions(mention);
    assert_consistent();
    assert_int_equal(mm_unpin(&d1, L1C), 0);
}

/* The same for entry 6 of a fresh L2 of d1 (entry 2 names L1 B). */
static void check_l2_entry_refused(uint32_t val, const char *mention)
{
    if (!(frame_table[L1B].flags & PGF_VALIDATED))
        fake_mem[L1B][0] = pte(DATA1, RW);
    fake_mem[L2Y][2] = pte(L1B, RW);
    fake_mem[L2Y][6] = val;
    pin_refused(L2Y, FT_L2);
    assert_why_mentions(mention);
    fake_mem[L2Y][6] = 0;
    pin_ok(L2Y, FT_L2);
    l2_update_refused(L2Y, 6, val);
    assert_why_mentions(mention);
    assert_consistent();
    assert_int_equal(mm_unpin(&d1, L2Y), 0);
}

static void test_l1_entry_mapping_other_domains_frame_refused(void **state)
{
    (void)state;
    check_l1_entry_refused(pte(D2_DATA, RO), "not the domain's");
    check_l1_entry_refused(pte(D2_DATA, RW), "not the domain's");
}

static void test_l1_entry_mapping_hypervisor_frame_refused(void **state)
{
    (void)state;
    check_l1_entry_refused(pte(XEN_FRAME, RO), "not the domain's");
}

static void test_l1_entry_mapping_free_frame_refused(void **state)
{
    (void)state;
    check_l1_entry_refused(pte(FREE_FRAME, RW), "free");
}

static void test_l1_entry_beyond_end_of_ram_refused(void **state)
{
    (void)state;
    check_l1_entry_refused(pte(FAKE_FRAMES, RO), "not RAM");
    check_l1_entry_refused(pte(0xFFFFF, RW), "not RAM");
}

static void test_l1_entry_mapping_non_ram_frame_refused(void **state)
{
    (void)state;
    check_l1_entry_refused(pte(NONRAM_FRAME, RO), "not RAM");
}

static void test_l1_entry_mapping_other_domains_shared_page_refused(void **state)
{
    (void)state;
    fake_make_shared(&d2, SHARED_FRAME);
    check_l1_entry_refused(pte(SHARED_FRAME, RW), "shared");
}

static void test_l1_entry_mapping_own_shared_page_writable_accepted(void **state)
{
    (void)state;
    pin_ok(L1B, FT_L1);
    l1_ok(L1B, 0, pte(SHARED_FRAME, RW));
    assert_int_equal(frame_table[SHARED_FRAME].count, 2);
    assert_int_equal(frame_table[SHARED_FRAME].type_count, 0);
    l1_ok(L1B, 0, 0);
    assert_int_equal(frame_table[SHARED_FRAME].count, 1);
    assert_consistent();
}

static void test_l2_entry_naming_other_domains_frame_refused(void **state)
{
    (void)state;
    check_l2_entry_refused(pte(D2_DATA, RO), "not the domain's");
}

static void test_l2_entry_naming_other_domains_l1_refused(void **state)
{
    (void)state;
    pin_ok(D2_L1, FT_L1);
    check_l2_entry_refused(pte(D2_L1, RW), "not the domain's");
}

static void test_l2_entry_naming_hypervisor_frame_refused(void **state)
{
    (void)state;
    check_l2_entry_refused(pte(XEN_FRAME, RO), "not the domain's");
}

static void test_l2_entry_naming_free_frame_refused(void **state)
{
    (void)state;
    check_l2_entry_refused(pte(FREE_FRAME, RO), "free");
}

static void test_l2_entry_beyond_end_of_ram_refused(void **state)
{
    (void)state;
    check_l2_entry_refused(pte(FAKE_FRAMES, RW), "not RAM");
    check_l2_entry_refused(pte(0xFFFFF, RO), "not RAM");
}

static void test_l2_entry_naming_non_ram_frame_refused(void **state)
{
    (void)state;
    check_l2_entry_refused(pte(NONRAM_FRAME, RW), "not RAM");
}

static void test_privileged_l1_validation_may_map_other_domains_frames(void **state)
{
    (void)state;
    fake_mem[D0_L1][0] = pte(D2_DATA, RW);
    fake_mem[D0_L1][1] = pte(DATA1, RO);
    fake_mem[D0_L1][2] = pte(D0_DATA, RW);
    pin_ok(D0_L1, FT_L1);
    assert_int_equal(frame_table[D2_DATA].count, 2);
    assert_int_equal(frame_table[D2_DATA].type, FT_WRITABLE);
    assert_int_equal(frame_table[D2_DATA].type_count, 1);
    assert_int_equal(frame_table[DATA1].count, 2);
    assert_int_equal(frame_table[DATA1].type_count, 0);
    assert_consistent();
    assert_int_equal(mm_unpin(&d0, D0_L1), 0);
    assert_int_equal(frame_table[D2_DATA].count, 1);
    assert_int_equal(frame_table[D2_DATA].type_count, 0);
    assert_int_equal(frame_table[DATA1].count, 1);
    assert_consistent();
}

static void test_privileged_l1_validation_cannot_map_unowned_frames(void **state)
{
    (void)state;
    uint32_t bad[] = { pte(XEN_FRAME, RO), pte(FREE_FRAME, RO),
                       pte(NONRAM_FRAME, RO), pte(FAKE_FRAMES, RO) };
    for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
        fake_mem[D0_L1][4] = bad[k];
        pin_refused(D0_L1, FT_L1);
        assert_why_mentions("L1 entry");
    }
    assert_consistent();
}

/* The other domain's page tables stay unwritable, even for dom0. */
static void test_privileged_l1_cannot_map_other_domains_l1_writable(void **state)
{
    (void)state;
    pin_ok(D2_L1, FT_L1);
    fake_mem[D0_L1][4] = pte(D2_L1, RW);
    pin_refused(D0_L1, FT_L1);
    assert_why_mentions("writable", "an L1 page table");
    fake_mem[D0_L1][4] = 0;
    pin_ok(D0_L1, FT_L1);
    l1_update_refused(D0_L1, 4, pte(D2_L1, RW), &d2);
    l1_ok(D0_L1, 4, 0);
    assert_int_equal(update_l1e(D0_L1, 4, pte(D2_L1, RO), &d2), 0);
    assert_consistent();
}

static void test_privileged_update_l1e_foreign_fd_accepted_self_fd_refused(void **state)
{
    (void)state;
    pin_ok(D0_L1, FT_L1);
    l1_update_refused(D0_L1, 0, pte(D2_DATA, RW), &d0);
    assert_why_mentions("not the domain's");
    assert_int_equal(update_l1e(D0_L1, 0, pte(D2_DATA, RW), &d2), 0);
    assert_int_equal(fake_mem[D0_L1][0], pte(D2_DATA, RW));
    assert_int_equal(frame_table[D2_DATA].count, 2);
    assert_int_equal(frame_table[D2_DATA].type_count, 1);
    /* With fd = d2, d0's own frames are refused. */
    l1_update_refused(D0_L1, 1, pte(D0_DATA, RO), &d2);
    assert_int_equal(update_l1e(D0_L1, 0, 0, &d0), 0);
    assert_int_equal(frame_table[D2_DATA].count, 1);
    assert_int_equal(frame_table[D2_DATA].type_count, 0);
    assert_consistent();
}

/* ============================================== forbidden flags */

static void test_l1_entry_with_pat_refused(void **state)
{
    (void)state;
    check_l1_entry_refused(pte(DATA1, RW | PTE_PAT), "PAT or global");
}

static void test_l1_entry_with_global_refused(void **state)
{
    (void)state;
    check_l1_entry_refused(pte(DATA1, RO | PTE_G), "PAT or global");
}

static void test_l2_entry_with_pse_refused(void **state)
{
    (void)state;
    pin_ok(L1A, FT_L1);
    check_l2_entry_refused(pte(L1A, RW | PTE_PSE), "PSE or global");
    check_l2_entry_refused(pte(0, RW | PTE_PSE), "PSE or global");
}

static void test_l2_entry_with_global_refused(void **state)
{
    (void)state;
    pin_ok(L1A, FT_L1);
    check_l2_entry_refused(pte(L1A, RW | PTE_G), "PSE or global");
}

static void test_l1_flags_only_change_still_checks_pat_and_global(void **state)
{
    (void)state;
    pin_ok(L1B, FT_L1);
    l1_ok(L1B, 0, pte(DATA1, RW));
    l1_update_refused(L1B, 0, pte(DATA1, RW | PTE_PAT), &d1);
    assert_why_mentions("PAT or global");
    l1_update_refused(L1B, 0, pte(DATA1, RW | PTE_G), &d1);
    assert_why_mentions("PAT or global");
    l1_ok(L1B, 0, pte(DATA1, RW | PTE_D | PTE_PCD | PTE_PWT));
    assert_consistent();
}

static void test_l2_flags_only_change_still_checks_pse_and_global(void **state)
{
    (void)state;
    pin_ok(L2X, FT_L2);
    l2_ok(L2X, 0, pte(L1A, RW));
    l2_update_refused(L2X, 0, pte(L1A, RW | PTE_PSE));
    assert_why_mentions("PSE or global");
    l2_update_refused(L2X, 0, pte(L1A, RW | PTE_G));
    assert_why_mentions("PSE or global");
    l2_ok(L2X, 1, pte(L2X, RO));
    l2_update_refused(L2X, 1, pte(L2X, RO | PTE_G));
    l2_ok(L2X, 0, pte(L1A, RW | PTE_PCD));
    assert_consistent();
}

/* ABI 4.6: not-present entries are stored unchecked. */
static void test_not_present_entries_stored_unchecked(void **state)
{
    (void)state;
    fake_mem[L1B][0] = pte(D2_DATA, PTE_RW | PTE_PAT | PTE_G);
    fake_mem[L2X][0] = pte(XEN_FRAME, PTE_RW | PTE_PSE | PTE_G);
    pin_ok(L1B, FT_L1);
    pin_ok(L2X, FT_L2);
    l1_ok(L1B, 1, 0xFFFFFFFEu);
    l2_ok(L2X, 1, 0xFFFFFFFEu);
    assert_int_equal(frame_table[D2_DATA].count, 1);
    assert_consistent();
}

/* ========================================= the hypervisor's slots */

static void test_update_l2e_hypervisor_slots_refused(void **state)
{
    (void)state;
    pin_ok(L1A, FT_L1);
    pin_ok(L2X, FT_L2);
    unsigned int slots[] = { 1008, 1009, 1015, 1022, 1023 };
    for (size_t k = 0; k < sizeof(slots) / sizeof(slots[0]); k++) {
        l2_update_refused(L2X, slots[k], pte(L1A, RO));
        assert_why_mentions("hypervisor");
        l2_update_refused(L2X, slots[k], 0);
        l2_update_refused(L2X, slots[k], fake_mem[L2X][slots[k]]);
    }
    assert_consistent();
}

static void test_l2_validation_overwrites_hypervisor_slots(void **state)
{
    (void)state;
    for (unsigned int s = HV_SLOT_FIRST; s < 1024; s++)
        fake_mem[L2X][s] = 0xDEAD0000u | s;
    /* Whatever is there is not checked and takes no reference. */
    fake_mem[L2X][1010] = pte(D2_DATA, RW | PTE_PSE | PTE_G);
    fake_mem[L2X][1011] = pte(L1A, RW);
    pin_ok(L2X, FT_L2);
    assert_int_equal(fake_mem[L2X][1008], FAKE_HV_SLOT_1008);
    for (unsigned int s = HV_SLOT_FIRST; s < 1024; s++)
        assert_int_equal(fake_mem[L2X][s], hv_slot_guest_value(s));
    assert_int_equal(frame_table[L1A].type_count, 0);
    assert_int_equal(frame_table[D2_DATA].count, 1);
    assert_consistent();
}

/* ============================================== linear mappings */

static void test_l2_writable_self_entry_refused(void **state)
{
    (void)state;
    check_l2_entry_refused(pte(L2Y, RW), "linear");
}

static void test_l2_readonly_self_entry_accepted_without_reference(void **state)
{
    (void)state;
    fake_mem[L2X][1] = pte(L2X, RO);
    pin_ok(L2X, FT_L2);
    assert_int_equal(frame_table[L2X].count, 2);        /* alloc + pin */
    assert_int_equal(frame_table[L2X].type_count, 1);
    l2_ok(L2X, 2, pte(L2X, PTE_P));
    assert_int_equal(frame_table[L2X].count, 2);
    assert_int_equal(frame_table[L2X].type_count, 1);
    l2_ok(L2X, 1, 0);
    l2_ok(L2X, 2, pte(L1A, RW));
    assert_consistent();
    assert_int_equal(mm_unpin(&d1, L2X), 0);
    assert_int_equal(frame_table[L2X].count, 1);
    assert_int_equal(frame_table[L2X].type_count, 0);
    assert_consistent();
}

static void test_l2_entry_naming_another_validated_l2_refused(void **state)
{
    (void)state;
    pin_ok(L2Y, FT_L2);
    pin_ok(L2X, FT_L2);
    l2_update_refused(L2X, 0, pte(L2Y, RO));
    assert_why_mentions("different L2");
    l2_update_refused(L2X, 0, pte(L2Y, RW));
    assert_why_mentions("different L2");
    assert_int_equal(mm_unpin(&d1, L2X), 0);
    fake_mem[L2X][0] = pte(L2Y, RO);
    pin_refused(L2X, FT_L2);
    assert_why_mentions("different L2");
    assert_consistent();
}

/* L2 X's L1 is busy as an L1: it cannot also become an L2 (no chain). */
static void test_l1_in_use_cannot_become_l2(void **state)
{
    (void)state;
    fake_mem[L2X][0] = pte(L1A, RW);
    pin_ok(L2X, FT_L2);
    pin_refused(L1A, FT_L2);
    assert_why_mentions("an L1 page table", "an L2 page directory");
    assert_consistent();
}

/*
 * Two validated L2s can name neither each other, nor can an L2's L1
 * become an L2, nor an L2 an L1; sharing an L1 between them is fine.
 */
static void test_no_chain_of_l2s_can_form(void **state)
{
    (void)state;
    fake_mem[L2X][0] = pte(L1A, RW);
    fake_mem[L2Y][0] = pte(L1B, RW);
    pin_ok(L2X, FT_L2);
    pin_ok(L2Y, FT_L2);
    l2_update_refused(L2X, 1, pte(L2Y, RO));
    l2_update_refused(L2Y, 1, pte(L2X, RO));
    /* L1A as an L2 (so X -> A -> ...) is refused, and so is Y as an L1. */
    pin_refused(L1A, FT_L2);
    hold_refused(L2Y, FT_L1);
    l2_ok(L2Y, 2, pte(L1A, RW));
    assert_int_equal(frame_table[L1A].type_count, 2);
    assert_consistent();
}

/*
 * Once unpinned, a former L2 may be reused as an L1, its words checked as
 * L1 entries; slot 1008 still holds the hypervisor's entry, which no L1
 * may hold, until the guest clears it.
 */
static void test_l2_entry_naming_unvalidated_former_l2_makes_it_an_l1(void **state)
{
    (void)state;
    fake_mem[L2Y][0] = pte(L1B, RW);
    pin_ok(L2Y, FT_L2);
    assert_int_equal(mm_unpin(&d1, L2Y), 0);
    pin_ok(L2X, FT_L2);
    l2_update_refused(L2X, 0, pte(L2Y, RW));
    assert_why_mentions("abc00021");
    memset(&fake_mem[L2Y][HV_SLOT_FIRST], 0, 16 * sizeof(uint32_t));
    l2_ok(L2X, 0, pte(L2Y, RW));
    assert_int_equal(frame_table[L2Y].type, FT_L1);
    assert_int_equal(frame_table[L1B].count, 2);    /* alloc + L1 map */
    assert_consistent();
}

int main(void)
{
#define T(f) cmocka_unit_test_setup(f, setup)
    const struct CMUnitTest tests[] = {
        T(test_l1_writable_map_of_pinned_l1_refused),
        T(test_l1_writable_map_of_pinned_l2_refused),
        T(test_l1_writable_map_of_descriptor_page_refused),
        T(test_l1_writable_map_of_l1_in_use_by_l2_refused),
        T(test_l1_writable_map_of_itself_refused),
        T(test_l1_whole_validation_writable_map_of_itself_refused),
        T(test_l1_whole_validation_writable_map_of_pinned_l2_refused),
        T(test_l1_readonly_maps_of_tables_accepted),
        T(test_writably_mapped_frame_cannot_be_pinned_as_l1),
        T(test_writably_mapped_frame_cannot_be_pinned_as_l2),
        T(test_writably_mapped_frame_cannot_become_l1_through_l2_entry),
        T(test_writably_mapped_frame_cannot_become_descriptor_page),
        T(test_l1_writable_second_alias_refused_both_orders),
        T(test_l2_whose_l1_maps_the_l2_writable_refused),
        T(test_l1_in_use_cannot_map_its_l2_writable),
        T(test_l2_entry_naming_frame_an_earlier_l1_maps_writable_refused),
        T(test_get_page_type_l2_of_writably_mapped_frame_refused),
        T(test_l1_entry_mapping_other_domains_frame_refused),
        T(test_l1_entry_mapping_hypervisor_frame_refused),
        T(test_l1_entry_mapping_free_frame_refused),
        T(test_l1_entry_beyond_end_of_ram_refused),
        T(test_l1_entry_mapping_non_ram_frame_refused),
        T(test_l1_entry_mapping_other_domains_shared_page_refused),
        T(test_l1_entry_mapping_own_shared_page_writable_accepted),
        T(test_l2_entry_naming_other_domains_frame_refused),
        T(test_l2_entry_naming_other_domains_l1_refused),
        T(test_l2_entry_naming_hypervisor_frame_refused),
        T(test_l2_entry_naming_free_frame_refused),
        T(test_l2_entry_beyond_end_of_ram_refused),
        T(test_l2_entry_naming_non_ram_frame_refused),
        T(test_privileged_l1_validation_may_map_other_domains_frames),
        T(test_privileged_l1_validation_cannot_map_unowned_frames),
        T(test_privileged_l1_cannot_map_other_domains_l1_writable),
        T(test_privileged_update_l1e_foreign_fd_accepted_self_fd_refused),
        T(test_l1_entry_with_pat_refused),
        T(test_l1_entry_with_global_refused),
        T(test_l2_entry_with_pse_refused),
        T(test_l2_entry_with_global_refused),
        T(test_l1_flags_only_change_still_checks_pat_and_global),
        T(test_l2_flags_only_change_still_checks_pse_and_global),
        T(test_not_present_entries_stored_unchecked),
        T(test_update_l2e_hypervisor_slots_refused),
        T(test_l2_validation_overwrites_hypervisor_slots),
        T(test_l2_writable_self_entry_refused),
        T(test_l2_readonly_self_entry_accepted_without_reference),
        T(test_l2_entry_naming_another_validated_l2_refused),
        T(test_l1_in_use_cannot_become_l2),
        T(test_no_chain_of_l2s_can_form),
        T(test_l2_entry_naming_unvalidated_former_l2_makes_it_an_l1),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
