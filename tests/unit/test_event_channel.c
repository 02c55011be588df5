/*
 * The event-channel state machine (ABI 6), on three fake domains:
 *
 *   dom0  id 0, privileged, vCPUs 0 and 1
 *   domA  id 1,             vCPUs 0 and 1
 *   domB  id 2,             vCPU 0 only
 *
 * Each has a real struct shared_info, so the tests read the pending and
 * mask bitmaps, the selector and upcall_pending exactly as a guest would.
 * domain_by_id() finds these three; id MISSING names no domain.
 * vcpu_kick() only records which vCPU it was asked to kick.
 *
 * Expected values come from ABI 6 and the Xen 3.0.4 behaviour it
 * describes, not from the code's output.
 */
// uses: hypervisor/common/event_channel.c
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "hypervisor/include/event.h"
#include "hypervisor/include/domain.h"
#include "public/xen.h"
#include "public/errno.h"

#define NDOMS   3
#define MISSING 9                   /* a domain id nobody has */

static struct shared_info shinfo[NDOMS];
static struct evtchn ports[NDOMS][NR_EVENT_CHANNELS];
static struct vcpu vcpus[NDOMS][2];
static struct domain doms[NDOMS];
static struct domain *const dom0 = &doms[0];
static struct domain *const domA = &doms[1];
static struct domain *const domB = &doms[2];

/* ------------------------------------------------------------ fakes */

struct domain *domain_by_id(domid_t id)
{
    for (int i = 0; i < NDOMS; i++)
        if (doms[i].id == id)
            return &doms[i];
    return NULL;
}

#define MAX_KICKS 64
static struct vcpu *kicks[MAX_KICKS];
static int nr_kicks;

void vcpu_kick(struct vcpu *v)
{
    if (nr_kicks < MAX_KICKS)
        kicks[nr_kicks] = v;
    nr_kicks++;
}

/* How many times v was kicked. */
static int kicks_of(const struct vcpu *v)
{
    int n = 0;
    for (int i = 0; i < nr_kicks && i < MAX_KICKS; i++)
        n += kicks[i] == v;
    return n;
}

/* ------------------------------------------------------------ fixture */

static int setup(void **state)
{
    (void)state;
    memset(shinfo, 0, sizeof(shinfo));
    memset(vcpus, 0, sizeof(vcpus));
    memset(doms, 0, sizeof(doms));
    nr_kicks = 0;
    static const unsigned int nr_vcpus[NDOMS] = { 2, 2, 1 };
    for (int i = 0; i < NDOMS; i++) {
        struct domain *d = &doms[i];
        d->id = (domid_t)i;
        d->is_privileged = i == 0;
        d->shared_info = &shinfo[i];
        for (int c = 0; c < MAX_VIRT_CPUS; c++)
            shinfo[i].vcpu_info[c].evtchn_upcall_mask = 1;  /* as at boot */
        evtchn_init(d, ports[i]);
        for (unsigned int c = 0; c < nr_vcpus[i]; c++) {
            struct vcpu *v = &vcpus[i][c];
            v->id = c;
            v->domain = d;
            v->state = VCPU_RUNNABLE;
            v->vcpu_info = &shinfo[i].vcpu_info[c];
            d->vcpu[c] = v;
        }
    }
    return 0;
}

#define V(d, n) ((d)->vcpu[n])

static int pending(struct domain *d, evtchn_port_t p)
{
    return (d->shared_info->evtchn_pending[p / 32] >> (p % 32)) & 1;
}

static int masked(struct domain *d, evtchn_port_t p)
{
    return (d->shared_info->evtchn_mask[p / 32] >> (p % 32)) & 1;
}

static void mask(struct domain *d, evtchn_port_t p)
{
    d->shared_info->evtchn_mask[p / 32] |= 1u << (p % 32);
}

static uint32_t sel(struct vcpu *v)
{
    return v->vcpu_info->evtchn_pending_sel;
}

static int upcall(struct vcpu *v)
{
    return v->vcpu_info->evtchn_upcall_pending;
}

/* What a guest's handler does: consume every event of d and the kicks. */
static void guest_consumes_events(struct domain *d)
{
    memset(d->shared_info->evtchn_pending, 0,
           sizeof(d->shared_info->evtchn_pending));
    for (int c = 0; c < MAX_VIRT_CPUS; c++) {
        d->shared_info->vcpu_info[c].evtchn_pending_sel = 0;
        d->shared_info->vcpu_info[c].evtchn_upcall_pending = 0;
    }
    nr_kicks = 0;
}

/* A new unbound port of `in`, made by caller, waiting for remote. */
static long alloc_unbound(struct domain *caller, domid_t in, domid_t remote,
                          evtchn_port_t *port)
{
    evtchn_alloc_unbound_t a = { .dom = in, .remote_dom = remote,
                                 .port = 0xDEAD };
    long rc = evtchn_alloc_unbound(caller, &a);
    *port = a.port;
    return rc;
}

static long bind_interdomain(struct domain *caller, domid_t remote,
                             evtchn_port_t rport, evtchn_port_t *lport)
{
    evtchn_bind_interdomain_t a = { .remote_dom = remote,
                                    .remote_port = rport,
                                    .local_port = 0xDEAD };
    long rc = evtchn_bind_interdomain(caller, &a);
    *lport = a.local_port;
    return rc;
}

static long bind_virq(struct domain *d, uint32_t virq, uint32_t vcpu,
                      evtchn_port_t *port)
{
    evtchn_bind_virq_t a = { .virq = virq, .vcpu = vcpu, .port = 0xDEAD };
    long rc = evtchn_bind_virq(d, &a);
    *port = a.port;
    return rc;
}

static long bind_ipi(struct domain *d, uint32_t vcpu, evtchn_port_t *port)
{
    evtchn_bind_ipi_t a = { .vcpu = vcpu, .port = 0xDEAD };
    long rc = evtchn_bind_ipi(d, &a);
    *port = a.port;
    return rc;
}

static long bind_pirq(struct domain *d, uint32_t pirq, evtchn_port_t *port)
{
    evtchn_bind_pirq_t a = { .pirq = pirq, .flags = 0, .port = 0xDEAD };
    long rc = evtchn_bind_pirq(d, &a);
    *port = a.port;
    return rc;
}

static long bind_vcpu(struct domain *d, evtchn_port_t port, uint32_t vcpu)
{
    evtchn_bind_vcpu_t a = { .port = port, .vcpu = vcpu };
    return evtchn_bind_vcpu(d, &a);
}

