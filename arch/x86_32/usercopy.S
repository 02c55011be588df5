/*
 * Copies that may fault.  A fault inside one is caught by the exception
 * table: hypervisor_entry() resumes at the fix-up, which returns -EFAULT.
 * Callers (hypervisor/common/guest_copy.c) check the range first; these
 * only make the access itself safe.
 */
#define EFAULT 14

    .text
/* int raw_copy_checked(void *dst, const void *src, uint32_t n) */
    .globl raw_copy_checked
raw_copy_checked:
    pushl %esi
    pushl %edi
    movl 12(%esp), %edi
    movl 16(%esp), %esi
    movl 20(%esp), %ecx
    cld
1:  rep movsb
    xorl %eax, %eax
2:  popl %edi
    popl %esi
    ret
3:  movl $-EFAULT, %eax
    jmp 2b

    .section .ex_table, "a"
    .long 1b, 3b
