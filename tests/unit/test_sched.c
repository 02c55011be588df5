/*
 * The scheduler's arithmetic (sched.h, sched_credit.c): virtual time
 * charged by weight, the pick, the wake floor, caps per 100 ms window,
 * and a simulation of the switching loop schedule.c runs.
 *
 * The simulation: every 10 ms slice, the vCPUs whose domain is within its
 * cap are the candidates; sched_pick() chooses one; it runs the whole
 * slice and is charged for it at the slice's end.  That is what
 * schedule.c does for CPU-bound vCPUs that never block or yield.
 */
// uses: hypervisor/common/sched_credit.c
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "hypervisor/include/sched.h"

#define MS 1000000ull
#define SEC 1000000000ull

static struct sched_vcpu vcpu_with_vtime(uint64_t vtime, int yielded)
{
    return (struct sched_vcpu){ .vtime = vtime, .yielded = yielded };
}

static struct sched_domain domain_with(uint32_t weight, uint32_t cap)
{
    struct sched_domain sd;
    memset(&sd, 0xA5, sizeof(sd));
    sched_domain_init(&sd);
    sd.weight = weight;
    sd.cap = cap;
    return sd;
}

/* ------------------------------------------------------------- charge */

static void test_domain_init_default_weight_no_cap(void **state)
{
    (void)state;
    struct sched_domain sd;
    memset(&sd, 0xA5, sizeof(sd));
    sched_domain_init(&sd);
    assert_int_equal(sd.weight, SCHED_DEFAULT_WEIGHT);
    assert_int_equal(sd.cap, 0);
    assert_int_equal(sd.cpu_time, 0);
    assert_int_equal(sd.window_used, 0);
}

static void test_charge_at_default_weight_is_real_time(void **state)
{
    (void)state;
    struct sched_vcpu sv = vcpu_with_vtime(0, 0);
    struct sched_domain sd = domain_with(256, 0);
    sched_charge(&sv, &sd, 10 * MS, 10 * MS);
    assert_int_equal(sv.vtime, 10 * MS);
    sched_charge(&sv, &sd, 3 * MS, 13 * MS);
    assert_int_equal(sv.vtime, 13 * MS);
}

static void test_charge_is_scaled_by_256_over_weight(void **state)
{
    (void)state;
    static const struct { uint32_t weight; uint64_t vtime; } cases[] = {
        { 512,   5 * MS },              /* twice the weight: half */
        { 1024,  2500000 },
        { 128,   20 * MS },             /* half the weight: double */
        { 1,     2560 * MS },
        { 65535, 10 * MS * 256 / 65535 },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct sched_vcpu sv = vcpu_with_vtime(1000, 0);
        struct sched_domain sd = domain_with(cases[i].weight, 0);
        sched_charge(&sv, &sd, 10 * MS, 10 * MS);
        assert_int_equal(sv.vtime, 1000 + cases[i].vtime);
    }
}

static void test_charge_with_weight_zero_does_not_divide_by_zero(void **state)
{
    (void)state;
    struct sched_vcpu sv = vcpu_with_vtime(0, 0);
    struct sched_domain sd = domain_with(0, 0);
    sched_charge(&sv, &sd, 1 * MS, 1 * MS);
    assert_true(sv.vtime >= 1 * MS);
}

static void test_charge_counts_real_time_as_domain_cpu_time(void **state)
{
    (void)state;
    struct sched_vcpu a = vcpu_with_vtime(0, 0), b = vcpu_with_vtime(0, 0);
    struct sched_domain sd = domain_with(1024, 0);
    sched_charge(&a, &sd, 10 * MS, 10 * MS);
    sched_charge(&b, &sd, 7 * MS, 17 * MS);
    assert_int_equal(sd.cpu_time, 17 * MS);     /* not weighted */
    assert_int_equal(a.vtime, 2500000);
}

/* --------------------------------------------------------------- pick */

static void test_pick_of_nothing_is_minus_one(void **state)
{
    (void)state;
    assert_int_equal(sched_pick(NULL, 0), -1);
}

