/*
 * Machine memory.
 *
 * Every machine frame below max_mfn has a struct page_info in the frame
 * table saying who owns it and what it is used as.  Frames come from two
 * pools: the xenheap (below DIRECTMAP_SIZE, always mapped in the
 * hypervisor view, for the hypervisor's own structures) and the domheap
 * (everything above, for guests, reached through the map window).
 */
#ifndef HV_MM_H
#define HV_MM_H
#include <stdint.h>
#include <stddef.h>
#include "arch/x86_32/paging.h"
#include "arch/x86_32/memlayout.h"

struct domain;

#define INVALID_MFN 0xFFFFFFFFu

/* We manage at most 1 GB of RAM; frames above are left unused. */
#define MAX_RAM_FRAMES 0x40000u

/*
 * Frame types.  A frame holds one type at a time; see issue "direct
 * validated paging" for the counting rules that the validator enforces.
 */
enum frame_type {
    FT_NONE,        /* free, or not yet used */
    FT_WRITABLE,    /* ordinary guest memory: may be mapped writable */
    FT_L1,          /* a guest page table */
    FT_L2,          /* a guest page directory */
    FT_DESC,        /* a guest GDT or LDT page */
    FT_XEN,         /* the hypervisor's own (xenheap) */
    FT_XEN_SHARED,  /* a hypervisor page shared writable with its owner */
};

struct page_info {
    struct domain *owner;       /* NULL: the hypervisor's or free */
    uint32_t count;             /* general references */
    uint16_t type;              /* enum frame_type */
    uint16_t type_count;        /* references under that type */
    uint32_t flags;             /* PGF_* */
    uint32_t next;              /* next frame of the owner's list */
};

#define PGF_FREE     0x1        /* in the allocator */
#define PGF_PINNED   0x2        /* a page-table frame pinned by its owner */
#define PGF_RAM      0x4        /* RAM (from the memory map) */

extern struct page_info *frame_table;
extern uint32_t max_mfn;        /* frames 0 .. max_mfn-1 are tracked */
extern uint32_t *m2p_table;     /* writable view of the M2P */

static inline struct page_info *mfn_to_page(uint32_t mfn)
{
    return &frame_table[mfn];
}

static inline int mfn_valid(uint32_t mfn)
{
    return mfn < max_mfn;
}

/* Boot: read the memory map, reserve what is in use, set up the pools. */
struct multiboot_info;
void frames_init(const struct multiboot_info *mbi);
void frames_release_range(uint32_t start_maddr, uint32_t end_maddr);
void frames_report(void);

/* xenheap: hypervisor memory, returned as direct-map pointers, zeroed. */
void *alloc_xenheap_pages(unsigned int n);
void free_xenheap_pages(void *va, unsigned int n);

/* domheap: a zeroed frame for d (added to d's list), or INVALID_MFN. */
uint32_t alloc_domheap_frame(struct domain *d);
/* Scrub the frame and give it back; it must be d's and unreferenced. */
void free_domheap_frame(struct domain *d, uint32_t mfn);
uint32_t free_frame_count(void);
uint32_t domheap_free_count(void);

/* Map window: temporary hypervisor mappings of any machine frame. */
void mapwin_init(uint32_t *l1);
void *map_frame(uint32_t mfn);
void unmap_frame(const void *va);
void clear_frame(uint32_t mfn);
/* Copy n bytes to/from machine memory at ma, possibly crossing frames. */
void copy_to_machine(uint32_t ma, const void *src, size_t n);

/*
 * The hypervisor's slots 1008-1023, in their two views (memlayout.h).
 * hv_slots_init() builds the shared L1s once; the fill functions write the
 * 16 slots of an L2 (given through any writable mapping).
 */
void hv_slots_init(void);
void hv_slots_fill_guest_view(uint32_t *l2);
void hv_slots_fill_hv_view(uint32_t *l2);
/* The hypervisor-only page directory used at boot and when idle. */
uint32_t idle_l2_maddr(void);

/*
 * Twins: for each guest L2 in use, a hypervisor-owned L2 with the same
 * slots 0-1007 and the hypervisor view in 1008-1023.  Entry stubs load it.
 */
uint32_t twin_create(uint32_t guest_l2_mfn);
void twin_set_entry(uint32_t twin_mfn, unsigned int slot, uint32_t val);
void twin_destroy(uint32_t twin_mfn);

/* Copies between the hypervisor and the current guest's address space. */
int copy_from_guest(void *dst, uint32_t gva, size_t n);
int copy_to_guest(uint32_t gva, const void *src, size_t n);
#endif
