/*
 * The page-table hypercalls: mmu_update (#1), mmuext_op (#26),
 * update_va_mapping (#14) and vm_assist (#21).
 *
 * Each request goes through the validator (validate.c); a batch runs in
 * order and stops at the first refused request, whose reason is logged.
 * *done counts what was applied.  Long batches continue themselves every
 * BATCH_CHUNK requests, so the hypervisor never runs for long with
 * interrupts off.
 */
#include "hypervisor/include/domain.h"
#include "hypervisor/include/hypercall.h"
#include "hypervisor/include/mm.h"
#include "hypervisor/include/validate.h"
#include "hypervisor/include/descriptors.h"
#include "hypervisor/include/console.h"
#include "public/xen.h"
#include "public/errno.h"
#include "arch/x86_32/cpu.h"

#define BATCH_CHUNK 512
#define COUNT_RESUMED 0x80000000u   /* count bit 31: a continued call */

/*
 * The domain whose frames new L1 entries (and machphys updates) may
 * name (and whose tables pin and unpin act on): the caller for DOMID_SELF;
 * any other existing domain for a privileged caller (naming itself by id
 * is refused, as Xen 3.0.4 refuses it).  Returns NULL with *rc set
 * otherwise.
 */
static struct domain *foreign_domain(struct domain *d, uint32_t fdom, long *rc)
{
    fdom &= 0xFFFF;
    if (fdom == DOMID_SELF)
        return d;
    *rc = -ESRCH;
    if (!d->is_privileged || fdom == d->id || fdom >= DOMID_FIRST_RESERVED)
        return NULL;
    return domain_by_id((domid_t)fdom);
}

static void log_refusal(struct domain *d, const char *op, unsigned int i)
{
    printk(LOG_WARN, "d%u: %s request %u refused: %s\n", d->id, op, i, mm_why());
}

/* Add n to the guest's *done counter, if it gave one. */
static long add_done(uint32_t done_ptr, uint32_t n)
{
    uint32_t total;
    if (!done_ptr)
        return 0;
    if (copy_from_guest(&total, done_ptr, 4) < 0)
        return -EFAULT;
    total += n;
    return copy_to_guest(done_ptr, &total, 4) < 0 ? -EFAULT : 0;
}

/* A plain write of one word into an ordinary frame of d. */
static long plain_write(uint32_t mfn, uint32_t idx, uint32_t val)
{
    if (get_page_type(mfn, FT_WRITABLE) < 0)
        return refuse("frame %#x is %s: write it with the matching hypercall",
                      mfn, frame_type_name(mfn_to_page(mfn)->type));
    uint32_t *p = frame_map(mfn);
    p[idx] = val;
    frame_unmap(p);
    put_page_type(mfn);
    return 0;
}

static long mmu_normal_update(struct domain *d, struct domain *fd,
                              uint32_t ma, uint32_t val)
{
    uint32_t mfn = ma >> PAGE_SHIFT, idx = (ma & (PAGE_SIZE - 1)) / 4;
    if (get_page(mfn, d) < 0)
        return refuse("page-table pointer %#x: %s", ma, mm_why());
    struct page_info *pg = mfn_to_page(mfn);
    long rc;
    if (!(pg->flags & PGF_VALIDATED))
        rc = plain_write(mfn, idx, val);
    else if (pg->type == FT_L1)
        rc = update_l1e(mfn, idx, val, fd);
    else if (pg->type == FT_L2)
        rc = update_l2e(mfn, idx, val);
    else
        rc = refuse("frame %#x is a descriptor table: use update_descriptor",
                    mfn);
    put_page(mfn);
    return rc;
}

static long machphys_update(struct domain *fd, uint32_t ma, uint32_t pfn)
{
    uint32_t mfn = ma >> PAGE_SHIFT;
    if (!mfn_valid(mfn) || mfn_to_page(mfn)->owner != fd ||
        !(mfn_to_page(mfn)->flags & PGF_ALLOCATED))
        return refuse("machphys update of frame %#x, which is not the "
                      "domain's", mfn);
    m2p_table[mfn] = pfn;
    return 0;
}

