/*
 * pt_flags: entries may not carry the bits that would let a guest
 * escape per-address-space control.
 *
 *   - An L2 entry (slot < 1008) may not set PSE (a 4 MB page that would
 *     map machine memory without an L1 the validator checked) or global.
 *     Both are refused for a new entry in an empty slot, and for an
 *     existing entry whose frame and access bits stay the same (the
 *     update path that skips re-validation).
 *   - An L1 entry may not set PAT or global, through update_va_mapping or
 *     mmu_update, for a new frame or for the frame already mapped.
 *   - A table holding such an entry cannot be pinned.
 * Entries are unchanged afterwards, and the tables stay read-only.
 */
#include "tests/guests/lib/guest.h"
#include "tests/guests/lib/pt.h"
#include "hypervisor/include/lib.h"
#include "public/errno.h"

#define SLOT_EMPTY  0x100       /* VA 0x40000000 */
#define SLOT_IMAGE  0x300       /* VA 0xC0000000: the bootstrap L1 */

static void refuse_l2_entry(const char *what, unsigned int slot, uint32_t val)
{
    uint32_t old = pt_l2()[slot];
    long rc = pt_mmu1(((uint64_t)pt_l2_mfn() << 12) + slot * 4, val);
    printf("L2 slot %#x %s: %ld\n", slot, what, rc);
    check(rc == -EINVAL, "L2 slot %#x %s gave %ld", slot, what, rc);
    check(pt_l2()[slot] == old, "L2 slot %#x %s: entry now %08x", slot, what,
          pt_l2()[slot]);
    pt_check_tables_readonly(what);
}

static void test_l2_pse_or_global_refused(void)
{
    uint32_t image = pt_l2()[SLOT_IMAGE];
    uint32_t l1 = image & ~0xFFFu;
    /* New entries in an empty slot: a 4 MB page over machine 0, and the
     * bootstrap L1 with PSE or global. */
    refuse_l2_entry("4 MB page at machine 0", SLOT_EMPTY, PTE_PSE | PDE_FLAGS);
    refuse_l2_entry("4 MB page at the guest's frames", SLOT_EMPTY,
                    (pt_min_mfn() << 12) | PTE_PSE | PDE_FLAGS);
    refuse_l2_entry("L1 with PSE", SLOT_EMPTY, l1 | PTE_PSE | PDE_FLAGS);
    refuse_l2_entry("L1 with global", SLOT_EMPTY, l1 | PTE_G | PDE_FLAGS);
    refuse_l2_entry("L1 read-only with PSE", SLOT_EMPTY,
                    l1 | PTE_PSE | PTE_RO_FLAGS);
    /* The live entry with one extra bit: same frame, same P and RW. */
    refuse_l2_entry("live entry plus PSE", SLOT_IMAGE, image | PTE_PSE);
    refuse_l2_entry("live entry plus global", SLOT_IMAGE, image | PTE_G);
    refuse_l2_entry("live entry plus PSE and global", SLOT_IMAGE,
                    image | PTE_PSE | PTE_G);
}

static void refuse_l1_entry(const char *what, uint32_t va, uint32_t pte)
{
    uint32_t old = guest_l1e(va);
    long rc = pt_uvm(va, pte);
    long rc2 = pt_mmu1(guest_l1e_maddr(va), pte);
    printf("L1 entry %s: update_va_mapping %ld, mmu_update %ld\n", what, rc,
           rc2);
    check(rc == -EINVAL && rc2 == -EINVAL, "L1 entry %s gave %ld/%ld", what,
          rc, rc2);
    check(guest_l1e(va) == old, "L1 entry %s: entry now %08x", what,
          guest_l1e(va));
    pt_check_tables_readonly(what);
}

static void test_l1_pat_or_global_refused(void)
{
    uint32_t va = (uint32_t)pt_spare(0);
    uint32_t own = guest_l1e(va);               /* its own frame, RW */
    uint32_t other = (pt_mfn(pt_spare(1)) << 12) | PTE_RW_FLAGS;
    refuse_l1_entry("new frame with global", va, other | PTE_G);
    refuse_l1_entry("new frame with PAT", va, other | PTE_PAT);
    refuse_l1_entry("new frame read-only with global", va,
                    (other & ~PTE_RW) | PTE_G);
    refuse_l1_entry("same frame plus global", va, own | PTE_G);
    refuse_l1_entry("same frame plus PAT", va, own | PTE_PAT);
    refuse_l1_entry("same frame plus PAT and global", va,
                    own | PTE_PAT | PTE_G);
    /* The user bit, accessed and dirty are the guest's choice. */
    long rc = pt_uvm(va, own | PTE_US | PTE_D);
    check(rc == 0, "same frame plus user and dirty: %ld", rc);
    check(pt_uvm(va, own) == 0, "restore");
}

/* A table page with one bad entry in slot 5 cannot be pinned. */
static void refuse_pin(const char *what, uint32_t cmd, uint32_t entry)
{
    uint32_t *t = pt_spare(2);
    memset(t, 0, PAGE_SIZE);
    t[5] = entry;
    check(pt_set_readonly(t) == 0, "table read-only");
    long rc = pt_pin(cmd, pt_mfn(t));
    printf("pin %s: %ld\n", what, rc);
    check(rc == -EINVAL, "pin %s gave %ld", what, rc);
    check(t[5] == entry, "pin %s: the entry changed to %08x", what, t[5]);
    pt_check_tables_readonly(what);
    rc = pt_set_writable(t);
    check(rc == 0, "refused table maps writable again: %ld", rc);
}

static void test_pin_table_with_bad_bits_refused(void)
{
    uint32_t frame = pt_mfn(pt_spare(3)) << 12;
    refuse_pin("L1 with a global entry", MMUEXT_PIN_L1_TABLE,
               frame | PTE_RO_FLAGS | PTE_G);
    refuse_pin("L1 with a PAT entry", MMUEXT_PIN_L1_TABLE,
               frame | PTE_RO_FLAGS | PTE_PAT);
    uint32_t l1 = pt_l2()[SLOT_IMAGE] & ~0xFFFu;
    refuse_pin("L2 with a 4 MB entry", MMUEXT_PIN_L2_TABLE,
               PTE_PSE | PDE_FLAGS);
    refuse_pin("L2 with a PSE entry to an L1", MMUEXT_PIN_L2_TABLE,
               l1 | PTE_PSE | PDE_FLAGS);
    refuse_pin("L2 with a global entry", MMUEXT_PIN_L2_TABLE,
               l1 | PTE_G | PDE_FLAGS);
}

void guest_main(void)
{
    printf("pt_flags: PSE, PAT and global bits\n");
    check(install_trap_table() == 0, "set_trap_table");
    check(map_shared_info() == 0, "map shared_info");
    test_l2_pse_or_global_refused();
    test_l1_pat_or_global_refused();
    test_pin_table_with_bad_bits_refused();
    printf("tables read-only after %u attacks\n", pt_readonly_probes());
}
