/*
 * Event channels: the hypervisor's one-bit notifications.
 *
 * A port is a number local to one domain.  Raising a port sets its bit in
 * shared_info.evtchn_pending and, if it is unmasked, flags the bound vCPU
 * (vcpu_info.evtchn_pending_sel and evtchn_upcall_pending) so the guest's
 * event callback runs.  Port 0 is never allocated.  A port is bound to one
 * source: a port of another domain (interdomain), a VIRQ, a physical IRQ,
 * or another vCPU of the same domain (IPI).
 *
 * event_channel_op(cmd, arg): the guest fills the struct for cmd, the
 * hypervisor acts and fills the [out] fields.  Returns 0 or -errno;
 * unknown commands give -ENOSYS.  New ports notify vCPU 0 unless the
 * command names another.
 */
#ifndef XEN_PUBLIC_EVENT_CHANNEL_H
#define XEN_PUBLIC_EVENT_CHANNEL_H

#include <stdint.h>
#include "xen.h"

typedef uint32_t evtchn_port_t;
DEFINE_XEN_GUEST_HANDLE(evtchn_port_t);

#define EVTCHNOP_bind_interdomain  0
#define EVTCHNOP_bind_virq         1
#define EVTCHNOP_bind_pirq         2
#define EVTCHNOP_close             3
#define EVTCHNOP_send              4
#define EVTCHNOP_status            5
#define EVTCHNOP_alloc_unbound     6
#define EVTCHNOP_bind_ipi          7
#define EVTCHNOP_bind_vcpu         8
#define EVTCHNOP_unmask            9

/*
 * EVTCHNOP_alloc_unbound (8 bytes): make a new port in `dom` that waits
 * for `remote_dom` to bind to it.  A back end or the tools call it and
 * pass the port to the peer (e.g. through xenstore).  Unprivileged
 * callers must use dom = DOMID_SELF.
 */
struct evtchn_alloc_unbound {
    domid_t dom;            /* in: owner of the new port */
    domid_t remote_dom;     /* in: who may connect (DOMID_SELF allowed) */
    evtchn_port_t port;     /* out: the new port */
};
typedef struct evtchn_alloc_unbound evtchn_alloc_unbound_t;

/*
 * EVTCHNOP_bind_interdomain (12 bytes): connect a new local port to an
 * unbound port of remote_dom that is waiting for us.  The new local port
 * is marked pending at once.
 */
struct evtchn_bind_interdomain {
    domid_t remote_dom;         /* in */
    evtchn_port_t remote_port;  /* in */
    evtchn_port_t local_port;   /* out */
};
typedef struct evtchn_bind_interdomain evtchn_bind_interdomain_t;

/*
 * EVTCHNOP_bind_virq (12 bytes): bind a VIRQ_* on one vCPU.  Global VIRQs
 * must be bound on vCPU 0; each VIRQ can be bound once per vCPU.
 */
struct evtchn_bind_virq {
    uint32_t virq;          /* in: VIRQ_* */
    uint32_t vcpu;          /* in */
    evtchn_port_t port;     /* out */
};
typedef struct evtchn_bind_virq evtchn_bind_virq_t;

/*
 * EVTCHNOP_bind_pirq (12 bytes): bind a physical IRQ the domain has
 * permission for.
 */
#define BIND_PIRQ__WILL_SHARE 1     /* flags: other domains may share the IRQ */
struct evtchn_bind_pirq {
    uint32_t pirq;          /* in */
    uint32_t flags;         /* in: BIND_PIRQ__* */
    evtchn_port_t port;     /* out */
};
typedef struct evtchn_bind_pirq evtchn_bind_pirq_t;

/* EVTCHNOP_bind_ipi (8 bytes): a port that notifies a vCPU of our own. */
struct evtchn_bind_ipi {
    uint32_t vcpu;          /* in: vCPU to notify */
    evtchn_port_t port;     /* out */
};
typedef struct evtchn_bind_ipi evtchn_bind_ipi_t;

/*
 * EVTCHNOP_close (4 bytes): free a port.  An interdomain peer's port goes
 * back to unbound, waiting for us again.
 */
struct evtchn_close {
    evtchn_port_t port;     /* in */
};
typedef struct evtchn_close evtchn_close_t;

/*
 * EVTCHNOP_send (4 bytes): raise the other end of an interdomain port
 * (or the local port, for an IPI port).  Sends on an unbound port are
 * dropped silently.
 */
struct evtchn_send {
    evtchn_port_t port;     /* in */
};
typedef struct evtchn_send evtchn_send_t;

/* evtchn_status.status values. */
#define EVTCHNSTAT_closed       0   /* not in use */
#define EVTCHNSTAT_unbound      1   /* waiting for a remote domain to bind */
#define EVTCHNSTAT_interdomain  2   /* connected to a remote port */
#define EVTCHNSTAT_pirq         3   /* bound to a physical IRQ */
#define EVTCHNSTAT_virq         4   /* bound to a VIRQ */
#define EVTCHNSTAT_ipi          5   /* bound to a vCPU of the same domain */

/*
 * EVTCHNOP_status (24 bytes): describe a port.  Asking about another
 * domain's port needs privilege.
 */
struct evtchn_status {
    domid_t dom;            /* in: DOMID_SELF or a domain id */
    evtchn_port_t port;     /* in */
    uint32_t status;        /* out: EVTCHNSTAT_* */
    uint32_t vcpu;          /* out: vCPU notified */
    union {                 /* out: depends on status */
        struct {
            domid_t dom;            /* unbound: who may connect */
        } unbound;
        struct {
            domid_t dom;            /* interdomain: remote domain */
            evtchn_port_t port;     /*              and its port */
        } interdomain;
        uint32_t pirq;
        uint32_t virq;
    } u;
};
typedef struct evtchn_status evtchn_status_t;

/*
 * EVTCHNOP_bind_vcpu (8 bytes): make a port notify another vCPU.  Not for
 * IPI ports or per-vCPU VIRQs.
 */
struct evtchn_bind_vcpu {
    evtchn_port_t port;     /* in */
    uint32_t vcpu;          /* in */
};
typedef struct evtchn_bind_vcpu evtchn_bind_vcpu_t;

/*
 * EVTCHNOP_unmask (4 bytes): clear the mask bit and, if the port is
 * pending, raise the upcall it missed.  A guest may do the same itself by
 * editing shared_info.
 */
struct evtchn_unmask {
    evtchn_port_t port;     /* in */
};
typedef struct evtchn_unmask evtchn_unmask_t;

/*
 * struct evtchn_op (28 bytes): the one-pointer argument of the old
 * event_channel_op_compat (#16): the command followed by its struct.
 */
struct evtchn_op {
    uint32_t cmd;           /* EVTCHNOP_* */
    union {
        struct evtchn_alloc_unbound    alloc_unbound;
        struct evtchn_bind_interdomain bind_interdomain;
        struct evtchn_bind_virq        bind_virq;
        struct evtchn_bind_pirq        bind_pirq;
        struct evtchn_bind_ipi         bind_ipi;
        struct evtchn_close            close;
        struct evtchn_send             send;
        struct evtchn_status           status;
        struct evtchn_bind_vcpu        bind_vcpu;
        struct evtchn_unmask           unmask;
    } u;
};
typedef struct evtchn_op evtchn_op_t;
DEFINE_XEN_GUEST_HANDLE(evtchn_op_t);

#endif /* XEN_PUBLIC_EVENT_CHANNEL_H */
