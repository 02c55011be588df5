/* Sleeping locks: held across disk waits; the holder may sleep. */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/proc.h"
#include "xenolinux-lite/kernel/sleeplock.h"

void initsleeplock(struct sleeplock *lk, const char *name)
{
    initlock(&lk->lk, "sleep lock");
    lk->name = name;
    lk->locked = 0;
    lk->pid = 0;
}

void acquiresleep(struct sleeplock *lk)
{
    acquire(&lk->lk);
    while (lk->locked)
        sleep(lk, &lk->lk);
    lk->locked = 1;
    lk->pid = myproc() ? myproc()->pid : 0;
    release(&lk->lk);
}

void releasesleep(struct sleeplock *lk)
{
    acquire(&lk->lk);
    lk->locked = 0;
    lk->pid = 0;
    wakeup(lk);
    release(&lk->lk);
}

int holdingsleep(struct sleeplock *lk)
{
    int r;
    acquire(&lk->lk);
    r = lk->locked && lk->pid == (myproc() ? myproc()->pid : 0);
    release(&lk->lk);
    return r;
}
