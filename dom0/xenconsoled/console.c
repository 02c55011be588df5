/* One domain's console: ring page, port and pty (see console.h). */
#include "dom0/xenconsoled/console.h"
#include "public/errno.h"
#include "xenolinux-lite/include/abi/xenio.h"
#include "user.h"
#include "fcntl.h"

/* Open a pty: its master, its slave and its index. */
static int open_pty(struct console *c)
{
    char path[16];
    c->master = open("/dev/ptmx", O_RDWR);
    if (c->master < 0)
        return -ENOSPC;         /* every pty is taken */
    c->pty = ioctl(c->master, PTY_GETINDEX, 0);
    snprintf(path, sizeof(path), "/dev/pts%d", c->pty);
    c->slave = c->pty < 0 ? -1 : open(path, O_RDWR);
    if (c->slave < 0) {
        close(c->master);
        return -EIO;
    }
    return 0;
}

int console_open(struct console *c, struct hv *h, uint32_t domid,
                 uint32_t mfn, uint32_t remote_port)
{
    int rc;
    c->domid = domid;
    c->said_impossible = 0;
    outbuf_init(&c->pending);
    if ((rc = hv_map(h, domid, mfn, &c->page)) < 0)
        return rc;
    if ((rc = hv_bind(h, domid, remote_port, &c->port)) < 0) {
        hv_unmap(h, c->page);
        return rc;
    }
    if ((rc = open_pty(c)) < 0) {
        hv_unbind(h, c->port);
        hv_unmap(h, c->page);
        return rc;
    }
    guest_ring_attach(&c->ring, c->page);
    return 0;
}

/* The first time the guest's indices are impossible, say so; only
 * once, so that a guest flipping them cannot flood dom0's console.
 * (guest_ring.c ignores the console while they are.) */
static void note_sanity(struct console *c, int sane)
{
    if (!sane && !c->said_impossible) {
        c->said_impossible = 1;
        printf(2, "xenconsoled: domain %d: impossible console indices; "
               "ignoring its console until they are sane\n", c->domid);
    }
}

/* Hand the pty what it takes of the pending output. */
static void flush_pending(struct console *c)
{
    const char *p;
    uint32_t n;
    while ((n = outbuf_peek(&c->pending, &p)) > 0) {
        int took = write(c->master, p, (int)n);
        if (took <= 0)
            return;
        outbuf_consume(&c->pending, (uint32_t)took);
        if ((uint32_t)took < n)
            return;
    }
}

/* Take what the guest wrote; 1 if we freed room in out[]. */
static int take_output(struct console *c)
{
    int got = guest_ring_take_output(&c->ring, &c->pending);
    note_sanity(c, got >= 0);
    return got > 0;
}

/* Pass typed bytes to the guest, as many as in[] has room for. */
static int give_input(struct console *c)
{
    static char typed[sizeof(((struct xencons_interface *)0)->in)];
    int room = guest_ring_input_room(&c->ring);
    if (room <= 0)
        return 0;
    int n = read(c->master, typed, room < (int)sizeof(typed) ? room : (int)sizeof(typed));
    if (n <= 0)
        return 0;
    /* All n fit, unless the guest moved in_cons back meanwhile: then the
     * bytes that no longer fit are lost, its own input. */
    int put = guest_ring_give_input(&c->ring, typed, (uint32_t)n);
    note_sanity(c, put >= 0);
    return put > 0;
}

void console_service(struct console *c, struct hv *h, int pty_readable)
{
    int notify = take_output(c);
    flush_pending(c);
    if (pty_readable)
        notify |= give_input(c);
    if (notify)
        hv_notify(h, c->port);
}

short console_poll_events(const struct console *c)
{
    short ev = 0;
    if (outbuf_len(&c->pending) > 0)
        ev |= POLLOUT;
    if (guest_ring_input_room(&c->ring) > 0)
        ev |= POLLIN;
    return ev;
}

void console_close(struct console *c, struct hv *h)
{
    take_output(c);
    flush_pending(c);
    close(c->slave);
    close(c->master);
    hv_unbind(h, c->port);
    hv_unmap(h, c->page);
}
