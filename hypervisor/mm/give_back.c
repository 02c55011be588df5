/*
 * Giving a frame back, the one-frame form of what relinquish.c does for
 * a dying domain.
 *
 * A guest may give back any frame it holds, whatever it is using it for:
 * the reference counts (frame.h) keep the frame alive while anything
 * still uses it.  A frame mapped by an L1 entry (the guest's own, or a
 * foreign or grant mapping of dom0's), used as a page table by an L2 or
 * as CR3, or loaded as a GDT or LDT page holds a general reference for
 * each such use, so dropping the allocation reference frees it only when
 * the last use goes.  The pin is a reference of its own, which we drop
 * too.  Without the allocation reference get_page() refuses the frame,
 * so the guest cannot map it again or pin it meanwhile.
 *
 * Frames the hypervisor shares with the domain (shared_info, the grant
 * table) never carry an allocation reference: the hypervisor keeps them
 * until the domain dies, and they cannot be given back.
 */
#include "hypervisor/include/frame.h"
#include "hypervisor/include/give_back.h"

int give_back_frame(struct domain *d, uint32_t mfn)
{
    if (!mfn_valid(mfn) || !(mfn_to_page(mfn)->flags & PGF_RAM))
        return refuse("frame %#x is not RAM", mfn);
    struct page_info *pg = mfn_to_page(mfn);
    if (pg->owner != d)
        return refuse("frame %#x is not the domain's", mfn);
    if (pg->type == FT_XEN_SHARED)
        return refuse("frame %#x is shared by the hypervisor", mfn);
    if (!(pg->flags & PGF_ALLOCATED))
        return refuse("frame %#x was given back already", mfn);
    if (pg->flags & PGF_PINNED) {
        pg->flags &= ~PGF_PINNED;
        put_page_and_type(mfn);
    }
    pg->flags &= ~PGF_ALLOCATED;
    put_page(mfn);          /* freed now, or when its last use goes */
    return 0;
}
