/*
 * Test-guest entry, exception stubs and guest_try().
 *
 * guest_try(fn, arg) calls fn(arg) and returns 0; if fn raises an
 * exception, the handler records it in last_trap and guest_try returns 1
 * instead.  An exception outside guest_try ends the guest (crash).
 */
#define FLAT_KERNEL_DS 0xE021

    .section .text.entry, "ax"
    .globl _start
_start:
    movl $FLAT_KERNEL_DS, %eax
    movl %eax, %ss
    movl $guest_stack_top, %esp
    pushl %esi                      /* start_info */
    call guest_start
1:  jmp 1b

    .text
/* int guest_try(void (*fn)(void *), void *arg) */
    .globl guest_try
guest_try:
    pushl %ebp
    pushl %ebx
    pushl %esi
    pushl %edi
    movl %esp, try_esp
    movl 20(%esp), %eax
    pushl 24(%esp)
    call *%eax
    addl $4, %esp
    xorl %eax, %eax
try_out:
    movl $0, try_esp
    popl %edi
    popl %esi
    popl %ebx
    popl %ebp
    ret

/* Stub per vector: push a zero error code where the CPU pushes none. */
.macro trap_stub n, has_error
    .globl trap_stub_\n
trap_stub_\n:
    .if \has_error == 0
    pushl $0
    .endif
    pushl $\n
    jmp trap_common
.endm

    trap_stub 0, 0
    trap_stub 1, 0
    trap_stub 3, 0
    trap_stub 4, 0
    trap_stub 5, 0
    trap_stub 6, 0
    trap_stub 7, 0
    trap_stub 9, 0
    trap_stub 10, 1
    trap_stub 11, 1
    trap_stub 12, 1
    trap_stub 13, 1
    trap_stub 14, 1
    trap_stub 16, 0
    trap_stub 17, 1
    trap_stub 19, 0
    trap_stub 64, 0
    trap_stub 65, 0

/* Stack: vector, error, eip, cs, eflags. */
trap_common:
    movl 0(%esp), %eax
    movl %eax, last_trap + 0
    movl 4(%esp), %eax
    movl %eax, last_trap + 4
    movl 8(%esp), %eax
    movl %eax, last_trap + 8
    movl 12(%esp), %eax
    movl %eax, last_trap + 12
    movl 16(%esp), %eax
    movl %eax, last_trap + 16
    incl trap_count
    cmpl $0, try_esp
    je unexpected
    movl try_esp, %esp
    movl $1, %eax
    jmp try_out
unexpected:
    call guest_unexpected_trap
2:  jmp 2b

    .data
    .globl last_trap, trap_count
    .align 4
last_trap:  .long 0, 0, 0, 0, 0     /* vector, error, eip, cs, eflags */
trap_count: .long 0
try_esp:    .long 0

    .bss
    .align 4096
guest_stack:
    .skip 16384
    .globl guest_stack_top
guest_stack_top:
