/*
 * The core's own structures and the calls between its files (the main
 * loop sees only xenstored.h).
 *
 *   conn.c         connections, their output queues
 *   conn_input.c   request framing, one message -> one reply
 *   daemon.c       the daemon, its connections, firing watches
 *   request.c      dispatch, node requests
 *   request_*.c    watch, transaction and domain requests
 *   txn.c          transactions
 */
#ifndef DOM0_XENSTORED_CORE_H
#define DOM0_XENSTORED_CORE_H
#include "dom0/xenstored/xenstored.h"
#include "dom0/xenstored/xs_lib.h"
#include "dom0/xenstored/changes.h"
#include "dom0/xenstored/store.h"
#include "dom0/xenstored/path.h"
#include "dom0/xenstored/watch.h"
#include "public/io/xs_wire.h"

#define XS_WATCHES_MAX      128     /* per connection */
#define XS_TXNS_MAX         10      /* open transactions per connection */
#define XS_TXN_CHANGES_MAX  512     /* distinct paths one transaction changes */

#define XS_HEADER_LEN ((uint32_t)sizeof(struct xsd_sockmsg))

struct xs_txn {
    struct xs_txn *next;
    uint32_t id;                    /* the tx_id of its requests, never 0 */
    uint32_t base_generation;       /* the store's when it started */
    struct xs_tree tree;            /* its own version of the store */
    struct xs_changes changes;      /* fired when it commits */
};

/* A queued piece of output: one reply or watch event, header included. */
struct xs_out_msg {
    struct xs_out_msg *next;
    uint32_t len;
    uint32_t sent;
    char data[];
};

enum xs_input_state {
    XS_IN_HEADER,       /* collecting the 16 header bytes */
    XS_IN_PAYLOAD,      /* collecting hdr.len payload bytes */
    XS_IN_READY,        /* a whole message waits to be handled */
    XS_IN_SKIP          /* discarding the payload of a refused message */
};

struct xs_conn {
    struct xs_conn *next;
    struct xs_daemon *d;
    domid_t domid;
    bool introduced;                /* made by XS_INTRODUCE */
    void *priv;

    /* Input: at most one message. */
    enum xs_input_state in_state;
    struct xsd_sockmsg in_hdr;
    uint32_t in_have;               /* bytes of header or payload so far */
    int in_error;                   /* READY: refuse with this (-errno) */
    char in_payload[XENSTORE_PAYLOAD_MAX + 1];  /* NUL after the payload */

    /* Output. */
    struct xs_out_msg *out_head, *out_tail;
    uint32_t out_bytes;             /* queued, with their bookkeeping */
    uint32_t reply_len;             /* payload bytes in reply */
    bool reply_stuck;               /* reply could not be queued (ENOMEM) */
    uint32_t reply_sent;            /* of a stuck reply */
    char reply[sizeof(struct xsd_sockmsg) + XENSTORE_PAYLOAD_MAX];

    struct xs_watch *watches;
    uint32_t nwatches;
    struct xs_watch *new_watch;     /* fires once after its reply */

    struct xs_txn *txns;
    uint32_t ntxns;
    uint32_t next_tx_id;
};

struct xs_daemon {
    struct xs_daemon_ops ops;
    struct xs_tree store;           /* the committed store */
    uint32_t generation;            /* changes committed so far */
    struct xs_conn *conns;
    struct xs_changes fired;        /* the current request's changes */
};

/* ---- conn.c */
/* A new connection for domid, not yet on d's list: the struct or NULL. */
struct xs_conn *xs_conn_alloc(struct xs_daemon *d, domid_t domid);
/* Put c on d's list. */
void xs_conn_link(struct xs_conn *c);
/* Free c and what it holds (unlinked first if linked); no callbacks. */
void xs_conn_free(struct xs_conn *c);
/* Whether c may handle another request now (its output has room). */
bool xs_conn_may_handle(const struct xs_conn *c);
/* Append len bytes to the reply being built: 0 or -ENOSPC. */
int xs_reply_add(struct xs_conn *c, const void *data, size_t len);
/* Append a NUL-terminated string, its NUL included. */
int xs_reply_add_string(struct xs_conn *c, const char *s);
/* Finish the reply (type, the request's ids) and queue it; never lost. */
void xs_reply_send(struct xs_conn *c, uint32_t type,
                   const struct xsd_sockmsg *req);
/* Queue a watch event reporting path for token, unless c is too full. */
void xs_conn_queue_event(struct xs_conn *c, const char *path,
                         const char *token);

/* ---- conn_input.c */
/* Handle the message waiting in c (XS_IN_READY): reply, then fire. */
void xs_conn_handle_message(struct xs_conn *c);

/* ---- daemon.c */
/* Fire every watch matching each change in d->fired, then clear it. */
void xs_daemon_fire_changes(struct xs_daemon *d);
/* Send w's event for a change at the absolute path, if c may see it. */
void xs_daemon_fire_watch(struct xs_conn *c, const struct xs_watch *w,
                          const char *path);
/* Close an introduced connection with ops->release. */
void xs_daemon_release_conn(struct xs_conn *c);

/* ---- request.c and request_*.c: each fills c's reply, or -errno. */
int xs_request_dispatch(struct xs_conn *c, const struct xsd_sockmsg *hdr,
                        const char *payload);
/*
 * Split payload[0..len) into exactly n NUL-terminated strings (the last
 * ending at len): 0 with strs[] set, or -EINVAL.
 */
int xs_request_strings(const char *payload, uint32_t len, const char **strs,
                       uint32_t n);
/* The decimal domid in s (below DOMID_FIRST_RESERVED): 0 or -EINVAL. */
int xs_request_domid(const char *s, domid_t *out);
int xs_request_watch(struct xs_conn *c, const char *payload, uint32_t len);
int xs_request_unwatch(struct xs_conn *c, const char *payload, uint32_t len);
int xs_request_txn_start(struct xs_conn *c, struct xs_txn *t,
                         const char *payload, uint32_t len);
int xs_request_txn_end(struct xs_conn *c, struct xs_txn *t,
                       const char *payload, uint32_t len);
int xs_request_introduce(struct xs_conn *c, const char *payload,
                         uint32_t len);
int xs_request_release(struct xs_conn *c, const char *payload, uint32_t len);
int xs_request_domain_path(struct xs_conn *c, const char *payload,
                           uint32_t len);
int xs_request_is_introduced(struct xs_conn *c, const char *payload,
                             uint32_t len);
int xs_request_debug(struct xs_conn *c, const char *payload, uint32_t len);

/* ---- txn.c */
/* Start a transaction on c: 0 with *out, -ENOSPC (too many), -ENOMEM. */
int xs_txn_start(struct xs_conn *c, struct xs_txn **out);
/* c's open transaction id, or NULL. */
struct xs_txn *xs_txn_find(const struct xs_conn *c, uint32_t id);
/*
 * End t: commit it if commit is set and the store has not changed since
 * it started (its changes are then in d->fired), else -EAGAIN; abort it
 * otherwise.  t is freed either way.  0 or -EAGAIN.
 */
int xs_txn_end(struct xs_conn *c, struct xs_txn *t, bool commit);
/* Abort every open transaction of c. */
void xs_txn_abort_all(struct xs_conn *c);
#endif
