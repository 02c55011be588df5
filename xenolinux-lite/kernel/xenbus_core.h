/*
 * What the xenbus files share (drivers see only xenbus.h):
 *
 *   xenbus_ring.c      the store ring: writing requests, reading replies
 *                      and events (in pieces, in event context), the
 *                      request slots and message buffers
 *   xenbus_client.c    the kernel API of xenbus.h over the ring
 *   xenbus_watch.c     the watch table, routing events, the xenbus
 *                      kernel thread (callbacks and cleanup)
 *   xenbus_dev.c       /dev/xenbus
 *   xenbus_shutdown.c  a domU's control/shutdown watch
 *
 * One spinlock, xb.lock, guards all of it: the ring indices we keep, the
 * slots, the watch table, every open file's queue and the thread's work.
 * Holding it masks events, so the ring reader (an event handler) never
 * sees anything half-changed.
 *
 * A message in memory is a struct xb_msg: its header and, if len > 0, a
 * page holding the payload (XENSTORE_PAYLOAD_MAX fits a page exactly).
 */
#ifndef XL_XENBUS_CORE_H
#define XL_XENBUS_CORE_H
#include <stdint.h>
#include "xenolinux-lite/kernel/spinlock.h"
#include "xenolinux-lite/kernel/xenbus.h"
#include "public/xen.h"
#include "public/event_channel.h"
#include "public/io/xs_wire.h"

#define XB_MSGS        256  /* message buffers, kernel-wide */
#define XB_REQS        32   /* requests awaiting their replies */
#define XB_WATCHES     64   /* watches, kernel's and files' together */
#define XB_WATCH_TEXT  256  /* a watch's path\0 and its file's token\0 */
#define XB_ABORTS      32   /* transactions left for the thread to abort */
#define XB_THREAD_EVENTS 32 /* events waiting for kernel callbacks */

_Static_assert(XENSTORE_PAYLOAD_MAX <= 4096, "a payload fits in a page");

struct xb_msg {
    struct xb_msg *next;
    struct xsd_sockmsg hdr;
    char *body;                 /* a page with hdr.len bytes, or 0 */
    int watch;                  /* an event for the thread: its watch */
};

struct xb_file;                 /* an open /dev/xenbus (xenbus_dev.c) */

/* A request on the ring, awaiting its reply. */
struct xb_req {
    int used;
    uint32_t ring_id;           /* req_id on the ring, unique while used */
    uint32_t user_id;           /* the file's own req_id */
    uint32_t type;              /* the request's type */
    struct xb_file *file;       /* whose reply it is; 0: a kernel caller */
    int orphan;                 /* nobody waits any more (file closed,
                                   caller killed): the reader cleans up */
    int watch;                  /* a file's WATCH: the entry it made */
    int sent;                   /* its first byte is on the ring */
    int done;                   /* reply (or err) is in */
    int err;                    /* -EIO: the stream broke before a reply */
    struct xb_msg *reply;       /* made by the sender, filled by the reader */
};

struct xb_state {
    struct spinlock lock;
    int present;                /* this domain has a store ring */
    volatile struct xenstore_domain_interface *ring;
    evtchn_port_t port;
    XENSTORE_RING_IDX req_prod; /* our own copy: the page's may be scribbled on */
    int writing;                /* a message is going onto the ring */
    uint32_t next_id;
    struct xb_req req[XB_REQS];
    int thread_pid;             /* the xenbus kernel thread */
};
extern struct xb_state xb;

/* ---- xenbus_ring.c (all with xb.lock held unless said) */
/* A message buffer with room for len payload bytes, or 0. */
struct xb_msg *xb_msg_alloc(uint32_t len);
void xb_msg_free(struct xb_msg *m);
/* A free request slot with a reply buffer, or 0 if there is none. */
struct xb_req *xb_req_alloc(void);
/* Give a slot back (its reply buffer too, if it still has one). */
void xb_req_free(struct xb_req *r);
/* Sleep until a slot may be free; -EINTR if the caller was killed. */
int xb_req_wait_free(void);
/*
 * Put hdr (its req_id replaced by r's ring id) and its payload on the
 * ring.  Sleeps while another message is being written, and while the
 * ring is full.  Called without xb.lock.  Returns -EINTR if the caller
 * was killed before anything was written (r is still the caller's);
 * otherwise 0, and r now completes as any sent request does (with err
 * -EIO if the ring's indices turned out broken): a kernel caller waits
 * for it with xb_wait, a file's goes to the file.
 */
int xb_send(struct xb_req *r, struct xsd_sockmsg hdr, const char *payload);
/*
 * Sleep until r's reply is in: 0 (r->reply holds it), or -EIO.  If the
 * caller is killed first: -EINTR, and r becomes an orphan the reader
 * frees when its reply comes.
 */
int xb_wait(struct xb_req *r);
/* The negative errno an XS_ERROR reply names (-EIO if none it knows). */
int xb_error_number(const struct xb_msg *m);

/* ---- xenbus_client.c */
/* Send type with payload[0..len) in t and wait: 0 with *reply (the
 * caller frees it with xb_msg_put), or a negative errno. */
int xb_request(uint32_t type, xenbus_transaction_t t, const char *payload,
               uint32_t len, struct xb_msg **reply);
void xb_msg_put(struct xb_msg *m);      /* free, taking xb.lock */

/* ---- xenbus_watch.c (xb.lock held) */
/* A whole watch event arrived: route it (it is ours from now on). */
void xbw_event(struct xb_msg *m);
/* A reply nobody waits for arrived for r (freed here, with r). */
void xbw_orphan_reply(struct xb_req *r);
/* Have the thread abort transaction id. */
void xbw_abort_later(uint32_t id);
/* A file's new watch on path with its token: the entry's id, or a
 * negative errno. */
int xbw_add_file_watch(struct xb_file *f, const char *path,
                       const char *token);
/* The id of f's watch on path with token, or 0. */
int xbw_find_file_watch(struct xb_file *f, const char *path,
                        const char *token);
/* Forget watch id (no-op if it is gone). */
void xbw_drop(int id);
/* f is closing: its watches go to the thread to unwatch. */
void xbw_file_closed(struct xb_file *f);
/* The token a watch has on the ring ("xb" and its id) into buf[12]. */
void xbw_ring_token(int id, char *buf);
/* Start the xenbus kernel thread (not with xb.lock held). */
void xbw_start_thread(void);

/* ---- xenbus_dev.c (xb.lock held) */
void xbdev_init(void);
/* r's reply arrived for its file: queue it for read(); frees r. */
void xbdev_reply(struct xb_req *r);
/* A watch event for f, its token already the file's own. */
void xbdev_event(struct xb_file *f, struct xb_msg *m);

/* ---- xenbus_shutdown.c */
/* A domU: watch control/shutdown (from the xenbus thread). */
void xenbus_shutdown_watch(void);
#endif