static evtchn_status_t status_of(struct domain *caller, domid_t dom,
                                 evtchn_port_t port, long *rc)
{
    evtchn_status_t s;
    memset(&s, 0xEE, sizeof(s));
    s.dom = dom;
    s.port = port;
    *rc = evtchn_status(caller, &s);
    return s;
}

/* The status of a port of caller's own, which must succeed. */
static evtchn_status_t own_status(struct domain *d, evtchn_port_t port)
{
    long rc;
    evtchn_status_t s = status_of(d, DOMID_SELF, port, &rc);
    assert_int_equal(rc, 0);
    return s;
}

/* Connect a port of a to a port of b (b binds to a's unbound port). */
static void connect(struct domain *a, struct domain *b, evtchn_port_t *pa,
                    evtchn_port_t *pb)
{
    assert_int_equal(alloc_unbound(a, DOMID_SELF, b->id, pa), 0);
    assert_int_equal(bind_interdomain(b, a->id, *pa, pb), 0);
}

/* ------------------------------------------------------- alloc_unbound */

static void test_alloc_unbound_for_self_waits_for_named_remote(void **state)
{
    (void)state;
    evtchn_port_t p;
    assert_int_equal(alloc_unbound(domA, DOMID_SELF, domB->id, &p), 0);
    evtchn_status_t s = own_status(domA, p);
    assert_int_equal(s.status, EVTCHNSTAT_unbound);
    assert_int_equal(s.u.unbound.dom, domB->id);
    assert_int_equal(s.vcpu, 0);
}

static void test_alloc_unbound_never_uses_port_zero(void **state)
{
    (void)state;
    evtchn_port_t p;
    assert_int_equal(alloc_unbound(domA, DOMID_SELF, domB->id, &p), 0);
    assert_int_equal(p, 1);
    assert_int_equal(own_status(domA, 1).status, EVTCHNSTAT_unbound);
}

static void test_alloc_unbound_remote_domid_self_means_the_caller(void **state)
{
    (void)state;
    evtchn_port_t p;
    assert_int_equal(alloc_unbound(domA, DOMID_SELF, DOMID_SELF, &p), 0);
    assert_int_equal(own_status(domA, p).u.unbound.dom, domA->id);
}

/*
 * DOMID_SELF means "the calling domain" (public/xen.h), also as the
 * remote of a port dom0 makes in another domain: Xen 3.0.4 stores
 * current->domain->domain_id.  So dom0 can then bind to it itself.
 */
static void test_alloc_unbound_in_other_domain_remote_self_means_caller(
    void **state)
{
    (void)state;
    evtchn_port_t p, lp;
    assert_int_equal(alloc_unbound(dom0, domA->id, DOMID_SELF, &p), 0);
    long rc;
    evtchn_status_t s = status_of(dom0, domA->id, p, &rc);
    assert_int_equal(rc, 0);
    assert_int_equal(s.status, EVTCHNSTAT_unbound);
    assert_int_equal(s.u.unbound.dom, dom0->id);
    assert_int_equal(bind_interdomain(dom0, domA->id, p, &lp), 0);
}

static void test_alloc_unbound_privileged_may_make_port_in_other_domain(
    void **state)
{
    (void)state;
    evtchn_port_t p;
    assert_int_equal(alloc_unbound(dom0, domA->id, domB->id, &p), 0);
    evtchn_status_t s = own_status(domA, p);
    assert_int_equal(s.status, EVTCHNSTAT_unbound);
    assert_int_equal(s.u.unbound.dom, domB->id);
    /* The port is domA's: dom0 got no port of its own. */
    assert_int_equal(own_status(dom0, p).status, EVTCHNSTAT_closed);
}

static void test_alloc_unbound_unprivileged_for_other_domain_refused(
    void **state)
{
    (void)state;
    evtchn_port_t p;
    assert_int_equal(alloc_unbound(domA, domB->id, dom0->id, &p), -EPERM);
    assert_int_equal(alloc_unbound(domA, MISSING, dom0->id, &p), -EPERM);
    assert_int_equal(own_status(domB, 1).status, EVTCHNSTAT_closed);
}

static void test_alloc_unbound_missing_domain_refused(void **state)
{
    (void)state;
    evtchn_port_t p;
    assert_int_equal(alloc_unbound(dom0, MISSING, dom0->id, &p), -ESRCH);
}

static void test_alloc_unbound_gives_enospc_when_all_1023_ports_used(
    void **state)
{
    (void)state;
    evtchn_port_t p;
    for (evtchn_port_t want = 1; want < NR_EVENT_CHANNELS; want++) {
        assert_int_equal(alloc_unbound(domA, DOMID_SELF, domB->id, &p), 0);
        assert_int_equal(p, want);
    }
    assert_int_equal(alloc_unbound(domA, DOMID_SELF, domB->id, &p), -ENOSPC);
    /* Every other kind of binding is refused the same way. */
    assert_int_equal(bind_ipi(domA, 0, &p), -ENOSPC);
    assert_int_equal(bind_virq(domA, VIRQ_TIMER, 0, &p), -ENOSPC);
    assert_int_equal(V(domA, 0)->virq_to_port[VIRQ_TIMER], 0);
    /* A freed port is the one handed out next. */
    assert_int_equal(evtchn_close(domA, 700), 0);
    assert_int_equal(alloc_unbound(domA, DOMID_SELF, domB->id, &p), 0);
    assert_int_equal(p, 700);
}

/* ---------------------------------------------------- bind_interdomain */

static void test_bind_interdomain_makes_both_ends_interdomain(void **state)
{
    (void)state;
    evtchn_port_t pa, pb;
    assert_int_equal(alloc_unbound(domA, DOMID_SELF, domB->id, &pa), 0);
    assert_int_equal(alloc_unbound(domB, DOMID_SELF, domA->id, &pb), 0);
    evtchn_port_t lb;                   /* domB's new port, not pb */
    assert_int_equal(bind_interdomain(domB, domA->id, pa, &lb), 0);
    assert_int_not_equal(lb, pb);
    assert_int_not_equal(lb, 0);

    evtchn_status_t s = own_status(domA, pa);
    assert_int_equal(s.status, EVTCHNSTAT_interdomain);
    assert_int_equal(s.u.interdomain.dom, domB->id);
    assert_int_equal(s.u.interdomain.port, lb);
    s = own_status(domB, lb);
    assert_int_equal(s.status, EVTCHNSTAT_interdomain);
    assert_int_equal(s.u.interdomain.dom, domA->id);
    assert_int_equal(s.u.interdomain.port, pa);
    assert_int_equal(s.vcpu, 0);
}

