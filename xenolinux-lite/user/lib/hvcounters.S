/* Stub of our extension system call SYS_hvcounters (include/hvcounters.h). */
#include "../../include/abi/syscall.h"
#include "../include/hvcounters.h"

    .text
    .globl hvcounters
    .type hvcounters, @function
hvcounters:
    movl $SYS_hvcounters, %eax
    int $T_SYSCALL
    ret
    .size hvcounters, . - hvcounters

    .section .note.GNU-stack, "", @progbits
