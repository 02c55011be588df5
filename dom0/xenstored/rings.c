/* The rings the daemon serves (see rings.h). */
#include "dom0/xenstored/rings.h"
#include "dom0/xenstored/ring.h"
#include "dom0/xenstored/xs_lib.h"
#include "public/domctl.h"

#define SERVE_PASSES 16         /* passes over all rings per wake-up */

/* A ring for conn: the struct linked in, or NULL. */
static struct xsd_ring *ring_new(struct xsd *x, struct xs_conn *conn,
                                 void *page, uint32_t port)
{
    struct xsd_ring *r = malloc(sizeof(*r));

    if (r == NULL)
        return NULL;
    memset(r, 0, sizeof(*r));
    r->domid = xs_conn_domid(conn);
    r->intf = page;
    r->port = port;
    r->conn = conn;
    r->next = x->rings;
    x->rings = r;
    x->changes++;
    xs_conn_set_priv(conn, r);
    return r;
}

static void ring_unlink(struct xsd *x, struct xsd_ring *r)
{
    struct xsd_ring **link;

    for (link = &x->rings; *link != NULL; link = &(*link)->next) {
        if (*link == r) {
            *link = r->next;
            break;
        }
    }
    x->changes++;
}

/* ops->introduce: map the domain's page, bind its port. */
static int ring_introduce(void *ctx, struct xs_conn *conn, uint32_t mfn,
                          uint32_t port)
{
    struct xsd *x = ctx;
    domid_t domid = xs_conn_domid(conn);
    uint32_t local;
    void *page;

    if (xsd_sys_map(&x->sys, domid, mfn, &page) < 0) {
        printf(2, "xenstored: cannot map domain %d's store page %x\n",
               domid, mfn);
        return -EINVAL;
    }
    if (xsd_sys_bind(&x->sys, domid, port, &local) < 0) {
        printf(2, "xenstored: cannot bind domain %d's port %d\n", domid,
               port);
        xsd_sys_unmap(&x->sys, page);
        return -EINVAL;
    }
    if (ring_new(x, conn, page, local) == NULL) {
        xsd_sys_unbind(&x->sys, local);
        xsd_sys_unmap(&x->sys, page);
        return -ENOMEM;
    }
    printf(1, "xenstored: domain %d introduced (page %x, port %d)\n", domid,
           mfn, port);
    return 0;
}

/* ops->release: let go of the domain's page and port. */
static void ring_release(void *ctx, struct xs_conn *conn)
{
    struct xsd *x = ctx;
    struct xsd_ring *r = xs_conn_priv(conn);

    if (r == NULL)
        return;
    xsd_sys_unbind(&x->sys, r->port);
    xsd_sys_unmap(&x->sys, (void *)r->intf);
    ring_unlink(x, r);
    printf(1, "xenstored: domain %d released\n", r->domid);
    free(r);
}

static void ring_log(void *ctx, const char *text)
{
    (void)ctx;
    printf(1, "xenstored: %s\n", text);
}

void xsd_rings_ops(struct xsd *x, struct xs_daemon_ops *ops)
{
    ops->ctx = x;
    ops->introduce = ring_introduce;
    ops->release = ring_release;
    ops->log = ring_log;
}

int xsd_rings_serve_dom0(struct xsd *x)
{
    uint32_t mfn, port, local;
    struct xs_conn *conn;
    void *page;
    int rc;

    if ((rc = xsd_sys_own_ring(&x->sys, &mfn, &port)) < 0) {
        printf(2, "xenstored: dom0 has no store ring\n");
        return rc;
    }
    if ((rc = xsd_sys_map(&x->sys, 0, mfn, &page)) < 0) {
        printf(2, "xenstored: cannot map dom0's store page\n");
        return rc;
    }
    if ((rc = xsd_sys_bind(&x->sys, 0, port, &local)) < 0) {
        printf(2, "xenstored: cannot bind dom0's store port %d\n", port);
        xsd_sys_unmap(&x->sys, page);
        return rc;
    }
    if ((rc = xs_conn_open(x->core, 0, &conn)) < 0 ||
        ring_new(x, conn, page, local) == NULL) {
        printf(2, "xenstored: no memory for dom0's connection\n");
        if (rc == 0)
            xs_conn_close(conn);
        xsd_sys_unbind(&x->sys, local);
        xsd_sys_unmap(&x->sys, page);
        return -ENOMEM;
    }
    printf(1, "xenstored: serving dom0's store ring (port %d)\n", port);
    return 0;
}

/*
 * Serve r once: 1 if anything moved.  Serving may release other rings
 * (a RELEASE from dom0), which the caller notices by x->changes.
 */
static int serve_one(struct xsd *x, struct xsd_ring *r)
{
    uint32_t port = r->port;
    domid_t domid = r->domid;
    int rc;

    if (r->broken)
        return 0;
    rc = xs_ring_serve(r->intf, r->conn);
    if (rc < 0) {
        printf(2, "xenstored: domain %d's ring indices are impossible; "
               "its ring is no longer served\n", domid);
        r->broken = true;
        return 0;
    }
    if (rc > 0)
        xsd_sys_notify(&x->sys, port);
    return rc;
}

void xsd_rings_serve_all(struct xsd *x)
{
    int pass, moved = 1;
    struct xsd_ring *r;
    unsigned int seen;

    /* A request on one ring may queue events on any other: go round
     * until a whole pass moves nothing. */
    for (pass = 0; pass < SERVE_PASSES && moved; pass++) {
        moved = 0;
        r = x->rings;
        while (r != NULL) {
            seen = x->changes;
            moved |= serve_one(x, r);
            /* r (never the released one) is still there; its successor
             * may not be: start the pass again. */
            r = x->changes == seen ? r->next : x->rings;
        }
    }
}

void xsd_rings_check_domains(struct xsd *x)
{
    struct xsd_ring *r;
    uint32_t flags;
    int rc;
    bool again = true;

    while (again) {
        again = false;
        for (r = x->rings; r != NULL; r = r->next) {
            if (!xs_conn_is_introduced(r->conn))
                continue;
            rc = xsd_sys_domain_flags(&x->sys, r->domid, &flags);
            if (rc == -EIO)
                continue;       /* cannot tell: leave it */
            if (rc == -ESRCH || (flags & XEN_DOMINF_dying)) {
                printf(1, "xenstored: domain %d is gone\n", r->domid);
                xs_daemon_domain_gone(x->core, r->domid);
                again = true;   /* r is freed: walk the list again */
                break;
            }
            if ((flags & XEN_DOMINF_shutdown) && !r->shutdown_seen) {
                r->shutdown_seen = true;
                printf(1, "xenstored: domain %d has shut down\n", r->domid);
                xs_daemon_domain_shutdown(x->core, r->domid);
            }
        }
    }
}