static void test_pick_takes_least_virtual_time(void **state)
{
    (void)state;
    struct sched_vcpu v[4] = {
        vcpu_with_vtime(50, 0), vcpu_with_vtime(20, 0),
        vcpu_with_vtime(70, 0), vcpu_with_vtime(30, 0),
    };
    struct sched_vcpu *const c[4] = { &v[0], &v[1], &v[2], &v[3] };
    assert_int_equal(sched_pick(c, 4), 1);
    assert_int_equal(sched_pick(c, 1), 0);
    struct sched_vcpu *const last[2] = { &v[2], &v[3] };
    assert_int_equal(sched_pick(last, 2), 1);
}

static void test_pick_prefers_vcpu_that_did_not_yield(void **state)
{
    (void)state;
    struct sched_vcpu v[3] = {
        vcpu_with_vtime(10, 1),         /* least, but yielded */
        vcpu_with_vtime(90, 0),
        vcpu_with_vtime(40, 0),
    };
    struct sched_vcpu *const c[3] = { &v[0], &v[1], &v[2] };
    assert_int_equal(sched_pick(c, 3), 2);
    struct sched_vcpu *const c2[2] = { &v[0], &v[1] };
    assert_int_equal(sched_pick(c2, 2), 1);
}

static void test_pick_runs_yielded_vcpu_if_all_yielded(void **state)
{
    (void)state;
    struct sched_vcpu v[3] = {
        vcpu_with_vtime(30, 1), vcpu_with_vtime(10, 1), vcpu_with_vtime(20, 1),
    };
    struct sched_vcpu *const c[3] = { &v[0], &v[1], &v[2] };
    assert_int_equal(sched_pick(c, 3), 1);
    struct sched_vcpu *const one[1] = { &v[0] };
    assert_int_equal(sched_pick(one, 1), 0);
}

/* --------------------------------------------------------------- wake */

static void test_wake_raises_virtual_time_to_floor(void **state)
{
    (void)state;
    struct sched_vcpu sv = vcpu_with_vtime(5 * MS, 0);
    sched_wake(&sv, 900 * MS);
    assert_int_equal(sv.vtime, 900 * MS);
}

static void test_wake_keeps_virtual_time_above_floor(void **state)
{
    (void)state;
    struct sched_vcpu sv = vcpu_with_vtime(950 * MS, 0);
    sched_wake(&sv, 900 * MS);
    assert_int_equal(sv.vtime, 950 * MS);
}

/* --------------------------------------------------------------- caps */

static void test_uncapped_domain_always_within_cap(void **state)
{
    (void)state;
    struct sched_vcpu sv = vcpu_with_vtime(0, 0);
    struct sched_domain sd = domain_with(256, 0);
    sched_charge(&sv, &sd, 100 * MS, 100 * MS);
    assert_true(sched_within_cap(&sd, 100 * MS));
    sched_charge(&sv, &sd, 99 * MS, 199 * MS);
    assert_true(sched_within_cap(&sd, 199 * MS));
}

static void test_cap_25_refused_after_25ms_of_window(void **state)
{
    (void)state;
    struct sched_vcpu sv = vcpu_with_vtime(0, 0);
    struct sched_domain sd = domain_with(256, 25);
    assert_true(sched_within_cap(&sd, 0));
    sched_charge(&sv, &sd, 10 * MS, 10 * MS);
    assert_true(sched_within_cap(&sd, 10 * MS));
    sched_charge(&sv, &sd, 10 * MS, 30 * MS);
    assert_true(sched_within_cap(&sd, 30 * MS));
    sched_charge(&sv, &sd, 5 * MS - 1, 40 * MS);    /* 1 ns short */
    assert_true(sched_within_cap(&sd, 40 * MS));
    sched_charge(&sv, &sd, 1, 41 * MS);             /* 25 ms used */
    assert_false(sched_within_cap(&sd, 41 * MS));
    assert_false(sched_within_cap(&sd, 99 * MS));
    assert_false(sched_within_cap(&sd, 100 * MS - 1));
}

static void test_cap_allows_again_in_next_window(void **state)
{
    (void)state;
    struct sched_vcpu sv = vcpu_with_vtime(0, 0);
    struct sched_domain sd = domain_with(256, 25);
    sched_charge(&sv, &sd, 25 * MS, 25 * MS);
    assert_false(sched_within_cap(&sd, 50 * MS));
    assert_true(sched_within_cap(&sd, 100 * MS));
    /* The new window has its own 25 ms. */
    sched_charge(&sv, &sd, 25 * MS, 125 * MS);
    assert_false(sched_within_cap(&sd, 130 * MS));
    assert_true(sched_within_cap(&sd, 200 * MS));
}

