/*
 * Each domain's frames on a list in allocation order, linked through the
 * frame table, so that teardown and getmemlist need no other memory.
 */
#include "hypervisor/include/frame.h"
#include "hypervisor/include/domain.h"

void domain_page_list_add(struct domain *d, uint32_t mfn)
{
    struct page_info *pg = mfn_to_page(mfn);
    pg->next = INVALID_MFN;
    pg->prev = d->page_tail;
    if (d->page_tail != INVALID_MFN)
        mfn_to_page(d->page_tail)->next = mfn;
    else
        d->page_head = mfn;
    d->page_tail = mfn;
    d->tot_pages++;
}

void domain_page_list_remove(struct domain *d, uint32_t mfn)
{
    struct page_info *pg = mfn_to_page(mfn);
    if (pg->prev != INVALID_MFN)
        mfn_to_page(pg->prev)->next = pg->next;
    else
        d->page_head = pg->next;
    if (pg->next != INVALID_MFN)
        mfn_to_page(pg->next)->prev = pg->prev;
    else
        d->page_tail = pg->prev;
    pg->next = pg->prev = INVALID_MFN;
    d->tot_pages--;
}
