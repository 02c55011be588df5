/* Synthesizing ELF32 guest images for tests (see elf_builder.h). */
#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include "tests/unit/elf_builder.h"
#include "public/elfnote.h"

static uint32_t align_up(uint32_t x, uint32_t a)
{
    return (x + a - 1) & ~(a - 1);
}

void eb_init(struct elf_builder *b, uint32_t e_entry)
{
    memset(b, 0, sizeof(*b));
    b->entry = e_entry;
    b->note_shndx = b->xen_guest_shndx = b->strtab_shndx = -1;
}

int eb_add_segment(struct elf_builder *b, uint32_t flags, uint32_t vaddr,
                   uint32_t paddr, uint32_t filesz, uint32_t memsz)
{
    assert(b->nseg < EB_MAX_SEGS);
    struct eb_seg *s = &b->seg[b->nseg];
    memset(s, 0, sizeof(*s));
    s->type = PT_LOAD;
    s->flags = flags;
    s->vaddr = vaddr;
    s->paddr = paddr;
    s->filesz = filesz;
    s->memsz = memsz;
    return b->nseg++;
}

void eb_note_raw(struct elf_builder *b, const char *name, uint32_t type,
                 const void *desc, uint32_t descsz)
{
    assert(b->nnote < EB_MAX_NOTES);
    assert(strlen(name) < sizeof(b->note[0].name));
    assert(descsz <= EB_MAX_DESC);
    struct eb_note *n = &b->note[b->nnote++];
    memset(n, 0, sizeof(*n));
    strcpy(n->name, name);
    n->namesz = (uint32_t)strlen(name) + 1;
    n->type = type;
    memcpy(n->desc, desc, descsz);
    n->descsz = descsz;
}

void eb_note_string(struct elf_builder *b, uint32_t type, const char *s)
{
    eb_note_raw(b, "Xen", type, s, (uint32_t)strlen(s) + 1);
}

void eb_note_number(struct elf_builder *b, uint32_t type, uint64_t value,
                    uint32_t size)
{
    uint8_t d[8];
    assert(size == 4 || size == 8);
    for (int i = 0; i < 8; i++)
        d[i] = (uint8_t)(value >> (8 * i));
    eb_note_raw(b, "Xen", type, d, size);
}

void eb_note_defaults(struct elf_builder *b)
{
    eb_note_string(b, XEN_ELFNOTE_GUEST_OS, "xenhv-test");
    eb_note_string(b, XEN_ELFNOTE_XEN_VERSION, "xen-3.0");
    eb_note_string(b, XEN_ELFNOTE_LOADER, "generic");
}

/* Append name to the string table being built; returns its offset. */
static uint32_t add_name(char *tab, uint32_t *used, const char *name)
{
    uint32_t at = *used;
    strcpy(tab + at, name);
    *used += (uint32_t)strlen(name) + 1;
    return at;
}

static void put_shdr(uint8_t *img, uint32_t shoff, int i, uint32_t name,
                     uint32_t type, uint32_t off, uint32_t size)
{
    struct elf32_shdr sh;
    memset(&sh, 0, sizeof(sh));
    sh.sh_name = name;
    sh.sh_type = type;
    sh.sh_offset = off;
    sh.sh_size = size;
    sh.sh_addralign = type == SHT_NOTE ? 4 : 1;
    memcpy(img + shoff + (uint32_t)i * sizeof(sh), &sh, sizeof(sh));
}

