/*
 * The rings the daemon serves: dom0's own (a local connection of the
 * core) and one per domain dom0 introduced, each a mapped store page, a
 * port of ours bound to the domain's store port, and the core's
 * connection.  They come and go through the core's callbacks
 * (struct xs_daemon_ops): introduce maps and binds, release unbinds and
 * unmaps, which is what lets a destroyed domain's memory be freed.
 */
#ifndef DOM0_XENSTORED_RINGS_H
#define DOM0_XENSTORED_RINGS_H
#include <stdbool.h>
#include "dom0/xenstored/xenstored.h"
#include "dom0/xenstored/sys.h"
#include "public/io/xs_wire.h"

struct xsd_ring {
    struct xsd_ring *next;
    domid_t domid;
    volatile struct xenstore_domain_interface *intf;
    uint32_t port;              /* ours, bound to the domain's */
    struct xs_conn *conn;
    bool shutdown_seen;         /* @releaseDomain fired for its shutdown */
    bool broken;                /* its indices were impossible: not served */
};

struct xsd {
    struct xsd_sys sys;
    struct xs_daemon *core;
    struct xsd_ring *rings;
    unsigned int changes;       /* rings added or removed so far */
    uint32_t dom_exc_port;      /* VIRQ_DOM_EXC */
};

/* The callbacks to give xs_daemon_new, with x as their context. */
void xsd_rings_ops(struct xsd *x, struct xs_daemon_ops *ops);

/* Serve dom0's own store ring: 0, or a negative errno (said why). */
int xsd_rings_serve_dom0(struct xsd *x);

/* Serve every ring until none has anything to move (bounded). */
void xsd_rings_serve_all(struct xsd *x);

/*
 * VIRQ_DOM_EXC fired: look at every introduced domain.  One that is gone
 * or dying loses its connection (@releaseDomain fires, its page is
 * unmapped and its port unbound); one that shut down fires
 * @releaseDomain once, and keeps its connection until the tools
 * destroy or release it.
 */
void xsd_rings_check_domains(struct xsd *x);
#endif