static void test_cap_windows_stay_on_100ms_grid_after_idle(void **state)
{
    (void)state;
    struct sched_vcpu sv = vcpu_with_vtime(0, 0);
    struct sched_domain sd = domain_with(256, 10);
    /* Idle for 3.25 windows, then use the cap up at 335 ms. */
    sched_charge(&sv, &sd, 10 * MS, 335 * MS);
    assert_false(sched_within_cap(&sd, 335 * MS));
    assert_false(sched_within_cap(&sd, 399 * MS));
    /* The window is [300, 400): a new one starts at 400, not 435. */
    assert_true(sched_within_cap(&sd, 400 * MS));
}

static void test_cap_counts_every_vcpu_of_the_domain(void **state)
{
    (void)state;
    struct sched_vcpu a = vcpu_with_vtime(0, 0), b = vcpu_with_vtime(0, 0);
    struct sched_domain sd = domain_with(256, 20);
    sched_charge(&a, &sd, 10 * MS, 10 * MS);
    assert_true(sched_within_cap(&sd, 10 * MS));
    sched_charge(&b, &sd, 10 * MS, 20 * MS);
    assert_false(sched_within_cap(&sd, 20 * MS));
}

/* --------------------------------------------------------- simulation */

struct sim {
    struct sched_vcpu sv;
    struct sched_domain sd;
    uint64_t ran;               /* ns it ran */
    int asleep;                 /* not runnable */
};

/* Run [now, until) in 10 ms slices as schedule.c does; return the end. */
static uint64_t simulate(struct sim *s, int n, uint64_t now, uint64_t until)
{
    while (now < until) {
        struct sched_vcpu *cand[8];
        int who[8], m = 0;
        for (int i = 0; i < n; i++)
            if (!s[i].asleep && sched_within_cap(&s[i].sd, now)) {
                cand[m] = &s[i].sv;
                who[m++] = i;
            }
        int best = sched_pick(cand, m);
        now += SCHED_SLICE_NS;
        if (best < 0)
            continue;               /* idle */
        struct sim *r = &s[who[best]];
        sched_charge(&r->sv, &r->sd, SCHED_SLICE_NS, now);
        r->ran += SCHED_SLICE_NS;
    }
    return now;
}

static void sim_init(struct sim *s, int n, const uint32_t *weights)
{
    memset(s, 0, sizeof(*s) * (size_t)n);
    for (int i = 0; i < n; i++) {
        sched_domain_init(&s[i].sd);
        s[i].sd.weight = weights[i];
    }
}

/* v's share of total, in percent, is want within tol percentage points. */
static void assert_share(const struct sim *v, uint64_t total, double want,
                         double tol)
{
    double got = 100.0 * (double)v->ran / (double)total;
    if (got < want - tol || got > want + tol)
        fail_msg("share %.2f%%, want %.2f%% +- %.1f", got, want, tol);
}

static void test_sim_weights_1_1_2_4_get_their_shares(void **state)
{
    (void)state;
    static const uint32_t w[4] = { 256, 256, 512, 1024 };
    struct sim s[4];
    sim_init(s, 4, w);
    simulate(s, 4, 0, 10 * SEC);
    assert_share(&s[0], 10 * SEC, 12.5, 2);
    assert_share(&s[1], 10 * SEC, 12.5, 2);
    assert_share(&s[2], 10 * SEC, 25.0, 2);
    assert_share(&s[3], 10 * SEC, 50.0, 2);
    assert_int_equal(s[0].ran + s[1].ran + s[2].ran + s[3].ran, 10 * SEC);
}

static void test_sim_shares_hold_over_every_second(void **state)
{
    (void)state;
    static const uint32_t w[4] = { 100, 100, 200, 400 };
    struct sim s[4];
    sim_init(s, 4, w);
    uint64_t now = 0;
    for (int sec = 0; sec < 10; sec++) {
        uint64_t before[4];
        for (int i = 0; i < 4; i++)
            before[i] = s[i].ran;
        now = simulate(s, 4, now, now + SEC);
        static const double want[4] = { 12.5, 12.5, 25.0, 50.0 };
        for (int i = 0; i < 4; i++) {
            struct sim delta = { .ran = s[i].ran - before[i] };
            assert_share(&delta, SEC, want[i], 2);
        }
    }
}

