/*
 * blkfront: a domU's virtual disk xvda as the disk the file system runs
 * on (ramdisk.c picks it for "root=xvda").  What its two files share:
 *
 *   blkfront_bus.c   connecting to the back end through xenstore: the
 *                    ring page and its grant, the event channel, the
 *                    xenbus states (docs/toolstack.md, "Split devices")
 *   blkfront_io.c    diskrw for xvda: one request per block, up to 32 in
 *                    flight, each through a page of its own granted to
 *                    the back end for the request's life; the event
 *                    handler that takes the answers
 *
 * The disk connects at its first use, in process context (the file
 * system first reads it from the first process, forkret's iinit), since
 * connecting waits for the back end.  A disk that cannot connect, or an
 * I/O error, stops the kernel: the file system cannot go on without its
 * disk (ide.c does the same).
 */
#ifndef XL_BLKFRONT_H
#define XL_BLKFRONT_H
#include <stdint.h>
#include "xenolinux-lite/kernel/spinlock.h"
#include "xenolinux-lite/kernel/blkif_check.h"
#include "public/event_channel.h"

struct buf;

#define BLKFRONT_VDEV 51712             /* xvda: 202 << 8 */

/* One request's page, granted while the request is out. */
struct blkfront_slot {
    void *page;                         /* the data travels through it */
    int16_t status;                     /* the answer's BLKIF_RSP_* */
};

struct blkfront {
    struct spinlock lock;               /* guards all but the constants */
    int state;                          /* BF_* */
    /* set once connected */
    domid_t backend_id;
    evtchn_port_t port;
    uint32_t sectors;
    int readonly;
    int barrier;                        /* feature-barrier: send barriers */
    char be[64];                        /* the back end's directory */
    /* the ring, the requests */
    blkif_front_ring_t ring;
    struct blkfront_inflight inflight;
    struct blkfront_slot slot[BLKFRONT_MAX_INFLIGHT];
    int broken;                         /* the back end broke the ring */
    int be_changes;                     /* bumped by the back end's state watch */
};
extern struct blkfront blkfront;

#define BF_NEW        0
#define BF_CONNECTING 1
#define BF_CONNECTED  2

/* ---- blkfront_bus.c */
/* Connect if nobody has yet (waiting if someone is connecting); panics
 * if the disk cannot be had. */
void blkfront_connect(void);

/* ---- blkfront_io.c */
void blkfront_event(evtchn_port_t port);

/* ---- for ramdisk.c (diskrw and disksize of the xvda disk) */
void blkfront_rw(struct buf *b);
uint32_t blkfront_size(void);
#endif
