/*
 * One domain's console as xenconsoled serves it: the guest's console
 * page mapped, its console port bound, a pseudo-terminal whose slave
 * (/dev/ptsN) is what `xl console` opens, and the output the pty could
 * not take yet (outbuf.h: the newest 16 KB).
 *
 * xenconsoled keeps a slave file of its own open, so the master never
 * reports a hang-up when `xl console` detaches: output keeps flowing
 * into the pty's queue and then the buffer, and shows on the next
 * attach.
 */
#ifndef DOM0_XENCONSOLED_CONSOLE_H
#define DOM0_XENCONSOLED_CONSOLE_H
#include <stdint.h>
#include "dom0/xenconsoled/guest_ring.h"
#include "dom0/xenconsoled/hv.h"
#include "dom0/xenconsoled/outbuf.h"

struct console {
    uint32_t domid;
    void *page;                 /* the guest's page, mapped */
    struct guest_ring ring;
    uint32_t port;              /* our end of the console channel */
    int master, slave;          /* the pty's two sides */
    int pty;                    /* its index: /dev/ptsN */
    int said_impossible;        /* its indices were impossible once */
    struct outbuf pending;      /* output the pty has not taken */
};

/*
 * Serve domid's console page (machine frame mfn) and port remote_port:
 * map, bind, open a pty.  0, or a negative errno with nothing kept.
 */
int console_open(struct console *c, struct hv *h, uint32_t domid,
                 uint32_t mfn, uint32_t remote_port);

/* Pass on the guest's last output (what the pty takes), then let go of
 * everything: pty, port, mapping. */
void console_close(struct console *c, struct hv *h);

/*
 * Move bytes: the guest's output into the buffer and on to the pty as
 * far as it takes them, and, if pty_readable (poll said POLLIN on the
 * master), typed bytes from the pty into the guest's in[] as far as
 * they fit.  Notifies the guest after either.
 */
void console_service(struct console *c, struct hv *h, int pty_readable);

/* What to poll the master for: POLLOUT while output waits, POLLIN while
 * the guest has room for input. */
short console_poll_events(const struct console *c);
#endif
