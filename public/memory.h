/*
 * memory_op(cmd, arg): give memory back, take more, and learn about the
 * machine's memory.
 *
 * Bits 3:0 of cmd select the XENMEM_* sub-op; bits 31:4 are for the
 * hypervisor's own continuations and a guest passes 0 there.  The
 * reservation ops report partial failure only as a short count.  A domid
 * other than DOMID_SELF needs privilege.
 */
#ifndef XEN_PUBLIC_MEMORY_H
#define XEN_PUBLIC_MEMORY_H

#include <stdint.h>
#include "xen.h"

#define XENMEM_increase_reservation   0  /* xen_memory_reservation: returns extents done */
#define XENMEM_decrease_reservation   1  /* xen_memory_reservation: returns extents done */
#define XENMEM_maximum_ram_page       2  /* NULL: returns the highest machine frame number */
#define XENMEM_current_reservation    3  /* domid_t *: returns the domain's pages */
#define XENMEM_maximum_reservation    4  /* domid_t *: returns the domain's page limit */
#define XENMEM_machphys_mfn_list      5  /* xen_machphys_mfn_list */
#define XENMEM_populate_physmap       6  /* xen_memory_reservation: returns extents done */
#define XENMEM_add_to_physmap         7  /* xen_add_to_physmap (translated guests) */
#define XENMEM_translate_gpfn_list    8  /* xen_translate_gpfn_list (translated guests) */
#define XENMEM_memory_map             9  /* xen_memory_map: the caller's own E820 map */
#define XENMEM_machine_memory_map    10  /* xen_memory_map: the machine's E820 map; privileged */
#define XENMEM_exchange              11  /* xen_memory_exchange */
#define XENMEM_machphys_mapping      12  /* xen_machphys_mapping */
#define XENMEM_set_memory_map        13  /* xen_foreign_memory_map; privileged */

/*
 * struct xen_memory_reservation (20 bytes): a batch of extents, each
 * 2^extent_order pages.  The caller fills it.
 *   increase_reservation: extent_start receives the new MFNs (may be NULL).
 *   decrease_reservation: extent_start holds the GMFNs to give back.
 *   populate_physmap: extent_start holds GPFNs on input and receives the
 *     GMFNs on output; the hypervisor also sets the M2P entries.
 */
struct xen_memory_reservation {
    XEN_GUEST_HANDLE(xen_pfn_t) extent_start;
    xen_ulong_t nr_extents;
    uint32_t extent_order;
    uint32_t address_bits;  /* non-zero: frames must lie below 2^address_bits */
    domid_t  domid;
};
typedef struct xen_memory_reservation xen_memory_reservation_t;
DEFINE_XEN_GUEST_HANDLE(xen_memory_reservation_t);

/*
 * struct xen_memory_exchange (44 bytes): give up the `in` extents and get
 * the `out` ones in their place, all or nothing.  nr_exchanged is 0 on
 * input; the hypervisor counts completed input extents in it.
 */
struct xen_memory_exchange {
    struct xen_memory_reservation in;
    struct xen_memory_reservation out;
    xen_ulong_t nr_exchanged;
};
typedef struct xen_memory_exchange xen_memory_exchange_t;
DEFINE_XEN_GUEST_HANDLE(xen_memory_exchange_t);

/*
 * struct xen_machphys_mfn_list (12 bytes): the MFNs that back the M2P,
 * one per 2 MiB of it, written by the hypervisor into extent_start.
 */
struct xen_machphys_mfn_list {
    uint32_t max_extents;   /* in: room in extent_start */
    XEN_GUEST_HANDLE(xen_pfn_t) extent_start;
    uint32_t nr_extents;    /* out */
};
typedef struct xen_machphys_mfn_list xen_machphys_mfn_list_t;
DEFINE_XEN_GUEST_HANDLE(xen_machphys_mfn_list_t);

/*
 * struct xen_machphys_mapping (12 bytes): where the read-only M2P is
 * mapped and the largest MFN it covers.  Written by the hypervisor.
 */
struct xen_machphys_mapping {
    xen_ulong_t v_start, v_end;     /* MACH2PHYS_VIRT_START / _END */
    xen_ulong_t max_mfn;
};
typedef struct xen_machphys_mapping xen_machphys_mapping_t;
DEFINE_XEN_GUEST_HANDLE(xen_machphys_mapping_t);

/* xen_add_to_physmap.space. */
#define XENMAPSPACE_shared_info  0  /* the shared_info page */
#define XENMAPSPACE_grant_table  1  /* grant table frame idx */

/*
 * struct xen_add_to_physmap (16 bytes): put a hypervisor-owned page at a
 * GPFN of a translated guest.
 */
struct xen_add_to_physmap {
    domid_t  domid;
    uint32_t space;         /* XENMAPSPACE_* */
    xen_ulong_t idx;        /* which page of that space */
    xen_pfn_t gpfn;         /* where to put it */
};
typedef struct xen_add_to_physmap xen_add_to_physmap_t;
DEFINE_XEN_GUEST_HANDLE(xen_add_to_physmap_t);

/*
 * struct xen_translate_gpfn_list (16 bytes): look up the MFNs behind a
 * translated guest's GPFNs.
 */
struct xen_translate_gpfn_list {
    domid_t  domid;
    xen_ulong_t nr_gpfns;
    XEN_GUEST_HANDLE(xen_pfn_t) gpfn_list;  /* in */
    XEN_GUEST_HANDLE(xen_pfn_t) mfn_list;   /* out */
};
typedef struct xen_translate_gpfn_list xen_translate_gpfn_list_t;
DEFINE_XEN_GUEST_HANDLE(xen_translate_gpfn_list_t);

/*
 * struct xen_memory_map (8 bytes): an E820-style map.  The caller gives
 * the buffer size in entries; the hypervisor fills the buffer and sets
 * nr_entries to the number used.
 */
struct xen_memory_map {
    uint32_t nr_entries;
    XEN_GUEST_HANDLE(void) buffer;  /* array of 20-byte E820 entries */
};
typedef struct xen_memory_map xen_memory_map_t;
DEFINE_XEN_GUEST_HANDLE(xen_memory_map_t);

/*
 * struct xen_foreign_memory_map (12 bytes): set the memory map that
 * XENMEM_memory_map will report to domain domid.
 */
struct xen_foreign_memory_map {
    domid_t domid;
    struct xen_memory_map map;
};
typedef struct xen_foreign_memory_map xen_foreign_memory_map_t;
DEFINE_XEN_GUEST_HANDLE(xen_foreign_memory_map_t);

#endif /* XEN_PUBLIC_MEMORY_H */
