/*
 * console: dom0's console input.  The guest binds VIRQ_CONSOLE and, on
 * each event, reads what arrived with CONSOLEIO_read, echoing whole lines
 * as "console: got '...'" until it reads "quit".  The test types on the
 * serial line, switches input to the hypervisor and back with three
 * Ctrl-A presses in between, and uses a debug key meanwhile: what is typed
 * while input goes to the hypervisor must not reach dom0.
 */
#include "tests/guests/lib/guest.h"
#include "tests/guests/lib/events.h"
#include "hypervisor/include/lib.h"

static volatile uint32_t console_events;

static void on_console(evtchn_port_t port)
{
    (void)port;
    console_events++;
}

void guest_main(void)
{
    char line[80];
    unsigned int len = 0;
    check(install_trap_table() == 0, "trap table");
    check(events_init() == 0, "events");
    check(bind_virq(VIRQ_CONSOLE, on_console) > 0, "bind VIRQ_CONSOLE");
    printf("console: ready\n");
    for (;;) {
        uint32_t seen = console_events;
        char buf[32];
        long n = HYPERCALL3(__HYPERVISOR_console_io, CONSOLEIO_read,
                            sizeof(buf), buf);
        check(n >= 0, "console read: %ld", n);
        for (long i = 0; i < n; i++) {
            if (buf[i] == '\r' || buf[i] == '\n') {
                line[len] = 0;
                if (len)
                    printf("console: got '%s'\n", line);
                if (strcmp(line, "quit") == 0) {
                    printf("console: %u input events\n", console_events);
                    check(console_events > 0, "no VIRQ_CONSOLE arrived");
                    return;
                }
                len = 0;
            } else if (len < sizeof(line) - 1) {
                line[len++] = buf[i];
            }
        }
        if (n == 0)
            block_until(console_events != seen);
    }
}
