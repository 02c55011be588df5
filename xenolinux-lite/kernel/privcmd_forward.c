/*
 * Which hypercalls dom0's programs may make through /dev/privcmd, and how
 * the pointers in each are checked.
 *
 * Why this file exists: the hypervisor trusts dom0's kernel, so a pointer
 * in a hypercall the kernel makes may name any address of the current
 * address space, the kernel's own memory included.  A program's request
 * is therefore forwarded only when the kernel knows every pointer in it
 * and every one lies in the program's memory (user_range_ok): the
 * hypercall's own pointer arguments, and the handles inside the structs
 * they point to.  A struct is copied into the kernel, checked there and
 * passed as the kernel's copy, so the program cannot change it between
 * the check and the use; the struct is copied back afterwards.  A flat
 * buffer (no pointers inside) is passed as it is once its range is known
 * to be the program's.
 *
 * Beyond pointers, requests that would change dom0's own kernel behind
 * its back are refused as well, though the hypervisor would grant them
 * (dom0 is asking):
 *   - memory reservations, hypercall_init and setvcpucontext that name
 *     dom0 itself (they would take or overwrite the kernel's frames);
 *   - event-channel operations on dom0's own ports (/dev/evtchn owns
 *     those) and grant mapping (the kernel's backends do that);
 *   - mmu_update other than MMU_MACHPHYS_UPDATE, and mmuext_op other than
 *     pinning another domain's tables (foreign mappings go through
 *     PRIVCMD_MMAP, which keeps the kernel's page tables its own).
 * Everything else (privilege, domain ids, frame ownership) is the
 * hypervisor's to check, and it does.
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"
#include "xenolinux-lite/kernel/xen.h"
#include "public/domctl.h"
#include "public/sysctl.h"
#include "public/memory.h"
#include "public/grant_table.h"

#define MAX_LIST   (1u << 20)       /* entries in a list a request names */
#define MAX_GRANT_FRAMES 64         /* frames a setup_table may ask for */
#define BATCH      16               /* requests copied in at a time */
#define HANDLE(h)  ((uint32_t)(uintptr_t)(h).p)

/* Does dom name dom0 itself?  (/dev/privcmd opens only in dom0, id 0.) */
static int names_dom0(uint32_t dom)
{
    return dom == 0 || dom == DOMID_SELF;
}

/* May the hypervisor be given a list of n entries of size bytes at va? */
static int list_ok(uint32_t va, uint64_t n, uint32_t size)
{
    return n <= MAX_LIST && user_range_ok(va, (uint32_t)n * size);
}

/* ------------------------------------------------------- xen_version */

/* The size of xen_version cmd's buffer; -1 for a command we do not know. */
static int version_buffer_size(uint32_t cmd)
{
    switch (cmd) {
    case XENVER_version:
    case XENVER_pagesize:
        return 0;
    case XENVER_extraversion:
        return sizeof(xen_extraversion_t);
    case XENVER_compile_info:
        return sizeof(xen_compile_info_t);
    case XENVER_capabilities:
        return sizeof(xen_capabilities_info_t);
    case XENVER_changeset:
        return sizeof(xen_changeset_info_t);
    case XENVER_platform_parameters:
        return sizeof(xen_platform_parameters_t);
    case XENVER_get_features:
        return sizeof(xen_feature_info_t);
    case XENVER_guest_handle:
        return sizeof(xen_domain_handle_t);
    default:
        return -1;
    }
}

static int fwd_xen_version(const uint32_t a[5], long *res)
{
    int size = version_buffer_size(a[0]);
    if (size < 0 || (size > 0 && !user_range_ok(a[1], size)))
        return -1;
    *res = HYPERCALL2(__HYPERVISOR_xen_version, a[0], size > 0 ? a[1] : 0);
    return 0;
}

static int fwd_console_io(const uint32_t a[5], long *res)
{
    if ((a[0] != CONSOLEIO_write && a[0] != CONSOLEIO_read) ||
        !user_range_ok(a[2], a[1]))
        return -1;
    *res = HYPERCALL3(__HYPERVISOR_console_io, a[0], a[1], a[2]);
    return 0;
}

