/*
 * pt_mmuptr: what an mmu_update pointer may name.
 *
 * MMU_NORMAL_PT_UPDATE writes one word at a machine address.  The frame
 * must be the guest's; a page table gets its entry checked, an ordinary
 * page gets a plain store, and anything else is refused:
 *   - a frame the guest does not own (the hypervisor image at 0x100000,
 *     the hypervisor's L1 behind slot 1008, a frame beyond RAM, a free
 *     frame), so nothing lands there: the M2P stays read-only;
 *   - a GDT page installed with set_gdt, and an LDT page (use
 *     update_descriptor for those); the descriptors are unchanged;
 *   - an unknown command in the low two bits (2 and 3): -ENOSYS;
 *   - an address or value above 4 GB.
 * A pointer into an ordinary writable page of the guest's own is a plain
 * write: the value lands.
 */
#include "tests/guests/lib/guest.h"
#include "tests/guests/lib/pt.h"
#include "hypervisor/include/lib.h"
#include "public/errno.h"

static void refuse_ptr(const char *what, uint64_t ptr, uint64_t val, long want)
{
    long rc = pt_mmu1(ptr, val);
    printf("mmu_update into %s: %ld\n", what, rc);
    check(rc == want, "mmu_update into %s gave %ld, expected %ld", what, rc,
          want);
    pt_check_tables_readonly(what);
}

static void test_pointer_to_foreign_frame_refused(void)
{
    uint32_t hv_l1 = pt_l2()[HV_FIRST_SLOT] & ~0xFFFu;
    refuse_ptr("the hypervisor image", 0x100000, 0x00100063, -EINVAL);
    /* Entry 0 of the hypervisor's L1 (at 0xFC000000): that L1, writable. */
    refuse_ptr("the hypervisor's L1 of slot 1008", hv_l1, hv_l1 | 0x63,
               -EINVAL);
    refuse_ptr("a frame beyond RAM", 0xF0000000ull, 0x12345678, -EINVAL);
    refuse_ptr("a free frame", (uint64_t)(pt_max_mfn() + 1) << 12, 0x12345678,
               -EINVAL);
    int faulted = pt_try_write((volatile uint32_t *)0xFC000000u, 0);
    check(faulted && last_trap.vector == 14 && last_trap.error == 3,
          "the M2P is still read-only: faulted %d vector %u error %x",
          faulted, last_trap.vector, last_trap.error);
}

static void test_pointer_to_descriptor_page_refused(void)
{
    uint32_t *g = pt_spare(0), *l = pt_spare(1);
    uint32_t frames[1] = { pt_mfn(g) };
    memset(g, 0, PAGE_SIZE);
    memset(l, 0, PAGE_SIZE);
    check(pt_set_readonly(g) == 0 && pt_set_readonly(l) == 0,
          "descriptor pages read-only");
    check(HYPERCALL2(__HYPERVISOR_set_gdt, frames, 512) == 0, "set_gdt");
    check(pt_mmuext1(MMUEXT_SET_LDT, (uint32_t)l, 512) == 0, "SET_LDT");

    /* A ring-0 code segment, were the store to land. */
    refuse_ptr("a GDT page (word 3)", ((uint64_t)frames[0] << 12) + 12,
               0x00CF9A00, -EINVAL);
    check(g[3] == 0, "GDT word 3 is %08x", g[3]);
    refuse_ptr("an LDT page (word 1)", ((uint64_t)pt_mfn(l) << 12) + 4,
               0x00CF9A00, -EINVAL);
    check(l[1] == 0, "LDT word 1 is %08x", l[1]);

    check(pt_mmuext1(MMUEXT_SET_LDT, 0, 0) == 0, "drop the LDT");
    check(HYPERCALL2(__HYPERVISOR_set_gdt, frames, 0) == 0, "drop the GDT");
    check(pt_set_writable(g) == 0 && pt_set_writable(l) == 0,
          "descriptor pages writable again");
}

static void test_unknown_command_refused(void)
{
    uint32_t va = (uint32_t)pt_spare(2), old = guest_l1e(va);
    uint64_t ma = guest_l1e_maddr(va);
    uint32_t pte = (pt_mfn(pt_spare(3)) << 12) | PTE_RW_FLAGS;
    refuse_ptr("an L1 entry with command 2", ma | 2, pte, -ENOSYS);
    refuse_ptr("an L1 entry with command 3", ma | 3, pte, -ENOSYS);
    check(guest_l1e(va) == old, "entry unchanged");
    uint32_t *p = pt_spare(4);
    p[4] = 0;
    refuse_ptr("an own page with command 2", ((uint64_t)pt_mfn(p) << 12) + 16
               + 2, 0x5A5A5A5A, -ENOSYS);
    refuse_ptr("an own page with command 3", ((uint64_t)pt_mfn(p) << 12) + 16
               + 3, 0x5A5A5A5A, -ENOSYS);
    check(p[4] == 0, "the page is unchanged: %08x", p[4]);
}

static void test_high_bits_refused(void)
{
    uint32_t va = (uint32_t)pt_spare(2), old = guest_l1e(va);
    uint64_t ma = guest_l1e_maddr(va);
    refuse_ptr("an L1 entry, address + 4 GB", ma | (1ull << 32), old,
               -EINVAL);
    refuse_ptr("an L1 entry, value above 4 GB", ma, old | (1ull << 32),
               -EINVAL);
    check(guest_l1e(va) == old, "entry unchanged");
}

static void test_plain_write_into_own_page(void)
{
    uint32_t *p = pt_spare(4);
    p[5] = 0;
    long rc = pt_mmu1(((uint64_t)pt_mfn(p) << 12) + 20, 0xC0FFEE11);
    printf("mmu_update into an ordinary own page: %ld, word now %08x\n", rc,
           p[5]);
    check(rc == 0 && p[5] == 0xC0FFEE11, "plain write: %ld, %08x", rc, p[5]);

    /* The same page read-only: still an ordinary page, still a store. */
    check(pt_set_readonly(p) == 0, "page read-only");
    rc = pt_mmu1(((uint64_t)pt_mfn(p) << 12) + 24, 0xC0FFEE22);
    printf("mmu_update into an own read-only page: %ld, word now %08x\n", rc,
           p[6]);
    check(rc == 0 && p[6] == 0xC0FFEE22, "plain write: %ld, %08x", rc, p[6]);
    check(pt_set_writable(p) == 0, "page writable again");
}

void guest_main(void)
{
    printf("pt_mmuptr: the frames an mmu_update pointer may name\n");
    check(install_trap_table() == 0, "set_trap_table");
    check(map_shared_info() == 0, "map shared_info");
    test_pointer_to_foreign_frame_refused();
    test_pointer_to_descriptor_page_refused();
    test_unknown_command_refused();
    test_high_bits_refused();
    test_plain_write_into_own_page();
    printf("tables read-only after %u attacks\n", pt_readonly_probes());
}
