/*
 * pt_alias: no writable L1 entry may map one of the guest's own page
 * tables or descriptor pages, directly or through a second alias.
 *
 * A frame holds one type at a time; a writable mapping gives it the
 * writable type and a table use gives it a table type, so the two exclude
 * each other in both orders:
 *   - mapping the bootstrap L2, a bootstrap L1, a pinned L1 or L2, a GDT
 *     frame (set_gdt) or an LDT frame (SET_LDT) writable is refused, by
 *     update_va_mapping and by mmu_update;
 *   - a frame that is writable through any alias cannot be pinned, used
 *     by an L2 entry, or installed as a GDT page; once the alias is gone
 *     it can, and from then on a new writable mapping is refused;
 *   - once the table use ends, the frame maps writable again.
 *   - a table being validated may not map itself, or the table that
 *     refers to it, writable: an L1 whose entry maps the L1, an L2 whose
 *     L1 maps the L2; a refused validation leaves no reference behind;
 *   - a read-only entry mapping its own L1 is fine.
 * After each refused attack the tables are still read-only to ring 1.
 */
#include "tests/guests/lib/guest.h"
#include "tests/guests/lib/pt.h"
#include "hypervisor/include/lib.h"
#include "public/errno.h"

#define ATTACK_VA_PAGE 0    /* spare page whose entry the attacks rewrite */
#define SLOT_NEW_L1 0x100   /* an empty L2 slot (VA 0x40000000) */

/* Rewrite va's entry to pte with update_va_mapping; it must be refused. */
static void refuse_uvm(const char *what, uint32_t va, uint32_t pte)
{
    uint32_t old = guest_l1e(va);
    long rc = pt_uvm(va, pte);
    printf("update_va_mapping %s: %ld\n", what, rc);
    check(rc == -EINVAL, "update_va_mapping %s gave %ld", what, rc);
    check(guest_l1e(va) == old, "%s: entry changed to %08x", what,
          guest_l1e(va));
    pt_check_tables_readonly(what);
}

/* The same through mmu_update on the entry's machine address. */
static void refuse_mmu(const char *what, uint32_t va, uint32_t pte)
{
    uint32_t old = guest_l1e(va);
    long rc = pt_mmu1(guest_l1e_maddr(va), pte);
    printf("mmu_update %s: %ld\n", what, rc);
    check(rc == -EINVAL, "mmu_update %s gave %ld", what, rc);
    check(guest_l1e(va) == old, "%s: entry changed to %08x", what,
          guest_l1e(va));
    pt_check_tables_readonly(what);
}

static void refuse_both(const char *what, uint32_t mfn)
{
    uint32_t va = (uint32_t)pt_spare(ATTACK_VA_PAGE);
    refuse_uvm(what, va, (mfn << 12) | PTE_RW_FLAGS);
    refuse_mmu(what, va, (mfn << 12) | PTE_RW_FLAGS);
}

static void test_l1_writable_alias_of_bootstrap_tables_refused(void)
{
    refuse_both("own L2 writable", pt_l2_mfn());
    uint32_t l1_mfn = (uint32_t)(guest_l1e_maddr(0xC0000000u) >> 12);
    refuse_both("bootstrap L1 writable", l1_mfn);

    /* A read-only alias of the L2 is allowed and shows the same words. */
    uint32_t va = (uint32_t)pt_spare(ATTACK_VA_PAGE), old = guest_l1e(va);
    long rc = pt_uvm(va, (pt_l2_mfn() << 12) | PTE_RO_FLAGS);
    printf("update_va_mapping own L2 read-only: %ld\n", rc);
    check(rc == 0, "read-only alias of the L2: %ld", rc);
    check(rc != 0 || memcmp((void *)va, (const void *)pt_l2(), PAGE_SIZE) == 0,
          "the read-only alias shows the L2");
    check(pt_uvm(va, old) == 0, "restore the attack page");
}

static void test_l1_writable_alias_of_pinned_tables_refused(void)
{
    void *t = pt_spare(1);
    long rc = pt_make_table(t, MMUEXT_PIN_L1_TABLE);
    check(rc == 0, "pin a new L1: %ld", rc);
    refuse_both("pinned L1 writable", pt_mfn(t));
    rc = pt_free_table(t);
    check(rc == 0, "unpin the L1 and map it writable again: %ld", rc);

    rc = pt_make_table(t, MMUEXT_PIN_L2_TABLE);
    check(rc == 0, "pin a new L2: %ld", rc);
    refuse_both("pinned L2 writable", pt_mfn(t));
    rc = pt_free_table(t);
    check(rc == 0, "unpin the L2 and map it writable again: %ld", rc);
}

