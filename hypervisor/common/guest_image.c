/*
 * Guest image parsing (see guest_image.h).  Everything read from the image
 * is bounds-checked against its length before use: a truncated or hostile
 * image gets an error message, never an out-of-range read.
 */
#include "hypervisor/include/guest_image.h"
#include "hypervisor/include/elf32.h"
#include "hypervisor/include/lib.h"
#include "public/xen.h"
#include "public/elfnote.h"
#include "public/version.h"

#define MAX_PHDRS 64

static int fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
    if (errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static int in_bounds(size_t len, uint64_t off, uint64_t size)
{
    return off <= len && size <= len - off;
}

static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

/* Copy a possibly unterminated string of at most n bytes into out. */
static void copy_bounded(char *out, size_t outlen, const uint8_t *s, size_t n)
{
    size_t k = strnlen((const char *)s, n);
    if (k > outlen - 1)
        k = outlen - 1;
    memcpy(out, s, k);
    out[k] = 0;
}

static const struct { const char *name; unsigned int bit; } feature_names[] = {
    { "writable_page_tables", XENFEAT_writable_page_tables },
    { "writable_descriptor_tables", XENFEAT_writable_descriptor_tables },
    { "auto_translated_physmap", XENFEAT_auto_translated_physmap },
    { "supervisor_mode_kernel", XENFEAT_supervisor_mode_kernel },
    { "pae_pgdir_above_4gb", XENFEAT_pae_pgdir_above_4gb },
};

/* Parse "a|b|!c"; a required feature we do not offer is an error. */
static int parse_features(struct guest_params *gp, char *err, size_t errlen)
{
    const char *p = gp->features;
    while (*p) {
        char name[GI_STR];
        size_t n = 0;
        int required = 0;
        if (*p == '!') {
            required = 1;
            p++;
        }
        while (*p && *p != '|') {
            if (n < sizeof(name) - 1)
                name[n++] = *p;
            p++;
        }
        name[n] = 0;
        if (*p == '|')
            p++;
        int known = -1;
        for (size_t i = 0; i < ARRAY_SIZE(feature_names); i++)
            if (strcmp(name, feature_names[i].name) == 0)
                known = (int)feature_names[i].bit;
        if (known < 0) {
            if (required)
                return fail(err, errlen, "image requires unknown feature '%s'",
                            name);
            continue;
        }
        if (required) {
            gp->features_required |= 1u << known;
            return fail(err, errlen, "image requires feature '%s', which this "
                        "hypervisor does not offer", name);
        }
        gp->features_wanted |= 1u << known;
    }
    return 0;
}

static int parse_pae(const char *s, enum guest_pae *out)
{
    if (strncmp(s, "yes", 3) == 0)
        *out = GUEST_PAE_YES;
    else if (strncmp(s, "bimodal", 7) == 0)
        *out = GUEST_PAE_BIMODAL;
    else if (strncmp(s, "no", 2) == 0 || *s == 0)
        *out = GUEST_PAE_NO;
    else
        return -1;
    return 0;
}

/* Read one "Xen" note into gp.  Returns 0, or -1 with err set. */
static int apply_note(struct guest_params *gp, uint32_t type,
                      const uint8_t *desc, uint32_t descsz,
                      char *err, size_t errlen)
{
    uint64_t num = 0;
    int numeric = type == XEN_ELFNOTE_ENTRY ||
                  type == XEN_ELFNOTE_HYPERCALL_PAGE ||
                  type == XEN_ELFNOTE_VIRT_BASE ||
                  type == XEN_ELFNOTE_PADDR_OFFSET ||
                  type == XEN_ELFNOTE_HV_START_LOW;
    if (numeric) {
        if (descsz == 4)
            num = rd32(desc);
        else if (descsz == 8)
            num = rd32(desc) | (uint64_t)rd32(desc + 4) << 32;
        else
            return fail(err, errlen, "ELF note %u: number of %u bytes "
                        "(must be 4 or 8)", type, descsz);
        if (num >> 32)
            return fail(err, errlen, "ELF note %u: value %#llx does not fit "
                        "32 bits", type, (unsigned long long)num);
    }
    char str[GI_STR * 2];
    copy_bounded(str, sizeof(str), desc, descsz);
    switch (type) {
    case XEN_ELFNOTE_ENTRY:
        gp->entry = (uint32_t)num;
        gp->has_entry = 1;
        break;
    case XEN_ELFNOTE_HYPERCALL_PAGE:
        gp->hypercall_page = (uint32_t)num;
        gp->has_hypercall_page = 1;
        break;
    case XEN_ELFNOTE_VIRT_BASE:
        gp->virt_base = (uint32_t)num;
        break;
    case XEN_ELFNOTE_PADDR_OFFSET:
        gp->paddr_offset = (uint32_t)num;
        break;
    case XEN_ELFNOTE_XEN_VERSION:
        strlcpy_hv(gp->xen_ver, str, sizeof(gp->xen_ver));
        break;
    case XEN_ELFNOTE_GUEST_OS:
        strlcpy_hv(gp->guest_os, str, sizeof(gp->guest_os));
        break;
    case XEN_ELFNOTE_GUEST_VERSION:
        strlcpy_hv(gp->guest_ver, str, sizeof(gp->guest_ver));
        break;
    case XEN_ELFNOTE_LOADER:
        strlcpy_hv(gp->loader, str, sizeof(gp->loader));
        break;
    case XEN_ELFNOTE_PAE_MODE:
        if (parse_pae(str, &gp->pae) < 0)
            return fail(err, errlen, "PAE_MODE note '%s' is not yes, no or "
                        "bimodal", str);
        break;
    case XEN_ELFNOTE_FEATURES:
        strlcpy_hv(gp->features, str, sizeof(gp->features));
        break;
    case XEN_ELFNOTE_BSD_SYMTAB:
        gp->bsd_symtab = strncmp(str, "yes", 3) == 0;
        break;
    default:
        break;      /* INFO, HV_START_LOW, crash notes: not used */
    }
    return 0;
}

/*
 * Parse the notes of one SHT_NOTE section.  Returns the number of "Xen"
 * notes found, or -1 with err set.
 */
static int parse_note_section(const uint8_t *image, size_t len,
                              const struct elf32_shdr *sh,
                              struct guest_params *gp, char *err, size_t errlen)
{
    if (!in_bounds(len, sh->sh_offset, sh->sh_size))
        return fail(err, errlen, "note section at %#x+%#x lies outside the "
                    "%zu-byte image", sh->sh_offset, sh->sh_size, len);
    const uint8_t *p = image + sh->sh_offset;
    uint64_t off = 0, size = sh->sh_size;
    int found = 0;
    while (off + sizeof(struct elf32_note) <= size) {
        uint32_t namesz = rd32(p + off), descsz = rd32(p + off + 4);
        uint32_t type = rd32(p + off + 8);
        uint64_t name_off = off + 12;
        uint64_t desc_off = name_off + (((uint64_t)namesz + 3) & ~3ull);
        uint64_t next = desc_off + (((uint64_t)descsz + 3) & ~3ull);
        if (desc_off + descsz > size || next > size + 3)
            return fail(err, errlen, "ELF note overruns its section");
        if (namesz == 4 && memcmp(p + name_off, "Xen", 4) == 0) {
            if (apply_note(gp, type, p + desc_off, descsz, err, errlen) < 0)
                return -1;
            found++;
        }
        off = next;
    }
    return found;
}

static const char *legacy_value(const char *s, const char *key)
{
    const char *p = strstr(s, key);
    return p ? p + strlen(key) : NULL;
}

static void legacy_string(const char *s, const char *key, char *out, size_t n)
{
    const char *v = legacy_value(s, key);
    size_t k = 0;
    if (v)
        while (v[k] && v[k] != ',' && k < n - 1) {
            out[k] = v[k];
            k++;
        }
    out[k] = 0;
}

/* Returns 1 if key is present (value in *out), 0 if absent, -1 if bad. */
static int legacy_number(const char *s, const char *key, uint32_t *out)
{
    const char *v = legacy_value(s, key);
    char *end;
    if (!v)
        return 0;
    if (*v < '0' || *v > '9')
        return -1;
    unsigned long long n = strtoull(v, &end, 0);
    if ((*end != ',' && *end != 0) || n > 0xFFFFFFFFull)
        return -1;
    *out = (uint32_t)n;
    return 1;
}

/* Parse the legacy "__xen_guest" string (ABI 11.2). */
static int parse_legacy(const char *s, struct guest_params *gp,
                        char *err, size_t errlen)
{
    static const char *const numbers[] = {
        "VIRT_BASE=", "ELF_PADDR_OFFSET=", "VIRT_ENTRY=", "HYPERCALL_PAGE=",
    };
    uint32_t val[4] = { 0, 0, 0, 0 };
    int have[4];
    for (int i = 0; i < 4; i++) {
        have[i] = legacy_number(s, numbers[i], &val[i]);
        if (have[i] < 0)
            return fail(err, errlen, "__xen_guest: bad number for %s",
                        numbers[i]);
    }
    if (have[1] && !have[0])
        return fail(err, errlen, "__xen_guest: ELF_PADDR_OFFSET given "
                    "without VIRT_BASE");
    gp->virt_base = val[0];
    gp->paddr_offset = have[1] ? val[1] : val[0];
    if (have[2]) {
        gp->entry = val[2];
        gp->has_entry = 1;
    }
    if (have[3]) {
        if (val[3] > (0xFFFFFFFFu - gp->virt_base) >> 12)
            return fail(err, errlen, "__xen_guest: HYPERCALL_PAGE out of range");
        gp->hypercall_page = gp->virt_base + (val[3] << 12);
        gp->has_hypercall_page = 1;
    }
    legacy_string(s, "GUEST_OS=", gp->guest_os, sizeof(gp->guest_os));
    legacy_string(s, "GUEST_VER=", gp->guest_ver, sizeof(gp->guest_ver));
    legacy_string(s, "XEN_VER=", gp->xen_ver, sizeof(gp->xen_ver));
    legacy_string(s, "LOADER=", gp->loader, sizeof(gp->loader));
    legacy_string(s, "FEATURES=", gp->features, sizeof(gp->features));
    char pae[GI_STR];
    legacy_string(s, "PAE=", pae, sizeof(pae));
    if (parse_pae(pae, &gp->pae) < 0)
        return fail(err, errlen, "__xen_guest: PAE=%s is not yes or no", pae);
    gp->bsd_symtab = legacy_value(s, "BSD_SYMTAB") != NULL;
    return 0;
}

/* Find the parameters: notes first, then __xen_guest. */
static int find_params(const uint8_t *image, size_t len,
                       const struct elf32_ehdr *eh, struct guest_params *gp,
                       char *err, size_t errlen)
{
    if (eh->e_shnum == 0)
        return fail(err, errlen, "no section headers, so no Xen notes and no "
                    "__xen_guest section: not a Xen guest image");
    if (eh->e_shentsize != sizeof(struct elf32_shdr))
        return fail(err, errlen, "section header size %u (expected %zu)",
                    eh->e_shentsize, sizeof(struct elf32_shdr));
    if (!in_bounds(len, eh->e_shoff,
                   (uint64_t)eh->e_shnum * sizeof(struct elf32_shdr)))
        return fail(err, errlen, "truncated: section headers end past the "
                    "%zu-byte image", len);
    const struct elf32_shdr *sh =
        (const struct elf32_shdr *)(image + eh->e_shoff);

    int notes = 0;
    for (unsigned int i = 0; i < eh->e_shnum; i++) {
        if (sh[i].sh_type != SHT_NOTE)
            continue;
        int n = parse_note_section(image, len, &sh[i], gp, err, errlen);
        if (n < 0)
            return -1;
        notes += n;
    }
    if (notes) {
        gp->from_notes = 1;
        return 0;
    }

    if (eh->e_shstrndx >= eh->e_shnum)
        return fail(err, errlen, "bad section-name table index %u",
                    eh->e_shstrndx);
    const struct elf32_shdr *strtab = &sh[eh->e_shstrndx];
    if (!in_bounds(len, strtab->sh_offset, strtab->sh_size))
        return fail(err, errlen, "section-name table outside the image");
    const char *names = (const char *)image + strtab->sh_offset;
    for (unsigned int i = 0; i < eh->e_shnum; i++) {
        uint32_t n = sh[i].sh_name;
        if (n >= strtab->sh_size ||
            strnlen(names + n, strtab->sh_size - n) != sizeof("__xen_guest") - 1 ||
            memcmp(names + n, "__xen_guest", sizeof("__xen_guest") - 1) != 0)
            continue;
        if (!in_bounds(len, sh[i].sh_offset, sh[i].sh_size))
            return fail(err, errlen, "__xen_guest section outside the image");
        char s[1024];
        copy_bounded(s, sizeof(s), image + sh[i].sh_offset, sh[i].sh_size);
        return parse_legacy(s, gp, err, errlen);
    }
    return fail(err, errlen, "no Xen ELF notes and no __xen_guest section: "
                "not a Xen guest image");
}

static int is_loadable(const struct elf32_phdr *ph)
{
    return ph->p_type == PT_LOAD && (ph->p_flags & (PF_W | PF_X)) &&
           ph->p_memsz != 0;
}

static uint32_t segment_va(const struct guest_params *gp,
                           const struct elf32_phdr *ph)
{
    return ph->p_paddr - gp->paddr_offset + gp->virt_base;
}

/* Check the loadable segments and compute kern_start/kern_end. */
static int check_segments(const uint8_t *image, size_t len,
                          const struct elf32_ehdr *eh, struct guest_params *gp,
                          char *err, size_t errlen)
{
    const struct elf32_phdr *ph = (const struct elf32_phdr *)(image + eh->e_phoff);
    uint64_t start = UINT64_MAX, end = 0;
    for (unsigned int i = 0; i < eh->e_phnum; i++) {
        if (!is_loadable(&ph[i]))
            continue;
        if (ph[i].p_filesz > ph[i].p_memsz)
            return fail(err, errlen, "segment %u: file size %#x exceeds memory "
                        "size %#x", i, ph[i].p_filesz, ph[i].p_memsz);
        if (!in_bounds(len, ph[i].p_offset, ph[i].p_filesz))
            return fail(err, errlen, "truncated: segment %u needs bytes "
                        "%#x-%#x of a %zu-byte image", i, ph[i].p_offset,
                        ph[i].p_offset + ph[i].p_filesz, len);
        if (ph[i].p_paddr < gp->paddr_offset)
            return fail(err, errlen, "segment %u: physical address %#x is below "
                        "the paddr offset %#x", i, ph[i].p_paddr,
                        gp->paddr_offset);
        uint64_t s = (uint64_t)(ph[i].p_paddr - gp->paddr_offset) + gp->virt_base;
        uint64_t e = s + ph[i].p_memsz;
        if (e > HYPERVISOR_VIRT_START)
            return fail(err, errlen, "segment %u (%#llx-%#llx) reaches the "
                        "hypervisor's area at %#x", i, (unsigned long long)s,
                        (unsigned long long)e, HYPERVISOR_VIRT_START);
        for (unsigned int j = 0; j < i; j++) {
            if (!is_loadable(&ph[j]))
                continue;
            uint64_t s2 = segment_va(gp, &ph[j]), e2 = s2 + ph[j].p_memsz;
            if (s < e2 && s2 < e)
                return fail(err, errlen, "segments %u and %u overlap "
                            "(%#llx-%#llx and %#llx-%#llx)", j, i,
                            (unsigned long long)s2, (unsigned long long)e2,
                            (unsigned long long)s, (unsigned long long)e);
        }
        start = MIN(start, s);
        end = MAX(end, e);
    }
    if (end == 0)
        return fail(err, errlen, "no loadable (writable or executable) "
                    "segment");
    gp->kern_start = (uint32_t)start;
    gp->kern_end = (uint32_t)end;
    return 0;
}

int guest_image_parse(const uint8_t *image, size_t len,
                      struct guest_params *gp, char *err, size_t errlen)
{
    memset(gp, 0, sizeof(*gp));
    if (errlen)
        err[0] = 0;
    if (len < sizeof(struct elf32_ehdr))
        return fail(err, errlen, "truncated: %zu bytes is too small for an "
                    "ELF header", len);
    const struct elf32_ehdr *eh = (const struct elf32_ehdr *)image;
    if (memcmp(eh->e_ident, "\177ELF", 4) != 0)
        return fail(err, errlen, "not an ELF file");
    if (eh->e_ident[4] != ELFCLASS32 || eh->e_ident[5] != ELFDATA2LSB)
        return fail(err, errlen, "not a 32-bit little-endian ELF file");
    if (eh->e_type != ET_EXEC || eh->e_machine != EM_386)
        return fail(err, errlen, "not an i386 executable (type %u, machine %u)",
                    eh->e_type, eh->e_machine);
    if (eh->e_phentsize != sizeof(struct elf32_phdr) || eh->e_phnum == 0 ||
        eh->e_phnum > MAX_PHDRS)
        return fail(err, errlen, "bad program headers (%u of size %u)",
                    eh->e_phnum, eh->e_phentsize);
    if (!in_bounds(len, eh->e_phoff,
                   (uint64_t)eh->e_phnum * sizeof(struct elf32_phdr)))
        return fail(err, errlen, "truncated: program headers end past the "
                    "%zu-byte image", len);

    if (find_params(image, len, eh, gp, err, errlen) < 0)
        return -1;
    if (strncmp(gp->xen_ver, "xen-3.0", 7) != 0)
        return fail(err, errlen, "XEN_VER '%s' does not start with xen-3.0",
                    gp->xen_ver);
    if (strncmp(gp->loader, "generic", 7) != 0 &&
        strncmp(gp->guest_os, "linux", 5) != 0)
        return fail(err, errlen, "LOADER must be 'generic' unless GUEST_OS "
                    "is linux (LOADER '%s', GUEST_OS '%s')", gp->loader,
                    gp->guest_os);
    if (gp->pae == GUEST_PAE_YES)
        return fail(err, errlen, "PAE kernel; this hypervisor is non-PAE");
    if (parse_features(gp, err, errlen) < 0)
        return -1;
    if (check_segments(image, len, eh, gp, err, errlen) < 0)
        return -1;
    if (!gp->has_entry)
        gp->entry = eh->e_entry;
    if (gp->virt_base > gp->kern_start)
        return fail(err, errlen, "VIRT_BASE %#x lies above the kernel's start "
                    "%#x", gp->virt_base, gp->kern_start);
    if (gp->entry < gp->kern_start || gp->entry > gp->kern_end)
        return fail(err, errlen, "entry point %#x lies outside the kernel "
                    "(%#x-%#x)", gp->entry, gp->kern_start, gp->kern_end);
    return 0;
}

void guest_image_load(const uint8_t *image, const struct guest_params *gp,
                      const struct guest_image_sink *sink)
{
    const struct elf32_ehdr *eh = (const struct elf32_ehdr *)image;
    const struct elf32_phdr *ph = (const struct elf32_phdr *)(image + eh->e_phoff);
    for (unsigned int i = 0; i < eh->e_phnum; i++) {
        if (!is_loadable(&ph[i]))
            continue;
        uint32_t va = segment_va(gp, &ph[i]);
        if (ph[i].p_filesz)
            sink->write(sink->ctx, va, image + ph[i].p_offset, ph[i].p_filesz);
        if (ph[i].p_memsz > ph[i].p_filesz)
            sink->zero(sink->ctx, va + ph[i].p_filesz,
                       ph[i].p_memsz - ph[i].p_filesz);
    }
}
