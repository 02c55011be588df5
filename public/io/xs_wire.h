/*
 * Xenstore wire protocol.
 *
 * A guest talks to the xenstore daemon through the page at
 * start_info.store_mfn (struct xenstore_domain_interface) and the port
 * start_info.store_evtchn.  Each message is an xsd_sockmsg header followed
 * by len payload bytes.  Requests go through req[], replies and watch
 * events come back through rsp[].  A reply carries the request's type and
 * req_id, or XS_ERROR with an error name as payload.
 */
#ifndef XEN_PUBLIC_IO_XS_WIRE_H
#define XEN_PUBLIC_IO_XS_WIRE_H

#include <stdint.h>
#include "../errno.h"

/*
 * Message types.  Payload strings are NUL-terminated except where noted;
 * most successful replies are "OK".
 */
enum xsd_sockmsg_type {
    XS_DEBUG                =  0,  /* debug strings */
    XS_DIRECTORY            =  1,  /* path -> child names, each NUL-terminated */
    XS_READ                 =  2,  /* path -> value bytes (no terminator) */
    XS_GET_PERMS            =  3,  /* path -> permission strings */
    XS_WATCH                =  4,  /* path, token */
    XS_UNWATCH              =  5,  /* path, token */
    XS_TRANSACTION_START    =  6,  /* "" -> transaction id in decimal */
    XS_TRANSACTION_END      =  7,  /* "T" commit or "F" abort */
    XS_INTRODUCE            =  8,  /* domid, mfn, port (dom0 only) */
    XS_RELEASE              =  9,  /* domid */
    XS_GET_DOMAIN_PATH      = 10,  /* domid -> "/local/domain/<domid>" */
    XS_WRITE                = 11,  /* path, then value bytes (no terminator) */
    XS_MKDIR                = 12,  /* path */
    XS_RM                   = 13,  /* path */
    XS_SET_PERMS            = 14,  /* path, permission strings */
    XS_WATCH_EVENT          = 15,  /* daemon, unasked: path, token */
    XS_ERROR                = 16,  /* reply only: error name, e.g. "ENOENT" */
    XS_IS_DOMAIN_INTRODUCED = 17   /* domid -> "T" or "F" */
};

/* Legacy XS_WRITE flag strings; defined, ignored by the daemon. */
#define XS_WRITE_NONE        "NONE"
#define XS_WRITE_CREATE      "CREATE"
#define XS_WRITE_CREATE_EXCL "CREATE|EXCL"

/*
 * Error names a daemon may send in an XS_ERROR reply, with the errno
 * each stands for.
 */
struct xsd_errors {
    int errnum;
    const char *errstring;
};
static const struct xsd_errors xsd_errors[] __attribute__((unused)) = {
    { XEN_EINVAL,    "EINVAL" },
    { XEN_EACCES,    "EACCES" },
    { XEN_EEXIST,    "EEXIST" },
    { XEN_EISDIR,    "EISDIR" },
    { XEN_ENOENT,    "ENOENT" },
    { XEN_ENOMEM,    "ENOMEM" },
    { XEN_ENOSPC,    "ENOSPC" },
    { XEN_EIO,       "EIO" },
    { XEN_ENOTEMPTY, "ENOTEMPTY" },
    { XEN_ENOSYS,    "ENOSYS" },
    { XEN_EROFS,     "EROFS" },
    { XEN_EBUSY,     "EBUSY" },
    { XEN_EAGAIN,    "EAGAIN" },
    { XEN_EISCONN,   "EISCONN" },
};

/* struct xsd_sockmsg (16 bytes): message header, written by the sender. */
struct xsd_sockmsg {
    uint32_t type;      /* XS_* */
    uint32_t req_id;    /* chosen by the requester, echoed in the reply */
    uint32_t tx_id;     /* transaction id, 0 for none */
    uint32_t len;       /* payload bytes that follow */
};

/*
 * Size limits.  Xen 3.0.4's daemon checks only that a message fits in its
 * buffers; these are the limits later Xen releases name, and ours.
 * XENSTORE_PAYLOAD_MAX bounds every message's len, requests and replies
 * alike, so a node's value is at most that long.  A path (without its
 * terminating NUL) may have XENSTORE_ABS_PATH_MAX characters when absolute
 * and XENSTORE_REL_PATH_MAX when relative (to "/local/domain/<domid>",
 * the sender's own directory).
 */
#define XENSTORE_PAYLOAD_MAX   4096
#define XENSTORE_ABS_PATH_MAX  3072
#define XENSTORE_REL_PATH_MAX  2048

/* Index of each string in an XS_WATCH_EVENT payload. */
enum xs_watch_type {
    XS_WATCH_PATH = 0,
    XS_WATCH_TOKEN
};

/*
 * struct xenstore_domain_interface (2064 bytes): the store ring page.
 * Indices are free-running; byte position = MASK_XENSTORE_IDX(index).
 * A writer copies its bytes (they may wrap), issues a write barrier,
 * advances its prod index and signals store_evtchn.
 */
#define XENSTORE_RING_SIZE 1024
typedef uint32_t XENSTORE_RING_IDX;
#define MASK_XENSTORE_IDX(idx) ((idx) & (XENSTORE_RING_SIZE - 1))
struct xenstore_domain_interface {
    char req[XENSTORE_RING_SIZE];   /* guest to daemon */
    char rsp[XENSTORE_RING_SIZE];   /* daemon to guest */
    XENSTORE_RING_IDX req_cons;     /* daemon */
    XENSTORE_RING_IDX req_prod;     /* guest */
    XENSTORE_RING_IDX rsp_cons;     /* guest */
    XENSTORE_RING_IDX rsp_prod;     /* daemon */
};

#endif /* XEN_PUBLIC_IO_XS_WIRE_H */
