/*
 * domctl (#36): per-domain control, used by dom0's tools.
 *
 * The caller (privileged) fills struct xen_domctl: cmd, interface_version
 * = XEN_DOMCTL_INTERFACE_VERSION, the target domain, and the payload for
 * cmd in u.  The hypervisor acts, writes any results back into the same
 * struct, and returns 0 or -errno (-EPERM unprivileged, -EACCES on a
 * version mismatch).  Offsets of payloads are relative to u.
 */
#ifndef XEN_PUBLIC_DOMCTL_H
#define XEN_PUBLIC_DOMCTL_H

#include <stdint.h>
#include "xen.h"

#define XEN_DOMCTL_INTERFACE_VERSION 0x00000004

/* A bitmap of physical CPUs held in caller memory. */
struct xenctl_cpumap {
    XEN_GUEST_HANDLE(uint8_t) bitmap;
    uint32_t nr_cpus;           /* bits in the bitmap */
};

/*
 * XEN_DOMCTL_createdomain (24 bytes): make an empty, paused domain with no
 * vCPUs.  xen_domctl.domain = 0 lets the hypervisor pick a free id;
 * otherwise it must be free and below DOMID_FIRST_RESERVED.  The id used
 * comes back in xen_domctl.domain.
 */
#define XEN_DOMCTL_createdomain 1
#define _XEN_DOMCTL_CDF_hvm_guest 0
#define XEN_DOMCTL_CDF_hvm_guest  (1U << _XEN_DOMCTL_CDF_hvm_guest)
struct xen_domctl_createdomain {
    uint32_t ssidref;               /* security label */
    xen_domain_handle_t handle;     /* UUID */
    uint32_t flags;                 /* XEN_DOMCTL_CDF_* */
};
typedef struct xen_domctl_createdomain xen_domctl_createdomain_t;

/* No payload.  Not allowed on the caller itself. */
#define XEN_DOMCTL_destroydomain 2
#define XEN_DOMCTL_pausedomain   3
/* No payload.  vCPU 0 must have been given a context (-EINVAL). */
#define XEN_DOMCTL_unpausedomain 4

/*
 * XEN_DOMCTL_getdomaininfo (68 bytes): report on the first domain whose
 * id is >= xen_domctl.domain (-ESRCH if none).  All fields are outputs.
 */
#define XEN_DOMCTL_getdomaininfo 5
#define _XEN_DOMINF_dying     0
#define XEN_DOMINF_dying      (1U << _XEN_DOMINF_dying)     /* being destroyed */
#define _XEN_DOMINF_hvm_guest 1
#define XEN_DOMINF_hvm_guest  (1U << _XEN_DOMINF_hvm_guest) /* fully virtualised */
#define _XEN_DOMINF_shutdown  2
#define XEN_DOMINF_shutdown   (1U << _XEN_DOMINF_shutdown)  /* shut down; reason below */
#define _XEN_DOMINF_paused    3
#define XEN_DOMINF_paused     (1U << _XEN_DOMINF_paused)    /* paused by the tools */
#define _XEN_DOMINF_blocked   4
#define XEN_DOMINF_blocked    (1U << _XEN_DOMINF_blocked)   /* every online vCPU blocked */
#define _XEN_DOMINF_running   5
#define XEN_DOMINF_running    (1U << _XEN_DOMINF_running)   /* some vCPU running */
#define XEN_DOMINF_CPUMASK       255    /* bits 15:8: a CPU (not filled in) */
#define XEN_DOMINF_CPUSHIFT        8
#define XEN_DOMINF_SHUTDOWNMASK  255    /* bits 23:16: SHUTDOWN_* reason */
#define XEN_DOMINF_SHUTDOWNSHIFT  16
struct xen_domctl_getdomaininfo {
    domid_t  domain;                /* the domain actually reported */
    uint32_t flags;                 /* XEN_DOMINF_* */
    uint64_t tot_pages;             /* pages owned */
    uint64_t max_pages;             /* page limit */
    uint64_t shared_info_frame;     /* MFN of its shared_info */
    uint64_t cpu_time;              /* ns of CPU used, all vCPUs */
    uint32_t nr_online_vcpus;
    uint32_t max_vcpu_id;           /* highest vCPU id created */
    uint32_t ssidref;
    xen_domain_handle_t handle;
};
typedef struct xen_domctl_getdomaininfo xen_domctl_getdomaininfo_t;
DEFINE_XEN_GUEST_HANDLE(xen_domctl_getdomaininfo_t);

