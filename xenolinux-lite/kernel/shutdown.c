/*
 * Ending the domain in order, for init's poweroff() (sysboot.c) and for
 * dom0's request through control/shutdown (xenbus_shutdown.c):
 *
 *   1. every user process but init is told to stop (killed: it exits
 *      when it next returns to ring 3, so a system call under way
 *      finishes first);
 *   2. the log is frozen: no new file-system operation starts, and we
 *      wait until every open one has ended and been committed and
 *      installed, so the disk holds everything that completed;
 *   3. SCHEDOP_shutdown with the reason; the hypervisor stops us there.
 *
 * Nothing here waits for the processes themselves: once the log is
 * frozen nothing they could still do reaches the disk.
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"
#include "xenolinux-lite/kernel/xen.h"

static const char *reason_name(unsigned int reason)
{
    switch (reason) {
    case SHUTDOWN_poweroff: return "powering off";
    case SHUTDOWN_reboot: return "rebooting";
    case SHUTDOWN_suspend: return "suspending";
    default: return "crashing";
    }
}

void domain_shutdown(unsigned int reason)
{
    cprintf("xenolinux-lite: %s: stopping processes\n", reason_name(reason));
    kill_others();
    log_freeze();
    cprintf("xenolinux-lite: file system committed; %s\n", reason_name(reason));
    struct sched_shutdown s = { .reason = reason };
    for (;;)
        HYPERCALL2(__HYPERVISOR_sched_op, SCHEDOP_shutdown, &s);
}