/*
 * The batch loop both mmu_update and mmuext_op share: the guest's
 * arguments are (requests, count, done pointer, foreign domain).  Each
 * request of size bytes is copied in and given to one(); the batch stops
 * at the first failure, and every BATCH_CHUNK requests it continues
 * itself.  The number applied is added to *done.
 */
static long run_batch(const uint32_t arg[5], size_t size, const char *name,
                      long (*one)(struct vcpu *v, struct domain *fd,
                                  const void *req))
{
    struct vcpu *v = current;
    uint32_t reqs = arg[0], count = arg[1] & ~COUNT_RESUMED, done_ptr = arg[2];
    long rc = 0;
    struct domain *fd = foreign_domain(v->domain, arg[3], &rc);
    if (!fd)
        return rc;
    uint8_t req[16];
    _Static_assert(sizeof(mmu_update_t) <= sizeof(req) &&
                   sizeof(struct mmuext_op) <= sizeof(req), "request size");
    uint32_t i;
    for (i = 0; i < count; i++) {
        if (i == BATCH_CHUNK) {
            if (add_done(done_ptr, i) < 0)
                return -EFAULT;
            const uint32_t rest[5] = { reqs + i * (uint32_t)size,
                                       (count - i) | COUNT_RESUMED, done_ptr,
                                       arg[3], 0 };
            hypercall_continue(rest);
            return 0;
        }
        if (copy_from_guest(req, reqs + i * (uint32_t)size, size) < 0) {
            rc = -EFAULT;
            break;
        }
        rc = one(v, fd, req);
        if (rc < 0) {
            if (rc == -EINVAL || rc == -ENOSYS)
                log_refusal(v->domain, name, i);
            break;
        }
    }
    if (add_done(done_ptr, i) < 0)
        return -EFAULT;
    return rc;
}

static long mmu_update_one(struct vcpu *v, struct domain *fd, const void *p)
{
    const mmu_update_t *req = p;
    uint32_t cmd = (uint32_t)req->ptr & 3, ma = (uint32_t)req->ptr & ~3u;
    if ((req->ptr >> 32) || (req->val >> 32))
        return refuse("address or value above 4 GB");
    if (cmd == MMU_NORMAL_PT_UPDATE)
        return mmu_normal_update(v->domain, fd, ma, (uint32_t)req->val);
    if (cmd == MMU_MACHPHYS_UPDATE)
        return machphys_update(fd, ma, (uint32_t)req->val);
    refuse("unknown command %u", cmd);
    return -ENOSYS;
}

long do_mmu_update(const uint32_t arg[5])
{
    return run_batch(arg, sizeof(mmu_update_t), "mmu_update", mmu_update_one);
}

/* ------------------------------------------------------------ mmuext */

static long pin_table(struct domain *fd, uint32_t mfn, enum frame_type t)
{
    if (mfn_valid(mfn) && (mfn_to_page(mfn)->flags & PGF_PINNED) &&
        mfn_to_page(mfn)->owner == fd)
        return refuse("frame %#x is already pinned", mfn);
    if (get_page_and_type(mfn, fd, t) < 0)
        return refuse("cannot pin frame %#x as %s: %s", mfn,
                      frame_type_name(t), mm_why());
    mfn_to_page(mfn)->flags |= PGF_PINNED;
    return 0;
}

static long unpin_table(struct domain *d, uint32_t mfn)
{
    if (!mfn_valid(mfn) || mfn_to_page(mfn)->owner != d)
        return refuse("unpin of frame %#x, which is not the domain's", mfn);
    if (!(mfn_to_page(mfn)->flags & PGF_PINNED))
        return refuse("unpin of frame %#x, which is not pinned", mfn);
    mfn_to_page(mfn)->flags &= ~PGF_PINNED;
    put_page_and_type(mfn);
    return 0;
}

/*
 * Switch v to the page directory at mfn.  The new directory's twin is
 * loaded before the old directory's reference is dropped, so the
 * hypervisor never runs on a twin that is being freed.
 */
long vcpu_new_baseptr(struct vcpu *v, uint32_t mfn)
{
    if (get_page_and_type(mfn, v->domain, FT_L2) < 0)
        return refuse("new_baseptr %#x: %s", mfn, mm_why());
    uint32_t old = v->l2_mfn;
    v->l2_mfn = mfn;
    v->twin_mfn = mfn_to_page(mfn)->twin;
    if (v == current)
        write_cr3(mfn_to_maddr(v->twin_mfn));
    if (old != INVALID_MFN)
        put_page_and_type(old);
    return 0;
}

