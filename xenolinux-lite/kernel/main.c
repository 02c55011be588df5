/*
 * Boot.  The hypervisor built us as its domain builder does (ABI 11.4):
 * our image mapped at KERNBASE, a small bootstrap map around it, events
 * masked, no trap table.  main() sets up, in order, what each next step
 * needs, then becomes the scheduler, which runs the first process.
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"
#include "xenolinux-lite/kernel/mmu.h"
#include "xenolinux-lite/kernel/xen.h"
#include "xenolinux-lite/kernel/blkback.h"

start_info_t *start_info;

void main(start_info_t *si);
void main(start_info_t *si)
{
    start_info = si;
    trapinit();             /* from now on a fault is reported, not fatal to us */
    xeninit();              /* shared_info, event and failsafe callbacks */
    cprintf("xenolinux-lite: %s, %u pages, %s\n", si->magic, si->nr_pages,
            is_dom0() ? "dom0" : "domU");
    pmapinit();             /* all pages mapped; kalloc ready */
    cprintf("xenolinux-lite: %u pages mapped, %u free\n", npages, kfreepages());
    pinit();
    consoleinit();
    devinit();              /* the other drivers */
    timerinit();
    console_input_init();
    xsd_init();             /* dom0: its own store page and port */
    binit();
    fileinit();
    diskinit();
    userinit();
    xenbus_init();          /* after init, which must be pid 1 */
    blkback_init();         /* dom0: serve the domUs' virtual disks */
    events_enable();
    scheduler();
}
