/*
 * pt_hvslots: L2 slots 1008-1023 and every address at or above
 * 0xFC000000 belong to the hypervisor.
 *
 *   - mmu_update of any of the 16 slots of the guest's own L2 is refused,
 *     whatever the value: empty, the slot's current value (no change at
 *     all), or a bootstrap L1 of the guest.  The same for a second L2 the
 *     guest pinned itself.
 *   - When a frame is validated as an L2, whatever the guest wrote into
 *     slots 1008-1023 is replaced by the hypervisor's own values.
 *   - update_va_mapping at 0xFC000000, 0xFC3C0000, 0xFC3FF000,
 *     0xFE000000 and 0xFFFFF000 is refused.
 * Each slot is unchanged afterwards, and the tables stay read-only.
 */
#include "tests/guests/lib/guest.h"
#include "tests/guests/lib/pt.h"
#include "hypervisor/include/lib.h"
#include "public/errno.h"

#define SLOT_IMAGE 0x300        /* VA 0xC0000000: the bootstrap L1 */

/* Try three values in every hypervisor slot of the L2 at l2 (mfn). */
static void test_hv_slot_writes_refused(const char *which,
                                        const volatile uint32_t *l2,
                                        uint32_t l2_mfn)
{
    uint32_t guest_l1 = pt_l2()[SLOT_IMAGE];
    unsigned int refused = 0;
    for (unsigned int s = HV_FIRST_SLOT; s < 1024; s++) {
        uint32_t old = l2[s];
        uint32_t vals[3] = { 0, old, guest_l1 };
        for (unsigned int k = 0; k < 3; k++) {
            long rc = pt_mmu1(((uint64_t)l2_mfn << 12) + s * 4, vals[k]);
            check(rc == -EINVAL, "%s slot %u := %08x gave %ld", which, s,
                  vals[k], rc);
            check(l2[s] == old, "%s slot %u changed: %08x -> %08x", which, s,
                  old, l2[s]);
            refused += rc == -EINVAL;
        }
    }
    printf("%s: %u of 48 writes to slots 1008-1023 refused\n", which, refused);
    pt_check_tables_readonly(which);
}

/*
 * Build an L2 whose hypervisor slots hold the guest's own values (its
 * bootstrap L1, writable) and pin it: validation must put the
 * hypervisor's values there instead.
 */
static void test_validation_overwrites_hv_slots(void)
{
    uint32_t *t = pt_spare(0);
    uint32_t guest_l1 = pt_l2()[SLOT_IMAGE];
    memset(t, 0, PAGE_SIZE);
    for (unsigned int s = HV_FIRST_SLOT; s < 1024; s++)
        t[s] = guest_l1;
    check(pt_set_readonly(t) == 0, "new L2 read-only");
    long rc = pt_pin(MMUEXT_PIN_L2_TABLE, pt_mfn(t));
    printf("pin an L2 with guest values in slots 1008-1023: %ld\n", rc);
    check(rc == 0, "pin: %ld", rc);
    unsigned int same = 0;
    for (unsigned int s = HV_FIRST_SLOT; s < 1024; s++) {
        check(t[s] == pt_l2()[s], "slot %u after validation: %08x, the "
              "bootstrap L2 has %08x", s, t[s], pt_l2()[s]);
        same += t[s] == pt_l2()[s];
    }
    printf("slots 1008-1023 of the new L2 match the bootstrap L2: %u of 16\n",
           same);
    test_hv_slot_writes_refused("second L2", t, pt_mfn(t));
    rc = pt_free_table(t);
    check(rc == 0, "unpin the second L2 and map it writable: %ld", rc);
}

static void test_uvm_in_hypervisor_area_refused(void)
{
    static const uint32_t vas[] = {
        0xFC000000u, 0xFC3C0000u, 0xFC3FF000u, 0xFE000000u, 0xFFFFF000u,
    };
    uint32_t pte = (pt_mfn(pt_spare(1)) << 12) | PTE_RO_FLAGS;
    for (unsigned int i = 0; i < ARRAY_SIZE(vas); i++) {
        uint32_t va = vas[i];
        long rc = pt_uvm(va, pte);
        long rc2 = pt_uvm(va, 0);
        printf("update_va_mapping at %08x: %ld, clearing it: %ld\n", va, rc,
               rc2);
        check(rc == -EINVAL && rc2 == -EINVAL, "update_va_mapping at %08x: "
              "%ld/%ld", va, rc, rc2);
        pt_check_tables_readonly("update_va_mapping in the hypervisor area");
    }
    /* The M2P is still there and still read-only. */
    uint32_t m2p_pfn = machine_to_phys_mapping[pt_l2_mfn()];
    check(m2p_pfn == (start_info->pt_base - 0xC0000000u) >> 12,
          "M2P entry of the L2: %#x", m2p_pfn);
    int faulted = pt_try_write((volatile uint32_t *)0xFC000000u, 0);
    check(faulted && last_trap.vector == 14 && last_trap.error == 3,
          "write to the M2P: faulted %d vector %u error %x", faulted,
          last_trap.vector, last_trap.error);
}

void guest_main(void)
{
    printf("pt_hvslots: the hypervisor's L2 slots and addresses\n");
    check(install_trap_table() == 0, "set_trap_table");
    check(map_shared_info() == 0, "map shared_info");
    test_hv_slot_writes_refused("bootstrap L2", pt_l2(), pt_l2_mfn());
    test_validation_overwrites_hv_slots();
    test_uvm_in_hypervisor_area_refused();
    printf("tables read-only after %u attacks\n", pt_readonly_probes());
}