static void test_bind_interdomain_new_local_port_is_pending(void **state)
{
    (void)state;
    evtchn_port_t pa, pb;
    connect(domA, domB, &pa, &pb);
    assert_true(pending(domB, pb));
    assert_int_equal(sel(V(domB, 0)), 1u << (pb / 32));
    assert_int_equal(upcall(V(domB, 0)), 1);
    assert_int_equal(kicks_of(V(domB, 0)), 1);
    /* The remote end, which was waiting, is not raised. */
    assert_false(pending(domA, pa));
    assert_int_equal(upcall(V(domA, 0)), 0);
    assert_int_equal(kicks_of(V(domA, 0)), 0);
}

static void test_bind_interdomain_port_waiting_for_other_domain_refused(
    void **state)
{
    (void)state;
    evtchn_port_t pa, lp;
    assert_int_equal(alloc_unbound(domA, DOMID_SELF, dom0->id, &pa), 0);
    assert_int_equal(bind_interdomain(domB, domA->id, pa, &lp), -EINVAL);
    assert_int_equal(own_status(domA, pa).status, EVTCHNSTAT_unbound);
    /* The failed bind used no port of domB's. */
    assert_int_equal(own_status(domB, 1).status, EVTCHNSTAT_closed);
    assert_int_equal(nr_kicks, 0);
}

static void test_bind_interdomain_to_closed_port_refused(void **state)
{
    (void)state;
    evtchn_port_t lp;
    assert_int_equal(bind_interdomain(domB, domA->id, 5, &lp), -EINVAL);
    assert_int_equal(own_status(domB, 1).status, EVTCHNSTAT_closed);
}

static void test_bind_interdomain_to_connected_port_refused(void **state)
{
    (void)state;
    evtchn_port_t pa, pb, lp;
    connect(domA, domB, &pa, &pb);
    assert_int_equal(bind_interdomain(domB, domA->id, pa, &lp), -EINVAL);
    assert_int_equal(bind_interdomain(dom0, domA->id, pa, &lp), -EINVAL);
}

static void test_bind_interdomain_to_non_unbound_port_refused(void **state)
{
    (void)state;
    evtchn_port_t virq, ipi, lp;
    assert_int_equal(bind_virq(domA, VIRQ_TIMER, 0, &virq), 0);
    assert_int_equal(bind_ipi(domA, 0, &ipi), 0);
    assert_int_equal(bind_interdomain(domB, domA->id, virq, &lp), -EINVAL);
    assert_int_equal(bind_interdomain(domB, domA->id, ipi, &lp), -EINVAL);
}

static void test_bind_interdomain_bad_port_number_refused(void **state)
{
    (void)state;
    evtchn_port_t lp;
    assert_int_equal(bind_interdomain(domB, domA->id, 0, &lp), -EINVAL);
    assert_int_equal(bind_interdomain(domB, domA->id, NR_EVENT_CHANNELS, &lp),
                     -EINVAL);
    assert_int_equal(bind_interdomain(domB, domA->id, 0xFFFFFFFFu, &lp),
                     -EINVAL);
}

static void test_bind_interdomain_missing_domain_refused(void **state)
{
    (void)state;
    evtchn_port_t lp;
    assert_int_equal(bind_interdomain(domB, MISSING, 1, &lp), -ESRCH);
}

static void test_bind_interdomain_domid_self_connects_within_domain(
    void **state)
{
    (void)state;
    evtchn_port_t p, lp;
    assert_int_equal(alloc_unbound(domA, DOMID_SELF, DOMID_SELF, &p), 0);
    assert_int_equal(bind_interdomain(domA, DOMID_SELF, p, &lp), 0);
    assert_int_not_equal(lp, p);
    evtchn_status_t s = own_status(domA, p);
    assert_int_equal(s.status, EVTCHNSTAT_interdomain);
    assert_int_equal(s.u.interdomain.dom, domA->id);
    assert_int_equal(s.u.interdomain.port, lp);
    /* A send on either end raises the other. */
    guest_consumes_events(domA);
    assert_int_equal(evtchn_send(domA, p), 0);
    assert_true(pending(domA, lp));
    assert_false(pending(domA, p));
}

/* --------------------------------------------------------- bind_virq */

static void test_bind_virq_binds_port_to_named_vcpu(void **state)
{
    (void)state;
    evtchn_port_t p;
    assert_int_equal(bind_virq(domA, VIRQ_TIMER, 1, &p), 0);
    assert_int_not_equal(p, 0);
    assert_int_equal(V(domA, 1)->virq_to_port[VIRQ_TIMER], p);
    assert_int_equal(V(domA, 0)->virq_to_port[VIRQ_TIMER], 0);
    evtchn_status_t s = own_status(domA, p);
    assert_int_equal(s.status, EVTCHNSTAT_virq);
    assert_int_equal(s.u.virq, VIRQ_TIMER);
    assert_int_equal(s.vcpu, 1);
}

static void test_bind_virq_per_vcpu_virq_bound_once_on_each_vcpu(
    void **state)
{
    (void)state;
    evtchn_port_t p0, p1;
    assert_int_equal(bind_virq(domA, VIRQ_TIMER, 0, &p0), 0);
    assert_int_equal(bind_virq(domA, VIRQ_TIMER, 1, &p1), 0);
    assert_int_not_equal(p0, p1);
    assert_int_equal(bind_virq(domA, VIRQ_DEBUG, 1, &p1), 0);
    assert_int_equal(bind_virq(domA, VIRQ_XENOPROF, 1, &p1), 0);
}

static void test_bind_virq_bad_number_refused(void **state)
{
    (void)state;
    evtchn_port_t p;
    assert_int_equal(bind_virq(domA, NR_VIRQS, 0, &p), -EINVAL);
    assert_int_equal(bind_virq(domA, 0xFFFFFFFFu, 0, &p), -EINVAL);
    assert_int_equal(own_status(domA, 1).status, EVTCHNSTAT_closed);
}

static void test_bind_virq_global_on_nonzero_vcpu_refused(void **state)
{
    (void)state;
    evtchn_port_t p;
    assert_int_equal(bind_virq(dom0, VIRQ_CONSOLE, 1, &p), -EINVAL);
    assert_int_equal(bind_virq(dom0, VIRQ_DOM_EXC, 1, &p), -EINVAL);
    assert_int_equal(bind_virq(dom0, VIRQ_ARCH_0, 1, &p), -EINVAL);
    assert_int_equal(bind_virq(dom0, VIRQ_CONSOLE, 0, &p), 0);
}

