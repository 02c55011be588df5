/*
 * The hypervisor's 16 L2 slots, in the guest view and the hypervisor view
 * (see arch/x86_32/memlayout.h for the picture and the reason).
 *
 * Slot 1008 is the only slot present in the guest view.  Two L1s serve it:
 *   guest_m2p_l1: the M2P and the trampoline read-only, the entry stack
 *                 writable (the CPU pushes the entry frame there);
 *   hv_m2p_l1:    the same frames, writable where the hypervisor writes.
 * The hypervisor view adds the map window (slot 1012) and the 32 MB direct
 * map in 4 MB pages (slots 1016-1023).
 */
#include "hypervisor/include/mm.h"
#include "hypervisor/include/console.h"
#include "hypervisor/include/lib.h"
#include "arch/x86_32/cpu.h"

extern char tramp_text_start[], tramp_text_end[], tramp_text_paddr[];

#define HV_PTE     (PTE_P | PTE_RW | PTE_A | PTE_D)
#define HV_PTE_RO  (PTE_P | PTE_A)
#define HV_PDE     (PTE_P | PTE_RW | PTE_A | PTE_D)

static struct {
    uint32_t *guest_m2p_l1;
    uint32_t *hv_m2p_l1;
    uint32_t *mapwin_l1;
    uint32_t *idle_l2;
    uint32_t zero_page;         /* maddr: stands in for absent GDT/LDT pages */
} slots;

/* Map the trampoline page at index i (from TRAMP_START) in both L1s. */
static void tramp_map(unsigned int i, uint32_t maddr, int guest_writable,
                      int hv_writable)
{
    unsigned int idx = l1_index(TRAMP_START) + i;
    slots.guest_m2p_l1[idx] = maddr | (guest_writable ? HV_PTE : HV_PTE_RO);
    slots.hv_m2p_l1[idx] = maddr | (hv_writable ? HV_PTE : HV_PTE_RO);
}

static uint32_t new_tramp_page(void)
{
    void *p = alloc_xenheap_pages(1);
    if (!p)
        panic("out of memory for the entry trampoline");
    return virt_to_maddr(p);
}

void hv_slots_init(void)
{
    slots.guest_m2p_l1 = alloc_xenheap_pages(1);
    slots.hv_m2p_l1 = alloc_xenheap_pages(1);
    slots.mapwin_l1 = alloc_xenheap_pages(1);
    slots.idle_l2 = alloc_xenheap_pages(1);
    if (!slots.idle_l2)
        panic("out of memory for the hypervisor page tables");

    /* The M2P: as many pages as max_mfn needs, below the trampoline. */
    uint32_t m2p_pages = round_pgup(max_mfn * 4) >> PAGE_SHIFT;
    BUG_ON(M2P_VIRT_START + (m2p_pages << PAGE_SHIFT) > TRAMP_START);
    uint32_t m2p_ma = virt_to_maddr(m2p_table);
    for (uint32_t i = 0; i < m2p_pages; i++) {
        slots.guest_m2p_l1[i] = (m2p_ma + (i << PAGE_SHIFT)) | HV_PTE_RO;
        slots.hv_m2p_l1[i] = (m2p_ma + (i << PAGE_SHIFT)) | HV_PTE;
    }

    /* Trampoline: the guest's GDT pages and LDT (none yet: a zero page), */
    slots.zero_page = new_tramp_page();
    tramp_set_guest_desc(NULL, 0, NULL, 0);
    /* the hypervisor's GDT page, IDT and TSS, per-CPU entry data, */
    tramp_map(TRAMP_GDT_PAGES - 1, new_tramp_page(), 0, 1);
    tramp_map((TRAMP_IDT - TRAMP_START) >> PAGE_SHIFT, new_tramp_page(), 0, 1);
    tramp_map((TRAMP_PERCPU - TRAMP_START) >> PAGE_SHIFT, new_tramp_page(), 0, 1);
    /* the entry stubs from the image, */
    uint32_t text_pages =
        round_pgup((uint32_t)(tramp_text_end - tramp_text_start)) >> PAGE_SHIFT;
    BUG_ON(text_pages > TRAMP_TEXT_PAGES);
    for (uint32_t i = 0; i < text_pages; i++)
        tramp_map(((TRAMP_TEXT - TRAMP_START) >> PAGE_SHIFT) + i,
                  (uint32_t)(uintptr_t)tramp_text_paddr + (i << PAGE_SHIFT), 0, 0);
    /* and the entry stack, the one page a guest may write. */
    tramp_map((TRAMP_STACK - TRAMP_START) >> PAGE_SHIFT, new_tramp_page(), 1, 1);

    mapwin_init(slots.mapwin_l1);
    hv_slots_fill_hv_view(slots.idle_l2);
    write_cr3(virt_to_maddr(slots.idle_l2));
}

