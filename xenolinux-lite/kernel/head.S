/*
 * Where the hypervisor starts us: in ring 1, on the flat selectors, with
 * ESI pointing at start_info, events masked and no trap table yet (an
 * exception now would end the domain).  We move to our own stack and go
 * to main().
 *
 * The Xen notes below tell the domain builder how to load us: at
 * VIRT_BASE 0xC0000000 with pseudo-physical 0 there (PADDR_OFFSET 0), the
 * hypercall page at the first page of the image.
 */
#include "public/elfnote.h"

#define FLAT_KERNEL_DS 0xE021
#define BOOTSTACK 8192

    .section .text.entry, "ax"
    .globl _start
_start:
    cld
    movl $FLAT_KERNEL_DS, %eax
    movl %eax, %ss
    movl $bootstack + BOOTSTACK, %esp
    pushl %esi                      /* main(start_info) */
    call main
1:  jmp 1b

    .bss
    .align 4096
    .globl bootstack
bootstack:
    .skip BOOTSTACK

/* One note: name "Xen", a type, and a string or a 32-bit number. */
.macro xen_note type, kind, value
    .balign 4
    .long 4
    .long 2f - 1f
    .long \type
    .asciz "Xen"
    .balign 4
1:  .if \kind == 0
    .asciz "\value"
    .else
    .long \value
    .endif
2:  .balign 4
.endm

    .section .note.Xen, "", @note
    xen_note XEN_ELFNOTE_GUEST_OS, 0, "xenolinux-lite"
    xen_note XEN_ELFNOTE_GUEST_VERSION, 0, "0.1"
    xen_note XEN_ELFNOTE_XEN_VERSION, 0, "xen-3.0"
    xen_note XEN_ELFNOTE_LOADER, 0, "generic"
    xen_note XEN_ELFNOTE_VIRT_BASE, 1, 0xC0000000
    xen_note XEN_ELFNOTE_PADDR_OFFSET, 1, 0
    xen_note XEN_ELFNOTE_ENTRY, 1, _start
    xen_note XEN_ELFNOTE_HYPERCALL_PAGE, 1, hypercall_page
    xen_note XEN_ELFNOTE_PAE_MODE, 0, "no"
