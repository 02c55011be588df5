/* Multiboot (version 1) as GRUB and QEMU's -kernel hand it to us. */
#ifndef ARCH_X86_32_MULTIBOOT_H
#define ARCH_X86_32_MULTIBOOT_H

#define MULTIBOOT_HEADER_MAGIC     0x1BADB002
#define MULTIBOOT_BOOTLOADER_MAGIC 0x2BADB002
#define MULTIBOOT_PAGE_ALIGN       0x00000001  /* modules page aligned */
#define MULTIBOOT_MEMORY_INFO      0x00000002  /* we want mem_* and mmap */

/* Bits of multiboot_info.flags saying which fields are valid. */
#define MBI_MEMORY   0x001
#define MBI_CMDLINE  0x004
#define MBI_MODS     0x008
#define MBI_MMAP     0x040

#ifndef __ASSEMBLER__
#include <stdint.h>

struct multiboot_info {
    uint32_t flags;
    uint32_t mem_lower, mem_upper;    /* KB below 1 MB / above 1 MB */
    uint32_t boot_device;
    uint32_t cmdline;                 /* machine address of a string */
    uint32_t mods_count, mods_addr;   /* array of multiboot_module */
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;  /* array of multiboot_mmap_entry */
};

struct multiboot_module {
    uint32_t mod_start, mod_end;      /* machine addresses, end exclusive */
    uint32_t string;                  /* machine address of its string */
    uint32_t reserved;
};

/* Each entry is preceded by its size, which does not count itself. */
struct multiboot_mmap_entry {
    uint32_t size;
    uint64_t addr, len;
    uint32_t type;                    /* 1 = available RAM */
} __attribute__((packed));

#define MULTIBOOT_MEMORY_AVAILABLE 1
#endif

#endif
