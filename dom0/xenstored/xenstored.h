/*
 * The xenstore daemon's core, for the daemon's main loop: the store,
 * connections, the wire protocol (public/io/xs_wire.h), watches,
 * transactions and domain introduction, with no I/O of its own.
 *
 * The main loop owns the rings and event channels.  For each connection
 * it feeds the request bytes it finds (in pieces or several messages at
 * once, as they come) to xs_conn_input, and copies what xs_conn_output
 * offers into the reply ring as space allows, telling xs_conn_output_done
 * how much it took.  Handling one connection's request may queue watch
 * events on any connection, so after input the loop offers every
 * connection's output (xs_daemon_next_conn).
 *
 * Memory is bounded per connection.  Input holds at most one message.
 * Output beyond XS_CONN_OUTPUT_MAX bytes is not queued for watch events
 * (they are dropped); replies are never dropped, but while the queue is
 * that full no further request is handled: xs_conn_input takes no more
 * bytes until the client reads its replies and the loop offers the input
 * again.
 *
 * dom0's own ring and any other local channel are connections the loop
 * opens itself (xs_conn_open); every other domain's connection is made
 * when dom0 introduces the domain (XS_INTRODUCE), through the callbacks
 * in struct xs_daemon_ops, and goes with XS_RELEASE or
 * xs_daemon_domain_gone.
 */
#ifndef DOM0_XENSTORED_XENSTORED_H
#define DOM0_XENSTORED_XENSTORED_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "public/xen.h"

/* Queued output past which watch events are dropped and input waits. */
#define XS_CONN_OUTPUT_MAX (64 * 1024)

struct xs_daemon;
struct xs_conn;

/* What the daemon does for the core; the core calls nothing else. */
struct xs_daemon_ops {
    void *ctx;                  /* passed back to every call */
    /*
     * dom0 introduced domain xs_conn_domid(conn), whose store ring is
     * machine frame mfn and whose store event channel is port (in that
     * domain).  Map the page, bind the port and remember conn (e.g. with
     * xs_conn_set_priv) to serve its ring.  0, or a negative errno that
     * fails the introduction (conn is then freed without release).
     */
    int (*introduce)(void *ctx, struct xs_conn *conn, uint32_t mfn,
                     uint32_t port);
    /*
     * An introduced domain's connection is going (released, gone, or
     * closed): unbind its port, unmap its page and forget conn, which is
     * freed when this returns.  A RELEASE calls this from inside
     * xs_conn_input of the connection that sent it (always another one).
     */
    void (*release)(void *ctx, struct xs_conn *conn);
    /* Optional (may be NULL): text sent with XS_DEBUG "print". */
    void (*log)(void *ctx, const char *text);
};

/*
 * A new daemon core with the initial store ("/", "/local",
 * "/local/domain", "/tool", dom0's) and no connections: 0 with *out set,
 * or -ENOMEM.  ops is copied.
 */
int xs_daemon_new(const struct xs_daemon_ops *ops, struct xs_daemon **out);

/* Close every connection (releasing introduced domains) and free d. */
void xs_daemon_free(struct xs_daemon *d);

/*
 * Open a local connection acting as domain domid (0: privileged), such
 * as dom0's own ring: 0 with *out set, -EINVAL for a reserved domid, or
 * -ENOMEM.
 */
int xs_conn_open(struct xs_daemon *d, domid_t domid, struct xs_conn **out);

/*
 * Close c: its watches and open transactions go; for an introduced
 * domain ops->release is called first.  No event fires.
 */
void xs_conn_close(struct xs_conn *c);

/*
 * Take up to len bytes of c's request stream and handle every message
 * they complete, queueing replies and watch events.  Returns how many
 * bytes were taken: fewer than len when c's output is full, and then
 * the rest must be offered again once c's client has read its replies.
 * Call it (with len 0 if nothing new came) after draining c's output.
 */
size_t xs_conn_input(struct xs_conn *c, const void *buf, size_t len);

/* The next bytes of c's output and their number, or NULL when none. */
const void *xs_conn_output(const struct xs_conn *c, size_t *len);

/* The first n bytes xs_conn_output offered were sent. */
void xs_conn_output_done(struct xs_conn *c, size_t n);

/*
 * Domain domid died: close its connection (ops->release) and fire
 * @releaseDomain.  0, or -ENOENT if it was not introduced.
 */
int xs_daemon_domain_gone(struct xs_daemon *d, domid_t domid);

/*
 * Domain domid shut down but still exists (for the tools to look at and
 * destroy): fire @releaseDomain, as Xen's daemon does; its connection
 * stays.  0, or -ENOENT if it was not introduced.
 */
int xs_daemon_domain_shutdown(struct xs_daemon *d, domid_t domid);

/* The connection after prev (NULL: the first), or NULL after the last. */
struct xs_conn *xs_daemon_next_conn(struct xs_daemon *d,
                                    struct xs_conn *prev);

/* The introduced connection of domid, or NULL. */
struct xs_conn *xs_daemon_find_domain(struct xs_daemon *d, domid_t domid);

domid_t xs_conn_domid(const struct xs_conn *c);

/* Whether c is an introduced domain's (not a local) connection. */
bool xs_conn_is_introduced(const struct xs_conn *c);

/* A pointer the daemon keeps with c (NULL until set). */
void *xs_conn_priv(const struct xs_conn *c);
void xs_conn_set_priv(struct xs_conn *c, void *priv);
#endif
