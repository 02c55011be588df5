/* The daemon's devices (see sys.h). */
#include "dom0/xenstored/sys.h"
#include "dom0/xenstored/xs_lib.h"
#include "xenolinux-lite/include/abi/xenio.h"
#include "xenolinux-lite/user/include/fcntl.h"
#include "public/xen.h"
#include "public/domctl.h"

int xsd_sys_open(struct xsd_sys *s)
{
    s->privcmd = open("/dev/privcmd", O_RDWR);
    s->evtchn = open("/dev/evtchn", O_RDWR);
    if (s->privcmd < 0 || s->evtchn < 0) {
        if (s->privcmd >= 0)
            close(s->privcmd);
        if (s->evtchn >= 0)
            close(s->evtchn);
        return -EPERM;
    }
    return 0;
}

int xsd_sys_own_ring(struct xsd_sys *s, uint32_t *mfn, uint32_t *port)
{
    struct privcmd_xsd_info info;

    if (ioctl(s->privcmd, PRIVCMD_XSD_INFO, &info) < 0)
        return -ENOENT;
    *mfn = info.mfn;
    *port = info.port;
    return 0;
}

int xsd_sys_map(struct xsd_sys *s, uint32_t dom, uint32_t mfn, void **va)
{
    struct privcmd_mmap m;

    m.dom = dom;
    m.mfn = mfn;
    m.va = 0;
    m.result = 0;
    if (ioctl(s->privcmd, PRIVCMD_MMAP, &m) < 0 || m.va == 0)
        return -EINVAL;
    *va = (void *)(uintptr_t)m.va;
    return 0;
}

void xsd_sys_unmap(struct xsd_sys *s, void *va)
{
    ioctl(s->privcmd, PRIVCMD_MUNMAP, (uint32_t)(uintptr_t)va);
}

int xsd_sys_bind(struct xsd_sys *s, uint32_t dom, uint32_t remote,
                 uint32_t *local)
{
    struct evtchn_ioctl_bind_interdomain b;

    b.remote_dom = dom;
    b.remote_port = remote;
    b.port = 0;
    if (ioctl(s->evtchn, EVTCHN_BIND_INTERDOMAIN, &b) < 0)
        return -EINVAL;
    *local = b.port;
    return 0;
}

int xsd_sys_bind_virq(struct xsd_sys *s, uint32_t virq, uint32_t *local)
{
    struct evtchn_ioctl_bind_virq b;

    b.virq = virq;
    b.port = 0;
    if (ioctl(s->evtchn, EVTCHN_BIND_VIRQ, &b) < 0)
        return -EINVAL;
    *local = b.port;
    return 0;
}

void xsd_sys_unbind(struct xsd_sys *s, uint32_t port)
{
    ioctl(s->evtchn, EVTCHN_UNBIND, port);
}

void xsd_sys_notify(struct xsd_sys *s, uint32_t port)
{
    ioctl(s->evtchn, EVTCHN_NOTIFY, port);
}

int xsd_sys_wait(struct xsd_sys *s, uint32_t *ports, int max)
{
    int n = read(s->evtchn, ports, max * (int)sizeof(uint32_t));

    if (n < 0 || n % (int)sizeof(uint32_t) != 0)
        return -EIO;
    return n / (int)sizeof(uint32_t);
}

int xsd_sys_domain_flags(struct xsd_sys *s, uint32_t dom, uint32_t *flags)
{
    struct privcmd_hypercall h;
    xen_domctl_t op;

    memset(&op, 0, sizeof(op));
    op.cmd = XEN_DOMCTL_getdomaininfo;
    op.interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    op.domain = (domid_t)dom;
    memset(&h, 0, sizeof(h));
    h.op = __HYPERVISOR_domctl;
    h.arg[0] = (uint32_t)(uintptr_t)&op;
    if (ioctl(s->privcmd, PRIVCMD_HYPERCALL, &h) < 0)
        return -EIO;
    if (h.result == -ESRCH || (h.result == 0 && op.domain != dom))
        return -ESRCH;          /* none at or after dom, or the next one */
    if (h.result < 0)
        return -EIO;
    *flags = op.u.getdomaininfo.flags;
    return 0;
}
