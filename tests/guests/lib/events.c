/*
 * Event dispatch, event-channel wrappers, system time and timers for the
 * test guests (see events.h).  Single vCPU: everything uses vcpu_info[0].
 */
#include "tests/guests/lib/events.h"
#include "public/callback.h"
#include "public/errno.h"

volatile uint32_t event_upcalls, events_unhandled;
evtchn_port_t timer_port;
volatile uint32_t timer_upcalls;
event_handler_t timer_hook;

static event_handler_t handlers[NR_EVENT_CHANNELS];

extern char event_callback[], failsafe_callback[];

#define BITS_PER_WORD 32

static vcpu_info_t *vcpu0(void)
{
    return &shared->vcpu_info[0];
}

static void barrier(void)
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
}

/*
 * Called from event_callback with events masked (ABI 6.1's pattern):
 * clear upcall_pending, take the selector, and for each word it names
 * handle every pending, unmasked port, clearing its bit first so that a
 * new event on it during the handler is not lost.  A port with no handler
 * yet (an event that beat bind_port) is masked and left pending, so that
 * it is delivered once bound rather than lost.
 */
void events_dispatch(void)
{
    vcpu_info_t *vi = vcpu0();
    event_upcalls++;
    vi->evtchn_upcall_pending = 0;
    barrier();
    uint32_t sel = __atomic_exchange_n(&vi->evtchn_pending_sel, 0,
                                       __ATOMIC_SEQ_CST);
    while (sel) {
        unsigned int word = (unsigned int)__builtin_ctz(sel);
        sel &= sel - 1;
        uint32_t bits;
        while ((bits = shared->evtchn_pending[word] &
                       ~shared->evtchn_mask[word]) != 0) {
            unsigned int bit = (unsigned int)__builtin_ctz(bits);
            evtchn_port_t port = word * BITS_PER_WORD + bit;
            if (!handlers[port]) {
                /* Keep it for bind_port(), whose unmask re-raises it. */
                __atomic_fetch_or(&shared->evtchn_mask[word], 1u << bit,
                                  __ATOMIC_SEQ_CST);
                events_unhandled++;
                continue;
            }
            __atomic_fetch_and(&shared->evtchn_pending[word], ~(1u << bit),
                               __ATOMIC_SEQ_CST);
            handlers[port](port);
        }
    }
}

void events_failsafe(void)
{
    printf("FAIL: failsafe callback entered: returning to the guest faulted\n");
    guest_exit(SHUTDOWN_crash);
}

static long evtchn_op(uint32_t cmd, void *arg)
{
    return HYPERCALL2(__HYPERVISOR_event_channel_op, cmd, arg);
}

static void on_timer(evtchn_port_t port)
{
    timer_upcalls++;
    if (timer_hook)
        timer_hook(port);
}

int events_init(void)
{
    if (!shared) {
        int rc = map_shared_info();
        if (rc < 0)
            return rc;
    }
    long rc = HYPERCALL4(__HYPERVISOR_set_callbacks, FLAT_KERNEL_CS,
                         event_callback, FLAT_KERNEL_CS, failsafe_callback);
    if (rc < 0)
        return (int)rc;
    rc = bind_virq(VIRQ_TIMER, on_timer);
    if (rc < 0)
        return (int)rc;
    timer_port = (evtchn_port_t)rc;
    events_unmask();
    return 0;
}

long evtchn_unmask(evtchn_port_t port)
{
    evtchn_unmask_t u = { .port = port };
    return evtchn_op(EVTCHNOP_unmask, &u);
}

long bind_port(evtchn_port_t port, event_handler_t h)
{
    if (port == 0 || port >= NR_EVENT_CHANNELS)
        return -EINVAL;
    handlers[port] = h;
    return evtchn_unmask(port);
}

long bind_virq(uint32_t virq, event_handler_t h)
{
    evtchn_bind_virq_t b = { .virq = virq, .vcpu = 0 };
    long rc = evtchn_op(EVTCHNOP_bind_virq, &b);
    if (rc < 0)
        return rc;
    rc = bind_port(b.port, h);
    return rc < 0 ? rc : (long)b.port;
}

/*
 * The new local port starts pending (the hypervisor's connection notice),
 * so events stay masked until its handler is in place: h sees the notice.
 */
long bind_interdomain(domid_t remote, evtchn_port_t remote_port,
                      event_handler_t h)
{
    evtchn_bind_interdomain_t b = { .remote_dom = remote,
                                    .remote_port = remote_port };
    uint8_t was_masked = vcpu0()->evtchn_upcall_mask;
    events_mask();
    long rc = evtchn_op(EVTCHNOP_bind_interdomain, &b);
    if (rc == 0)
        rc = bind_port(b.local_port, h);
    if (!was_masked)
        events_unmask();
    return rc < 0 ? rc : (long)b.local_port;
}

long evtchn_close(evtchn_port_t port)
{
    evtchn_close_t c = { .port = port };
    long rc = evtchn_op(EVTCHNOP_close, &c);
    if (rc == 0 && port < NR_EVENT_CHANNELS)
        handlers[port] = 0;
    return rc;
}

long notify(evtchn_port_t port)
{
    evtchn_send_t s = { .port = port };
    return evtchn_op(EVTCHNOP_send, &s);
}

void events_mask(void)
{
    vcpu0()->evtchn_upcall_mask = 1;
    barrier();
}

void events_unmask(void)
{
    vcpu_info_t *vi = vcpu0();
    barrier();
    vi->evtchn_upcall_mask = 0;
    barrier();
    /* Anything that became due while masked: any hypercall delivers it. */
    if (vi->evtchn_upcall_pending)
        HYPERCALL2(__HYPERVISOR_xen_version, XENVER_version, 0);
}

long block(void)
{
    return HYPERCALL2(__HYPERVISOR_sched_op, SCHEDOP_block, 0);
}

static uint64_t rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

/* (delta * mul) >> 32 with a 96-bit intermediate (ABI 3.4). */
static uint64_t scale_delta(uint64_t delta, uint32_t mul, int8_t shift)
{
    if (shift < 0)
        delta >>= -shift;
    else
        delta <<= shift;
    uint64_t lo = (delta & 0xFFFFFFFFull) * mul;
    uint64_t hi = (delta >> 32) * mul;
    return hi + (lo >> 32);
}

uint64_t system_time_ns(void)
{
    volatile vcpu_time_info_t *t = &vcpu0()->time;
    uint32_t version, mul;
    uint64_t stamp, base, now;
    int8_t shift;
    do {
        version = t->version;
        barrier();
        stamp = t->tsc_timestamp;
        base = t->system_time;
        mul = t->tsc_to_system_mul;
        shift = t->tsc_shift;
        now = rdtsc();
        barrier();
    } while ((version & 1) || version != t->version);
    return base + scale_delta(now - stamp, mul, shift);
}

long set_timer_at(uint64_t ns)
{
    return HYPERCALL2(__HYPERVISOR_set_timer_op, (uint32_t)ns,
                      (uint32_t)(ns >> 32));
}

void sleep_ns(uint64_t ns)
{
    uint64_t until = system_time_ns() + ns;
    set_timer_at(until);
    block_until(system_time_ns() >= until);
}