static void test_bind_virq_missing_vcpu_refused(void **state)
{
    (void)state;
    evtchn_port_t p;
    assert_int_equal(bind_virq(domB, VIRQ_TIMER, 1, &p), -ENOENT);
    assert_int_equal(bind_virq(domB, VIRQ_TIMER, MAX_VIRT_CPUS, &p), -ENOENT);
    assert_int_equal(bind_virq(domB, VIRQ_TIMER, 0xFFFFFFFFu, &p), -ENOENT);
    domB->vcpu[0] = NULL;
    assert_int_equal(bind_virq(domB, VIRQ_CONSOLE, 0, &p), -ENOENT);
}

static void test_bind_virq_twice_refused(void **state)
{
    (void)state;
    evtchn_port_t p, q;
    assert_int_equal(bind_virq(domA, VIRQ_TIMER, 0, &p), 0);
    assert_int_equal(bind_virq(domA, VIRQ_TIMER, 0, &q), -EEXIST);
    assert_int_equal(V(domA, 0)->virq_to_port[VIRQ_TIMER], p);
    assert_int_equal(bind_virq(dom0, VIRQ_DOM_EXC, 0, &p), 0);
    assert_int_equal(bind_virq(dom0, VIRQ_DOM_EXC, 0, &q), -EEXIST);
}

static void test_vcpu_virq_raises_the_port_bound_on_that_vcpu(void **state)
{
    (void)state;
    evtchn_port_t p0, p1;
    assert_int_equal(bind_virq(domA, VIRQ_TIMER, 0, &p0), 0);
    assert_int_equal(bind_virq(domA, VIRQ_TIMER, 1, &p1), 0);
    send_guest_vcpu_virq(V(domA, 1), VIRQ_TIMER);
    assert_true(pending(domA, p1));
    assert_false(pending(domA, p0));
    assert_int_equal(upcall(V(domA, 1)), 1);
    assert_int_equal(upcall(V(domA, 0)), 0);
    assert_int_equal(kicks_of(V(domA, 1)), 1);
    assert_int_equal(nr_kicks, 1);
}

static void test_unbound_virq_raises_nothing(void **state)
{
    (void)state;
    send_guest_vcpu_virq(V(domA, 0), VIRQ_TIMER);
    send_guest_global_virq(dom0, VIRQ_CONSOLE);
    for (int w = 0; w < 32; w++) {
        assert_int_equal(shinfo[0].evtchn_pending[w], 0);
        assert_int_equal(shinfo[1].evtchn_pending[w], 0);
    }
    assert_int_equal(nr_kicks, 0);
}

static void test_global_virq_raises_port_on_vcpu0(void **state)
{
    (void)state;
    evtchn_port_t p;
    assert_int_equal(bind_virq(dom0, VIRQ_CONSOLE, 0, &p), 0);
    send_guest_global_virq(dom0, VIRQ_CONSOLE);
    assert_true(pending(dom0, p));
    assert_int_equal(upcall(V(dom0, 0)), 1);
    assert_int_equal(kicks_of(V(dom0, 0)), 1);
}

/* ---------------------------------------------------------- bind_ipi */

static void test_bind_ipi_port_notifies_named_vcpu(void **state)
{
    (void)state;
    evtchn_port_t p;
    assert_int_equal(bind_ipi(domA, 1, &p), 0);
    evtchn_status_t s = own_status(domA, p);
    assert_int_equal(s.status, EVTCHNSTAT_ipi);
    assert_int_equal(s.vcpu, 1);
    assert_int_equal(evtchn_send(domA, p), 0);
    assert_true(pending(domA, p));
    assert_int_equal(sel(V(domA, 1)), 1u << (p / 32));
    assert_int_equal(upcall(V(domA, 1)), 1);
    assert_int_equal(upcall(V(domA, 0)), 0);
    assert_int_equal(kicks_of(V(domA, 1)), 1);
    assert_int_equal(nr_kicks, 1);
}

static void test_bind_ipi_missing_vcpu_refused(void **state)
{
    (void)state;
    evtchn_port_t p;
    assert_int_equal(bind_ipi(domB, 1, &p), -ENOENT);
    assert_int_equal(bind_ipi(domB, MAX_VIRT_CPUS, &p), -ENOENT);
    assert_int_equal(own_status(domB, 1).status, EVTCHNSTAT_closed);
}

/* --------------------------------------------------------- bind_pirq */

static void test_bind_pirq_unprivileged_refused(void **state)
{
    (void)state;
    evtchn_port_t p;
    assert_int_equal(bind_pirq(domA, 4, &p), -EPERM);
    assert_int_equal(domA->pirq_to_port[4], 0);
    assert_int_equal(own_status(domA, 1).status, EVTCHNSTAT_closed);
}

static void test_bind_pirq_binds_physical_irq(void **state)
{
    (void)state;
    evtchn_port_t p;
    assert_int_equal(bind_pirq(dom0, 4, &p), 0);
    assert_int_equal(dom0->pirq_to_port[4], p);
    evtchn_status_t s = own_status(dom0, p);
    assert_int_equal(s.status, EVTCHNSTAT_pirq);
    assert_int_equal(s.u.pirq, 4);
    assert_int_equal(s.vcpu, 0);
    assert_int_equal(send_guest_pirq(dom0, 4), 1);
    assert_true(pending(dom0, p));
    assert_int_equal(kicks_of(V(dom0, 0)), 1);
    /* An IRQ nobody bound raises nothing. */
    assert_int_equal(send_guest_pirq(dom0, 3), 0);
}

static void test_bind_pirq_twice_refused(void **state)
{
    (void)state;
    evtchn_port_t p, q;
    assert_int_equal(bind_pirq(dom0, 4, &p), 0);
    assert_int_equal(bind_pirq(dom0, 4, &q), -EEXIST);
    assert_int_equal(dom0->pirq_to_port[4], p);
}

static void test_bind_pirq_bad_number_refused(void **state)
{
    (void)state;
    evtchn_port_t p;
    assert_int_equal(bind_pirq(dom0, NR_PIRQS, &p), -EINVAL);
    assert_int_equal(bind_pirq(dom0, 0xFFFFFFFFu, &p), -EINVAL);
}

/* -------------------------------------------------------------- close */

static void test_close_interdomain_peer_becomes_unbound_waiting_for_closer(
    void **state)
{
    (void)state;
    evtchn_port_t pa, pb;
    connect(domA, domB, &pa, &pb);
    assert_int_equal(evtchn_close(domB, pb), 0);
    assert_int_equal(own_status(domB, pb).status, EVTCHNSTAT_closed);
    evtchn_status_t s = own_status(domA, pa);
    assert_int_equal(s.status, EVTCHNSTAT_unbound);
    assert_int_equal(s.u.unbound.dom, domB->id);
    /* The closer can connect again; the other side's sends are dropped
     * until it does. */
    assert_int_equal(evtchn_send(domA, pa), 0);
    guest_consumes_events(domB);
    evtchn_port_t again;
    assert_int_equal(bind_interdomain(domB, domA->id, pa, &again), 0);
    assert_int_equal(own_status(domA, pa).status, EVTCHNSTAT_interdomain);
}

