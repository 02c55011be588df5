/*
 * The arithmetic of time (time.h, time_scale.c): the Xen-style tick to
 * nanosecond scale (ABI 3.4: ns = ((ticks << shift) * mul) >> 32, a
 * negative shift shifting right) and calendar dates to Unix time.
 *
 * Scales are checked against exact 128-bit arithmetic and against the
 * true conversion ticks * 1e9 / Hz; dates against values worked out by
 * hand (and with `date -u -d ... +%s`), not taken from the code.
 */
// uses: hypervisor/common/time_scale.c
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "hypervisor/include/time.h"

#define NS_PER_SEC 1000000000ull
#define DAY 86400ull

typedef unsigned __int128 u128;

/* What a guest computes from the published scale (ABI 3.4), exactly. */
static uint64_t guest_scale(const struct time_scale *ts, uint64_t ticks)
{
    u128 t = ts->shift < 0 ? (u128)(ticks >> -ts->shift)
                           : (u128)ticks << ts->shift;
    return (uint64_t)((t * ts->mul) >> 32);
}

/* The true nanoseconds for ticks at hz, rounded down. */
static uint64_t true_ns(uint64_t hz, uint64_t ticks)
{
    return (uint64_t)((u128)ticks * NS_PER_SEC / hz);
}

static uint64_t absdiff(uint64_t a, uint64_t b)
{
    return a > b ? a - b : b - a;
}

static struct time_scale scale_for(uint64_t hz)
{
    struct time_scale ts = { .mul = 0xDEADBEEF, .shift = 99 };
    time_scale_compute(hz, &ts);
    return ts;
}

/* One second of ticks is 1e9 ns within max_err ns. */
static void assert_one_second(uint64_t hz, uint64_t max_err)
{
    struct time_scale ts = scale_for(hz);
    uint64_t ns = time_scale_apply(&ts, hz);
    if (absdiff(ns, NS_PER_SEC) > max_err)
        fail_msg("%llu Hz: one second is %llu ns", (unsigned long long)hz,
                 (unsigned long long)ns);
    /* A guest applying the published mul/shift gets the same. */
    assert_int_equal(ns, guest_scale(&ts, hz));
}

static void test_scale_1ghz_one_second_is_1e9_ns(void **state)
{
    (void)state;
    assert_one_second(1000000000ull, 0);
    struct time_scale ts = scale_for(1000000000ull);
    assert_int_equal(time_scale_apply(&ts, 1), 1);
    assert_int_equal(time_scale_apply(&ts, 123456789), 123456789);
}

static void test_scale_2_6ghz_one_second_is_1e9_ns(void **state)
{
    (void)state;
    assert_one_second(2600000000ull, 4);
}

static void test_scale_100mhz_one_second_is_1e9_ns(void **state)
{
    (void)state;
    assert_one_second(100000000ull, 4);
    struct time_scale ts = scale_for(100000000ull);
    assert_int_equal(time_scale_apply(&ts, 1), 10);
}

static void test_scale_3_9ghz_one_second_is_1e9_ns(void **state)
{
    (void)state;
    assert_one_second(3900000000ull, 4);
}

static void test_scale_500khz_one_second_is_1e9_ns(void **state)
{
    (void)state;
    assert_one_second(500000ull, 4);
    struct time_scale ts = scale_for(500000ull);
    assert_true(absdiff(time_scale_apply(&ts, 1), 2000) <= 1);
}

static const uint64_t freqs[] = {
    1000000000ull, 2600000000ull, 100000000ull, 3900000000ull, 500000ull,
    1193182ull,                 /* the PIT */
    2000000000ull, 2000000001ull, 4294967295ull, 8000000000ull,
};
#define NFREQS (sizeof(freqs) / sizeof(freqs[0]))

/* The published mul is 0.32 fixed point in [0.5, 1): the guest's
 * frequency formula (ABI 3.4) gives back the rate. */
static void test_scale_is_normalised_and_gives_back_frequency(void **state)
{
    (void)state;
    for (size_t i = 0; i < NFREQS; i++) {
        struct time_scale ts = scale_for(freqs[i]);
        assert_true(ts.mul >= 0x80000000u);
        assert_true(ts.shift >= -32 && ts.shift <= 32);
        u128 hz = ((u128)NS_PER_SEC << 32) / ts.mul;
        hz = ts.shift < 0 ? hz << -ts.shift : hz >> ts.shift;
        /* within 1 ppm plus the rounding of a right shift */
        uint64_t err = absdiff((uint64_t)hz, freqs[i]);
        if (err > freqs[i] / 1000000 + 2)
            fail_msg("%llu Hz comes back as %llu Hz",
                     (unsigned long long)freqs[i], (unsigned long long)hz);
    }
}

