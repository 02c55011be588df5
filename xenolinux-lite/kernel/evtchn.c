/*
 * Events (our interrupts) and time.
 *
 * The hypervisor signals us by setting a port's pending bit in
 * shared_info and, if this vCPU's events are not masked, entering
 * event_callback (trapasm.S) with them masked.  trap() then calls
 * evtchn_dispatch(), which runs the handler bound to each pending port.
 * "Masking events" (vcpu_info.evtchn_upcall_mask) is our cli; unmasking
 * must be followed by a hypercall if an upcall became due meanwhile,
 * since only the hypervisor can deliver it.
 *
 * Time is the hypervisor's system time: nanoseconds since it booted,
 * computed from the TSC and the scale in vcpu_info.time.
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"
#include "xenolinux-lite/kernel/mmu.h"
#include "xenolinux-lite/kernel/xen.h"

shared_info_t *shared;
static uint8_t shared_page[PGSIZE] __attribute__((aligned(PGSIZE)));
static evtchn_handler_t handlers[NR_EVENT_CHANNELS];

extern char event_callback[], failsafe_callback[];

/* Map shared_info over a page of our image and register the callbacks. */
void xeninit(void)
{
    long rc = HYPERCALL4(__HYPERVISOR_update_va_mapping, shared_page,
                         start_info->shared_info | KPTE_RW, 0, UVMF_INVLPG);
    if (rc < 0)
        panic("map shared_info");
    shared = (shared_info_t *)shared_page;
    rc = HYPERCALL4(__HYPERVISOR_set_callbacks, FLAT_KERNEL_CS, event_callback,
                    FLAT_KERNEL_CS, failsafe_callback);
    if (rc < 0)
        panic("set_callbacks");
}

int events_enabled(void)
{
    return shared && !vcpu0->evtchn_upcall_mask;
}

void events_disable(void)
{
    if (!shared)
        return;
    vcpu0->evtchn_upcall_mask = 1;
    mb();
}

void events_enable(void)
{
    if (!shared)
        return;
    mb();
    vcpu0->evtchn_upcall_mask = 0;
    mb();
    if (vcpu0->evtchn_upcall_pending)       /* any hypercall delivers it */
        HYPERCALL2(__HYPERVISOR_xen_version, XENVER_version, 0);
}

/* Called with events masked: unmask them and sleep until one is due. */
void block_events(void)
{
    HYPERCALL2(__HYPERVISOR_sched_op, SCHEDOP_block, 0);
}

/*
 * Bind virq (on vCPU 0) to handler h and unmask its port.  Returns the
 * port, or a negative errno from the hypervisor.
 */
long bind_virq(uint32_t virq, evtchn_handler_t h)
{
    evtchn_bind_virq_t b = { .virq = virq, .vcpu = 0 };
    long rc = HYPERCALL2(__HYPERVISOR_event_channel_op, EVTCHNOP_bind_virq, &b);
    if (rc < 0)
        return rc;
    handlers[b.port] = h;
    evtchn_unmask_t u = { .port = b.port };
    rc = HYPERCALL2(__HYPERVISOR_event_channel_op, EVTCHNOP_unmask, &u);
    return rc < 0 ? rc : (long)b.port;
}

/*
 * Run h for port's events from now on (0: ignore them).  The caller
 * masks events around binding a port and setting its handler, so that
 * no event of the new port is dispatched before it has one.
 */
void evtchn_set_handler(evtchn_port_t port, evtchn_handler_t h)
{
    if (port >= NR_EVENT_CHANNELS)
        panic("evtchn_set_handler: bad port");
    handlers[port] = h;
}

/* Let port's events through (and deliver one already pending); 0 or a
 * negative errno from the hypervisor. */
long evtchn_unmask(evtchn_port_t port)
{
    evtchn_unmask_t u = { .port = port };
    return HYPERCALL2(__HYPERVISOR_event_channel_op, EVTCHNOP_unmask, &u);
}

/*
 * Run the handler of every pending, unmasked port (events are masked).
 * Each pending bit is cleared before its handler runs, so an event that
 * arrives during the handler is seen on the next upcall, not lost.
 */
void evtchn_dispatch(void)
{
    vcpu0->evtchn_upcall_pending = 0;
    mb();
    uint32_t sel = __atomic_exchange_n(&vcpu0->evtchn_pending_sel, 0,
                                       __ATOMIC_SEQ_CST);
    while (sel) {
        uint32_t word = __builtin_ctz(sel);
        sel &= sel - 1;
        uint32_t bits;
        while ((bits = shared->evtchn_pending[word] &
                       ~shared->evtchn_mask[word]) != 0) {
            uint32_t bit = __builtin_ctz(bits);
            evtchn_port_t port = word * 32 + bit;
            __atomic_fetch_and(&shared->evtchn_pending[word], ~(1u << bit),
                               __ATOMIC_SEQ_CST);
            if (handlers[port])
                handlers[port](port);
        }
    }
}

/* (delta << shift) * mul >> 32, with a 96-bit intermediate. */
static uint64_t scale(uint64_t delta, uint32_t mul, int8_t shift)
{
    if (shift < 0)
        delta >>= -shift;
    else
        delta <<= shift;
    return (delta >> 32) * mul + (((delta & 0xFFFFFFFFu) * mul) >> 32);
}

/* The hypervisor's system time now, in ns (ABI 3.4's version protocol). */
uint64_t system_time_ns(void)
{
    volatile vcpu_time_info_t *t = &vcpu0->time;
    uint32_t version, mul;
    uint64_t stamp, base, now;
    int8_t shift;
    do {
        version = t->version;
        mb();
        stamp = t->tsc_timestamp;
        base = t->system_time;
        mul = t->tsc_to_system_mul;
        shift = t->tsc_shift;
        now = rdtsc();
        mb();
    } while ((version & 1) || version != t->version);
    return base + scale(now - stamp, mul, shift);
}

void set_timer_at(uint64_t ns)
{
    HYPERCALL2(__HYPERVISOR_set_timer_op, (uint32_t)ns, (uint32_t)(ns >> 32));
}