static void test_close_virq_clears_binding_so_it_can_be_bound_again(
    void **state)
{
    (void)state;
    evtchn_port_t p, q;
    assert_int_equal(bind_virq(domA, VIRQ_TIMER, 1, &p), 0);
    assert_int_equal(evtchn_close(domA, p), 0);
    assert_int_equal(V(domA, 1)->virq_to_port[VIRQ_TIMER], 0);
    assert_int_equal(own_status(domA, p).status, EVTCHNSTAT_closed);
    send_guest_vcpu_virq(V(domA, 1), VIRQ_TIMER);
    assert_false(pending(domA, p));
    assert_int_equal(bind_virq(domA, VIRQ_TIMER, 1, &q), 0);
}

static void test_close_pirq_clears_binding_so_it_can_be_bound_again(
    void **state)
{
    (void)state;
    evtchn_port_t p, q;
    assert_int_equal(bind_pirq(dom0, 7, &p), 0);
    assert_int_equal(evtchn_close(dom0, p), 0);
    assert_int_equal(dom0->pirq_to_port[7], 0);
    assert_int_equal(send_guest_pirq(dom0, 7), 0);
    assert_int_equal(bind_pirq(dom0, 7, &q), 0);
}

static void test_close_closed_port_refused(void **state)
{
    (void)state;
    evtchn_port_t p;
    assert_int_equal(evtchn_close(domA, 3), -EINVAL);
    assert_int_equal(bind_ipi(domA, 0, &p), 0);
    assert_int_equal(evtchn_close(domA, p), 0);
    assert_int_equal(evtchn_close(domA, p), -EINVAL);
}

static void test_close_port_zero_or_out_of_range_refused(void **state)
{
    (void)state;
    assert_int_equal(evtchn_close(domA, 0), -EINVAL);
    assert_int_equal(evtchn_close(domA, NR_EVENT_CHANNELS), -EINVAL);
    assert_int_equal(evtchn_close(domA, 0xFFFFFFFFu), -EINVAL);
}

/* --------------------------------------------------------------- send */

static void test_send_interdomain_raises_peer_port(void **state)
{
    (void)state;
    evtchn_port_t pa, pb;
    connect(domA, domB, &pa, &pb);
    guest_consumes_events(domB);
    assert_int_equal(evtchn_send(domB, pb), 0);
    assert_true(pending(domA, pa));
    assert_false(pending(domB, pb));
    assert_int_equal(upcall(V(domA, 0)), 1);
    assert_int_equal(kicks_of(V(domA, 0)), 1);
    assert_int_equal(nr_kicks, 1);
    /* And the other way. */
    guest_consumes_events(domA);
    assert_int_equal(evtchn_send(domA, pa), 0);
    assert_true(pending(domB, pb));
    assert_int_equal(kicks_of(V(domB, 0)), 1);
}

static void test_send_ipi_raises_local_port(void **state)
{
    (void)state;
    evtchn_port_t p;
    assert_int_equal(bind_ipi(domA, 0, &p), 0);
    assert_int_equal(evtchn_send(domA, p), 0);
    assert_true(pending(domA, p));
    assert_int_equal(kicks_of(V(domA, 0)), 1);
}

static void test_send_unbound_is_silently_dropped(void **state)
{
    (void)state;
    evtchn_port_t p;
    assert_int_equal(alloc_unbound(domA, DOMID_SELF, domB->id, &p), 0);
    assert_int_equal(evtchn_send(domA, p), 0);
    assert_false(pending(domA, p));
    for (int w = 0; w < 32; w++)
        assert_int_equal(shinfo[2].evtchn_pending[w], 0);
    assert_int_equal(nr_kicks, 0);
}

static void test_send_virq_pirq_closed_or_bad_port_refused(void **state)
{
    (void)state;
    evtchn_port_t virq, pirq;
    assert_int_equal(bind_virq(dom0, VIRQ_TIMER, 0, &virq), 0);
    assert_int_equal(bind_pirq(dom0, 1, &pirq), 0);
    assert_int_equal(evtchn_send(dom0, virq), -EINVAL);
    assert_int_equal(evtchn_send(dom0, pirq), -EINVAL);
    assert_int_equal(evtchn_send(dom0, 100), -EINVAL);      /* closed */
    assert_int_equal(evtchn_send(dom0, 0), -EINVAL);
    assert_int_equal(evtchn_send(dom0, NR_EVENT_CHANNELS), -EINVAL);
    assert_false(pending(dom0, virq));
    assert_false(pending(dom0, pirq));
    assert_int_equal(nr_kicks, 0);
}

/* ------------------------------------------------------------- status */

static void test_status_of_closed_port(void **state)
{
    (void)state;
    evtchn_status_t s = own_status(domA, 17);
    assert_int_equal(s.status, EVTCHNSTAT_closed);
    assert_int_equal(s.vcpu, 0);
}

static void test_status_bad_port_refused(void **state)
{
    (void)state;
    long rc;
    status_of(domA, DOMID_SELF, NR_EVENT_CHANNELS, &rc);
    assert_int_equal(rc, -EINVAL);
}

static void test_status_reports_each_binding(void **state)
{
    (void)state;
    evtchn_port_t unb, ia, ib, virq, pirq, ipi;
    assert_int_equal(alloc_unbound(dom0, DOMID_SELF, domB->id, &unb), 0);
    connect(domA, dom0, &ia, &ib);
    assert_int_equal(bind_virq(dom0, VIRQ_TIMER, 1, &virq), 0);
    assert_int_equal(bind_pirq(dom0, 12, &pirq), 0);
    assert_int_equal(bind_ipi(dom0, 1, &ipi), 0);

    evtchn_status_t s = own_status(dom0, unb);
    assert_int_equal(s.status, EVTCHNSTAT_unbound);
    assert_int_equal(s.u.unbound.dom, domB->id);
    assert_int_equal(s.vcpu, 0);
    s = own_status(dom0, ib);
    assert_int_equal(s.status, EVTCHNSTAT_interdomain);
    assert_int_equal(s.u.interdomain.dom, domA->id);
    assert_int_equal(s.u.interdomain.port, ia);
    assert_int_equal(s.vcpu, 0);
    s = own_status(dom0, virq);
    assert_int_equal(s.status, EVTCHNSTAT_virq);
    assert_int_equal(s.u.virq, VIRQ_TIMER);
    assert_int_equal(s.vcpu, 1);
    s = own_status(dom0, pirq);
    assert_int_equal(s.status, EVTCHNSTAT_pirq);
    assert_int_equal(s.u.pirq, 12);
    assert_int_equal(s.vcpu, 0);
    s = own_status(dom0, ipi);
    assert_int_equal(s.status, EVTCHNSTAT_ipi);
    assert_int_equal(s.vcpu, 1);
}

