/*
 * pt_batch: batches that fail part way.
 *
 *   - mmu_update of 4 requests whose third is bad: -EINVAL, *done grows
 *     by 2 (it is added to, not set), requests 1 and 2 are applied and 4
 *     is not touched;
 *   - the same 4 updates as 4 multicall entries: each entry is its own
 *     hypercall, so the results are 0, 0, -EINVAL, 0 and the fourth is
 *     applied; the multicall itself returns 0;  a nested multicall and an
 *     unknown hypercall number fail in their own entries only;
 *   - an mmuext_op batch [pin A, pin B, pin A again, pin C]: -EINVAL,
 *     *done grows by 2, A and B are pinned and C is not;  an unknown
 *     mmuext command stops a batch with -ENOSYS.
 * The tables stay read-only after each failed batch.
 */
#include "tests/guests/lib/guest.h"
#include "tests/guests/lib/pt.h"
#include "hypervisor/include/lib.h"
#include "public/errno.h"

/* Spare pages 0-3 are remapped; their original entries are kept here. */
static uint32_t va[4], old[4];

static void save_entries(void)
{
    for (unsigned int i = 0; i < 4; i++) {
        va[i] = (uint32_t)pt_spare(i);
        old[i] = guest_l1e(va[i]);
    }
}

static void restore_entries(void)
{
    for (unsigned int i = 0; i < 4; i++)
        check(pt_uvm(va[i], old[i]) == 0, "restore entry %u", i);
}

/* The four updates: pages 0, 1, 3 onto page 4's frame; page 2 onto the L2. */
static uint32_t new_pte(unsigned int i)
{
    uint32_t target = i == 2 ? pt_l2_mfn() : pt_mfn(pt_spare(4));
    return (target << 12) | PTE_RW_FLAGS;
}

static void test_mmu_update_batch_stops_at_bad_request(void)
{
    mmu_update_t reqs[4];
    save_entries();
    for (unsigned int i = 0; i < 4; i++) {
        reqs[i].ptr = guest_l1e_maddr(va[i]);
        reqs[i].val = new_pte(i);
    }
    unsigned int done = 7;
    long rc = HYPERCALL4(__HYPERVISOR_mmu_update, reqs, 4, &done, DOMID_SELF);
    printf("mmu_update batch of 4, third bad: rc %ld, done 7 -> %u\n", rc,
           done);
    check(rc == -EINVAL && done == 9, "rc %ld done %u", rc, done);
    check(guest_l1e(va[0]) == new_pte(0), "request 1 applied");
    check(guest_l1e(va[1]) == new_pte(1), "request 2 applied");
    check(guest_l1e(va[2]) == old[2], "request 3 (bad) not applied");
    check(guest_l1e(va[3]) == old[3], "request 4 not touched");
    pt_check_tables_readonly("mmu_update batch");
    restore_entries();
}

static void test_multicall_entries_fail_alone(void)
{
    multicall_entry_t mc[6];
    save_entries();
    memset(mc, 0, sizeof(mc));
    for (unsigned int i = 0; i < 4; i++) {
        mc[i].op = __HYPERVISOR_update_va_mapping;
        mc[i].args[0] = va[i];
        mc[i].args[1] = new_pte(i);
        mc[i].args[2] = 0;
        mc[i].args[3] = UVMF_INVLPG;
        mc[i].result = 0xDEAD;
    }
    mc[4].op = __HYPERVISOR_multicall;          /* nested */
    mc[4].args[0] = (uint32_t)mc;
    mc[4].args[1] = 1;
    mc[5].op = 63;                              /* no such hypercall */
    long rc = HYPERCALL2(__HYPERVISOR_multicall, mc, 6);
    printf("multicall of 4 update_va_mapping, third bad: rc %ld, results "
           "%ld %ld %ld %ld; nested %ld, #63 %ld\n", rc, (long)mc[0].result,
           (long)mc[1].result, (long)mc[2].result, (long)mc[3].result,
           (long)mc[4].result, (long)mc[5].result);
    check(rc == 0, "multicall returned %ld", rc);
    check((long)mc[0].result == 0 && (long)mc[1].result == 0 &&
          (long)mc[2].result == -EINVAL && (long)mc[3].result == 0,
          "entry results");
    check((long)mc[4].result == -EINVAL, "nested multicall: %ld",
          (long)mc[4].result);
    check((long)mc[5].result == -ENOSYS, "hypercall 63: %ld",
          (long)mc[5].result);
    check(guest_l1e(va[0]) == new_pte(0) && guest_l1e(va[1]) == new_pte(1),
          "entries 1 and 2 applied");
    check(guest_l1e(va[2]) == old[2], "entry 3 (bad) not applied");
    check(guest_l1e(va[3]) == new_pte(3), "entry 4 applied");
    pt_check_tables_readonly("multicall");
    restore_entries();

    /* An mmu_update batch inside a multicall entry: the same partial rule. */
    mmu_update_t reqs[4];
    for (unsigned int i = 0; i < 4; i++) {
        reqs[i].ptr = guest_l1e_maddr(va[i]);
        reqs[i].val = new_pte(i);
    }
    unsigned int done = 0;
    memset(mc, 0, sizeof(mc));
    mc[0].op = __HYPERVISOR_mmu_update;
    mc[0].args[0] = (uint32_t)reqs;
    mc[0].args[1] = 4;
    mc[0].args[2] = (uint32_t)&done;
    mc[0].args[3] = DOMID_SELF;
    rc = HYPERCALL2(__HYPERVISOR_multicall, mc, 1);
    printf("multicall of one mmu_update batch, third bad: rc %ld, result "
           "%ld, done %u\n", rc, (long)mc[0].result, done);
    check(rc == 0 && (long)mc[0].result == -EINVAL && done == 2,
          "rc %ld result %ld done %u", rc, (long)mc[0].result, done);
    check(guest_l1e(va[3]) == old[3], "request 4 not touched");
    restore_entries();
}

