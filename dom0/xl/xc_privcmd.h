/*
 * The control library's (dom0/libbuild/xc.h) way into the hypervisor
 * from dom0's user space: /dev/privcmd, whose kernel driver checks every
 * request before it makes the hypercall or the foreign mapping.
 */
#ifndef DOM0_XL_XC_PRIVCMD_H
#define DOM0_XL_XC_PRIVCMD_H
#include "dom0/libbuild/xc.h"

struct xc_privcmd {
    int fd;
    struct xc_ops ops;
};

/* Open /dev/privcmd and fill pc->ops; 0, or -1 if it cannot be opened
 * (not dom0, or no such device). */
int xc_privcmd_open(struct xc_privcmd *pc);
void xc_privcmd_close(struct xc_privcmd *pc);
#endif
