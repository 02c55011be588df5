/*
 * The validator's environment in the hypervisor (validate.h): how it maps
 * frames, keeps twins, flushes the TLB and releases frames.  The unit
 * tests provide the same functions over fake memory.
 */
#include "hypervisor/include/validate.h"
#include "hypervisor/include/mm.h"
#include "hypervisor/include/domain.h"
#include "hypervisor/include/console.h"
#include "public/errno.h"
#include "arch/x86_32/cpu.h"

/* Set when a mapping was removed or downgraded; owned by this CPU. */
static int tlb_flush_pending;

uint32_t *frame_map(uint32_t mfn)
{
    return map_frame(mfn);
}

void frame_unmap(uint32_t *words)
{
    unmap_frame(words);
}

int twin_attach(uint32_t l2_mfn)
{
    uint32_t twin = twin_create(l2_mfn);
    if (twin == INVALID_MFN)
        return -ENOMEM;
    mfn_to_page(l2_mfn)->twin = twin;
    return 0;
}

void twin_sync(uint32_t l2_mfn, unsigned int slot, uint32_t val)
{
    uint32_t twin = mfn_to_page(l2_mfn)->twin;
    if (twin)
        twin_set_entry(twin, slot, val);
}

void twin_release(uint32_t l2_mfn)
{
    struct page_info *pg = mfn_to_page(l2_mfn);
    if (pg->twin) {
        twin_destroy(pg->twin);
        pg->twin = 0;
    }
}

void tlb_flush_request(void)
{
    tlb_flush_pending = 1;
}

void tlb_flush_if_requested(void)
{
    if (tlb_flush_pending) {
        tlb_flush_pending = 0;
        flush_tlb_local();
    }
}

void tlb_flush_done(void)
{
    tlb_flush_pending = 0;
}

void frame_release(uint32_t mfn)
{
    struct page_info *pg = mfn_to_page(mfn);
    if (pg->type == FT_XEN_SHARED) {
        pg->owner = NULL;
        pg->type = FT_XEN;
        free_xenheap_pages(maddr_to_virt(mfn_to_maddr(mfn)), 1);
        return;
    }
    free_domheap_frame(mfn);
}

int domain_is_privileged(const struct domain *d)
{
    return d && d->is_privileged;
}
