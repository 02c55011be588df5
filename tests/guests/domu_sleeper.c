/*
 * domu_sleeper (a domU): blocks until dom0 sends it an event.
 *
 * Command line: port=P, a port of dom0 waiting for us.  We bind to it,
 * say hello, and block.  dom0 checks that we stay blocked and use no CPU,
 * then sends; we must wake on that event (and on nothing before it: no
 * timer is set, so nothing else can wake us) and power off.
 */
#include "tests/guests/lib/domu.h"
#include "tests/guests/lib/events.h"
#include "tests/guests/lib/args.h"

static volatile uint32_t received;

static void on_event(evtchn_port_t port)
{
    (void)port;
    received++;
}

void guest_main(void)
{
    uint32_t remote = 0;
    domu_check(events_init() == 0, "events_init");
    domu_check(arg_uint("port", &remote) == 0, "no port= on the command line");
    long port = bind_interdomain(0, remote, on_event);
    domu_check(port > 0, "bind_interdomain(d0, %u): %ld", remote, port);
    uint32_t seen = received;               /* the connection notice */
    notify((evtchn_port_t)port);
    uint32_t blocks = 0;
    events_mask();
    while (received == seen) {
        block();
        blocks++;
        events_mask();
    }
    events_unmask();
    printf("sleeper: woke on dom0's event after %u block%s\n", blocks,
           blocks == 1 ? "" : "s");
    domu_check(received == seen + 1, "events after the hello: %u",
               received - seen);
    domu_finish();
}
