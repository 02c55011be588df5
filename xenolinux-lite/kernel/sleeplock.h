/* A lock a process may hold across sleep() (disk and inode locks). */
#ifndef XL_SLEEPLOCK_H
#define XL_SLEEPLOCK_H
#include "xenolinux-lite/kernel/spinlock.h"

struct sleeplock {
    uint32_t locked;
    struct spinlock lk;     /* protects this sleep lock */
    const char *name;
    int pid;                /* holder */
};
#endif
