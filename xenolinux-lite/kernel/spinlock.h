/*
 * Mutual exclusion inside the kernel.  The kernel runs on one vCPU, so a
 * spinlock only has to keep event upcalls (our interrupts) out: acquire
 * masks events (nesting is counted per vCPU), release restores them.
 */
#ifndef XL_SPINLOCK_H
#define XL_SPINLOCK_H
#include <stdint.h>

struct spinlock {
    uint32_t locked;
    const char *name;
    struct cpu *cpu;        /* holder, for debugging */
};
#endif
