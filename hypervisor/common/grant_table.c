/*
 * Grant-table checks and bookkeeping (see grant.h).
 *
 * map_grant_ref refuses, with the status a Xen guest expects:
 *   a granter that does not exist (bad_domain); a reference outside its
 *   table (bad_gntref); an entry that is not GTF_permit_access for the
 *   caller (permission_denied); a writable mapping of a GTF_readonly
 *   entry (permission_denied); a frame the granter does not own, or
 *   that cannot be mapped as asked (general_error); no free handle
 *   (no_device_space); an address it cannot map at (bad_virt_addr).
 * unmap_grant_ref refuses an unknown or already released handle
 * (bad_handle) and a host address other than the one mapped.
 */
#include "hypervisor/include/grant.h"
#include "hypervisor/include/domain.h"
#include "hypervisor/include/lib.h"
#include "public/xen.h"

int grant_setup(struct domain *d, unsigned int nr_frames)
{
    struct grant_table *gt = d->grant;
    if (nr_frames > GRANT_MAX_FRAMES)
        return GNTST_general_error;
    while (gt->nr_frames < nr_frames) {
        unsigned int i = gt->nr_frames;
        if (grant_frame_alloc(d, &gt->shared_mfn[i], &gt->shared[i]) < 0)
            return GNTST_general_error;
        gt->nr_frames++;
    }
    return GNTST_okay;
}

static grant_entry_t *entry_of(struct grant_table *gt, grant_ref_t ref)
{
    return &gt->shared[ref / GRANT_PER_FRAME][ref % GRANT_PER_FRAME];
}

/* Recompute the entry's in-use flags from the mappings it has. */
static void update_busy_flags(struct grant_table *gt, grant_ref_t ref)
{
    grant_entry_t *e = entry_of(gt, ref);
    struct grant_active *a = &gt->active[ref];
    uint16_t set = (a->readers || a->writers ? GTF_reading : 0) |
                   (a->writers ? GTF_writing : 0);
    uint16_t old = __atomic_load_n(&e->flags, __ATOMIC_SEQ_CST);
    uint16_t want;
    do {
        want = (uint16_t)((old & ~(GTF_reading | GTF_writing)) | set);
    } while (!__atomic_compare_exchange_n(&e->flags, &old, want, 0,
                                          __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
}

static int free_handle(struct grant_table *gt)
{
    for (int h = 0; h < MAPTRACK_MAX; h++)
        if (!gt->maptrack[h].in_use)
            return h;
    return -1;
}

void grant_map(struct domain *ld, gnttab_map_grant_ref_t *op)
{
    int readonly = !!(op->flags & GNTMAP_readonly);
    int by_pte = !!(op->flags & GNTMAP_contains_pte);
    op->handle = 0;
    op->dev_bus_addr = 0;
    if (!(op->flags & GNTMAP_host_map)) {
        op->status = GNTST_general_error;   /* device mappings: no IOMMU */
        return;
    }
    struct domain *rd = domain_by_id(op->dom);
    if (!rd || rd == ld || rd->is_dying) {
        op->status = GNTST_bad_domain;
        return;
    }
    struct grant_table *rgt = rd->grant;
    if (op->ref >= rgt->nr_frames * GRANT_PER_FRAME) {
        op->status = GNTST_bad_gntref;
        return;
    }
    grant_entry_t e = *entry_of(rgt, op->ref);
    if ((e.flags & GTF_type_mask) != GTF_permit_access || e.domid != ld->id) {
        op->status = GNTST_permission_denied;
        return;
    }
    if ((e.flags & GTF_readonly) && !readonly) {
        op->status = GNTST_permission_denied;
        return;
    }
    struct grant_active *a = &rgt->active[op->ref];
    if ((a->readers || a->writers) && a->frame != e.frame) {
        op->status = GNTST_general_error;   /* frame changed while in use */
        return;
    }
    int h = free_handle(ld->grant);
    if (h < 0) {
        op->status = GNTST_no_device_space;
        return;
    }
    uint32_t addr = (uint32_t)op->host_addr;
    if ((op->host_addr >> 32) || grant_frame_hold(rd, e.frame) < 0) {
        op->status = GNTST_general_error;
        return;
    }
    if (grant_pte_install(ld, addr, by_pte, e.frame, rd, readonly,
                          !!(op->flags & GNTMAP_application_map)) < 0) {
        grant_frame_release(e.frame);
        op->status = GNTST_general_error;
        return;
    }
    a->frame = e.frame;
    if (readonly)
        a->readers++;
    else
        a->writers++;
    update_busy_flags(rgt, op->ref);
    ld->grant->maptrack[h] = (struct grant_mapping){
        .in_use = 1, .readonly = (uint8_t)readonly, .by_pte = (uint8_t)by_pte,
        .granter = rd, .ref = op->ref, .host_addr = addr,
        .frame = e.frame,
    };
    op->handle = (grant_handle_t)h;
    op->dev_bus_addr = (uint64_t)e.frame << 12;
    op->status = GNTST_okay;
}

/*
 * Forget mapping m: the granter's counts and flags follow.  A dying
 * granter's flags are left alone: domain_destroy has already given its
 * table's frames back to the heap, where they may be another domain's
 * by now, and nobody reads them again.
 */
static void drop_mapping(struct grant_mapping *m)
{
    struct grant_table *rgt = m->granter->grant;
    struct grant_active *a = &rgt->active[m->ref];
    if (m->readonly && a->readers)
        a->readers--;
    else if (!m->readonly && a->writers)
        a->writers--;
    if (!m->granter->is_dying)
        update_busy_flags(rgt, m->ref);
    m->in_use = 0;
    grant_frame_release(m->frame);  /* may free the granter: last */
}

void grant_unmap(struct domain *ld, gnttab_unmap_grant_ref_t *op)
{
    if (op->handle >= MAPTRACK_MAX || !ld->grant->maptrack[op->handle].in_use) {
        op->status = GNTST_bad_handle;
        return;
    }
    struct grant_mapping *m = &ld->grant->maptrack[op->handle];
    if (op->host_addr != m->host_addr) {
        op->status = GNTST_bad_virt_addr;
        return;
    }
    /* If the guest already changed that entry, there is nothing to undo. */
    grant_pte_remove(ld, m->host_addr, m->by_pte, m->frame);
    drop_mapping(m);
    op->status = GNTST_okay;
}

void grant_release_mappings(struct domain *d)
{
    if (!d->grant)
        return;
    for (int h = 0; h < MAPTRACK_MAX; h++)
        if (d->grant->maptrack[h].in_use)
            drop_mapping(&d->grant->maptrack[h]);
}