/* Read the vCPU bitmap a MULTI flush names (we have one CPU to flush). */
static long read_vcpumask(uint32_t ptr)
{
    uint32_t mask;
    return copy_from_guest(&mask, ptr, sizeof(mask)) < 0 ? -EFAULT : 0;
}

static long mmuext_one(struct vcpu *v, struct domain *fd, const void *req)
{
    const struct mmuext_op *op = req;
    struct domain *d = v->domain;
    switch (op->cmd) {
    case MMUEXT_PIN_L1_TABLE:
        return pin_table(fd, op->arg1.mfn, FT_L1);
    case MMUEXT_PIN_L2_TABLE:
        return pin_table(fd, op->arg1.mfn, FT_L2);
    case MMUEXT_PIN_L3_TABLE:
    case MMUEXT_PIN_L4_TABLE:
        return 0;                       /* no such levels here */
    case MMUEXT_UNPIN_TABLE:
        return unpin_table(fd, op->arg1.mfn);
    case MMUEXT_NEW_BASEPTR:
        return vcpu_new_baseptr(v, op->arg1.mfn);
    case MMUEXT_TLB_FLUSH_MULTI:
        if (read_vcpumask((uint32_t)(uintptr_t)op->arg2.vcpumask.p) < 0)
            return -EFAULT;
        /* fall through */
    case MMUEXT_TLB_FLUSH_LOCAL:
    case MMUEXT_TLB_FLUSH_ALL:
        flush_tlb_local();
        return 0;
    case MMUEXT_INVLPG_MULTI:
        if (read_vcpumask((uint32_t)(uintptr_t)op->arg2.vcpumask.p) < 0)
            return -EFAULT;
        /* fall through */
    case MMUEXT_INVLPG_LOCAL:
    case MMUEXT_INVLPG_ALL:
        invlpg(op->arg1.linear_addr);
        return 0;
    case MMUEXT_FLUSH_CACHE:
        if (!d->is_privileged)
            return refuse("flush_cache needs I/O privilege");
        wbinvd();
        return 0;
    case MMUEXT_SET_LDT:
        return vcpu_set_ldt(v, op->arg1.linear_addr, op->arg2.nr_ents);
    default:
        refuse("unknown command %u", op->cmd);
        return -ENOSYS;
    }
}

long do_mmuext_op(const uint32_t arg[5])
{
    return run_batch(arg, sizeof(struct mmuext_op), "mmuext_op", mmuext_one);
}

/* ------------------------------------------------- update_va_mapping */

/* Apply the flush that UVMF flags ask for (on our one CPU). */
static long uvmf_flush(uint32_t va, uint32_t flags)
{
    uint32_t scope = flags & ~UVMF_FLUSHTYPE_MASK;
    if ((flags & UVMF_FLUSHTYPE_MASK) == UVMF_NONE)
        return 0;
    if (scope != UVMF_LOCAL && scope != UVMF_ALL && read_vcpumask(scope) < 0)
        return -EFAULT;
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

    if (va >= HYPERVISOR_VIRT_START || val_hi != 0) {
        printk(LOG_WARN, "d%u: update_va_mapping at %#x refused: %s\n", d->id,
               va, val_hi ? "entry above 4 GB" : "in the hypervisor's area");
        return -EINVAL;
    }
    const uint32_t *l2 = frame_map(v->l2_mfn);
    uint32_t l2e = l2[l2_index(va)];
    frame_unmap((uint32_t *)l2);
    if (!(l2e & PTE_P) || pte_mfn(l2e) == v->l2_mfn) {
        printk(LOG_WARN, "d%u: update_va_mapping at %#x: no L1 there\n",
               d->id, va);
        return -EINVAL;
    }
    if (update_l1e(pte_mfn(l2e), l1_index(va), val, d) < 0) {
        printk(LOG_WARN, "d%u: update_va_mapping at %#x refused: %s\n",
               d->id, va, mm_why());
        return -EINVAL;
    }
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
