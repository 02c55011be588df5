/*
 * SYS_hvcounters: an EXTENSION of ours, not part of the xv6 ABI (so it is
 * not in user.h and its number lies past NSYSCALL).  The kernel copies out
 * the hypervisor's counters for its domain since boot (what the hypervisor
 * reports to XEN_DOMCTL_xenhv_getcounters, public/domctl.h):
 *
 *   entries     every entry into the hypervisor from the domain
 *   hypercalls  of which hypercalls
 *   exceptions  of which guest exceptions (faults bounced to the guest)
 *
 * A system call that reaches the guest kernel through the direct trap
 * gate should move none of them; reading the counters may itself cost a
 * hypercall.  Returns 0, or -1 if out is not writable user memory.
 */
#ifndef XL_USER_HVCOUNTERS_H
#define XL_USER_HVCOUNTERS_H

#include "../../include/abi/syscall.h"
#ifndef SYS_hvcounters
#define SYS_hvcounters 22
#endif

#ifndef __ASSEMBLER__
#include <stdint.h>

struct hv_counters {
    uint64_t entries;
    uint64_t hypercalls;
    uint64_t exceptions;
};

int hvcounters(struct hv_counters *out);
#endif /* __ASSEMBLER__ */
#endif
