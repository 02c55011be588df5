/*
 * What the daemon asks of dom0's kernel and the hypervisor, through
 * /dev/privcmd and /dev/evtchn (xenolinux-lite/include/abi/xenio.h):
 * mapping store pages, event-channel ports, and whether a domain lives.
 * Each call returns 0 (or a count) or a negative errno.
 */
#ifndef DOM0_XENSTORED_SYS_H
#define DOM0_XENSTORED_SYS_H
#include <stdint.h>

struct xsd_sys {
    int privcmd;
    int evtchn;                 /* our ports, and what fired */
};

/* Open both devices: 0, or -EPERM if they do not open (not dom0). */
int xsd_sys_open(struct xsd_sys *s);

/* dom0's own store ring, made by its kernel at boot. */
int xsd_sys_own_ring(struct xsd_sys *s, uint32_t *mfn, uint32_t *port);

/* Map frame mfn of domain dom: 0 with *va, or -EINVAL. */
int xsd_sys_map(struct xsd_sys *s, uint32_t dom, uint32_t mfn, void **va);
void xsd_sys_unmap(struct xsd_sys *s, void *va);

/* Bind a port of ours to port remote of domain dom: 0 with *local. */
int xsd_sys_bind(struct xsd_sys *s, uint32_t dom, uint32_t remote,
                 uint32_t *local);
int xsd_sys_bind_virq(struct xsd_sys *s, uint32_t virq, uint32_t *local);
void xsd_sys_unbind(struct xsd_sys *s, uint32_t port);
void xsd_sys_notify(struct xsd_sys *s, uint32_t port);

/* Wait until ports fire: their count (at most max) in ports[], or -EIO. */
int xsd_sys_wait(struct xsd_sys *s, uint32_t *ports, int max);

/*
 * Domain dom's state: 0 with *flags (XEN_DOMINF_*) if it exists, -ESRCH
 * if it does not (any more), -EIO if the hypervisor could not be asked.
 */
int xsd_sys_domain_flags(struct xsd_sys *s, uint32_t dom, uint32_t *flags);
#endif
