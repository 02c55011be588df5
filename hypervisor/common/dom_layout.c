/* Bootstrap layout of a new domain (see dom_layout.h).  Pure code. */
#include "hypervisor/include/dom_layout.h"
#include "hypervisor/include/guest_image.h"
#include "hypervisor/include/lib.h"
#include "public/xen.h"

#define PG       4096ull
#define MB4      (4ull << 20)
#define SLACK    (512ull << 10)

static uint64_t pgup(uint64_t x)
{
    return (x + PG - 1) & ~(PG - 1);
}

int dom_layout_compute(const struct guest_params *gp, uint32_t nr_pages,
                       uint32_t initrd_len, int is_dom0,
                       struct dom_layout *l, char *err, size_t errlen)
{
    memset(l, 0, sizeof(*l));
    uint64_t v_start = gp->virt_base & ~(uint64_t)(PG - 1);
    if (is_dom0)
        v_start &= ~(MB4 - 1);
    uint64_t v = pgup(gp->kern_end);
    l->v_kern_end = (uint32_t)v;
    if (initrd_len) {
        l->v_initrd = (uint32_t)v;
        l->initrd_len = initrd_len;
        v = pgup(v + initrd_len);
    }
    l->v_p2m = (uint32_t)v;
    v = pgup(v + (uint64_t)nr_pages * 4);
    l->v_start_info = (uint32_t)v;
    v += PG;
    if (!is_dom0) {
        l->v_store = (uint32_t)v;
        v += PG;
        l->v_console = (uint32_t)v;
        v += PG;
    }
    uint64_t v_pt = v, v_end = 0;
    uint32_t nr_pt;
    /* The smallest table count that maps everything, tables included. */
    for (nr_pt = 2;; nr_pt++) {
        uint64_t stack_end = v_pt + (uint64_t)nr_pt * PG + PG;
        v_end = (stack_end + MB4 - 1) & ~(MB4 - 1);
        if (v_end - stack_end < SLACK)
            v_end += MB4;
        uint64_t l1s = ((v_end + MB4 - 1) / MB4) - (v_start / MB4);
        if (1 + l1s <= nr_pt)
            break;
        if (nr_pt > 1024) {
            snprintf(err, errlen, "no page-table count fits the layout");
            return -1;
        }
    }
    if (v_end > HYPERVISOR_VIRT_START) {
        snprintf(err, errlen, "bootstrap area %#llx-%#llx reaches the "
                 "hypervisor's area at %#x", (unsigned long long)v_start,
                 (unsigned long long)v_end, HYPERVISOR_VIRT_START);
        return -1;
    }
    l->v_start = (uint32_t)v_start;
    l->v_pt = (uint32_t)v_pt;
    l->nr_pt_frames = nr_pt;
    l->v_stack = (uint32_t)(v_pt + (uint64_t)nr_pt * PG);
    l->v_end = (uint32_t)v_end;
    l->nr_pages = nr_pages;
    l->bootstrap_pages = (uint32_t)((v_end - v_start) / PG);
    if (l->bootstrap_pages > nr_pages) {
        snprintf(err, errlen, "the kernel and its bootstrap area need %u KB "
                 "(%#x-%#x), but the domain has only %u KB", l->bootstrap_pages * 4,
                 l->v_start, l->v_end, nr_pages * 4);
        return -1;
    }
    if (gp->has_hypercall_page &&
        (gp->hypercall_page < gp->kern_start ||
         gp->hypercall_page + PG > pgup(gp->kern_end) ||
         (gp->hypercall_page & (PG - 1)))) {
        snprintf(err, errlen, "hypercall page %#x is not a page of the "
                 "kernel image (%#x-%#x)", gp->hypercall_page, gp->kern_start,
                 gp->kern_end);
        return -1;
    }
    return 0;
}
