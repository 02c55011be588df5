/*
 * Pseudo-terminals: /dev/ptmx (major DEV_PTMX) and /dev/ptsN (DEV_PTS,
 * minor N).  xenconsoled holds the master of a domain's console; `xl
 * console` opens the slave.
 *
 * Each pty has two queues of PTY_QUEUE bytes: to_slave (master writes,
 * slave reads) and to_master.  Counters only grow, as in pipe.c: a queue
 * is empty when nread == nwrite and full when nwrite == nread + PTY_QUEUE.
 * Readers sleep on &q->nread, slave writers on &q->nwrite; every change
 * also wakes poll().
 *
 * A master write never blocks (xenconsoled must keep serving every
 * domain): it takes what fits.  A slave write blocks while the queue is
 * full.  Hang-ups: the slave's reads end (0) once the master is closed;
 * the master's once the slave was opened and every slave file has been
 * closed again, until the next slave open.  A pty is free again when
 * both sides are closed.
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"
#include "xenolinux-lite/kernel/file.h"
#include "xenolinux-lite/kernel/proc.h"
#include "xenolinux-lite/kernel/spinlock.h"
#include "xenolinux-lite/include/abi/xenio.h"

struct ptyq {
    uint32_t nread, nwrite;
    char data[PTY_QUEUE];
};

struct pty {
    int used;               /* allocated by a ptmx open */
    int master_open;        /* the ptmx file is still open */
    int slave_opens;        /* open files of the slave */
    int slave_seen;         /* a slave was opened: its closing is a hang-up */
    struct ptyq to_slave, to_master;
};

static struct {
    struct spinlock lock;   /* everything here */
    struct pty pty[NPTY];
} ptys = { .lock = { 0, "pty", 0 } };

static int q_empty(const struct ptyq *q)
{
    return q->nread == q->nwrite;
}

static int q_full(const struct ptyq *q)
{
    return q->nwrite == q->nread + PTY_QUEUE;
}

static void q_reset(struct ptyq *q)
{
    q->nread = q->nwrite = 0;
}

/* Copy up to n queued bytes to dst; the count. */
static int q_take(struct ptyq *q, char *dst, int n)
{
    int i;
    for (i = 0; i < n && !q_empty(q); i++)
        dst[i] = q->data[q->nread++ % PTY_QUEUE];
    return i;
}

/* Has the master's peer hung up (a slave came and all slaves went)? */
static int slave_gone(const struct pty *p)
{
    return p->slave_seen && p->slave_opens == 0;
}

/* Wake everyone waiting on p (lock held): a side closed. */
static void wake_all(struct pty *p)
{
    wakeup(&p->to_slave.nread);
    wakeup(&p->to_slave.nwrite);
    wakeup(&p->to_master.nread);
    wakeup(&p->to_master.nwrite);
    pollwakeup();
}

/* Free p once neither side is open (lock held). */
static void put_pty(struct pty *p)
{
    if (!p->master_open && p->slave_opens == 0)
        p->used = 0;
}

/*
 * Read from q for the side whose peer hung up when hung_up() says so:
 * waits for bytes; returns the count, 0 after a hang-up, -1 if killed.
 */
static int pty_read(struct pty *p, struct ptyq *q,
                    int (*hung_up)(const struct pty *), char *dst, int n)
{
    acquire(&ptys.lock);
    while (q_empty(q) && !hung_up(p)) {
        if (myproc()->killed) {
            release(&ptys.lock);
            return -1;
        }
        sleep(&q->nread, &ptys.lock);
    }
    int got = q_take(q, dst, n);
    wakeup(&q->nwrite);
    pollwakeup();
    release(&ptys.lock);
    return got;
}

/* ------------------------------------------------------------ master */

static int master_hung_up(const struct pty *p)
{
    return slave_gone(p);
}

static int ptmx_open(struct file *f)
{
    acquire(&ptys.lock);
    for (struct pty *p = ptys.pty; p < ptys.pty + NPTY; p++) {
        if (!p->used) {
            p->used = 1;
            p->master_open = 1;
            p->slave_opens = 0;
            p->slave_seen = 0;
            q_reset(&p->to_slave);
            q_reset(&p->to_master);
            f->priv = p;
            release(&ptys.lock);
            return 0;
        }
    }
    release(&ptys.lock);
    return -1;
}

