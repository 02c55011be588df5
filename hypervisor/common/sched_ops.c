/*
 * sched_op (#29), its older form sched_op_compat (#6), and set_timer_op
 * (#15): giving up the CPU, waiting for events, shutting down.
 */
#include "hypervisor/include/domain.h"
#include "hypervisor/include/hypercall.h"
#include "hypervisor/include/event.h"
#include "hypervisor/include/sched.h"
#include "hypervisor/include/time.h"
#include "hypervisor/include/mm.h"
#include "public/sched.h"
#include "public/errno.h"

#define POLL_MAX_PORTS 128
#define TIMER_FAR_NS   (1ull << 50)         /* ~13 days */
#define TIMER_BAD_NS   100000000ull         /* 100 ms */

/* Unmask events, then block unless an upcall is already due. */
static long sched_block(struct vcpu *v)
{
    v->vcpu_info->evtchn_upcall_mask = 0;
    if (!v->vcpu_info->evtchn_upcall_pending) {
        v->state = VCPU_BLOCKED;
        sched_request();
    }
    return 0;
}

/* Wait until one of the ports is pending (masked or not) or timeout. */
static long sched_poll(struct vcpu *v, uint32_t arg)
{
    struct sched_poll p;
    evtchn_port_t ports[POLL_MAX_PORTS];
    if (copy_from_guest(&p, arg, sizeof(p)) < 0)
        return -EFAULT;
    if (p.nr_ports > POLL_MAX_PORTS)
        return -EINVAL;
    if (copy_from_guest(ports, (uint32_t)(uintptr_t)p.ports.p,
                        p.nr_ports * sizeof(ports[0])) < 0)
        return -EFAULT;
    for (uint32_t i = 0; i < p.nr_ports; i++) {
        if (ports[i] >= NR_EVENT_CHANNELS)
            return -EINVAL;
        if (evtchn_is_pending(v->domain, ports[i]))
            return 0;
    }
    if (p.timeout && p.timeout <= now_ns())
        return 0;
    v->polling = 1;
    v->state = VCPU_BLOCKED;
    if (p.timeout)
        timer_set(&v->poll_timer, p.timeout);
    sched_request();
    return 0;
}

static long sched_shutdown(struct vcpu *v, uint32_t reason)
{
    if (reason > SHUTDOWN_crash)
        return -EINVAL;
    domain_shutdown(v->domain, reason);
    return 0;
}

long do_sched_op(const uint32_t arg[5])
{
    struct vcpu *v = current;
    switch (arg[0]) {
    case SCHEDOP_yield:
        sched_yield(v);
        return 0;
    case SCHEDOP_block:
        return sched_block(v);
    case SCHEDOP_shutdown: {
        struct sched_shutdown s;
        if (copy_from_guest(&s, arg[1], sizeof(s)) < 0)
            return -EFAULT;
        return sched_shutdown(v, s.reason);
    }
    case SCHEDOP_poll:
        return sched_poll(v, arg[1]);
    case SCHEDOP_remote_shutdown: {
        struct sched_remote_shutdown r;
        if (!v->domain->is_privileged)
            return -EPERM;
        if (copy_from_guest(&r, arg[1], sizeof(r)) < 0)
            return -EFAULT;
        struct domain *d = domain_by_id(r.domain_id);
        if (!d)
            return -ESRCH;
        if (r.reason > SHUTDOWN_crash)
            return -EINVAL;
        domain_shutdown(d, r.reason);
        return 0;
    }
    default:
        return -ENOSYS;
    }
}

long do_sched_op_compat(const uint32_t arg[5])
{
    struct vcpu *v = current;
    switch (arg[0]) {
    case SCHEDOP_yield:
        sched_yield(v);
        return 0;
    case SCHEDOP_block:
        return sched_block(v);
    case SCHEDOP_shutdown:
        return sched_shutdown(v, arg[1]);
    default:
        return -ENOSYS;
    }
}

/*
 * A one-shot timer raising VIRQ_TIMER at an absolute system time; 0
 * cancels it, a past time fires at once, a negative or absurdly distant
 * one becomes 100 ms from now (ABI 8.2).
 */
long do_set_timer_op(const uint32_t arg[5])
{
    struct vcpu *v = current;
    uint64_t deadline = ((uint64_t)arg[1] << 32) | arg[0];
    uint64_t now = now_ns();
    if (deadline == 0) {
        timer_stop(&v->singleshot_timer);
        return 0;
    }
    if ((int64_t)deadline < 0 || deadline > now + TIMER_FAR_NS)
        deadline = now + TIMER_BAD_NS;
    timer_set(&v->singleshot_timer, deadline);
    return 0;
}
