/*
 * Events, time and timers for the test guests (ABI 3.4, 5.6, 5.8, 6, 8).
 *
 * events_init() maps shared_info, registers the event callback (events.S)
 * and unmasks events.  From then on the hypervisor enters the callback
 * whenever an unmasked port is pending; the dispatcher (events.c) clears
 * each pending port and calls the handler bound to it, then returns
 * through HYPERVISOR_iret so that the event mask is restored in the same
 * step as the return.
 *
 * Waiting follows the usual PV pattern: mask events, test the condition,
 * and only if it is false call SCHEDOP_block, which unmasks events and
 * sleeps unless an upcall is already due.  An event that arrives between
 * the test and the block therefore cannot be lost.  block_until(cond)
 * packages that loop.
 *
 * events_init() also binds VIRQ_TIMER (counted in timer_upcalls, and
 * passed to timer_hook if set), so sleep_ns() and set_timer_at() work at
 * once.
 */
#ifndef TEST_GUEST_EVENTS_H
#define TEST_GUEST_EVENTS_H
#include <stdint.h>
#include "tests/guests/lib/guest.h"
#include "public/event_channel.h"

typedef void (*event_handler_t)(evtchn_port_t port);

/* Map shared_info, register the callbacks, bind VIRQ_TIMER, unmask.  0 or -errno. */
int events_init(void);

/* Bind virq on vCPU 0 to handler h: the port, or -errno. */
long bind_virq(uint32_t virq, event_handler_t h);
/* Connect to remote_port of domain remote (EVTCHNOP_bind_interdomain): the local port, or -errno. */
long bind_interdomain(domid_t remote, evtchn_port_t remote_port,
                      event_handler_t h);
/* Handle an already allocated local port with h, and unmask it.  0 or -errno. */
long bind_port(evtchn_port_t port, event_handler_t h);
/* Clear port's mask bit (EVTCHNOP_unmask, which re-raises it if pending). */
long evtchn_unmask(evtchn_port_t port);
/* Close a local port and forget its handler. */
long evtchn_close(evtchn_port_t port);
/* Raise the other end of port (EVTCHNOP_send).  0 or -errno. */
long notify(evtchn_port_t port);

/* Mask / unmask event delivery for this vCPU (unmask delivers what is due). */
void events_mask(void);
void events_unmask(void);
/* SCHEDOP_block: unmask events and sleep until one is due. */
long block(void);

/* Sleep until cond holds; cond is re-tested after every event. */
#define block_until(cond)                   \
    do {                                    \
        events_mask();                      \
        while (!(cond)) {                   \
            block();                        \
            events_mask();                  \
        }                                   \
        events_unmask();                    \
    } while (0)

/* Upcalls taken, and events that arrived before their port had a handler. */
extern volatile uint32_t event_upcalls, events_unhandled;
/* VIRQ_TIMER: its port, how often it fired, and an optional extra handler. */
extern evtchn_port_t timer_port;
extern volatile uint32_t timer_upcalls;
extern event_handler_t timer_hook;

/* System time in ns, from vcpu_info.time with the version protocol. */
uint64_t system_time_ns(void);
/* One-shot timer (set_timer_op) at absolute system time ns; 0 cancels. */
long set_timer_at(uint64_t ns);
/* Block for at least ns (timer plus block_until). */
void sleep_ns(uint64_t ns);

#define NS_PER_MS 1000000ull
#define NS_PER_US 1000ull
#endif
