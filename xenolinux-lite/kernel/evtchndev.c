/*
 * /dev/evtchn (major DEV_EVTCHN, dom0 only): event-channel ports for
 * programs (xenstored, xenconsoled).
 *
 * A port bound through an open file belongs to that file (owner[]): only
 * it may notify or unbind the port, and closing the file closes every
 * port it owns.  When an owned port fires, evtchn_dispatch runs
 * port_fired(), which queues the port on its file unless it is queued
 * already (queued[]), and wakes the file's readers and every poll.  A
 * read takes ports off the queue as uint32_t numbers.  Each file's queue
 * has room for every port there is, so it never overflows.
 *
 * The lock is a spinlock, so holding it masks events: a port is bound
 * and given its owner and handler with no event dispatched in between.
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"
#include "xenolinux-lite/kernel/file.h"
#include "xenolinux-lite/kernel/mmu.h"
#include "xenolinux-lite/kernel/proc.h"
#include "xenolinux-lite/kernel/spinlock.h"
#include "xenolinux-lite/kernel/xen.h"
#include "xenolinux-lite/include/abi/xenio.h"

/* One open file's queue of fired ports: [head, tail), counting up. */
struct evtchn_file {
    uint32_t head, tail;
    uint16_t ring[NR_EVENT_CHANNELS];
};
_Static_assert(sizeof(struct evtchn_file) <= PGSIZE, "one page per file");

static struct {
    struct spinlock lock;
    struct evtchn_file *owner[NR_EVENT_CHANNELS];   /* 0: not a file's */
    uint8_t queued[NR_EVENT_CHANNELS];              /* in its owner's queue */
} ev = { .lock = { 0, "evtchndev", 0 } };

/* An owned port fired (event context, events masked). */
static void port_fired(evtchn_port_t port)
{
    acquire(&ev.lock);
    struct evtchn_file *ef = ev.owner[port];
    if (ef && !ev.queued[port]) {
        ev.queued[port] = 1;
        ef->ring[ef->tail++ % NR_EVENT_CHANNELS] = (uint16_t)port;
        wakeup(ef);
        pollwakeup();
    }
    release(&ev.lock);
}

/*
 * Make hypercall EVTCHNOP cmd with op (whose out field *port receives the
 * new local port) and give the port to ef.  0, or -1 if refused.
 */
static int bind_port(struct evtchn_file *ef, uint32_t cmd, void *op,
                     evtchn_port_t *port)
{
    acquire(&ev.lock);
    long rc = HYPERCALL2(__HYPERVISOR_event_channel_op, cmd, op);
    if (rc == 0 && *port < NR_EVENT_CHANNELS) {
        ev.owner[*port] = ef;
        ev.queued[*port] = 0;
        evtchn_set_handler(*port, port_fired);
        rc = evtchn_unmask(*port);
    } else if (rc == 0) {
        rc = -1;            /* a port we could not track: not possible */
    }
    release(&ev.lock);
    return rc < 0 ? -1 : 0;
}

/* Take port from ef and close it (ev.lock held). */
static void unbind_port(struct evtchn_file *ef, evtchn_port_t port)
{
    evtchn_set_handler(port, 0);
    ev.owner[port] = 0;
    if (ev.queued[port]) {
        /* Drop it from the queue, keeping the others in order. */
        uint32_t to = ef->head;
        for (uint32_t from = ef->head; from != ef->tail; from++) {
            uint16_t p = ef->ring[from % NR_EVENT_CHANNELS];
            if (p != port)
                ef->ring[to++ % NR_EVENT_CHANNELS] = p;
        }
        ef->tail = to;
        ev.queued[port] = 0;
    }
    evtchn_close_t c = { .port = port };
    HYPERCALL2(__HYPERVISOR_event_channel_op, EVTCHNOP_close, &c);
}

/* Does ef own port? */
static int owns(struct evtchn_file *ef, uint32_t port)
{
    return port < NR_EVENT_CHANNELS && ev.owner[port] == ef;
}

static int evtchn_open(struct file *f)
{
    if (!is_dom0())
        return -1;
    struct evtchn_file *ef = kalloc();
    if (!ef)
        return -1;
    ef->head = ef->tail = 0;
    f->priv = ef;
    return 0;
}

