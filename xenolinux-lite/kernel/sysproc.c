/* The process system calls, and SYS_hvcounters (ours). */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"
#include "xenolinux-lite/kernel/proc.h"
#include "xenolinux-lite/kernel/spinlock.h"
#include "xenolinux-lite/kernel/xen.h"
#include "public/domctl.h"

int sys_fork(void);
int sys_exit(void);
int sys_wait(void);
int sys_kill(void);
int sys_getpid(void);
int sys_sbrk(void);
int sys_sleep(void);
int sys_uptime(void);
int sys_hvcounters(void);

int sys_fork(void)
{
    return fork();
}

int sys_exit(void)
{
    exit();
}

int sys_wait(void)
{
    return wait();
}

int sys_kill(void)
{
    int pid;
    if (argint(0, &pid) < 0)
        return -1;
    return kill(pid);
}

int sys_getpid(void)
{
    return myproc()->pid;
}

/* Grow memory by n bytes; return the old end. */
int sys_sbrk(void)
{
    int n;
    if (argint(0, &n) < 0)
        return -1;
    int addr = myproc()->sz;
    if (growproc(n) < 0)
        return -1;
    return addr;
}

/* Sleep n ticks (10 ms each); -1 if killed meanwhile. */
int sys_sleep(void)
{
    int n;
    if (argint(0, &n) < 0)
        return -1;
    uint32_t ticks0 = ticks_now();
    acquire(&tickslock);
    while (ticks - ticks0 < (uint32_t)n) {
        if (myproc()->killed) {
            release(&tickslock);
            return -1;
        }
        sleep(&ticks, &tickslock);
    }
    release(&tickslock);
    return 0;
}

/* Ticks since boot. */
int sys_uptime(void)
{
    return ticks_now();
}

/*
 * hvcounters(struct { uint64_t entries, hypercalls, exceptions; } *out):
 * this domain's counters as the hypervisor keeps them.  Only a
 * privileged domain may ask (domctl); elsewhere it fails with -1.
 */
int sys_hvcounters(void)
{
    char *out;
    xen_domctl_t op;
    if (argptr(0, &out, sizeof(op.u.xenhv_counters)) < 0)
        return -1;
    memset(&op, 0, sizeof(op));
    op.cmd = XEN_DOMCTL_xenhv_getcounters;
    op.interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    op.domain = DOMID_SELF;
    if (HYPERCALL1(__HYPERVISOR_domctl, &op) < 0)
        return -1;
    return copyout(myproc()->pgdir, (uint32_t)out, &op.u.xenhv_counters,
                   sizeof(op.u.xenhv_counters));
}
