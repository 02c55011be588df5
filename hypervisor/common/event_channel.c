/*
 * The event-channel state machine (see event.h and ABI 6).
 *
 *                 alloc_unbound                 bind_interdomain (by the
 *   closed  ------------------->  unbound  ------------------------------
 *     ^  ^                          ^  |   remote it names)              |
 *     |  |         close            |  |                                 v
 *     |  +--------------------------+  |  close by the peer:   interdomain
 *     |                                +----------------------  (both ends)
 *     |   bind_virq / bind_ipi / bind_pirq                             |
 *     +----> virq / ipi / pirq ---- close ----> closed    close ------+
 *
 * Closing one end of an interdomain channel closes that end and turns the
 * other end back into an unbound port waiting for the closer, as Xen does.
 */
#include <stddef.h>
#include "hypervisor/include/event.h"
#include "hypervisor/include/domain.h"
#include "public/xen.h"
#include "public/errno.h"

#define BITS_PER_WORD 32

int virq_is_global(uint32_t virq)
{
    return !(virq == VIRQ_TIMER || virq == VIRQ_DEBUG || virq == VIRQ_XENOPROF);
}

void evtchn_init(struct domain *d, struct evtchn *table)
{
    d->evtchn = table;
    for (unsigned int p = 0; p < NR_EVENT_CHANNELS; p++)
        table[p] = (struct evtchn){ .state = EVTCHNSTAT_closed };
}

static struct evtchn *port_chn(struct domain *d, evtchn_port_t port)
{
    if (port == 0 || port >= NR_EVENT_CHANNELS)
        return NULL;
    return &d->evtchn[port];
}

static long get_free_port(struct domain *d)
{
    for (evtchn_port_t p = 1; p < NR_EVENT_CHANNELS; p++)
        if (d->evtchn[p].state == EVTCHNSTAT_closed)
            return (long)p;
    return -ENOSPC;
}

static int test_and_set(volatile uint32_t *word, unsigned int bit)
{
    return (__atomic_fetch_or(word, 1u << bit, __ATOMIC_SEQ_CST) >> bit) & 1;
}

static int test_bit(const volatile uint32_t *word, unsigned int bit)
{
    return (*word >> bit) & 1;
}

/* Tell v a port of its domain became pending (the unmasked path). */
static void mark_upcall(struct vcpu *v, unsigned int word)
{
    struct vcpu_info *vi = v->vcpu_info;
    if (test_and_set(&vi->evtchn_pending_sel, word))
        return;
    if (__atomic_exchange_n(&vi->evtchn_upcall_pending, 1, __ATOMIC_SEQ_CST))
        return;
    vcpu_kick(v);
}

void evtchn_set_pending(struct domain *d, evtchn_port_t port)
{
    struct shared_info *s = d->shared_info;
    unsigned int word = port / BITS_PER_WORD, bit = port % BITS_PER_WORD;
    struct vcpu *v = d->vcpu[d->evtchn[port].notify_vcpu];
    if (test_and_set(&s->evtchn_pending[word], bit))
        return;
    if (v && !test_bit(&s->evtchn_mask[word], bit))
        mark_upcall(v, word);
    /* Pollers wake for masked ports too. */
    for (unsigned int i = 0; i < MAX_VIRT_CPUS; i++)
        if (d->vcpu[i] && d->vcpu[i]->polling)
            vcpu_kick(d->vcpu[i]);
}

int evtchn_is_pending(struct domain *d, evtchn_port_t port)
{
    if (port == 0 || port >= NR_EVENT_CHANNELS)
        return 0;
    return test_bit(&d->shared_info->evtchn_pending[port / BITS_PER_WORD],
                    port % BITS_PER_WORD);
}

/* The domain an op names: DOMID_SELF, or any domain for a privileged d. */
static struct domain *named_domain(struct domain *d, domid_t dom, long *rc)
{
    if (dom == DOMID_SELF || dom == d->id)
        return d;
    if (!d->is_privileged) {
        *rc = -EPERM;
        return NULL;
    }
    struct domain *t = domain_by_id(dom);
    if (!t)
        *rc = -ESRCH;
    return t;
}

