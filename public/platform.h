/*
 * platform_op (#7, called dom0_op by older guests): machine-wide settings
 * that only dom0 may change.
 *
 * dom0 fills struct xen_platform_op: cmd, interface_version =
 * XENPF_INTERFACE_VERSION, and the payload in u; the hypervisor writes
 * results back and returns 0 or -errno (-EPERM unprivileged, -EACCES on
 * a version mismatch).
 */
#ifndef XEN_PUBLIC_PLATFORM_H
#define XEN_PUBLIC_PLATFORM_H

#include <stdint.h>
#include "xen.h"

#define XENPF_INTERFACE_VERSION 0x03000001
#define DOM0_INTERFACE_VERSION  XENPF_INTERFACE_VERSION

/*
 * XENPF_settime (16 bytes): set the wall clock so that it reads
 * secs.nsecs at system time system_time.
 */
#define XENPF_settime 17
struct xenpf_settime {
    uint32_t secs;
    uint32_t nsecs;
    uint64_t system_time;
};
typedef struct xenpf_settime xenpf_settime_t;

/* XENPF_add_memtype (24 bytes): set the cache type of a machine range (MTRR). */
#define XENPF_add_memtype 31
struct xenpf_add_memtype {
    xen_pfn_t mfn;          /* in: first frame */
    uint64_t  nr_mfns;      /* in */
    uint32_t  type;         /* in: MTRR memory type */
    uint32_t  handle;       /* out: pass to del_memtype */
    uint32_t  reg;          /* out: MTRR register used */
};
typedef struct xenpf_add_memtype xenpf_add_memtype_t;

/* XENPF_del_memtype (8 bytes): undo an add_memtype. */
#define XENPF_del_memtype 32
struct xenpf_del_memtype {
    uint32_t handle;        /* in */
    uint32_t reg;           /* in */
};
typedef struct xenpf_del_memtype xenpf_del_memtype_t;

/* XENPF_read_memtype (20 bytes): read one MTRR register. */
#define XENPF_read_memtype 33
struct xenpf_read_memtype {
    uint32_t  reg;          /* in */
    xen_pfn_t mfn;          /* out */
    uint64_t  nr_mfns;      /* out */
    uint32_t  type;         /* out */
};
typedef struct xenpf_read_memtype xenpf_read_memtype_t;

/* XENPF_microcode_update (8 bytes): load CPU microcode from dom0 memory. */
#define XENPF_microcode_update 35
struct xenpf_microcode_update {
    XEN_GUEST_HANDLE(void) data;
    uint32_t length;        /* bytes */
};
typedef struct xenpf_microcode_update xenpf_microcode_update_t;

/* XENPF_platform_quirk (4 bytes): work around a chipset problem. */
#define XENPF_platform_quirk 39
#define QUIRK_NOIRQBALANCING      1  /* do not move IRQs between CPUs */
#define QUIRK_IOAPIC_BAD_REGSEL   2  /* I/O APIC register select is unreliable */
#define QUIRK_IOAPIC_GOOD_REGSEL  3  /* I/O APIC register select is reliable */
struct xenpf_platform_quirk {
    uint32_t quirk_id;      /* QUIRK_* */
};
typedef struct xenpf_platform_quirk xenpf_platform_quirk_t;

/* Old dom0_op numbers that are defined but not supported. */
#define DOM0_MSR                  15
#define DOM0_PHYSICAL_MEMORY_MAP  40

/* struct xen_platform_op (136 bytes): the platform_op argument. */
struct xen_platform_op {
    uint32_t cmd;                   /* XENPF_* */
    uint32_t interface_version;     /* XENPF_INTERFACE_VERSION */
    union {
        struct xenpf_settime          settime;
        struct xenpf_add_memtype      add_memtype;
        struct xenpf_del_memtype      del_memtype;
        struct xenpf_read_memtype     read_memtype;
        struct xenpf_microcode_update microcode;
        struct xenpf_platform_quirk   platform_quirk;
        uint8_t                       pad[128];
    } u;
};
typedef struct xen_platform_op xen_platform_op_t;
DEFINE_XEN_GUEST_HANDLE(xen_platform_op_t);

#endif /* XEN_PUBLIC_PLATFORM_H */
