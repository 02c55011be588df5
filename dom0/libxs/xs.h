/*
 * A xenstore client for dom0's programs, over /dev/xenbus: each call sends
 * one request (public/io/xs_wire.h) and waits for its reply.  Watch events
 * that arrive meanwhile are kept for xs_read_watch.
 *
 * Every call returns 0 (or a length) on success and a negative errno on
 * failure: the daemon's error name mapped back to its number (ENOENT,
 * EACCES, EAGAIN, ...), or -EIO if the device failed.
 */
#ifndef DOM0_LIBXS_XS_H
#define DOM0_LIBXS_XS_H
#include <stdint.h>

#define XS_MAX_EVENTS 8         /* watch events kept between reads */

struct xs_event {
    char path[128];
    char token[32];
};

struct xs {
    int fd;
    uint32_t next_req_id;
    uint32_t tx;                /* the transaction calls go in; 0 = none */
    int nr_events;
    struct xs_event events[XS_MAX_EVENTS];
};

/* Open /dev/xenbus; 0 or -EIO. */
int xs_open(struct xs *xs);
void xs_close(struct xs *xs);

/* Read a node's value into buf (NUL-terminated); its length, or -errno
 * (-ENOSPC if buf is too small). */
int xs_read(struct xs *xs, const char *path, char *buf, int size);
int xs_write(struct xs *xs, const char *path, const char *value);
int xs_mkdir(struct xs *xs, const char *path);
int xs_rm(struct xs *xs, const char *path);
/* The children's names, each NUL-terminated, packed into buf; returns the
 * bytes used. */
int xs_directory(struct xs *xs, const char *path, char *buf, int size);
/* perms: the strings ("n0", "r3", ...), count of them. */
int xs_set_perms(struct xs *xs, const char *path, const char *const *perms,
                 int count);
int xs_watch(struct xs *xs, const char *path, const char *token);
int xs_unwatch(struct xs *xs, const char *path, const char *token);
/* Wait for the next watch event (kept ones first). */
int xs_read_watch(struct xs *xs, struct xs_event *ev);
/* Tell xenstored about a new domain's store ring. */
int xs_introduce(struct xs *xs, unsigned int domid, unsigned long mfn,
                 unsigned int port);
int xs_release(struct xs *xs, unsigned int domid);
/* Start a transaction: later calls go in it until xs_transaction_end. */
int xs_transaction_start(struct xs *xs);
/* Commit (or abort); -EAGAIN: it conflicted, start again. */
int xs_transaction_end(struct xs *xs, int abort);
#endif
