/*
 * snprintf as the hypervisor and xenolinux-lite's user C library have it
 * (hypervisor/lib/vsnprintf.c), built on the host under another name so that it cannot be confused
 * with the host C library's.  Every expected string below was worked out
 * by hand; for the conversions both support it is also what C's gives.
 */
// uses: -fno-builtin -Dsnprintf=xlu_snprintf -Dvsnprintf=xlu_vsnprintf hypervisor/lib/vsnprintf.c
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

/* The user library's declaration (user.h), under the name given above. */
int snprintf(char *buf, unsigned int size, const char *fmt, ...);

#define BIG 64

static void test_plain_text_and_percent(void **state)
{
    char buf[BIG];
    (void)state;
    assert_int_equal(snprintf(buf, sizeof(buf), "abc"), 3);
    assert_string_equal(buf, "abc");
    assert_int_equal(snprintf(buf, sizeof(buf), "100%%"), 4);
    assert_string_equal(buf, "100%");
    assert_int_equal(snprintf(buf, sizeof(buf), ""), 0);
    assert_string_equal(buf, "");
}

static void test_signed_decimal(void **state)
{
    char buf[BIG];
    (void)state;
    snprintf(buf, sizeof(buf), "%d %d %d", 0, 42, -7);
    assert_string_equal(buf, "0 42 -7");
    snprintf(buf, sizeof(buf), "%d %d", 2147483647, (int)-2147483647 - 1);
    assert_string_equal(buf, "2147483647 -2147483648");
}

static void test_unsigned_and_hex(void **state)
{
    char buf[BIG];
    (void)state;
    snprintf(buf, sizeof(buf), "%u %u", 0u, 4294967295u);
    assert_string_equal(buf, "0 4294967295");
    snprintf(buf, sizeof(buf), "%x %x %x", 0u, 0xcafeu, 0xffffffffu);
    assert_string_equal(buf, "0 cafe ffffffff");
}

static void test_width_pads_with_spaces(void **state)
{
    char buf[BIG];
    (void)state;
    snprintf(buf, sizeof(buf), "[%5d][%4x][%3u][%6s][%3c]", -42, 0xabu, 7u,
             "ab", 'z');
    assert_string_equal(buf, "[  -42][  ab][  7][    ab][  z]");
    /* A width smaller than the text changes nothing. */
    snprintf(buf, sizeof(buf), "[%2d][%1s]", 12345, "long");
    assert_string_equal(buf, "[12345][long]");
}

static void test_zero_padding_goes_after_the_sign(void **state)
{
    char buf[BIG];
    (void)state;
    snprintf(buf, sizeof(buf), "%08x %04u %03d %05d", 0x1f2u, 9u, -5, 12);
    assert_string_equal(buf, "000001f2 0009 -05 00012");
}

static void test_strings_and_chars(void **state)
{
    char buf[BIG];
    (void)state;
    snprintf(buf, sizeof(buf), "%s=%c%s", "key", '\'', (const char *)NULL);
    assert_string_equal(buf, "key='(null)");
}

static void test_unknown_conversion_copied_out(void **state)
{
    char buf[BIG];
    (void)state;
    assert_int_equal(snprintf(buf, sizeof(buf), "a%qb"), 4);
    assert_string_equal(buf, "a%qb");
    assert_int_equal(snprintf(buf, sizeof(buf), "end%"), 4);
    assert_string_equal(buf, "end%");
    assert_int_equal(snprintf(buf, sizeof(buf), "end%05"), 6);
    assert_string_equal(buf, "end%05");
}

static void test_truncation_keeps_nul_and_reports_full_length(void **state)
{
    char buf[8];
    (void)state;
    memset(buf, 'X', sizeof(buf));
    assert_int_equal(snprintf(buf, 5, "%s-%d", "abcdef", 123), 10);
    assert_string_equal(buf, "abcd");
    assert_int_equal(buf[5], 'X');         /* nothing past size */

    memset(buf, 'X', sizeof(buf));
    assert_int_equal(snprintf(buf, 1, "abc"), 3);
    assert_int_equal(buf[0], '\0');
    assert_int_equal(buf[1], 'X');

    /* size 0: nothing written, not even the NUL. */
    memset(buf, 'X', sizeof(buf));
    assert_int_equal(snprintf(buf, 0, "%u", 12345u), 5);
    assert_int_equal(buf[0], 'X');

    /* Exactly fitting text. */
    assert_int_equal(snprintf(buf, 4, "abc"), 3);
    assert_string_equal(buf, "abc");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_text_and_percent),
        cmocka_unit_test(test_signed_decimal),
        cmocka_unit_test(test_unsigned_and_hex),
        cmocka_unit_test(test_width_pads_with_spaces),
        cmocka_unit_test(test_zero_padding_goes_after_the_sign),
        cmocka_unit_test(test_strings_and_chars),
        cmocka_unit_test(test_unknown_conversion_copied_out),
        cmocka_unit_test(test_truncation_keeps_nul_and_reports_full_length),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