static void ptmx_close(struct file *f)
{
    struct pty *p = f->priv;
    acquire(&ptys.lock);
    p->master_open = 0;
    wake_all(p);
    put_pty(p);
    release(&ptys.lock);
}

static int ptmx_read(struct file *f, char *dst, int n)
{
    struct pty *p = f->priv;
    return pty_read(p, &p->to_master, master_hung_up, dst, n);
}

/* Queue what fits of src for the slave; never waits. */
static int ptmx_write(struct file *f, char *src, int n)
{
    struct pty *p = f->priv;
    struct ptyq *q = &p->to_slave;
    int i;
    acquire(&ptys.lock);
    for (i = 0; i < n && !q_full(q); i++)
        q->data[q->nwrite++ % PTY_QUEUE] = src[i];
    wakeup(&q->nread);
    pollwakeup();
    release(&ptys.lock);
    return i;
}

static int ptmx_ioctl(struct file *f, uint32_t cmd, uint32_t arg)
{
    struct pty *p = f->priv;
    (void)arg;
    if (cmd != PTY_GETINDEX)
        return -1;
    return p - ptys.pty;
}

static int ptmx_poll(struct file *f)
{
    struct pty *p = f->priv;
    acquire(&ptys.lock);
    int ready = (!q_empty(&p->to_master) ? POLLIN : 0) |
                (!q_full(&p->to_slave) ? POLLOUT : 0) |
                (slave_gone(p) ? POLLHUP : 0);
    release(&ptys.lock);
    return ready;
}

/* ------------------------------------------------------------- slave */

static int slave_hung_up(const struct pty *p)
{
    return !p->master_open;
}

/* /dev/ptsN: only while pty N's master is open. */
static int pts_open(struct file *f)
{
    if (f->minor < 0 || f->minor >= NPTY)
        return -1;
    struct pty *p = &ptys.pty[f->minor];
    acquire(&ptys.lock);
    if (!p->used || !p->master_open) {
        release(&ptys.lock);
        return -1;
    }
    p->slave_opens++;
    p->slave_seen = 1;
    f->priv = p;
    pollwakeup();           /* the master's hang-up, if any, is over */
    release(&ptys.lock);
    return 0;
}

static void pts_close(struct file *f)
{
    struct pty *p = f->priv;
    acquire(&ptys.lock);
    p->slave_opens--;
    wake_all(p);
    put_pty(p);
    release(&ptys.lock);
}

static int pts_read(struct file *f, char *dst, int n)
{
    struct pty *p = f->priv;
    return pty_read(p, &p->to_slave, slave_hung_up, dst, n);
}

/* Queue all of src for the master, waiting while the queue is full;
 * n, or -1 if the master hangs up or the writer is killed first. */
static int pts_write(struct file *f, char *src, int n)
{
    struct pty *p = f->priv;
    struct ptyq *q = &p->to_master;
    int i = 0;
    acquire(&ptys.lock);
    while (i < n) {
        if (!p->master_open || myproc()->killed) {
            release(&ptys.lock);
            return -1;
        }
        if (q_full(q)) {
            wakeup(&q->nread);
            pollwakeup();
            sleep(&q->nwrite, &ptys.lock);
        } else {
            q->data[q->nwrite++ % PTY_QUEUE] = src[i++];
        }
    }
    wakeup(&q->nread);
    pollwakeup();
    release(&ptys.lock);
    return n;
}

static int pts_poll(struct file *f)
{
    struct pty *p = f->priv;
    acquire(&ptys.lock);
    int ready = (!q_empty(&p->to_slave) ? POLLIN : 0) |
                (p->master_open && !q_full(&p->to_master) ? POLLOUT : 0) |
                (!p->master_open ? POLLHUP : 0);
    release(&ptys.lock);
    return ready;
}

void pty_init(void)
{
    devsw[DEV_PTMX].open = ptmx_open;
    devsw[DEV_PTMX].close = ptmx_close;
    devsw[DEV_PTMX].read = ptmx_read;
    devsw[DEV_PTMX].write = ptmx_write;
    devsw[DEV_PTMX].ioctl = ptmx_ioctl;
    devsw[DEV_PTMX].poll = ptmx_poll;
    devsw[DEV_PTS].open = pts_open;
    devsw[DEV_PTS].close = pts_close;
    devsw[DEV_PTS].read = pts_read;
    devsw[DEV_PTS].write = pts_write;
    devsw[DEV_PTS].poll = pts_poll;
}