static struct mmuext_op ext(uint32_t cmd, uint32_t mfn)
{
    struct mmuext_op op;
    memset(&op, 0, sizeof(op));
    op.cmd = cmd;
    op.arg1.mfn = mfn;
    return op;
}

static void test_mmuext_batch_stops_at_bad_op(void)
{
    void *a = pt_spare(5), *b = pt_spare(6), *c = pt_spare(7);
    memset(a, 0, PAGE_SIZE);
    memset(b, 0, PAGE_SIZE);
    memset(c, 0, PAGE_SIZE);
    check(pt_set_readonly(a) == 0 && pt_set_readonly(b) == 0 &&
          pt_set_readonly(c) == 0, "tables read-only");
    struct mmuext_op ops[4] = {
        ext(MMUEXT_PIN_L1_TABLE, pt_mfn(a)),
        ext(MMUEXT_PIN_L1_TABLE, pt_mfn(b)),
        ext(MMUEXT_PIN_L1_TABLE, pt_mfn(a)),    /* already pinned */
        ext(MMUEXT_PIN_L1_TABLE, pt_mfn(c)),
    };
    unsigned int done = 3;
    long rc = HYPERCALL4(__HYPERVISOR_mmuext_op, ops, 4, &done, DOMID_SELF);
    printf("mmuext_op batch [pin A, pin B, pin A, pin C]: rc %ld, done 3 -> "
           "%u\n", rc, done);
    check(rc == -EINVAL && done == 5, "rc %ld done %u", rc, done);
    check(pt_pin(MMUEXT_PIN_L1_TABLE, pt_mfn(b)) == -EINVAL, "B is pinned");
    check(pt_unpin(pt_mfn(c)) == -EINVAL, "C is not pinned");
    check(pt_set_writable(c) == 0, "C maps writable: no type reference left");
    pt_check_tables_readonly("mmuext_op batch");

    /* [unpin A, unknown command 99, unpin B]: -ENOSYS after one. */
    struct mmuext_op ops2[3] = {
        ext(MMUEXT_UNPIN_TABLE, pt_mfn(a)),
        ext(99, 0),
        ext(MMUEXT_UNPIN_TABLE, pt_mfn(b)),
    };
    done = 0;
    rc = HYPERCALL4(__HYPERVISOR_mmuext_op, ops2, 3, &done, DOMID_SELF);
    printf("mmuext_op batch [unpin A, command 99, unpin B]: rc %ld, done %u\n",
           rc, done);
    check(rc == -ENOSYS && done == 1, "rc %ld done %u", rc, done);
    check(pt_set_writable(a) == 0, "A was unpinned and maps writable");
    check(pt_free_table(b) == 0, "B was still pinned: unpin it now");
}

void guest_main(void)
{
    printf("pt_batch: batches that fail part way\n");
    check(install_trap_table() == 0, "set_trap_table");
    check(map_shared_info() == 0, "map shared_info");
    test_mmu_update_batch_stops_at_bad_request();
    test_multicall_entries_fail_alone();
    test_mmuext_batch_stops_at_bad_op();
    printf("tables read-only after %u attacks\n", pt_readonly_probes());
}
