/*
 * The domU builder (see build.h).  In the order Xen's tools use (ABI 9.4):
 *
 *   1. parse the image and compute the layout (pure code, shared with
 *      the hypervisor's dom0 builder);
 *   2. createdomain (unless given one), max_vcpus(1), max_mem;
 *   3. two unbound ports in the new domain for dom0: store and console;
 *   4. populate_physmap: PFN n gets some machine frame p2m[n], and the
 *      hypervisor records the M2P entry;
 *   5. through foreign mappings of those frames: load the kernel, copy the
 *      initrd, write the P2M list, zero the store and console pages, write
 *      start_info and the bootstrap page tables (the L2 first, then the
 *      L1s; every PFN of the bootstrap area mapped at v_start + n * 4096,
 *      the page-table frames read-only);
 *   6. drop every mapping, then pin the L2 (the hypervisor validates the
 *      whole tree now, so our writable mappings of it must be gone);
 *   7. hypercall_init on the hypercall page;
 *   8. setvcpucontext for vCPU 0 (ABI 11.5).
 *
 * Frames are written one at a time through a single cached mapping.
 */
#include "dom0/libbuild/build.h"
#include "hypervisor/include/lib.h"
#include "public/memory.h"

#define PAGE        4096u
#define PAGE_SHIFT  12
#define L2_SHIFT    22              /* each L2 slot maps 4 MB */
#define ENTRIES     1024            /* per table, non-PAE */
#define NO_PFN      0xFFFFFFFFu

/* Bootstrap page-table entry flags (ABI 11.4). */
#define PTE_P   0x001
#define PTE_RW  0x002
#define PTE_US  0x004
#define PTE_A   0x020
#define PTE_D   0x040
#define L1_PROT    (PTE_P | PTE_RW | PTE_A)                  /* 0x023 */
#define L1_PROT_RO (PTE_P | PTE_A)                           /* 0x021 */
#define L2_PROT    (PTE_P | PTE_RW | PTE_A | PTE_D | PTE_US) /* 0x067 */

#define EFLAGS_IF 0x200

struct builder {
    const struct xc_ops *x;
    domid_t dom;
    const struct dom_layout *l;
    const xen_pfn_t *p2m;
    uint32_t mapped_pfn;        /* PFN behind page, or NO_PFN */
    uint8_t *page;
    int failed;                 /* a mapping failed or a VA was outside */
};

