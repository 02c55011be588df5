/*
 * mmu_update (#1), update_va_mapping (#14) and vm_assist (#21), as far as
 * a guest booting on its initial page tables needs them.
 *
 * At this stage the only page tables are the ones the domain builder
 * made: one pinned L2 and its L1s, typed FT_L2 and FT_L1.  No frame can
 * change type, so the rules are simple and safe:
 *   - a guest may change entries of its own L1s, and plainly write its own
 *     ordinary frames;
 *   - a new present L1 entry may map only a frame the guest owns (or a
 *     hypervisor page shared with it), writable only if that frame is not
 *     a page table, and without the PAT or global bits;
 *   - L2 entries cannot be changed yet.
 * Full validated paging (reference-counted types, pinning, new tables,
 * L2 updates) replaces this with the validator.
 */
#include "hypervisor/include/domain.h"
#include "hypervisor/include/hypercall.h"
#include "hypervisor/include/mm.h"
#include "hypervisor/include/console.h"
#include "public/xen.h"
#include "public/errno.h"
#include "arch/x86_32/cpu.h"

/* May d install l1e in one of its L1 tables?  Logs why not. */
static int l1e_allowed(struct domain *d, uint32_t l1e)
{
    if (!(l1e & PTE_P))
        return 1;
    if (l1e & (PTE_PAT | PTE_G)) {
        printk(LOG_WARN, "d%u: L1 entry %08x has PAT or global set\n",
               d->id, l1e);
        return 0;
    }
    uint32_t mfn = pte_mfn(l1e);
    if (!mfn_valid(mfn) || mfn_to_page(mfn)->owner != d) {
        printk(LOG_WARN, "d%u: L1 entry %08x maps frame %x it does not own\n",
               d->id, l1e, mfn);
        return 0;
    }
    uint16_t type = mfn_to_page(mfn)->type;
    if ((l1e & PTE_RW) && type != FT_NONE && type != FT_WRITABLE &&
        type != FT_XEN_SHARED) {
        printk(LOG_WARN, "d%u: L1 entry %08x would make page-table frame "
               "%x writable\n", d->id, l1e, mfn);
        return 0;
    }
    return 1;
}

/* Write one 32-bit word of machine memory. */
static void write_machine_word(uint32_t ma, uint32_t val)
{
    uint32_t *p = map_frame(ma >> PAGE_SHIFT);
    p[(ma & (PAGE_SIZE - 1)) / 4] = val;
    unmap_frame(p);
}

static long mmu_normal_update(struct domain *d, uint32_t ma, uint32_t val)
{
    uint32_t mfn = ma >> PAGE_SHIFT;
    if (!mfn_valid(mfn) || mfn_to_page(mfn)->owner != d) {
        printk(LOG_WARN, "d%u: mmu_update on frame %x it does not own\n",
               d->id, mfn);
        return -EINVAL;
    }
    switch (mfn_to_page(mfn)->type) {
    case FT_L1:
        if (!l1e_allowed(d, val))
            return -EINVAL;
        break;
    case FT_NONE:
    case FT_WRITABLE:
    case FT_XEN_SHARED:
        break;              /* a plain write to an ordinary frame */
    default:
        printk(LOG_WARN, "d%u: mmu_update on frame %x of type %u refused\n",
               d->id, mfn, mfn_to_page(mfn)->type);
        return -EINVAL;
    }
    write_machine_word(ma, val);
    return 0;
}

long do_mmu_update(const uint32_t arg[5])
{
    struct domain *d = current->domain;
    uint32_t reqs = arg[0], count = arg[1], done_ptr = arg[2];
    uint32_t foreigndom = arg[3] & 0xFFFF;
    uint32_t done = 0;
    long rc = 0;

    if (count & 0x80000000u)
        return -EINVAL;
    if (foreigndom != DOMID_SELF)
        return -ESRCH;      /* foreign mappings come with domain control */

    for (; done < count; done++) {
        struct mmu_update req;
        if (copy_from_guest(&req, reqs + done * sizeof(req), sizeof(req)) < 0) {
            rc = -EFAULT;
            break;
        }
        uint32_t cmd = (uint32_t)req.ptr & 3;
        uint32_t ma = (uint32_t)req.ptr & ~3u;
        if ((req.ptr >> 32) || (req.val >> 32)) {
            rc = -EINVAL;
            break;
        }
        if (cmd == MMU_NORMAL_PT_UPDATE) {
            rc = mmu_normal_update(d, ma, (uint32_t)req.val);
        } else if (cmd == MMU_MACHPHYS_UPDATE) {
            uint32_t mfn = ma >> PAGE_SHIFT;
            if (!mfn_valid(mfn) || mfn_to_page(mfn)->owner != d)
                rc = -EINVAL;
            else
                m2p_table[mfn] = (uint32_t)req.val;
        } else {
            rc = -ENOSYS;
        }
        if (rc)
            break;
    }

    if (done_ptr) {
        uint32_t total;
        if (copy_from_guest(&total, done_ptr, 4) < 0)
            return -EFAULT;
        total += done;
        if (copy_to_guest(done_ptr, &total, 4) < 0)
            return -EFAULT;
    }
    return rc;
}

/* Apply the flush that UVMF flags ask for (on our one CPU). */
static long uvmf_flush(uint32_t va, uint32_t flags)
{
    uint32_t scope = flags & ~UVMF_FLUSHTYPE_MASK;
    if ((flags & UVMF_FLUSHTYPE_MASK) == UVMF_NONE)
        return 0;
    if (scope != UVMF_LOCAL && scope != UVMF_ALL) {
        uint32_t mask;              /* a pointer to a vCPU bitmap */
        if (copy_from_guest(&mask, scope, sizeof(mask)) < 0)
            return -EFAULT;
    }
    if ((flags & UVMF_FLUSHTYPE_MASK) == UVMF_INVLPG)
        invlpg(va);
    else
        flush_tlb_local();
    return 0;
}

long do_update_va_mapping(const uint32_t arg[5])
{
    struct vcpu *v = current;
    struct domain *d = v->domain;
    uint32_t va = arg[0], val = arg[1], val_hi = arg[2], flags = arg[3];

    if (va >= HYPERVISOR_VIRT_START || val_hi != 0)
        return -EINVAL;
    const uint32_t *l2 = map_frame(v->l2_mfn);
    uint32_t l2e = l2[l2_index(va)];
    unmap_frame(l2);
    if (!(l2e & PTE_P))
        return -EINVAL;
    uint32_t l1_mfn = pte_mfn(l2e);
    if (!mfn_valid(l1_mfn) || mfn_to_page(l1_mfn)->type != FT_L1 ||
        mfn_to_page(l1_mfn)->owner != d)
        return -EINVAL;
    if (!l1e_allowed(d, val))
        return -EINVAL;
    write_machine_word(mfn_to_maddr(l1_mfn) + l1_index(va) * 4, val);
    return uvmf_flush(va, flags);
}

long do_vm_assist(const uint32_t arg[5])
{
    struct domain *d = current->domain;
    uint32_t cmd = arg[0], type = arg[1];
    if (cmd != VMASST_CMD_enable && cmd != VMASST_CMD_disable)
        return -ENOSYS;
    if (type > MAX_VMASST_TYPE)
        return -EINVAL;
    if (type == VMASST_TYPE_writable_pagetables && cmd == VMASST_CMD_enable)
        return -ENOSYS;     /* not implemented: guests use mmu_update */
    if (cmd == VMASST_CMD_enable)
        d->vm_assist |= 1u << type;
    else
        d->vm_assist &= ~(1u << type);
    return 0;
}
