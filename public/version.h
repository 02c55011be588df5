/*
 * xen_version(cmd, arg): who the hypervisor is and what it offers.
 *
 * The guest passes a buffer of the command's type; the hypervisor fills
 * it.  Returns 0 (or the value noted) or -errno; unknown commands give
 * -ENOSYS.
 */
#ifndef XEN_PUBLIC_VERSION_H
#define XEN_PUBLIC_VERSION_H

#include <stdint.h>
#include "xen.h"

/* arg NULL.  Returns (major << 16) | minor. */
#define XENVER_version      0

/* arg xen_extraversion_t: version suffix, e.g. "-unstable". */
#define XENVER_extraversion 1
typedef char xen_extraversion_t[16];
#define XEN_EXTRAVERSION_LEN (sizeof(xen_extraversion_t))

/* arg xen_compile_info_t: how the hypervisor was built. */
#define XENVER_compile_info 2
struct xen_compile_info {
    char compiler[64];
    char compile_by[16];
    char compile_domain[32];
    char compile_date[32];
};
typedef struct xen_compile_info xen_compile_info_t;

/*
 * arg xen_capabilities_info_t: space-separated guest types the hypervisor
 * can run, e.g. "xen-3.0-x86_32".
 */
#define XENVER_capabilities 3
typedef char xen_capabilities_info_t[1024];
#define XEN_CAPABILITIES_INFO_LEN (sizeof(xen_capabilities_info_t))

/* arg xen_changeset_info_t: source revision the hypervisor was built from. */
#define XENVER_changeset 4
typedef char xen_changeset_info_t[64];
#define XEN_CHANGESET_INFO_LEN (sizeof(xen_changeset_info_t))

/* arg xen_platform_parameters_t: start of the hypervisor's hole. */
#define XENVER_platform_parameters 5
struct xen_platform_parameters {
    xen_ulong_t virt_start;     /* HYPERVISOR_VIRT_START */
};
typedef struct xen_platform_parameters xen_platform_parameters_t;

/*
 * arg struct xen_feature_info: one 32-bit word of XENFEAT_* bits.  The
 * guest sets submap_idx; the hypervisor fills submap.  Only index 0
 * exists (-EINVAL for others).
 */
#define XENVER_get_features 6
struct xen_feature_info {
    uint32_t submap_idx;    /* in: which word */
    uint32_t submap;        /* out: feature bits 32*idx .. 32*idx+31 */
};
typedef struct xen_feature_info xen_feature_info_t;

/* arg NULL.  Returns the page size, 4096. */
#define XENVER_pagesize 7

/* arg xen_domain_handle_t: the caller's domain UUID. */
#define XENVER_guest_handle 8

/*
 * Feature bits (submap 0).  The hypervisor reports them; a guest may also
 * demand them in its image (XEN_ELFNOTE_FEATURES).  A plain non-PAE
 * paravirtual guest sees none of them set.
 */
#define XENFEAT_writable_page_tables       0  /* page tables may be written directly */
#define XENFEAT_writable_descriptor_tables 1  /* GDT/LDT may be written directly */
#define XENFEAT_auto_translated_physmap    2  /* the hypervisor translates PFNs to MFNs */
#define XENFEAT_supervisor_mode_kernel     3  /* the guest kernel runs in ring 0 */
#define XENFEAT_pae_pgdir_above_4gb        4  /* PAE page directories may live above 4 GiB */

#define XENFEAT_NR_SUBMAPS 1

#endif /* XEN_PUBLIC_VERSION_H */
