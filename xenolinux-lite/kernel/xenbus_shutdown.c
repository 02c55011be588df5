/*
 * A domU's way of being asked to stop, as Xen's guests have it: dom0's
 * tools write "poweroff", "halt" or "reboot" to control/shutdown (in the
 * domain's own directory; `xl shutdown` does), and the guest, watching
 * that node, clears it (so the request is taken once, and the tools can
 * see it was taken) and ends itself in order (shutdown.c) with the
 * matching reason.  Anything else written there is cleared and ignored.
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"
#include "xenolinux-lite/kernel/xen.h"
#include "xenolinux-lite/kernel/xenbus.h"
#include "public/errno.h"

#define SHUTDOWN_NODE "control/shutdown"
#define TRIES 10                    /* transactions that may conflict */

/*
 * Take the request in control/shutdown: read and clear it in one
 * transaction.  Returns the SHUTDOWN_* reason it asks for, or -1 if
 * there is none (empty, missing, unknown, or the store failed).
 */
static int take_request(void)
{
    char value[16];
    for (int attempt = 0; attempt < TRIES; attempt++) {
        xenbus_transaction_t t;
        int rc = xenbus_transaction_start(&t);
        if (rc < 0) {
            cprintf("xenbus: shutdown: no transaction (%d)\n", rc);
            return -1;
        }
        int len = xenbus_read(t, SHUTDOWN_NODE, value, sizeof(value));
        if (len == 0 || len == -ENOENT) {
            xenbus_transaction_end(t, 1);
            return -1;              /* nothing asked */
        }
        if (len == -ENOSPC) {
            memmove(value, "(too long)", 11);
        } else if (len < 0) {
            cprintf("xenbus: shutdown: cannot read " SHUTDOWN_NODE " (%d)\n", len);
            xenbus_transaction_end(t, 1);
            return -1;
        }
        rc = xenbus_write(t, SHUTDOWN_NODE, "");
        if (rc < 0) {
            xenbus_transaction_end(t, 1);
            cprintf("xenbus: shutdown: cannot clear " SHUTDOWN_NODE " (%d)\n", rc);
            return -1;
        }
        rc = xenbus_transaction_end(t, 0);
        if (rc == -EAGAIN)
            continue;
        if (rc < 0) {
            cprintf("xenbus: shutdown: commit failed (%d)\n", rc);
            return -1;
        }
        if (strncmp(value, "poweroff", sizeof(value)) == 0 ||
            strncmp(value, "halt", sizeof(value)) == 0)
            return SHUTDOWN_poweroff;
        if (strncmp(value, "reboot", sizeof(value)) == 0)
            return SHUTDOWN_reboot;
        cprintf("xenbus: shutdown: unknown request '%s' ignored\n", value);
        return -1;
    }
    cprintf("xenbus: shutdown: the store kept changing; request not taken\n");
    return -1;
}

/* The watch's callback (in the xenbus thread). */
static void shutdown_requested(const char *path, void *arg)
{
    (void)path;
    (void)arg;
    int reason = take_request();
    if (reason >= 0) {
        cprintf("xenbus: shutdown requested (%s)\n",
                reason == SHUTDOWN_reboot ? "reboot" : "poweroff");
        domain_shutdown((unsigned int)reason);
    }
}

void xenbus_shutdown_watch(void)
{
    int rc = xenbus_watch(SHUTDOWN_NODE, shutdown_requested, 0);
    if (rc < 0)
        cprintf("xenbus: cannot watch " SHUTDOWN_NODE " (%d)\n", rc);
}
