/* Stubs of our extension system calls for init (include/boot.h). */
#include "../../include/abi/syscall.h"

#define STUB(name)                   \
    .globl name;                     \
    .type name, @function;           \
name:                                \
    movl $SYS_ ## name, %eax;        \
    int $T_SYSCALL;                  \
    ret;                             \
    .size name, . - name

    .text
STUB(bootrun)
STUB(poweroff)

    .section .note.GNU-stack, "", @progbits
