/*
 * Grant tables (version 1): how one domain lets another use its pages.
 *
 * Each domain has a table of grant entries in pages that the hypervisor
 * owns and shares writable with it (GNTTABOP_setup_table returns their
 * MFNs; the guest maps them itself).  Grant reference `ref` is entry
 * `ref` of the table.  The granting domain fills an entry to offer a
 * frame (permit_access) or to accept one (accept_transfer); the grantee
 * then names (granter, ref) in grant_table_op calls.
 *
 * grant_table_op(cmd, ops, count): ops is an array of count structs of
 * the command's type (count <= 512).  Each op reports in its own status
 * field (GNTST_*); the hypercall itself returns 0 or -errno.
 */
#ifndef XEN_PUBLIC_GRANT_TABLE_H
#define XEN_PUBLIC_GRANT_TABLE_H

#include <stdint.h>
#include "xen.h"

typedef uint32_t grant_ref_t;       /* index into the granter's table */
typedef uint32_t grant_handle_t;    /* names one mapping, for the unmap */

/*
 * struct grant_entry (8 bytes).
 *
 * To grant: write domid and frame, issue a write barrier, then write
 * flags.  To revoke permit_access: compare-and-swap flags to 0 while
 * GTF_reading and GTF_writing are clear.  To revoke accept_transfer:
 * compare-and-swap flags to 0 unless GTF_transfer_committed is set; if
 * it is, wait for GTF_transfer_completed.
 */
struct grant_entry {
    uint16_t flags;     /* GTF_*: written by the granter and the hypervisor */
    domid_t  domid;     /* granter: the domain allowed to use this entry */
    uint32_t frame;     /* granter: MFN offered (permit_access), or
                           hypervisor: MFN received (accept_transfer) */
};
typedef struct grant_entry grant_entry_t;

/* Entry type, in flags bits 1:0. */
#define GTF_invalid         0   /* no grant */
#define GTF_permit_access   1   /* domid may map / copy frame */
#define GTF_accept_transfer 2   /* domid may hand us a page; its MFN lands in frame */
#define GTF_type_mask       3

/* Flags for permit_access entries. */
#define _GTF_readonly       2
#define GTF_readonly        (1U << _GTF_readonly)  /* granter: grantee may only read */
#define _GTF_reading        3
#define GTF_reading         (1U << _GTF_reading)   /* hypervisor: mapped/copied for reading now */
#define _GTF_writing        4
#define GTF_writing         (1U << _GTF_writing)   /* hypervisor: mapped/copied for writing now */

/* Flags for accept_transfer entries (set by the hypervisor). */
#define _GTF_transfer_committed 2
#define GTF_transfer_committed  (1U << _GTF_transfer_committed) /* in progress: hands off */
#define _GTF_transfer_completed 3
#define GTF_transfer_completed  (1U << _GTF_transfer_completed) /* frame is now valid */

/* grant_table_op commands. */
#define GNTTABOP_map_grant_ref    0
#define GNTTABOP_unmap_grant_ref  1
#define GNTTABOP_setup_table      2
#define GNTTABOP_dump_table       3
#define GNTTABOP_transfer         4
#define GNTTABOP_copy             5
/*
 * query_size is not part of the 3.0.4 interface: Xen added it later with
 * this number and layout, and we provide it as Xen does.
 */
#define GNTTABOP_query_size       6

/* map_grant_ref.flags. */
#define _GNTMAP_device_map      0
#define GNTMAP_device_map       (1U << _GNTMAP_device_map)      /* return a bus address */
#define _GNTMAP_host_map        1
#define GNTMAP_host_map         (1U << _GNTMAP_host_map)        /* map into the caller's page tables */
#define _GNTMAP_readonly        2
#define GNTMAP_readonly         (1U << _GNTMAP_readonly)        /* map read-only */
#define _GNTMAP_application_map 3
#define GNTMAP_application_map  (1U << _GNTMAP_application_map) /* user-accessible mapping */
#define _GNTMAP_contains_pte    4
#define GNTMAP_contains_pte     (1U << _GNTMAP_contains_pte)    /* host_addr is a PTE's machine address */

/* Per-op status codes. */
#define GNTST_okay                0
#define GNTST_general_error     (-1)
#define GNTST_bad_domain        (-2)   /* no such domain */
#define GNTST_bad_gntref        (-3)   /* reference out of range or not granted to us */
#define GNTST_bad_handle        (-4)   /* unknown mapping handle */
#define GNTST_bad_virt_addr     (-5)   /* unusable host_addr */
#define GNTST_bad_dev_addr      (-6)   /* unusable dev_bus_addr */
#define GNTST_no_device_space   (-7)   /* out of device mapping space */
#define GNTST_permission_denied (-8)
#define GNTST_bad_page          (-9)   /* bad page for transfer */
#define GNTST_bad_copy_arg     (-10)   /* copy would cross a page boundary */

