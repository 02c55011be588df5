/*
 * /dev/privcmd (major DEV_PRIVCMD): how dom0's toolstack reaches the
 * hypervisor.  It opens only in dom0.  Its ioctls (xenio.h):
 *
 *   PRIVCMD_HYPERCALL  a hypercall, if privcmd_forward.c lets it through
 *   PRIVCMD_MMAP       map a frame into the caller's foreign area
 *   PRIVCMD_MUNMAP     undo one such mapping
 *   PRIVCMD_XSD_INFO   dom0's own store page and port (xsd.c)
 *
 * Nothing is kept per open file: foreign mappings belong to the process
 * (foreign.c), so closing the file leaves them in place.
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"
#include "xenolinux-lite/kernel/file.h"
#include "xenolinux-lite/kernel/proc.h"
#include "xenolinux-lite/kernel/xen.h"
#include "xenolinux-lite/include/abi/xenio.h"

static int privcmd_open(struct file *f)
{
    (void)f;
    return is_dom0() ? 0 : -1;
}

/* PRIVCMD_HYPERCALL: 0 with the result written back, or -1 if refused. */
static int do_hypercall(uint32_t arg)
{
    struct privcmd_hypercall h;
    long result;
    if (copyin_user(&h, arg, sizeof(h)) < 0 ||
        privcmd_forward(h.op, h.arg, &result) < 0)
        return -1;
    h.result = (int32_t)result;
    return copyout_user(arg, &h, sizeof(h));
}

/*
 * PRIVCMD_MMAP: another domain's frame, or the one frame of ours that we
 * share (the store page); any other frame of dom0's would give the
 * program the kernel's memory.  0 when mapped; -1 otherwise.
 */
static int do_mmap(uint32_t arg)
{
    struct privcmd_mmap m;
    const struct xsd *x = xsd_get();
    uint32_t dom, va = 0;
    long hvrc = 0;
    if (copyin_user(&m, arg, sizeof(m)) < 0)
        return -1;
    int allowed;
    if (m.dom == 0 || m.dom == DOMID_SELF) {
        dom = DOMID_SELF;
        allowed = x && m.mfn == x->mfn;
    } else {
        dom = m.dom;
        allowed = dom < DOMID_FIRST_RESERVED;
    }
    int rc = -1;
    if (allowed)
        rc = foreign_map(myproc()->pgdir, dom, m.mfn, &va, &hvrc);
    m.va = rc == 0 ? va : 0;
    m.result = (int32_t)hvrc;
    if (copyout_user(arg, &m, sizeof(m)) < 0)
        return -1;
    return rc;
}

/* PRIVCMD_XSD_INFO: -1 in a domain without a store page. */
static int do_xsd_info(uint32_t arg)
{
    const struct xsd *x = xsd_get();
    struct privcmd_xsd_info info;
    if (!x)
        return -1;
    info.mfn = x->mfn;
    info.port = x->port;
    return copyout_user(arg, &info, sizeof(info));
}

static int privcmd_ioctl(struct file *f, uint32_t cmd, uint32_t arg)
{
    (void)f;
    switch (cmd) {
    case PRIVCMD_HYPERCALL:
        return do_hypercall(arg);
    case PRIVCMD_MMAP:
        return do_mmap(arg);
    case PRIVCMD_MUNMAP:
        return foreign_unmap(myproc()->pgdir, arg);
    case PRIVCMD_XSD_INFO:
        return do_xsd_info(arg);
    default:
        return -1;
    }
}

void privcmd_init(void)
{
    devsw[DEV_PRIVCMD].open = privcmd_open;
    devsw[DEV_PRIVCMD].ioctl = privcmd_ioctl;
}
