/*
 * The hypervisor's console history (xl dmesg): it keeps the newest 16 KB
 * in order, hands them out oldest first in at most two pieces, stops at
 * the reader's size, passes a reader's error on, and clears on request.
 */
// uses: hypervisor/common/console_history.c
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "hypervisor/include/console.h"

#define HISTORY 16384

static char got[2 * HISTORY];
static int pieces;

static int collect(void *ctx, size_t off, const char *p, size_t n)
{
    (void)ctx;
    memcpy(got + off, p, n);
    pieces++;
    return 0;
}

static int refuse(void *ctx, size_t off, const char *p, size_t n)
{
    (void)ctx; (void)off; (void)p; (void)n;
    return -14;
}

static void drain(void)
{
    console_history_read(2 * HISTORY, 1, collect, NULL);
}

static void test_keeps_what_was_written(void **state)
{
    (void)state;
    drain();
    console_history_append("(XEN) hello\n", 12);
    console_history_append("(XEN) world\n", 12);
    memset(got, 0, sizeof(got));
    assert_int_equal(console_history_read(100, 0, collect, NULL), 24);
    assert_memory_equal(got, "(XEN) hello\n(XEN) world\n", 24);
    /* Without clear, a second read sees the same text. */
    assert_int_equal(console_history_read(100, 0, collect, NULL), 24);
    /* A small reader gets the oldest bytes. */
    memset(got, 0, sizeof(got));
    assert_int_equal(console_history_read(5, 0, collect, NULL), 5);
    assert_memory_equal(got, "(XEN)", 5);
}

static void test_wraps_keeping_the_newest(void **state)
{
    (void)state;
    drain();
    char line[100];
    for (int i = 0; i < 1000; i++) {      /* 1000 numbered 32-byte lines */
        int n = snprintf(line, sizeof(line), "(XEN) line %020d\n", i);
        assert_int_equal(n, 32);
        console_history_append(line, 32);
    }
    pieces = 0;
    memset(got, 0, sizeof(got));
    assert_int_equal(console_history_read(2 * HISTORY, 0, collect, NULL), HISTORY);
    assert_true(pieces >= 1 && pieces <= 2);
    /* 16384 / 32 = 512 lines: the last 512, oldest first. */
    for (int i = 0; i < 512; i++) {
        snprintf(line, sizeof(line), "(XEN) line %020d\n", 488 + i);
        assert_memory_equal(got + 32 * i, line, 32);
    }
}

static void test_clear_and_errors(void **state)
{
    (void)state;
    drain();
    console_history_append("abc", 3);
    assert_int_equal(console_history_read(10, 1, refuse, NULL), -14);
    /* A failed read clears nothing. */
    assert_int_equal(console_history_read(10, 1, collect, NULL), 3);
    assert_int_equal(console_history_read(10, 0, collect, NULL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keeps_what_was_written),
        cmocka_unit_test(test_wraps_keeping_the_newest),
        cmocka_unit_test(test_clear_and_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