static void test_status_of_foreign_domain_needs_privilege(void **state)
{
    (void)state;
    evtchn_port_t p;
    long rc;
    assert_int_equal(alloc_unbound(domB, DOMID_SELF, domA->id, &p), 0);
    status_of(domA, domB->id, p, &rc);
    assert_int_equal(rc, -EPERM);
    evtchn_status_t s = status_of(dom0, domB->id, p, &rc);
    assert_int_equal(rc, 0);
    assert_int_equal(s.status, EVTCHNSTAT_unbound);
    assert_int_equal(s.u.unbound.dom, domA->id);
    status_of(dom0, MISSING, p, &rc);
    assert_int_equal(rc, -ESRCH);
}

/* ---------------------------------------------------------- bind_vcpu */

static void test_bind_vcpu_per_vcpu_virq_refused(void **state)
{
    (void)state;
    evtchn_port_t p;
    assert_int_equal(bind_virq(domA, VIRQ_TIMER, 0, &p), 0);
    assert_int_equal(bind_vcpu(domA, p, 1), -EINVAL);
    assert_int_equal(own_status(domA, p).vcpu, 0);
    assert_int_equal(V(domA, 0)->virq_to_port[VIRQ_TIMER], p);
}

static void test_bind_vcpu_ipi_refused(void **state)
{
    (void)state;
    evtchn_port_t p;
    assert_int_equal(bind_ipi(domA, 0, &p), 0);
    assert_int_equal(bind_vcpu(domA, p, 1), -EINVAL);
    assert_int_equal(own_status(domA, p).vcpu, 0);
}

static void test_bind_vcpu_closed_port_or_missing_vcpu_refused(void **state)
{
    (void)state;
    evtchn_port_t pa, pb;
    assert_int_equal(bind_vcpu(domA, 9, 1), -EINVAL);       /* closed */
    assert_int_equal(bind_vcpu(domA, 0, 1), -EINVAL);
    assert_int_equal(bind_vcpu(domA, NR_EVENT_CHANNELS, 1), -EINVAL);
    connect(domB, domA, &pb, &pa);
    assert_int_equal(bind_vcpu(domB, pb, 1), -ENOENT);
    assert_int_equal(bind_vcpu(domA, pa, MAX_VIRT_CPUS), -ENOENT);
}

static void test_bind_vcpu_global_virq_moves_its_notification(void **state)
{
    (void)state;
    evtchn_port_t p;
    assert_int_equal(bind_virq(dom0, VIRQ_DOM_EXC, 0, &p), 0);
    assert_int_equal(bind_vcpu(dom0, p, 1), 0);
    assert_int_equal(own_status(dom0, p).vcpu, 1);
    evtchn_set_pending(dom0, p);
    assert_int_equal(upcall(V(dom0, 1)), 1);
    assert_int_equal(upcall(V(dom0, 0)), 0);
    assert_int_equal(kicks_of(V(dom0, 1)), 1);
    assert_int_equal(nr_kicks, 1);
}

/*
 * A global VIRQ is raised through vCPU 0's binding (send_guest_global_virq
 * looks at d->vcpu[0]->virq_to_port); bind_vcpu only changes which vCPU
 * gets the upcall, as in Xen, so the VIRQ still arrives after the move.
 */
static void test_global_virq_still_delivered_after_bind_vcpu(void **state)
{
    (void)state;
    evtchn_port_t p;
    assert_int_equal(bind_virq(dom0, VIRQ_DOM_EXC, 0, &p), 0);
    assert_int_equal(bind_vcpu(dom0, p, 1), 0);
    send_guest_global_virq(dom0, VIRQ_DOM_EXC);
    assert_true(pending(dom0, p));
    assert_int_equal(upcall(V(dom0, 1)), 1);
    assert_int_equal(kicks_of(V(dom0, 1)), 1);
}

/* A moved global VIRQ is still bound: binding it again is -EEXIST. */
static void test_global_virq_moved_by_bind_vcpu_cannot_be_bound_twice(
    void **state)
{
    (void)state;
    evtchn_port_t p, q;
    assert_int_equal(bind_virq(dom0, VIRQ_DOM_EXC, 0, &p), 0);
    assert_int_equal(bind_vcpu(dom0, p, 1), 0);
    assert_int_equal(bind_virq(dom0, VIRQ_DOM_EXC, 0, &q), -EEXIST);
}

static void test_bind_vcpu_interdomain_moves_notification(void **state)
{
    (void)state;
    evtchn_port_t pa, pb;
    connect(domB, domA, &pb, &pa);
    guest_consumes_events(domA);
    assert_int_equal(bind_vcpu(domA, pa, 1), 0);
    assert_int_equal(evtchn_send(domB, pb), 0);
    assert_true(pending(domA, pa));
    assert_int_equal(upcall(V(domA, 1)), 1);
    assert_int_equal(upcall(V(domA, 0)), 0);
    assert_int_equal(kicks_of(V(domA, 1)), 1);
}

static void test_bind_vcpu_unbound_and_pirq_allowed(void **state)
{
    (void)state;
    evtchn_port_t u, pirq;
    assert_int_equal(alloc_unbound(dom0, DOMID_SELF, domA->id, &u), 0);
    assert_int_equal(bind_pirq(dom0, 3, &pirq), 0);
    assert_int_equal(bind_vcpu(dom0, u, 1), 0);
    assert_int_equal(bind_vcpu(dom0, pirq, 1), 0);
    assert_int_equal(own_status(dom0, u).vcpu, 1);
    assert_int_equal(own_status(dom0, pirq).vcpu, 1);
    send_guest_pirq(dom0, 3);
    assert_int_equal(kicks_of(V(dom0, 1)), 1);
}

/* ------------------------------------------------------------ raising */

static void test_raise_sets_pending_selector_upcall_and_kicks(void **state)
{
    (void)state;
    evtchn_port_t p;
    assert_int_equal(bind_ipi(domA, 0, &p), 0);
    for (int i = 0; i < 40; i++)            /* ports 2..41 */
        assert_int_equal(bind_ipi(domA, 0, &p), 0);
    assert_int_equal(p, 41);                /* word 1, bit 9 */
    evtchn_set_pending(domA, p);
    assert_int_equal(domA->shared_info->evtchn_pending[1], 1u << 9);
    assert_int_equal(domA->shared_info->evtchn_pending[0], 0);
    assert_int_equal(sel(V(domA, 0)), 1u << 1);
    assert_int_equal(upcall(V(domA, 0)), 1);
    assert_int_equal(kicks_of(V(domA, 0)), 1);
    assert_int_equal(nr_kicks, 1);
    assert_true(evtchn_is_pending(domA, p));
}

