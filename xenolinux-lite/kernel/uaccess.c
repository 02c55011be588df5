/*
 * Checking user addresses that drivers hand on or copy.
 *
 * The kernel runs in ring 1 with the process's address space loaded, so
 * it (and the hypervisor, acting for it) could read or write anything
 * there, the kernel included.  Before a user pointer is followed or
 * passed to the hypervisor, it must lie in memory the process owns:
 *
 *   [0, sz)                    its own pages, always mapped
 *   [FOREIGN_BASE, USERTOP)    its foreign mappings (foreign.c), which
 *                              may have holes: fine for the hypervisor,
 *                              whose copies fail cleanly on a hole, but
 *                              not for the kernel, so the kernel itself
 *                              copies only from [0, sz)
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"
#include "xenolinux-lite/kernel/mmu.h"
#include "xenolinux-lite/kernel/proc.h"

/* Does [va, va + len) lie within [lo, hi)? */
static int range_within(uint32_t va, uint32_t len, uint32_t lo, uint32_t hi)
{
    return va >= lo && va <= hi && hi - va >= len;
}

/* May the hypervisor be given [va, va + len) of the current process? */
int user_range_ok(uint32_t va, uint32_t len)
{
    return range_within(va, len, 0, myproc()->sz) ||
           range_within(va, len, FOREIGN_BASE, USERTOP);
}

/* Copy len bytes from the current process's memory at va; 0, or -1 if
 * they do not lie below its size. */
int copyin_user(void *dst, uint32_t va, uint32_t len)
{
    if (!range_within(va, len, 0, myproc()->sz))
        return -1;
    memmove(dst, (const void *)va, len);
    return 0;
}

/* Copy len bytes to the current process's memory at va; 0, or -1 if
 * they do not lie below its size. */
int copyout_user(uint32_t va, const void *src, uint32_t len)
{
    if (!range_within(va, len, 0, myproc()->sz))
        return -1;
    memmove((void *)va, src, len);
    return 0;
}