static void test_l1_writable_alias_of_descriptor_pages_refused(void)
{
    void *g = pt_spare(2);
    uint32_t frames[1];
    memset(g, 0, PAGE_SIZE);
    check(pt_set_readonly(g) == 0, "GDT page read-only");
    frames[0] = pt_mfn(g);
    long rc = HYPERCALL2(__HYPERVISOR_set_gdt, frames, 512);
    check(rc == 0, "set_gdt of one read-only page: %ld", rc);
    refuse_both("GDT frame writable", frames[0]);
    rc = HYPERCALL2(__HYPERVISOR_set_gdt, frames, 0);
    check(rc == 0, "set_gdt with no entries: %ld", rc);
    rc = pt_set_writable(g);
    check(rc == 0, "released GDT frame maps writable: %ld", rc);

    void *l = pt_spare(3);
    memset(l, 0, PAGE_SIZE);
    check(pt_set_readonly(l) == 0, "LDT page read-only");
    rc = pt_mmuext1(MMUEXT_SET_LDT, (uint32_t)l, 512);
    check(rc == 0, "SET_LDT of one read-only page: %ld", rc);
    refuse_both("LDT frame writable", pt_mfn(l));
    rc = pt_mmuext1(MMUEXT_SET_LDT, 0, 0);
    check(rc == 0, "SET_LDT with no entries: %ld", rc);
    rc = pt_set_writable(l);
    check(rc == 0, "released LDT frame maps writable: %ld", rc);
}

/*
 * Frame F (spare page `own`) gets a second, writable mapping at the
 * spare page `alias`, and its own mapping is made read-only: F is now
 * writable only through the alias, and that is enough to refuse every
 * table use.  With the alias gone, the table use works, and a new
 * writable mapping of F is refused at either address.
 */
static void test_table_use_of_writable_alias_refused(const char *kind,
                                                     uint32_t pin_cmd)
{
    char what[80];
    void *own = pt_spare(4), *alias = pt_spare(5);
    uint32_t f = pt_mfn(own), alias_old = guest_l1e((uint32_t)alias);
    memset(own, 0, PAGE_SIZE);

    long rc = pt_uvm((uint32_t)alias, (f << 12) | PTE_RW_FLAGS);
    check(rc == 0, "writable alias of an ordinary frame: %ld", rc);
    check(pt_set_readonly(own) == 0, "own mapping read-only");
    rc = pt_pin(pin_cmd, f);
    printf("pin as %s while writable through an alias: %ld\n", kind, rc);
    check(rc == -EINVAL, "pin as %s with a writable alias gave %ld", kind, rc);
    check(pt_unpin(f) == -EINVAL, "the refused pin left no pin behind");
    snprintf(what, sizeof(what), "pin as %s through an alias", kind);
    pt_check_tables_readonly(what);

    rc = pt_uvm((uint32_t)alias, 0);
    check(rc == 0, "unmap the alias: %ld", rc);
    rc = pt_pin(pin_cmd, f);
    printf("pin as %s with the alias gone: %ld\n", kind, rc);
    check(rc == 0, "pin as %s without a writable alias gave %ld", kind, rc);

    snprintf(what, sizeof(what), "new writable alias of a pinned %s", kind);
    refuse_uvm(what, (uint32_t)alias, (f << 12) | PTE_RW_FLAGS);
    refuse_mmu(what, (uint32_t)alias, (f << 12) | PTE_RW_FLAGS);
    snprintf(what, sizeof(what), "own mapping of a pinned %s writable", kind);
    refuse_uvm(what, (uint32_t)own, (f << 12) | PTE_RW_FLAGS);

    check(pt_unpin(f) == 0, "unpin");
    check(pt_set_writable(own) == 0, "own mapping writable again");
    check(pt_uvm((uint32_t)alias, alias_old) == 0, "restore the alias page");
}

/* The same rule when the table use is an L2 entry instead of a pin. */
static void test_l2_entry_to_writable_alias_refused(void)
{
    void *own = pt_spare(6), *alias = pt_spare(7);
    uint32_t f = pt_mfn(own), alias_old = guest_l1e((uint32_t)alias);
    uint64_t slot_ma = ((uint64_t)pt_l2_mfn() << 12) + SLOT_NEW_L1 * 4;
    memset(own, 0, PAGE_SIZE);
    check(pt_uvm((uint32_t)alias, (f << 12) | PTE_RW_FLAGS) == 0,
          "writable alias");
    check(pt_set_readonly(own) == 0, "own mapping read-only");

    long rc = pt_mmu1(slot_ma, (f << 12) | PDE_FLAGS);
    printf("L2 entry to a frame writable through an alias: %ld\n", rc);
    check(rc == -EINVAL, "L2 entry to a writable frame gave %ld", rc);
    check(pt_l2()[SLOT_NEW_L1] == 0, "L2 slot still empty");
    pt_check_tables_readonly("L2 entry to a writable alias");

    check(pt_uvm((uint32_t)alias, 0) == 0, "unmap the alias");
    rc = pt_mmu1(slot_ma, (f << 12) | PDE_FLAGS);
    printf("L2 entry to the frame with the alias gone: %ld\n", rc);
    check(rc == 0, "L2 entry to a read-only frame gave %ld", rc);
    refuse_uvm("writable alias of an L1 in use by an L2 entry",
               (uint32_t)alias, (f << 12) | PTE_RW_FLAGS);

    check(pt_mmu1(slot_ma, 0) == 0, "clear the L2 entry");
    check(pt_set_writable(own) == 0, "frame maps writable once unused");
    check(pt_uvm((uint32_t)alias, alias_old) == 0, "restore the alias page");
}

