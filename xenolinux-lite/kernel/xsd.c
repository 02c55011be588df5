/*
 * dom0's own store ring, made at boot as Linux's dom0 makes its xenbus
 * "xsd" page: a zeroed page of ours and an event channel allocated
 * unbound for ourselves (dom DOMID_SELF, remote 0).  xenstored, a program
 * of dom0's, learns them through /dev/privcmd (PRIVCMD_XSD_INFO), maps
 * the page and binds to the port; dom0's xenbus client (the kernel side
 * of /dev/xenbus) uses them through xsd_get().
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"
#include "xenolinux-lite/kernel/mmu.h"
#include "xenolinux-lite/kernel/xen.h"

static struct xsd xsd;

/* dom0 only: make the page and the port.  A failure is reported and
 * leaves dom0 without a store (xsd_get() says 0). */
void xsd_init(void)
{
    if (!is_dom0())
        return;
    void *page = kalloc();
    if (!page) {
        cprintf("xsd: no page for the store ring\n");
        return;
    }
    memset(page, 0, PGSIZE);
    evtchn_alloc_unbound_t a = { .dom = DOMID_SELF, .remote_dom = 0 };
    long rc = HYPERCALL2(__HYPERVISOR_event_channel_op,
                         EVTCHNOP_alloc_unbound, &a);
    if (rc < 0) {
        cprintf("xsd: alloc_unbound refused: %ld\n", rc);
        kfree(page);
        return;
    }
    xsd.mfn = v2mfn(page);
    xsd.port = a.port;
    xsd.page = page;
}

/* The store ring page and port, or 0 if this domain has none. */
const struct xsd *xsd_get(void)
{
    return xsd.page ? &xsd : 0;
}
