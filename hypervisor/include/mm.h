/*
 * Machine memory.
 *
 * Every machine frame below max_mfn has a struct page_info in the frame
 * table (frame.h) saying who owns it and what it is used as.  Frames come
 * from two pools: the xenheap (below DIRECTMAP_SIZE, always mapped in the
 * hypervisor view, for the hypervisor's own structures) and the domheap
 * (everything above, for guests, reached through the map window).
 */
#ifndef HV_MM_H
#define HV_MM_H
#include <stdint.h>
#include <stddef.h>
#include "arch/x86_32/paging.h"
#include "arch/x86_32/memlayout.h"
#include "hypervisor/include/frame.h"
#include "hypervisor/include/console.h"

struct domain;

/* We manage at most 1 GB of RAM; frames above are left unused. */
#define MAX_RAM_FRAMES 0x40000u

extern uint32_t *m2p_table;     /* writable view of the M2P */

/* Boot: read the memory map, reserve what is in use, set up the pools. */
struct multiboot_info;
void frames_init(const struct multiboot_info *mbi);
void frames_release_range(uint32_t start_maddr, uint32_t end_maddr);
void frames_report(enum log_level lvl);

/* xenheap: hypervisor memory, returned as direct-map pointers, zeroed. */
void *alloc_xenheap_pages(unsigned int n);
void free_xenheap_pages(void *va, unsigned int n);

/*
 * domheap: a zeroed frame for d, on d's list, holding one reference (the
 * allocation reference), or INVALID_MFN.
 */
uint32_t alloc_domheap_frame(struct domain *d);
/* Unlink an unreferenced frame from its owner, scrub it, give it back. */
void free_domheap_frame(uint32_t mfn);
uint32_t free_frame_count(void);
uint32_t domheap_free_count(void);
uint32_t ram_frame_count(void);

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
/*
 * Show a vCPU's descriptor frames in the trampoline: GDT pages 0..n_gdt-1
 * and LDT pages 0..n_ldt-1 (read-only); the rest show a zero page.
 */
void tramp_set_guest_desc(const uint32_t *gdt_mfns, unsigned int n_gdt,
                          const uint32_t *ldt_mfns, unsigned int n_ldt);
/* The hypervisor-only page directory used at boot and when idle. */
uint32_t idle_l2_maddr(void);

/*
 * Twins: for each guest L2 in use, a hypervisor-owned L2 with the same
 * slots 0-1007 and the hypervisor view in 1008-1023.  Entry stubs load it.
 */
uint32_t twin_create(uint32_t guest_l2_mfn);
void twin_set_entry(uint32_t twin_mfn, unsigned int slot, uint32_t val);
void twin_destroy(uint32_t twin_mfn);

/*
 * A flush the validator asked for is done before the hypervisor next
 * touches guest memory, and anyway by the CR3 load on every exit.
 */
void tlb_flush_if_requested(void);
void tlb_flush_done(void);

/* Copies between the hypervisor and the current guest's address space. */
int copy_from_guest(void *dst, uint32_t gva, size_t n);
int copy_to_guest(uint32_t gva, const void *src, size_t n);
#endif
