/*
 * pt_foreign: no L1 or L2 entry may name a frame the guest does not own.
 *
 * The frames tried: the hypervisor image (MFN 0x100), hypervisor heap
 * frames (0x200, and the L1 behind the hypervisor's L2 slot 1008, whose
 * address every L2 shows), the real-mode area (MFN 0), a frame beyond
 * the end of RAM (0xF0000), and RAM the guest was not given (the frames
 * just below and above its own, and a hole between them if there is
 * one).  Each is refused
 *   - as an L1 entry, by update_va_mapping and by mmu_update, read-only
 *     or writable;
 *   - inside an L1 that is then pinned (the whole table is checked);
 *   - as an L2 entry (the frame would have to become an L1 of ours);
 *   - as the frame of a pin or a new base pointer.
 * Every entry is unchanged afterwards, and the tables stay read-only.
 *
 * A frame the guest gave back (decrease_reservation) is no longer its
 * own either: the mappings it still has keep the frame alive, but no new
 * mapping, pin, descriptor use, plain write or M2P update may name it;
 * once the last mapping goes the frame is free (and leaves the guest's
 * reservation, as in Xen, only then), and a frame the guest
 * gets back from increase_reservation does not show the old contents.
 */
#include "tests/guests/lib/guest.h"
#include "tests/guests/lib/pt.h"
#include "hypervisor/include/lib.h"
#include "public/errno.h"
#include "public/memory.h"

#define SLOT_EMPTY 0x100        /* an empty L2 slot (VA 0x40000000) */

struct target {
    char what[48];
    uint32_t mfn;
};
static struct target targets[8];
static unsigned int nr_targets;

static void add_target(const char *what, uint32_t mfn)
{
    if (pt_owns_mfn(mfn)) {
        printf("%s (%#x) is the guest's own: skipped\n", what, mfn);
        return;
    }
    strlcpy_hv(targets[nr_targets].what, what, sizeof(targets[0].what));
    targets[nr_targets++].mfn = mfn;
    printf("target %s: mfn %#x\n", what, mfn);
}

/* A frame between the guest's lowest and highest that is not its own. */
static uint32_t find_hole(uint32_t min, uint32_t max)
{
    /* 1 bit per frame in [min, max]; 256 MB of RAM needs 8 KB. */
    static uint8_t seen[0x20000 / 8];
    const uint32_t *p2m = (const uint32_t *)start_info->mfn_list;
    if (max - min >= sizeof(seen) * 8)
        return 0;
    for (uint32_t i = 0; i < start_info->nr_pages; i++)
        seen[(p2m[i] - min) / 8] |= 1 << ((p2m[i] - min) % 8);
    for (uint32_t m = min; m <= max; m++)
        if (!(seen[(m - min) / 8] & (1 << ((m - min) % 8))))
            return m;
    return 0;
}

static void choose_targets(void)
{
    uint32_t min = pt_min_mfn(), max = pt_max_mfn();
    printf("guest frames: %u, mfn %#x-%#x\n", start_info->nr_pages, min, max);
    add_target("hypervisor image frame", 0x100);
    add_target("hypervisor heap frame", 0x200);
    add_target("hypervisor L1 of slot 1008", pt_l2()[HV_FIRST_SLOT] >> 12);
    add_target("real-mode frame 0", 0);
    add_target("frame beyond RAM", 0xF0000);
    add_target("frame below the guest's", min - 1);
    add_target("frame above the guest's", max + 1);
    uint32_t hole = find_hole(min, max);
    if (hole)
        add_target("hole among the guest's frames", hole);
}

