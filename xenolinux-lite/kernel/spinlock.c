/*
 * Spinlocks on one vCPU: holding one means events (our interrupts) are
 * masked, so no upcall can run code that wants the same lock.  There is
 * nothing to spin on; "locked" only catches double acquires.
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/spinlock.h"
#include "xenolinux-lite/kernel/core.h"

void initlock(struct spinlock *lk, const char *name)
{
    lk->name = name;
    lk->locked = 0;
    lk->cpu = 0;
}

void acquire(struct spinlock *lk)
{
    pushcli();
    if (holding(lk))
        panic(lk->name);
    lk->locked = 1;
    lk->cpu = mycpu();
}

void release(struct spinlock *lk)
{
    if (!holding(lk))
        panic("release");
    lk->cpu = 0;
    lk->locked = 0;
    popcli();
}

int holding(struct spinlock *lk)
{
    int r;
    pushcli();
    r = lk->locked && lk->cpu == mycpu();
    popcli();
    return r;
}

/*
 * pushcli/popcli nest: events are enabled again only by the popcli that
 * matches the first pushcli, and only if they were enabled before it.
 */
void pushcli(void)
{
    int was = events_enabled();
    events_disable();
    if (mycpu()->ncli == 0)
        mycpu()->intena = was;
    mycpu()->ncli += 1;
}

void popcli(void)
{
    if (events_enabled())
        panic("popcli - interruptible");
    if (--mycpu()->ncli < 0)
        panic("popcli");
    if (mycpu()->ncli == 0 && mycpu()->intena)
        events_enable();
}
