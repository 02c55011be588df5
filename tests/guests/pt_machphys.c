/*
 * pt_machphys: MMU_MACHPHYS_UPDATE rewrites the M2P entry of a frame the
 * guest owns, and of no other frame.
 *
 *   - its own frame (any offset in the frame names it): 0, the entry
 *     reads back through the read-only M2P, and is restored;
 *   - the hypervisor image (0x100), the hypervisor's L1 behind slot
 *     1008, the frames just below and above the guest's: -EINVAL, and
 *     the M2P entry is unchanged;
 *   - a frame beyond RAM: -EINVAL;
 *   - a batch [own, foreign, own]: -EINVAL after one, the third not done.
 */
#include "tests/guests/lib/guest.h"
#include "tests/guests/lib/pt.h"
#include "hypervisor/include/lib.h"
#include "public/errno.h"

static uint64_t machphys(uint32_t mfn, uint32_t offset)
{
    return ((uint64_t)mfn << 12) + offset + MMU_MACHPHYS_UPDATE;
}

static void test_own_frame_accepted(void)
{
    uint32_t mfn = pt_mfn(pt_spare(0));
    uint32_t pfn = machine_to_phys_mapping[mfn];
    long rc = pt_mmu1(machphys(mfn, 0x7F0), 0x1234);
    printf("MACHPHYS_UPDATE of an own frame: %ld, m2p now %#x\n", rc,
           machine_to_phys_mapping[mfn]);
    check(rc == 0 && machine_to_phys_mapping[mfn] == 0x1234,
          "own frame: %ld, %#x", rc, machine_to_phys_mapping[mfn]);
    rc = pt_mmu1(machphys(mfn, 0), pfn);
    check(rc == 0 && machine_to_phys_mapping[mfn] == pfn,
          "restore: %ld, %#x", rc, machine_to_phys_mapping[mfn]);
}

static void refuse_machphys(const char *what, uint32_t mfn, int readable)
{
    uint32_t old = readable ? machine_to_phys_mapping[mfn] : 0;
    long rc = pt_mmu1(machphys(mfn, 0), 0x1234);
    printf("MACHPHYS_UPDATE of %s (%#x): %ld\n", what, mfn, rc);
    check(rc == -EINVAL, "%s gave %ld", what, rc);
    if (readable)
        check(machine_to_phys_mapping[mfn] == old, "%s: m2p %#x -> %#x",
              what, old, machine_to_phys_mapping[mfn]);
    pt_check_tables_readonly(what);
}

static void test_foreign_frames_refused(void)
{
    refuse_machphys("the hypervisor image", 0x100, 1);
    refuse_machphys("the hypervisor's L1 of slot 1008",
                    pt_l2()[HV_FIRST_SLOT] >> 12, 1);
    refuse_machphys("the frame below the guest's", pt_min_mfn() - 1, 1);
    refuse_machphys("the frame above the guest's", pt_max_mfn() + 1, 1);
    refuse_machphys("a frame beyond RAM", 0xF0000, 0);
}

static void test_batch_stops_at_foreign_frame(void)
{
    uint32_t a = pt_mfn(pt_spare(0)), b = pt_mfn(pt_spare(1));
    uint32_t pa = machine_to_phys_mapping[a], pb = machine_to_phys_mapping[b];
    uint32_t old = machine_to_phys_mapping[0x100];
    mmu_update_t reqs[3] = {
        { machphys(a, 0), 0x4321 },
        { machphys(0x100, 0), 0x4321 },
        { machphys(b, 0), 0x4321 },
    };
    unsigned int done = 0;
    long rc = HYPERCALL4(__HYPERVISOR_mmu_update, reqs, 3, &done, DOMID_SELF);
    printf("MACHPHYS batch [own, hypervisor, own]: rc %ld, done %u\n", rc,
           done);
    check(rc == -EINVAL && done == 1, "batch: rc %ld done %u", rc, done);
    check(machine_to_phys_mapping[a] == 0x4321, "first applied");
    check(machine_to_phys_mapping[0x100] == old, "second not applied");
    check(machine_to_phys_mapping[b] == pb, "third not applied");
    check(pt_mmu1(machphys(a, 0), pa) == 0, "restore");
}

void guest_main(void)
{
    printf("pt_machphys: M2P updates\n");
    check(install_trap_table() == 0, "set_trap_table");
    check(map_shared_info() == 0, "map shared_info");
    test_own_frame_accepted();
    test_foreign_frames_refused();
    test_batch_stops_at_foreign_frame();
    printf("tables read-only after %u attacks\n", pt_readonly_probes());
}
