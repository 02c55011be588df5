/* The hypervisor, as xenconsoled reaches it (see hv.h). */
#include "dom0/xenconsoled/hv.h"
#include "public/domctl.h"
#include "public/errno.h"
#include "public/xen.h"
#include "xenolinux-lite/include/abi/xenio.h"
#include "user.h"
#include "fcntl.h"

int hv_open(struct hv *h)
{
    h->privcmd = open("/dev/privcmd", O_RDWR);
    h->evtchn = open("/dev/evtchn", O_RDWR);
    if (h->privcmd < 0 || h->evtchn < 0) {
        if (h->privcmd >= 0)
            close(h->privcmd);
        if (h->evtchn >= 0)
            close(h->evtchn);
        return -EPERM;
    }
    return 0;
}

int hv_domain_running(struct hv *h, uint32_t dom)
{
    static xen_domctl_t op;     /* the kernel copies it from our memory */
    struct privcmd_hypercall call;
    memset(&op, 0, sizeof(op));
    op.cmd = XEN_DOMCTL_getdomaininfo;
    op.interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    op.domain = (domid_t)dom;
    memset(&call, 0, sizeof(call));
    call.op = __HYPERVISOR_domctl;
    call.arg[0] = (uint32_t)(uintptr_t)&op;
    if (ioctl(h->privcmd, PRIVCMD_HYPERCALL, &call) < 0)
        return -EIO;
    if (call.result == -ESRCH)
        return 0;               /* no domain with this id or above */
    if (call.result < 0)
        return -EIO;
    const xen_domctl_getdomaininfo_t *info = &op.u.getdomaininfo;
    if (info->domain != dom)
        return 0;               /* the next one up: ours is gone */
    return (info->flags & (XEN_DOMINF_dying | XEN_DOMINF_shutdown)) == 0;
}

int hv_map(struct hv *h, uint32_t dom, uint32_t mfn, void **va)
{
    struct privcmd_mmap m = { .dom = dom, .mfn = mfn };
    if (ioctl(h->privcmd, PRIVCMD_MMAP, &m) < 0)
        return m.result < 0 ? m.result : -EPERM;
    *va = (void *)(uintptr_t)m.va;
    return 0;
}

void hv_unmap(struct hv *h, void *va)
{
    ioctl(h->privcmd, PRIVCMD_MUNMAP, (uint32_t)(uintptr_t)va);
}

int hv_bind(struct hv *h, uint32_t dom, uint32_t remote_port, uint32_t *local)
{
    struct evtchn_ioctl_bind_interdomain b = { .remote_dom = dom,
                                               .remote_port = remote_port };
    if (ioctl(h->evtchn, EVTCHN_BIND_INTERDOMAIN, &b) < 0)
        return -EINVAL;
    *local = b.port;
    return 0;
}

void hv_unbind(struct hv *h, uint32_t port)
{
    ioctl(h->evtchn, EVTCHN_UNBIND, port);
}

void hv_notify(struct hv *h, uint32_t port)
{
    ioctl(h->evtchn, EVTCHN_NOTIFY, port);
}

int hv_fired_ports(struct hv *h, uint32_t *ports, int max)
{
    int n = read(h->evtchn, ports, max * (int)sizeof(uint32_t));
    if (n < 0)
        return -EIO;
    return n / (int)sizeof(uint32_t);
}
