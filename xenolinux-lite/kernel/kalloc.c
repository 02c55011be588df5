/*
 * The page allocator: a free list of 4 KB pages, each reachable in the
 * kernel's map.  Free pages are mapped writable; vm.c remaps a page
 * read-only while it serves as a page table and back before freeing it.
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"
#include "xenolinux-lite/kernel/mmu.h"
#include "xenolinux-lite/kernel/spinlock.h"

struct run {
    struct run *next;
};

static struct {
    struct spinlock lock;
    struct run *freelist;
    uint32_t nfree;
} kmem;

extern char end[];      /* first address after the kernel image */

/* Give the pages in [start, end) to the allocator. */
void kinit(void *start, void *stop)
{
    initlock(&kmem.lock, "kmem");
    for (char *p = (char *)PGROUNDUP(start); p + PGSIZE <= (char *)stop; p += PGSIZE)
        kfree(p);
}

void kfree(void *page)
{
    struct run *r = page;
    if ((uint32_t)page % PGSIZE || (char *)page < end ||
        V2P(page) >= npages * PGSIZE)
        panic("kfree");
    memset(page, 1, PGSIZE);        /* catch dangling uses */
    acquire(&kmem.lock);
    r->next = kmem.freelist;
    kmem.freelist = r;
    kmem.nfree++;
    release(&kmem.lock);
}

/* A free page (contents undefined), or 0 if none is left. */
void *kalloc(void)
{
    acquire(&kmem.lock);
    struct run *r = kmem.freelist;
    if (r) {
        kmem.freelist = r->next;
        kmem.nfree--;
    }
    release(&kmem.lock);
    return r;
}

uint32_t kfreepages(void)
{
    return kmem.nfree;
}
