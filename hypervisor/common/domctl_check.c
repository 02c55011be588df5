/* domctl argument checks (see domctl_check.h). */
#include "hypervisor/include/domctl_check.h"
#include "public/xen.h"
#include "public/errno.h"

#define MAX_LDT_ENTS 8192

long domctl_check(const xen_domctl_t *op, int caller_privileged)
{
    if (!caller_privileged)
        return -EPERM;
    if (op->interface_version != XEN_DOMCTL_INTERFACE_VERSION)
        return -EACCES;
    switch (op->cmd) {
    case XEN_DOMCTL_createdomain:
        /* 0 asks for a free id; others must be real (not reserved) ids. */
        return op->domain < DOMID_FIRST_RESERVED ? 0 : -EINVAL;
    case XEN_DOMCTL_max_vcpus:
        return op->u.max_vcpus.max <= MAX_VIRT_CPUS ? 0 : -EINVAL;
    case XEN_DOMCTL_max_mem:
        return op->u.max_mem.max_memkb / 4 <= 0xFFFFFFFFull ? 0 : -EINVAL;
    case XEN_DOMCTL_scheduler_op: {
        const xen_domctl_scheduler_op_t *s = &op->u.scheduler_op;
        if (s->sched_id != XEN_SCHEDULER_CREDIT)
            return -EINVAL;
        if (s->cmd == XEN_DOMCTL_SCHEDOP_getinfo)
            return 0;
        if (s->cmd != XEN_DOMCTL_SCHEDOP_putinfo || s->u.credit.cap > 100)
            return -EINVAL;
        return 0;
    }
    case XEN_DOMCTL_setvcpucontext:
    case XEN_DOMCTL_getvcpucontext:
        return op->u.vcpucontext.vcpu < MAX_VIRT_CPUS ? 0 : -ESRCH;
    case XEN_DOMCTL_getvcpuinfo:
        return op->u.getvcpuinfo.vcpu < MAX_VIRT_CPUS ? 0 : -ESRCH;
    case XEN_DOMCTL_hypercall_init:
        return (op->u.hypercall_init.gmfn >> 32) ? -EACCES : 0;
    case XEN_DOMCTL_destroydomain:
    case XEN_DOMCTL_pausedomain:
    case XEN_DOMCTL_unpausedomain:
    case XEN_DOMCTL_getdomaininfo:
    case XEN_DOMCTL_getmemlist:
    case XEN_DOMCTL_setdomainhandle:
    case XEN_DOMCTL_settimeoffset:
    case XEN_DOMCTL_xenhv_getcounters:
        return 0;
    default:
        return -ENOSYS;
    }
}

long vcpu_context_check(const vcpu_guest_context_t *c)
{
    if (c->ldt_ents > MAX_LDT_ENTS || (c->ldt_base & 0xFFF) ||
        c->gdt_ents > FIRST_RESERVED_GDT_ENTRY)
        return -EINVAL;
    if (c->ldt_ents && c->ldt_base >= HYPERVISOR_VIRT_START)
        return -EINVAL;
    return 0;
}
