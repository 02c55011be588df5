/*
 * Where the domain builder puts things in a new domain's bootstrap area
 * (ABI 11.4), computed from the image's parameters alone so that the same
 * code serves the hypervisor's dom0 builder, dom0's domain builder and the
 * unit tests.
 *
 * Pseudo-physical frame n is mapped at v_start + n * 4096 for every n in
 * [0, (v_end - v_start) / 4096); the items follow each other in this
 * order, each page aligned:
 *
 *   kernel | initrd | P2M list | start_info | [store | console] |
 *   page tables (L2 first, then L1s) | stack | slack up to v_end
 *
 * store and console exist for a domU only.  v_end is the stack's end
 * rounded up to 4 MB, with 4 MB more if that leaves under 512 KB of slack.
 */
#ifndef HV_DOM_LAYOUT_H
#define HV_DOM_LAYOUT_H
#include <stddef.h>
#include <stdint.h>

struct guest_params;

struct dom_layout {
    uint32_t v_start;           /* VA of pseudo-physical frame 0 */
    uint32_t v_kern_end;        /* end of the kernel, page aligned */
    uint32_t v_initrd, initrd_len;
    uint32_t v_p2m;             /* nr_pages 32-bit entries */
    uint32_t v_start_info;
    uint32_t v_store, v_console;/* 0 for dom0 */
    uint32_t v_pt;              /* the L2; the L1s follow */
    uint32_t nr_pt_frames;      /* 1 + number of L1s */
    uint32_t v_stack;           /* one page; ESP starts at its top */
    uint32_t v_end;             /* end of the mapped bootstrap area */
    uint32_t nr_pages;          /* the domain's memory, in pages */
    uint32_t bootstrap_pages;   /* (v_end - v_start) / 4096 */
};

/*
 * Fill *l for a domain of nr_pages pages, with an initrd of initrd_len
 * bytes (0: none).  is_dom0 selects Xen's dom0 rules (v_start rounded down
 * to 4 MB, no store or console pages).  Returns 0, or -1 with a message in
 * err: the area would reach the hypervisor, or nr_pages is too small.
 */
int dom_layout_compute(const struct guest_params *gp, uint32_t nr_pages,
                       uint32_t initrd_len, int is_dom0,
                       struct dom_layout *l, char *err, size_t errlen);

static inline uint32_t layout_pfn(const struct dom_layout *l, uint32_t va)
{
    return (va - l->v_start) >> 12;
}
#endif
