/*
 * event_channel_op (#32, (cmd, arg)) and its compat form (#16, one
 * struct evtchn_op): copy the op's argument in, run it (event_channel.c),
 * copy the result out.
 */
#include "hypervisor/include/event.h"
#include "hypervisor/include/domain.h"
#include "hypervisor/include/hypercall.h"
#include "hypervisor/include/mm.h"
#include "hypervisor/include/traps.h"
#include "public/errno.h"

/* Run cmd on the argument at buf (size bytes, already copied in). */
static long run_op(struct domain *d, uint32_t cmd, void *buf)
{
    switch (cmd) {
    case EVTCHNOP_alloc_unbound:
        return evtchn_alloc_unbound(d, buf);
    case EVTCHNOP_bind_interdomain:
        return evtchn_bind_interdomain(d, buf);
    case EVTCHNOP_bind_virq:
        return evtchn_bind_virq(d, buf);
    case EVTCHNOP_bind_ipi:
        return evtchn_bind_ipi(d, buf);
    case EVTCHNOP_bind_pirq:
        return evtchn_bind_pirq(d, buf);
    case EVTCHNOP_close:
        return evtchn_close(d, ((evtchn_close_t *)buf)->port);
    case EVTCHNOP_send:
        return evtchn_send(d, ((evtchn_send_t *)buf)->port);
    case EVTCHNOP_status:
        return evtchn_status(d, buf);
    case EVTCHNOP_bind_vcpu:
        return evtchn_bind_vcpu(d, buf);
    case EVTCHNOP_unmask:
        return evtchn_unmask(d, ((evtchn_unmask_t *)buf)->port);
    default:
        return -ENOSYS;
    }
}

static size_t op_size(uint32_t cmd)
{
    static const size_t sizes[] = {
        [EVTCHNOP_bind_interdomain] = sizeof(evtchn_bind_interdomain_t),
        [EVTCHNOP_bind_virq] = sizeof(evtchn_bind_virq_t),
        [EVTCHNOP_bind_pirq] = sizeof(evtchn_bind_pirq_t),
        [EVTCHNOP_close] = sizeof(evtchn_close_t),
        [EVTCHNOP_send] = sizeof(evtchn_send_t),
        [EVTCHNOP_status] = sizeof(evtchn_status_t),
        [EVTCHNOP_alloc_unbound] = sizeof(evtchn_alloc_unbound_t),
        [EVTCHNOP_bind_ipi] = sizeof(evtchn_bind_ipi_t),
        [EVTCHNOP_bind_vcpu] = sizeof(evtchn_bind_vcpu_t),
        [EVTCHNOP_unmask] = sizeof(evtchn_unmask_t),
    };
    return cmd < sizeof(sizes) / sizeof(sizes[0]) ? sizes[cmd] : 0;
}

/* Ops whose argument carries results back to the guest. */
static int op_writes_back(uint32_t cmd)
{
    return cmd != EVTCHNOP_close && cmd != EVTCHNOP_send &&
           cmd != EVTCHNOP_unmask && cmd != EVTCHNOP_bind_vcpu;
}

long do_event_channel_op(const uint32_t arg[5])
{
    uint32_t cmd = arg[0], ptr = arg[1];
    size_t size = op_size(cmd);
    uint8_t buf[32];
    if (!size)
        return -ENOSYS;
    if (copy_from_guest(buf, ptr, size) < 0)
        return -EFAULT;
    long rc = run_op(current->domain, cmd, buf);
    if (rc == 0 && cmd == EVTCHNOP_bind_pirq)
        irq_route_to_dom0(((evtchn_bind_pirq_t *)buf)->pirq);
    if (rc == 0 && op_writes_back(cmd) && copy_to_guest(ptr, buf, size) < 0)
        return -EFAULT;
    return rc;
}

long do_event_channel_op_compat(const uint32_t arg[5])
{
    evtchn_op_t op;
    if (copy_from_guest(&op, arg[0], sizeof(op)) < 0)
        return -EFAULT;
    if (!op_size(op.cmd))
        return -ENOSYS;
    long rc = run_op(current->domain, op.cmd, &op.u);
    if (rc == 0 && op.cmd == EVTCHNOP_bind_pirq)
        irq_route_to_dom0(op.u.bind_pirq.pirq);
    if (rc == 0 && op_writes_back(op.cmd) && copy_to_guest(arg[0], &op, sizeof(op)) < 0)
        return -EFAULT;
    return rc;
}
