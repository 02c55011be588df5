/*
 * sysctl (#35): system-wide queries and control, used by dom0's tools.
 *
 * The caller (privileged) fills struct xen_sysctl: cmd, interface_version
 * = XEN_SYSCTL_INTERFACE_VERSION, and the payload in u; the hypervisor
 * writes results back into it and returns 0 or -errno (-EPERM
 * unprivileged, -EACCES on a version mismatch).
 */
#ifndef XEN_PUBLIC_SYSCTL_H
#define XEN_PUBLIC_SYSCTL_H

#include <stdint.h>
#include "xen.h"
#include "domctl.h"

#define XEN_SYSCTL_INTERFACE_VERSION 0x00000002

/*
 * XEN_SYSCTL_readconsole (12 bytes): copy out the hypervisor's console
 * history.
 */
#define XEN_SYSCTL_readconsole 1
struct xen_sysctl_readconsole {
    uint32_t clear;                 /* in: non-zero empties the buffer afterwards */
    XEN_GUEST_HANDLE(char) buffer;  /* out: the text */
    uint32_t count;                 /* in: buffer size; out: bytes written */
};
typedef struct xen_sysctl_readconsole xen_sysctl_readconsole_t;

/* Trace buffer control; payload not described here. */
#define XEN_SYSCTL_tbuf_op 2

/* XEN_SYSCTL_physinfo (76 bytes): the machine, written by the hypervisor. */
#define XEN_SYSCTL_physinfo 3
struct xen_sysctl_physinfo {
    uint32_t threads_per_core;
    uint32_t cores_per_socket;
    uint32_t sockets_per_node;
    uint32_t nr_nodes;
    uint32_t cpu_khz;
    uint64_t total_pages;           /* machine RAM pages */
    uint64_t free_pages;            /* not owned by any domain */
    uint64_t scrub_pages;           /* freed but not yet zeroed */
    uint32_t hw_cap[8];             /* CPUID feature words */
};
typedef struct xen_sysctl_physinfo xen_sysctl_physinfo_t;

/* XEN_SYSCTL_sched_id (4 bytes): which scheduler runs (XEN_SCHEDULER_*). */
#define XEN_SYSCTL_sched_id 4
struct xen_sysctl_sched_id {
    uint32_t sched_id;              /* out */
};
typedef struct xen_sysctl_sched_id xen_sysctl_sched_id_t;

/* Performance counters; payload not described here. */
#define XEN_SYSCTL_perfc_op 5

/*
 * XEN_SYSCTL_getdomaininfolist (16 bytes): getdomaininfo for several
 * domains, in id order, starting at first_domain.
 */
#define XEN_SYSCTL_getdomaininfolist 6
struct xen_sysctl_getdomaininfolist {
    domid_t  first_domain;          /* in */
    uint32_t max_domains;           /* in: room in buffer */
    XEN_GUEST_HANDLE(xen_domctl_getdomaininfo_t) buffer; /* out */
    uint32_t num_domains;           /* out: entries written */
};
typedef struct xen_sysctl_getdomaininfolist xen_sysctl_getdomaininfolist_t;

/* struct xen_sysctl (136 bytes): the sysctl argument. */
struct xen_sysctl {
    uint32_t cmd;                   /* XEN_SYSCTL_* */
    uint32_t interface_version;     /* XEN_SYSCTL_INTERFACE_VERSION */
    union {
        struct xen_sysctl_readconsole       readconsole;
        struct xen_sysctl_physinfo          physinfo;
        struct xen_sysctl_sched_id          sched_id;
        struct xen_sysctl_getdomaininfolist getdomaininfolist;
        uint8_t                             pad[128];
    } u;
};
typedef struct xen_sysctl xen_sysctl_t;
DEFINE_XEN_GUEST_HANDLE(xen_sysctl_t);

#endif /* XEN_PUBLIC_SYSCTL_H */