static void test_scale_of_zero_ticks_is_zero(void **state)
{
    (void)state;
    for (size_t i = 0; i < NFREQS; i++) {
        struct time_scale ts = scale_for(freqs[i]);
        assert_int_equal(time_scale_apply(&ts, 0), 0);
    }
}

static void test_scale_is_monotonic(void **state)
{
    (void)state;
    for (size_t i = 0; i < NFREQS; i++) {
        struct time_scale ts = scale_for(freqs[i]);
        uint64_t prev = 0;
        /* Every tick near 0 and near 2^32, then growing steps to a day. */
        for (uint64_t t = 0; t < 5000; t++) {
            uint64_t ns = time_scale_apply(&ts, t);
            assert_true(ns >= prev);
            prev = ns;
        }
        prev = time_scale_apply(&ts, 0xFFFFF000ull);
        for (uint64_t t = 0xFFFFF000ull; t < 0x100001000ull; t++) {
            uint64_t ns = time_scale_apply(&ts, t);
            assert_true(ns >= prev);
            prev = ns;
        }
        prev = 0;
        uint64_t day = freqs[i] * DAY;
        for (uint64_t t = 1; t <= day; t += t / 7 + 1) {
            uint64_t ns = time_scale_apply(&ts, t);
            assert_true(ns >= prev);
            prev = ns;
        }
    }
}

static void test_scale_accurate_across_range(void **state)
{
    (void)state;
    for (size_t i = 0; i < NFREQS; i++) {
        struct time_scale ts = scale_for(freqs[i]);
        for (uint64_t t = 1; t <= freqs[i] * 10; t = t * 3 + 1) {
            uint64_t ns = time_scale_apply(&ts, t);
            assert_int_equal(ns, guest_scale(&ts, t));
            /* error < 1 ppm + 2 ticks' worth */
            uint64_t want = true_ns(freqs[i], t);
            uint64_t slack = want / 1000000 + 2 * NS_PER_SEC / freqs[i] + 2;
            if (absdiff(ns, want) > slack)
                fail_msg("%llu Hz, %llu ticks: %llu ns, want %llu",
                         (unsigned long long)freqs[i], (unsigned long long)t,
                         (unsigned long long)ns, (unsigned long long)want);
        }
    }
}

static void test_scale_day_of_ticks_does_not_overflow(void **state)
{
    (void)state;
    for (size_t i = 0; i < NFREQS; i++) {
        struct time_scale ts = scale_for(freqs[i]);
        uint64_t ticks = freqs[i] * DAY;
        uint64_t ns = time_scale_apply(&ts, ticks);
        assert_int_equal(ns, guest_scale(&ts, ticks));
        /* 86400 s within 1 ppm (86 us). */
        if (absdiff(ns, DAY * NS_PER_SEC) > DAY * 1000)
            fail_msg("%llu Hz: a day is %llu ns",
                     (unsigned long long)freqs[i], (unsigned long long)ns);
    }
}

static void test_scale_years_of_ticks_does_not_overflow(void **state)
{
    (void)state;
    /* 10 years at 3.9 GHz is 1.2e18 ticks: ticks * mul needs 96 bits. */
    struct time_scale ts = scale_for(3900000000ull);
    uint64_t ticks = 3900000000ull * DAY * 3652;
    uint64_t ns = time_scale_apply(&ts, ticks);
    assert_int_equal(ns, guest_scale(&ts, ticks));
    assert_true(absdiff(ns, DAY * 3652 * NS_PER_SEC) < DAY * 3652 * 1000);
}

/* -------------------------------------------------------------- dates */

static void test_unix_time_epoch_is_zero(void **state)
{
    (void)state;
    assert_int_equal(unix_time(1970, 1, 1, 0, 0, 0), 0);
    assert_int_equal(unix_time(1970, 1, 1, 0, 0, 1), 1);
    assert_int_equal(unix_time(1970, 1, 2, 0, 0, 0), DAY);
    assert_int_equal(unix_time(1970, 12, 31, 23, 59, 59), 365 * DAY - 1);
}

static void test_unix_time_2000_03_01(void **state)
{
    (void)state;
    /* 30 years with 7 leap days (1972..1996), then Jan + 29-day Feb. */
    uint64_t days = 30 * 365 + 7 + 31 + 29;
    assert_int_equal(days * DAY, 951868800);
    assert_int_equal(unix_time(2000, 3, 1, 0, 0, 0), 951868800);
}

