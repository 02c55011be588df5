/*
 * The frame table and the two frame pools.
 *
 * At boot the multiboot memory map says which frames are RAM.  The frame
 * table and the M2P are carved out of RAM just above the hypervisor image
 * and the boot modules; the first megabyte, the image and the modules are
 * reserved; everything else becomes free.  Free xenheap frames (below
 * DIRECTMAP_SIZE) are found by scanning, since the hypervisor sometimes
 * needs several contiguous pages; free domheap frames sit on a list.
 */
#include "hypervisor/include/mm.h"
#include "hypervisor/include/domain.h"
#include "hypervisor/include/console.h"
#include "hypervisor/include/lib.h"
#include "arch/x86_32/multiboot.h"

struct page_info *frame_table;
uint32_t max_mfn;
uint32_t *m2p_table;

extern char hv_image_end[];

static struct {
    uint32_t domheap_free_head;     /* list through page_info.next */
    uint32_t domheap_free;
    uint32_t xenheap_free;
    uint32_t xenheap_rover;
    uint32_t xenheap_limit;         /* first frame past the xenheap */
} pool;

/* Highest RAM frame end (exclusive) in the memory map, capped. */
static uint32_t scan_max_mfn(const struct multiboot_info *mbi)
{
    uint32_t top = 0;
    if (!(mbi->flags & MBI_MMAP)) {
        if (!(mbi->flags & MBI_MEMORY))
            panic("the boot loader gave no memory map");
        top = (1024 + mbi->mem_upper) / 4;
    } else {
        uint32_t p = mbi->mmap_addr, end = mbi->mmap_addr + mbi->mmap_length;
        while (p < end) {
            const struct multiboot_mmap_entry *e = maddr_to_virt(p);
            if (e->type == MULTIBOOT_MEMORY_AVAILABLE) {
                uint64_t last = (e->addr + e->len) >> PAGE_SHIFT;
                if (last > top)
                    top = last > MAX_RAM_FRAMES ? MAX_RAM_FRAMES : (uint32_t)last;
            }
            p += e->size + 4;
        }
    }
    return top > MAX_RAM_FRAMES ? MAX_RAM_FRAMES : top;
}

static void mark_ram(uint64_t start, uint64_t len)
{
    uint64_t first = (start + PAGE_SIZE - 1) >> PAGE_SHIFT;
    uint64_t last = (start + len) >> PAGE_SHIFT;
    for (uint64_t f = first; f < last && f < max_mfn; f++)
        frame_table[f].flags = PGF_RAM | PGF_FREE;
}

static void reserve(uint32_t first, uint32_t last)
{
    for (uint32_t f = first; f < last && f < max_mfn; f++)
        frame_table[f].flags &= ~PGF_FREE;
}

static uint32_t modules_end(const struct multiboot_info *mbi)
{
    uint32_t end = 0;
    if (mbi->flags & MBI_MODS) {
        const struct multiboot_module *m = maddr_to_virt(mbi->mods_addr);
        for (uint32_t i = 0; i < mbi->mods_count; i++)
            end = MAX(end, m[i].mod_end);
    }
    return end;
}

void frames_init(const struct multiboot_info *mbi)
{
    max_mfn = scan_max_mfn(mbi);
    if (max_mfn < (DIRECTMAP_FRAMES + 4096))
        panic("need at least %u MB of RAM, found %u MB",
              (DIRECTMAP_SIZE >> 20) + 16, max_mfn >> 8);

    /* Carve the frame table and the M2P just past image and modules. */
    uint32_t carve = MAX(virt_to_maddr(hv_image_end), modules_end(mbi));
    carve = round_pgup(carve);
    uint32_t ft_bytes = round_pgup(max_mfn * (uint32_t)sizeof(struct page_info));
    uint32_t m2p_bytes = round_pgup(max_mfn * 4);
    if (carve + ft_bytes + m2p_bytes > DIRECTMAP_SIZE / 2)
        panic("image and boot modules end at %#x: too high for the "
              "hypervisor's %u MB direct map", carve, DIRECTMAP_SIZE >> 20);
    frame_table = maddr_to_virt(carve);
    m2p_table = maddr_to_virt(carve + ft_bytes);
    memset(frame_table, 0, ft_bytes);
    memset(m2p_table, 0xFF, m2p_bytes);
    uint32_t carve_end = carve + ft_bytes + m2p_bytes;

    if (mbi->flags & MBI_MMAP) {
        uint32_t p = mbi->mmap_addr, end = mbi->mmap_addr + mbi->mmap_length;
        while (p < end) {
            const struct multiboot_mmap_entry *e = maddr_to_virt(p);
            if (e->type == MULTIBOOT_MEMORY_AVAILABLE)
                mark_ram(e->addr, e->len);
            p += e->size + 4;
        }
    } else {
        mark_ram(0, 640 * 1024);
        mark_ram(0x100000, (uint64_t)mbi->mem_upper * 1024);
    }

    reserve(0, 0x100000 >> PAGE_SHIFT);
    reserve(HV_LOAD_PADDR >> PAGE_SHIFT, carve_end >> PAGE_SHIFT);
    if (mbi->flags & MBI_MODS) {
        const struct multiboot_module *m = maddr_to_virt(mbi->mods_addr);
        for (uint32_t i = 0; i < mbi->mods_count; i++)
            reserve(m[i].mod_start >> PAGE_SHIFT,
                    (m[i].mod_end + PAGE_SIZE - 1) >> PAGE_SHIFT);
    }

    pool.xenheap_limit = DIRECTMAP_FRAMES;
    pool.xenheap_rover = carve_end >> PAGE_SHIFT;
    pool.domheap_free_head = INVALID_MFN;
    for (uint32_t f = max_mfn; f-- > 0;) {
        struct page_info *pg = &frame_table[f];
        if (!(pg->flags & PGF_FREE))
            continue;
        if (f < pool.xenheap_limit) {
            pool.xenheap_free++;
        } else {
            pg->next = pool.domheap_free_head;
            pool.domheap_free_head = f;
            pool.domheap_free++;
        }
    }
}

