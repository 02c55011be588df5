/*
 * Pseudo-physical memory: which machine frame backs each of our pages,
 * and the kernel's map of all of them.
 *
 * The domain builder gave us nr_pages frames, numbered 0..nr_pages-1
 * (pseudo-physical frame numbers, pfn).  Two tables translate:
 *
 *   P2M  pfn -> mfn   ours, at start_info->mfn_list
 *   M2P  mfn -> pfn   the hypervisor's, read-only at 0xFC000000
 *
 * The builder mapped only a bootstrap area (our image, the ramdisk, the
 * P2M, start_info, its page tables, a stack and some slack) at KERNBASE.
 * pmapinit() extends that map to every page we own, KERNBASE + pfn*4096,
 * with new L1s taken from the slack.  Those L1s, like the bootstrap L2
 * and L1s, are shared by every address space (vm.c copies the kernel's L2
 * slots into each process's L2), so they are filled in once, here.
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"
#include "xenolinux-lite/kernel/mmu.h"
#include "xenolinux-lite/kernel/xen.h"

uint32_t *p2m;
uint32_t *kpgdir;
uint32_t npages;

#define MAX_KERNEL_PAGES ((HYPERVISOR_VIRT_START - KERNBASE) / PGSIZE)
#define L1S_PER_ROUND 16

const uint32_t *kpte(const void *va)
{
    const uint32_t *l1 = pte2v(kpgdir[PDX(va)]);
    return &l1[PTX(va)];
}

/*
 * Map pfns [mapped, want) at KERNBASE with new L1s.  Each round fills up
 * to L1S_PER_ROUND free, already mapped pages with entries, and in one
 * multicall makes them read-only, hooks them into the kernel's L2 and
 * pins them.  Returns the first pfn still free.
 */
static uint32_t extend_kernel_map(uint32_t free_pfn, uint32_t mapped,
                                  uint32_t want)
{
    uint32_t live = mapped;
    while (mapped < want) {
        struct ptbatch b;
        mmuext_op_t pins[L1S_PER_ROUND];
        int n = 0;
        ptb_init(&b);
        while (mapped < want && n < L1S_PER_ROUND && free_pfn < live) {
            uint32_t *l1 = P2V(free_pfn << PGSHIFT);
            free_pfn++;
            for (uint32_t i = 0; i < NPTENTRIES; i++) {
                uint32_t pfn = mapped + i;
                l1[i] = pfn < want ? (p2m[pfn] << PGSHIFT) | KPTE_RW : 0;
            }
            ptb_kmap(&b, l1, KPTE_RO);
            ptb_set(&b, v2ma(&kpgdir[PDX(KERNBASE + mapped * PGSIZE)]),
                    (v2mfn(l1) << PGSHIFT) | KPTE_RW);
            memset(&pins[n], 0, sizeof(pins[n]));
            pins[n].cmd = MMUEXT_PIN_L1_TABLE;
            pins[n].arg1.mfn = v2mfn(l1);
            n++;
            mapped = mapped + NPTENTRIES < want ? mapped + NPTENTRIES : want;
        }
        if (n == 0)
            panic("pmapinit: no free page for an L1");
        ptb_commit(&b, 0, 0, pins, n);
        live = mapped;
    }
    return free_pfn;
}

/* Set up the P2M, map all our pages and give the free ones to kalloc. */
void pmapinit(void)
{
    p2m = (uint32_t *)start_info->mfn_list;
    kpgdir = (uint32_t *)start_info->pt_base;

    /* The bootstrap stack ends the builder's allocations; we run on our own. */
    uint32_t free_pfn = PFN(start_info->pt_base) + start_info->nr_pt_frames + 1;
    uint32_t mapped = 0;
    for (uint32_t s = KERN_FIRST_SLOT; s < HV_FIRST_SLOT && (kpgdir[s] & PTE_P); s++)
        mapped += NPTENTRIES;
    uint32_t want = start_info->nr_pages;
    if (want > MAX_KERNEL_PAGES)
        want = MAX_KERNEL_PAGES;
    if (mapped > want)
        mapped = want;
    if (mapped % NPTENTRIES && mapped < want)
        panic("pmapinit: bootstrap map not whole L1s");
    if (free_pfn >= mapped)
        panic("pmapinit: no slack");
    free_pfn = extend_kernel_map(free_pfn, mapped, want);
    npages = want;
    kinit(P2V(free_pfn << PGSHIFT), P2V(npages << PGSHIFT));
}
