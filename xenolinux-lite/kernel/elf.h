/* The parts of the ELF32 format exec() reads. */
#ifndef XL_ELF_H
#define XL_ELF_H
#include <stdint.h>

#define ELF_MAGIC 0x464C457Fu   /* "\x7FELF" read as a little-endian word */

struct elfhdr {
    uint32_t magic;             /* ELF_MAGIC */
    uint8_t ident[12];          /* class, data, version, padding */
    uint16_t type;
    uint16_t machine;
    uint32_t version;
    uint32_t entry;             /* where execution starts */
    uint32_t phoff;             /* program headers: file offset */
    uint32_t shoff;
    uint32_t flags;
    uint16_t ehsize;
    uint16_t phentsize;
    uint16_t phnum;             /* number of program headers */
    uint16_t shentsize;
    uint16_t shnum;
    uint16_t shstrndx;
};

struct proghdr {
    uint32_t type;              /* ELF_PROG_LOAD: load it */
    uint32_t off;               /* file offset */
    uint32_t vaddr;             /* where in memory */
    uint32_t paddr;
    uint32_t filesz;            /* bytes from the file */
    uint32_t memsz;             /* bytes in memory (the rest zeroed) */
    uint32_t flags;
    uint32_t align;
};

#define ELF_PROG_LOAD 1
#endif
