/*
 * xenstored: the store daemon, started by dom0's init at boot.
 *
 * It serves dom0's own ring (made by dom0's kernel, learnt through
 * /dev/privcmd) and the ring of every domain the tools introduce, and
 * listens to VIRQ_DOM_EXC to learn which domains shut down or went.
 * The core (xenstored.h) does the protocol; here is only the loop:
 *
 *     forever: serve every ring that has something to move;
 *              sleep in read(/dev/evtchn) until a port fires;
 *              if it was VIRQ_DOM_EXC, look at the domains.
 *
 * A port that fires while the rings are being served is reported by the
 * next read, so no request is ever left waiting unseen.
 */
#include "dom0/xenstored/rings.h"
#include "dom0/xenstored/xs_lib.h"
#include "public/xen.h"

#define FIRED_MAX 64

static struct xsd xsd;          /* off the one-page stack */
static uint32_t fired[FIRED_MAX];

int main(void)
{
    struct xs_daemon_ops ops;
    int n, i;

    if (xsd_sys_open(&xsd.sys) < 0) {
        printf(2, "xenstored: cannot open /dev/privcmd and /dev/evtchn "
               "(only dom0 runs xenstored)\n");
        exit();
    }
    xsd_rings_ops(&xsd, &ops);
    if (xs_daemon_new(&ops, &xsd.core) < 0) {
        printf(2, "xenstored: out of memory\n");
        exit();
    }
    if (xsd_rings_serve_dom0(&xsd) < 0)
        exit();
    if (xsd_sys_bind_virq(&xsd.sys, VIRQ_DOM_EXC, &xsd.dom_exc_port) < 0)
        printf(2, "xenstored: cannot bind VIRQ_DOM_EXC; dead domains "
               "are noticed only when released\n");
    for (;;) {
        xsd_rings_serve_all(&xsd);
        n = xsd_sys_wait(&xsd.sys, fired, FIRED_MAX);
        if (n < 0) {
            printf(2, "xenstored: reading /dev/evtchn failed\n");
            sleep(10);
            continue;
        }
        for (i = 0; i < n; i++)
            if (xsd.dom_exc_port != 0 && fired[i] == xsd.dom_exc_port)
                xsd_rings_check_domains(&xsd);
    }
}