/* A GDT page must not be writable through any alias either. */
static void test_set_gdt_of_writable_alias_refused(void)
{
    void *own = pt_spare(8), *alias = pt_spare(9);
    uint32_t f = pt_mfn(own), alias_old = guest_l1e((uint32_t)alias);
    uint32_t frames[1] = { f };
    memset(own, 0, PAGE_SIZE);
    check(pt_uvm((uint32_t)alias, (f << 12) | PTE_RW_FLAGS) == 0,
          "writable alias");
    check(pt_set_readonly(own) == 0, "own mapping read-only");
    long rc = HYPERCALL2(__HYPERVISOR_set_gdt, frames, 512);
    printf("set_gdt of a frame writable through an alias: %ld\n", rc);
    check(rc == -EINVAL, "set_gdt with a writable alias gave %ld", rc);
    pt_check_tables_readonly("set_gdt through an alias");
    check(pt_set_writable(own) == 0, "own mapping writable again");
    check(pt_uvm((uint32_t)alias, alias_old) == 0, "restore the alias page");
}

/* Tables whose entries would make them writable while being validated. */
static void test_self_mapping_tables_refused(void)
{
    uint32_t *t1 = pt_spare(10), *t2 = pt_spare(11);
    uint32_t m1 = pt_mfn(t1), m2 = pt_mfn(t2);

    memset(t1, 0, PAGE_SIZE);
    t1[3] = (m1 << 12) | PTE_RW_FLAGS;
    check(pt_set_readonly(t1) == 0, "L1 read-only");
    long rc = pt_pin(MMUEXT_PIN_L1_TABLE, m1);
    printf("pin an L1 that maps itself writable: %ld\n", rc);
    check(rc == -EINVAL, "L1 mapping itself writable gave %ld", rc);
    pt_check_tables_readonly("L1 mapping itself writable");
    check(pt_set_writable(t1) == 0, "refused L1 maps writable again");

    /* L2 t2 -> L1 t1 -> t2 writable. */
    memset(t1, 0, PAGE_SIZE);
    memset(t2, 0, PAGE_SIZE);
    t1[3] = (m2 << 12) | PTE_RW_FLAGS;
    t2[5] = (m1 << 12) | PDE_FLAGS;
    check(pt_set_readonly(t1) == 0 && pt_set_readonly(t2) == 0,
          "tables read-only");
    rc = pt_pin(MMUEXT_PIN_L2_TABLE, m2);
    printf("pin an L2 whose L1 maps the L2 writable: %ld\n", rc);
    check(rc == -EINVAL, "L2 whose L1 maps it writable gave %ld", rc);
    pt_check_tables_readonly("L2 whose L1 maps it writable");
    /*
     * The refused pin left t2 untyped, so t1 can now be used as an L1 of
     * the live L2, mapping t2 writable at 0x40003000; and with that
     * mapping in place t2 cannot become an L2.
     */
    uint64_t slot_ma = ((uint64_t)pt_l2_mfn() << 12) + SLOT_NEW_L1 * 4;
    rc = pt_mmu1(slot_ma, (m1 << 12) | PDE_FLAGS);
    check(rc == 0, "the same L1 in the live L2 gave %ld", rc);
    rc = pt_pin(MMUEXT_PIN_L2_TABLE, m2);
    printf("pin as L2 a frame the live tables map writable: %ld\n", rc);
    check(rc == -EINVAL, "pin of a writable-mapped L2 gave %ld", rc);
    pt_check_tables_readonly("pin of a frame mapped writable by an L1");
    check(pt_mmu1(slot_ma, 0) == 0 && pt_flush_tlb() == 0, "clear the slot");
    check(pt_set_writable(t1) == 0 && pt_set_writable(t2) == 0,
          "refused tables map writable again");

    memset(t1, 0, PAGE_SIZE);
    t1[3] = (m1 << 12) | PTE_RO_FLAGS;
    check(pt_set_readonly(t1) == 0, "L1 read-only");
    rc = pt_pin(MMUEXT_PIN_L1_TABLE, m1);
    printf("pin an L1 that maps itself read-only: %ld\n", rc);
    check(rc == 0, "L1 mapping itself read-only gave %ld", rc);
    check(pt_free_table(t1) == 0, "unpin it and map it writable");
}

void guest_main(void)
{
    printf("pt_alias: writable aliases of tables\n");
    check(install_trap_table() == 0, "set_trap_table");
    check(map_shared_info() == 0, "map shared_info");
    test_l1_writable_alias_of_bootstrap_tables_refused();
    test_l1_writable_alias_of_pinned_tables_refused();
    test_l1_writable_alias_of_descriptor_pages_refused();
    test_table_use_of_writable_alias_refused("L1", MMUEXT_PIN_L1_TABLE);
    test_table_use_of_writable_alias_refused("L2", MMUEXT_PIN_L2_TABLE);
    test_l2_entry_to_writable_alias_refused();
    test_set_gdt_of_writable_alias_refused();
    test_self_mapping_tables_refused();
    printf("tables read-only after %u attacks\n", pt_readonly_probes());
}
