/* Guest parameters as the legacy __xen_guest string. */
    .section __xen_guest, ""
    .ascii "GUEST_OS=xenhv-test,GUEST_VER=1,XEN_VER=xen-3.0,"
    .ascii "VIRT_BASE=0xC0000000,ELF_PADDR_OFFSET=0x0,"
    .asciz "HYPERCALL_PAGE=0x0,LOADER=generic,PAE=no"