/*
 * GNTTABOP_map_grant_ref (32 bytes): map a frame another domain granted.
 * The grantee fills the inputs; the hypervisor fills status, handle and
 * (for device_map) dev_bus_addr.  Keep the handle for the unmap.
 */
struct gnttab_map_grant_ref {
    uint64_t host_addr;     /* in: VA to map at, or PTE machine address (contains_pte) */
    uint32_t flags;         /* in: GNTMAP_* */
    grant_ref_t ref;        /* in: entry in dom's table */
    domid_t  dom;           /* in: the granting domain */
    int16_t  status;        /* out: GNTST_* */
    grant_handle_t handle;  /* out */
    uint64_t dev_bus_addr;  /* out: bus address, for device_map */
};
typedef struct gnttab_map_grant_ref gnttab_map_grant_ref_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_map_grant_ref_t);

/* GNTTABOP_unmap_grant_ref (24 bytes): undo a map_grant_ref. */
struct gnttab_unmap_grant_ref {
    uint64_t host_addr;     /* in: as given to the map, or 0 */
    uint64_t dev_bus_addr;  /* in: as returned by the map, or 0 */
    grant_handle_t handle;  /* in: from the map */
    int16_t  status;        /* out: GNTST_* */
};
typedef struct gnttab_unmap_grant_ref gnttab_unmap_grant_ref_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_unmap_grant_ref_t);

/*
 * GNTTABOP_setup_table (16 bytes): size a domain's grant table (at most 4
 * frames here) and learn its frames.  count must be 1.  A dom other than
 * DOMID_SELF needs privilege.
 */
/*
 * GNTTABOP_query_size: how many table frames dom has and may have.
 * Written by the hypervisor (all but dom); dom other than DOMID_SELF needs
 * privilege.
 */
struct gnttab_query_size {
    domid_t  dom;           /* in */
    uint32_t nr_frames;     /* out: frames set up */
    uint32_t max_nr_frames; /* out: at most this many */
    int16_t  status;        /* out: GNTST_* */
};
typedef struct gnttab_query_size gnttab_query_size_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_query_size_t);

struct gnttab_setup_table {
    domid_t  dom;           /* in */
    uint32_t nr_frames;     /* in: frames wanted */
    int16_t  status;        /* out: GNTST_* */
    XEN_GUEST_HANDLE(xen_pfn_t) frame_list; /* out: nr_frames MFNs */
};
typedef struct gnttab_setup_table gnttab_setup_table_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_setup_table_t);

/* GNTTABOP_dump_table (4 bytes): print a table on the console (debug). */
struct gnttab_dump_table {
    domid_t dom;            /* in */
    int16_t status;         /* out: GNTST_* */
};
typedef struct gnttab_dump_table gnttab_dump_table_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_dump_table_t);

/*
 * GNTTABOP_transfer (16 bytes): give one of our pages to a domain that
 * offered an accept_transfer entry.  The page is gone from the caller
 * even if the transfer fails, unless status is GNTST_bad_page.
 */
struct gnttab_transfer {
    xen_pfn_t mfn;          /* in: our frame to give away */
    domid_t  domid;         /* in: receiver */
    grant_ref_t ref;        /* in: receiver's accept_transfer entry */
    int16_t  status;        /* out: GNTST_* */
};
typedef struct gnttab_transfer gnttab_transfer_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_transfer_t);

/* gnttab_copy.flags: which side is named by a grant reference. */
#define _GNTCOPY_source_gref  0
#define GNTCOPY_source_gref   (1U << _GNTCOPY_source_gref)
#define _GNTCOPY_dest_gref    1
#define GNTCOPY_dest_gref     (1U << _GNTCOPY_dest_gref)

/*
 * GNTTABOP_copy (24 bytes): copy bytes between frames without mapping
 * them.  Each side is a grant reference (flag set) or one of the caller's
 * own GMFNs (flag clear).  Neither side may cross a page boundary.
 */
struct gnttab_copy {
    struct {
        union {
            grant_ref_t ref;
            xen_pfn_t   gmfn;
        } u;
        domid_t  domid;
        uint16_t offset;    /* byte offset within the frame */
    } source, dest;
    uint16_t len;           /* bytes to copy */
    uint16_t flags;         /* GNTCOPY_* */
    int16_t  status;        /* out: GNTST_* */
};
typedef struct gnttab_copy gnttab_copy_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_copy_t);

#endif /* XEN_PUBLIC_GRANT_TABLE_H */
