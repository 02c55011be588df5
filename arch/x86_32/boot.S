/*
 * Multiboot entry.  The loader leaves us in 32-bit protected mode with
 * paging off, EAX = the multiboot magic and EBX = the machine address of
 * the multiboot information.  This code runs where it is loaded; the data
 * it touches is linked at DIRECTMAP_START + load address, so until paging
 * is on every data reference goes through PHYS().
 *
 * The boot page directory maps the first 4 MB 1:1 (just long enough to
 * turn paging on) and the 32 MB direct map with 4 MB pages.  hv_start()
 * replaces it with the real hypervisor page directory.
 */
#include "arch/x86_32/multiboot.h"
#include "arch/x86_32/memlayout.h"
#include "arch/x86_32/paging.h"

#define PHYS(x) ((x) - DIRECTMAP_START)
#define MB_FLAGS (MULTIBOOT_PAGE_ALIGN | MULTIBOOT_MEMORY_INFO)

    .section .multiboot, "a"
    .align 4
    .long MULTIBOOT_HEADER_MAGIC
    .long MB_FLAGS
    .long -(MULTIBOOT_HEADER_MAGIC + MB_FLAGS)

    .section .boot.text, "ax"
    .globl boot_start
boot_start:
    cli
    cld
    movl %eax, PHYS(boot_mb_magic)
    movl %ebx, PHYS(boot_mb_info)

    /* Boot page directory: 1:1 first 4 MB, and the direct map. */
    movl $PHYS(boot_l2), %edi
    xorl %eax, %eax
    movl $L2_ENTRIES, %ecx
    rep stosl
    movl $(PTE_P | PTE_RW | PTE_PSE), PHYS(boot_l2)
    movl $(PHYS(boot_l2) + DIRECTMAP_SLOT * 4), %edi
    movl $(PTE_P | PTE_RW | PTE_PSE), %eax
    movl $(DIRECTMAP_SIZE >> L2_SHIFT), %ecx
1:  stosl
    addl $(1 << L2_SHIFT), %eax
    loop 1b

    movl %cr4, %eax
    orl $CR4_PSE, %eax
    movl %eax, %cr4
    movl $PHYS(boot_l2), %eax
    movl %eax, %cr3
    movl %cr0, %eax
    orl $(CR0_PG | CR0_WP), %eax
    movl %eax, %cr0
    movl $high, %eax
    jmp *%eax

    .text
high:
    lgdt boot_gdt_desc
    ljmp $0x08, $1f
1:  movl $0x10, %eax
    movl %eax, %ds
    movl %eax, %es
    movl %eax, %ss
    xorl %eax, %eax
    movl %eax, %fs
    movl %eax, %gs
    movl $boot_stack_top, %esp
    xorl %ebp, %ebp
    pushl boot_mb_info
    pushl boot_mb_magic
    call hv_start
2:  cli
    hlt
    jmp 2b

    .data
    .align 8
boot_gdt:
    .quad 0
    .quad 0x00CF9A000000FFFF    /* 0x08: ring 0 code, 4 GB */
    .quad 0x00CF92000000FFFF    /* 0x10: ring 0 data, 4 GB */
boot_gdt_end:
boot_gdt_desc:
    .word boot_gdt_end - boot_gdt - 1
    .long boot_gdt

boot_mb_magic: .long 0
boot_mb_info:  .long 0

    .bss
    .align PAGE_SIZE
    .globl boot_l2
boot_l2:
    .skip PAGE_SIZE
    .globl boot_stack, boot_stack_top
boot_stack:
    .skip 4 * PAGE_SIZE
boot_stack_top:
