/*
 * callback_op(cmd, arg): register the entry points the hypervisor calls
 * in the guest.  The older set_callbacks hypercall (#4) sets the event
 * and failsafe entries in one go.
 */
#ifndef XEN_PUBLIC_CALLBACK_H
#define XEN_PUBLIC_CALLBACK_H

#include <stdint.h>
#include "xen.h"

/*
 * Callback types.
 *
 * event:    entered to deliver events, always with events masked.
 * failsafe: entered when returning to the guest fails (a saved segment
 *           register or the final iret faults); frame in the fact sheet.
 * syscall:  x86_64 only.
 * sysenter: only in supervisor-mode-kernel builds.
 * nmi:      dom0 vCPU 0 only; cs is implicitly FLAT_KERNEL_CS.
 */
#define CALLBACKTYPE_event     0
#define CALLBACKTYPE_failsafe  1
#define CALLBACKTYPE_syscall   2
#define CALLBACKTYPE_sysenter  3
#define CALLBACKTYPE_nmi       4

/* callback_register.flags: mask events on entry (failsafe only). */
#define _CALLBACKF_mask_events 0
#define CALLBACKF_mask_events  (1U << _CALLBACKF_mask_events)

#define CALLBACKOP_register    0   /* arg struct callback_register */
#define CALLBACKOP_unregister  1   /* arg struct callback_unregister */

/* CALLBACKOP_register argument (12 bytes), written by the guest. */
struct callback_register {
    uint16_t type;          /* CALLBACKTYPE_* */
    uint16_t flags;         /* CALLBACKF_* */
    xen_callback_t address; /* cs (RPL raised to >= 1) and eip */
};
typedef struct callback_register callback_register_t;
DEFINE_XEN_GUEST_HANDLE(callback_register_t);

/*
 * CALLBACKOP_unregister argument (4 bytes).  The event and failsafe
 * entries cannot be unregistered (-EINVAL).
 */
struct callback_unregister {
    uint16_t type;          /* CALLBACKTYPE_* */
    uint16_t _unused;
};
typedef struct callback_unregister callback_unregister_t;
DEFINE_XEN_GUEST_HANDLE(callback_unregister_t);

#endif /* XEN_PUBLIC_CALLBACK_H */
