/*
 * System time, the guests' time records and wall clock, and one-shot
 * timers.  With one physical CPU the time state and the timer list belong
 * to that CPU; interrupts are off whenever the hypervisor touches them.
 */
#include "hypervisor/include/time.h"
#include "hypervisor/include/domain.h"
#include "hypervisor/include/console.h"
#include "arch/x86_32/cpu.h"
#include "arch/x86_32/pit.h"
#include "arch/x86_32/rtc.h"

#define CALIBRATE_MS 50

static struct {
    struct time_scale scale;
    uint64_t boot_tsc;
    uint32_t tsc_khz;
    uint64_t wall_at_boot_ns;       /* UTC of system time 0 */
    struct timer *pending;          /* sorted by expiry */
} clock;

void time_init(void)
{
    uint64_t ticks = pit_measure_tsc(CALIBRATE_MS);
    uint64_t per_sec = ticks * (1000 / CALIBRATE_MS);
    clock.boot_tsc = rdtsc();
    clock.tsc_khz = (uint32_t)(per_sec / 1000);
    time_scale_compute(per_sec, &clock.scale);
    struct rtc_time t;
    rtc_read(&t);
    clock.wall_at_boot_ns = unix_time(t.year, t.mon, t.day, t.hour, t.min,
                                      t.sec) * 1000000000ull;
    printk(LOG_INFO, "time: TSC %u kHz, wall clock %04u-%02u-%02u "
           "%02u:%02u:%02u UTC\n", clock.tsc_khz, t.year, t.mon, t.day,
           t.hour, t.min, t.sec);
}

uint32_t tsc_khz(void)
{
    return clock.tsc_khz;
}

uint64_t now_ns(void)
{
    return time_scale_apply(&clock.scale, rdtsc() - clock.boot_tsc);
}

/* Writes under the version protocol: odd while updating. */
void vcpu_update_time(struct vcpu *v)
{
    struct vcpu_time_info *t = &v->vcpu_info->time;
    uint64_t tsc = rdtsc();
    t->version = (t->version + 1) | 1;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    t->tsc_timestamp = tsc;
    t->system_time = time_scale_apply(&clock.scale, tsc - clock.boot_tsc);
    t->tsc_to_system_mul = clock.scale.mul;
    t->tsc_shift = clock.scale.shift;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    t->version++;
}

void domain_update_wallclock(struct domain *d)
{
    struct shared_info *s = d->shared_info;
    uint64_t wall = clock.wall_at_boot_ns + (uint64_t)d->time_offset_s * 1000000000ull;
    s->wc_version = (s->wc_version + 1) | 1;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    s->wc_sec = (uint32_t)(wall / 1000000000ull);
    s->wc_nsec = (uint32_t)(wall % 1000000000ull);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    s->wc_version++;
}

void timer_stop(struct timer *t)
{
    if (!t->active)
        return;
    for (struct timer **p = &clock.pending; *p; p = &(*p)->next) {
        if (*p == t) {
            *p = t->next;
            break;
        }
    }
    t->active = 0;
}

void timer_set(struct timer *t, uint64_t expires)
{
    timer_stop(t);
    t->expires = expires;
    struct timer **p = &clock.pending;
    while (*p && (*p)->expires <= expires)
        p = &(*p)->next;
    t->next = *p;
    *p = t;
    t->active = 1;
}

void timers_run(void)
{
    uint64_t now = now_ns();
    while (clock.pending && clock.pending->expires <= now) {
        struct timer *t = clock.pending;
        clock.pending = t->next;
        t->active = 0;
        t->fn(t->data);
    }
}

uint64_t timers_next_deadline(void)
{
    return clock.pending ? clock.pending->expires : UINT64_MAX;
}
