/*
 * Event channels (ABI 6): the guest's replacement for interrupts.
 *
 * Each domain has NR_EVENT_CHANNELS ports; port 0 is never used.  A port
 * is closed, unbound (waiting for a given remote domain to bind), bound to
 * a port of another (or the same) domain, to a VIRQ, to a physical IRQ
 * (dom0), or to a vCPU of its own domain (IPI).  Raising a port sets its
 * bit in shared_info's pending bitmap and, if unmasked, the selector bit
 * and upcall_pending of the vCPU it notifies, which then gets an upcall
 * on its way back to the guest.
 *
 * The state machine is plain C (it is unit-tested on the host); waking a
 * vCPU is the scheduler's vcpu_kick().
 */
#ifndef HV_EVENT_H
#define HV_EVENT_H
#include <stdint.h>
#include "public/event_channel.h"

struct domain;
struct vcpu;

#define NR_PIRQS 16                 /* the legacy ISA IRQs */

struct evtchn {
    uint8_t state;              /* EVTCHNSTAT_* */
    uint8_t notify_vcpu;        /* vCPU that receives the upcall */
    uint16_t remote_domid;      /* unbound: the domain that may bind */
    uint32_t remote_port;       /* interdomain: the peer's port */
    struct domain *remote;      /* interdomain: the peer */
    uint32_t value;             /* virq or pirq number */
};

/* Set up and tear down a domain's ports (the table is caller-allocated). */
void evtchn_init(struct domain *d, struct evtchn *table);
void evtchn_destroy(struct domain *d);

/* The operations of event_channel_op; each returns 0 or -errno. */
long evtchn_alloc_unbound(struct domain *d, evtchn_alloc_unbound_t *a);
long evtchn_bind_interdomain(struct domain *d, evtchn_bind_interdomain_t *a);
long evtchn_bind_virq(struct domain *d, evtchn_bind_virq_t *a);
long evtchn_bind_ipi(struct domain *d, evtchn_bind_ipi_t *a);
long evtchn_bind_pirq(struct domain *d, evtchn_bind_pirq_t *a);
long evtchn_close(struct domain *d, evtchn_port_t port);
long evtchn_send(struct domain *d, evtchn_port_t port);
long evtchn_status(struct domain *d, evtchn_status_t *a);
long evtchn_bind_vcpu(struct domain *d, evtchn_bind_vcpu_t *a);
long evtchn_unmask(struct domain *d, evtchn_port_t port);

/* Raise port of d (for the vCPU it notifies). */
void evtchn_set_pending(struct domain *d, evtchn_port_t port);
/* Raise a VIRQ: per-vCPU ones on v, global ones on the domain's vCPU 0. */
void send_guest_vcpu_virq(struct vcpu *v, uint32_t virq);
void send_guest_global_virq(struct domain *d, uint32_t virq);
/* Raise the port dom0 bound to physical IRQ pirq, if any. */
int send_guest_pirq(struct domain *d, uint32_t pirq);

/* Is port of d pending (masked or not)?  For SCHEDOP_poll. */
int evtchn_is_pending(struct domain *d, evtchn_port_t port);

/* Provided by the scheduler: v has an event; wake it if it waits. */
void vcpu_kick(struct vcpu *v);

/* Global VIRQs are bound on vCPU 0 only. */
int virq_is_global(uint32_t virq);
#endif