/* ------------------------------------------------------------ domctl */

/* Are op's pointers (if it has any) the program's, and may op name its
 * domain?  0 for a command we do not know. */
static int domctl_ok(const xen_domctl_t *op)
{
    const int self = names_dom0(op->domain);
    switch (op->cmd) {
    case XEN_DOMCTL_createdomain:
    case XEN_DOMCTL_destroydomain:
    case XEN_DOMCTL_pausedomain:
    case XEN_DOMCTL_unpausedomain:
    case XEN_DOMCTL_getdomaininfo:
    case XEN_DOMCTL_getpageframeinfo:
    case XEN_DOMCTL_max_mem:
    case XEN_DOMCTL_getvcpuinfo:
    case XEN_DOMCTL_max_vcpus:
    case XEN_DOMCTL_scheduler_op:
    case XEN_DOMCTL_setdomainhandle:
    case XEN_DOMCTL_setdebugging:
    case XEN_DOMCTL_irq_permission:
    case XEN_DOMCTL_iomem_permission:
    case XEN_DOMCTL_ioport_permission:
    case XEN_DOMCTL_arch_setup:
    case XEN_DOMCTL_settimeoffset:
    case XEN_DOMCTL_real_mode_area:
    case XEN_DOMCTL_xenhv_getcounters:
        return 1;                       /* no pointers inside */
    case XEN_DOMCTL_hypercall_init:
        return !self;
    case XEN_DOMCTL_getmemlist:
        return list_ok(HANDLE(op->u.getmemlist.buffer),
                       op->u.getmemlist.max_pfns, sizeof(xen_pfn_t));
    case XEN_DOMCTL_getpageframeinfo2:
        return list_ok(HANDLE(op->u.getpageframeinfo2.array),
                       op->u.getpageframeinfo2.num, sizeof(xen_ulong_t));
    case XEN_DOMCTL_setvcpuaffinity:
    case XEN_DOMCTL_getvcpuaffinity: {
        const struct xenctl_cpumap *m = &op->u.vcpuaffinity.cpumap;
        return list_ok(HANDLE(m->bitmap), ((uint64_t)m->nr_cpus + 7) / 8, 1);
    }
    case XEN_DOMCTL_setvcpucontext:
        if (self)
            return 0;
        /* fall through */
    case XEN_DOMCTL_getvcpucontext:
        return user_range_ok(HANDLE(op->u.vcpucontext.ctxt),
                             sizeof(vcpu_guest_context_t));
    default:
        return 0;                       /* shadow_op, and what we do not know */
    }
}

static int fwd_domctl(const uint32_t a[5], long *res)
{
    xen_domctl_t op;
    if (copyin_user(&op, a[0], sizeof(op)) < 0 || !domctl_ok(&op))
        return -1;
    *res = HYPERCALL1(__HYPERVISOR_domctl, &op);
    copyout_user(a[0], &op, sizeof(op));    /* cannot fail: copied in */
    return 0;
}

/* ------------------------------------------------------------ sysctl */

static int sysctl_ok(const xen_sysctl_t *op)
{
    switch (op->cmd) {
    case XEN_SYSCTL_physinfo:
    case XEN_SYSCTL_sched_id:
        return 1;
    case XEN_SYSCTL_readconsole:
        return user_range_ok(HANDLE(op->u.readconsole.buffer),
                             op->u.readconsole.count);
    case XEN_SYSCTL_getdomaininfolist:
        return list_ok(HANDLE(op->u.getdomaininfolist.buffer),
                       op->u.getdomaininfolist.max_domains,
                       sizeof(xen_domctl_getdomaininfo_t));
    default:
        return 0;                       /* tbuf_op, perfc_op, unknown */
    }
}

static int fwd_sysctl(const uint32_t a[5], long *res)
{
    xen_sysctl_t op;
    if (copyin_user(&op, a[0], sizeof(op)) < 0 || !sysctl_ok(&op))
        return -1;
    *res = HYPERCALL1(__HYPERVISOR_sysctl, &op);
    copyout_user(a[0], &op, sizeof(op));
    return 0;
}

