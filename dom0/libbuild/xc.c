/* dom0's control hypercalls (see xc.h). */
#include "dom0/libbuild/xc.h"
#include "public/memory.h"
#include "hypervisor/include/lib.h"

static long call(const struct xc_ops *x, unsigned int nr, unsigned long a0,
                 unsigned long a1, unsigned long a2, unsigned long a3)
{
    const unsigned long a[5] = { a0, a1, a2, a3, 0 };
    return x->hypercall(x->ctx, nr, a);
}

long xc_domctl(const struct xc_ops *x, xen_domctl_t *op)
{
    op->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    return call(x, __HYPERVISOR_domctl, (unsigned long)op, 0, 0, 0);
}

long xc_sysctl(const struct xc_ops *x, xen_sysctl_t *op)
{
    op->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    return call(x, __HYPERVISOR_sysctl, (unsigned long)op, 0, 0, 0);
}

/* A domctl with no payload. */
static long simple_domctl(const struct xc_ops *x, uint32_t cmd, domid_t dom)
{
    xen_domctl_t op;
    memset(&op, 0, sizeof(op));
    op.cmd = cmd;
    op.domain = dom;
    return xc_domctl(x, &op);
}

long xc_domain_create(const struct xc_ops *x, domid_t *dom)
{
    xen_domctl_t op;
    memset(&op, 0, sizeof(op));
    op.cmd = XEN_DOMCTL_createdomain;
    op.domain = *dom;
    long rc = xc_domctl(x, &op);
    if (rc == 0)
        *dom = op.domain;
    return rc;
}

long xc_domain_destroy(const struct xc_ops *x, domid_t dom)
{
    return simple_domctl(x, XEN_DOMCTL_destroydomain, dom);
}

long xc_domain_pause(const struct xc_ops *x, domid_t dom)
{
    return simple_domctl(x, XEN_DOMCTL_pausedomain, dom);
}

long xc_domain_unpause(const struct xc_ops *x, domid_t dom)
{
    return simple_domctl(x, XEN_DOMCTL_unpausedomain, dom);
}

long xc_domain_getinfo(const struct xc_ops *x, domid_t dom,
                       xen_domctl_getdomaininfo_t *info)
{
    xen_domctl_t op;
    memset(&op, 0, sizeof(op));
    op.cmd = XEN_DOMCTL_getdomaininfo;
    op.domain = dom;
    long rc = xc_domctl(x, &op);
    if (rc == 0)
        *info = op.u.getdomaininfo;
    return rc;
}

long xc_domain_max_vcpus(const struct xc_ops *x, domid_t dom, uint32_t max)
{
    xen_domctl_t op;
    memset(&op, 0, sizeof(op));
    op.cmd = XEN_DOMCTL_max_vcpus;
    op.domain = dom;
    op.u.max_vcpus.max = max;
    return xc_domctl(x, &op);
}

long xc_domain_max_mem(const struct xc_ops *x, domid_t dom, uint64_t kb)
{
    xen_domctl_t op;
    memset(&op, 0, sizeof(op));
    op.cmd = XEN_DOMCTL_max_mem;
    op.domain = dom;
    op.u.max_mem.max_memkb = kb;
    return xc_domctl(x, &op);
}

long xc_domain_hypercall_init(const struct xc_ops *x, domid_t dom,
                              unsigned long mfn)
{
    xen_domctl_t op;
    memset(&op, 0, sizeof(op));
    op.cmd = XEN_DOMCTL_hypercall_init;
    op.domain = dom;
    op.u.hypercall_init.gmfn = mfn;
    return xc_domctl(x, &op);
}

long xc_vcpu_setcontext(const struct xc_ops *x, domid_t dom, uint32_t vcpu,
                        vcpu_guest_context_t *ctxt)
{
    xen_domctl_t op;
    memset(&op, 0, sizeof(op));
    op.cmd = XEN_DOMCTL_setvcpucontext;
    op.domain = dom;
    op.u.vcpucontext.vcpu = vcpu;
    op.u.vcpucontext.ctxt.p = ctxt;
    return xc_domctl(x, &op);
}

/* scheduler_op for the credit scheduler; op is filled by the caller. */
static long sched_credit(const struct xc_ops *x, domid_t dom, uint32_t cmd,
                         xen_domctl_t *op)
{
    op->cmd = XEN_DOMCTL_scheduler_op;
    op->domain = dom;
    op->u.scheduler_op.sched_id = XEN_SCHEDULER_CREDIT;
    op->u.scheduler_op.cmd = cmd;
    return xc_domctl(x, op);
}

long xc_sched_credit_set(const struct xc_ops *x, domid_t dom,
                         uint16_t weight, uint16_t cap)
{
    xen_domctl_t op;
    memset(&op, 0, sizeof(op));
    op.u.scheduler_op.u.credit.weight = weight;
    op.u.scheduler_op.u.credit.cap = cap;
    return sched_credit(x, dom, XEN_DOMCTL_SCHEDOP_putinfo, &op);
}

long xc_sched_credit_get(const struct xc_ops *x, domid_t dom,
                         uint16_t *weight, uint16_t *cap)
{
    xen_domctl_t op;
    memset(&op, 0, sizeof(op));
    long rc = sched_credit(x, dom, XEN_DOMCTL_SCHEDOP_getinfo, &op);
    if (rc == 0) {
        *weight = op.u.scheduler_op.u.credit.weight;
        *cap = op.u.scheduler_op.u.credit.cap;
    }
    return rc;
}

long xc_physinfo(const struct xc_ops *x, xen_sysctl_physinfo_t *info)
{
    xen_sysctl_t op;
    memset(&op, 0, sizeof(op));
    op.cmd = XEN_SYSCTL_physinfo;
    long rc = xc_sysctl(x, &op);
    if (rc == 0)
        *info = op.u.physinfo;
    return rc;
}

long xc_evtchn_alloc_unbound(const struct xc_ops *x, domid_t dom,
                             domid_t remote, evtchn_port_t *port)
{
    evtchn_alloc_unbound_t a = { .dom = dom, .remote_dom = remote };
    long rc = call(x, __HYPERVISOR_event_channel_op, EVTCHNOP_alloc_unbound,
                   (unsigned long)&a, 0, 0);
    if (rc == 0)
        *port = a.port;
    return rc;
}

long xc_populate_physmap(const struct xc_ops *x, domid_t dom,
                         unsigned long n, xen_pfn_t *list)
{
    xen_memory_reservation_t r;
    memset(&r, 0, sizeof(r));
    r.extent_start.p = list;
    r.nr_extents = n;
    r.extent_order = 0;
    r.domid = dom;
    return call(x, __HYPERVISOR_memory_op, XENMEM_populate_physmap,
                (unsigned long)&r, 0, 0);
}

long xc_pin_l2(const struct xc_ops *x, domid_t dom, unsigned long mfn)
{
    mmuext_op_t op;
    memset(&op, 0, sizeof(op));
    op.cmd = MMUEXT_PIN_L2_TABLE;
    op.arg1.mfn = mfn;
    return call(x, __HYPERVISOR_mmuext_op, (unsigned long)&op, 1, 0, dom);
}
