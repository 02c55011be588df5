/*
 * grant_table_op (#20): setup_table, map_grant_ref, unmap_grant_ref and
 * query_size, and the grant environment: table pages shared with their
 * domain, and mappings installed through the validator.
 */
#include "hypervisor/include/grant.h"
#include "hypervisor/include/domain.h"
#include "hypervisor/include/hypercall.h"
#include "hypervisor/include/mm.h"
#include "hypervisor/include/validate.h"
#include "hypervisor/include/console.h"
#include "public/xen.h"
#include "public/errno.h"

#define MAX_OPS 512

int grant_frame_alloc(struct domain *d, uint32_t *mfn, grant_entry_t **va)
{
    void *p = alloc_xenheap_pages(1);
    if (!p)
        return -ENOMEM;
    *mfn = virt_to_maddr(p) >> PAGE_SHIFT;
    struct page_info *pg = mfn_to_page(*mfn);
    pg->owner = d;
    pg->type = FT_XEN_SHARED;
    pg->count = 1;              /* the domain's own, until it dies */
    *va = p;
    return 0;
}

int grant_frame_hold(struct domain *rd, uint32_t frame)
{
    return get_page(frame, rd);
}

void grant_frame_release(uint32_t frame)
{
    put_page(frame);
}

/* The L1 frame and index that hold the entry for addr, or -1. */
static int find_l1e(struct domain *ld, uint32_t addr, int by_pte,
                    uint32_t *l1_mfn, unsigned int *idx)
{
    if (by_pte) {
        uint32_t mfn = addr >> PAGE_SHIFT;
        if ((addr & 3) || !mfn_valid(mfn) || mfn_to_page(mfn)->owner != ld ||
            mfn_to_page(mfn)->type != FT_L1 ||
            !(mfn_to_page(mfn)->flags & PGF_VALIDATED))
            return -1;
        *l1_mfn = mfn;
        *idx = (addr & (PAGE_SIZE - 1)) / 4;
        return 0;
    }
    struct vcpu *v = current;
    if (!v || v->domain != ld || addr >= HYPERVISOR_VIRT_START)
        return -1;
    uint32_t *l2 = frame_map(v->l2_mfn);
    uint32_t l2e = l2[l2_index(addr)];
    frame_unmap(l2);
    if (!(l2e & PTE_P) || pte_mfn(l2e) == v->l2_mfn)
        return -1;
    *l1_mfn = pte_mfn(l2e);
    *idx = l1_index(addr);
    return 0;
}

int grant_pte_install(struct domain *ld, uint32_t addr, int by_pte,
                      uint32_t frame, struct domain *rd, int readonly,
                      int user)
{
    uint32_t l1_mfn;
    unsigned int idx;
    if (find_l1e(ld, addr, by_pte, &l1_mfn, &idx) < 0)
        return -1;
    uint32_t pte = mfn_to_maddr(frame) | PTE_P | PTE_A | PTE_D |
                   (readonly ? 0 : PTE_RW) | (user ? PTE_US : 0);
    if (update_l1e(l1_mfn, idx, pte, rd) < 0) {
        printk(LOG_WARN, "d%u: grant mapping refused: %s\n", ld->id, mm_why());
        return -1;
    }
    return 0;
}

int grant_pte_remove(struct domain *ld, uint32_t addr, int by_pte,
                     uint32_t frame)
{
    uint32_t l1_mfn;
    unsigned int idx;
    if (find_l1e(ld, addr, by_pte, &l1_mfn, &idx) < 0)
        return -1;
    uint32_t *l1 = frame_map(l1_mfn);
    uint32_t old = l1[idx];
    frame_unmap(l1);
    if (!(old & PTE_P) || pte_mfn(old) != frame)
        return -1;
    return update_l1e(l1_mfn, idx, 0, ld) < 0 ? -1 : 0;
}

/* setup_table: count 1; dom other than self needs privilege. */
static long op_setup_table(struct domain *d, uint32_t ptr)
{
    gnttab_setup_table_t op;
    if (copy_from_guest(&op, ptr, sizeof(op)) < 0)
        return -EFAULT;
    struct domain *t = d;
    if (op.dom != DOMID_SELF && op.dom != d->id) {
        t = d->is_privileged ? domain_by_id(op.dom) : NULL;
        if (!t)
            op.status = d->is_privileged ? GNTST_bad_domain
                                         : GNTST_permission_denied;
    }
    if (t)
        op.status = (int16_t)grant_setup(t, op.nr_frames);
    if (t && op.status == GNTST_okay) {
        uint32_t list = (uint32_t)(uintptr_t)op.frame_list.p;
        if (copy_to_guest(list, t->grant->shared_mfn,
                          op.nr_frames * sizeof(uint32_t)) < 0)
            return -EFAULT;
    }
    return copy_to_guest(ptr, &op, sizeof(op)) < 0 ? -EFAULT : 0;
}

static long op_query_size(struct domain *d, uint32_t ptr)
{
    gnttab_query_size_t op;
    if (copy_from_guest(&op, ptr, sizeof(op)) < 0)
        return -EFAULT;
    struct domain *t = (op.dom == DOMID_SELF || op.dom == d->id) ? d
                       : d->is_privileged ? domain_by_id(op.dom) : NULL;
    if (!t) {
        op.status = d->is_privileged ? GNTST_bad_domain : GNTST_permission_denied;
    } else {
        op.nr_frames = t->grant->nr_frames;
        op.max_nr_frames = GRANT_MAX_FRAMES;
        op.status = GNTST_okay;
    }
    return copy_to_guest(ptr, &op, sizeof(op)) < 0 ? -EFAULT : 0;
}

long do_grant_table_op(const uint32_t arg[5])
{
    struct domain *d = current->domain;
    uint32_t cmd = arg[0], ops = arg[1], count = arg[2];
    if (count > MAX_OPS)
        return -EINVAL;
    for (uint32_t i = 0; i < count; i++) {
        switch (cmd) {
        case GNTTABOP_setup_table:
            if (count != 1)
                return -EINVAL;
            return op_setup_table(d, ops);
        case GNTTABOP_query_size:
            if (count != 1)
                return -EINVAL;
            return op_query_size(d, ops);
        case GNTTABOP_map_grant_ref: {
            gnttab_map_grant_ref_t op;
            uint32_t at = ops + i * sizeof(op);
            if (copy_from_guest(&op, at, sizeof(op)) < 0)
                return -EFAULT;
            grant_map(d, &op);
            if (copy_to_guest(at, &op, sizeof(op)) < 0)
                return -EFAULT;
            break;
        }
        case GNTTABOP_unmap_grant_ref: {
            gnttab_unmap_grant_ref_t op;
            uint32_t at = ops + i * sizeof(op);
            if (copy_from_guest(&op, at, sizeof(op)) < 0)
                return -EFAULT;
            grant_unmap(d, &op);
            if (copy_to_guest(at, &op, sizeof(op)) < 0)
                return -EFAULT;
            break;
        }
        default:
            return -ENOSYS;     /* transfer, copy, dump_table */
        }
    }
    return 0;
}
