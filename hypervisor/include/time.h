/*
 * Time.  System time is nanoseconds since boot, derived from the TSC with
 * a scale computed once at boot (as Xen's: ns = ((tsc << shift) * mul)
 * >> 32, with a negative shift meaning a right shift).  Each vCPU's
 * vcpu_time_info carries that scale and a (tsc, system time) reference
 * point; the shared_info wall clock is the UTC time of system time 0.
 */
#ifndef HV_TIME_H
#define HV_TIME_H
#include <stdint.h>

struct vcpu;
struct domain;

struct time_scale {
    uint32_t mul;       /* 0.32 fixed point */
    int8_t shift;
};

/* The scale that turns ticks at ticks_per_sec into nanoseconds. */
void time_scale_compute(uint64_t ticks_per_sec, struct time_scale *ts);
/* Scale a tick count to nanoseconds. */
uint64_t time_scale_apply(const struct time_scale *ts, uint64_t ticks);

/* Seconds since 1970 for a UTC calendar date (pure, for the RTC). */
uint64_t unix_time(unsigned int year, unsigned int mon, unsigned int day,
                   unsigned int hour, unsigned int min, unsigned int sec);

/* Boot: calibrate against the PIT, read the wall clock. */
void time_init(void);
uint64_t now_ns(void);
uint32_t tsc_khz(void);

/* Publish the time records of v (version protocol), and d's wall clock. */
void vcpu_update_time(struct vcpu *v);
void domain_update_wallclock(struct domain *d);

/*
 * One-shot timers, checked on every timer interrupt.  A timer belongs to
 * whoever embeds it; timer_set() re-arms it, timer_stop() cancels it.
 */
struct timer {
    uint64_t expires;                   /* system time, ns */
    void (*fn)(void *data);
    void *data;
    struct timer *next;                 /* on the pending list */
    int active;
};
void timer_set(struct timer *t, uint64_t expires);
void timer_stop(struct timer *t);
/* Run every timer due now; called from the timer interrupt. */
void timers_run(void);
/* The earliest pending deadline, or UINT64_MAX. */
uint64_t timers_next_deadline(void);
#endif
