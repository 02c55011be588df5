/*
 * domu_timer (a domU): one-shot timers fire on time.
 *
 * Command line: [count=N] [period_ms=P] (default 100 timers of 10 ms).
 * For each timer we ask for VIRQ_TIMER at now + P (set_timer_op, an
 * absolute deadline) and block until our clock has passed the deadline.
 * Lateness is the time from the deadline to when we run again; it must
 * stay under one scheduler slice (10 ms) even though dom0 also runs a
 * CPU-bound domain beside us.  A wake-up before the deadline (the 10 ms
 * tick can arrive just before we block) is counted, not a failure.
 */
#include "tests/guests/lib/domu.h"
#include "tests/guests/lib/events.h"
#include "tests/guests/lib/args.h"

#define SLICE_NS (10 * NS_PER_MS)

void guest_main(void)
{
    uint32_t count = 100, period_ms = 10, early = 0, worst_at = 0;
    uint64_t worst = 0, total = 0;
    domu_check(events_init() == 0, "events_init");
    arg_uint("count", &count);
    arg_uint("period_ms", &period_ms);
    uint32_t fired_before = timer_upcalls;
    for (uint32_t i = 0; i < count; i++) {
        uint64_t deadline = system_time_ns() + period_ms * NS_PER_MS;
        set_timer_at(deadline);
        events_mask();
        while (system_time_ns() < deadline) {
            block();
            events_mask();
            if (system_time_ns() < deadline)
                early++;
        }
        uint64_t late = system_time_ns() - deadline;
        events_unmask();
        total += late;
        if (late > worst) {
            worst = late;
            worst_at = i;
        }
    }
    printf("timer: %u one-shot timers of %u ms: max lateness %u us (timer %u), "
           "mean %u us, %u early wake-ups\n", count, period_ms,
           (uint32_t)(worst / NS_PER_US), worst_at,
           (uint32_t)(total / count / NS_PER_US), early);
    domu_check(timer_upcalls - fired_before >= count,
               "VIRQ_TIMER upcalls %u, timers %u", timer_upcalls - fired_before,
               count);
    domu_check(worst < SLICE_NS, "max lateness %u us is not under 10 ms",
               (uint32_t)(worst / NS_PER_US));
    domu_finish();
}
