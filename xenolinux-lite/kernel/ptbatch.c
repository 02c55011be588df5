/*
 * Batched page-table updates.
 *
 * Every frame that is a page table is read-only to us; we change it only
 * by asking the hypervisor (mmu_update), which checks each new entry.  A
 * hypercall is expensive, so callers queue entries in a struct ptbatch
 * (usually on their stack) and the queue goes to the hypervisor in one
 * mmu_update, when it fills or when the caller commits it.  ptb_commit
 * can wrap the queue with mmuext operations (pin, unpin, TLB flush) and
 * send everything as one multicall: a whole fork or exit is one trap.
 *
 * A refused update is a kernel bug (we only write entries we checked), so
 * it panics.
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"
#include "xenolinux-lite/kernel/mmu.h"
#include "xenolinux-lite/kernel/xen.h"

void ptb_init(struct ptbatch *b)
{
    b->n = 0;
}

void ptb_set(struct ptbatch *b, uint32_t ma, uint32_t val)
{
    if (b->n == PTBATCH)
        ptb_flush(b);
    b->req[b->n].ptr = ma | MMU_NORMAL_PT_UPDATE;
    b->req[b->n].val = val;
    b->n++;
}

void ptb_kmap(struct ptbatch *b, const void *page, uint32_t flags)
{
    uint32_t va = (uint32_t)page;
    uint32_t l1_ma = PTE_ADDR(kpgdir[PDX(va)]);
    ptb_set(b, l1_ma + PTX(va) * 4, (v2mfn(page) << PGSHIFT) | flags);
}

void ptb_flush(struct ptbatch *b)
{
    ptb_commit(b, 0, 0, 0, 0);
}

static void mc_set(multicall_entry_t *e, uint32_t op, uint32_t a0,
                   uint32_t a1, uint32_t a2, uint32_t a3)
{
    memset(e, 0, sizeof(*e));
    e->op = op;
    e->args[0] = a0;
    e->args[1] = a1;
    e->args[2] = a2;
    e->args[3] = a3;
}

void ptb_commit(struct ptbatch *b, mmuext_op_t *pre, int npre,
                mmuext_op_t *post, int npost)
{
    multicall_entry_t mc[3];
    int n = 0;
    if (npre)
        mc_set(&mc[n++], __HYPERVISOR_mmuext_op, (uint32_t)pre, npre, 0,
               DOMID_SELF);
    if (b->n)
        mc_set(&mc[n++], __HYPERVISOR_mmu_update, (uint32_t)b->req, b->n, 0,
               DOMID_SELF);
    if (npost)
        mc_set(&mc[n++], __HYPERVISOR_mmuext_op, (uint32_t)post, npost, 0,
               DOMID_SELF);
    b->n = 0;
    if (n == 0)
        return;
    if (n == 1) {
        long rc = hypercall5(mc[0].op, mc[0].args[0], mc[0].args[1],
                             mc[0].args[2], mc[0].args[3], 0);
        if (rc < 0) {
            cprintf("page-table update refused: %ld\n", rc);
            panic("ptb_commit");
        }
        return;
    }
    if (HYPERCALL2(__HYPERVISOR_multicall, mc, n) < 0)
        panic("multicall");
    for (int i = 0; i < n; i++) {
        if ((long)mc[i].result < 0) {
            cprintf("page-table update %d of %d refused: %ld\n", i, n,
                    (long)mc[i].result);
            panic("ptb_commit");
        }
    }
}

/* One mmuext operation on a frame (or none): the hypercall's result. */
long mmuext1(uint32_t cmd, uint32_t arg)
{
    mmuext_op_t op;
    memset(&op, 0, sizeof(op));
    op.cmd = cmd;
    op.arg1.mfn = arg;
    return HYPERCALL4(__HYPERVISOR_mmuext_op, &op, 1, 0, DOMID_SELF);
}
