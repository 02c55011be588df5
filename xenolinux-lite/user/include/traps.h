/*
 * Vector numbers: the processor's exceptions (what the kernel reports
 * when it kills a faulting program) and T_SYSCALL, the system-call trap.
 */
#ifndef XL_USER_TRAPS_H
#define XL_USER_TRAPS_H
#include "../../include/abi/syscall.h"     /* T_SYSCALL */

#define T_DIVIDE   0    /* divide error */
#define T_DEBUG    1    /* debug exception */
#define T_NMI      2    /* non-maskable interrupt */
#define T_BRKPT    3    /* breakpoint (int3) */
#define T_OFLOW    4    /* overflow (into) */
#define T_BOUND    5    /* bound range exceeded */
#define T_ILLOP    6    /* invalid opcode */
#define T_DEVICE   7    /* device (FPU) not available */
#define T_DBLFLT   8    /* double fault */
#define T_TSS     10    /* invalid TSS */
#define T_SEGNP   11    /* segment not present */
#define T_STACK   12    /* stack-segment fault */
#define T_GPFLT   13    /* general protection */
#define T_PGFLT   14    /* page fault */
#define T_FPERR   16    /* x87 floating-point error */
#define T_ALIGN   17    /* alignment check */
#define T_MCHK    18    /* machine check */
#define T_SIMDERR 19    /* SIMD floating-point error */
#endif