static void test_sim_vcpu_capped_at_10_percent_gets_at_most_10(void **state)
{
    (void)state;
    static const uint32_t w[4] = { 256, 256, 512, 1024 };
    struct sim s[4];
    sim_init(s, 4, w);
    s[3].sd.cap = 10;               /* the heaviest */
    simulate(s, 4, 0, 10 * SEC);
    assert_true(s[3].ran * 10 <= 10 * SEC);
    assert_share(&s[3], 10 * SEC, 10.0, 2);
    /* The others share the rest 1:1:2 (22.5, 22.5, 45). */
    assert_share(&s[0], 10 * SEC, 22.5, 2);
    assert_share(&s[1], 10 * SEC, 22.5, 2);
    assert_share(&s[2], 10 * SEC, 45.0, 2);
}

static void test_sim_capped_vcpu_alone_leaves_cpu_idle(void **state)
{
    (void)state;
    static const uint32_t w[1] = { 256 };
    struct sim s[1];
    sim_init(s, 1, w);
    s[0].sd.cap = 10;
    simulate(s, 1, 0, 10 * SEC);
    assert_true(s[0].ran * 10 <= 10 * SEC);
    assert_share(&s[0], 10 * SEC, 10.0, 1);
}

static void test_sim_sleeper_wakes_without_banked_credit(void **state)
{
    (void)state;
    static const uint32_t w[4] = { 256, 256, 512, 1024 };
    struct sim s[4];
    sim_init(s, 4, w);
    s[3].asleep = 1;
    uint64_t now = simulate(s, 4, 0, 5 * SEC);
    assert_int_equal(s[3].ran, 0);
    /* It wakes: floor = the least virtual time of the others. */
    uint64_t floor = UINT64_MAX;
    for (int i = 0; i < 3; i++)
        if (s[i].sv.vtime < floor)
            floor = s[i].sv.vtime;
    sched_wake(&s[3].sv, floor);
    s[3].asleep = 0;
    /* Over the next second it gets its share, not the CPU to itself. */
    simulate(s, 4, now, now + SEC);
    struct sim after = { .ran = s[3].ran };
    assert_share(&after, SEC, 50.0, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_domain_init_default_weight_no_cap),
        cmocka_unit_test(test_charge_at_default_weight_is_real_time),
        cmocka_unit_test(test_charge_is_scaled_by_256_over_weight),
        cmocka_unit_test(test_charge_with_weight_zero_does_not_divide_by_zero),
        cmocka_unit_test(test_charge_counts_real_time_as_domain_cpu_time),
        cmocka_unit_test(test_pick_of_nothing_is_minus_one),
        cmocka_unit_test(test_pick_takes_least_virtual_time),
        cmocka_unit_test(test_pick_prefers_vcpu_that_did_not_yield),
        cmocka_unit_test(test_pick_runs_yielded_vcpu_if_all_yielded),
        cmocka_unit_test(test_wake_raises_virtual_time_to_floor),
        cmocka_unit_test(test_wake_keeps_virtual_time_above_floor),
        cmocka_unit_test(test_uncapped_domain_always_within_cap),
        cmocka_unit_test(test_cap_25_refused_after_25ms_of_window),
        cmocka_unit_test(test_cap_allows_again_in_next_window),
        cmocka_unit_test(test_cap_windows_stay_on_100ms_grid_after_idle),
        cmocka_unit_test(test_cap_counts_every_vcpu_of_the_domain),
        cmocka_unit_test(test_sim_weights_1_1_2_4_get_their_shares),
        cmocka_unit_test(test_sim_shares_hold_over_every_second),
        cmocka_unit_test(test_sim_vcpu_capped_at_10_percent_gets_at_most_10),
        cmocka_unit_test(test_sim_capped_vcpu_alone_leaves_cpu_idle),
        cmocka_unit_test(test_sim_sleeper_wakes_without_banked_credit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
