/* sched_op (#29) and its older form sched_op_compat (#6). */
#include "hypervisor/include/domain.h"
#include "hypervisor/include/hypercall.h"
#include "hypervisor/include/mm.h"
#include "public/sched.h"
#include "public/errno.h"

/* Unmask events, then block unless an upcall is already due. */
static long sched_block(struct vcpu *v)
{
    v->vcpu_info->evtchn_upcall_mask = 0;
    if (!v->vcpu_info->evtchn_upcall_pending)
        v->state = VCPU_BLOCKED;
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
    case SCHEDOP_remote_shutdown:
        return -ENOSYS;   /* need event channels and domain control */
    default:
        return -ENOSYS;
    }
}

long do_sched_op_compat(const uint32_t arg[5])
{
    struct vcpu *v = current;
    switch (arg[0]) {
    case SCHEDOP_yield:
        return 0;
    case SCHEDOP_block:
        return sched_block(v);
    case SCHEDOP_shutdown:
        return sched_shutdown(v, arg[1]);
    default:
        return -ENOSYS;
    }
}
