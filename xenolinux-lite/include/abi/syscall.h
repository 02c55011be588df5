/*
 * System-call numbers of the user ABI (xv6's, for x86): a program puts
 * the number in EAX, its arguments on its stack (cdecl: the first at
 * ESP+4 when the stub is entered), and executes INT $T_SYSCALL; the
 * result comes back in EAX (-1 for an error).
 */
#ifndef ABI_SYSCALL_H
#define ABI_SYSCALL_H

#define T_SYSCALL   64      /* the system-call vector */

#define SYS_fork    1
#define SYS_exit    2
#define SYS_wait    3
#define SYS_pipe    4
#define SYS_read    5
#define SYS_kill    6
#define SYS_exec    7
#define SYS_fstat   8
#define SYS_chdir   9
#define SYS_dup    10
#define SYS_getpid 11
#define SYS_sbrk   12
#define SYS_sleep  13
#define SYS_uptime 14
#define SYS_open   15
#define SYS_write  16
#define SYS_mknod  17
#define SYS_unlink 18
#define SYS_link   19
#define SYS_mkdir  20
#define SYS_close  21

#define NSYSCALL   21       /* xv6's calls: 1 .. NSYSCALL */

/*
 * Ours, not xv6's: copy this domain's hypervisor counters (entries,
 * hypercalls, exceptions: three uint64_t, XEN_DOMCTL_xenhv_getcounters)
 * to the user pointer that is the first argument.  0, or -1.
 */
#define SYS_hvcounters 22

/*
 * Ours, for dom0's devices (docs/toolstack.md, xenio.h):
 *   ioctl(fd, cmd, arg)              a device's control request: 0 or the
 *                                    result the command names, -1 if refused
 *   poll(struct pollfd *fds, n, ms)  wait until one of n files is ready or
 *                                    ms milliseconds pass (-1: no limit, 0:
 *                                    just look); the number of ready files,
 *                                    0 on timeout, -1 on error
 */
#define SYS_ioctl  23
#define SYS_poll   24

/*
 * Ours, for init (kernel/sysboot.c).  bootrun(char *buf, int size): the
 * program that the kernel command line's "run=PROGRAM" names, copied
 * into buf with its NUL; its length, 0 if none, -1 if it does not fit.
 * poweroff(): shut the domain down (reason poweroff); only init (pid 1)
 * may, anyone else gets -1.
 */
#define SYS_bootrun  25
#define SYS_poweroff 26
#endif
