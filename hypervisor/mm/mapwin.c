/*
 * The map window: up to MAPWIN_PAGES temporary mappings of machine frames
 * in the hypervisor view, for frames outside the direct map.  Frames in
 * the direct map are returned through it and need no slot.
 */
#include "hypervisor/include/mm.h"
#include "hypervisor/include/console.h"
#include "hypervisor/include/lib.h"
#include "arch/x86_32/cpu.h"

static struct {
    uint32_t *l1;              /* the window's page table (xenheap) */
    uint32_t next;             /* where to start looking for a free slot */
} win;

void mapwin_init(uint32_t *l1)
{
    win.l1 = l1;
}

void *map_frame(uint32_t mfn)
{
    if (mfn < DIRECTMAP_FRAMES)
        return maddr_to_virt(mfn_to_maddr(mfn));
    for (uint32_t i = 0; i < MAPWIN_PAGES; i++) {
        uint32_t slot = (win.next + i) % MAPWIN_PAGES;
        if (win.l1[slot] & PTE_P)
            continue;
        win.l1[slot] = mfn_to_maddr(mfn) | PTE_P | PTE_RW | PTE_A | PTE_D;
        win.next = slot + 1;
        uint32_t va = MAPWIN_START + (slot << PAGE_SHIFT);
        invlpg(va);
        return (void *)va;
    }
    panic("map window full");
}

void unmap_frame(const void *va)
{
    uint32_t a = (uint32_t)(uintptr_t)va;
    if (a >= DIRECTMAP_START)
        return;
    BUG_ON(a < MAPWIN_START || a >= MAPWIN_START + MAPWIN_PAGES * PAGE_SIZE);
    uint32_t slot = (a - MAPWIN_START) >> PAGE_SHIFT;
    win.l1[slot] = 0;
    invlpg(a & PAGE_MASK);
}

void clear_frame(uint32_t mfn)
{
    void *p = map_frame(mfn);
    memset(p, 0, PAGE_SIZE);
    unmap_frame(p);
}

void copy_to_machine(uint32_t ma, const void *src, size_t n)
{
    const char *s = src;
    while (n) {
        uint32_t off = ma & (PAGE_SIZE - 1);
        size_t chunk = MIN(n, (size_t)(PAGE_SIZE - off));
        char *p = map_frame(ma >> PAGE_SHIFT);
        memcpy(p + off, s, chunk);
        unmap_frame(p);
        ma += (uint32_t)chunk;
        s += chunk;
        n -= chunk;
    }
}
