/*
 * Entry and exit stubs.  They live in the trampoline, the only hypervisor
 * code mapped while a guest runs, and do the least that must happen before
 * the hypervisor's own page directory is loaded:
 *
 *   entry from a guest (ring 1 or 3): the CPU has switched to the entry
 *   stack (TSS esp0).  Save the registers there, load the hypervisor view,
 *   copy the frame to the vCPU's register save area, switch to the
 *   hypervisor stack and call guest_entry(), which never returns.
 *
 *   entry from the hypervisor (ring 0): we are already on the hypervisor
 *   stack in the hypervisor view.  Save, call hypervisor_entry(), restore.
 *   The one exception is a fault in the exit path below, after the guest
 *   view is loaded: that goes to exit_to_guest_failed().
 *
 *   exit to a guest: copy the frame to the entry stack, load the guest
 *   view, restore and iret.
 *
 * Every data access before DS is reloaded uses SS, which always holds the
 * hypervisor's data selector in ring 0.
 */
#include "arch/x86_32/memlayout.h"
#include "arch/x86_32/desc.h"
#include "arch/x86_32/frame.h"
#include "arch/x86_32/entry.h"

#define PERCPU(f) (TRAMP_PERCPU + PERCPU_##f)

    .section .tramp, "ax"

/* One 16-byte stub per vector; the CPU pushes an error code for some. */
.macro vector_stub n
    .align 16
    .if (\n == 8) || ((\n >= 10) && (\n <= 14)) || (\n == 17)
    .else
    pushl $0
    .endif
    pushl $\n
    jmp entry_common
.endm

    .align 16
    .globl tramp_vectors
tramp_vectors:
    .altmacro
    .set vec, 0
    .rept NR_VECTORS
    vector_stub %vec
    .set vec, vec + 1
    .endr
    .noaltmacro

entry_common:
    testl $3, %ss:12(%esp)          /* CS of the interrupted context */
    jz from_hypervisor

    pushl %ds
    pushl %es
    pushl %fs
    pushl %gs
    pushal
    movl $HV_DS, %eax
    movl %eax, %ds
    movl %eax, %es
    xorl %eax, %eax
    movl %eax, %fs
    movl %eax, %gs
    movl PERCPU(HV_CR3), %eax
    movl %eax, %cr3
    movl %esp, %esi
    movl PERCPU(FRAME), %edi
    movl $FRAME_WORDS, %ecx
    cld
    rep movsl
    movl PERCPU(HV_STACK), %esp
    xorl %ebp, %ebp
    pushl PERCPU(FRAME)
    call guest_entry
    ud2

from_hypervisor:
    cmpl $exit_fault_begin, %ss:8(%esp)
    jb 1f
    cmpl $exit_fault_end, %ss:8(%esp)
    jb exit_failed
1:  pushl %ds
    pushl %es
    pushl %fs
    pushl %gs
    pushal
    movl $HV_DS, %eax
    movl %eax, %ds
    movl %eax, %es
    pushl %esp
    call hypervisor_entry
    addl $4, %esp
    popal
    popl %gs
    popl %fs
    popl %es
    popl %ds
    addl $8, %esp
    iret

/* Restoring the guest's segments or the final iret faulted. */
exit_failed:
    movl %ss:0(%esp), %eax          /* vector */
    movl %ss:4(%esp), %edx          /* error code */
    movl %ss:PERCPU(HV_CR3), %ecx
    movl %ecx, %cr3
    movl $HV_DS, %ecx
    movl %ecx, %ds
    movl %ecx, %es
    xorl %ecx, %ecx
    movl %ecx, %fs
    movl %ecx, %gs
    movl PERCPU(HV_STACK), %esp
    xorl %ebp, %ebp
    pushl %edx
    pushl %eax
    call exit_to_guest_failed
    ud2

/* void exit_to_guest_asm(const struct trap_frame *f, uint32_t guest_cr3) */
    .globl exit_to_guest_asm
exit_to_guest_asm:
    movl 4(%esp), %esi
    movl 8(%esp), %ebx
    movl $(TRAMP_STACK_TOP - FRAME_BYTES), %edi
    movl $FRAME_WORDS, %ecx
    cld
    rep movsl
    movl $(TRAMP_STACK_TOP - FRAME_BYTES), %esp
    movl %ebx, %cr3
exit_fault_begin:
    popal
    popl %gs
    popl %fs
    popl %es
    popl %ds
    addl $8, %esp
    iret
exit_fault_end:

    .section .rodata
    .align 4
    .globl entry_vector_table
entry_vector_table:
    .set vec, 0
    .rept NR_VECTORS
    .long tramp_vectors + vec * 16
    .set vec, vec + 1
    .endr
