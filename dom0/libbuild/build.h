/*
 * Building a PV domU from a kernel image in memory, the way Xen 3.0.4's
 * xc_linux_build does (ABI 9.4, 11.4, 11.5).
 *
 * The builder parses the image (guest_image.c), computes the bootstrap
 * layout (dom_layout.c), gives the domain its memory, writes the kernel,
 * initrd, P2M list, start_info and bootstrap page tables into the
 * domain's own frames through foreign mappings, pins the page tables,
 * fills the hypercall page and loads vCPU 0's context.  The domain is left
 * paused: the caller unpauses it (xc_domain_unpause) when it is ready,
 * e.g. after setting scheduler parameters or event channels up.
 */
#ifndef DOM0_LIBBUILD_BUILD_H
#define DOM0_LIBBUILD_BUILD_H
#include <stddef.h>
#include <stdint.h>
#include "dom0/libbuild/xc.h"
#include "hypervisor/include/guest_image.h"
#include "hypervisor/include/dom_layout.h"

struct domu_spec {
    domid_t domid;              /* an existing, empty domain, or 0: create one */
    const uint8_t *image;       /* the kernel's ELF image */
    size_t image_len;
    const uint8_t *initrd;      /* the initrd, or NULL */
    size_t initrd_len;
    uint32_t nr_pages;          /* the domain's memory, in 4 KB pages */
    const char *cmdline;        /* becomes start_info.cmd_line */
    xen_pfn_t *p2m;             /* caller's room for nr_pages entries */
};

/* What the builder chose; the caller needs domid, the rest is for checks. */
struct domu_built {
    domid_t domid;
    struct guest_params params;
    struct dom_layout layout;
    xen_pfn_t l2_mfn;           /* the pinned bootstrap L2 (CR3) */
    xen_pfn_t store_mfn, console_mfn;
    evtchn_port_t store_port, console_port;
};

/*
 * Build a domU as described by spec.  Returns 0 with *out filled and the
 * domain paused, or -1 with the reason in err (if errlen > 0); on failure
 * a domain the builder created is destroyed again.
 */
int xc_build_domu(const struct xc_ops *x, const struct domu_spec *spec,
                  struct domu_built *out, char *err, size_t errlen);
#endif
