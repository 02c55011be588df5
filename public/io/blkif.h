/*
 * Virtual block device protocol.
 *
 * The front end puts blkif_request entries on a shared ring (ring.h) and
 * grants the back end access to the data pages; the back end performs the
 * I/O and answers each request with a blkif_response carrying the same id.
 * Both ends find each other, the ring's grant reference and the event
 * channel through xenstore.
 */
#ifndef XEN_PUBLIC_IO_BLKIF_H
#define XEN_PUBLIC_IO_BLKIF_H

#include <stdint.h>
#include "ring.h"
#include "../grant_table.h"

typedef uint16_t blkif_vdev_t;      /* virtual device number */
typedef uint64_t blkif_sector_t;    /* in 512-byte sectors */

/* blkif_request.operation. */
#define BLKIF_OP_READ           0
#define BLKIF_OP_WRITE          1
#define BLKIF_OP_WRITE_BARRIER  2   /* only if the back end advertises "feature-barrier" */

#define BLKIF_MAX_SEGMENTS_PER_REQUEST 11

/*
 * One data page of a request (8 bytes, the last 2 are padding): sectors
 * first_sect..last_sect (inclusive, 0..7) of the granted 4 KiB frame.
 */
struct blkif_request_segment {
    grant_ref_t gref;       /* grant of the data frame to the back end */
    uint8_t     first_sect;
    uint8_t     last_sect;
};

/* struct blkif_request (108 bytes), written by the front end. */
struct blkif_request {
    uint8_t        operation;       /* BLKIF_OP_* */
    uint8_t        nr_segments;     /* 1..BLKIF_MAX_SEGMENTS_PER_REQUEST */
    blkif_vdev_t   handle;          /* which device */
    uint64_t       id;              /* echoed in the response */
    blkif_sector_t sector_number;   /* first sector on the device */
    struct blkif_request_segment seg[BLKIF_MAX_SEGMENTS_PER_REQUEST];
};
typedef struct blkif_request blkif_request_t;

/* struct blkif_response (12 bytes), written by the back end. */
struct blkif_response {
    uint64_t id;            /* from the request */
    uint8_t  operation;     /* from the request */
    int16_t  status;        /* BLKIF_RSP_* */
};
typedef struct blkif_response blkif_response_t;

#define BLKIF_RSP_EOPNOTSUPP  (-2)  /* operation not supported (e.g. barrier) */
#define BLKIF_RSP_ERROR       (-1)
#define BLKIF_RSP_OKAY          0

DEFINE_RING_TYPES(blkif, struct blkif_request, struct blkif_response);

/* Bits of the back end's xenstore "info" node. */
#define VDISK_CDROM      0x1
#define VDISK_REMOVABLE  0x2
#define VDISK_READONLY   0x4

#endif /* XEN_PUBLIC_IO_BLKIF_H */
