/*
 * Console ring page (start_info.console.domU.mfn).
 *
 * Two byte rings with free-running 32-bit indices; byte position =
 * index & (array size - 1).  Output: the guest copies bytes into out[],
 * issues a write barrier, advances out_prod and signals the console event
 * channel; the back end consumes and advances out_cons.  Input runs the
 * other way through in[].  There is no event index: signal on every change.
 */
#ifndef XEN_PUBLIC_IO_CONSOLE_H
#define XEN_PUBLIC_IO_CONSOLE_H

#include <stdint.h>

typedef uint32_t XENCONS_RING_IDX;

/* Byte position of index idx in the array `ring` (in or out). */
#define MASK_XENCONS_IDX(idx, ring) ((idx) & (sizeof(ring) - 1))

/* struct xencons_interface (3088 bytes). */
struct xencons_interface {
    char in[1024];              /* back end to guest */
    char out[2048];             /* guest to back end */
    XENCONS_RING_IDX in_cons;   /* guest */
    XENCONS_RING_IDX in_prod;   /* back end */
    XENCONS_RING_IDX out_cons;  /* back end */
    XENCONS_RING_IDX out_prod;  /* guest */
};

#endif /* XEN_PUBLIC_IO_CONSOLE_H */
