/*
 * The kernel's xenstore client (xenbus), for drivers: blkfront, blkback,
 * the console, the shutdown watch, /dev/xenbus.
 *
 * Every call is made in process context (a process or a kernel thread)
 * and blocks until xenstored answers; in dom0 that is until xenstored
 * runs.  Each returns 0 (or the length it names) on success and a
 * negative errno on failure: the daemon's error (-ENOENT, -EACCES,
 * -EAGAIN, ...), -ENOSYS if this domain has no store, -EINVAL for a
 * request that does not fit in one message, -EINTR if the calling
 * process was killed while it waited, -EIO if the store's answer made
 * no sense (or the stream from the store lost its framing).
 *
 * Paths are absolute ("/local/domain/0/backend/...") or relative to the
 * domain's own directory ("device/vbd/51712/state"), which xenstored
 * resolves.  t is a transaction from xenbus_transaction_start, or
 * XBT_NIL for none.
 */
#ifndef XL_XENBUS_H
#define XL_XENBUS_H
#include <stdint.h>

typedef uint32_t xenbus_transaction_t;
#define XBT_NIL 0

/* Whether this domain has a store (dom0: the xsd ring; a domU: start_info's). */
int xenbus_available(void);

/* A node's value into buf, NUL-terminated: its length, or -ENOSPC if
 * buf (size bytes) cannot hold it and its NUL. */
int xenbus_read(xenbus_transaction_t t, const char *path, char *buf, int size);
/* A node's value as a decimal integer (optional '-', digits only):
 * 0 with *out set, -EINVAL if it is not one. */
int xenbus_read_int(xenbus_transaction_t t, const char *path, int *out);
/* Write value (a string, stored without its NUL); parents are made. */
int xenbus_write(xenbus_transaction_t t, const char *path, const char *value);
/* Write value in decimal. */
int xenbus_write_int(xenbus_transaction_t t, const char *path, int value);
int xenbus_mkdir(xenbus_transaction_t t, const char *path);
/* Remove the node and everything below it. */
int xenbus_rm(xenbus_transaction_t t, const char *path);
/* The children's names, each NUL-terminated, packed into buf: the bytes
 * used, or -ENOSPC if they do not fit in size. */
int xenbus_directory(xenbus_transaction_t t, const char *path, char *buf,
                     int size);

/* Start a transaction: 0 with *t set. */
int xenbus_transaction_start(xenbus_transaction_t *t);
/* Commit it (abort 0) or abort it; -EAGAIN: it conflicted with another
 * change and nothing of it happened; start again. */
int xenbus_transaction_end(xenbus_transaction_t t, int abort);

/*
 * Watches.  fn(path, arg) runs in the xenbus kernel thread (process
 * context: it may make xenbus calls and sleep, but while it runs no
 * other watch's callback does), once when the watch is registered and
 * then after each change at or below the watched path; path is the node
 * that changed, as the watch was given (relative if it was).  Events may
 * be coalesced by the daemon; a callback reads the node to learn its
 * state.
 */
typedef void (*xenbus_watch_fn)(const char *path, void *arg);
/* Register a watch: its handle (> 0), or a negative errno (-ENOSPC: the
 * kernel's watch table is full, or path is too long for it). */
int xenbus_watch(const char *path, xenbus_watch_fn fn, void *arg);
/* Remove it.  When this returns its callback is not running and will
 * not run again (unless called from that very callback). */
int xenbus_unwatch(int handle);
#endif
