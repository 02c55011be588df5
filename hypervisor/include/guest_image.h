/*
 * Reading a PV guest kernel image, as Xen 3.0.4's loaders do (ABI 11.1-
 * 11.3): an ELF32 i386 executable whose parameters come from "Xen" ELF
 * notes or, failing that, the __xen_guest section string.
 *
 * Pure code over a byte buffer: built into the hypervisor (dom0 builder)
 * and into host unit tests.  Every check that fails names the problem in
 * the caller's error buffer.
 */
#ifndef HV_GUEST_IMAGE_H
#define HV_GUEST_IMAGE_H
#include <stddef.h>
#include <stdint.h>

#define GI_STR 64

enum guest_pae { GUEST_PAE_NO, GUEST_PAE_YES, GUEST_PAE_BIMODAL };

struct guest_params {
    int from_notes;                 /* 1: ELF notes; 0: __xen_guest */
    char guest_os[GI_STR], guest_ver[GI_STR], xen_ver[GI_STR];
    char loader[GI_STR], features[GI_STR * 2];
    uint32_t virt_base;             /* VA of pseudo-physical 0 */
    uint32_t paddr_offset;          /* subtracted from p_paddr */
    uint32_t entry;                 /* virtual entry point */
    int has_entry;                  /* entry given by ENTRY / VIRT_ENTRY */
    uint32_t hypercall_page;        /* VA, valid if has_hypercall_page */
    int has_hypercall_page;
    enum guest_pae pae;
    int bsd_symtab;
    uint32_t features_required;     /* XENFEAT bits marked with '!' */
    uint32_t features_wanted;       /* XENFEAT bits listed without '!' */
    /* Where the loadable segments go (virtual, end exclusive). */
    uint32_t kern_start, kern_end;
};

/*
 * Parse and check image[0..len).  Returns 0 with *gp filled, or -1 with a
 * description in err (if errlen > 0).  Checks the ELF header and every
 * header it uses against len, that loadable segments do not overlap or
 * wrap and end below the hypervisor, the entry point, the XEN_VER and
 * LOADER/GUEST_OS rules, PAE, and required features (we provide none).
 */
int guest_image_parse(const uint8_t *image, size_t len,
                      struct guest_params *gp, char *err, size_t errlen);

/*
 * Copy the loadable segments of a parsed image to their virtual addresses
 * (file part) and zero the rest of each segment, through the caller's
 * write(ctx, va, src, n) and zero(ctx, va, n).
 */
struct guest_image_sink {
    void *ctx;
    void (*write)(void *ctx, uint32_t va, const void *src, uint32_t n);
    void (*zero)(void *ctx, uint32_t va, uint32_t n);
};
void guest_image_load(const uint8_t *image, const struct guest_params *gp,
                      const struct guest_image_sink *sink);
#endif
