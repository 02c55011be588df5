/*
 * Building dom0 from the first boot module, as Xen 3.0.4's construct_dom0
 * does (ABI 11.4 and 11.5):
 *
 *   1. parse the kernel's ELF image and Xen parameters;
 *   2. compute the bootstrap layout for dom0's memory and the ramdisk;
 *   3. give dom0 its frames (PFN n -> any free machine frame), fill the
 *      M2P, load the kernel, copy the ramdisk, write the P2M list;
 *   4. build the bootstrap page tables: every PFN of the bootstrap area
 *      mapped at v_start + n * 4096, the page-table frames read-only; then
 *      pin the L2 through the validator, which checks every entry and
 *      takes every reference, as for any table a guest makes;
 *   5. write start_info and the hypercall page;
 *   6. set up vCPU 0 to enter the kernel in ring 1 with ESI -> start_info.
 */
#include "hypervisor/include/dom0_build.h"
#include "hypervisor/include/guest_image.h"
#include "hypervisor/include/dom_layout.h"
#include "hypervisor/include/domain.h"
#include "hypervisor/include/mm.h"
#include "hypervisor/include/validate.h"
#include "hypervisor/include/descriptors.h"
#include "hypervisor/include/hypercall.h"
#include "hypervisor/include/console.h"
#include "hypervisor/include/lib.h"
#include "public/xen.h"
#include "arch/x86_32/eflags.h"

#define L1_PROT (PTE_P | PTE_RW | PTE_A)
#define L2_PROT (PTE_P | PTE_RW | PTE_A | PTE_D | PTE_US)

struct builder {
    struct domain *d;
    const struct dom_layout *l;
    uint32_t *p2m;              /* PFN -> MFN, in hypervisor memory */
};

static uint32_t va_to_mfn(const struct builder *b, uint32_t va)
{
    return b->p2m[layout_pfn(b->l, va)];
}

static void write_guest_va(void *ctx, uint32_t va, const void *src, uint32_t n)
{
    const struct builder *b = ctx;
    const char *s = src;
    while (n) {
        uint32_t off = va & (PAGE_SIZE - 1);
        uint32_t chunk = MIN(n, PAGE_SIZE - off);
        char *p = map_frame(va_to_mfn(b, va));
        if (s)
            memcpy(p + off, s, chunk);
        else
            memset(p + off, 0, chunk);
        unmap_frame(p);
        va += chunk;
        n -= chunk;
        if (s)
            s += chunk;
    }
}

static void zero_guest_va(void *ctx, uint32_t va, uint32_t n)
{
    write_guest_va(ctx, va, NULL, n);
}

/* Write the 128 hypercall stubs (ABI 1.2) into the page at va. */
static void write_hypercall_page(const struct builder *b, uint32_t va)
{
    uint8_t *p = map_frame(va_to_mfn(b, va));
    hypercall_page_fill(p);
    unmap_frame(p);
}

/* Write the bootstrap L2 and L1s into their frames (not yet validated). */
static void build_page_tables(const struct builder *b)
{
    const struct dom_layout *l = b->l;
    uint32_t l2_mfn = va_to_mfn(b, l->v_pt);
    uint32_t *l2 = map_frame(l2_mfn);
    uint32_t pt_first = layout_pfn(l, l->v_pt);
    uint32_t pt_last = pt_first + l->nr_pt_frames;
    uint32_t next_l1 = pt_first + 1;
    uint32_t *l1 = NULL;

    memset(l2, 0, PAGE_SIZE);
    for (uint32_t pfn = 0; pfn < l->bootstrap_pages; pfn++) {
        uint32_t va = l->v_start + (pfn << PAGE_SHIFT);
        if (!l1 || l1_index(va) == 0) {
            if (l1)
                unmap_frame(l1);
            uint32_t l1_mfn = b->p2m[next_l1++];
            BUG_ON(next_l1 > pt_last);
            l2[l2_index(va)] = mfn_to_maddr(l1_mfn) | L2_PROT;
            l1 = map_frame(l1_mfn);
        }
        uint32_t prot = L1_PROT;
        if (pfn >= pt_first && pfn < pt_last)
            prot &= ~PTE_RW;        /* page tables: read-only to the guest */
        l1[l1_index(va)] = mfn_to_maddr(b->p2m[pfn]) | prot;
    }
    if (l1)
        unmap_frame(l1);
    unmap_frame(l2);
}

/* Pin the bootstrap L2 (validating the tables) and make it v's CR3. */
static int pin_bootstrap_tables(struct vcpu *v, uint32_t l2_mfn, char *err,
                                size_t errlen)
{
    if (get_page_and_type(l2_mfn, v->domain, FT_L2) < 0 ||
        vcpu_new_baseptr(v, l2_mfn) < 0) {
        snprintf(err, errlen, "bootstrap page tables refused: %s", mm_why());
        return -1;
    }
    mfn_to_page(l2_mfn)->flags |= PGF_PINNED;
    return 0;
}