/* --------------------------------------------------------- memory_op */

/* increase/decrease_reservation, populate_physmap: for other domains
 * only.  A list address of 0 means "no list" to the hypervisor. */
static int fwd_reservation(uint32_t cmd, uint32_t arg, long *res)
{
    xen_memory_reservation_t r;
    if (copyin_user(&r, arg, sizeof(r)) < 0 || names_dom0(r.domid))
        return -1;
    uint32_t list = HANDLE(r.extent_start);
    if (list != 0 && !list_ok(list, r.nr_extents, sizeof(xen_pfn_t)))
        return -1;
    *res = HYPERCALL2(__HYPERVISOR_memory_op, cmd, &r);
    return 0;
}

static int fwd_memory_op(const uint32_t a[5], long *res)
{
    uint32_t cmd = a[0], arg = a[1];
    switch (cmd) {
    case XENMEM_increase_reservation:
    case XENMEM_decrease_reservation:
    case XENMEM_populate_physmap:
        return fwd_reservation(cmd, arg, res);
    case XENMEM_maximum_ram_page:
        *res = HYPERCALL2(__HYPERVISOR_memory_op, cmd, 0);
        return 0;
    case XENMEM_current_reservation:
    case XENMEM_maximum_reservation: {
        domid_t dom;
        if (copyin_user(&dom, arg, sizeof(dom)) < 0)
            return -1;
        *res = HYPERCALL2(__HYPERVISOR_memory_op, cmd, &dom);
        return 0;
    }
    case XENMEM_machphys_mfn_list: {
        struct xen_machphys_mfn_list l;
        if (copyin_user(&l, arg, sizeof(l)) < 0 ||
            !list_ok(HANDLE(l.extent_start), l.max_extents, sizeof(xen_pfn_t)))
            return -1;
        *res = HYPERCALL2(__HYPERVISOR_memory_op, cmd, &l);
        copyout_user(arg, &l, sizeof(l));
        return 0;
    }
    case XENMEM_machphys_mapping: {
        xen_machphys_mapping_t m;
        if (copyin_user(&m, arg, sizeof(m)) < 0)
            return -1;
        *res = HYPERCALL2(__HYPERVISOR_memory_op, cmd, &m);
        copyout_user(arg, &m, sizeof(m));
        return 0;
    }
    default:
        return -1;      /* exchange, translated guests, memory maps */
    }
}

/* -------------------------------------------------- event_channel_op */

/* Ports of other domains (alloc_unbound for a domain being built) and
 * status; dom0's own ports belong to /dev/evtchn. */
static int fwd_evtchn_op(const uint32_t a[5], long *res)
{
    uint32_t cmd = a[0], arg = a[1];
    if (cmd == EVTCHNOP_alloc_unbound) {
        evtchn_alloc_unbound_t u;
        if (copyin_user(&u, arg, sizeof(u)) < 0 || names_dom0(u.dom))
            return -1;
        *res = HYPERCALL2(__HYPERVISOR_event_channel_op, cmd, &u);
        copyout_user(arg, &u, sizeof(u));
        return 0;
    }
    if (cmd == EVTCHNOP_status) {
        evtchn_status_t s;
        if (copyin_user(&s, arg, sizeof(s)) < 0)
            return -1;
        *res = HYPERCALL2(__HYPERVISOR_event_channel_op, cmd, &s);
        copyout_user(arg, &s, sizeof(s));
        return 0;
    }
    return -1;
}

/* ---------------------------------------------------- grant_table_op */

/* setup_table and query_size, one at a time. */
static int fwd_grant_op(const uint32_t a[5], long *res)
{
    uint32_t cmd = a[0], arg = a[1];
    if (a[2] != 1)
        return -1;
    if (cmd == GNTTABOP_setup_table) {
        gnttab_setup_table_t t;
        if (copyin_user(&t, arg, sizeof(t)) < 0 ||
            t.nr_frames > MAX_GRANT_FRAMES ||
            !list_ok(HANDLE(t.frame_list), t.nr_frames, sizeof(xen_pfn_t)))
            return -1;
        *res = HYPERCALL3(__HYPERVISOR_grant_table_op, cmd, &t, 1);
        copyout_user(arg, &t, sizeof(t));
        return 0;
    }
    if (cmd == GNTTABOP_query_size) {
        gnttab_query_size_t q;
        if (copyin_user(&q, arg, sizeof(q)) < 0)
            return -1;
        *res = HYPERCALL3(__HYPERVISOR_grant_table_op, cmd, &q, 1);
        copyout_user(arg, &q, sizeof(q));
        return 0;
    }
    return -1;
}

