/* struct xc_ops over /dev/privcmd (xenolinux-lite/include/abi/xenio.h). */
#include "dom0/xl/xc_privcmd.h"
#include "xenolinux-lite/include/abi/xenio.h"
#include "public/errno.h"
#include "user.h"
#include "fcntl.h"

/* The hypervisor's result, or -EPERM if the kernel refused to forward. */
static long privcmd_hypercall(void *ctx, unsigned int nr, const unsigned long a[5])
{
    struct xc_privcmd *pc = ctx;
    struct privcmd_hypercall h;
    h.op = nr;
    for (int i = 0; i < 5; i++)
        h.arg[i] = (uint32_t)a[i];
    h.result = 0;
    if (ioctl(pc->fd, PRIVCMD_HYPERCALL, &h) < 0)
        return -EPERM;
    return h.result;
}

static void *privcmd_map_foreign(void *ctx, domid_t dom, unsigned long mfn)
{
    struct xc_privcmd *pc = ctx;
    struct privcmd_mmap m = { .dom = dom, .mfn = (uint32_t)mfn };
    if (ioctl(pc->fd, PRIVCMD_MMAP, &m) < 0 || m.result < 0)
        return 0;
    return (void *)(uintptr_t)m.va;
}

static void privcmd_unmap_foreign(void *ctx, void *va)
{
    struct xc_privcmd *pc = ctx;
    ioctl(pc->fd, PRIVCMD_MUNMAP, (void *)va);
}

int xc_privcmd_open(struct xc_privcmd *pc)
{
    pc->fd = open("/dev/privcmd", O_RDWR);
    if (pc->fd < 0)
        return -1;
    pc->ops.ctx = pc;
    pc->ops.hypercall = privcmd_hypercall;
    pc->ops.map_foreign = privcmd_map_foreign;
    pc->ops.unmap_foreign = privcmd_unmap_foreign;
    return 0;
}

void xc_privcmd_close(struct xc_privcmd *pc)
{
    if (pc->fd >= 0)
        close(pc->fd);
    pc->fd = -1;
}
