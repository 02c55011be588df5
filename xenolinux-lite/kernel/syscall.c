/*
 * System-call dispatch and argument fetching (xv6's user ABI).
 *
 * The number is in EAX; the arguments are on the user stack, where the
 * caller's cdecl call left them: argument n at ESP + 4 + 4n (ESP + 0
 * holds the stub's return address).  The result goes back in EAX.
 * Every user address is checked against the process size before the
 * kernel touches it: the kernel runs in ring 1 and could read anything.
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"
#include "xenolinux-lite/kernel/proc.h"
#include "xenolinux-lite/include/abi/syscall.h"

/* Fetch the int at user address addr. */
int fetchint(uint32_t addr, int *ip)
{
    struct proc *p = myproc();
    if (addr >= p->sz || p->sz - addr < 4)
        return -1;
    *ip = *(int *)addr;
    return 0;
}

/*
 * Point *pp at the NUL-terminated string at user address addr; returns
 * its length, or -1 if it does not end inside the process.
 */
int fetchstr(uint32_t addr, char **pp)
{
    struct proc *p = myproc();
    if (addr >= p->sz)
        return -1;
    *pp = (char *)addr;
    for (char *s = *pp; s < (char *)p->sz; s++)
        if (*s == 0)
            return s - *pp;
    return -1;
}

int argint(int n, int *ip)
{
    return fetchint(myproc()->tf->esp + 4 + 4 * n, ip);
}

/* Argument n as a pointer to size bytes of user memory. */
int argptr(int n, char **pp, int size)
{
    int i;
    struct proc *p = myproc();
    if (argint(n, &i) < 0)
        return -1;
    if (size < 0 || (uint32_t)i >= p->sz || p->sz - (uint32_t)i < (uint32_t)size)
        return -1;
    *pp = (char *)i;
    return 0;
}

int argstr(int n, char **pp)
{
    int addr;
    if (argint(n, &addr) < 0)
        return -1;
    return fetchstr((uint32_t)addr, pp);
}

int sys_fork(void);
int sys_exit(void);
int sys_wait(void);
int sys_kill(void);
int sys_getpid(void);
int sys_sbrk(void);
int sys_sleep(void);
int sys_uptime(void);
int sys_hvcounters(void);
int sys_ioctl(void);
int sys_poll(void);
int sys_bootrun(void);
int sys_poweroff(void);

static int (*const syscalls[])(void) = {
    [SYS_fork] = sys_fork,     [SYS_exit] = sys_exit,
    [SYS_wait] = sys_wait,     [SYS_pipe] = sys_pipe,
    [SYS_read] = sys_read,     [SYS_kill] = sys_kill,
    [SYS_exec] = sys_exec,     [SYS_fstat] = sys_fstat,
    [SYS_chdir] = sys_chdir,   [SYS_dup] = sys_dup,
    [SYS_getpid] = sys_getpid, [SYS_sbrk] = sys_sbrk,
    [SYS_sleep] = sys_sleep,   [SYS_uptime] = sys_uptime,
    [SYS_open] = sys_open,     [SYS_write] = sys_write,
    [SYS_mknod] = sys_mknod,   [SYS_unlink] = sys_unlink,
    [SYS_link] = sys_link,     [SYS_mkdir] = sys_mkdir,
    [SYS_close] = sys_close,   [SYS_hvcounters] = sys_hvcounters,
    [SYS_ioctl] = sys_ioctl,   [SYS_poll] = sys_poll,
    [SYS_bootrun] = sys_bootrun, [SYS_poweroff] = sys_poweroff,
};

void syscall(void)
{
    struct proc *p = myproc();
    uint32_t num = p->tf->eax;
    if (num > 0 && num < sizeof(syscalls) / sizeof(syscalls[0]) && syscalls[num]) {
        p->tf->eax = syscalls[num]();
    } else {
        cprintf("%d %s: unknown sys call %d\n", p->pid, p->name, (int)num);
        p->tf->eax = -1;
    }
}
