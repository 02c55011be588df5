/*
 * Virtual network interface protocol.
 *
 * Two rings (ring.h) per interface.  Transmit: the front end queues
 * netif_tx_request entries pointing at granted packet data; the back end
 * sends the packets and answers with netif_tx_response.  Receive: the
 * front end posts empty granted pages with netif_rx_request; the back end
 * fills them and answers with netif_rx_response.  A request or response
 * flagged extra_info is followed in the ring by a netif_extra_info slot.
 */
#ifndef XEN_PUBLIC_IO_NETIF_H
#define XEN_PUBLIC_IO_NETIF_H

#include <stdint.h>
#include "ring.h"
#include "../grant_table.h"

/* netif_tx_request.flags. */
#define _NETTXF_csum_blank     0
#define NETTXF_csum_blank      (1U << _NETTXF_csum_blank)     /* checksum still to be filled in */
#define _NETTXF_data_validated 1
#define NETTXF_data_validated  (1U << _NETTXF_data_validated) /* checksum already checked */
#define _NETTXF_more_data      2
#define NETTXF_more_data       (1U << _NETTXF_more_data)      /* packet continues in the next request */
#define _NETTXF_extra_info     3
#define NETTXF_extra_info      (1U << _NETTXF_extra_info)     /* a netif_extra_info slot follows */

/* struct netif_tx_request (12 bytes), written by the front end. */
struct netif_tx_request {
    grant_ref_t gref;       /* granted frame holding the data */
    uint16_t offset;        /* data offset within the frame */
    uint16_t flags;         /* NETTXF_* */
    uint16_t id;            /* echoed in the response */
    uint16_t size;          /* bytes (whole packet size in the first request) */
};
typedef struct netif_tx_request netif_tx_request_t;

/* netif_extra_info.type and .flags. */
#define XEN_NETIF_EXTRA_TYPE_NONE  0
#define XEN_NETIF_EXTRA_TYPE_GSO   1
#define XEN_NETIF_EXTRA_TYPE_MAX   2
#define _XEN_NETIF_EXTRA_FLAG_MORE 0
#define XEN_NETIF_EXTRA_FLAG_MORE  (1U << _XEN_NETIF_EXTRA_FLAG_MORE) /* another extra slot follows */

/* netif_extra_info.u.gso.type. */
#define XEN_NETIF_GSO_TYPE_TCPV4   1

/* struct netif_extra_info (8 bytes): extra data for the packet before it. */
struct netif_extra_info {
    uint8_t type;           /* XEN_NETIF_EXTRA_TYPE_* */
    uint8_t flags;          /* XEN_NETIF_EXTRA_FLAG_* */
    union {
        struct {
            uint16_t size;      /* segment size for segmentation offload */
            uint8_t  type;      /* XEN_NETIF_GSO_TYPE_* */
            uint8_t  pad;
            uint16_t features;
        } gso;
        uint16_t pad[3];
    } u;
};
typedef struct netif_extra_info netif_extra_info_t;

/* struct netif_tx_response (4 bytes), written by the back end. */
struct netif_tx_response {
    uint16_t id;            /* from the request */
    int16_t  status;        /* NETIF_RSP_* */
};
typedef struct netif_tx_response netif_tx_response_t;

/* struct netif_rx_request (8 bytes): an empty page offered by the front end. */
struct netif_rx_request {
    uint16_t    id;         /* echoed in the response */
    grant_ref_t gref;       /* granted frame to receive into */
};
typedef struct netif_rx_request netif_rx_request_t;

/* netif_rx_response.flags. */
#define _NETRXF_data_validated 0
#define NETRXF_data_validated  (1U << _NETRXF_data_validated) /* checksum already checked */
#define _NETRXF_csum_blank     1
#define NETRXF_csum_blank      (1U << _NETRXF_csum_blank)     /* checksum not filled in */
#define _NETRXF_more_data      2
#define NETRXF_more_data       (1U << _NETRXF_more_data)      /* packet continues in the next response */
#define _NETRXF_extra_info     3
#define NETRXF_extra_info      (1U << _NETRXF_extra_info)     /* a netif_extra_info slot follows */

/* struct netif_rx_response (8 bytes), written by the back end. */
struct netif_rx_response {
    uint16_t id;            /* from the request */
    uint16_t offset;        /* data offset within the page */
    uint16_t flags;         /* NETRXF_* */
    int16_t  status;        /* < 0: NETIF_RSP_*; otherwise the data length */
};
typedef struct netif_rx_response netif_rx_response_t;

DEFINE_RING_TYPES(netif_tx, struct netif_tx_request, struct netif_tx_response);
DEFINE_RING_TYPES(netif_rx, struct netif_rx_request, struct netif_rx_response);

#define NETIF_RSP_DROPPED  (-2)
#define NETIF_RSP_ERROR    (-1)
#define NETIF_RSP_OKAY       0
#define NETIF_RSP_NULL       1  /* no response: used for extra_info slots */

#endif /* XEN_PUBLIC_IO_NETIF_H */
