/*
 * The kernel's side of the hypervisor interface: hypercalls through the
 * hypercall page, and the pages the hypervisor shares with us.  This is
 * the one header with inline assembly; everything else calls these.
 */
#ifndef XL_XEN_H
#define XL_XEN_H
#include <stdint.h>
#include "public/xen.h"
#include "public/sched.h"
#include "public/event_channel.h"
#include "public/version.h"

extern char hypercall_page[];       /* filled by the hypervisor (head.S) */
extern start_info_t *start_info;    /* what the domain builder told us */
extern shared_info_t *shared;       /* mapped by xeninit() */
#define vcpu0 (&shared->vcpu_info[0])

#define HYPERCALL_IRET_OFFSET (__HYPERVISOR_iret * 32)

/* Call hypercall nr with up to five arguments; returns its result. */
static inline long hypercall5(unsigned int nr, uint32_t a1, uint32_t a2,
                              uint32_t a3, uint32_t a4, uint32_t a5)
{
    long ret;
    void *fn = hypercall_page + nr * 32;
    __asm__ volatile("call *%6"
                     : "=a"(ret), "+b"(a1), "+c"(a2), "+d"(a3), "+S"(a4),
                       "+D"(a5)
                     : "m"(fn)
                     : "memory");
    return ret;
}
#define HYPERCALL1(nr, a) hypercall5(nr, (uint32_t)(a), 0, 0, 0, 0)
#define HYPERCALL2(nr, a, b) hypercall5(nr, (uint32_t)(a), (uint32_t)(b), 0, 0, 0)
#define HYPERCALL3(nr, a, b, c) \
    hypercall5(nr, (uint32_t)(a), (uint32_t)(b), (uint32_t)(c), 0, 0)
#define HYPERCALL4(nr, a, b, c, d) \
    hypercall5(nr, (uint32_t)(a), (uint32_t)(b), (uint32_t)(c), (uint32_t)(d), 0)

static inline void mb(void)
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
}

static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

static inline int is_dom0(void)
{
    return (start_info->flags & SIF_INITDOMAIN) != 0;
}
#endif
