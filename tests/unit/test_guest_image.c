/*
 * Guest image parsing and loading (ABI 11.1-11.3), on images synthesized
 * by elf_builder.  Each test names the rule it checks.  A good image is
 * built first; rejection tests break one thing in it and check that the
 * parser refuses with a message naming the problem.
 */
// uses: hypervisor/common/guest_image.c tests/unit/elf_builder.c hypervisor/lib/strlcpy.c
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "hypervisor/include/guest_image.h"
#include "public/elfnote.h"
#include "public/version.h"
#include "tests/unit/elf_builder.h"

static char err[256];

/* Each test describes and builds one image in the builder it is given;
 * teardown frees the image even when an assertion ends the test early. */
static int setup(void **state)
{
    static struct elf_builder builder;
    eb_init(&builder, 0);
    *state = &builder;
    return 0;
}

static int teardown(void **state)
{
    eb_free(*state);
    return 0;
}

static int parse_len(struct elf_builder *b, size_t len, struct guest_params *gp)
{
    memset(err, 0, sizeof(err));
    return guest_image_parse(b->image, len, gp, err, sizeof(err));
}

static int parse(struct elf_builder *b, struct guest_params *gp)
{
    return parse_len(b, b->len, gp);
}

/* Parse must succeed; on failure show the parser's reason. */
#define assert_accepted(b, gp) do {                                         \
    if (parse((b), (gp)) != 0)                                              \
        fail_msg("image rejected: %s", err);                                \
} while (0)

/* Parse of image[0..len) must fail with a message mentioning word. */
#define assert_rejected_len(b, len, word) do {                              \
    struct guest_params gp_;                                                \
    int rc_ = parse_len((b), (len), &gp_);                                  \
    assert_int_equal(rc_, -1);                                              \
    assert_true(err[0] != 0);                                               \
    if (!strstr(err, (word)))                                               \
        fail_msg("error \"%s\" does not mention \"%s\"", err, (word));      \
} while (0)

#define assert_rejected(b, word) assert_rejected_len((b), (b)->len, (word))

/*
 * The standard notes image:
 *   VIRT_BASE 0xC0000000, PADDR_OFFSET 0x00100000, so p_paddr 0x00200000
 *   lands at VA 0xC0100000.
 *   segment 0: R+X, paddr 0x00200000, 0x2000 bytes of file, memsz 0x2000
 *              -> 0xC0100000-0xC0102000
 *   segment 1: R+W, paddr 0x00202000, 0x800 bytes of file, memsz 0x3000
 *              -> 0xC0102000-0xC0105000 (bss 0xC0102800-0xC0105000)
 *   e_entry 0xC0100000; ENTRY note 0xC0100010; HYPERCALL_PAGE 0xC0101000.
 * The caller may add notes (before eb_build) to override or extend.
 */
#define N_VIRT_BASE 0xC0000000u
#define N_PADDR_OFF 0x00100000u
#define N_KSTART    0xC0100000u
#define N_KEND      0xC0105000u
#define N_ENTRY     0xC0100010u
#define N_HCALL     0xC0101000u

static void notes_segments(struct elf_builder *b)
{
    eb_init(b, N_KSTART);
    eb_add_segment(b, PF_R | PF_X, 0xC0100000, 0x00200000, 0x2000, 0x2000);
    eb_add_segment(b, PF_R | PF_W, 0xC0102000, 0x00202000, 0x800, 0x3000);
}

static void notes_basic(struct elf_builder *b)
{
    notes_segments(b);
    eb_note_defaults(b);
    eb_note_string(b, XEN_ELFNOTE_GUEST_VERSION, "2.6.16");
    eb_note_number(b, XEN_ELFNOTE_VIRT_BASE, N_VIRT_BASE, 4);
    eb_note_number(b, XEN_ELFNOTE_PADDR_OFFSET, N_PADDR_OFF, 4);
    eb_note_number(b, XEN_ELFNOTE_HYPERCALL_PAGE, N_HCALL, 4);
    eb_note_string(b, XEN_ELFNOTE_PAE_MODE, "no");
}

static void notes_image(struct elf_builder *b)
{
    notes_basic(b);
    eb_note_number(b, XEN_ELFNOTE_ENTRY, N_ENTRY, 4);
}

/*
 * The standard legacy image: one R+W+X segment at p_paddr 0xC0100000,
 * 0x3000 bytes of file, memsz 0x4000.  With VIRT_BASE 0xC0000000 and
 * ELF_PADDR_OFFSET defaulting to VIRT_BASE it lands at 0xC0100000.
 */
#define LEGACY_GOOD "GUEST_OS=linux,GUEST_VER=2.6.12,XEN_VER=xen-3.0," \
                    "VIRT_BASE=0xC0000000,VIRT_ENTRY=0xC0100020," \
                    "HYPERCALL_PAGE=0x101,LOADER=generic,PAE=no"

static void legacy_image(struct elf_builder *b, const char *xen_guest)
{
    eb_init(b, 0xC0100000);
    eb_add_segment(b, PF_R | PF_W | PF_X, 0xC0100000, 0xC0100000, 0x3000,
                   0x4000);
    b->xen_guest = xen_guest;
}

/* ------------------------------------------------------- good images */