static void test_raise_kicks_only_when_upcall_pending_goes_0_to_1(
    void **state)
{
    (void)state;
    /* Ports 3 (word 0) and 35 (word 1), both on vCPU 0. */
    evtchn_set_pending(domA, 3);
    assert_int_equal(nr_kicks, 1);
    evtchn_set_pending(domA, 35);
    assert_int_equal(sel(V(domA, 0)), 3u);      /* both selector bits */
    assert_int_equal(upcall(V(domA, 0)), 1);
    assert_int_equal(nr_kicks, 1);              /* upcall was already 1 */
    /* Once the guest clears upcall_pending, a new event kicks again. */
    V(domA, 0)->vcpu_info->evtchn_upcall_pending = 0;
    V(domA, 0)->vcpu_info->evtchn_pending_sel = 0;
    evtchn_set_pending(domA, 70);
    assert_int_equal(nr_kicks, 2);
}

static void test_raise_with_selector_bit_already_set_sets_no_upcall(
    void **state)
{
    (void)state;
    /* The guest is part-way through: it cleared upcall_pending but its
     * scan of word 0 is still to come (selector bit still set). */
    V(domA, 0)->vcpu_info->evtchn_pending_sel = 1;
    evtchn_set_pending(domA, 5);
    assert_true(pending(domA, 5));
    assert_int_equal(upcall(V(domA, 0)), 0);
    assert_int_equal(nr_kicks, 0);
}

static void test_raise_masked_port_sets_only_pending(void **state)
{
    (void)state;
    mask(domA, 6);
    evtchn_set_pending(domA, 6);
    assert_true(pending(domA, 6));
    assert_true(evtchn_is_pending(domA, 6));
    assert_int_equal(sel(V(domA, 0)), 0);
    assert_int_equal(upcall(V(domA, 0)), 0);
    assert_int_equal(nr_kicks, 0);
}

static void test_raise_already_pending_port_does_nothing_more(void **state)
{
    (void)state;
    evtchn_set_pending(domA, 8);
    /* The guest took the upcall but has not handled port 8 yet. */
    V(domA, 0)->vcpu_info->evtchn_upcall_pending = 0;
    V(domA, 0)->vcpu_info->evtchn_pending_sel = 0;
    nr_kicks = 0;
    V(domA, 1)->polling = 1;
    evtchn_set_pending(domA, 8);
    assert_int_equal(sel(V(domA, 0)), 0);
    assert_int_equal(upcall(V(domA, 0)), 0);
    assert_int_equal(nr_kicks, 0);              /* pollers neither */
}

static void test_raise_kicks_pollers_even_for_masked_port(void **state)
{
    (void)state;
    mask(domA, 9);
    V(domA, 1)->polling = 1;
    evtchn_set_pending(domA, 9);
    assert_int_equal(kicks_of(V(domA, 1)), 1);
    assert_int_equal(kicks_of(V(domA, 0)), 0);
    assert_int_equal(upcall(V(domA, 0)), 0);
    assert_int_equal(upcall(V(domA, 1)), 0);
}

static void test_raise_kicks_pollers_of_that_domain_only(void **state)
{
    (void)state;
    V(domB, 0)->polling = 1;
    mask(domA, 9);
    evtchn_set_pending(domA, 9);
    assert_int_equal(nr_kicks, 0);
}

static void test_is_pending_rejects_port_zero_and_out_of_range(void **state)
{
    (void)state;
    domA->shared_info->evtchn_pending[0] = 1;   /* bit of port 0 */
    assert_false(evtchn_is_pending(domA, 0));
    assert_false(evtchn_is_pending(domA, NR_EVENT_CHANNELS));
    assert_false(evtchn_is_pending(domA, 1));
}

/* ------------------------------------------------------------- unmask */

static void test_unmask_clears_mask_bit(void **state)
{
    (void)state;
    mask(domA, 10);
    mask(domA, 11);
    assert_int_equal(evtchn_unmask(domA, 10), 0);
    assert_false(masked(domA, 10));
    assert_true(masked(domA, 11));
    assert_int_equal(nr_kicks, 0);              /* nothing was pending */
    assert_int_equal(upcall(V(domA, 0)), 0);
}

static void test_unmask_of_pending_port_raises_upcall_and_kicks_once(
    void **state)
{
    (void)state;
    evtchn_port_t p;
    assert_int_equal(bind_ipi(domA, 1, &p), 0);
    mask(domA, p);
    assert_int_equal(evtchn_send(domA, p), 0);
    assert_int_equal(upcall(V(domA, 1)), 0);
    assert_int_equal(evtchn_unmask(domA, p), 0);
    assert_false(masked(domA, p));
    assert_int_equal(sel(V(domA, 1)), 1u << (p / 32));
    assert_int_equal(upcall(V(domA, 1)), 1);
    assert_int_equal(kicks_of(V(domA, 1)), 1);
    assert_int_equal(nr_kicks, 1);
    /* A second unmask finds the upcall already raised. */
    assert_int_equal(evtchn_unmask(domA, p), 0);
    assert_int_equal(nr_kicks, 1);
}

static void test_unmask_bad_port_refused(void **state)
{
    (void)state;
    assert_int_equal(evtchn_unmask(domA, 0), -EINVAL);
    assert_int_equal(evtchn_unmask(domA, NR_EVENT_CHANNELS), -EINVAL);
}

/* ------------------------------------------------------------ destroy */

static void test_destroy_closes_every_port_and_unbinds_peers(void **state)
{
    (void)state;
    evtchn_port_t a1, b1, a2, z2, p;
    connect(domA, domB, &a1, &b1);          /* domB binds to domA */
    connect(dom0, domA, &z2, &a2);          /* domA binds to dom0 */
    assert_int_equal(bind_virq(domA, VIRQ_TIMER, 1, &p), 0);
    assert_int_equal(bind_ipi(domA, 0, &p), 0);
    assert_int_equal(alloc_unbound(domA, DOMID_SELF, domB->id, &p), 0);

    evtchn_destroy(domA);
    for (evtchn_port_t q = 1; q < NR_EVENT_CHANNELS; q++)
        assert_int_equal(domA->evtchn[q].state, EVTCHNSTAT_closed);
    assert_int_equal(V(domA, 1)->virq_to_port[VIRQ_TIMER], 0);
    evtchn_status_t s = own_status(domB, b1);
    assert_int_equal(s.status, EVTCHNSTAT_unbound);
    assert_int_equal(s.u.unbound.dom, domA->id);
    s = own_status(dom0, z2);
    assert_int_equal(s.status, EVTCHNSTAT_unbound);
    assert_int_equal(s.u.unbound.dom, domA->id);
    /* The survivors' sends are dropped, not sent into the dead domain. */
    guest_consumes_events(domA);
    assert_int_equal(evtchn_send(domB, b1), 0);
    assert_int_equal(evtchn_send(dom0, z2), 0);
    assert_false(pending(domA, a1));
    assert_false(pending(domA, a2));
    assert_int_equal(nr_kicks, 0);
}

