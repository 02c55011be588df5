/*
 * nmi_op(cmd, arg): let dom0 handle machine NMIs.
 *
 * The callback is entered like an event upcall with CS = FLAT_KERNEL_CS;
 * the guest leaves it through the iret hypercall, which ends the NMI.
 * The cause is in shared_info.arch.nmi_reason.
 */
#ifndef XEN_PUBLIC_NMI_H
#define XEN_PUBLIC_NMI_H

#include <stdint.h>
#include "xen.h"

/* shared_info.arch.nmi_reason bits, written by the hypervisor for dom0. */
#define _XEN_NMIREASON_io_error      0
#define XEN_NMIREASON_io_error       (1U << _XEN_NMIREASON_io_error)      /* I/O check error */
#define _XEN_NMIREASON_parity_error  1
#define XEN_NMIREASON_parity_error   (1U << _XEN_NMIREASON_parity_error)  /* memory parity error */
#define _XEN_NMIREASON_unknown       2
#define XEN_NMIREASON_unknown        (1U << _XEN_NMIREASON_unknown)       /* no known cause */

/* arg struct xennmi_callback.  dom0 vCPU 0 only (-EINVAL otherwise). */
#define XENNMI_register_callback    0

/* arg NULL. */
#define XENNMI_unregister_callback  1

/* XENNMI_register_callback argument (8 bytes), written by the guest. */
struct xennmi_callback {
    xen_ulong_t handler_address;    /* entry EIP */
    xen_ulong_t pad;
};
typedef struct xennmi_callback xennmi_callback_t;
DEFINE_XEN_GUEST_HANDLE(xennmi_callback_t);

#endif /* XEN_PUBLIC_NMI_H */