static void test_notes_image_parsed_with_every_field(void **state)
{
    struct elf_builder *b = *state;
    struct guest_params gp;
    notes_image(b);
    eb_note_string(b, XEN_ELFNOTE_FEATURES, "writable_page_tables");
    eb_build(b);
    assert_accepted(b, &gp);
    assert_int_equal(gp.from_notes, 1);
    assert_int_equal(gp.virt_base, N_VIRT_BASE);
    assert_int_equal(gp.paddr_offset, N_PADDR_OFF);
    assert_int_equal(gp.entry, N_ENTRY);
    assert_int_equal(gp.has_hypercall_page, 1);
    assert_int_equal(gp.hypercall_page, N_HCALL);
    assert_int_equal(gp.kern_start, N_KSTART);
    assert_int_equal(gp.kern_end, N_KEND);
    assert_string_equal(gp.guest_os, "xenhv-test");
    assert_string_equal(gp.guest_ver, "2.6.16");
    assert_string_equal(gp.xen_ver, "xen-3.0");
    assert_string_equal(gp.loader, "generic");
    assert_int_equal(gp.pae, GUEST_PAE_NO);
    assert_string_equal(gp.features, "writable_page_tables");
    assert_int_equal(gp.features_wanted, 1u << XENFEAT_writable_page_tables);
    assert_int_equal(gp.features_required, 0);
    assert_int_equal(gp.bsd_symtab, 0);
}

static void test_notes_entry_defaults_to_e_entry(void **state)
{
    struct elf_builder *b = *state;
    struct guest_params gp;
    notes_basic(b);                /* no ENTRY note */
    b->entry = 0xC0100400;
    eb_build(b);
    assert_accepted(b, &gp);
    assert_int_equal(gp.entry, 0xC0100400);
}

static void test_notes_entry_note_overrides_e_entry(void **state)
{
    struct elf_builder *b = *state;
    struct guest_params gp;
    notes_image(b);
    b->entry = 0xC0100400;
    eb_build(b);
    assert_accepted(b, &gp);
    assert_int_equal(gp.entry, N_ENTRY);
}

/* An explicit ENTRY of 0 is still an override (ABI 11.1: entry is e_entry
 * unless ENTRY / VIRT_ENTRY overrides it). */
static void test_notes_entry_note_of_zero_overrides_e_entry(void **state)
{
    struct elf_builder *b = *state;
    struct guest_params gp;
    eb_init(b, 0x1000);
    eb_add_segment(b, PF_R | PF_W | PF_X, 0, 0, 0x1000, 0x2000);
    eb_note_defaults(b);
    eb_note_number(b, XEN_ELFNOTE_VIRT_BASE, 0, 4);
    eb_note_number(b, XEN_ELFNOTE_ENTRY, 0, 4);
    eb_build(b);
    assert_accepted(b, &gp);
    assert_int_equal(gp.entry, 0);
}

static void test_notes_paddr_offset_defaults_to_zero(void **state)
{
    struct elf_builder *b = *state;
    struct guest_params gp;
    eb_init(b, 0xC0100000);
    eb_add_segment(b, PF_R | PF_W | PF_X, 0xC0100000, 0x00100000, 0x1000,
                   0x1000);
    eb_note_defaults(b);
    eb_note_number(b, XEN_ELFNOTE_VIRT_BASE, 0xC0000000, 4);
    eb_build(b);
    assert_accepted(b, &gp);
    assert_int_equal(gp.paddr_offset, 0);
    assert_int_equal(gp.kern_start, 0xC0100000);
    assert_int_equal(gp.kern_end, 0xC0101000);
    assert_int_equal(gp.has_hypercall_page, 0);
}

static void test_notes_eight_byte_numbers_accepted(void **state)
{
    struct elf_builder *b = *state;
    struct guest_params gp;
    notes_segments(b);
    eb_note_defaults(b);
    eb_note_number(b, XEN_ELFNOTE_VIRT_BASE, N_VIRT_BASE, 8);
    eb_note_number(b, XEN_ELFNOTE_PADDR_OFFSET, N_PADDR_OFF, 8);
    eb_note_number(b, XEN_ELFNOTE_ENTRY, N_ENTRY, 8);
    eb_note_number(b, XEN_ELFNOTE_HYPERCALL_PAGE, N_HCALL, 8);
    eb_build(b);
    assert_accepted(b, &gp);
    assert_int_equal(gp.virt_base, N_VIRT_BASE);
    assert_int_equal(gp.paddr_offset, N_PADDR_OFF);
    assert_int_equal(gp.entry, N_ENTRY);
    assert_int_equal(gp.hypercall_page, N_HCALL);
    assert_int_equal(gp.kern_start, N_KSTART);
}