/*
 * XEN_DOMCTL_getmemlist (28 bytes): the domain's MFNs in allocation order
 * (not PFN order).
 */
#define XEN_DOMCTL_getmemlist 6
struct xen_domctl_getmemlist {
    uint64_t max_pfns;              /* in: room in buffer */
    uint64_t start_pfn;             /* in: ignored */
    XEN_GUEST_HANDLE(xen_pfn_t) buffer; /* out: MFNs */
    uint64_t num_pfns;              /* out: entries written */
};
typedef struct xen_domctl_getmemlist xen_domctl_getmemlist_t;

/*
 * Page-frame type codes, in bits 31:28 of getpageframeinfo results.  These
 * are report codes, not the hypervisor's own type encoding.
 */
#define XEN_DOMCTL_PFINFO_NOTAB         (0x0U << 28)  /* not a page table */
#define XEN_DOMCTL_PFINFO_L1TAB         (0x1U << 28)
#define XEN_DOMCTL_PFINFO_L2TAB         (0x2U << 28)
#define XEN_DOMCTL_PFINFO_L3TAB         (0x3U << 28)
#define XEN_DOMCTL_PFINFO_L4TAB         (0x4U << 28)
#define XEN_DOMCTL_PFINFO_LTABTYPE_MASK (0x7U << 28)
#define XEN_DOMCTL_PFINFO_LPINTAB       (0x1U << 31)  /* pinned */
#define XEN_DOMCTL_PFINFO_XTAB          (0xfU << 28)  /* invalid frame */
#define XEN_DOMCTL_PFINFO_LTAB_MASK     (0xfU << 28)

/* XEN_DOMCTL_getpageframeinfo (12 bytes): the type of one frame. */
#define XEN_DOMCTL_getpageframeinfo 7
struct xen_domctl_getpageframeinfo {
    uint64_t gmfn;                  /* in */
    uint32_t type;                  /* out: XEN_DOMCTL_PFINFO_* */
};
typedef struct xen_domctl_getpageframeinfo xen_domctl_getpageframeinfo_t;

/*
 * XEN_DOMCTL_getpageframeinfo2 (12 bytes): the types of many frames.  The
 * array holds MFNs on input; the hypervisor ORs the type codes in.
 */
#define XEN_DOMCTL_getpageframeinfo2 8
struct xen_domctl_getpageframeinfo2 {
    uint64_t num;                   /* in: entries in array */
    XEN_GUEST_HANDLE(xen_ulong_t) array;
};
typedef struct xen_domctl_getpageframeinfo2 xen_domctl_getpageframeinfo2_t;

/* XEN_DOMCTL_set/getvcpuaffinity (12 bytes): CPUs a vCPU may run on. */
#define XEN_DOMCTL_setvcpuaffinity  9
#define XEN_DOMCTL_getvcpuaffinity 25
struct xen_domctl_vcpuaffinity {
    uint32_t vcpu;                  /* in */
    struct xenctl_cpumap cpumap;    /* in (set) or out (get) */
};
typedef struct xen_domctl_vcpuaffinity xen_domctl_vcpuaffinity_t;

/* XEN_DOMCTL_shadow_op (32 bytes): shadow paging control (unused here). */
#define XEN_DOMCTL_shadow_op 10
struct xen_domctl_shadow_op_stats {
    uint32_t fault_count;
    uint32_t dirty_count;
};
typedef struct xen_domctl_shadow_op_stats xen_domctl_shadow_op_stats_t;
struct xen_domctl_shadow_op {
    uint32_t op;
    uint32_t mode;
    uint32_t mb;                    /* shadow memory, MiB */
    XEN_GUEST_HANDLE(xen_ulong_t) dirty_bitmap;
    uint64_t pages;
    struct xen_domctl_shadow_op_stats stats;
};
typedef struct xen_domctl_shadow_op xen_domctl_shadow_op_t;

/*
 * XEN_DOMCTL_max_mem (8 bytes): set the page limit to max_memkb / 4.
 * It may not drop below the pages already owned (-EINVAL).
 */
#define XEN_DOMCTL_max_mem 11
struct xen_domctl_max_mem {
    uint64_t max_memkb;
};
typedef struct xen_domctl_max_mem xen_domctl_max_mem_t;

