/*
 * xl console DOMAIN: this terminal becomes the domain's console until
 * Ctrl-] (0x1d).  xenconsoled gives each domain's console a
 * pseudo-terminal and writes the slave's path to
 * /local/domain/N/console/tty; we open it, put dom0's console in raw mode
 * (so each key goes to the guest as typed, and the guest echoes), and copy
 * bytes both ways.  Output the guest wrote while nobody was attached is
 * waiting in the pty and in xenconsoled's buffer, and shows at once.
 */
#include "dom0/xl/xl.h"
#include "dom0/libxs/xs.h"
#include "xenolinux-lite/include/abi/xenio.h"
#include "user.h"
#include "fcntl.h"

#define DETACH_KEY 0x1d         /* Ctrl-] */

/* Wait up to a few seconds for xenconsoled to publish the domain's tty. */
static int find_tty(struct xs *xs, int domid, char *tty, int size)
{
    char path[64];
    snprintf(path, sizeof(path), "/local/domain/%d/console/tty", domid);
    for (int tries = 0; tries < 50; tries++) {
        if (xs_read(xs, path, tty, size) > 0)
            return 0;
        sleep(10);
    }
    return -1;
}

/* Copy between the terminal (fds 0 and 1) and the pty until Ctrl-] or
 * the pty hangs up.  Nothing typed after the Ctrl-] is read. */
static void relay(int pty)
{
    char buf[256];
    struct pollfd fds[2] = {
        { .fd = 0, .events = POLLIN }, { .fd = pty, .events = POLLIN },
    };
    for (;;) {
        if (poll(fds, 2, -1) < 0)
            return;
        if (fds[1].revents & POLLIN) {
            int n = read(pty, buf, sizeof(buf));
            if (n <= 0)
                return;
            write(1, buf, n);
        } else if (fds[1].revents & POLLHUP) {
            return;
        }
        if (fds[0].revents & POLLIN) {
            /* One byte at a time: what is typed after Ctrl-] stays in
             * the console's queue and goes to dom0's shell. */
            char c;
            if (read(0, &c, 1) != 1 || c == DETACH_KEY)
                return;
            write(pty, &c, 1);
        }
    }
}

int xl_console_attach(struct xl *xl, int domid)
{
    (void)xl;
    struct xs xs;
    char tty[32];
    if (xs_open(&xs) < 0) {
        printf(2, "xl: cannot open /dev/xenbus\n");
        return 1;
    }
    int found = find_tty(&xs, domid, tty, sizeof(tty));
    xs_close(&xs);
    if (found < 0) {
        printf(2, "xl: domain %d has no console (is xenconsoled running?)\n", domid);
        return 1;
    }
    int pty = open(tty, O_RDWR);
    if (pty < 0) {
        printf(2, "xl: cannot open %s\n", tty);
        return 1;
    }
    /* Raw mode lasts while this file is open (and ends if we die). */
    int cons = open("/dev/console", O_RDWR);
    if (cons < 0 || ioctl(cons, CONSOLE_SETRAW, 1) < 0) {
        printf(2, "xl: the console cannot be put in raw mode\n");
        if (cons >= 0)
            close(cons);
        close(pty);
        return 1;
    }
    relay(pty);
    ioctl(cons, CONSOLE_SETRAW, 0);
    close(cons);
    close(pty);
    printf(1, "\n");
    return 0;
}

int xl_console(struct xl *xl, int argc, char **argv)
{
    domid_t dom;
    if (argc != 2) {
        printf(2, "usage: xl console DOMAIN   (detach with Ctrl-])\n");
        return 1;
    }
    if (xl_find_domain(xl, argv[1], &dom) < 0)
        return 1;
    if (dom == 0) {
        printf(2, "xl: Domain-0's console is this one\n");
        return 1;
    }
    return xl_console_attach(xl, dom);
}