long evtchn_alloc_unbound(struct domain *caller, evtchn_alloc_unbound_t *a)
{
    long rc = 0;
    struct domain *d = named_domain(caller, a->dom, &rc);
    if (!d)
        return rc;
    long port = get_free_port(d);
    if (port < 0)
        return port;
    struct evtchn *c = &d->evtchn[port];
    c->state = EVTCHNSTAT_unbound;
    c->notify_vcpu = 0;
    c->remote_domid = a->remote_dom == DOMID_SELF ? caller->id : a->remote_dom;
    a->port = (evtchn_port_t)port;
    return 0;
}

long evtchn_bind_interdomain(struct domain *ld, evtchn_bind_interdomain_t *a)
{
    struct domain *rd = a->remote_dom == DOMID_SELF ? ld
                        : domain_by_id(a->remote_dom);
    if (!rd)
        return -ESRCH;
    struct evtchn *rc = port_chn(rd, a->remote_port);
    if (!rc || rc->state != EVTCHNSTAT_unbound || rc->remote_domid != ld->id)
        return -EINVAL;
    long port = get_free_port(ld);
    if (port < 0)
        return port;
    struct evtchn *lc = &ld->evtchn[port];
    lc->state = EVTCHNSTAT_interdomain;
    lc->notify_vcpu = 0;
    lc->remote = rd;
    lc->remote_port = a->remote_port;
    rc->state = EVTCHNSTAT_interdomain;
    rc->remote = ld;
    rc->remote_port = (evtchn_port_t)port;
    a->local_port = (evtchn_port_t)port;
    /* The new end starts pending, so its owner notices the connection. */
    evtchn_set_pending(ld, (evtchn_port_t)port);
    return 0;
}

long evtchn_bind_virq(struct domain *d, evtchn_bind_virq_t *a)
{
    if (a->virq >= NR_VIRQS || (virq_is_global(a->virq) && a->vcpu != 0))
        return -EINVAL;
    if (a->vcpu >= MAX_VIRT_CPUS || !d->vcpu[a->vcpu])
        return -ENOENT;
    struct vcpu *v = d->vcpu[a->vcpu];
    if (v->virq_to_port[a->virq])
        return -EEXIST;
    long port = get_free_port(d);
    if (port < 0)
        return port;
    struct evtchn *c = &d->evtchn[port];
    c->state = EVTCHNSTAT_virq;
    c->notify_vcpu = (uint8_t)a->vcpu;
    c->value = a->virq;
    v->virq_to_port[a->virq] = (evtchn_port_t)port;
    a->port = (evtchn_port_t)port;
    return 0;
}

long evtchn_bind_ipi(struct domain *d, evtchn_bind_ipi_t *a)
{
    if (a->vcpu >= MAX_VIRT_CPUS || !d->vcpu[a->vcpu])
        return -ENOENT;
    long port = get_free_port(d);
    if (port < 0)
        return port;
    struct evtchn *c = &d->evtchn[port];
    c->state = EVTCHNSTAT_ipi;
    c->notify_vcpu = (uint8_t)a->vcpu;
    a->port = (evtchn_port_t)port;
    return 0;
}

long evtchn_bind_pirq(struct domain *d, evtchn_bind_pirq_t *a)
{
    if (!d->is_privileged)
        return -EPERM;
    if (a->pirq >= NR_PIRQS)
        return -EINVAL;
    if (d->pirq_to_port[a->pirq])
        return -EEXIST;
    long port = get_free_port(d);
    if (port < 0)
        return port;
    struct evtchn *c = &d->evtchn[port];
    c->state = EVTCHNSTAT_pirq;
    c->notify_vcpu = 0;
    c->value = a->pirq;
    d->pirq_to_port[a->pirq] = (evtchn_port_t)port;
    a->port = (evtchn_port_t)port;
    return 0;
}

long evtchn_close(struct domain *d, evtchn_port_t port)
{
    struct evtchn *c = port_chn(d, port);
    if (!c || c->state == EVTCHNSTAT_closed)
        return -EINVAL;
    switch (c->state) {
    case EVTCHNSTAT_interdomain: {
        struct evtchn *peer = &c->remote->evtchn[c->remote_port];
        peer->state = EVTCHNSTAT_unbound;
        peer->remote_domid = d->id;
        peer->remote = NULL;
        break;
    }
    case EVTCHNSTAT_virq:
        /* The binding lives on the vCPU it was made for (vCPU 0 for a
         * global VIRQ, wherever bind_vcpu moved its upcalls). */
        for (unsigned int i = 0; i < MAX_VIRT_CPUS; i++)
            if (d->vcpu[i] && d->vcpu[i]->virq_to_port[c->value] == port)
                d->vcpu[i]->virq_to_port[c->value] = 0;
        break;
    case EVTCHNSTAT_pirq:
        d->pirq_to_port[c->value] = 0;
        break;
    default:
        break;
    }
    *c = (struct evtchn){ .state = EVTCHNSTAT_closed };
    return 0;
}

