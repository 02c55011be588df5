/*
 * pt_pin: pinning, unpinning and the base pointer.
 *
 *   - NEW_BASEPTR to a frame that cannot become a validated L2 is
 *     refused and the guest keeps running on its tables: a frame it maps
 *     writable, a pinned L1, a GDT page, an L2 that fails validation;
 *   - a pin of the wrong type is refused (a pinned L1 as L2, the
 *     bootstrap L2 or a GDT page as L1, a bootstrap L1 as L2);
 *   - a second pin of the same frame is refused (a new L1, the bootstrap
 *     L2, which the builder pinned);
 *   - unpinning a frame that is not pinned is refused (a bootstrap L1,
 *     an ordinary page, a table already unpinned);
 *   - unpinning the L2 in use as the base pointer is allowed: the base
 *     pointer still holds it, so it stays an L2 (still not mappable
 *     writable) and the guest keeps running; it is pinned again after;
 *   - NEW_BASEPTR to the current L2 is a harmless reload;
 *   - the shared_info page (a hypervisor page the guest may map) can be
 *     neither pinned, nor a base pointer, nor a GDT page.
 */
#include "tests/guests/lib/guest.h"
#include "tests/guests/lib/pt.h"
#include "hypervisor/include/lib.h"
#include "public/errno.h"

static void refuse_op(const char *what, uint32_t cmd, uint32_t mfn)
{
    long rc = pt_mmuext1(cmd, mfn, 0);
    printf("%s: %ld\n", what, rc);
    check(rc == -EINVAL, "%s gave %ld", what, rc);
    pt_check_tables_readonly(what);
}

static void test_new_baseptr_to_non_l2_refused(void)
{
    void *w = pt_spare(0), *l1 = pt_spare(1), *g = pt_spare(2);
    uint32_t *bad = pt_spare(3);
    refuse_op("new_baseptr to a writable frame", MMUEXT_NEW_BASEPTR,
              pt_mfn(w));

    check(pt_make_table(l1, MMUEXT_PIN_L1_TABLE) == 0, "pin an L1");
    refuse_op("new_baseptr to a pinned L1", MMUEXT_NEW_BASEPTR, pt_mfn(l1));

    uint32_t frames[1] = { pt_mfn(g) };
    memset(g, 0, PAGE_SIZE);
    check(pt_set_readonly(g) == 0, "GDT page read-only");
    check(HYPERCALL2(__HYPERVISOR_set_gdt, frames, 512) == 0, "set_gdt");
    refuse_op("new_baseptr to a GDT page", MMUEXT_NEW_BASEPTR, frames[0]);
    refuse_op("pin a GDT page as L1", MMUEXT_PIN_L1_TABLE, frames[0]);
    refuse_op("pin a GDT page as L2", MMUEXT_PIN_L2_TABLE, frames[0]);
    check(HYPERCALL2(__HYPERVISOR_set_gdt, frames, 0) == 0, "drop the GDT");
    check(pt_set_writable(g) == 0, "GDT page writable again");

    /* An L2 naming a writable frame as its L1 fails validation. */
    memset(bad, 0, PAGE_SIZE);
    bad[5] = (pt_mfn(w) << 12) | PDE_FLAGS;
    check(pt_set_readonly(bad) == 0, "bad L2 read-only");
    refuse_op("new_baseptr to an L2 that fails validation",
              MMUEXT_NEW_BASEPTR, pt_mfn(bad));
    check(pt_set_writable(bad) == 0, "bad L2 writable again");

    /* Still on the bootstrap L2: it is still pinned (a second pin fails). */
    check(pt_pin(MMUEXT_PIN_L2_TABLE, pt_l2_mfn()) == -EINVAL,
          "bootstrap L2 still pinned");
    printf("still running on the bootstrap L2\n");
}

static void test_wrong_type_and_double_pin_refused(void)
{
    void *l1 = pt_spare(1);                     /* pinned as L1 above */
    uint32_t boot_l1 = (uint32_t)(guest_l1e_maddr(0xC0000000u) >> 12);
    refuse_op("pin a pinned L1 as L2", MMUEXT_PIN_L2_TABLE, pt_mfn(l1));
    refuse_op("pin the bootstrap L2 as L1", MMUEXT_PIN_L1_TABLE, pt_l2_mfn());
    refuse_op("pin a bootstrap L1 as L2", MMUEXT_PIN_L2_TABLE, boot_l1);
    refuse_op("second pin of an L1", MMUEXT_PIN_L1_TABLE, pt_mfn(l1));
    refuse_op("second pin of the bootstrap L2", MMUEXT_PIN_L2_TABLE,
              pt_l2_mfn());

    /* A bootstrap L1 is in use but not pinned: one pin works, once. */
    long rc = pt_pin(MMUEXT_PIN_L1_TABLE, boot_l1);
    check(rc == 0, "pin a bootstrap L1: %ld", rc);
    refuse_op("second pin of a bootstrap L1", MMUEXT_PIN_L1_TABLE, boot_l1);
    check(pt_unpin(boot_l1) == 0, "unpin the bootstrap L1");

    /* PIN_L3/L4 do nothing on two-level paging. */
    check(pt_pin(MMUEXT_PIN_L3_TABLE, pt_mfn(l1)) == 0, "PIN_L3 is a no-op");
    check(pt_pin(MMUEXT_PIN_L4_TABLE, pt_mfn(l1)) == 0, "PIN_L4 is a no-op");
}