uint32_t hv_slot_guest_value(unsigned int slot)
{
    return slot == M2P_SLOT ? (virt_to_maddr(slots.guest_m2p_l1) | HV_PDE) : 0;
}

void hv_slots_fill_guest_view(uint32_t *l2)
{
    for (unsigned int s = HV_FIRST_SLOT; s < L2_ENTRIES; s++)
        l2[s] = hv_slot_guest_value(s);
}

void hv_slots_fill_hv_view(uint32_t *l2)
{
    for (unsigned int s = HV_FIRST_SLOT; s < L2_ENTRIES; s++)
        l2[s] = 0;
    l2[M2P_SLOT] = virt_to_maddr(slots.hv_m2p_l1) | HV_PDE;
    l2[MAPWIN_SLOT] = virt_to_maddr(slots.mapwin_l1) | HV_PDE;
    for (unsigned int i = 0; i < DIRECTMAP_SIZE >> L2_SHIFT; i++)
        l2[DIRECTMAP_SLOT + i] = (i << L2_SHIFT) | HV_PDE | PTE_PSE;
}

/* Map n frames (or the zero page) at trampoline page index first.. */
static void tramp_map_frames(unsigned int first, unsigned int pages,
                             const uint32_t *mfns, unsigned int n)
{
    for (unsigned int i = 0; i < pages; i++) {
        uint32_t ma = i < n ? mfn_to_maddr(mfns[i]) : slots.zero_page;
        tramp_map(first + i, ma, 0, 0);
        invlpg(TRAMP_START + ((first + i) << PAGE_SHIFT));
    }
}

void tramp_set_guest_desc(const uint32_t *gdt_mfns, unsigned int n_gdt,
                          const uint32_t *ldt_mfns, unsigned int n_ldt)
{
    tramp_map_frames(0, TRAMP_GUEST_GDT_PAGES, gdt_mfns, n_gdt);
    tramp_map_frames((TRAMP_LDT - TRAMP_START) >> PAGE_SHIFT, TRAMP_LDT_PAGES,
                     ldt_mfns, n_ldt);
}

uint32_t idle_l2_maddr(void)
{
    return virt_to_maddr(slots.idle_l2);
}

uint32_t twin_create(uint32_t guest_l2_mfn)
{
    uint32_t *twin = alloc_xenheap_pages(1);
    if (!twin)
        return INVALID_MFN;
    const uint32_t *g = map_frame(guest_l2_mfn);
    memcpy(twin, g, HV_FIRST_SLOT * sizeof(uint32_t));
    unmap_frame(g);
    hv_slots_fill_hv_view(twin);
    return virt_to_maddr(twin) >> PAGE_SHIFT;
}

void twin_set_entry(uint32_t twin_mfn, unsigned int slot, uint32_t val)
{
    BUG_ON(slot >= HV_FIRST_SLOT);
    uint32_t *twin = maddr_to_virt(mfn_to_maddr(twin_mfn));
    twin[slot] = val;
}

void twin_destroy(uint32_t twin_mfn)
{
    BUG_ON(read_cr3() == mfn_to_maddr(twin_mfn));
    free_xenheap_pages(maddr_to_virt(mfn_to_maddr(twin_mfn)), 1);
}