/*
 * XEN_DOMCTL_set/getvcpucontext (8 bytes): load or read a vCPU's full
 * state.  set needs the vCPU to exist (see max_vcpus); get returns
 * -ENODATA for a vCPU never given a context.
 */
#define XEN_DOMCTL_setvcpucontext 12
#define XEN_DOMCTL_getvcpucontext 13
struct xen_domctl_vcpucontext {
    uint32_t vcpu;                  /* in */
    XEN_GUEST_HANDLE(vcpu_guest_context_t) ctxt;
};
typedef struct xen_domctl_vcpucontext xen_domctl_vcpucontext_t;

/* XEN_DOMCTL_getvcpuinfo (20 bytes): the state of one vCPU. */
#define XEN_DOMCTL_getvcpuinfo 14
struct xen_domctl_getvcpuinfo {
    uint32_t vcpu;                  /* in */
    uint8_t  online;                /* out: up */
    uint8_t  blocked;               /* out: waiting for an event */
    uint8_t  running;               /* out: on a CPU now */
    uint64_t cpu_time;              /* out: ns used */
    uint32_t cpu;                   /* out: physical CPU last run on */
};
typedef struct xen_domctl_getvcpuinfo xen_domctl_getvcpuinfo_t;

/*
 * XEN_DOMCTL_max_vcpus (4 bytes): create vCPUs 0..max-1.  The count can
 * only grow.
 */
#define XEN_DOMCTL_max_vcpus 15
struct xen_domctl_max_vcpus {
    uint32_t max;
};
typedef struct xen_domctl_max_vcpus xen_domctl_max_vcpus_t;

/* Scheduler ids (also returned by XEN_SYSCTL_sched_id). */
#define XEN_SCHEDULER_SEDF   4
#define XEN_SCHEDULER_CREDIT 5

/* scheduler_op.cmd. */
#define XEN_DOMCTL_SCHEDOP_putinfo 0
#define XEN_DOMCTL_SCHEDOP_getinfo 1

/*
 * XEN_DOMCTL_scheduler_op (40 bytes): read or set the domain's parameters
 * for the running scheduler.
 */
#define XEN_DOMCTL_scheduler_op 16
struct xen_domctl_scheduler_op {
    uint32_t sched_id;              /* XEN_SCHEDULER_* */
    uint32_t cmd;                   /* XEN_DOMCTL_SCHEDOP_* */
    union {
        struct xen_domctl_sched_sedf {
            uint64_t period;
            uint64_t slice;
            uint64_t latency;
            uint32_t extratime;
            uint32_t weight;
        } sedf;
        struct xen_domctl_sched_credit {
            uint16_t weight;
            uint16_t cap;
        } credit;
    } u;
};
typedef struct xen_domctl_scheduler_op xen_domctl_scheduler_op_t;

/* XEN_DOMCTL_setdomainhandle (16 bytes): set the domain's UUID. */
#define XEN_DOMCTL_setdomainhandle 17
struct xen_domctl_setdomainhandle {
    xen_domain_handle_t handle;
};
typedef struct xen_domctl_setdomainhandle xen_domctl_setdomainhandle_t;

/* XEN_DOMCTL_setdebugging (1 byte): turn debugger support on or off. */
#define XEN_DOMCTL_setdebugging 18
struct xen_domctl_setdebugging {
    uint8_t enable;
};
typedef struct xen_domctl_setdebugging xen_domctl_setdebugging_t;

/* XEN_DOMCTL_irq_permission (2 bytes): allow or deny a physical IRQ. */
#define XEN_DOMCTL_irq_permission 19
struct xen_domctl_irq_permission {
    uint8_t pirq;
    uint8_t allow_access;           /* 1 allow, 0 deny */
};
typedef struct xen_domctl_irq_permission xen_domctl_irq_permission_t;

/* XEN_DOMCTL_iomem_permission (20 bytes): allow or deny I/O memory frames. */
#define XEN_DOMCTL_iomem_permission 20
struct xen_domctl_iomem_permission {
    uint64_t first_mfn;
    uint64_t nr_mfns;
    uint8_t  allow_access;          /* 1 allow, 0 deny */
};
typedef struct xen_domctl_iomem_permission xen_domctl_iomem_permission_t;