void eb_build(struct elf_builder *b)
{
    uint32_t off = sizeof(struct elf32_ehdr) +
                   (uint32_t)b->nseg * sizeof(struct elf32_phdr);

    /* Where everything goes. */
    off = align_up(off, 16);
    for (int i = 0; i < b->nseg; i++) {
        if (b->seg[i].has_offset) {
            b->seg_off[i] = b->seg[i].offset;
            continue;
        }
        b->seg_off[i] = off;
        off = align_up(off + b->seg[i].filesz, 16);
    }
    int sections = !b->no_sections;
    b->note_size = 0;
    if (sections && b->nnote) {
        b->note_off = off;
        for (int i = 0; i < b->nnote; i++)
            b->note_size += sizeof(struct elf32_note) +
                            align_up(b->note[i].namesz, 4) +
                            align_up(b->note[i].descsz, 4);
        off += b->note_size;
    }
    if (sections && b->xen_guest) {
        b->xen_guest_off = off;
        b->xen_guest_size = (uint32_t)strlen(b->xen_guest) + 1;
        off = align_up(off + b->xen_guest_size, 4);
    }
    char strtab[64];
    uint32_t strtab_used = 0, name_note = 0, name_xg = 0, name_strtab = 0;
    if (sections) {
        add_name(strtab, &strtab_used, "");
        if (b->nnote)
            name_note = add_name(strtab, &strtab_used, ".note.Xen");
        if (b->xen_guest)
            name_xg = add_name(strtab, &strtab_used, "__xen_guest");
        name_strtab = add_name(strtab, &strtab_used, ".shstrtab");
        b->strtab_off = off;
        b->strtab_size = strtab_used;
        off = align_up(off + strtab_used, 4);
        b->shnum = 1;
        b->note_shndx = b->nnote ? b->shnum++ : -1;
        b->xen_guest_shndx = b->xen_guest ? b->shnum++ : -1;
        b->strtab_shndx = b->shnum++;
        b->shoff = off;
        off += (uint32_t)b->shnum * sizeof(struct elf32_shdr);
    } else {
        b->shnum = 0;
        b->shoff = 0;
    }
    b->len = off;
    b->image = calloc(1, b->len);
    assert(b->image);

    /* The ELF header. */
    struct elf32_ehdr eh;
    memset(&eh, 0, sizeof(eh));
    memcpy(eh.e_ident, "\177ELF", 4);
    eh.e_ident[4] = ELFCLASS32;
    eh.e_ident[5] = ELFDATA2LSB;
    eh.e_ident[6] = 1;                          /* EV_CURRENT */
    eh.e_type = ET_EXEC;
    eh.e_machine = EM_386;
    eh.e_version = 1;
    eh.e_entry = b->entry;
    eh.e_phoff = sizeof(struct elf32_ehdr);
    eh.e_shoff = b->shoff;
    eh.e_ehsize = sizeof(struct elf32_ehdr);
    eh.e_phentsize = sizeof(struct elf32_phdr);
    eh.e_phnum = (uint16_t)b->nseg;
    eh.e_shentsize = sizeof(struct elf32_shdr);
    eh.e_shnum = (uint16_t)b->shnum;
    eh.e_shstrndx = sections ? (uint16_t)b->strtab_shndx : 0;
    memcpy(b->image, &eh, sizeof(eh));

    /* Program headers and the segments' file data. */
    for (int i = 0; i < b->nseg; i++) {
        struct elf32_phdr ph;
        memset(&ph, 0, sizeof(ph));
        ph.p_type = b->seg[i].type;
        ph.p_offset = b->seg_off[i];
        ph.p_vaddr = b->seg[i].vaddr;
        ph.p_paddr = b->seg[i].paddr;
        ph.p_filesz = b->seg[i].filesz;
        ph.p_memsz = b->seg[i].memsz;
        ph.p_flags = b->seg[i].flags;
        ph.p_align = 0x1000;
        memcpy(b->image + eh.e_phoff + (uint32_t)i * sizeof(ph), &ph,
               sizeof(ph));
        if (b->seg[i].has_offset)
            continue;
        for (uint32_t k = 0; k < b->seg[i].filesz; k++)
            b->image[b->seg_off[i] + k] = eb_seg_byte(i, k);
    }

    if (!sections)
        return;

    /* The note section: header, padded name, padded desc, per note. */
    uint32_t p = b->note_off;
    for (int i = 0; i < b->nnote; i++) {
        const struct eb_note *n = &b->note[i];
        struct elf32_note nh = { n->namesz, n->descsz, n->type };
        memcpy(b->image + p, &nh, sizeof(nh));
        p += sizeof(nh);
        memcpy(b->image + p, n->name, n->namesz);
        p += align_up(n->namesz, 4);
        memcpy(b->image + p, n->desc, n->descsz);
        p += align_up(n->descsz, 4);
    }
    if (b->xen_guest)
        memcpy(b->image + b->xen_guest_off, b->xen_guest, b->xen_guest_size);
    memcpy(b->image + b->strtab_off, strtab, strtab_used);

    put_shdr(b->image, b->shoff, 0, 0, 0, 0, 0);
    if (b->note_shndx >= 0)
        put_shdr(b->image, b->shoff, b->note_shndx, name_note, SHT_NOTE,
                 b->note_off, b->note_size);
    if (b->xen_guest_shndx >= 0)
        put_shdr(b->image, b->shoff, b->xen_guest_shndx, name_xg,
                 EB_SHT_PROGBITS, b->xen_guest_off, b->xen_guest_size);
    put_shdr(b->image, b->shoff, b->strtab_shndx, name_strtab, EB_SHT_STRTAB,
             b->strtab_off, b->strtab_size);
}

void eb_free(struct elf_builder *b)
{
    free(b->image);
    b->image = NULL;
    b->len = 0;
}
