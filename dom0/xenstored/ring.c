/* A connection's bytes through its ring page (see ring.h). */
#include "dom0/xenstored/ring.h"
#include "dom0/xenstored/xs_lib.h"

static void barrier(void)
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
}

/*
 * Take what req[] holds into c: the bytes taken (0 if none), or -EIO.
 * With nothing new it still offers c a chance to handle a message that
 * waited for its output to drain.
 */
static int ring_pull(volatile struct xenstore_domain_interface *intf,
                     struct xs_conn *c)
{
    static char buf[XENSTORE_RING_SIZE];    /* off the one-page stack */
    XENSTORE_RING_IDX cons = intf->req_cons, prod = intf->req_prod;
    uint32_t avail, at, i;
    size_t taken;

    barrier();
    avail = prod - cons;
    if (avail > XENSTORE_RING_SIZE)
        return -EIO;
    at = MASK_XENSTORE_IDX(cons);
    for (i = 0; i < avail; i++)
        buf[i] = intf->req[(at + i) & (XENSTORE_RING_SIZE - 1)];
    taken = xs_conn_input(c, buf, avail);
    if (taken == 0)
        return 0;
    barrier();
    intf->req_cons = cons + (uint32_t)taken;
    return (int)taken;
}

/* Put what c has to say into rsp[]: the bytes put (0 if none), or -EIO. */
static int ring_push(volatile struct xenstore_domain_interface *intf,
                     struct xs_conn *c)
{
    const char *data;
    size_t len;
    int pushed = 0;

    while ((data = xs_conn_output(c, &len)) != NULL && len > 0) {
        XENSTORE_RING_IDX cons = intf->rsp_cons, prod = intf->rsp_prod;
        uint32_t used, room, at, n, i;

        barrier();
        used = prod - cons;
        if (used > XENSTORE_RING_SIZE)
            return -EIO;
        room = XENSTORE_RING_SIZE - used;
        if (room == 0)
            break;
        at = MASK_XENSTORE_IDX(prod);
        n = len < room ? (uint32_t)len : room;
        for (i = 0; i < n; i++)
            intf->rsp[(at + i) & (XENSTORE_RING_SIZE - 1)] = data[i];
        barrier();
        intf->rsp_prod = prod + n;
        xs_conn_output_done(c, n);
        pushed += (int)n;
    }
    return pushed;
}

int xs_ring_serve(volatile struct xenstore_domain_interface *intf,
                  struct xs_conn *c)
{
    int round, in, out, moved = 0;

    for (round = 0; round < XS_RING_ROUNDS; round++) {
        in = ring_pull(intf, c);
        if (in < 0)
            return in;
        out = ring_push(intf, c);
        if (out < 0)
            return out;
        if (in == 0 && out == 0)
            break;
        moved = 1;
    }
    return moved;
}
