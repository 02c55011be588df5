/*
 * pt_linear: recursive ("linear") L2 entries.
 *
 * An L2 entry that names the L2 itself maps the page tables into a 4 MB
 * window: VA slot*4MB + i*4096 shows the L1 behind L2 entry i, and
 * slot*4MB + slot*4096 shows the L2.  Read-only, that is a harmless
 * view (and Xen allows it); writable, it would let the guest write its
 * own tables.  So:
 *   - a writable self entry is refused; a read-only one is accepted, the
 *     window shows the same words as pt_base and the bootstrap L1, and
 *     writes through it fault;
 *   - update_va_mapping and SET_LDT inside the window are refused (they
 *     would treat the L2 as an L1);
 *   - an entry naming a different L2 (a second, pinned one) is refused,
 *     read-only or not, in either direction;
 *   - a new L2 can be pinned with a read-only self entry, not with a
 *     writable one, nor with an entry naming the bootstrap L2.
 * The tables stay read-only after each refusal.
 */
#include "tests/guests/lib/guest.h"
#include "tests/guests/lib/pt.h"
#include "hypervisor/include/lib.h"
#include "public/errno.h"

#define SLOT_LINEAR 0x200                       /* window at 0x80000000 */
#define LINEAR_BASE ((uint32_t)SLOT_LINEAR << 22)
#define SLOT_EMPTY  0x100                       /* VA 0x40000000 */
#define SLOT_IMAGE  0x300                       /* VA 0xC0000000 */

static uint64_t slot_ma(uint32_t l2_mfn, unsigned int slot)
{
    return ((uint64_t)l2_mfn << 12) + slot * 4;
}

static void refuse_l2e(const char *what, uint32_t l2_mfn,
                       const volatile uint32_t *l2, unsigned int slot,
                       uint32_t val)
{
    uint32_t old = l2[slot];
    long rc = pt_mmu1(slot_ma(l2_mfn, slot), val);
    printf("%s: %ld\n", what, rc);
    check(rc == -EINVAL, "%s gave %ld", what, rc);
    check(l2[slot] == old, "%s: slot now %08x", what, l2[slot]);
    pt_check_tables_readonly(what);
}

static void test_writable_linear_entry_refused(void)
{
    uint32_t self = pt_l2_mfn() << 12;
    refuse_l2e("writable linear entry", pt_l2_mfn(), pt_l2(), SLOT_LINEAR,
               self | PTE_P | PTE_RW | PTE_A | PTE_D);
    refuse_l2e("writable user linear entry", pt_l2_mfn(), pt_l2(),
               SLOT_LINEAR, self | PDE_FLAGS);
}

/* Compare a page seen through the window with its read-only view. */
static void check_window(const char *what, uint32_t va,
                         const volatile uint32_t *want)
{
    unsigned int diff = 0;
    uint32_t w;
    for (unsigned int i = 0; i < 1024; i++) {
        if (pt_try_read((const volatile uint32_t *)va + i, &w)) {
            check(0, "%s: reading word %u faulted (vector %u)", what, i,
                  last_trap.vector);
            return;
        }
        diff += w != want[i];
    }
    printf("%s through the linear window: %u of 1024 words differ\n", what,
           diff);
    check(diff == 0, "%s: %u words differ", what, diff);
    volatile uint32_t *p = (volatile uint32_t *)va + 2;
    uint32_t old = *p;
    int faulted = pt_try_write(p, old ^ 0x00BAD000);
    check(faulted && last_trap.vector == 14 && last_trap.error == 3,
          "%s: write through the window: faulted %d vector %u error %x",
          what, faulted, last_trap.vector, last_trap.error);
    check(*p == old && want[2] == old, "%s: word changed", what);
}