static void test_l1_entry_to_foreign_frame_refused(void)
{
    uint32_t va = (uint32_t)pt_spare(0);
    uint64_t ma = guest_l1e_maddr(va);
    for (unsigned int i = 0; i < nr_targets; i++) {
        const struct target *t = &targets[i];
        uint32_t old = guest_l1e(va);
        long rc = pt_uvm(va, (t->mfn << 12) | PTE_RO_FLAGS);
        long rc2 = pt_uvm(va, (t->mfn << 12) | PTE_RW_FLAGS);
        long rc3 = pt_mmu1(ma, (t->mfn << 12) | PTE_RO_FLAGS);
        printf("L1 entry to %s: update_va_mapping %ld/%ld, mmu_update %ld\n",
               t->what, rc, rc2, rc3);
        check(rc == -EINVAL && rc2 == -EINVAL && rc3 == -EINVAL,
              "L1 entry to %s: %ld/%ld/%ld", t->what, rc, rc2, rc3);
        check(guest_l1e(va) == old, "L1 entry to %s: entry now %08x", t->what,
              guest_l1e(va));
        pt_check_tables_readonly(t->what);
    }
}

/* An L1 that names a foreign frame in slot 7 cannot be pinned. */
static void test_pin_l1_naming_foreign_frame_refused(void)
{
    uint32_t *t = pt_spare(1);
    for (unsigned int i = 0; i < nr_targets; i++) {
        memset(t, 0, PAGE_SIZE);
        t[7] = (targets[i].mfn << 12) | PTE_RO_FLAGS;
        check(pt_set_readonly(t) == 0, "table page read-only");
        long rc = pt_pin(MMUEXT_PIN_L1_TABLE, pt_mfn(t));
        printf("pin an L1 naming %s: %ld\n", targets[i].what, rc);
        check(rc == -EINVAL, "pin of an L1 naming %s: %ld", targets[i].what, rc);
        pt_check_tables_readonly(targets[i].what);
        rc = pt_set_writable(t);
        check(rc == 0, "refused L1 maps writable again: %ld", rc);
    }
}

static void test_l2_entry_to_foreign_frame_refused(void)
{
    uint64_t ma = ((uint64_t)pt_l2_mfn() << 12) + SLOT_EMPTY * 4;
    for (unsigned int i = 0; i < nr_targets; i++) {
        long rc = pt_mmu1(ma, (targets[i].mfn << 12) | PDE_FLAGS);
        long rc2 = pt_mmu1(ma, (targets[i].mfn << 12) | PTE_RO_FLAGS);
        printf("L2 entry to %s: %ld/%ld\n", targets[i].what, rc, rc2);
        check(rc == -EINVAL && rc2 == -EINVAL, "L2 entry to %s: %ld/%ld",
              targets[i].what, rc, rc2);
        check(pt_l2()[SLOT_EMPTY] == 0, "L2 slot now %08x",
              pt_l2()[SLOT_EMPTY]);
        pt_check_tables_readonly(targets[i].what);
    }
}

static void test_pin_or_baseptr_of_foreign_frame_refused(void)
{
    static const struct { const char *name; uint32_t cmd; } ops[] = {
        { "pin L1", MMUEXT_PIN_L1_TABLE },
        { "pin L2", MMUEXT_PIN_L2_TABLE },
        { "unpin", MMUEXT_UNPIN_TABLE },
        { "new_baseptr", MMUEXT_NEW_BASEPTR },
    };
    for (unsigned int i = 0; i < nr_targets; i++) {
        for (unsigned int j = 0; j < ARRAY_SIZE(ops); j++) {
            long rc = pt_mmuext1(ops[j].cmd, targets[i].mfn, 0);
            check(rc == -EINVAL, "%s of %s: %ld", ops[j].name,
                  targets[i].what, rc);
        }
        printf("pin/unpin/new_baseptr of %s refused\n", targets[i].what);
        pt_check_tables_readonly(targets[i].what);
    }
}

static long reservation(uint32_t op, uint32_t *mfn)
{
    xen_memory_reservation_t r;
    memset(&r, 0, sizeof(r));
    set_xen_guest_handle(r.extent_start, mfn);
    r.nr_extents = 1;
    r.domid = DOMID_SELF;
    return HYPERCALL2(__HYPERVISOR_memory_op, op, &r);
}

