/*
 * The balloon's arithmetic (xenolinux-lite/kernel/balloon_plan.c):
 *
 *   - a target below what the domain holds gives back the difference,
 *     but never the free pages below the floor;
 *   - a target above it takes the difference, but only to refill what
 *     was given back (the boot size) and only as far as the hypervisor's
 *     limit allows, and says which of the two stopped it;
 *   - batches are at most BALLOON_BATCH pages and add up to the move;
 *   - targets arrive in KiB and round down to whole pages.
 *
 * Expected values follow from the rules in balloon_plan.h.
 */
// uses: xenolinux-lite/kernel/balloon_plan.c
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "xenolinux-lite/kernel/balloon_plan.h"

/* A 24 MB domU at boot: 6144 pages, most of them free. */
static struct balloon_state booted(void)
{
    struct balloon_state s = {
        .held = 6144, .ballooned = 0, .free = 5900,
        .floor = balloon_floor(6144), .hv_room = 0,
    };
    return s;
}

static void test_floor_is_a_share_of_the_boot_size_but_at_least_1mb(void **state)
{
    (void)state;
    assert_int_equal(balloon_floor(6144), 384);
    assert_int_equal(balloon_floor(16384), 1024);
    assert_int_equal(balloon_floor(1024), BALLOON_FLOOR_MIN);
    assert_int_equal(balloon_floor(0), BALLOON_FLOOR_MIN);
}

static void test_target_kib_rounds_down_to_pages(void **state)
{
    (void)state;
    assert_int_equal(balloon_target_pages(16384), 4096);
    assert_int_equal(balloon_target_pages(16387), 4096);
    assert_int_equal(balloon_target_pages(4), 1);
    assert_int_equal(balloon_target_pages(3), 0);
    assert_int_equal(balloon_target_pages(0), 0);
    assert_int_equal(balloon_target_pages(-4096), 0);
}

static void test_target_held_already_moves_nothing(void **state)
{
    (void)state;
    struct balloon_state s = booted();
    struct balloon_plan p;
    balloon_plan(&s, 6144, &p);
    assert_int_equal(p.give, 0);
    assert_int_equal(p.take, 0);
    assert_int_equal(p.limit, BALLOON_REACHED);
}

static void test_shrink_gives_back_the_difference(void **state)
{
    (void)state;
    struct balloon_state s = booted();
    struct balloon_plan p;
    balloon_plan(&s, 4096, &p);
    assert_int_equal(p.give, 2048);
    assert_int_equal(p.take, 0);
    assert_int_equal(p.limit, BALLOON_REACHED);
}

static void test_shrink_never_takes_free_pages_below_the_floor(void **state)
{
    (void)state;
    struct balloon_state s = booted();
    struct balloon_plan p;
    balloon_plan(&s, 256, &p);          /* wants 5888; 5900 - 384 spare */
    assert_int_equal(p.give, 5900 - 384);
    assert_int_equal(p.limit, BALLOON_AT_FLOOR);
    s.free = s.floor;                   /* nothing to spare */
    balloon_plan(&s, 4096, &p);
    assert_int_equal(p.give, 0);
    assert_int_equal(p.limit, BALLOON_AT_FLOOR);
    s.free = 10;                        /* below the floor already */
    balloon_plan(&s, 4096, &p);
    assert_int_equal(p.give, 0);
    assert_int_equal(p.limit, BALLOON_AT_FLOOR);
}

static void test_grow_refills_what_was_given_back(void **state)
{
    (void)state;
    struct balloon_state s = { .held = 4096, .ballooned = 2048, .free = 3800,
                               .floor = 384, .hv_room = 2048 };
    struct balloon_plan p;
    balloon_plan(&s, 6144, &p);
    assert_int_equal(p.take, 2048);
    assert_int_equal(p.give, 0);
    assert_int_equal(p.limit, BALLOON_REACHED);
    balloon_plan(&s, 5000, &p);
    assert_int_equal(p.take, 904);
    assert_int_equal(p.limit, BALLOON_REACHED);
}

static void test_grow_stops_at_the_boot_size(void **state)
{
    (void)state;
    struct balloon_state s = { .held = 4096, .ballooned = 2048, .free = 3800,
                               .floor = 384, .hv_room = 10000 };
    struct balloon_plan p;
    balloon_plan(&s, 8192, &p);
    assert_int_equal(p.take, 2048);
    assert_int_equal(p.limit, BALLOON_AT_BOOT_SIZE);
    s = booted();
    s.hv_room = 1000;
    balloon_plan(&s, 7000, &p);         /* never ballooned: nothing to refill */
    assert_int_equal(p.take, 0);
    assert_int_equal(p.limit, BALLOON_AT_BOOT_SIZE);
}

static void test_grow_stops_at_the_hypervisors_limit(void **state)
{
    (void)state;
    struct balloon_state s = { .held = 4096, .ballooned = 2048, .free = 3800,
                               .floor = 384, .hv_room = 100 };
    struct balloon_plan p;
    balloon_plan(&s, 6144, &p);
    assert_int_equal(p.take, 100);
    assert_int_equal(p.limit, BALLOON_AT_HV_LIMIT);
    s.hv_room = 0;
    balloon_plan(&s, 6144, &p);
    assert_int_equal(p.take, 0);
    assert_int_equal(p.limit, BALLOON_AT_HV_LIMIT);
}

static void test_batches_are_bounded_and_add_up(void **state)
{
    (void)state;
    assert_int_equal(balloon_batch(0), 0);
    assert_int_equal(balloon_batch(1), 1);
    assert_int_equal(balloon_batch(BALLOON_BATCH), BALLOON_BATCH);
    assert_int_equal(balloon_batch(BALLOON_BATCH + 1), BALLOON_BATCH);
    uint32_t moved = 0, batches = 0, n;
    while ((n = balloon_batch(2048 + 7 - moved)) > 0) {
        assert_true(n <= BALLOON_BATCH);
        moved += n;
        batches++;
    }
    assert_int_equal(moved, 2055);
    assert_int_equal(batches, 9);
}

static void test_every_limit_has_words(void **state)
{
    (void)state;
    assert_string_equal(balloon_limit_text(BALLOON_AT_FLOOR),
                        "the kernel cannot spare more free pages");
    assert_non_null(balloon_limit_text(BALLOON_REACHED));
    assert_non_null(balloon_limit_text(BALLOON_AT_BOOT_SIZE));
    assert_non_null(balloon_limit_text(BALLOON_AT_HV_LIMIT));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_floor_is_a_share_of_the_boot_size_but_at_least_1mb),
        cmocka_unit_test(test_target_kib_rounds_down_to_pages),
        cmocka_unit_test(test_target_held_already_moves_nothing),
        cmocka_unit_test(test_shrink_gives_back_the_difference),
        cmocka_unit_test(test_shrink_never_takes_free_pages_below_the_floor),
        cmocka_unit_test(test_grow_refills_what_was_given_back),
        cmocka_unit_test(test_grow_stops_at_the_boot_size),
        cmocka_unit_test(test_grow_stops_at_the_hypervisors_limit),
        cmocka_unit_test(test_batches_are_bounded_and_add_up),
        cmocka_unit_test(test_every_limit_has_words),
    };
    return cmocka_run_group_tests(tests, 0, 0);
}
