/*
 * Synthesizing ELF32 guest images in memory, for the guest_image tests.
 *
 * A test describes an image (program headers, "Xen" notes, a __xen_guest
 * string), calls eb_build(), and gets a byte buffer shaped like what a
 * linker produces:
 *
 *   0        ELF header (52 bytes)
 *   52       program headers, in the order they were added
 *            segment file data (16-byte aligned; filled with eb_seg_byte())
 *            the note section's contents, if any note was added
 *            the __xen_guest string (with its NUL), if one was set
 *            the section-name string table
 *            section headers: [0] null, then .note.Xen (SHT_NOTE), then
 *            __xen_guest (SHT_PROGBITS), then .shstrtab (SHT_STRTAB),
 *            each only if present; e_shstrndx names the last
 *
 * After eb_build() the builder records where everything went, so a test
 * can break one thing in the built image (a header field, the length) and
 * check that the parser notices.
 */
#ifndef TESTS_UNIT_ELF_BUILDER_H
#define TESTS_UNIT_ELF_BUILDER_H
#include <stddef.h>
#include <stdint.h>
#include "hypervisor/include/elf32.h"

/* ELF values the hypervisor's elf32.h has no need for. */
#define EB_ELFCLASS64   2
#define EB_ELFDATA2MSB  2
#define EB_ET_DYN       3
#define EB_EM_X86_64    62
#define EB_PT_NOTE      4
#define EB_SHT_PROGBITS 1
#define EB_SHT_STRTAB   3

#define EB_MAX_SEGS  8
#define EB_MAX_NOTES 24
#define EB_MAX_DESC  160

struct eb_seg {
    uint32_t type, flags;           /* p_type (PT_LOAD unless changed), p_flags */
    uint32_t vaddr, paddr;          /* p_vaddr, p_paddr */
    uint32_t filesz, memsz;         /* p_filesz, p_memsz */
    int has_offset;                 /* 1: use offset below instead of placing */
    uint32_t offset;                /* p_offset, if has_offset */
};

struct eb_note {
    char name[8];                   /* "Xen" for Xen notes */
    uint32_t namesz;                /* strlen(name) + 1 */
    uint32_t type;
    uint8_t desc[EB_MAX_DESC];
    uint32_t descsz;
};

struct elf_builder {
    /* The description: set by eb_init() and the eb_add/eb_note calls. */
    uint32_t entry;                 /* e_entry */
    int nseg;
    struct eb_seg seg[EB_MAX_SEGS];
    int nnote;
    struct eb_note note[EB_MAX_NOTES];
    const char *xen_guest;          /* NULL: no __xen_guest section */
    int no_sections;                /* 1: no section headers at all */

    /* The result: filled by eb_build(), freed by eb_free(). */
    uint8_t *image;
    size_t len;
    uint32_t seg_off[EB_MAX_SEGS];  /* p_offset of each segment */
    uint32_t note_off, note_size;   /* the note section's contents */
    uint32_t xen_guest_off, xen_guest_size;
    uint32_t strtab_off, strtab_size;
    uint32_t shoff;                 /* e_shoff */
    int shnum;                      /* e_shnum */
    int note_shndx, xen_guest_shndx, strtab_shndx;  /* -1: absent */
};

/* Start an empty description with entry point e_entry. */
void eb_init(struct elf_builder *b, uint32_t e_entry);

/* Add a PT_LOAD program header; returns its index. */
int eb_add_segment(struct elf_builder *b, uint32_t flags, uint32_t vaddr,
                   uint32_t paddr, uint32_t filesz, uint32_t memsz);

/* Add a "Xen" note holding a NUL-terminated string. */
void eb_note_string(struct elf_builder *b, uint32_t type, const char *s);

/* Add a "Xen" note holding a little-endian number of size (4 or 8) bytes. */
void eb_note_number(struct elf_builder *b, uint32_t type, uint64_t value,
                    uint32_t size);

/* Add any note: name (NUL included in namesz), type and raw desc bytes. */
void eb_note_raw(struct elf_builder *b, const char *name, uint32_t type,
                 const void *desc, uint32_t descsz);

/* The notes every acceptable image needs: GUEST_OS, XEN_VERSION, LOADER. */
void eb_note_defaults(struct elf_builder *b);

/* Lay the image out in a fresh buffer (b->image, b->len). */
void eb_build(struct elf_builder *b);
void eb_free(struct elf_builder *b);

/* The byte at offset k of segment i's file data. */
static inline uint8_t eb_seg_byte(int i, uint32_t k)
{
    return (uint8_t)(0x40 + i * 0x31 + k * 7 + (k >> 8));
}

/* The headers inside a built image, for tests that break them. */
static inline struct elf32_ehdr *eb_ehdr(struct elf_builder *b)
{
    return (struct elf32_ehdr *)b->image;
}

static inline struct elf32_phdr *eb_phdr(struct elf_builder *b, int i)
{
    return (struct elf32_phdr *)(b->image + eb_ehdr(b)->e_phoff) + i;
}

static inline struct elf32_shdr *eb_shdr(struct elf_builder *b, int i)
{
    return (struct elf32_shdr *)(b->image + b->shoff) + i;
}
#endif