long evtchn_send(struct domain *d, evtchn_port_t port)
{
    struct evtchn *c = port_chn(d, port);
    if (!c)
        return -EINVAL;
    switch (c->state) {
    case EVTCHNSTAT_interdomain:
        evtchn_set_pending(c->remote, c->remote_port);
        return 0;
    case EVTCHNSTAT_ipi:
        evtchn_set_pending(d, port);
        return 0;
    case EVTCHNSTAT_unbound:
        return 0;               /* nobody listens yet: dropped */
    default:
        return -EINVAL;
    }
}

long evtchn_status(struct domain *caller, evtchn_status_t *a)
{
    long rc = 0;
    struct domain *d = named_domain(caller, a->dom, &rc);
    if (!d)
        return rc;
    struct evtchn *c = port_chn(d, a->port);
    if (!c)
        return -EINVAL;
    a->status = c->state;
    a->vcpu = c->notify_vcpu;
    switch (c->state) {
    case EVTCHNSTAT_unbound:
        a->u.unbound.dom = c->remote_domid;
        break;
    case EVTCHNSTAT_interdomain:
        a->u.interdomain.dom = c->remote->id;
        a->u.interdomain.port = c->remote_port;
        break;
    case EVTCHNSTAT_pirq:
        a->u.pirq = c->value;
        break;
    case EVTCHNSTAT_virq:
        a->u.virq = c->value;
        break;
    default:
        break;
    }
    return 0;
}

long evtchn_bind_vcpu(struct domain *d, evtchn_bind_vcpu_t *a)
{
    struct evtchn *c = port_chn(d, a->port);
    if (!c)
        return -EINVAL;
    if (a->vcpu >= MAX_VIRT_CPUS || !d->vcpu[a->vcpu])
        return -ENOENT;
    switch (c->state) {
    case EVTCHNSTAT_virq:
        /* Only where its upcalls go moves; the binding stays on vCPU 0. */
        if (!virq_is_global(c->value))
            return -EINVAL;
        break;
    case EVTCHNSTAT_unbound:
    case EVTCHNSTAT_interdomain:
    case EVTCHNSTAT_pirq:
        break;
    default:
        return -EINVAL;
    }
    c->notify_vcpu = (uint8_t)a->vcpu;
    return 0;
}

long evtchn_unmask(struct domain *d, evtchn_port_t port)
{
    if (port == 0 || port >= NR_EVENT_CHANNELS)
        return -EINVAL;
    struct shared_info *s = d->shared_info;
    unsigned int word = port / BITS_PER_WORD, bit = port % BITS_PER_WORD;
    uint32_t was = __atomic_fetch_and(&s->evtchn_mask[word], ~(1u << bit),
                                      __ATOMIC_SEQ_CST);
    struct vcpu *v = d->vcpu[d->evtchn[port].notify_vcpu];
    if (v && ((was >> bit) & 1) && test_bit(&s->evtchn_pending[word], bit))
        mark_upcall(v, word);
    return 0;
}

void send_guest_vcpu_virq(struct vcpu *v, uint32_t virq)
{
    evtchn_port_t port = v->virq_to_port[virq];
    if (port)
        evtchn_set_pending(v->domain, port);
}

void send_guest_global_virq(struct domain *d, uint32_t virq)
{
    struct vcpu *v = d->vcpu[0];
    if (!v)
        return;
    evtchn_port_t port = v->virq_to_port[virq];
    if (port)
        evtchn_set_pending(d, port);
}

int send_guest_pirq(struct domain *d, uint32_t pirq)
{
    if (pirq >= NR_PIRQS || !d->pirq_to_port[pirq])
        return 0;
    evtchn_set_pending(d, d->pirq_to_port[pirq]);
    return 1;
}

void evtchn_destroy(struct domain *d)
{
    if (!d->evtchn)
        return;
    for (evtchn_port_t p = 1; p < NR_EVENT_CHANNELS; p++)
        if (d->evtchn[p].state != EVTCHNSTAT_closed)
            evtchn_close(d, p);
}
