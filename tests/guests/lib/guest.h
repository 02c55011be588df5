/*
 * The runtime of the tiny test guests: each is a PV kernel that the
 * hypervisor boots as dom0.  A guest defines guest_main(), prints what it
 * checks, and ends with "RESULT: N checks, M failed" and a poweroff.
 */
#ifndef TEST_GUEST_H
#define TEST_GUEST_H
#include <stdint.h>
#include "public/xen.h"
#include "public/sched.h"
#include "public/version.h"

extern char hypercall_page[];
extern start_info_t *start_info;
extern shared_info_t *shared;

struct trap_record {
    uint32_t vector, error, eip, cs, eflags;
};
extern volatile struct trap_record last_trap;
extern volatile uint32_t trap_count;

/* Call hypercall nr through the hypercall page. */
static inline long hypercall(unsigned int nr, uint32_t a1, uint32_t a2,
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
#define HYPERCALL0(nr) hypercall(nr, 0, 0, 0, 0, 0)
#define HYPERCALL1(nr, a) hypercall(nr, (uint32_t)(a), 0, 0, 0, 0)
#define HYPERCALL2(nr, a, b) hypercall(nr, (uint32_t)(a), (uint32_t)(b), 0, 0, 0)
#define HYPERCALL3(nr, a, b, c) \
    hypercall(nr, (uint32_t)(a), (uint32_t)(b), (uint32_t)(c), 0, 0)
#define HYPERCALL4(nr, a, b, c, d) \
    hypercall(nr, (uint32_t)(a), (uint32_t)(b), (uint32_t)(c), (uint32_t)(d), 0)

void guest_main(void);
void printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void guest_exit(unsigned int reason) __attribute__((noreturn));

/* Record one check; prints "FAIL: what" when it does not hold. */
void check(int ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Print the RESULT line and power off (always with reason poweroff). */
void finish(void) __attribute__((noreturn));

/* Map shared_info at a page of our own (update_va_mapping). */
int map_shared_info(void);

/* Register handlers for every exception we can catch, plus vectors 64/65. */
int install_trap_table(void);

/* Call fn(arg); return 1 if it raised an exception (see last_trap). */
int guest_try(void (*fn)(void *), void *arg);

/* The guest's L1 entry for va, through the bootstrap page tables. */
uint32_t guest_l1e(uint32_t va);
/* Machine address of the L1 entry for va. */
uint64_t guest_l1e_maddr(uint32_t va);
#endif
