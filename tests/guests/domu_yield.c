/*
 * domu_yield (a domU): gives up the CPU rounds=N times with SCHEDOP_yield,
 * then powers off.  Two of them side by side switch domains on every
 * yield, which is what bench measures.
 */
#include "tests/guests/lib/guest.h"
#include "tests/guests/lib/args.h"

void guest_main(void)
{
    uint32_t rounds = 1000;
    arg_uint("rounds", &rounds);
    for (uint32_t i = 0; i < rounds; i++)
        HYPERCALL2(__HYPERVISOR_sched_op, SCHEDOP_yield, 0);
}
