/*
 * System-call stubs.  The caller's arguments stay where cdecl put them (on
 * the user stack, the first at 4(%esp) on entry here); the kernel reads
 * them from there.  Each stub loads the call's number into EAX and traps;
 * the kernel leaves the result in EAX.
 */
#include "../../include/abi/syscall.h"

#define SYSCALL_STUB(name)           \
    .globl name;                     \
    .type name, @function;           \
name:                                \
    movl $SYS_ ## name, %eax;        \
    int $T_SYSCALL;                  \
    ret;                             \
    .size name, . - name

    .text
SYSCALL_STUB(fork)
SYSCALL_STUB(exit)
SYSCALL_STUB(wait)
SYSCALL_STUB(pipe)
SYSCALL_STUB(read)
SYSCALL_STUB(write)
SYSCALL_STUB(close)
SYSCALL_STUB(kill)
SYSCALL_STUB(exec)
SYSCALL_STUB(open)
SYSCALL_STUB(mknod)
SYSCALL_STUB(unlink)
SYSCALL_STUB(fstat)
SYSCALL_STUB(link)
SYSCALL_STUB(mkdir)
SYSCALL_STUB(chdir)
SYSCALL_STUB(dup)
SYSCALL_STUB(getpid)
SYSCALL_STUB(sbrk)
SYSCALL_STUB(sleep)
SYSCALL_STUB(uptime)
SYSCALL_STUB(ioctl)
SYSCALL_STUB(poll)

    .section .note.GNU-stack, "", @progbits