/* XEN_DOMCTL_ioport_permission (12 bytes): allow or deny I/O ports. */
#define XEN_DOMCTL_ioport_permission 21
struct xen_domctl_ioport_permission {
    uint32_t first_port;
    uint32_t nr_ports;
    uint8_t  allow_access;          /* 1 allow, 0 deny */
};
typedef struct xen_domctl_ioport_permission xen_domctl_ioport_permission_t;

/*
 * XEN_DOMCTL_hypercall_init (8 bytes): fill the domain's frame gmfn with
 * the hypercall stubs.  -EACCES if the frame cannot be made writable.
 */
#define XEN_DOMCTL_hypercall_init 22
struct xen_domctl_hypercall_init {
    uint64_t gmfn;
};
typedef struct xen_domctl_hypercall_init xen_domctl_hypercall_init_t;

/* XEN_DOMCTL_arch_setup (8 bytes): HVM / ia64 set-up; unused here. */
#define XEN_DOMCTL_arch_setup 23
struct xen_domctl_arch_setup {
    uint64_t flags;
};
typedef struct xen_domctl_arch_setup xen_domctl_arch_setup_t;

/* XEN_DOMCTL_settimeoffset (4 bytes): shift the domain's wall clock. */
#define XEN_DOMCTL_settimeoffset 24
struct xen_domctl_settimeoffset {
    int32_t time_offset_seconds;
};
typedef struct xen_domctl_settimeoffset xen_domctl_settimeoffset_t;

/* XEN_DOMCTL_real_mode_area (4 bytes): PowerPC only. */
#define XEN_DOMCTL_real_mode_area 26
struct xen_domctl_real_mode_area {
    uint32_t log;                   /* log2 of the area size */
};
typedef struct xen_domctl_real_mode_area xen_domctl_real_mode_area_t;

/* struct xen_domctl (140 bytes): the domctl argument. */
/*
 * XEN_DOMCTL_xenhv_getcounters: not part of Xen.  This hypervisor's own
 * command, numbered far from Xen's: how often the domain entered the
 * hypervisor, all told and for hypercalls.  Written by the hypervisor;
 * a guest kernel's tests use it to show what does and does not trap.
 */
#define XEN_DOMCTL_xenhv_getcounters 0x8001
struct xen_domctl_xenhv_counters {
    uint64_t entries;               /* out: every entry from the guest */
    uint64_t hypercalls;            /* out: of which hypercalls */
    uint64_t exceptions;            /* out: of which guest exceptions */
};
typedef struct xen_domctl_xenhv_counters xen_domctl_xenhv_counters_t;

struct xen_domctl {
    uint32_t cmd;                   /* XEN_DOMCTL_* */
    uint32_t interface_version;     /* XEN_DOMCTL_INTERFACE_VERSION */
    domid_t  domain;                /* target (in), or the id chosen (out) */
    union {
        struct xen_domctl_createdomain      createdomain;
        struct xen_domctl_getdomaininfo     getdomaininfo;
        struct xen_domctl_getmemlist        getmemlist;
        struct xen_domctl_getpageframeinfo  getpageframeinfo;
        struct xen_domctl_getpageframeinfo2 getpageframeinfo2;
        struct xen_domctl_vcpuaffinity      vcpuaffinity;
        struct xen_domctl_shadow_op         shadow_op;
        struct xen_domctl_max_mem           max_mem;
        struct xen_domctl_vcpucontext       vcpucontext;
        struct xen_domctl_getvcpuinfo       getvcpuinfo;
        struct xen_domctl_max_vcpus         max_vcpus;
        struct xen_domctl_scheduler_op      scheduler_op;
        struct xen_domctl_setdomainhandle   setdomainhandle;
        struct xen_domctl_setdebugging      setdebugging;
        struct xen_domctl_irq_permission    irq_permission;
        struct xen_domctl_iomem_permission  iomem_permission;
        struct xen_domctl_ioport_permission ioport_permission;
        struct xen_domctl_hypercall_init    hypercall_init;
        struct xen_domctl_arch_setup        arch_setup;
        struct xen_domctl_settimeoffset     settimeoffset;
        struct xen_domctl_real_mode_area    real_mode_area;
        struct xen_domctl_xenhv_counters    xenhv_counters;
        uint8_t                             pad[128];
    } u;
};
typedef struct xen_domctl xen_domctl_t;
DEFINE_XEN_GUEST_HANDLE(xen_domctl_t);

#endif /* XEN_PUBLIC_DOMCTL_H */
