/*
 * domu_pingpong (a domU): one end of an interdomain event channel that
 * two domains bounce an event over, round after round.
 *
 * Command line: role=ping|pong peer=DOMID port=P [rounds=N]
 *   ping: P is a port of its own that dom0 allocated unbound, waiting for
 *         the pong domain.  It waits for pong's hello, then N times sends
 *         and waits for the reply.
 *   pong: P is the ping domain's port.  It binds to it, says hello, then
 *         N times waits for a ping and replies.
 * The two ends strictly alternate, so no event can coalesce with another:
 * each side must count exactly N events after the hello, and says so.
 */
#include "tests/guests/lib/domu.h"
#include "tests/guests/lib/events.h"
#include "tests/guests/lib/args.h"
#include "hypervisor/include/lib.h"

#define DEFAULT_ROUNDS 100000

static volatile uint32_t received;

static void on_event(evtchn_port_t port)
{
    (void)port;
    received++;
}

/* Send on port and wait for the answer, rounds times. */
static void run_ping(evtchn_port_t port, uint32_t rounds)
{
    long rc = bind_port(port, on_event);
    domu_check(rc == 0, "ping: bind_port(%u): %ld", port, rc);
    block_until(received >= 1);             /* pong's hello */
    uint32_t seen = received;
    uint64_t t0 = system_time_ns();
    for (uint32_t i = 0; i < rounds; i++) {
        notify(port);
        block_until(received > seen);
        seen++;
    }
    uint64_t ms = (system_time_ns() - t0) / NS_PER_MS;
    domu_check(received == seen, "ping: %u events, expected %u", received, seen);
    printf("pingpong: %u round trips in %u ms\n", rounds, (uint32_t)ms);
}

/* Bind to the ping domain's port, say hello, answer rounds pings. */
static void run_pong(domid_t peer, evtchn_port_t remote, uint32_t rounds)
{
    long port = bind_interdomain(peer, remote, on_event);
    domu_check(port > 0, "pong: bind_interdomain(d%u, %u): %ld", peer, remote,
               port);
    if (port <= 0)
        return;
    uint32_t seen = received;               /* the connection notice */
    notify((evtchn_port_t)port);
    for (uint32_t i = 0; i < rounds; i++) {
        block_until(received > seen);
        seen++;
        notify((evtchn_port_t)port);
    }
    domu_check(received == seen, "pong: %u events, expected %u", received, seen);
    printf("pong: answered %u pings\n", rounds);
}

void guest_main(void)
{
    char role[8];
    uint32_t peer = 0, port = 0, rounds = DEFAULT_ROUNDS;
    domu_check(events_init() == 0, "events_init");
    arg_str("role", role, sizeof(role));
    arg_uint("rounds", &rounds);
    domu_check(arg_uint("port", &port) == 0, "no port= on the command line");
    if (strcmp(role, "ping") == 0) {
        run_ping(port, rounds);
    } else {
        domu_check(arg_uint("peer", &peer) == 0, "no peer= on the command line");
        run_pong((domid_t)peer, port, rounds);
    }
    domu_finish();
}