static void test_readonly_linear_entry_accepted(void)
{
    uint32_t val = (pt_l2_mfn() << 12) | PTE_RO_FLAGS;
    long rc = pt_mmu1(slot_ma(pt_l2_mfn(), SLOT_LINEAR), val);
    printf("read-only linear entry: %ld\n", rc);
    check(rc == 0, "read-only linear entry gave %ld", rc);
    if (rc != 0)
        return;
    check(pt_l2()[SLOT_LINEAR] == val, "slot holds %08x", pt_l2()[SLOT_LINEAR]);
    check_window("the L2", LINEAR_BASE + SLOT_LINEAR * PAGE_SIZE, pt_l2());
    check_window("the bootstrap L1", LINEAR_BASE + SLOT_IMAGE * PAGE_SIZE,
                 pt_l1_of(0xC0000000u));

    /* The hypervisor's L1 behind slot 1008 is visible but not writable. */
    volatile uint32_t *hv = (volatile uint32_t *)
        (LINEAR_BASE + HV_FIRST_SLOT * PAGE_SIZE);
    uint32_t w = 0;
    int faulted = pt_try_read(hv, &w);
    printf("hypervisor L1 through the window: %s\n",
           faulted ? "not readable" : "readable");
    if (!faulted) {
        faulted = pt_try_write(hv, w);
        check(faulted && last_trap.vector == 14 && last_trap.error == 3,
              "write to the hypervisor's L1 through the window: faulted %d "
              "vector %u error %x", faulted, last_trap.vector,
              last_trap.error);
    }

    /* The window is not an L1: update_va_mapping there is refused. */
    uint32_t pte = (pt_mfn(pt_spare(0)) << 12) | PTE_RW_FLAGS;
    uint32_t va = LINEAR_BASE + SLOT_EMPTY * PAGE_SIZE;
    rc = pt_uvm(va, pte);
    printf("update_va_mapping inside the linear window: %ld\n", rc);
    check(rc == -EINVAL, "update_va_mapping in the window gave %ld", rc);
    check(pt_l2()[SLOT_EMPTY] == 0, "L2 slot %#x now %08x", SLOT_EMPTY,
          pt_l2()[SLOT_EMPTY]);
    pt_check_tables_readonly("update_va_mapping in the window");
    rc = pt_mmuext1(MMUEXT_SET_LDT, LINEAR_BASE + SLOT_LINEAR * PAGE_SIZE, 16);
    printf("SET_LDT on the L2 through the window: %ld\n", rc);
    check(rc == -EINVAL, "SET_LDT in the window gave %ld", rc);
    pt_check_tables_readonly("SET_LDT in the window");

    rc = pt_mmu1(slot_ma(pt_l2_mfn(), SLOT_LINEAR), 0);
    check(rc == 0, "remove the linear entry: %ld", rc);
    check(pt_flush_tlb() == 0, "flush the TLB");
    faulted = pt_try_read((const volatile uint32_t *)
                          (LINEAR_BASE + SLOT_LINEAR * PAGE_SIZE), &w);
    printf("window after removal: %s, vector %u error %x\n",
           faulted ? "faulted" : "readable", last_trap.vector,
           last_trap.error);
    check(faulted && last_trap.vector == 14 && last_trap.error == 0,
          "the window is gone");
}

static void test_linear_entry_to_other_l2_refused(void)
{
    uint32_t *b = pt_spare(1);
    long rc = pt_make_table(b, MMUEXT_PIN_L2_TABLE);
    check(rc == 0, "pin a second L2: %ld", rc);
    uint32_t b_mfn = pt_mfn(b), a_mfn = pt_l2_mfn();
    refuse_l2e("read-only entry to a second L2", a_mfn, pt_l2(), SLOT_LINEAR,
               (b_mfn << 12) | PTE_RO_FLAGS);
    refuse_l2e("writable entry to a second L2", a_mfn, pt_l2(), SLOT_LINEAR,
               (b_mfn << 12) | PDE_FLAGS);
    refuse_l2e("second L2: read-only entry to the bootstrap L2", b_mfn, b,
               SLOT_LINEAR, (a_mfn << 12) | PTE_RO_FLAGS);
    refuse_l2e("second L2: writable self entry", b_mfn, b, SLOT_LINEAR,
               (b_mfn << 12) | PDE_FLAGS);
    rc = pt_mmu1(slot_ma(b_mfn, SLOT_LINEAR), (b_mfn << 12) | PTE_RO_FLAGS);
    printf("second L2: read-only self entry: %ld\n", rc);
    check(rc == 0, "read-only self entry in a second L2 gave %ld", rc);
    check(pt_mmu1(slot_ma(b_mfn, SLOT_LINEAR), 0) == 0, "clear it");
    rc = pt_free_table(b);
    check(rc == 0, "unpin the second L2 and map it writable: %ld", rc);
}

/* Pin a new L2 whose slot SLOT_LINEAR holds entry(mfn of the new L2). */
static long pin_l2_with(uint32_t *t, uint32_t val)
{
    memset(t, 0, PAGE_SIZE);
    t[SLOT_LINEAR] = val;
    if (pt_set_readonly(t) != 0)
        return 1;
    return pt_pin(MMUEXT_PIN_L2_TABLE, pt_mfn(t));
}

static void test_pin_l2_with_linear_entries(void)
{
    uint32_t *t = pt_spare(2);
    uint32_t self = pt_mfn(t) << 12;
    long rc = pin_l2_with(t, self | PDE_FLAGS);
    printf("pin an L2 with a writable self entry: %ld\n", rc);
    check(rc == -EINVAL, "pin with a writable self entry gave %ld", rc);
    pt_check_tables_readonly("pin with a writable self entry");
    check(pt_set_writable(t) == 0, "refused L2 maps writable again");

    rc = pin_l2_with(t, (pt_l2_mfn() << 12) | PTE_RO_FLAGS);
    printf("pin an L2 with an entry to the bootstrap L2: %ld\n", rc);
    check(rc == -EINVAL, "pin with an entry to another L2 gave %ld", rc);
    pt_check_tables_readonly("pin with an entry to another L2");
    check(pt_set_writable(t) == 0, "refused L2 maps writable again");

    rc = pin_l2_with(t, self | PTE_RO_FLAGS);
    printf("pin an L2 with a read-only self entry: %ld\n", rc);
    check(rc == 0, "pin with a read-only self entry gave %ld", rc);
    check(pt_free_table(t) == 0, "unpin it and map it writable");
}

void guest_main(void)
{
    printf("pt_linear: recursive L2 entries\n");
    check(install_trap_table() == 0, "set_trap_table");
    check(map_shared_info() == 0, "map shared_info");
    test_writable_linear_entry_refused();
    test_readonly_linear_entry_accepted();
    test_linear_entry_to_other_l2_refused();
    test_pin_l2_with_linear_entries();
    printf("tables read-only after %u attacks\n", pt_readonly_probes());
}
