/*
 * Other domains' grants, mapped into our kernel (see grant.h): what a
 * back end uses to reach the ring and the data pages its front end
 * granted.
 *
 * Where the mappings go.  GNTTABOP_map_grant_ref with GNTMAP_host_map
 * writes the mapping into the L1 entry of a kernel virtual address, in
 * the current address space; the L1 has to exist already.  The kernel
 * maps all our pages at KERNBASE through L1s shared by every address
 * space, so any page of ours lies in such an L1.  A window is therefore
 * a set of our own pages (from kalloc) whose kernel entries we clear:
 * the address stays, in every address space, and holds either nothing
 * or one grant mapping.  The pages' own frames stay ours, out of sight,
 * until the window is freed and their entries are put back.
 *
 * The hypervisor checks everything about a grant (that it names us,
 * that it is writable if we asked so, that the reference exists) and
 * answers per mapping; a refused mapping is an errno here and maps
 * nothing.  Unmapping flushes the TLB (the hypervisor does it when a
 * mapping goes), so nothing of the granter's page stays reachable.
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"
#include "xenolinux-lite/kernel/mmu.h"
#include "xenolinux-lite/kernel/xen.h"
#include "xenolinux-lite/kernel/grant.h"
#include "public/errno.h"

#define GNTMAP_BATCH 16         /* mappings per hypercall */
#define STATUS_UNSET 1          /* no GNTST value is positive */

/* Machine address of the kernel's L1 entry for va. */
static uint32_t kpte_ma(const void *va)
{
    return PTE_ADDR(kpgdir[PDX(va)]) + PTX(va) * 4;
}

int gntmap_window_alloc(struct gntmap_page *pages, int n)
{
    struct ptbatch b;
    int i;
    for (i = 0; i < n; i++) {
        pages[i].va = kalloc();
        pages[i].mapped = 0;
        pages[i].handle = 0;
        if (!pages[i].va)
            break;
    }
    if (i < n) {
        while (i-- > 0)
            kfree(pages[i].va);
        return -ENOMEM;
    }
    ptb_init(&b);
    for (i = 0; i < n; i++)
        ptb_set(&b, kpte_ma(pages[i].va), 0);
    ptb_flush(&b);
    return 0;
}

void gntmap_window_free(struct gntmap_page *pages, int n)
{
    struct ptbatch b;
    gntmap_unmap(pages, n);
    ptb_init(&b);
    for (int i = 0; i < n; i++)
        ptb_kmap(&b, pages[i].va, KPTE_RW);
    ptb_flush(&b);
    for (int i = 0; i < n; i++)
        kfree(pages[i].va);
}

/* The errno for a refused mapping's GNTST status. */
static int gntst_errno(int status)
{
    switch (status) {
    case GNTST_bad_domain:        return -ESRCH;
    case GNTST_bad_gntref:        return -ENOENT;
    case GNTST_permission_denied: return -EACCES;
    case GNTST_no_device_space:   return -ENOSPC;
    default:                      return -EINVAL;
    }
}

int gntmap_map(struct gntmap_page *pages, int n, domid_t dom,
               const grant_ref_t *refs, int readonly)
{
    gnttab_map_grant_ref_t op[GNTMAP_BATCH];
    if (n <= 0 || n > GNTMAP_BATCH)
        return -EINVAL;
    memset(op, 0, sizeof(op));
    for (int i = 0; i < n; i++) {
        if (pages[i].mapped)
            return -EINVAL;
        op[i].host_addr = (uint32_t)pages[i].va;
        op[i].flags = GNTMAP_host_map | (readonly ? GNTMAP_readonly : 0);
        op[i].ref = refs[i];
        op[i].dom = dom;
        op[i].status = STATUS_UNSET;
    }
    long rc = HYPERCALL3(__HYPERVISOR_grant_table_op, GNTTABOP_map_grant_ref,
                         op, n);
    /* Even if the call failed part-way, an okay status is a mapping. */
    int err = rc < 0 ? (int)rc : 0;
    for (int i = 0; i < n; i++) {
        if (op[i].status == GNTST_okay) {
            pages[i].mapped = 1;
            pages[i].handle = op[i].handle;
        } else if (err == 0) {
            err = op[i].status == STATUS_UNSET ? -EINVAL
                                               : gntst_errno(op[i].status);
        }
    }
    if (err < 0)
        gntmap_unmap(pages, n);
    return err;
}

int gntmap_unmap(struct gntmap_page *pages, int n)
{
    gnttab_unmap_grant_ref_t op[GNTMAP_BATCH];
    int err = 0;
    for (int done = 0; done < n; ) {
        int k = 0;
        struct gntmap_page *which[GNTMAP_BATCH];
        for (; done < n && k < GNTMAP_BATCH; done++) {
            if (!pages[done].mapped)
                continue;
            memset(&op[k], 0, sizeof(op[k]));
            op[k].host_addr = (uint32_t)pages[done].va;
            op[k].handle = pages[done].handle;
            op[k].status = STATUS_UNSET;
            which[k++] = &pages[done];
        }
        if (k == 0)
            continue;
        long rc = HYPERCALL3(__HYPERVISOR_grant_table_op,
                             GNTTABOP_unmap_grant_ref, op, k);
        for (int i = 0; i < k; i++) {
            which[i]->mapped = 0;
            if ((rc < 0 || op[i].status != GNTST_okay) && err == 0) {
                cprintf("grant: unmap at 0x%x refused: rc %ld status %d\n",
                        (unsigned)(uint32_t)which[i]->va, rc, op[i].status);
                err = -EINVAL;
            }
        }
    }
    return err;
}
