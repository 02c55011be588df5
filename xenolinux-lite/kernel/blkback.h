/*
 * blkback: dom0's back end of the virtual block devices (docs/toolstack.md,
 * "Split devices").  What its files share:
 *
 *   blkback_bus.c    the control thread: watches backend/vbd in xenstore,
 *                    opens and closes images, runs each device's xenbus
 *                    state, connects (ring, event channel) and disconnects
 *   blkback_ring.c   one serving thread per device: takes requests off the
 *                    ring, checks them (blkif_check.c), maps the granted
 *                    pages, does the I/O, answers in ring order
 *   blkback_image.c  the image file in dom0's file system: open, size,
 *                    read and write sectors
 *
 * Who touches what: the control thread owns every field but the ones
 * under `lock`, and changes the connection only while the serving thread
 * is parked (run == 0 and serving == 0).  The serving thread owns the
 * ring's private indices and the segment window while it serves.
 */
#ifndef XL_BLKBACK_H
#define XL_BLKBACK_H
#include <stdint.h>
#include "xenolinux-lite/kernel/spinlock.h"
#include "xenolinux-lite/kernel/blkif_check.h"
#include "xenolinux-lite/kernel/grant.h"
#include "public/event_channel.h"

#define BLKBACK_MAX   8             /* virtual disks served at once */
#define BLKBACK_PATH  64            /* a device's xenstore directory */
#define BLKBACK_RING_PAGE 0         /* window page of the ring */
#define BLKBACK_WINDOW (1 + BLKIF_MAX_SEGMENTS_PER_REQUEST)

struct inode;

struct blkback_dev {
    /* ---- the control thread's */
    int used;
    domid_t domid;                  /* the front end's domain */
    uint32_t vdev;                  /* its virtual device number */
    char be[BLKBACK_PATH];          /* "backend/vbd/N/V" (dom0's home) */
    char fe[BLKBACK_PATH];          /* the front end's directory */
    int fe_watch;                   /* watch on fe/state, 0 if none */
    int state;                      /* our xenbus state, as last written */
    int seen;                       /* listed in the latest scan */
    struct inode *ip;               /* the image, 0 if it did not open */
    struct blkif_vbd vbd;
    int connected;                  /* window, ring and port are set up */
    evtchn_port_t port;             /* our end of the event channel */

    /* ---- shared by both threads while connected */
    struct gntmap_page win[BLKBACK_WINDOW];     /* ring, then segments */
    blkif_back_ring_t ring;

    /* ---- guarded by lock */
    struct spinlock lock;
    int thread;                     /* the serving thread's pid, 0: none yet */
    int run;                        /* 1: serve; 0: stop serving and park */
    int serving;                    /* the thread is serving the ring */
    int kicked;                     /* an event arrived since it last looked */
    int broken;                     /* the front end broke the ring */
};

/* ---- blkback_bus.c */
/* dom0: start the control thread (after xenbus_init). */
void blkback_init(void);
/* Wake the control thread to look at every device again. */
void blkback_poke(void);

/* ---- blkback_ring.c */
/* The serving thread of device d (arg): never returns. */
void blkback_serve_thread(void *arg);
/* The event handler of a device's port. */
void blkback_event(struct blkback_dev *d);

/* ---- blkback_image.c */
/*
 * Open the image file at path (absolute): 0 with *ipp referenced and
 * *sectors its size in 512-byte sectors (whole sectors only), or
 * -ENOENT (no such file) or -EINVAL (not a plain file).
 */
int blkback_image_open(const char *path, struct inode **ipp,
                       uint64_t *sectors);
void blkback_image_close(struct inode *ip);
/* Read or write n bytes at byte offset off of the image: 0, or -EIO if
 * not all of them could be.  A write is complete in the file system
 * (each of its log operations committed) when this returns. */
int blkback_image_read(struct inode *ip, void *dst, uint32_t off, uint32_t n);
int blkback_image_write(struct inode *ip, const void *src, uint32_t off,
                        uint32_t n);
#endif
