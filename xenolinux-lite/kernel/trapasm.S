/*
 * Every way into the kernel from a trap, and the one way out.
 *
 * Three kinds of entry land here, all with the same frame shape on the
 * kernel stack ([error code,] EIP, CS, EFLAGS, then ESP, SS when ring 3
 * was interrupted):
 *
 *   - a system call: INT $64 from ring 3 goes through the direct trap
 *     gate the hypervisor installed for us, so the CPU itself switches to
 *     our kernel stack (the one we gave stack_switch) and pushes the frame;
 *     the hypervisor is not involved and events stay as they were;
 *   - an exception: the hypervisor bounces it with the same frame (its
 *     CS word also carries the event mask before the trap);
 *   - an event upcall: the hypervisor's frame again, with events masked.
 *
 * alltraps completes a struct trapframe (core.h) and calls trap().
 *
 * trapret puts the registers back and returns.  The return must also set
 * the event mask to !(EFLAGS.IF) of the frame.  A plain iret cannot touch
 * the mask, so: if events should stay masked, iret (they are masked);
 * if they should be enabled, clear the mask, and iret unless an upcall
 * became due meanwhile, in which case HYPERVISOR_iret returns for us and
 * delivers it.  An event that arrives between clearing the mask and the
 * iret is taken right there, as a nested upcall on this stack, and comes
 * back to finish the return: a system call that meets no event returns
 * without entering the hypervisor.
 */
#define FLAT_KERNEL_DS 0xE021
#define T_EVENT 32
#define TF_EFLAGS 8             /* after popping down to EIP */
#define FL_IF 0x200
#define UPCALL_PENDING 0        /* in vcpu_info */
#define UPCALL_MASK 1

.macro vector n, has_error
    .globl vector\n
vector\n:
    .if \has_error == 0
    pushl $0
    .endif
    pushl $\n
    jmp alltraps
.endm

    .text
    vector 0, 0
    vector 1, 0
    vector 3, 0
    vector 4, 0
    vector 5, 0
    vector 6, 0
    vector 7, 0
    vector 9, 0
    vector 10, 1
    vector 11, 1
    vector 12, 1
    vector 13, 1
    vector 14, 1
    vector 16, 0
    vector 17, 1
    vector 19, 0
    vector 64, 0

    .globl event_callback
event_callback:
    pushl $0
    pushl $T_EVENT
    jmp alltraps

    .globl alltraps
alltraps:
    cld
    pushl %ds
    pushl %es
    pushl %fs
    pushl %gs
    pushal
    movl $FLAT_KERNEL_DS, %eax
    movl %eax, %ds
    movl %eax, %es
    pushl %esp
    call trap
    addl $4, %esp

    .globl trapret
trapret:
    popal
    popl %gs
    popl %fs
    popl %es
    popl %ds
    addl $8, %esp                   /* trapno and error code */
    /* DS is the interrupted code's now (even null): use SS from here. */
    testl $FL_IF, TF_EFLAGS(%esp)
    jz 1f                           /* events stay masked */
    pushl %eax
    movl %ss:shared, %eax           /* &vcpu_info[0] */
    movb $0, %ss:UPCALL_MASK(%eax)
    lock; orl $0, (%esp)            /* the unmask is visible before the test */
    cmpb $0, %ss:UPCALL_PENDING(%eax)
    popl %eax
    jne 2f
1:  iret
2:  jmp hypercall_page + 23 * 32    /* HYPERVISOR_iret: it delivers the event */

/*
 * The hypervisor could not return to us (a segment or the iret frame
 * faulted): a kernel bug.  Frame: DS, ES, FS, GS, EIP, CS, EFLAGS.
 */
    .globl failsafe_callback
failsafe_callback:
    movl $FLAT_KERNEL_DS, %eax
    movl %eax, %ds
    movl %eax, %es
    pushl %esp
    call failsafe
1:  jmp 1b