static void test_unpin_of_unpinned_refused(void)
{
    void *l1 = pt_spare(1);
    uint32_t boot_l1 = (uint32_t)(guest_l1e_maddr(0xC0000000u) >> 12);
    refuse_op("unpin a bootstrap L1 (never pinned)", MMUEXT_UNPIN_TABLE,
              boot_l1);
    refuse_op("unpin an ordinary page", MMUEXT_UNPIN_TABLE,
              pt_mfn(pt_spare(0)));
    long rc = pt_free_table(l1);
    check(rc == 0, "unpin the L1 and map it writable: %ld", rc);
    refuse_op("unpin an L1 twice", MMUEXT_UNPIN_TABLE, pt_mfn(l1));
}

static void test_unpin_current_l2_allowed(void)
{
    uint32_t l2 = pt_l2_mfn();
    long rc = pt_unpin(l2);
    printf("unpin the L2 in use as the base pointer: %ld\n", rc);
    check(rc == 0, "unpin the current L2 gave %ld", rc);

    /* Still the base pointer: still an L2, still read-only. */
    uint32_t va = (uint32_t)pt_spare(4), old = guest_l1e(va);
    rc = pt_uvm(va, (l2 << 12) | PTE_RW_FLAGS);
    check(rc == -EINVAL, "map the unpinned current L2 writable: %ld", rc);
    check(guest_l1e(va) == old, "entry unchanged");
    pt_check_tables_readonly("unpinned current L2");
    /* The tables still work: remap a page and read through it. */
    uint32_t *p = pt_spare(5);
    p[0] = 0x600DF00D;
    rc = pt_uvm(va, (pt_mfn(p) << 12) | PTE_RW_FLAGS);
    check(rc == 0 && *(volatile uint32_t *)va == 0x600DF00D,
          "remap works with the L2 unpinned: %ld", rc);
    check(pt_uvm(va, old) == 0, "restore");
    printf("still running with the current L2 unpinned\n");

    rc = pt_pin(MMUEXT_PIN_L2_TABLE, l2);
    printf("pin the current L2 again: %ld\n", rc);
    check(rc == 0, "re-pin the current L2 gave %ld", rc);
    check(pt_pin(MMUEXT_PIN_L2_TABLE, l2) == -EINVAL, "and it is pinned");
}

static void test_shared_info_page_is_no_table(void)
{
    uint32_t mfn = start_info->shared_info >> 12;
    uint32_t frames[1] = { mfn };
    refuse_op("pin shared_info as L1", MMUEXT_PIN_L1_TABLE, mfn);
    refuse_op("pin shared_info as L2", MMUEXT_PIN_L2_TABLE, mfn);
    refuse_op("new_baseptr to shared_info", MMUEXT_NEW_BASEPTR, mfn);
    long rc = HYPERCALL2(__HYPERVISOR_set_gdt, frames, 512);
    printf("set_gdt of shared_info: %ld\n", rc);
    check(rc == -EINVAL, "set_gdt of shared_info gave %ld", rc);
    uint64_t slot_ma = ((uint64_t)pt_l2_mfn() << 12) + 0x100 * 4;
    rc = pt_mmu1(slot_ma, (mfn << 12) | PDE_FLAGS);
    printf("L2 entry to shared_info: %ld\n", rc);
    check(rc == -EINVAL, "L2 entry to shared_info gave %ld", rc);
    check(pt_l2()[0x100] == 0, "slot unchanged");
    pt_check_tables_readonly("shared_info as a table");
}

static void test_new_baseptr_to_current_l2(void)
{
    long rc = pt_mmuext1(MMUEXT_NEW_BASEPTR, pt_l2_mfn(), 0);
    printf("new_baseptr to the current L2: %ld\n", rc);
    check(rc == 0, "new_baseptr to the current L2 gave %ld", rc);
    check(pt_pin(MMUEXT_PIN_L2_TABLE, pt_l2_mfn()) == -EINVAL,
          "still pinned");
    uint32_t va = (uint32_t)pt_spare(4), old = guest_l1e(va);
    check(pt_uvm(va, (pt_l2_mfn() << 12) | PTE_RW_FLAGS) == -EINVAL &&
          guest_l1e(va) == old, "still not mappable writable");
}

void guest_main(void)
{
    printf("pt_pin: pins and the base pointer\n");
    check(install_trap_table() == 0, "set_trap_table");
    check(map_shared_info() == 0, "map shared_info");
    test_new_baseptr_to_non_l2_refused();
    test_wrong_type_and_double_pin_refused();
    test_unpin_of_unpinned_refused();
    test_unpin_current_l2_allowed();
    test_new_baseptr_to_current_l2();
    test_shared_info_page_is_no_table();
    printf("tables read-only after %u attacks\n", pt_readonly_probes());
}