/* --------------------------------------------- mmu_update, mmuext_op */

static int mmu_request_ok(const void *req)
{
    return (((const mmu_update_t *)req)->ptr & 3) == MMU_MACHPHYS_UPDATE;
}

static int mmuext_request_ok(const void *req)
{
    uint32_t cmd = ((const struct mmuext_op *)req)->cmd;
    return cmd == MMUEXT_PIN_L1_TABLE || cmd == MMUEXT_PIN_L2_TABLE;
}

/*
 * mmu_update or mmuext_op (requests, count, done, foreign domain), for
 * another domain only: every request is copied in and checked before the
 * first is made, then they go in kernel copies of BATCH at a time until
 * one fails.  *done (if given) grows by the number made, as the
 * hypervisor's own does.
 */
static int fwd_batch(uint32_t op, const uint32_t a[5], uint32_t size,
                     int (*request_ok)(const void *req), long *res)
{
    uint32_t reqs = a[0], count = a[1], done_ptr = a[2], dom = a[3];
    uint64_t k[BATCH * 2];              /* BATCH requests of <= 16 bytes */
    uint32_t total = 0, n;
    long rc = 0;

    if (dom > 0xFFFF || names_dom0(dom) || count > MAX_LIST)
        return -1;
    if (done_ptr && copyin_user(&total, done_ptr, sizeof(total)) < 0)
        return -1;
    for (uint32_t i = 0; i < count; i += n) {
        n = count - i < BATCH ? count - i : BATCH;
        if (copyin_user(k, reqs + i * size, n * size) < 0)
            return -1;
        for (uint32_t j = 0; j < n; j++)
            if (!request_ok((const char *)k + j * size))
                return -1;
    }
    /* No one else writes the caller's memory meanwhile: what was checked
     * is what is sent. */
    for (uint32_t i = 0; i < count && rc >= 0; i += n) {
        uint32_t done = 0;
        n = count - i < BATCH ? count - i : BATCH;
        copyin_user(k, reqs + i * size, n * size);
        rc = HYPERCALL4(op, k, n, &done, dom);
        total += done;
    }
    if (done_ptr)
        copyout_user(done_ptr, &total, sizeof(total));
    *res = rc;
    return 0;
}

/*
 * Make hypercall op with arguments a[0..4] for the current process, if
 * it is one of those docs/toolstack.md lists and passes the checks
 * above.  Returns 0 with the hypervisor's answer in *res, or -1 (nothing
 * made) if the kernel refuses it.
 */
int privcmd_forward(uint32_t op, const uint32_t a[5], long *res)
{
    switch (op) {
    case __HYPERVISOR_xen_version:
        return fwd_xen_version(a, res);
    case __HYPERVISOR_console_io:
        return fwd_console_io(a, res);
    case __HYPERVISOR_domctl:
        return fwd_domctl(a, res);
    case __HYPERVISOR_sysctl:
        return fwd_sysctl(a, res);
    case __HYPERVISOR_memory_op:
        return fwd_memory_op(a, res);
    case __HYPERVISOR_event_channel_op:
        return fwd_evtchn_op(a, res);
    case __HYPERVISOR_grant_table_op:
        return fwd_grant_op(a, res);
    case __HYPERVISOR_mmu_update:
        return fwd_batch(op, a, sizeof(mmu_update_t), mmu_request_ok, res);
    case __HYPERVISOR_mmuext_op:
        return fwd_batch(op, a, sizeof(struct mmuext_op), mmuext_request_ok,
                         res);
    default:
        return -1;
    }
}
