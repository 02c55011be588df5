/* The parts of the 32-bit ELF format that the guest loader reads. */
#ifndef HV_ELF32_H
#define HV_ELF32_H
#include <stdint.h>

#define EI_NIDENT   16
#define ELFCLASS32  1
#define ELFDATA2LSB 1
#define ET_EXEC     2
#define EM_386      3
#define PT_LOAD     1
#define PF_X        0x1
#define PF_W        0x2
#define PF_R        0x4
#define SHT_NOTE    7

struct elf32_ehdr {
    uint8_t  e_ident[EI_NIDENT];  /* 0x7F 'E' 'L' 'F', class, data, version */
    uint16_t e_type, e_machine;
    uint32_t e_version, e_entry, e_phoff, e_shoff, e_flags;
    uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf32_phdr {
    uint32_t p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz;
    uint32_t p_flags, p_align;
};

struct elf32_shdr {
    uint32_t sh_name, sh_type, sh_flags, sh_addr, sh_offset, sh_size;
    uint32_t sh_link, sh_info, sh_addralign, sh_entsize;
};

struct elf32_note {
    uint32_t namesz, descsz, type;
};
#endif