static int fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
    if (errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* ---------------------------------------------------------- mappings */

static void unmap_current(struct builder *b)
{
    if (b->page)
        b->x->unmap_foreign(b->x->ctx, b->page);
    b->page = NULL;
    b->mapped_pfn = NO_PFN;
}

/* The new domain's frame pfn, mapped writable; NULL (and b->failed) if not. */
static uint8_t *map_pfn(struct builder *b, uint32_t pfn)
{
    if (b->mapped_pfn == pfn)
        return b->page;
    unmap_current(b);
    if (pfn >= b->l->nr_pages) {
        b->failed = 1;
        return NULL;
    }
    b->page = b->x->map_foreign(b->x->ctx, b->dom, b->p2m[pfn]);
    if (!b->page) {
        b->failed = 1;
        return NULL;
    }
    b->mapped_pfn = pfn;
    return b->page;
}

/* Copy n bytes from src (zeroes if src is NULL) to the new domain's va. */
static void write_va(struct builder *b, uint32_t va, const void *src,
                     uint32_t n)
{
    const uint8_t *s = src;
    while (n) {
        uint32_t off = va & (PAGE - 1), chunk = MIN(n, PAGE - off);
        uint8_t *p = map_pfn(b, layout_pfn(b->l, va));
        if (!p)
            return;
        if (s)
            memcpy(p + off, s, chunk);
        else
            memset(p + off, 0, chunk);
        va += chunk;
        n -= chunk;
        if (s)
            s += chunk;
    }
}

static void sink_write(void *ctx, uint32_t va, const void *src, uint32_t n)
{
    write_va(ctx, va, src, n);
}

static void sink_zero(void *ctx, uint32_t va, uint32_t n)
{
    write_va(ctx, va, NULL, n);
}

/* ------------------------------------------------------------- steps */

/* Step 2: the domain, one vCPU, and its memory limit. */
static int create_domain(struct builder *b, const struct domu_spec *spec,
                         char *err, size_t errlen)
{
    domid_t dom = spec->domid;
    long rc;
    if (!dom && (rc = xc_domain_create(b->x, &dom)) < 0)
        return fail(err, errlen, "createdomain: %ld", rc);
    b->dom = dom;
    if ((rc = xc_domain_max_vcpus(b->x, dom, 1)) < 0)
        return fail(err, errlen, "max_vcpus: %ld", rc);
    if ((rc = xc_domain_max_mem(b->x, dom, (uint64_t)spec->nr_pages * 4)) < 0)
        return fail(err, errlen, "max_mem: %ld", rc);
    return 0;
}

/* Steps 3 and 4: the store and console ports, then the memory. */
static int ports_and_memory(struct builder *b, const struct domu_spec *spec,
                            struct domu_built *out, char *err, size_t errlen)
{
    long rc;
    if ((rc = xc_evtchn_alloc_unbound(b->x, b->dom, 0, &out->store_port)) < 0 ||
        (rc = xc_evtchn_alloc_unbound(b->x, b->dom, 0, &out->console_port)) < 0)
        return fail(err, errlen, "alloc_unbound: %ld", rc);
    for (uint32_t pfn = 0; pfn < spec->nr_pages; pfn++)
        spec->p2m[pfn] = pfn;
    rc = xc_populate_physmap(b->x, b->dom, spec->nr_pages, spec->p2m);
    if (rc != (long)spec->nr_pages)
        return fail(err, errlen, "populate_physmap: %ld of %u pages", rc,
                    spec->nr_pages);
    return 0;
}

static void write_start_info(struct builder *b, const struct domu_spec *spec,
                             const struct domu_built *out,
                             uint32_t shared_info_mfn)
{
    const struct dom_layout *l = b->l;
    start_info_t si;
    memset(&si, 0, sizeof(si));
    strlcpy_hv(si.magic, "xen-3.0-x86_32", sizeof(si.magic));
    si.nr_pages = l->nr_pages;
    si.shared_info = shared_info_mfn << PAGE_SHIFT;
    si.flags = 0;
    si.store_mfn = out->store_mfn;
    si.store_evtchn = out->store_port;
    si.console.domU.mfn = out->console_mfn;
    si.console.domU.evtchn = out->console_port;
    si.pt_base = l->v_pt;
    si.nr_pt_frames = l->nr_pt_frames;
    si.mfn_list = l->v_p2m;
    si.mod_start = l->v_initrd;
    si.mod_len = l->initrd_len;
    strlcpy_hv((char *)si.cmd_line, spec->cmdline ? spec->cmdline : "",
               sizeof(si.cmd_line));
    write_va(b, l->v_start_info, &si, sizeof(si));
}

/*
 * The bootstrap L2 and L1s.  L1 number k maps the k-th 4 MB region that
 * the area touches; entries below v_start and the L2's other slots
 * (1008-1023 included: the hypervisor fills those) stay zero.
 */
static void write_page_tables(struct builder *b)
{
    const struct dom_layout *l = b->l;
    uint32_t pt_first = layout_pfn(l, l->v_pt);
    uint32_t pt_end = pt_first + l->nr_pt_frames;
    uint32_t first_slot = l->v_start >> L2_SHIFT;
    uint32_t nr_l1 = ((l->v_end - 1) >> L2_SHIFT) - first_slot + 1;
    if (nr_l1 + 1 > l->nr_pt_frames) {
        b->failed = 1;
        return;
    }

    uint32_t *l2 = (uint32_t *)map_pfn(b, pt_first);
    if (!l2)
        return;
    memset(l2, 0, PAGE);
    for (uint32_t k = 0; k < nr_l1; k++)
        l2[first_slot + k] = (b->p2m[pt_first + 1 + k] << PAGE_SHIFT) | L2_PROT;

    for (uint32_t k = 0; k < nr_l1; k++) {
        uint32_t *l1 = (uint32_t *)map_pfn(b, pt_first + 1 + k);
        if (!l1)
            return;
        memset(l1, 0, PAGE);
        uint32_t region = (first_slot + k) << L2_SHIFT;
        for (uint32_t i = 0; i < ENTRIES; i++) {
            uint32_t va = region + (i << PAGE_SHIFT);
            if (va < l->v_start || va >= l->v_end)
                continue;
            uint32_t pfn = layout_pfn(l, va);
            int is_table = pfn >= pt_first && pfn < pt_end;
            l1[i] = (b->p2m[pfn] << PAGE_SHIFT) |
                    (is_table ? L1_PROT_RO : L1_PROT);
        }
    }
}

/* Step 5: everything the domain finds in its memory at boot. */
static int fill_memory(struct builder *b, const struct domu_spec *spec,
                       struct domu_built *out, char *err, size_t errlen)
{
    const struct dom_layout *l = &out->layout;
    xen_domctl_getdomaininfo_t info;
    long rc = xc_domain_getinfo(b->x, b->dom, &info);
    if (rc < 0 || info.domain != b->dom)
        return fail(err, errlen, "getdomaininfo: %ld", rc);

    struct guest_image_sink sink = { b, sink_write, sink_zero };
    guest_image_load(spec->image, &out->params, &sink);
    if (spec->initrd_len)
        write_va(b, l->v_initrd, spec->initrd, (uint32_t)spec->initrd_len);
    write_va(b, l->v_p2m, spec->p2m, l->nr_pages * sizeof(xen_pfn_t));
    out->store_mfn = spec->p2m[layout_pfn(l, l->v_store)];
    out->console_mfn = spec->p2m[layout_pfn(l, l->v_console)];
    write_va(b, l->v_store, NULL, PAGE);
    write_va(b, l->v_console, NULL, PAGE);
    write_start_info(b, spec, out, (uint32_t)info.shared_info_frame);
    write_page_tables(b);
    unmap_current(b);
    if (b->failed)
        return fail(err, errlen, "could not map the new domain's frames");
    return 0;
}

/* Step 8: vCPU 0 enters the kernel in ring 1 (ABI 11.5). */
static long set_vcpu0(struct builder *b, const struct domu_built *out)
{
    const struct dom_layout *l = &out->layout;
    static vcpu_guest_context_t ctxt;   /* 2800 bytes: not on xl's 4 KB stack */
    memset(&ctxt, 0, sizeof(ctxt));
    ctxt.flags = VGCF_in_kernel;
    ctxt.user_regs.cs = FLAT_KERNEL_CS;
    ctxt.user_regs.ds = ctxt.user_regs.es = FLAT_KERNEL_DS;
    ctxt.user_regs.fs = ctxt.user_regs.gs = FLAT_KERNEL_DS;
    ctxt.user_regs.ss = FLAT_KERNEL_SS;
    ctxt.user_regs.eip = out->params.entry;
    ctxt.user_regs.esp = l->v_stack + PAGE;
    ctxt.user_regs.esi = l->v_start_info;
    ctxt.user_regs.eflags = EFLAGS_IF;
    ctxt.kernel_ss = FLAT_KERNEL_SS;
    ctxt.kernel_sp = l->v_stack + PAGE;
    ctxt.ctrlreg[3] = xen_pfn_to_cr3(out->l2_mfn);
    return xc_vcpu_setcontext(b->x, b->dom, 0, &ctxt);
}

/* Steps 6-8: pin the tables, hypercall page, vCPU context. */
static int finish_domain(struct builder *b, struct domu_built *out,
                         char *err, size_t errlen)
{
    const struct dom_layout *l = &out->layout;
    long rc;
    out->l2_mfn = b->p2m[layout_pfn(l, l->v_pt)];
    if ((rc = xc_pin_l2(b->x, b->dom, out->l2_mfn)) < 0)
        return fail(err, errlen, "pinning the bootstrap L2: %ld", rc);
    if (out->params.has_hypercall_page) {
        uint32_t mfn = b->p2m[layout_pfn(l, out->params.hypercall_page)];
        if ((rc = xc_domain_hypercall_init(b->x, b->dom, mfn)) < 0)
            return fail(err, errlen, "hypercall_init: %ld", rc);
    }
    if ((rc = set_vcpu0(b, out)) < 0)
        return fail(err, errlen, "setvcpucontext: %ld", rc);
    return 0;
}

int xc_build_domu(const struct xc_ops *x, const struct domu_spec *spec,
                  struct domu_built *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof(*out));
    if (guest_image_parse(spec->image, spec->image_len, &out->params, err,
                          errlen) < 0)
        return -1;
    if (dom_layout_compute(&out->params, spec->nr_pages,
                           (uint32_t)spec->initrd_len, 0, &out->layout, err,
                           errlen) < 0)
        return -1;

    struct builder b = { .x = x, .l = &out->layout, .p2m = spec->p2m,
                         .mapped_pfn = NO_PFN };
    int rc = create_domain(&b, spec, err, errlen);
    if (rc == 0)
        rc = ports_and_memory(&b, spec, out, err, errlen);
    if (rc == 0)
        rc = fill_memory(&b, spec, out, err, errlen);
    if (rc == 0)
        rc = finish_domain(&b, out, err, errlen);
    unmap_current(&b);
    if (rc < 0) {
        if (b.dom && !spec->domid)
            xc_domain_destroy(x, b.dom);
        return -1;
    }
    out->domid = b.dom;
    return 0;
}
