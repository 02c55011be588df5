/*
 * physdev_op(cmd, arg): physical IRQs and I/O-port access.
 *
 * Port I/O itself needs no hypercall: IN/OUT from the guest fault and the
 * hypervisor emulates them when both the guest's own permission (virtual
 * IOPL, or its I/O bitmap) and the administrator's per-domain port
 * permission allow it.
 *
 * The old physdev_op_compat (#19) takes one pointer to struct physdev_op.
 */
#ifndef XEN_PUBLIC_PHYSDEV_H
#define XEN_PUBLIC_PHYSDEV_H

#include <stdint.h>
#include "xen.h"

/* arg NULL: legacy "end of interrupt" notification for all pending IRQs. */
#define PHYSDEVOP_IRQ_UNMASK_NOTIFY  4

/* arg struct physdev_irq_status_query. */
#define PHYSDEVOP_irq_status_query   5

/* arg struct physdev_set_iopl. */
#define PHYSDEVOP_set_iopl           6

/* arg struct physdev_set_iobitmap. */
#define PHYSDEVOP_set_iobitmap       7

/* arg struct physdev_apic; privileged. */
#define PHYSDEVOP_apic_read          8
#define PHYSDEVOP_apic_write         9

/* arg struct physdev_irq; privileged. */
#define PHYSDEVOP_alloc_irq_vector  10
#define PHYSDEVOP_free_irq_vector   11

/* arg struct physdev_eoi. */
#define PHYSDEVOP_eoi               12

/* physdev_irq_status_query.flags. */
#define _XENIRQSTAT_needs_eoi  0
#define XENIRQSTAT_needs_eoi   (1U << _XENIRQSTAT_needs_eoi)  /* tell the hypervisor when done */
#define _XENIRQSTAT_shared     1
#define XENIRQSTAT_shared      (1U << _XENIRQSTAT_shared)     /* other domains share the IRQ */

/* PHYSDEVOP_irq_status_query (8 bytes): the guest asks about an IRQ. */
struct physdev_irq_status_query {
    uint32_t irq;       /* in */
    uint32_t flags;     /* out: XENIRQSTAT_* */
};
typedef struct physdev_irq_status_query physdev_irq_status_query_t;

/* PHYSDEVOP_set_iopl (4 bytes): set the calling vCPU's virtual IOPL. */
struct physdev_set_iopl {
    uint32_t iopl;      /* in: 0..3 */
};
typedef struct physdev_set_iopl physdev_set_iopl_t;

/*
 * PHYSDEVOP_set_iobitmap (8 bytes): point the hypervisor at a TSS-style
 * I/O bitmap in guest memory (a set bit forbids the port).
 */
struct physdev_set_iobitmap {
#if __XEN_INTERFACE_VERSION__ >= 0x00030205
    XEN_GUEST_HANDLE(uint8_t) bitmap;
#else
    uint8_t *bitmap;
#endif
    uint32_t nr_ports;  /* ports the bitmap covers, at most 65536 */
};
typedef struct physdev_set_iobitmap physdev_set_iobitmap_t;

/* PHYSDEVOP_apic_read / _write (12 bytes): an I/O APIC register. */
struct physdev_apic {
    xen_ulong_t apic_physbase;  /* in: which I/O APIC */
    uint32_t reg;               /* in */
    uint32_t value;             /* in for write, out for read */
};
typedef struct physdev_apic physdev_apic_t;

/* PHYSDEVOP_alloc_irq_vector / free_irq_vector (8 bytes). */
struct physdev_irq {
    uint32_t irq;       /* in */
    uint32_t vector;    /* out (alloc) */
};
typedef struct physdev_irq physdev_irq_t;

/* PHYSDEVOP_eoi (4 bytes): the guest has finished with an IRQ. */
struct physdev_eoi {
    uint32_t irq;
};
typedef struct physdev_eoi physdev_eoi_t;

/* struct physdev_op (16 bytes): argument of the old physdev_op_compat. */
struct physdev_op {
    uint32_t cmd;       /* PHYSDEVOP_* */
    union {
        struct physdev_irq_status_query irq_status_query;
        struct physdev_set_iopl         set_iopl;
        struct physdev_set_iobitmap     set_iobitmap;
        struct physdev_apic             apic_op;
        struct physdev_irq              irq_op;
    } u;
};
typedef struct physdev_op physdev_op_t;
DEFINE_XEN_GUEST_HANDLE(physdev_op_t);

#endif /* XEN_PUBLIC_PHYSDEV_H */
