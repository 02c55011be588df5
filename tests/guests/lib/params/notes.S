/* Guest parameters as Xen ELF notes (a non-allocated SHT_NOTE section). */
#include "public/elfnote.h"

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
    xen_note XEN_ELFNOTE_GUEST_OS, 0, "xenhv-test"
    xen_note XEN_ELFNOTE_GUEST_VERSION, 0, "1"
    xen_note XEN_ELFNOTE_XEN_VERSION, 0, "xen-3.0"
    xen_note XEN_ELFNOTE_LOADER, 0, "generic"
    xen_note XEN_ELFNOTE_VIRT_BASE, 1, 0xC0000000
    xen_note XEN_ELFNOTE_PADDR_OFFSET, 1, 0
    xen_note XEN_ELFNOTE_ENTRY, 1, _start
    xen_note XEN_ELFNOTE_HYPERCALL_PAGE, 1, hypercall_page
    xen_note XEN_ELFNOTE_PAE_MODE, 0, "no"
