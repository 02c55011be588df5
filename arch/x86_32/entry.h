/*
 * What the entry stubs need to cross between the guest view and the
 * hypervisor view.  It lives in the trampoline (TRAMP_PERCPU), read-only in
 * the guest view, so a guest can read but never steer it.
 */
#ifndef ARCH_X86_32_ENTRY_H
#define ARCH_X86_32_ENTRY_H

#define PERCPU_HV_CR3      0   /* hypervisor view of the running guest */
#define PERCPU_GUEST_CR3   4   /* guest view (the guest's own L2) */
#define PERCPU_FRAME       8   /* where the guest's registers are kept */
#define PERCPU_HV_STACK   12   /* top of the hypervisor stack */

#define NR_VECTORS 256
#define VECTOR_HYPERCALL 0x82
#define IRQ_VECTOR_BASE  0x20

#ifndef __ASSEMBLER__
#include <stdint.h>
#include "arch/x86_32/frame.h"

struct entry_percpu {
    uint32_t hv_cr3;
    uint32_t guest_cr3;
    struct trap_frame *frame;
    uint32_t hv_stack_top;
};

/* Per-vector entry points, at trampoline addresses. */
extern const uint32_t entry_vector_table[NR_VECTORS];

/*
 * Copy *f to the entry stack, load guest_cr3 and return to the guest.  A
 * fault while restoring segments or in iret ends in exit_to_guest_failed().
 */
void exit_to_guest_asm(const struct trap_frame *f, uint32_t guest_cr3)
    __attribute__((noreturn));

/* Return from an interrupt taken in the hypervisor (idle loop). */

/* C handlers called by the stubs. */
void guest_entry(struct trap_frame *f) __attribute__((noreturn));
void hypervisor_entry(struct trap_frame *f);
void exit_to_guest_failed(uint32_t vector, uint32_t error_code)
    __attribute__((noreturn));
#endif

#endif
