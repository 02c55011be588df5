/*
 * A small xenstore client for test guests run as a domU by xl: requests
 * on the domain's store ring (start_info's store_mfn and store_evtchn,
 * ABI 10.5), one at a time, each waiting for its reply.  It registers no
 * watches, so every message the daemon sends is a reply; a guest that
 * waits for a node to change polls it (xs_wait_uint).
 *
 * Paths are absolute, or relative to the domain's home directory, as
 * xenstored resolves them.  Every call returns 0 (or the length it
 * names) or a negative errno: the daemon's error (-ENOENT, -EACCES, ...;
 * -EIO for one not listed here) or -EAGAIN on a timeout.
 * events_init() must have run.
 */
#ifndef TEST_GUEST_XENSTORE_H
#define TEST_GUEST_XENSTORE_H
#include <stdint.h>

/* Map the store page and handle its port. */
int xs_init(void);
/* A node's value into buf, NUL-terminated (cut to size - 1): its length. */
int xs_read(const char *path, char *buf, unsigned int size);
/* A node's value as a decimal number. */
int xs_read_uint(const char *path, uint32_t *v);
int xs_write(const char *path, const char *value);
int xs_write_uint(const char *path, uint32_t v);
/* Poll path every 10 ms until it reads as want: 0, or -EAGAIN if it
 * did not within timeout_ms. */
int xs_wait_uint(const char *path, uint32_t want, uint32_t timeout_ms);
#endif
