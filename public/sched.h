/*
 * sched_op(cmd, arg): give up the CPU, sleep, or end the domain.
 *
 * The old sched_op_compat (#6) takes (cmd, unsigned long arg) and knows
 * only yield, block and shutdown; for shutdown its arg is the reason
 * itself rather than a pointer to struct sched_shutdown.
 */
#ifndef XEN_PUBLIC_SCHED_H
#define XEN_PUBLIC_SCHED_H

#include <stdint.h>
#include "xen.h"
#include "event_channel.h"

/* Stay runnable but let others run.  arg: NULL. */
#define SCHEDOP_yield            0

/*
 * Clear this vCPU's evtchn_upcall_mask, then sleep until an unmasked event
 * is pending (at once if one already is).  The upcall is delivered on the
 * way back.  arg: NULL.
 */
#define SCHEDOP_block            1

/* Stop the whole calling domain.  arg: struct sched_shutdown. */
#define SCHEDOP_shutdown         2

/*
 * Sleep until one of a list of ports is pending (masked or not) or a
 * deadline passes.  arg: struct sched_poll.
 */
#define SCHEDOP_poll             3

/* Stop another domain; privileged.  arg: struct sched_remote_shutdown. */
#define SCHEDOP_remote_shutdown  4

/*
 * Shutdown reasons.  The hypervisor only records them; the tools read
 * them (domctl getdomaininfo) and decide what to do.
 */
#define SHUTDOWN_poweroff  0   /* stop for good */
#define SHUTDOWN_reboot    1   /* restart the domain */
#define SHUTDOWN_suspend   2   /* save state, may be resumed */
#define SHUTDOWN_crash     3   /* the guest gave up */

/* SCHEDOP_shutdown argument (4 bytes), written by the guest. */
struct sched_shutdown {
    uint32_t reason;        /* SHUTDOWN_* */
};
typedef struct sched_shutdown sched_shutdown_t;
DEFINE_XEN_GUEST_HANDLE(sched_shutdown_t);

/*
 * SCHEDOP_poll argument (16 bytes), written by the guest.  Returns at once
 * if a listed port is already pending.  At most 128 ports.
 */
struct sched_poll {
    XEN_GUEST_HANDLE(evtchn_port_t) ports;  /* array of nr_ports ports */
    uint32_t nr_ports;
    uint64_t timeout;       /* absolute system time in ns; 0 = none */
};
typedef struct sched_poll sched_poll_t;
DEFINE_XEN_GUEST_HANDLE(sched_poll_t);

/* SCHEDOP_remote_shutdown argument (8 bytes), written by a privileged guest. */
struct sched_remote_shutdown {
    domid_t domain_id;      /* domain to stop */
    uint32_t reason;        /* SHUTDOWN_* */
};
typedef struct sched_remote_shutdown sched_remote_shutdown_t;
DEFINE_XEN_GUEST_HANDLE(sched_remote_shutdown_t);

#endif /* XEN_PUBLIC_SCHED_H */