#define SECRET 0x5EC2E75Au

static void test_given_back_frame_refused(void)
{
    uint32_t *x = pt_spare(10), va = (uint32_t)x, va2 = (uint32_t)pt_spare(11);
    uint32_t mfn = pt_mfn(x), old2 = guest_l1e(va2), frames[1] = { mfn };
    domid_t self = DOMID_SELF;
    for (unsigned int i = 0; i < 1024; i++)
        x[i] = SECRET;
    long pages = HYPERCALL2(__HYPERVISOR_memory_op, XENMEM_current_reservation,
                            &self);
    long rc = reservation(XENMEM_decrease_reservation, &mfn);
    long now = HYPERCALL2(__HYPERVISOR_memory_op, XENMEM_current_reservation,
                          &self);
    printf("give back frame %#x: %ld, reservation %ld -> %ld\n", mfn, rc,
           pages, now);
    check(rc == 1, "decrease_reservation: %ld", rc);
    check(x[5] == SECRET, "the frame stays mapped where it was");

    long r1 = pt_uvm(va2, (mfn << 12) | PTE_RO_FLAGS);
    long r2 = pt_pin(MMUEXT_PIN_L1_TABLE, mfn);
    long r3 = pt_mmu1(((uint64_t)mfn << 12) + 8, 0);
    long r4 = pt_mmu1(((uint64_t)mfn << 12) | MMU_MACHPHYS_UPDATE, 7);
    long r5 = HYPERCALL2(__HYPERVISOR_set_gdt, frames, 512);
    printf("given-back frame: map %ld, pin %ld, plain write %ld, machphys "
           "%ld, set_gdt %ld\n", r1, r2, r3, r4, r5);
    check(r1 == -EINVAL && r2 == -EINVAL && r3 == -EINVAL && r4 == -EINVAL &&
          r5 == -EINVAL, "uses of a given-back frame");
    check(guest_l1e(va2) == old2 && x[2] == SECRET, "nothing changed");
    pt_check_tables_readonly("given-back frame");

    check(pt_uvm(va, 0) == 0, "drop the last mapping");
    now = HYPERCALL2(__HYPERVISOR_memory_op, XENMEM_current_reservation, &self);
    printf("last mapping dropped: reservation %ld\n", now);
    check(now == pages - 1, "the frame was freed: reservation %ld", now);
    rc = pt_uvm(va, (mfn << 12) | PTE_RO_FLAGS);
    printf("map the freed frame again: %ld\n", rc);
    check(rc == -EINVAL, "map a freed frame: %ld", rc);
    pt_check_tables_readonly("freed frame");

    uint32_t got = 0;
    rc = reservation(XENMEM_increase_reservation, &got);
    check(rc == 1, "increase_reservation: %ld", rc);
    rc = pt_uvm(va, (got << 12) | PTE_RW_FLAGS);
    check(rc == 0, "map the new frame %#x: %ld", got, rc);
    unsigned int leaked = 0;
    for (unsigned int i = 0; rc == 0 && i < 1024; i++)
        leaked += x[i] == SECRET;
    printf("new frame %#x (%s the given-back one): %u old words visible\n",
           got, got == mfn ? "same as" : "not", leaked);
    check(leaked == 0, "%u words of the given-back frame leaked", leaked);
}

void guest_main(void)
{
    printf("pt_foreign: entries naming frames the guest does not own\n");
    check(install_trap_table() == 0, "set_trap_table");
    check(map_shared_info() == 0, "map shared_info");
    choose_targets();
    test_l1_entry_to_foreign_frame_refused();
    test_pin_l1_naming_foreign_frame_refused();
    test_l2_entry_to_foreign_frame_refused();
    test_pin_or_baseptr_of_foreign_frame_refused();
    test_given_back_frame_refused();
    printf("tables read-only after %u attacks\n", pt_readonly_probes());
}