/* Give frames in [start, end) back (boot modules, once consumed). */
void frames_release_range(uint32_t start_maddr, uint32_t end_maddr)
{
    uint32_t first = round_pgup(start_maddr) >> PAGE_SHIFT;
    uint32_t last = end_maddr >> PAGE_SHIFT;
    for (uint32_t f = first; f < last && f < max_mfn; f++) {
        struct page_info *pg = &frame_table[f];
        if (!(pg->flags & PGF_RAM) || (pg->flags & PGF_FREE) || pg->owner)
            continue;
        if (f < HV_LOAD_PADDR >> PAGE_SHIFT)
            continue;
        pg->flags |= PGF_FREE;
        if (f < pool.xenheap_limit) {
            pool.xenheap_free++;
        } else {
            pg->next = pool.domheap_free_head;
            pool.domheap_free_head = f;
            pool.domheap_free++;
        }
    }
}

void *alloc_xenheap_pages(unsigned int n)
{
    uint32_t limit = pool.xenheap_limit, run = 0, start = 0;
    for (uint32_t k = 0; k < limit + n; k++) {
        uint32_t f = (pool.xenheap_rover + k) % limit;
        if (f == 0)
            run = 0;            /* a run cannot wrap around */
        if (!(frame_table[f].flags & PGF_FREE)) {
            run = 0;
            continue;
        }
        if (run++ == 0)
            start = f;
        if (run < n)
            continue;
        for (uint32_t i = start; i < start + n; i++) {
            frame_table[i].flags &= ~PGF_FREE;
            frame_table[i].type = FT_XEN;
            frame_table[i].owner = NULL;
        }
        pool.xenheap_free -= n;
        pool.xenheap_rover = (start + n) % limit;
        void *va = maddr_to_virt(start << PAGE_SHIFT);
        memset(va, 0, n * PAGE_SIZE);
        return va;
    }
    return NULL;
}

void free_xenheap_pages(void *va, unsigned int n)
{
    uint32_t first = virt_to_maddr(va) >> PAGE_SHIFT;
    memset(va, 0, n * PAGE_SIZE);
    for (uint32_t f = first; f < first + n; f++) {
        BUG_ON(frame_table[f].flags & PGF_FREE);
        frame_table[f].type = FT_NONE;
        frame_table[f].owner = NULL;
        frame_table[f].count = frame_table[f].type_count = 0;
        frame_table[f].flags |= PGF_FREE;
    }
    pool.xenheap_free += n;
}

uint32_t alloc_domheap_frame(struct domain *d)
{
    uint32_t mfn = pool.domheap_free_head;
    if (mfn == INVALID_MFN)
        return INVALID_MFN;
    struct page_info *pg = &frame_table[mfn];
    pool.domheap_free_head = pg->next;
    pool.domheap_free--;
    clear_frame(mfn);
    pg->flags = PGF_RAM | PGF_ALLOCATED;
    pg->owner = d;
    pg->count = 1;                  /* the allocation reference */
    pg->type_count = 0;
    pg->type = FT_NONE;
    pg->twin = 0;
    domain_page_list_add(d, mfn);
    return mfn;
}

void free_domheap_frame(uint32_t mfn)
{
    struct page_info *pg = &frame_table[mfn];
    BUG_ON((pg->flags & PGF_FREE) || pg->count || pg->type_count);
    struct domain *owner = pg->owner;
    if (owner)
        domain_page_list_remove(owner, mfn);
    clear_frame(mfn);
    pg->owner = NULL;
    pg->type = FT_NONE;
    pg->flags = PGF_RAM | PGF_FREE;
    m2p_table[mfn] = INVALID_MFN;
    pg->next = pool.domheap_free_head;
    pool.domheap_free_head = mfn;
    pool.domheap_free++;
    if (owner)
        domain_free_if_unused(owner);
}

uint32_t free_frame_count(void)
{
    return pool.domheap_free + pool.xenheap_free;
}

uint32_t ram_frame_count(void)
{
    uint32_t n = 0;
    for (uint32_t f = 0; f < max_mfn; f++)
        n += !!(frame_table[f].flags & PGF_RAM);
    return n;
}

uint32_t domheap_free_count(void)
{
    return pool.domheap_free;
}

void frames_report(enum log_level lvl)
{
    printk(lvl, "memory: %u MB tracked, %u frames free "
           "(xenheap %u, domheap %u)\n", max_mfn >> 8,
           free_frame_count(), pool.xenheap_free, pool.domheap_free);
}
