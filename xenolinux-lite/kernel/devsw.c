/*
 * The device switch: which driver serves each major number (file.h's
 * struct devsw; the numbers are in include/abi/xenio.h).
 *
 *   1 console   console.c      everyone; raw mode for `xl console`
 *   2 privcmd   privcmd.c      dom0: hypercalls and foreign mappings
 *   3 evtchn    evtchndev.c    dom0: event-channel ports for programs
 *   4 xenbus    xenbus_dev.c   every domain with a store (registered by
 *                              xenbus_init once it found the ring)
 *   5 ptmx      pty.c          pseudo-terminal masters
 *   6 ptsN      pty.c          their slaves
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"
#include "xenolinux-lite/kernel/param.h"
#include "xenolinux-lite/kernel/file.h"
#include "xenolinux-lite/include/abi/xenio.h"

_Static_assert(DEV_CONSOLE == CONSOLE, "the console's major number");
_Static_assert(DEV_PTS < NDEV, "every major fits in devsw");

struct devsw devsw[NDEV];

/* Register every driver but the console's (consoleinit, earlier). */
void devinit(void)
{
    privcmd_init();
    evtchndev_init();
    pty_init();
}