static void write_start_info(const struct builder *b, const char *cmdline,
                             uint32_t flags)
{
    const struct dom_layout *l = b->l;
    start_info_t si;
    memset(&si, 0, sizeof(si));
    strlcpy_hv(si.magic, "xen-3.0-x86_32", sizeof(si.magic));
    si.nr_pages = l->nr_pages;
    si.shared_info = mfn_to_maddr(b->d->shared_info_mfn);
    si.flags = flags;
    si.pt_base = l->v_pt;
    si.nr_pt_frames = l->nr_pt_frames;
    si.mfn_list = l->v_p2m;
    si.mod_start = l->v_initrd;
    si.mod_len = l->initrd_len;
    si.console.dom0.info_off = 0;   /* no VGA console information */
    si.console.dom0.info_size = 0;
    strlcpy_hv((char *)si.cmd_line, cmdline ? cmdline : "", sizeof(si.cmd_line));
    write_guest_va((void *)b, l->v_start_info, &si, sizeof(si));
}

static void init_vcpu0(struct vcpu *v, const struct guest_params *gp,
                       const struct dom_layout *l)
{
    struct trap_frame *r = &v->regs;
    memset(r, 0, sizeof(*r));
    r->cs = FLAT_KERNEL_CS;
    r->ds = r->es = r->fs = r->gs = r->ss = FLAT_KERNEL_DS;
    r->eip = gp->entry;
    r->esp = l->v_stack + PAGE_SIZE;
    r->esi = l->v_start_info;
    r->eflags = EFLAGS_IF | EFLAGS_FIXED;
    v->state = VCPU_RUNNABLE;
    v->initialised = 1;         /* the builder gave it its context */
}

static int fail(char *err, size_t errlen, const char *msg)
{
    strlcpy_hv(err, msg, errlen);
    return -1;
}

int dom0_build(struct domain *d, const struct boot_module *kernel,
               const struct boot_module *initrd, uint32_t nr_pages,
               char *err, size_t errlen)
{
    struct guest_params gp;
    struct dom_layout l;
    const uint8_t *image = maddr_to_virt(kernel->start);
    uint32_t initrd_len = initrd ? initrd->end - initrd->start : 0;

    if (guest_image_parse(image, kernel->end - kernel->start, &gp, err, errlen) < 0)
        return -1;
    printk(LOG_INFO, "dom0 kernel: %s %s, %s parameters, %#x-%#x, entry %#x\n",
           gp.guest_os, gp.guest_ver, gp.from_notes ? "ELF-note" : "__xen_guest",
           gp.kern_start, gp.kern_end, gp.entry);
    if (dom_layout_compute(&gp, nr_pages, initrd_len, 1, &l, err, errlen) < 0)
        return -1;

    struct builder b = { d, &l, NULL };
    uint32_t p2m_pages = round_pgup(nr_pages * 4) >> PAGE_SHIFT;
    b.p2m = alloc_xenheap_pages(p2m_pages);
    if (!b.p2m)
        return fail(err, errlen, "out of hypervisor memory for the P2M");
    for (uint32_t pfn = 0; pfn < nr_pages; pfn++) {
        uint32_t mfn = alloc_domheap_frame(d);
        if (mfn == INVALID_MFN) {
            free_xenheap_pages(b.p2m, p2m_pages);
            return fail(err, errlen, "out of memory for dom0's frames");
        }
        b.p2m[pfn] = mfn;
        m2p_table[mfn] = pfn;
    }
    d->max_pages = nr_pages;

    struct guest_image_sink sink = { &b, write_guest_va, zero_guest_va };
    guest_image_load(image, &gp, &sink);
    if (initrd)
        write_guest_va(&b, l.v_initrd, maddr_to_virt(initrd->start), initrd_len);
    write_guest_va(&b, l.v_p2m, b.p2m, nr_pages * 4);
    write_start_info(&b, kernel->cmdline, SIF_PRIVILEGED | SIF_INITDOMAIN);
    build_page_tables(&b);
    if (gp.has_hypercall_page)
        write_hypercall_page(&b, gp.hypercall_page);

    struct vcpu *v = vcpu_create(d, 0);
    if (!v) {
        free_xenheap_pages(b.p2m, p2m_pages);
        return fail(err, errlen, "out of hypervisor memory for vCPU 0");
    }
    init_vcpu0(v, &gp, &l);
    uint32_t l2_mfn = va_to_mfn(&b, l.v_pt);
    free_xenheap_pages(b.p2m, p2m_pages);
    if (pin_bootstrap_tables(v, l2_mfn, err, errlen) < 0)
        return -1;

    printk(LOG_INFO, "dom0: %u pages, bootstrap %#x-%#x, start_info %#x, "
           "page tables %#x (%u), stack %#x\n", nr_pages, l.v_start, l.v_end,
           l.v_start_info, l.v_pt, l.nr_pt_frames, l.v_stack);
    return 0;
}