static void test_unix_time_2026_11_23_10_00(void **state)
{
    (void)state;
    /* 56 years with 14 leap days (1972..2024); then Jan..Oct of 2026
     * (31+28+31+30+31+30+31+31+30+31 = 304) and 22 days; then 10 hours. */
    uint64_t days = 56 * 365 + 14 + 304 + 22;
    uint64_t want = days * DAY + 10 * 3600;
    assert_int_equal(want, 1795428000);
    assert_int_equal(unix_time(2026, 11, 23, 10, 0, 0), want);
}

static void test_unix_time_past_32_bits(void **state)
{
    (void)state;
    assert_int_equal(unix_time(2038, 1, 19, 3, 14, 8), 2147483648ull);
    assert_int_equal(unix_time(2106, 2, 7, 6, 28, 16), 4294967296ull);
}

static void test_unix_time_leap_years(void **state)
{
    (void)state;
    /* Feb 29 exists in years divisible by 4, except centuries, except
     * every 400th year. */
    assert_int_equal(unix_time(2000, 3, 1, 0, 0, 0) -
                     unix_time(2000, 2, 28, 0, 0, 0), 2 * DAY);
    assert_int_equal(unix_time(2000, 2, 29, 0, 0, 0), 951782400);
    assert_int_equal(unix_time(2024, 3, 1, 0, 0, 0) -
                     unix_time(2024, 2, 28, 0, 0, 0), 2 * DAY);
    assert_int_equal(unix_time(2023, 3, 1, 0, 0, 0) -
                     unix_time(2023, 2, 28, 0, 0, 0), DAY);
    assert_int_equal(unix_time(2100, 3, 1, 0, 0, 0) -
                     unix_time(2100, 2, 28, 0, 0, 0), DAY);
    assert_int_equal(unix_time(2400, 3, 1, 0, 0, 0) -
                     unix_time(2400, 2, 28, 0, 0, 0), 2 * DAY);
    /* Year lengths. */
    assert_int_equal(unix_time(1973, 1, 1, 0, 0, 0) -
                     unix_time(1972, 1, 1, 0, 0, 0), 366 * DAY);
    assert_int_equal(unix_time(1972, 1, 1, 0, 0, 0), 2 * 365 * DAY);
    assert_int_equal(unix_time(2101, 1, 1, 0, 0, 0) -
                     unix_time(2100, 1, 1, 0, 0, 0), 365 * DAY);
    assert_int_equal(unix_time(2024, 12, 31, 23, 59, 59), 1735689599);
}

static void test_unix_time_month_boundaries_are_consecutive(void **state)
{
    (void)state;
    static const unsigned int mdays[12] = { 31, 28, 31, 30, 31, 30,
                                            31, 31, 30, 31, 30, 31 };
    for (unsigned int y = 1970; y < 2110; y++) {
        int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        for (unsigned int m = 1; m <= 12; m++) {
            unsigned int last = mdays[m - 1] + (m == 2 && leap);
            uint64_t end = unix_time(y, m, last, 23, 59, 59);
            uint64_t next = m == 12 ? unix_time(y + 1, 1, 1, 0, 0, 0)
                                    : unix_time(y, m + 1, 1, 0, 0, 0);
            if (next != end + 1)
                fail_msg("%u-%02u-%02u 23:59:59 is %llu, the next day %llu",
                         y, m, last, (unsigned long long)end,
                         (unsigned long long)next);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scale_1ghz_one_second_is_1e9_ns),
        cmocka_unit_test(test_scale_2_6ghz_one_second_is_1e9_ns),
        cmocka_unit_test(test_scale_100mhz_one_second_is_1e9_ns),
        cmocka_unit_test(test_scale_3_9ghz_one_second_is_1e9_ns),
        cmocka_unit_test(test_scale_500khz_one_second_is_1e9_ns),
        cmocka_unit_test(test_scale_is_normalised_and_gives_back_frequency),
        cmocka_unit_test(test_scale_of_zero_ticks_is_zero),
        cmocka_unit_test(test_scale_is_monotonic),
        cmocka_unit_test(test_scale_accurate_across_range),
        cmocka_unit_test(test_scale_day_of_ticks_does_not_overflow),
        cmocka_unit_test(test_scale_years_of_ticks_does_not_overflow),
        cmocka_unit_test(test_unix_time_epoch_is_zero),
        cmocka_unit_test(test_unix_time_2000_03_01),
        cmocka_unit_test(test_unix_time_2026_11_23_10_00),
        cmocka_unit_test(test_unix_time_past_32_bits),
        cmocka_unit_test(test_unix_time_leap_years),
        cmocka_unit_test(test_unix_time_month_boundaries_are_consecutive),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