static void test_destroy_handles_loopback_channel(void **state)
{
    (void)state;
    evtchn_port_t p, lp;
    assert_int_equal(alloc_unbound(domA, DOMID_SELF, DOMID_SELF, &p), 0);
    assert_int_equal(bind_interdomain(domA, DOMID_SELF, p, &lp), 0);
    evtchn_destroy(domA);
    assert_int_equal(domA->evtchn[p].state, EVTCHNSTAT_closed);
    assert_int_equal(domA->evtchn[lp].state, EVTCHNSTAT_closed);
}

/*
 * domain_destroy() (hypervisor/common/domain.c) frees a domain's vCPUs,
 * setting d->vcpu[i] = NULL, before it calls evtchn_destroy().  Closing a
 * VIRQ port must then not reach through the vanished vCPU.  (A failure
 * here is a crash: cmocka reports the SIGSEGV.)
 */
static void test_destroy_after_vcpus_released_does_not_touch_them(
    void **state)
{
    (void)state;
    evtchn_port_t p;
    assert_int_equal(bind_virq(domA, VIRQ_TIMER, 0, &p), 0);
    assert_int_equal(bind_virq(domA, VIRQ_TIMER, 1, &p), 0);
    domA->vcpu[0] = NULL;                   /* as vcpu_destroy() leaves it */
    domA->vcpu[1] = NULL;
    evtchn_destroy(domA);
    for (evtchn_port_t q = 1; q < NR_EVENT_CHANNELS; q++)
        assert_int_equal(domA->evtchn[q].state, EVTCHNSTAT_closed);
}

#define T(name) cmocka_unit_test_setup(name, setup)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_alloc_unbound_for_self_waits_for_named_remote),
        T(test_alloc_unbound_never_uses_port_zero),
        T(test_alloc_unbound_remote_domid_self_means_the_caller),
        T(test_alloc_unbound_in_other_domain_remote_self_means_caller),
        T(test_alloc_unbound_privileged_may_make_port_in_other_domain),
        T(test_alloc_unbound_unprivileged_for_other_domain_refused),
        T(test_alloc_unbound_missing_domain_refused),
        T(test_alloc_unbound_gives_enospc_when_all_1023_ports_used),
        T(test_bind_interdomain_makes_both_ends_interdomain),
        T(test_bind_interdomain_new_local_port_is_pending),
        T(test_bind_interdomain_port_waiting_for_other_domain_refused),
        T(test_bind_interdomain_to_closed_port_refused),
        T(test_bind_interdomain_to_connected_port_refused),
        T(test_bind_interdomain_to_non_unbound_port_refused),
        T(test_bind_interdomain_bad_port_number_refused),
        T(test_bind_interdomain_missing_domain_refused),
        T(test_bind_interdomain_domid_self_connects_within_domain),
        T(test_bind_virq_binds_port_to_named_vcpu),
        T(test_bind_virq_per_vcpu_virq_bound_once_on_each_vcpu),
        T(test_bind_virq_bad_number_refused),
        T(test_bind_virq_global_on_nonzero_vcpu_refused),
        T(test_bind_virq_missing_vcpu_refused),
        T(test_bind_virq_twice_refused),
        T(test_vcpu_virq_raises_the_port_bound_on_that_vcpu),
        T(test_unbound_virq_raises_nothing),
        T(test_global_virq_raises_port_on_vcpu0),
        T(test_bind_ipi_port_notifies_named_vcpu),
        T(test_bind_ipi_missing_vcpu_refused),
        T(test_bind_pirq_unprivileged_refused),
        T(test_bind_pirq_binds_physical_irq),
        T(test_bind_pirq_twice_refused),
        T(test_bind_pirq_bad_number_refused),
        T(test_close_interdomain_peer_becomes_unbound_waiting_for_closer),
        T(test_close_virq_clears_binding_so_it_can_be_bound_again),
        T(test_close_pirq_clears_binding_so_it_can_be_bound_again),
        T(test_close_closed_port_refused),
        T(test_close_port_zero_or_out_of_range_refused),
        T(test_send_interdomain_raises_peer_port),
        T(test_send_ipi_raises_local_port),
        T(test_send_unbound_is_silently_dropped),
        T(test_send_virq_pirq_closed_or_bad_port_refused),
        T(test_status_of_closed_port),
        T(test_status_bad_port_refused),
        T(test_status_reports_each_binding),
        T(test_status_of_foreign_domain_needs_privilege),
        T(test_bind_vcpu_per_vcpu_virq_refused),
        T(test_bind_vcpu_ipi_refused),
        T(test_bind_vcpu_closed_port_or_missing_vcpu_refused),
        T(test_bind_vcpu_global_virq_moves_its_notification),
        T(test_global_virq_still_delivered_after_bind_vcpu),
        T(test_global_virq_moved_by_bind_vcpu_cannot_be_bound_twice),
        T(test_bind_vcpu_interdomain_moves_notification),
        T(test_bind_vcpu_unbound_and_pirq_allowed),
        T(test_raise_sets_pending_selector_upcall_and_kicks),
        T(test_raise_kicks_only_when_upcall_pending_goes_0_to_1),
        T(test_raise_with_selector_bit_already_set_sets_no_upcall),
        T(test_raise_masked_port_sets_only_pending),
        T(test_raise_already_pending_port_does_nothing_more),
        T(test_raise_kicks_pollers_even_for_masked_port),
        T(test_raise_kicks_pollers_of_that_domain_only),
        T(test_is_pending_rejects_port_zero_and_out_of_range),
        T(test_unmask_clears_mask_bit),
        T(test_unmask_of_pending_port_raises_upcall_and_kicks_once),
        T(test_unmask_bad_port_refused),
        T(test_destroy_closes_every_port_and_unbinds_peers),
        T(test_destroy_handles_loopback_channel),
        T(test_destroy_after_vcpus_released_does_not_touch_them),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
