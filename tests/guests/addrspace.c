/*
 * addrspace: build a second address space, run in it, tear it down, and
 * do it again, 50 times.
 *
 * Each round takes three spare pages: a new L2, a new L1, and a data
 * page D.  The new L2 copies the bootstrap L2's guest slots (so the same
 * bootstrap L1s map the image and the code keeps running) and adds the
 * new L1 at slot 0x100, which maps D writable at 0x40000000 and a second
 * page E read-only at 0x40001000; neither address is mapped in the
 * bootstrap address space.  The round pins the L1 and the L2, switches
 * to the new L2 with NEW_BASEPTR, uses 0x40000000, switches back, unpins
 * both and maps the two pages writable again.  That last step works only
 * if every type reference the round took was dropped, so it checks the
 * hypervisor's bookkeeping from outside; the next round's pins check
 * that the frames can be validated again.  Odd rounds unpin the new L2
 * while it is still the base pointer, so the switch back drops its last
 * reference.
 */
#include "tests/guests/lib/guest.h"
#include "tests/guests/lib/pt.h"
#include "hypervisor/include/lib.h"
#include "public/errno.h"

#define ROUNDS 50
#define SLOT_NEW 0x100
#define NEW_VA 0x40000000u

static int failed_round = -1;

/* One checked step of round r; a failure ends the rounds. */
static int step(int ok, int r, const char *what, long rc)
{
    check(ok, "round %d: %s (%ld)", r, what, rc);
    if (!ok && failed_round < 0)
        failed_round = r;
    return ok;
}

static int not_mapped(uint32_t va)
{
    uint32_t v;
    return pt_try_read((const volatile uint32_t *)va, &v) &&
           last_trap.vector == 14 && (last_trap.error & 1) == 0;
}

static int round_trip(int r)
{
    uint32_t *l2 = pt_spare(0), *l1 = pt_spare(1);
    volatile uint32_t *d = pt_spare(2), *e = pt_spare(3);
    uint32_t l2_mfn = pt_mfn(l2), l1_mfn = pt_mfn(l1), boot = pt_l2_mfn();
    long rc;

    memset(l2, 0, PAGE_SIZE);
    for (unsigned int s = 0; s < HV_FIRST_SLOT; s++)
        l2[s] = pt_l2()[s];
    l2[SLOT_NEW] = (l1_mfn << 12) | PDE_FLAGS;
    memset(l1, 0, PAGE_SIZE);
    l1[0] = (pt_mfn((void *)d) << 12) | PTE_RW_FLAGS;
    l1[1] = (pt_mfn((void *)e) << 12) | PTE_RO_FLAGS;
    d[0] = 0;
    e[0] = 0xE0000000u | r;

    if (!step(pt_set_readonly(l1) == 0 && pt_set_readonly(l2) == 0, r,
              "remap the new tables read-only", 0))
        return 0;
    rc = pt_pin(MMUEXT_PIN_L1_TABLE, l1_mfn);
    if (!step(rc == 0, r, "pin the new L1", rc))
        return 0;
    rc = pt_pin(MMUEXT_PIN_L2_TABLE, l2_mfn);
    if (!step(rc == 0, r, "pin the new L2", rc))
        return 0;
    step(not_mapped(NEW_VA), r, "0x40000000 mapped in the old space", 0);

    rc = pt_mmuext1(MMUEXT_NEW_BASEPTR, l2_mfn, 0);
    if (!step(rc == 0, r, "switch to the new L2", rc))
        return 0;
    /* Now running on the new L2. */
    volatile uint32_t *p = (volatile uint32_t *)NEW_VA;
    if (r == 0)
        printf("addrspace: running on the new L2 (mfn %#x)\n", l2_mfn);
    p[0] = 0xA5000000u | r;
    step(d[0] == (0xA5000000u | r), r, "write through 0x40000000", 0);
    step(p[1024] == (0xE0000000u | r), r, "read 0x40001000", 0);
    step(pt_try_write(&p[1024], 0) && last_trap.error == 3 &&
         e[0] == (0xE0000000u | r), r, "0x40001000 is read-only", 0);
    rc = pt_set_writable(l2);
    step(rc == -EINVAL, r, "the current L2 maps writable", rc);
    if (r & 1) {
        rc = pt_unpin(l2_mfn);
        step(rc == 0, r, "unpin the current new L2", rc);
    }
    rc = pt_mmuext1(MMUEXT_NEW_BASEPTR, boot, 0);
    if (!step(rc == 0, r, "switch back", rc))
        return 0;
    step(not_mapped(NEW_VA), r, "0x40000000 still mapped after switch", 0);

    if (!(r & 1)) {
        rc = pt_unpin(l2_mfn);
        step(rc == 0, r, "unpin the new L2", rc);
    }
    rc = pt_unpin(l1_mfn);
    step(rc == 0, r, "unpin the new L1", rc);
    rc = pt_set_writable(l2);
    step(rc == 0, r, "the old L2 maps writable again", rc);
    rc = pt_set_writable(l1);
    step(rc == 0, r, "the old L1 maps writable again", rc);
    return failed_round < 0;
}

void guest_main(void)
{
    printf("addrspace: %d rounds of build, switch, tear down\n", ROUNDS);
    check(install_trap_table() == 0, "set_trap_table");
    check(map_shared_info() == 0, "map shared_info");
    int r;
    for (r = 0; r < ROUNDS; r++)
        if (!round_trip(r))
            break;
    if (r == ROUNDS)
        printf("addrspace: %d rounds ok\n", ROUNDS);
    else
        printf("addrspace: stopped in round %d\n", r);
    check(r == ROUNDS, "rounds completed: %d", r);
    /* The bootstrap L2 is still the pinned base. */
    check(pt_pin(MMUEXT_PIN_L2_TABLE, pt_l2_mfn()) == -EINVAL,
          "bootstrap L2 still pinned");
    pt_check_tables_readonly("50 rounds");
}
