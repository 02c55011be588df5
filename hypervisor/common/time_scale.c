/*
 * The arithmetic of time: tick-to-nanosecond scales and calendar dates.
 * Pure code, also built into the host unit tests.
 */
#include "hypervisor/include/time.h"

#define NS_PER_SEC 1000000000ull

void time_scale_compute(uint64_t ticks_per_sec, struct time_scale *ts)
{
    int shift = 0;
    uint64_t tps = ticks_per_sec;
    /* Bring the rate into (1e9, 2e9] so that mul = 1e9/tps fits 0.32. */
    while (tps > 2 * NS_PER_SEC) {
        tps >>= 1;
        shift--;
    }
    while (tps <= NS_PER_SEC) {
        tps <<= 1;
        shift++;
    }
    ts->mul = (uint32_t)((NS_PER_SEC << 32) / tps);
    ts->shift = (int8_t)shift;
}

uint64_t time_scale_apply(const struct time_scale *ts, uint64_t ticks)
{
    if (ts->shift < 0)
        ticks >>= -ts->shift;
    else
        ticks <<= ts->shift;
    /* (ticks * mul) >> 32 with a 96-bit intermediate. */
    uint64_t lo = (ticks & 0xFFFFFFFFull) * ts->mul;
    uint64_t hi = (ticks >> 32) * ts->mul;
    return hi + (lo >> 32);
}

uint64_t unix_time(unsigned int year, unsigned int mon, unsigned int day,
                   unsigned int hour, unsigned int min, unsigned int sec)
{
    /* Days from 1970-01-01 to year-mon-day (proleptic Gregorian). */
    int y = (int)year - (mon <= 2);
    int era = (y >= 0 ? y : y - 399) / 400;
    unsigned int yoe = (unsigned int)(y - era * 400);
    unsigned int doy = (153 * (mon + (mon > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    unsigned int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    int64_t days = (int64_t)era * 146097 + (int64_t)doe - 719468;
    return (uint64_t)(days * 86400 + hour * 3600 + min * 60 + sec);
}
