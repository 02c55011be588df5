/*
 * multicall (#13): run a list of hypercalls in one trap.  Each entry's
 * result goes back into its result field; the multicall itself returns 0
 * (-EFAULT if the list cannot be read, -EINVAL if nested).  x86_32 passes
 * args[0..4].  When an entry stops part-way (a continuation), its
 * remaining arguments are written back into the entry and the multicall
 * continues from that entry.
 */
#include "hypervisor/include/hypercall.h"
#include "hypervisor/include/domain.h"
#include "hypervisor/include/mm.h"
#include "public/xen.h"
#include "public/errno.h"

static struct {
    int active;                 /* inside a multicall on this CPU */
    int continued;              /* the current entry asked to continue */
    uint32_t args[5];           /* ... with these arguments */
} mc;

int multicall_catch_continuation(const uint32_t arg[5])
{
    if (!mc.active)
        return 0;
    mc.continued = 1;
    for (int i = 0; i < 5; i++)
        mc.args[i] = arg[i];
    return 1;
}

long do_multicall(const uint32_t arg[5])
{
    uint32_t list = arg[0], nr = arg[1];
    if (mc.active)
        return -EINVAL;
    for (uint32_t i = 0; i < nr; i++) {
        uint32_t at = list + i * sizeof(multicall_entry_t);
        multicall_entry_t e;
        if (copy_from_guest(&e, at, sizeof(e)) < 0)
            return -EFAULT;
        mc.active = 1;
        mc.continued = 0;
        long ret = e.op == __HYPERVISOR_multicall ? -EINVAL
                   : hypercall_call(e.op, e.args);
        mc.active = 0;
        if (mc.continued) {
            if (copy_to_guest(at + __builtin_offsetof(multicall_entry_t, args),
                              mc.args, sizeof(mc.args)) < 0)
                return -EFAULT;
            const uint32_t rest[5] = { at, nr - i, 0, 0, 0 };
            hypercall_continue(rest);
            return 0;
        }
        e.result = (uint32_t)ret;
        if (copy_to_guest(at + __builtin_offsetof(multicall_entry_t, result),
                          &e.result, sizeof(e.result)) < 0)
            return -EFAULT;
    }
    return 0;
}
