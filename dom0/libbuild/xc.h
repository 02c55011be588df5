/*
 * A small control library for dom0: the hypercalls the domain builder and
 * dom0's tools make, in the spirit of Xen's libxc.
 *
 * It reaches the hypervisor only through struct xc_ops, which the
 * environment supplies: in a dom0 test guest the hypercall page and a
 * window of its own page table; in dom0 user space (later) the privcmd
 * device.  Nothing here depends on either.
 *
 * Every function that names an action returns 0 (or a count, where it
 * says so) or a negative errno from the hypervisor.
 */
#ifndef DOM0_LIBBUILD_XC_H
#define DOM0_LIBBUILD_XC_H
#include <stdint.h>
#include "public/xen.h"
#include "public/domctl.h"
#include "public/sysctl.h"
#include "public/event_channel.h"

struct xc_ops {
    void *ctx;                  /* passed back to every call */
    /* Make hypercall nr with arguments a[0..4]; its result. */
    long (*hypercall)(void *ctx, unsigned int nr, const unsigned long a[5]);
    /*
     * Map machine frame mfn, owned by domain dom, writable somewhere in
     * the caller's address space: its address, or NULL.
     */
    void *(*map_foreign)(void *ctx, domid_t dom, unsigned long mfn);
    /* Undo one map_foreign. */
    void (*unmap_foreign)(void *ctx, void *va);
};

/* domctl / sysctl with the interface version filled in. */
long xc_domctl(const struct xc_ops *x, xen_domctl_t *op);
long xc_sysctl(const struct xc_ops *x, xen_sysctl_t *op);

/* Create an empty paused domain; *dom in: wanted id (0 = any), out: its id. */
long xc_domain_create(const struct xc_ops *x, domid_t *dom);
long xc_domain_destroy(const struct xc_ops *x, domid_t dom);
long xc_domain_pause(const struct xc_ops *x, domid_t dom);
long xc_domain_unpause(const struct xc_ops *x, domid_t dom);
/* getdomaininfo of the first domain with id >= dom (see info->domain). */
long xc_domain_getinfo(const struct xc_ops *x, domid_t dom,
                       xen_domctl_getdomaininfo_t *info);
long xc_domain_max_vcpus(const struct xc_ops *x, domid_t dom, uint32_t max);
long xc_domain_max_mem(const struct xc_ops *x, domid_t dom, uint64_t kb);
long xc_domain_hypercall_init(const struct xc_ops *x, domid_t dom,
                              unsigned long mfn);
long xc_vcpu_setcontext(const struct xc_ops *x, domid_t dom, uint32_t vcpu,
                        vcpu_guest_context_t *ctxt);
/* Credit scheduler parameters (0 leaves a value unchanged on set). */
long xc_sched_credit_set(const struct xc_ops *x, domid_t dom,
                         uint16_t weight, uint16_t cap);
long xc_sched_credit_get(const struct xc_ops *x, domid_t dom,
                         uint16_t *weight, uint16_t *cap);

long xc_physinfo(const struct xc_ops *x, xen_sysctl_physinfo_t *info);

/* A port in dom that remote may bind to; *port receives it. */
long xc_evtchn_alloc_unbound(const struct xc_ops *x, domid_t dom,
                             domid_t remote, evtchn_port_t *port);

/*
 * Give dom the pseudo-physical frames list[0..n-1] (GPFNs in, MFNs out).
 * Returns the number of frames populated, or -errno.
 */
long xc_populate_physmap(const struct xc_ops *x, domid_t dom,
                         unsigned long n, xen_pfn_t *list);
/* Pin frame mfn of dom as its L2 (root) page table. */
long xc_pin_l2(const struct xc_ops *x, domid_t dom, unsigned long mfn);
#endif
