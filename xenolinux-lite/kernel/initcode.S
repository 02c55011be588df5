/*
 * The first process's program, copied to user address 0 by userinit():
 * exec("/init", { "/init", 0 }), and exit if that fails.  It runs at
 * address 0, so every address in it is an offset from initcode_start.
 */
#include "xenolinux-lite/include/abi/syscall.h"

#define AT(label) ((label) - initcode_start)

    .section .rodata
    .globl initcode_start, initcode_end
initcode_start:
    pushl $AT(argv)
    pushl $AT(path)
    pushl $0                    /* where a call would have left its return PC */
    movl $SYS_exec, %eax
    int $T_SYSCALL
1:  movl $SYS_exit, %eax
    int $T_SYSCALL
    jmp 1b
path:
    .asciz "/init"
    .balign 4
argv:
    .long AT(path)
    .long 0
initcode_end:
