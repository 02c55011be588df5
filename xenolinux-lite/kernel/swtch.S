/*
 * void swtch(struct context **old, struct context *new)
 *
 * Save the callee-saved registers on the current stack as a struct
 * context (core.h), store its address in *old, then load new's stack and
 * registers and return into it.  Caller-saved registers are the caller's
 * problem, as for any call.
 */
    .text
    .globl swtch
swtch:
    movl 4(%esp), %eax          /* old */
    movl 8(%esp), %edx          /* new */
    pushl %ebp                  /* the return address above is context.eip */
    pushl %ebx
    pushl %esi
    pushl %edi
    movl %esp, (%eax)
    movl %edx, %esp
    popl %edi
    popl %esi
    popl %ebx
    popl %ebp
    ret
