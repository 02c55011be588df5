/*
 * sysctl (#35), dom0 only: readconsole (the hypervisor's log), physinfo
 * (memory and CPU facts) and sched_id.
 * Other commands give -ENOSYS.
 */
#include "hypervisor/include/domain.h"
#include "hypervisor/include/hypercall.h"
#include "hypervisor/include/mm.h"
#include "hypervisor/include/time.h"
#include "hypervisor/include/lib.h"
#include "public/sysctl.h"
#include "public/domctl.h"
#include "public/errno.h"

/* Copy one piece of the console history to the guest buffer at base. */
static int history_to_guest(void *ctx, size_t off, const char *p, size_t n)
{
    uint32_t base = *(const uint32_t *)ctx;
    return copy_to_guest(base + (uint32_t)off, p, n) < 0 ? -EFAULT : 0;
}

long do_sysctl(const uint32_t arg[5])
{
    xen_sysctl_t op;
    if (!current->domain->is_privileged)
        return -EPERM;
    if (copy_from_guest(&op, arg[0], sizeof(op)) < 0)
        return -EFAULT;
    if (op.interface_version != XEN_SYSCTL_INTERFACE_VERSION)
        return -EACCES;
    switch (op.cmd) {
    case XEN_SYSCTL_readconsole: {
        xen_sysctl_readconsole_t *r = &op.u.readconsole;
        uint32_t base = (uint32_t)(uintptr_t)r->buffer.p;
        long n = console_history_read(r->count, r->clear != 0,
                                      history_to_guest, &base);
        if (n < 0)
            return n;
        r->count = (uint32_t)n;
        break;
    }
    case XEN_SYSCTL_physinfo: {
        xen_sysctl_physinfo_t *p = &op.u.physinfo;
        memset(p, 0, sizeof(*p));
        p->threads_per_core = p->cores_per_socket = 1;
        p->sockets_per_node = p->nr_nodes = 1;
        p->cpu_khz = tsc_khz();
        p->total_pages = ram_frame_count();
        p->free_pages = free_frame_count();
        break;
    }
    case XEN_SYSCTL_sched_id:
        op.u.sched_id.sched_id = XEN_SCHEDULER_CREDIT;
        break;
    default:
        return -ENOSYS;
    }
    return copy_to_guest(arg[0], &op, sizeof(op)) < 0 ? -EFAULT : 0;
}
