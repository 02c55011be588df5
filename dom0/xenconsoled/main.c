/*
 * xenconsoled: the back end of every other domain's console, in dom0's
 * user space (docs/toolstack.md).
 *
 * It learns about domains from xenstore: whenever @introduceDomain or
 * @releaseDomain fires (and once at start) it compares the domains under
 * /local/domain with the consoles it serves.  A running domain with
 * console/ring-ref and console/port gets a console (console.h) and its
 * pty's slave path in console/tty; a console whose domain is gone, dying
 * or shut down is closed.
 *
 * Then it moves bytes, in one poll() loop over /dev/evtchn (the guests'
 * notifications), /dev/xenbus (watch events) and every pty master.  A
 * master is polled for POLLOUT only while output waits for it and for
 * POLLIN only while its guest has room for input, so with nobody
 * attached and the pty full the loop sleeps until the next guest event:
 * it never spins.
 *
 * In a domain other than dom0, /dev/privcmd does not open and
 * xenconsoled exits at once, quietly: there is nothing to serve.
 */
#include "dom0/xenconsoled/console.h"
#include "dom0/xenconsoled/hv.h"
#include "dom0/xenconsoled/store.h"
#include "dom0/libxs/xs.h"
#include "public/errno.h"
#include "xenolinux-lite/include/abi/xenio.h"
#include "user.h"

#define MAX_CONSOLES NPTY       /* one pty each */
#define MAX_DOMAINS 64          /* looked at per scan of /local/domain */
#define STORE_TRIES 20          /* xenstore may still be starting: */
#define STORE_RETRY_TICKS 10    /* 20 tries, 100 ms apart */

static struct hv hv;
static struct xs xs;
static struct console *consoles[MAX_CONSOLES];

static struct console *console_of_domain(uint32_t domid)
{
    for (int i = 0; i < MAX_CONSOLES; i++)
        if (consoles[i] && consoles[i]->domid == domid)
            return consoles[i];
    return 0;
}

static struct console *console_of_port(uint32_t port)
{
    for (int i = 0; i < MAX_CONSOLES; i++)
        if (consoles[i] && consoles[i]->port == port)
            return consoles[i];
    return 0;
}

/* Serve domid's console if it has one; a failure is said and the next
 * scan tries again. */
static void add_console(uint32_t domid)
{
    uint32_t mfn, port;
    int slot = 0, rc;
    while (slot < MAX_CONSOLES && consoles[slot])
        slot++;
    if (store_console_info(&xs, domid, &mfn, &port) < 0)
        return;                 /* not (yet) a domain with a console */
    if (slot == MAX_CONSOLES) {
        printf(2, "xenconsoled: domain %d: no console left (%d served)\n",
               domid, MAX_CONSOLES);
        return;
    }
    struct console *c = malloc(sizeof(*c));
    if (!c) {
        printf(2, "xenconsoled: domain %d: out of memory\n", domid);
        return;
    }
    if ((rc = console_open(c, &hv, domid, mfn, port)) < 0) {
        printf(2, "xenconsoled: domain %d: cannot serve its console "
               "(frame %u, port %u): %d\n", domid, mfn, port, rc);
        free(c);
        return;
    }
    if ((rc = store_publish_tty(&xs, domid, c->pty)) < 0)
        printf(2, "xenconsoled: domain %d: cannot write console/tty: %d\n",
               domid, rc);
    consoles[slot] = c;
    console_service(c, &hv, 0);     /* what it wrote before we came */
}

static void remove_console(int slot)
{
    struct console *c = consoles[slot];
    consoles[slot] = 0;
    console_close(c, &hv);
    store_remove_tty(&xs, c->domid);
    free(c);
}

/* Bring the consoles in line with the domains that run now. */
static void scan_domains(void)
{
    static uint32_t ids[MAX_DOMAINS];
    for (int i = 0; i < MAX_CONSOLES; i++)
        if (consoles[i] && hv_domain_running(&hv, consoles[i]->domid) == 0)
            remove_console(i);
    int n = store_list_domains(&xs, ids, MAX_DOMAINS);
    for (int i = 0; i < n; i++) {
        if (ids[i] == 0 || console_of_domain(ids[i]) ||
            hv_domain_running(&hv, ids[i]) != 1)
            continue;
        add_console(ids[i]);
    }
}

/* Take every watch event, kept or waiting, and scan once for them all.
 * Returns -EIO if the store connection failed. */
static int handle_watch_events(int readable)
{
    struct xs_event ev;
    int any = 0;
    while (xs.nr_events > 0 || readable) {
        if (xs_read_watch(&xs, &ev) < 0)
            return -EIO;
        readable = 0;
        any = 1;
    }
    if (any)
        scan_domains();
    return 0;
}

/* The guests that notified us. */
static void handle_guest_events(void)
{
    static uint32_t ports[32];
    int n = hv_fired_ports(&hv, ports, 32);
    for (int i = 0; i < n; i++) {
        struct console *c = console_of_port(ports[i]);
        if (c)
            console_service(c, &hv, 0);
    }
}

/* Connect to xenstore and set the watches, giving xenstored a moment to
 * start; a negative errno if it never answers. */
static int connect_store(void)
{
    int rc = -EIO;
    for (int i = 0; i < STORE_TRIES; i++) {
        if (xs_open(&xs) == 0) {
            if ((rc = store_watch_domains(&xs)) == 0)
                return 0;
            xs_close(&xs);
        }
        sleep(STORE_RETRY_TICKS);
    }
    return rc;
}

static void serve(void)
{
    static struct pollfd fds[2 + MAX_CONSOLES];
    static int slot_of[2 + MAX_CONSOLES];
    for (;;) {
        if (handle_watch_events(0) < 0)
            return;
        fds[0] = (struct pollfd){ .fd = hv.evtchn, .events = POLLIN };
        fds[1] = (struct pollfd){ .fd = xs.fd, .events = POLLIN };
        int n = 2;
        for (int i = 0; i < MAX_CONSOLES; i++) {
            if (!consoles[i])
                continue;
            fds[n] = (struct pollfd){ .fd = consoles[i]->master,
                                      .events = console_poll_events(consoles[i]) };
            slot_of[n++] = i;
        }
        if (poll(fds, n, -1) < 0) {
            printf(2, "xenconsoled: poll failed\n");
            return;
        }
        if (fds[0].revents & POLLIN)
            handle_guest_events();
        for (int k = 2; k < n; k++) {
            struct console *c = consoles[slot_of[k]];
            if (c && fds[k].revents)
                console_service(c, &hv, (fds[k].revents & POLLIN) != 0);
        }
        if ((fds[1].revents & (POLLIN | POLLHUP)) && handle_watch_events(1) < 0)
            return;
    }
}

int main(void)
{
    if (hv_open(&hv) < 0)
        exit();                 /* not dom0: nothing to serve */
    int rc = connect_store();
    if (rc < 0) {
        printf(2, "xenconsoled: no xenstore (%d); other domains' consoles "
               "are not served\n", rc);
        exit();
    }
    scan_domains();
    serve();
    printf(2, "xenconsoled: lost xenstore; stopping\n");
    exit();
}