static void test_notes_other_names_ignored(void **state)
{
    struct elf_builder *b = *state;
    struct guest_params gp;
    static const uint8_t build_id[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
    notes_segments(b);
    eb_note_raw(b, "GNU", XEN_ELFNOTE_GUEST_OS, build_id, sizeof(build_id));
    eb_note_defaults(b);
    eb_note_raw(b, "GNU", 3, build_id, 3);     /* type 3 = VIRT_BASE for Xen */
    eb_note_number(b, XEN_ELFNOTE_VIRT_BASE, N_VIRT_BASE, 4);
    eb_note_number(b, XEN_ELFNOTE_PADDR_OFFSET, N_PADDR_OFF, 4);
    eb_build(b);
    assert_accepted(b, &gp);
    assert_string_equal(gp.guest_os, "xenhv-test");
    assert_int_equal(gp.virt_base, N_VIRT_BASE);
}

static void test_legacy_image_parsed_with_every_field(void **state)
{
    struct elf_builder *b = *state;
    struct guest_params gp;
    legacy_image(b, LEGACY_GOOD);
    eb_build(b);
    assert_accepted(b, &gp);
    assert_int_equal(gp.from_notes, 0);
    assert_int_equal(gp.virt_base, 0xC0000000);
    /* ELF_PADDR_OFFSET absent: defaults to VIRT_BASE in the legacy form. */
    assert_int_equal(gp.paddr_offset, 0xC0000000);
    /* VIRT_ENTRY overrides e_entry (0xC0100000). */
    assert_int_equal(gp.entry, 0xC0100020);
    /* HYPERCALL_PAGE is a page number from VIRT_BASE: 0xC0000000 + 0x101 pages. */
    assert_int_equal(gp.has_hypercall_page, 1);
    assert_int_equal(gp.hypercall_page, 0xC0101000);
    assert_int_equal(gp.kern_start, 0xC0100000);
    assert_int_equal(gp.kern_end, 0xC0104000);
    assert_string_equal(gp.guest_os, "linux");
    assert_string_equal(gp.guest_ver, "2.6.12");
    assert_string_equal(gp.xen_ver, "xen-3.0");
    assert_string_equal(gp.loader, "generic");
    assert_int_equal(gp.pae, GUEST_PAE_NO);
    assert_int_equal(gp.bsd_symtab, 0);
}

static void test_legacy_entry_defaults_to_e_entry(void **state)
{
    struct elf_builder *b = *state;
    struct guest_params gp;
    legacy_image(b, "GUEST_OS=linux,XEN_VER=xen-3.0,VIRT_BASE=0xC0000000");
    b->entry = 0xC0100040;
    eb_build(b);
    assert_accepted(b, &gp);
    assert_int_equal(gp.entry, 0xC0100040);
    assert_int_equal(gp.has_hypercall_page, 0);
}

static void test_legacy_explicit_paddr_offset_used(void **state)
{
    struct elf_builder *b = *state;
    struct guest_params gp;
    eb_init(b, 0xC0000000);
    eb_add_segment(b, PF_R | PF_W | PF_X, 0xC0000000, 0, 0x2000, 0x2000);
    b->xen_guest = "GUEST_OS=xenhv-test,XEN_VER=xen-3.0,VIRT_BASE=0xC0000000,"
                  "ELF_PADDR_OFFSET=0x0,HYPERCALL_PAGE=0x0,LOADER=generic,PAE=no";
    eb_build(b);
    assert_accepted(b, &gp);
    assert_int_equal(gp.paddr_offset, 0);
    assert_int_equal(gp.kern_start, 0xC0000000);
    assert_int_equal(gp.kern_end, 0xC0002000);
    assert_int_equal(gp.hypercall_page, 0xC0000000);
}

/* Mini-OS 3.0.4's string: VIRT_BASE 0, the hypercall page is page 2. */
static void test_legacy_mini_os_string_accepted(void **state)
{
    struct elf_builder *b = *state;
    struct guest_params gp;
    eb_init(b, 0);
    eb_add_segment(b, PF_R | PF_W | PF_X, 0, 0, 0x10000, 0x20000);
    b->xen_guest = "GUEST_OS=Mini-OS,XEN_VER=xen-3.0,VIRT_BASE=0x0,"
                  "ELF_PADDR_OFFSET=0x0,HYPERCALL_PAGE=0x2,PAE=no,LOADER=generic";
    eb_build(b);
    assert_accepted(b, &gp);
    assert_int_equal(gp.virt_base, 0);
    assert_int_equal(gp.entry, 0);
    assert_int_equal(gp.hypercall_page, 0x2000);
    assert_int_equal(gp.kern_start, 0);
    assert_int_equal(gp.kern_end, 0x20000);
    assert_string_equal(gp.guest_os, "Mini-OS");
}

static void test_legacy_features_end_at_comma(void **state)
{
    struct elf_builder *b = *state;
    struct guest_params gp;
    legacy_image(b, "GUEST_OS=linux,FEATURES=writable_descriptor_tables|"
                     "auto_translated_physmap,XEN_VER=xen-3.0,"
                     "VIRT_BASE=0xC0000000,BSD_SYMTAB");
    eb_build(b);
    assert_accepted(b, &gp);
    assert_string_equal(gp.features,
                        "writable_descriptor_tables|auto_translated_physmap");
    assert_int_equal(gp.features_wanted,
                     (1u << XENFEAT_writable_descriptor_tables) |
                     (1u << XENFEAT_auto_translated_physmap));
    assert_int_equal(gp.bsd_symtab, 1);
}

static void test_notes_preferred_over_xen_guest(void **state)
{
    struct elf_builder *b = *state;
    struct guest_params gp;
    notes_image(b);
    b->xen_guest = "GUEST_OS=legacy-os,XEN_VER=xen-3.0,VIRT_BASE=0xC0100000,"
                  "VIRT_ENTRY=0xC0100800,LOADER=generic";
    eb_build(b);
    assert_accepted(b, &gp);
    assert_int_equal(gp.from_notes, 1);
    assert_string_equal(gp.guest_os, "xenhv-test");
    assert_int_equal(gp.virt_base, N_VIRT_BASE);
    assert_int_equal(gp.entry, N_ENTRY);
}

static void test_non_xen_notes_fall_back_to_xen_guest(void **state)
{
    struct elf_builder *b = *state;
    struct guest_params gp;
    static const uint8_t id[4] = { 0xde, 0xad, 0xbe, 0xef };
    legacy_image(b, LEGACY_GOOD);
    eb_note_raw(b, "GNU", 3, id, sizeof(id));
    eb_build(b);
    assert_accepted(b, &gp);
    assert_int_equal(gp.from_notes, 0);
    assert_string_equal(gp.guest_os, "linux");
}

static void test_segment_ending_at_hypervisor_start_accepted(void **state)
{
    struct elf_builder *b = *state;
    struct guest_params gp;
    eb_init(b, 0xFBFFE000);
    eb_add_segment(b, PF_R | PF_W | PF_X, 0xFBFFE000, 0x3BFFE000, 0x1000,
                   0x2000);
    eb_note_defaults(b);
    eb_note_number(b, XEN_ELFNOTE_VIRT_BASE, 0xC0000000, 4);
    eb_build(b);
    assert_accepted(b, &gp);
    assert_int_equal(gp.kern_start, 0xFBFFE000);
    assert_int_equal(gp.kern_end, 0xFC000000);
}

/* ABI 11.1: kernstart <= entry <= kernend, both ends included. */
static void test_entry_at_kernel_end_accepted(void **state)
{
    struct elf_builder *b = *state;
    struct guest_params gp;
    notes_basic(b);
    eb_note_number(b, XEN_ELFNOTE_ENTRY, N_KEND, 4);
    eb_build(b);
    assert_accepted(b, &gp);
    assert_int_equal(gp.entry, N_KEND);
}

static void test_linux_without_loader_accepted(void **state)
{
    struct elf_builder *b = *state;
    struct guest_params gp;
    notes_segments(b);
    eb_note_string(b, XEN_ELFNOTE_GUEST_OS, "linux");
    eb_note_string(b, XEN_ELFNOTE_XEN_VERSION, "xen-3.0");
    eb_note_number(b, XEN_ELFNOTE_VIRT_BASE, N_VIRT_BASE, 4);
    eb_note_number(b, XEN_ELFNOTE_PADDR_OFFSET, N_PADDR_OFF, 4);
    eb_build(b);
    assert_accepted(b, &gp);
    assert_string_equal(gp.loader, "");
    assert_string_equal(gp.guest_os, "linux");
}

static void test_pae_bimodal_accepted(void **state)
{
    struct elf_builder *b = *state;
    struct guest_params gp;
    notes_segments(b);
    eb_note_defaults(b);
    eb_note_number(b, XEN_ELFNOTE_VIRT_BASE, N_VIRT_BASE, 4);
    eb_note_number(b, XEN_ELFNOTE_PADDR_OFFSET, N_PADDR_OFF, 4);
    eb_note_string(b, XEN_ELFNOTE_PAE_MODE, "bimodal");
    eb_build(b);
    assert_accepted(b, &gp);
    assert_int_equal(gp.pae, GUEST_PAE_BIMODAL);
}

static void test_unknown_optional_feature_accepted(void **state)
{
    struct elf_builder *b = *state;
    struct guest_params gp;
    notes_image(b);
    eb_note_string(b, XEN_ELFNOTE_FEATURES,
                   "flying_pigs|writable_descriptor_tables");
    eb_build(b);
    assert_accepted(b, &gp);
    assert_int_equal(gp.features_wanted,
                     1u << XENFEAT_writable_descriptor_tables);
    assert_int_equal(gp.features_required, 0);
}

/* A read-only PT_LOAD is skipped: not checked, not counted in the bounds. */
static void test_read_only_segment_skipped(void **state)
{
    struct elf_builder *b = *state;
    struct guest_params gp;
    notes_image(b);
    eb_add_segment(b, PF_R, 0xC0200000, 0x00300000, 0x400, 0x1000);
    /* Read-only and overlapping segment 0: also not loaded, so no overlap. */
    eb_add_segment(b, PF_R, 0xC0100000, 0x00200000, 0x100, 0x100);
    eb_build(b);
    assert_accepted(b, &gp);
    assert_int_equal(gp.kern_start, N_KSTART);
    assert_int_equal(gp.kern_end, N_KEND);
}

/* ---------------------------------------------- legacy-string rules */

static void test_legacy_paddr_offset_without_virt_base_rejected(void **state)
{
    struct elf_builder *b = *state;
    legacy_image(b, "GUEST_OS=linux,XEN_VER=xen-3.0,ELF_PADDR_OFFSET=0x0,"
                     "LOADER=generic");
    eb_build(b);
    assert_rejected(b, "VIRT_BASE");
}

static void test_legacy_bad_number_rejected(void **state)
{
    struct elf_builder *b = *state;
    legacy_image(b, "GUEST_OS=linux,XEN_VER=xen-3.0,VIRT_BASE=0xC0000000zz");
    eb_build(b);
    assert_rejected(b, "VIRT_BASE");
}

static void test_legacy_pae_yes_extended_cr3_rejected(void **state)
{
    struct elf_builder *b = *state;
    legacy_image(b, "GUEST_OS=linux,XEN_VER=xen-3.0,VIRT_BASE=0xC0000000,"
                     "PAE=yes[extended-cr3]");
    eb_build(b);
    assert_rejected(b, "PAE");
}

/* ------------------------------------------------------ truncation */

static void test_file_shorter_than_elf_header_rejected(void **state)
{
    struct elf_builder *b = *state;
    notes_image(b);
    eb_build(b);
    assert_rejected_len(b, sizeof(struct elf32_ehdr) - 1, "truncated");
    assert_rejected_len(b, 0, "truncated");
}

static void test_program_headers_past_end_rejected(void **state)
{
    struct elf_builder *b = *state;
    notes_image(b);
    eb_build(b);
    /* Two 32-byte headers starting 40 bytes before the end. */
    eb_ehdr(b)->e_phoff = (uint32_t)b->len - 40;
    assert_rejected(b, "program headers");
}

static void test_image_cut_inside_program_headers_rejected(void **state)
{
    struct elf_builder *b = *state;
    notes_image(b);
    eb_build(b);
    /* Header complete, second program header cut short. */
    size_t len = sizeof(struct elf32_ehdr) + sizeof(struct elf32_phdr) + 8;
    assert_rejected_len(b, len, "program headers");
}

static void test_segment_file_data_past_end_rejected(void **state)
{
    struct elf_builder *b = *state;
    notes_image(b);
    eb_build(b);
    eb_phdr(b, 1)->p_offset = (uint32_t)b->len - 0x10;   /* needs 0x800 */
    assert_rejected(b, "truncated");
}

static void test_section_headers_past_end_rejected(void **state)
{
    struct elf_builder *b = *state;
    notes_image(b);
    eb_build(b);
    /* The section headers are the last thing in the file. */
    assert_rejected_len(b, b->len - 1, "section headers");
}

static void test_note_overrunning_its_section_rejected(void **state)
{
    struct elf_builder *b = *state;
    notes_image(b);
    eb_build(b);
    /* First note's descsz (offset 4 of the note header) made too large. */
    uint8_t *descsz = b->image + b->note_off + 4;
    descsz[0] = 0x00;
    descsz[1] = 0x10;               /* 0x1000: past the section's end */
    assert_rejected(b, "overrun");
}

static void test_note_section_shrunk_below_last_note_rejected(void **state)
{
    struct elf_builder *b = *state;
    notes_image(b);
    eb_build(b);
    /* The last note (ENTRY, 4-byte desc) loses its desc. */
    eb_shdr(b, b->note_shndx)->sh_size = b->note_size - 4;
    assert_rejected(b, "overrun");
}

static void test_note_section_outside_image_rejected(void **state)
{
    struct elf_builder *b = *state;
    notes_image(b);
    eb_build(b);
    eb_shdr(b, b->note_shndx)->sh_offset = (uint32_t)b->len - 8;
    assert_rejected(b, "outside");
}

/* ------------------------------------------------------ ELF header */

static void test_bad_magic_rejected(void **state)
{
    struct elf_builder *b = *state;
    notes_image(b);
    eb_build(b);
    b->image[1] = 'e';
    assert_rejected(b, "ELF");
}

static void test_64bit_class_rejected(void **state)
{
    struct elf_builder *b = *state;
    notes_image(b);
    eb_build(b);
    b->image[4] = EB_ELFCLASS64;
    assert_rejected(b, "32-bit");
}

static void test_big_endian_rejected(void **state)
{
    struct elf_builder *b = *state;
    notes_image(b);
    eb_build(b);
    b->image[5] = EB_ELFDATA2MSB;
    assert_rejected(b, "little-endian");
}

static void test_shared_object_rejected(void **state)
{
    struct elf_builder *b = *state;
    notes_image(b);
    eb_build(b);
    eb_ehdr(b)->e_type = EB_ET_DYN;
    assert_rejected(b, "executable");
}

static void test_non_386_machine_rejected(void **state)
{
    struct elf_builder *b = *state;
    notes_image(b);
    eb_build(b);
    eb_ehdr(b)->e_machine = EB_EM_X86_64;
    assert_rejected(b, "i386");
}

static void test_no_program_headers_rejected(void **state)
{
    struct elf_builder *b = *state;
    notes_image(b);
    eb_build(b);
    eb_ehdr(b)->e_phnum = 0;
    assert_rejected(b, "program headers");
}

/* --------------------------------------------------------- segments */

static void test_overlapping_segments_rejected(void **state)
{
    struct elf_builder *b = *state;
    notes_image(b);
    /* 0xC0101000-0xC0101800 lies inside segment 0. */
    eb_add_segment(b, PF_R | PF_W, 0xC0101000, 0x00201000, 0x800, 0x800);
    eb_build(b);
    assert_rejected(b, "overlap");
}

static void test_bss_overlapping_next_segment_rejected(void **state)
{
    struct elf_builder *b = *state;
    notes_image(b);
    eb_build(b);
    /* Segment 0's memory now runs one page into segment 1. */
    eb_phdr(b, 0)->p_memsz = 0x3000;
    assert_rejected(b, "overlap");
}

static void test_filesz_above_memsz_rejected(void **state)
{
    struct elf_builder *b = *state;
    notes_image(b);
    eb_build(b);
    eb_phdr(b, 1)->p_memsz = 0x400;    /* file part is 0x800 */
    assert_rejected(b, "file size");
}

static void test_segment_reaching_hypervisor_rejected(void **state)
{
    struct elf_builder *b = *state;
    eb_init(b, 0xFBFFF000);
    /* 0xFBFFF000-0xFC001000: one page inside the hypervisor's area. */
    eb_add_segment(b, PF_R | PF_W | PF_X, 0xFBFFF000, 0x3BFFF000, 0x1000,
                   0x2000);
    eb_note_defaults(b);
    eb_note_number(b, XEN_ELFNOTE_VIRT_BASE, 0xC0000000, 4);
    eb_build(b);
    assert_rejected(b, "hypervisor");
}

static void test_segment_wrapping_32_bits_rejected(void **state)
{
    struct elf_builder *b = *state;
    /* paddr 0x40001000 + VIRT_BASE 0xC0000000 = 0x1_0000_1000, which
     * would wrap to 0x1000. */
    eb_init(b, 0x1000);
    eb_add_segment(b, PF_R | PF_W | PF_X, 0x1000, 0x40001000, 0x1000, 0x1000);
    eb_note_defaults(b);
    eb_note_number(b, XEN_ELFNOTE_VIRT_BASE, 0xC0000000, 4);
    eb_build(b);
    assert_rejected(b, "hypervisor");
}

static void test_segment_size_wrapping_32_bits_rejected(void **state)
{
    struct elf_builder *b = *state;
    /* Starts at 0x1000 with a size that runs past 4 GB back to 0x800. */
    eb_init(b, 0x1000);
    eb_add_segment(b, PF_R | PF_W | PF_X, 0x1000, 0x1000, 0x10, 0xFFFFF800);
    eb_note_defaults(b);
    eb_build(b);
    assert_rejected(b, "hypervisor");
}

static void test_segment_below_paddr_offset_rejected(void **state)
{
    struct elf_builder *b = *state;
    notes_image(b);
    eb_add_segment(b, PF_R | PF_W, 0xC0000000, 0x00080000, 0x10, 0x10);
    eb_build(b);
    assert_rejected(b, "paddr offset");
}

static void test_no_loadable_segment_rejected(void **state)
{
    struct elf_builder *b = *state;
    eb_init(b, 0xC0100000);
    eb_add_segment(b, PF_R, 0xC0100000, 0x00100000, 0x1000, 0x1000);
    eb_note_defaults(b);
    eb_note_number(b, XEN_ELFNOTE_VIRT_BASE, 0xC0000000, 4);
    eb_build(b);
    assert_rejected(b, "loadable");
}

static void test_entry_past_kernel_end_rejected(void **state)
{
    struct elf_builder *b = *state;
    notes_basic(b);
    eb_note_number(b, XEN_ELFNOTE_ENTRY, N_KEND + 1, 4);
    eb_build(b);
    assert_rejected(b, "entry");
}

static void test_entry_below_kernel_start_rejected(void **state)
{
    struct elf_builder *b = *state;
    notes_basic(b);
    b->entry = N_KSTART - 1;         /* e_entry, no ENTRY note */
    eb_build(b);
    assert_rejected(b, "entry");
}

/*
 * VIRT_BASE 0xC0200000 above a kernel at 0xC0100000 (legacy, so the
 * paddr offset is VIRT_BASE too).  The parser may name either VIRT_BASE
 * or the paddr offset: with the offset equal to VIRT_BASE they are the
 * same rule.
 */
static void test_virt_base_above_kernel_start_rejected(void **state)
{
    struct elf_builder *b = *state;
    struct guest_params gp;
    legacy_image(b, "GUEST_OS=linux,XEN_VER=xen-3.0,VIRT_BASE=0xC0200000");
    eb_build(b);
    assert_int_equal(parse(b, &gp), -1);
    assert_true(err[0] != 0);
    if (!strstr(err, "VIRT_BASE") && !strstr(err, "paddr offset"))
        fail_msg("error \"%s\" names neither VIRT_BASE nor the paddr offset",
                 err);
}

/* ------------------------------------------------------- accept rules */

static void test_xen_ver_not_xen_3_0_rejected(void **state)
{
    struct elf_builder *b = *state;
    notes_segments(b);
    eb_note_string(b, XEN_ELFNOTE_GUEST_OS, "linux");
    eb_note_string(b, XEN_ELFNOTE_XEN_VERSION, "xen-3.1");
    eb_note_number(b, XEN_ELFNOTE_VIRT_BASE, N_VIRT_BASE, 4);
    eb_note_number(b, XEN_ELFNOTE_PADDR_OFFSET, N_PADDR_OFF, 4);
    eb_build(b);
    assert_rejected(b, "XEN_VER");
}

static void test_missing_xen_ver_rejected(void **state)
{
    struct elf_builder *b = *state;
    legacy_image(b, "GUEST_OS=linux,VIRT_BASE=0xC0000000,LOADER=generic");
    eb_build(b);
    assert_rejected(b, "XEN_VER");
}

static void test_loader_not_generic_and_os_not_linux_rejected(void **state)
{
    struct elf_builder *b = *state;
    notes_segments(b);
    eb_note_string(b, XEN_ELFNOTE_GUEST_OS, "Mini-OS");
    eb_note_string(b, XEN_ELFNOTE_XEN_VERSION, "xen-3.0");
    eb_note_string(b, XEN_ELFNOTE_LOADER, "elf");
    eb_note_number(b, XEN_ELFNOTE_VIRT_BASE, N_VIRT_BASE, 4);
    eb_note_number(b, XEN_ELFNOTE_PADDR_OFFSET, N_PADDR_OFF, 4);
    eb_build(b);
    assert_rejected(b, "LOADER");
}

static void test_pae_yes_rejected(void **state)
{
    struct elf_builder *b = *state;
    notes_segments(b);
    eb_note_defaults(b);
    eb_note_number(b, XEN_ELFNOTE_VIRT_BASE, N_VIRT_BASE, 4);
    eb_note_number(b, XEN_ELFNOTE_PADDR_OFFSET, N_PADDR_OFF, 4);
    eb_note_string(b, XEN_ELFNOTE_PAE_MODE, "yes");
    eb_build(b);
    assert_rejected(b, "PAE");
}

static void test_pae_mode_unknown_value_rejected(void **state)
{
    struct elf_builder *b = *state;
    notes_image(b);
    eb_note_string(b, XEN_ELFNOTE_PAE_MODE, "sometimes");
    eb_build(b);
    assert_rejected(b, "PAE_MODE");
}

static void test_required_feature_rejected(void **state)
{
    struct elf_builder *b = *state;
    notes_image(b);
    eb_note_string(b, XEN_ELFNOTE_FEATURES,
                   "writable_page_tables|!writable_descriptor_tables");
    eb_build(b);
    assert_rejected(b, "writable_descriptor_tables");
}

static void test_unknown_required_feature_rejected(void **state)
{
    struct elf_builder *b = *state;
    notes_image(b);
    eb_note_string(b, XEN_ELFNOTE_FEATURES, "!flying_pigs");
    eb_build(b);
    assert_rejected(b, "flying_pigs");
}

/* --------------------------------------------------------- note format */

static void test_numeric_note_of_three_bytes_rejected(void **state)
{
    struct elf_builder *b = *state;
    static const uint8_t three[3] = { 0x00, 0x00, 0xC0 };
    notes_segments(b);
    eb_note_defaults(b);
    eb_note_raw(b, "Xen", XEN_ELFNOTE_VIRT_BASE, three, sizeof(three));
    eb_build(b);
    assert_rejected(b, "4 or 8");
}

static void test_eight_byte_number_above_32_bits_rejected(void **state)
{
    struct elf_builder *b = *state;
    notes_segments(b);
    eb_note_defaults(b);
    eb_note_number(b, XEN_ELFNOTE_VIRT_BASE, 0x1C0000000ull, 8);
    eb_build(b);
    assert_rejected(b, "32 bits");
}

static void test_no_notes_and_no_xen_guest_rejected(void **state)
{
    struct elf_builder *b = *state;
    notes_segments(b);             /* sections, but only .shstrtab */
    eb_build(b);
    assert_rejected(b, "not a Xen guest");
}

static void test_no_section_headers_rejected(void **state)
{
    struct elf_builder *b = *state;
    notes_image(b);
    b->no_sections = 1;
    eb_build(b);
    assert_rejected(b, "not a Xen guest");
}

/* ---------------------------------------------------------- loading */

struct sink_call {
    int is_zero;
    uint32_t va, n;
    const uint8_t *src;
};

struct recording_sink {
    int n;
    struct sink_call call[16];
};

static void rec_write(void *ctx, uint32_t va, const void *src, uint32_t n)
{
    struct recording_sink *r = ctx;
    assert_true(r->n < 16);
    r->call[r->n++] = (struct sink_call){ 0, va, n, src };
}

static void rec_zero(void *ctx, uint32_t va, uint32_t n)
{
    struct recording_sink *r = ctx;
    assert_true(r->n < 16);
    r->call[r->n++] = (struct sink_call){ 1, va, n, NULL };
}

static void assert_file_bytes(struct elf_builder *b, int seg,
                              const struct sink_call *c, uint32_t len)
{
    assert_int_equal(c->is_zero, 0);
    assert_int_equal(c->n, len);
    assert_ptr_equal(c->src, b->image + b->seg_off[seg]);
    for (uint32_t k = 0; k < len; k++)
        if (c->src[k] != eb_seg_byte(seg, k))
            fail_msg("segment %d byte %#x: %#x, expected %#x", seg, k,
                     c->src[k], eb_seg_byte(seg, k));
}

static void test_load_writes_file_bytes_and_zeroes_bss(void **state)
{
    struct elf_builder *b = *state;
    struct guest_params gp;
    struct recording_sink r = { 0 };
    struct guest_image_sink sink = { &r, rec_write, rec_zero };
    notes_image(b);
    /* A third, bss-only segment right after segment 1. */
    eb_add_segment(b, PF_R | PF_W, 0xC0105000, 0x00205000, 0, 0x1000);
    eb_build(b);
    assert_accepted(b, &gp);
    assert_int_equal(gp.kern_end, 0xC0106000);
    guest_image_load(b->image, &gp, &sink);

    assert_int_equal(r.n, 4);
    /* Segment 0: all file, no bss. */
    assert_int_equal(r.call[0].va, 0xC0100000);
    assert_file_bytes(b, 0, &r.call[0], 0x2000);
    /* Segment 1: 0x800 file bytes, then 0x2800 zeroed. */
    assert_int_equal(r.call[1].va, 0xC0102000);
    assert_file_bytes(b, 1, &r.call[1], 0x800);
    assert_int_equal(r.call[2].is_zero, 1);
    assert_int_equal(r.call[2].va, 0xC0102800);
    assert_int_equal(r.call[2].n, 0x2800);
    /* Segment 2: nothing from the file, one page zeroed. */
    assert_int_equal(r.call[3].is_zero, 1);
    assert_int_equal(r.call[3].va, 0xC0105000);
    assert_int_equal(r.call[3].n, 0x1000);
}

static void test_load_legacy_uses_virt_base_as_paddr_offset(void **state)
{
    struct elf_builder *b = *state;
    struct guest_params gp;
    struct recording_sink r = { 0 };
    struct guest_image_sink sink = { &r, rec_write, rec_zero };
    legacy_image(b, LEGACY_GOOD);
    eb_build(b);
    assert_accepted(b, &gp);
    guest_image_load(b->image, &gp, &sink);
    assert_int_equal(r.n, 2);
    assert_int_equal(r.call[0].va, 0xC0100000);
    assert_file_bytes(b, 0, &r.call[0], 0x3000);
    assert_int_equal(r.call[1].is_zero, 1);
    assert_int_equal(r.call[1].va, 0xC0103000);
    assert_int_equal(r.call[1].n, 0x1000);
}

static void test_load_skips_read_only_segment(void **state)
{
    struct elf_builder *b = *state;
    struct guest_params gp;
    struct recording_sink r = { 0 };
    struct guest_image_sink sink = { &r, rec_write, rec_zero };
    notes_image(b);
    eb_add_segment(b, PF_R, 0xC0200000, 0x00300000, 0x400, 0x1000);
    eb_build(b);
    assert_accepted(b, &gp);
    guest_image_load(b->image, &gp, &sink);
    assert_int_equal(r.n, 3);       /* segments 0 and 1 only */
    for (int i = 0; i < r.n; i++)
        if (r.call[i].va >= N_KEND || r.call[i].va < N_KSTART)
            fail_msg("sink call %d at %#x, outside the kernel", i,
                     r.call[i].va);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_notes_image_parsed_with_every_field, setup, teardown),
        cmocka_unit_test_setup_teardown(test_notes_entry_defaults_to_e_entry, setup, teardown),
        cmocka_unit_test_setup_teardown(test_notes_entry_note_overrides_e_entry, setup, teardown),
        cmocka_unit_test_setup_teardown(test_notes_entry_note_of_zero_overrides_e_entry, setup, teardown),
        cmocka_unit_test_setup_teardown(test_notes_paddr_offset_defaults_to_zero, setup, teardown),
        cmocka_unit_test_setup_teardown(test_notes_eight_byte_numbers_accepted, setup, teardown),
        cmocka_unit_test_setup_teardown(test_notes_other_names_ignored, setup, teardown),
        cmocka_unit_test_setup_teardown(test_legacy_image_parsed_with_every_field, setup, teardown),
        cmocka_unit_test_setup_teardown(test_legacy_entry_defaults_to_e_entry, setup, teardown),
        cmocka_unit_test_setup_teardown(test_legacy_explicit_paddr_offset_used, setup, teardown),
        cmocka_unit_test_setup_teardown(test_legacy_mini_os_string_accepted, setup, teardown),
        cmocka_unit_test_setup_teardown(test_legacy_features_end_at_comma, setup, teardown),
        cmocka_unit_test_setup_teardown(test_notes_preferred_over_xen_guest, setup, teardown),
        cmocka_unit_test_setup_teardown(test_non_xen_notes_fall_back_to_xen_guest, setup, teardown),
        cmocka_unit_test_setup_teardown(test_segment_ending_at_hypervisor_start_accepted, setup, teardown),
        cmocka_unit_test_setup_teardown(test_entry_at_kernel_end_accepted, setup, teardown),
        cmocka_unit_test_setup_teardown(test_linux_without_loader_accepted, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pae_bimodal_accepted, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_optional_feature_accepted, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_only_segment_skipped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_legacy_paddr_offset_without_virt_base_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_legacy_bad_number_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_legacy_pae_yes_extended_cr3_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_file_shorter_than_elf_header_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_program_headers_past_end_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_image_cut_inside_program_headers_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_segment_file_data_past_end_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_section_headers_past_end_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_note_overrunning_its_section_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_note_section_shrunk_below_last_note_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_note_section_outside_image_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_magic_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_64bit_class_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_big_endian_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_shared_object_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_non_386_machine_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_program_headers_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_overlapping_segments_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bss_overlapping_next_segment_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_filesz_above_memsz_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_segment_reaching_hypervisor_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_segment_wrapping_32_bits_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_segment_size_wrapping_32_bits_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_segment_below_paddr_offset_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_loadable_segment_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_entry_past_kernel_end_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_entry_below_kernel_start_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_virt_base_above_kernel_start_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_xen_ver_not_xen_3_0_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_xen_ver_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_loader_not_generic_and_os_not_linux_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pae_yes_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pae_mode_unknown_value_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_required_feature_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_required_feature_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_numeric_note_of_three_bytes_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_eight_byte_number_above_32_bits_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_notes_and_no_xen_guest_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_section_headers_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_load_writes_file_bytes_and_zeroes_bss, setup, teardown),
        cmocka_unit_test_setup_teardown(test_load_legacy_uses_virt_base_as_paddr_offset, setup, teardown),
        cmocka_unit_test_setup_teardown(test_load_skips_read_only_segment, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