/* Close every port the file owns, then free its queue. */
static void evtchn_release(struct file *f)
{
    struct evtchn_file *ef = f->priv;
    acquire(&ev.lock);
    for (evtchn_port_t port = 0; port < NR_EVENT_CHANNELS; port++)
        if (ev.owner[port] == ef)
            unbind_port(ef, port);
    release(&ev.lock);
    kfree(ef);
}

/* Wait for fired ports; return as many whole ones as fit in n bytes. */
static int evtchn_read(struct file *f, char *dst, int n)
{
    struct evtchn_file *ef = f->priv;
    int got = 0;
    if (n < (int)sizeof(uint32_t))
        return -1;
    acquire(&ev.lock);
    while (ef->head == ef->tail) {
        if (myproc()->killed) {
            release(&ev.lock);
            return -1;
        }
        sleep(ef, &ev.lock);
    }
    while (ef->head != ef->tail && n - got >= (int)sizeof(uint32_t)) {
        uint32_t port = ef->ring[ef->head++ % NR_EVENT_CHANNELS];
        ev.queued[port] = 0;
        memmove(dst + got, &port, sizeof(port));
        got += sizeof(port);
    }
    release(&ev.lock);
    return got;
}

static int evtchn_poll(struct file *f)
{
    struct evtchn_file *ef = f->priv;
    acquire(&ev.lock);
    int ready = ef->head != ef->tail ? POLLIN : 0;
    release(&ev.lock);
    return ready;
}

/* NOTIFY and UNBIND: only on a port the file owns. */
static int port_op(struct evtchn_file *ef, uint32_t cmd, uint32_t port)
{
    int rc = 0;
    acquire(&ev.lock);
    if (!owns(ef, port)) {
        rc = -1;
    } else if (cmd == EVTCHN_UNBIND) {
        unbind_port(ef, port);
    } else {
        evtchn_send_t s = { .port = port };
        if (HYPERCALL2(__HYPERVISOR_event_channel_op, EVTCHNOP_send, &s) < 0)
            rc = -1;
    }
    release(&ev.lock);
    return rc;
}

static int evtchn_ioctl(struct file *f, uint32_t cmd, uint32_t arg)
{
    struct evtchn_file *ef = f->priv;
    switch (cmd) {
    case EVTCHN_BIND_INTERDOMAIN: {
        struct evtchn_ioctl_bind_interdomain u;
        if (copyin_user(&u, arg, sizeof(u)) < 0 || u.remote_dom > 0xFFFF)
            return -1;
        evtchn_bind_interdomain_t b = { .remote_dom = (domid_t)u.remote_dom,
                                        .remote_port = u.remote_port };
        if (bind_port(ef, EVTCHNOP_bind_interdomain, &b, &b.local_port) < 0)
            return -1;
        u.port = b.local_port;
        return copyout_user(arg, &u, sizeof(u));
    }
    case EVTCHN_BIND_VIRQ: {
        struct evtchn_ioctl_bind_virq u;
        if (copyin_user(&u, arg, sizeof(u)) < 0)
            return -1;
        evtchn_bind_virq_t b = { .virq = u.virq, .vcpu = 0 };
        if (bind_port(ef, EVTCHNOP_bind_virq, &b, &b.port) < 0)
            return -1;
        u.port = b.port;
        return copyout_user(arg, &u, sizeof(u));
    }
    case EVTCHN_ALLOC_UNBOUND: {
        struct evtchn_ioctl_alloc_unbound u;
        if (copyin_user(&u, arg, sizeof(u)) < 0 || u.remote_dom > 0xFFFF)
            return -1;
        evtchn_alloc_unbound_t a = { .dom = DOMID_SELF,
                                     .remote_dom = (domid_t)u.remote_dom };
        if (bind_port(ef, EVTCHNOP_alloc_unbound, &a, &a.port) < 0)
            return -1;
        u.port = a.port;
        return copyout_user(arg, &u, sizeof(u));
    }
    case EVTCHN_NOTIFY:
    case EVTCHN_UNBIND:
        return port_op(ef, cmd, arg);
    default:
        return -1;
    }
}

void evtchndev_init(void)
{
    devsw[DEV_EVTCHN].open = evtchn_open;
    devsw[DEV_EVTCHN].close = evtchn_release;
    devsw[DEV_EVTCHN].read = evtchn_read;
    devsw[DEV_EVTCHN].ioctl = evtchn_ioctl;
    devsw[DEV_EVTCHN].poll = evtchn_poll;
}
