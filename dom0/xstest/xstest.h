/*
 * xstest: xenstore from dom0's user space, end to end: the client
 * library (dom0/libxs) and /dev/xenbus's own contract (docs/toolstack.md)
 * against the running xenstored, through dom0's kernel and its ring.
 *
 * Each check is CHECK(condition, what); a failing one prints
 * "xstest: FAIL what (line N)" and the run goes on.  At the end:
 * "xstest: N checks, M failed" and "xstest: OK" if M is 0.  Everything
 * it makes lives under /tool/xstest, removed at the start and the end.
 */
#ifndef DOM0_XSTEST_XSTEST_H
#define DOM0_XSTEST_XSTEST_H
#include <stdint.h>
#include "dom0/libxs/xs.h"
#include "public/errno.h"
#include "public/io/xs_wire.h"
#include "xenolinux-lite/include/abi/xenio.h"
#include "user.h"
#include "fcntl.h"

#define TOP "/tool/xstest"

void check(int ok, const char *what, int line);
#define CHECK(cond, what) check((cond) != 0, (what), __LINE__)

/* ---- raw.c: /dev/xenbus without the library */
#define RAW_MAX (sizeof(struct xsd_sockmsg) + XENSTORE_PAYLOAD_MAX)
struct raw_msg {
    struct xsd_sockmsg hdr;
    char body[XENSTORE_PAYLOAD_MAX + 1];    /* NUL after the payload */
};
int raw_open(void);
/* Write one message; write()'s result. */
int raw_send(int fd, uint32_t type, uint32_t req_id, uint32_t tx,
             const char *payload, uint32_t len);
/* Wait up to timeout_ms for a message: 1 with *m filled, 0 if none came,
 * -1 if read failed. */
int raw_recv(int fd, struct raw_msg *m, int timeout_ms);
/* Send and take the next message that is not a watch event (events met
 * meanwhile are dropped): 1 with *m, or 0/-1 as raw_recv. */
int raw_call(int fd, uint32_t type, uint32_t req_id, uint32_t tx,
             const char *payload, uint32_t len, struct raw_msg *m);
/* Whether m is an XS_ERROR naming err. */
int raw_is_error(const struct raw_msg *m, const char *err);
/* Whether fd polls readable within timeout_ms. */
int raw_readable(int fd, int timeout_ms);

/* ---- the groups of checks */
void test_nodes(struct xs *xs);
void test_transactions(struct xs *a, struct xs *b);
void test_watches(struct xs *a, struct xs *b);
void test_perms_and_domains(struct xs *xs);
void test_device(void);
void test_device_cleanup(void);
#endif
