/*
 * Releasing a dying domain's memory.
 *
 * The caller first drops what its vCPUs hold (CR3 and descriptor-table
 * references).  Then every pin goes: with no pins and no CR3 nothing keeps
 * an L2 validated (only pins and CR3 take L2 references), so every table
 * is de-validated and drops what its entries held.  Last, each frame's
 * allocation reference goes.  A frame nobody else references is freed and
 * scrubbed at once; one that another domain still maps (a foreign or
 * grant mapping) is freed when that mapping goes.
 */
#include "hypervisor/include/frame.h"
#include "hypervisor/include/domain.h"
#include "hypervisor/include/relinquish.h"

void domain_relinquish_frames(struct domain *d)
{
    for (uint32_t mfn = d->page_head; mfn != INVALID_MFN;
         mfn = mfn_to_page(mfn)->next) {
        struct page_info *pg = mfn_to_page(mfn);
        if (pg->flags & PGF_PINNED) {
            pg->flags &= ~PGF_PINNED;
            put_page_and_type(mfn);
        }
    }
    uint32_t mfn = d->page_head;
    while (mfn != INVALID_MFN) {
        struct page_info *pg = mfn_to_page(mfn);
        uint32_t next = pg->next;
        if (pg->flags & PGF_ALLOCATED) {
            pg->flags &= ~PGF_ALLOCATED;
            put_page(mfn);      /* frees it if nothing else holds it */
        }
        mfn = next;
    }
}
